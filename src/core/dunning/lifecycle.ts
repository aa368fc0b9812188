/**
 * The reform's lifecycle statuses (issue 18): what a plateforme agréée says of each invoice, applied
 * to the dunning. 212 Encaissée: paid in full on that date (recorded like a bank payment, so every
 * figure sees it); 210 Refusée: out of dunning, a credit note expected; 207 En litige and 208
 * Suspendue: disputed. The other statuses (deposited, received, approved…) change nothing.
 */
import { dayFromIso, type Day } from '../day.ts';
import { openAt, type Invoice, type Ledger } from '../ledger.ts';
import type { BankPayment, StatusEntry, Workspace } from './workspace.ts';

export type LifecycleEffect = 'paid' | 'refused' | 'disputed' | 'suspended' | 'none';

/** Codes of the reform's lifecycle (norme XP Z12-012 / CDAR), with their French labels. */
export const LIFECYCLE: Readonly<Record<string, { readonly label: string; readonly effect: LifecycleEffect }>> = {
  '200': { label: 'Déposée', effect: 'none' },
  '201': { label: 'Émise par la plateforme', effect: 'none' },
  '202': { label: 'Reçue par la plateforme', effect: 'none' },
  '203': { label: 'Mise à disposition', effect: 'none' },
  '204': { label: 'Prise en charge', effect: 'none' },
  '205': { label: 'Approuvée', effect: 'none' },
  '206': { label: 'Approuvée partiellement', effect: 'none' },
  '207': { label: 'En litige', effect: 'disputed' },
  '208': { label: 'Suspendue', effect: 'suspended' },
  '209': { label: 'Complétée', effect: 'none' },
  '210': { label: 'Refusée', effect: 'refused' },
  '211': { label: 'Paiement transmis', effect: 'none' },
  '212': { label: 'Encaissée', effect: 'paid' },
  '213': { label: 'Rejetée', effect: 'none' },
};

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

/** The status code of a cell: the code itself ("212"), a label ("Encaissée", "encaissee") or "212 - Encaissée". */
export function lifecycleCode(text: string): string | null {
  const code = /\b(2\d\d)\b/.exec(text)?.[1];
  if (code && LIFECYCLE[code]) return code;
  const t = fold(text);
  for (const [c, v] of Object.entries(LIFECYCLE)) if (fold(v.label) === t) return c;
  const english: Record<string, string> = { deposited: '200', issued: '201', received: '202', 'made available': '203', 'in hand': '204', approved: '205', 'partially approved': '206', disputed: '207', suspended: '208', completed: '209', refused: '210', 'payment sent': '211', paid: '212', collected: '212', rejected: '213' };
  return english[t] ?? null;
}

export type LifecycleEntry = { readonly invoice: string; readonly code: string; readonly date: string; readonly row: number };

export type ResolvedStatus = {
  readonly invoice: string;
  readonly customerId: string;
  readonly code: string;
  readonly label: string;
  readonly effect: LifecycleEffect;
  readonly date: string;
  /** Paid: what the invoice still owed before that date. */
  readonly amountCents: number;
};

export type LifecycleResult = {
  /** The latest status of each invoice the ledger has. */
  readonly statuses: readonly ResolvedStatus[];
  /** Invoice numbers the ledger does not have. */
  readonly unknown: readonly string[];
};

/** Each invoice's latest status (by date, then by the file's order), matched to the ledger's invoices. */
export function resolveLifecycle(ledger: Ledger, entries: readonly LifecycleEntry[]): LifecycleResult {
  const latest = new Map<string, LifecycleEntry>();
  for (const e of entries) {
    const prev = latest.get(e.invoice);
    if (!prev || e.date >= prev.date) latest.set(e.invoice, e);
  }
  const byNumber = new Map<string, Invoice>();
  for (const inv of ledger.invoices) if (inv.kind === 'invoice' && !byNumber.has(inv.number)) byNumber.set(inv.number, inv);
  const statuses: ResolvedStatus[] = [];
  const unknown: string[] = [];
  for (const e of latest.values()) {
    const inv = byNumber.get(e.invoice);
    if (!inv) {
      unknown.push(e.invoice);
      continue;
    }
    const info = LIFECYCLE[e.code] ?? { label: e.code, effect: 'none' as const };
    const day = dayFromIso(e.date);
    statuses.push({ invoice: e.invoice, customerId: inv.customerId, code: e.code, label: info.label, effect: info.effect, date: e.date, amountCents: day === null ? 0 : Math.max(0, openAt(inv, (day - 1) as Day)) });
  }
  statuses.sort((a, b) => (a.invoice < b.invoice ? -1 : a.invoice > b.invoice ? 1 : 0));
  return { statuses, unknown: unknown.sort() };
}

/**
 * The workspace with the statuses applied: Encaissée as a payment (its own record, undoable like a
 * bank match), Refusée as "do not chase" on the invoice, En litige / Suspendue as a dispute on it.
 * Applying the same file again changes nothing.
 */
export function recordLifecycle(workspace: Workspace, statuses: readonly ResolvedStatus[], fileName: string): Workspace {
  const payments: BankPayment[] = [...(workspace.bankPayments ?? [])];
  const known = new Set(payments.map((p) => p.id));
  let entries: StatusEntry[] = [...workspace.statuses];
  for (const s of statuses) {
    if (s.effect === 'paid') {
      const id = `platform|${s.invoice}|${s.date}`;
      if (s.amountCents > 0 && !known.has(id)) {
        payments.push({ id, customerId: s.customerId, invoiceNumber: s.invoice, amountCents: s.amountCents, date: s.date, file: fileName, lineId: `platform:${s.invoice}:${s.date}`, label: `${s.code} ${s.label}`, reason: 'lifecycle' });
        known.add(id);
      }
    } else if (s.effect !== 'none') {
      const note = s.effect === 'refused' ? `Statut plateforme ${s.code} ${s.label} : facture refusée, un avoir est attendu` : `Statut plateforme ${s.code} ${s.label}`;
      const status: StatusEntry['status'] = s.effect === 'refused' ? { kind: 'doNotChase', since: s.date, note } : { kind: 'disputed', since: s.date, note };
      entries = [...entries.filter((e) => !(e.customerId === s.customerId && e.invoiceNumber === s.invoice)), { id: `${s.customerId}|${s.invoice}|${s.date}|platform-${s.code}`, customerId: s.customerId, invoiceNumber: s.invoice, status }];
    }
  }
  return { ...workspace, bankPayments: payments, statuses: entries };
}
