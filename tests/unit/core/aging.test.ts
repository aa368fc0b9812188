import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agedBalance, bucketLabels, concentration, daysPastDue, type AgedBalance, type AgingRow, type Cents } from '../../../src/core/index.ts';
import { aLedger, anInvoice, d } from '../../support/builders.ts';

describe('agedBalance', () => {
  it('puts the domain-fr §8.8 examples in their buckets (as of 31 Dec 2025)', () => {
    const ledger = aLedger([
      anInvoice({ number: 'A', issued: '2025-12-01', due: '2026-01-15', amount: 100 }),
      anInvoice({ number: 'B', issued: '2025-11-10', due: '2025-12-10', amount: 200 }),
      anInvoice({ number: 'C', issued: '2025-09-15', due: '2025-10-15', amount: 300 }),
      anInvoice({ number: 'D', issued: '2025-07-30', due: '2025-08-30', amount: 400 }),
    ]);
    const aging = agedBalance(ledger, { asOf: d('2025-12-31') });
    expect(aging.labels).toEqual(['not_due', '1-30', '31-60', '61-90', '91-120', '>120']);
    expect(aging.total.buckets).toEqual([10000, 20000, 0, 30000, 0, 40000]);
    expect(aging.total.openCents).toBe(100000);
    expect(aging.total.overdueCents).toBe(90000);
  });

  it('treats an invoice due on the as-of date as not due', () => {
    const ledger = aLedger([anInvoice({ issued: '2025-12-01', due: '2025-12-31', amount: 50 })]);
    expect(agedBalance(ledger, { asOf: d('2025-12-31') }).total.buckets[0]).toBe(5000);
  });

  it('ignores invoices issued and payments made after the as-of date', () => {
    const ledger = aLedger([
      anInvoice({ issued: '2026-01-02', due: '2026-02-01', amount: 999 }),
      anInvoice({ issued: '2025-10-01', due: '2025-10-31', amount: 100, payments: [{ on: '2026-01-05', amount: 100 }] }),
      anInvoice({ issued: '2025-10-01', due: '2025-10-31', amount: 100, payments: [{ on: '2025-12-05', amount: 40 }] }),
    ]);
    const aging = agedBalance(ledger, { asOf: d('2025-12-31') });
    expect(aging.total.openCents).toBe(16000);
    expect(aging.total.buckets[3]).toBe(16000);
  });

  it('keeps credit notes in the bucket of their own date so that Σ buckets = receivables', () => {
    const ledger = aLedger([
      anInvoice({ issued: '2025-12-01', due: '2025-12-31', amount: 100 }),
      anInvoice({ issued: '2025-11-15', due: null, amount: -30 }),
    ]);
    const aging = agedBalance(ledger, { asOf: d('2025-12-31') });
    expect(aging.total.buckets[0]).toBe(10000);
    expect(aging.total.buckets[2]).toBe(-3000);
    expect(aging.total.openCents).toBe(7000);
  });

  it('computes the weighted days late over positive overdue items only', () => {
    const ledger = aLedger([
      anInvoice({ issued: '2025-11-01', due: '2025-12-01', amount: 100 }), // 30 days late
      anInvoice({ issued: '2025-12-01', due: '2025-12-21', amount: 300 }), // 10 days late
      anInvoice({ issued: '2025-10-01', due: '2025-10-01', amount: -50 }), // credit: excluded
      anInvoice({ issued: '2025-12-20', due: '2026-01-20', amount: 1000 }), // not due: excluded
    ]);
    const aging = agedBalance(ledger, { asOf: d('2025-12-31') });
    expect(aging.total.weightedDaysLate).toBeCloseTo((100 * 30 + 300 * 10) / 400, 10);
  });

  it('has no weighted days late when nothing is late', () => {
    const ledger = aLedger([anInvoice({ issued: '2025-12-20', due: '2026-01-20', amount: 1000 })]);
    expect(agedBalance(ledger, { asOf: d('2025-12-31') }).total.weightedDaysLate).toBeNull();
  });

  it('ages on the invoice date on request, and with user-defined edges', () => {
    const ledger = aLedger([anInvoice({ issued: '2025-12-01', due: '2026-01-30', amount: 100 })]);
    const byIssue = agedBalance(ledger, { asOf: d('2025-12-31'), basis: 'issued', edges: [15, 45] });
    expect(byIssue.labels).toEqual(['not_due', '1-15', '16-45', '>45']);
    expect(byIssue.total.buckets).toEqual([0, 0, 10000, 0]);
    expect(bucketLabels([10])).toEqual(['not_due', '1-10', '>10']);
  });

  it('rejects edges that do not increase', () => {
    const ledger = aLedger([]);
    expect(() => agedBalance(ledger, { asOf: d('2025-12-31'), edges: [30, 30] })).toThrow(RangeError);
  });

  it('measures days past due from the due date, or the item date when there is none', () => {
    expect(daysPastDue(anInvoice({ issued: '2025-12-01', due: null, amount: -1 }), d('2025-12-31'))).toBe(30);
    expect(daysPastDue(anInvoice({ issued: null, due: null, amount: 1 }), d('2025-12-31'))).toBeNull();
  });
});

describe('concentration', () => {
  it('ranks the largest balances (equal ones in id order), shares them, and leaves the exact rest per bucket', () => {
    const ledger = aLedger([
      anInvoice({ customer: 'B', number: '1', issued: '2025-10-01', due: '2025-10-31', amount: 300 }),
      anInvoice({ customer: 'A', number: '2', issued: '2025-12-01', due: '2025-12-31', amount: 300 }),
      anInvoice({ customer: 'C', number: '3', issued: '2025-11-01', due: '2025-12-01', amount: 100.01 }),
      anInvoice({ customer: 'D', number: '4', issued: '2025-11-01', due: '2025-11-15', amount: -50 }),
    ]);
    const c = concentration(agedBalance(ledger, { asOf: d('2025-12-31') }), 2);
    expect(c.top.map((t) => [t.customerId, t.openCents])).toEqual([
      ['A', 30000],
      ['B', 30000],
    ]);
    expect(c.others.openCents).toBe(10001 - 5000);
    expect(c.others.buckets.reduce((s, b) => s + b, 0)).toBe(c.others.openCents);
    expect(c.topSharePercent).toBeCloseTo((60000 / 65001) * 100, 10);
  });

  it('takes the same top customers as a stable sort of all of them, ties and credit balances included', () => {
    // Few distinct balances: many ties, negatives, zeros.
    const rows = fc.array(fc.integer({ min: -5, max: 8 }), { maxLength: 60 }).map((balances) =>
      balances.map((b, i): AgingRow => ({ customerId: `C${String(i).padStart(3, '0')}`, buckets: [(b * 100) as Cents], openCents: (b * 100) as Cents, notDueCents: (b * 100) as Cents, overdueCents: 0 as Cents, weightedDaysLate: null, openItemCount: 1 })),
    );
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 12 }), (customers, k) => {
        const total = customers.reduce((s, r) => s + r.openCents, 0);
        const aging = { customers, total: { openCents: total, buckets: [total] } } as unknown as AgedBalance;
        const expected = [...customers].sort((a, b) => b.openCents - a.openCents).slice(0, k);
        expect(concentration(aging, k).top.map((t) => t.customerId)).toEqual(expected.map((r) => r.customerId));
      }),
    );
  });
});
