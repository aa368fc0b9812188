/**
 * applyTerms: derived due dates follow the settings' terms (the file's own terms first, then the
 * customer's, then the default), on a ledger of objects and on a columns-first one, which it must
 * not make into objects.
 */
import { describe, expect, it } from 'vitest';
import { addDays, applyTerms, dayFromIso, invoiceAt, invoicesMade, ledgerColumns, type Day, type Invoice, type Ledger } from '../../../src/core/index.ts';
import { importFile } from '../../../src/import/import-file.ts';

const d = (iso: string) => dayFromIso(iso) as Day;

function item(number: string, customerId: string, issued: string, due: string | null, extra: Partial<Invoice> = {}): Invoice {
  return {
    key: `${customerId}/${number}`,
    number,
    customerId,
    issued: d(issued),
    due: due === null ? addDays(d(issued), 30) : d(due),
    isDueDerived: due === null,
    amount: 10000 as Invoice['amount'],
    payments: [],
    kind: 'invoice',
    currency: 'EUR',
    isDisputed: false,
    source: { file: 'f.csv', sheet: 'f', row: 2 },
    ...extra,
  };
}

const ledgerOf = (invoices: Invoice[]): Ledger => ({
  customers: [...new Set(invoices.map((i) => i.customerId))].map((id) => ({ id, code: id, name: id })),
  invoices,
  currency: 'EUR',
  amountBasis: 'TTC',
  hasSalesHistory: false,
});

describe('applyTerms', () => {
  const invoices = [
    item('F1', 'A', '2025-01-10', null),
    item('F2', 'A', '2025-01-10', '2025-03-01'),
    item('F3', 'B', '2025-01-10', null),
    item('F4', 'B', '2025-01-10', null, { fileTermsDays: 45, due: d('2025-02-24') }),
  ];

  it('moves only the due dates derived from the default terms, with the customer’s own first', () => {
    const ledger = ledgerOf(invoices);
    const r = applyTerms(ledger, { defaultDays: 60, customerDays: { B: 10 } });
    expect([r.derivedCount, r.customerTermsCount]).toEqual([2, 1]);
    expect(r.ledger.invoices.map((i) => i.due)).toEqual([d('2025-03-11'), d('2025-03-01'), d('2025-01-20'), d('2025-02-24')]);
    // Everything else is the item as read.
    expect(r.ledger.invoices.map((i) => ({ ...i, due: null }))).toEqual(invoices.map((i) => ({ ...i, due: null })));
    expect(ledgerColumns(r.ledger)).toEqual(ledgerColumns({ ...r.ledger }));
    // The same ledger when the terms change nothing.
    expect(applyTerms(ledger, { defaultDays: 30 }).ledger).toBe(ledger);
    expect(applyTerms(ledger, { defaultDays: 30 }).derivedCount).toBe(2);
  });

  it('leaves a columns-first ledger as columns, each item made alone equal to the whole', () => {
    const csv = 'Client;Facture;Date;Échéance;Montant\nA;F1;10/01/2025;;100,00\nA;F2;10/01/2025;01/03/2025;100,00\nB;F3;10/01/2025;;100,00\n';
    const { ledger } = importFile(new TextEncoder().encode(csv), { fileName: 'f.csv' });
    expect(invoicesMade(ledger)).toBe(false);
    const r = applyTerms(ledger, { defaultDays: 60, customerDays: { B: 10 } });
    expect([r.derivedCount, r.customerTermsCount]).toEqual([2, 1]);
    expect(ledgerColumns(r.ledger).due).toEqual(Int32Array.from([d('2025-03-11'), d('2025-03-01'), d('2025-01-20')]));
    const alone = [0, 1, 2].map((i) => invoiceAt(r.ledger, i));
    expect(invoicesMade(ledger)).toBe(false);
    expect(invoicesMade(r.ledger)).toBe(false);
    expect(alone.map((i) => i.due)).toEqual([d('2025-03-11'), d('2025-03-01'), d('2025-01-20')]);
    expect(r.ledger.invoices).toEqual(alone);
    expect(ledgerColumns(r.ledger)).toEqual(ledgerColumns({ ...r.ledger }));
  });
});
