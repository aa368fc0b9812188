/**
 * file bytes → workbook → sheet → header → mapping → ledger, with the import report.
 * Never throws on user data: every failure is a report with a `fatal` issue code.
 */
import { IssueList, emptyLedger, invoiceCount, type Issue, type IssueCode, type Ledger } from '../core/index.ts';
import type { TextEncodingName } from './decode.ts';
import { isBlankCell, MAX_COLUMNS, type Cell, type FileFormat, type Sheet, type Workbook } from './grid.ts';
export { MAX_COLUMNS } from './grid.ts';
import { autoMapping, detectHeaderRow, guessFromValues, paymentDateGuessed, headerScore, headerSignature, headerTexts, type Field, type Mapping } from './map-columns.ts';
import type { DateOrder, DecimalSeparator } from './parse-cells.ts';
import { cleanText, detectSeparator, encodingGuessed, readCsvText } from './read-csv.ts';
import { decodeText } from './decode.ts';
import { bytesSource, NotUtf8, PIECE_SIZE, readAll, TextPieces, type ByteSource } from './text-pieces.ts';
import { release } from '../core/typed-arrays.ts';
import { GiveUp } from './csv-split.ts';
import { fastCsvImport } from './fast-csv.ts';
import { readWorkbook } from './read-xlsx.ts';
import { sniff } from './sniff.ts';
import { checkZip, MAX_UNCOMPRESSED_BYTES } from './zip-guard.ts';
import { buildLedgerInto, type ColumnInfo, type LedgerBuild, type SelfCheck, type SkipReason } from './to-ledger.ts';
import { buildFecLedger, isFecHeader, type FecBuild, type FecOptions } from './fec.ts';
import { fastFecImport } from './fast-fec.ts';
import type { FusedRead } from './csv-split.ts';
export type { ByteSource } from './text-pieces.ts';
import { ownStrings } from './owned.ts';

export type ImportOptions = {
  readonly fileName: string;
  /** Sheet chosen by the user (default: the one that looks most like a ledger). */
  readonly sheet?: string;
  /** Column mapping chosen by the user (default: automatic from the headers). */
  readonly mapping?: Mapping;
  readonly dateOrders?: Partial<Record<Field, DateOrder>>;
  readonly decimal?: DecimalSeparator;
  readonly encoding?: TextEncodingName;
  readonly separator?: string;
  readonly defaultTermsDays?: number;
  readonly includeDrafts?: boolean;
  /** FEC: account prefixes read as receivables (default 411; 413, 416, 418 on request). */
  readonly fecAccounts?: readonly string[];
  /** Payment terms per customer id (code, else name), where the file has no due date (FEC). */
  readonly customerTerms?: Readonly<Record<string, number>>;
  /** False: CSV through PapaParse and the general builder only (the differential tests' oracle). */
  readonly fastCsv?: boolean;
  /**
   * The caller hands the bytes over: once a text file is decoded whole (the general path) its buffer is
   * released, so that the bytes and the text are not both held while the ledger is built; importFile
   * releases them at the end in any case.
   */
  readonly releaseBytes?: boolean;
  /**
   * Worksheets of up to this many bytes of XML are inflated at once, larger ones a slice at a time
   * (read-xlsx-fast.ts, whose default suits Chromium; the CLI streams from 4 MiB).
   */
  readonly inflateWholeUpTo?: number;
  /** The bytes of text decoded at a time (text-pieces.ts; tests make it small, so that rows fall across pieces and slices). */
  readonly pieceBytes?: number;
  /** The file is e-invoices (a Factur-X PDF, a CII or UBL XML, or a zip of them): the page and the CLI read it with importEInvoices. */
  readonly einvoices?: boolean;
};

export type SheetInfo = { readonly name: string; readonly hidden: boolean; readonly rows: number; readonly score: number };

export type ImportReport = {
  readonly fileName: string;
  readonly format: FileFormat | 'fec' | 'einvoice' | null;
  readonly encoding: string | null;
  readonly separator: string | null;
  readonly is1904: boolean;
  readonly sheets: readonly SheetInfo[];
  readonly sheet: string | null;
  /** 1-based row of the header, as the spreadsheet shows it. */
  readonly headerRow: number | null;
  readonly headerSignature: string;
  readonly columns: readonly ColumnInfo[];
  readonly mapping: Mapping;
  readonly isMappingAuto: boolean;
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly skipped: Record<SkipReason, number>;
  readonly mergedRows: number;
  /** The file's own totals (a total row, per-customer subtotals) against what was read. */
  readonly selfCheck: readonly SelfCheck[];
  readonly invoiceCount: number;
  readonly customerCount: number;
  readonly issues: readonly Issue[];
  /** Set when nothing could be analysed; the message says why. */
  readonly fatal: IssueCode | null;
};

export type ImportResult = { readonly report: ImportReport; readonly ledger: Ledger };

/** Above this, a spreadsheet would need more memory than a tab can count on. */
export const MAX_WORKBOOK_BYTES = 150 * 1024 * 1024;
export const MAX_TEXT_BYTES = 400 * 1024 * 1024;
/** Columns beyond this are ignored (a ledger has a few dozen; a broken file may have a million). */

const NO_SKIPS: Record<SkipReason, number> = { blank: 0, repeatedHeader: 0, sectionHeading: 0, total: 0, draft: 0, otherCurrency: 0, notReceivable: 0, error: 0 };

/** Called now and then while rows are turned into the ledger (rows done, rows in all). */
export type ImportProgress = (done: number, total: number) => void;

export function importFile(bytes: Uint8Array, options: ImportOptions, onProgress?: ImportProgress): ImportResult {
  const result = importSource(bytesSource(bytes), options, onProgress);
  // Read in pieces, a text file's bytes were held to the end: let go now (the ledger keeps none of them).
  if (options.releaseBytes) release(bytes);
  return result;
}

/**
 * importFile on a file read a slice at a time (a File in the worker, a file descriptor in the CLI): a
 * text file the fused readers take is read in pieces (text-pieces.ts), its bytes and its whole text
 * never held; any other file is read whole.
 */
export function importSource(source: ByteSource, options: ImportOptions, onProgress?: ImportProgress): ImportResult {
  const issues = new IssueList();
  const base = {
    fileName: options.fileName,
    format: null as FileFormat | 'fec' | 'einvoice' | null,
    encoding: null as string | null,
    separator: null as string | null,
    is1904: false,
    sheets: [] as readonly SheetInfo[],
    sheet: null as string | null,
    headerRow: null as number | null,
    headerSignature: '',
    columns: [] as readonly ColumnInfo[],
    mapping: {} as Mapping,
    isMappingAuto: true,
    rowsRead: 0,
    rowsUsed: 0,
    skipped: { ...NO_SKIPS },
    mergedRows: 0,
    selfCheck: [] as readonly SelfCheck[],
    invoiceCount: 0,
    customerCount: 0,
  };
  const fail = (code: IssueCode, params?: Record<string, string | number>, partial: Partial<typeof base> = {}): ImportResult => {
    issues.add({ code, severity: 'error', ...(params ? { params } : {}) });
    return { report: { ...base, ...partial, issues: issues.toArray(), fatal: code }, ledger: emptyLedger() };
  };

  // The first bytes tell a text file; a workbook's are all read (and looked at again).
  let bytes = source.read(0, 8192);
  let kind = sniff(bytes);
  if (kind.kind === 'zip' || kind.kind === 'cfb') kind = sniff((bytes = readAll(source)));
  let workbook: Workbook;
  switch (kind.kind) {
    case 'empty':
      return fail('EmptyFile');
    case 'binary':
      return fail('NotASpreadsheet', { what: kind.what });
    case 'cfb':
    case 'zip': {
      if (kind.kind === 'cfb' && kind.isEncryptedOoxml) return fail('EncryptedFile');
      if (kind.kind === 'cfb' && !kind.hasWorkbook) return fail('NotASpreadsheet', { what: 'OLE' });
      if (bytes.length > MAX_WORKBOOK_BYTES) return fail('FileTooLarge', { megabytes: Math.round(bytes.length / 1048576), max: MAX_WORKBOOK_BYTES / 1048576 });
      const format: FileFormat = kind.kind === 'cfb' ? 'xls' : kind.isOds ? 'ods' : 'xlsx';
      if (kind.kind === 'zip') {
        const zip = checkZip(bytes);
        if (!zip.ok && zip.reason === 'TooLarge') return fail('FileTooLarge', { megabytes: Math.round(zip.uncompressedBytes / 1048576), max: MAX_UNCOMPRESSED_BYTES / 1048576 }, { format });
        if (!zip.ok) return fail('CorruptFile', { detail: 'ZIP directory' }, { format });
      }
      const read = readWorkbook(bytes, format, options.inflateWholeUpTo === undefined ? {} : { inflateWholeUpTo: options.inflateWholeUpTo });
      // The workbook is in cells: a fresh copy of the file's bytes goes now, not at the next collection.
      if (source.freshReads === true) release(bytes);
      if (!read.ok) return read.reason === 'CellOutOfRange' ? fail('CellOutOfRange', { sheet: read.sheet, ref: read.ref }, { format }) : fail(read.reason, { detail: read.detail }, { format });
      workbook = read.workbook;
      break;
    }
    case 'text': {
      if (source.size > MAX_TEXT_BYTES) return fail('FileTooLarge', { megabytes: Math.round(source.size / 1048576), max: MAX_TEXT_BYTES / 1048576 });
      const sheetName = stripExtension(options.fileName) || 'CSV';
      // The fused readers first (fast-fec.ts, fast-csv.ts): a FEC, and the layout nearly every export
      // has, read in one pass, a piece of the text at a time.
      if (options.fastCsv !== false && !options.mapping && !options.sheet && !options.dateOrders && !options.decimal) {
        const fused = readFused(source, options, base, sheetName, onProgress);
        if (fused) return fused;
      }
      bytes = readAll(source);
      const decoded = decodeText(bytes, options.encoding);
      if (options.releaseBytes) release(bytes);
      const text = cleanText(decoded.text);
      const separator = options.separator ?? detectSeparator(text);
      const read = readCsvText(decoded, text, separator, sheetName);
      for (const i of read.issues) issues.add(i);
      workbook = read.workbook;
      break;
    }
  }
  base.format = workbook.format;
  base.encoding = workbook.encoding ?? null;
  base.separator = workbook.separator ?? null;
  base.is1904 = workbook.is1904;

  const infos = workbook.sheets.map((s) => sheetInfo(s));
  base.sheets = infos;
  if (workbook.sheets.length === 0) return fail('NoSheet');
  for (const s of infos) if (s.hidden) issues.add({ code: 'HiddenSheet', severity: 'info', sheet: s.name });

  let sheet: Sheet | undefined;
  if (options.sheet !== undefined) sheet = workbook.sheets.find((s) => s.name === options.sheet);
  if (!sheet) {
    const best = [...infos].sort((a, b) => b.score - a.score)[0];
    sheet = workbook.sheets.find((s) => s.name === best?.name) ?? workbook.sheets[0];
    if (workbook.sheets.length > 1 && sheet) issues.add({ code: 'SheetChosen', severity: 'info', sheet: sheet.name, params: { count: workbook.sheets.length } });
  }
  if (!sheet) return fail('NoSheet');
  base.sheet = sheet.name;
  if (sheet.rows.every((r) => !r || r.every((c) => isBlankCell(c)))) return fail('NoDataRows', { sheet: sheet.name });

  const header = detectHeaderRow(sheet);
  if (!header) return fail('NoHeaderRow', { sheet: sheet.name });
  let width = 0;
  for (let r = header.index; r < Math.min(sheet.rows.length, header.index + 200); r++) width = Math.max(width, sheet.rows[r]?.length ?? 0);
  if (sheet.widestRow !== undefined) width = Math.max(width, sheet.widestRow);
  if (width > MAX_COLUMNS) {
    issues.add({ code: 'TooManyColumns', severity: 'warning', sheet: sheet.name, params: { count: width, max: MAX_COLUMNS } });
    width = MAX_COLUMNS;
  }
  const headers = headerTexts(sheet.rows[header.index], width);
  base.headerRow = header.index + 1;
  base.headerSignature = headerSignature(headers);
  if (!options.mapping && isFecHeader(headers)) {
    const fec = buildFecLedger(sheet, header.index, headers, fecOptions(options), issues);
    const fecReport = fecReportOf(base, fec);
    if (fec.rowsUsed === 0) return fail('NoDataRows', { sheet: sheet.name, skipped: `notReceivable: ${fec.skipped.notReceivable}` }, fecReport);
    return { report: { ...fecReport, issues: issues.toArray() }, ledger: fec.ledger };
  }
  const auto = options.mapping ? null : guessFromValues(headers, autoMapping(headers), sheet.rows, header.index + 1);
  const mapping = options.mapping ? sanitizeMapping(options.mapping, width) : (auto as NonNullable<typeof auto>).mapping;
  const guessedIssue = auto ? paymentDateGuessed(sheet.name, headers, mapping, auto.guessed) : null;
  if (guessedIssue) issues.add(guessedIssue);
  base.mapping = mapping;
  base.isMappingAuto = !options.mapping;
  base.columns = headers.map((h, index) => ({ index, letter: '', header: h, field: null, samples: [] }));

  const hasAmount = ['amount', 'amountHt', 'debit', 'credit', 'open'].some((f) => mapping[f as Field] !== undefined);
  const hasIdentity = ['invoiceNumber', 'customerCode', 'customerName'].some((f) => mapping[f as Field] !== undefined);
  const missing: string[] = [];
  if (!hasAmount) missing.push('amount');
  if (!hasIdentity) missing.push('customer');
  if (missing.length > 0) {
    // Still describe the columns so that the mapping panel can offer them.
    const build = buildLedgerInto(sheet, buildOptions(options, workbook, mapping, header.index, headers), new IssueList());
    return fail(hasAmount ? 'NoUsableColumn' : 'MissingAmountColumn', { missing: missing.join(', '), headers: headers.filter((h) => h !== '').slice(0, 12).join(', ') }, { columns: build.columns });
  }

  // The last read of the sheet: its rows go as their records are made.
  const build = buildLedgerInto(sheet, { ...buildOptions(options, workbook, mapping, header.index, headers), consumeRows: true }, issues, onProgress);
  if (build.rowsUsed === 0) {
    const skippedText = Object.entries(build.skipped).filter(([, n]) => n > 0).map(([k, n]) => `${k}: ${n}`).join(', ');
    return fail('NoDataRows', { sheet: sheet.name, skipped: skippedText || '0' }, reportOf(base, build, []));
  }
  return finish(base, build, issues);
}

type ReportBase = Omit<ImportReport, 'issues' | 'fatal'>;

/**
 * A text file read by a fused reader, or null when neither takes it (the general path then reads it).
 * A file taken for UTF-8 that is not is read again from the start in its single-byte code page.
 */
function readFused(source: ByteSource, options: ImportOptions, base: ReportBase, sheetName: string, onProgress?: ImportProgress): ImportResult | null {
  const size = options.pieceBytes ? { ...PIECE_SIZE, piece: options.pieceBytes, block: options.pieceBytes * 3 } : source.block ? { ...PIECE_SIZE, block: Math.max(PIECE_SIZE.block, source.block) } : PIECE_SIZE;
  let pieces = TextPieces.of(source, options.encoding, size);
  for (;;) {
    try {
      return readPieces(pieces, options, base, sheetName, onProgress);
    } catch (e) {
      if (e instanceof GiveUp) return null;
      if (!(e instanceof NotUtf8)) throw e;
      pieces = TextPieces.singleByte(source, size);
    }
  }
}

function readPieces(pieces: TextPieces, options: ImportOptions, base: ReportBase, sheetName: string, onProgress?: ImportProgress): ImportResult | null {
  const first = pieces.peek() ?? '';
  const separator = options.separator ?? detectSeparator(first, pieces.isLast);
  if (separator === null) return null;
  // Each fused reader reports into a list of its own, kept only when it reads the file.
  const guessed = encodingGuessed(pieces.decoded);
  const ownList = (): IssueList => {
    const list = new IssueList();
    if (guessed) list.add(guessed);
    return list;
  };
  // What the general path's report says of the sheet a fused reader read.
  const sheetOf = (read: FusedRead) => ({
    ...base,
    encoding: pieces.encoding,
    separator,
    sheets: [sheetInfoOf(sheetName, false, read.rows, read.headerRow)],
    sheet: sheetName,
    headerRow: read.headerIndex + 1,
    headerSignature: headerSignature(read.headers),
  });
  const fecIssues = ownList();
  const fec = fastFecImport(pieces, { ...fecOptions(options), sheetName, separator }, fecIssues);
  if (fec) return { report: { ...fecReportOf(sheetOf(fec), fec.build), issues: fecIssues.toArray() }, ledger: fec.build.ledger };
  const csvIssues = ownList();
  const fast = fastCsvImport(pieces.again(), { fileName: options.fileName, sheetName, separator, defaultTermsDays: options.defaultTermsDays ?? 30, includeDrafts: options.includeDrafts ?? false }, csvIssues, onProgress);
  return fast ? finish({ ...sheetOf(fast), format: 'csv', mapping: fast.mapping }, fast.build, csvIssues) : null;
}

/** The report of a FEC read (its issues still to come). */
function fecReportOf(base: ReportBase, fec: FecBuild): ImportReport {
  return {
    ...base,
    format: 'fec',
    rowsRead: fec.rowsRead,
    rowsUsed: fec.rowsUsed,
    skipped: fec.skipped,
    invoiceCount: invoiceCount(fec.ledger),
    customerCount: fec.ledger.customers.length,
    issues: [],
    fatal: null,
  };
}

function fecOptions(options: ImportOptions): FecOptions {
  return {
    fileName: options.fileName,
    defaultTermsDays: options.defaultTermsDays ?? 30,
    ...(options.fecAccounts ? { accountPrefixes: options.fecAccounts } : {}),
    ...(options.customerTerms ? { customerTerms: options.customerTerms } : {}),
  };
}

function reportOf(base: ReportBase, build: LedgerBuild, issues: readonly Issue[]): ImportReport {
  // Headers, samples and values quoted in issues are cut from the file's text: copied, so that the
  // report kept beside the ledger does not keep the text alive.
  return ownStrings({
    ...base,
    columns: build.columns,
    rowsRead: build.rowsRead,
    rowsUsed: build.rowsUsed,
    skipped: build.skipped,
    mergedRows: build.mergedRows,
    selfCheck: build.selfCheck,
    invoiceCount: invoiceCount(build.ledger),
    customerCount: build.ledger.customers.length,
    issues,
    fatal: null,
  });
}

/** The import of a sheet that gave rows: its report and its ledger, whichever path read it. */
function finish(base: ReportBase, build: LedgerBuild, issues: IssueList): ImportResult {
  return { report: reportOf(base, build, issues.toArray()), ledger: build.ledger };
}

function buildOptions(options: ImportOptions, workbook: Workbook, mapping: Mapping, headerIndex: number, headers: string[]) {
  return {
    fileName: options.fileName,
    is1904: workbook.is1904,
    isText: workbook.format === 'csv',
    mapping,
    headerRow: headerIndex,
    headers,
    defaultTermsDays: options.defaultTermsDays ?? 30,
    includeDrafts: options.includeDrafts ?? false,
    // A semicolon CSV is French-style: decimal comma. A comma CSV cannot use the comma for decimals unquoted.
    defaultDecimal: (workbook.format === 'csv' && workbook.separator === ',' ? '.' : ',') as DecimalSeparator,
    ...(options.dateOrders ? { dateOrders: options.dateOrders } : {}),
    ...(options.decimal ? { decimal: options.decimal } : {}),
  };
}

function sanitizeMapping(mapping: Mapping, width: number): Mapping {
  const out: Mapping = {};
  for (const [f, c] of Object.entries(mapping)) {
    if (typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < width) out[f as Field] = c;
  }
  return out;
}

/** How much a sheet looks like a ledger: a good header and many rows under it; hidden sheets last. */
function sheetInfo(s: Sheet): SheetInfo {
  const header = detectHeaderRow(s);
  let rows = 0;
  for (const r of s.rows) if (r && !r.every((c) => isBlankCell(c))) rows++;
  return sheetInfoOf(s.name, s.hidden, rows, header ? s.rows[header.index] : undefined);
}

/** The same from a sheet's name, its count of non-blank rows and its header row (undefined when none). */
export function sheetInfoOf(name: string, hidden: boolean, rows: number, headerRow: readonly Cell[] | undefined): SheetInfo {
  let score = 0;
  if (headerRow) {
    const { known } = headerScore(headerRow);
    const mapping = autoMapping(headerTexts(headerRow, headerRow.length));
    const essentials = ['amount', 'open', 'debit', 'invoiceNumber', 'customerName', 'customerCode', 'due', 'issued'].filter((f) => mapping[f as Field] !== undefined).length;
    score = known * 2 + essentials * 5 + Math.min(rows, 1000) / 100;
  }
  if (hidden) score -= 100;
  return { name, hidden, rows, score };
}

function stripExtension(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.[^.]+$/, '');
}
