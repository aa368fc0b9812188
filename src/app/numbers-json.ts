/**
 * The CLI's JSON (numbers.md § "Machine-readable output") under the settings: aging keys follow the
 * buckets, actions carry their claim and the credits deducted, warnings are sentences with their
 * parameters filled in. The page's figures come from the same analysis.
 */
import { ColumnOf, customerNames, invoiceAt, isoOf, ledgerColumns, NO_DAY, openAtColumn, planEach, ratesKnownUntil, roundTenth, invoicePenalty, type Day, type Issue, type Ledger, type Workspace } from '../core/index.ts';
import type { ImportReport } from '../import/import-file.ts';
import { analysisOf } from './dashboard.ts';
import { withSettings, type Settings } from './settings.ts';

/**
 * A JSON array whose members are made one at a time as it is written (cli/json-out.ts writeJson reads
 * it as a list), never all held at once; JSON.stringify gets the whole array (toJSON).
 */
export class JsonList<T> implements Iterable<T> {
  readonly length: number;
  private readonly member: (k: number) => T;
  constructor(length: number, member: (k: number) => T) {
    this.length = length;
    this.member = member;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let k = 0; k < this.length; k++) yield this.member(k);
  }

  toJSON(): T[] {
    return Array.from(this);
  }
}

type PenaltyEntry = { invoice: string; customer: string; daysLate: number; interestCents: number; indemnityCents: number };

export function numbersJson(ledger: Ledger, settings: Settings, describe: (issue: Issue) => string): Record<string, unknown> {
  const analysis = analysisOf(ledger, settings);
  const applied = withSettings(ledger, settings).ledger;
  const labels = analysis.aging.labels;
  const bucketObject = (buckets: readonly number[]): Record<string, number> => {
    const o: Record<string, number> = {};
    labels.forEach((l, i) => {
      o[l] = buckets[i] ?? 0;
    });
    return o;
  };
  const names = customerNames(applied);
  const t = analysis.aging.total;
  const penalties = penaltiesOf(applied, settings.asOf, settings.workspace);
  // Each action as the JSON shows it, made as the plan gives it (its invoice objects let go at once).
  const actions: Record<string, unknown>[] = [];
  planEach(
    applied,
    settings.asOf,
    settings.workspace,
    (a) =>
      actions.push({
        customer: a.customerId,
        step: a.step,
        invoices: a.invoices.map((i) => i.number),
        amountCents: a.amountCents,
        creditsCents: a.creditsCents,
        ...(a.credits.length > 0 ? { credits: a.credits.map((i) => i.number) } : {}),
        ...(a.isSmallClaim ? { smallClaim: true } : {}),
      }),
    () => {},
  );
  const d = analysis.dso;
  return {
    asOf: isoOf(settings.asOf),
    currency: applied.currency,
    basis: settings.basis,
    totals: { openCents: t.openCents, notDueCents: t.notDueCents, overdueCents: t.overdueCents },
    aging: bucketObject(t.buckets),
    customers: new JsonList(analysis.aging.customers.length, (k) => {
      const c = analysis.aging.customers[k] as (typeof analysis.aging.customers)[number];
      return {
        id: c.customerId,
        name: names.get(c.customerId) ?? c.customerId,
        openCents: c.openCents,
        overdueCents: c.overdueCents,
        aging: bucketObject(c.buckets),
        weightedDaysLate: roundTenth(c.weightedDaysLate),
      };
    }),
    dso: {
      windows: d.windows,
      simple: roundTenth(d.simple),
      countback: roundTenth(d.countback),
      bestPossibleSimple: roundTenth(d.bestPossibleSimple),
      bestPossibleCountback: roundTenth(d.bestPossibleCountback),
      addSimple: roundTenth(d.addSimple),
      addCountback: roundTenth(d.addCountback),
      cei: roundTenth(d.cei),
    },
    weightedDaysLate: roundTenth(t.weightedDaysLate),
    penalties: penalties.entries,
    actions,
    ratesKnownUntil: isoOf(ratesKnownUntil()),
    warnings: [...analysis.warnings, ...penalties.warnings].map(describe),
  };
}

/** The import part of the CLI's JSON: what was read, mapped, skipped and reported. */
export function importJson(report: ImportReport, describe: (issue: Issue) => string): Record<string, unknown> {
  return {
    file: report.fileName,
    format: report.format,
    encoding: report.encoding,
    separator: report.separator,
    sheet: report.sheet,
    sheets: report.sheets.map((s) => ({ name: s.name, hidden: s.hidden, rows: s.rows })),
    headerRow: report.headerRow,
    columns: report.columns.filter((c) => c.field !== null).map((c) => ({ column: c.letter, header: c.header, field: c.field, ...(c.dateOrder ? { dateOrder: c.dateOrder, dateOrderAssumed: c.isDateOrderAssumed } : {}) })),
    rowsRead: report.rowsRead,
    rowsUsed: report.rowsUsed,
    skipped: report.skipped,
    mergedRows: report.mergedRows,
    selfCheck: report.selfCheck.map((c) => ({ source: c.source, fileCents: c.fileCents, computedCents: c.computedCents })),
    invoices: report.invoiceCount,
    customers: report.customerCount,
    fatal: report.fatal,
    issues: report.issues.map((i) => ({ code: i.code, severity: i.severity, ...(i.sheet !== undefined ? { sheet: i.sheet } : {}), ...(i.row !== undefined ? { row: i.row } : {}), ...(i.column !== undefined ? { column: i.column } : {}), ...(i.value !== undefined ? { value: i.value } : {}), message: describe(i) })),
  };
}

/**
 * One pass over the open, overdue invoices: the `penalties` entries (days late, L441-10 interest,
 * the €40) and one warning per half-year missing from the rate table or contractual rate under the floor.
 */
function penaltiesOf(ledger: Ledger, asOf: Day, workspace: Workspace): { entries: JsonList<PenaltyEntry>; warnings: Issue[] } {
  // Kept as columns: the entries' objects are made as they are written (a million-row ledger has a
  // hundred thousand of them).
  const invoice: string[] = [];
  const customer: string[] = [];
  const daysLate = new ColumnOf(new Int32Array(0));
  const interest = new ColumnOf(new Float64Array(0));
  const indemnity = new ColumnOf(new Float64Array(0));
  const halves = new Set<string>();
  const floors = new Map<string, Record<string, string | number>>();
  // Overdue and open, read on the columns before an object is made.
  const c = ledgerColumns(ledger);
  for (let i = 0; i < c.count; i++) {
    const due = c.due[i] as number;
    if (due === NO_DAY || due >= asOf || ((c.issued[i] as number) !== NO_DAY && (c.issued[i] as number) > asOf) || openAtColumn(c, i, asOf) <= 0) continue;
    const inv = invoiceAt(ledger, i);
    if (inv.kind !== 'invoice') continue;
    const p = invoicePenalty(inv, asOf, workspace, true);
    invoice.push(inv.number);
    customer.push(inv.customerId);
    daysLate.push(p.daysLate);
    interest.push(p.interestCents);
    indemnity.push(p.indemnityCents);
    for (const w of p.warnings) {
      if (w.code === 'RateUnknownForHalfYear') halves.add(w.halfYear);
      else floors.set(`${inv.customerId}|${w.halfYear}`, { customer: inv.customerId, halfYear: w.halfYear, rate: w.rateBp / 100, floor: (w.floorBp ?? 0) / 100 });
    }
  }
  // By invoice number, then customer (ties in the order found).
  const order = Array.from({ length: invoice.length }, (_, k) => k);
  order.sort((a, b) => {
    const x = invoice[a] as string, y = invoice[b] as string;
    if (x !== y) return x < y ? -1 : 1;
    const u = customer[a] as string, v = customer[b] as string;
    return u < v ? -1 : u > v ? 1 : a - b;
  });
  const entries = new JsonList(order.length, (k): PenaltyEntry => {
    const e = order[k] as number;
    return { invoice: invoice[e] as string, customer: customer[e] as string, daysLate: daysLate.values[e] as number, interestCents: interest.values[e] as number, indemnityCents: indemnity.values[e] as number };
  });
  return {
    entries,
    warnings: [
      ...[...halves].sort().map((h): Issue => ({ code: 'RateUnknownForHalfYear', severity: 'warning', params: { halfYear: h, knownUntil: isoOf(ratesKnownUntil()) } })),
      ...[...floors.values()].map((f): Issue => ({ code: 'ContractRateBelowFloor', severity: 'warning', params: f })),
    ],
  };
}
