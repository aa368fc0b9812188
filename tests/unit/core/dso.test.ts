import { describe, expect, it } from 'vitest';
import { numbersJson } from '../../../src/app/numbers-json.ts';
import { dsoFigures, roundTenth, salesWindowBounds, isoOf, type Cents } from '../../../src/core/index.ts';
import { aLedger, anInvoice, d, settingsAt } from '../../support/builders.ts';

/**
 * The worked example of domain-fr §8 (quarter Oct–Dec 2025): sales 40,000 / 50,000 / 60,000;
 * receivables at 31 Dec 85,000 of which 55,000 not yet due; receivables at 30 Sep 70,000.
 */
function quarterLedger() {
  return aLedger([
    anInvoice({ number: 'SEP', issued: '2025-09-10', due: '2025-10-10', amount: 70000, payments: [{ on: '2025-11-20', amount: 70000 }] }),
    anInvoice({ number: 'OCT', issued: '2025-10-05', due: '2025-11-04', amount: 40000, payments: [{ on: '2025-11-30', amount: 40000 }] }),
    anInvoice({ number: 'NOV', issued: '2025-11-10', due: '2025-12-10', amount: 50000, payments: [{ on: '2025-12-20', amount: 20000 }] }),
    anInvoice({ number: 'DEC', issued: '2025-12-15', due: '2026-01-14', amount: 60000, payments: [{ on: '2025-12-28', amount: 5000 }] }),
  ]);
}

describe('DSO figures on the domain-fr §8 example', () => {
  const r = dsoFigures(quarterLedger(), { asOf: d('2025-12-31') });

  it('uses calendar-month windows when the as-of date is a month end', () => {
    expect(r.period.map((w) => [isoOf(w.start), isoOf(w.end), w.days, w.sales])).toEqual([
      ['2025-11-30', '2025-12-31', 31, 6000000],
      ['2025-10-31', '2025-11-30', 30, 5000000],
      ['2025-09-30', '2025-10-31', 31, 4000000],
    ]);
    expect(r.receivables).toBe(8500000);
    expect(r.notDue).toBe(5500000);
    expect(r.receivablesAtStart).toBe(7000000);
  });

  it('gives simple DSO 52.1, countback 46.0 (§8.2, §8.3)', () => {
    expect(roundTenth(r.simple)).toBe(52.1);
    expect(roundTenth(r.countback)).toBe(46);
  });

  it('gives best possible DSO 33.7 and 28.4 (§8.4)', () => {
    expect(roundTenth(r.bestPossibleSimple)).toBe(33.7);
    expect(roundTenth(r.bestPossibleCountback)).toBe(28.4);
  });

  it('gives ADD 18.4 and 17.6 (§8.5) and CEI 81.8 % (§8.6)', () => {
    expect(roundTenth(r.addSimple)).toBe(18.4);
    expect(roundTenth(r.addCountback)).toBe(17.6);
    expect(roundTenth(r.cei)).toBe(81.8);
  });

  it('prints the same figures in the CLI JSON shape', () => {
    const ledger = quarterLedger();
    const json = numbersJson(ledger, settingsAt('2025-12-31'), (i) => i.code) as {
      dso: Record<string, unknown>;
      totals: Record<string, number>;
    };
    expect(json.dso).toEqual({ windows: 3, simple: 52.1, countback: 46, bestPossibleSimple: 33.7, bestPossibleCountback: 28.4, addSimple: 18.4, addCountback: 17.6, cei: 81.8 });
    expect(json.totals).toEqual({ openCents: 8500000, notDueCents: 5500000, overdueCents: 3000000 });
  });
});

describe('countback DSO', () => {
  it('is undefined when the receivables exceed the whole history', () => {
    const ledger = aLedger([anInvoice({ issued: '2025-12-01', due: '2026-01-01', amount: 100 }), anInvoice({ issued: null, due: '2025-01-01', amount: 5000 })]);
    const r = dsoFigures(ledger, { asOf: d('2025-12-31') });
    expect(r.countback).toBeNull();
    expect(r.notes).toContain('CountbackBeyondHistory');
  });

  it('adds the full days of a window with no sales', () => {
    const ledger = aLedger([anInvoice({ issued: '2025-10-15', due: '2025-11-14', amount: 300 })]);
    const r = dsoFigures(ledger, { asOf: d('2025-12-31') });
    // Dec (31 days) and Nov (30 days) have no sales; Oct's 300 covers the 300 open: 31 + 30 + 31.
    expect(r.countback).toBe(92);
  });
});

describe('credit balances (fast-check counterexample, seed -1769795201)', () => {
  it('gives a countback of 0 and no simple DSO when only credit notes remain', () => {
    const ledger = aLedger([anInvoice({ issued: '2026-05-18', due: null, amount: -0.01 }), anInvoice({ issued: null, due: null, amount: -0.01 })]);
    const r = dsoFigures(ledger, { asOf: d('2026-05-18') });
    expect(r.countback).toBe(0);
    expect(r.simple).toBeNull();
  });

  it('lets a window of net credit notes add its days without consuming receivables', () => {
    const ledger = aLedger([
      anInvoice({ issued: '2025-12-10', due: '2026-01-09', amount: -50 }),
      anInvoice({ issued: '2025-11-10', due: '2025-12-10', amount: 300 }),
    ]);
    // Dec: sales −50 → 31 days, nothing consumed; Nov: 300 covers the 250 open: 250/300 × 30 = 25.
    expect(dsoFigures(ledger, { asOf: d('2025-12-31') }).countback).toBeCloseTo(31 + 25, 10);
  });
});

describe('simple DSO', () => {
  it('is undefined, never 0 or NaN, when the period has no sales', () => {
    const ledger = aLedger([anInvoice({ issued: '2024-01-15', due: '2024-02-14', amount: 300 })]);
    const r = dsoFigures(ledger, { asOf: d('2025-12-31') });
    expect(r.simple).toBeNull();
    expect(r.notes).toContain('NoSalesInPeriod');
  });
});

describe('manual sales', () => {
  it('computes the DSO from the monthly sales the user typed', () => {
    const ledger = aLedger([anInvoice({ issued: '2025-12-15', due: '2026-01-14', amount: 85000 })], false);
    const manualSales = new Map([
      ['2025-10', 4000000 as Cents],
      ['2025-11', 5000000 as Cents],
      ['2025-12', 6000000 as Cents],
    ]);
    const r = dsoFigures(ledger, { asOf: d('2025-12-31'), manualSales });
    expect(roundTenth(r.simple)).toBe(52.1);
    expect(roundTenth(r.countback)).toBe(46);
    expect(r.salesSource).toBe('manual');
  });
});

describe('salesWindowBounds', () => {
  it('clamps to the month end', () => {
    const b = salesWindowBounds(d('2025-03-31'), 1);
    expect(isoOf(b.start)).toBe('2025-02-28');
    expect(isoOf(b.end)).toBe('2025-03-31');
  });
});

describe('a DSO that cannot mean anything (numbers.md)', () => {
  it('is null with a reason when it would be longer than the whole history', () => {
    const ledger = aLedger([
      anInvoice({ customer: 'A', number: 'OLD', issued: '2025-01-10', due: '2025-02-09', amount: 100000 }),
      anInvoice({ customer: 'B', number: 'NEW', issued: '2026-03-01', due: '2026-03-31', amount: 10 }),
    ]);
    const r = dsoFigures(ledger, { asOf: d('2026-03-31') });
    expect(r.simple).toBeNull();
    expect(r.addSimple).toBeNull();
    expect(r.notes).toContain('SimpleBeyondHistory');
  });

  it('stays a number when the history is long enough to hold it', () => {
    const r = dsoFigures(quarterLedger(), { asOf: d('2025-12-31') });
    expect(r.simple).not.toBeNull();
    expect(r.notes).not.toContain('SimpleBeyondHistory');
  });
});
