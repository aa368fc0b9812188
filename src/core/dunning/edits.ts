/**
 * Edits of the workspace as pure functions: record a step that was sent, set a customer's status and
 * settings, type a missing rate, parse a payment plan. The page's forms hand over what the user typed
 * (text); the rules of what it means live here, money parsed exactly (never as a float).
 */
import { dayFromIso } from '../day.ts';
import { centsFromDecimalString, type Cents } from '../money.ts';
import type { Channel, CustomerSettings, Instalment, LoggedStep, Policy, Regime, Status, StatusEntry, Workspace } from './workspace.ts';

/** "1 234,56", "1234.56", "1 234,56 €" → cents; null when it is not an amount. */
export function parseTypedCents(text: string): Cents | null {
  const plain = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (plain === '' || /[^0-9.+-]/.test(plain)) return null;
  return centsFromDecimalString(plain)?.cents ?? null;
}

/** A percentage typed by the user ("12,15") → basis points (1215); null when unreadable or out of 0–100 %. */
export function parsePercentBp(text: string): number | null {
  const c = parseTypedCents(text);
  return c === null || c < 0 || c > 10000 ? null : c;
}

/** Lines "YYYY-MM-DD amount [YYYY-MM-DD paid on]" → instalments; unreadable lines are dropped. */
export function parsePlan(text: string): Instalment[] {
  const out: Instalment[] = [];
  for (const line of text.split('\n')) {
    const [due, amount, paidOn] = line.trim().split(/\s+/);
    if (!due || dayFromIso(due) === null || !amount) continue;
    const cents = parseTypedCents(amount);
    if (cents === null || cents <= 0) continue;
    out.push({ due, amountCents: cents, ...(paidOn && dayFromIso(paidOn) !== null ? { paidOn } : {}) });
  }
  return out;
}

/** A plan's instalments as the lines `parsePlan` reads. */
export function planText(instalments: readonly Instalment[]): string {
  return instalments.map((x) => `${x.due} ${(x.amountCents / 100).toFixed(2)}${x.paidOn ? ` ${x.paidOn}` : ''}`).join('\n');
}

export type SentForm = { readonly date: string; readonly channel: Channel; readonly note: string; readonly lrar: string };

/** Records that a step was done for a customer (the action's invoices and claim), at the date typed. */
export function recordStep(workspace: Workspace, action: { readonly customerId: string; readonly step: LoggedStep; readonly invoices: readonly string[]; readonly amountCents: number }, form: SentForm): Workspace {
  const entry = {
    id: `${action.customerId}|${action.step}|${form.date}|${workspace.history.length}`,
    customerId: action.customerId,
    step: action.step,
    date: form.date,
    channel: form.channel,
    note: form.note,
    ...(form.lrar.trim() !== '' ? { lrar: form.lrar.trim() } : {}),
    invoices: [...action.invoices],
    amountCents: action.amountCents,
  };
  return { ...workspace, history: [...workspace.history, entry] };
}

/** The same step recorded for several customers' actions at once (steps already sent outside Relance). */
export function recordSteps(workspace: Workspace, actions: readonly { readonly customerId: string; readonly invoices: readonly string[]; readonly amountCents: number }[], step: LoggedStep, form: SentForm): Workspace {
  return actions.reduce((w, a) => recordStep(w, { ...a, step }, form), workspace);
}

export type StatusForm = {
  /** 'none': only the customer's settings (address, regime, terms…) change; no status is set. */
  readonly kind: Status['kind'] | 'none';
  /** '' = every invoice of the customer. */
  readonly invoice: string;
  readonly until: string;
  readonly note: string;
  readonly plan: string;
  readonly opening: string;
  readonly bodacc: string;
  readonly mandataire: string;
  readonly regime: Regime;
  readonly rate: string;
  readonly address: string;
  readonly siren: string;
  readonly terms: string;
};

/** The form's fields for a customer, from what the workspace holds. */
export function statusFormOf(workspace: Workspace, customerId: string, asOf: string): StatusForm {
  const settings = workspace.customers.find((c) => c.customerId === customerId);
  const existing = workspace.statuses.find((s) => s.customerId === customerId && s.invoiceNumber === null)?.status;
  return {
    kind: existing?.kind ?? 'none',
    invoice: '',
    until: asOf,
    note: '',
    plan: existing?.kind === 'plan' ? planText(existing.instalments) : '',
    opening: asOf,
    bodacc: asOf,
    mandataire: existing?.kind === 'collective' ? (existing.mandataire ?? '') : '',
    regime: settings?.regime ?? 'b2b',
    rate: settings?.contractualRateBp !== undefined ? String(settings.contractualRateBp / 100) : '',
    address: settings?.address ?? '',
    siren: settings?.siren ?? '',
    terms: settings?.termsDays !== undefined ? String(settings.termsDays) : '',
  };
}

/** Sets a customer's status (on one invoice or all) and its settings (regime, rate, address, SIREN, terms). */
export function setCustomerStatus(workspace: Workspace, customerId: string, f: StatusForm, asOf: string): Workspace {
  const settings = customerSettingsOf(customerId, f);
  const customers = [...workspace.customers.filter((c) => c.customerId !== customerId), settings];
  if (f.kind === 'none') return { ...workspace, customers };
  const status: Status =
    f.kind === 'plan'
      ? { kind: 'plan', since: asOf, note: f.note, instalments: parsePlan(f.plan) }
      : f.kind === 'promise'
        ? { kind: 'promise', since: asOf, until: f.until, note: f.note }
        : f.kind === 'collective'
          ? { kind: 'collective', since: asOf, openingDate: f.opening, bodaccDate: f.bodacc, note: f.note, ...(f.mandataire.trim() ? { mandataire: f.mandataire.trim() } : {}) }
          : f.kind === 'doNotChase'
            ? { kind: 'doNotChase', since: asOf, note: f.note }
            : { kind: 'disputed', since: asOf, note: f.note };
  const invoiceNumber = f.invoice === '' ? null : f.invoice;
  const entry: StatusEntry = { id: `${customerId}|${invoiceNumber ?? '*'}|${asOf}|${f.kind}`, customerId, invoiceNumber, status };
  return {
    ...workspace,
    customers,
    statuses: [...workspace.statuses.filter((s) => !(s.customerId === customerId && s.invoiceNumber === invoiceNumber)), entry],
  };
}

/** The customer's settings as the form gives them (regime, contractual rate, address, SIREN, terms). */
function customerSettingsOf(customerId: string, f: StatusForm): CustomerSettings {
  const rateBp = f.rate.trim() === '' ? null : parsePercentBp(f.rate);
  const terms = f.terms.trim();
  return {
    customerId,
    regime: f.regime,
    ...(rateBp !== null ? { contractualRateBp: rateBp } : {}),
    ...(f.address.trim() ? { address: f.address.trim() } : {}),
    ...(f.siren.trim() ? { siren: f.siren.trim() } : {}),
    ...(/^\d{1,4}$/.test(terms) && Number(terms) <= 3650 ? { termsDays: Number(terms) } : {}),
  };
}

/** The ECB rate the user typed for a half-year missing from the table ("4,15" → 415 bp); null if unreadable. */
export function setUserRate(workspace: Workspace, halfYear: string, text: string): Workspace | null {
  const bp = parsePercentBp(text);
  return bp === null ? null : { ...workspace, userMroBp: { ...workspace.userMroBp, [halfYear]: bp } };
}

/** Longest delay a policy may hold, in days (ten years: beyond it a figure is a typing error). */
export const MAX_POLICY_DAYS = 3650;

export type PolicyProblem = { readonly code: 'NoStep' | 'DaysOutOfRange' | 'StepsOutOfOrder' | 'CourtesyOutOfRange'; readonly step: string };

/** What is wrong with a policy the user edited: nothing saved while this is not empty. */
export function policyProblems(policy: Policy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  if (policy.steps.length === 0) out.push({ code: 'NoStep', step: '' });
  const inRange = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_POLICY_DAYS;
  let previous = -1;
  for (const s of policy.steps) {
    if (!inRange(s.daysAfterDue) || !inRange(s.minDaysSincePrevious) || (s.deadlineDays !== undefined && !inRange(s.deadlineDays))) out.push({ code: 'DaysOutOfRange', step: s.name });
    else if (s.daysAfterDue < previous) out.push({ code: 'StepsOutOfOrder', step: s.name });
    if (inRange(s.daysAfterDue)) previous = s.daysAfterDue;
  }
  const c = policy.courtesyDaysBefore;
  if (c !== null && !(Number.isInteger(c) && c >= 0 && c <= 60)) out.push({ code: 'CourtesyOutOfRange', step: '' });
  return out;
}
