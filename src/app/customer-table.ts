/** The aged balance's customer rows as columns (CustomerTable), built in the worker, read on the page. */
import type { CustomerRow, CustomerTable } from './views.ts';

export function toCustomerTable(rows: readonly CustomerRow[], width: number): CustomerTable {
  const n = rows.length;
  const table = {
    ids: rows.map((r) => r.id),
    names: rows.map((r) => r.name),
    width,
    buckets: new Float64Array(n * width),
    open: new Float64Array(n),
    overdue: new Float64Array(n),
    weightedDaysLate: new Float64Array(n),
    items: new Int32Array(n),
  };
  rows.forEach((r, i) => {
    table.buckets.set(r.buckets.slice(0, width), i * width);
    table.open[i] = r.openCents;
    table.overdue[i] = r.overdueCents;
    table.weightedDaysLate[i] = r.weightedDaysLate ?? Number.NaN;
    table.items[i] = r.items;
  });
  return table;
}

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
