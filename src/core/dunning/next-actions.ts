/**
 * The next dunning step per customer (numbers.md § "Next action per customer"): one action per
 * customer over its overdue, undisputed invoices. With no history the step follows the largest
 * days past due; with history a customer never skips a step it has not had, and a step comes at
 * least `minDaysSincePrevious` days after the previous one. Statuses take invoices out (dispute,
 * promise not yet due, payment plan in good standing, do-not-chase); a collective procedure turns
 * the action into a déclaration de créance with its deadline.
 */
import { addMonths, dayFromIso, isoOf, type Day } from '../day.ts';
import type { Cents } from '../money.ts';
import { invoiceAt, ledgerColumns, NO_DAY, openAt, openAtColumn, type Invoice, type Ledger } from '../ledger.ts';
import { DEFAULT_POLICY, type Channel, type HistoryEntry, type Policy, type StatusEntry, type StepId } from './workspace.ts';

/** Claims up to €5,000 may also take the procédure simplifiée de recouvrement des petites créances. */
export const SMALL_CLAIM_LIMIT_CENTS = 500000 as Cents;

export type ActionStep = StepId | 'declaration_de_creance' | 'courtesy';

export type ActionReason =
  | { readonly code: 'OldestInvoiceLate'; readonly days: number; readonly invoice: string }
  | { readonly code: 'NextAfterPrevious'; readonly previous: StepId; readonly previousDate: string; readonly daysSince: number; readonly days: number }
  | { readonly code: 'CollectiveProcedure'; readonly bodaccDate: string; readonly deadline: string; readonly openingDate: string }
  | { readonly code: 'PlanInstalmentMissed'; readonly due: string }
  /** The court step is due by lateness, but no mise en demeure is recorded (or its deadline runs): formal notice first. */
  | { readonly code: 'FormalNoticeFirst' }
  | { readonly code: 'DueSoon'; readonly days: number; readonly invoice: string };

export type Action = {
  readonly customerId: string;
  readonly step: ActionStep;
  readonly channel: Channel | 'mandataire';
  readonly invoices: readonly Invoice[];
  /**
   * The claim (numbers.md § "Next action"): Σ open balances of `invoices` minus `creditsCents`,
   * never below zero. A customer whose claim is zero gets no action.
   */
  readonly amountCents: Cents;
  /** The customer's open credits deducted: credit notes and payments not allocated to an invoice. */
  readonly credits: readonly Invoice[];
  /** What the credits took off the overdue invoices (at most their sum: the claim is never negative). */
  readonly creditsCents: Cents;
  readonly maxDaysPastDue: number;
  /** True for an injonction de payer of at most €5,000: the small-claims procedure is offered too. */
  readonly isSmallClaim: boolean;
  readonly reasons: readonly ActionReason[];
  /** Déclaration de créance: the last day to file it. */
  readonly deadline?: Day;
};

/** A customer that has overdue invoices but nothing to do today, and why. */
export type Waiting = {
  readonly customerId: string;
  readonly reason: 'MinimumDelayNotReached' | 'NextStepNotYetDue' | 'AllStepsDone' | 'Paused';
  readonly nextOn?: Day;
};

export type DunningInput = {
  readonly policy?: Policy;
  readonly history?: readonly HistoryEntry[];
  readonly statuses?: readonly StatusEntry[];
};

export type DunningResult = { readonly actions: Action[]; readonly waiting: Waiting[] };

/** Days allowed to pay an instalment before the plan counts as missed. */
const PLAN_GRACE_DAYS = 0;

export function nextActions(ledger: Ledger, asOf: Day, input: DunningInput = {}): Action[] {
  return dunningPlan(ledger, asOf, input).actions;
}

export function dunningPlan(ledger: Ledger, asOf: Day, input: DunningInput = {}): DunningResult {
  const actions: Action[] = [];
  const waiting: Waiting[] = [];
  planEach(ledger, asOf, input, (a) => actions.push(a), (w) => waiting.push(w));
  return { actions, waiting };
}

/**
 * The plan one customer at a time, in the order of customer ids (dunningPlan's order): `onAction`
 * gets each action, `onWaiting` each customer waiting. A customer's items are made into objects
 * only when its turn comes, so that a caller that turns each action into what it keeps (the
 * worklist's rows) never holds every open item's object at once.
 */
export function planEach(ledger: Ledger, asOf: Day, input: DunningInput, onAction: (a: Action) => void, onWaiting: (w: Waiting) => void): void {
  const policy = input.policy ?? DEFAULT_POLICY;
  const steps = [...policy.steps].sort((a, b) => a.daysAfterDue - b.daysAfterDue);
  const statuses = input.statuses ?? [];
  const history = input.history ?? [];
  // Statuses by customer, so that each invoice looks only at its own customer's.
  const statusesByCustomer = new Map<string, (typeof statuses)[number][]>();
  for (const s of statuses) {
    const list = statusesByCustomer.get(s.customerId);
    if (list) list.push(s);
    else statusesByCustomer.set(s.customerId, [s]);
  }
  const none: (typeof statuses)[number][] = [];
  const statusOf = (customerId: string, number: string | null) => {
    const own = statusesByCustomer.get(customerId);
    return own === undefined ? none : own.filter((s) => s.invoiceNumber === null || s.invoiceNumber === number);
  };
  // History by customer too: a long history and many customers must not multiply.
  const historyByCustomer = new Map<string, HistoryEntry[]>();
  for (const h of history) {
    const list = historyByCustomer.get(h.customerId);
    if (list) list.push(h);
    else historyByCustomer.set(h.customerId, [h]);
  }
  const noHistory: HistoryEntry[] = [];

  // Each customer's items that may be chased or netted, as item numbers of the columns, in item
  // order: what is open at the as-of date, and for a customer in collective proceedings (open at the
  // opening date) every item issued by then.
  const c = ledgerColumns(ledger);
  const inProceedings = new Set(statuses.filter((s) => s.invoiceNumber === null && s.status.kind === 'collective').map((s) => s.customerId));
  const everyItemOf = Uint8Array.from(c.customerIds, (id) => (inProceedings.has(id) ? 1 : 0));
  const start = new Int32Array(c.customerIds.length + 1);
  let picked = 0;
  const isPicked = new Uint8Array(c.count);
  for (let i = 0; i < c.count; i++) {
    const issued = c.issued[i] as number;
    if (issued !== NO_DAY && issued > asOf) continue;
    const k = c.customer[i] as number;
    if (everyItemOf[k] === 0 && openAtColumn(c, i, asOf) === 0) continue;
    isPicked[i] = 1;
    start[k + 1] = (start[k + 1] as number) + 1;
    picked++;
  }
  for (let k = 0; k < c.customerIds.length; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const itemsOf = new Int32Array(picked);
  const next = start.slice(0, c.customerIds.length);
  for (let i = 0; i < c.count; i++) {
    if (isPicked[i] === 0) continue;
    const k = c.customer[i] as number;
    itemsOf[next[k] as number] = i;
    next[k] = (next[k] as number) + 1;
  }

  for (let n = 0; n < c.customersById.length; n++) {
    const k = c.customersById[n] as number;
    const from = start[k] as number;
    const to = start[k + 1] as number;
    if (from === to) continue;
    // Its open invoices (with a due date) and its open credits (credit notes, payments on account:
    // netted in the claim); a customer with no open invoice has nothing to plan.
    const invoices: Invoice[] = [];
    const credits: Invoice[] = [];
    for (let j = from; j < to; j++) {
      const inv = invoiceAt(ledger, itemsOf[j] as number);
      if (inv.kind !== 'invoice') {
        if (openAt(inv, asOf) < 0) credits.push(inv);
      } else if (inv.due !== null) invoices.push(inv);
    }
    if (invoices.length === 0) continue;
    const customerId = c.customerIds[k] as string;
    const customerStatuses = statusOf(customerId, null).filter((s) => s.invoiceNumber === null);
    if (customerStatuses.some((s) => s.status.kind === 'doNotChase')) continue;
    const collective = customerStatuses.find((s) => s.status.kind === 'collective');
    if (collective && collective.status.kind === 'collective') {
      const opening = dayFromIso(collective.status.openingDate);
      const bodacc = dayFromIso(collective.status.bodaccDate);
      if (opening === null || bodacc === null) continue;
      const claimed = invoices.filter((i) => (i.issued ?? i.due ?? opening) <= opening && openAt(i, opening) > 0);
      if (claimed.length === 0) continue;
      const deadline = addMonths(bodacc, collective.status.isCreditorAbroad ? 4 : 2);
      const owed = claimed.reduce((s, i) => s + openAt(i, opening), 0);
      const claimedCredits = credits.filter((c) => (c.issued ?? c.due ?? opening) <= opening && openAt(c, opening) < 0);
      const creditSum = Math.max(0, -claimedCredits.reduce((s, c) => s + openAt(c, opening), 0));
      if (owed - creditSum <= 0) continue;
      onAction({
        customerId,
        step: 'declaration_de_creance',
        channel: 'mandataire',
        invoices: claimed,
        amountCents: (owed - creditSum) as Cents,
        credits: claimedCredits,
        creditsCents: creditSum as Cents,
        maxDaysPastDue: Math.max(0, ...claimed.map((i) => opening - (i.due as Day))),
        isSmallClaim: false,
        reasons: [{ code: 'CollectiveProcedure', bodaccDate: collective.status.bodaccDate, deadline: isoOf(deadline), openingDate: collective.status.openingDate }],
        deadline,
      });
      continue;
    }
    let paused = false;
    const reasons: ActionReason[] = [];
    const eligible = invoices.filter((inv) => {
      if (inv.isDisputed || (inv.due as Day) >= asOf || openAt(inv, asOf) <= 0) return false;
      for (const s of statusOf(customerId, inv.number)) {
        const st = s.status;
        if (st.kind === 'disputed' || st.kind === 'doNotChase') return false;
        if (st.kind === 'promise' && (dayFromIso(st.until) ?? asOf) >= asOf) {
          paused = true;
          return false;
        }
        if (st.kind === 'plan') {
          const missed = st.instalments.find((x) => !x.paidOn && (dayFromIso(x.due) ?? asOf) + PLAN_GRACE_DAYS < asOf);
          if (!missed) {
            paused = true;
            return false;
          }
          if (!reasons.some((r) => r.code === 'PlanInstalmentMissed')) reasons.push({ code: 'PlanInstalmentMissed', due: missed.due });
        }
      }
      return true;
    });
    if (eligible.length === 0) {
      if (paused) onWaiting({ customerId, reason: 'Paused' });
      else if (policy.courtesyDaysBefore !== null) {
        const courtesy = courtesyAction(customerId, invoices, asOf, policy.courtesyDaysBefore, historyByCustomer.get(customerId) ?? noHistory);
        if (courtesy) onAction(courtesy);
      }
      continue;
    }
    const owed = eligible.reduce((s, i) => s + openAt(i, asOf), 0);
    const creditSum = Math.min(owed, Math.max(0, -credits.reduce((s, c) => s + openAt(c, asOf), 0)));
    // Nobody is chased for money they do not owe: credits covering the overdue invoices mean no action.
    if (owed - creditSum <= 0) continue;
    let maxDpd = 0;
    let oldest = eligible[0] as Invoice;
    for (const inv of eligible) {
      const dpd = asOf - (inv.due as Day);
      if (dpd > maxDpd) {
        maxDpd = dpd;
        oldest = inv;
      }
    }
    let target = -1;
    steps.forEach((s, i) => {
      if (maxDpd >= s.daysAfterDue) target = i;
    });
    if (target < 0) continue;
    // History that concerns the current debt: entries dated on or after the oldest overdue due date.
    const since = oldest.due as Day;
    const done = (historyByCustomer.get(customerId) ?? noHistory)
      .filter((h) => (dayFromIso(h.date) ?? 0) >= since && (dayFromIso(h.date) ?? Infinity) <= asOf)
      .map((h) => ({ h, index: steps.findIndex((s) => s.id === h.step), day: dayFromIso(h.date) as Day }))
      .filter((x) => x.index >= 0)
      .sort((a, b) => a.index - b.index || a.day - b.day);
    const last = done[done.length - 1];
    let index = target;
    if (last) {
      const next = last.index + 1;
      if (next >= steps.length) {
        onWaiting({ customerId, reason: 'AllStepsDone' });
        continue;
      }
      // Never skip a step the customer has not had.
      index = Math.min(target, next);
      let gap = (steps[next]?.minDaysSincePrevious ?? 8) as number;
      // After a mise en demeure, court only once its payment deadline has passed (the day after it).
      if (steps[next]?.id === 'injonction_de_payer' && steps[last.index]?.id === 'mise_en_demeure') gap = Math.max(gap, (steps[last.index]?.deadlineDays ?? 8) + 1);
      if (index <= last.index) {
        // The next step's lateness threshold is not reached yet.
        const on = Math.max(since + (steps[next]?.daysAfterDue ?? 0), last.day + gap);
        onWaiting({ customerId, reason: 'NextStepNotYetDue', nextOn: on as Day });
        continue;
      }
      const daysSince = asOf - last.day;
      if (daysSince < gap) {
        onWaiting({ customerId, reason: 'MinimumDelayNotReached', nextOn: (last.day + gap) as Day });
        continue;
      }
      reasons.push({ code: 'NextAfterPrevious', previous: steps[last.index]?.id as StepId, previousDate: last.h.date, daysSince, days: gap });
    }
    // A court pack always rests on a formal notice that exists (numbers.md): with no recorded mise en
    // demeure whose deadline has passed, the court step becomes the mise en demeure.
    if (steps[index]?.id === 'injonction_de_payer') {
      const notice = [...done].reverse().find((x) => steps[x.index]?.id === 'mise_en_demeure');
      const noticeStep = steps.find((s) => s.id === 'mise_en_demeure');
      const deadlineDay = notice ? notice.day + (noticeStep?.deadlineDays ?? 8) : null;
      if (notice === undefined || deadlineDay === null || asOf <= deadlineDay) {
        if (deadlineDay !== null) {
          onWaiting({ customerId, reason: 'MinimumDelayNotReached', nextOn: (deadlineDay + 1) as Day });
          continue;
        }
        const med = steps.findIndex((s) => s.id === 'mise_en_demeure');
        if (med < 0) continue;
        index = med;
        reasons.push({ code: 'FormalNoticeFirst' });
      }
    }
    const step = steps[index];
    if (!step) continue;
    reasons.unshift({ code: 'OldestInvoiceLate', days: maxDpd, invoice: oldest.number });
    const amount = owed - creditSum;
    onAction({
      customerId,
      step: step.id,
      channel: step.channel,
      invoices: eligible,
      amountCents: amount as Cents,
      credits,
      creditsCents: creditSum as Cents,
      maxDaysPastDue: maxDpd,
      isSmallClaim: step.id === 'injonction_de_payer' && amount <= SMALL_CLAIM_LIMIT_CENTS,
      reasons,
    });
  }
}

/**
 * Optional pre-due courtesy reminder: invoices falling due within `daysBefore` days, for a
 * customer with nothing overdue, once per invoice (a logged courtesy reminder dated on or after
 * the invoice date counts as sent).
 */
function courtesyAction(customerId: string, invoices: readonly Invoice[], asOf: Day, daysBefore: number, history: readonly HistoryEntry[]): Action | null {
  const soon = invoices.filter((inv) => {
    const due = inv.due as Day;
    if (inv.isDisputed || due < asOf || due - asOf > daysBefore || openAt(inv, asOf) <= 0) return false;
    return !history.some((h) => h.customerId === customerId && h.step === 'courtesy' && h.invoices.includes(inv.number));
  });
  if (soon.length === 0) return null;
  const first = soon.reduce((a, b) => ((a.due as Day) <= (b.due as Day) ? a : b));
  return {
    customerId,
    step: 'courtesy',
    channel: 'email',
    invoices: soon,
    amountCents: soon.reduce((s, i) => s + openAt(i, asOf), 0) as Cents,
    credits: [],
    creditsCents: 0 as Cents,
    maxDaysPastDue: 0,
    isSmallClaim: false,
    reasons: [{ code: 'DueSoon', days: (first.due as Day) - asOf, invoice: first.number }],
  };
}
