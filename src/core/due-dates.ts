/**
 * Payment terms applied at analysis time, not baked in at import: an invoice whose file gave no due
 * date gets `issued + terms`, with the terms the file gave for it (a "Net 45" column) first, then the
 * customer's own terms from the workspace, then the default (30 days, L. 441-10 I). Changing the
 * terms therefore recomputes every figure without reading the file again.
 */
import { addDays, type Day } from './day.ts';
import type { Invoice, Ledger } from './ledger.ts';

export type PaymentTerms = {
  /** Days after the invoice date when nothing else says (L. 441-10 I: 30 days). */
  readonly defaultDays: number;
  /** Customer id → days, from the workspace. */
  readonly customerDays?: Readonly<Record<string, number>>;
};

export const DEFAULT_TERMS_DAYS = 30;

export type TermsApplied = {
  readonly ledger: Ledger;
  /** Invoices whose due date was derived with these terms (not with the file's own). */
  readonly derivedCount: number;
  /** Among them, those that took a customer's own terms. */
  readonly customerTermsCount: number;
};

const cache = new WeakMap<Ledger, { key: string; result: TermsApplied }>();

/** The ledger with derived due dates recomputed from `terms`; the same ledger object when nothing changes. */
export function applyTerms(ledger: Ledger, terms: PaymentTerms): TermsApplied {
  const key = JSON.stringify([terms.defaultDays, terms.customerDays ?? {}]);
  const hit = cache.get(ledger);
  if (hit && hit.key === key) return hit.result;
  let derivedCount = 0;
  let customerTermsCount = 0;
  let changed = false;
  const own = terms.customerDays ?? {};
  const invoices = ledger.invoices.map((inv): Invoice => {
    if (!inv.isDueDerived || inv.issued === null || inv.fileTermsDays !== undefined) return inv;
    const custom = Object.hasOwn(own, inv.customerId) ? own[inv.customerId] : undefined;
    const days = custom ?? terms.defaultDays;
    derivedCount++;
    if (custom !== undefined) customerTermsCount++;
    const due = addDays(inv.issued, days) as Day;
    if (due === inv.due) return inv;
    changed = true;
    return { ...inv, due };
  });
  const result: TermsApplied = { ledger: changed ? { ...ledger, invoices } : ledger, derivedCount, customerTermsCount };
  cache.set(ledger, { key, result });
  return result;
}
