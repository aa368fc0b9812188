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
    const vote = decimalVote(raw);
    if (vote === ',') comma++;
    else if (vote === '.') dot++;
  }
  if (comma > dot) return ',';
  if (dot > comma) return '.';
  return fallback;
}

/** What one text value says of its column's decimal separator (null: nothing). */
export function decimalVote(raw: string): DecimalSeparator | null {
  // Plain amounts (digits, one separator with 1 or 2 decimals) tell at once, without regular expressions.
  const plain = plainAmount(raw);
  if (plain !== null) return plain === '' ? null : plain;
  const s = raw.replace(CURRENCY, '').replace(SPACES, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) return lastComma > lastDot ? ',' : '.';
  if (lastComma >= 0) {
    // One comma not followed by exactly three digits is a decimal comma; several commas are thousands.
    if (s.indexOf(',') !== lastComma) return '.';
    return s.length - lastComma - 1 !== 3 ? ',' : null;
  }
  if (lastDot >= 0) {
    if (s.indexOf('.') !== lastDot) return ',';
    return s.length - lastDot - 1 !== 3 ? '.' : null;
  }
  return null;
}

/**
 * `-?digits([.,]d{1,2})?`, the shape of nearly every amount in an export: its separator ('' when
 * none), or null when the text has any other shape. A separator followed by one or two digits
 * can only be a decimal one.
 */
function plainAmount(s: string): ',' | '.' | '' | null {
  const n = s.length;
  let i = 0;
  if (n > 0 && s.charCodeAt(0) === 45) i = 1;
  const start = i;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  const digits = i - start;
  if (digits === 0 || digits > 13) return null;
  if (i === n) return '';
  const sep = s.charCodeAt(i);
  if (sep !== 44 && sep !== 46) return null;
  const frac = n - i - 1;
  if (frac < 1 || frac > 2) return null;
  for (let j = i + 1; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  return sep === 44 ? ',' : '.';
}

/** Cents of a text already known to be a plain amount (see plainAmount). */
function plainCents(s: string): Cents {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let units = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    units = units * 10 + (c - 48);
  }
  let cents = units * 100;
  if (i < n) {
    cents += (s.charCodeAt(i + 1) - 48) * 10;
    if (i + 2 < n) cents += s.charCodeAt(i + 2) - 48;
  }
  return (negative && cents !== 0 ? -cents : cents) as Cents;
}

/** Parses an amount written as text: currency signs, spaces, thousands separators, (negative), trailing minus. */
export function parseAmountText(raw: string, decimal: DecimalSeparator): { cents: Cents; hadSubCent: boolean } | null {
  if (plainAmount(raw) !== null) return { cents: plainCents(raw), hadSubCent: false };
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
    // Whole cents (nearly every cell): below 10^12 a double is far closer to its decimal than 0.01,
    // so c / 100 === cell means the cell's shortest decimal form is c cents exactly.
    if (Math.abs(cell) < 1e12) {
      const c = Math.round(cell * 100);
      if (c / 100 === cell) return { cents: (c === 0 ? 0 : c) as Cents, hadSubCent: false, wasText: false };
    }
    const r = centsFromNumber(cell);
    return r ? { ...r, wasText: false } : 'invalid';
  }
  if (typeof cell === 'string') {
    if (plainAmount(cell) !== null) return { cents: plainCents(cell), hadSubCent: false, wasText: true };
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
    if (typeof c !== 'string') continue;
    const quick = numericDate(c);
    if (quick >= 0) {
      textCount++;
      numeric++;
      const a = (quick / 100) | 0;
      const b = quick % 100;
      if (a > 12 && b <= 12) firstOver12++;
      if (b > 12 && a <= 12) secondOver12++;
      continue;
    }
    if (c.trim() === '') continue;
    textCount++;
    const v = numericDateParts(c);
    if (v < 0) continue;
    numeric++;
    const a = (v / 100) | 0;
    const b = v % 100;
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

/**
 * A text date's first two numbers, first * 100 + second, when it reads as d/m/y or m/d/y (NUMERIC,
 * spaces around allowed); -1 otherwise. What profileDateColumn counts to choose the order.
 */
export function numericDateParts(c: string): number {
  const m = NUMERIC.exec(c.trim());
  return m ? Number(m[1]) * 100 + Number(m[2]) : -1;
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

function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `dd/dd/dddd` (or with `.` or `-`), the common numeric date: first * 100 + second, else -1. */
function numericDate(s: string): number {
  if (s.length !== 10) return -1;
  const sep = s.charCodeAt(2);
  if ((sep !== 47 && sep !== 46 && sep !== 45) || s.charCodeAt(5) !== sep) return -1;
  const a = twoDigits(s, 0);
  const b = twoDigits(s, 3);
  const y1 = twoDigits(s, 6);
  const y2 = twoDigits(s, 8);
  if (a < 0 || b < 0 || y1 < 0 || y2 < 0) return -1;
  return a * 100 + b;
}

/** Parses a date written as text; `order` decides numeric day/month order. */
export function parseDateText(raw: string, order: DateOrder): Day | null {
  const quick = numericDate(raw);
  if (quick >= 0) {
    const y = twoDigits(raw, 6) * 100 + twoDigits(raw, 8);
    const a = (quick / 100) | 0;
    const b = quick % 100;
    return order === 'dmy' ? dayFromYmd(y, b, a) : dayFromYmd(y, a, b);
  }
  if (raw.length === 10 && raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45) {
    const y1 = twoDigits(raw, 0);
    const y2 = twoDigits(raw, 2);
    const mo = twoDigits(raw, 5);
    const d = twoDigits(raw, 8);
    if (y1 >= 0 && y2 >= 0 && mo >= 0 && d >= 0) return dayFromYmd(y1 * 100 + y2, mo, d);
  }
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
    // dd/mm/yyyy first (nearly every text date), before looking for blanks.
    const quick = cell.length === 10 ? parseDateText(cell, order) : null;
    if (quick !== null) return quick;
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
