/**
 * What a file really is, from its first bytes rather than its extension (formats.md §3):
 * ZIP (xlsx/ods), OLE/CFB (xls, or an encrypted OOXML package), text, or something else.
 */
import { utf16WithoutBom } from './decode.ts';

export type Sniffed =
  | { kind: 'empty' }
  | { kind: 'zip'; isOds: boolean }
  | { kind: 'cfb'; isEncryptedOoxml: boolean; hasWorkbook: boolean }
  | { kind: 'text' }
  | { kind: 'binary'; what: string };

export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { kind: 'empty' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07)) {
    const head = latin1(bytes.subarray(0, 200));
    return { kind: 'zip', isOds: head.includes('mimetypeapplication/vnd.oasis.opendocument') };
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    // Directory entry names are UTF-16LE; an encrypted OOXML package has EncryptionInfo/EncryptedPackage streams.
    return {
      kind: 'cfb',
      isEncryptedOoxml: containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo'),
      hasWorkbook: containsUtf16(bytes, 'Workbook') || containsUtf16(bytes, 'Book'),
    };
  }
  const magic = knownBinary(bytes);
  if (magic) return { kind: 'binary', what: magic };
  // BIFF2-4 .xls without a CFB container start with a BOF record: 09 00 / 09 02 / 09 04.
  if (bytes[0] === 0x09 && (bytes[1] === 0x00 || bytes[1] === 0x02 || bytes[1] === 0x04) && bytes[3] === 0x00) {
    return { kind: 'cfb', isEncryptedOoxml: false, hasWorkbook: true };
  }
  if (looksBinary(bytes)) return { kind: 'binary', what: 'unknown' };
  return { kind: 'text' };
}

function knownBinary(b: Uint8Array): string | null {
  const s = latin1(b.subarray(0, 8));
  if (s.startsWith('%PDF')) return 'PDF';
  if (s.startsWith('\x89PNG')) return 'PNG';
  if (b[0] === 0xff && b[1] === 0xd8) return 'JPEG';
  if (s.startsWith('GIF8')) return 'GIF';
  if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (s.startsWith('Rar!')) return 'RAR';
  if (s.startsWith('7z\xbc\xaf')) return '7z';
  return null;
}

/**
 * Text files have almost no NUL bytes and few control characters. UTF-16 (with a BOM, or without one
 * but with the zero byte of each ASCII pair) is text; a stray NUL or two in a CSV does not make it
 * binary (the CSV reader drops them).
 */
function looksBinary(b: Uint8Array): boolean {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || utf16WithoutBom(b) !== null) return false;
  const n = Math.min(b.length, 8192);
  let control = 0;
  let nul = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] as number;
    if (c === 0 && ++nul > Math.max(2, n / 1000)) return true;
    if (c !== 0 && (c < 9 || (c > 13 && c < 32 && c !== 26 && c !== 27))) control++;
  }
  return control > n * 0.05;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  const n = word.length;
  const limit = Math.min(bytes.length, 1 << 20) - n * 2;
  outer: for (let i = 0; i < limit; i++) {
    for (let j = 0; j < n; j++) {
      if (bytes[i + j * 2] !== word.charCodeAt(j) || bytes[i + j * 2 + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}
