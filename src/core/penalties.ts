/**
 * Late-payment penalties (Code de commerce L441-10 II) and the €40 recovery indemnity (D441-5),
 * as numbers.md § "Late-payment penalties" defines them: interest from the day after the due
 * date, on the open balance of each day, cut at each half-year (1 Jan, 1 Jul) and at each partial
 * payment; each piece at its half-year's rate (contractual, else ECB MRO on 1 Jan / 1 Jul + 10
 * points); pieces summed exactly and rounded once, half away from zero.
 */
import { addMonths, dayFromIso, dayFromYmd, isoOf, lastAtOrBefore, startOfHalfYear, ymdOf, type Day } from './day.ts';
import { divideRounded, type Cents } from './money.ts';
import type { Invoice } from './ledger.ts';
import { ECB_MRO, MRO_KNOWN_THROUGH_HALF_YEAR } from './rates/ecb-mro.ts';
import { TAUX_LEGAL } from './rates/taux-legal.ts';

/** €40 per late invoice (D441-5). */
export const RECOVERY_INDEMNITY_CENTS = 4000 as Cents;
/** Default rate = MRO + 10 percentage points (L441-10 II). */
export const DEFAULT_MARGIN_BP = 1000;

export type DayCount = '365' | 'actual';
export type RateSource = 'table' | 'user' | 'latest' | 'contract' | 'floor';

export type HalfYearRate = {
  readonly halfYear: string;
  readonly mroBp: number | null;
  readonly rateBp: number;
  readonly source: RateSource;
  /** 3 × taux légal "autres cas": the floor a contractual rate may not go under. */
  readonly floorBp: number | null;
};

export type PenaltyOptions = {
  readonly asOf: Day;
  /**
   * b2b (default): L441-10, from the day after the due date. public: MRO of the half-year in which
   * the delay began + 8 points, fixed (R2192-31 CCP). b2c: taux légal ("autres cas": the creditor is a
   * professional) from the day after `interestFrom` (the mise en demeure), none before it; no €40.
   */
  readonly regime?: 'b2b' | 'b2c' | 'public';
  /** B2C: the mise en demeure date; interest runs from the next day. */
  readonly interestFrom?: Day;
  /** Collective procedure: interest stops at the opening judgment (L622-28). */
  readonly stopAt?: Day;
  /** A contractual annual rate in basis points, replacing MRO + 10. */
  readonly contractualRateBp?: number;
  readonly dayCount?: DayCount;
  /** Rates typed by the user for half-years missing from the tables: `YYYY-S1|S2` → MRO in bp. */
  readonly userMroBp?: ReadonlyMap<string, number>;
  /** The pieces are not listed (`pieces` stays empty): the caller reads the totals and warnings only. */
  readonly withoutPieces?: boolean;
};

export type PenaltyPiece = { readonly from: Day; readonly to: Day; readonly days: number; readonly balance: Cents; readonly rateBp: number; readonly source: RateSource };

export type PenaltyWarning = { readonly code: 'RateUnknownForHalfYear' | 'ContractRateBelowFloor'; readonly halfYear: string; readonly rateBp: number; readonly floorBp?: number };

export type InvoicePenalty = {
  readonly daysLate: number;
  readonly interestCents: Cents;
  readonly indemnityCents: Cents;
  readonly pieces: readonly PenaltyPiece[];
  readonly warnings: readonly PenaltyWarning[];
};

const MRO_DAYS = ECB_MRO.map(([d, bp]) => [dayFromIso(d) as Day, bp] as const);
const KNOWN_THROUGH = dayFromIso(MRO_KNOWN_THROUGH_HALF_YEAR) as Day;

/** `2025-S2` for any day of July–December 2025. */
export function halfYearKey(d: Day): string {
  const { year, month } = ymdOf(d);
  return `${year}-S${month <= 6 ? 1 : 2}`;
}

/** The MRO in force on a day: the latest change that took effect on or before it. */
export function mroInForce(d: Day): number | null {
  let bp: number | null = null;
  for (const [day, rate] of MRO_DAYS) {
    if (day > d) break;
    bp = rate;
  }
  return bp;
}

/** 3 × taux légal "autres cas" of the half-year, or null when unknown. */
export function floorRateBp(d: Day): number | null {
  return halfYearInfo(d).floorBp;
}

/** Taux légal of the half-year for a creditor who is a private individual (true) or in all other cases. */
export function legalRateBp(d: Day, creditorIsIndividual: boolean): number | null {
  const info = halfYearInfo(d);
  return creditorIsIndividual ? info.legalIndividualBp : info.legalOtherBp;
}

/** The taux légal row of a half-year (by its first day), or undefined when the table has none. */
function tauxLegalRow(start: Day): readonly [string, number, number] | undefined {
  const key = isoOf(start);
  return TAUX_LEGAL.find((r) => r[0] === key);
}

/** The last day whose half-year rate is known from the shipped table ("rates known up to …"). */
export function ratesKnownUntil(): Day {
  return (addMonths(KNOWN_THROUGH, 6) - 1) as Day;
}

type HalfYearInfo = {
  readonly start: Day;
  readonly key: string;
  readonly floorBp: number | null;
  readonly mroBp: number | null;
  /** The taux légal of the half-year: creditor a private individual, all other cases. */
  readonly legalIndividualBp: number | null;
  readonly legalOtherBp: number | null;
  /** The L441-10 rate when neither a contract nor the user sets one: made once, on first use. */
  defaultRate?: HalfYearRate;
};

/** 1 Jan and 1 Jul of 1900–2199, ascending: a day's half-year is found by binary search. */
let halfYearStarts: Day[] | null = null;
const halfYearInfos = new Map<number, HalfYearInfo>();

function halfYearStartDays(): readonly Day[] {
  if (halfYearStarts === null) {
    halfYearStarts = [];
    for (let y = 1900; y < 2200; y++) halfYearStarts.push(dayFromYmd(y, 1, 1) as Day, dayFromYmd(y, 7, 1) as Day);
  }
  return halfYearStarts;
}

/**
 * The half-year containing `d`: its first day, key, taux légal, floor rate and the MRO in force on
 * its first day, computed once per half-year (a worklist asks for them for every piece of every
 * invoice, and for the taux légal of every claimed invoice).
 */
function halfYearInfo(d: Day): HalfYearInfo {
  const starts = halfYearStartDays();
  let start: Day;
  if (d < (starts[0] as Day) || d > (starts[starts.length - 1] as Day) + 183) start = startOfHalfYear(d);
  else start = starts[lastAtOrBefore(starts, d)] as Day;
  let info = halfYearInfos.get(start);
  if (!info) {
    const row = tauxLegalRow(start);
    info = { start, key: halfYearKey(start), floorBp: row ? row[2] * 3 : null, mroBp: mroInForce(start), legalIndividualBp: row ? row[1] : null, legalOtherBp: row ? row[2] : null };
    halfYearInfos.set(start, info);
  }
  return info;
}

/** The L441-10 default rate of the half-year containing `d`, with where it came from. */
export function halfYearRate(d: Day, options: Pick<PenaltyOptions, 'contractualRateBp' | 'userMroBp'> = {}): HalfYearRate {
  const info = halfYearInfo(d);
  const { start, key, floorBp, mroBp } = info;
  if (options.contractualRateBp !== undefined) {
    return { halfYear: key, mroBp: null, rateBp: options.contractualRateBp, source: 'contract', floorBp };
  }
  const typed = options.userMroBp?.get(key);
  if (typed !== undefined) return { halfYear: key, mroBp: typed, rateBp: typed + DEFAULT_MARGIN_BP, source: 'user', floorBp };
  // The same (read-only) object for every piece of the half-year: a worklist asks for it for each.
  if (info.defaultRate) return info.defaultRate;
  if (start > KNOWN_THROUGH) {
    const latest = mroInForce(KNOWN_THROUGH) ?? 0;
    return (info.defaultRate = { halfYear: key, mroBp: latest, rateBp: latest + DEFAULT_MARGIN_BP, source: 'latest', floorBp });
  }
  const mro = mroBp ?? 0;
  return (info.defaultRate = { halfYear: key, mroBp: mro, rateBp: mro + DEFAULT_MARGIN_BP, source: 'table', floorBp });
}

/**
 * Interest owed on one invoice at `asOf`: Σ over pieces of balance × rate × days / 365 (or the
 * actual year length), rounded once to the cent. Undated payments are taken as made on the due
 * date (they reduce the balance from the start, never raising the claim).
 */
export function lateInterest(inv: Invoice, options: PenaltyOptions): InvoicePenalty {
  const regime = options.regime ?? 'b2b';
  const due = inv.due;
  const asOf = options.stopAt !== undefined && options.stopAt < options.asOf ? options.stopAt : options.asOf;
  if (due === null || options.asOf <= due || inv.amount <= 0) return { daysLate: 0, interestCents: 0 as Cents, indemnityCents: 0 as Cents, pieces: [], warnings: [] };
  // Interest runs after `runsAfter`: the due date (B2B, public) or the mise en demeure (B2C).
  const runsAfter = regime === 'b2c' ? (options.interestFrom !== undefined && options.interestFrom > due ? options.interestFrom : null) : due;
  const indemnity = regime === 'b2c' || (options.stopAt !== undefined && options.stopAt <= due) ? (0 as Cents) : recoveryIndemnity(inv);
  if (runsAfter === null || asOf <= runsAfter) return { daysLate: options.asOf - due, interestCents: 0 as Cents, indemnityCents: indemnity, pieces: [], warnings: [] };
  // The days the balance or the rate changes after the first day, ascending, with what is paid
  // then: a payment dated p lowers the balance from p + 1; a half-year may change the rate.
  let balance = inv.amount as number;
  const first = runsAfter + 1;
  const cutDays: number[] = [];
  const cutPaid: number[] = [];
  for (const p of inv.payments) {
    const from = p.day === null ? first : p.day + 1;
    if (from <= first) balance -= p.amount;
    else if (from <= asOf) addCut(cutDays, cutPaid, from, p.amount);
  }
  forHalfYearStarts(first, asOf, (h) => addCut(cutDays, cutPaid, h, 0));
  const pieces: PenaltyPiece[] = [];
  const warnings: PenaltyWarning[] = [];
  const dayCount = options.dayCount ?? '365';
  // Exact sum: numerator over 10,000 (bp) × 365 × 366 so that both day counts stay integers. It is
  // summed as a number while it stays a safe integer (every ledger's usual case, with no BigInt to
  // allocate), and as a BigInt from the first piece that would leave that range.
  let numerator = 0;
  let big: bigint | null = null;
  let start = first;
  for (let k = 0; k <= cutDays.length; k++) {
    const end = k < cutDays.length ? (cutDays[k] as number) - 1 : asOf;
    if (end >= start && balance > 0) {
      const days = end - start + 1;
      const found = rateAt(regime, start as Day, due, options);
      // L441-10: a contractual rate may not be below three times the taux légal; below it, the floor applies.
      const isFloor = found.source === 'contract' && found.floorBp !== null && found.rateBp < found.floorBp;
      const rateBp = isFloor ? (found.floorBp as number) : found.rateBp;
      if (options.withoutPieces !== true) pieces.push({ from: start as Day, to: end as Day, days, balance: balance as Cents, rateBp, source: isFloor ? 'floor' : found.source });
      if (found.source === 'latest') warnOnce(warnings, { code: 'RateUnknownForHalfYear', halfYear: found.halfYear, rateBp });
      if (isFloor) warnOnce(warnings, { code: 'ContractRateBelowFloor', halfYear: found.halfYear, rateBp: found.rateBp, floorBp: rateBp });
      if (big === null) {
        const term = pieceNumber(balance, rateBp, start as Day, days, dayCount);
        if (Number.isSafeInteger(term) && Number.isSafeInteger(numerator + term)) numerator += term;
        else big = BigInt(numerator) + pieceNumerator(balance, rateBp, start as Day, days, dayCount);
      } else big += pieceNumerator(balance, rateBp, start as Day, days, dayCount);
    }
    if (k < cutDays.length) {
      start = cutDays[k] as number;
      balance -= cutPaid[k] as number;
    }
  }
  const interest = big === null ? divideRoundedSafe(numerator, INTEREST_DENOMINATOR) : Number(divideRounded(big, BigInt(INTEREST_DENOMINATOR), 'halfAwayFromZero'));
  return {
    daysLate: options.asOf - due,
    interestCents: interest as Cents,
    indemnityCents: indemnity,
    pieces,
    warnings,
  };
}

/** The rate of the day a piece starts on, for the regime (public: fixed from the half-year the delay began). */
function rateAt(regime: 'b2b' | 'b2c' | 'public', d: Day, due: Day, options: PenaltyOptions): HalfYearRate {
  if (regime === 'public') {
    const first = startOfHalfYear((due + 1) as Day);
    const mro = first > KNOWN_THROUGH ? (mroInForce(KNOWN_THROUGH) ?? 0) : (mroInForce(first) ?? 0);
    return { halfYear: halfYearKey(first), mroBp: mro, rateBp: mro + 800, source: first > KNOWN_THROUGH ? 'latest' : 'table', floorBp: null };
  }
  if (regime === 'b2c') {
    const legal = legalRateBp(d, false);
    if (legal !== null) return { halfYear: halfYearKey(d), mroBp: null, rateBp: legal, source: 'table', floorBp: null };
    const lastRow = TAUX_LEGAL[TAUX_LEGAL.length - 1] as readonly [string, number, number];
    return { halfYear: halfYearKey(d), mroBp: null, rateBp: lastRow[2], source: 'latest', floorBp: null };
  }
  return halfYearRate(d, options);
}

/** Adds a day to the ascending cut days (the same day twice: its payments summed). */
function addCut(days: number[], paid: number[], day: number, amount: number): void {
  let k = days.length;
  while (k > 0 && (days[k - 1] as number) > day) k--;
  if (k > 0 && days[k - 1] === day) {
    paid[k - 1] = (paid[k - 1] as number) + amount;
    return;
  }
  if (k === days.length) {
    days.push(day);
    paid.push(amount);
  } else {
    days.splice(k, 0, day);
    paid.splice(k, 0, amount);
  }
}

/** Each first day of a half-year in (after, until]. */
function forHalfYearStarts(after: number, until: number, f: (h: number) => void): void {
  const starts = halfYearStartDays();
  if (after < (starts[0] as number) || until > (starts[starts.length - 1] as number)) {
    for (let h = startOfHalfYear(after as Day) as number; h <= until; h = addMonths(h as Day, 6)) if (h > after) f(h);
    return;
  }
  for (let k = lastAtOrBefore(starts, after) + 1; k < starts.length && (starts[k] as number) <= until; k++) f(starts[k] as number);
}

/** A warning once per code and half-year, in the order first met. */
function warnOnce(warnings: PenaltyWarning[], w: PenaltyWarning): void {
  if (!warnings.some((x) => x.code === w.code && x.halfYear === w.halfYear)) warnings.push(w);
}

/** What the interest's numerator is divided by: 10,000 (bp) × 365 × 366. */
const INTEREST_DENOMINATOR = 10000 * 365 * 366;

/** Each year's share of a piece: its days and the year's factor (366 over a 365-day year, 365 over a 366-day one). */
function forYearParts(start: Day, days: number, dayCount: DayCount, f: (n: number, factor: number) => void): void {
  if (dayCount === '365') {
    f(days, 366);
    return;
  }
  // Actual/actual: split the piece at 1 January so each part uses its own year length.
  let from = start as number;
  let remaining = days;
  while (remaining > 0) {
    const { year } = ymdOf(from as Day);
    const nextYear = dayFromYmd(year + 1, 1, 1) as number;
    const n = Math.min(remaining, nextYear - from);
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    f(n, leap ? 365 : 366);
    remaining -= n;
    from += n;
  }
}

/**
 * balance × rate × days / yearLength, scaled by 10,000 × 365 × 366, as a number: exact when the
 * result is a safe integer (every factor is a non-negative integer, so no product before it rounded).
 */
function pieceNumber(balance: number, rateBp: number, start: Day, days: number, dayCount: DayCount): number {
  if (dayCount === '365') return balance * rateBp * days * 366;
  let total = 0;
  forYearParts(start, days, dayCount, (n, factor) => {
    total += balance * rateBp * n * factor;
  });
  return total;
}

/** The same numerator as a BigInt, exact at any size. */
function pieceNumerator(balance: number, rateBp: number, start: Day, days: number, dayCount: DayCount): bigint {
  const base = BigInt(balance) * BigInt(rateBp);
  let total = 0n;
  forYearParts(start, days, dayCount, (n, factor) => {
    total += base * BigInt(n) * BigInt(factor);
  });
  return total;
}

/** `divideRounded(numerator, denominator, 'halfAwayFromZero')` for a safe-integer numerator, in numbers. */
function divideRoundedSafe(numerator: number, denominator: number): number {
  const abs = Math.abs(numerator);
  let q = Math.floor(abs / denominator);
  // The division is rounded to the nearest double: put the quotient right from the exact remainder.
  let r = abs - q * denominator;
  while (r < 0) {
    q--;
    r += denominator;
  }
  while (r >= denominator) {
    q++;
    r -= denominator;
  }
  if (r * 2 >= denominator) q++;
  return numerator < 0 ? -q : q;
}

/** €40 when the invoice was not fully paid at its due date (B2B and public buyers; never B2C). */
export function recoveryIndemnity(inv: Invoice): Cents {
  if (inv.due === null || inv.amount <= 0) return 0 as Cents;
  let paidByDue = 0;
  for (const p of inv.payments) if (p.day !== null && p.day <= inv.due) paidByDue += p.amount;
  return (inv.amount - paidByDue > 0 ? RECOVERY_INDEMNITY_CENTS : 0) as Cents;
}
