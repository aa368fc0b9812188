/**
 * Accepted bank payments applied to the ledger when the figures are computed (issue 17): each
 * becomes a dated payment on its invoice (customer and number), so the aged balance, the worklist,
 * the penalties (interest stops at the bank date) and the letters see it without a new import. A
 * payment is capped at what the invoice still owes in the ledger: a newer export that already shows
 * it paid is not paid twice (the payment is then counted as already in the ledger).
 */
import { dayFromIso } from '../day.ts';
import type { BankPayment } from '../dunning/workspace.ts';
import type { Invoice, Ledger, Payment } from '../ledger.ts';
import type { Cents } from '../money.ts';

export type BankApplied = {
  readonly ledger: Ledger;
  /** Payments applied, in part or in full. */
  readonly applied: number;
  /** Payments whose invoice the ledger no longer has, or already shows paid. */
  readonly notApplied: readonly BankPayment[];
  /** Among them, those whose invoice (customer and number) the ledger does not have at all: said to the user, never silently dropped. */
  readonly missing: number;
};

const cache = new WeakMap<Ledger, { payments: readonly BankPayment[]; result: BankApplied }>();

export function withBankPayments(ledger: Ledger, payments: readonly BankPayment[] | undefined): BankApplied {
  if (!payments || payments.length === 0) return { ledger, applied: 0, notApplied: [], missing: 0 };
  const hit = cache.get(ledger);
  if (hit && hit.payments === payments) return hit.result;
  const byKey = new Map<string, number[]>();
  ledger.invoices.forEach((inv, i) => {
    if (inv.kind !== 'invoice') return;
    const key = `${inv.customerId}\u0000${inv.number}`;
    let l = byKey.get(key);
    if (!l) byKey.set(key, (l = []));
    l.push(i);
  });
  const extra = new Map<number, Payment[]>();
  const left = new Map<number, number>();
  const notApplied: BankPayment[] = [];
  let applied = 0;
  let missing = 0;
  for (const p of payments) {
    const day = dayFromIso(p.date);
    const candidates = byKey.get(`${p.customerId}\u0000${p.invoiceNumber}`) ?? [];
    if (candidates.length === 0) missing++;
    let rest = p.amountCents;
    for (const i of candidates) {
      if (rest <= 0 || day === null) break;
      const inv = ledger.invoices[i] as Invoice;
      if (!left.has(i)) left.set(i, inv.amount - inv.payments.reduce((s, x) => s + x.amount, 0));
      const owed = left.get(i) as number;
      const part = Math.min(rest, owed);
      if (part <= 0) continue;
      left.set(i, owed - part);
      rest -= part;
      let list = extra.get(i);
      if (!list) extra.set(i, (list = []));
      list.push({ day, amount: part as Cents });
    }
    if (rest < p.amountCents) applied++;
    else notApplied.push(p);
  }
  const invoices = ledger.invoices.map((inv, i) => {
    const more = extra.get(i);
    return more ? { ...inv, payments: [...inv.payments, ...more] } : inv;
  });
  const result = { ledger: { ...ledger, invoices }, applied, notApplied, missing };
  cache.set(ledger, { payments, result });
  return result;
}
