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
