/**
 * The fused FEC reader (issue 19). A FEC is a million lines of eighteen columns of which the ledger
 * needs the receivable ones: the general path (PapaParse → sheet → buildFecLedger) makes a string of
 * every cell of every line first, which is most of its time and nearly all of its memory. Here the
 * rows are split in place (csv-split.ts), a line whose account is not a receivable one is counted
 * from its characters without a string, and only the receivable lines are read, by the same FecLines
 * the general path uses, into the same ledger (fecLedgerOf). It gives up (null) at anything the
 * splitter does not cover, and the general path reads the file: the differential tests
 * (tests/unit/import/fast-fec.test.ts) hold that path as the oracle, byte for byte.
 */
import type { IssueList } from '../core/index.ts';
import { fieldText, Fields, GiveUp, isSpaceOnly, readPrefix, splitRow, splitterOf, type FusedRead } from './csv-split.ts';
import { fecLedgerOf, FecLines, isFecHeader, type FecBuild, type FecOptions } from './fec.ts';
import { headerTexts } from './map-columns.ts';
import { wholeText, type Pieces } from './text-pieces.ts';

export type FastFecOptions = FecOptions & { readonly sheetName: string; readonly separator: string };

/** What importFile needs to write its report, as the general path would have found it. */
export type FastFec = FusedRead & { readonly build: FecBuild };

/**
 * The FEC ledger of a text (decoded and cleaned as readCsv does; a whole text, or its pieces from
 * text-pieces.ts), or null when it is no FEC or the general path must read it. Issues go to `issues`
 * as the rows are read: give it a list of its own.
 */
export function fastFecImport(text: string | Pieces, o: FastFecOptions, issues: IssueList): FastFec | null {
  if (o.separator.length !== 1) return null;
  const pieces = typeof text === 'string' ? wholeText(text) : text;
  try {
    const first = pieces.next();
    return first === null || first.length === 0 ? null : scan(first, pieces, o, issues);
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}

function scan(first: string, pieces: Pieces, o: FastFecOptions, issues: IssueList): FastFec | null {
  const f = new Fields();
  const newline = pieces.newline;
  const start = readPrefix(first, splitterOf(first, o.separator, newline), f, o.sheetName, pieces.isLast);
  if (start === null) return null;
  const headerRow = start.rows[start.headerIndex] as string[];
  const headers = headerTexts(headerRow, start.width);
  if (!isFecHeader(headers)) return null;
  const lines = new FecLines(headers, o, o.sheetName, issues);
  const account = lines.col.get('comptenum') as number;
  const prefixes = lines.prefixes;
  let s = first;
  const cell = (i: number): string | null => (i < f.count ? fieldText(s, f, i).trim() : null);
  /** The account field is written (plain, no leading space) and starts with no receivable prefix. */
  const surelyOtherAccount = (): boolean => {
    if (account >= f.count) return false;
    const a = f.start[account] as number, b = f.end[account] as number;
    if (a === b) return false;
    const c = s.charCodeAt(a);
    if (f.escaped[account] === 1 || c <= 32 || c >= 127) return false;
    return !prefixes.some((p) => startsAt(s, a, b, p));
  };
  let nonBlank = 0;
  let r = 0;
  for (let piece: string | null = first; piece !== null; piece = pieces.next()) {
    s = piece;
    const n = s.length;
    const last = pieces.isLast;
    const sp = splitterOf(s, o.separator, newline);
    // A piece that is not the last ends with a newline: its rows end at its end.
    for (let pos = 0; last ? pos <= n : pos < n; r++) {
      // The fields up to the account first: a line of another account (most of a FEC) is counted
      // from them, its other fields never split.
      let next = splitRow(s, pos, sp, f, account + 1);
      if (f.isPartial && r > start.headerIndex) {
        if (surelyOtherAccount()) {
          // Its account is written: the line is not blank.
          nonBlank++;
          lines.notReceivable();
          pos = next;
          continue;
        }
        next = splitRow(s, pos, sp, f);
      } else if (f.isPartial) next = splitRow(s, pos, sp, f);
      // PapaParse's last record after a final newline is one empty field: not a row.
      if (next > n && f.count === 1 && f.start[0] === f.end[0]) break;
      pos = next;
      let blank = true;
      for (let k = 0; k < f.count && blank; k++) {
        const a = f.start[k] as number, b = f.end[k] as number;
        if (a < b && (f.escaped[k] === 1 || !isSpaceOnly(s, a, b))) blank = false;
      }
      if (!blank) nonBlank++;
      if (r <= start.headerIndex) continue;
      if (blank) lines.blank();
      else if (surelyOtherAccount()) lines.notReceivable();
      else lines.read(cell, r);
    }
  }
  if (nonBlank === 0 || lines.count === 0) return null;
  return { rows: nonBlank, headerIndex: start.headerIndex, headerRow, headers, build: fecLedgerOf(lines, o, o.sheetName, issues) };
}

/** Whether `p` is written at [a, b) of `s`, compared code by code. */
function startsAt(s: string, a: number, b: number, p: string): boolean {
  if (b - a < p.length) return false;
  for (let k = 0; k < p.length; k++) if (s.charCodeAt(a + k) !== p.charCodeAt(k)) return false;
  return true;
}
