/** The one formatter: amounts exact to the cent, months as people write them, axis ticks that stay short. */
import { describe, expect, it } from 'vitest';
import { formatCents, formatCompactCents, formatMonth, formatShare } from '../../../src/format/format.ts';

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
});
