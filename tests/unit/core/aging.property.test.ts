import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agedBalance, bucketIndex, daysPastDue, dsoFigures, ledgerColumns, NO_DAY, openAt, openAtColumn, receivablesAt, type Cents, type Day } from '../../../src/core/index.ts';
import { dayArb, ledgerArb } from '../../support/arbitraries.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('aging properties', () => {
  it('the columns mirror the invoices: dates, amounts, sales, payments, customers, open amounts', () => {
    fc.assert(
      fc.property(ledgerArb, dayArb(), (ledger, d) => {
        const c = ledgerColumns(ledger);
        expect(c.count).toBe(ledger.invoices.length);
        ledger.invoices.forEach((inv, i) => {
          expect(c.issued[i]).toBe(inv.issued ?? NO_DAY);
          expect(c.due[i]).toBe(inv.due ?? NO_DAY);
          expect(c.amount[i]).toBe(inv.amount);
          expect(c.isSale[i]).toBe(inv.kind !== 'payment' && !inv.isOpening ? 1 : 0);
          expect(c.customerIds[c.customer[i] as number]).toBe(inv.customerId);
          expect(openAtColumn(c, i, d)).toBe(openAt(inv, d));
        });
        expect(new Set(c.customerIds).size).toBe(c.customerIds.length);
        expect(ledgerColumns(ledger)).toBe(c);
      }),
    );
  });

  it('every customer row = the invoice-by-invoice definition (buckets, counts, weighted lateness), on both bases', () => {
    fc.assert(
      fc.property(ledgerArb, dayArb(), fc.constantFrom('due' as const, 'issued' as const), (ledger, asOf, basis) => {
        const edges = [30, 60, 90, 120];
        const a = agedBalance(ledger, { asOf, basis, edges });
        for (const row of a.customers) {
          const buckets = new Array<number>(6).fill(0);
          let count = 0;
          let weight = 0;
          let base = 0;
          for (const inv of ledger.invoices) {
            if (inv.customerId !== row.customerId || (inv.issued !== null && inv.issued > asOf)) continue;
            const open = openAt(inv, asOf);
            if (open === 0) continue;
            const days = daysPastDue(inv, asOf, basis);
            const b = days === null ? 0 : bucketIndex(days, edges);
            buckets[b] = (buckets[b] as number) + open;
            count++;
            const dpd = daysPastDue(inv, asOf, 'due');
            if (inv.amount > 0 && dpd !== null && dpd > 0 && open > 0) {
              weight += open * dpd;
              base += open;
            }
          }
          expect(row.buckets).toEqual(buckets);
          expect(row.openItemCount).toBe(count);
          expect(row.weightedDaysLate).toBe(base > 0 ? weight / base : null);
        }
      }),
    );
  });

  it('Σ buckets = receivables, in total and per customer', () => {
    fc.assert(
      fc.property(ledgerArb, dayArb(), (ledger, asOf) => {
        const a = agedBalance(ledger, { asOf });
        expect(sum(a.total.buckets)).toBe(receivablesAt(ledger, asOf));
        expect(a.total.openCents).toBe(receivablesAt(ledger, asOf));
        for (const c of a.customers) {
          const own = { ...ledger, invoices: ledger.invoices.filter((i) => i.customerId === c.customerId) };
          expect(sum(c.buckets)).toBe(receivablesAt(own, asOf));
        }
        expect(sum(a.customers.map((c) => c.openCents))).toBe(a.total.openCents);
      }),
    );
  });

  it('a later as-of date with no new invoice or payment only moves amounts to older buckets', () => {
    fc.assert(
      fc.property(ledgerArb, dayArb(), fc.integer({ min: 1, max: 400 }), (ledger, asOf, later) => {
        const next = (asOf + later) as Day;
        // Keep only what exists at asOf: nothing issued or paid between the two dates.
        const frozen = {
          ...ledger,
          invoices: ledger.invoices
            .filter((i) => i.issued === null || i.issued <= asOf)
            .map((i) => ({ ...i, payments: i.payments.filter((p) => p.day === null || p.day <= asOf) })),
        };
        const a = agedBalance(frozen, { asOf }).total.buckets;
        const b = agedBalance(frozen, { asOf: next }).total.buckets;
        expect(sum(a)).toBe(sum(b));
        // For positive items, the amount in the oldest k buckets never shrinks: mass only moves to older buckets.
        const pos = (x: typeof frozen, d: Day) => agedBalance({ ...x, invoices: x.invoices.filter((i) => i.amount > 0 && i.payments.every((p) => p.amount >= 0)) }, { asOf: d }).total.buckets;
        const pa = pos(frozen, asOf);
        const pb = pos(frozen, next);
        for (let k = pa.length - 1, ca = 0, cb = 0; k >= 0; k--) {
          ca += pa[k] as number;
          cb += pb[k] as number;
          expect(cb).toBeGreaterThanOrEqual(ca);
        }
      }),
    );
  });
});

describe('DSO properties', () => {
  it('the countback DSO never exceeds the history', () => {
    fc.assert(
      fc.property(ledgerArb, dayArb(20000, 21000), (ledger, asOf) => {
        const r = dsoFigures(ledger, { asOf });
        const issued = ledger.invoices.filter((i) => i.kind !== 'payment' && i.issued !== null && i.issued <= asOf).map((i) => i.issued as number);
        if (r.countback !== null && r.countback > 0 && issued.length > 0) {
          const earliest = Math.min(...issued);
          // Windows run back while they end on or after the earliest invoice: at most one window beyond it.
          expect(r.countback).toBeLessThanOrEqual(asOf - earliest + 31);
        }
      }),
    );
  });

  it('DSO is unchanged when every amount is scaled by the same factor', () => {
    fc.assert(
      fc.property(ledgerArb, dayArb(20000, 21000), fc.integer({ min: 2, max: 7 }), (ledger, asOf, k) => {
        const scaled = {
          ...ledger,
          invoices: ledger.invoices.map((i) => ({ ...i, amount: (i.amount * k) as Cents, payments: i.payments.map((p) => ({ ...p, amount: (p.amount * k) as Cents })) })),
        };
        const a = dsoFigures(ledger, { asOf });
        const b = dsoFigures(scaled, { asOf });
        for (const key of ['simple', 'countback', 'bestPossibleSimple', 'bestPossibleCountback', 'cei'] as const) {
          const x = a[key];
          const y = b[key];
          if (x === null) expect(y).toBeNull();
          else expect(y).toBeCloseTo(x, 6);
        }
      }),
    );
  });
});
