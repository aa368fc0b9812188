/**
 * Aged balance (balance âgée), numbers.md § "Aged balance": open balances at the as-of date put
 * into day-range buckets, per customer and in total. Σ buckets = AR(asOf) exactly, credits included.
 */
import type { Day } from './day.ts';
import type { Cents } from './money.ts';
import { agingDueDay, ledgerColumns, NO_DAY, openAtColumn, type Invoice, type Ledger } from './ledger.ts';

export type AgingBasis = 'due' | 'issued';

/** Upper edges of the overdue buckets, strictly increasing positive day counts. */
export const DEFAULT_BUCKET_EDGES: readonly number[] = [30, 60, 90, 120];

export type AgingOptions = {
  readonly asOf: Day;
  readonly basis?: AgingBasis;
  readonly edges?: readonly number[];
};

export type AgingRow = {
  readonly customerId: string;
  readonly buckets: Cents[];
  readonly openCents: Cents;
  readonly overdueCents: Cents;
  readonly notDueCents: Cents;
  /** Σ(open × dpd) / Σ open over positive, overdue items; null when there are none. */
  readonly weightedDaysLate: number | null;
  readonly openItemCount: number;
};

export type AgedBalance = {
  readonly asOf: Day;
  readonly basis: AgingBasis;
  readonly labels: readonly string[];
  readonly total: AgingRow;
  readonly customers: readonly AgingRow[];
  /** Items with no date at all, counted in `not_due`. */
  readonly undatedCount: number;
};

/** `not_due, 1-30, 31-60, 61-90, 91-120, >120` for the default edges. */
export function bucketLabels(edges: readonly number[] = DEFAULT_BUCKET_EDGES): string[] {
  const labels = ['not_due'];
  let lower = 1;
  for (const e of edges) {
    labels.push(`${lower}-${e}`);
    lower = e + 1;
  }
  labels.push(`>${edges.length > 0 ? edges[edges.length - 1] : 0}`);
  return labels;
}

/** Checks user-defined edges: positive integers, strictly increasing, at most 20. */
export function validBucketEdges(edges: readonly number[]): boolean {
  if (edges.length > 20) return false;
  let previous = 0;
  for (const e of edges) {
    if (!Number.isInteger(e) || e <= previous) return false;
    previous = e;
  }
  return true;
}

/** Index of the bucket for `days` past due (≤ 0 is not_due). */
export function bucketIndex(days: number, edges: readonly number[]): number {
  if (days <= 0) return 0;
  for (let i = 0; i < edges.length; i++) if (days <= (edges[i] as number)) return i + 1;
  return edges.length + 1;
}

/** Days past due (or since issue on the issued basis) of an item at asOf; null when undated. */
export function daysPastDue(inv: Invoice, asOf: Day, basis: AgingBasis = 'due'): number | null {
  const ref = basis === 'due' ? agingDueDay(inv) : (inv.issued ?? inv.due);
  return ref === null ? null : asOf - ref;
}

export function agedBalance(ledger: Ledger, options: AgingOptions): AgedBalance {
  const asOf = options.asOf;
  const basis = options.basis ?? 'due';
  const edges = options.edges ?? DEFAULT_BUCKET_EDGES;
  if (!validBucketEdges(edges)) throw new RangeError('agedBalance: invalid bucket edges');
  const width = edges.length + 2;
  const c = ledgerColumns(ledger);
  const acc: (Accumulator | undefined)[] = new Array(c.customerIds.length);
  const total = newAccumulator(width);
  let undatedCount = 0;
  for (let i = 0; i < c.count; i++) {
    const issued = c.issued[i] as number;
    if (issued !== NO_DAY && issued > asOf) continue;
    const open = openAtColumn(c, i, asOf);
    if (open === 0) continue;
    const due = c.due[i] as number;
    // Due basis: the due date, else the item's own date; issued basis: the reverse.
    const dueRef = due !== NO_DAY ? due : issued;
    const ref = basis === 'due' ? dueRef : issued !== NO_DAY ? issued : due;
    const days = ref === NO_DAY ? null : asOf - ref;
    if (days === null) undatedCount++;
    const index = days === null ? 0 : bucketIndex(days, edges);
    const k = c.customer[i] as number;
    let row = acc[k];
    if (!row) {
      row = newAccumulator(width);
      acc[k] = row;
    }
    // Weighted lateness is always measured on the due date, whatever the aging basis.
    const dpd = dueRef === NO_DAY ? 0 : asOf - dueRef;
    const late = (c.amount[i] as number) > 0 && dpd > 0 ? dpd : 0;
    addTo(row, index, open, late);
    addTo(total, index, open, late);
  }
  const customers: AgingRow[] = [];
  acc.forEach((a, k) => {
    if (a) customers.push(toRow(c.customerIds[k] as string, a));
  });
  customers.sort((x, y) => (x.customerId < y.customerId ? -1 : x.customerId > y.customerId ? 1 : 0));
  return { asOf, basis, labels: bucketLabels(edges), total: toRow('', total), customers, undatedCount };
}

type Accumulator = { buckets: number[]; lateWeight: number; lateBase: number; count: number };

function newAccumulator(width: number): Accumulator {
  return { buckets: new Array<number>(width).fill(0), lateWeight: 0, lateBase: 0, count: 0 };
}

function addTo(a: Accumulator, index: number, open: number, dpd: number): void {
  a.buckets[index] = (a.buckets[index] as number) + open;
  a.count++;
  if (dpd > 0 && open > 0) {
    a.lateWeight += open * dpd;
    a.lateBase += open;
  }
}

function toRow(customerId: string, a: Accumulator): AgingRow {
  const buckets = a.buckets as Cents[];
  let openCents = 0;
  for (const b of buckets) openCents += b;
  const notDueCents = buckets[0] as number;
  return {
    customerId,
    buckets,
    openCents: openCents as Cents,
    notDueCents: notDueCents as Cents,
    overdueCents: (openCents - notDueCents) as Cents,
    weightedDaysLate: a.lateBase > 0 ? a.lateWeight / a.lateBase : null,
    openItemCount: a.count,
  };
}
