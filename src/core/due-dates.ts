/**
 * Payment terms applied at analysis time, not baked in at import: an invoice whose file gave no due
 * date gets `issued + terms`, with the terms the file gave for it (a "Net 45" column) first, then the
 * customer's own terms from the workspace, then the default (30 days, L. 441-10 I). Changing the
 * terms therefore recomputes every figure without reading the file again.
 */
import { addDays, type Day } from './day.ts';
import { invoiceAt, lazyLedger, ledgerColumns, ledgerFields, type Invoice, type Ledger, type LedgerColumns } from './ledger.ts';

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
  // On the columns: a ledger kept as columns first makes no object here.
  const c = ledgerColumns(ledger);
  let derivedCount = 0;
  let customerTermsCount = 0;
  let due: Int32Array | null = null;
  const own = terms.customerDays ?? {};
  for (let i = 0; i < c.count; i++) {
    if (c.termsDerived[i] === 0) continue;
    const id = c.customerIds[c.customer[i] as number] as string;
    const custom = Object.hasOwn(own, id) ? own[id] : undefined;
    derivedCount++;
    if (custom !== undefined) customerTermsCount++;
    const d = addDays(c.issued[i] as Day, custom ?? terms.defaultDays);
    if (d === c.due[i]) continue;
    due ??= c.due.slice();
    due[i] = d;
  }
  const result: TermsApplied = { ledger: due === null ? ledger : withDueDates(ledger, c, due), derivedCount, customerTermsCount };
  cache.set(ledger, { key, result });
  return result;
}

/** The ledger with the due dates of `due` (the columns' own elsewhere), itself kept as columns first. */
function withDueDates(ledger: Ledger, c: LedgerColumns, due: Int32Array): Ledger {
  const moved = (inv: Invoice, i: number): Invoice => (due[i] === c.due[i] ? inv : { ...inv, due: due[i] as Day });
  return lazyLedger(
    ledgerFields(ledger),
    { ...c, due },
    () => ledger.invoices.map(moved),
    (i) => moved(invoiceAt(ledger, i), i),
  );
}
