/**
 * One call that computes every figure of the dashboard and of the CLI's JSON from a ledger and
 * the settings, plus the warnings that depend on the as-of date.
 */
import { agedBalance, DEFAULT_BUCKET_EDGES, type AgedBalance, type AgingBasis } from './aging.ts';
import { isoOf, type Day } from './day.ts';
import { dsoFigures, type DsoResult, type ManualSales } from './dso.ts';
import { IssueList, type Issue } from './issues.ts';
import { invoiceAt, ledgerColumns, NO_DAY, type Ledger } from './ledger.ts';

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

/** Rows listed per warning code. */
const ROW_WARNINGS = 20;

export function analyzeLedger(ledger: Ledger, settings: AnalysisSettings): Analysis {
  const asOf = settings.asOf;
  const aging = agedBalance(ledger, { asOf, basis: settings.basis ?? 'due', edges: settings.edges ?? DEFAULT_BUCKET_EDGES });
  const dso = dsoFigures(ledger, {
    asOf,
    aging,
    windows: settings.windows ?? 3,
    ...(settings.manualSales ? { manualSales: settings.manualSales } : {}),
  });
  const warnings = new IssueList(ROW_WARNINGS);
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
        // Only the first ones are listed (their count says the rest): only they are made into objects.
        if (laterPayments > ROW_WARNINGS) continue;
        const inv = invoiceAt(ledger, i);
        warnings.add({ code: 'PaymentAfterAsOfRow', severity: 'info', sheet: inv.source.sheet, row: inv.source.row, params: { invoice: inv.number, date: isoOf(day as Day) } });
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
