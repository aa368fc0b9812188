/**
 * E-invoices in (issue 18): CII and UBL written from the specifications' examples, a credit note, a
 * prepaid invoice, a foreign seller set apart, a Factur-X PDF made here (pdf.js finds its
 * factur-x.xml), a PDF without XML and hostile XML named; and the round trip ledger → e-invoices →
 * ledger keeps the aged balance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agedBalance, emptyWorkspace, isoOf, type Day } from '../../../../src/core/index.ts';
import { readEInvoiceXml } from '../../../../src/import/einvoice/einvoice.ts';
import { describeIssue } from '../../../../src/i18n/issues.ts';
import { importEInvoices } from '../../../../src/import/einvoice/import-einvoices.ts';
import { ciiXml, facturXPdf, ublXml, type Doc } from '../../../support/einvoices.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const mentions = ['Pénalités de retard : trois fois le taux d’intérêt légal', 'Indemnité forfaitaire pour frais de recouvrement : 40 €'];
const base: Doc = { number: 'F-2026-001', issued: '20260105', due: '20260204', buyerName: 'Boulangerie Lefèvre', buyerSiren: '552100554', ht: '1000.00', ttc: '1200.00', notes: mentions };

describe('CII and UBL', () => {
  for (const [syntax, write] of [['CII', ciiXml], ['UBL', ublXml]] as const) {
    it(`${syntax}: number, dates, parties, totals, profile`, () => {
      const r = readEInvoiceXml(write(base));
      if (!r.ok) throw new Error(r.detail);
      const i = r.invoice;
      expect([i.syntax, i.profile, i.kind, i.number, isoOf(i.issued), i.due && isoOf(i.due), i.currency, i.totalCents, i.netCents, i.prepaidCents]).toEqual([syntax, 'EN 16931', 'invoice', 'F-2026-001', '2026-01-05', '2026-02-04', 'EUR', 120000, 100000, 0]);
      expect(i.seller).toMatchObject({ name: 'Atelier Martin', siren: '123456789' });
      expect(i.buyer).toMatchObject({ name: 'Boulangerie Lefèvre', siren: '552100554', address: ['12 rue des Lilas', '69003 Lyon'] });
    });
    it(`${syntax}: a credit note`, () => {
      const r = readEInvoiceXml(write({ ...base, number: 'AV-1', kind: 'credit', ht: '100.00', ttc: '120.00' }));
      expect(r.ok && [r.invoice.kind, r.invoice.totalCents]).toEqual(['credit', 12000]);
    });
  }

  it('refuses hostile and foreign XML with a named reason', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Invoice><ID>&b;</ID></Invoice>`;
    expect(readEInvoiceXml(bomb)).toMatchObject({ ok: false, error: 'XmlRefused' });
    expect(readEInvoiceXml('<Order><ID>1</ID></Order>')).toMatchObject({ ok: false, error: 'NotAnInvoice', detail: 'Order' });
    expect(readEInvoiceXml(ublXml(base).replace(/<cbc:IssueDate>.*<\/cbc:IssueDate>/, ''))).toMatchObject({ ok: false, error: 'MissingField', detail: 'IssueDate' });
  });
});

describe('a folder of e-invoices as one ledger', () => {
  it('reads PDFs and XML together; prepaid, credit notes, another seller and a PDF without XML are handled and reported', async () => {
    const files = [
      { name: 'F-2026-001.pdf', bytes: facturXPdf(ciiXml(base)) },
      { name: 'F-2026-002.xml', bytes: enc(ublXml({ ...base, number: 'F-2026-002', prepaid: '200.00', notes: [] })) },
      { name: 'AV-2026-001.xml', bytes: enc(ciiXml({ ...base, number: 'AV-2026-001', kind: 'credit', ht: '50.00', ttc: '60.00' })) },
      { name: 'F-2026-003.xml', bytes: enc(ciiXml({ ...base, number: 'F-2026-003', buyerName: 'Garage Martin', buyerSiren: undefined, due: undefined, ht: '500.00', ttc: '600.00' })) },
      { name: 'achat-fournisseur.xml', bytes: enc(ublXml({ ...base, number: 'FOURN-9', sellerName: 'Papeterie Durand', sellerSiren: '987654321', buyerName: 'Atelier Martin' })) },
      { name: 'scan.pdf', bytes: facturXPdf(null) },
      { name: 'notes.txt', bytes: enc('<Order/>') },
    ];
    const profile = { ...emptyWorkspace().profile, company: 'Atelier Martin', siren: '123 456 789' };
    const { report, ledger } = await importEInvoices(files, profile);
    expect(report.format).toBe('einvoice');
    expect(report.rowsRead).toBe(7);
    expect(ledger.invoices.map((i) => [i.number, i.kind, i.amount, i.customerId, i.payments.map((p) => p.amount)])).toEqual([
      ['F-2026-001', 'invoice', 120000, '552100554', []],
      ['F-2026-002', 'invoice', 120000, '552100554', [20000]],
      ['AV-2026-001', 'credit', -6000, '552100554', []],
      ['F-2026-003', 'invoice', 60000, 'Garage Martin', []],
    ]);
    expect(ledger.invoices[3]?.isDueDerived).toBe(true);
    expect(ledger.customers.find((c) => c.id === '552100554')).toMatchObject({ name: 'Boulangerie Lefèvre', siren: '552100554', address: '12 rue des Lilas\n69003 Lyon' });
    const codes = report.issues.map((i) => i.code);
    expect(codes).toContain('EInvoiceOtherSeller');
    expect(codes).toContain('EInvoicePdfWithoutXml');
    expect(codes).toContain('EInvoiceRefused');
    const refused = report.issues.find((i) => i.code === 'EInvoiceRefused');
    expect(describeIssue(refused as NonNullable<typeof refused>, 'fr')).toBe('notes.txt : pas lu comme facture électronique — ce n’est pas une facture ni un avoir (Order).');
    expect(report.issues.find((i) => i.code === 'EInvoiceMentionsMissing')?.params).toEqual({ siren: 1, penalty: 1, indemnity: 1, category: 3, debits: 0, count: 3 });
  });

  it('counts the reform’s mentions: the category of operation, and for services the VAT-on-debits option', async () => {
    const notes = [...mentions, 'Catégorie : prestations de services'];
    const files = [
      { name: 'a.xml', bytes: enc(ciiXml({ ...base, number: 'S-1', notes })) },
      { name: 'b.xml', bytes: enc(ciiXml({ ...base, number: 'S-2', notes: [...notes, 'TVA acquittée d’après les débits'] })) },
      { name: 'c.xml', bytes: enc(ublXml({ ...base, number: 'G-1', notes: [...mentions, 'Livraison de biens'] })) },
    ];
    const { report } = await importEInvoices(files, null);
    expect(report.issues.find((i) => i.code === 'EInvoiceMentionsMissing')?.params).toEqual({ siren: 0, penalty: 0, indemnity: 0, category: 0, debits: 1, count: 3 });
  });

  it('property: a ledger written as e-invoices (CII or UBL) reads back with the same aged balance', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ who: fc.integer({ min: 0, max: 4 }), day: fc.integer({ min: 0, max: 300 }), terms: fc.integer({ min: 0, max: 90 }), cents: fc.integer({ min: 1, max: 5_000_000 }), credit: fc.boolean(), ubl: fc.boolean() }), { minLength: 1, maxLength: 25 }),
        async (rows) => {
          const day = (n: number) => isoOf((20454 + n) as Day).replace(/-/g, '');
          const files = rows.map((r, k) => {
            const doc: Doc = { number: `N${k}`, kind: r.credit ? 'credit' : 'invoice', issued: day(r.day), due: day(r.day + r.terms), buyerName: `Client ${r.who}`, buyerSiren: `55210055${r.who}`, ht: (r.cents / 100).toFixed(2), ttc: (r.cents / 100).toFixed(2) };
            return { name: `${k}.xml`, bytes: enc((r.ubl ? ublXml : ciiXml)(doc)) };
          });
          const { ledger } = await importEInvoices(files, null);
          const asOf = 20800 as Day;
          const aging = agedBalance(ledger, { asOf });
          const expected = new Map<string, number>();
          for (const r of rows) expected.set(`55210055${r.who}`, (expected.get(`55210055${r.who}`) ?? 0) + (r.credit ? -r.cents : r.cents));
          // A customer whose invoice and credit note cancel out still has items in the aged balance, at 0.
          expect(new Map(aging.customers.map((c) => [c.customerId, c.openCents]))).toEqual(expected);
          // Buckets: each item aged from its own due date (credit notes from theirs).
          let overdue = 0;
          for (const r of rows) if (20454 + r.day + r.terms < asOf) overdue += r.credit ? -r.cents : r.cents;
          expect(aging.total.overdueCents).toBe(overdue);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('the letters use what the e-invoices say', () => {
  it('a formal notice goes to the buyer’s address read from its e-invoice when the workspace has none', async () => {
    const { letters } = await import('../../../../src/app/letters.ts');
    const { settingsAt, profiledWorkspace } = await import('../../../support/builders.ts');
    const { ledger } = await importEInvoices([{ name: 'F1.xml', bytes: enc(ciiXml({ ...base, issued: '20250105', due: '20250204' })) }], null);
    const settings = { ...settingsAt('2026-03-31'), workspace: profiledWorkspace() };
    const out = letters(ledger, settings, { customerIds: ['552100554'] });
    expect(out.refused).toEqual([]);
    const text = JSON.stringify(out.models[0]).replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('12 RUE DES LILAS');
    expect(text).toContain('69003 LYON');
    expect(text).toContain('552 100 554');
  });
});
