/**
 * Today's worklist: one action per customer with its claim (credits netted), penalties and reasons,
 * the customers waiting, the alerts (prescription, terms over the legal caps, rates) and a dry run of
 * a draft policy. Filtered and paged here, so that the page receives 100 actions at a time.
 */
import { customerNames, exceedsLegalTerms, invoiceAt, isBeyondLegalCaps, isoOf, ledgerColumns, NO_DAY, openAt, openAtColumn, penaltyTotals, planEach, prescriptionFrom, ratesKnownUntil, regimeOf, type Action, type Waiting, type Day, type LetterKind, type Ledger, type Policy, type Workspace } from '../core/index.ts';
import type { Settings } from './settings.ts';
import { behaviours, expectedLossCents } from './prediction.ts';
import type { ActionFilter, ActionRow, DunningView, StepCount } from './views.ts';

/** Which document each action step calls for (the courtesy reminder is an e-mail, no letter). */
export const DOCUMENT_OF_STEP: Readonly<Record<string, LetterKind>> = {
  rappel: 'rappel',
  relance: 'relance',
  mise_en_demeure: 'mise_en_demeure',
  injonction_de_payer: 'injonction_de_payer',
  declaration_de_creance: 'declaration_de_creance',
};

/** The steps the worklist can filter on, in order. */
export const ACTION_STEPS = ['courtesy', 'rappel', 'relance', 'mise_en_demeure', 'injonction_de_payer', 'declaration_de_creance'] as const;

/** Lines of the alert and waiting lists sent to the page (their counts are sent too). */
const LIST_MAX = 200;

export function callsForLetter(step: string): boolean {
  return DOCUMENT_OF_STEP[step] !== undefined;
}

export function matchesFilter(a: { readonly step: string; readonly channel: string }, filter: ActionFilter | undefined): boolean {
  return !filter || ((filter.step === '' || a.step === filter.step) && (filter.channel === '' || a.channel === filter.channel));
}

/** Customers and claims per step, in the order the steps are first met. */
function stepCounter(): { add(a: Action): void; counts(): StepCount[] } {
  const m = new Map<string, { customers: number; amountCents: number }>();
  return {
    add(a) {
      const e = m.get(a.step) ?? { customers: 0, amountCents: 0 };
      e.customers++;
      e.amountCents += a.amountCents;
      m.set(a.step, e);
    },
    counts: () => [...m].map(([step, e]) => ({ step, ...e })),
  };
}

/**
 * Makes each action's row (claim, credits, penalties of the overdue invoices, reasons) and gathers
 * the rate warnings met on the way.
 */
function rowMaker(ledger: Ledger, asOf: Day, workspace: Workspace, ratings: ReadonlyMap<string, { rating: string | null; meanDaysLate: number | null }>): { row(a: Action): ActionRow; unknownHalfYears: Set<string>; floorWarnings: Map<string, DunningView['floorWarnings'][number]> } {
  const names = customerNames(ledger);
  const margin = workspace.profile.marginPercent;
  const unknownHalfYears = new Set<string>();
  const floorWarnings = new Map<string, DunningView['floorWarnings'][number]>();
  const row = (a: Action): ActionRow => {
    // The claimed invoices are past due (late for sure, probability 1): each is expected to end as
    // late as the customer usually pays, and at least as late as it already is. The customer's habit
    // comes from its payment behaviour (no model to fit before the worklist shows).
    const usual = Math.max(0, ratings.get(a.customerId)?.meanDaysLate ?? 0);
    let loss = 0;
    for (const inv of a.invoices) {
      if (inv.due !== null) loss += expectedLossCents(openAt(inv, asOf), 1, Math.max(asOf - inv.due, usual), asOf);
    }
    const totals = penaltyTotals(a.invoices, asOf, workspace);
    for (const w of totals.warnings) {
      if (w.code === 'RateUnknownForHalfYear') unknownHalfYears.add(w.halfYear);
      else floorWarnings.set(`${a.customerId}|${w.halfYear}`, { customerId: a.customerId, name: names.get(a.customerId) ?? a.customerId, halfYear: w.halfYear, rateBp: w.rateBp, floorBp: w.floorBp ?? 0 });
    }
    return {
      customerId: a.customerId,
      name: names.get(a.customerId) ?? a.customerId,
      step: a.step,
      channel: a.channel,
      document: a.step === 'courtesy' ? null : a.step,
      invoices: a.invoices.map((i) => i.number),
      amountCents: a.amountCents,
      credits: a.credits.map((i) => i.number),
      creditsCents: a.creditsCents,
      interestCents: totals.interestCents,
      indemnityCents: totals.indemnityCents,
      maxDaysPastDue: a.maxDaysPastDue,
      isSmallClaim: a.isSmallClaim,
      reasons: a.reasons,
      deadline: a.deadline === undefined ? null : isoOf(a.deadline),
      salesNeededCents: margin !== null && margin > 0 ? Math.round((a.amountCents * 100) / margin) : null,
      rating: ratings.get(a.customerId)?.rating ?? null,
      expectedLossCents: loss,
    };
  };
  return { row, unknownHalfYears, floorWarnings };
}

/** The whole worklist, largest claims first; `draft` adds a dry run of another policy. */
export function worklist(ledger: Ledger, settings: Settings, draft: Policy | null = null): DunningView {
  const { asOf, workspace } = settings;
  const names = customerNames(ledger);
  // Each action becomes its row at once: a customer's invoice objects live only while its row is made.
  const { row, unknownHalfYears, floorWarnings } = rowMaker(ledger, asOf, workspace, behaviours(ledger, settings));
  const actions: ActionRow[] = [];
  const waiting: Waiting[] = [];
  const current = stepCounter();
  planEach(
    ledger,
    asOf,
    workspace,
    (a) => {
      actions.push(row(a));
      current.add(a);
    },
    (w) => waiting.push(w),
  );
  // Largest claims first (a stable sort: equal claims stay in the order of customer ids).
  actions.sort((x, y) => y.amountCents - x.amountCents);
  let dryRun: DunningView['dryRun'] = null;
  if (draft) {
    const planned = stepCounter();
    planEach(ledger, asOf, { ...workspace, policy: draft }, planned.add, () => {});
    dryRun = { current: current.counts(), draft: planned.counts() };
  }
  const prescriptionRows: DunningView['prescription'][number][] = [];
  const overTerms: DunningView['overTerms'][number][] = [];
  let overTermsCount = 0;
  // On the columns first: an item is made into an object only when its dates alone say it may be
  // listed — its due date beyond the legal caps, or its prescription near (then its kind, and
  // whether its due date was derived, decide).
  const c = ledgerColumns(ledger);
  for (let i = 0; i < c.count; i++) {
    const issued = c.issued[i] as number;
    if (issued !== NO_DAY && issued > asOf) continue;
    const due = c.due[i] as number;
    const isOpen = openAtColumn(c, i, asOf) > 0;
    const mayExceed = issued !== NO_DAY && due !== NO_DAY && isBeyondLegalCaps(issued as Day, due as Day);
    const p = isOpen && due !== NO_DAY ? prescriptionFrom(due as Day, regimeOf(c.customerIds[c.customer[i] as number] as string, workspace), asOf) : null;
    if (!mayExceed && (p === null || p.alert === null)) continue;
    const inv = invoiceAt(ledger, i);
    if (inv.kind !== 'invoice') continue;
    if (mayExceed && exceedsLegalTerms(inv)) {
      overTermsCount++;
      if (overTerms.length < LIST_MAX) overTerms.push({ customerId: inv.customerId, name: names.get(inv.customerId) ?? inv.customerId, invoice: inv.number, issued: isoOf(inv.issued as Day), due: isoOf(inv.due as Day) });
    }
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
    totals: totalsOf(actions),
    letterActionCount: actions.filter((a) => callsForLetter(a.step)).length,
    waiting: waiting.slice(0, LIST_MAX).map((w) => ({ customerId: w.customerId, name: names.get(w.customerId) ?? w.customerId, reason: w.reason, nextOn: w.nextOn === undefined ? null : isoOf(w.nextOn) })),
    waitingCount: waiting.length,
    dryRun,
    ratesKnownUntil: isoOf(ratesKnownUntil()),
  };
}

/** The first `limit` actions matching `filter`, with the counts of all that match. */
export function pageOf(view: DunningView, filter: ActionFilter | undefined, limit: number | undefined): DunningView {
  const matching = view.actions.filter((a) => matchesFilter(a, filter));
  // The worklist comes largest claim first; by expected loss on request (stable: equal losses keep that order).
  if (filter?.sort === 'expectedLoss') matching.sort((x, y) => y.expectedLossCents - x.expectedLossCents);
  return {
    ...view,
    actions: matching.slice(0, limit ?? matching.length),
    actionCount: matching.length,
    totals: totalsOf(matching),
    letterActionCount: matching.filter((a) => callsForLetter(a.step)).length,
  };
}

/** What today's actions add up to: what to chase, what waiting costs (penalties and indemnities due). */
function totalsOf(actions: readonly ActionRow[]): DunningView['totals'] {
  let claimCents = 0;
  let penaltiesCents = 0;
  let salesNeeded: number | null = null;
  for (const a of actions) {
    claimCents += a.amountCents;
    penaltiesCents += a.interestCents + a.indemnityCents;
    if (a.salesNeededCents !== null) salesNeeded = (salesNeeded ?? 0) + a.salesNeededCents;
  }
  return { claimCents, penaltiesCents, salesNeededCents: salesNeeded };
}
