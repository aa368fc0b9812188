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
  const n = c.customerIds.length;
  // Per customer, flat: bucket sums (n × width), lateness weight and base, item counts; the total last.
  const sums = new Float64Array((n + 1) * width);
  const lateWeight = new Float64Array(n + 1);
  const lateBase = new Float64Array(n + 1);
  const counts = new Int32Array(n + 1);
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
    if (ref === NO_DAY) undatedCount++;
    const index = ref === NO_DAY ? 0 : bucketIndex(asOf - ref, edges);
    // Weighted lateness is always measured on the due date, whatever the aging basis.
    const dpd = dueRef === NO_DAY ? 0 : asOf - dueRef;
    const k = c.customer[i] as number;
    sums[k * width + index] = (sums[k * width + index] as number) + open;
    counts[k] = (counts[k] as number) + 1;
    if ((c.amount[i] as number) > 0 && dpd > 0 && open > 0) {
      lateWeight[k] = (lateWeight[k] as number) + open * dpd;
      lateBase[k] = (lateBase[k] as number) + open;
    }
  }
  // The total row: the customers' sums. Amounts are whole cents (and lateness weights whole cents ×
  // days), exact in a double: the order of the additions changes nothing.
  for (let k = 0; k < n; k++) {
    for (let b = 0; b < width; b++) sums[n * width + b] = (sums[n * width + b] as number) + (sums[k * width + b] as number);
    counts[n] = (counts[n] as number) + (counts[k] as number);
    lateWeight[n] = (lateWeight[n] as number) + (lateWeight[k] as number);
    lateBase[n] = (lateBase[n] as number) + (lateBase[k] as number);
  }
  const row = (k: number, customerId: string): AgingRow => {
    const buckets: Cents[] = [];
    let openCents = 0;
    for (let b = k * width; b < (k + 1) * width; b++) {
      const x = sums[b] as number;
      buckets.push(x as Cents);
      openCents += x;
    }
    const notDueCents = buckets[0] as number;
    const base = lateBase[k] as number;
    return {
      customerId,
      buckets,
      openCents: openCents as Cents,
      notDueCents: notDueCents as Cents,
      overdueCents: (openCents - notDueCents) as Cents,
      weightedDaysLate: base > 0 ? (lateWeight[k] as number) / base : null,
      openItemCount: counts[k] as number,
    };
  };
  // Customers in the order of their ids (computed once per ledger).
  const customers: AgingRow[] = [];
  for (const k of c.customersById) if ((counts[k] as number) > 0) customers.push(row(k, c.customerIds[k] as string));
  return { asOf, basis, labels: bucketLabels(edges), total: row(n, ''), customers, undatedCount };
}


export type Concentration = {
  /** The largest balances, largest first (equal balances in id order), with their share of the receivables. */
  readonly top: readonly { readonly customerId: string; readonly openCents: Cents; readonly buckets: readonly Cents[]; readonly sharePercent: number | null }[];
  /** What the top customers hold together (credit balances count as nothing); null without receivables. */
  readonly topSharePercent: number | null;
  /** Everyone else: the total minus the top customers, per bucket and in all. */
  readonly others: { readonly buckets: readonly Cents[]; readonly openCents: Cents };
};

/**
 * The `k` largest balances, largest first, equal balances in the rows' order (the aging's: by id): what
 * a stable sort then the first `k` give, in one pass keeping `k` rows (25,000 customers at 500k rows).
 */
function largestBalances(rows: readonly AgingRow[], k: number): AgingRow[] {
  const top: AgingRow[] = [];
  if (k <= 0) return top;
  for (const r of rows) {
    // A row enters only above the k-th (an equal balance met later stays behind it).
    if (top.length === k && r.openCents <= (top[k - 1] as AgingRow).openCents) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && (top[at - 1] as AgingRow).openCents < r.openCents) at--;
    top.splice(at, 0, r);
    if (top.length > k) top.pop();
  }
  return top;
}

/** The `k` largest balances of an aged balance and the rest: the report's and the page's concentration. */
export function concentration(aging: AgedBalance, k = 5): Concentration {
  const top = largestBalances(aging.customers, k);
  const total = aging.total.openCents;
  const share = (cents: number): number | null => (total > 0 ? (cents / total) * 100 : null);
  const sum = (f: (c: AgingRow) => number) => top.reduce((s, c) => s + f(c), 0);
  return {
    top: top.map((c) => ({ customerId: c.customerId, openCents: c.openCents, buckets: c.buckets, sharePercent: share(c.openCents) })),
    topSharePercent: share(sum((c) => Math.max(0, c.openCents))),
    others: { buckets: aging.total.buckets.map((b, i) => (b - sum((c) => c.buckets[i] ?? 0)) as Cents), openCents: (total - sum((c) => c.openCents)) as Cents },
  };
}
