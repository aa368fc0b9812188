/**
 * Rows split in place for the fused readers of delimited text (fast-csv.ts, fast-fec.ts): each row's
 * fields as [start, end) ranges of the text, as PapaParse splits them with the separator and newline
 * given; anything PapaParse would handle its own way (a quote inside a field, an unclosed quote,
 * text after a closing quote) gives up, and the general path reads the file.
 */
import { grown } from '../core/index.ts';
import { MAX_COLUMNS, type Cell, type Sheet } from './grid.ts';
import { detectHeaderRow } from './map-columns.ts';
import { detectNewline } from './read-csv.ts';

/** Thrown inside the scan when the fast path cannot go on; caught at its entry. */
export class GiveUp extends Error {}
export const giveUp = (): never => {
  throw new GiveUp();
};

/** A row's fields: [start, end) in the text, and whether the field was quoted with `""` inside. */
export class Fields {
  count = 0;
  /** The row has fields after these (splitRow was asked for the first ones only). */
  isPartial = false;
  start = new Int32Array(64);
  end = new Int32Array(64);
  escaped = new Uint8Array(64);
  push(a: number, b: number, escaped: boolean): void {
    if (this.count === this.start.length) {
      if (this.count >= MAX_COLUMNS * 4) giveUp();
      this.start = grown(this.start, this.count * 2);
      this.end = grown(this.end, this.count * 2);
      this.escaped = grown(this.escaped, this.count * 2);
    }
    this.start[this.count] = a;
    this.end[this.count] = b;
    this.escaped[this.count] = escaped ? 1 : 0;
    this.count++;
  }
}

/** How rows are split: the separator and newline, and the next quote of the text (-1: none after it). */
export type Splitter = { readonly sep: string; readonly sepCode: number; readonly newline: string; readonly nl: number; readonly nlLength: number; nextQuote: number };

/**
 * Splits one row starting at `pos` into `f`; returns where the next row starts (text.length + 1 after
 * the last row, which ends at the end of the text). A row without a quote is split with indexOf, and
 * only its first `upTo` fields when asked (`f.isPartial` then says whether more were left unsplit).
 */
export function splitRow(s: string, pos: number, sp: Splitter, f: Fields, upTo = Infinity): number {
  const n = s.length;
  f.count = 0;
  f.isPartial = false;
  let lineEnd = s.indexOf(sp.newline, pos);
  if (lineEnd < 0) lineEnd = n;
  if (sp.nextQuote >= 0 && sp.nextQuote < pos) sp.nextQuote = s.indexOf('"', pos);
  if (sp.nextQuote < 0 || sp.nextQuote >= lineEnd) {
    const next = lineEnd === n ? n + 1 : lineEnd + sp.nlLength;
    let i = pos;
    for (;;) {
      const j = s.indexOf(sp.sep, i);
      if (j < 0 || j >= lineEnd) {
        f.push(i, lineEnd, false);
        return next;
      }
      f.push(i, j, false);
      if (f.count === upTo) {
        f.isPartial = true;
        return next;
      }
      i = j + 1;
    }
  }
  return splitQuoted(s, pos, sp.sepCode, sp.nl, sp.nlLength, f);
}

/** The same, character by character, for a row with a quote somewhere. */
function splitQuoted(s: string, pos: number, sep: number, nl: number, nlLength: number, f: Fields): number {
  const n = s.length;
  let i = pos;
  for (;;) {
    if (i < n && s.charCodeAt(i) === 34) {
      // Quoted field.
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) giveUp();
        if (s.charCodeAt(q + 1) === 34) {
          escaped = true;
          j = q + 2;
          continue;
        }
        f.push(i + 1, q, escaped);
        i = q + 1;
        break;
      }
      if (i >= n) return n + 1;
      const c = s.charCodeAt(i);
      if (c === sep) {
        i++;
        continue;
      }
      if (c === nl && (nlLength === 1 || s.charCodeAt(i + 1) === 10)) return i + nlLength;
      return giveUp();
    }
    const a = i;
    for (;;) {
      if (i >= n) {
        f.push(a, i, false);
        return n + 1;
      }
      const c = s.charCodeAt(i);
      if (c === sep) {
        f.push(a, i, false);
        i++;
        break;
      }
      if (c === nl && (nlLength === 1 || s.charCodeAt(i + 1) === 10)) {
        f.push(a, i, false);
        return i + nlLength;
      }
      if (c === 34) giveUp();
      i++;
    }
  }
}

export function fieldText(s: string, f: Fields, k: number): string {
  const v = s.slice(f.start[k], f.end[k]);
  return f.escaped[k] === 1 ? v.replaceAll('""', '"') : v;
}

export const isSpaceOnly = (s: string, a: number, b: number): boolean => s.slice(a, b).trim() === '';


/** What a fused reader found of the sheet, for importFile's report as the general path writes it. */
export type FusedRead = {
  /** Rows with something in them, the header's included (the sheet's row count). */
  readonly rows: number;
  readonly headerIndex: number;
  readonly headerRow: readonly Cell[];
  readonly headers: string[];
};

/** The splitter of a text with this separator (its newline found as PapaParse's caller finds it, or the file's for a piece of it). */
export function splitterOf(s: string, separator: string, newline: string = detectNewline(s)): Splitter {
  return { sep: separator, sepCode: separator.charCodeAt(0), newline, nl: newline.charCodeAt(0), nlLength: newline.length, nextQuote: s.indexOf('"') };
}

/** Rows read as strings first, to find the header (and a mapping) as the general path does. */
export const PREFIX_ROWS = 1000;

export type Prefix = {
  readonly rows: string[][];
  /** Where the row after them starts. */
  readonly pos: number;
  /** The header row found in them as detectHeaderRow finds it in the whole sheet. */
  readonly headerIndex: number;
  /** The widest of the header row and the 200 rows below it. */
  readonly width: number;
};

/**
 * The first rows as strings, the header and the width, as the general path finds them in the whole
 * sheet; null when the prefix cannot tell (no header, or the file goes on and the header has fewer
 * than 200 rows under it in the prefix). `s` is the whole text, or its first piece when `isWhole` is
 * false (the prefix then ends where the piece ends, if that comes first).
 */
export function readPrefix(s: string, sp: Splitter, f: Fields, sheetName: string, isWhole = true): Prefix | null {
  const n = s.length;
  const rows: string[][] = [];
  let pos = 0;
  while ((isWhole ? pos <= n : pos < n) && rows.length < PREFIX_ROWS) {
    pos = splitRow(s, pos, sp, f);
    const row: string[] = [];
    for (let k = 0; k < f.count; k++) row.push(fieldText(s, f, k));
    rows.push(row);
  }
  const complete = pos > n;
  if (complete) {
    const last = rows[rows.length - 1];
    if (last && last.length === 1 && last[0] === '') rows.pop();
  }
  const sheet: Sheet = { name: sheetName, hidden: false, rows };
  const header = detectHeaderRow(sheet);
  if (!header || (!complete && rows.length < header.index + 201)) return null;
  let width = 0;
  for (let r = header.index; r < Math.min(rows.length, header.index + 200); r++) width = Math.max(width, rows[r]?.length ?? 0);
  if (width > MAX_COLUMNS) return null;
  return { rows, pos, headerIndex: header.index, width };
}
