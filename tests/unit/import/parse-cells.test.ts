import { describe, expect, it } from 'vitest';
import { isoOf, type Day } from '../../../src/core/index.ts';
import { inferDecimalSeparator, parseAmountText, parseDateText, profileDateColumn } from '../../../src/import/parse-cells.ts';

describe('parseAmountText', () => {
  it.each([
    { input: '12 345,67', decimal: ',', expected: 1234567 },
    { input: '12\u202f345,67\u00a0€', decimal: ',', expected: 1234567, notes: 'narrow no-break space from Intl fr-FR' },
    { input: '1.234,56', decimal: ',', expected: 123456 },
    { input: '1,020.00', decimal: '.', expected: 102000 },
    { input: '$13.50', decimal: '.', expected: 1350 },
    { input: '"-50,00"'.slice(1, -1), decimal: ',', expected: -5000 },
    { input: '(1 200,00)', decimal: ',', expected: -120000 },
    { input: '0000000074,70', decimal: ',', expected: 7470, notes: 'zero-padded FEC amount' },
    { input: '123,45-', decimal: ',', expected: -12345, notes: 'trailing sign' },
    { input: '1,020', decimal: '.', expected: 102000, notes: 'thousands comma in a dot-decimal column' },
    { input: '1,5', decimal: '.', expected: 150, notes: 'a comma that cannot be thousands' },
    { input: 'EUR 99', decimal: ',', expected: 9900 },
    { input: "1'234.50", decimal: '.', expected: 123450 },
  ])('$input → $expected', ({ input, decimal, expected }) => {
    expect(parseAmountText(input, decimal as ',' | '.')?.cents).toBe(expected);
  });

  it.each(['abc', '12/03/2025', '1,2,3,4', '--', '1.2.3,4,5'])('refuses %j', (s) => {
    expect(parseAmountText(s, ',')).toBeNull();
  });
});

describe('inferDecimalSeparator', () => {
  it('finds the decimal comma from values like 12,5', () => {
    expect(inferDecimalSeparator(['1 234,56', '12,5', '300'], '.')).toBe(',');
  });
  it('finds the decimal dot', () => {
    expect(inferDecimalSeparator(['1,234.56', '55.94'], ',')).toBe('.');
  });
  it('falls back when nothing tells', () => {
    expect(inferDecimalSeparator(['1,234', '300'], ',')).toBe(',');
  });
});

describe('parseDateText', () => {
  it.each([
    ['2025-03-07', 'dmy', '2025-03-07'],
    ['2021-01-28T10:00:00+02:00', 'dmy', '2021-01-28'],
    ['20230109', 'dmy', '2023-01-09'],
    ['07/03/2025', 'dmy', '2025-03-07'],
    ['07/03/2025', 'mdy', '2025-07-03'],
    ['1/6/2012', 'mdy', '2012-01-06'],
    ['01/04/20', 'dmy', '2020-04-01'],
    ['Jan 28 2021', 'dmy', '2021-01-28'],
    ['28 janvier 2021', 'dmy', '2021-01-28'],
    ['5 févr. 2024', 'dmy', '2024-02-05'],
    ['15.03.2025', 'dmy', '2025-03-15'],
  ])('%s (%s) → %s', (text, order, iso) => {
    expect(isoOf(parseDateText(text, order as 'dmy' | 'mdy') as Day)).toBe(iso);
  });

  it.each(['31/02/2025', '01/2023', 'hello', '2025-13-01'])('refuses %j', (s) => {
    expect(parseDateText(s, 'dmy')).toBeNull();
  });
});

describe('profileDateColumn', () => {
  it('decides day-first when a day exceeds 12', () => {
    expect(profileDateColumn(['03/01/2012', '25/01/2012'], 'mdy')).toMatchObject({ order: 'dmy', isAmbiguous: false });
  });
  it('decides month-first when the second part exceeds 12', () => {
    expect(profileDateColumn(['1/6/2012', '1/25/2012'], 'dmy')).toMatchObject({ order: 'mdy', isAmbiguous: false });
  });
  it('says when the order is only assumed', () => {
    expect(profileDateColumn(['03/01/2012', '04/02/2012'], 'dmy')).toMatchObject({ order: 'dmy', isAmbiguous: true });
  });
  it('flags a column that mixes both orders', () => {
    expect(profileDateColumn(['25/01/2012', '1/25/2012'], 'dmy')).toMatchObject({ isInconsistent: true });
  });
});
