/**
 * Penalties of one invoice with the customer's settings of the workspace applied: regime (B2B,
 * B2C, public buyer), contractual rate, the mise en demeure date (B2C interest runs from it), a
 * collective procedure (interest stops at the opening judgment) and the rates the user typed.
 */
import { dayFromIso, type Day } from '../day.ts';
import type { Invoice } from '../ledger.ts';
import { lateInterest, type InvoicePenalty, type PenaltyOptions, type PenaltyWarning } from '../penalties.ts';
import type { Regime, Workspace } from './workspace.ts';

export function regimeOf(customerId: string, workspace: Workspace | undefined): Regime {
  return workspace?.customers.find((c) => c.customerId === customerId)?.regime ?? 'b2b';
}

/** The rates the user typed, as a map, once per workspace (a worklist asks for every claimed invoice). */
const userMros = new WeakMap<Workspace, ReadonlyMap<string, number>>();
function userMroOf(workspace: Workspace): ReadonlyMap<string, number> {
  let m = userMros.get(workspace);
  if (m === undefined) {
    m = new Map(Object.entries(workspace.userMroBp));
    userMros.set(workspace, m);
  }
  return m;
}

/** `withoutPieces`: the totals and warnings only (PenaltyOptions.withoutPieces). */
export function invoicePenalty(inv: Invoice, asOf: Day, workspace?: Workspace, withoutPieces = false): InvoicePenalty {
  const settings = workspace?.customers.find((c) => c.customerId === inv.customerId);
  const regime = settings?.regime ?? 'b2b';
  let stopAt: Day | undefined;
  let interestFrom: Day | undefined;
  for (const s of workspace?.statuses ?? []) {
    if (s.customerId !== inv.customerId || s.status.kind !== 'collective') continue;
    if (s.invoiceNumber !== null && s.invoiceNumber !== inv.number) continue;
    stopAt = dayFromIso(s.status.openingDate) ?? undefined;
  }
  if (regime === 'b2c') {
    for (const h of workspace?.history ?? []) {
      const day = dayFromIso(h.date);
      if (h.customerId === inv.customerId && h.step === 'mise_en_demeure' && day !== null && day <= asOf && (h.invoices.length === 0 || h.invoices.includes(inv.number))) {
        if (interestFrom === undefined || day < interestFrom) interestFrom = day;
      }
    }
  }
  const userMro = workspace ? userMroOf(workspace) : undefined;
  // Set one by one (no object spread per invoice: a worklist asks for every claimed one).
  const options: { -readonly [K in keyof PenaltyOptions]: PenaltyOptions[K] } = { asOf, regime };
  if (settings?.contractualRateBp !== undefined && regime === 'b2b') options.contractualRateBp = settings.contractualRateBp;
  if (interestFrom !== undefined) options.interestFrom = interestFrom;
  if (stopAt !== undefined) options.stopAt = stopAt;
  if (userMro && userMro.size > 0) options.userMroBp = userMro;
  if (workspace?.dayCount) options.dayCount = workspace.dayCount;
  if (withoutPieces) options.withoutPieces = true;
  return lateInterest(inv, options);
}

/** Σ interest and Σ €40 over invoices, with every rate warning met on the way. */
export function penaltyTotals(invoices: readonly Invoice[], asOf: Day, workspace?: Workspace): { interestCents: number; indemnityCents: number; warnings: PenaltyWarning[] } {
  let interestCents = 0;
  let indemnityCents = 0;
  const warnings: PenaltyWarning[] = [];
  for (const inv of invoices) {
    const p = invoicePenalty(inv, asOf, workspace, true);
    interestCents += p.interestCents;
    indemnityCents += p.indemnityCents;
    warnings.push(...p.warnings);
  }
  return { interestCents, indemnityCents, warnings };
}
