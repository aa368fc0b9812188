/**
 * The next dunning step per customer under the default policy of numbers.md, for a customer with
 * no history yet: one action covering all its overdue, undisputed invoices, the step set by the
 * largest days past due. (Policies, history and statuses are issue 4's next part.)
 */
import type { Day } from '../day.ts';
import type { Cents } from '../money.ts';
import { openAt, type Invoice, type Ledger } from '../ledger.ts';

export type StepId = 'rappel' | 'relance' | 'mise_en_demeure' | 'injonction_de_payer';
export type Channel = 'email' | 'email_phone' | 'registered_letter' | 'court';

export type PolicyStep = { readonly id: StepId; readonly minDaysPastDue: number; readonly channel: Channel };

/** numbers.md § "Next action per customer (default policy)". */
export const DEFAULT_STEPS: readonly PolicyStep[] = [
  { id: 'rappel', minDaysPastDue: 1, channel: 'email' },
  { id: 'relance', minDaysPastDue: 15, channel: 'email_phone' },
  { id: 'mise_en_demeure', minDaysPastDue: 30, channel: 'registered_letter' },
  { id: 'injonction_de_payer', minDaysPastDue: 45, channel: 'court' },
];

/** Claims up to €5,000 may also take the procédure simplifiée de recouvrement des petites créances. */
export const SMALL_CLAIM_LIMIT_CENTS = 500000 as Cents;

export type Action = {
  readonly customerId: string;
  readonly step: StepId;
  readonly channel: Channel;
  readonly invoices: readonly Invoice[];
  readonly amountCents: Cents;
  readonly maxDaysPastDue: number;
  /** True for an injonction de payer of at most €5,000: the small-claims procedure is offered too. */
  readonly isSmallClaim: boolean;
};

export function nextActions(ledger: Ledger, asOf: Day, steps: readonly PolicyStep[] = DEFAULT_STEPS): Action[] {
  const byCustomer = new Map<string, { invoices: Invoice[]; amount: number; maxDpd: number }>();
  for (const inv of ledger.invoices) {
    if (inv.isDisputed || inv.kind !== 'invoice' || inv.due === null || inv.due >= asOf) continue;
    if (inv.issued !== null && inv.issued > asOf) continue;
    const open = openAt(inv, asOf);
    if (open <= 0) continue;
    const entry = byCustomer.get(inv.customerId) ?? { invoices: [], amount: 0, maxDpd: 0 };
    entry.invoices.push(inv);
    entry.amount += open;
    entry.maxDpd = Math.max(entry.maxDpd, asOf - inv.due);
    byCustomer.set(inv.customerId, entry);
  }
  const actions: Action[] = [];
  for (const [customerId, e] of byCustomer) {
    let step: PolicyStep | undefined;
    for (const s of steps) if (e.maxDpd >= s.minDaysPastDue) step = s;
    if (!step) continue;
    actions.push({
      customerId,
      step: step.id,
      channel: step.channel,
      invoices: e.invoices,
      amountCents: e.amount as Cents,
      maxDaysPastDue: e.maxDpd,
      isSmallClaim: step.id === 'injonction_de_payer' && e.amount <= SMALL_CLAIM_LIMIT_CENTS,
    });
  }
  actions.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  return actions;
}
