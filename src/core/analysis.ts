/**
 * One call that computes every figure of the dashboard and of the CLI's JSON from a ledger and
 * the settings, plus the warnings that depend on the as-of date.
 */
import { agedBalance, DEFAULT_BUCKET_EDGES, type AgedBalance, type AgingBasis } from './aging.ts';
import { isoOf, type Day } from './day.ts';
import { dsoFigures, roundTenth, type DsoResult, type ManualSales } from './dso.ts';
import { IssueList, type Issue } from './issues.ts';
import { customerNames, ledgerColumns, NO_DAY, openAt, type Invoice, type Ledger } from './ledger.ts';
import { ratesKnownUntil } from './penalties.ts';
import { dunningPlan } from './dunning/next-actions.ts';
import { invoicePenalty } from './dunning/claims.ts';
import type { Workspace } from './dunning/workspace.ts';

export type AnalysisSettings = {
  readonly asOf: Day;
  readonly basis?: AgingBasis;
  readonly edges?: readonly number[];
  readonly windows?: number;
  readonly manualSales?: ManualSales;
};

export type Analysis = {
  readonly asOf: Day;
  readonly aging: AgedBalance;
  readonly dso: DsoResult;
  readonly warnings: readonly Issue[];
};

export function analyzeLedger(ledger: Ledger, settings: AnalysisSettings): Analysis {
  const asOf = settings.asOf;
  const aging = agedBalance(ledger, { asOf, basis: settings.basis ?? 'due', edges: settings.edges ?? DEFAULT_BUCKET_EDGES });
  const dso = dsoFigures(ledger, {
    asOf,
    aging,
    windows: settings.windows ?? 3,
    ...(settings.manualSales ? { manualSales: settings.manualSales } : {}),
  });
  const warnings = new IssueList(20);
  let laterInvoices = 0;
  let laterPayments = 0;
  const c = ledgerColumns(ledger);
  for (let i = 0; i < c.count; i++) {
    const issued = c.issued[i] as number;
    if (issued !== NO_DAY && issued > asOf) {
      laterInvoices++;
      continue;
    }
    const end = c.payStart[i + 1] as number;
    for (let j = c.payStart[i] as number; j < end; j++) {
      const day = c.payDay[j] as number;
      if (day !== NO_DAY && day > asOf) {
        laterPayments++;
        const inv = ledger.invoices[i] as Invoice;
        warnings.add({ code: 'PaymentAfterAsOf', severity: 'info', sheet: inv.source.sheet, row: inv.source.row, params: { invoice: inv.number, date: isoOf(day as Day) } });
      }
    }
  }
  const out: Issue[] = warnings.toArray().filter((i) => i.code !== 'TooManyIssues');
  if (laterPayments > 0) out.push({ code: 'PaymentAfterAsOf', severity: 'info', params: { count: laterPayments, asOf: isoOf(asOf) } });
  if (laterInvoices > 0) out.push({ code: 'InvoiceAfterAsOf', severity: 'info', params: { count: laterInvoices, asOf: isoOf(asOf) } });
  if (aging.undatedCount > 0) out.push({ code: 'UndatedItems', severity: 'warning', params: { count: aging.undatedCount } });
  if (!ledger.hasSalesHistory && !settings.manualSales) out.push({ code: 'OpenItemsOnly', severity: 'warning' });
  if (settings.manualSales && settings.manualSales.size > 0) out.push({ code: 'ManualSalesUsed', severity: 'info' });
  if (ledger.amountBasis === 'HT') out.push({ code: 'HtOnlyAmounts', severity: 'warning' });
  return { asOf, aging, dso, warnings: out };
}

/** The figures object of numbers.md § "Machine-readable output" (default policy, no history). */
export function numbersJson(ledger: Ledger, analysis: Analysis, describe: (issue: Issue) => string, workspace?: Workspace): Record<string, unknown> {
  const labels = analysis.aging.labels;
  const bucketObject = (buckets: readonly number[]): Record<string, number> => {
    const o: Record<string, number> = {};
    labels.forEach((l, i) => {
      o[l] = buckets[i] ?? 0;
    });
    return o;
  };
  const names = customerNames(ledger);
  const t = analysis.aging.total;
  const penalties = penaltiesOf(ledger, analysis.asOf, workspace);
  const d = analysis.dso;
  return {
    asOf: isoOf(analysis.asOf),
    currency: ledger.currency,
    totals: { openCents: t.openCents, notDueCents: t.notDueCents, overdueCents: t.overdueCents },
    aging: bucketObject(t.buckets),
    customers: analysis.aging.customers.map((c) => ({
      id: c.customerId,
      name: names.get(c.customerId) ?? c.customerId,
      openCents: c.openCents,
      overdueCents: c.overdueCents,
      aging: bucketObject(c.buckets),
      weightedDaysLate: roundTenth(c.weightedDaysLate),
    })),
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
    actions: dunningPlan(ledger, analysis.asOf, workspace ?? {}).actions.map((a) => ({
      customer: a.customerId,
      step: a.step,
      invoices: a.invoices.map((i) => i.number),
      amountCents: a.amountCents,
      ...(a.isSmallClaim ? { smallClaim: true } : {}),
    })),
    ratesKnownUntil: isoOf(ratesKnownUntil()),
    warnings: [...analysis.warnings, ...penalties.warnings].map(describe),
  };
}

/**
 * One pass over the open, overdue invoices: the `penalties` entries (days late, L441-10 interest,
 * the €40) and one warning per half-year missing from the rate table or contractual rate under the floor.
 */
function penaltiesOf(ledger: Ledger, asOf: Day, workspace: Workspace | undefined): { entries: Record<string, unknown>[]; warnings: Issue[] } {
  const entries: { invoice: string; customer: string; daysLate: number; interestCents: number; indemnityCents: number }[] = [];
  const halves = new Set<string>();
  const floors = new Map<string, Record<string, string | number>>();
  for (const inv of ledger.invoices) {
    if (inv.kind !== 'invoice' || inv.due === null || inv.due >= asOf) continue;
    if (inv.issued !== null && inv.issued > asOf) continue;
    if (openAt(inv, asOf) <= 0) continue;
    const p = invoicePenalty(inv, asOf, workspace);
    entries.push({ invoice: inv.number, customer: inv.customerId, daysLate: p.daysLate, interestCents: p.interestCents, indemnityCents: p.indemnityCents });
    for (const w of p.warnings) {
      if (w.code === 'RateUnknownForHalfYear') halves.add(w.halfYear);
      else floors.set(`${inv.customerId}|${w.halfYear}`, { customer: inv.customerId, halfYear: w.halfYear, rate: w.rateBp / 100, floor: (w.floorBp ?? 0) / 100 });
    }
  }
  entries.sort((a, b) => (a.invoice < b.invoice ? -1 : a.invoice > b.invoice ? 1 : a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
  return {
    entries,
    warnings: [
      ...[...halves].sort().map((h): Issue => ({ code: 'RateUnknownForHalfYear', severity: 'warning', params: { halfYear: h, knownUntil: isoOf(ratesKnownUntil()) } })),
      ...[...floors.values()].map((f): Issue => ({ code: 'ContractRateBelowFloor', severity: 'warning', params: f })),
    ],
  };
}
