/**
 * Issue 16's guarantees on generated ledgers: nothing after the invoice's date or after as-of is
 * ever read (moving every later event moves no feature, no prediction, no backtest figure), the
 * forecast spreads the receivables exactly, and ratings never improve when payments come later.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCents, customerBehaviour, featuresOf, FEATURES, forecast, paymentHistory, predict, RATINGS, receivablesAt, SETTLED, type Cents, type Day, type Invoice, type Ledger } from '../../../../src/core/index.ts';
import { historyLedgerArb } from '../../../support/arbitraries.ts';

/** Some invoices sent electronically, some on paper, some unsaid (the channel features read them). */
function withChannels(ledger: Ledger): Ledger {
  const CHANNELS = ['electronic', 'paper', undefined] as const;
  return { ...ledger, invoices: ledger.invoices.map((inv, k) => { const channel = CHANNELS[(k * 7) % 3]; return channel === undefined ? inv : { ...inv, channel }; }) };
}

/** The ledger with every event after `cut` changed: later payments moved and resized, later invoices doubled. */
function scrambleAfter(ledger: Ledger, cut: number, shift: number): Ledger {
  return {
    ...ledger,
    invoices: ledger.invoices.map((inv): Invoice => {
      if (inv.issued !== null && inv.issued > cut) {
        const channel = inv.channel === 'electronic' ? 'paper' : 'electronic';
        return { ...inv, amount: (inv.amount * 2) as Cents, due: inv.due === null ? null : ((inv.due + shift) as Day), payments: [], channel };
      }
      return { ...inv, payments: inv.payments.map((p) => (p.day !== null && p.day > cut ? { day: (p.day + shift) as Day, amount: Math.max(1, Math.floor(p.amount / 2)) as Cents } : p)) };
    }),
  };
}

describe('prediction reads nothing after its dates', () => {
  it('a feature row depends only on what happened before the invoice was issued', () => {
    fc.assert(
      fc.property(historyLedgerArb.map(withChannels), fc.integer({ min: 0, max: 119 }), fc.integer({ min: 1, max: 90 }), (ledger, pick, shift) => {
        const asOf = 20400 as Day;
        const inv = ledger.invoices[pick % ledger.invoices.length] as Invoice;
        const t = inv.issued as number;
        const rowOf = (l: Ledger) => {
          const h = paymentHistory(l, asOf);
          const f = featuresOf(l, h, true, true);
          const index = l.invoices.findIndex((x) => x.key === inv.key);
          const r = f.rowOf[index] as number;
          return Array.from(f.matrix.data.subarray(r * f.matrix.width, (r + 1) * f.matrix.width));
        };
        // Events on or after t: payments dated ≥ t moved, invoices issued after t changed.
        expect(rowOf(keepInvoice(scrambleAfter(ledger, t - 1, shift), inv, t))).toEqual(rowOf(ledger));
      }),
      { numRuns: 60 },
    );
  });

  it('no prediction, backtest figure or forecast moves when events after as-of change', () => {
    fc.assert(
      fc.property(historyLedgerArb.map(withChannels), fc.integer({ min: 200, max: 730 }), fc.integer({ min: 1, max: 120 }), (ledger, at, shift) => {
        const asOf = (19500 + at) as Day;
        const later = scrambleAfter(ledger, asOf, shift);
        const a = predict(ledger, asOf);
        const b = predict(later, asOf);
        expect(b.invoices).toEqual(a.invoices);
        expect(b.backtest).toEqual(a.backtest);
        const fa = forecast(ledger, asOf);
        const fb = forecast(later, asOf);
        expect(fb.weeks).toEqual(fa.weeks);
        expect(fb.backtest).toEqual(fa.backtest);
      }),
      { numRuns: 40 },
    );
  });
});

/** The scrambled ledger, but the invoice itself as it was (its own amount and due date are known at t). */
function keepInvoice(l: Ledger, inv: Invoice, t: number): Ledger {
  return { ...l, invoices: l.invoices.map((x) => (x.key === inv.key ? { ...inv, payments: inv.payments.map((p) => (p.day !== null && p.day >= t ? { ...p, day: (p.day + 7) as Day } : p)) } : x)) };
}

describe('the forecast', () => {
  it('spreads the receivables at as-of exactly: Σ weeks + later + doubtful', () => {
    fc.assert(
      fc.property(historyLedgerArb, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 1, max: 26 }), (ledger, at, weeks) => {
        const asOf = (19500 + at) as Day;
        const f = forecast(ledger, asOf, { weeks });
        const sum = f.weeks.reduce((s, w) => s + w.expectedCents, 0) + f.laterCents + f.doubtfulCents;
        expect(sum).toBe(receivablesAt(ledger, asOf));
        expect(f.weeks).toHaveLength(weeks);
        for (const w of f.weeks) {
          expect(Number.isInteger(w.expectedCents)).toBe(true);
          expect(w.lowCents).toBeLessThanOrEqual(w.expectedCents);
          expect(w.highCents).toBeGreaterThanOrEqual(w.expectedCents);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('allocateCents gives the left-over cents to the largest remainders, ties to the earlier part, few parts or many', () => {
    const reference = (total: number, weights: number[]): number[] => {
      const sum = weights.reduce((s, w) => s + w, 0);
      const exact = weights.map((w) => (total * w) / sum);
      const out = exact.map(Math.floor);
      let left = total - out.reduce((s, x) => s + x, 0);
      const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
      for (let k = 0; left > 0; k++, left--) out[order[k % order.length]!.i]! += 1;
      return out;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.array(fc.constantFrom(0, 1, 2, 3, 7, 0.5, 1e3), { minLength: 1, maxLength: 150 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        expect(allocateCents(total as Cents, weights)).toEqual(reference(total, weights));
      }),
    );
  });

  it('allocateCents keeps the total and each part within a cent of its share', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }), (total, weights) => {
        const parts = allocateCents(total as Cents, weights);
        expect(parts.reduce((s, x) => s + x, 0)).toBe(total);
        const sum = weights.reduce((s, w) => s + w, 0);
        if (sum > 0) parts.forEach((p, i) => expect(Math.abs(p - (total * (weights[i] as number)) / sum)).toBeLessThan(1.000001));
      }),
    );
  });
});

describe('the A–D rating', () => {
  it('never improves when every payment comes later', () => {
    fc.assert(
      fc.property(historyLedgerArb, fc.integer({ min: 1, max: 60 }), (ledger, later) => {
        const asOf = 20400 as Day;
        const slower: Ledger = { ...ledger, invoices: ledger.invoices.map((inv) => ({ ...inv, payments: inv.payments.map((p) => ({ ...p, day: p.day === null ? null : ((p.day + later) as Day) })) })) };
        const a = new Map(customerBehaviour(ledger, asOf).map((b) => [b.customerId, b]));
        for (const b of customerBehaviour(slower, asOf)) {
          const before = a.get(b.customerId);
          if (!before || before.rating === null || b.rating === null) continue;
          expect(RATINGS.indexOf(b.rating)).toBeGreaterThanOrEqual(RATINGS.indexOf(before.rating));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the days past due of the oldest open invoices (feature openLateDays)', () => {
  const LATE_DAYS = FEATURES.indexOf('openLateDays');
  const OPEN_LATE = FEATURES.indexOf('openLateCount');

  /**
   * Each row's feature against its definition read straight from the history: the customer's
   * invoices issued before the row's day t and not settled before t, the first 50 in issue order,
   * the most days any of them is past due at t (0 when none of the customer's invoices is late).
   */
  function expectDefinition(ledger: Ledger, asOf: Day): number {
    const h = paymentHistory(ledger, asOf);
    const c = h.columns;
    const f = featuresOf(ledger, h, true, true);
    let capped = 0;
    for (let r = 0; r < f.matrix.rows; r++) {
      const i = f.items[r] as number;
      const t = c.issued[i] as number;
      const open = Array.from(h.byCustomer[c.customer[i] as number] as Int32Array).filter((j) => (c.issued[j] as number) < t && !(h.state[j] === SETTLED && (h.settled[j] as number) < t));
      const pastDue = (js: number[]) => Math.max(0, ...js.map((j) => t - (c.due[j] as number)));
      const row = f.matrix.data.subarray(r * f.matrix.width, (r + 1) * f.matrix.width);
      const days = (row[OPEN_LATE] as number) > 0 ? pastDue(open.slice(0, 50)) : 0;
      expect(row[LATE_DAYS], `row ${r}`).toBe(Math.log1p(days));
      if ((row[OPEN_LATE] as number) > 0 && pastDue(open) !== days) capped++;
    }
    return capped;
  }

  it('is read from the open invoices on generated ledgers', () => {
    fc.assert(
      fc.property(historyLedgerArb, fc.integer({ min: 200, max: 900 }), (ledger, at) => {
        expectDefinition(ledger, (19500 + at) as Day);
      }),
      { numRuns: 60 },
    );
  });

  it('counts only the first 50 open invoices, however many settled ones lie between them', () => {
    // One customer: an old invoice on long terms, never paid, then 3,000 paid on time (each row of the old
    // way scanned them all), then 70 unpaid: the first 60 on a year's terms, the last 10 due at once, so
    // that the only days past due lie beyond the first 50 open.
    const invoices: Invoice[] = [];
    const add = (k: number, issued: number, terms: number, paid: boolean) =>
      invoices.push({ key: `k${k}`, number: `F${k}`, customerId: 'C', issued: issued as Day, due: (issued + terms) as Day, isDueDerived: false, amount: 10_000 as Cents, payments: paid ? [{ day: (issued + terms) as Day, amount: 10_000 as Cents }] : [], kind: 'invoice', currency: 'EUR', isDisputed: false, source: { file: 'gen', sheet: 'S', row: k + 2 } });
    add(0, 19000, 800, false);
    for (let k = 1; k <= 3000; k++) add(k, 19000 + Math.floor(k / 10), 30, true);
    for (let k = 0; k < 70; k++) add(3001 + k, 19400 + k, k < 60 ? 365 : 0, false);
    const ledger: Ledger = { customers: [{ id: 'C', code: null, name: 'Client' }], invoices, currency: 'EUR', amountBasis: 'TTC', hasSalesHistory: true };
    expect(expectDefinition(ledger, 19600 as Day)).toBeGreaterThan(0);
  });
});
