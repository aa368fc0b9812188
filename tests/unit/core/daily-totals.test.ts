/**
 * The running totals by day against the item-by-item definitions: receivablesAt, the sales issued by
 * a day, the earliest issue and sale; on the range of days (dates a few years apart) and on sorted
 * days (dates centuries apart); and kept per issue-date column.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTerms, dailyTotals, receivablesAt, receivablesOn, salesBetween, salesThrough, withBankPayments, type BankPayment, type Cents, type Day, type Invoice, type Ledger } from '../../../src/core/index.ts';
import { dayArb, ledgerArb } from '../../support/arbitraries.ts';

const isSale = (inv: Invoice) => inv.kind !== 'payment' && !inv.isOpening;
const salesBy = (ledger: Ledger, d: number) => ledger.invoices.reduce((s, inv) => (isSale(inv) && inv.issued !== null && inv.issued <= d ? s + inv.amount : s), 0);
const minOf = (xs: (number | null)[]) => {
  const dated = xs.filter((x): x is number => x !== null);
  return dated.length === 0 ? null : Math.min(...dated);
};

/** The ledger with one item moved centuries away (so that its days are sorted, not spread over a range). */
const farArb: fc.Arbitrary<Ledger> = fc.tuple(ledgerArb, fc.constantFrom(-80_000, 90_000), fc.nat()).map(([ledger, shift, pick]) => {
  if (ledger.invoices.length === 0) return ledger;
  const k = pick % ledger.invoices.length;
  const moved = ledger.invoices.map((inv, i) => (i !== k || inv.issued === null ? inv : { ...inv, issued: (inv.issued + shift) as Day, payments: inv.payments.map((p) => (p.day === null ? p : { ...p, day: (p.day + shift) as Day })) }));
  return { ...ledger, invoices: moved };
});

describe('dailyTotals', () => {
  for (const [name, arb] of [
    ['dates a few years apart', ledgerArb],
    ['dates centuries apart', farArb],
  ] as const) {
    it(`gives receivablesAt and the sales issued by any day, ${name}`, () => {
      fc.assert(
        fc.property(arb, fc.array(fc.oneof(dayArb(), dayArb(-100_000, 120_000)), { maxLength: 12 }), (ledger, days) => {
          const t = dailyTotals(ledger);
          for (const d of days) {
            expect(receivablesOn(t, d)).toBe(receivablesAt(ledger, d));
            expect(salesThrough(t, d)).toBe(salesBy(ledger, d));
            expect(salesBetween(t, d - 31, d)).toBe(salesBy(ledger, d) - salesBy(ledger, d - 31));
          }
          expect(t.firstIssued).toBe(minOf(ledger.invoices.map((i) => i.issued)));
          expect(t.firstSale).toBe(minOf(ledger.invoices.filter(isSale).map((i) => i.issued)));
        }),
      );
    });
  }

  it('an empty ledger and one of undated items only: the undated part on every day', () => {
    const empty = dailyTotals({ customers: [], invoices: [], currency: 'EUR', amountBasis: 'TTC', hasSalesHistory: true });
    expect([receivablesOn(empty, 20000), salesThrough(empty, 20000), empty.firstIssued, empty.firstSale]).toEqual([0, 0, null, null]);
    const undated: Invoice = { key: 'u', number: 'U1', customerId: 'A', issued: null, due: null, isDueDerived: false, amount: 1000 as Cents, payments: [{ day: null, amount: 300 as Cents }, { day: 20010 as Day, amount: 200 as Cents }], kind: 'invoice', currency: 'EUR', isDisputed: false, source: { file: 'gen', sheet: 'S', row: 2 } };
    const t = dailyTotals({ customers: [{ id: 'A', code: null, name: 'A' }], invoices: [undated], currency: 'EUR', amountBasis: 'TTC', hasSalesHistory: true });
    expect([receivablesOn(t, 19000), receivablesOn(t, 20010), salesThrough(t, 30000)]).toEqual([700, 500, 0]);
  });

  it('is built once for the issue dates it reads: other due dates share it, other payments do not', () => {
    const base = fc.sample(ledgerArb.filter((l) => l.invoices.some((i) => i.issued !== null && i.kind === 'invoice')), { numRuns: 1, seed: 7 })[0] as Ledger;
    const t = dailyTotals(base);
    expect(dailyTotals(base)).toBe(t);
    const undue = { ...base, invoices: base.invoices.map((i) => ({ ...i, due: null, isDueDerived: true })) };
    const termed = applyTerms(undue, { defaultDays: 45 }).ledger;
    expect(termed).not.toBe(undue);
    expect(dailyTotals(termed)).toBe(dailyTotals(undue));
    const target = base.invoices.find((i) => i.issued !== null && i.kind === 'invoice') as Invoice;
    const payment: BankPayment = { id: 'line-1', customerId: target.customerId, invoiceNumber: target.number, amountCents: 1, date: '2030-01-01', file: 'releve.csv', lineId: 'l1', label: 'VIR', reason: 'reference' };
    const paid = withBankPayments(base, [payment]);
    expect(paid.applied).toBe(1);
    expect(dailyTotals(paid.ledger)).not.toBe(t);
    expect(receivablesOn(dailyTotals(paid.ledger), 40000)).toBe(receivablesOn(t, 40000) - 1);
  });
});
