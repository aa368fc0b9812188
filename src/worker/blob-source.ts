/**
 * A dropped file as the importer's ByteSource (import/text-pieces.ts): read a slice at a time with
 * FileReaderSync, so that a text file's bytes are never all in memory. Where FileReaderSync does not
 * exist (the page's main-thread fallback, when no worker can start), the file is read whole.
 */
import { bytesSource, type ByteSource } from '../import/text-pieces.ts';

type SyncReader = { readAsArrayBuffer(blob: Blob): ArrayBuffer };

export async function blobSource(blob: Blob): Promise<ByteSource> {
  const Sync = (globalThis as { FileReaderSync?: new () => SyncReader }).FileReaderSync;
  if (!Sync) return bytesSource(new Uint8Array(await blob.arrayBuffer()));
  const reader = new Sync();
  return { size: blob.size, read: (offset, length) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, Math.min(blob.size, offset + length)))), freshReads: true };
}
