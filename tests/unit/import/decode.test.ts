import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAs, decodeText, singleByteOf } from '../../../src/import/decode.ts';
import { detectSeparator } from '../../../src/import/read-csv.ts';
import { encodeWindows1252 } from '../../../samples/generate.ts';

describe('decodeText', () => {
  it('strips a UTF-8 BOM', () => {
    const r = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa9]));
    expect(r).toMatchObject({ text: 'Aé', encoding: 'utf-8', hadBom: true });
  });

  it('recognises Windows-1252 French text', () => {
    const r = decodeText(encodeWindows1252('Société Générale;Échéance;12,50 €;Dubœuf'));
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe('Société Générale;Échéance;12,50 €;Dubœuf');
  });

  it('recognises CP850 (DOS) text', () => {
    // "CREAT° Société" in CP850: ° = 0xF8, é = 0x82
    const bytes = new Uint8Array([...Buffer.from('CREAT'), 0xf8, 0x20, ...Buffer.from('Soci'), 0x82, ...Buffer.from('t'), 0x82, 0x20, ...Buffer.from('r'), 0x82, ...Buffer.from('gl'), 0x82, 0x65]);
    const r = decodeText(bytes);
    expect(r.encoding).toBe('cp850');
    expect(r.text).toBe('CREAT° Société réglée');
  });

  it('decodes UTF-16 with a BOM', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00])).text).toBe('Aé');
  });
});

/** The code page's choice as it was made on decoded text (each sample decoded both ways and scored): the oracle. */
const LIKELY = new Set('éèêëàâäçôöûùüîïÉÈÊÀÂÇÔÛÙÎœŒ°€«»’');
const UNLIKELY = new Set('‚„†‡ˆ‰‹›˜™š›žŸ¦¨¯´¸¹³²¬░▒▓│┤╣║╗╝┐└┴┬├─┼╚╔╩╦╠═╬┘┌█▄▀■ıÞþÐðƒ‗¤×÷¶§µ±ßÿÃÂ');
function scoreText(s: string): number {
  let score = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch.charCodeAt(0) < 0x80) continue;
    const letterAround = /[A-Za-z]/.test(s[i - 1] ?? ' ') || /[A-Za-z]/.test(s[i + 1] ?? ' ');
    if (LIKELY.has(ch)) score += letterAround ? 3 : 1;
    else if (UNLIKELY.has(ch)) score -= 3;
    else if (ch.charCodeAt(0) < 0xa0) score -= 2;
  }
  return score;
}
const byDecodedText = (bytes: Uint8Array) => (scoreText(decodeAs(bytes.subarray(0, 256 * 1024), 'cp850')) > scoreText(decodeAs(bytes.subarray(0, 256 * 1024), 'windows-1252')) ? 'cp850' : 'windows-1252');

describe('singleByteOf', () => {
  it('chooses the code page scoring the decoded texts would choose, scoring the bytes', () => {
    // Mostly letters, with high bytes among them (both pages' accented letters, box drawing, C1 bytes).
    const byte = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0x41, max: 0x5a }) }, { weight: 2, arbitrary: fc.constantFrom(0x20, 0x3b, 0x30, 0x0a) }, { weight: 3, arbitrary: fc.integer({ min: 0x80, max: 0xff }) }, fc.constantFrom(0x82, 0x85, 0x8a, 0xe9, 0xe8, 0xf8, 0xb0, 0x9c));
    fc.assert(
      // At any offset in its buffer (the ASCII runs are skipped a 4-byte word at a time).
      fc.property(fc.array(byte, { maxLength: 300 }), fc.integer({ min: 0, max: 7 }), (xs, offset) => {
        const bytes = new Uint8Array(xs.length + offset).subarray(offset);
        bytes.set(xs);
        expect(singleByteOf(bytes)).toBe(byDecodedText(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('scores only the first 256 KiB, with a letter across the cut not counted', () => {
    const bytes = new Uint8Array(256 * 1024 + 4).fill(0x20);
    // A CP850 é (0x82, a C1 byte in Windows-1252) just before the cut, its letter just after.
    bytes[256 * 1024 - 1] = 0x82;
    bytes[256 * 1024] = 0x74;
    expect(singleByteOf(bytes)).toBe(byDecodedText(bytes));
    expect(singleByteOf(bytes)).toBe('cp850');
  });
});

describe('detectSeparator', () => {
  it.each([
    ['a;b;c\n1,5;2,5;3\n4;5;6', ';'],
    ['a,b,c\n1,2,3\n"x,y",2,3', ','],
    ['a\tb\tc\n1\t2\t3', '\t'],
    ['a|b|c|\n1|2|3|', '|'],
  ])('%j → %j', (text, sep) => {
    expect(detectSeparator(text)).toBe(sep);
  });
});
