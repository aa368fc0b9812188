import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agedBalance, isoOf, openAt, type Day } from '../../../src/core/index.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { d } from '../../support/builders.ts';

const HEADER = 'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise';
const ymd = (iso: string) => iso.replace(/-/g, '');
const amount = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
function line(j: string, date: string, account: string, aux: string, name: string, piece: string, debit: number, credit: number, let_ = '', dateLet = ''): string {
  return [j, j, '1', ymd(date), account, 'Clients', aux, name, piece, ymd(date), `${piece} ${name}`, amount(debit), amount(credit), let_, dateLet ? ymd(dateLet) : '', ymd(date), '', ''].join('\t');
}
const fec = (lines: string[]) => new Uint8Array(Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8'));

describe('FEC import', () => {
  it('settles lettered invoices with their payments, keeps unlettered debits open and credits unallocated', () => {
    const file = fec([
      line('VE', '2025-09-01', '411000', 'CDUP', 'DUPONT SA', 'F1', 120000, 0, 'AA', '2025-10-15'),
      line('BQ', '2025-10-15', '411000', 'CDUP', 'DUPONT SA', 'VIR1', 0, 120000, 'AA', '2025-10-15'),
      line('VE', '2025-11-10', '411000', 'CDUP', 'DUPONT SA', 'F2', 60000, 0),
      line('BQ', '2025-12-05', '411000', 'CDUP', 'DUPONT SA', 'VIR2', 0, 10000),
      line('VE', '2025-12-01', '706000', '', '', 'F2', 0, 50000),
      line('VE', '2025-12-20', '411000', 'CMAR', 'MARTIN', 'F3', 30000, 0),
    ]);
    const { report, ledger } = importFile(file, { fileName: '123456789FEC20251231.txt' });
    expect(report.format).toBe('fec');
    expect(report.skipped.notReceivable).toBe(1);
    const asOf = d('2025-12-31');
    const byNumber = new Map(ledger.invoices.map((i) => [i.number, i]));
    expect(openAt(byNumber.get('F1')!, asOf)).toBe(0);
    expect(openAt(byNumber.get('F1')!, d('2025-10-14'))).toBe(120000);
    expect(openAt(byNumber.get('F2')!, asOf)).toBe(60000);
    expect(byNumber.get('VIR2')).toMatchObject({ kind: 'payment', amount: -10000 });
    expect(isoOf(byNumber.get('F3')!.due as Day)).toBe('2026-01-19');
    const aging = agedBalance(ledger, { asOf });
    expect(aging.total.openCents).toBe(60000 - 10000 + 30000);
    expect(report.issues.map((i) => i.code)).toContain('FecDueDatesDerived');
  });

  it('keys every item apart: a piece shared within a customer or across customers, customer keys holding a "/"', () => {
    const keys = (lines: string[]) => importFile(fec(lines), { fileName: '123456789FEC20251231.txt' }).ledger.invoices.map((i) => i.key);
    // Keys are checked customer by customer when no customer key holds a '/'.
    expect(keys([
      line('VE', '2025-09-01', '411000', 'A', 'A SA', 'F#2', 100, 0),
      line('VE', '2025-09-02', '411000', 'A', 'A SA', 'F', 100, 0),
      line('VE', '2025-09-03', '411000', 'A', 'A SA', 'F', 100, 0),
      line('VE', '2025-09-04', '411000', 'B', 'B SA', 'F', 100, 0),
      line('VE', '2025-09-05', '411000', 'B', 'B SA', '', 100, 0),
    ]).sort()).toEqual(['A/F', 'A/F#2', 'A/F#3', 'B/F', 'B/L6'].sort());
    // "A/B" + "C" and "A" + "B/C" write the same key: the second takes a suffix.
    const slashed = keys([
      line('VE', '2025-09-01', '411000', 'A/B', 'AB SA', 'C', 100, 0),
      line('VE', '2025-09-02', '411000', 'A', 'A SA', 'B/C', 100, 0),
    ]);
    expect(slashed).toHaveLength(2);
    expect(new Set(slashed).size).toBe(2);
    expect(slashed.sort()).toEqual(['A/B/C', 'A/B/C#2']);
  });

  it('settles a lettered pair whose payment exceeds its invoice: the invoice paid, the rest left as a payment', () => {
    const file = fec([
      line('VE', '2025-09-01', '411000', 'CDUP', 'DUPONT SA', 'F1', 50000, 0, 'AB'),
      line('BQ', '2025-10-15', '411000', 'CDUP', 'DUPONT SA', 'VIR1', 0, 80000, 'AB'),
      line('VE', '2025-09-02', '411000', 'CDUP', 'DUPONT SA', 'AV1', 0, 7000, 'AC'),
      line('VE', '2025-09-03', '411000', 'CDUP', 'DUPONT SA', 'F2', 5000, 0, 'AD'),
      line('VE', '2025-09-04', '411000', 'CDUP', 'DUPONT SA', 'AV2', 0, 9000, 'AD'),
    ]);
    const { ledger } = importFile(file, { fileName: '123456789FEC20251231.txt' });
    const byNumber = new Map(ledger.invoices.map((i) => [i.number, i]));
    expect(byNumber.get('F1')).toMatchObject({ kind: 'invoice', amount: 50000, payments: [{ amount: 50000 }] });
    expect(isoOf(byNumber.get('F1')!.payments[0]!.day as Day)).toBe('2025-10-15');
    expect(byNumber.get('VIR1')).toMatchObject({ kind: 'payment', amount: -30000 });
    // A lone credit in the sales journal is a credit note.
    expect(byNumber.get('AV1')).toMatchObject({ kind: 'credit', amount: -7000 });
    // A credit note lettered with a smaller invoice: what it leaves over stays a credit note.
    expect(byNumber.get('F2')).toMatchObject({ amount: 5000, payments: [{ amount: 5000 }] });
    expect(byNumber.get('AV2')).toMatchObject({ kind: 'credit', amount: -4000 });
  });

  it('reads 413/416 on request, and each customer’s own payment terms', () => {
    const file = fec([line('VE', '2025-09-01', '411000', 'C1', 'A', 'F1', 1000, 0), line('OD', '2025-09-02', '416000', 'C2', 'B', 'F2', 500, 0)]);
    expect(importFile(file, { fileName: 'f.txt' }).ledger.invoices.map((i) => i.number)).toEqual(['F1']);
    const both = importFile(file, { fileName: 'f.txt', fecAccounts: ['411', '416'], customerTerms: { C2: 60 } }).ledger;
    expect(both.invoices.map((i) => [i.number, isoOf(i.due as Day)])).toEqual([
      ['F1', '2025-10-01'],
      ['F2', '2025-11-01'],
    ]);
  });

  it('without any lettrage, applies each customer’s credits to its oldest debits and says so', () => {
    const file = fec([
      line('VE', '2025-09-01', '411000', 'C1', 'A', 'F1', 1000, 0),
      line('VE', '2025-10-01', '411000', 'C1', 'A', 'F2', 2000, 0),
      line('BQ', '2025-11-01', '411000', 'C1', 'A', 'P1', 0, 1500),
    ]);
    const { report, ledger } = importFile(file, { fileName: 'f.txt' });
    const asOf = d('2025-12-31');
    expect(ledger.invoices.map((i) => [i.number, openAt(i, asOf)])).toEqual([
      ['F1', 0],
      ['F2', 1500],
    ]);
    expect(report.issues.map((i) => i.code)).toContain('FecNoLettrage');
  });

  it('reads Montant/Sens, pipes with a trailing separator, zero-padded amounts and à-nouveaux', () => {
    const text = [
      'JournalCode|EcritureDate|CompteNum|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Montant|Sens|EcritureLet|',
      'AN|20250101|41100000|C9|ZOÉ|RAN|20250101|A nouveau|0000000074,70|D||',
      'BQ|20250201|41100000|C9|ZOÉ|CHQ|20250201|Règlement|0000000020,00|C||',
    ].join('\n');
    const { report, ledger } = importFile(new Uint8Array(Buffer.from(text, 'utf8')), { fileName: 'x.txt' });
    expect(report.format).toBe('fec');
    expect(ledger.customers[0]?.name).toBe('ZOÉ');
    expect(ledger.invoices.find((i) => i.number === 'RAN')).toMatchObject({ amount: 7470, isOpening: true });
    expect(report.issues.map((i) => i.code)).toContain('FecOpeningEntries');
  });

  it('an invoice list written as a FEC and read back gives the same aged balance (property)', () => {
    const arb = fc.array(
      fc.record({ c: fc.integer({ min: 0, max: 3 }), issued: fc.integer({ min: 20000, max: 20400 }), cents: fc.integer({ min: 1, max: 1_000_000 }), paidShare: fc.constantFrom(0, 0, 100), payDelay: fc.integer({ min: 1, max: 90 }) }),
      { minLength: 1, maxLength: 25 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 20000, max: 20600 }), (rows, asOfN) => {
        const asOf = asOfN as Day;
        const lines: string[] = [];
        const expected = new Map<string, number>();
        rows.forEach((r, i) => {
          const issued = isoOf(r.issued as Day);
          const payDay = r.issued + r.payDelay;
          const isPaid = r.paidShare === 100;
          const letter = isPaid ? `L${i}` : '';
          lines.push(line('VE', issued, '411000', `C${r.c}`, `CLIENT ${r.c}`, `F${i}`, r.cents, 0, letter));
          if (isPaid) lines.push(line('BQ', isoOf(payDay as Day), '411000', `C${r.c}`, `CLIENT ${r.c}`, `P${i}`, 0, r.cents, letter));
          if (r.issued <= asOf) expected.set(`C${r.c}`, (expected.get(`C${r.c}`) ?? 0) + (isPaid && payDay <= asOf ? 0 : r.cents));
        });
        const { ledger } = importFile(fec(lines), { fileName: 'gen.txt' });
        const aging = agedBalance(ledger, { asOf });
        for (const row of aging.customers) expect(row.openCents).toBe(expected.get(row.customerId) ?? 0);
        expect(aging.total.openCents).toBe([...expected.values()].reduce((a, b) => a + b, 0));
        // Each open invoice is aged from its own date + 30 days.
        for (const inv of ledger.invoices) if (openAt(inv, asOf) > 0 && inv.issued !== null) expect((inv.due as number) - inv.issued).toBe(30);
      }),
      { numRuns: 80 },
    );
  });
});
