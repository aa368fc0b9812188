/**
 * Request name → use case of src/app, over the worker's session (the ledgers read and the saved
 * workspace). Plain functions, so that changing the as-of date or the buckets recomputes without
 * re-reading the file. Runs in the worker, on the main thread as a fallback, and in Node tests.
 */
import { emptyWorkspace, migrateWorkspace, type Policy, type Workspace } from '../core/index.ts';
import { importSource } from '../import/import-file.ts';
import { blobSource } from './blob-source.ts';
import { customerItems, dashboard } from '../app/dashboard.ts';
import { exportTables } from '../app/exports.ts';
import { envelopeTestSheet, letters, statements } from '../app/letters.ts';
import { auditReport } from '../app/report.ts';
import { emptySession, ledgerOf, withSource, type Session } from '../app/session.ts';
import { settingsFrom, type Settings } from '../app/settings.ts';
import { pageOf, worklist } from '../app/worklist.ts';
import { behaviourTable, forecastView } from '../app/prediction.ts';
import { bankView } from '../app/bank.ts';
import { isBankFormat, readStatement } from '../import/bank/read-statement.ts';
import { statementErrorText } from '../i18n/bank.ts';
import { eInvoiceFilesOf, isEInvoiceZip, isZip, ZIP_DIRECTORY_BYTES } from '../import/einvoice/archive.ts';
import { importEInvoices, isEInvoiceFile } from '../import/einvoice/import-einvoices.ts';
import { readLifecycle } from '../import/einvoice/lifecycle.ts';
import { resolveLifecycle } from '../core/index.ts';
import type { Statement } from '../core/index.ts';
import { loadWorkbookReaders, needsWorkbookReaders } from '../import/sheetjs.ts';
import type { DunningView, PageSettings, Requests } from './protocol.ts';

export type Progress = (stage: 'read' | 'map' | 'analyse', done: number, total: number) => void;

export function createHandlers(): { [K in keyof Requests]: (input: Parameters<Requests[K]>[0], progress: Progress) => ReturnType<Requests[K]> } {
  let session: Session = emptySession();
  let statement: Statement | null = null;
  let statementFile: { bytes: Uint8Array; name: string } | null = null;
  let workspace: Workspace = emptyWorkspace();

  const settingsOf = (input: PageSettings): Settings | null => {
    const r = settingsFrom({ ...input, workspace });
    return r.ok ? r.settings : null;
  };

  // The last worklist computed, whole: paging, filtering and "all letters" reuse it while nothing changed.
  let cache: { session: Session; workspace: Workspace; key: string; view: DunningView } | null = null;
  const fullWorklist = (settings: Settings, draft: Policy | null): DunningView => {
    const key = JSON.stringify([settings.asOf, settings.defaultTermsDays, settings.lang, settings.ratings, draft]);
    if (cache && cache.session === session && cache.workspace === workspace && cache.key === key) return cache.view;
    const view = worklist(ledgerOf(session, settings), settings, draft);
    cache = { session, workspace, key, view };
    return view;
  };

  return {
    async importEInvoices(input, progress) {
      progress('read', 0, 1);
      // E-invoices (a Factur-X PDF, a CII or UBL XML, or a zip of them: a folder dropped at once) as one ledger.
      const files = (await eInvoiceFilesOf(new Uint8Array(input.bytes), input.fileName)) ?? [];
      const read = await importEInvoices(files, workspace.profile, settingsOf(input.settings)?.defaultTermsDays ?? 30);
      const report = { ...read.report, fileName: input.fileName };
      const source = report.fatal === null ? { name: input.fileName, ledger: read.ledger, issues: report.issues.filter((i) => i.severity !== 'info') } : null;
      session = withSource(session, source, input.append === true);
      const settings = settingsOf(input.settings);
      return { report, analysis: settings ? dashboard(session, settings) : null };
    },
    async importFile(input, progress) {
      progress('read', 0, 1);
      // The file itself: read here a slice at a time (a text file's bytes and text are never all held).
      const file = await blobSource(input.file);
      if (needsWorkbookReaders(file.read(0, 8))) await loadWorkbookReaders();
      const result = importSource(file, { ...input.options, releaseBytes: true }, (done, total) => progress('map', done, total));
      progress('analyse', 1, 2);
      const source = result.report.fatal === null ? { name: input.options.fileName, ledger: result.ledger, issues: result.report.issues.filter((i) => i.severity !== 'info') } : null;
      // A re-read of the same file (new mapping, sheet…) replaces it; another file is added with `append`.
      session = withSource(session, source, input.append === true);
      const settings = settingsOf(input.settings);
      const analysis = settings ? dashboard(session, settings) : null;
      progress('analyse', 2, 2);
      return { report: result.report, analysis };
    },
    setWorkspace(input) {
      const migrated = migrateWorkspace(input);
      if (!migrated.ok) return 'refused';
      // The same workspace again (the page sends it before each import, and the worklist when it
      // opens): the one held stays, and so does what was computed with it.
      if (JSON.stringify(migrated.workspace) === JSON.stringify(workspace)) return 'unchanged';
      workspace = migrated.workspace;
      return 'changed';
    },
    analyze(input) {
      const settings = settingsOf(input);
      return settings ? dashboard(session, settings) : null;
    },
    dunning(input) {
      const settings = settingsOf(input.settings);
      if (!session.hasLedger || !settings) return null;
      return pageOf(fullWorklist(settings, input.draftPolicy), input.filter, input.limit);
    },
    letters(input) {
      const settings = settingsOf(input.settings);
      if (!session.hasLedger || !settings) return { models: [], refused: [] };
      return letters(ledgerOf(session, settings), settings, {
        customerIds: input.customerIds,
        ...(input.all ? { all: input.all } : {}),
        ...(input.packs ? { packs: true } : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.lrar ? { lrar: input.lrar } : {}),
      });
    },
    testSheet(input) {
      const settings = settingsOf(input.settings);
      return settings ? envelopeTestSheet(settings) : null;
    },
    lifecycle(input) {
      const settings = settingsOf(input.settings);
      const read = readLifecycle(new Uint8Array(input.bytes));
      if (!read.ok) return { statuses: [], unknown: [], refused: [], error: read.error };
      if (!settings || !session.hasLedger) return { statuses: [], unknown: [], refused: read.refused, error: 'NoLedger' };
      const r = resolveLifecycle(ledgerOf(session, settings), read.entries);
      return { statuses: r.statuses, unknown: r.unknown, refused: read.refused, error: null };
    },
    statements(input) {
      const settings = settingsOf(input.settings);
      if (!session.hasLedger || !settings) return { models: [], refused: [] };
      return statements(ledgerOf(session, settings), settings, input.customerIds);
    },
    async exportFiles(input) {
      const settings = settingsOf(input.settings);
      if (!session.hasLedger || !settings) return null;
      const tables = exportTables(session.ledger, settings);
      // The sheet writer (and SheetJS with it) is loaded by the first export.
      const { tablesToXlsx, tableToCsv } = await import('../output/sheets.ts');
      const xlsx = tablesToXlsx(tables);
      return { xlsx: xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer, csv: tables.map((t) => ({ name: t.name, text: tableToCsv(t) })) };
    },
    report(input) {
      const settings = settingsOf(input.settings);
      return settings ? auditReport(session, settings, 'page', statement && session.hasLedger ? bankView(ledgerOf(session, settings), settings, statement) : null) : null;
    },
    async classify({ file }) {
      const head = new Uint8Array(await file.slice(0, 8192).arrayBuffer());
      if (isBankFormat(head)) return 'statement';
      if (isEInvoiceFile(head)) return 'einvoice';
      const tailStart = Math.max(0, file.size - ZIP_DIRECTORY_BYTES);
      if (isZip(head) && isEInvoiceZip(head, new Uint8Array(await file.slice(tailStart).arrayBuffer()), tailStart)) return 'einvoice';
      return 'ledger';
    },
    async importStatement(input) {
      const settings = settingsOf(input.settings);
      const bytes = new Uint8Array(input.bytes);
      if (needsWorkbookReaders(bytes)) await loadWorkbookReaders();
      const read = readStatement(bytes, input.fileName);
      if (!read.ok) return { view: null, error: statementErrorText(read.error, read.detail, settings?.lang ?? 'fr') };
      statement = read.statement;
      statementFile = { bytes, name: input.fileName };
      return { view: settings && session.hasLedger ? bankView(ledgerOf(session, settings), settings, statement) : null, error: null };
    },
    remapStatement(input) {
      const settings = settingsOf(input.settings);
      if (!statementFile) return { view: null, error: null };
      const read = readStatement(statementFile.bytes, statementFile.name, input.mapping);
      if (!read.ok) return { view: null, error: statementErrorText(read.error, read.detail, settings?.lang ?? 'fr') };
      statement = read.statement;
      return { view: settings && session.hasLedger ? bankView(ledgerOf(session, settings), settings, statement) : null, error: null };
    },
    bank(input) {
      const settings = settingsOf(input.settings);
      return settings && session.hasLedger && statement ? bankView(ledgerOf(session, settings), settings, statement) : null;
    },
    behaviour(input) {
      const settings = settingsOf(input.settings);
      return settings && session.hasLedger ? behaviourTable(ledgerOf(session, settings), settings, input.ids) : null;
    },
    forecast(input) {
      const settings = settingsOf(input.settings);
      return settings && session.hasLedger ? forecastView(ledgerOf(session, settings), settings) : null;
    },
    invoices(input) {
      const settings = settingsOf(input.settings);
      return settings && session.hasLedger ? customerItems(session, settings, input.customerId, input.bucket) : [];
    },
  };
}
