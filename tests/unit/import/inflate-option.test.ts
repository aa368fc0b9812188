/**
 * `inflateWholeUpTo` (ImportOptions, used by the CLI): a worksheet above it is read as it is inflated,
 * a slice at a time (fflate's streaming `Inflate`), below it inflated at once, and the ledger is the
 * same either way.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

const streams = vi.hoisted(() => ({ count: 0 }));
vi.mock('fflate', async (original) => {
  const lib = await original<typeof import('fflate')>();
  class CountedInflate extends lib.Inflate {
    constructor(...args: ConstructorParameters<typeof lib.Inflate>) {
      super(...args);
      streams.count++;
    }
  }
  return { ...lib, Inflate: CountedInflate };
});

// The setup file loaded the real fflate into its copy of the modules: these are fresh ones.
vi.resetModules();
const { importFile } = await import('../../../src/import/import-file.ts');
const { loadWorkbookReaders } = await import('../../../src/import/sheetjs.ts');
const { benchInvoices, ledgerXlsx } = await import('../../../bench/data.ts');

describe('inflateWholeUpTo', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    await loadWorkbookReaders();
    bytes = ledgerXlsx(benchInvoices(300));
  });

  it('streams a worksheet larger than the limit and reads the same ledger as at once', () => {
    streams.count = 0;
    const whole = importFile(bytes, { fileName: 'l.xlsx' });
    expect(streams.count).toBe(0);
    const streamed = importFile(bytes, { fileName: 'l.xlsx', inflateWholeUpTo: 1024 });
    expect(streams.count).toBe(1);
    expect(whole.report.fatal).toBeNull();
    expect(whole.report.invoiceCount).toBe(300);
    expect(JSON.stringify(streamed.ledger)).toBe(JSON.stringify(whole.ledger));
    expect(JSON.stringify(streamed.report)).toBe(JSON.stringify(whole.report));
  });

  it('inflates a worksheet within the limit at once', () => {
    streams.count = 0;
    importFile(bytes, { fileName: 'l.xlsx', inflateWholeUpTo: 64 << 20 });
    expect(streams.count).toBe(0);
  });
});
