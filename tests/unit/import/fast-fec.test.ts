/**
 * The fused FEC reader (src/import/fast-fec.ts) against the general path, its oracle (PapaParse →
 * sheet → buildFecLedger): on generated FEC files (separators, newlines, encodings, lettrage or none,
 * opening entries, other accounts, blank lines, unreadable amounts, accounts with spaces or quotes)
 * and on the real FEC exports of ../shared/samples/real (skipped when absent), importFile gives the
 * same report and ledger, byte for byte; and the files it is made for are read by it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoicesMade, IssueList, ledgerColumns } from '../../../src/core/index.ts';
import { decodeText } from '../../../src/import/decode.ts';
import { fastFecImport } from '../../../src/import/fast-fec.ts';
import { importFile, type ImportOptions } from '../../../src/import/import-file.ts';
import { cleanText, detectSeparator } from '../../../src/import/read-csv.ts';
import { fecText } from '../../../bench/data.ts';

const REAL = join(import.meta.dirname, '../../../../shared/samples/real/fec');

function same(bytes: Uint8Array, options: Partial<ImportOptions> = {}): void {
  const fileName = '123456789FEC20251231.txt';
  const fast = importFile(bytes, { fileName, ...options });
  const oracle = importFile(bytes, { fileName, ...options, fastCsv: false });
  // The ledger is kept as columns first: they are what its items, once made, would give.
  expect(ledgerColumns(fast.ledger)).toEqual(ledgerColumns({ ...fast.ledger }));
  expect(JSON.stringify(fast)).toBe(JSON.stringify(oracle));
}

function isFast(bytes: Uint8Array, accountPrefixes?: string[]): boolean {
  const text = cleanText(decodeText(bytes).text);
  return fastFecImport(text, { fileName: 'f.txt', sheetName: 'f', separator: detectSeparator(text), defaultTermsDays: 30, ...(accountPrefixes ? { accountPrefixes } : {}) }, new IssueList()) !== null;
}

const HEADER = ['JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib', 'PieceRef', 'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise'];

const lineArb = fc.record({
  journal: fc.constantFrom('VE', 'BQ', 'AN', 'OD', 'VTE'),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  account: fc.constantFrom('411000', '411100', '706000', '445710', '416000', ' 411000', '4110', '512000', ''),
  customer: fc.integer({ min: 0, max: 6 }),
  withAux: fc.boolean(),
  piece: fc.integer({ min: 1, max: 40 }),
  debit: fc.integer({ min: 0, max: 500000 }),
  credit: fc.integer({ min: 0, max: 500000 }),
  lettrage: fc.constantFrom('', '', 'A', 'B', 'AA'),
  odd: fc.constantFrom('', '', '', '', 'blank', 'separators', 'noAccount', 'badAmount', 'spaces', 'short', 'noDate'),
});

const money = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

const fileArb = fc.record({
  sep: fc.constantFrom('\t', '|'),
  newline: fc.constantFrom('\r\n', '\n'),
  encoding: fc.constantFrom('utf-8', 'windows-1252'),
  trailingNewline: fc.boolean(),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 60 }),
}).map(({ sep, newline, encoding, trailingNewline, lines }) => {
  const names = ['Dupont SA', 'Société Générale', 'Lœwy & fils', 'Martin', 'Hôtel du Château', 'A', 'Zoé'];
  const rows = lines.map((l) => {
    if (l.odd === 'blank') return '';
    // Every field empty: a blank row to both paths, however many separators.
    if (l.odd === 'separators') return sep.repeat(HEADER.length - 1);
    const date = `2025${String(l.month).padStart(2, '0')}${String(l.day).padStart(2, '0')}`;
    const cells = [l.journal, l.journal, '1', date, l.account, 'Clients', l.withAux ? `C${l.customer}` : '', l.withAux ? (names[l.customer] as string) : '', `F${l.piece}`, date, `Facture F${l.piece}`, l.odd === 'badAmount' ? 'douze' : money(l.debit), money(l.credit), l.lettrage, l.lettrage ? date : '', date, '', ''];
    if (l.odd === 'spaces') cells[8] = `  ${cells[8]} `;
    if (l.odd === 'noAccount') cells[4] = '';
    if (l.odd === 'noDate') cells[3] = cells[9] = '';
    return (l.odd === 'short' ? cells.slice(0, 9) : cells).join(sep);
  });
  const text = [HEADER.join(sep), ...rows].join(newline) + (trailingNewline ? newline : '');
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const table = new Map(Array.from(new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, b) => b)), (ch, b) => [ch, b]));
  return Uint8Array.from(text, (ch) => table.get(ch) ?? 0x3f);
});

describe('the fused FEC reader against the general path', () => {
  it('gives the general path’s report and ledger on generated FEC files', () => {
    let fast = 0;
    fc.assert(
      fc.property(fileArb, (bytes) => {
        same(bytes);
        same(bytes, { fecAccounts: ['411', '416'] });
        if (isFast(bytes)) fast++;
      }),
      { numRuns: 300 },
    );
    // Most are its own (the others have no receivable line, or a line it leaves to the general path).
    expect(fast).toBeGreaterThan(200);
  });

  it('reads the benchmark FEC itself, lettered or not', () => {
    for (const bytes of [fecText(3000), fecText(3000, true)]) {
      expect(isFast(bytes)).toBe(true);
      // Its items are not made into objects by the import: the dashboard reads the columns.
      expect(invoicesMade(importFile(bytes, { fileName: 'fec.txt' }).ledger)).toBe(false);
      same(bytes);
    }
  });

  it('leaves quoted fields it cannot split to the general path, with the same result', () => {
    const head = HEADER.join('\t');
    const row = (account: string) => ['VE', 'Ventes', '1', '20250101', account, 'Clients', 'C1', 'Dupont', 'F1', '20250101', 'x', '10,00', '0,00', '', '', '20250101', '', ''].join('\t');
    for (const body of [row('"411"000'), row('411000') + '\n' + row('"411000" ')]) {
      const bytes = new TextEncoder().encode(`${head}\n${body}\n`);
      expect(isFast(bytes)).toBe(false);
      same(bytes);
    }
    // A quoted account is read (its text decides), as PapaParse reads it.
    const quoted = new TextEncoder().encode(`${head}\n${row('"411000"')}\n${row('706000')}\n`);
    expect(isFast(quoted)).toBe(true);
    same(quoted);
  });

  it('gives the same ledger on the real FEC exports', () => {
    if (!existsSync(REAL)) return;
    const files = readdirSync(REAL).filter((n) => /\.txt$/i.test(n));
    expect(files.length).toBeGreaterThan(0);
    let fast = 0;
    for (const name of files) {
      const bytes = new Uint8Array(readFileSync(join(REAL, name)));
      same(bytes);
      if (isFast(bytes)) fast++;
    }
    expect(fast).toBeGreaterThan(0);
  });
});
