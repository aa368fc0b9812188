/** The aged balance's customer rows as columns (CustomerTable), built in the worker, read on the page. */
import type { AgingRow } from '../core/index.ts';
import type { CustomerRow, CustomerTable } from './views.ts';

/**
 * The aged balance's customers as the table's columns, largest balance first (equal balances in the
 * aging's order: by id), with their names. Straight from the aging's rows: no object per customer
 * on the way (25,000 customers at 500k rows).
 */
export function customerTable(rows: readonly AgingRow[], names: ReadonlyMap<string, string>, width: number): CustomerTable {
  const n = rows.length;
  const balance = new Float64Array(n);
  for (let i = 0; i < n; i++) balance[i] = (rows[i] as AgingRow).openCents;
  const order = largestFirst(balance);
  const ids: string[] = [];
  const shownNames: string[] = [];
  const table = { ids, names: shownNames, width, buckets: new Float64Array(n * width), open: new Float64Array(n), overdue: new Float64Array(n), weightedDaysLate: new Float64Array(n), items: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[order[i] as number] as AgingRow;
    ids.push(r.customerId);
    shownNames.push(names.get(r.customerId) ?? r.customerId);
    for (let b = 0; b < width; b++) table.buckets[i * width + b] = r.buckets[b] as number;
    table.open[i] = r.openCents;
    table.overdue[i] = r.overdueCents;
    table.weightedDaysLate[i] = r.weightedDaysLate ?? Number.NaN;
    table.items[i] = r.openItemCount;
  }
  return table;
}

/** Positions in `balance`'s order, largest first, equal balances by position. */
export function largestFirst(balance: Float64Array): Int32Array {
  const n = balance.length;
  const order = new Int32Array(n);
  // Balance and position packed into one exact double (whole cents under 2^31 in absolute value, fewer
  // than 2^21 rows: under 2^53 in all), sorted natively without a comparator; else the comparator.
  let packable = n < SLOTS;
  for (let i = 0; i < n && packable; i++) packable = Number.isInteger(balance[i]) && Math.abs(balance[i] as number) < 2 ** 31;
  if (!packable) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((x, y) => (balance[y] as number) - (balance[x] as number) || x - y);
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = -(balance[i] as number) * SLOTS + i;
  keys.sort();
  for (let j = 0; j < n; j++) {
    const key = keys[j] as number;
    order[j] = key - Math.floor(key / SLOTS) * SLOTS;
  }
  return order;
}
const SLOTS = 2 ** 21;

export function customerCount(t: CustomerTable): number {
  return t.ids.length;
}

/** Row `i` as an object (for the rows on screen). */
export function customerRow(t: CustomerTable, i: number): CustomerRow {
  const wdl = t.weightedDaysLate[i] as number;
  return {
    id: t.ids[i] as string,
    name: t.names[i] as string,
    buckets: Array.from(t.buckets.subarray(i * t.width, (i + 1) * t.width)),
    openCents: t.open[i] as number,
    overdueCents: t.overdue[i] as number,
    weightedDaysLate: Number.isNaN(wdl) ? null : wdl,
    items: t.items[i] as number,
  };
}

/**
 * The smallest and largest amount the table shows in its amount columns (every bucket and the balance):
 * the longest amount a column may have to hold is one of these two (the largest, or the credit with the
 * most digits), so that the page sizes its columns from two amounts, not from every row's.
 */
export function amountRange(t: CustomerTable): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const column of [t.buckets, t.open]) {
    for (let i = 0; i < column.length; i++) {
      const v = column[i] as number;
      if (v < min) min = v;
      else if (v > max) max = v;
    }
  }
  return { min, max };
}
