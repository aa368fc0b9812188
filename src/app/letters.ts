/**
 * The letters of today's actions, built from the same plan as the worklist: the claim's invoices and
 * the credits it deducts, the policy's deadline for the step, the instalments of a payment plan.
 * The page's PDF worker and the CLI both render what this returns.
 */
import { buildLetter, dayFromIso, dunningPlan, openAt, refusalOf, testSheet, type Action, type Cents, type CustomerSettings, type Day, type LetterKind, type LetterModel, type Ledger, type Refusal, type TestSheetModel, type Workspace } from '../core/index.ts';
import type { Settings } from './settings.ts';
import type { ActionFilter } from './views.ts';
import { DOCUMENT_OF_STEP, matchesFilter } from './worklist.ts';

export type LetterRequest = {
  /** The customers whose action's letter is wanted. */
  readonly customerIds?: readonly string[];
  /** Every action matching the filter that calls for a letter (besides `customerIds`). */
  readonly all?: ActionFilter;
  /** Another document than the step's own (e.g. 'echeancier'). */
  readonly kind?: LetterKind;
  /** The registered-mail number printed on a mise en demeure. */
  readonly lrar?: string;
  /**
   * With `all`: the court packs (working documents, no address in the window) instead of the letters
   * that go in the post. "Print all" never mixes them.
   */
  readonly packs?: boolean;
};

/** The documents made, and those refused with what they lack (the creditor's identity, the debtor's address). */
export type Letters = { readonly models: LetterModel[]; readonly refused: Refusal[] };

/** Working documents: never in the batch that goes in the post. */
const WORKING: readonly LetterKind[] = ['injonction_de_payer'];

/** The letter of one action under the settings. */
export function letterOf(ledger: Ledger, settings: Settings, action: Action, kind: LetterKind, lrar?: string): LetterModel {
  const { workspace, asOf, lang } = settings;
  const customer = ledger.customers.find((c) => c.id === action.customerId) ?? { id: action.customerId, code: null, name: action.customerId };
  const deadline = workspace.policy.steps.find((s) => s.id === action.step)?.deadlineDays;
  const plan = workspace.statuses.find((s) => s.customerId === action.customerId && s.status.kind === 'plan')?.status;
  const instalments: { due: Day; cents: Cents }[] = [];
  if (plan && plan.kind === 'plan') {
    for (const x of plan.instalments) {
      const due = dayFromIso(x.due);
      if (!x.paidOn && due !== null) instalments.push({ due, cents: x.amountCents as Cents });
    }
  }
  return buildLetter({
    kind,
    lang,
    customer,
    // The credits are listed and deducted: the letter asks for the claim.
    invoices: [...action.invoices, ...action.credits],
    asOf,
    workspace,
    currency: ledger.currency,
    ...(lrar ? { lrar } : {}),
    ...(deadline !== undefined ? { deadlineDays: deadline } : {}),
    ...(instalments.length > 0 ? { instalments } : {}),
  });
}

/**
 * The workspace the letters are made with: the customers' postal addresses and SIRENs the file itself
 * gave (e-invoices carry the buyer's) added where the workspace has none; what the user typed wins.
 */
export function withLedgerContacts(workspace: Workspace, ledger: Ledger): Workspace {
  const known = new Map(workspace.customers.map((c) => [c.customerId, c]));
  let changed = false;
  const customers: CustomerSettings[] = [...workspace.customers];
  for (const c of ledger.customers) {
    if (c.address === undefined && c.siren === undefined) continue;
    const own = known.get(c.id);
    const address = own?.address?.trim() ? own.address : c.address;
    const siren = own?.siren?.trim() ? own.siren : c.siren;
    if (address === own?.address && siren === own?.siren) continue;
    const merged: CustomerSettings = { ...(own ?? { customerId: c.id, regime: 'b2b' }), ...(address !== undefined ? { address } : {}), ...(siren !== undefined ? { siren } : {}) };
    if (own) customers[customers.indexOf(own)] = merged;
    else customers.push(merged);
    changed = true;
  }
  return changed ? { ...workspace, customers } : workspace;
}

/** The letters asked for, in the plan's order (by customer id), and those that may not leave yet. */
export function letters(ledger: Ledger, given: Settings, request: LetterRequest): Letters {
  const settings = { ...given, workspace: withLedgerContacts(given.workspace, ledger) };
  const wanted = new Set(request.customerIds ?? []);
  const models: LetterModel[] = [];
  const refused: Refusal[] = [];
  const names = new Map(ledger.customers.map((c) => [c.id, c.name]));
  for (const a of dunningPlan(ledger, settings.asOf, settings.workspace).actions) {
    const own = DOCUMENT_OF_STEP[a.step];
    const inBatch = request.all !== undefined && own !== undefined && matchesFilter(a, request.all) && WORKING.includes(own) === (request.packs === true);
    const kind = request.kind ?? own;
    if (!(wanted.has(a.customerId) || inBatch) || kind === undefined) continue;
    const refusal = refusalOf(kind, a.channel, { id: a.customerId, name: names.get(a.customerId) ?? a.customerId }, settings.workspace);
    if (refusal) refused.push(refusal);
    else models.push(letterOf(ledger, settings, a, kind, request.lrar));
  }
  return { models, refused };
}

/**
 * Relevés de compte (statements of account) of these customers (all customers with open items when
 * `customerIds` is empty), in customer order; those that may not leave yet (the sender's identity,
 * the customer's postal address) are refused with what they lack.
 */
export function statements(ledger: Ledger, given: Settings, customerIds: readonly string[]): Letters {
  const settings = { ...given, workspace: withLedgerContacts(given.workspace, ledger) };
  const { asOf, lang, workspace } = settings;
  const byCustomer = new Map<string, Ledger['invoices'][number][]>();
  for (const inv of ledger.invoices) {
    if (inv.issued !== null && inv.issued > asOf) continue;
    let l = byCustomer.get(inv.customerId);
    if (!l) byCustomer.set(inv.customerId, (l = []));
    l.push(inv);
  }
  const ids = customerIds.length > 0 ? customerIds : [...byCustomer.keys()].sort();
  const models: LetterModel[] = [];
  const refused: Refusal[] = [];
  for (const id of ids) {
    const items = byCustomer.get(id) ?? [];
    if (!items.some((i) => openAt(i, asOf) !== 0)) continue;
    const customer = ledger.customers.find((c) => c.id === id) ?? { id, code: null, name: id };
    const refusal = refusalOf('releve', 'letter', customer, workspace);
    if (refusal) {
      refused.push(refusal);
      continue;
    }
    models.push(buildLetter({ kind: 'releve', lang, customer, invoices: items, received: items, asOf, workspace, currency: ledger.currency }));
  }
  return { models, refused };
}

/** The envelope test sheet of the sender's profile, in the settings' language (no ledger needed). */
export function envelopeTestSheet(settings: Settings): TestSheetModel {
  return testSheet(settings.workspace.profile, settings.lang);
}
