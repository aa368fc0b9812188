/**
 * The cash-in forecast (issue 16, numbers.md § "Payment behaviour, prediction and the cash-in
 * forecast"): the receivables open at as-of spread over the weeks ahead by expected payment day.
 *
 * - An open invoice is spread evenly over its possible payment days (`paymentDays`): its
 *   predicted delay plus the fit's residual percentiles, after as-of.
 * - A promise (`until`) or a payment plan's unpaid instalments put the amount on those days first.
 * - Doubtful: past due beyond `doubtfulDays`, disputed in the workspace, or the customer in a
 *   collective procedure: not expected in the weeks. (A file's own dispute flag is a feature of the
 *   model instead: such invoices are usually paid, later.)
 * - Credit notes and unallocated payments open at as-of lower the customer's earliest expected
 *   weeks; what they exceed goes to "later". Items the history cannot date go to "later" too.
 * Each customer's amounts are split with `allocateCents`, so Σ weeks + later + doubtful = receivables at as-of.
 */
import { dayFromIso, isoOf, mondayOnOrBefore, type Day } from '../day.ts';
import type { StatusEntry } from '../dunning/workspace.ts';
import { invoiceAt, NO_DAY, openAtColumn, type Ledger } from '../ledger.ts';
import { allocateCents, type Cents } from '../money.ts';
import { groupByCustomer, OPEN, paymentHistory, type PaymentHistory } from './history.ts';
import { delayOfRow, spreadOverDays, predict, type Features, type Model, type Prediction, type PredictionOptions } from './prediction.ts';

export type ForecastWeek = { readonly start: string; readonly expectedCents: Cents; readonly lowCents: Cents; readonly highCents: Cents };

export type ForecastOptions = PredictionOptions & {
  readonly weeks?: number;
  readonly statuses?: readonly StatusEntry[];
  /** Past due beyond this many days, an invoice is doubtful (default 180). */
  readonly doubtfulDays?: number;
};

export type WeeklyBacktest = {
  /** The forecast made at the cut-off against what was paid, week by week, for weeks ended by as-of. */
  readonly cutoff: string;
  readonly weeks: readonly { readonly start: string; readonly forecastCents: Cents; readonly actualCents: Cents; readonly dueDateCents: Cents }[];
  /** Σ|forecast − actual| / Σ actual; null without a full week or without any payment. */
  readonly error: number | null;
  /** The same for the due-date baseline (each invoice expected on its due date, or the day after the cut-off when past due). */
  readonly dueDateError: number | null;
};

export type Forecast = {
  readonly asOf: string;
  readonly weeks: readonly ForecastWeek[];
  readonly laterCents: Cents;
  readonly doubtfulCents: Cents;
  readonly receivablesCents: Cents;
  /** Per customer: the amounts expected in the weeks, later, and doubtful. */
  readonly customers: ReadonlyMap<string, { readonly expectedCents: Cents; readonly laterCents: Cents; readonly doubtfulCents: Cents }>;
  /** The relative band used for low/high: the weekly backtest's error, 1 when it could not be measured. */
  readonly band: number;
  readonly backtest: WeeklyBacktest;
};

type Spread = { readonly weeks: number[]; later: number; doubtful: number; readonly perCustomer: Map<string, { expected: number; later: number; doubtful: number }> };

const DEFAULT_DOUBTFUL_DAYS = 180;

/**
 * The weekly amounts of the receivables open at `asOf` (exact cents), from the payment history at
 * `asOf`, a model and the feature rows (features as of each invoice's date: the same rows serve
 * any as-of date after the invoice was issued).
 */
function spread(ledger: Ledger, model: Model, features: Features, h: PaymentHistory, weeks: number, options: ForecastOptions): Spread {
  const asOf = h.asOf;
  const c = h.columns;
  const start = mondayOnOrBefore(asOf);
  const bins = weeks + 1;
  const binOf = (d: number) => Math.min(weeks, Math.max(0, Math.floor((d - start) / 7)));
  const out: Spread = { weeks: new Array<number>(weeks).fill(0), later: 0, doubtful: 0, perCustomer: new Map() };
  const doubtfulDays = options.doubtfulDays ?? DEFAULT_DOUBTFUL_DAYS;
  const statuses = options.statuses ?? [];
  const collective = new Set<string>();
  const disputedCustomers = new Set<string>();
  const disputedInvoices = new Set<string>();
  const promised = new Map<string, Day>();
  const plans = new Map<string, { day: Day; cents: number }[]>();
  for (const e of statuses) {
    const s = e.status;
    const key = e.invoiceNumber === null ? e.customerId : `${e.customerId}\u0000${e.invoiceNumber}`;
    if (s.kind === 'collective') collective.add(e.customerId);
    else if (s.kind === 'disputed') (e.invoiceNumber === null ? disputedCustomers.add(e.customerId) : disputedInvoices.add(key));
    else if (s.kind === 'promise') {
      const until = dayFromIso(s.until);
      if (until !== null && until > asOf) promised.set(key, until);
    } else if (s.kind === 'plan') {
      const list = s.instalments.filter((i) => i.paidOn === undefined).map((i) => ({ day: Math.max(asOf + 1, dayFromIso(i.due) ?? asOf + 1) as Day, cents: i.amountCents }));
      if (list.length > 0) plans.set(e.customerId, list);
    }
  }
  // The items customer by customer (by its number in the columns), each customer's in ledger order:
  // one customer's expected amounts per bin are summed, then made exact, before the next's (no
  // customers × bins table: 100,000 customers made it 11 MB).
  const customers = c.customerIds.length;
  const everyItem = new Int32Array(c.count);
  for (let i = 0; i < c.count; i++) everyItem[i] = i;
  const grouped = groupByCustomer(everyItem, c.customer, customers);
  const customerWeights = new Float64Array(bins);
  const row = new Array<number>(bins);
  const planLeft = new Map([...plans].map(([id, list]) => [id, list.map((x) => ({ ...x }))]));
  const withStatuses = statuses.length > 0;
  // Invoice keys are made only when a status names invoices.
  const byInvoice = disputedInvoices.size > 0 || promised.size > 0;
  const weights = new Float64Array(bins);
  const addShare = (d: number, share: number) => {
    const b = binOf(d);
    weights[b] = (weights[b] as number) + share;
  };
  for (let k = 0; k < customers; k++) {
    // What is doubtful, the fractional amounts expected per bin, the total they make, the credits;
    // `touched`: the forecast speaks of the customer.
    let touched = false, doubtful = 0, total = 0, credits = 0;
    customerWeights.fill(0);
    const id = c.customerIds[k] as string;
    for (let g = grouped.start[k] as number, end = grouped.start[k + 1] as number; g < end; g++) {
      const i = grouped.items[g] as number;
      const issued = c.issued[i] as number;
      if (issued !== NO_DAY && issued > asOf) continue;
      const open = h.state[i] === OPEN ? (h.open[i] as number) : openAtColumn(c, i, asOf);
      if (open === 0) continue;
      touched = true;
      if (open < 0) {
        credits += open;
        continue;
      }
      const due = c.due[i] as number;
      const numberKey = byInvoice ? `${id}\u0000${invoiceAt(ledger, i).number}` : '';
      const isDoubtful = (withStatuses && (collective.has(id) || disputedCustomers.has(id) || disputedInvoices.has(numberKey))) || (due !== NO_DAY && asOf - due > doubtfulDays);
      if (isDoubtful) {
        out.doubtful += open;
        doubtful += open;
        continue;
      }
      weights.fill(0);
      let rest = open;
      // A payment plan's instalments first, then a promise, then the model.
      const plan = withStatuses ? planLeft.get(id) : undefined;
      if (plan) {
        for (const inst of plan) {
          const take = Math.min(rest, inst.cents);
          if (take <= 0) continue;
          weights[binOf(inst.day)] = (weights[binOf(inst.day)] as number) + take;
          inst.cents -= take;
          rest -= take;
        }
      }
      const promise = promised.size > 0 ? (promised.get(numberKey) ?? promised.get(id)) : undefined;
      const r = features.rowOf[i] as number;
      if (rest > 0 && promise !== undefined) {
        weights[binOf(promise)] = (weights[binOf(promise)] as number) + rest;
        rest = 0;
      } else if (rest > 0 && r >= 0 && h.state[i] === OPEN) {
        spreadOverDays(model, due, delayOfRow(model, features, r), asOf, rest, addShare);
        rest = 0;
      }
      if (rest > 0) weights[weeks] = (weights[weeks] as number) + rest;
      // The customer's expected amounts per week, still fractional: made exact once all its items are in.
      for (let b = 0; b < bins; b++) customerWeights[b] = (customerWeights[b] as number) + (weights[b] as number);
      total += open;
    }
    if (!touched) continue;
    // The customer's open amounts split over the weeks exactly (largest remainders).
    for (let b = 0; b < bins; b++) row[b] = customerWeights[b] as number;
    const parts = total !== 0 ? allocateCents(total as Cents, row) : new Array<number>(bins).fill(0);
    // Credits lower the customer's earliest expected amounts; beyond them, "later".
    let left = -credits;
    for (let b = 0; b < bins && left > 0; b++) {
      const take = Math.min(left, parts[b] as number);
      parts[b] = ((parts[b] as number) - take) as Cents;
      left -= take;
    }
    parts[weeks] = ((parts[weeks] as number) - left) as Cents;
    let expected = 0;
    for (let b = 0; b < weeks; b++) {
      out.weeks[b] = (out.weeks[b] as number) + (parts[b] as number);
      expected += parts[b] as number;
    }
    out.later += parts[weeks] as number;
    out.perCustomer.set(id, { expected, later: parts[weeks] as number, doubtful });
  }
  return out;
}

/**
 * The forecast made at `cutoff` from what was known then (the model fitted before it, the history
 * as of it), against the payments the ledger shows after it, for the weeks that ended by as-of;
 * and the due-date baseline's error.
 */
export function weeklyBacktest(ledger: Ledger, asOf: Day, cutoff: Day, weeks: number, options: ForecastOptions): WeeklyBacktest {
  return weeklyBacktestOf(ledger, predict(ledger, asOf, { ...options, cutoff }), weeks, options);
}

function weeklyBacktestOf(ledger: Ledger, p: Prediction, weeks: number, options: ForecastOptions): WeeklyBacktest {
  const asOf = p.asOf;
  const cutoff = p.cutoff;
  const h = paymentHistory(ledger, cutoff);
  const s = spread(ledger, p.cutoffModel, p.features, h, weeks, options);
  const c = h.columns;
  const start = mondayOnOrBefore(cutoff);
  const full = Math.max(0, Math.min(weeks, Math.floor((asOf + 1 - start) / 7)));
  const actual = new Array<number>(weeks).fill(0);
  const baseline = new Array<number>(weeks).fill(0);
  const binOf = (d: number) => Math.floor((d - start) / 7);
  for (let i = 0; i < c.count; i++) {
    if (h.state[i] !== OPEN) continue;
    const due = c.due[i] as number;
    const b = binOf(Math.max(due, cutoff + 1));
    if (b < weeks) baseline[b] = (baseline[b] as number) + (h.open[i] as number);
    const end = c.payStart[i + 1] as number;
    for (let j = c.payStart[i] as number; j < end; j++) {
      const d = c.payDay[j] as number;
      if (d === NO_DAY || d <= cutoff || d > asOf) continue;
      const k = binOf(d);
      if (k < weeks) actual[k] = (actual[k] as number) + (c.payAmount[j] as number);
    }
  }
  let err = 0, baseErr = 0, total = 0;
  const rows = [];
  for (let k = 0; k < full; k++) {
    const f = s.weeks[k] as number;
    const a = actual[k] as number;
    err += Math.abs(f - a);
    baseErr += Math.abs((baseline[k] as number) - a);
    total += a;
    rows.push({ start: isoOf((start + 7 * k) as Day), forecastCents: f as Cents, actualCents: a as Cents, dueDateCents: baseline[k] as Cents });
  }
  return { cutoff: isoOf(cutoff), weeks: rows, error: full > 0 && total > 0 ? err / total : null, dueDateError: full > 0 && total > 0 ? baseErr / total : null };
}

export function forecast(ledger: Ledger, asOf: Day, options: ForecastOptions = {}, prediction?: Prediction): Forecast {
  const weeks = options.weeks ?? 13;
  const p = prediction ?? predict(ledger, asOf, options);
  const s = spread(ledger, p.model, p.features, p.features.history, weeks, options);
  const bt = weeklyBacktestOf(ledger, p, weeks, options);
  const band = bt.error === null ? 1 : Math.min(1, bt.error);
  const start = mondayOnOrBefore(asOf);
  let receivables = 0;
  for (const w of s.weeks) receivables += w;
  receivables += s.later + s.doubtful;
  return {
    asOf: isoOf(asOf),
    weeks: s.weeks.map((e, k) => ({ start: isoOf((start + 7 * k) as Day), expectedCents: e as Cents, lowCents: Math.max(0, Math.round(e * (1 - band))) as Cents, highCents: Math.round(e * (1 + band)) as Cents })),
    laterCents: s.later as Cents,
    doubtfulCents: s.doubtful as Cents,
    receivablesCents: receivables as Cents,
    customers: new Map([...s.perCustomer].map(([id, v]) => [id, { expectedCents: v.expected as Cents, laterCents: v.later as Cents, doubtfulCents: v.doubtful as Cents }])),
    band,
    backtest: bt,
  };
}
