/**
 * Text decoding with detection: BOMs (UTF-8, UTF-16), strict UTF-8, then Windows-1252 or CP850
 * (DOS code page 850, which French accounting exports still use), chosen by which one reads as
 * French or English text. TextDecoder has no CP850, so its upper half is a table here.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'cp850';

export type Decoded = { text: string; encoding: TextEncodingName; hadBom: boolean; guessed: boolean };

// CP850 code points for bytes 0x80..0xFF.
const CP850_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

let cp850Table: Uint16Array | null = null;

export function decodeCp850(bytes: Uint8Array): string {
  const table = (cp850Table ??= Uint16Array.from({ length: 256 }, (_, b) => (b < 0x80 ? b : CP850_HIGH.charCodeAt(b - 0x80))));
  // Code units a chunk at a time into String.fromCharCode (no string built a character at a time).
  const CHUNK = 8192;
  const units = new Uint16Array(CHUNK);
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const n = Math.min(CHUNK, bytes.length - at);
    for (let i = 0; i < n; i++) units[i] = table[bytes[at + i] as number] as number;
    parts.push(String.fromCharCode.apply(null, (n === CHUNK ? units : units.subarray(0, n)) as unknown as number[]));
  }
  return parts.join('');
}

export function decodeAs(bytes: Uint8Array, encoding: TextEncodingName): string {
  if (encoding === 'cp850') return decodeCp850(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

export function decodeText(bytes: Uint8Array, forced?: TextEncodingName): Decoded {
  if (forced) {
    const bom = forced === 'utf-8' && hasUtf8Bom(bytes);
    return { text: decodeAs(bom ? bytes.subarray(3) : bytes, forced), encoding: forced, hadBom: bom, guessed: false };
  }
  if (hasUtf8Bom(bytes)) return { text: decodeAs(bytes.subarray(3), 'utf-8'), encoding: 'utf-8', hadBom: true, guessed: false };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', hadBom: true, guessed: false };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', hadBom: true, guessed: false };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, hadBom: false, guessed: true };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8', hadBom: false, guessed: false };
  } catch {
    // Not UTF-8: a single-byte code page. Score both candidates on a sample.
  }
  const encoding = singleByteOf(bytes);
  return { text: decodeAs(bytes, encoding), encoding, hadBom: false, guessed: true };
}

/**
 * The single-byte code page of a text that is not UTF-8, chosen on its first 256 KiB: each code
 * page's plausibility of that sample (scoreText's), scored on the bytes themselves (a byte is one
 * character in either page, and the two agree below 0x80), with no text decoded.
 */
export function singleByteOf(bytes: Uint8Array): 'windows-1252' | 'cp850' {
  const sample = bytes.subarray(0, 256 * 1024);
  const t = byteScores();
  let w = 0;
  let d = 0;
  const n = sample.length;
  // Runs of plain ASCII skipped four bytes at a time (the loop runs once per file, mostly not optimised).
  const from = (4 - (sample.byteOffset & 3)) & 3;
  const words = n - from >= 4 ? new Uint32Array(sample.buffer, sample.byteOffset + from, (n - from) >> 2) : new Uint32Array(0);
  for (let i = 0; i < n; i++) {
    if (i >= from && ((i - from) & 3) === 0) {
      let q = (i - from) >> 2;
      while (q < words.length && ((words[q] as number) & 0x80808080) === 0) q++;
      i = from + q * 4;
      if (i >= n) break;
    }
    const b = sample[i] as number;
    if (b < 0x80) continue;
    const letterAround = (i > 0 && isAsciiLetter(sample[i - 1] as number)) || (i + 1 < n && isAsciiLetter(sample[i + 1] as number));
    const at = (b - 0x80) * 2 + (letterAround ? 1 : 0);
    w += t.windows1252[at] as number;
    d += t.cp850[at] as number;
  }
  return d > w ? 'cp850' : 'windows-1252';
}

const isAsciiLetter = (b: number): boolean => (b >= 65 && b <= 90) || (b >= 97 && b <= 122);

/** What scoreText gives each byte from 0x80 in each code page: without, then with, a letter beside it. */
let scores: { windows1252: Int8Array; cp850: Int8Array } | null = null;

function byteScores(): { windows1252: Int8Array; cp850: Int8Array } {
  if (scores) return scores;
  const high = Uint8Array.from({ length: 128 }, (_, k) => 0x80 + k);
  const table = (chars: string): Int8Array => {
    const t = new Int8Array(256);
    for (let k = 0; k < 128; k++) {
      const ch = chars[k] as string;
      t[k * 2] = charScore(ch, false);
      t[k * 2 + 1] = charScore(ch, true);
    }
    return t;
  };
  scores = { windows1252: table(new TextDecoder('windows-1252').decode(high)), cp850: table(decodeCp850(high)) };
  return scores;
}

const LIKELY = new Set('éèêëàâäçôöûùüîïÉÈÊÀÂÇÔÛÙÎœŒ°€«»’');
const UNLIKELY = new Set('‚„†‡ˆ‰‹›˜™š›žŸ¦¨¯´¸¹³²¬░▒▓│┤╣║╗╝┐└┴┬├─┼╚╔╩╦╠═╬┘┌█▄▀■ıÞþÐðƒ‗¤×÷¶§µ±ßÿÃÂ');

/** Higher is more plausible: an accented letter between letters scores, box drawing and odd signs cost. */
function charScore(ch: string, letterAround: boolean): number {
  if (LIKELY.has(ch)) return letterAround ? 3 : 1;
  if (UNLIKELY.has(ch)) return -3;
  return ch.charCodeAt(0) < 0xa0 ? -2 : 0;
}

/**
 * UTF-16 text written without a BOM (some exports do): most characters of a ledger are ASCII, so one
 * byte of each pair is zero — the odd ones in little-endian, the even ones in big-endian.
 */
export function utf16WithoutBom(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 8192) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

function hasUtf8Bom(b: Uint8Array): boolean {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}
