/** The page's bookkeeping of the files read together, and its import progress bar. */
import { describe, expect, it } from 'vitest';
import { importProgress, readTogether, uniqueName } from '../../../../../src/ui/islands/page/files.ts';

describe('files read together', () => {
  const name = (x: { name: string }) => x.name;

  it('an appended file takes the place of the one of its name, at the end; a file read alone replaces them all', () => {
    const list = [{ name: 'a.csv', v: 1 }, { name: 'b.csv', v: 1 }];
    expect(readTogether(list, { name: 'a.csv', v: 2 }, name, true)).toEqual([{ name: 'b.csv', v: 1 }, { name: 'a.csv', v: 2 }]);
    expect(readTogether(list, { name: 'c.csv', v: 1 }, name, true)).toHaveLength(3);
    expect(readTogether(list, { name: 'c.csv', v: 1 }, name, false)).toEqual([{ name: 'c.csv', v: 1 }]);
  });

  it('two files of the same name dropped together keep apart', () => {
    const taken = new Set<string>();
    expect([uniqueName('export.csv', taken), uniqueName('export.csv', taken), uniqueName('export.csv', taken)]).toEqual(['export.csv', 'export (2).csv', 'export (3).csv']);
  });
});

describe('importProgress', () => {
  it('runs from 0 to 1 through reading, mapping and the figures, and never backwards', () => {
    const steps = [importProgress('read', 0, 1), importProgress('map', 0, 10), importProgress('map', 5, 10), importProgress('map', 10, 10), importProgress('figures', 1, 2), importProgress('figures', 2, 2)];
    expect(steps[0]).toBe(0.05);
    expect(steps.at(-1)).toBe(1);
    for (let i = 1; i < steps.length; i++) expect(steps[i] as number).toBeGreaterThanOrEqual(steps[i - 1] as number);
    expect(importProgress('map', 3, 0)).toBe(0);
  });
});
