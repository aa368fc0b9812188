/**
 * The rows the general builder keeps, one column per field (src/import/row-records.ts): every field
 * read back is the one added, for every row and in the order added, with "no value" (null, undefined)
 * kept apart from the values a sentinel could be mistaken for (0, a paid of 0, terms of 0 days).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Customer, Day } from '../../../src/core/index.ts';
import { RowRecords, type RowRecord } from '../../../src/import/row-records.ts';

const customers: Customer[] = [
  { id: 'C1', code: 'C1', name: 'Garage Bérénice' },
  { id: 'Œuvre', code: null, name: 'Œuvre' },
];
const day = fc.option(fc.integer({ min: -30000, max: 80000 }).map((d) => d as Day), { nil: null });
const cents = fc.integer({ min: -9_000_000_000_00, max: 9_000_000_000_00 });
const recordArb: fc.Arbitrary<RowRecord> = fc.record({
  row: fc.nat({ max: 1_048_575 }),
  number: fc.oneof(fc.constantFrom('', 'F1', '№3'), fc.string({ maxLength: 8 })),
  movement: fc.constantFrom(undefined, 'invoice', 'credit', 'payment'),
  label: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
  section: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
  customer: fc.constantFrom(...customers),
  issued: day,
  due: day,
  isDueDerived: fc.boolean(),
  fileTermsDays: fc.option(fc.integer({ min: 0, max: 365 }), { nil: null }),
  amount: cents,
  running: fc.option(cents, { nil: undefined }),
  paid: fc.option(fc.oneof(fc.constant(0), cents), { nil: null }),
  open: fc.option(fc.oneof(fc.constant(0), cents), { nil: null }),
  paymentDate: day,
  isSettledByStatus: fc.boolean(),
  isDisputed: fc.boolean(),
  channel: fc.constantFrom(null, 'paper', 'electronic'),
  currency: fc.constantFrom('EUR', 'USD', 'CHF'),
});

/** A row read back through the columns and getters, in the shape it was added. */
function readBack(t: RowRecords, i: number): RowRecord {
  return {
    row: t.row[i] as number,
    number: t.number[i] as string,
    movement: t.movement(i),
    label: t.label(i),
    section: t.section(i),
    customer: t.customer[i] as Customer,
    issued: t.issuedAt(i),
    due: t.dueAt(i),
    isDueDerived: t.isDueDerived(i),
    fileTermsDays: t.fileTermsDaysAt(i),
    amount: t.amount[i] as number,
    running: t.runningAt(i),
    paid: t.paidAt(i),
    open: t.openAt(i),
    paymentDate: t.paymentDateAt(i),
    isSettledByStatus: t.isSettledByStatus(i),
    isDisputed: t.isDisputed(i),
    channel: t.channel(i),
    currency: t.currency(i),
  };
}

describe('RowRecords', () => {
  it('gives back every field of every row added, across the growth of its columns', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 2500, size: 'max' }), (added) => {
        const t = new RowRecords();
        for (const r of added) t.add(r);
        expect(t.count).toBe(added.length);
        for (let i = 0; i < added.length; i++) {
          expect(readBack(t, i)).toEqual(added[i]);
          expect(t.customerKey(i)).toBe((added[i] as RowRecord).customer.id);
        }
      }),
      // Shrinking thousands of rows takes minutes: the first failure is reported as found.
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('tells no value from zero', () => {
    const t = new RowRecords();
    const base: RowRecord = { row: 0, number: 'F1', movement: undefined, label: undefined, section: undefined, customer: customers[0] as Customer, issued: 0 as Day, due: null, isDueDerived: false, fileTermsDays: 0, amount: 0, running: 0, paid: 0, open: null, paymentDate: null, isSettledByStatus: false, isDisputed: false, channel: null, currency: 'EUR' };
    t.add(base);
    t.add({ ...base, issued: null, fileTermsDays: null, running: undefined, paid: null, open: 0 });
    expect(readBack(t, 0)).toEqual(base);
    expect([t.issuedAt(1), t.fileTermsDaysAt(1), t.runningAt(1), t.paidAt(1), t.openAt(1)]).toEqual([null, null, undefined, null, 0]);
  });

  it('gives its columns back once the ledger is built', () => {
    const t = new RowRecords(4);
    t.add({ row: 0, number: 'F1', movement: undefined, label: undefined, section: undefined, customer: customers[0] as Customer, issued: null, due: null, isDueDerived: false, fileTermsDays: null, amount: 100, running: undefined, paid: null, open: null, paymentDate: null, isSettledByStatus: false, isDisputed: false, channel: null, currency: 'EUR' });
    const columns = [t.row, t.issued, t.due, t.paymentDate, t.fileTermsDays, t.amount, t.paid, t.open, t.running];
    t.release();
    expect(columns.map((c) => (c.buffer as ArrayBuffer & { detached: boolean }).detached)).toEqual(columns.map(() => true));
    expect([t.count, t.number.length, t.customer.length]).toEqual([0, 0, 0]);
  });
});
