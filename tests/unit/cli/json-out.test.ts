import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buffered, writeJson } from '../../../src/cli/json-out.ts';

const written = (value: unknown, depth?: number, size?: number): { text: string; writes: number } => {
  let text = '';
  let writes = 0;
  const out = buffered((s) => {
    text += s;
    writes++;
  }, size);
  writeJson(value, out.write, depth);
  out.flush();
  return { text, writes };
};

describe('writeJson', () => {
  it('writes what JSON.stringify(value, null, 2) writes, at any depth and buffer size', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      // Members JSON.stringify leaves out (undefined, functions) or writes as null in arrays, dates (toJSON), newlines in strings.
      fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(() => 1), fc.constant(new Date(0)), fc.constant('a\nb'))),
      fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant('x\n\ty'))),
    );
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 100 }), (v, depth, size) => {
        expect(written(v, depth, size).text).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('hands a large document on in parts, none much larger than the buffer', () => {
    const doc = { customers: Array.from({ length: 20_000 }, (_, i) => ({ id: `C${i}`, name: `Client ${i}`, aging: { a: i, b: 2 * i } })) };
    let largest = 0;
    let text = '';
    const out = buffered((s) => {
      largest = Math.max(largest, s.length);
      text += s;
    }, 4096);
    writeJson(doc, out.write);
    out.flush();
    expect(text).toBe(JSON.stringify(doc, null, 2));
    expect(largest).toBeLessThan(4096 + 200);
  });
});
