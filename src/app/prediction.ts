/**
 * Who will pay, and when (issue 16): the customers' payment behaviour and rating, the prediction of
 * every open invoice with its backtest, and the cash-in forecast, for one ledger and one Settings
 * object. The page's worker, the exports, the report and the CLI read them from here. The model is
 * fitted once per ledger and as-of date (cached while the ledger lives).
 */
import { behaviourOf, customerNames, forecast, invoiceAt, isoOf, legalRateBp, paymentHistory, predict, type Backtest, type CustomerBehaviour, type Day, type Forecast, type Ledger, type Prediction, type Rating } from '../core/index.ts';
import type { Settings } from './settings.ts';

const predictions = new WeakMap<Ledger, Map<number, Prediction>>();
const forecasts = new WeakMap<Ledger, Map<string, Forecast>>();

/** The prediction of a ledger at an as-of date, fitted once. */
export function predictionOf(ledger: Ledger, asOf: Day): Prediction {
  let byDay = predictions.get(ledger);
  if (!byDay) predictions.set(ledger, (byDay = new Map()));
  let p = byDay.get(asOf);
  if (!p) {
    p = predict(ledger, asOf);
    byDay.set(asOf, p);
  }
  return p;
}

export function forecastOf(ledger: Ledger, settings: Settings, weeks = 13): Forecast {
  let byKey = forecasts.get(ledger);
  if (!byKey) forecasts.set(ledger, (byKey = new Map()));
  const key = JSON.stringify([settings.asOf, weeks, settings.workspace.statuses]);
  let f = byKey.get(key);
  if (!f) {
    f = forecast(ledger, settings.asOf, { weeks, statuses: settings.workspace.statuses }, predictionOf(ledger, settings.asOf));
    byKey.set(key, f);
  }
  return f;
}

const behaviourCache = new WeakMap<Ledger, { key: string; map: Map<string, CustomerBehaviour> }>();

/** Every customer's behaviour and rating under these settings, computed once per ledger, date, thresholds and statuses. */
export function behaviours(ledger: Ledger, settings: Settings): Map<string, CustomerBehaviour> {
  const key = JSON.stringify([settings.asOf, settings.ratings, settings.workspace.statuses]);
  const hit = behaviourCache.get(ledger);
  if (hit && hit.key === key) return hit.map;
  const list = behaviourOf(paymentHistory(ledger, settings.asOf), { thresholds: settings.ratings, statuses: settings.workspace.statuses });
  const map = new Map(list.map((b) => [b.customerId, b]));
  behaviourCache.set(ledger, { key, map });
  return map;
}

/**
 * What late payment is expected to cost on an open amount: amount × probability of late payment ×
 * expected days late, at the legal late-payment rate of the as-of date (ECB + 10 points).
 */
export function expectedLossCents(openCents: number, pLate: number, daysLate: number, asOf: Day): number {
  const rateBp = legalRateBp(asOf, false) ?? 1000;
  return Math.round((openCents * pLate * Math.max(0, daysLate) * rateBp) / 10000 / 365);
}

/** Per item number of the ledger: the probability of late payment and the expected payment day. */
export function invoicePredictions(ledger: Ledger, asOf: Day): Map<number, { pLate: number; expected: Day }> {
  const p = predictionOf(ledger, asOf);
  return new Map(p.invoices.map((x) => [x.item, { pLate: x.pLate, expected: x.expected }]));
}

export type BehaviourRow = {
  readonly rating: Rating | null;
  readonly settledCount: number;
  readonly window: '12m' | 'all';
  readonly meanDaysLate: number | null;
  readonly lateShare: number | null;
  readonly ratedDaysLate: number | null;
  readonly trend: 'worse' | 'better' | 'stable' | null;
  readonly longestOpenDaysLate: number | null;
  readonly openLateCount: number;
  readonly disputes: number;
  readonly brokenPromises: number;
};

export function behaviourRow(b: CustomerBehaviour | undefined): BehaviourRow | null {
  if (!b) return null;
  const { customerId: _id, recentDaysLate: _r, previousDaysLate: _p, ...rest } = b;
  return rest;
}

/**
 * The behaviour and rating of these customers (the rows the aged balance shows, or all of them when
 * `ids` is absent): asked for by the table as it scrolls, not computed with each recompute of the
 * figures, and never sent for customers nobody looks at.
 */
export function behaviourTable(ledger: Ledger, settings: Settings, ids?: readonly string[]): Record<string, BehaviourRow | null> {
  const all = behaviours(ledger, settings);
  const out: Record<string, BehaviourRow | null> = {};
  // Asked ids get an answer each (null: no history), so that the page never asks twice.
  for (const id of ids ?? all.keys()) out[id] = behaviourRow(all.get(id));
  return out;
}

export type ForecastView = {
  readonly asOf: string;
  readonly currency: string;
  readonly weeks: Forecast['weeks'];
  readonly laterCents: number;
  readonly doubtfulCents: number;
  readonly receivablesCents: number;
  /** The relative band of low/high (the weekly backtest's error; 1 when it could not be measured). */
  readonly band: number;
  readonly weeklyBacktest: Forecast['backtest'];
  readonly backtest: Backtest;
  /** Customers with the most expected in the weeks, their rating and what is later or doubtful. */
  readonly customers: readonly { readonly id: string; readonly name: string; readonly rating: Rating | null; readonly expectedCents: number; readonly laterCents: number; readonly doubtfulCents: number }[];
  /** The rating thresholds these ratings were given with. */
  readonly thresholds: { readonly a: number; readonly b: number; readonly c: number };
  /** Ratings A–D: customers and open amounts. */
  readonly ratings: readonly { readonly rating: Rating | 'none'; readonly customers: number; readonly openCents: number }[];
};

export function forecastView(ledger: Ledger, settings: Settings, weeks = 13): ForecastView {
  const f = forecastOf(ledger, settings, weeks);
  const p = predictionOf(ledger, settings.asOf);
  const names = customerNames(ledger);
  const b = behaviours(ledger, settings);
  const customers = [...f.customers]
    .map(([id, v]) => ({ id, name: names.get(id) ?? id, rating: b.get(id)?.rating ?? null, expectedCents: v.expectedCents, laterCents: v.laterCents, doubtfulCents: v.doubtfulCents }))
    .filter((c) => c.expectedCents + c.laterCents + c.doubtfulCents !== 0)
    .sort((x, y) => y.expectedCents - x.expectedCents || (x.id < y.id ? -1 : 1));
  const byRating = new Map<Rating | 'none', { customers: number; openCents: number }>();
  for (const [id, v] of f.customers) {
    const r = b.get(id)?.rating ?? 'none';
    const e = byRating.get(r) ?? { customers: 0, openCents: 0 };
    e.customers++;
    e.openCents += v.expectedCents + v.laterCents + v.doubtfulCents;
    byRating.set(r, e);
  }
  return {
    asOf: isoOf(settings.asOf),
    currency: ledger.currency,
    weeks: f.weeks,
    laterCents: f.laterCents,
    doubtfulCents: f.doubtfulCents,
    receivablesCents: f.receivablesCents,
    band: f.band,
    weeklyBacktest: f.backtest,
    backtest: p.backtest as Backtest,
    customers: customers.slice(0, 50),
    thresholds: settings.ratings,
    ratings: (['A', 'B', 'C', 'D', 'none'] as const).map((r) => ({ rating: r, ...(byRating.get(r) ?? { customers: 0, openCents: 0 }) })),
  };
}

/** The CLI's `predict` JSON (numbers.md § "Payment behaviour…"). */
export function predictJson(ledger: Ledger, settings: Settings): unknown {
  const p = predictionOf(ledger, settings.asOf);
  const bt = p.backtest as Backtest;
  const round = (x: number | null, k = 4) => (x === null ? null : Math.round(x * 10 ** k) / 10 ** k);
  const predictions = p.invoices
    .map((x) => {
      const inv = invoiceAt(ledger, x.item);
      return { invoice: inv.number, customer: inv.customerId, due: isoOf(inv.due as Day), pLate: round(x.pLate) as number, expectedPayment: isoOf(x.expected) };
    })
    .sort((a, b) => (a.invoice < b.invoice ? -1 : a.invoice > b.invoice ? 1 : 0));
  return {
    asOf: isoOf(settings.asOf),
    predictions,
    backtest: { cutoff: bt.cutoff, auc: round(bt.auc), maeDays: round(bt.maeDays, 2), baselineMaeDays: round(bt.baselineMaeDays, 2), invoices: bt.invoices, trainedOn: bt.trainedOn, reason: bt.reason },
  };
}

/** The CLI's `forecast` JSON. */
export function forecastJson(ledger: Ledger, settings: Settings, weeks: number): unknown {
  const f = forecastOf(ledger, settings, weeks);
  return {
    asOf: f.asOf,
    weeks: f.weeks,
    laterCents: f.laterCents,
    doubtfulCents: f.doubtfulCents,
    backtest: { cutoff: f.backtest.cutoff, error: f.backtest.error, dueDateError: f.backtest.dueDateError, weeks: f.backtest.weeks.length },
  };
}
