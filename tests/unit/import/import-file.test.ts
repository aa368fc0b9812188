import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeLedger, isoOf, openAt, type Day } from '../../../src/core/index.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { d } from '../../support/builders.ts';

const root = join(import.meta.dirname, '../../..');
const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('importFile on the samples', () => {
  it('reads the freelancer workbook: French headers, date cells, payments', () => {
    const { report, ledger } = importFile(readFileSync(join(root, 'samples/freelance-2025.xlsx')), { fileName: 'freelance-2025.xlsx' });
    expect(report.fatal).toBeNull();
    expect(report.format).toBe('xlsx');
    expect(report.rowsUsed).toBe(40);
    expect(report.invoiceCount).toBe(40);
    expect(report.mapping).toMatchObject({ customerName: 0, invoiceNumber: 1, issued: 2, due: 3, amount: 4, paid: 5, paymentDate: 6 });
    expect(ledger.invoices.every((i) => i.issued !== null && i.due !== null)).toBe(true);
  });

  it('finds the header of the firm workbook under its title block and skips the total row', () => {
    const { report } = importFile(readFileSync(join(root, 'samples/pme-3000.xlsx')), { fileName: 'pme-3000.xlsx' });
    expect(report.headerRow).toBe(4);
    expect(report.invoiceCount).toBe(3000);
    expect(report.skipped.total).toBe(1);
    expect(report.skipped.blank).toBe(1);
    expect(report.customerCount).toBeGreaterThan(100);
  });

  it('reads the Windows-1252 semicolon CSV with decimal commas', () => {
    const { report, ledger } = importFile(readFileSync(join(root, 'samples/export-compta.csv')), { fileName: 'export-compta.csv' });
    expect(report).toMatchObject({ format: 'csv', encoding: 'windows-1252', separator: ';', fatal: null, invoiceCount: 250 });
    expect(ledger.customers.some((c) => c.name === 'Cabinet Dubœuf & Associés')).toBe(true);
    expect(ledger.invoices.some((i) => i.amount < 0)).toBe(true);
  });
});

describe('importFile on small cases', () => {
  it('skips title lines, blank lines, repeated headers and totals, and counts them', () => {
    const csv = [
      'Balance clients au 31/12/2025;;;',
      ';;;',
      'Client;N° facture;Échéance;Montant TTC',
      'Alpha;F1;15/11/2025;1 200,00',
      ';;;',
      'Client;N° facture;Échéance;Montant TTC',
      'Beta;F2;20/12/2025;300,50',
      'Sous-total;;;1 500,50',
      'Total général;;;1 500,50',
    ].join('\n');
    const { report, ledger } = importFile(text(csv), { fileName: 't.csv' });
    expect(report.headerRow).toBe(3);
    expect(report.skipped).toMatchObject({ blank: 1, repeatedHeader: 1, total: 2 });
    expect(report.rowsUsed).toBe(2);
    expect(ledger.invoices.map((i) => i.amount)).toEqual([120000, 30050]);
  });

  it('names the sheet, row, column and value of a bad amount and keeps the other rows', () => {
    const csv = 'Client;Facture;Échéance;Montant\nA;1;01/12/2025;100\nB;2;01/12/2025;douze\nC;3;01/12/2025;50';
    const { report, ledger } = importFile(text(csv), { fileName: 'bad.csv' });
    const issue = report.issues.find((i) => i.code === 'InvalidAmount');
    expect(issue).toMatchObject({ sheet: 'bad', row: 3, column: 'D (Montant)', value: 'douze' });
    expect(ledger.invoices).toHaveLength(2);
    expect(report.skipped.error).toBe(1);
  });

  it('merges line-item rows that repeat the invoice total, and sums rows with their own amounts', () => {
    const csv = [
      'Invoice Number,Customer Name,Invoice Date,Due Date,Item Total,Total,Balance',
      'INV-1,Acme,2025-11-01,2025-12-01,10,100.00,100.00',
      'INV-1,Acme,2025-11-01,2025-12-01,90,100.00,100.00',
      'INV-2,Acme,2025-11-02,2025-12-02,5,50.00,20.00',
    ].join('\n');
    const { report, ledger } = importFile(text(csv), { fileName: 'zoho.csv' });
    expect(report.mergedRows).toBe(1);
    expect(ledger.invoices.map((i) => [i.number, i.amount, openAt(i, d('2025-12-31'))])).toEqual([
      ['INV-1', 10000, 10000],
      ['INV-2', 5000, 2000],
    ]);
  });

  it('reads how each invoice was sent: electronic, paper (a PDF by e-mail too) or unsaid', () => {
    const csv = 'Client;N° facture;Date;Échéance;Montant TTC;Canal d’envoi\nA;F1;01/02/2026;03/03/2026;100,00;Facture électronique\nA;F2;01/02/2026;03/03/2026;100,00;Chorus Pro\nA;F3;01/02/2026;03/03/2026;100,00;PDF\nA;F4;01/02/2026;03/03/2026;100,00;Papier\nA;F5;01/02/2026;03/03/2026;100,00;\nA;F6;01/02/2026;03/03/2026;100,00;fax\n';
    for (const fastCsv of [true, false]) {
      const { report, ledger } = importFile(text(csv), { fileName: 'canal.csv', fastCsv });
      expect(report.mapping.channel).toBe(5);
      expect(ledger.invoices.map((i) => i.channel ?? null)).toEqual(['electronic', 'electronic', 'paper', 'paper', null, null]);
      // A value that names no channel is said, with its row and value, not guessed.
      expect(report.issues.filter((i) => i.code === 'ChannelUnrecognized')).toEqual([{ code: 'ChannelUnrecognized', severity: 'warning', sheet: 'canal', row: 7, value: 'fax', params: { count: 1 } }]);
    }
  });

  it('releases the bytes of a text file once decoded when the caller hands them over, and only then', () => {
    const csv = 'Client;N° facture;Date;Échéance;Montant TTC\nA;F1;01/02/2026;03/03/2026;100,00\n';
    const handed = text(csv);
    const copy = new Uint8Array(handed);
    const a = importFile(handed, { fileName: 'a.csv', releaseBytes: true });
    expect(handed.buffer.byteLength).toBe(0);
    const kept = text(csv);
    const b = importFile(kept, { fileName: 'a.csv' });
    expect(kept.buffer.byteLength).toBe(copy.length);
    expect(a.ledger).toEqual(b.ledger);
    // A view on part of a larger buffer is not the importer's to release.
    const larger = new Uint8Array(copy.length + 10);
    larger.set(copy, 10);
    importFile(larger.subarray(10), { fileName: 'a.csv', releaseBytes: true });
    expect(larger.buffer.byteLength).toBe(copy.length + 10);
  });

  it('reports duplicate invoice numbers across customers', () => {
    const csv = 'Client,Invoice,Due,Amount\nA,7,2025-12-01,10\nB,7,2025-12-01,20';
    const { report } = importFile(text(csv), { fileName: 'dup.csv' });
    expect(report.issues.some((i) => i.code === 'DuplicateInvoice')).toBe(true);
  });

  it('gives every invoice its own key, whatever characters the names and numbers hold', () => {
    const plain = 'Client,Invoice,Date,Due,Amount\nA,7,2025-11-01,2025-12-01,10\nA,7,2025-11-02,2025-12-01,10\nB,7,2025-11-01,2025-12-01,20\nC,,2025-11-01,2025-12-01,5';
    const keys = importFile(text(plain), { fileName: 'k.csv' }).ledger.invoices.map((i) => i.key);
    expect(keys).toEqual(['A/7', 'A/7#2', 'B/7', 'k!5']);
    // "A/B" + "C" and "A" + "B/C" would both read A/B/C; numbers ending in #2 meet the duplicates' suffix.
    const tricky = 'Client,Invoice,Date,Due,Amount\nA/B,C,2025-11-01,2025-12-01,10\nA,B/C,2025-11-01,2025-12-01,10\nA,7,2025-11-01,2025-12-01,1\nA,7,2025-11-02,2025-12-01,2\nA,7#2,2025-11-01,2025-12-01,3';
    const trickyKeys = importFile(text(tricky), { fileName: 'k.csv' }).ledger.invoices.map((i) => i.key);
    expect(trickyKeys).toHaveLength(5);
    expect(new Set(trickyKeys).size).toBe(5);
    // Many customers sharing one number: each keeps its own invoice, one warning names the number.
    const shared = ['Client,Invoice,Due,Amount', ...Array.from({ length: 30 }, (_, i) => `C${i},1,2025-12-01,10`)].join('\n');
    const r = importFile(text(shared), { fileName: 's.csv' });
    expect(r.ledger.invoices).toHaveLength(30);
    expect(r.report.issues.filter((i) => i.code === 'DuplicateInvoice')).toHaveLength(1);
  });

  it('shows an assumed day/month order and lets the user change it', () => {
    const csv = 'Client;Facture;Échéance;Montant\nA;1;03/04/2025;10\nB;2;05/06/2025;10';
    const auto = importFile(text(csv), { fileName: 'o.csv' });
    expect(auto.report.issues.find((i) => i.code === 'AmbiguousDateOrder')).toBeDefined();
    expect(auto.report.columns[2]).toMatchObject({ dateOrder: 'dmy', isDateOrderAssumed: true });
    expect(isoOf(auto.ledger.invoices[0]?.due as Day)).toBe('2025-04-03');
    const swapped = importFile(text(csv), { fileName: 'o.csv', dateOrders: { due: 'mdy' } });
    expect(isoOf(swapped.ledger.invoices[0]?.due as Day)).toBe('2025-03-04');
  });

  it('derives a missing due date from the payment terms and says so', () => {
    const csv = 'Client;Facture;Date;Montant TTC;Conditions de paiement\nA;1;01/12/2025;10;45 jours fin de mois\nB;2;01/12/2025;10;';
    const { report, ledger } = importFile(text(csv), { fileName: 't.csv' });
    expect(ledger.invoices.map((i) => isoOf(i.due as Day))).toEqual(['2026-01-15', '2025-12-31']);
    expect(ledger.invoices.every((i) => i.isDueDerived)).toBe(true);
    expect(report.issues.find((i) => i.code === 'MissingDueDate')?.params).toMatchObject({ count: 2 });
  });

  it('uses a user mapping instead of the automatic one', () => {
    const csv = 'Qui;Quoi;Quand;Combien\nA;1;01/12/2025;10';
    const auto = importFile(text(csv), { fileName: 'u.csv' });
    expect(auto.report.fatal).not.toBeNull();
    const mapped = importFile(text(csv), { fileName: 'u.csv', mapping: { customerName: 0, invoiceNumber: 1, due: 2, amount: 3 } });
    expect(mapped.report.fatal).toBeNull();
    expect(mapped.ledger.invoices[0]?.amount).toBe(1000);
  });

  it.each([
    ['an empty file', new Uint8Array(), 'EmptyFile'],
    ['a PDF', text('%PDF-1.7 garbage'), 'NotASpreadsheet'],
    ['binary garbage', new Uint8Array([0, 1, 2, 3, 255, 0, 7]), 'NotASpreadsheet'],
    ['a truncated zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'CorruptFile'],
    ['text with no header', text('hello\n'), 'NoHeaderRow'],
  ])('gives a clear message for %s', (_, bytes, code) => {
    const { report } = importFile(bytes, { fileName: 'x' });
    expect(report.fatal).toBe(code);
  });

  it('reports progress while it turns rows into the ledger', () => {
    const rows = ['Client;Facture;Échéance;Montant', ...Array.from({ length: 45_000 }, (_, i) => `C${i % 50};F${i};01/12/2025;10`)];
    const calls: [number, number][] = [];
    importFile(text(rows.join('\n')), { fileName: 'big.csv' }, (done, total) => calls.push([done, total]));
    // Rows done exactly; rows in all estimated from the characters read (the file is read in pieces).
    expect(calls.map(([done]) => done)).toEqual([20000, 40000]);
    for (const [, total] of calls) expect(Math.abs(total - 45000)).toBeLessThan(45000 * 0.02);
  });

  it('analyses with the as-of date applied everywhere', () => {
    const csv = 'Client;Facture;Date;Échéance;Montant;Réglé;Date de règlement\nA;1;01/10/2025;31/10/2025;100;100;15/01/2026\nA;2;05/01/2026;04/02/2026;50;0;';
    const { ledger } = importFile(text(csv), { fileName: 'a.csv' });
    const a = analyzeLedger(ledger, { asOf: d('2025-12-31') });
    expect(a.aging.total.openCents).toBe(10000);
    expect(a.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['PaymentAfterAsOf', 'InvoiceAfterAsOf']));
  });
});
