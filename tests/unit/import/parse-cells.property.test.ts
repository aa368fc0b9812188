/**
 * The hand-written fast paths of parse-cells (plain amounts, whole-cent numbers, dd/mm/yyyy dates)
 * must give what the general parsers give: the same text padded with a space takes the general path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsFromDecimalString, centsFromNumber, dayFromYmd } from '../../../src/core/index.ts';
import { inferDecimalSeparator, parseAmountCell, parseAmountText, parseDateCell, parseDateText, profileDateColumn } from '../../../src/import/parse-cells.ts';

const plainAmount = fc
  .tuple(fc.boolean(), fc.stringMatching(/^\d{1,13}$/), fc.constantFrom('', ',', '.'), fc.stringMatching(/^\d{1,2}$/))
  .map(([neg, int, sep, frac]) => `${neg ? '-' : ''}${int}${sep === '' ? '' : sep + frac}`);

describe('fast paths agree with the general parsers', () => {
  it('plain amounts: cents as the decimal string says, same as with a space around', () => {
    fc.assert(
      fc.property(plainAmount, fc.constantFrom(',' as const, '.' as const), (s, decimal) => {
        const fast = parseAmountText(s, decimal);
        expect(fast).toEqual(centsFromDecimalString(s.replace(',', '.')));
        expect(parseAmountText(` ${s} `, decimal)).toEqual(fast);
        expect(parseAmountCell(s, decimal)).toEqual(fast === null ? 'invalid' : { ...fast, wasText: true });
      }),
    );
  });

  it('numbers: whole cents and beyond, same as through their shortest decimal form', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e13, max: 1e13 }).map((c) => c / 100), fc.double({ min: -1e14, max: 1e14, noNaN: true })), (x) => {
        const general = centsFromNumber(x);
        expect(parseAmountCell(x, ',')).toEqual(general === null ? 'invalid' : { ...general, wasText: false });
      }),
    );
  });

  it('the decimal separator is inferred the same with and without the fast path', () => {
    fc.assert(
      fc.property(fc.array(plainAmount, { maxLength: 20 }), (texts) => {
        expect(inferDecimalSeparator(texts, ',')).toBe(inferDecimalSeparator(texts.map((t) => ` ${t}`), ','));
        expect(inferDecimalSeparator(texts, '.')).toBe(inferDecimalSeparator(texts.map((t) => ` ${t}`), '.'));
      }),
    );
  });

  it('blank text of any length is an empty date cell, not an invalid one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ \t\u00a0]{0,14}$/), (blank) => {
        expect(parseDateCell(blank, 'dmy', false)).toBeNull();
      }),
    );
    expect(parseDateCell(' '.repeat(10), 'dmy', false)).toBeNull();
  });

  it('dd/mm/yyyy and yyyy-mm-dd dates, valid or not', () => {
    const two = fc.integer({ min: 0, max: 39 }).map((n) => String(n).padStart(2, '0'));
    const year = fc.integer({ min: 900, max: 9999 }).map((n) => String(n).padStart(4, '0'));
    fc.assert(
      fc.property(two, two, year, fc.constantFrom('/', '.', '-'), fc.constantFrom('dmy' as const, 'mdy' as const), (a, b, y, sep, order) => {
        const s = `${a}${sep}${b}${sep}${y}`;
        const [d, m] = order === 'dmy' ? [a, b] : [b, a];
        expect(parseDateText(s, order)).toBe(dayFromYmd(Number(y), Number(m), Number(d)));
        expect(parseDateText(` ${s}`, order)).toBe(parseDateText(s, order));
        const iso = `${y}-${a}-${b}`;
        expect(parseDateText(iso, order)).toBe(dayFromYmd(Number(y), Number(a), Number(b)));
        expect(parseDateText(` ${iso}`, order)).toBe(parseDateText(iso, order));
        expect(profileDateColumn([s, '13/01/2025'], 'dmy')).toEqual(profileDateColumn([` ${s} `, '13/01/2025'], 'dmy'));
      }),
    );
  });
});
