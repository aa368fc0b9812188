import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/import/decode.ts';
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
