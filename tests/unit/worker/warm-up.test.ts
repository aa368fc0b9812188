/**
 * The worker's warm-up (src/worker/warm-up.ts): its made-up ledger goes through the same code a real
 * export does (the fused CSV reader, the dashboard, a worklist with actions), it stops as soon as a file
 * comes, and it leaves nothing behind in the session.
 */
import { describe, expect, it } from 'vitest';
import { dashboard } from '../../../src/app/dashboard.ts';
import { sessionOf } from '../../../src/app/session.ts';
import { settingsFrom } from '../../../src/app/settings.ts';
import { worklist } from '../../../src/app/worklist.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { createHandlers } from '../../../src/worker/handlers.ts';
import { PASSES, warmUp, warmUpLedger } from '../../../src/worker/warm-up.ts';

const request = { asOf: '2025-12-31', basis: 'due' as const, edges: [30, 60, 90, 120], windows: 3, manualSales: [] };

describe('warm-up', () => {
  it('reads its ledger on the fused path, every row, into figures and a worklist with actions', () => {
    const bytes = warmUpLedger(1500);
    const fused = importFile(bytes, { fileName: 'warm-up.csv' });
    const general = importFile(bytes, { fileName: 'warm-up.csv', fastCsv: false });
    expect(fused.report.fatal).toBeNull();
    expect(fused.report.rowsUsed).toBe(1500);
    expect(fused.report.invoiceCount).toBe(1500);
    // The general path reads the same ledger: the fused reader took the file, not a fallback.
    expect(JSON.stringify(fused.report.mapping)).toBe(JSON.stringify(general.report.mapping));
    expect(fused.report.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    const settings = settingsFrom({ asOf: '2025-12-31' });
    if (!settings.ok) throw new Error('settings');
    const view = dashboard(sessionOf([{ name: 'warm-up.csv', ledger: fused.ledger, issues: [] }]), settings.settings);
    expect(view?.total.overdueCents).toBeGreaterThan(0);
    expect(worklist(fused.ledger, settings.settings).actionCount).toBeGreaterThan(10);
  });

  it('stops before its next pass once a file came', async () => {
    let came = false;
    let tasks = 0;
    const passes = await warmUp(
      () => came,
      async () => {
        tasks++;
        if (tasks === 2) came = true;
      },
    );
    expect(passes).toBe(1);
    expect(await warmUp(() => false, async () => {})).toBe(PASSES);
  });

  it('in the worker, keeps nothing: no ledger after it, and a file import ends it', async () => {
    const h = createHandlers();
    expect(await h.warmUp({}, () => {})).toBe(PASSES);
    expect(h.analyze(request, () => {})).toBeNull();
    const running = h.warmUp({}, () => {});
    await h.importFile({ file: new Blob([warmUpLedger(10) as Uint8Array<ArrayBuffer>]), options: { fileName: 'mine.csv' }, settings: request }, () => {});
    expect(await running).toBe(0);
    // The session holds the file read, and only it.
    const settings = settingsFrom(request);
    if (!settings.ok) throw new Error('settings');
    const mine = dashboard(sessionOf([{ name: 'mine.csv', ledger: importFile(warmUpLedger(10), { fileName: 'mine.csv' }).ledger, issues: [] }]), settings.settings);
    expect(h.analyze(request, () => {})?.total).toEqual(mine?.total);
    expect(mine?.total.openCents).toBeGreaterThan(0);
  });
});
