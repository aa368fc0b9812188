/**
 * Node half of `npm run bench`: on the same bytes, the floors (bare parsers) and Relance's whole
 * worker pipeline (file → ledger → the dashboard's figures), medians of several runs, as ratios.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { unzipSync } from 'fflate';
import { readXlsxFast } from '../src/import/read-xlsx-fast.ts';
import { customerBehaviour, dayFromIso, emptyWorkspace, forecast, predict, type Day, type LetterModel } from '../src/core/index.ts';
import { importFile } from '../src/import/import-file.ts';
import { importEInvoices } from '../src/import/einvoice/import-einvoices.ts';
import { matchStatement } from '../src/core/index.ts';
import { bankCase } from '../tests/support/bank-generator.ts';
import { createHandlers } from '../src/worker/handlers.ts';
import type { PageSettings } from '../src/worker/protocol.ts';
import { renderLetters } from '../src/output/pdf/letters.ts';
import { nodeFonts } from '../src/output/pdf/fonts-node.ts';
import { BENCH_AS_OF, benchFile, benchInvoices, fecText, ledgerCsv, ledgerXlsx, type BenchFile, type Shape } from './data.ts';

export const RUNS = Number(process.env.BENCH_RUNS ?? 3);

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => unknown, runs = RUNS): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

/** The same for work that ends in a promise (the worker's handlers are async). */
async function timeAsync(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

const ms = (x: number) => Math.round(x);
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

export const analysisRequest = (asOf = BENCH_AS_OF): PageSettings => ({ asOf, basis: 'due', edges: [30, 60, 90, 120], windows: 3, manualSales: [] });

/**
 * The worker's FileReaderSync, which Node lacks: a dropped file read a slice at a time, each slice a
 * copy (as the browser hands it over). Node's own Blob would be read whole, asynchronously.
 */
export class SliceOf {
  readonly bytes: Uint8Array;
  readonly size: number;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.size = bytes.length;
  }
  slice(from: number, to: number): SliceOf {
    return new SliceOf(this.bytes.subarray(from, to));
  }
}
(globalThis as { FileReaderSync?: unknown }).FileReaderSync ??= class {
  readAsArrayBuffer(blob: SliceOf): ArrayBuffer {
    return blob.bytes.slice().buffer;
  }
};

/** What the worker does for a dropped file: read it, build the ledger, compute the dashboard's figures. */
async function pipeline(file: BenchFile, handlers = createHandlers()) {
  const r = await handlers.importFile({ file: new SliceOf(file.bytes) as unknown as Blob, options: { fileName: file.name }, settings: analysisRequest() }, () => {});
  if (r.report.fatal !== null || r.analysis === null) throw new Error(`${file.name}: ${r.report.fatal}`);
  return { handlers, report: r.report };
}

export function ledgerFiles(rows: number, shape: Shape = 'mixed'): { csv: BenchFile; xlsx: BenchFile } {
  const tag = shape === 'mixed' ? '' : `-${shape}`;
  let inv: ReturnType<typeof benchInvoices> | null = null;
  const invoices = () => (inv ??= benchInvoices(rows, shape));
  return { csv: benchFile(`ledger-${rows}${tag}.csv`, () => ledgerCsv(invoices())), xlsx: benchFile(`ledger-${rows}${tag}.xlsx`, () => ledgerXlsx(invoices())) };
}

export const fecFile = (lines: number, sameLettrage = false) => benchFile(`fec-${lines}${sameLettrage ? '-same-lettrage' : ''}.txt`, () => fecText(lines, sameLettrage));

/** Uncompressed size of an .xlsx (the sum of its parts), or the file's size. */
export function uncompressedSize(file: BenchFile): number {
  if (!file.name.endsWith('.xlsx')) return file.bytes.length;
  return Object.values(unzipSync(file.bytes)).reduce((s, f) => s + f.length, 0);
}

export async function ledgerRow(rows: number) {
  const { csv, xlsx } = ledgerFiles(rows);
  const text = new TextDecoder('windows-1252').decode(csv.bytes);
  const papa = time(() => Papa.parse(text, { delimiter: ';' }));
  const relanceCsv = await timeAsync(() => pipeline(csv));
  const sheetjs = time(() => XLSX.read(xlsx.bytes, { type: 'array', dense: true, cellText: false, cellHTML: false, cellNF: false, cellStyles: false }));
  const fast = time(() => readXlsxFast(xlsx.bytes));
  const floor = time(() => {
    // The physical floor: inflate the sheet and the shared strings, scan their bytes once.
    const files = unzipSync(xlsx.bytes, { filter: (f) => /worksheets\/sheet1\.xml|sharedStrings/.test(f.name) });
    let lt = 0;
    for (const f of Object.values(files)) for (let i = 0; i < f.length; i++) if (f[i] === 60) lt++;
    return lt;
  });
  const relanceXlsx = await timeAsync(() => pipeline(xlsx));
  const { handlers } = await pipeline(csv);
  const recompute = time(() => handlers.analyze(analysisRequest('2025-10-31'), () => {}));
  // A new workspace each run: the worker keeps the last worklist, and this measures computing it.
  let run = 0;
  const dunning = time(() => {
    handlers.setWorkspace({ ...emptyWorkspace(), changesSinceExport: run++ }, () => {});
    handlers.dunning({ settings: analysisRequest(), draftPolicy: null }, () => {});
  });
  return {
    rows,
    csvBytes: csv.bytes.length,
    xlsxBytes: xlsx.bytes.length,
    xlsxUncompressedBytes: uncompressedSize(xlsx),
    papaparseMs: ms(papa),
    relanceCsvMs: ms(relanceCsv),
    csvRatio: ratio(relanceCsv, papa),
    inflateScanFloorMs: ms(floor),
    sheetjsFastestMs: ms(sheetjs),
    fastReaderMs: ms(fast),
    fastReaderRatio: ratio(fast, sheetjs),
    relanceXlsxMs: ms(relanceXlsx),
    xlsxRatio: ratio(relanceXlsx, sheetjs),
    recomputeMs: ms(recompute),
    worklistMs: ms(dunning),
  };
}

export async function fecRow(lines: number) {
  const fec = fecFile(lines);
  const text = new TextDecoder().decode(fec.bytes);
  const papa = time(() => Papa.parse(text, { delimiter: '\t' }));
  const relance = await timeAsync(() => pipeline(fec));
  return { lines, bytes: fec.bytes.length, papaparseMs: ms(papa), relanceMs: ms(relance), ratio: ratio(relance, papa) };
}

/**
 * The worst cases of issue 8 at two sizes: microseconds per row at each, and their growth (1 =
 * linear). Pipeline and worklist (the dunning plan), as the page runs them after a drop.
 */
export async function worstCaseRows(small: number, large: number) {
  const cases: { name: string; file: (n: number) => BenchFile }[] = [
    { name: 'one customer, every invoice (CSV)', file: (n) => ledgerFiles(n, 'oneCustomer').csv },
    { name: 'one invoice per customer (CSV)', file: (n) => ledgerFiles(n, 'eachOwnCustomer').csv },
    { name: 'FEC, one lettrage code on every line', file: (n) => fecFile(n, true) },
  ];
  const rows = [];
  for (const { name, file } of cases) {
    const per = async (n: number) => {
      const f = file(n);
      const t = await timeAsync(async () => {
        const { handlers } = await pipeline(f);
        handlers.dunning({ settings: analysisRequest(), draftPolicy: null }, () => {});
      });
      return { ms: t, usPerRow: (t * 1000) / n };
    };
    const a = await per(small);
    const b = await per(large);
    rows.push({ case: name, small, large, smallMs: ms(a.ms), largeMs: ms(b.ms), usPerRowSmall: Number(a.usPerRow.toFixed(1)), usPerRowLarge: Number(b.usPerRow.toFixed(1)), growth: ratio(b.usPerRow, a.usPerRow) });
  }
  return rows;
}

/** 1,000 letters into one PDF: DejaVu Sans embedded (what Relance prints) against jsPDF's Helvetica; then one PDF per letter. */
export async function lettersRow(count = 1000) {
  const { csv } = ledgerFiles(10_000, 'eachOwnCustomer');
  const { handlers } = await pipeline(csv);
  const plan = handlers.dunning({ settings: analysisRequest(), draftPolicy: null }, () => {});
  // Letters leave only with the sender's identity; e-mail steps need no postal address.
  handlers.setWorkspace({ ...emptyWorkspace(), profile: { company: 'Atelier Martin', legalForm: 'SARL', siren: '123456789', siret: '', address: '12 rue des Lilas\n69003 Lyon', iban: 'FR7630006000011234567890189', signatory: 'Claire Martin', marginPercent: null } }, () => {});
  const ids = (plan?.actions ?? []).filter((a) => ['rappel', 'relance'].includes(a.step)).map((a) => a.customerId);
  let models: LetterModel[] = handlers.letters({ settings: { ...analysisRequest(), lang: 'fr' }, customerIds: ids.slice(0, count) }, () => {}).models;
  if (models.length === 0) throw new Error('no letters to render');
  while (models.length < count) models = models.concat(models.slice(0, count - models.length));
  const fonts = nodeFonts();
  const runs = Math.min(RUNS, 3);
  let pages = 0;
  const embedded = time(() => {
    const pdf = renderLetters(models, fonts);
    pages = (new TextDecoder('latin1').decode(new Uint8Array(pdf)).match(/\/Type \/Page\b/g) ?? []).length;
  }, runs);
  const helvetica = time(() => renderLetters(models, 'standard'), runs);
  // What the CLI writes besides: one PDF per customer, each embedding its own font (target: 1,000 in ≤ 15 s).
  let bytes = 0;
  const perCustomer = time(() => {
    bytes = 0;
    for (const m of models) bytes += renderLetters([m], fonts).byteLength;
  }, 1);
  return { letters: models.length, pages, helveticaMs: ms(helvetica), embeddedFontMs: ms(embedded), ratio: ratio(embedded, helvetica), perCustomerMs: ms(perCustomer), perCustomerKb: Math.round(bytes / models.length / 1024) };
}

/**
 * Issue 16's budget: behaviour + training + scoring (with its backtest) + the forecast (with its
 * own backtest) on a ledger of `rows` invoices (target ≤ 500 ms in the worker). A fresh ledger each
 * run: the use cases cache the model per ledger.
 */
export function predictionRow(rows = 100_000) {
  const { csv } = ledgerFiles(rows);
  const asOf = dayFromIso(BENCH_AS_OF) as Day;
  const parts = { behaviour: [] as number[], predict: [] as number[], forecast: [] as number[], total: [] as number[] };
  let auc: number | null = null;
  for (let run = 0; run < Math.max(RUNS, 3); run++) {
    const { ledger } = importFile(csv.bytes, { fileName: csv.name });
    let t = performance.now();
    customerBehaviour(ledger, asOf);
    const b = performance.now() - t;
    t = performance.now();
    const p = predict(ledger, asOf);
    const pr = performance.now() - t;
    t = performance.now();
    forecast(ledger, asOf, {}, p);
    const f = performance.now() - t;
    auc = p.backtest.auc;
    parts.behaviour.push(b);
    parts.predict.push(pr);
    parts.forecast.push(f);
    parts.total.push(b + pr + f);
  }
  return { rows, behaviourMs: ms(median(parts.behaviour)), predictMs: ms(median(parts.predict)), forecastMs: ms(median(parts.forecast)), totalMs: ms(median(parts.total)), auc };
}

/** Issue 17's budget: 10,000 bank lines against 100,000 open invoices (target ≤ 1 s in the worker). */
export function matchingRow(lines = 10_000, invoices = 100_000) {
  const { ledger, lines: all, asOf } = bankCase(invoices / 10, 10, 5);
  const statement = all.slice(0, lines);
  let proposals = 0;
  const t = time(() => {
    proposals = matchStatement(ledger, asOf, statement).proposals.length;
  });
  return { lines: statement.length, invoices: ledger.invoices.length, matchMs: ms(t), proposals };
}

/** Issue 19's CLI budgets: the start (usage printed) and `analyze` on a 10-row file, wall time of a fresh process, bundle vs sources. */
export async function cliRow() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const file = join(root, 'bench', 'data', 'ledger-10-rows.csv');
  if (!existsSync(file)) {
    const rows = ['Code;Client;Facture;Date;Échéance;Montant TTC'];
    for (let i = 1; i <= 10; i++) rows.push(`C${i};Client ${i};F${i};0${1 + (i % 9)}/03/2025;0${1 + (i % 9)}/04/2025;${i * 100},50`);
    writeFileSync(file, `${rows.join('\n')}\n`);
  }
  const { cliBundle, NODE_FLAGS } = (await import(pathToFileURL(join(root, 'scripts', 'relance.mjs')).href)) as { cliBundle: () => Promise<string>; NODE_FLAGS: string[] };
  await cliBundle();
  const wall = (args: string[]) => {
    const out: number[] = [];
    for (let i = 0; i < Math.max(RUNS, 5); i++) {
      const t = performance.now();
      spawnSync(process.execPath, args, { cwd: root });
      out.push(performance.now() - t);
    }
    return ms(median(out));
  };
  return {
    // As `npm run relance` runs it (its Node flags), without npm's own start.
    startMs: wall([...NODE_FLAGS, 'scripts/relance.mjs']),
    analyzeMs: wall([...NODE_FLAGS, 'scripts/relance.mjs', 'analyze', file, '--json']),
    sourcesAnalyzeMs: wall(['--experimental-strip-types', '--no-warnings', 'src/cli/relance.ts', 'analyze', file, '--json']),
    bareNodeMs: wall(['-e', '0']),
  };
}

/**
 * Issue 19's memory budget in the CLI: the peak RSS of `analyze <file> --json` over the CLI's own
 * peak when it reads nothing (usage printed), against the file's uncompressed size.
 */
export async function cliMemoryRows(files: readonly BenchFile[]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const { cliBundle, NODE_FLAGS } = (await import(pathToFileURL(join(root, 'scripts', 'relance.mjs')).href)) as { cliBundle: () => Promise<string>; NODE_FLAGS: string[] };
  const bundle = await cliBundle();
  const peak = (args: string[]): number => {
    const r = spawnSync(process.execPath, [...NODE_FLAGS, join(root, 'bench', 'rss.mjs'), bundle, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    const m = /maxRSS=(\d+)/.exec(r.stderr);
    if (!m) throw new Error(`no maxRSS: ${r.stderr.slice(0, 200)}`);
    return Number(m[1]) * 1024;
  };
  const baseline = peak([]);
  return files.map((f) => {
    const extra = peak(['analyze', f.path, '--as-of', BENCH_AS_OF, '--json']) - baseline;
    const size = uncompressedSize(f);
    return { file: f.name, uncompressedBytes: size, baselineMiB: Number((baseline / 2 ** 20).toFixed(0)), peakExtraMiB: Number((extra / 2 ** 20).toFixed(0)), ratio: ratio(extra, size) };
  });
}

/** predictionRow in a fresh Node process (a worker's own heap), as bench/prediction-child.ts prints it. */
export function predictionRowIsolated(rows = 100_000): ReturnType<typeof predictionRow> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', join(root, 'bench', 'prediction-child.ts'), String(rows)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`prediction row: ${r.stderr.slice(0, 300)}`);
  return JSON.parse(r.stdout) as ReturnType<typeof predictionRow>;
}

/**
 * E-invoices (issue 18) inside the same budgets: N CII and UBL XML files, and Factur-X PDFs (their
 * XML read with pdf.js), into one ledger through importEInvoices, as the worker reads a dropped folder.
 */
export async function einvoicesRow(xmlCount = 10_000, pdfCount = 1_000) {
  const { ciiXml, ublXml, facturXPdf } = await import('../tests/support/einvoices.ts');
  const doc = (k: number) => ({
    number: `FA-${String(k).padStart(6, '0')}`,
    issued: `2025${String(1 + (k % 12)).padStart(2, '0')}${String(1 + (k % 28)).padStart(2, '0')}`,
    buyerName: `Client ${k % 300}`,
    buyerSiren: String(300_000_000 + (k % 300)),
    ht: `${100 + (k % 900)}.00`,
    ttc: `${(100 + (k % 900)) * 1.2}.00`,
  });
  const enc = new TextEncoder();
  const xml = Array.from({ length: xmlCount }, (_, k) => ({ name: `f${k}.xml`, bytes: enc.encode(k % 2 === 0 ? ciiXml(doc(k)) : ublXml(doc(k))) }));
  const pdf = Array.from({ length: pdfCount }, (_, k) => ({ name: `f${k}.pdf`, bytes: facturXPdf(ciiXml(doc(xmlCount + k))) }));
  const xmlMs = await timeAsync(() => importEInvoices(xml, null), Math.min(RUNS, 3));
  const pdfMs = await timeAsync(() => importEInvoices(pdf, null), Math.min(RUNS, 3));
  return { xmlFiles: xmlCount, xmlMs: ms(xmlMs), usPerXml: Math.round((xmlMs * 1000) / xmlCount), pdfFiles: pdfCount, pdfMs: ms(pdfMs), msPerPdf: Number((pdfMs / pdfCount).toFixed(1)) };
}
