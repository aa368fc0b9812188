import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { halfYearKey, halfYearRate, lateInterest, mroInForce, nextActions, ratesKnownUntil, recoveryIndemnity, floorRateBp, isoOf, startOfHalfYear, type Day } from '../../../src/core/index.ts';
import { aLedger, anInvoice, d } from '../../support/builders.ts';

describe('lateInterest (L441-10)', () => {
  it('reproduces domain-fr §1.6 example A: 12,000 € due 14 Feb 2026, 65 days → 259.64 € + 40 €', () => {
    const inv = anInvoice({ issued: '2026-01-15', due: '2026-02-14', amount: 12000 });
    const p = lateInterest(inv, { asOf: d('2026-04-20') });
    expect(p.daysLate).toBe(65);
    expect(p.interestCents).toBe(25964);
    expect(p.indemnityCents).toBe(4000);
    expect(p.pieces.map((x) => x.rateBp)).toEqual([1215]);
  });

  it('reproduces example B: split at 1 July, 13.15 % then 12.15 % → 364.40 €', () => {
    const inv = anInvoice({ issued: '2025-05-01', due: '2025-05-31', amount: 10000 });
    const p = lateInterest(inv, { asOf: d('2025-09-15') });
    expect(p.daysLate).toBe(107);
    expect(p.pieces.map((x) => [isoOf(x.from), isoOf(x.to), x.days, x.rateBp])).toEqual([
      ['2025-06-01', '2025-06-30', 30, 1315],
      ['2025-07-01', '2025-09-15', 77, 1215],
    ]);
    expect(p.interestCents).toBe(36440);
  });

  it('applies a contractual rate and warns when it is under 3 × the taux légal (example C)', () => {
    const inv = anInvoice({ issued: '2026-01-01', due: '2026-01-31', amount: 1000 });
    expect(lateInterest(inv, { asOf: d('2026-03-02'), contractualRateBp: 800 }).warnings).toEqual([]);
    const old = anInvoice({ issued: '2024-07-01', due: '2024-07-31', amount: 1000 });
    const p = lateInterest(old, { asOf: d('2024-09-01'), contractualRateBp: 800 });
    expect(p.warnings).toEqual([{ code: 'ContractRateBelowFloor', halfYear: '2024-S2', rateBp: 800, floorBp: 1476 }]);
  });

  it('runs on the balance left after each partial payment, from the day after it', () => {
    const inv = anInvoice({ issued: '2026-01-01', due: '2026-01-31', amount: 1000, payments: [{ on: '2026-02-10', amount: 600 }] });
    const p = lateInterest(inv, { asOf: d('2026-03-02') });
    expect(p.pieces.map((x) => [x.days, x.balance])).toEqual([
      [10, 100000],
      [20, 40000],
    ]);
    // (1000 × 10 + 400 × 20) × 12.15 % / 365 = 5.99 €
    expect(p.interestCents).toBe(599);
  });

  it('offers actual/actual as an option (366 days in a leap year)', () => {
    const inv = anInvoice({ issued: '2024-01-01', due: '2024-01-31', amount: 36600 });
    const a = lateInterest(inv, { asOf: d('2024-03-01'), dayCount: 'actual' });
    const b = lateInterest(inv, { asOf: d('2024-03-01') });
    expect(a.interestCents).toBe(Math.round((3660000 * 1450 * 30) / (10000 * 366)));
    expect(b.interestCents).toBeGreaterThan(a.interestCents);
  });

  it('uses the latest known rate for an unknown half-year, says so, and takes a typed rate', () => {
    const known = ratesKnownUntil();
    expect(isoOf(known)).toBe('2026-06-30');
    const inv = anInvoice({ issued: '2026-06-01', due: '2026-06-30', amount: 1000 });
    const p = lateInterest(inv, { asOf: d('2026-07-31') });
    expect(p.warnings).toEqual([{ code: 'RateUnknownForHalfYear', halfYear: '2026-S2', rateBp: 1215 }]);
    const typed = lateInterest(inv, { asOf: d('2026-07-31'), userMroBp: new Map([['2026-S2', 200]]) });
    expect(typed.warnings).toEqual([]);
    expect(typed.pieces[0]?.rateBp).toBe(1200);
  });

  it('is zero on or before the due date and for paid invoices', () => {
    const inv = anInvoice({ issued: '2026-01-01', due: '2026-01-31', amount: 1000 });
    expect(lateInterest(inv, { asOf: d('2026-01-31') }).interestCents).toBe(0);
    const paid = anInvoice({ issued: '2026-01-01', due: '2026-01-31', amount: 1000, payments: [{ on: '2026-01-20', amount: 1000 }] });
    expect(lateInterest(paid, { asOf: d('2026-03-31') }).interestCents).toBe(0);
    expect(recoveryIndemnity(paid)).toBe(0);
  });

  it('is monotonic in the as-of date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 19000, max: 20600 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 400 }), (cents, due, a, step) => {
        const inv = { ...anInvoice({ amount: 1 }), amount: cents as never, due: due as Day, issued: (due - 30) as Day };
        const x = lateInterest(inv, { asOf: (due + a) as Day }).interestCents;
        const y = lateInterest(inv, { asOf: (due + a + step) as Day }).interestCents;
        expect(y).toBeGreaterThanOrEqual(x);
        expect(lateInterest(inv, { asOf: (due - step) as Day }).interestCents).toBe(0);
      }),
    );
  });
});

describe('the half-year table of domain-fr §3.2', () => {
  it('looks up each day’s half-year as computing it from the calendar would, 1850–2250', () => {
    fc.assert(
      fc.property(fc.integer({ min: -43000, max: 102000 }), (n) => {
        const day = n as Day;
        const start = startOfHalfYear(day);
        const r = halfYearRate(day);
        expect(r.halfYear).toBe(halfYearKey(day));
        expect(r.floorBp).toBe(floorRateBp(day));
        if (r.source === 'table') expect(r.mroBp).toBe(mroInForce(start) ?? 0);
      }),
      { numRuns: 2000 },
    );
  });

  // [half-year start, default rate bp, floor bp]
  it.each([
    ['2009-01-01', 1250, 1137],
    ['2009-07-01', 1100, 1137],
    ['2011-07-01', 1125, 114],
    ['2012-07-01', 1100, 213],
    ['2013-07-01', 1050, 12],
    ['2014-07-01', 1015, 12],
    ['2016-07-01', 1000, 279],
    ['2022-07-01', 1000, 231],
    ['2023-01-01', 1250, 618],
    ['2023-07-01', 1400, 1266],
    ['2024-01-01', 1450, 1521],
    ['2024-07-01', 1425, 1476],
    ['2025-01-01', 1315, 1113],
    ['2025-07-01', 1215, 828],
    ['2026-01-01', 1215, 786],
  ])('%s: default %i bp, floor %i bp', (start, rate, floor) => {
    expect(halfYearRate(d(start)).rateBp).toBe(rate);
    expect(floorRateBp(d(start))).toBe(floor);
  });
});

describe('nextActions (default policy, no history)', () => {
  it('sets one action per customer from its largest days past due and sums the open amounts', () => {
    const ledger = aLedger([
      anInvoice({ customer: 'A', number: 'A1', issued: '2025-11-01', due: '2025-12-30', amount: 100 }), // 1 day
      anInvoice({ customer: 'B', number: 'B1', issued: '2025-11-01', due: '2025-12-16', amount: 100 }), // 15 days
      anInvoice({ customer: 'B', number: 'B2', issued: '2025-11-01', due: '2025-12-25', amount: 50, payments: [{ on: '2025-12-26', amount: 20 }] }),
      anInvoice({ customer: 'C', number: 'C1', issued: '2025-10-01', due: '2025-12-01', amount: 100 }), // 30 days
      anInvoice({ customer: 'D', number: 'D1', issued: '2025-10-01', due: '2025-11-16', amount: 6000 }), // 45 days, > 5,000 €
      anInvoice({ customer: 'E', number: 'E1', issued: '2025-10-01', due: '2025-11-16', amount: 100 }), // 45 days, small claim
      anInvoice({ customer: 'F', number: 'F1', issued: '2025-12-01', due: '2025-12-31', amount: 100 }), // due today: nothing
      anInvoice({ customer: 'G', number: 'G1', issued: '2025-10-01', due: '2025-11-01', amount: -100 }), // credit: nothing
    ]);
    const actions = nextActions(ledger, d('2025-12-31'));
    expect(actions.map((a) => [a.customerId, a.step, a.invoices.map((i) => i.number), a.amountCents, a.isSmallClaim])).toEqual([
      ['A', 'rappel', ['A1'], 10000, false],
      ['B', 'relance', ['B1', 'B2'], 13000, false],
      ['C', 'mise_en_demeure', ['C1'], 10000, false],
      // 45 days late, but with no recorded mise en demeure the highest step is the formal notice.
      ['D', 'mise_en_demeure', ['D1'], 600000, false],
      ['E', 'mise_en_demeure', ['E1'], 10000, false],
    ]);
  });

  it('leaves disputed invoices out', () => {
    const inv = { ...anInvoice({ customer: 'A', issued: '2025-10-01', due: '2025-11-01', amount: 100 }), isDisputed: true };
    expect(nextActions(aLedger([inv]), d('2025-12-31'))).toEqual([]);
  });
});
