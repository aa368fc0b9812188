/**
 * A dropped file read through FileReaderSync (src/worker/blob-source.ts): 8 MiB at a time, its head
 * read once however often the importer comes back to it, and the ledger the same as from the bytes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, importSource } from '../../../src/import/import-file.ts';
import { BLOB_BLOCK, blobSource } from '../../../src/worker/blob-source.ts';
import { release } from '../../../src/core/typed-arrays.ts';
import { encodeWindows1252 } from '../../../samples/generate.ts';

/** The worker's FileReaderSync, counting its calls: each read a buffer of its own, as the browser's. */
let reads: { offset: number; length: number }[] = [];
class CountingReader {
  readAsArrayBuffer(blob: Blob & { offset?: number; bytes?: Uint8Array }): ArrayBuffer {
    reads.push({ offset: blob.offset ?? 0, length: blob.size });
    return (blob.bytes as Uint8Array).slice().buffer;
  }
}
/** A Blob whose slices are synchronous views (Node's own slices are read asynchronously). */
class FakeBlob {
  readonly bytes: Uint8Array;
  readonly offset: number;
  constructor(bytes: Uint8Array, offset = 0) {
    this.bytes = bytes;
    this.offset = offset;
  }
  get size(): number {
    return this.bytes.length;
  }
  slice(from: number, to: number): FakeBlob {
    return new FakeBlob(this.bytes.subarray(from, to), this.offset + from);
  }
}

const g = globalThis as { FileReaderSync?: unknown };
beforeEach(() => {
  reads = [];
  g.FileReaderSync = CountingReader;
});
afterEach(() => {
  delete g.FileReaderSync;
});

/** A Windows-1252 ledger of `rows` invoices (so read first as UTF-8, then again in the code page). */
function ledger(rows: number): Uint8Array {
  const lines = ['Code client;Client;N° facture;Échéance;Montant TTC'];
  for (let i = 0; i < rows; i++) lines.push(`C${i % 300};Société Générale ${i % 300};F-${i + 1};${String((i % 28) + 1).padStart(2, '0')}/11/2025;${100 + (i % 9000)},${String(i % 100).padStart(2, '0')}`);
  return encodeWindows1252(`${lines.join('\r\n')}\r\n`);
}

const json = (x: unknown) => JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v));

describe('blobSource', () => {
  it.each([
    ['in one piece', 500],
    ['in pieces', 2000],
  ])('reads a small text file whole once (and its first 64 KiB to sniff it), though the importer reads its head four times (%s)', async (_, rows) => {
    const bytes = ledger(rows);
    const r = importSource(await blobSource(new FakeBlob(bytes) as unknown as Blob), { fileName: 'l.csv' });
    expect(r.report.fatal).toBeNull();
    expect(r.report.encoding).toBe('windows-1252');
    expect(reads).toEqual(bytes.length <= 64 << 10 ? [{ offset: 0, length: bytes.length }] : [{ offset: 0, length: 64 << 10 }, { offset: 0, length: bytes.length }]);
    expect(json(r.ledger)).toBe(json(importFile(bytes, { fileName: 'l.csv' }).ledger));
  });

  it('reads a large one a block at a time, its first block once', async () => {
    const bytes = ledger(420_000);
    expect(bytes.length).toBeGreaterThan(2 * BLOB_BLOCK);
    const r = importSource(await blobSource(new FakeBlob(bytes) as unknown as Blob), { fileName: 'l.csv' });
    expect(r.report.fatal).toBeNull();
    expect(r.report.invoiceCount).toBe(420_000);
    // The sniff's 64 KiB, then blocks of 8 MiB (each read again from the last row's end), the first one read once.
    expect(reads[0]).toEqual({ offset: 0, length: 64 << 10 });
    const blocks = reads.slice(1);
    expect(blocks.filter((x) => x.offset === 0)).toHaveLength(1);
    expect(blocks.every((x) => x.length >= Math.min(BLOB_BLOCK, bytes.length - x.offset))).toBe(true);
    expect(blocks.length).toBeLessThanOrEqual(Math.ceil(bytes.length / BLOB_BLOCK) + 1);
    expect(json(r.ledger)).toBe(json(importFile(bytes, { fileName: 'l.csv' }).ledger));
  }, 60_000);

  it('reads a large workbook whole after its sniff, not a block first', async () => {
    const bytes = new Uint8Array(BLOB_BLOCK + 1000).fill(7);
    const source = await blobSource(new FakeBlob(bytes) as unknown as Blob);
    // As the worker and importSource look at a file, then read a workbook.
    source.read(0, 8);
    source.read(0, 8192);
    expect(source.read(0, bytes.length)).toHaveLength(bytes.length);
    expect(reads).toEqual([
      { offset: 0, length: 64 << 10 },
      { offset: 0, length: bytes.length },
    ]);
  });

  it('gives an empty file its message, as the bytes would', async () => {
    const r = importSource(await blobSource(new FakeBlob(new Uint8Array(0)) as unknown as Blob), { fileName: 'vide.csv' });
    expect(r.report.fatal).toBe('EmptyFile');
    expect(r.report.fatal).toBe(importFile(new Uint8Array(0), { fileName: 'vide.csv' }).report.fatal);
  });

  it('gives a shorter read of the head as a copy, and reads the head again once the reader let it go', async () => {
    const bytes = ledger(50);
    const source = await blobSource(new FakeBlob(bytes) as unknown as Blob);
    const start = source.read(0, 8);
    const all = source.read(0, bytes.length);
    expect(reads).toHaveLength(1);
    expect(start.buffer).not.toBe(all.buffer);
    // The reader detaches what it is done with (`release`): the next read of the head reads the file.
    release(all);
    expect(Array.from(start)).toEqual(Array.from(bytes.subarray(0, 8)));
    expect(Array.from(source.read(0, 8))).toEqual(Array.from(bytes.subarray(0, 8)));
    expect(reads).toHaveLength(2);
  });
});
