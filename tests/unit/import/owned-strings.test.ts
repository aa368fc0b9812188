/**
 * The ledger and the import report do not keep the file's text alive: V8 keeps a slice of 13
 * characters or more as a view of its source, so one customer name, invoice number or header cut from
 * the decoded text would hold all of it (twice the file when a character is outside Latin-1) for the
 * whole session. Each import runs in a child process of its own (tests/support/retained-text.ts),
 * whose heap snapshot is searched for the text; a control run keeps a slice on purpose.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const run = (...args: string[]): { invoices: number; textAlive: number[] } => {
  const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', '--expose-gc', 'tests/support/retained-text.ts', ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { invoices: number; textAlive: number[] };
};

describe('an imported ledger does not keep the text of its file', () => {
  for (const kind of ['csv', 'csv-general', 'xlsx', 'fec']) {
    it(`${kind}: no string of the file's text is alive once the ledger is built`, () => {
      const r = run(kind);
      expect(r.invoices).toBeGreaterThan(500);
      expect(r.textAlive).toEqual([]);
    });
  }

  it('finds the text when a slice of it is kept (the check can fail)', () => {
    expect(run('csv', '--control').textAlive).toHaveLength(1);
    expect(run('fec', '--control').textAlive).toHaveLength(1);
  });
});

describe('an imported ledger keeps only its items alive', () => {
  const heap = (...args: string[]): { items: number; heapPerItem: number } => {
    const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', '--expose-gc', 'tests/support/retained-heap.ts', ...args], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as { items: number; heapPerItem: number };
  };
  // The FEC reader's per-line arrays (pieces, dates, lettrage of every line), kept by the objects'
  // maker, were 315 bytes of heap per item; the items' own columns and numbers take about 45.
  for (const [kind, lines] of [['fec', 200_000], ['csv', 50_000], ['xlsx', 50_000]] as const) {
    it(`${kind}: under 100 bytes of JS heap per item once the ledger is built`, () => {
      const r = heap(kind, String(lines));
      expect(r.items).toBeGreaterThan(10_000);
      expect(r.heapPerItem).toBeLessThan(100);
    });
  }

  it('finds the lines when they are kept beside the ledger (the check can fail)', () => {
    expect(heap('fec', '200000', '--control').heapPerItem).toBeGreaterThan(100);
  });
});
