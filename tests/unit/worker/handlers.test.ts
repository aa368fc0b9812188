/** The worker's handlers as plain functions: import once, recompute and plan without re-reading. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/worker/handlers.ts';
import { customerRow } from '../../../src/app/customer-table.ts';
import { profiledWorkspace } from '../../support/builders.ts';
import { emptyWorkspace } from '../../../src/core/index.ts';

const root = join(import.meta.dirname, '../../..');
const request = (asOf: string) => ({ asOf, basis: 'due' as const, edges: [30, 60, 90, 120], windows: 3, manualSales: [] });

describe('worker handlers', () => {
  it('import, then recompute at another date, drill down and plan the dunning on the kept ledger', async () => {
    const h = createHandlers();
    const progress: number[] = [];
    const bytes = readFileSync(join(root, 'samples/pme-3000.xlsx'));
    const { report, analysis } = await h.importFile({ file: new Blob([bytes]), options: { fileName: 'pme-3000.xlsx' }, settings: request('2025-12-31') }, (_s, done) => progress.push(done));
    expect(report.fatal).toBeNull();
    expect(progress.length).toBeGreaterThanOrEqual(2);
    const later = h.analyze(request('2025-10-31'), () => {});
    expect(later?.asOf).toBe('2025-10-31');
    expect(later?.total.openCents).not.toBe(analysis?.total.openCents);
    const top = analysis ? customerRow(analysis.customers, 0) : undefined;
    // Largest balance first, every column in step.
    const opens = Array.from(analysis?.customers.open ?? []);
    expect(opens).toEqual([...opens].sort((a, b) => b - a));
    expect(analysis?.customers.ids).toHaveLength(opens.length);
    const invoices = h.invoices({ customerId: top?.id ?? '', bucket: null, settings: request('2025-12-31') }, () => {});
    expect(invoices.reduce((s, i) => s + i.open, 0)).toBe(top?.openCents);
    const plan = h.dunning({ settings: request('2025-12-31'), draftPolicy: null }, () => {});
    expect(plan?.actions.length).toBeGreaterThan(0);
    expect(plan?.actions.every((a, i, all) => i === 0 || (all[i - 1]?.amountCents ?? 0) >= a.amountCents)).toBe(true);
  });

  it('sends the worklist a page at a time, filtered, and makes every letter of the filter', async () => {
    const h = createHandlers();
    const bytes = readFileSync(join(root, 'samples/pme-3000.xlsx'));
    await h.importFile({ file: new Blob([bytes]), options: { fileName: 'pme-3000.xlsx' }, settings: request('2025-12-31') }, () => {});
    const all = h.dunning({ settings: request('2025-12-31'), draftPolicy: null }, () => {});
    const page = h.dunning({ settings: request('2025-12-31'), draftPolicy: null, limit: 10 }, () => {});
    expect(all?.actionCount).toBe(all?.actions.length);
    expect(page?.actions).toEqual(all?.actions.slice(0, 10));
    expect(page?.actionCount).toBe(all?.actionCount);
    const step = all?.actions[0]?.step ?? '';
    const filtered = h.dunning({ settings: request('2025-12-31'), draftPolicy: null, filter: { step, channel: '' }, limit: 5 }, () => {});
    expect(filtered?.actionCount).toBe(all?.actions.filter((a) => a.step === step).length);
    expect(filtered?.actions.every((a) => a.step === step)).toBe(true);
    // With the sender's profile, every document of the filter is made, or refused saying what it lacks.
    h.setWorkspace(profiledWorkspace(), () => {});
    const letters = h.letters({ settings: { ...request('2025-12-31'), lang: 'fr' }, customerIds: [], all: { step, channel: '' } }, () => {});
    expect(letters.models.length + letters.refused.length).toBe(filtered?.letterActionCount ?? -1);
    expect(letters.models.length + letters.refused.length).toBeGreaterThan(5);
    for (const r of letters.refused) expect(r.missing).toEqual(['debtorAddress']);
    const rappels = h.letters({ settings: { ...request('2025-12-31'), lang: 'fr' }, customerIds: [], all: { step: 'rappel', channel: '' } }, () => {});
    expect(rappels.refused).toEqual([]);
    expect(rappels.models.length).toBeGreaterThan(0);
  });

  it('says whether a workspace sent changed anything, and keeps the worklist computed with an unchanged one', async () => {
    const h = createHandlers();
    const bytes = readFileSync(join(root, 'samples/pme-3000.xlsx'));
    expect(h.setWorkspace(emptyWorkspace(), () => {})).toBe('unchanged');
    await h.importFile({ file: new Blob([bytes]), options: { fileName: 'pme-3000.xlsx' }, settings: request('2025-12-31') }, () => {});
    const first = h.dunning({ settings: request('2025-12-31'), draftPolicy: null }, () => {});
    // The same workspace read again (a copy): the worklist is the one computed, not made again.
    expect(h.setWorkspace(structuredClone(emptyWorkspace()), () => {})).toBe('unchanged');
    expect(h.dunning({ settings: request('2025-12-31'), draftPolicy: null }, () => {})?.actions[0]).toBe(first?.actions[0]);
    // Another one changes the figures' inputs: the worklist is made again with it.
    expect(h.setWorkspace(profiledWorkspace(), () => {})).toBe('changed');
    expect(h.dunning({ settings: request('2025-12-31'), draftPolicy: null }, () => {})?.actions[0]).not.toBe(first?.actions[0]);
    expect(h.setWorkspace({ version: 'not a workspace' } as never, () => {})).toBe('refused');
  });

  it('answers null before any file was imported', () => {
    const h = createHandlers();
    expect(h.analyze(request('2025-12-31'), () => {})).toBeNull();
  });
});
