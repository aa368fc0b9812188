/**
 * A dropped file as the importer's ByteSource (import/text-pieces.ts): read a slice at a time with
 * FileReaderSync, so that a text file's bytes are never all in memory. Where FileReaderSync does not
 * exist (the page's main-thread fallback, when no worker can start), the file is read whole.
 *
 * Each FileReaderSync call costs a round trip to the browser's file reader: in Chromium about 3 ms
 * for a few bytes and 14 ms for 1 MiB, against 5 ms a MiB in 8 or 16 MiB calls (a 42 MB CSV read in
 * 1 MiB slices took 0.5–0.6 s, in 8 MiB slices 0.26–0.29 s). So a text is read 8 MiB at a time
 * (`block`), and the file's head, which the importer reads more than once (the format's sniff, the
 * first block, and the first block again when a file taken for UTF-8 is not), is read once: its first
 * block is kept until a read goes past it (the sniff's first look reads 64 KiB only, so that a large
 * workbook, read whole next, is not read a block first). A read of that whole block gets the block
 * itself (the reader lets it go when done with it, and it is read again if asked for after that); a
 * shorter one, a copy.
 */
import { bytesSource, type ByteSource } from '../import/text-pieces.ts';

type SyncReader = { readAsArrayBuffer(blob: Blob): ArrayBuffer };

/** Bytes a read of a dropped file takes at a time. */
export const BLOB_BLOCK = 8 << 20;
/** Bytes read for a first look at the file (the format's sniff, the encoding's). */
const SNIFF_BYTES = 64 << 10;

export async function blobSource(blob: Blob): Promise<ByteSource> {
  const Sync = (globalThis as { FileReaderSync?: new () => SyncReader }).FileReaderSync;
  if (!Sync) return bytesSource(new Uint8Array(await blob.arrayBuffer()));
  const reader = new Sync();
  const size = blob.size;
  const readAt = (offset: number, length: number) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, Math.min(size, offset + length))));
  /** The file's first bytes (a block, or the whole file), while reads come back to the start. */
  let head: Uint8Array | null = null;
  return {
    size,
    block: BLOB_BLOCK,
    freshReads: true,
    read(offset, length) {
      const want = Math.max(0, Math.min(size, offset + length) - offset);
      if (offset !== 0 || want > BLOB_BLOCK) {
        head = null;
        return readAt(offset, length);
      }
      // A head the reader let go of (its buffer detached) is read again. A first look at the file
      // (the format's sniff) reads a little of it: a large workbook is then read whole, not a block first.
      if (head === null || head.byteLength === 0 || head.length < want) head = readAt(0, Math.min(size, want <= SNIFF_BYTES ? SNIFF_BYTES : BLOB_BLOCK));
      return want === head.length ? head : head.slice(0, want);
    },
  };
}
