/** The worker's handlers as plain functions: import once, recompute and plan without re-reading. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyWorkspace } from '../../../src/core/index.ts';
import { createHandlers } from '../../../src/worker/handlers.ts';

const root = join(import.meta.dirname, '../../..');
const request = (asOf: string) => ({ asOf, basis: 'due' as const, edges: [30, 60, 90, 120], windows: 3, manualSales: [] });

describe('worker handlers', () => {
  it('import, then recompute at another date, drill down and plan the dunning on the kept ledger', () => {
    const h = createHandlers();
    const progress: number[] = [];
    const bytes = readFileSync(join(root, 'samples/pme-3000.xlsx'));
    const { report, analysis } = h.importFile({ bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), options: { fileName: 'pme-3000.xlsx' }, analysis: request('2025-12-31') }, (_s, done) => progress.push(done));
    expect(report.fatal).toBeNull();
    expect(progress.length).toBeGreaterThanOrEqual(2);
    const later = h.analyze(request('2025-10-31'), () => {});
    expect(later?.asOf).toBe('2025-10-31');
    expect(later?.total.openCents).not.toBe(analysis?.total.openCents);
    const top = analysis?.customers[0];
    const invoices = h.invoices({ customerId: top?.id ?? '', bucket: null, analysis: request('2025-12-31') }, () => {});
    expect(invoices.reduce((s, i) => s + i.open, 0)).toBe(top?.openCents);
    const plan = h.dunning({ workspace: emptyWorkspace(), asOf: '2025-12-31', draftPolicy: null }, () => {});
    expect(plan?.actions.length).toBeGreaterThan(0);
    expect(plan?.actions.every((a, i, all) => i === 0 || (all[i - 1]?.amountCents ?? 0) >= a.amountCents)).toBe(true);
  });

  it('answers null before any file was imported', () => {
    const h = createHandlers();
    expect(h.analyze(request('2025-12-31'), () => {})).toBeNull();
  });
});
