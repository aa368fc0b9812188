import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnOf, moved } from '../../../src/core/typed-arrays.ts';

describe('typed columns', () => {
  it('ColumnOf gives back every value pushed, in order, across its doublings (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 5000 }), (xs) => {
        const c = new ColumnOf(new Int32Array(0));
        for (const x of xs) c.push(x);
        expect(c.length).toBe(xs.length);
        expect(Array.from(c.done())).toEqual(xs);
      }),
      { numRuns: 50 },
    );
  });

  it('moved copies into the new room and lets the old memory go at once', () => {
    const a = Float64Array.of(1.5, -2, 3);
    const b = moved(a, 8);
    expect(Array.from(b)).toEqual([1.5, -2, 3, 0, 0, 0, 0, 0]);
    // The old buffer is detached: its memory is not waiting for a collection.
    expect(a.buffer.byteLength).toBe(0);
    expect(a.length).toBe(0);
  });
});
