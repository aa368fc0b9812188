/**
 * The common shape every reader produces: sheets of rows of cells, before any meaning is given
 * to them. A cell the file itself stores as a date becomes a `DateCell` already converted in
 * the workbook's date system, so nothing downstream needs to know about 1900 vs 1904.
 */
import type { Day } from '../core/index.ts';

export type DateCell = { readonly day: Day };
export type Cell = string | number | boolean | null | DateCell;

export type Sheet = {
  readonly name: string;
  readonly hidden: boolean;
  readonly rows: readonly (readonly Cell[] | undefined)[];
  /** Set when the reader left out cells beyond MAX_COLUMNS: the widest row's width in the file. */
  readonly widestRow?: number;
};

export type FileFormat = 'xlsx' | 'xls' | 'ods' | 'csv';

export type Workbook = {
  readonly format: FileFormat;
  readonly sheets: readonly Sheet[];
  readonly is1904: boolean;
  /** CSV only: the encoding and separator found. */
  readonly encoding?: string;
  readonly separator?: string;
};

export function isDateCell(c: Cell): c is DateCell {
  return typeof c === 'object' && c !== null;
}

/** Columns of a sheet the importer reads; beyond them, cells are not kept (and a warning says so). */
export const MAX_COLUMNS = 1000;
/** The limits of an Excel sheet: 1,048,576 rows, 16,384 columns (XFD). A reference beyond them is refused. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

/** Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A cell as text for messages and header matching. */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  if (typeof c === 'number' || typeof c === 'boolean') return String(c);
  return `#day:${c.day}`;
}

export function isBlankCell(c: Cell | undefined): boolean {
  return c === undefined || c === null || (typeof c === 'string' && c.trim() === '');
}
