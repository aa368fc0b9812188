/** One Settings object, checked once: every field the page or the CLI typed, refused by name. */
import { describe, expect, it } from 'vitest';
import { manualSalesFrom, settingsFrom } from '../../../src/app/settings.ts';
import { emptyWorkspace } from '../../../src/core/index.ts';

describe('settingsFrom', () => {
  it('fills the defaults of numbers.md', () => {
    const r = settingsFrom({ asOf: '2026-03-31' });
    expect(r.ok && [r.settings.basis, r.settings.edges, r.settings.windows, r.settings.defaultTermsDays, r.settings.lang]).toEqual(['due', [30, 60, 90, 120], 3, 30, 'fr']);
  });

  it.each([
    { input: { asOf: '31/03/2026' }, field: 'asOf' },
    { input: { asOf: '2026-03-31', basis: 'paid' }, field: 'basis' },
    { input: { asOf: '2026-03-31', edges: [30, 30] }, field: 'edges' },
    { input: { asOf: '2026-03-31', edges: [] }, field: 'edges' },
    { input: { asOf: '2026-03-31', edges: [Number.NaN] }, field: 'edges' },
    { input: { asOf: '2026-03-31', windows: 0 }, field: 'windows' },
    { input: { asOf: '2026-03-31', windows: 25 }, field: 'windows' },
    { input: { asOf: '2026-03-31', termsDays: -5 }, field: 'termsDays' },
    { input: { asOf: '2026-03-31', termsDays: 1e9 }, field: 'termsDays' },
    { input: { asOf: '2026-03-31', lang: 'de' }, field: 'lang' },
  ])('refuses $field in $input', ({ input, field }) => {
    const r = settingsFrom(input);
    expect(r.ok ? null : r.field).toBe(field);
  });

  it('takes the analysis settings the workspace saved as defaults where none is given; what is given wins', () => {
    const workspace = { ...emptyWorkspace(), analysisDefaults: { basis: 'issued' as const, edges: [15, 45], windows: 6, termsDays: 45, ratings: [3, 10, 30] as [number, number, number] } };
    const saved = settingsFrom({ asOf: '2026-03-31', workspace });
    expect(saved.ok && [saved.settings.basis, saved.settings.edges, saved.settings.windows, saved.settings.defaultTermsDays, saved.settings.ratings]).toEqual(['issued', [15, 45], 6, 45, { a: 3, b: 10, c: 30 }]);
    const typed = settingsFrom({ asOf: '2026-03-31', workspace, basis: 'due', edges: [30], windows: 2, termsDays: 60, ratings: [1, 2, 3] });
    expect(typed.ok && [typed.settings.basis, typed.settings.edges, typed.settings.windows, typed.settings.defaultTermsDays, typed.settings.ratings]).toEqual(['due', [30], 2, 60, { a: 1, b: 2, c: 3 }]);
  });

  it('keeps only well-formed typed sales', () => {
    const r = settingsFrom({ asOf: '2026-03-31', manualSales: [['2026-03', 100], ['March', 5], ['2026-02', -1], ['2026-01', 1.5]] });
    expect(r.ok && [...(r.settings.manualSales ?? new Map())]).toEqual([['2026-03', 100]]);
  });
});

describe('manualSalesFrom', () => {
  it('reads typed amounts exactly, skips empty months and names the unreadable ones', () => {
    const r = manualSalesFrom({ '2026-03': '12 345,67 €', '2026-02': '', '2026-01': 'douze', '2025-12': '-5', '2025-11': '0,1' });
    expect(r.sales).toEqual([
      ['2026-03', 1234567],
      ['2025-11', 10],
    ]);
    expect(r.refused).toEqual(['2026-01', '2025-12']);
  });
});
