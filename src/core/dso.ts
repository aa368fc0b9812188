/**
 * DSO (simple and countback), best possible DSO, ADD and CEI over rolling monthly sales windows,
 * exactly as numbers.md § "Sales windows" and § "DSO and friends" define them.
 */
import { addMonths, dayFromIso, endOfMonth, isoOf, startOfMonth, type Day } from './day.ts';
import type { Cents } from './money.ts';
import { agedBalance, type AgedBalance } from './aging.ts';
import type { Ledger } from './ledger.ts';
import { dailyTotals, receivablesOn, salesBetween } from './daily-totals.ts';

export type SalesWindow = {
  /** Window k covers the days (start, end]: start is exclusive. */
  readonly k: number;
  readonly start: Day;
  readonly end: Day;
  readonly days: number;
  readonly sales: Cents;
};

/** Sales typed by the user for a calendar month (`YYYY-MM`), used when the file has no history. */
export type ManualSales = ReadonlyMap<string, Cents>;

export type DsoOptions = {
  readonly asOf: Day;
  /** Number of windows in the DSO period (default 3). */
  readonly windows?: number;
  readonly manualSales?: ManualSales;
  /** The due-basis aged balance at asOf when the caller has it already (it is not computed twice). */
  readonly aging?: AgedBalance;
};

export type DsoResult = {
  readonly windows: number;
  readonly simple: number | null;
  readonly countback: number | null;
  readonly bestPossibleSimple: number | null;
  readonly bestPossibleCountback: number | null;
  readonly addSimple: number | null;
  readonly addCountback: number | null;
  readonly cei: number | null;
  /** Why a figure is undefined, as issue codes for the UI. */
  readonly notes: readonly DsoNote[];
  readonly period: readonly SalesWindow[];
  readonly receivables: Cents;
  readonly notDue: Cents;
  readonly receivablesAtStart: Cents;
  readonly salesSource: 'ledger' | 'manual';
};

export type DsoNote = 'NoSalesInPeriod' | 'CountbackBeyondHistory' | 'NoSalesHistory' | 'PeriodBeyondHistory' | 'SimpleBeyondHistory';

/** The rolling window k = (asOf − k months, asOf − (k−1) months]. */
export function salesWindowBounds(asOf: Day, k: number): { start: Day; end: Day } {
  return { start: addMonths(asOf, -k), end: addMonths(asOf, -(k - 1)) };
}

/** Builds sales(k) for k = 1..count: Σ amount of invoices and credit notes issued in the window. */
export function salesWindows(ledger: Ledger, asOf: Day, count: number, manual?: ManualSales): SalesWindow[] {
  const bounds: { start: Day; end: Day }[] = [];
  for (let k = 1; k <= count; k++) bounds.push(salesWindowBounds(asOf, k));
  const sums = new Array<number>(count).fill(0);
  if (manual) {
    bounds.forEach((b, i) => {
      sums[i] = manualSalesIn(manual, b.start, b.end);
    });
  } else if (count > 0) {
    // The sales issued in each window (start, end], from the ledger's running totals by day.
    const totals = dailyTotals(ledger);
    bounds.forEach((b, i) => {
      sums[i] = salesBetween(totals, b.start, Math.min(b.end, asOf));
    });
  }
  return bounds.map((b, i) => ({ k: i + 1, start: b.start, end: b.end, days: b.end - b.start, sales: sums[i] as Cents }));
}

/**
 * Manual monthly sales falling in (start, end]: each calendar month contributes its typed sales
 * pro rata of its days inside the window, rounded to the cent. Exact when windows are calendar
 * months (as-of date on a month's last day).
 */
function manualSalesIn(manual: ManualSales, start: Day, end: Day): number {
  let total = 0;
  let d = (start + 1) as Day;
  while (d <= end) {
    const monthEnd = endOfMonth(d);
    const last = monthEnd < end ? monthEnd : end;
    const typed = manual.get(isoOf(d).slice(0, 7)) ?? 0;
    const inMonth = monthEnd - startOfMonth(d) + 1;
    total += Math.round((typed * (last - d + 1)) / inMonth);
    d = (last + 1) as Day;
  }
  return total;
}

/** Simple DSO = receivables / Σ sales × Σ days; null when the period's sales are not positive. */
export function simpleDso(receivables: number, period: readonly SalesWindow[]): number | null {
  let sales = 0;
  let days = 0;
  for (const w of period) {
    sales += w.sales;
    days += w.days;
  }
  // No sales, or net credit notes, in the period: the ratio means nothing.
  if (sales <= 0) return null;
  return (receivables / sales) * days;
}

/**
 * Countback DSO: exhaust the receivables against the latest windows, going back while the window
 * ends on or after the earliest invoice date. Null when the history is used up first.
 * `windowAt(k)` supplies window k lazily so the history can be as long as the ledger.
 */
export function countbackDso(receivables: number, windowAt: (k: number) => SalesWindow, earliest: Day | null): number | null {
  let remaining = receivables;
  let dso = 0;
  // Nothing to collect (or a credit balance): no days of sales are outstanding.
  if (remaining <= 0) return 0;
  if (earliest === null) return null;
  for (let k = 1; k <= 1200; k++) {
    const w = windowAt(k);
    if (w.end < earliest) return null;
    // A window with no sales (or net credit notes) consumes no receivables and adds its full days.
    if (w.sales <= 0) {
      dso += w.days;
      continue;
    }
    if (remaining >= w.sales) {
      remaining -= w.sales;
      dso += w.days;
      if (remaining === 0) return dso;
    } else {
      return dso + (remaining / w.sales) * w.days;
    }
  }
  return null;
}

export function dsoFigures(ledger: Ledger, options: DsoOptions): DsoResult {
  const asOf = options.asOf;
  const n = options.windows ?? 3;
  const manual = options.manualSales && options.manualSales.size > 0 ? options.manualSales : undefined;
  const notes: DsoNote[] = [];
  if (!manual && !ledger.hasSalesHistory) notes.push('NoSalesHistory');
  const aging = options.aging && options.aging.basis === 'due' && options.aging.asOf === asOf ? options.aging : agedBalance(ledger, { asOf, basis: 'due' });
  const receivables = aging.total.openCents;
  const notDue = aging.total.notDueCents;
  // History: as many windows as it takes to reach the earliest invoice date.
  let earliest: Day | null = null;
  if (manual) {
    for (const key of manual.keys()) {
      const d = dayFromIso(`${key}-01`);
      if (d !== null && (earliest === null || d < earliest)) earliest = d;
    }
  } else {
    // The earliest sale issued by the as-of date: the ledger's earliest sale, if it is.
    const first = dailyTotals(ledger).firstSale;
    if (first !== null && first <= asOf) earliest = first;
  }
  let historyLength = n;
  if (earliest !== null) {
    while (historyLength < 1200 && salesWindowBounds(asOf, historyLength + 1).end >= earliest) historyLength++;
  }
  const history = salesWindows(ledger, asOf, historyLength, manual);
  const windowAt = (k: number): SalesWindow => {
    const w = history[k - 1];
    if (w) return w;
    const b = salesWindowBounds(asOf, k);
    return { k, start: b.start, end: b.end, days: b.end - b.start, sales: 0 as Cents };
  };
  const period = history.slice(0, n);
  if (earliest !== null && (period[n - 1]?.start ?? asOf) < earliest && !notes.includes('NoSalesHistory')) {
    notes.push('PeriodBeyondHistory');
  }
  let simple = simpleDso(receivables, period);
  if (simple === null) notes.push('NoSalesInPeriod');
  // numbers.md § "Figures that cannot mean anything": a simple DSO longer than the whole history
  // (earliest invoice to asOf) says only that the period's sales are tiny against the receivables.
  if (simple !== null && earliest !== null && simple > asOf - earliest) {
    simple = null;
    notes.push('SimpleBeyondHistory');
  }
  const countback = countbackDso(receivables, windowAt, earliest);
  if (countback === null && receivables !== 0) notes.push('CountbackBeyondHistory');
  const bestSimple = simpleDso(notDue, period);
  const bestCountback = countbackDso(notDue, windowAt, earliest);
  const start = addMonths(asOf, -n);
  const receivablesAtStart = receivablesOn(dailyTotals(ledger), start) as Cents;
  let s = 0;
  for (const w of period) s += w.sales;
  const ceiDen = receivablesAtStart + s - notDue;
  const cei = ceiDen === 0 ? null : ((receivablesAtStart + s - receivables) / ceiDen) * 100;
  return {
    windows: n,
    simple,
    countback,
    bestPossibleSimple: bestSimple,
    bestPossibleCountback: bestCountback,
    addSimple: simple !== null && bestSimple !== null ? simple - bestSimple : null,
    addCountback: countback !== null && bestCountback !== null ? countback - bestCountback : null,
    cei: manual ? null : cei,
    notes,
    period,
    receivables,
    notDue,
    receivablesAtStart,
    salesSource: manual ? 'manual' : 'ledger',
  };
}

/** Rounds a figure to one decimal, half away from zero (how every DSO figure is shown). */
export function roundTenth(x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const r = Math.sign(x) * Math.round(Math.abs(x) * 10 + 1e-9) / 10;
  return r === 0 ? 0 : r;
}
