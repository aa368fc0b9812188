/**
 * lateInterest (src/core/penalties.ts) against a model that walks the delay a day at a time: each
 * day's balance (a payment counts from the day after it, an undated one from the first day) times that
 * day's rate, over the year's length, summed exactly and rounded once. lateInterest cuts the delay
 * into pieces at payments and half-years instead; both must give the same cents and the same warnings,
 * for every regime, contractual rates above and below the floor, a collective procedure's stop, a
 * mise en demeure for B2C, and both day counts. The amounts reach €10bn, so that the exact sum is
 * checked on both sides of 2^53 (lateInterest sums in numbers below it, in BigInt above).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded, halfYearKey, halfYearRate, lateInterest, legalRateBp, mroInForce, ratesKnownUntil, recoveryIndemnity, startOfHalfYear, ymdOf, type Cents, type Day, type Invoice, type PenaltyOptions, type PenaltyWarning } from '../../../src/core/index.ts';
import { TAUX_LEGAL } from '../../../src/core/rates/taux-legal.ts';

const knownThrough = startOfHalfYear(ratesKnownUntil());
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** A day's rate and where it came from, as the law reads for the regime (with the warning it calls for). */
function rateOn(d: Day, due: Day, o: PenaltyOptions): { rateBp: number; warning: PenaltyWarning | null } {
  const regime = o.regime ?? 'b2b';
  if (regime === 'public') {
    const first = startOfHalfYear((due + 1) as Day);
    const mro = mroInForce(first > knownThrough ? knownThrough : first) ?? 0;
    return { rateBp: mro + 800, warning: first > knownThrough ? { code: 'RateUnknownForHalfYear', halfYear: halfYearKey(first), rateBp: mro + 800 } : null };
  }
  if (regime === 'b2c') {
    const legal = legalRateBp(d, false);
    if (legal !== null) return { rateBp: legal, warning: null };
    const last = (TAUX_LEGAL[TAUX_LEGAL.length - 1] as readonly [string, number, number])[2];
    return { rateBp: last, warning: { code: 'RateUnknownForHalfYear', halfYear: halfYearKey(d), rateBp: last } };
  }
  const r = halfYearRate(d, o);
  if (r.source === 'contract' && r.floorBp !== null && r.rateBp < r.floorBp) return { rateBp: r.floorBp, warning: { code: 'ContractRateBelowFloor', halfYear: r.halfYear, rateBp: r.rateBp, floorBp: r.floorBp } };
  return { rateBp: r.rateBp, warning: r.source === 'latest' ? { code: 'RateUnknownForHalfYear', halfYear: r.halfYear, rateBp: r.rateBp } : null };
}

/** The model's numerators, each case's, to check that both of lateInterest's sums were exercised. */
const numerators: bigint[] = [];

function dayByDay(inv: Invoice, o: PenaltyOptions): { interestCents: number; indemnityCents: number; daysLate: number; warnings: PenaltyWarning[] } {
  const due = inv.due as Day;
  const regime = o.regime ?? 'b2b';
  if (o.asOf <= due || inv.amount <= 0) return { interestCents: 0, indemnityCents: 0, daysLate: 0, warnings: [] };
  const asOf = o.stopAt !== undefined && o.stopAt < o.asOf ? o.stopAt : o.asOf;
  const runsAfter = regime === 'b2c' ? (o.interestFrom !== undefined && o.interestFrom > due ? o.interestFrom : null) : due;
  const indemnityCents = regime === 'b2c' || (o.stopAt !== undefined && o.stopAt <= due) ? 0 : recoveryIndemnity(inv);
  const warnings: PenaltyWarning[] = [];
  let numerator = 0n;
  if (runsAfter !== null) {
    for (let d = runsAfter + 1; d <= asOf; d++) {
      let balance = inv.amount as number;
      for (const p of inv.payments) if ((p.day === null ? runsAfter + 1 : p.day + 1) <= d) balance -= p.amount;
      if (balance <= 0) continue;
      const { rateBp, warning } = rateOn(d as Day, due, o);
      if (warning && !warnings.some((w) => w.code === warning.code && w.halfYear === warning.halfYear)) warnings.push(warning);
      const yearDays = (o.dayCount ?? '365') === '365' ? 366n : isLeap(ymdOf(d as Day).year) ? 365n : 366n;
      numerator += BigInt(balance) * BigInt(rateBp) * yearDays;
    }
  }
  numerators.push(numerator);
  return { interestCents: Number(divideRounded(numerator, 10000n * 365n * 366n, 'halfAwayFromZero')), indemnityCents, daysLate: o.asOf - due, warnings };
}

const day = (y: number, offset: number) => ((Date.UTC(y, 0, 1) / 86_400_000 + offset) as Day);

describe('lateInterest against a day-by-day model', () => {
  it('gives the same cents, indemnity and warnings for any invoice, payments and settings', () => {
    const arb = fc.record({
      dueYear: fc.integer({ min: 2012, max: 2027 }),
      dueOffset: fc.integer({ min: 0, max: 364 }),
      amount: fc.oneof(fc.integer({ min: -5000, max: 50_000_000 }), fc.integer({ min: 50_000_000, max: 1_000_000_000_000 })),
      payments: fc.array(fc.record({ offset: fc.option(fc.integer({ min: -60, max: 900 }), { nil: null }), share: fc.integer({ min: 1, max: 60 }) }), { maxLength: 4 }),
      lateDays: fc.integer({ min: -30, max: 1500 }),
      regime: fc.constantFrom<'b2b' | 'b2c' | 'public'>('b2b', 'b2b', 'b2c', 'public'),
      contractualRateBp: fc.option(fc.constantFrom(300, 800, 1500), { nil: undefined }),
      stopAfter: fc.option(fc.integer({ min: -20, max: 600 }), { nil: undefined }),
      noticeAfter: fc.option(fc.integer({ min: -20, max: 600 }), { nil: undefined }),
      dayCount: fc.constantFrom<'365' | 'actual'>('365', 'actual'),
    });
    fc.assert(
      fc.property(arb, (x) => {
        const due = day(x.dueYear, x.dueOffset);
        const inv: Invoice = {
          key: 'k',
          number: 'F1',
          customerId: 'C',
          issued: (due - 30) as Day,
          due,
          isDueDerived: false,
          amount: x.amount as Cents,
          payments: x.payments.map((p) => ({ day: p.offset === null ? null : ((due + p.offset) as Day), amount: Math.round((x.amount * p.share) / 100) as Cents })),
          kind: 'invoice',
          currency: 'EUR',
          isDisputed: false,
          source: { file: 'f', sheet: 's', row: 2 },
        };
        const options: PenaltyOptions = {
          asOf: (due + x.lateDays) as Day,
          regime: x.regime,
          ...(x.contractualRateBp !== undefined && x.regime === 'b2b' ? { contractualRateBp: x.contractualRateBp } : {}),
          ...(x.stopAfter !== undefined ? { stopAt: (due + x.stopAfter) as Day } : {}),
          ...(x.noticeAfter !== undefined && x.regime === 'b2c' ? { interestFrom: (due + x.noticeAfter) as Day } : {}),
          ...(x.dayCount ? { dayCount: x.dayCount } : {}),
        };
        const got = lateInterest(inv, options);
        const want = dayByDay(inv, options);
        expect({ interestCents: got.interestCents, indemnityCents: got.indemnityCents, daysLate: got.daysLate, warnings: got.warnings }).toEqual(want);
        // The pieces add up to the days the balance was owed.
        for (const p of got.pieces) expect(p.to - p.from + 1).toBe(p.days);
        // Without its pieces, the same totals and warnings.
        const totals = lateInterest(inv, { ...options, withoutPieces: true });
        expect(totals.pieces).toEqual([]);
        expect({ ...totals, pieces: got.pieces }).toEqual(got);
      }),
      { numRuns: 400 },
    );
    const safe = numerators.filter((n) => n > 0n && n <= BigInt(Number.MAX_SAFE_INTEGER)).length;
    expect(safe).toBeGreaterThan(50);
    expect(numerators.filter((n) => n > BigInt(Number.MAX_SAFE_INTEGER)).length).toBeGreaterThan(50);
  });
});

describe('lateInterest beyond 2^53', () => {
  it('rounds exact halves up, below 2^53 and where a sum in doubles would lose them', () => {
    // A 36.5 % contract rate, one day late: interest = amount × 3650 × 366 / (10,000 × 365 × 366),
    // a half cent exactly for amount = 500 × odd. Past 2^57 (odd above 2^28) a double cannot hold that numerator.
    const due = day(2024, 100);
    for (const odd of [1, 3, 41, 2 ** 20 + 1, ...Array.from({ length: 20 }, (_, j) => 2 ** 28 + 2 * j + 1)]) {
      const amount = 500 * odd;
      const inv: Invoice = { key: 'k', number: 'F1', customerId: 'C', issued: due, due, isDueDerived: false, amount: amount as Cents, payments: [], kind: 'invoice', currency: 'EUR', isDisputed: false, source: { file: 'f', sheet: 's', row: 2 } };
      const got = lateInterest(inv, { asOf: (due + 1) as Day, contractualRateBp: 3650 });
      expect(got.interestCents).toBe((odd + 1) / 2);
    }
  });
});
