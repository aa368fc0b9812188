/** A zip the user made of their e-invoices, told from its directory before it is read, and read as invoices; a workbook never is. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { eInvoiceFilesOf, isEInvoiceZip } from '../../../../src/import/einvoice/archive.ts';
import { zipEntryNames } from '../../../../src/import/zip-guard.ts';
import { ciiXml, facturXPdf, ublXml } from '../../../support/einvoices.ts';

const root = join(import.meta.dirname, '../../../..');
const base = { issued: '20260105', due: '20260204', buyerName: 'Boulangerie Lefèvre', buyerSiren: '552100554', ht: '1000.00', ttc: '1200.00' };
/** A zip as a desktop makes one: a folder entry, a macOS resource fork and its folder settings beside the files. */
const invoicesZip = () =>
  zipSync({
    'factures/': new Uint8Array(0),
    'factures/F-001.xml': strToU8(ciiXml({ ...base, number: 'F-001' })),
    'factures/Facture n°2.pdf': facturXPdf(ublXml({ ...base, number: 'F-002' })),
    '__MACOSX/factures/._F-001.xml': new Uint8Array([0, 5, 22, 7]),
    'factures/.DS_Store': new Uint8Array([0, 0, 0, 1]),
  });
/** The last `n` bytes of a file, and where they start. */
const tailOf = (bytes: Uint8Array, n: number) => ({ tail: bytes.subarray(Math.max(0, bytes.length - n)), start: Math.max(0, bytes.length - n) });

describe('zipEntryNames', () => {
  it('lists the directory from the end of the file alone, UTF-8 names included', () => {
    const zip = invoicesZip();
    const { tail, start } = tailOf(zip, 600);
    expect(start).toBeGreaterThan(0);
    expect(zipEntryNames(tail, start)).toEqual(['factures/', 'factures/F-001.xml', 'factures/Facture n°2.pdf', '__MACOSX/factures/._F-001.xml', 'factures/.DS_Store']);
  });

  it('says nothing when the bytes given miss the start of the directory, or hold no zip', () => {
    const zip = invoicesZip();
    const { tail, start } = tailOf(zip, 100);
    expect(zipEntryNames(tail, start)).toBeNull();
    expect(zipEntryNames(strToU8('Client;Facture\nA;1\n'), 0)).toBeNull();
  });
});

describe('isEInvoiceZip and eInvoiceFilesOf', () => {
  it('a zip of XML and PDF invoices (folders and macOS entries aside) is e-invoices, read under their own names', async () => {
    const zip = invoicesZip();
    const { tail, start } = tailOf(zip, 4096);
    expect(isEInvoiceZip(zip.subarray(0, 8192), tail, start)).toBe(true);
    const files = await eInvoiceFilesOf(zip, 'factures.zip');
    expect(files?.map((f) => f.name)).toEqual(['F-001.xml', 'Facture n°2.pdf']);
  });

  it('a workbook, or a zip with anything but invoices in it, is not', async () => {
    const xlsx = new Uint8Array(readFileSync(join(root, 'samples/freelance-2025.xlsx')));
    expect(isEInvoiceZip(xlsx.subarray(0, 8192), xlsx, 0)).toBe(false);
    expect(await eInvoiceFilesOf(xlsx, 'freelance-2025.xlsx')).toBeNull();
    const mixed = zipSync({ 'F-001.xml': strToU8(ciiXml({ ...base, number: 'F-001' })), 'notes.txt': strToU8('à relancer') });
    expect(isEInvoiceZip(mixed, mixed, 0)).toBe(false);
    expect(await eInvoiceFilesOf(mixed, 'mixed.zip')).toBeNull();
    const empty = zipSync({ 'factures/': new Uint8Array(0) });
    expect(isEInvoiceZip(empty, empty, 0)).toBe(false);
  });
});
