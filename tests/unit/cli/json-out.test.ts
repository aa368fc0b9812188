import fc from 'fast-check';
import { writeSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { buffered, fdSink, writeJson } from '../../../src/cli/json-out.ts';
import { JsonList } from '../../../src/app/numbers-json.ts';

// fdSink's writes go to this mock: a pipe that takes a few bytes at a time, is full now and then, or is gone.
vi.mock('node:fs', async (original) => ({ ...(await original<typeof import('node:fs')>()), writeSync: vi.fn() }));

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

describe('writeJson on lists made as they are written', () => {
  it('writes a JsonList as JSON.stringify writes the array, making each member only when it is written', () => {
    const made: number[] = [];
    const list = new JsonList(3, (k) => {
      made.push(k);
      return { k, name: `n${k}`, nested: [k, { deep: k }] };
    });
    let text = '';
    let madeWhenFirstWritten = -1;
    writeJson({ a: 1, list, empty: new JsonList(0, () => 0), b: [] }, (s) => {
      if (madeWhenFirstWritten < 0 && s.includes('"k"')) madeWhenFirstWritten = made.length;
      text += s;
    });
    const expected = JSON.stringify({ a: 1, list: [0, 1, 2].map((k) => ({ k, name: `n${k}`, nested: [k, { deep: k }] })), empty: [], b: [] }, null, 2);
    expect(text).toBe(expected);
    expect(JSON.stringify({ list }, null, 2)).toBe(JSON.stringify({ list: JSON.parse(expected).list }, null, 2));
    // The first member was written before the next ones were made.
    expect(madeWhenFirstWritten).toBe(1);
    // Other iterables are written as JSON.stringify writes them (a Map as {}, a typed array by index).
    let other = '';
    const value = { m: new Map([[1, 2]]), t: Int32Array.of(3, 4), s: new Set([5]) };
    writeJson(value, (s) => (other += s));
    expect(other).toBe(JSON.stringify(value, null, 2));
  });
});

describe('fdSink', () => {
  const errno = (code: string) => Object.assign(new Error(code), { code });

  it('writes every byte in order through short writes and a full pipe (EAGAIN), waiting instead of queuing', () => {
    const got: number[] = [];
    let calls = 0;
    vi.mocked(writeSync).mockImplementation(((fd: number, buffer: Uint8Array, offset: number, length: number) => {
      expect(fd).toBe(7);
      calls++;
      if (calls % 3 === 0) throw errno('EAGAIN');
      const n = Math.min(length, 5);
      got.push(...buffer.subarray(offset, offset + n));
      return n;
    }) as typeof writeSync);
    const sink = fdSink(7);
    sink('Créances à 30 jours — ');
    sink('0,00 €');
    expect(Buffer.from(got).toString('utf8')).toBe('Créances à 30 jours — 0,00 €');
    expect(calls).toBeGreaterThan(8);
  });

  it('stops quietly when the reader is gone (EPIPE), and throws any other error', () => {
    let calls = 0;
    vi.mocked(writeSync).mockImplementation((() => {
      calls++;
      throw errno('EPIPE');
    }) as typeof writeSync);
    const sink = fdSink(1);
    sink('abc');
    sink('def');
    expect(calls).toBe(1);
    vi.mocked(writeSync).mockImplementation((() => {
      throw errno('EIO');
    }) as typeof writeSync);
    expect(() => fdSink(1)('x')).toThrow('EIO');
  });
});
