/** Payments accepted from a bank statement, in the figures: applied to their invoices, and never dropped without a word. */
import { describe, expect, it } from 'vitest';
import { analysisOf } from '../../../src/app/dashboard.ts';
import { emptyWorkspace, type BankPayment } from '../../../src/core/index.ts';
import { aLedger, anInvoice, settingsAt } from '../../support/builders.ts';

const ledger = aLedger([
  anInvoice({ customer: 'C1', number: 'F-1', issued: '2026-01-05', due: '2026-02-04', amount: 1000 }),
  anInvoice({ customer: 'C1', number: 'F-2', issued: '2026-01-06', due: '2026-02-05', amount: 200, payments: [{ on: '2026-02-01', amount: 200 }] }),
]);
const paid = (invoiceNumber: string, customerId = 'C1'): BankPayment => ({ id: `b-${invoiceNumber}`, customerId, invoiceNumber, amountCents: 10000, date: '2026-03-01', file: 'releve.csv', lineId: `l-${invoiceNumber}`, label: 'VIR', reason: 'number' });
const at = (bankPayments: BankPayment[]) => analysisOf(ledger, settingsAt('2026-03-31', { workspace: { ...emptyWorkspace(), bankPayments } }));

describe('bank payments in the analysis', () => {
  it('applies a payment to its invoice, with no warning', () => {
    const a = at([paid('F-1')]);
    expect(a.aging.total.openCents).toBe(100000 - 10000);
    expect(a.warnings.filter((w) => w.code === 'BankPaymentsNotInLedger')).toEqual([]);
  });

  it('says how many accepted payments concern invoices the file does not have; one the file shows paid already is not one of them', () => {
    const a = at([paid('F-1'), paid('F-9'), paid('F-1', 'C2'), paid('F-2')]);
    expect(a.aging.total.openCents).toBe(100000 - 10000);
    expect(a.warnings.filter((w) => w.code === 'BankPaymentsNotInLedger')).toEqual([{ code: 'BankPaymentsNotInLedger', severity: 'warning', params: { count: 2 } }]);
  });
});
