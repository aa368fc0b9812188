/**
 * The general builder's items packed as they are made (src/import/packed-ledger.ts): the objects made
 * again from the pack are the ones packed, field for field and in the same order (their JSON), the
 * columns are ledgerColumns' of those objects, and an import through the general path makes no object.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoiceAt, invoicesMade, ledgerColumns, type Cents, type Day, type Invoice, type Ledger } from '../../../src/core/index.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { ItemPacker } from '../../../src/import/packed-ledger.ts';
import { loadSheetJs } from '../../../src/import/sheetjs.ts';

const FILE = 'grand-livre.xlsx';
const SHEET = 'Clients';

/** An item as toInvoice makes it: its fields in its order, the optional ones only when set. */
const itemArb: fc.Arbitrary<Invoice> = fc
  .record({
    customerId: fc.constantFrom('C1', 'C2', 'Œuvre', 'Дом'),
    number: fc.oneof(fc.constantFrom('', 'F1', 'F-0002', '№3'), fc.string({ maxLength: 12 })),
    suffix: fc.option(fc.integer({ min: 2, max: 9 }), { nil: null }),
    issued: fc.option(fc.integer({ min: 19000, max: 21000 }), { nil: null }),
    due: fc.option(fc.integer({ min: 19000, max: 21000 }), { nil: null }),
    isDueDerived: fc.boolean(),
    fileTermsDays: fc.option(fc.integer({ min: 0, max: 3650 }), { nil: null }),
    amount: fc.integer({ min: -2_000_000_00, max: 2_000_000_00 }),
    payments: fc.array(fc.record({ day: fc.option(fc.integer({ min: 19000, max: 21000 }), { nil: null }), amount: fc.integer({ min: -500_00, max: 5_000_00 }) }), { maxLength: 3 }),
    kind: fc.constantFrom('invoice', 'credit', 'payment'),
    currency: fc.constantFrom('EUR', 'USD', 'CHF'),
    isDisputed: fc.boolean(),
    channel: fc.constantFrom(null, 'paper', 'electronic'),
    row: fc.integer({ min: 2, max: 1_000_000 }),
  })
  .map((x) => {
    const base = x.number === '' ? `${SHEET}!${x.row}` : `${x.customerId}/${x.number}`;
    return {
      key: x.suffix === null ? base : `${base}#${x.suffix}`,
      number: x.number,
      customerId: x.customerId,
      issued: x.issued as Day | null,
      due: x.due as Day | null,
      isDueDerived: x.isDueDerived,
      ...(x.fileTermsDays !== null ? { fileTermsDays: x.fileTermsDays } : {}),
      amount: x.amount as Cents,
      payments: x.payments.map((p) => ({ day: p.day as Day | null, amount: p.amount as Cents })),
      kind: x.kind,
      currency: x.currency,
      isDisputed: x.isDisputed,
      ...(x.channel !== null ? { channel: x.channel } : {}),
      source: { file: FILE, sheet: SHEET, row: x.row },
    } as Invoice;
  });

const fields = { customers: [], currency: 'EUR', amountBasis: 'TTC', hasSalesHistory: true } as const;

describe('the general builder’s packed items', () => {
  it('make again the objects packed, in their JSON, with ledgerColumns’ columns and the overpaid check’s sums', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 60 }), (items) => {
        const packer = new ItemPacker(FILE, SHEET);
        for (const inv of items) packer.add(inv);
        const balances = packer.balances();
        const ledger = packer.ledger(fields);
        expect(invoicesMade(ledger)).toBe(false);
        // One at a time, then all: the objects packed, field for field and in the same order.
        items.forEach((inv, i) => expect(JSON.stringify(invoiceAt(ledger, i))).toBe(JSON.stringify(inv)));
        expect(JSON.stringify(ledger.invoices)).toBe(JSON.stringify(items));
        const plain: Ledger = { ...fields, invoices: items.map((inv) => ({ ...inv })) };
        const want = ledgerColumns(plain);
        const got = ledgerColumns(ledger);
        for (const k of Object.keys(want) as (keyof typeof want)[]) expect(k === 'count' || k === 'customerIds' ? got[k] : Array.from(got[k] as ArrayLike<number>)).toEqual(k === 'count' || k === 'customerIds' ? want[k] : Array.from(want[k] as ArrayLike<number>));
        expect(packer.hasPayments).toBe(items.some((i) => i.payments.length > 0));
        // What the overpaid check sums: invoices, and payments (payment items and payments on items).
        want.customerIds.forEach((id, k) => {
          const own = items.filter((i) => i.customerId === id);
          expect(balances.invoiced[k]).toBe(own.reduce((s, i) => s + (i.amount > 0 ? i.amount : 0), 0));
          expect(balances.paid[k]).toBe(own.reduce((s, i) => s + (i.amount <= 0 && i.kind === 'payment' ? -i.amount : 0) + i.payments.reduce((t, p) => t + p.amount, 0), 0));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keep a workbook’s ledger columns first: importing makes no invoice object', async () => {
    await loadSheetJs();
    for (const name of ['pme-3000.xlsx', 'grand-livre-tiers.xlsx']) {
      const { ledger, report } = importFile(new Uint8Array(readFileSync(join(import.meta.dirname, '../../../samples', name))), { fileName: name });
      expect(report.fatal).toBeNull();
      expect(invoicesMade(ledger)).toBe(false);
      expect(report.invoiceCount).toBe(ledgerColumns(ledger).count);
      expect(ledger.invoices.length).toBe(report.invoiceCount);
    }
  });
});
