import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dayFromExcelSerial, dayFromIso, dayFromYmd, excelSerialOf, frenchDate, isoOf, lastAtOrBefore, startOfHalfYear, type Day } from '../../../src/core/index.ts';

describe('calendar days', () => {
  it.each([
    ['1970-01-01', 0],
    ['2000-02-29', 11016],
    ['2025-12-31', 20453],
    ['1900-03-01', -25508],
  ])('%s is day %i and prints back', (iso, n) => {
    expect(dayFromIso(iso)).toBe(n);
    expect(isoOf(n as Day)).toBe(iso);
  });

  it('refuses dates that do not exist', () => {
    expect(dayFromYmd(2025, 2, 29)).toBeNull();
    expect(dayFromYmd(2024, 2, 29)).not.toBeNull();
    expect(dayFromYmd(2025, 13, 1)).toBeNull();
    expect(dayFromIso('2025-1-01')).toBeNull();
  });

  it('subtracts months keeping the day, clamped to the month end (numbers.md)', () => {
    expect(isoOf(addMonths(dayFromIso('2025-03-31') as Day, -1))).toBe('2025-02-28');
    expect(isoOf(addMonths(dayFromIso('2024-03-31') as Day, -1))).toBe('2024-02-29');
    expect(isoOf(addMonths(dayFromIso('2025-12-31') as Day, -3))).toBe('2025-09-30');
    expect(isoOf(addMonths(dayFromIso('2025-01-15') as Day, -13))).toBe('2023-12-15');
  });

  it('finds the half-year start', () => {
    expect(isoOf(startOfHalfYear(dayFromIso('2025-06-30') as Day))).toBe('2025-01-01');
    expect(isoOf(startOfHalfYear(dayFromIso('2025-07-01') as Day))).toBe('2025-07-01');
  });

  it('prints French dates', () => {
    expect(frenchDate(dayFromIso('2025-03-07') as Day)).toBe('07/03/2025');
  });
});

describe('Excel serials', () => {
  it.each([
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [61, false, '1900-03-01'],
    [45657, false, '2024-12-31'],
    [0, true, '1904-01-01'],
    [1, true, '1904-01-02'],
    [11111, true, '1934-06-03'],
  ])('serial %d (1904: %s) is %s', (serial, is1904, iso) => {
    expect(isoOf(dayFromExcelSerial(serial, is1904) as Day)).toBe(iso);
  });

  it('drops the time of day', () => {
    expect(isoOf(dayFromExcelSerial(45657.99, false) as Day)).toBe('2024-12-31');
  });

  it('round-trips through excelSerialOf in both systems', () => {
    for (const iso of ['1900-01-01', '1900-02-28', '1900-03-01', '1999-12-31', '2025-06-15']) {
      const day = dayFromIso(iso) as Day;
      expect(dayFromExcelSerial(excelSerialOf(day, false), false)).toBe(day);
      if (iso >= '1904') expect(dayFromExcelSerial(excelSerialOf(day, true), true)).toBe(day);
    }
  });
});

describe('lastAtOrBefore', () => {
  it('finds the last element ≤ x of a sorted array, as a linear scan does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (xs, x) => {
        const sorted = [...xs].sort((a, b) => a - b);
        let expected = -1;
        sorted.forEach((v, i) => {
          if (v <= x) expected = i;
        });
        expect(lastAtOrBefore(sorted, x)).toBe(expected);
      }),
    );
  });

});
