/**
 * Calendar days with no time of day and no time zone.
 *
 * A `Day` is the integer number of days since 1970-01-01 (proleptic Gregorian). `b - a` is the
 * number of calendar days between two dates, and nothing here ever reads the clock or the
 * local time zone: the civil-from-days algorithms below (H. Hinnant) are pure integer arithmetic.
 */

export type Day = number & { readonly __brand: 'Day' };

/** Days between 1899-12-30 (Excel 1900 system day 0, after the phantom 29 Feb 1900) and 1970-01-01. */
const EXCEL_1900_EPOCH = -25569;
/** Days between 1904-01-01 (Excel 1904 system day 0) and 1970-01-01. */
const EXCEL_1904_EPOCH = -24107;

/** Builds a Day from a civil date; returns null when the date does not exist (31 Feb, month 13). */
export function dayFromYmd(year: number, month: number, day: number): Day | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (year < 1000 || year > 9999) return null;
  return daysFromCivil(year, month, day) as Day;
}

/** The civil date of a Day. */
export function ymdOf(d: Day): { year: number; month: number; day: number } {
  return civilFromDays(d);
}

/** Parses exactly `YYYY-MM-DD`; returns null for anything else. */
export function dayFromIso(s: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `YYYY-MM-DD`. */
export function isoOf(d: Day): string {
  const { year, month, day } = civilFromDays(d);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** `dd/mm/yyyy`, the French display form. */
export function frenchDate(d: Day): string {
  const { year, month, day } = civilFromDays(d);
  return `${pad2(day)}/${pad2(month)}/${String(year).padStart(4, '0')}`;
}

export function addDays(d: Day, n: number): Day {
  return (d + n) as Day;
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: Day, b: Day): number {
  return b - a;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Moves by whole months keeping the day of month, clamped to the target month's last day
 * (31 Mar − 1 month = 28 or 29 Feb), as numbers.md defines the sales windows.
 */
export function addMonths(d: Day, n: number): Day {
  const { year, month, day } = civilFromDays(d);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(day, daysInMonth(y, m))) as Day;
}

export function endOfMonth(d: Day): Day {
  const { year, month } = civilFromDays(d);
  return daysFromCivil(year, month, daysInMonth(year, month)) as Day;
}

export function startOfMonth(d: Day): Day {
  const { year, month } = civilFromDays(d);
  return daysFromCivil(year, month, 1) as Day;
}

/** First day (1 Jan or 1 Jul) of the half-year that contains `d`. */
export function startOfHalfYear(d: Day): Day {
  const { year, month } = civilFromDays(d);
  return daysFromCivil(year, month <= 6 ? 1 : 7, 1) as Day;
}

/**
 * Converts an Excel serial to a Day in the workbook's own date system. Only the integer part
 * counts (a time of day is dropped). The 1900 system counts a phantom 29 Feb 1900 (serial 60):
 * serials below 61 are shifted by one so that serial 1 is 1900-01-01; serial 60 has no real
 * date and is returned as 1900-02-28 (Excel shows "29/02/1900").
 */
export function dayFromExcelSerial(serial: number, is1904: boolean): Day | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (is1904) {
    if (whole < 0 || whole > 2957003) return null;
    return (whole + EXCEL_1904_EPOCH) as Day;
  }
  if (whole < 1 || whole > 2958465) return null;
  if (whole === 60) return (59 + EXCEL_1900_EPOCH + 1) as Day;
  return (whole < 61 ? whole + EXCEL_1900_EPOCH + 1 : whole + EXCEL_1900_EPOCH) as Day;
}

/** The Excel serial of a Day (1900 system unless `is1904`), as spreadsheet writers need. */
export function excelSerialOf(d: Day, is1904: boolean): number {
  if (is1904) return d - EXCEL_1904_EPOCH;
  const serial = d - EXCEL_1900_EPOCH;
  return serial < 61 ? serial - 1 : serial;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// Howard Hinnant's days_from_civil / civil_from_days, valid for the whole proleptic Gregorian range.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): { year: number; month: number; day: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Index of the last of `sorted` (ascending) that is ≤ `x`, or -1 when none is. */
export function lastAtOrBefore(sorted: ArrayLike<number>, x: number): number {
  let lo = -1;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sorted[mid] as number) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The Monday on or before `d` (1970-01-01, day 0, was a Thursday). */
export function mondayOnOrBefore(d: Day): Day {
  return (d - ((((d + 3) % 7) + 7) % 7)) as Day;
}
