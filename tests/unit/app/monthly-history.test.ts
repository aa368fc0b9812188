/**
 * The dashboard's monthly history against its definition, month by month: the sales issued in the
 * calendar month (up to the as-of date in its last month) and receivablesAt at the month's end (the
 * as-of date for the last), from the month of the earliest issue by the as-of date.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyHistory } from '../../../src/app/dashboard.ts';
import { addMonths, endOfMonth, isoOf, receivablesAt, startOfMonth, type Day, type Ledger } from '../../../src/core/index.ts';
import { dayArb, ledgerArb } from '../../support/arbitraries.ts';

function byDefinition(ledger: Ledger, asOf: Day, months: number) {
  const issued = ledger.invoices.map((i) => i.issued).filter((d): d is Day => d !== null && d <= asOf);
  if (issued.length === 0) return [];
  const earliest = Math.min(...issued);
  const out: { month: string; sales: number; receivables: number }[] = [];
  for (let k = months - 1; k >= 0; k--) {
    const start = startOfMonth(addMonths(asOf, -k));
    if (endOfMonth(start) < earliest) continue;
    const end = k === 0 ? asOf : endOfMonth(start);
    const sales = ledger.invoices.reduce((s, i) => (i.kind !== 'payment' && !i.isOpening && i.issued !== null && i.issued >= start && i.issued <= end ? s + i.amount : s), 0);
    out.push({ month: isoOf(start).slice(0, 7), sales, receivables: receivablesAt(ledger, end) });
  }
  return out;
}

describe('monthlyHistory', () => {
  it('is each month’s sales and month-end receivables, by their definition', () => {
    fc.assert(
      fc.property(ledgerArb, dayArb(18900, 21100), fc.integer({ min: 1, max: 30 }), (ledger, asOf, months) => {
        expect(monthlyHistory(ledger, asOf, months)).toEqual(byDefinition(ledger, asOf, months));
      }),
    );
  });
});
