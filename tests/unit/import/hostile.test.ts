/**
 * Broken and hostile files each end in a result or a clear message, within a bounded time, and
 * the CSV and mapping layers never throw on arbitrary input (fast-check).
 */
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { openAt, type Day } from '../../../src/core/index.ts';
import { importFile } from '../../../src/import/import-file.ts';

const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

function workbook(rows: unknown[][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'S');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** A ZIP whose central directory declares an entry of 4 GB (the bytes themselves are tiny). */
function zipBomb(): Uint8Array {
  const real = workbook([['Client', 'Montant'], ['A', 1]]);
  const b = Buffer.from(real);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = b.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let offset = view.getUint32(eocd + 16, true);
  view.setUint32(offset + 24, 0xfffffff0, true);
  return new Uint8Array(b);
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

describe('broken files', () => {
  it.each([
    ['an empty file', () => new Uint8Array(), 'EmptyFile'],
    ['binary garbage', () => new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 'NotASpreadsheet'],
    ['a truncated xlsx', () => workbook([['Client', 'Montant'], ['A', 1]]).subarray(0, 300), 'CorruptFile'],
    ['a zip declaring 4 GB uncompressed', zipBomb, 'FileTooLarge'],
    ['a sheet with no row', () => workbook([]), 'NoDataRows'],
    ['a 200 MB file of zero bytes', () => new Uint8Array(200 * 1024 * 1024), 'NotASpreadsheet'],
  ])('%s → %s, quickly', (_, make, code) => {
    const bytes = make();
    const { value, ms } = timed(() => importFile(bytes, { fileName: 'x' }));
    expect(value.report.fatal).toBe(code);
    expect(ms).toBeLessThan(10_000);
  });

  it('reads XML with an entity-expansion DTD as text, never expanding it', () => {
    const dtd = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>`;
    const { value, ms } = timed(() => importFile(text(dtd), { fileName: 'bomb.xml' }));
    expect(value.report.fatal).not.toBeNull();
    expect(ms).toBeLessThan(5_000);
  });

  it('caps a CSV line of 1,000,000 columns and still reads the rows', () => {
    const header = ['Client', 'Facture', 'Échéance', 'Montant', ...Array.from({ length: 999_996 }, (_, i) => `c${i}`)].join(';');
    const { value, ms } = timed(() => importFile(text(`${header}\nA;1;01/12/2025;10\n`), { fileName: 'wide.csv' }));
    expect(value.report.issues.some((i) => i.code === 'TooManyColumns')).toBe(true);
    expect(value.report.invoiceCount).toBe(1);
    expect(ms).toBeLessThan(20_000);
  });

  it('keeps HTML, right-to-left overrides, control characters and 10,000-character cells as plain text', () => {
    const evil = '<img src=x onerror=alert(1)>"><script>alert(2)</script>\u202egnp.exe\u0007';
    const long = 'x'.repeat(10_000);
    const csv = `Client;Facture;Échéance;Montant\n"${evil.replace(/"/g, '""')}";${long};01/12/2025;10\n`;
    const { report, ledger } = importFile(text(csv), { fileName: 'evil.csv' });
    expect(report.fatal).toBeNull();
    expect(ledger.customers[0]?.name).toBe(evil);
    expect(ledger.invoices[0]?.number).toBe(long);
  });
});

describe('fuzzing the CSV and mapping layers', () => {
  const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '12,50', '-3', '1 234,56 €', '31/12/2025', '2025-02-30', '(10)', 'NaN', '1e400', '"', ';', '\n'));
  it('never throws, and every accepted item satisfies the ledger invariants', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 15 }), fc.constantFrom(';', ',', '\t'), (rows, sep) => {
        const csv = [['Client', 'Facture', 'Échéance', 'Montant TTC', 'Réglé'].join(sep), ...rows.map((r) => r.join(sep))].join('\n');
        const { report, ledger } = importFile(text(csv), { fileName: 'fuzz.csv' });
        expect(report.rowsUsed + Object.values(report.skipped).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(report.rowsRead);
        for (const inv of ledger.invoices) {
          expect(Number.isSafeInteger(inv.amount)).toBe(true);
          for (const p of inv.payments) expect(Number.isSafeInteger(p.amount)).toBe(true);
          expect(Number.isSafeInteger(openAt(inv, 30000 as Day))).toBe(true);
          expect(ledger.customers.some((c) => c.id === inv.customerId)).toBe(true);
          if (inv.issued !== null) expect(Number.isInteger(inv.issued)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const { report } = importFile(bytes, { fileName: 'random' });
        expect(report.fatal === null || typeof report.fatal === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
