/**
 * Reads a ZIP's central directory (without inflating anything) to refuse archives whose declared
 * uncompressed size would exhaust the tab's memory — a "zip bomb" — before anything inflates them.
 * Every entry of the directory is walked, however many the end record claims: its two entry counts
 * (this disk's, which fflate and SheetJS read, and the total) must both match the walk, so that a
 * file cannot hide entries from the guard. ZIP64 archives (4 GB and more) are refused outright.
 */

export type ZipCheck = { ok: true; uncompressedBytes: number; entries: number } | { ok: false; reason: 'TooLarge' | 'Corrupt'; uncompressedBytes: number };

/** 1 GiB of XML is far beyond any real ledger (500,000 rows take about 150 MB). */
export const MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;
/** One part may not exceed what a JavaScript string can hold once decoded (V8: about 512 M characters). */
export const MAX_ENTRY_BYTES = 400 * 1024 * 1024;
/** A spreadsheet has a few dozen parts; 100,000 is far beyond any. */
const MAX_ENTRIES = 100_000;

/** Where the end of central directory record is (its signature within the last 64 KiB + 22 bytes), or -1. */
export function endOfCentralDirectory(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}

export function checkZip(bytes: Uint8Array, max = MAX_UNCOMPRESSED_BYTES, maxEntry = MAX_ENTRY_BYTES): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = endOfCentralDirectory(view);
  if (eocd < 0) return { ok: false, reason: 'Corrupt', uncompressedBytes: 0 };
  const onDisk = view.getUint16(eocd + 8, true);
  const total = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  // ZIP64 markers: sizes or counts that do not fit the classic record.
  if (onDisk === 0xffff || total === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) return { ok: false, reason: 'TooLarge', uncompressedBytes: Number.MAX_SAFE_INTEGER };
  if (onDisk !== total || directoryOffset + directorySize > eocd) return { ok: false, reason: 'Corrupt', uncompressedBytes: 0 };
  let offset = directoryOffset;
  let sum = 0;
  let walked = 0;
  while (offset < directoryOffset + directorySize) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== 0x02014b50 || ++walked > MAX_ENTRIES) return { ok: false, reason: 'Corrupt', uncompressedBytes: sum };
    const size = view.getUint32(offset + 24, true);
    // 0xFFFFFFFF means a ZIP64 size: far beyond anything a ledger needs.
    if (size === 0xffffffff || size > maxEntry) return { ok: false, reason: 'TooLarge', uncompressedBytes: size === 0xffffffff ? Number.MAX_SAFE_INTEGER : sum + size };
    sum += size;
    if (sum > max) return { ok: false, reason: 'TooLarge', uncompressedBytes: sum };
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  if (walked !== total) return { ok: false, reason: 'Corrupt', uncompressedBytes: sum };
  return { ok: true, uncompressedBytes: sum, entries: walked };
}

/**
 * The entry names of a ZIP's central directory, read from the file's last bytes: `tail` starts at byte
 * `tailStart` of the file and must hold the end record and the whole directory (null otherwise, or for
 * anything that is not a classic ZIP directory). Names are read as UTF-8 (flag bit 11) or Latin-1.
 */
export function zipEntryNames(tail: Uint8Array, tailStart: number): string[] | null {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const eocd = endOfCentralDirectory(view);
  if (eocd < 0) return null;
  const total = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true) - tailStart;
  const directorySize = view.getUint32(eocd + 12, true);
  if (directoryOffset < 0 || directoryOffset + directorySize > eocd || total > MAX_ENTRIES) return null;
  const names: string[] = [];
  const utf8 = new TextDecoder('utf-8');
  const latin1 = new TextDecoder('latin1');
  let offset = directoryOffset;
  for (let k = 0; k < total; k++) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const name = tail.subarray(offset + 46, offset + 46 + nameLength);
    names.push(((view.getUint16(offset + 8, true) & 0x800) !== 0 ? utf8 : latin1).decode(name));
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return names;
}
