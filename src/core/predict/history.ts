/**
 * The payment history of a ledger as of a date: when each invoice was fully paid, read only from
 * payments dated on or before as-of (numbers.md § "Payment behaviour": an outcome is known only if
 * it happened by as-of). Behaviour, prediction and forecast all start from here.
 */
import type { Day } from '../day.ts';
import { ledgerColumns, NO_DAY, type Ledger, type LedgerColumns } from '../ledger.ts';

/** Settlement state of an item at as-of. */
export const OPEN = 0;
export const SETTLED = 1;
/** Fully paid, but partly by a payment without a date: the delay is unknown. */
export const SETTLED_UNDATED = 2;
/** Not an invoice the history speaks of: credit, payment, opening balance, undated, issued after as-of. */
export const NOT_AN_INVOICE = 3;

export type PaymentHistory = {
  readonly asOf: Day;
  readonly columns: LedgerColumns;
  /** OPEN, SETTLED, SETTLED_UNDATED or NOT_AN_INVOICE per ledger item. */
  readonly state: Uint8Array;
  /** The day the last cent was paid (state SETTLED), else NO_DAY. */
  readonly settled: Int32Array;
  /** What is still owed at as-of (state OPEN), in cents. */
  readonly open: Float64Array;
  /** Item numbers of the invoices (not NOT_AN_INVOICE) grouped by customer, each group in issue order. */
  readonly byCustomer: readonly Int32Array[];
};

/**
 * An invoice of the history is a sale with a positive amount, an issue and a due date, issued on or
 * before as-of. Its settlement day is the day of the payment that brings what is owed to zero.
 */
export function paymentHistory(ledger: Ledger, asOf: Day): PaymentHistory {
  let byDay = histories.get(ledger);
  if (!byDay) histories.set(ledger, (byDay = new Map()));
  let h = byDay.get(asOf);
  if (!h) {
    // Two or three as-of dates at most are asked of one ledger (the date, the backtest's cut-off).
    if (byDay.size >= 4) byDay.clear();
    h = historyOf(ledger, asOf);
    byDay.set(asOf, h);
  }
  return h;
}

/** Histories are immutable and ledgers too: one per ledger and as-of date is kept while the ledger lives. */
const histories = new WeakMap<Ledger, Map<number, PaymentHistory>>();

function historyOf(ledger: Ledger, asOf: Day): PaymentHistory {
  const c = ledgerColumns(ledger);
  const n = c.count;
  const state = new Uint8Array(n);
  const settled = new Int32Array(n).fill(NO_DAY);
  const open = new Float64Array(n);
  // The invoices of the history, to be grouped by customer once all are known.
  const invoices = new Int32Array(n);
  let invoiceCount = 0;
  for (let i = 0; i < n; i++) {
    const amount = c.amount[i] as number;
    const issued = c.issued[i] as number;
    if (amount <= 0 || c.isSale[i] !== 1 || issued === NO_DAY || c.due[i] === NO_DAY || issued > asOf) {
      state[i] = NOT_AN_INVOICE;
      continue;
    }
    const start = c.payStart[i] as number;
    const end = c.payStart[i + 1] as number;
    let undated = 0;
    let dated = 0;
    let last = NO_DAY;
    let paid = 0;
    if (end - start <= 1) {
      // Nearly every invoice: one payment or none, no list to sort.
      if (end > start) {
        const d = c.payDay[start] as number;
        const a = c.payAmount[start] as number;
        if (d === NO_DAY) undated = a;
        else if (d <= asOf) {
          dated = a;
          if (a >= amount) last = d;
        }
      }
      paid = undated + dated;
    } else {
      // Payments are few per invoice: the settlement day is the day the running sum reaches the amount.
      const days: number[] = [];
      for (let j = start; j < end; j++) {
        const d = c.payDay[j] as number;
        if (d === NO_DAY) undated += c.payAmount[j] as number;
        else if (d <= asOf) days.push(j);
      }
      days.sort((x, y) => (c.payDay[x] as number) - (c.payDay[y] as number));
      paid = undated;
      for (const j of days) {
        dated += c.payAmount[j] as number;
        paid += c.payAmount[j] as number;
        if (paid >= amount) {
          last = c.payDay[j] as number;
          break;
        }
      }
    }
    if (paid >= amount) {
      if (undated > 0 && dated < amount) state[i] = SETTLED_UNDATED;
      else {
        state[i] = SETTLED;
        settled[i] = last;
      }
    } else {
      state[i] = OPEN;
      open[i] = amount - paid;
    }
    invoices[invoiceCount++] = i;
  }
  // One sort of every invoice by issue day, then grouped by customer (a stable counting sort).
  const grouped = groupByCustomer(orderByDay(invoices.subarray(0, invoiceCount), c.issued), c.customer, c.customerIds.length);
  const byCustomer = c.customerIds.map((_, k) => grouped.items.subarray(grouped.start[k] as number, grouped.start[k + 1] as number));
  return { asOf, columns: c, state, settled, open, byCustomer };
}

/** Room for an item number below a day in one sortable key: day × ITEM_SPAN + item. */
const ITEM_SPAN = 2 ** 27;

/**
 * Items in the order of their day (ties in item order). Items given in ascending order over a span
 * of days not much wider than their count (the usual case) are placed by counting days; otherwise one
 * sort of typed keys day × ITEM_SPAN + item.
 */
export function orderByDay(items: ArrayLike<number>, day: Int32Array): Int32Array {
  const n = items.length;
  let lo = Infinity, hi = -Infinity, ascending = true;
  for (let k = 0; k < n; k++) {
    const i = items[k] as number;
    const d = day[i] as number;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
    if (k > 0 && i <= (items[k - 1] as number)) ascending = false;
  }
  const out = new Int32Array(n);
  if (n === 0) return out;
  if (ascending && hi - lo <= 4 * n + 1024) {
    const start = new Int32Array(hi - lo + 2);
    for (let k = 0; k < n; k++) {
      const at = (day[items[k] as number] as number) - lo + 1;
      start[at] = (start[at] as number) + 1;
    }
    for (let d = 1; d < start.length; d++) start[d] = (start[d] as number) + (start[d - 1] as number);
    for (let k = 0; k < n; k++) {
      const i = items[k] as number;
      const at = (day[i] as number) - lo;
      out[start[at] as number] = i;
      start[at] = (start[at] as number) + 1;
    }
    return out;
  }
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = items[k] as number;
    keys[k] = (day[i] as number) * ITEM_SPAN + i;
  }
  keys.sort();
  for (let k = 0; k < n; k++) {
    const key = keys[k] as number;
    out[k] = key - Math.floor(key / ITEM_SPAN) * ITEM_SPAN;
  }
  return out;
}

/**
 * Items grouped by customer, each group keeping the items' order in `ordered` (a stable counting
 * sort): the items of customer k are `items[start[k]] … items[start[k + 1] - 1]`.
 */
export function groupByCustomer(ordered: Int32Array, customer: Int32Array, customers: number): { readonly items: Int32Array; readonly start: Int32Array } {
  const start = new Int32Array(customers + 1);
  for (let k = 0; k < ordered.length; k++) {
    const at = (customer[ordered[k] as number] as number) + 1;
    start[at] = (start[at] as number) + 1;
  }
  for (let k = 0; k < customers; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const next = start.slice(0, customers);
  const items = new Int32Array(ordered.length);
  for (let k = 0; k < ordered.length; k++) {
    const i = ordered[k] as number;
    const at = customer[i] as number;
    items[next[at] as number] = i;
    next[at] = (next[at] as number) + 1;
  }
  return { items, start };
}

/** Days late of a settled invoice: settled − due (negative when paid early). */
export function delayOf(h: PaymentHistory, i: number): number {
  return (h.settled[i] as number) - (h.columns.due[i] as number);
}
