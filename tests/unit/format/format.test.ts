/** The one formatter: amounts exact to the cent, months as people write them, axis ticks that stay short. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCents, formatCompactCents, formatDays, formatInt, formatMonth, formatPercent, formatShare, warmFormats } from '../../../src/format/format.ts';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('format', () => {
  it('writes money exactly, French and English', () => {
    expect(plain(formatCents(1234567, 'fr'))).toBe('12 345,67 €');
    expect(formatCents(-5, 'en')).toBe('-€0.05');
  });

  it('names months the way a reader writes them, whatever the time zone', () => {
    expect(formatMonth('2025-09', 'fr')).toBe('sept. 2025');
    expect(formatMonth('2026-01', 'fr')).toBe('janv. 2026');
    expect(formatMonth('2025-12', 'en')).toBe('Dec 2025');
    expect(formatMonth('not a month', 'fr')).toBe('not a month');
  });

  it('keeps axis ticks short: thousands and millions, no decimals for round values', () => {
    expect(plain(formatCompactCents(1234567, 'fr'))).toBe('12,3 k €');
    expect(plain(formatCompactCents(123456789, 'fr'))).toBe('1,2 M €');
    expect(plain(formatCompactCents(0, 'fr'))).toBe('0 €');
    expect(formatCompactCents(1234567, 'en')).toBe('€12.3k');
  });
});

describe('formatShare', () => {
  it('prints a ratio as a percentage the reader’s way, with the digits asked for', () => {
    const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
    expect(plain(formatShare(0.1234, 'fr'))).toBe('12,3 %');
    expect(formatShare(0.1234, 'en')).toBe('12.3%');
    expect(plain(formatShare(0.99, 'fr', 0))).toBe('99 %');
    expect(formatShare(null, 'fr')).toBe('non défini');
  });

  it('writes days, percents and counts as toLocaleString does, with its formats made once (and ahead)', () => {
    const lang = fc.constantFrom('fr' as const, 'en' as const);
    const locale = { fr: 'fr-FR', en: 'en-GB' };
    const one = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.integer({ min: -1e9, max: 1e9 }), lang, (x, n, l) => {
        const days = Math.sign(x) * (Math.round(Math.abs(x) * 10 + 1e-9) / 10);
        expect(formatDays(x, l)).toBe(`${days.toLocaleString(locale[l], one)} ${l === 'fr' ? 'j' : 'd'}`);
        expect(formatPercent(x, l)).toBe(`${(Math.round(x * 10) / 10).toLocaleString(locale[l], one)} %`);
        expect(formatInt(n, l)).toBe(n.toLocaleString(locale[l]));
      }),
    );
    warmFormats('fr');
    expect(plain(formatDays(12.34, 'fr'))).toBe('12,3 j');
    expect(plain(formatInt(1234567, 'fr'))).toBe('1 234 567');
    expect(formatInt(1234567, 'en')).toBe('1,234,567');
  });
});
