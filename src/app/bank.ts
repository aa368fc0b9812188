/**
 * The bank statement against the ledger (issue 17): the proposals of core/bank/match.ts for the
 * session's ledger under the settings (payments already accepted applied, their lines left out), as
 * the page shows them and the CLI prints them, and the reconciliation summary of the audit report.
 */
import { AUTO_ACCEPT, customerNames, isoOf, matchStatement, type Ledger, type Proposal, type Statement } from '../core/index.ts';
import type { Settings } from './settings.ts';

export type BankView = {
  readonly fileName: string;
  readonly format: Statement['format'];
  readonly account: string;
  readonly linesRead: number;
  readonly creditCount: number;
  readonly creditCents: number;
  readonly debitCount: number;
  readonly refused: Statement['refused'];
  readonly alreadyApplied: number;
  /** Largest confidence first, then date. */
  readonly proposals: readonly (Proposal & { readonly customerName: string })[];
  readonly unmatched: readonly { readonly id: string; readonly date: string; readonly amountCents: number; readonly label: string; readonly payer: string }[];
  readonly matchedCents: number;
  readonly unmatchedCents: number;
  readonly autoAccept: number;
  /** CSV and spreadsheet statements: the columns as read, for the mapping panel. */
  readonly columns: Statement['columns'] | null;
};

export function bankView(ledger: Ledger, settings: Settings, statement: Statement): BankView {
  const applied = new Set((settings.workspace.bankPayments ?? []).map((p) => p.lineId));
  const result = matchStatement(ledger, settings.asOf, statement.lines, { applied });
  const names = customerNames(ledger);
  const credits = statement.lines.filter((l) => l.amountCents > 0);
  return {
    fileName: statement.fileName,
    format: statement.format,
    account: statement.account,
    linesRead: statement.lines.length,
    creditCount: credits.length,
    creditCents: credits.reduce((s, l) => s + l.amountCents, 0),
    debitCount: result.debitCount,
    refused: statement.refused.slice(0, 200),
    alreadyApplied: result.alreadyApplied,
    proposals: [...result.proposals].map((p) => ({ ...p, customerName: names.get(p.customerId) ?? p.customerId })).sort((a, b) => b.confidence - a.confidence || a.line.date - b.line.date || a.line.row - b.line.row),
    unmatched: result.unmatched.map((l) => ({ id: l.id, date: isoOf(l.date), amountCents: l.amountCents, label: l.label, payer: l.payer })),
    matchedCents: result.proposals.reduce((s, p) => s + p.allocations.reduce((t, a) => t + a.amountCents, 0), 0),
    unmatchedCents: result.unmatched.reduce((s, l) => s + l.amountCents, 0),
    autoAccept: AUTO_ACCEPT,
    columns: statement.columns ?? null,
  };
}

/** The CLI's `match --json` (issue 17's contract). */
export function matchJson(view: BankView): unknown {
  return view.proposals.map((p) => ({
    line: p.line.id,
    date: isoOf(p.line.date),
    amountCents: p.line.amountCents,
    invoices: p.allocations.map((a) => a.invoice),
    customer: p.customerId,
    reason: p.reason,
    confidence: p.confidence,
  }));
}
