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

/**
 * Splits `total` cents into parts proportional to `weights` (non-negative, not all zero) so that the
 * parts sum to `total` exactly: each part is the floor of its share, and the cents left over go one
 * by one to the largest remainders (ties to the earlier part). A negative total is split as its
 * opposite and negated. With no positive weight, everything goes to the last part.
 */
export function allocateCents(total: Cents, weights: readonly number[]): Cents[] {
  const n = weights.length;
  if (n === 0) throw new RangeError('allocateCents: no part to allocate to');
  if (total < 0) return allocateCents(-total as Cents, weights).map((c) => (c === 0 ? 0 : -c) as Cents);
  let sum = 0;
  for (const w of weights) if (w > 0 && Number.isFinite(w)) sum += w;
  const out = new Array<number>(n).fill(0);
  if (sum <= 0) {
    out[n - 1] = total;
    return out as Cents[];
  }
  const rest = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    const exact = w > 0 && Number.isFinite(w) ? (total * w) / sum : 0;
    const floor = Math.floor(exact);
    out[i] = floor;
    given += floor;
    rest[i] = exact - floor;
  }
  let left = total - given;
  // Parts by remainder, largest first, ties in part order (an insertion sort when parts are few).
  const order = new Int32Array(n);
  if (n > 64) {
    for (let k = 0; k < n; k++) order[k] = k;
    order.sort((a, b) => (rest[b] as number) - (rest[a] as number) || a - b);
  } else for (let k = 0; k < n; k++) {
    const r = rest[k] as number;
    let j = k - 1;
    while (j >= 0 && (rest[order[j] as number] as number) < r) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = k;
  }
  for (let k = 0; left > 0; k = (k + 1) % n, left--) {
    const i = order[k] as number;
    out[i] = (out[i] as number) + 1;
  }
  // Rounding of huge totals can overshoot by a cent or two: taken back from the smallest remainders.
  for (let k = n - 1; left < 0; k = (k + n - 1) % n) {
    const i = order[k] as number;
    if ((out[i] as number) > 0) {
      out[i] = (out[i] as number) - 1;
      left++;
    }
  }
  return out as Cents[];
}
