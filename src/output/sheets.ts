/**
 * The sheet writers: the tables of app/exports.ts as one .xlsx with a sheet each (real numbers and
 * dates, formatted) and as .csv. No export can carry a formula: xlsx text cells are typed as text
 * (never evaluated, so they are written as they are); in CSV every text field is quoted, whatever
 * separator a reader splits on, and one starting like a formula (= + - @, tab, carriage return, or
 * their full-width forms) gets a leading apostrophe.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { excelSerialOf, frenchDate } from '../core/index.ts';
import type { ExportCell, ExportTable } from '../app/exports.ts';

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** "=HYPERLINK(…)" → "'=HYPERLINK(…)": shown as text, never evaluated. */
export function neutralize(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One workbook, a sheet per table: numbers as numbers (2 decimals), dates as date cells, the header row frozen and filterable. */
export function tablesToXlsx(tables: readonly ExportTable[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const t of tables) {
    const ws: XLSX.WorkSheet = {};
    const put = (r: number, c: number, cell: ExportCell) => {
      if (cell === null) return;
      const ref = XLSX.utils.encode_cell({ r, c });
      if (typeof cell === 'string') ws[ref] = { t: 's', v: cell };
      else if (typeof cell === 'number') ws[ref] = { t: 'n', v: cell };
      else if ('day' in cell) ws[ref] = { t: 'n', v: excelSerialOf(cell.day, false), z: 'dd/mm/yyyy' };
      else ws[ref] = { t: 'n', v: cell.cents / 100, z: '#,##0.00' };
    };
    t.head.forEach((h, c) => put(0, c, h));
    t.rows.forEach((row, r) => row.forEach((cell, c) => put(r + 1, c, cell)));
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(t.rows.length, 1), c: Math.max(t.head.length - 1, 0) } });
    ws['!cols'] = t.head.map((h) => ({ wch: Math.max(10, h.length + 2) }));
    if (t.head.length > 0) ws['!autofilter'] = { ref: ws['!ref'] };
    XLSX.utils.book_append_sheet(wb, ws, t.name.slice(0, 31));
  }
  return freezeHeaderRows(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: false }) as ArrayBuffer));
}

const PLAIN_VIEW = '<sheetView workbookViewId="0"/>';
const FROZEN_VIEW = '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>';

/**
 * The header row of every sheet stays in view while scrolling (a frozen pane). SheetJS's community
 * build writes a plain sheet view only, so the pane is put into each worksheet part afterwards; SheetJS
 * writes the parts stored, and they are compressed once, here.
 */
function freezeHeaderRows(xlsx: Uint8Array): Uint8Array {
  const parts = unzipSync(xlsx);
  for (const [name, bytes] of Object.entries(parts)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(bytes);
    if (xml.includes(PLAIN_VIEW)) parts[name] = strToU8(xml.replace(PLAIN_VIEW, FROZEN_VIEW));
  }
  return zipSync(parts, { level: 6 });
}

/** A table as CSV for French spreadsheets: UTF-8 with BOM, `;`, decimal comma, dd/mm/yyyy. */
export function tableToCsv(t: ExportTable): string {
  const text = (cell: ExportCell): string => {
    if (cell === null) return '';
    if (typeof cell === 'number') return String(cell).replace('.', ',');
    if (typeof cell === 'string') return quote(neutralize(cell));
    if ('day' in cell) return frenchDate(cell.day);
    const neg = cell.cents < 0 ? '-' : '';
    const abs = Math.abs(cell.cents);
    return `${neg}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
  };
  const lines = [t.head.map((h) => quote(neutralize(h))).join(';'), ...t.rows.map((r) => r.map(text).join(';'))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Every text field quoted: a reader splitting on `,` (or tab, or `|`) still sees one field. */
function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
