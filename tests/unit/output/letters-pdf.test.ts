/** The PDFs' text, extracted with pdf.js: amounts in fr-FR, accents and the mandatory mentions intact. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildLetter, emptyWorkspace, type Workspace } from '../../../src/core/index.ts';
import { nodeFonts } from '../../../src/output/pdf/fonts-node.ts';
import { coveredBySubset, needsWholeFont, subsetCharacters } from '../../../src/output/pdf/font-subset.ts';
import { newDocument, renderLetters } from '../../../src/output/pdf/letters.ts';
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

describe('documents a lawyer would sign, as printed', () => {
  const full: Workspace = {
    ...workspace,
    profile: { ...workspace.profile, legalForm: 'SARL au capital de 5 000 €' },
    customers: [{ customerId: 'C1', regime: 'b2b', address: 'Service comptabilité fournisseurs\nDirection financière\nBâtiment B, résidence les Tilleuls\nEntrée 3\n18 boulevard des Belges prolongé jusqu’au quai\n69006 Lyon' }],
  };
  const overdue = anInvoice({ customer: 'C1', number: 'F-1', issued: '2025-10-01', due: '2025-10-31', amount: 4800 });

  it('a long address keeps its name and its postcode line in the window; a credit note is a printed, deducted line', async () => {
    const credit = anInvoice({ customer: 'C1', number: 'AV-7', issued: '2025-11-15', due: null, amount: -300 });
    const m = buildLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices: [overdue, credit], asOf: d('2025-12-31'), workspace: full });
    expect(m.recipient.length).toBeLessThanOrEqual(6);
    const text = (await pagesText(renderLetters([m], fonts))).join('\n');
    for (const part of ['Cabinet Dubœuf « Frères »', '18 BD DES BELGES PROLONGÉ JUSQU’AU QU', '69006 LYON', 'Avoir AV-7', '-300,00 €', 'Avoirs et paiements non affectés déduits', '4 637,47 €']) expect(text).toContain(part);
  });

  it('a payment-order pack whose interest takes the claim over €5,000 offers no small-claims route', async () => {
    const m = buildLetter({ kind: 'injonction_de_payer', lang: 'fr', customer, invoices: [anInvoice({ customer: 'C1', number: 'F-2', issued: '2023-01-01', due: '2023-01-31', amount: 4900 })], asOf: d('2025-12-31'), workspace: full });
    const text = (await pagesText(renderLetters([m], fonts))).join('\n');
    expect(text).toContain('DOCUMENT DE TRAVAIL');
    expect(text).toContain('Détail du calcul des intérêts');
    expect(text).not.toContain('petites créances');
  });

  it('an English formal notice to a public buyer', async () => {
    const m = buildLetter({ kind: 'mise_en_demeure', lang: 'en', customer, invoices: [overdue], asOf: d('2025-12-31'), workspace: { ...full, customers: [{ ...full.customers[0]!, regime: 'public' }] } });
    const text = (await pagesText(renderLetters([m], fonts))).join('\n');
    expect(text).toContain('FORMAL NOTICE TO PAY');
    expect(text).toContain('Moratory interest');
    expect(text).toContain('R. 2192-31');
  });
});

describe('the embedded font', () => {
  it('the Latin subset prints every character it claims to hold', async () => {
    // pdf.js gives back spaces (and the soft hyphen) its own way: those are left out of the comparison.
    const chars = [...subsetCharacters()].filter((c) => !/[\s\u00ad]/u.test(c));
    const doc = newDocument(nodeFonts());
    for (let i = 0; i < chars.length; i += 50) doc.text(chars.slice(i, i + 50).join(''), 15, 20 + (i / 50) * 8);
    const text = (await pagesText(doc.output('arraybuffer'))).join('').replace(/\s/g, '');
    // pdf.js reads the micro sign back as the Greek mu it is a compatibility form of.
    expect([...text]).toEqual(chars.map((c) => (c === '\u00b5' ? '\u03bc' : c)));
  });

  it('a French letter stays within the subset and weighs a few tens of kilobytes', () => {
    const invoices = [anInvoice({ customer: 'C1', number: 'F-1', issued: '2026-01-15', due: '2026-02-14', amount: 12345.67 })];
    const m = buildLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices, asOf: d('2026-04-20'), workspace });
    expect(needsWholeFont([m])).toBe(false);
    expect(renderLetters([m], fonts).byteLength).toBeLessThan(40_000);
  });

  it('a customer named in Greek needs the whole font, which prints the name', async () => {
    const greek = { id: 'G', code: null, name: 'Ελληνική Εταιρεία ΑΕ' };
    const invoices = [anInvoice({ customer: 'G', number: 'F-2', issued: '2026-01-15', due: '2026-02-14', amount: 10 })];
    const m = buildLetter({ kind: 'rappel', lang: 'fr', customer: greek, invoices, asOf: d('2026-04-20'), workspace });
    expect(needsWholeFont([m])).toBe(true);
    expect((await pagesText(renderLetters([m], nodeFonts(true)))).join('\n')).toContain('Ελληνική Εταιρεία ΑΕ');
  });

  it('knows what the subset holds', () => {
    expect(coveredBySubset('Dubœuf « 12\u202f345,67 € » – n° 3 × 2\n')).toBe(true);
    expect(coveredBySubset('Ελλάδα')).toBe(false);
    expect(coveredBySubset('Nguyễn')).toBe(false);
  });
});

describe('size', () => {
  it('a one-page mise en demeure with the Latin subsets (no hinting, no layout tables) weighs at most 20 KB', () => {
    const invoices = [anInvoice({ customer: 'C1', number: 'F-1', issued: '2026-01-15', due: '2026-02-14', amount: 12345.67 })];
    const m = buildLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices, asOf: d('2026-04-20'), workspace });
    const bytes = renderLetters([m], fonts).byteLength;
    expect(bytes).toBeLessThanOrEqual(20 * 1024);
    expect(bytes).toBeGreaterThan(8 * 1024);
  });
});
