/**
 * A ledger's sales and receivables as running totals by day, built in one pass over its columns
 * and kept while the columns live: the DSO's sales windows, the receivables at a window's start and
 * the dashboard's monthly history then cost a binary search each at every recompute, instead of a
 * pass over every item (three passes for the DSO and three for the history at each as-of date).
 *
 * The receivables at day d are what receivablesAt(ledger, d) gives item by item: every item issued
 * by d (or undated) less its payments dated by d (or undated). As events: an item adds its amount
 * on its issue day (undated: before every day); a payment takes its amount off on its own day, or on
 * the item's issue day when it is dated earlier or not at all. The sales through d are the dated
 * sales (isSale) issued by d. Sums of whole cents, exact in any order (|total| < 2^53).
 */
import { lastAtOrBefore, type Day } from './day.ts';
import { ledgerColumns, NO_DAY, type Ledger, type LedgerColumns } from './ledger.ts';

export type DailyTotals = {
  /** The days on which something happened, ascending. */
  readonly days: Int32Array;
  /** Dated sales issued on or before days[i]. */
  readonly salesTo: Float64Array;
  /** Receivables at the end of days[i], less `undated`. */
  readonly receivablesTo: Float64Array;
  /** What is counted before every day: undated items and their undated payments. */
  readonly undated: number;
  /** The earliest dated issue of any item, and of a sale (null: none). */
  readonly firstIssued: Day | null;
  readonly firstSale: Day | null;
};

/** Beyond this many days between the first event and the last, the days are sorted rather than spread over a range. */
const DENSE_DAYS = 40_000;

type Cached = { readonly read: readonly ArrayLike<number>[]; readonly totals: DailyTotals };
/** Keyed by the issue dates' column: a ledger whose terms gave it other due dates shares it and its totals. */
const cache = new WeakMap<Int32Array, Cached>();

export function dailyTotals(ledger: Ledger): DailyTotals {
  const c = ledgerColumns(ledger);
  const hit = cache.get(c.issued);
  // The other columns the totals read: bank payments the user accepted give a ledger new payments.
  const read = [c.amount, c.isSale, c.payStart, c.payDay, c.payAmount];
  if (hit && hit.read.every((column, k) => column === read[k])) return hit.totals;
  const totals = build(c);
  cache.set(c.issued, { read, totals });
  return totals;
}

/** The day a payment counts from (NO_DAY: before every day). */
function paidFrom(issued: number, day: number): number {
  if (day === NO_DAY) return issued;
  return issued === NO_DAY || day > issued ? day : issued;
}

function build(c: LedgerColumns): DailyTotals {
  let min = Infinity;
  let max = -Infinity;
  let firstIssued = Infinity;
  let firstSale = Infinity;
  let events = 0;
  for (let i = 0; i < c.count; i++) {
    const issued = c.issued[i] as number;
    if (issued !== NO_DAY) {
      if (issued < min) min = issued;
      if (issued > max) max = issued;
      if (issued < firstIssued) firstIssued = issued;
      if (c.isSale[i] === 1 && issued < firstSale) firstSale = issued;
      events++;
    }
    const end = c.payStart[i + 1] as number;
    for (let j = c.payStart[i] as number; j < end; j++) {
      const at = paidFrom(issued, c.payDay[j] as number);
      if (at === NO_DAY) continue;
      if (at < min) min = at;
      if (at > max) max = at;
      events++;
    }
  }
  const days = min > max ? new Int32Array(0) : max - min < DENSE_DAYS ? spread(min, max) : sorted(c, events);
  const salesTo = new Float64Array(days.length);
  const receivablesTo = new Float64Array(days.length);
  let undated = 0;
  const dense = days.length > 0 && (days[days.length - 1] as number) - (days[0] as number) + 1 === days.length;
  const at = (d: number): number => (dense ? d - (days[0] as number) : lastAtOrBefore(days, d));
  for (let i = 0; i < c.count; i++) {
    const issued = c.issued[i] as number;
    const amount = c.amount[i] as number;
    if (issued === NO_DAY) undated += amount;
    else {
      const k = at(issued);
      receivablesTo[k] = (receivablesTo[k] as number) + amount;
      if (c.isSale[i] === 1) salesTo[k] = (salesTo[k] as number) + amount;
    }
    const end = c.payStart[i + 1] as number;
    for (let j = c.payStart[i] as number; j < end; j++) {
      const from = paidFrom(issued, c.payDay[j] as number);
      const paid = c.payAmount[j] as number;
      if (from === NO_DAY) undated -= paid;
      else {
        const k = at(from);
        receivablesTo[k] = (receivablesTo[k] as number) - paid;
      }
    }
  }
  for (let k = 1; k < days.length; k++) {
    salesTo[k] = (salesTo[k] as number) + (salesTo[k - 1] as number);
    receivablesTo[k] = (receivablesTo[k] as number) + (receivablesTo[k - 1] as number);
  }
  return { days, salesTo, receivablesTo, undated, firstIssued: firstIssued === Infinity ? null : (firstIssued as Day), firstSale: firstSale === Infinity ? null : (firstSale as Day) };
}

/** Every day from min to max (a few years of days: a range costs less than a sort). */
function spread(min: number, max: number): Int32Array {
  const days = new Int32Array(max - min + 1);
  for (let k = 0; k < days.length; k++) days[k] = min + k;
  return days;
}

/** The distinct days of the events, sorted (dates centuries apart). */
function sorted(c: LedgerColumns, events: number): Int32Array {
  const all = new Int32Array(events);
  let n = 0;
  for (let i = 0; i < c.count; i++) {
    const issued = c.issued[i] as number;
    if (issued !== NO_DAY) all[n++] = issued;
    const end = c.payStart[i + 1] as number;
    for (let j = c.payStart[i] as number; j < end; j++) {
      const at = paidFrom(issued, c.payDay[j] as number);
      if (at !== NO_DAY) all[n++] = at;
    }
  }
  all.sort();
  let u = 0;
  for (let k = 0; k < n; k++) if (u === 0 || all[k] !== all[u - 1]) all[u++] = all[k] as number;
  return all.slice(0, u);
}

/** Dated sales issued on or before d. */
export function salesThrough(t: DailyTotals, d: number): number {
  const k = lastAtOrBefore(t.days, d);
  return k < 0 ? 0 : (t.salesTo[k] as number);
}

/** Dated sales issued in (from, to]. */
export function salesBetween(t: DailyTotals, from: number, to: number): number {
  return to <= from ? 0 : salesThrough(t, to) - salesThrough(t, from);
}

/** The receivables at the end of day d: receivablesAt(ledger, d). */
export function receivablesOn(t: DailyTotals, d: number): number {
  const k = lastAtOrBefore(t.days, d);
  return t.undated + (k < 0 ? 0 : (t.receivablesTo[k] as number));
}

