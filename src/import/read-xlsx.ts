/**
 * Spreadsheet workbooks (.xlsx/.xlsm/.xls/.ods) → Workbook through SheetJS at its leanest
 * settings. Dates are recognised from the cell's number format and converted in the workbook's
 * own date system (1900 or 1904) here, once.
 */
import type * as XLSX from 'xlsx';
import { sheetJs } from './sheetjs.ts';
import { dayFromExcelSerial } from '../core/index.ts';
import type { Cell, FileFormat, Sheet, Workbook } from './grid.ts';
import { readXlsxFast, STREAMING } from './read-xlsx-fast.ts';

export type XlsxReadFailure = { ok: false; reason: 'EncryptedFile' | 'CorruptFile'; detail: string } | { ok: false; reason: 'CellOutOfRange'; sheet: string; ref: string };
export type XlsxReadSuccess = { ok: true; workbook: Workbook };

type RawCell = { t?: string; v?: unknown; z?: unknown } | null | undefined;

export function readWorkbook(bytes: Uint8Array, format: FileFormat, options: { fast?: boolean; inflateWholeUpTo?: number } = {}): XlsxReadSuccess | XlsxReadFailure {
  // The lean reader first for .xlsx/.xlsm; SheetJS for .xls, .ods and whatever it does not recognise.
  if (format === 'xlsx' && options.fast !== false) {
    const fast = readXlsxFast(bytes, options.inflateWholeUpTo === undefined ? STREAMING : { ...STREAMING, above: options.inflateWholeUpTo });
    if (fast && 'outOfBounds' in fast) return { ok: false, reason: 'CellOutOfRange', sheet: fast.sheet, ref: fast.ref };
    if (fast) return { ok: true, workbook: fast };
  }
  let wb: XLSX.WorkBook;
  try {
    wb = sheetJs().read(bytes, {
      type: 'array',
      dense: true,
      cellDates: false,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellStyles: false,
      cellFormula: false,
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: /password/i.test(detail) ? 'EncryptedFile' : 'CorruptFile', detail };
  }
  const is1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const meta = wb.Workbook?.Sheets ?? [];
  const sheets: Sheet[] = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    const hidden = Number(meta[i]?.Hidden ?? 0) > 0;
    const data = ((ws as unknown as { '!data'?: RawCell[][] } | undefined)?.['!data'] ?? []) as (RawCell[] | undefined)[];
    const rows: (Cell[] | undefined)[] = new Array<Cell[] | undefined>(data.length);
    for (let r = 0; r < data.length; r++) {
      const raw = data[r];
      if (!raw) continue;
      const row: Cell[] = new Array<Cell>(raw.length);
      for (let c = 0; c < raw.length; c++) row[c] = toCell(raw[c], is1904);
      rows[r] = row;
    }
    return { name, hidden, rows };
  });
  return { ok: true, workbook: { format, sheets, is1904 } };
}

function toCell(raw: RawCell, is1904: boolean): Cell {
  if (!raw) return null;
  const v = raw.v;
  switch (raw.t) {
    case 'n': {
      if (typeof v !== 'number') return null;
      if (typeof raw.z === 'string' && raw.z !== 'General' && sheetJs().SSF.is_date(raw.z)) {
        const day = dayFromExcelSerial(v, is1904);
        return day === null ? v : { day };
      }
      return v;
    }
    case 's':
      return typeof v === 'string' ? v : v === undefined || v === null ? null : String(v);
    case 'b':
      return typeof v === 'boolean' ? v : null;
    case 'd': {
      // Only with cellDates; kept for safety: take the calendar date as written (UTC fields).
      if (v instanceof Date && !Number.isNaN(v.getTime())) {
        return { day: Math.floor(v.getTime() / 86400000) as never };
      }
      return typeof v === 'string' ? v : null;
    }
    default:
      return null;
  }
}
