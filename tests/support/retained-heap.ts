/**
 * `node --expose-gc tests/support/retained-heap.ts <csv|xlsx|fec> <lines> [--control]`: imports a
 * generated file and prints as JSON the JS heap its ledger keeps alive (after collections, against the
 * heap before the import) per item. The ledger is kept as columns; what its objects are made from on
 * demand must be the items' own columns, not the reader's per-line arrays. `--control` keeps the file's
 * lines as strings beside the ledger: the check must then find them.
 */
import { benchInvoices, fecText, ledgerCsv, ledgerXlsx } from '../../bench/data.ts';
import { ledgerColumns } from '../../src/core/index.ts';
import { importFile } from '../../src/import/import-file.ts';
import { loadWorkbookReaders } from '../../src/import/sheetjs.ts';

const kind = process.argv[2] ?? 'fec';
const lines = Number(process.argv[3] ?? 100_000);
await loadWorkbookReaders();
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const settle = async () => {
  for (let k = 0; k < 3; k++) {
    gc();
    await new Promise((done) => setTimeout(done, 10));
  }
};
const bytes = kind === 'xlsx' ? ledgerXlsx(benchInvoices(lines)) : kind === 'fec' ? fecText(lines) : ledgerCsv(benchInvoices(lines));
const name = kind === 'xlsx' ? 'ledger.xlsx' : kind === 'fec' ? 'fec.txt' : 'ledger.csv';
// A small import first: the modules' own lazily made tables are not the ledger's.
importFile(kind === 'fec' ? fecText(50) : ledgerCsv(benchInvoices(50)), { fileName: name });
await settle();
const before = process.memoryUsage().heapUsed;
const result = importFile(bytes, { fileName: name });
const kept: unknown[] = [result];
if (process.argv.includes('--control')) kept.push(new TextDecoder().decode(bytes).split('\n'));
(globalThis as { kept?: unknown }).kept = kept;
await settle();
// Counted on the columns (asking for `invoices` would make every object).
const items = ledgerColumns(result.ledger).count;
process.stdout.write(JSON.stringify({ kind, items, heapPerItem: Math.round((process.memoryUsage().heapUsed - before) / items) }));
