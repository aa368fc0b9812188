/**
 * Reads a ZIP's central directory (without inflating anything) to refuse archives whose declared
 * uncompressed size would exhaust the tab's memory — a "zip bomb" — before SheetJS inflates them.
 */

export type ZipCheck = { ok: true; uncompressedBytes: number; entries: number } | { ok: false; reason: 'TooLarge' | 'Corrupt'; uncompressedBytes: number };

/** 1 GiB of XML is far beyond any real ledger (500,000 rows take about 150 MB). */
export const MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;

export function checkZip(bytes: Uint8Array, max = MAX_UNCOMPRESSED_BYTES): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'Corrupt', uncompressedBytes: 0 };
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return { ok: false, reason: 'Corrupt', uncompressedBytes: total };
    const size = view.getUint32(offset + 24, true);
    // 0xFFFFFFFF means a ZIP64 size: far beyond anything a ledger needs.
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size;
    if (total > max) return { ok: false, reason: 'TooLarge', uncompressedBytes: total };
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return { ok: true, uncompressedBytes: total, entries };
}
