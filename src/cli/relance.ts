/**
 * Relance on the command line, on the same import and core code as the web app.
 *   relance analyze <file> [--sheet NAME] [--as-of YYYY-MM-DD] [--json] [--lang fr|en]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeLedger, buildAuditReport, buildLetter, dayFromIso, dayFromYmd, dunningPlan, emptyWorkspace, isoOf, migrateWorkspace, numbersJson, type Day, type LetterModel, type Workspace } from '../core/index.ts';
import { renderLetters } from '../letters/pdf.ts';
import { nodeFonts } from '../letters/fonts-node.ts';
import { exportTables, tablesToXlsx, tableToCsv } from '../report/exports.ts';
import { renderReport } from '../report/pdf.ts';
import { importFile } from '../import/import-file.ts';
import { describeIssue, type Lang } from '../i18n/issues.ts';

type Args = { command: string; files: string[]; flags: Map<string, string | true> };

function parseArgs(argv: readonly string[]): Args {
  const flags = new Map<string, string | true>();
  const files: string[] = [];
  let command = '';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (v !== undefined) flags.set(k, v);
      else if (['sheet', 'as-of', 'lang', 'windows', 'terms', 'workspace', 'out', 'xlsx', 'csv', 'accounts'].includes(k) && argv[i + 1] !== undefined) flags.set(k, argv[++i] as string);
      else flags.set(k, true);
    } else if (command === '') command = a;
    else files.push(a);
  }
  return { command, files, flags };
}

function today(): Day {
  const now = new Date();
  return dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate()) as Day;
}

const USAGE = `usage: relance report <file…> --out report.pdf [--as-of YYYY-MM-DD] [--workspace FILE] [--lang fr|en]
       relance export <file> --xlsx OUT.xlsx [--csv DIR] [--as-of YYYY-MM-DD] [--workspace FILE] [--lang fr|en]
       relance letters <file> --out DIR [--as-of YYYY-MM-DD] [--workspace FILE] [--lang fr|en] [--sheet NAME]
       relance analyze <file> [--sheet NAME] [--as-of YYYY-MM-DD] [--windows N] [--terms DAYS] [--accounts 411,413,416] [--include-drafts] [--workspace FILE] [--json] [--lang fr|en]`;

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  const flag = (k: string): string | undefined => {
    const v = args.flags.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  const lang: Lang = flag('lang') === 'fr' ? 'fr' : flag('lang') === 'en' ? 'en' : args.command === 'analyze' ? 'en' : 'fr';
  const isReport = args.command === 'report' && args.files.length > 0 && flag('out') !== undefined;
  if (!isReport && (!['analyze', 'letters', 'export'].includes(args.command) || args.files.length !== 1 || (args.command === 'letters' && flag('out') === undefined) || (args.command === 'export' && flag('xlsx') === undefined && flag('csv') === undefined))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const asOfText = flag('as-of');
  const asOf = asOfText ? dayFromIso(asOfText) : today();
  if (asOf === null) {
    process.stderr.write(`relance: --as-of must be a date written YYYY-MM-DD (got "${asOfText}")\n`);
    return 2;
  }
  const windows = flag('windows') ? Number(flag('windows')) : 3;
  if (!Number.isInteger(windows) || windows < 1 || windows > 24) {
    process.stderr.write('relance: --windows must be a whole number from 1 to 24\n');
    return 2;
  }
  let workspace: Workspace | undefined;
  const workspacePath = flag('workspace');
  if (workspacePath !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(workspacePath, 'utf8'));
    } catch (e) {
      process.stderr.write(`relance: cannot read the workspace ${workspacePath}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    const migrated = migrateWorkspace(parsed);
    if (!migrated.ok) {
      process.stderr.write(`relance: ${describeIssue({ code: 'WorkspaceRefused', severity: 'error', params: { detail: migrated.detail } }, lang)}\n`);
      return 1;
    }
    workspace = migrated.workspace;
  }
  if (isReport) return writeReport(args.files, asOf, workspace ?? emptyWorkspace(), flag('out') as string, lang, flag('accounts'));
  const path = args.files[0] as string;
  const bytes = readBytes(path);
  if (!bytes) return 1;
  const sheet = flag('sheet');
  const terms = flag('terms') ? Number(flag('terms')) : undefined;
  const { report, ledger } = importFile(bytes, {
    fileName: basename(path),
    ...(sheet !== undefined ? { sheet } : {}),
    ...(terms !== undefined && Number.isInteger(terms) ? { defaultTermsDays: terms } : {}),
    includeDrafts: args.flags.has('include-drafts'),
    ...importExtras(flag('accounts'), workspace),
  });
  const describe = (i: Parameters<typeof describeIssue>[0]) => describeIssue(i, lang);
  if (args.command === 'letters') {
    if (report.fatal) {
      process.stderr.write(`${report.issues.filter((i) => i.severity === 'error').map(describe).join('\n')}\n`);
      return 1;
    }
    return writeLetters(ledger, asOf, workspace ?? emptyWorkspace(), flag('out') as string, lang);
  }
  if (args.command === 'export') {
    if (report.fatal) {
      process.stderr.write(`${report.issues.filter((i) => i.severity === 'error').map(describe).join('\n')}\n`);
      return 1;
    }
    const tables = exportTables(ledger, asOf, workspace ?? emptyWorkspace(), lang);
    const xlsxPath = flag('xlsx');
    if (xlsxPath) writeFileSync(xlsxPath, tablesToXlsx(tables));
    const csvDir = flag('csv');
    if (csvDir) {
      mkdirSync(csvDir, { recursive: true });
      tables.forEach((t, i) => writeFileSync(join(csvDir, `${i + 1}-${t.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.csv`), tableToCsv(t)));
    }
    process.stdout.write(`exported ${tables.map((t) => `${t.name} (${t.rows.length})`).join(', ')}\n`);
    return 0;
  }
  const analysis = analyzeLedger(ledger, { asOf, windows });
  if (args.flags.has('json')) {
    const out = {
      ...numbersJson(ledger, analysis, describe, workspace),
      import: {
        file: report.fileName,
        format: report.format,
        encoding: report.encoding,
        separator: report.separator,
        sheet: report.sheet,
        sheets: report.sheets.map((s) => ({ name: s.name, hidden: s.hidden, rows: s.rows })),
        headerRow: report.headerRow,
        columns: report.columns.filter((c) => c.field !== null).map((c) => ({ column: c.letter, header: c.header, field: c.field, ...(c.dateOrder ? { dateOrder: c.dateOrder, dateOrderAssumed: c.isDateOrderAssumed } : {}) })),
        rowsRead: report.rowsRead,
        rowsUsed: report.rowsUsed,
        skipped: report.skipped,
        mergedRows: report.mergedRows,
        invoices: report.invoiceCount,
        customers: report.customerCount,
        fatal: report.fatal,
        issues: report.issues.map((i) => ({ code: i.code, severity: i.severity, ...(i.sheet !== undefined ? { sheet: i.sheet } : {}), ...(i.row !== undefined ? { row: i.row } : {}), ...(i.column !== undefined ? { column: i.column } : {}), ...(i.value !== undefined ? { value: i.value } : {}), message: describe(i) })),
      },
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return report.fatal ? 1 : 0;
  }
  if (report.fatal) {
    process.stderr.write(`${report.issues.filter((i) => i.severity === 'error').map(describe).join('\n')}\n`);
    return 1;
  }
  const t = analysis.aging.total;
  const lines = [
    `${report.fileName}: ${report.invoiceCount} items, ${report.customerCount} customers (sheet "${report.sheet}", header on row ${report.headerRow})`,
    `as of ${isoOf(asOf)}: open ${(t.openCents / 100).toFixed(2)} ${ledger.currency}, overdue ${(t.overdueCents / 100).toFixed(2)}`,
    ...analysis.aging.labels.map((l, i) => `  ${l.padEnd(8)} ${((t.buckets[i] ?? 0) / 100).toFixed(2).padStart(16)}`),
    ...report.issues.slice(0, 20).map((i) => `- ${describe(i)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** The day's documents (letters, déclarations de créance, injonction packs), one PDF per customer plus one with them all. */
function writeLetters(ledger: Parameters<typeof dunningPlan>[0], asOf: Day, workspace: Workspace, out: string, lang: Lang): number {
  const names = new Map(ledger.customers.map((c) => [c.id, c]));
  const models: LetterModel[] = [];
  for (const a of dunningPlan(ledger, asOf, workspace).actions) {
    const customer = names.get(a.customerId) ?? { id: a.customerId, code: null, name: a.customerId };
    if (a.step === 'courtesy') continue;
    models.push(buildLetter({ kind: a.step, lang, customer, invoices: a.invoices, asOf, workspace, currency: ledger.currency }));
  }
  mkdirSync(out, { recursive: true });
  const fonts = nodeFonts();
  const safe = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
  for (const m of models) writeFileSync(join(out, `${isoOf(asOf)}-${m.kind}-${safe(m.customerId)}.pdf`), new Uint8Array(renderLetters([m], fonts)));
  if (models.length > 0) writeFileSync(join(out, `${isoOf(asOf)}-lettres.pdf`), new Uint8Array(renderLetters(models, fonts, { duplex: true })));
  process.stdout.write(`${models.length} letters written to ${out}\n`);
  return 0;
}

/** FEC account prefixes (`--accounts 411,413,416`) and the customers' payment terms from the workspace. */
function importExtras(accounts: string | undefined, workspace: Workspace | undefined): { fecAccounts?: string[]; customerTerms?: Record<string, number> } {
  const terms = Object.fromEntries((workspace?.customers ?? []).filter((c) => c.termsDays !== undefined).map((c) => [c.customerId, c.termsDays as number]));
  return {
    ...(accounts ? { fecAccounts: accounts.split(',').map((a) => a.trim()).filter((a) => /^\d+$/.test(a)) } : {}),
    ...(Object.keys(terms).length > 0 ? { customerTerms: terms } : {}),
  };
}

/** A file's bytes, or null after saying why it cannot be read. */
function readBytes(path: string): Uint8Array | null {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    process.stderr.write(`relance: cannot read ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
    return null;
  }
}

/** The audit report of one or several ledgers (consolidated), as a PDF. */
function writeReport(files: readonly string[], asOf: Day, workspace: Workspace, out: string, lang: Lang, accounts: string | undefined): number {
  const sources = [];
  for (const path of files) {
    const bytes = readBytes(path);
    if (!bytes) return 1;
    const { report, ledger } = importFile(bytes, { fileName: basename(path), ...importExtras(accounts, workspace) });
    if (report.fatal) {
      process.stderr.write(`${basename(path)}: ${report.issues.filter((i) => i.severity === 'error').map((i) => describeIssue(i, lang)).join('\n')}\n`);
      return 1;
    }
    sources.push({ name: basename(path), ledger, warnings: report.issues.filter((i) => i.severity !== 'info').map((i) => describeIssue(i, lang)) });
  }
  const model = buildAuditReport(sources, asOf, workspace, lang);
  writeFileSync(out, new Uint8Array(renderReport(model, nodeFonts())));
  process.stdout.write(`report written to ${out} (${model.sections.length} sections)\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
