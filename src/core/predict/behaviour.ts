/**
 * Payment behaviour per customer and its A–D rating (issue 16), from the payment history as of a
 * date. Delays are weighted by the invoice amount. The rating reads one figure, the weighted
 * lateness of the invoices that fell due in the last twelve months (paid or not: when a payment came
 * never decides whether an invoice counts), where an open invoice already past due counts with the days
 * it has been late so far (it is at least that late), and early payments count as on time:
 *   A ≤ a days, B ≤ b days, C ≤ c days, D beyond (defaults 5, 15, 45).
 * A broken promise or payment plan lowers the rating by one letter. No history, no rating.
 */
import { addMonths, type Day } from '../day.ts';
import type { StatusEntry } from '../dunning/workspace.ts';
import { delayOf, OPEN, paymentHistory, SETTLED, type PaymentHistory } from './history.ts';
import type { Ledger } from '../ledger.ts';
import { dayFromIso } from '../day.ts';

export type Rating = 'A' | 'B' | 'C' | 'D';
export const RATINGS: readonly Rating[] = ['A', 'B', 'C', 'D'];

/** Upper bounds, in weighted days late, of ratings A, B and C. */
export type RatingThresholds = { readonly a: number; readonly b: number; readonly c: number };
export const DEFAULT_RATING_THRESHOLDS: RatingThresholds = { a: 5, b: 15, c: 45 };

export function validRatingThresholds(t: RatingThresholds): boolean {
  return [t.a, t.b, t.c].every((x) => Number.isInteger(x) && x >= 0 && x <= 3650) && t.a < t.b && t.b < t.c;
}

export type Trend = 'worse' | 'better' | 'stable';

export type CustomerBehaviour = {
  readonly customerId: string;
  /**
   * Settled invoices that fell due in the window: the last twelve months, or the whole history when
   * fewer than 3 invoices (paid or not) fell due in them.
   */
  readonly settledCount: number;
  readonly window: '12m' | 'all';
  /** Amount-weighted mean of settled − due over the window (negative: paid early); null without any. */
  readonly meanDaysLate: number | null;
  /** Share of the window's settled invoices paid after their due date (0..1). */
  readonly lateShare: number | null;
  /** The figure rated: weighted days late, early counted as 0, open past-due items at their days so far. */
  readonly ratedDaysLate: number | null;
  /** Weighted days late of the last 3 months against the 12 months before them. */
  readonly recentDaysLate: number | null;
  readonly previousDaysLate: number | null;
  readonly trend: Trend | null;
  /** Days past due of the oldest open invoice, when one is past due. */
  readonly longestOpenDaysLate: number | null;
  readonly openLateCount: number;
  readonly disputes: number;
  readonly brokenPromises: number;
  readonly rating: Rating | null;
};

export type BehaviourOptions = {
  readonly thresholds?: RatingThresholds;
  readonly statuses?: readonly StatusEntry[];
  /** Trend: a change of at least this many weighted days counts (default 5). */
  readonly trendDays?: number;
};

export function ratingOf(days: number, t: RatingThresholds = DEFAULT_RATING_THRESHOLDS): Rating {
  return days <= t.a ? 'A' : days <= t.b ? 'B' : days <= t.c ? 'C' : 'D';
}

const lower = (r: Rating): Rating => RATINGS[Math.min(3, RATINGS.indexOf(r) + 1)] as Rating;

/** Disputes, and promises or plan instalments whose date passed while the customer still owes. */
function statusCounts(statuses: readonly StatusEntry[], asOf: Day, owes: (customerId: string) => boolean): Map<string, { disputes: number; broken: number }> {
  const out = new Map<string, { disputes: number; broken: number }>();
  const of = (id: string) => {
    let v = out.get(id);
    if (!v) out.set(id, (v = { disputes: 0, broken: 0 }));
    return v;
  };
  for (const e of statuses) {
    const s = e.status;
    if (s.kind === 'disputed') of(e.customerId).disputes++;
    else if (s.kind === 'promise') {
      const until = dayFromIso(s.until);
      if (until !== null && until < asOf && owes(e.customerId)) of(e.customerId).broken++;
    } else if (s.kind === 'plan') {
      for (const inst of s.instalments) {
        const due = dayFromIso(inst.due);
        if (due !== null && due < asOf && inst.paidOn === undefined) of(e.customerId).broken++;
      }
    }
  }
  return out;
}

export function customerBehaviour(ledger: Ledger, asOf: Day, options: BehaviourOptions = {}): CustomerBehaviour[] {
  return behaviourOf(paymentHistory(ledger, asOf), options);
}

export function behaviourOf(h: PaymentHistory, options: BehaviourOptions = {}): CustomerBehaviour[] {
  const t = options.thresholds ?? DEFAULT_RATING_THRESHOLDS;
  const trendDays = options.trendDays ?? 5;
  const asOf = h.asOf;
  const c = h.columns;
  const yearAgo = addMonths(asOf, -12);
  const threeMonthsAgo = addMonths(asOf, -3);
  const fifteenMonthsAgo = addMonths(asOf, -15);
  const owing = new Set<string>();
  h.byCustomer.forEach((items, k) => {
    for (let j = 0; j < items.length; j++) if (h.state[items[j] as number] === OPEN) owing.add(c.customerIds[k] as string);
  });
  const counts = statusCounts(options.statuses ?? [], asOf, (id) => owing.has(id));
  const out: CustomerBehaviour[] = [];
  for (const k of c.customersById) {
    const items = h.byCustomer[k] as Int32Array;
    if (items.length === 0) continue;
    const id = c.customerIds[k] as string;
    // Fewer than 3 invoices due in the twelve months, paid or not: the whole history.
    let dueInYear = 0;
    for (let j = 0; j < items.length; j++) {
      const i = items[j] as number;
      const due = c.due[i] as number;
      if (due > yearAgo && due <= asOf) dueInYear++;
    }
    let span: '12m' | 'all' = '12m';
    let win = settledIn(h, items, yearAgo);
    if (dueInYear < 3) {
      span = 'all';
      win = settledIn(h, items, Number.NEGATIVE_INFINITY);
    }
    let openW = 0, openDays = 0, longest: number | null = null, openLate = 0;
    for (let j = 0; j < items.length; j++) {
      const i = items[j] as number;
      if (h.state[i] !== OPEN) continue;
      const dpd = asOf - (c.due[i] as number);
      if (dpd <= 0) continue;
      const o = h.open[i] as number;
      openW += o;
      openDays += o * dpd;
      openLate++;
      longest = longest === null ? dpd : Math.max(longest, dpd);
    }
    const recent = weightedDaysLate(h, items, threeMonthsAgo, asOf);
    const previous = weightedDaysLate(h, items, fifteenMonthsAgo, threeMonthsAgo);
    const trend: Trend | null = recent === null || previous === null ? null : recent - previous >= trendDays ? 'worse' : previous - recent >= trendDays ? 'better' : 'stable';
    const base = win.w + openW;
    const rated = base > 0 ? (win.sumPos + openDays) / base : null;
    const st = counts.get(id) ?? { disputes: 0, broken: 0 };
    let rating = rated === null ? null : ratingOf(rated, t);
    if (rating !== null && st.broken > 0) rating = lower(rating);
    out.push({
      customerId: id,
      settledCount: win.n,
      window: span,
      meanDaysLate: win.w > 0 ? win.sum / win.w : null,
      lateShare: win.n > 0 ? win.late / win.n : null,
      ratedDaysLate: rated,
      recentDaysLate: recent,
      previousDaysLate: previous,
      trend,
      longestOpenDaysLate: longest,
      openLateCount: openLate,
      disputes: st.disputes,
      brokenPromises: st.broken,
      rating,
    });
  }
  return out;
}

/**
 * The customer's settled invoices falling due after `from` and by as-of, whenever they were paid:
 * paying later never brings an invoice into the window nor takes one out, so it can never improve a
 * rating. Their amounts, amount-weighted delays (all, and late only), how many were late, how many.
 */
function settledIn(h: PaymentHistory, items: Int32Array, from: number) {
  const c = h.columns;
  let w = 0, sum = 0, sumPos = 0, late = 0, n = 0;
  for (let j = 0; j < items.length; j++) {
    const i = items[j] as number;
    if (h.state[i] !== SETTLED) continue;
    const due = c.due[i] as number;
    if (due <= from || due > h.asOf) continue;
    const a = c.amount[i] as number;
    const d = delayOf(h, i);
    w += a;
    sum += a * d;
    sumPos += a * Math.max(0, d);
    if (d > 0) late++;
    n++;
  }
  return { w, sum, sumPos, late, n };
}

/** The amount-weighted days late of the customer's invoices settled after `from` and by `to`; null when none was. */
function weightedDaysLate(h: PaymentHistory, items: Int32Array, from: number, to: number): number | null {
  const c = h.columns;
  let w = 0, s = 0;
  for (let j = 0; j < items.length; j++) {
    const i = items[j] as number;
    if (h.state[i] !== SETTLED) continue;
    const d = h.settled[i] as number;
    if (d <= from || d > to) continue;
    w += c.amount[i] as number;
    s += (c.amount[i] as number) * Math.max(0, delayOf(h, i));
  }
  return w > 0 ? s / w : null;
}
