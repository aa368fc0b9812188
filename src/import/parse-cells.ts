/**
 * Cell values → cents and calendar days. Decisions that depend on the whole column (decimal
 * separator, day/month order) are taken once per column from its values, then applied to each
 * cell, so that "03/04/2025" is read the same way on every row and the choice can be shown.
 */
import { centsFromDecimalString, centsFromNumber, dayFromExcelSerial, dayFromYmd, type Cents, type Day } from '../core/index.ts';
import { isDateCell, type Cell } from './grid.ts';

export type DecimalSeparator = ',' | '.';
export type DateOrder = 'dmy' | 'mdy';

export type AmountParse = { cents: Cents; hadSubCent: boolean; wasText: boolean } | null;

const CURRENCY = /(€|\$|£|¥|₪|\bEUR\b|\bUSD\b|\bGBP\b|\bCHF\b|\bILS\b|\bCAD\b|\beuros?\b|\bEUROS?\b)/g;
const SPACES = /[\s\u00a0\u202f\u2009\u2007'’]/g;

/** Chooses the decimal separator of a column from its text values; `fallback` when nothing tells. */
export function inferDecimalSeparator(texts: Iterable<string>, fallback: DecimalSeparator): DecimalSeparator {
  let comma = 0;
  let dot = 0;
  for (const raw of texts) {
    const s = raw.replace(CURRENCY, '').replace(SPACES, '');
    const lastComma = s.lastIndexOf(',');
    const lastDot = s.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) comma++;
      else dot++;
    } else if (lastComma >= 0) {
      // One comma not followed by exactly three digits is a decimal comma; several commas are thousands.
      if (s.indexOf(',') !== lastComma) dot++;
      else if (s.length - lastComma - 1 !== 3) comma++;
    } else if (lastDot >= 0) {
      if (s.indexOf('.') !== lastDot) comma++;
      else if (s.length - lastDot - 1 !== 3) dot++;
    }
  }
  if (comma > dot) return ',';
  if (dot > comma) return '.';
  return fallback;
}

/** Parses an amount written as text: currency signs, spaces, thousands separators, (negative), trailing minus. */
export function parseAmountText(raw: string, decimal: DecimalSeparator): { cents: Cents; hadSubCent: boolean } | null {
  let s = raw.trim();
  if (s === '' || s === '-') return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(CURRENCY, '').replace(SPACES, '');
  if (/^[-−–]/.test(s)) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (/[-−]$/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  if (/^(CR|Cr|cr)$/.test(s.slice(-2))) {
    negative = !negative;
    s = s.slice(0, -2);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const commas = count(s, ',');
  const dots = count(s, '.');
  let normalized: string;
  if (commas > 0 && dots > 0) {
    const dec = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const thousands = dec === ',' ? '.' : ',';
    if (count(s, dec) > 1) return null;
    if (!validThousands(s.slice(0, s.lastIndexOf(dec)), thousands)) return null;
    normalized = s.split(thousands).join('').replace(dec, '.');
  } else if (commas > 0) {
    normalized = separatorOnly(s, ',', decimal);
  } else if (dots > 0) {
    normalized = separatorOnly(s, '.', decimal);
  } else {
    normalized = s;
  }
  if (normalized === '' || !/^\d*\.?\d*$/.test(normalized)) return null;
  const parsed = centsFromDecimalString((negative ? '-' : '') + normalized);
  return parsed;
}

/** One kind of separator only: decimal when it is the column's decimal, or when it cannot be thousands. */
function separatorOnly(s: string, sep: ',' | '.', decimal: DecimalSeparator): string {
  const n = count(s, sep);
  const looksThousands = /^\d{1,3}([.,]\d{3})+$/.test(s);
  if (n > 1) return looksThousands ? s.split(sep).join('') : 'x';
  if (sep === decimal || !looksThousands) return s.replace(sep, '.');
  return s.split(sep).join('');
}

function validThousands(intPart: string, sep: string): boolean {
  if (!intPart.includes(sep)) return true;
  const groups = intPart.split(sep);
  return groups.every((g, i) => (i === 0 ? /^\d{1,3}$/.test(g) : /^\d{3}$/.test(g)));
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === ch) n++;
  return n;
}

/** An amount cell: numbers as they are, text through `parseAmountText`. Booleans and dates are not amounts. */
export function parseAmountCell(cell: Cell, decimal: DecimalSeparator): AmountParse | 'invalid' {
  if (cell === null) return null;
  if (typeof cell === 'number') {
    const r = centsFromNumber(cell);
    return r ? { ...r, wasText: false } : 'invalid';
  }
  if (typeof cell === 'string') {
    if (cell.trim() === '') return null;
    const r = parseAmountText(cell, decimal);
    return r ? { ...r, wasText: true } : 'invalid';
  }
  return 'invalid';
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  jan: 1, janv: 1, janvier: 1, january: 1,
  feb: 2, fev: 2, fevr: 2, fevrier: 2, february: 2,
  mar: 3, mars: 3, march: 3,
  apr: 4, avr: 4, avril: 4, april: 4,
  may: 5, mai: 5,
  jun: 6, juin: 6, june: 6,
  jul: 7, juil: 7, juillet: 7, july: 7,
  aug: 8, aou: 8, aout: 8, august: 8,
  sep: 9, sept: 9, septembre: 9, september: 9,
  oct: 10, octobre: 10, october: 10,
  nov: 11, novembre: 11, november: 11,
  dec: 12, decembre: 12, december: 12,
};

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ])/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:$|[T ]\d)/;
const MONTH_FIRST = /^([a-zéèûô.]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const DAY_FIRST = /^(\d{1,2})(?:er|st|nd|rd|th)?[\s-]+([a-zéèûô.]+)\.?[\s-]+(\d{4}|\d{2})$/i;

export type DateColumnProfile = {
  /** Day/month order for numeric dates like 03/04/2025; null when the column has none. */
  order: DateOrder | null;
  /** True when no value told the order (every day and month ≤ 12): the order is an assumption. */
  isAmbiguous: boolean;
  /** True when some values need day-first and others month-first. */
  isInconsistent: boolean;
  textCount: number;
  dateCellCount: number;
};

/** Looks at all values of a date column to decide the day/month order of numeric text dates. */
export function profileDateColumn(cells: Iterable<Cell>, fallback: DateOrder): DateColumnProfile {
  let firstOver12 = 0;
  let secondOver12 = 0;
  let numeric = 0;
  let textCount = 0;
  let dateCellCount = 0;
  for (const c of cells) {
    if (isDateCell(c)) {
      dateCellCount++;
      continue;
    }
    if (typeof c !== 'string' || c.trim() === '') continue;
    textCount++;
    const m = NUMERIC.exec(c.trim());
    if (!m) continue;
    numeric++;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) firstOver12++;
    if (b > 12 && a <= 12) secondOver12++;
  }
  if (numeric === 0) return { order: null, isAmbiguous: false, isInconsistent: false, textCount, dateCellCount };
  if (firstOver12 > 0 && secondOver12 > 0) {
    return { order: firstOver12 >= secondOver12 ? 'dmy' : 'mdy', isAmbiguous: false, isInconsistent: true, textCount, dateCellCount };
  }
  if (firstOver12 > 0) return { order: 'dmy', isAmbiguous: false, isInconsistent: false, textCount, dateCellCount };
  if (secondOver12 > 0) return { order: 'mdy', isAmbiguous: false, isInconsistent: false, textCount, dateCellCount };
  return { order: fallback, isAmbiguous: true, isInconsistent: false, textCount, dateCellCount };
}

/** Two-digit years as spreadsheets read them: 00–29 → 2000s, 30–99 → 1900s. */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

function monthNumber(word: string): number | undefined {
  const key = word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f.]/g, '');
  return MONTHS[key];
}

/** Parses a date written as text; `order` decides numeric day/month order. */
export function parseDateText(raw: string, order: DateOrder): Day | null {
  const s = raw.trim();
  let m = ISO.exec(s);
  if (m) return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT.exec(s);
  if (m) return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3] as string);
    return order === 'dmy' ? dayFromYmd(y, b, a) : dayFromYmd(y, a, b);
  }
  m = MONTH_FIRST.exec(s);
  if (m) {
    const month = monthNumber(m[1] as string);
    return month ? dayFromYmd(Number(m[3]), month, Number(m[2])) : null;
  }
  m = DAY_FIRST.exec(s);
  if (m) {
    const month = monthNumber(m[2] as string);
    return month ? dayFromYmd(fullYear(m[3] as string), month, Number(m[1])) : null;
  }
  return null;
}

/** A date cell: date cells as they are, text through `parseDateText`, bare serials and yyyymmdd numbers. */
export function parseDateCell(cell: Cell, order: DateOrder, is1904: boolean): Day | null | 'invalid' {
  if (cell === null) return null;
  if (isDateCell(cell)) return cell.day;
  if (typeof cell === 'string') {
    if (cell.trim() === '') return null;
    return parseDateText(cell, order) ?? 'invalid';
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 29991231) {
      const s = String(cell);
      return dayFromYmd(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))) ?? 'invalid';
    }
    // A serial without a date format (common in generated files): accept the plausible range 1955–2119.
    if (cell >= 20000 && cell < 80000) return dayFromExcelSerial(cell, is1904) ?? 'invalid';
    return 'invalid';
  }
  return 'invalid';
}
