/**
 * A text file read a slice at a time (src/import/text-pieces.ts): the pieces, put end to end, are the
 * text decodeText and cleanText make of the whole file (the same encoding, BOM and guess), and each
 * one but the last ends where a row ends. Then the fused readers on pieces against the same readers on
 * the whole text, and against the general path: the same report and ledger, byte for byte, with
 * slices small enough that rows, quoted fields and multi-byte characters fall across them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IssueList } from '../../../src/core/index.ts';
import { decodeText } from '../../../src/import/decode.ts';
import { fastCsvImport } from '../../../src/import/fast-csv.ts';
import { fastFecImport } from '../../../src/import/fast-fec.ts';
import { importFile, importSource } from '../../../src/import/import-file.ts';
import { loadSheetJs } from '../../../src/import/sheetjs.ts';
import { cleanText, detectSeparator } from '../../../src/import/read-csv.ts';
import { bytesSource, NotUtf8, PIECE_SIZE, PieceTooLong, TextPieces, type ByteSource, type PieceSize } from '../../../src/import/text-pieces.ts';
import { benchInvoices, fecText, ledgerCsv } from '../../../bench/data.ts';

const root = join(import.meta.dirname, '../../..');

/** A file read as the worker reads a File: each read a buffer of its own, which the reader lets go when done with it. */
function freshSource(bytes: Uint8Array): ByteSource & { reads: Uint8Array[] } {
  const reads: Uint8Array[] = [];
  return { size: bytes.length, freshReads: true, reads, read: (offset, length) => (reads[reads.length] = bytes.slice(offset, Math.min(bytes.length, offset + length))) };
}
const isDetached = (b: Uint8Array) => (b.buffer as ArrayBuffer & { detached: boolean }).detached;

/**
 * Every piece of a file, read as importFile reads it (again in a single-byte code page when it is not
 * UTF-8). Its reads are released as it goes (a piece decoded from a released read would be empty),
 * and all of them once the last piece is given.
 */
function piecesOf(bytes: Uint8Array, size: PieceSize): { pieces: string[]; reader: TextPieces } {
  const source = freshSource(bytes);
  for (let reader = TextPieces.of(source, undefined, size); ; reader = TextPieces.singleByte(source, size)) {
    const from = source.reads.length;
    try {
      const pieces: string[] = [];
      for (let p = reader.next(); p !== null; p = reader.next()) pieces.push(p);
      expect(source.reads.slice(from).filter((b) => !isDetached(b))).toEqual([]);
      return { pieces, reader };
    } catch (e) {
      if (!(e instanceof NotUtf8)) throw e;
    }
  }
}

const CP1252 = new Map(Array.from(new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, b) => b)), (ch, b) => [ch, b]));
const encode = (text: string, encoding: string): Uint8Array =>
  encoding === 'utf-8'
    ? new TextEncoder().encode(text)
    : encoding === 'utf-8-bom'
      ? new TextEncoder().encode(`\ufeff${text}`)
      : encoding === 'windows-1252'
        ? Uint8Array.from(text, (ch) => CP1252.get(ch) ?? 0x3f)
        : Uint8Array.from([0xff, 0xfe, ...Array.from(text).flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);

describe('a text file in pieces', () => {
  it('is the whole text, cut after a newline that ends a row', () => {
    const chunk = fc.constantFrom('a', 'é', 'œ', '€', '’', ';', ',', '"', '""', '\n', '\r\n', '\r', '\r\r\n', '\0', 'x y', '12,50');
    fc.assert(
      fc.property(
        fc.array(chunk, { maxLength: 300 }),
        fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        (parts, encoding, block, piece, firstLines) => {
          const bytes = encode(parts.join(''), encoding);
          const whole = decodeText(bytes);
          const { pieces, reader } = piecesOf(bytes, { block, piece, firstLines, max: 1 << 20 });
          expect(pieces.join('')).toBe(cleanText(whole.text));
          expect(reader.decoded).toEqual({ encoding: whole.encoding, hadBom: whole.hadBom, guessed: whole.guessed });
          let before = '';
          for (const piece of pieces.slice(0, -1)) {
            before += piece;
            expect(piece.endsWith(reader.newline)).toBe(true);
            expect((before.split('"').length - 1) % 2).toBe(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives up when no row ends in its largest piece: a file with \\r newlines, a quote never closed', () => {
    const size: PieceSize = { block: 64, piece: 32, firstLines: 2, max: 1000 };
    const lines = Array.from({ length: 200 }, (_, i) => `C${i};F${i};01/12/2025;10`);
    for (const text of [`Client;Facture;Échéance;Montant\r${lines.join('\r')}`, `Client;Facture;Échéance;Montant\n${lines.slice(0, 5).join('\n')}\n"${lines.join('\n')}`]) {
      const reader = TextPieces.of(bytesSource(new TextEncoder().encode(text)), undefined, size);
      expect(() => {
        for (let p = reader.next(); p !== null; p = reader.next());
      }).toThrow(PieceTooLong);
    }
  });

  it('is cut where the newline of the file is, not at a lone \\n of a \\r\\n file', () => {
    const text = `a;b\r\n${'x\ny;1\r\n'.repeat(50)}`;
    const { pieces, reader } = piecesOf(new TextEncoder().encode(text), { block: 7, piece: 5, firstLines: 2, max: 1 << 20 });
    expect(reader.newline).toBe('\r\n');
    expect(pieces.length).toBeGreaterThan(10);
    for (const p of pieces.slice(0, -1)) expect(p.endsWith('\r\n')).toBe(true);
  });
});

/** The CSV layouts of the differential: separators, newlines, quoting (newlines inside quotes), encodings. */
const layoutArb = fc.record({
  sep: fc.constantFrom(';', ',', '\t'),
  newline: fc.constantFrom('\n', '\r\n'),
  quoteAll: fc.boolean(),
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'),
  rows: fc.integer({ min: 1300, max: 1600 }),
  /** Where the first character outside ASCII is (late: a UTF-8 guess read far before it fails). */
  accentsFrom: fc.integer({ min: 0, max: 1600 }),
  notes: fc.boolean(),
  trailingNewline: fc.boolean(),
  block: fc.integer({ min: 50, max: 2000 }),
});

type Layout = typeof layoutArb extends fc.Arbitrary<infer T> ? T : never;

function csvOf(l: Layout): Uint8Array {
  const names = ['Dupont SA', 'Martin', 'Garage Bérénice', 'Œuvres & Cie', 'Dupont; fils', 'L’Atelier'];
  const quote = (v: string) => (l.quoteAll || v.includes(l.sep) || v.includes('"') || v.includes('\n') ? `"${v.replaceAll('"', '""')}"` : v);
  // The header in ASCII too when the first accent is wanted late.
  const headers = l.accentsFrom === 0 ? ['Client', 'N° facture', 'Échéance', 'Montant'] : ['Client', 'Numero facture', 'Echeance', 'Montant'];
  const lines = [[...headers, ...(l.notes ? ['Commentaire'] : [])].map(quote).join(l.sep)];
  for (let i = 0; i < l.rows; i++) {
    const name = names[i % names.length] as string;
    const ascii = i < l.accentsFrom ? name.replace(/[^\x20-\x7e]/g, 'e') : name;
    const note = i % 7 === 0 ? 'ligne 1\nligne "2"' : i % 5 === 0 ? 'à relancer' : '';
    const cents = (i * 7919) % 1_000_000;
    const amount = `${Math.floor(cents / 100)}${l.sep === ',' ? '.' : ','}${String(cents % 100).padStart(2, '0')}`;
    lines.push([ascii, `F${i}`, `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/2025`, amount, ...(l.notes ? [i < l.accentsFrom ? note.replace('à', 'a') : note] : [])].map(quote).join(l.sep));
  }
  return encode(lines.join(l.newline) + (l.trailingNewline ? l.newline : ''), l.encoding);
}

describe('the fused readers on pieces', () => {
  it('read a CSV in pieces as they read it whole, and as the general path reads it', () => {
    fc.assert(
      fc.property(layoutArb, (l) => {
        const bytes = csvOf(l);
        const whole = importFile(bytes, { fileName: 'grand-livre.csv' });
        const pieced = importFile(bytes, { fileName: 'grand-livre.csv', pieceBytes: l.block });
        expect(JSON.stringify(pieced)).toBe(JSON.stringify(whole));
        expect(JSON.stringify(whole)).toBe(JSON.stringify(importFile(bytes, { fileName: 'grand-livre.csv', fastCsv: false })));
        expect(whole.report.invoiceCount).toBe(l.rows);
        // The fused reader read it through its pieces (and they were many).
        const { pieces, reader } = piecesOf(bytes, { ...PIECE_SIZE, piece: l.block, block: 3 * l.block });
        // UTF-16 is one piece (a byte is no character there): the others are cut.
        expect(pieces.length > 1).toBe(!l.encoding.startsWith('utf-16'));
        const text = reader.again();
        expect(fastCsvImport(text, { fileName: 'f.csv', sheetName: 'f', separator: detectSeparator(pieces[0] as string), defaultTermsDays: 30, includeDrafts: false }, new IssueList())).not.toBeNull();
      }),
      { numRuns: 40 },
    );
  });

  it('read the benchmark ledger and FEC in pieces as they read them whole', () => {
    const cases: [string, Uint8Array][] = [
      ['ledger-3000.csv', ledgerCsv(benchInvoices(3000, 'mixed'))],
      ['123456789FEC20251231.txt', fecText(3000)],
      ['123456789FEC20251231.txt', fecText(3000, true)],
    ];
    for (const [fileName, bytes] of cases) {
      const whole = importFile(bytes, { fileName });
      for (const pieceBytes of [97, 4096, 65_536]) expect(JSON.stringify(importFile(bytes, { fileName, pieceBytes }))).toBe(JSON.stringify(whole));
      if (fileName.endsWith('.txt')) {
        const reader = TextPieces.of(bytesSource(bytes), undefined, { ...PIECE_SIZE, piece: 4096, block: 3 * 4096 });
        const first = reader.peek() as string;
        expect(reader.isLast).toBe(false);
        expect(fastFecImport(reader, { fileName, sheetName: 'f', separator: detectSeparator(first), defaultTermsDays: 30 }, new IssueList())).not.toBeNull();
      }
    }
  });

  it('read every CSV of the samples and of the real exports in pieces as whole', () => {
    const dirs = [join(root, 'samples'), join(root, '../shared/samples/real')];
    const all = dirs.flatMap(function walk(dir: string): string[] {
      if (!existsSync(dir)) return [];
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(csv|txt)$/i.test(e.name) ? [join(dir, e.name)] : []));
    });
    expect(all.length).toBeGreaterThan(2);
    for (const path of all) {
      const bytes = new Uint8Array(readFileSync(path));
      const fileName = path.split('/').pop() as string;
      expect(JSON.stringify(importFile(bytes, { fileName, pieceBytes: 113 }))).toBe(JSON.stringify(importFile(bytes, { fileName })));
    }
  });
});

describe('a workbook read from a file', () => {
  it('lets its fresh copy of the bytes go once in cells, and reads as from bytes in hand', async () => {
    const XLSX = await loadSheetJs();
    const sample = new Uint8Array(readFileSync(join(root, 'samples', 'freelance-2025.xlsx')));
    // The lean reader's files, and the ones SheetJS reads (.xls, .ods), written from a sample.
    const books: [string, Uint8Array][] = [
      ['freelance-2025.xlsx', sample],
      ['pme-3000.xlsx', new Uint8Array(readFileSync(join(root, 'samples', 'pme-3000.xlsx')))],
      ['freelance-2025.xls', new Uint8Array(XLSX.write(XLSX.read(sample), { type: 'array', bookType: 'biff8' }) as ArrayBuffer)],
      ['freelance-2025.ods', new Uint8Array(XLSX.write(XLSX.read(sample), { type: 'array', bookType: 'ods' }) as ArrayBuffer)],
    ];
    for (const [name, bytes] of books) {
      const source = freshSource(bytes);
      const read = importSource(source, { fileName: name });
      expect(read.report.fatal).toBeNull();
      // The whole file was read once (after its first bytes), and that copy is gone.
      expect(source.reads.length).toBe(2);
      expect(source.reads.map(isDetached)).toEqual([false, true]);
      expect(JSON.stringify(read)).toBe(JSON.stringify(importFile(bytes, { fileName: name })));
    }
  });
});
