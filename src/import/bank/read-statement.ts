/**
 * A bank statement from its bytes, whatever the format: CFONB 120, camt.053, OFX 1.x or 2.x, or a
 * bank's CSV or spreadsheet export, told from the content (not the extension). Never throws on
 * what the user drops: a file that is not a statement, or a hostile one, ends in a clear error.
 */
import type { BankField, Statement } from '../../core/index.ts';
import { decodeText } from '../decode.ts';
import { readCsv } from '../read-csv.ts';
import { readWorkbook } from '../read-xlsx.ts';
import { sniff } from '../sniff.ts';
import { XmlError } from '../xml.ts';
import { looksLikeCamt, readCamt } from './camt.ts';
import { looksLikeCfonb, readCfonb } from './cfonb.ts';
import { looksLikeOfx, readOfx } from './ofx.ts';
import { readBankTable } from './table.ts';

export type StatementError = 'EmptyFile' | 'NotAStatement' | 'XmlRefused' | 'StatementUnreadable' | 'TooLarge';

export type StatementResult = { readonly ok: true; readonly statement: Statement } | { readonly ok: false; readonly error: StatementError; readonly detail: string };

export const MAX_STATEMENT_BYTES = 100 * 1024 * 1024;

export function readStatement(bytes: Uint8Array, fileName: string, mapping?: readonly (BankField | null)[]): StatementResult {
  if (bytes.length === 0) return { ok: false, error: 'EmptyFile', detail: '' };
  if (bytes.length > MAX_STATEMENT_BYTES) return { ok: false, error: 'TooLarge', detail: String(bytes.length) };
  try {
    const kind = sniff(bytes);
    if (kind.kind === 'text') {
      const text = decodeText(bytes).text;
      if (looksLikeCfonb(text)) return { ok: true, statement: readCfonb(text, fileName) };
      if (looksLikeCamt(text)) return { ok: true, statement: readCamt(text, fileName) };
      if (looksLikeOfx(text)) return { ok: true, statement: readOfx(text, fileName) };
      const table = readBankTable(readCsv(bytes).workbook, fileName, mapping);
      return 'statement' in table ? { ok: true, statement: table.statement } : { ok: false, error: 'NotAStatement', detail: '' };
    }
    if (kind.kind === 'zip' || (kind.kind === 'cfb' && !kind.isEncryptedOoxml)) {
      const read = readWorkbook(bytes, kind.kind === 'zip' ? (kind.isOds ? 'ods' : 'xlsx') : 'xls');
      if (!read.ok) return { ok: false, error: 'StatementUnreadable', detail: read.reason };
      const table = readBankTable(read.workbook, fileName, mapping);
      return 'statement' in table ? { ok: true, statement: table.statement } : { ok: false, error: 'NotAStatement', detail: '' };
    }
    return { ok: false, error: 'NotAStatement', detail: kind.kind };
  } catch (e) {
    if (e instanceof XmlError) return { ok: false, error: 'XmlRefused', detail: `${e.reason} (${e.offset})` };
    return { ok: false, error: 'StatementUnreadable', detail: e instanceof Error ? e.message : String(e) };
  }
}

/** True when the bytes are one of the statement formats no ledger uses (CFONB, camt.053, OFX). */
export function isBankFormat(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || sniff(bytes).kind !== 'text') return false;
  const text = decodeText(bytes.subarray(0, 8192)).text;
  return looksLikeCfonb(text) || looksLikeCamt(text) || looksLikeOfx(text);
}
