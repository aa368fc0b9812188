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
