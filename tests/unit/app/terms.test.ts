/** Payment terms applied when the figures are computed: changing them needs no new import. */
import { describe, expect, it } from 'vitest';
import { analysisOf } from '../../../src/app/dashboard.ts';
import { withSettings } from '../../../src/app/settings.ts';
import { emptyWorkspace, isoOf, type Invoice } from '../../../src/core/index.ts';
import { describeIssue } from '../../../src/i18n/issues.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { aLedger, anInvoice, settingsAt } from '../../support/builders.ts';

const derived = (customer: string, number: string, fileTermsDays?: number): Invoice => ({
  ...anInvoice({ customer, number, issued: '2026-01-01', due: '2026-01-31', amount: 100 }),
  isDueDerived: true,
  ...(fileTermsDays !== undefined ? { fileTermsDays } : {}),
});

describe('payment terms at analysis time', () => {
  const ledger = aLedger([derived('A', 'A1'), derived('B', 'B1'), derived('C', 'C1', 45), anInvoice({ customer: 'D', number: 'D1', issued: '2026-01-01', due: '2026-03-01', amount: 100 })]);

  it('derives each due date from the file’s own terms, else the customer’s, else the default', () => {
    const workspace = { ...emptyWorkspace(), customers: [{ customerId: 'B', regime: 'b2b' as const, termsDays: 60 }] };
    const applied = withSettings(ledger, settingsAt('2026-03-31', { termsDays: 10, workspace }));
    expect(applied.ledger.invoices.map((i) => [i.number, i.due === null ? null : isoOf(i.due)])).toEqual([
      ['A1', '2026-01-11'],
      ['B1', '2026-03-02'],
      ['C1', '2026-01-31'],
      ['D1', '2026-03-01'],
    ]);
    expect([applied.derivedCount, applied.customerTermsCount]).toEqual([2, 1]);
  });

  it('recomputes the aged balance when the terms change, and its warning names the terms used', () => {
    const short = analysisOf(ledger, settingsAt('2026-03-31', { termsDays: 30 }));
    const long = analysisOf(ledger, settingsAt('2026-03-31', { termsDays: 120 }));
    expect(short.aging.total.notDueCents).toBe(0);
    expect(long.aging.total.notDueCents).toBe(20000);
    const warning = long.warnings.find((w) => w.code === 'DueDatesDerived');
    expect(warning && describeIssue(warning, 'fr')).toContain('120 jours');
  });

  it('applies to CSV files with no due date as it does to FEC files', () => {
    const csv = 'Client;Facture;Date;Montant\nA;F1;01/01/2026;100,00\n';
    const { ledger: read } = importFile(new TextEncoder().encode(csv), { fileName: 'x.csv' });
    const at = (terms: number) => analysisOf(read, settingsAt('2026-01-20', { termsDays: terms })).aging.total.overdueCents;
    expect([at(10), at(30)]).toEqual([10000, 0]);
  });
});
