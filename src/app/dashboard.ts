/**
 * The dashboard: every figure of the page's tiles, aged balance, DSO, history and sources, for the
 * session's ledger and one Settings object. The CLI's JSON and the exports read the same analysis.
 */
import { addMonths, analyzeLedger, invoiceAt, invoiceCount, openAtColumn, bucketIndex, concentration, customerNames, dailyTotals, daysPastDue, endOfMonth, isIssuedBy, isoOf, ledgerColumns, openAt, receivablesOn, salesBetween, startOfMonth, type Analysis, type Concentration, type Day, type Issue, type Ledger } from '../core/index.ts';
import { customerTable } from './customer-table.ts';
import { invoicePredictions } from './prediction.ts';
import { ledgerOf, type Session } from './session.ts';
import { withSettings, type Settings } from './settings.ts';
import type { AnalysisView, CustomerRow, InvoiceRow } from './views.ts';

/** The core analysis of a ledger under these settings, with the warnings about the terms used. */
export function analysisOf(ledger: Ledger, settings: Settings): Analysis {
  const applied = withSettings(ledger, settings);
  const a = analyzeLedger(applied.ledger, {
    asOf: settings.asOf,
    basis: settings.basis,
    edges: settings.edges,
    windows: settings.windows,
    ...(settings.manualSales ? { manualSales: settings.manualSales } : {}),
  });
  const extra: Issue[] = [];
  if (applied.derivedCount > 0) {
    extra.push({ code: 'DueDatesDerived', severity: 'warning', params: { count: applied.derivedCount, days: settings.defaultTermsDays, own: applied.customerTermsCount } });
  }
  if (applied.bankMissing > 0) extra.push({ code: 'BankPaymentsNotInLedger', severity: 'warning', params: { count: applied.bankMissing } });
  if (a.dso.notes.includes('SimpleBeyondHistory')) extra.push({ code: 'DsoNotMeaningful', severity: 'warning', params: { windows: settings.windows } });
  return extra.length === 0 ? a : { ...a, warnings: [...a.warnings, ...extra] };
}

export function dashboard(session: Session, settings: Settings): AnalysisView | null {
  if (!session.hasLedger) return null;
  const ledger = ledgerOf(session, settings);
  const a = analysisOf(session.ledger, settings);
  const names = customerNames(ledger);
  const row = (r: (typeof a.aging.customers)[number], name: string): CustomerRow => ({
    id: r.customerId,
    name,
    buckets: r.buckets,
    openCents: r.openCents,
    overdueCents: r.overdueCents,
    weightedDaysLate: r.weightedDaysLate,
    items: r.openItemCount,
  });
  return {
    asOf: isoOf(settings.asOf),
    currency: ledger.currency,
    amountBasis: ledger.amountBasis,
    labels: a.aging.labels,
    total: row(a.aging.total, ''),
    // Largest balances first, the table's default order: the page then has nothing to sort. The
    // aging lists customers by id, so equal balances stay in id order.
    customers: customerTable(a.aging.customers, names, a.aging.labels.length),
    dso: {
      windows: a.dso.windows,
      simple: a.dso.simple,
      countback: a.dso.countback,
      bestPossibleSimple: a.dso.bestPossibleSimple,
      bestPossibleCountback: a.dso.bestPossibleCountback,
      addSimple: a.dso.addSimple,
      addCountback: a.dso.addCountback,
      cei: a.dso.cei,
      notes: a.dso.notes,
      salesSource: a.dso.salesSource,
      period: a.dso.period.map((w) => ({ start: isoOf(w.start), end: isoOf(w.end), days: w.days, sales: w.sales })),
    },
    hasSalesHistory: ledger.hasSalesHistory,
    concentration: concentrationView(concentration(a.aging, 5), names),
    history: monthlyHistory(ledger, settings.asOf, 24),
    sources:
      session.sources.length < 2
        ? []
        : session.sources.map((s) => {
            const one = analysisOf(s.ledger, settings);
            return { name: s.name, openCents: one.aging.total.openCents, overdueCents: one.aging.total.overdueCents, notDueCents: one.aging.total.notDueCents, dsoSimple: one.dso.simple, customers: one.aging.customers.length, items: invoiceCount(s.ledger) };
          }),
    warnings: a.warnings,
  };
}

function concentrationView(c: Concentration, names: ReadonlyMap<string, string>): AnalysisView['concentration'] {
  return {
    top: c.top.map((t) => ({ id: t.customerId, name: names.get(t.customerId) ?? t.customerId, openCents: t.openCents, buckets: [...t.buckets], sharePercent: t.sharePercent })),
    topSharePercent: c.topSharePercent,
    others: { buckets: [...c.others.buckets], openCents: c.others.openCents },
  };
}

/** The open items of one customer (in one bucket, or all), the drill-down of the aged balance. */
export function customerItems(session: Session, settings: Settings, customerId: string, bucket: number | null): InvoiceRow[] {
  const ledger = ledgerOf(session, settings);
  const asOf = settings.asOf;
  const out: InvoiceRow[] = [];
  const predicted = invoicePredictions(ledger, asOf);
  const fr = settings.lang === 'fr';
  const KIND: Record<string, string> = fr ? { disputed: 'litige', doNotChase: 'ne pas relancer', promise: 'promesse', plan: 'échéancier', collective: 'procédure collective' } : { disputed: 'disputed', doNotChase: 'do not chase', promise: 'promise', plan: 'payment plan', collective: 'insolvency proceedings' };
  const statusOf = (number: string): string | null => {
    const e = settings.workspace.statuses.find((s) => s.customerId === customerId && s.invoiceNumber === number);
    return e ? `${KIND[e.status.kind] ?? e.status.kind}${e.status.note ? ` — ${e.status.note}` : ''}` : null;
  };
  // The customer's open items found on the columns: only they are made into objects.
  const c = ledgerColumns(ledger);
  const k = c.customerIds.indexOf(customerId);
  for (let i = 0; i < c.count; i++) {
    if (c.customer[i] !== k || openAtColumn(c, i, asOf) === 0) continue;
    const inv = invoiceAt(ledger, i);
    if (!isIssuedBy(inv, asOf)) continue;
    const open = openAt(inv, asOf);
    const dpd = daysPastDue(inv, asOf, settings.basis);
    const index = dpd === null ? 0 : bucketIndex(dpd, settings.edges);
    if (bucket !== null && index !== bucket) continue;
    out.push({
      number: inv.number,
      issued: inv.issued === null ? null : isoOf(inv.issued),
      due: inv.due === null ? null : isoOf(inv.due),
      isDueDerived: inv.isDueDerived,
      amount: inv.amount,
      open,
      daysPastDue: dpd,
      bucket: index,
      kind: inv.kind,
      row: inv.source.row,
      sheet: inv.source.sheet,
      status: statusOf(inv.number),
      pLate: predicted.get(i)?.pLate ?? null,
      expectedPayment: predicted.has(i) ? isoOf((predicted.get(i) as { expected: Day }).expected) : null,
    });
  }
  out.sort((x, y) => (y.daysPastDue ?? 0) - (x.daysPastDue ?? 0));
  return out;
}

/**
 * Sales per calendar month and receivables at each month end (the as-of date for the last one), from
 * the months of the earliest issue on: read from the ledger's running totals by day (core's
 * dailyTotals), built once per ledger, so that a new as-of date costs no pass over the items.
 */
export function monthlyHistory(ledger: Ledger, asOf: Day, months: number): { month: string; sales: number; receivables: number }[] {
  const totals = dailyTotals(ledger);
  // The earliest issue by the as-of date: the ledger's earliest issue, if it is.
  const earliest = totals.firstIssued !== null && totals.firstIssued <= asOf ? totals.firstIssued : null;
  if (earliest === null) return [];
  const out: { month: string; sales: number; receivables: number }[] = [];
  for (let k = months - 1; k >= 0; k--) {
    const monthStart = startOfMonth(addMonths(asOf, -k));
    if (endOfMonth(monthStart) < earliest) continue;
    const end = k === 0 ? asOf : endOfMonth(monthStart);
    out.push({ month: isoOf(monthStart).slice(0, 7), sales: salesBetween(totals, monthStart - 1, end), receivables: receivablesOn(totals, end) });
  }
  return out;
}
