/**
 * The worklist's two alert lists — payment terms beyond the legal caps, and claims whose prescription
 * is near or past — found on the ledger's columns first: the same lists, in the same order, as the
 * item-by-item definitions (exceedsLegalTerms, prescription) give on every invoice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayFromIso, emptyWorkspace, exceedsLegalTerms, isoOf, openAt, prescription, regimeOf, type Day, type Invoice, type Workspace } from '../../../src/core/index.ts';
import { worklist } from '../../../src/app/worklist.ts';
import { aLedger, anInvoice, settingsAt } from '../../support/builders.ts';

const AS_OF = '2025-12-31';
const asOf = dayFromIso(AS_OF) as Day;

const itemArb = fc.record({
  customer: fc.constantFrom('A', 'B', 'C'),
  issuedDaysAgo: fc.option(fc.integer({ min: -30, max: 2400 }), { nil: null }),
  terms: fc.option(fc.integer({ min: 0, max: 160 }), { nil: null }),
  amount: fc.integer({ min: -500, max: 5000 }),
  paid: fc.constantFrom('none', 'half', 'all', 'later'),
  derived: fc.boolean(),
});

type Item = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;

function invoiceOf(x: Item): Invoice {
  const issued = x.issuedDaysAgo === null ? null : addDays(asOf, -x.issuedDaysAgo);
  const due = issued === null ? (x.terms === null ? null : addDays(asOf, -x.terms * 10)) : x.terms === null ? null : addDays(issued, x.terms);
  const amount = x.amount === 0 ? 10 : x.amount;
  const payments = x.paid === 'none' || amount < 0 ? [] : [{ on: isoOf(x.paid === 'later' ? addDays(asOf, 5) : asOf), amount: x.paid === 'half' ? amount / 2 : amount }];
  const inv = anInvoice({ customer: x.customer, issued: issued === null ? null : isoOf(issued), due: due === null ? null : isoOf(due), amount, payments });
  return { ...inv, isDueDerived: x.derived && due !== null };
}

describe('the worklist’s alert lists', () => {
  it('are the item-by-item definitions, in order, whatever the dates, kinds, payments and regimes', () => {
    const seen = { over: 0, alerts: 0 };
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 40 }), fc.boolean(), (items, b2c) => {
        const invoices = items.map(invoiceOf);
        const workspace: Workspace = { ...emptyWorkspace(), customers: b2c ? [{ customerId: 'B', regime: 'b2c' }] : [] };
        const settings = settingsAt(AS_OF, { workspace });
        const view = worklist(aLedger(invoices), settings);
        const listed = invoices.filter((inv) => inv.kind === 'invoice' && (inv.issued === null || inv.issued <= asOf));
        const over = listed.filter((inv) => exceedsLegalTerms(inv));
        expect(view.overTerms.map((r) => r.invoice)).toEqual(over.map((inv) => inv.number));
        expect(view.overTermsCount).toBe(over.length);
        const alerts = listed
          .filter((inv) => openAt(inv, asOf) > 0)
          .map((inv) => ({ inv, p: prescription(inv, regimeOf(inv.customerId, settings.workspace), asOf) }))
          .filter((x) => x.p !== null && x.p.alert !== null)
          .sort((x, y) => (x.p?.daysLeft ?? 0) - (y.p?.daysLeft ?? 0));
        expect(view.prescription.map((r) => [r.invoice, r.daysLeft, r.alert])).toEqual(alerts.map((x) => [x.inv.number, x.p?.daysLeft, x.p?.alert]));
        expect(view.prescriptionCount).toBe(alerts.length);
        if (over.length > 0) seen.over++;
        if (alerts.length > 0) seen.alerts++;
      }),
      { numRuns: 300 },
    );
    // Both lists were found non-empty in many runs (the property is not met by empty lists alone).
    expect(seen.over).toBeGreaterThan(50);
    expect(seen.alerts).toBeGreaterThan(50);
  });
});
