/** The analysis settings the user saved as theirs, as a workspace holds them: kept whole, or left out and said. */
import { describe, expect, it } from 'vitest';
import { emptyWorkspace, migrateWorkspace } from '../../../../src/core/index.ts';

describe('analysis settings saved as defaults in the workspace', () => {
  const ws = (analysisDefaults: unknown) => ({ ...emptyWorkspace(), analysisDefaults });

  it('keeps valid ones through a save and a re-import', () => {
    const w = ws({ basis: 'issued', edges: [15, 45, 90], windows: 6, termsDays: 45, ratings: [3, 10, 30] });
    expect(migrateWorkspace(JSON.parse(JSON.stringify(w)))).toEqual({ ok: true, workspace: w, from: w.version, repairs: [] });
  });

  it.each([
    { basis: 'paid', edges: [30], windows: 3, termsDays: 30, ratings: [5, 15, 45] },
    { basis: 'due', edges: [60, 30], windows: 3, termsDays: 30, ratings: [5, 15, 45] },
    { basis: 'due', edges: [], windows: 3, termsDays: 30, ratings: [5, 15, 45] },
    { basis: 'due', edges: [30], windows: 25, termsDays: 30, ratings: [5, 15, 45] },
    { basis: 'due', edges: [30], windows: 3, termsDays: -1, ratings: [5, 15, 45] },
    { basis: 'due', edges: [30], windows: 3, termsDays: 30, ratings: [15, 5, 45] },
    'due',
  ])('leaves out settings a page could not compute with, and says so: %j', (bad) => {
    const back = migrateWorkspace(ws(bad));
    expect(back.ok && back.repairs).toEqual(['analysisDefaults']);
    expect(back.ok && 'analysisDefaults' in back.workspace).toBe(false);
  });
});
