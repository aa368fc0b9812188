/**
 * Late-payment prediction per open invoice and its out-of-time backtest (issue 16, numbers.md
 * § "Payment behaviour, prediction and the cash-in forecast").
 *
 * Every invoice is described by its customer's history *as of its issue date*: only invoices
 * settled, issued or past due strictly before that day are read. A model fitted at a horizon H
 * learns only from outcomes known before H: an invoice settled before H (late when settled after
 * its due date), or one still unpaid at H although due before it (late, whenever it gets paid).
 */
import { addMonths, isoOf, type Day } from '../day.ts';
import { ledgerColumns, MARK_DISPUTED, MARK_ELECTRONIC, MARK_PAPER, type Ledger } from '../ledger.ts';
import { ascendingOrder, auc, fitLogistic, fitMedian, linear, sigmoid, type LinearModel, type Matrix } from './model.ts';
import { delayOf, groupByCustomer, NOT_AN_INVOICE, OPEN, orderByDay, paymentHistory, SETTLED, type PaymentHistory } from './history.ts';

/** The features, in the order of the matrix's columns. */
export const FEATURES = [
  'priorLateRate',
  'priorMeanDelay',
  'recentDelay',
  'lastDelay',
  'priorCount',
  'amountVsUsual',
  'termsDays',
  'openCount',
  'openLateCount',
  'openLateDays',
  'disputed',
  'recentLateRate',
  'priorLateLogit',
  // Read only when the file says how invoices were sent (both channels present): sent electronically,
  // and the share of the customer's settled invoices that were (its history learnt on the other channel).
  'electronic',
  'priorElectronicShare',
] as const;
/** The channel features, last: left out of the matrix when the file does not say. */
const CHANNEL_FEATURES = 2;
/** The delay model reads the customer's delays only (and the dispute flag). */
const DELAY_FEATURES = [0, 1, 2, 3, 4, 6, 9, 10];
/** …and the channel features when the matrix has them. */
const DELAY_FEATURES_WITH_CHANNEL = [...DELAY_FEATURES, FEATURES.indexOf('electronic'), FEATURES.indexOf('priorElectronicShare')];

/** What the model reads from the file besides each customer's payment history. */
export type Signal = 'disputes' | 'channel';

export type Features = {
  readonly matrix: Matrix;
  readonly signals: readonly Signal[];
  readonly history: PaymentHistory;
  /** Invoice item numbers, in matrix row order. */
  readonly items: Int32Array;
  /** Row of each ledger item in the matrix, -1 when it is not an invoice of the history. */
  readonly rowOf: Int32Array;
  /** The customer's delays (settled − due) known strictly before each row's issue date, newest last: up to 12. */
  readonly priorDelays: (r: number) => Float64Array;
  /** The mean of all the customer's delays known before each row's issue date (0 without any). */
  readonly priorMean: Float64Array;
};

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Features of every invoice of the history as of its own issue date. */
export function featuresOf(ledger: Ledger, h: PaymentHistory, useDisputes: boolean, useChannel = false): Features {
  const c = h.columns;
  const W = useChannel ? FEATURES.length : FEATURES.length - CHANNEL_FEATURES;
  const marks = ledgerColumns(ledger).marks;
  const electronic = (i: number) => ((marks[i] as number) & MARK_ELECTRONIC ? 1 : 0);
  const customers = h.byCustomer.length;
  let total = 0;
  for (const items of h.byCustomer) total += items.length;
  const data = new Float64Array(total * W);
  const items = new Int32Array(total);
  const rowOf = new Int32Array(c.count).fill(-1);
  // Every invoice of the history, the settled ones, and the day each one turns late (the day after
  // its due date, not before it is issued); then, per customer, the settled ones in settlement order
  // and all of them in the order they turn late: one sort each for the whole ledger.
  const all = new Int32Array(total);
  const lateDay = new Int32Array(c.count);
  let settledCount = 0;
  for (let i = 0, at = 0; i < c.count; i++) {
    if (h.state[i] === NOT_AN_INVOICE) continue;
    all[at++] = i;
    lateDay[i] = Math.max(c.issued[i] as number, c.due[i] as number) + 1;
    if (h.state[i] === SETTLED) settledCount++;
  }
  const settledItems = new Int32Array(settledCount);
  for (let k = 0, m = 0; k < total; k++) if (h.state[all[k] as number] === SETTLED) settledItems[m++] = all[k] as number;
  const bySettlement = groupByCustomer(orderByDay(settledItems, h.settled), c.customer, customers);
  const byLateDay = groupByCustomer(orderByDay(all, lateDay), c.customer, customers);
  // Each customer's delays in settlement order, side by side with bySettlement: a row sees those up to `known[r]`.
  const delays = new Float64Array(settledCount);
  for (let k = 0; k < settledCount; k++) delays[k] = delayOf(h, bySettlement.items[k] as number);
  const known = new Int32Array(total);
  const firstDelay = new Int32Array(total);
  const priorMean = new Float64Array(total);
  // The invoices open at a row's issue day t (issued before t, not settled before t), in issue order:
  // a list linked over item numbers, an invoice appended when issued before t, unlinked when settled
  // before t. Walking its first 50 costs 50 steps, however many settled invoices lie between them.
  const nextOpen = new Int32Array(c.count);
  const prevOpen = new Int32Array(c.count);
  const openState = new Uint8Array(c.count); // 0 not yet issued before t, 1 linked, 2 settled before t
  // The rows of customer k from row r on; returns the next row. A function of its own: called once per
  // customer, it is optimised after a few customers rather than by replacing a running loop.
  const rowsOf = (k: number, r: number): number => {
    const list = h.byCustomer[k] as Int32Array;
    if (list.length === 0) return r;
    const from = bySettlement.start[k] as number;
    const to = bySettlement.start[k + 1] as number;
    const lateFrom = byLateDay.start[k] as number;
    const lateTo = byLateDay.start[k + 1] as number;
    let p = from;
    let turnedLate = lateFrom;
    let n = 0, late = 0, sumDelay = 0, settledElectronic = 0;
    let q = 0;
    let issuedCount = 0, sumLogAmount = 0;
    let head = -1, tail = -1;
    for (const i of list) {
      const t = c.issued[i] as number;
      while (p < to && (h.settled[bySettlement.items[p] as number] as number) < t) {
        const d = delays[p] as number;
        n++;
        if (d > 0) late++;
        sumDelay += d;
        const j = bySettlement.items[p] as number;
        if (useChannel) settledElectronic += electronic(j);
        if (openState[j] === 1) {
          const before = prevOpen[j] as number;
          const after = nextOpen[j] as number;
          if (before >= 0) nextOpen[before] = after;
          else head = after;
          if (after >= 0) prevOpen[after] = before;
          else tail = before;
        }
        openState[j] = 2;
        p++;
      }
      while (q < list.length && (c.issued[list[q] as number] as number) < t) {
        const j = list[q] as number;
        sumLogAmount += Math.log(c.amount[j] as number);
        issuedCount++;
        q++;
        if (openState[j] === 2) continue;
        openState[j] = 1;
        prevOpen[j] = tail;
        nextOpen[j] = -1;
        if (tail >= 0) nextOpen[tail] = j;
        else head = j;
        tail = j;
      }
      while (turnedLate < lateTo && (lateDay[byLateDay.items[turnedLate] as number] as number) <= t) turnedLate++;
      // Open at t: issued before t and not settled before t. Past due at t: turned late by t, less
      // those settled before t.
      const open = issuedCount - n;
      const openLate = clamp(turnedLate - lateFrom - n, 0, open);
      // Days past due, at t, of the oldest invoices still open then (the first 50 from the oldest).
      let openLateDays = 0;
      if (openLate > 0) {
        for (let j = head, seen = 0; j >= 0 && seen < 50; j = nextOpen[j] as number, seen++) {
          const due = c.due[j] as number;
          if (due < t) openLateDays = Math.max(openLateDays, t - due);
        }
      }
      const mean = n > 0 ? sumDelay / n : 0;
      let recentSum = 0, recentN = 0, late5 = 0, n5 = 0;
      for (let m = p - 1; m >= from && m >= p - 5; m--) {
        const d = delays[m] as number;
        if (m >= p - 3) {
          recentSum += d;
          recentN++;
        }
        if (d > 0) late5++;
        n5++;
      }
      const o = r * W;
      data[o] = (late + 0.5) / (n + 1);
      data[o + 1] = clamp((sumDelay / (n + 1)), -60, 180);
      data[o + 2] = recentN > 0 ? clamp(recentSum / recentN, -60, 180) : clamp(mean, -60, 180);
      data[o + 3] = p > from ? clamp(delays[p - 1] as number, -60, 180) : 0;
      data[o + 4] = Math.log1p(n);
      data[o + 5] = issuedCount > 0 ? clamp(Math.log(c.amount[i] as number) - sumLogAmount / issuedCount, -3, 3) : 0;
      data[o + 6] = clamp((c.due[i] as number) - t, -30, 365);
      data[o + 7] = Math.log1p(Math.max(0, open));
      data[o + 8] = Math.log1p(openLate);
      data[o + 9] = Math.log1p(openLateDays);
      data[o + 10] = useDisputes && ((marks[i] as number) & MARK_DISPUTED) !== 0 ? 1 : 0;
      data[o + 11] = (late5 + 0.5) / (n5 + 1);
      data[o + 12] = Math.log((late + 0.5) / (n - late + 0.5));
      if (useChannel) {
        data[o + 13] = electronic(i);
        data[o + 14] = n > 0 ? settledElectronic / n : electronic(i);
      }

      items[r] = i;
      rowOf[i] = r;
      firstDelay[r] = from;
      known[r] = p;
      priorMean[r] = mean;
      r++;
    }
    return r;
  };
  let r = 0;
  for (let k = 0; k < customers; k++) r = rowsOf(k, r);
  const priorDelays = (row: number): Float64Array => {
    const end = known[row] as number;
    return delays.subarray(Math.max(firstDelay[row] as number, end - 12), end);
  };
  const signals: Signal[] = [...(useDisputes ? (['disputes'] as const) : []), ...(useChannel ? (['channel'] as const) : [])];
  return { matrix: { rows: total, width: W, data }, signals, history: h, items, rowOf, priorDelays, priorMean };
}

const delayMatrices = new WeakMap<Matrix, Matrix>();

/** The delay-model columns of a feature matrix (built once per matrix). */
function delayMatrix(x: Matrix): Matrix {
  const cached = delayMatrices.get(x);
  if (cached) return cached;
  const out = buildDelayMatrix(x);
  delayMatrices.set(x, out);
  return out;
}

function buildDelayMatrix(x: Matrix): Matrix {
  const columns = x.width === FEATURES.length ? DELAY_FEATURES_WITH_CHANNEL : DELAY_FEATURES;
  const w = columns.length;
  const data = new Float64Array(x.rows * w);
  for (let r = 0; r < x.rows; r++) for (let k = 0; k < w; k++) data[r * w + k] = x.data[r * x.width + (columns[k] as number)] as number;
  return { rows: x.rows, width: w, data };
}

export type Model = {
  /** The horizon: only outcomes known before this day were learnt from. */
  readonly horizon: Day;
  readonly late: LinearModel | null;
  readonly delay: LinearModel | null;
  /** Share of late invoices among those learnt from; the prediction when there is no model. */
  readonly baseRate: number;
  readonly meanDelay: number;
  /** Residuals (actual − predicted delay) of the fit at the 5th, 10th … 95th percentiles. */
  readonly residuals: Float64Array;
  readonly trainedOn: number;
};

/** Below these counts a model is not fitted: the base rate stands in for it. */
export const MIN_TRAINING = 30;
/** At most this many invoices, the most recent, train a model. */
export const MAX_TRAINING = 10_000;
/** Older outcomes weigh less in the fit: half their weight after ~8 months (e-folding a year). */
const HALF_LIFE = 365;
const MIN_CLASS = 5;

/** Label of an invoice at horizon H: 1 late, 0 on time, -1 not known yet. */
function labelAt(f: Features, i: number, horizon: number): number {
  const h = f.history;
  const due = h.columns.due[i] as number;
  if (h.state[i] === SETTLED && (h.settled[i] as number) < horizon) return (h.settled[i] as number) > due ? 1 : 0;
  if (h.state[i] === OPEN || (h.state[i] === SETTLED && (h.settled[i] as number) >= horizon)) return due < horizon - 1 ? 1 : -1;
  return -1;
}

function quantiles(values: Float64Array, count: number): Float64Array {
  const sorted = values.sort();
  const out = new Float64Array(count);
  if (sorted.length === 0) return out;
  for (let k = 0; k < count; k++) {
    const pos = ((k + 1) / (count + 1)) * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(sorted.length - 1, lo + 1);
    out[k] = (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
  }
  return out;
}

/** Fits both models on the invoices issued before `horizon` whose outcome was known before it. */
export function fitModel(f: Features, horizon: Day): Model {
  const h = f.history;
  const issued = h.columns.issued;
  // The rows learnt from (with their label) and those of them whose delay is known, in row order.
  const rows = new Int32Array(f.matrix.rows);
  const labels = new Uint8Array(f.matrix.rows);
  const delayRows = new Int32Array(f.matrix.rows);
  const delays = new Float64Array(f.matrix.rows);
  let count = 0, delayCount = 0, pos = 0, sumDelay = 0;
  for (let r = 0; r < f.matrix.rows; r++) {
    const i = f.items[r] as number;
    if ((issued[i] as number) >= horizon) continue;
    const label = labelAt(f, i, horizon);
    if (label < 0) continue;
    rows[count] = r;
    labels[count++] = label;
    pos += label;
    if (h.state[i] === SETTLED && (h.settled[i] as number) < horizon) {
      const d = delayOf(h, i);
      delayRows[delayCount] = r;
      delays[delayCount++] = d;
      sumDelay += d;
    }
  }
  const baseRate = count > 0 ? pos / count : 0.5;
  const meanDelay = delayCount > 0 ? sumDelay / delayCount : 0;
  const issuedOfRow = (r: number) => issued[f.items[r] as number] as number;
  // Beyond MAX_TRAINING invoices, the most recent ones: the fit's cost stays bounded, and older
  // outcomes weigh little anyway.
  const fitRows = latest(rows.subarray(0, count), issuedOfRow);
  const fitLabels = fitRows.length === count ? labels.subarray(0, count) : pick(labels, rows.subarray(0, count), fitRows);
  const fitDelayRows = latest(delayRows.subarray(0, delayCount), issuedOfRow);
  const fitDelays = fitDelayRows.length === delayCount ? delays.subarray(0, delayCount) : pick(delays, delayRows.subarray(0, delayCount), fitDelayRows);
  const recency = new Float64Array(fitRows.length);
  for (let k = 0; k < fitRows.length; k++) recency[k] = Math.exp(-(horizon - issuedOfRow(fitRows[k] as number)) / HALF_LIFE);
  const late = count >= MIN_TRAINING && pos >= MIN_CLASS && count - pos >= MIN_CLASS ? fitLogistic(f.matrix, fitRows, fitLabels, 1, recency) : null;
  let delay: LinearModel | null = null;
  let residuals: Float64Array;
  if (delayCount >= MIN_TRAINING) {
    const dx = delayMatrix(f.matrix);
    const fitted = fitMedian(dx, fitDelayRows, fitDelays);
    delay = fitted;
    const rest = new Float64Array(fitDelayRows.length);
    for (let k = 0; k < rest.length; k++) rest[k] = (fitDelays[k] as number) - linear(fitted, dx, fitDelayRows[k] as number);
    residuals = quantiles(rest, 19);
  } else {
    const rest = new Float64Array(delayCount);
    for (let k = 0; k < delayCount; k++) rest[k] = (delays[k] as number) - meanDelay;
    residuals = quantiles(rest, 19);
  }
  return { horizon, late, delay, baseRate, meanDelay, residuals, trainedOn: count };
}

/**
 * The MAX_TRAINING rows of `list` issued last (all of them when there are no more), in `list`'s
 * order; among rows issued on the threshold day, the first ones. The threshold is found by counting
 * rows per day (days are integers in a bounded range).
 */
function latest(list: Int32Array, issuedOf: (r: number) => number): Int32Array {
  if (list.length <= MAX_TRAINING) return list;
  let lo = Infinity, hi = -Infinity;
  for (let k = 0; k < list.length; k++) {
    const d = issuedOf(list[k] as number);
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  const counts = new Int32Array(hi - lo + 1);
  for (let k = 0; k < list.length; k++) {
    const at = issuedOf(list[k] as number) - lo;
    counts[at] = (counts[at] as number) + 1;
  }
  let threshold = hi;
  let above = 0;
  while (threshold > lo && above + (counts[threshold - lo] as number) < MAX_TRAINING) above += counts[threshold-- - lo] as number;
  let ties = MAX_TRAINING - above;
  const out = new Int32Array(MAX_TRAINING);
  let n = 0;
  for (let k = 0; k < list.length && n < MAX_TRAINING; k++) {
    const r = list[k] as number;
    const d = issuedOf(r);
    if (d > threshold || (d === threshold && ties-- > 0)) out[n++] = r;
  }
  return out.subarray(0, n);
}

/** The values of `values` (one per row of `rows`) for the rows of `kept`, a subsequence of `rows`. */
function pick<T extends Uint8Array | Float64Array>(values: T, rows: Int32Array, kept: Int32Array): T {
  const out = new (values.constructor as new (n: number) => T)(kept.length);
  for (let k = 0, j = 0; k < kept.length; k++) {
    while ((rows[j] as number) !== kept[k]) j++;
    out[k] = values[j] as number;
  }
  return out;
}

export function pLateOf(m: Model, f: Features, r: number): number {
  return m.late === null ? m.baseRate : sigmoid(linear(m.late, f.matrix, r));
}

/** Predicted delay (days after the due date, negative when early) of a feature row. */
export function delayOfRow(m: Model, f: Features, r: number, dx?: Matrix): number {
  if (m.delay === null) {
    const prior = f.priorDelays(r);
    return prior.length > 0 ? median(prior) : m.meanDelay;
  }
  return linear(m.delay, dx ?? delayMatrix(f.matrix), r);
}

/** The median of values already in ascending order. */
function middleOf(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export type CalibrationBin = { readonly predicted: number; readonly observed: number; readonly count: number };

export type Backtest = {
  /** Invoices issued before this day trained the model; those issued from it on were scored. */
  readonly cutoff: string;
  readonly trainedOn: number;
  /** Invoices scored (issued from the cut-off to as-of, outcome known at as-of). */
  readonly invoices: number;
  readonly auc: number | null;
  /** Mean absolute error of the payment date, in days, over the scored invoices already paid. */
  readonly maeDays: number | null;
  /** The same for "due date + the customer's mean delay so far". */
  readonly baselineMaeDays: number | null;
  /** The same for "due date + the mean of the customer's last 3 delays". */
  readonly last3BaselineMaeDays: number | null;
  /** The same errors on the days late counted from 0 (an early payment is 0 days late), as ledgers' "days late" columns do. */
  readonly maeDaysLate: number | null;
  readonly last3BaselineMaeDaysLate: number | null;
  readonly paidInvoices: number;
  readonly calibration: readonly CalibrationBin[];
  /** What the model read from the file besides the payment history. */
  readonly signals: readonly Signal[];
  /** Why nothing could be said, when the figures are null. */
  readonly reason: 'TooFewTraining' | 'TooFewScored' | 'OneClass' | null;
};

/** Below these counts the backtest says it cannot tell rather than print a number. */
export const MIN_SCORED = 30;


/** The model fitted before `cutoff`, scored on the invoices issued from `cutoff` to as-of. */
export function backtest(f: Features, cutoff: Day, fitted?: Model): Backtest {
  const h = f.history;
  const m = fitted ?? fitModel(f, cutoff);
  const dx = delayMatrix(f.matrix);
  const scores: number[] = [];
  const labels: number[] = [];
  let err = 0, baseErr = 0, last3Err = 0, paid = 0, lateErr = 0, last3LateErr = 0;
  const pos0 = (x: number) => Math.max(0, x);
  for (let r = 0; r < f.matrix.rows; r++) {
    const i = f.items[r] as number;
    if ((h.columns.issued[i] as number) < cutoff) continue;
    const label = labelAt(f, i, h.asOf + 1);
    if (label < 0) continue;
    scores.push(pLateOf(m, f, r));
    labels.push(label);
    if (h.state[i] === SETTLED) {
      const actual = delayOf(h, i);
      const prior = f.priorDelays(r);
      const priorMean = prior.length > 0 ? (f.priorMean[r] as number) : m.meanDelay;
      const last3 = prior.length > 0 ? meanOf(prior, 3) : m.meanDelay;
      const predicted = Math.round(delayOfRow(m, f, r, dx));
      err += Math.abs(predicted - actual);
      lateErr += Math.abs(pos0(predicted) - pos0(actual));
      last3LateErr += Math.abs(pos0(Math.round(last3)) - pos0(actual));
      baseErr += Math.abs(Math.round(priorMean) - actual);
      last3Err += Math.abs(Math.round(last3) - actual);
      paid++;
    }
  }
  let pos = 0;
  for (const l of labels) pos += l;
  const reason = m.trainedOn < MIN_TRAINING ? 'TooFewTraining' : labels.length < MIN_SCORED ? 'TooFewScored' : pos === 0 || pos === labels.length ? 'OneClass' : null;
  const enough = reason === null;
  const order = enough ? ascendingOrder(scores) : [];
  return {
    cutoff: isoOf(cutoff),
    trainedOn: m.trainedOn,
    invoices: labels.length,
    auc: enough && m.late !== null ? auc(scores, labels, order) : null,
    maeDays: enough && paid >= MIN_SCORED ? err / paid : null,
    baselineMaeDays: enough && paid >= MIN_SCORED ? baseErr / paid : null,
    last3BaselineMaeDays: enough && paid >= MIN_SCORED ? last3Err / paid : null,
    maeDaysLate: enough && paid >= MIN_SCORED ? lateErr / paid : null,
    last3BaselineMaeDaysLate: enough && paid >= MIN_SCORED ? last3LateErr / paid : null,
    paidInvoices: paid,
    calibration: enough ? calibration(scores, labels, order) : [],
    signals: f.signals,
    reason,
  };
}

function meanOf(values: Float64Array, last: number): number {
  const from = Math.max(0, values.length - last);
  let s = 0;
  for (let k = from; k < values.length; k++) s += values[k] as number;
  return s / (values.length - from);
}

function calibration(scores: readonly number[], labels: readonly number[], idx: readonly number[]): CalibrationBin[] {
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < 10; b++) {
    const from = Math.floor((b * idx.length) / 10);
    const to = Math.floor(((b + 1) * idx.length) / 10);
    if (to <= from) continue;
    let p = 0, o = 0;
    for (let k = from; k < to; k++) {
      p += scores[idx[k] as number] as number;
      o += labels[idx[k] as number] as number;
    }
    bins.push({ predicted: p / (to - from), observed: o / (to - from), count: to - from });
  }
  return bins;
}

export type InvoicePrediction = {
  readonly item: number;
  readonly pLate: number;
  /** The expected payment day, after as-of. */
  readonly expected: Day;
  /** The predicted delay before conditioning on the invoice still being open at as-of. */
  readonly delay: number;
};

/**
 * Payment days an open invoice may be paid on, after as-of, each equally likely: the predicted
 * delay plus the fit's residual percentiles, without those already past. When the invoice has
 * outlived them all, the four weeks after as-of.
 */
export function paymentDays(m: Model, due: number, delay: number, asOf: number): number[] {
  const out: number[] = [];
  spreadOverDays(m, due, delay, asOf, 1, (d) => out.push(d));
  return out;
}

/**
 * `amount` spread evenly over `paymentDays(m, due, delay, asOf)`, each day handed to `add` with its
 * share, in the same order, without making the list.
 */
export function spreadOverDays(m: Model, due: number, delay: number, asOf: number, amount: number, add: (day: number, share: number) => void): void {
  // The residuals ascend, so do the days: those after as-of are the last ones.
  const res = m.residuals;
  let first = 0;
  while (first < res.length && Math.round(due + delay + (res[first] as number)) <= asOf) first++;
  const count = res.length - first;
  if (count === 0) {
    for (let k = 1; k <= 4; k++) add(asOf + 7 * k - 3, amount / 4);
    return;
  }
  for (let k = first; k < res.length; k++) add(Math.round(due + delay + (res[k] as number)), amount / count);
}

export type PredictionOptions = {
  /** Use the file's dispute flag as a feature (default: when the file marks any invoice disputed). */
  readonly useDisputes?: boolean;
  /** Use how invoices were sent as features (default: when the file has both paper and electronic invoices). */
  readonly useChannel?: boolean;
  /** The backtest's cut-off (default: six months before as-of). */
  readonly cutoff?: Day;
};

export type Prediction = {
  readonly asOf: Day;
  readonly model: Model;
  readonly features: Features;
  readonly invoices: readonly InvoicePrediction[];
  readonly backtest: Backtest;
  /** The model fitted before the backtest's cut-off (the forecast's own backtest uses it too). */
  readonly cutoff: Day;
  readonly cutoffModel: Model;
};

export function predict(ledger: Ledger, asOf: Day, options: PredictionOptions = {}): Prediction {
  const h = paymentHistory(ledger, asOf);
  const useDisputes = options.useDisputes ?? ledgerColumns(ledger).marks.some((m) => (m & MARK_DISPUTED) !== 0);
  const f = featuresOf(ledger, h, useDisputes, options.useChannel ?? hasBothChannels(ledger));
  const model = fitModel(f, (asOf + 1) as Day);
  const dx = delayMatrix(f.matrix);
  const invoices: InvoicePrediction[] = [];
  for (let r = 0; r < f.matrix.rows; r++) {
    const i = f.items[r] as number;
    if (h.state[i] !== OPEN) continue;
    const due = h.columns.due[i] as number;
    const delay = delayOfRow(model, f, r, dx);
    // The days come in ascending order (the residuals are percentiles): their median is the middle one.
    const days = paymentDays(model, due, delay, asOf);
    invoices.push({ item: i, pLate: due < asOf ? 1 : pLateOf(model, f, r), expected: Math.round(middleOf(days)) as Day, delay });
  }
  const cutoff = options.cutoff ?? addMonths(asOf, -6);
  const cutoffModel = fitModel(f, cutoff);
  return { asOf, model, features: f, invoices, backtest: backtest(f, cutoff, cutoffModel), cutoff, cutoffModel };
}

/** Whether the file says of some invoices that they were sent electronically and of others on paper. */
export function hasBothChannels(ledger: Ledger): boolean {
  let seen = 0;
  for (const m of ledgerColumns(ledger).marks) {
    seen |= m;
    if ((seen & (MARK_ELECTRONIC | MARK_PAPER)) === (MARK_ELECTRONIC | MARK_PAPER)) return true;
  }
  return false;
}

export { NOT_AN_INVOICE };
