/**
 * Money as signed integer cents. Conversion from text or spreadsheet numbers happens only at the
 * edges (src/import); every division here names its rounding.
 */

export type Cents = number & { readonly __brand: 'Cents' };

/** Far below 2^53 so that sums of 500,000 amounts stay exact integers. */
export const MAX_ABS_CENTS = 1e15;

export const ZERO = 0 as Cents;

export function cents(n: number): Cents {
  if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_ABS_CENTS) {
    throw new RangeError('cents: not a safe integer amount');
  }
  return n as Cents;
}

export function isValidCents(n: number): n is Cents {
  return Number.isSafeInteger(n) && Math.abs(n) <= MAX_ABS_CENTS;
}

export function addCents(a: Cents, b: Cents): Cents {
  return (a + b) as Cents;
}

export function subCents(a: Cents, b: Cents): Cents {
  return (a - b) as Cents;
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  return total as Cents;
}

export type RoundingMode = 'halfAwayFromZero' | 'halfEven' | 'down';

/**
 * Divides an exact integer numerator by a positive integer denominator and rounds with the named
 * mode. BigInt keeps products such as balance × rate × days exact beyond 2^53.
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator <= 0n) throw new RangeError('divideRounded: denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let q = abs / denominator;
  const r = abs - q * denominator;
  if (mode === 'halfAwayFromZero') {
    if (r * 2n >= denominator) q += 1n;
  } else if (mode === 'halfEven') {
    if (r * 2n > denominator || (r * 2n === denominator && q % 2n === 1n)) q += 1n;
  }
  return negative ? -q : q;
}

/**
 * Parses a plain decimal string (`-1234.5`, `12.345e2`) into cents exactly, rounding half away
 * from zero beyond the second decimal. Returns null when the text is not such a number.
 * `roundedAway` tells whether digits beyond the cent were present and non-zero.
 */
export function centsFromDecimalString(s: string): { cents: Cents; hadSubCent: boolean } | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return null;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return null;
  const exp = m[4] ? Number(m[4]) : 0;
  if (Math.abs(exp) > 30) return null;
  let digits = (intPart + fracPart).replace(/^0+(?=\d)/, '');
  // Position of the decimal point measured from the right of `digits`.
  let scale = fracPart.length - exp;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  const value = BigInt(digits === '' ? '0' : digits);
  let result: bigint;
  let hadSubCent = false;
  if (scale <= 2) {
    result = value * 10n ** BigInt(2 - scale);
  } else {
    const den = 10n ** BigInt(scale - 2);
    hadSubCent = value % den !== 0n;
    result = divideRounded(value, den, 'halfAwayFromZero');
  }
  if (m[1] === '-') result = -result;
  const n = Number(result);
  if (!isValidCents(n)) return null;
  return { cents: (n === 0 ? 0 : n) as Cents, hadSubCent };
}

/** Converts a spreadsheet number (a double such as 55.94) to cents through its shortest decimal form. */
export function centsFromNumber(x: number): { cents: Cents; hadSubCent: boolean } | null {
  if (!Number.isFinite(x)) return null;
  return centsFromDecimalString(String(x));
}
