/**
 * The CLI's commands (relance.ts loads this module once the arguments name one): a thin adapter over
 * src/app, the same use cases as the page's worker. Every command reads one or several files as one
 * ledger and takes the same settings.
 */
import { flagOf, type Args } from './args.ts';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AUTO_ACCEPT, dayFromYmd, emptyWorkspace, isoOf, migrateWorkspace, recordBankPayments, type Issue, type Lang, type Workspace } from '../core/index.ts';
import { refusalText } from '../i18n/documents.ts';
import { buffered, fdSink, writeJson } from './json-out.ts';
import { importSource, type ByteSource, type ImportReport } from '../import/import-file.ts';
import { describeIssue } from '../i18n/issues.ts';
import { analysisOf } from '../app/dashboard.ts';
import { exportTables } from '../app/exports.ts';
import { envelopeTestSheet, letters, statements } from '../app/letters.ts';
import { importJson, numbersJson } from '../app/numbers-json.ts';
import { auditReport } from '../app/report.ts';
import { forecastJson, predictJson } from '../app/prediction.ts';
import { bankView, matchJson } from '../app/bank.ts';
import { readStatement } from '../import/bank/read-statement.ts';
import { loadWorkbookReaders, needsWorkbookReaders } from '../import/sheetjs.ts';
import { importEInvoices, isEInvoiceFile, type EInvoiceFile } from '../import/einvoice/import-einvoices.ts';
import { eInvoiceFilesOf, isEInvoiceZip, isZip, ZIP_DIRECTORY_BYTES } from '../import/einvoice/archive.ts';
import { refusalReasonText, statementErrorText } from '../i18n/bank.ts';
import { ledgerOf, sessionOf, type Source } from '../app/session.ts';
import { settingsFrom, type Settings, type SettingsField } from '../app/settings.ts';
// The PDF and spreadsheet writers (jsPDF, SheetJS's writer, the fonts) load only for the commands
// that write files: `analyze`, `predict`, `forecast` and `match` start without them.
const pdf = () =>
  Promise.all([import('../output/pdf/fonts-node.ts'), import('../output/pdf/font-subset.ts'), import('../output/pdf/letters.ts'), import('../output/pdf/report.ts')]).then(([f, s, l, r]) => ({
    nodeFonts: f.nodeFonts,
    needsWholeFont: s.needsWholeFont,
    renderLetters: l.renderLetters,
    renderTestSheet: l.renderTestSheet,
    renderReport: r.renderReport,
  }));

function today(): string {
  const now = new Date();
  return isoOf(dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate()) as NonNullable<ReturnType<typeof dayFromYmd>>);
}

const FLAG_OF: Record<SettingsField, string> = { asOf: '--as-of must be a date written YYYY-MM-DD', basis: '--basis must be due or issued', edges: '--buckets must be increasing whole numbers of days, e.g. 30,60,90,120', windows: '--windows must be a whole number from 1 to 24', termsDays: '--terms must be a whole number of days from 0 to 3650', lang: '--lang must be fr or en', ratings: '--ratings must be three increasing whole numbers of days (ratings A, B, C), e.g. 5,15,45' };

/**
 * Worksheets of more than 4 MiB of XML are read as they are inflated, a slice at a time: in Node, which
 * reuses the slices' memory, that costs the reader about a tenth more time on a 100,000-row sheet for
 * 24 MiB less peak memory (read-xlsx-fast.ts; the page's worker keeps the reader's default).
 */
const CLI_INFLATE_WHOLE_UP_TO = 4 << 20;
const failed = Symbol('failed');

/** A JSON file given on the command line, or `failed` after saying why on stderr. */
function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    process.stderr.write(`relance: cannot read the ${what} ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
    return failed;
  }
}

function refused(detail: string, lang: Lang): number {
  process.stderr.write(`relance: ${describeIssue({ code: 'WorkspaceRefused', severity: 'error', params: { detail } }, lang)}\n`);
  return 1;
}

/** A command whose arguments `usageNeeded` accepted (args.ts). */
export async function run(args: Args): Promise<number> {
  const flag = (k: string): string | undefined => flagOf(args, k);
  const langFlag = flag('lang');
  const lang: Lang = langFlag === 'fr' || langFlag === 'en' ? langFlag : args.command === 'analyze' ? 'en' : 'fr';
  let workspace: Workspace | undefined;
  const workspacePath = flag('workspace');
  if (workspacePath !== undefined) {
    const parsed = readJson(workspacePath, 'workspace');
    if (parsed === failed) return 1;
    const migrated = migrateWorkspace(parsed);
    if (!migrated.ok) return refused(migrated.detail, lang);
    workspace = migrated.workspace;
    if (migrated.repairs.length > 0) process.stderr.write(`relance: workspace fields missing or of an unexpected type set to their default: ${migrated.repairs.join(', ')}\n`);
  }
  const profilePath = flag('profile');
  if (profilePath !== undefined) {
    const profile = readJson(profilePath, 'profile');
    if (profile === failed) return 1;
    // The profile is checked as part of a workspace: the same rules as the page's.
    const base = workspace ?? emptyWorkspace();
    const merged = migrateWorkspace({ ...base, profile: { ...base.profile, ...(typeof profile === 'object' && profile !== null ? profile : {}) } });
    if (!merged.ok) return refused(merged.detail, lang);
    workspace = merged.workspace;
  }
  const buckets = flag('buckets');
  const number = (k: string): number | undefined => (flag(k) === undefined ? undefined : Number(flag(k)));
  const windows = number('windows');
  const terms = number('terms');
  const parsed = settingsFrom({
    asOf: flag('as-of') ?? today(),
    lang: langFlag ?? lang,
    ...(flag('basis') !== undefined ? { basis: flag('basis') as string } : {}),
    ...(buckets !== undefined ? { edges: buckets.split(',').map((s) => (s.trim() === '' ? Number.NaN : Number(s))) } : {}),
    ...(windows !== undefined ? { windows } : {}),
    ...(terms !== undefined ? { termsDays: terms } : {}),
    ...(workspace ? { workspace } : {}),
    ...(flag('ratings') !== undefined ? { ratings: (flag('ratings') as string).split(',').map((x) => (x.trim() === '' ? Number.NaN : Number(x))) } : {}),
  });
  if (!parsed.ok) {
    process.stderr.write(`relance: ${FLAG_OF[parsed.field]} (got "${parsed.value}")\n`);
    return 2;
  }
  const settings = parsed.settings;
  const describe = (i: Issue) => describeIssue(i, lang);
  if (args.command === 'test-sheet') {
    const model = envelopeTestSheet(settings);
    const out = flag('out') as string;
    const { renderTestSheet, nodeFonts, needsWholeFont } = await pdf();
    writeFileSync(out, new Uint8Array(renderTestSheet(model, nodeFonts(needsWholeFont(model)))));
    process.stdout.write(`test sheet written to ${out} (${model.setting})\n`);
    return 0;
  }

  let statementPath: string | null = null;
  if (args.command === 'match') statementPath = args.files.pop() as string;
  const sources: Source[] = [];
  const reports: ImportReport[] = [];
  // Folders are read file by file; e-invoices (Factur-X PDFs, CII and UBL XML) together as one ledger.
  const paths = args.files.flatMap(expand);
  const einvoices: EInvoiceFile[] = [];
  const ledgers: string[] = [];
  for (const path of paths) {
    // The first 8 KB tell an e-invoice (and a zip's directory a zip of them); a ledger is read once,
    // below, when its turn comes.
    const head = readBytes(path, 8192);
    if (!head) return 1;
    if (!isEInvoiceFile(head) && !isInvoiceZipAt(path, head)) {
      ledgers.push(path);
      continue;
    }
    const bytes = readBytes(path);
    if (!bytes) return 1;
    // A zip gives its invoices, each under its own name.
    einvoices.push(...((await eInvoiceFilesOf(bytes, basename(path))) ?? [{ name: basename(path), bytes }]));
  }
  if (einvoices.length > 0) {
    const { report, ledger } = await importEInvoices(einvoices, workspace?.profile ?? null, terms ?? 30);
    const name = einvoices.length === 1 ? (einvoices[0] as EInvoiceFile).name : `${einvoices.length} e-invoices`;
    reports.push({ ...report, fileName: name });
    if (!report.fatal) sources.push({ name, ledger, issues: report.issues.filter((i) => i.severity !== 'info') });
    else if (!(args.command === 'analyze' && args.flags.has('json'))) {
      process.stderr.write(`${name}: ${report.issues.map(describe).join('\n')}\n`);
      return 1;
    }
  }
  for (const path of ledgers) {
    // Read a slice at a time: a text file's bytes and text are never all held.
    const file = openFile(path);
    if (!file) return 1;
    if (needsWorkbookReaders(file.read(0, 8))) await loadWorkbookReaders();
    const sheet = flag('sheet');
    const accounts = flag('accounts');
    let imported: ReturnType<typeof importSource>;
    try {
      imported = importSource(file, {
        fileName: basename(path),
        releaseBytes: true,
        inflateWholeUpTo: CLI_INFLATE_WHOLE_UP_TO,
        ...(sheet !== undefined ? { sheet } : {}),
        includeDrafts: args.flags.has('include-drafts'),
        ...(accounts ? { fecAccounts: accounts.split(',').map((a) => a.trim()).filter((a) => /^\d+$/.test(a)) } : {}),
      });
    } catch (e) {
      // The importer never throws on a file's content: this is the disk failing under a read.
      cannotRead(path, e);
      return 1;
    } finally {
      file.close();
    }
    const { report, ledger } = imported;
    reports.push(report);
    if (report.fatal && !(args.command === 'analyze' && args.flags.has('json'))) {
      process.stderr.write(`${basename(path)}: ${report.issues.filter((i) => i.severity === 'error').map(describe).join('\n')}\n`);
      return 1;
    }
    if (!report.fatal) sources.push({ name: basename(path), ledger, issues: report.issues.filter((i) => i.severity !== 'info') });
  }
  const session = sessionOf(sources);

  if (args.command === 'predict' || args.command === 'forecast') {
    const weeks = flag('weeks') === undefined ? 13 : Number(flag('weeks'));
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 104) {
      process.stderr.write('relance: --weeks must be a whole number from 1 to 104\n');
      return 2;
    }
    const ledger = ledgerOf(session, settings);
    const out = args.command === 'predict' ? predictJson(ledger, settings) : forecastJson(ledger, settings, weeks);
    printJson(out);
    return 0;
  }
  if (statementPath !== null) return match(ledgerOf(session, settings), settings, statementPath, { json: args.flags.has('json'), apply: flag('apply'), min: flag('min') === undefined ? AUTO_ACCEPT : Number(flag('min')) });
  if (args.command === 'statements') return writeStatements(ledgerOf(session, settings), settings, flag('out') as string, (flag('customers') ?? '').split(',').map((x) => x.trim()).filter((x) => x !== ''));
  if (args.command === 'letters') return writeLetters(ledgerOf(session, settings), settings, flag('out') as string, flag('lrar'));
  if (args.command === 'report') {
    const model = auditReport(session, settings, 'cli');
    if (!model) return 1;
    const out = flag('out') as string;
    const { renderReport, nodeFonts, needsWholeFont } = await pdf();
    writeFileSync(out, new Uint8Array(renderReport(model, nodeFonts(needsWholeFont(model)))));
    process.stdout.write(`report written to ${out} (${model.sections.length} sections)\n`);
    return 0;
  }
  if (args.command === 'export') {
    const tables = exportTables(session.ledger, settings);
    const { tablesToXlsx, tableToCsv } = await import('../output/sheets.ts');
    const xlsxPath = flag('xlsx');
    if (xlsxPath) writeFileSync(xlsxPath, tablesToXlsx(tables));
    const csvDir = flag('csv');
    if (csvDir) {
      mkdirSync(csvDir, { recursive: true });
      tables.forEach((t, i) => writeFileSync(join(csvDir, `${i + 1}-${safeName(t.name).toLowerCase()}.csv`), tableToCsv(t)));
    }
    process.stdout.write(`exported ${tables.map((t) => `${t.name} (${t.rows.length})`).join(', ')}\n`);
    return 0;
  }
  const report = reports[reports.length - 1] as ImportReport;
  const fatal = reports.some((r) => r.fatal);
  if (args.flags.has('json')) {
    const out = {
      ...numbersJson(session.ledger, settings, describe),
      import: importJson(report, describe),
      ...(reports.length > 1 ? { imports: reports.map((r) => importJson(r, describe)) } : {}),
    };
    printJson(out);
    return fatal ? 1 : 0;
  }
  const analysis = analysisOf(session.ledger, settings);
  const t = analysis.aging.total;
  const lines = [
    ...reports.map((r) => `${r.fileName}: ${r.invoiceCount} items, ${r.customerCount} customers (sheet "${r.sheet}", header on row ${r.headerRow})`),
    `as of ${isoOf(settings.asOf)}: open ${(t.openCents / 100).toFixed(2)} ${session.ledger.currency}, overdue ${(t.overdueCents / 100).toFixed(2)}`,
    ...analysis.aging.labels.map((l, i) => `  ${l.padEnd(8)} ${((t.buckets[i] ?? 0) / 100).toFixed(2).padStart(16)}`),
    ...[...reports.flatMap((r) => r.issues), ...analysis.warnings].slice(0, 20).map((i) => `- ${describe(i)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** "Société Générale & fils" → "Societe-Generale-fils": accents transliterated (œ → oe), safe in any file system. */
function safeName(s: string): string {
  return s
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * The day's documents: one PDF per customer, one duplex PDF of the letters that go in the post, and
 * one of the court packs (working documents, never in the post's batch). A document that lacks the
 * creditor's identity or the debtor's address is refused with one line saying what is missing.
 */
async function writeLetters(ledger: Parameters<typeof letters>[0], settings: Settings, out: string, lrar: string | undefined): Promise<number> {
  const { nodeFonts, needsWholeFont, renderLetters } = await pdf();
  const posted = letters(ledger, settings, { all: { step: '', channel: '' }, ...(lrar ? { lrar } : {}) });
  const packs = letters(ledger, settings, { all: { step: '', channel: '' }, packs: true });
  const refused = [...posted.refused, ...packs.refused];
  for (const r of refused) process.stderr.write(`relance: ${refusalText(r, settings.lang)}\n`);
  if (refused.length > 0) process.stderr.write(settings.lang === 'fr' ? 'relance: complétez le profil (--profile FICHIER) et les adresses des clients (--workspace FICHIER)\n' : 'relance: complete the profile (--profile FILE) and the customers\' addresses (--workspace FILE)\n');
  mkdirSync(out, { recursive: true });
  // The Latin subset for most documents (a few ms each); the whole font only where a text needs it.
  const latin = nodeFonts();
  let whole: ReturnType<typeof nodeFonts> | null = null;
  const fontsFor = (models: unknown) => (needsWholeFont(models) ? (whole ??= nodeFonts(true)) : latin);
  const used = new Set<string>();
  for (const m of [...posted.models, ...packs.models]) {
    // The customer id keeps names apart; a number is added should two still collide.
    let name = `${isoOf(settings.asOf)}-${m.kind}-${safeName(m.customerId) || 'client'}`;
    for (let k = 2; used.has(name); k++) name = `${isoOf(settings.asOf)}-${m.kind}-${safeName(m.customerId) || 'client'}-${k}`;
    used.add(name);
    writeFileSync(join(out, `${name}.pdf`), new Uint8Array(renderLetters([m], fontsFor(m))));
  }
  if (posted.models.length > 0) writeFileSync(join(out, `${isoOf(settings.asOf)}-lettres.pdf`), new Uint8Array(renderLetters(posted.models, fontsFor(posted.models), { duplex: true })));
  if (packs.models.length > 0) writeFileSync(join(out, `${isoOf(settings.asOf)}-dossiers-injonction.pdf`), new Uint8Array(renderLetters(packs.models, fontsFor(packs.models))));
  const provisional = [...new Set([...posted.models, ...packs.models].flatMap((m) => m.provisionalRates))].sort();
  if (provisional.length > 0) process.stderr.write(`relance: ${settings.lang === 'fr' ? `taux provisoires (taux BCE non publié) pour ${provisional.join(', ')} : les lettres le disent « sous réserve »` : `provisional rates (ECB rate not published) for ${provisional.join(', ')}: the letters say so`}\n`);
  const written = posted.models.length + packs.models.length;
  process.stdout.write(`${written} ${written === 1 ? 'document' : 'documents'} written to ${out}${refused.length > 0 ? `, ${refused.length} refused` : ''}\n`);
  return refused.length > 0 ? 1 : 0;
}

/**
 * The statement's lines matched against the ledger: the proposals as JSON (or a summary), and with
 * `--apply FILE` a workspace (the one given, or a new one) with the proposals at or above `--min`
 * recorded as bank payments.
 */
async function match(ledger: Parameters<typeof bankView>[0], settings: Settings, path: string, options: { json: boolean; apply: string | undefined; min: number }): Promise<number> {
  const bytes = readBytes(path);
  if (!bytes) return 1;
  if (needsWorkbookReaders(bytes)) await loadWorkbookReaders();
  const read = readStatement(bytes, basename(path));
  if (!read.ok) {
    process.stderr.write(`relance: ${basename(path)}: ${statementErrorText(read.error, read.detail, settings.lang)}\n`);
    return 1;
  }
  const view = bankView(ledger, settings, read.statement);
  for (const r of view.refused) process.stderr.write(`relance: ${basename(path)}: ${settings.lang === 'fr' ? 'ligne refusée' : 'line refused'} ${r.row}: ${refusalReasonText(r.reason, settings.lang)}\n`);
  if (options.json) printJson(matchJson(view));
  else process.stdout.write(`${view.linesRead} lines read, ${view.creditCount} credits: ${view.proposals.length} proposed (${view.proposals.filter((p) => p.confidence >= options.min).length} at or above ${options.min}), ${view.unmatched.length} unmatched\n`);
  if (options.apply !== undefined) {
    if (!Number.isFinite(options.min) || options.min < 0 || options.min > 1) {
      process.stderr.write('relance: --min must be a number from 0 to 1\n');
      return 2;
    }
    const sure = view.proposals.filter((p) => p.confidence >= options.min);
    const next = recordBankPayments(settings.workspace, sure, view.fileName);
    writeFileSync(options.apply, `${JSON.stringify(next, null, 2)}\n`);
    process.stderr.write(`relance: ${sure.length} ${sure.length === 1 ? 'match' : 'matches'} recorded in ${options.apply}\n`);
  }
  return 0;
}

/** A path given on the command line: the files of a folder (recursively, in name order), or the file itself. */
function expand(path: string): string[] {
  try {
    if (!statSync(path).isDirectory()) return [path];
  } catch {
    return [path];
  }
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? expand(join(path, e.name)) : [join(path, e.name)]));
}

/** Relevés de compte: one PDF per customer and one with them all; refusals one line each. */
async function writeStatements(ledger: Parameters<typeof statements>[0], settings: Settings, out: string, customerIds: string[]): Promise<number> {
  const { nodeFonts, needsWholeFont, renderLetters } = await pdf();
  const made = statements(ledger, settings, customerIds);
  for (const r of made.refused) process.stderr.write(`relance: ${refusalText(r, settings.lang)}\n`);
  mkdirSync(out, { recursive: true });
  const used = new Set<string>();
  for (const m of made.models) {
    let name = `${isoOf(settings.asOf)}-releve-${safeName(m.customerId) || 'client'}`;
    for (let k = 2; used.has(name); k++) name = `${isoOf(settings.asOf)}-releve-${safeName(m.customerId) || 'client'}-${k}`;
    used.add(name);
    writeFileSync(join(out, `${name}.pdf`), new Uint8Array(renderLetters([m], nodeFonts(needsWholeFont(m)))));
  }
  if (made.models.length > 1) writeFileSync(join(out, `${isoOf(settings.asOf)}-releves-de-compte.pdf`), new Uint8Array(renderLetters(made.models, nodeFonts(needsWholeFont(made.models)), { duplex: true })));
  process.stdout.write(`${made.models.length} ${made.models.length === 1 ? 'statement' : 'statements'} written to ${out}${made.refused.length > 0 ? `, ${made.refused.length} refused` : ''}\n`);
  return made.refused.length > 0 ? 1 : 0;
}

/** JSON on stdout, as JSON.stringify(value, null, 2) and a newline, written a part at a time, each part in full before the next is made (json-out.ts). */
function printJson(value: unknown): void {
  const out = buffered(fdSink(1));
  writeJson(value, out.write);
  out.write('\n');
  out.flush();
}

/** A file to read a slice at a time (closed by the caller); null (said on stderr) when it cannot be opened. */
function openFile(path: string): (ByteSource & { close(): void }) | null {
  try {
    const fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    return {
      size,
      read(offset, length) {
        const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        let got = 0;
        for (let k = 1; got < out.length && k > 0; got += k) k = readSync(fd, out, got, out.length - got, offset + got);
        return out.subarray(0, got);
      },
      freshReads: true,
      close: () => closeSync(fd),
    };
  } catch (e) {
    cannotRead(path, e);
    return null;
  }
}

/** The file's first `limit` bytes, or all of them; null (said on stderr) when it cannot be read. */
/** Whether the file at `path`, whose first bytes are `head`, is a zip of e-invoices (its directory read from its end). */
function isInvoiceZipAt(path: string, head: Uint8Array): boolean {
  if (!isZip(head)) return false;
  const file = openFile(path);
  if (!file) return false;
  try {
    const start = Math.max(0, file.size - ZIP_DIRECTORY_BYTES);
    return isEInvoiceZip(head, file.read(start, file.size - start), start);
  } catch {
    // The file is read again as a ledger, and a read that fails there is said there.
    return false;
  } finally {
    file.close();
  }
}

function readBytes(path: string, limit = Number.POSITIVE_INFINITY): Uint8Array | null {
  const file = openFile(path);
  if (!file) return null;
  try {
    return file.read(0, Math.min(limit, file.size));
  } catch (e) {
    cannotRead(path, e);
    return null;
  } finally {
    file.close();
  }
}

function cannotRead(path: string, e: unknown): void {
  process.stderr.write(`relance: cannot read ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
}

