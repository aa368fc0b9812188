/**
 * npm run bench — Node part of the benchmark: Relance's full import + analysis against the bare
 * parsers on the same bytes, medians of several runs, printed as ratios (never asserted in tests).
 * The Chromium measurements (drop-to-dashboard, longest main-thread task, memory) are not here yet.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { unzipSync } from 'fflate';
import { readXlsxFast } from '../src/import/read-xlsx-fast.ts';
import { analyzeLedger, dayFromIso, excelSerialOf, frenchDate, type Day } from '../src/core/index.ts';
import { importFile } from '../src/import/import-file.ts';
import { encodeWindows1252, makeInvoices } from '../samples/generate.ts';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => void): number {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

function csvBytes(rows: number): Uint8Array {
  const inv = makeInvoices(rows, Math.max(50, rows / 20), 99, 'B');
  const amount = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;
  const lines = ['Code client;Client;N° facture;Date;Échéance;Montant TTC;Réglé;Date de règlement'];
  for (const i of inv) lines.push([i.customerCode, i.customer, i.number, frenchDate(i.issued), frenchDate(i.due), amount(i.cents), amount(i.paidCents), i.paidOn === null ? '' : frenchDate(i.paidOn)].join(';'));
  return encodeWindows1252(lines.join('\r\n'));
}

function xlsxBytes(rows: number): Uint8Array {
  const inv = makeInvoices(rows, Math.max(50, rows / 20), 99, 'B');
  const aoa: unknown[][] = [['Code client', 'Client', 'N° facture', 'Date', 'Échéance', 'Montant TTC', 'Réglé', 'Date de règlement']];
  const date = (d: Day) => ({ t: 'n', v: excelSerialOf(d, false), z: 'dd/mm/yyyy' });
  for (const i of inv) aoa.push([i.customerCode, i.customer, i.number, date(i.issued), date(i.due), i.cents / 100, i.paidCents / 100, i.paidOn === null ? null : date(i.paidOn)]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Ledger');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

const asOf = dayFromIso('2025-12-31') as Day;
const results: Record<string, unknown>[] = [];
for (const rows of [10_000, 100_000]) {
  const csv = csvBytes(rows);
  const text = new TextDecoder('windows-1252').decode(csv);
  const papa = time(() => Papa.parse(text, { delimiter: ';' }));
  const relanceCsv = time(() => {
    const r = importFile(csv, { fileName: 'bench.csv' });
    analyzeLedger(r.ledger, { asOf });
  });
  const xlsx = xlsxBytes(rows);
  const sheetjs = time(() => XLSX.read(xlsx, { type: 'array', dense: true, cellText: false, cellHTML: false, cellNF: false, cellStyles: false }));
  const fastReader = time(() => readXlsxFast(xlsx));
  const floor = time(() => {
    // The physical floor: inflate the sheet and scan its bytes once.
    const files = unzipSync(xlsx, { filter: (f) => /worksheets\/sheet1\.xml|sharedStrings/.test(f.name) });
    let lt = 0;
    for (const f of Object.values(files)) for (let i = 0; i < f.length; i++) if (f[i] === 60) lt++;
    return lt;
  });
  const relanceXlsx = time(() => {
    const r = importFile(xlsx, { fileName: 'bench.xlsx' });
    analyzeLedger(r.ledger, { asOf });
  });
  const { ledger } = importFile(csv, { fileName: 'bench.csv' });
  const recompute = time(() => analyzeLedger(ledger, { asOf: dayFromIso('2025-10-31') as Day }));
  results.push({
    rows,
    csvBytes: csv.length,
    xlsxBytes: xlsx.length,
    papaparseMs: Math.round(papa),
    relanceCsvMs: Math.round(relanceCsv),
    csvRatio: Number((relanceCsv / papa).toFixed(2)),
    sheetjsFastestMs: Math.round(sheetjs),
    relanceXlsxMs: Math.round(relanceXlsx),
    xlsxRatio: Number((relanceXlsx / sheetjs).toFixed(2)),
    fastReaderMs: Math.round(fastReader),
    fastReaderRatio: Number((fastReader / sheetjs).toFixed(2)),
    inflateScanFloorMs: Math.round(floor),
    recomputeMs: Math.round(recompute),
  });
}

const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), date: new Date().toISOString().slice(0, 10) };
writeFileSync(join(here, 'results.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`);
process.stdout.write(`machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}\n`);
process.stdout.write('| rows | PapaParse | Relance CSV import+analysis | ratio | inflate+scan floor | SheetJS fastest | fast reader | ratio | Relance xlsx import+analysis | ratio | recompute (new as-of) |\n|---|---|---|---|---|---|---|---|---|---|---|\n');
for (const r of results) {
  process.stdout.write(`| ${r.rows} | ${r.papaparseMs} ms | ${r.relanceCsvMs} ms | ${r.csvRatio} × | ${r.inflateScanFloorMs} ms | ${r.sheetjsFastestMs} ms | ${r.fastReaderMs} ms | ${r.fastReaderRatio} × | ${r.relanceXlsxMs} ms | ${r.xlsxRatio} × | ${r.recomputeMs} ms |\n`);
}
