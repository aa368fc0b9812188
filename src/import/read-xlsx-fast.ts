/**
 * A lean .xlsx/.xlsm reader for the common case: fflate inflates only the parts needed
 * (workbook, relationships, shared strings, styles, worksheets) and a single pass over each
 * sheet's XML builds the cells, with no per-cell objects beyond the values themselves. Dates are
 * recognised from the cell style's number format, in the workbook's date system. Anything
 * unexpected returns null, and the caller falls back to SheetJS (which also serves as the oracle
 * in the differential test).
 */
import { owned } from './owned.ts';
import { fflate, sheetJs } from './sheetjs.ts';
import { dayFromExcelSerial, dayFromIso, type Day } from '../core/index.ts';
import { endOfCentralDirectory } from './zip-guard.ts';
import { columnLetter, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, MAX_COLUMNS, type Cell, type DateCell, type Sheet, type Workbook } from './grid.ts';

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A character reference's code point, or U+FFFD for one that is not a character (beyond U+10FFFF, a surrogate, NUL). */
function charOf(code: number): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
}

function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex ? charOf(hex.length > 8 ? -1 : parseInt(hex, 16)) : dec ? charOf(dec.length > 8 ? -1 : parseInt(dec, 10)) : (NAMED[name as string] as string),
  );
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? (m[1] as string) : null;
}

/**
 * Index of the end of the tag that starts at `at` (its '>'), or -1. Attribute values may hold '>'
 * only inside quotes, which a tag name check does not need: the first '>' ends it.
 */
function tagEnd(s: string, at: number): number {
  return s.indexOf('>', at);
}

/** Is the tag at `at` named exactly `name` (`<t>`, `<t …>`, `<t/>`, not `<tc>`)? */
function isTag(s: string, at: number, name: string): boolean {
  if (!s.startsWith(name, at + 1)) return false;
  const c = s.charCodeAt(at + 1 + name.length);
  return c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Text of every <t> inside a fragment (rich text runs joined), phonetic runs (<rPh>) left out.
 * Index scans only: an unclosed tag ends the text at the end of the fragment, never a backtracking
 * search (a regex with a lazy match went quadratic on unclosed tags).
 */
function textOf(fragment: string): string {
  let out = '';
  let i = 0;
  while (true) {
    const lt = fragment.indexOf('<', i);
    if (lt < 0) break;
    if (isTag(fragment, lt, 'rPh')) {
      const close = fragment.indexOf('</rPh>', lt);
      if (close < 0) break;
      i = close + 6;
      continue;
    }
    const gt = tagEnd(fragment, lt);
    if (gt < 0) break;
    if (isTag(fragment, lt, 't') && fragment.charCodeAt(gt - 1) !== 47) {
      const close = fragment.indexOf('</t>', gt);
      out += fragment.slice(gt + 1, close < 0 ? fragment.length : close);
      if (close < 0) break;
      i = close + 4;
    } else i = gt + 1;
  }
  return unescapeXml(out);
}

/** The shared strings, one per <si>, by index scans (an unclosed <si> ends the table). */
function sharedStrings(sst: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (true) {
    const at = sst.indexOf('<si', i);
    if (at < 0) break;
    if (!isTag(sst, at, 'si')) {
      i = at + 3;
      continue;
    }
    const gt = tagEnd(sst, at);
    if (gt < 0) break;
    if (sst.charCodeAt(gt - 1) === 47) {
      out.push('');
      i = gt + 1;
      continue;
    }
    const close = sst.indexOf('</si>', gt);
    // A string of its own: a slice would keep the whole table's text alive with the grid.
    out.push(owned(textOf(sst.slice(gt + 1, close < 0 ? sst.length : close))));
    if (close < 0) break;
    i = close + 5;
  }
  return out;
}

/** Built-in number formats that are dates (ECMA-376 §18.8.30) plus the common East-Asian ones. */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function dateStyles(styles: string | null): boolean[] {
  if (!styles) return [];
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\s[^>]*>/g)) {
    const id = attr(m[0], 'numFmtId');
    const code = attr(m[0], 'formatCode');
    if (id !== null && code !== null) custom.set(Number(id), unescapeXml(code));
  }
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\s[^>]*?\/?>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? '0');
    const code = custom.get(id);
    out.push(code !== undefined ? sheetJs().SSF.is_date(code) : BUILTIN_DATES.has(id));
  }
  return out;
}

function resolveTarget(target: string): string {
  const t = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const parts: string[] = [];
  for (const p of t.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

type SmallParts = { readonly workbookXml: string; readonly targets: ReadonlyMap<string, string>; readonly shared: readonly string[]; readonly isDateStyle: readonly boolean[] };

/**
 * The workbook's small parts, read: its list of sheets, where they are, the shared strings and the
 * date styles. Their bytes and text are let go on return, before the sheets are read (the shared
 * strings' XML alone is tens of megabytes in a big workbook); the worksheets are inflated a slice at a
 * time as they are read (readPart), never whole.
 */
function smallParts(bytes: Uint8Array): SmallParts | null {
  const { unzipSync, strFromU8 } = fflate();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml)$/i.test(f.name) });
  } catch {
    return null;
  }
  const text = (name: string): string | null => {
    const key = Object.keys(files).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? strFromU8(files[key] as Uint8Array) : null;
  };
  const workbookXml = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  if (!workbookXml || !rels) return null;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\s[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, resolveTarget(target));
  }
  const sst = text('xl/sharedStrings.xml');
  return { workbookXml, targets, shared: sst ? sharedStrings(sst) : [], isDateStyle: dateStyles(text('xl/styles.xml')) };
}

/** A cell reference beyond Excel's own limits: refused (SheetJS would allocate for it too). */
export type OutOfBounds = { readonly outOfBounds: true; readonly sheet: string; readonly ref: string };

/**
 * The workbook, or null when something unexpected calls for SheetJS, or the first cell reference
 * beyond Excel's limits (1,048,576 rows, column XFD), which no reader should try to honour.
 */
export function readXlsxFast(bytes: Uint8Array, stream: Streaming = STREAMING): Workbook | OutOfBounds | null {
  const small = smallParts(bytes);
  if (small === null) return null;
  const { workbookXml, targets, shared, isDateStyle } = small;
  const is1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml);
  const entries = zipEntries(bytes);
  if (entries === null) return null;
  const sheets: Sheet[] = [];
  for (const m of workbookXml.matchAll(/<sheet\s[^>]*?\/?>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id');
    const path = rid ? targets.get(rid) : undefined;
    if (name === null || !path) return null;
    const entry = entries.get(path.toLowerCase());
    if (entry === undefined || !/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) return null;
    const sheetName = unescapeXml(name);
    const widest = { columns: 0 };
    const rows = readPart(bytes, entry, stream, shared, isDateStyle, is1904, widest);
    if (rows === null) return null;
    if (!Array.isArray(rows)) return { outOfBounds: true, sheet: sheetName, ref: rows.ref };
    sheets.push({ name: sheetName, hidden: attr(m[0], 'state') !== null && attr(m[0], 'state') !== 'visible', rows, ...(widest.columns > MAX_COLUMNS ? { widestRow: widest.columns } : {}) });
  }
  return { format: 'xlsx', sheets, is1904 };
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUOTE = 34;
const APOS = 39;
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder();

function isSpace(b: number): boolean {
  return b === 32 || b === 9 || b === 10 || b === 13;
}

/** Index of `needle` (ASCII) in `b` from `from`, or -1. */
function indexOfAscii(b: Uint8Array, needle: string, from: number): number {
  const first = needle.charCodeAt(0);
  const n = needle.length;
  for (let i = b.indexOf(first, from); i >= 0 && i + n <= b.length; i = b.indexOf(first, i + 1)) {
    let k = 1;
    while (k < n && b[i + k] === needle.charCodeAt(k)) k++;
    if (k === n) return i;
  }
  return -1;
}

/** Last index of `needle` (ASCII) in `b`, or -1. */
function lastIndexOfAscii(b: Uint8Array, needle: string): number {
  const n = needle.length;
  const first = needle.charCodeAt(0);
  if (b.length < n) return -1;
  for (let i = b.lastIndexOf(first, b.length - n); i >= 0; i = i === 0 ? -1 : b.lastIndexOf(first, i - 1)) {
    let k = 1;
    while (k < n && b[i + k] === needle.charCodeAt(k)) k++;
    if (k === n) return i;
  }
  return -1;
}

/**
 * A number written in the XML, read from its bytes: plain decimals of up to 15 digits exactly as
 * Number() reads them (mantissa and power of ten both exact doubles: one correctly rounded
 * division), anything else (exponents, longer digits) through Number() itself.
 */
function numberAt(b: Uint8Array, from: number, to: number): number {
  let i = from;
  let negative = false;
  if (b[i] === 45) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let seenDot = false;
  for (; i < to; i++) {
    const c = b[i] as number;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (mantissa !== 0) digits++;
      if (seenDot) scale++;
    } else if (c === 46 && !seenDot) seenDot = true;
    else return Number(latin1.decode(b.subarray(from, to)));
  }
  if (digits > 15 || scale > 22 || i === from || (i === from + 1 && negative)) return Number(latin1.decode(b.subarray(from, to)));
  const v = scale === 0 ? mantissa : mantissa / POW10[scale]!;
  return negative ? -v : v;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** A whole number written in the XML (an index, a style); anything but digits is read by Number(). */
function digitsAt(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = b[k] as number;
    if (c < 48 || c > 57) return Number(latin1.decode(b.subarray(from, to)));
    n = n * 10 + (c - 48);
  }
  return from === to ? Number.NaN : n;
}

/**
 * The first `r="…"` of a row or cell beyond Excel's limits, read from the bytes before anything is
 * built (and before SheetJS, should it read the file instead): `<row r="2000000000">` or a cell at
 * column ZZZZZZ would otherwise make a reader allocate or loop for ever. Null when all are within.
 */
export function firstRefBeyondLimits(b: Uint8Array, from = 0, to = b.length): string | null {
  for (let i = indexOfAscii(b, ' r="', from); i >= 0 && i < to; i = indexOfAscii(b, ' r="', i + 4)) {
    let k = i + 4;
    let col = 0;
    let letters = 0;
    while ((b[k] as number) >= 65 && (b[k] as number) <= 90) {
      col = col * 26 + ((b[k++] as number) - 64);
      if (++letters > 3) break;
    }
    let row = 0;
    let digits = 0;
    while ((b[k] as number) >= 48 && (b[k] as number) <= 57) {
      row = row * 10 + ((b[k++] as number) - 48);
      if (++digits > 7) break;
    }
    if (letters > 3 || col > EXCEL_MAX_COLUMNS || digits > 7 || row > EXCEL_MAX_ROWS) {
      let end = i + 4;
      while (end < b.length && b[end] !== QUOTE && end - i < 40) end++;
      return latin1.decode(b.subarray(i + 4, end));
    }
  }
  return null;
}

/**
 * One pass over the bytes of <sheetData>, a window at a time: rows and cells by their references (or
 * in order when they have none), values read in place; only text cells become strings. `feed` reads
 * the complete elements of [from, end) (a window ends after a `</row>`, at `</sheetData>` or at the
 * end of the part) and says null (SheetJS then reads the file) on anything it does not expect:
 * namespace prefixes, unknown numbers.
 */
class SheetParser {
  readonly rows: (Cell[] | undefined)[] = [];
  private rowIndex = -1;
  private colIndex = -1;
  private row: Cell[] | undefined;
  private readonly shared: readonly string[];
  private readonly isDateStyle: readonly boolean[];
  private readonly is1904: boolean;
  private readonly widest: { columns: number };
  /**
   * One cell object per day met: a ledger's dates repeat (a few thousand days for hundreds of
   * thousands of cells), and a cell is never changed once made, so rows share them.
   */
  private readonly days = new Map<number, DateCell>();

  constructor(shared: readonly string[], isDateStyle: readonly boolean[], is1904: boolean, widest: { columns: number }) {
    this.shared = shared;
    this.isDateStyle = isDateStyle;
    this.is1904 = is1904;
    this.widest = widest;
  }

  /** Reads the elements of b[from, end): undefined when done, null to give up, a reference beyond the limits. */
  feed(b: Uint8Array, from: number, end: number): { ref: string } | null | undefined {
    const { rows, shared, isDateStyle, is1904, widest } = this;
    let rowIndex = this.rowIndex;
    let colIndex = this.colIndex;
    let row = this.row;
    const save = () => {
      this.rowIndex = rowIndex;
      this.colIndex = colIndex;
      this.row = row;
    };
    let i = from;
    while (true) {
      let lt = i;
      while (lt < end && b[lt] !== LT) lt++;
      if (lt >= end) break;
      const n1 = b[lt + 1] as number;
      // <row …> and <c …>; anything else (</row>, <f>, extensions) is passed over.
      const isRow = n1 === 114 && b[lt + 2] === 111 && b[lt + 3] === 119 && (isSpace(b[lt + 4] as number) || b[lt + 4] === GT || b[lt + 4] === SLASH);
      const isCell = n1 === 99 && (isSpace(b[lt + 2] as number) || b[lt + 2] === GT || b[lt + 2] === SLASH);
      if (!isRow && !isCell) {
        let gt = lt + 1;
        while (gt < end && b[gt] !== GT) gt++;
        if (gt >= end) return null;
        i = gt + 1;
        continue;
      }
      // Attributes: r (reference), t (type), s (style).
      let p = lt + (isRow ? 4 : 2);
      let refRow = -1;
      let refCol = -1;
      let type = 0; // first letter of t, 0 = number
      let typeLength = 0;
      let style = -1;
      let selfClosing = false;
      while (p < end) {
        const c = b[p] as number;
        if (c === GT) break;
        if (c === SLASH && b[p + 1] === GT) {
          selfClosing = true;
          p++;
          break;
        }
        if (isSpace(c)) {
          p++;
          continue;
        }
        // name="value"
        const nameStart = p;
        while (p < end && b[p] !== 61 && !isSpace(b[p] as number) && b[p] !== GT) p++;
        const nameLength = p - nameStart;
        while (p < end && b[p] !== QUOTE && b[p] !== APOS) {
          if (b[p] === GT) return null;
          p++;
        }
        const q = b[p] as number;
        const valueStart = p + 1;
        let valueEnd = valueStart;
        while (valueEnd < end && b[valueEnd] !== q) valueEnd++;
        if (valueEnd >= end) return null;
        p = valueEnd + 1;
        if (nameLength !== 1) continue;
        const name = b[nameStart] as number;
        if (name === 114) {
          // r: "AB12" on a cell, "12" on a row
          let k = valueStart;
          let col = 0;
          while (k < valueEnd && (b[k] as number) >= 65 && (b[k] as number) <= 90) col = col * 26 + ((b[k++] as number) - 64);
          let r = 0;
          while (k < valueEnd && (b[k] as number) >= 48 && (b[k] as number) <= 57) r = r * 10 + ((b[k++] as number) - 48);
          if (k !== valueEnd) return null;
          refRow = r - 1;
          refCol = col - 1;
        } else if (name === 116) {
          type = valueEnd > valueStart ? (b[valueStart] as number) : 0;
          typeLength = valueEnd - valueStart;
        } else if (name === 115) {
          style = digitsAt(b, valueStart, valueEnd);
        }
      }
      i = p + 1;
      if (isRow) {
        // The row before is done: kept at its size (an array grown a cell at a time holds room for twice as many).
        if (row !== undefined) rows[rowIndex] = row.slice();
        rowIndex = refRow >= 0 ? refRow : rowIndex + 1;
        if (rowIndex >= EXCEL_MAX_ROWS) return { ref: String(rowIndex + 1) };
        colIndex = -1;
        row = selfClosing ? undefined : (rows[rowIndex] ??= []);
        continue;
      }
      if (refCol >= 0) {
        if (refRow !== rowIndex) {
          rowIndex = refRow;
          row = rows[refRow] ??= [];
        }
        colIndex = refCol;
      } else colIndex++;
      if (colIndex >= EXCEL_MAX_COLUMNS) return { ref: `${columnLetter(colIndex)}${rowIndex + 1}` };
      if (rowIndex < 0) rowIndex = 0;
      // Sparse wide rows: nothing is kept beyond the columns the importer reads (the sheet says how wide
      // it was, for the "too many columns" warning), so a cell at XFD on every row costs nothing.
      if (colIndex >= MAX_COLUMNS) {
        if (colIndex >= widest.columns) widest.columns = colIndex + 1;
        const close = indexOfAscii(b, '</c>', i);
        if (!selfClosing) {
          if (close < 0) return null;
          i = close + 4;
        }
        continue;
      }
      if (!row) row = rows[rowIndex] ??= [];
      if (selfClosing) {
        if (row[colIndex] === undefined) row[colIndex] = null;
        continue;
      }
      // The content up to </c>: the value <v>…</v>, or <is>…</is> for inline strings (formulas <f> passed over).
      let vStart = -1;
      let vEnd = -1;
      let isStart = -1;
      let close = -1;
      for (let k = i; k < end; k++) {
        if (b[k] !== LT) continue;
        const c1 = b[k + 1] as number;
        if (c1 === SLASH && b[k + 2] === 99 && b[k + 3] === GT) {
          close = k;
          break;
        }
        if (vStart < 0 && c1 === 118 && (b[k + 2] === GT || isSpace(b[k + 2] as number))) {
          let g = k + 2;
          while (g < end && b[g] !== GT) g++;
          vStart = g + 1;
          vEnd = vStart;
          while (vEnd < end && b[vEnd] !== LT) vEnd++;
          k = vEnd - 1;
        } else if (isStart < 0 && c1 === 105 && b[k + 2] === 115 && (b[k + 3] === GT || isSpace(b[k + 3] as number))) isStart = k;
      }
      if (close < 0) return null;
      i = close + 4;
      let cell: Cell = null;
      if (type === 115 && typeLength === 1) {
        // t="s": shared string index
        if (vStart >= 0) cell = shared[digitsAt(b, vStart, vEnd)] ?? null;
      } else if (type === 105) {
        // t="inlineStr"
        if (isStart >= 0) cell = textOf(utf8.decode(b.subarray(isStart, close)));
      } else if (type === 115) {
        // t="str": a formula's text result
        if (vStart >= 0) cell = unescapeXml(utf8.decode(b.subarray(vStart, vEnd)));
      } else if (type === 98) {
        if (vStart >= 0) cell = b[vStart] === 49;
      } else if (type === 101) {
        cell = null;
      } else if (type === 100) {
        if (vStart >= 0) {
          const v = latin1.decode(b.subarray(vStart, vEnd));
          const day = dayFromIso(v.slice(0, 10));
          cell = day === null ? v : this.dayCell(day);
        }
      } else if (vStart >= 0 && vEnd > vStart) {
        const v = numberAt(b, vStart, vEnd);
        if (!Number.isFinite(v)) return null;
        if (style >= 0 && isDateStyle[style]) {
          const day = dayFromExcelSerial(v, is1904);
          cell = day === null ? v : this.dayCell(day);
        } else cell = v;
      }
      if (cell !== null || row[colIndex] === undefined) row[colIndex] = cell;
    }
    save();
    return undefined;
  }

  private dayCell(day: Day): DateCell {
    let cell = this.days.get(day);
    if (cell === undefined) this.days.set(day, (cell = { day }));
    return cell;
  }

  /** The rows read, dense (holes become null like SheetJS's dense output). */
  done(): (Cell[] | undefined)[] {
    for (const r of this.rows) if (r) for (let k = 0; k < r.length; k++) if (r[k] === undefined) r[k] = null;
    return this.rows;
  }
}

/** A ZIP entry, found from the central directory: where its data starts and how it is stored. */
type ZipEntry = { readonly name: string; readonly method: number; readonly start: number; readonly compressedSize: number; readonly size: number };

/**
 * The archive's entries by lower-case name, from the central directory (zip-guard.ts has checked its
 * counts and sizes); null on anything unexpected (an encrypted entry, a local header that does not
 * match), and SheetJS reads the file.
 */
function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = endOfCentralDirectory(view);
  if (eocd < 0) return null;
  const size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  const endOfDirectory = offset + size;
  if (endOfDirectory > eocd) return null;
  const { strFromU8 } = fflate();
  const entries = new Map<string, ZipEntry>();
  while (offset < endOfDirectory) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== 0x02014b50) return null;
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const local = view.getUint32(offset + 42, true);
    const name = strFromU8(bytes.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return null;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if ((flags & 1) !== 0 || (method !== 0 && method !== 8) || start + compressedSize > bytes.length) continue;
    entries.set(name.toLowerCase(), { name, method, start, compressedSize, size: uncompressedSize });
  }
  return entries;
}

/**
 * How a worksheet is inflated: at once up to `above` bytes of XML, else a slice at a time (`chunk`
 * compressed bytes pushed at a time, each giving a few hundred kilobytes of XML). Streaming costs
 * its small allocations, which only a large sheet is worth by default (a 500,000-row sheet is 160 MB
 * of XML): in Chromium's worker, on the 100,000-row sheet (30 MB of XML), the file's choice to the
 * dashboard took 2.2 → 2.9 s streamed, for 5–10 MiB less peak memory. Node reuses the memory
 * fflate's chunks take: there the reader took 365 → 410 ms, for 24 MiB less (the CLI asks for it).
 */
export type Streaming = { readonly chunk: number; readonly above: number };
export const STREAMING: Streaming = { chunk: 1 << 16, above: 48 << 20 };

/** The entry's bytes to `onChunk`, at once or a slice at a time (Streaming); false when they cannot be inflated. */
function eachChunk(bytes: Uint8Array, entry: ZipEntry, stream: Streaming, onChunk: (chunk: Uint8Array) => void): boolean {
  const { inflateSync, Inflate } = fflate();
  const data = bytes.subarray(entry.start, entry.start + entry.compressedSize);
  const size = stream.chunk;
  try {
    if (entry.method === 8 && entry.size <= stream.above) {
      // Into a buffer of the declared size, as unzipSync does.
      onChunk(inflateSync(data, { out: new Uint8Array(entry.size) }));
      return true;
    }
    if (entry.method === 0) {
      for (let k = 0; k < data.length; k += size) onChunk(data.subarray(k, k + size));
      return true;
    }
    const inflate = new Inflate((chunk) => onChunk(chunk));
    if (data.length === 0) inflate.push(data, true);
    for (let k = 0; k < data.length; k += size) inflate.push(data.subarray(k, k + size), k + size >= data.length);
    return true;
  } catch {
    return false;
  }
}

const NO_BYTES = new Uint8Array(0);

/**
 * A worksheet read as it is inflated: each window of complete elements is searched for a reference
 * beyond Excel's limits, then parsed, and let go. The result is the whole part's: a reference beyond
 * the limits anywhere in it (the first one) wins over a parse that gave up or stopped at one of its own.
 */
function readPart(bytes: Uint8Array, entry: ZipEntry, stream: Streaming, shared: readonly string[], isDateStyle: readonly boolean[], is1904: boolean, widest: { columns: number }): (Cell[] | undefined)[] | { ref: string } | null {
  const parser = new SheetParser(shared, isDateStyle, is1904, widest);
  let phase: 'before' | 'in' | 'after' = 'before';
  let beyond: string | null = null;
  let parsed: { ref: string } | null | undefined;
  let prefixed = false;
  const scan = (b: Uint8Array, from: number, to: number) => {
    if (beyond === null && from < to) beyond = firstRefBeyondLimits(b, from, to);
  };
  /** Reads what `b` holds (to its end when `final`); returns where the bytes kept for the next chunk start. */
  const take = (b: Uint8Array, final: boolean): number => {
    let at = 0;
    if (phase === 'before') {
      const start = indexOfAscii(b, '<sheetData', 0);
      if (start < 0) {
        if (indexOfAscii(b, ':sheetData', 0) >= 0) prefixed = true;
        // Up to the last complete tag: neither a tag name nor an r="…" straddles it.
        const cut = final ? b.length : b.lastIndexOf(GT) + 1;
        scan(b, 0, cut);
        return cut;
      }
      scan(b, 0, start);
      phase = 'in';
      at = start + 10;
    }
    if (phase === 'in') {
      // The rows end at </sheetData>, looked for after the last </row> in hand; a window ends after
      // a </row> (its cells are complete), or at the end of the part.
      const lastRow = lastIndexOfAscii(b, '</row>');
      const tail = lastRow >= at ? lastRow + 6 : at;
      const close = indexOfAscii(b, '</sheetData>', tail);
      const cut = close >= 0 ? close : final ? b.length : tail;
      if (cut > at) {
        scan(b, at, cut);
        if (beyond === null && parsed === undefined) parsed = parser.feed(b, at, cut);
      }
      if (close < 0) return cut;
      phase = 'after';
      at = close;
    }
    const cut = final ? b.length : Math.max(at, b.lastIndexOf(GT) + 1);
    scan(b, at, cut);
    return cut;
  };
  // The bytes in hand, buf[0, length): one buffer, grown when a chunk does not fit, the bytes kept
  // for the next chunk moved to its start (no new buffer per chunk).
  let buf = NO_BYTES;
  let length = 0;
  const room = (n: number) => {
    if (n <= buf.length) return;
    const bigger = new Uint8Array(Math.max(2 * buf.length, n));
    bigger.set(buf.subarray(0, length));
    buf = bigger;
  };
  const ok = eachChunk(bytes, entry, stream, (chunk) => {
    if (beyond !== null) return;
    // A chunk read where it is when nothing is kept from the one before (the whole part, for a small one).
    let b = chunk;
    if (length > 0) {
      room(length + chunk.length);
      buf.set(chunk, length);
      b = buf.subarray(0, length + chunk.length);
    }
    const kept = take(b, false);
    if (b === chunk) {
      length = 0;
      room(chunk.length - kept);
      buf.set(chunk.subarray(kept));
    } else buf.copyWithin(0, kept, b.length);
    length = b.length - kept;
  });
  if (!ok) return null;
  if (beyond === null) take(buf.subarray(0, length), true);
  if (beyond !== null) return { ref: beyond };
  if (phase === 'before') return prefixed ? null : [];
  return parsed === undefined ? parser.done() : parsed;
}
