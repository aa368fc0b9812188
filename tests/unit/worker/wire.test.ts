/**
 * Long lists of strings cross the worker boundary packed (src/worker/wire.ts): what the page gets
 * after a structured clone is what the handler returned, and the handler's own reply is left as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packStrings, unpackStrings } from '../../../src/worker/wire.ts';

/** As the channel does it: packed, cloned as postMessage clones, unpacked. */
const roundTrip = (v: unknown) => unpackStrings(structuredClone(packStrings(v)));

describe('packed string lists', () => {
  it('arrive as they left: empty strings, accents, emoji and surrogate pairs, at any length', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', 'Œ', '€', '\u202f', '😀', '\n', '') , maxLength: 6 });
    fc.assert(
      fc.property(fc.array(text, { minLength: 0, maxLength: 700 }), fc.array(text, { minLength: 250, maxLength: 300 }), (ids, names) => {
        const reply = { report: { rows: 3 }, analysis: { customers: { ids, names, open: new Float64Array([1, 2]) }, labels: ['a', 'b'] } };
        const before = JSON.stringify(reply);
        expect(roundTrip(reply)).toEqual(reply);
        // The handler's reply is not touched (the worker may keep it).
        expect(JSON.stringify(reply)).toBe(before);
        expect(reply.analysis.customers.ids).toBe(ids);
      }),
    );
  });

  it('packs a long list of strings into one string, and nothing else', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `C${i}`);
    const packed = packStrings({ analysis: { customers: { ids, numbers: ids.map((_, i) => i), mixed: [...ids, 1] } }, actions: [{ invoices: ids }] }) as {
      analysis: { customers: Record<string, unknown> };
      actions: { invoices: unknown }[];
    };
    const customers = packed.analysis.customers;
    expect(Array.isArray(customers.ids)).toBe(false);
    expect(customers.numbers).toHaveLength(1000);
    expect(customers.mixed).toHaveLength(1001);
    // Arrays of objects are not entered: their lists go as they are.
    expect(packed.actions[0]?.invoices).toBe(ids);
    expect(roundTrip({ analysis: { customers: { ids } } })).toEqual({ analysis: { customers: { ids } } });
  });

  it('leaves a reply without long lists as the same object', () => {
    const reply = { report: { issues: ['x'] }, analysis: null };
    expect(packStrings(reply)).toBe(reply);
    expect(packStrings(null)).toBeNull();
    expect(packStrings(new ArrayBuffer(4))).toBeInstanceOf(ArrayBuffer);
  });
});
