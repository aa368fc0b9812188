/**
 * Accepting and undoing bank matches in the workspace (issue 17): the page and the CLI record the
 * proposals the user accepted as BankPayments (one per invoice paid), and undo them per statement line.
 */
import { isoOf } from '../day.ts';
import type { BankPayment, Workspace } from '../dunning/workspace.ts';
import type { Proposal } from './match.ts';

export function bankPaymentsOf(proposal: Proposal, fileName: string): BankPayment[] {
  return proposal.allocations.map((a) => ({
    id: `${proposal.line.id}|${a.invoice}`,
    customerId: proposal.customerId,
    invoiceNumber: a.invoice,
    amountCents: a.amountCents,
    date: isoOf(proposal.line.date),
    file: fileName,
    lineId: proposal.line.id,
    label: [proposal.line.payer, proposal.line.label, proposal.line.remittance].filter((x) => x !== '').join(' — ').slice(0, 300),
    reason: proposal.reason,
  }));
}

/** The workspace with these proposals' payments recorded (a line already recorded is not recorded twice). */
export function recordBankPayments(workspace: Workspace, proposals: readonly Proposal[], fileName: string): Workspace {
  const known = new Set((workspace.bankPayments ?? []).map((p) => p.lineId));
  const added = proposals.filter((p) => !known.has(p.line.id)).flatMap((p) => bankPaymentsOf(p, fileName));
  if (added.length === 0) return workspace;
  return { ...workspace, bankPayments: [...(workspace.bankPayments ?? []), ...added] };
}

/** The workspace without the payments recorded from one statement line. */
export function undoBankLine(workspace: Workspace, lineId: string): Workspace {
  const kept = (workspace.bankPayments ?? []).filter((p) => p.lineId !== lineId);
  if (kept.length === (workspace.bankPayments ?? []).length) return workspace;
  return { ...workspace, bankPayments: kept };
}
