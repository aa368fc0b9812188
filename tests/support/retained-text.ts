/**
 * `node --expose-gc tests/support/retained-text.ts <csv|csv-general|xlsx|fec> [--control]`: imports a generated
 * file whose customer names, invoice numbers and headers are long enough for V8 to keep slices of the
 * decoded text, takes a heap snapshot (which collects garbage first) and prints as JSON the sizes of
 * the strings still alive that are the file's text (for an .xlsx, its shared-strings part).
 * `--control` keeps one slice on purpose: the check must then find the text.
 */
import { getHeapSnapshot } from 'node:v8';
import { json } from 'node:stream/consumers';
import { benchInvoices, fecText, ledgerCsv, ledgerXlsx } from '../../bench/data.ts';
import { decodeText } from '../../src/import/decode.ts';
import { importFile } from '../../src/import/import-file.ts';
import { loadWorkbookReaders } from '../../src/import/sheetjs.ts';

const kind = process.argv[2] ?? 'csv';
await loadWorkbookReaders();
const invoices = benchInvoices(3000).map((inv, k) => ({ ...inv, number: `FACTURE-2026-${String(k).padStart(6, '0')}`, customer: `${inv.customer} — Œuvres sociales` }));
const bytes = kind === 'xlsx' ? ledgerXlsx(invoices) : kind === 'fec' ? fecText(3000) : ledgerCsv(invoices);
const name = kind === 'xlsx' ? 'ledger.xlsx' : kind === 'fec' ? 'fec.txt' : 'ledger.csv';
const result = importFile(bytes, { fileName: name, ...(kind === 'csv-general' ? { fastCsv: false } : {}) });
// What the file's decoded text (or, for an .xlsx, its shared-strings part) starts with.
const start = kind === 'xlsx' ? '<?xml' : decodeText(bytes).text.slice(0, 12); // shorter than 13: a copy, not a slice
const kept: unknown[] = [result];
if (process.argv.includes('--control')) kept.push(decodeText(bytes).text.slice(5, 40));
(globalThis as { kept?: unknown }).kept = kept;
// Several collections with turns of the event loop between them: an external string (how decoded
// text may be held) is released after the collection that finds it dead, once its finaliser has run.
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
for (let k = 0; k < 3; k++) {
  gc();
  await new Promise((done) => setTimeout(done, 10));
}
const snapshot = (await json(getHeapSnapshot())) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
const meta = snapshot.snapshot.meta;
const width = meta.node_fields.length;
const typeAt = meta.node_fields.indexOf('type');
const nameAt = meta.node_fields.indexOf('name');
const sizeAt = meta.node_fields.indexOf('self_size');
// Strings of 50 KB or more that begin as the file does (for an .xlsx, its shared strings).
const alive: number[] = [];
for (let i = 0; i < snapshot.nodes.length; i += width) {
  if (meta.node_types[0][snapshot.nodes[i + typeAt] as number] !== 'string') continue;
  const size = snapshot.nodes[i + sizeAt] as number;
  const text = snapshot.strings[snapshot.nodes[i + nameAt] as number] ?? '';
  if (size >= 50_000 && text.startsWith(start) && (kind !== 'xlsx' || text.includes('<sst'))) alive.push(size);
}
process.stdout.write(JSON.stringify({ kind, invoices: result.report.invoiceCount, textAlive: alive }));
