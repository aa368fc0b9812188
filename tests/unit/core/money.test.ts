import { describe, expect, it } from 'vitest';
import { centsFromDecimalString, centsFromNumber, divideRounded } from '../../../src/core/index.ts';

describe('centsFromDecimalString', () => {
  it.each([
    ['12345.67', 1234567, false],
    ['-0.5', -50, false],
    ['10.005', 1001, true],
    ['-10.005', -1001, true],
    ['10.004', 1000, true],
    ['1.2e3', 120000, false],
    ['007', 700, false],
    ['.5', 50, false],
  ])('%s → %i cents', (s, c, sub) => {
    expect(centsFromDecimalString(s)).toEqual({ cents: c, hadSubCent: sub });
  });

  it.each(['', '.', 'abc', '1,5', '--1', '1e400'])('refuses %j', (s) => {
    expect(centsFromDecimalString(s)).toBeNull();
  });
});

describe('centsFromNumber', () => {
  it('reads spreadsheet doubles through their shortest decimal form', () => {
    expect(centsFromNumber(55.94)?.cents).toBe(5594);
    expect(centsFromNumber(0.1 + 0.2)?.cents).toBe(30);
    expect(centsFromNumber(1234567.89)?.cents).toBe(123456789);
  });
});

describe('divideRounded', () => {
  it('rounds half away from zero and half even as named', () => {
    expect(divideRounded(5n, 2n, 'halfAwayFromZero')).toBe(3n);
    expect(divideRounded(-5n, 2n, 'halfAwayFromZero')).toBe(-3n);
    expect(divideRounded(5n, 2n, 'halfEven')).toBe(2n);
    expect(divideRounded(7n, 2n, 'halfEven')).toBe(4n);
    expect(divideRounded(7n, 2n, 'down')).toBe(3n);
  });
});
