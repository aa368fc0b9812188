/** The PDFs' text, extracted with pdf.js: amounts in fr-FR, accents and the mandatory mentions intact. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildLetter, emptyWorkspace, type Workspace } from '../../../src/core/index.ts';
import { nodeFonts } from '../../../src/output/pdf/fonts-node.ts';
import { renderLetters } from '../../../src/output/pdf/letters.ts';
import { anInvoice, d } from '../../support/builders.ts';

async function pagesText(pdf: ArrayBuffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    out.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/[\u202f\u00a0]/g, ' '));
  }
  return out;
}

const workspace: Workspace = { ...emptyWorkspace(), profile: { company: 'Atelier Zoé SARL', siren: '123 456 789', siret: '', address: '12 rue de l’Église\n75011 Paris', iban: 'FR76 1234', signatory: 'Zoé Lefèvre', marginPercent: null } };
const customer = { id: 'C1', code: null, name: 'Cabinet Dubœuf « Frères »' };
const fonts = nodeFonts();

describe('renderLetters', () => {
  it('prints a customer name carrying HTML, scripts and a right-to-left override as plain text', async () => {
    const evil = { id: 'E', code: null, name: '<img src=x onerror=alert(1)>"><script>x</script>\u202eevil' };
    const invoices = [anInvoice({ customer: 'E', number: 'F-<b>1</b>', issued: '2026-01-15', due: '2026-02-14', amount: 10 })];
    const m = buildLetter({ kind: 'rappel', lang: 'fr', customer: evil, invoices, asOf: d('2026-04-20'), workspace });
    const text = (await pagesText(renderLetters([m], fonts))).join('\n');
    expect(text).toContain('<img src=x');
    expect(text).toContain('onerror=alert(1)>');
    expect(text).toContain('F-<b>1</b>');
  });

  it.each(['rappel', 'relance', 'mise_en_demeure'] as const)('%s: amounts, accents and mentions survive in the PDF text', async (kind) => {
    const invoices = [anInvoice({ customer: 'C1', number: 'F-1', issued: '2026-01-15', due: '2026-02-14', amount: 12345.67 })];
    const m = buildLetter({ kind, lang: 'fr', customer, invoices, asOf: d('2026-04-20'), workspace });
    const text = (await pagesText(renderLetters([m], fonts))).join('\n');
    expect(text).toContain('12 345,67 €');
    expect(text).toContain('Cabinet Dubœuf « Frères »');
    expect(text).toContain('Atelier Zoé SARL');
    expect(text).toContain('SIREN 123 456 789');
    expect(text).toMatch(/Page 1 \/ [12]/);
    if (kind === 'mise_en_demeure') {
      expect(text).toContain('LETTRE RECOMMANDÉE AVEC DEMANDE D’AVIS DE RÉCEPTION');
      expect(text).toContain('MISE EN DEMEURE DE PAYER');
      expect(text).toContain('arrêtées au 20 avril 2026');
      expect(text).toContain('D. 441-5');
    }
  });

  it('continues a 40-invoice statement across pages with page numbers', async () => {
    const invoices = Array.from({ length: 40 }, (_, i) => anInvoice({ customer: 'C1', number: `F-${String(i + 1).padStart(3, '0')}`, issued: '2026-01-15', due: '2026-02-14', amount: 100 + i }));
    const m = buildLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices, asOf: d('2026-04-20'), workspace });
    const pages = await pagesText(renderLetters([m], fonts));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]).toContain('F-001');
    expect(pages.join('\n')).toContain('F-040');
    expect(pages[pages.length - 1]).toContain(`Page ${pages.length} / ${pages.length}`);
  });

  it('starts every letter on an odd page for duplex printing', async () => {
    const invoices = [anInvoice({ customer: 'C1', number: 'F-1', issued: '2026-01-15', due: '2026-02-14', amount: 100 })];
    const m = buildLetter({ kind: 'rappel', lang: 'fr', customer, invoices, asOf: d('2026-04-20'), workspace });
    const pages = await pagesText(renderLetters([m, m, m], fonts, { duplex: true }));
    expect(pages).toHaveLength(5);
    expect(pages[1]?.trim()).toBe('');
    expect(pages[2]).toContain('Cabinet Dubœuf');
  });
});
