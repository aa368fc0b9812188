/**
 * A lean .xlsx/.xlsm reader for the common case: fflate inflates only the parts needed
 * (workbook, relationships, shared strings, styles, worksheets) and a single pass over each
 * sheet's XML builds the cells, with no per-cell objects beyond the values themselves. Dates are
 * recognised from the cell style's number format, in the workbook's date system. Anything
 * unexpected returns null, and the caller falls back to SheetJS (which also serves as the oracle
 * in the differential test).
 */
import { unzipSync, strFromU8 } from 'fflate';
import * as XLSX from 'xlsx';
import { dayFromExcelSerial, dayFromIso } from '../core/index.ts';
import type { Cell, Sheet, Workbook } from './grid.ts';

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(parseInt(dec, 10)) : (NAMED[name as string] as string),
  );
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? (m[1] as string) : null;
}

/** Text of every <t> inside a fragment (rich text runs joined), phonetic runs (<rPh>) left out. */
function textOf(fragment: string): string {
  const clean = fragment.indexOf('<rPh') >= 0 ? fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : fragment;
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(clean)) !== null) out += m[1] ?? '';
  return unescapeXml(out);
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
    out.push(code !== undefined ? XLSX.SSF.is_date(code) : BUILTIN_DATES.has(id));
  }
  return out;
}

/** "AB12" → 27 (0-based column of a cell reference). */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    c = c * 26 + (code - 64);
  }
  return c - 1;
}

function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) >= 65) i++;
  return Number(ref.slice(i)) - 1;
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

export function readXlsxFast(bytes: Uint8Array): Workbook | null {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/i.test(f.name) });
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
  const is1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml);
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\s[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, resolveTarget(target));
  }
  const shared: string[] = [];
  const sst = text('xl/sharedStrings.xml');
  if (sst) for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\s*\/>/g)) shared.push(m[1] === undefined ? '' : textOf(m[1]));
  const isDateStyle = dateStyles(text('xl/styles.xml'));
  const sheets: Sheet[] = [];
  for (const m of workbookXml.matchAll(/<sheet\s[^>]*?\/?>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id');
    const path = rid ? targets.get(rid) : undefined;
    if (name === null || !path) return null;
    const xml = text(path);
    if (xml === null) return null;
    const rows = parseSheet(xml, shared, isDateStyle, is1904);
    if (rows === null) return null;
    sheets.push({ name: unescapeXml(name), hidden: attr(m[0], 'state') !== null && attr(m[0], 'state') !== 'visible', rows });
  }
  return { format: 'xlsx', sheets, is1904 };
}

/** One pass over <sheetData>: rows and cells by their references (or in order when they have none). */
function parseSheet(xml: string, shared: readonly string[], isDateStyle: readonly boolean[], is1904: boolean): (Cell[] | undefined)[] | null {
  const start = xml.indexOf('<sheetData');
  if (start < 0) return [];
  const rows: (Cell[] | undefined)[] = [];
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)|<row\b([^>]*?)(\/?)>/g;
  cellRe.lastIndex = start;
  let rowIndex = -1;
  let colIndex = -1;
  let row: Cell[] | undefined;
  let m: RegExpExecArray | null;
  while ((m = cellRe.exec(xml)) !== null) {
    if (m[3] !== undefined) {
      const r = attr(m[0], 'r');
      rowIndex = r !== null ? Number(r) - 1 : rowIndex + 1;
      colIndex = -1;
      row = m[4] === '/' ? undefined : (rows[rowIndex] ??= []);
      continue;
    }
    const attrs = m[1] ?? '';
    const ref = attr(attrs, 'r');
    if (ref !== null) {
      const r = rowOf(ref);
      if (r !== rowIndex) {
        rowIndex = r;
        row = rows[r] ??= [];
      }
      colIndex = columnOf(ref);
    } else colIndex++;
    if (!row) row = rows[rowIndex] ??= [];
    const inner = m[2] ?? '';
    const t = attr(attrs, 't');
    const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
    let cell: Cell = null;
    if (t === 's') cell = v === undefined ? null : (shared[Number(v)] ?? null);
    else if (t === 'inlineStr') cell = textOf(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
    else if (t === 'str') cell = v === undefined ? null : unescapeXml(v);
    else if (t === 'b') cell = v === undefined ? null : v === '1';
    else if (t === 'e') cell = null;
    else if (t === 'd') {
      const day = v === undefined ? null : dayFromIso(v.slice(0, 10));
      cell = day === null ? (v ?? null) : { day };
    } else if (v !== undefined) {
      const n = Number(v);
      if (!Number.isFinite(n)) return null;
      const s = attr(attrs, 's');
      if (s !== null && isDateStyle[Number(s)]) {
        const day = dayFromExcelSerial(n, is1904);
        cell = day === null ? n : { day };
      } else cell = n;
    }
    if (cell !== null || row[colIndex] === undefined) row[colIndex] = cell;
  }
  // Dense rows: holes become null like SheetJS's dense output.
  for (const r of rows) if (r) for (let i = 0; i < r.length; i++) if (r[i] === undefined) r[i] = null;
  return rows;
}
