/**
 * Request name → function over import/ and core/. Plain functions holding the last ledger, so
 * that changing the as-of date or the buckets recomputes without re-reading the file. Runs in
 * the worker, on the main thread as a fallback, and in Node tests.
 */
import { buildAuditReport, buildLetter, consolidate, customerNames, type LetterKind, type LetterModel, dunningPlan, exceedsLegalTerms, penaltyTotals, prescription, regimeOf, ratesKnownUntil, type Action, type Policy, type Workspace, addMonths, endOfMonth, lastAtOrBefore, ledgerColumns, NO_DAY, receivablesAtEach, startOfMonth, analyzeLedger, bucketIndex, dayFromIso, daysPastDue, emptyLedger, isoOf, openAt, isIssuedBy, validBucketEdges, type Cents, type Day, type Issue, type Ledger } from '../core/index.ts';
import { importFile } from '../import/import-file.ts';
import { describeIssue } from '../i18n/issues.ts';
import { toCustomerTable } from './customer-table.ts';
import { exportTables, tablesToXlsx, tableToCsv } from '../report/exports.ts';
import type { ActionFilter, ActionRow, AnalysisRequest, AnalysisView, CustomerRow, DunningView, InvoiceRow, Requests, StepCount } from './protocol.ts';

export type Progress = (stage: 'read' | 'map' | 'analyse', done: number, total: number) => void;

export function createHandlers(): { [K in keyof Requests]: (input: Parameters<Requests[K]>[0], progress: Progress) => ReturnType<Requests[K]> } {
  let ledger: Ledger = emptyLedger();
  let hasLedger = false;
  let sources: { name: string; ledger: Ledger; issues: readonly Issue[] }[] = [];

  // The last worklist computed, whole: paging, filtering and "all letters" reuse it while nothing changed.
  let dunningCache: { ledger: Ledger; key: string; view: DunningView } | null = null;
  const fullDunningView = (asOf: Day, workspace: Workspace, draft: Policy | null): DunningView => {
    const key = JSON.stringify([asOf, workspace, draft]);
    if (dunningCache && dunningCache.ledger === ledger && dunningCache.key === key) return dunningCache.view;
    const view = dunningView(ledger, asOf, workspace, draft);
    dunningCache = { ledger, key, view };
    return view;
  };

  const analyze = (req: AnalysisRequest): AnalysisView | null => {
    if (!hasLedger) return null;
    const asOf = dayFromIso(req.asOf);
    if (asOf === null) return null;
    const edges = validBucketEdges(req.edges) ? req.edges : [30, 60, 90, 120];
    const manual = new Map(req.manualSales.filter(([, v]) => Number.isSafeInteger(v)).map(([k, v]) => [k, v as Cents]));
    const a = analyzeLedger(ledger, { asOf, basis: req.basis, edges, windows: req.windows, ...(manual.size > 0 ? { manualSales: manual } : {}) });
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
      asOf: isoOf(asOf),
      currency: ledger.currency,
      amountBasis: ledger.amountBasis,
      labels: a.aging.labels,
      total: row(a.aging.total, ''),
      // Largest balances first, the table's default order: the page then has nothing to sort. The
      // aging lists customers by id and the sort is stable, so equal balances stay in id order.
      customers: toCustomerTable(
        a.aging.customers.map((c) => row(c, names.get(c.customerId) ?? c.customerId)).sort((x, y) => y.openCents - x.openCents),
        a.aging.labels.length,
      ),
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
      history: monthlyHistory(ledger, asOf, 24),
      sources:
        sources.length < 2
          ? []
          : sources.map((s) => {
              const one = analyzeLedger(s.ledger, { asOf, basis: req.basis, edges, windows: req.windows });
              return { name: s.name, openCents: one.aging.total.openCents, overdueCents: one.aging.total.overdueCents, notDueCents: one.aging.total.notDueCents, dsoSimple: one.dso.simple, customers: one.aging.customers.length, items: s.ledger.invoices.length };
            }),
      warnings: a.warnings,
    };
  };

  return {
    importFile(input, progress) {
      progress('read', 0, 1);
      const result = importFile(new Uint8Array(input.bytes), input.options, (done, total) => progress('map', done, total));
      progress('analyse', 1, 2);
      const entry = { name: input.options.fileName, ledger: result.ledger, issues: result.report.issues.filter((i) => i.severity !== 'info') };
      if (result.report.fatal === null) {
        // A re-read of the same file (new mapping, sheet…) replaces it; another file is added with `append`.
        sources = input.append ? [...sources.filter((s) => s.name !== entry.name), entry] : [entry];
      } else if (!input.append) sources = [];
      hasLedger = sources.length > 0;
      ledger = sources.length === 1 ? (sources[0] as (typeof sources)[number]).ledger : consolidate(sources.map((s) => ({ name: s.name, ledger: s.ledger, warnings: [] })));
      const analysis = analyze(input.analysis);
      progress('analyse', 2, 2);
      return { report: result.report, analysis };
    },
    analyze(input) {
      return analyze(input);
    },
    dunning(input) {
      if (!hasLedger) return null;
      const asOf = dayFromIso(input.asOf);
      if (asOf === null) return null;
      const full = fullDunningView(asOf, input.workspace, input.draftPolicy);
      const matching = full.actions.filter((a) => matches(a, input.filter));
      return {
        ...full,
        actions: matching.slice(0, input.limit ?? matching.length),
        actionCount: matching.length,
        letterActionCount: matching.filter((a) => DOCUMENT_OF_STEP[a.step] !== undefined).length,
      };
    },
    letters(input) {
      const asOf = dayFromIso(input.asOf);
      if (!hasLedger || asOf === null) return [];
      const all = input.all;
      const ids = all ? [...input.customerIds, ...fullDunningView(asOf, input.workspace, null).actions.filter((a) => matches(a, all) && DOCUMENT_OF_STEP[a.step] !== undefined).map((a) => a.customerId)] : input.customerIds;
      return letterModels(ledger, asOf, { ...input, customerIds: ids });
    },
    exportFiles(input) {
      const asOf = dayFromIso(input.asOf);
      if (!hasLedger || asOf === null) return null;
      const tables = exportTables(ledger, asOf, input.workspace, input.lang, validBucketEdges(input.edges) ? input.edges : [30, 60, 90, 120]);
      const xlsx = tablesToXlsx(tables);
      return { xlsx: xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer, csv: tables.map((t) => ({ name: t.name, text: tableToCsv(t) })) };
    },
    report(input) {
      const asOf = dayFromIso(input.asOf);
      if (!hasLedger || asOf === null) return null;
      return buildAuditReport(
        sources.map((s) => ({ name: s.name, ledger: s.ledger, warnings: s.issues.map((i) => describeIssue(i, input.lang)) })),
        asOf,
        input.workspace,
        input.lang,
      );
    },
    invoices(input) {
      const asOf = dayFromIso(input.analysis.asOf) as Day | null;
      if (asOf === null) return [];
      const edges = validBucketEdges(input.analysis.edges) ? input.analysis.edges : [30, 60, 90, 120];
      const out: InvoiceRow[] = [];
      for (const inv of ledger.invoices) {
        if (inv.customerId !== input.customerId || !isIssuedBy(inv, asOf)) continue;
        const open = openAt(inv, asOf);
        if (open === 0) continue;
        const dpd = daysPastDue(inv, asOf, input.analysis.basis);
        const bucket = dpd === null ? 0 : bucketIndex(dpd, edges);
        if (input.bucket !== null && bucket !== input.bucket) continue;
        out.push({
          number: inv.number,
          issued: inv.issued === null ? null : isoOf(inv.issued),
          due: inv.due === null ? null : isoOf(inv.due),
          isDueDerived: inv.isDueDerived,
          amount: inv.amount,
          open,
          daysPastDue: dpd,
          bucket,
          kind: inv.kind,
          row: inv.source.row,
          sheet: inv.source.sheet,
        });
      }
      out.sort((x, y) => (y.daysPastDue ?? 0) - (x.daysPastDue ?? 0));
      return out;
    },
  };
}

/** Sales per calendar month and receivables at each month end (the as-of date for the last one), in two passes. */
function monthlyHistory(ledger: Ledger, asOf: Day, months: number): { month: string; sales: number; receivables: number }[] {
  const c = ledgerColumns(ledger);
  let earliest: Day | null = null;
  for (let i = 0; i < c.count; i++) {
    const d = c.issued[i] as Day;
    if (d !== NO_DAY && d <= asOf && (earliest === null || d < earliest)) earliest = d;
  }
  if (earliest === null) return [];
  const starts: Day[] = [];
  const ends: Day[] = [];
  for (let k = months - 1; k >= 0; k--) {
    const monthStart = startOfMonth(addMonths(asOf, -k));
    if (endOfMonth(monthStart) < earliest) continue;
    starts.push(monthStart);
    ends.push(k === 0 ? asOf : endOfMonth(monthStart));
  }
  if (starts.length === 0) return [];
  const sales = new Array<number>(starts.length).fill(0);
  const first = starts[0] as Day;
  for (let i = 0; i < c.count; i++) {
    const d = c.issued[i] as number;
    if (c.isSale[i] === 0 || d === NO_DAY || d < first || d > asOf) continue;
    // The last month starting on or before d (months are contiguous and ascending).
    const k = lastAtOrBefore(starts, d);
    sales[k] = (sales[k] as number) + (c.amount[i] as number);
  }
  const receivables = receivablesAtEach(ledger, ends);
  return starts.map((s, i) => ({ month: isoOf(s).slice(0, 7), sales: sales[i] as number, receivables: receivables[i] as number }));
}

function stepCounts(actions: readonly Action[]): StepCount[] {
  const m = new Map<string, { customers: number; amountCents: number }>();
  for (const a of actions) {
    const e = m.get(a.step) ?? { customers: 0, amountCents: 0 };
    e.customers++;
    e.amountCents += a.amountCents;
    m.set(a.step, e);
  }
  return [...m].map(([step, e]) => ({ step, ...e }));
}

/** Today's actions with their penalties and reasons, the customers waiting, and a policy dry run. */
function dunningView(ledger: Ledger, asOf: Day, workspace: Workspace, draft: Policy | null): DunningView {
  const names = customerNames(ledger);
  const plan = dunningPlan(ledger, asOf, workspace);
  const margin = workspace.profile.marginPercent;
  const unknownHalfYears = new Set<string>();
  const floorWarnings = new Map<string, DunningView['floorWarnings'][number]>();
  const actions: ActionRow[] = plan.actions.map((a) => {
    const totals = penaltyTotals(a.invoices, asOf, workspace);
    const interest = totals.interestCents;
    const indemnity = totals.indemnityCents;
    for (const w of totals.warnings) {
      if (w.code === 'RateUnknownForHalfYear') unknownHalfYears.add(w.halfYear);
      else floorWarnings.set(`${a.customerId}|${w.halfYear}`, { customerId: a.customerId, name: names.get(a.customerId) ?? a.customerId, halfYear: w.halfYear, rateBp: w.rateBp, floorBp: w.floorBp ?? 0 });
    }
    return {
      customerId: a.customerId,
      name: names.get(a.customerId) ?? a.customerId,
      step: a.step,
      channel: a.channel,
      invoices: a.invoices.map((i) => i.number),
      amountCents: a.amountCents,
      interestCents: interest,
      indemnityCents: indemnity,
      maxDaysPastDue: a.maxDaysPastDue,
      isSmallClaim: a.isSmallClaim,
      reasons: a.reasons,
      deadline: a.deadline === undefined ? null : isoOf(a.deadline),
      salesNeededCents: margin !== null && margin > 0 ? Math.round((a.amountCents * 100) / margin) : null,
    };
  });
  actions.sort((x, y) => y.amountCents - x.amountCents);
  const dryRun = draft ? { current: stepCounts(plan.actions), draft: stepCounts(dunningPlan(ledger, asOf, { ...workspace, policy: draft }).actions) } : null;
  const prescriptionRows: DunningView['prescription'][number][] = [];
  const overTerms: DunningView['overTerms'][number][] = [];
  let overTermsCount = 0;
  for (const inv of ledger.invoices) {
    if (inv.kind !== 'invoice' || (inv.issued !== null && inv.issued > asOf)) continue;
    if (exceedsLegalTerms(inv)) {
      overTermsCount++;
      if (overTerms.length < LIST_MAX) overTerms.push({ customerId: inv.customerId, name: names.get(inv.customerId) ?? inv.customerId, invoice: inv.number, issued: isoOf(inv.issued as Day), due: isoOf(inv.due as Day) });
    }
    if (openAt(inv, asOf) <= 0) continue;
    const p = prescription(inv, regimeOf(inv.customerId, workspace), asOf);
    if (p && p.alert !== null) prescriptionRows.push({ customerId: inv.customerId, name: names.get(inv.customerId) ?? inv.customerId, invoice: inv.number, expires: isoOf(p.expires), daysLeft: p.daysLeft, alert: p.alert });
  }
  prescriptionRows.sort((a, b) => a.daysLeft - b.daysLeft);
  return {
    unknownHalfYears: [...unknownHalfYears].sort(),
    floorWarnings: [...floorWarnings.values()],
    prescription: prescriptionRows.slice(0, LIST_MAX),
    prescriptionCount: prescriptionRows.length,
    overTerms,
    overTermsCount,
    actions,
    actionCount: actions.length,
    letterActionCount: actions.filter((a) => DOCUMENT_OF_STEP[a.step] !== undefined).length,
    waiting: plan.waiting.slice(0, LIST_MAX).map((w) => ({ customerId: w.customerId, name: names.get(w.customerId) ?? w.customerId, reason: w.reason, nextOn: w.nextOn === undefined ? null : isoOf(w.nextOn) })),
    waitingCount: plan.waiting.length,
    dryRun,
    ratesKnownUntil: isoOf(ratesKnownUntil()),
  };
}

/** Lines of the alert and waiting lists sent to the page (their counts are sent too). */
const LIST_MAX = 200;

function matches(a: ActionRow, filter: ActionFilter | undefined): boolean {
  return !filter || ((filter.step === '' || a.step === filter.step) && (filter.channel === '' || a.channel === filter.channel));
}

/** Which document each action step calls for. */
const DOCUMENT_OF_STEP: Readonly<Record<string, LetterKind>> = {
  rappel: 'rappel',
  relance: 'relance',
  mise_en_demeure: 'mise_en_demeure',
  injonction_de_payer: 'injonction_de_payer',
  declaration_de_creance: 'declaration_de_creance',
};

function letterModels(ledger: Ledger, asOf: Day, input: Parameters<Requests['letters']>[0]): LetterModel[] {
  const wanted = new Set(input.customerIds);
  const customers = new Map(ledger.customers.map((c) => [c.id, c]));
  const out: LetterModel[] = [];
  for (const a of dunningPlan(ledger, asOf, input.workspace).actions) {
    const kind = input.kind ?? DOCUMENT_OF_STEP[a.step];
    if (!wanted.has(a.customerId) || kind === undefined) continue;
    const customer = customers.get(a.customerId) ?? { id: a.customerId, code: null, name: a.customerId };
    const deadline = input.workspace.policy.steps.find((s) => s.id === a.step)?.deadlineDays;
    const plan = input.workspace.statuses.find((s) => s.customerId === a.customerId && s.status.kind === 'plan')?.status;
    const instalments = plan && plan.kind === 'plan' ? plan.instalments.filter((x) => !x.paidOn).map((x) => ({ due: dayFromIso(x.due) as Day, cents: x.amountCents as Cents })).filter((x) => x.due !== null) : [];
    out.push(
      buildLetter({
        kind,
        lang: input.lang,
        customer,
        invoices: a.invoices,
        asOf,
        workspace: input.workspace,
        currency: ledger.currency,
        ...(input.lrar ? { lrar: input.lrar } : {}),
        ...(deadline !== undefined ? { deadlineDays: deadline } : {}),
        ...(instalments.length > 0 ? { instalments } : {}),
      }),
    );
  }
  return out;
}
