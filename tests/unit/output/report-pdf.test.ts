import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildAuditReport, consolidate, emptyWorkspace, lateInterest } from '../../../src/core/index.ts';
import { nodeFonts } from '../../../src/output/pdf/fonts-node.ts';
import { renderReport } from '../../../src/output/pdf/report.ts';
import { aLedger, anInvoice, d } from '../../support/builders.ts';

const paidLate = anInvoice({ customer: 'A', number: 'A1', issued: '2025-06-01', due: '2025-07-01', amount: 10000, payments: [{ on: '2025-08-30', amount: 10000 }] });
const open = anInvoice({ customer: 'B', number: 'B1', issued: '2025-10-01', due: '2025-10-31', amount: 5000 });
const onTime = anInvoice({ customer: 'C', number: 'C1', issued: '2025-11-01', due: '2025-12-01', amount: 2000, payments: [{ on: '2025-11-20', amount: 2000 }] });
const asOf = d('2025-12-31');

describe('buildAuditReport', () => {
  const model = buildAuditReport([{ name: 'grand-livre.xlsx', ledger: aLedger([paidLate, open, onTime]), warnings: ['Feuille « X », ligne 3 : Montant illisible'] }], { asOf, workspace: emptyWorkspace(), lang: 'fr' });

  it('counts the penalties legally due on invoices paid late and still overdue', () => {
    const expected = lateInterest(paidLate, { asOf: d('2025-08-30') }).interestCents + lateInterest(open, { asOf }).interestCents;
    expect(model.figures.penaltyCaptureCents).toBe(expected);
    expect(model.figures.indemnityCaptureCents).toBe(8000);
    expect(model.figures.openCents).toBe(500000);
  });

  it('has every section, the import warnings and recommendations built from the findings', () => {
    expect(model.sections.map((s) => s.title)).toEqual(['Synthèse', 'Périmètre et méthode', 'Indicateurs clés', 'Balance âgée', 'Évolution du DSO', 'Pénalités et indemnités non réclamées', 'Risques de prescription', 'Concentration', 'Qualité des données', 'Recommandations']);
    expect(model.sections[8]?.paragraphs[0]).toContain('grand-livre.xlsx — Feuille « X », ligne 3');
    expect(model.sections[9]?.paragraphs.join(' ')).toContain('Réclamer les pénalités');
    expect(model.sections[4]?.table?.rows).toHaveLength(12);
  });

  it('consolidates several ledgers, keeping the source of every item', () => {
    const l1 = aLedger([open]);
    const l2 = aLedger([{ ...open, key: 'other', number: 'B2', source: { file: 'b.csv', sheet: 'S', row: 2 } }]);
    const merged = consolidate([{ name: 'a', ledger: l1, warnings: [] }, { name: 'b', ledger: l2, warnings: [] }]);
    expect(merged.invoices.map((i) => [i.key.split(':')[0], i.number, i.source.file])).toEqual([['0', 'B1', 'test'], ['1', 'B2', 'b.csv']]);
    expect(merged.customers).toHaveLength(1);
  });

  it('renders a PDF whose text holds every section title and the key figures', async () => {
    const pdf = renderReport(model, nodeFonts());
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    let text = '';
    for (let p = 1; p <= doc.numPages; p++) text += (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    text = text.replace(/[\u202f\u00a0]/g, ' ');
    for (const s of model.sections) expect(text).toContain(s.title);
    expect(text).toContain('5 000,00 €');
    expect(text).toContain('80,00 €');
  });
});

describe('a report a client reads', () => {
  const model = buildAuditReport([{ name: 'grand-livre.xlsx', ledger: aLedger([paidLate, open, onTime]), warnings: [] }], { asOf, workspace: emptyWorkspace(), lang: 'fr', computedIn: 'en ligne de commande (relance report)' });

  it('opens on a one-page executive summary: five findings with their figures, three actions', () => {
    const summary = model.sections[0];
    expect(summary?.ownPage).toBe(true);
    const text = summary?.paragraphs.join('\n') ?? '';
    expect(text).toContain('1. Encours clients de {amount:500000}');
    expect(text).toContain('5. ');
    expect(text).toContain('Actions prioritaires');
  });

  it('splits the unclaimed penalties between invoices still open (the CLI JSON’s) and invoices paid late', () => {
    expect(model.figures.captureOpenCents).toBe(lateInterest(open, { asOf }).interestCents + 4000);
    expect(model.figures.capturePaidLateCents).toBe(lateInterest(paidLate, { asOf: d('2025-08-30') }).interestCents + 4000);
    expect(model.figures.captureOpenCents + model.figures.capturePaidLateCents).toBe(model.figures.penaltyCaptureCents + model.figures.indemnityCaptureCents);
  });

  it('prints the summary alone on page 2, says where it was computed, and titles its charts', async () => {
    const pdf = renderReport(model, nodeFonts());
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    const page = async (n: number) => (await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/[\u202f\u00a0]/g, ' ');
    expect(await page(1)).toContain('calculé en ligne de commande (relance report)');
    const second = await page(2);
    expect(second).toContain('Synthèse');
    expect(second).not.toContain('Périmètre et méthode');
    let all = '';
    for (let p = 1; p <= doc.numPages; p++) all += await page(p);
    expect(all).toContain('DSO simple, mois par mois (jours)');
    // Sections flow: far fewer pages than sections.
    expect(doc.numPages).toBeLessThan(model.sections.length);
  });
});
