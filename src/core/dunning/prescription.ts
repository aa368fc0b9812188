/**
 * Prescription countdown (domain-fr §7): 5 years between traders (C. com. L110-4), 2 years for a
 * professional against a consumer (C. consom. L218-2), from the due date. Only a court action,
 * an enforcement act or the debtor's acknowledgment interrupts it; a mise en demeure does not.
 * And payment terms beyond the legal caps (domain-fr §2.1) flagged, without changing the due date.
 */
import { addDays, addMonths, endOfMonth, type Day } from '../day.ts';
import type { Invoice } from '../ledger.ts';
import type { Regime } from './workspace.ts';

export type PrescriptionAlert = 'expired' | 'oneMonth' | 'sixMonths' | null;

export type PrescriptionInfo = { readonly expires: Day; readonly daysLeft: number; readonly alert: PrescriptionAlert };

/** The last day the claim can be brought to court, counted from the due date (or an interruption). */
export function prescription(inv: Invoice, regime: Regime, asOf: Day, interruptedOn: Day | null = null): PrescriptionInfo | null {
  const start = interruptedOn ?? inv.due;
  return start === null ? null : prescriptionFrom(start, regime, asOf);
}

/** The day a claim running from `start` expires, by start and length (a ledger's items share a few thousand due dates). */
const expiries = new Map<number, Day>();

/** The same from the day it runs from (the due date, or an interruption): what the ledger's columns tell. */
export function prescriptionFrom(start: Day, regime: Regime, asOf: Day): PrescriptionInfo {
  const months = regime === 'b2c' ? 24 : 60;
  const memo = start * 2 + (months === 24 ? 1 : 0);
  let expires = expiries.get(memo);
  if (expires === undefined) {
    if (expiries.size >= 100_000) expiries.clear();
    expires = addMonths(start, months);
    expiries.set(memo, expires);
  }
  const daysLeft = expires - asOf;
  const alert: PrescriptionAlert = daysLeft < 0 ? 'expired' : daysLeft <= 31 ? 'oneMonth' : daysLeft <= 183 ? 'sixMonths' : null;
  return { expires, daysLeft, alert };
}

/**
 * True when the printed due date lies beyond every legal cap: 60 days from the invoice date and
 * 45 days end of month (both ways of counting it).
 */
export function exceedsLegalTerms(inv: Invoice): boolean {
  return inv.issued !== null && inv.due !== null && !inv.isDueDerived && isBeyondLegalCaps(inv.issued, inv.due);
}

/** Whether a due date lies beyond every legal cap from its invoice's date (exceedsLegalTerms without the item). */
export function isBeyondLegalCaps(issued: Day, due: Day): boolean {
  // Within 60 days it is within the first cap: the month ends need not be found (most items).
  return due > addDays(issued, 60) && due > Math.max(addDays(endOfMonth(issued), 45), endOfMonth(addDays(issued, 45)));
}
