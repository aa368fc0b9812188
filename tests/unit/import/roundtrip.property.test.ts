/** Generated ledgers written as xlsx (date cells) and as French CSV (Windows-1252), read back identically. */
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { excelSerialOf, frenchDate, openAt, type Day } from '../../../src/core/index.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { encodeWindows1252 } from '../../../samples/generate.ts';

type Row = { customer: string; number: string; issued: Day; due: Day; cents: number; paid: number };

const rowsArb = fc
  .uniqueArray(
    fc.record({
      customer: fc.constantFrom('Société Générale', 'Dubœuf SA', 'Müller & Fils', 'L’Atelier', 'ACME'),
      n: fc.integer({ min: 1, max: 99999 }),
      issued: fc.integer({ min: 19000, max: 21000 }),
      terms: fc.integer({ min: 0, max: 90 }),
      cents: fc.integer({ min: -1_000_000, max: 100_000_000 }).filter((c) => c !== 0),
      paidShare: fc.integer({ min: 0, max: 100 }),
    }),
    { selector: (r) => r.n, minLength: 1, maxLength: 30 },
  )
  .map((rs) =>
    rs.map((r): Row => ({
      customer: r.customer,
      number: `F-${r.n}`,
      issued: r.issued as Day,
      due: (r.issued + r.terms) as Day,
      cents: r.cents,
      paid: r.cents > 0 ? Math.floor((r.cents * r.paidShare) / 100) : 0,
    })),
  );

const HEADERS = ['Client', 'N° facture', 'Date facture', 'Échéance', 'Montant TTC', 'Réglé'];

function toCsv(rows: Row[]): Uint8Array {
  const amount = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100).toLocaleString('fr-FR')},${String(Math.abs(c) % 100).padStart(2, '0')}`;
  const lines = [HEADERS.join(';'), ...rows.map((r) => [r.customer, r.number, frenchDate(r.issued), frenchDate(r.due), amount(r.cents), amount(r.paid)].join(';'))];
  return encodeWindows1252(lines.join('\r\n').replace(/\u202f/g, ' '));
}

function toXlsx(rows: Row[]): Uint8Array {
  const aoa: unknown[][] = [HEADERS];
  for (const r of rows) {
    aoa.push([r.customer, r.number, { t: 'n', v: excelSerialOf(r.issued, false), z: 'dd/mm/yyyy' }, { t: 'n', v: excelSerialOf(r.due, false), z: 'dd/mm/yyyy' }, r.cents / 100, r.paid / 100]);
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Factures');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

function expectSameLedger(rows: Row[], bytes: Uint8Array, name: string): void {
  const { report, ledger } = importFile(bytes, { fileName: name });
  expect(report.fatal).toBeNull();
  const far = 99999 as Day;
  const got = ledger.invoices.map((i) => ({ customer: i.customerId, number: i.number, issued: i.issued, due: i.due, cents: i.amount, open: openAt(i, far) }));
  const want = rows.map((r) => ({ customer: r.customer, number: r.number, issued: r.issued, due: r.due, cents: r.cents, open: r.cents - r.paid }));
  const key = (x: { number: string }) => x.number;
  expect([...got].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...want].sort((a, b) => key(a).localeCompare(key(b))));
}

describe('round trip through writers', () => {
  it('xlsx with date cells', () => {
    fc.assert(fc.property(rowsArb, (rows) => expectSameLedger(rows, toXlsx(rows), 'gen.xlsx')), { numRuns: 60 });
  });

  it('French CSV in Windows-1252', () => {
    fc.assert(fc.property(rowsArb, (rows) => expectSameLedger(rows, toCsv(rows), 'gen.csv')), { numRuns: 60 });
  });
});
