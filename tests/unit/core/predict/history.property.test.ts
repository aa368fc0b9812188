/**
 * The two orderings every payment history is built from: items by day (ties in item order), by
 * counting days or by one sort of keys, and the stable grouping by customer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupByCustomer, orderByDay } from '../../../../src/core/predict/history.ts';

const byDayThenItem = (items: number[], day: Int32Array) => [...items].sort((a, b) => (day[a] as number) - (day[b] as number) || a - b);

describe('orderByDay', () => {
  it('orders items by day, ties in item order, whether the items come ascending or not and the days are close or far apart', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -30_000, max: 80_000 }), { minLength: 0, maxLength: 300 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.boolean(),
        fc.integer(),
        (days, spread, shuffle, seed) => {
          // Days squeezed into `spread` values: narrow spans take the counting path, wide ones the key sort.
          const day = Int32Array.from(days, (d) => 20_000 + (((d % spread) + spread) % spread));
          let items = days.map((_, i) => i).filter((i) => (i * 7 + seed) % 5 !== 0);
          if (shuffle) items = [...items].sort((a, b) => ((a * 2654435761 + seed) % 1000) - ((b * 2654435761 + seed) % 1000));
          expect(Array.from(orderByDay(items, day))).toEqual(byDayThenItem(items, day));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('groupByCustomer', () => {
  it('groups items by customer, each group in the order given', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 200 }), (customers) => {
        const customer = Int32Array.from(customers);
        const ordered = Int32Array.from(customers.map((_, i) => i).reverse());
        const g = groupByCustomer(ordered, customer, 7);
        for (let k = 0; k < 7; k++) {
          const group = Array.from(g.items.subarray(g.start[k] as number, g.start[k + 1] as number));
          expect(group).toEqual(Array.from(ordered).filter((i) => customer[i] === k));
        }
      }),
      { numRuns: 200 },
    );
  });
});
