/**
 * Bank statements as the matching reads them (issue 17): dated, signed lines with the texts that may
 * name the payer and the invoice. Readers (src/import/bank/) produce them from CFONB 120, camt.053,
 * OFX and bank CSV exports.
 */
import type { Day } from '../day.ts';
import type { Cents } from '../money.ts';

export type StatementFormat = 'cfonb120' | 'camt053' | 'ofx' | 'csv';

export type BankLine = {
  /** Unique within the statement: the bank's own reference where it has one, else the file's position. */
  readonly id: string;
  /** Booking date. */
  readonly date: Day;
  readonly valueDate: Day | null;
  /** Signed: money in is positive. */
  readonly amountCents: Cents;
  /** The bank's label of the line. */
  readonly label: string;
  /** The debtor's name where the statement gives it apart (camt Dbtr/Nm, CFONB NPY, OFX NAME). */
  readonly payer: string;
  /** End-to-end or bank reference. */
  readonly reference: string;
  /** Remittance information (camt Ustrd/Strd, CFONB RCN/LIB/REF complements, OFX MEMO). */
  readonly remittance: string;
  /** Line or record number in the file (1-based), for messages. */
  readonly row: number;
};

export type StatementRefusal = { readonly row: number; readonly reason: string };

export type Statement = {
  readonly format: StatementFormat;
  readonly fileName: string;
  readonly account: string;
  readonly currency: string;
  readonly lines: readonly BankLine[];
  /** Records or rows that could not be read, with why. */
  readonly refused: readonly StatementRefusal[];
  readonly openingCents: Cents | null;
  readonly closingCents: Cents | null;
  /** CSV and spreadsheet statements: the header row found and what each column was read as (the mapping panel). */
  readonly columns?: { readonly headerRow: number; readonly headers: readonly string[]; readonly fields: readonly (BankField | null)[] };
};

/** What a column of a bank CSV or spreadsheet export holds. */
export type BankField = 'date' | 'valueDate' | 'label' | 'amount' | 'debit' | 'credit' | 'balance' | 'reference' | 'payer' | 'detail';
export const BANK_FIELDS: readonly BankField[] = ['date', 'valueDate', 'label', 'amount', 'debit', 'credit', 'balance', 'reference', 'payer', 'detail'];
