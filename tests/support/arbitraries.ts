/** fast-check arbitraries for ledgers, bounded so that properties run fast. */
import fc from 'fast-check';
import type { Cents, Day, Invoice, Ledger } from '../../src/core/index.ts';

export const dayArb = (min = 19000, max = 21000): fc.Arbitrary<Day> => fc.integer({ min, max }).map((n) => n as Day);

export const invoiceArb: fc.Arbitrary<Invoice> = fc
  .record({
    customer: fc.constantFrom('A', 'B', 'C', 'D'),
    issued: fc.option(dayArb(), { freq: 10 }),
    terms: fc.integer({ min: 0, max: 90 }),
    hasDue: fc.boolean(),
    amount: fc.integer({ min: -500000, max: 5000000 }).filter((n) => n !== 0),
    payments: fc.array(fc.record({ day: fc.option(dayArb(), { freq: 8 }), share: fc.integer({ min: 1, max: 100 }) }), { maxLength: 3 }),
    kind: fc.constantFrom<'invoice' | 'payment'>('invoice', 'invoice', 'invoice', 'payment'),
    opening: fc.constantFrom(false, false, false, false, true),
  })
  .chain((r) =>
    fc.nat({ max: 1_000_000 }).map((id): Invoice => ({
      key: `k${id}`,
      number: `N${id}`,
      customerId: r.customer,
      issued: r.issued,
      due: r.hasDue && r.issued !== null ? ((r.issued + r.terms) as Day) : null,
      isDueDerived: false,
      amount: r.amount as Cents,
      payments: r.payments.map((p) => ({ day: p.day, amount: Math.trunc((r.amount * p.share) / 300) as Cents })),
      kind: r.amount < 0 ? (r.kind === 'payment' ? 'payment' : 'credit') : 'invoice',
      currency: 'EUR',
      isDisputed: false,
      source: { file: 'gen', sheet: 'S', row: id },
      ...(r.opening ? { isOpening: true } : {}),
    })),
  );

export const ledgerArb: fc.Arbitrary<Ledger> = fc.array(invoiceArb, { maxLength: 40 }).map((invoices) => ({
  customers: ['A', 'B', 'C', 'D'].map((id) => ({ id, code: null, name: id })),
  invoices: invoices.map((inv, i) => ({ ...inv, key: `${inv.key}-${i}` })),
  currency: 'EUR',
  amountBasis: 'TTC',
  hasSalesHistory: true,
}));

/**
 * Ledgers with a payment history worth learning from: 3–6 customers, each with its own habit
 * (a mean delay and a spread), 40–120 invoices over two years, paid (or not) on their own days.
 */
export const historyLedgerArb: fc.Arbitrary<Ledger> = fc
  .record({
    habits: fc.array(fc.record({ mean: fc.integer({ min: -10, max: 60 }), spread: fc.integer({ min: 0, max: 20 }) }), { minLength: 3, maxLength: 6 }),
    invoices: fc.array(fc.record({ who: fc.nat(), day: fc.integer({ min: 0, max: 730 }), terms: fc.constantFrom(30, 45, 60), cents: fc.integer({ min: 1000, max: 2_000_000 }), noise: fc.integer({ min: -100, max: 100 }), unpaid: fc.integer({ min: 0, max: 19 }), disputed: fc.integer({ min: 0, max: 14 }) }), { minLength: 40, maxLength: 120 }),
  })
  .map(({ habits, invoices }) => {
    const start = 19500;
    const list: Invoice[] = invoices.map((r, k) => {
      const h = habits[r.who % habits.length] as { mean: number; spread: number };
      const issued = (start + r.day) as Day;
      const due = (issued + r.terms) as Day;
      const paidOn = (due + h.mean + Math.round((h.spread * r.noise) / 100)) as Day;
      return {
        key: `h${k}`,
        number: `F${String(k).padStart(4, '0')}`,
        customerId: `C${r.who % habits.length}`,
        issued,
        due,
        isDueDerived: false,
        amount: r.cents as Cents,
        payments: r.unpaid === 0 ? [] : [{ day: paidOn, amount: r.cents as Cents }],
        kind: 'invoice',
        currency: 'EUR',
        isDisputed: r.disputed === 0,
        source: { file: 'gen', sheet: 'S', row: k + 2 },
      };
    });
    return { customers: habits.map((_, k) => ({ id: `C${k}`, code: null, name: `Client ${k}` })), invoices: list, currency: 'EUR', amountBasis: 'TTC', hasSalesHistory: true } satisfies Ledger;
  });
