/**
 * The aged balance's customer table comes largest balance first, equal balances in the aging's order
 * (by id): `largestFirst` sorts packed numeric keys natively where they are exact, a comparator else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountRange, customerTable, largestFirst } from '../../../src/app/customer-table.ts';

const byComparator = (balance: Float64Array): number[] =>
  Array.from(balance.keys()).sort((x, y) => (balance[y] as number) - (balance[x] as number) || x - y);

describe('largestFirst', () => {
  it('orders as the comparator does: whole cents with many ties, credits, zeros and extremes', () => {
    const cents = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), fc.constantFrom(0, -0));
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 200 }), (xs) => {
        const balance = Float64Array.from(xs);
        expect(Array.from(largestFirst(balance))).toEqual(byComparator(balance));
      }),
    );
  });

  it('falls back to the comparator beyond the packed keys: balances of 2^31 cents and more, or not whole', () => {
    const big = Float64Array.from([5, 2 ** 31, 5, -(2 ** 40), 2 ** 40, 0, 2 ** 31]);
    expect(Array.from(largestFirst(big))).toEqual([4, 1, 6, 0, 2, 5, 3]);
    const fractional = Float64Array.from([1.5, 2, 1.5, 3.25]);
    expect(Array.from(largestFirst(fractional))).toEqual(byComparator(fractional));
  });
});

describe('amountRange', () => {
  it('gives the smallest and largest of every bucket and balance, zero when the table has none below or above', () => {
    const table = customerTable(
      [
        { customerId: 'a', buckets: [100, -250, 0], openCents: -150, overdueCents: 0, weightedDaysLate: null, openItemCount: 2 },
        { customerId: 'b', buckets: [0, 40, 9_000], openCents: 9_040, overdueCents: 9_040, weightedDaysLate: 12, openItemCount: 1 },
      ] as never,
      new Map(),
      3,
    );
    expect(amountRange(table)).toEqual({ min: -250, max: 9_040 });
    expect(amountRange(customerTable([], new Map(), 3))).toEqual({ min: 0, max: 0 });
  });
});
