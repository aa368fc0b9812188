/**
 * The fused CSV path (issue 19). The decoded text is split, typed and turned into the ledger in one
 * pass: no array of row arrays, no string per amount or date (they are read from the characters), one
 * string per customer. It covers the layout nearly every export has — one row per invoice under one
 * header — and gives up (returns null) at the first thing it does not cover: the general path
 * (PapaParse → sheet → buildLedger) then reads the file from the start. Plain amounts (`-1234,56`) and
 * dd/mm/yyyy or ISO dates are read from the characters; any other amount (`1 234,56 €`) or date text
 * (`3/4/25`, `Jan 28 2021`) is kept, counted towards its column's decimal separator or day/month
 * order as the general path counts it, and read with parse-cells once the column's choice is made.
 * Total lines with a figure are skipped, counted and checked against the rows above them (the file's
 * self-check), their values profiled or not exactly as buildLedger's findSections decides. Both give the same ledger and the same report, byte for byte: the differential tests
 * (tests/unit/import/fast-csv*.test.ts) hold PapaParse's path as the oracle on generated and real files.
 *
 * Splitting follows PapaParse with the separator and newline given: fields split at the separator,
 * rows at the newline, a field opening with `"` runs to its closing `"` (`""` inside is one `"`) and
 * must be followed by the separator, the newline or the end. A quote anywhere else, an unclosed
 * quote, spaces after a closing quote: PapaParse's own handling (or its errors) is wanted, so null.
 */
import { addDays, customersByIdOf, fit, moved, NO_DAY, release, paymentsAt, dayFromYmd, isoOf, lazyLedger, MARK_DISPUTED, MARK_ELECTRONIC, MARK_PAPER, type Cents, type Customer, type Day, type Invoice, type IssueList, type Ledger, type LedgerColumns } from '../core/index.ts';
import { columnLetter, isBlankCell } from './grid.ts';
import { autoMapping, guessFromValues, headerTexts, paymentDateGuessed, valueGuessColumns, type Field, type Mapping } from './map-columns.ts';
import { fieldText, Fields, giveUp, GiveUp, isSpaceOnly, readPrefix, splitRow, splitterOf, type FusedRead } from './csv-split.ts';
import { wholeText, type Pieces } from './text-pieces.ts';
import { owned } from './owned.ts';
import { PackedStrings } from './packed-strings.ts';
import { decimalVote, numericDateParts, parseAmountCell, parseAmountText, parseDateCell, type DateOrder, type DecimalSeparator } from './parse-cells.ts';
import { isFecHeader } from './fec.ts';
import { channelOf, checkOverpaidColumns, describeColumns, DISPUTED, DRAFT, KEY_CHAR, normalizeWord, PAID, parseTerms, reportSelfChecks, TOTAL, TOTAL_START, type LedgerBuild, type SelfCheck, type SkipReason } from './to-ledger.ts';

export type FastCsvOptions = {
  readonly fileName: string;
  readonly sheetName: string;
  readonly separator: string;
  readonly defaultTermsDays: number;
  readonly includeDrafts: boolean;
};

/** What importFile needs to write its report, as the general path would have found it. */
export type FastCsv = FusedRead & {
  readonly mapping: Mapping;
  readonly guessed: readonly Field[];
  readonly build: LedgerBuild;
};

// What each column is read as.
const SKIP = 0, NUMBER = 1, CODE = 2, NAME = 3, ISSUED = 4, DUE = 5, PAY_DATE = 6, AMOUNT = 7, PAID_AMOUNT = 8, OPEN = 9, CURRENCY = 10, STATUS = 11, TERMS = 12, DISPUTED_FLAG = 13, CHANNEL = 14;
const ROLE: Partial<Record<Field, number>> = {
  invoiceNumber: NUMBER, customerCode: CODE, customerName: NAME, issued: ISSUED, due: DUE, paymentDate: PAY_DATE,
  amount: AMOUNT, paid: PAID_AMOUNT, open: OPEN, currency: CURRENCY, status: STATUS, terms: TERMS, disputed: DISPUTED_FLAG, channel: CHANNEL,
  // A label is read only in movement layouts (a type column), which are the general path's.
  label: SKIP,
};
const DATE_ROLES = [ISSUED, DUE, PAY_DATE] as const;
const DATE_FIELD_OF: Record<number, Field> = { [ISSUED]: 'issued', [DUE]: 'due', [PAY_DATE]: 'paymentDate' };
const AMOUNT_ROLES = [AMOUNT, PAID_AMOUNT, OPEN] as const;
const AMOUNT_FIELD_OF: Record<number, Field> = { [AMOUNT]: 'amount', [PAID_AMOUNT]: 'paid', [OPEN]: 'open' };

// The orders numbers may rise in (Reader.isAboveLast).
const BY_CODE_UNITS = 1;
const BY_LENGTH = 2;

/** `-?digits([.,]d{1,2})?` read in place (parse-cells' plain amounts): the cents, or NaN for any other shape. */
function plainCentsAt(s: string, a: number, b: number, counts: Int32Array, k: number): number {
  let i = a;
  const negative = i < b && s.charCodeAt(i) === 45;
  if (negative) i++;
  const digitsFrom = i;
  let units = 0;
  while (i < b) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    units = units * 10 + c;
    i++;
  }
  const digits = i - digitsFrom;
  if (digits === 0 || digits > 13) return NaN;
  let cents = units * 100;
  if (i < b) {
    const sep = s.charCodeAt(i);
    const frac = b - i - 1;
    if ((sep !== 44 && sep !== 46) || frac < 1 || frac > 2) return NaN;
    const d1 = s.charCodeAt(i + 1) - 48;
    const d2 = frac === 2 ? s.charCodeAt(i + 2) - 48 : 0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
    cents += d1 * 10 + d2;
    // The decimal separator seen, per column (inferDecimalSeparator's count).
    const at = k * 2 + (sep === 44 ? 0 : 1);
    counts[at] = (counts[at] as number) + 1;
  }
  return negative && cents !== 0 ? -cents : cents;
}

const digit2 = (s: string, i: number): number => {
  const x = s.charCodeAt(i) - 48;
  const y = s.charCodeAt(i + 1) - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
};

// A date as read, before the column's day/month order is known: 0 none, else kind + value.
const NO_DATE = 0;
const NUMERIC_DATE = 1;
const ISO_DATE = 2;
/** Any other date text: kept (its number in RowColumns.texts) and read by parseDateCell once the order is known. */
const OTHER_DATE = 3;
/** An amount with thousands separators, a currency…: read by parseAmountText once the column's separator is known. */
const DEFERRED = Number.POSITIVE_INFINITY;

/**
 * The ledger of a CSV text (already decoded and cleaned as readCsv does; a whole text, or its pieces
 * from text-pieces.ts), or null when the general path must read it. Issues are added to `issues` only
 * once nothing can make it give up.
 */
export function fastCsvImport(text: string | Pieces, o: FastCsvOptions, issues: IssueList, onProgress?: (done: number, total: number) => void): FastCsv | null {
  if (o.separator.length !== 1) return null;
  const pieces = typeof text === 'string' ? wholeText(text) : text;
  try {
    const first = pieces.next();
    return first === null || first.length === 0 ? null : scan(first, pieces, o, issues, onProgress);
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}

function scan(s: string, pieces: Pieces, o: FastCsvOptions, issues: IssueList, onProgress?: (done: number, total: number) => void): FastCsv | null {
  const n = s.length;
  const f = new Fields();
  const newline = pieces.newline;
  const sp = splitterOf(s, o.separator, newline);

  // 1. The first rows as strings: header, width and mapping exactly as the general path finds them.
  const start = readPrefix(s, sp, f, o.sheetName, pieces.isLast);
  if (start === null) return null;
  const { rows: prefix, pos: prefixEnd, headerIndex, width } = start;
  const header = { index: headerIndex };
  const complete = prefixEnd > n;
  const headerRow = prefix[header.index] as string[];
  const headers = headerTexts(headerRow, width);
  if (isFecHeader(headers)) return null;
  const first = header.index + 1;
  const byHeaders = autoMapping(headers);
  if (!complete) {
    // guessFromValues reads up to 200 values of these columns: the prefix must hold them all.
    for (const c of valueGuessColumns(headers, byHeaders)) {
      let values = 0;
      for (let r = first; r < prefix.length; r++) if (!isBlankCell(prefix[r]?.[c] ?? null)) values++;
      if (values < 200) return null;
    }
  }
  const auto = guessFromValues(headers, byHeaders, prefix, first);
  const m = auto.mapping;
  const roles = new Uint8Array(width);
  const fieldOf = new Map<number, Field>();
  for (const [field, c] of Object.entries(m) as [Field, number][]) {
    const role = ROLE[field];
    if (role === undefined) return null;
    roles[c] = role;
    fieldOf.set(c, field);
  }
  if (m.amount === undefined && m.open === undefined) return null;
  if (m.invoiceNumber === undefined || (m.customerCode === undefined && m.customerName === undefined)) return null;
  if (/[/#!]/.test(o.sheetName)) return null;

  // 2. Every row, typed in place, a piece of the text at a time.
  // Room for the rows the text holds at the prefix's length per row (grown by doubling if they are shorter).
  const expected = pieces.expectedLength;
  const capacity = Math.max(1024, Math.ceil((expected / Math.max(1, Math.min(prefixEnd, n) / prefix.length)) * 1.05));
  const reader = new RowReader(s, headers, roles, m.amount === undefined, o.includeDrafts, m.amount ?? -1, capacity);
  let r = 0;
  /** Characters of the pieces read before this one, for the progress' estimate of the rows in all. */
  let before = 0;
  for (let piece: string | null = s; piece !== null; piece = pieces.next()) {
    const last = pieces.isLast;
    const size = piece.length;
    reader.s = piece;
    const psp = splitterOf(piece, o.separator, newline ?? sp.newline);
    // A piece that is not the last ends with a newline: its rows end at its end.
    for (let pos = 0; last ? pos <= size : pos < size; r++) {
      const next = splitRow(piece, pos, psp, f);
      // PapaParse's last record after a final newline is one empty field: not a row.
      if (next > size && f.count === 1 && f.start[0] === f.end[0]) break;
      pos = next;
      if (!reader.read(f, r, r >= first)) return null;
      if (onProgress && r >= first && (r - first + 1) % 20000 === 0) {
        const done = r - first + 1;
        onProgress(done, Math.max(done, Math.round((done * expected) / Math.min(expected, before + pos))));
      }
    }
    before += size;
  }
  const c = reader.columns;
  if (reader.nonBlankRows === 0 || c.count === 0) return null;

  // 3. The column decisions, as buildLedger takes them from the whole column.
  const dateOrders: Partial<Record<Field, DateOrder>> = {};
  const shownOrder = new Set<Field>();
  const assumedOrder = new Set<Field>();
  for (let d = 0; d < DATE_ROLES.length; d++) {
    const field = DATE_FIELD_OF[DATE_ROLES[d] as number] as Field;
    if (m[field] === undefined) continue;
    const numeric = reader.numeric[d] as number, firstOver12 = reader.firstOver12[d] as number, secondOver12 = reader.secondOver12[d] as number;
    if (firstOver12 > 0 && secondOver12 > 0) return null;
    const order: DateOrder | null = numeric === 0 ? null : secondOver12 > 0 ? 'mdy' : 'dmy';
    dateOrders[field] = order ?? 'dmy';
    if (order !== null) shownOrder.add(field);
    if (numeric > 0 && firstOver12 === 0 && secondOver12 === 0) assumedOrder.add(field);
  }
  const defaultDecimal: DecimalSeparator = o.separator === ',' ? '.' : ',';
  const decimals: Partial<Record<Field, DecimalSeparator>> = {};
  for (const role of AMOUNT_ROLES) {
    const field = AMOUNT_FIELD_OF[role] as Field;
    if (m[field] === undefined) continue;
    const comma = reader.decimalCounts[role * 2] as number, dot = reader.decimalCounts[role * 2 + 1] as number;
    decimals[field] = comma > dot ? ',' : dot > comma ? '.' : defaultDecimal;
  }
  const mainCurrency = reader.mainCurrency();
  if (reader.currencies.some((x) => x !== '' && x !== mainCurrency)) return null;
  for (let d = 0; d < DATE_ROLES.length; d++) c.resolveDates(d, (dateOrders[DATE_FIELD_OF[DATE_ROLES[d] as number] as Field] ?? 'dmy') === 'dmy');
  c.resolveAmounts((role) => decimals[AMOUNT_FIELD_OF[role] as Field] as DecimalSeparator, m.amount === undefined);

  // 4. The invoices, and the issues the general path would report, in its order (nothing gives up now).
  const guessedIssue = paymentDateGuessed(o.sheetName, headers, m, auto.guessed);
  if (guessedIssue) issues.add(guessedIssue);
  for (const role of DATE_ROLES) {
    const field = DATE_FIELD_OF[role] as Field;
    const col = m[field];
    if (col !== undefined && assumedOrder.has(field)) issues.add({ code: 'AmbiguousDateOrder', severity: 'warning', sheet: o.sheetName, column: `${columnLetter(col)}${headers[col] ? ` (${headers[col]})` : ''}`, params: { order: 'dmy' } });
  }
  const ledger = buildLedger(c, reader, o, m.terms !== undefined, mainCurrency ?? 'EUR', issues);
  // The file's own grand total (its last total line) against the amounts read above it.
  const selfCheck: SelfCheck[] = [];
  const grand = reader.totals.at(-1);
  const read = grand && m.amount !== undefined ? parseAmountCell(grand.amount, decimals.amount as DecimalSeparator) : null;
  if (grand && read !== null && read !== 'invalid') {
    let computed = 0;
    for (let i = 0; i < c.count && (c.row[i] as number) < grand.row; i++) computed += c.amount[i] as number;
    selfCheck.push({ source: 'total row', fileCents: read.cents, computedCents: computed, rows: computed === read.cents ? [] : [grand.row] });
  }
  reportSelfChecks(selfCheck, o.sheetName, issues);
  const columns = describeColumns(headers, fieldOf, (index) => reader.samples[index] as string[], { dateOrders, shownOrder, assumedOrder, decimals });
  return {
    rows: reader.nonBlankRows,
    headerIndex: header.index,
    headerRow,
    headers,
    mapping: m,
    guessed: auto.guessed,
    build: { ledger, columns, rowsRead: r - first, rowsUsed: c.count, skipped: { ...NO_SKIPS, blank: reader.blankRows, total: reader.totals.length }, mergedRows: 0, currencyLeftOut: {}, selfCheck },
  };
}

const NO_SKIPS: Record<SkipReason, number> = { blank: 0, repeatedHeader: 0, sectionHeading: 0, total: 0, draft: 0, otherCurrency: 0, notReceivable: 0, error: 0 };
const HAS_PAID = 2, HAS_OPEN = 4, SETTLED_BY_STATUS = 8, IS_DISPUTED = 16, IS_ELECTRONIC = 32, IS_PAPER = 64;
/** In the flags kept for the objects: the due date was derived (fileTerms then in `terms`, or -1). */
const DUE_DERIVED = 128;

/** The rows kept, as typed columns (grown by doubling). */
class RowColumns {
  count = 0;
  capacity: number;
  row: Int32Array;
  customer: Int32Array;
  amount: Float64Array;
  paid: Float64Array;
  open: Float64Array;
  flags: Uint8Array;
  terms: Int16Array;
  currency: Int32Array;
  readonly dateKind: Uint8Array[];
  readonly dateValue: Int32Array[];
  /** The invoice numbers kept, row by row (indexed once they stop rising). */
  readonly numbers = new PackedStrings(false);
  /** Texts read later: other dates (by their number in dateValue) and amounts (with `amountsLater`). */
  readonly texts: string[] = [];
  /** Amounts read later: slot, role, text number, three numbers each. */
  readonly amountsLater: number[] = [];

  constructor(capacity: number) {
    this.capacity = capacity;
    this.row = new Int32Array(capacity);
    this.customer = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.paid = new Float64Array(capacity);
    this.open = new Float64Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.terms = new Int16Array(capacity);
    this.currency = new Int32Array(capacity);
    this.dateKind = DATE_ROLES.map(() => new Uint8Array(capacity));
    this.dateValue = DATE_ROLES.map(() => new Int32Array(capacity));
  }

  grow(): void {
    this.capacity *= 2;
    const more = <T extends Int32Array | Float64Array | Uint8Array | Int16Array>(x: T): T => moved(x, this.capacity);
    this.row = more(this.row);
    this.customer = more(this.customer);
    this.amount = more(this.amount);
    this.paid = more(this.paid);
    this.open = more(this.open);
    this.flags = more(this.flags);
    this.terms = more(this.terms);
    this.currency = more(this.currency);
    for (let d = 0; d < DATE_ROLES.length; d++) {
      this.dateKind[d] = more(this.dateKind[d] as Uint8Array);
      this.dateValue[d] = more(this.dateValue[d] as Int32Array);
    }
  }

  /** The dates of one column as days, now that its day/month order is known (an impossible date gives up). */
  resolveDates(d: number, dmy: boolean): void {
    const kinds = this.dateKind[d] as Uint8Array;
    const values = this.dateValue[d] as Int32Array;
    for (let i = 0; i < this.count; i++) {
      const kind = kinds[i];
      if (kind === NO_DATE) values[i] = NO_DAY;
      else if (kind === NUMERIC_DATE) {
        const v = values[i] as number;
        const y = Math.floor(v / 10000), x = Math.floor(v / 100) % 100, z = v % 100;
        values[i] = (dmy ? dayFromYmd(y, z, x) : dayFromYmd(y, x, z)) ?? giveUp();
      } else if (kind === OTHER_DATE) {
        const day = parseDateCell(this.texts[values[i] as number] as string, dmy ? 'dmy' : 'mdy', false);
        values[i] = day === 'invalid' ? giveUp() : (day ?? NO_DAY);
      }
    }
  }

  /** The amounts kept as text, read with their column's decimal separator (one that is not an amount, or has sub-cents, gives up). */
  resolveAmounts(decimalOf: (role: number) => DecimalSeparator, isOpenItems: boolean): void {
    const later = this.amountsLater;
    for (let k = 0; k < later.length; k += 3) {
      const i = later[k] as number, role = later[k + 1] as number;
      const read = parseAmountText(this.texts[later[k + 2] as number] as string, decimalOf(role));
      if (read === null || read.hadSubCent) giveUp();
      const cents = (read as { cents: number }).cents;
      if (role === AMOUNT || (role === OPEN && isOpenItems)) this.amount[i] = cents;
      else if (role === PAID_AMOUNT) this.paid[i] = cents;
      else this.open[i] = cents;
    }
  }

  day(d: number, i: number): Day | null {
    const v = (this.dateValue[d] as Int32Array)[i] as number;
    return v === NO_DAY ? null : (v as Day);
  }
}

/** Reads the rows one by one into RowColumns, with what buildLedger needs of the whole columns. */
class RowReader {
  readonly columns: RowColumns;
  readonly customers: Customer[] = [];
  readonly samples: string[][];
  readonly currencies: string[] = [];
  readonly decimalCounts = new Int32Array(2 * 14);
  // Date profiles per date role (profileDateColumn's counts).
  readonly numeric = new Int32Array(3);
  readonly firstOver12 = new Int32Array(3);
  readonly secondOver12 = new Int32Array(3);
  nonBlankRows = 0;
  blankRows = 0;
  /** Total lines, in order: their row and the text of their amount cell. */
  readonly totals: { readonly row: number; readonly amount: string | null }[] = [];
  private samplesWanted: number;
  private readonly customerKeys = new PackedStrings(true);
  /** The orders every number so far is above the one before in: BY_CODE_UNITS, BY_LENGTH (a bit each). */
  private sortedBy = BY_CODE_UNITS | BY_LENGTH;
  private readonly currencyIndex = new Map<string, number>();
  private readonly currencyCounts: number[] = [];
  // Per distinct text, what it says: computed once.
  private readonly status = new Verdicts(statusFlags);
  private readonly disputed = new Verdicts(isDisputedText);
  private readonly channel = new Verdicts(channelFlag);
  private readonly terms = new Verdicts((t) => parseTerms(t) ?? -1);
  // Identifying texts of the row being read, as ranges of `s` (or of a trimmed or unescaped copy).
  private numberText = '';
  private numberA = 0;
  private numberB = 0;
  private codeText = '';
  private codeA = 0;
  private codeB = 0;
  private nameText = '';
  private nameA = 0;
  private nameB = 0;

  /** The text read (the piece the rows come from). */
  s: string;
  private readonly headers: readonly string[];
  private readonly roles: Uint8Array;
  private readonly isOpenItems: boolean;
  private readonly includeDrafts: boolean;
  private readonly amountColumn: number;

  constructor(s: string, headers: readonly string[], roles: Uint8Array, isOpenItems: boolean, includeDrafts: boolean, amountColumn: number, capacity: number) {
    this.s = s;
    this.amountColumn = amountColumn;
    this.headers = headers;
    this.roles = roles;
    this.isOpenItems = isOpenItems;
    this.includeDrafts = includeDrafts;
    this.columns = new RowColumns(capacity);
    this.samples = headers.map(() => []);
    this.samplesWanted = headers.length;
  }

  mainCurrency(): string | null {
    let best = 0;
    let main: string | null = null;
    for (let k = 0; k < this.currencies.length; k++) {
      if ((this.currencyCounts[k] as number) > best) {
        best = this.currencyCounts[k] as number;
        main = this.currencies[k] as string;
      }
    }
    return main;
  }

  /** Reads row `r` (a data row when `isData`); false when the general path must read the file. */
  read(f: Fields, r: number, isData: boolean): boolean {
    const s = this.s;
    // Blank row: every field empty or spaces.
    let lead = -1;
    for (let k = 0; k < f.count; k++) {
      const a = f.start[k] as number, b = f.end[k] as number;
      if (a < b && (!isSpace(s.charCodeAt(a)) || !isSpaceOnly(s, a, b))) {
        lead = k;
        break;
      }
    }
    if (lead >= 0) this.nonBlankRows++;
    if (!isData) return true;
    if (lead < 0) {
      this.blankRows++;
      return true;
    }
    // A repeated header (its first cell is enough to leave the row to the general path).
    const header0 = this.headers[0] ?? '';
    const a0 = f.start[0] as number, b0 = f.end[0] as number;
    if ((b0 - a0 === header0.length || f.escaped[0] === 1 || (a0 < b0 && (isSpace(s.charCodeAt(a0)) || isSpace(s.charCodeAt(b0 - 1))))) && fieldText(s, f, 0).trim() === header0) return false;
    // A total word in the row's first text: a total line whose values count in no column's profile
    // (findSections' totals). It must be a total line by its number or customer too, as buildLedger reads it.
    if (mayStartTotal(s, f.start[lead] as number)) {
      const t = fieldText(s, f, lead);
      if (TOTAL_START.test(t) && TOTAL.test(normalizeWord(t))) {
        this.numberA = this.numberB = this.codeA = this.codeB = this.nameA = this.nameB = 0;
        for (let k = 0; k < f.count; k++) {
          const a = f.start[k] as number, b = f.end[k] as number;
          if (this.samplesWanted > 0 && k < this.headers.length) this.sample(f, k, a, b);
          const role = k < this.roles.length ? (this.roles[k] as number) : SKIP;
          if (role !== SKIP && role <= NAME) this.identity(f, k, role, f.escaped[k] === 0 && (a === b || (!isSpace(s.charCodeAt(a)) && !isSpace(s.charCodeAt(b - 1)))));
        }
        return this.isTotalLine() && this.addTotal(f, r);
      }
    }
    const c = this.columns;
    if (c.count === c.capacity) c.grow();
    const i = c.count;
    const later = c.amountsLater.length;
    if (!this.readFields(f, i)) return false;
    if (this.isTotalLine()) {
      // Its values were profiled (buildLedger's columns count them); nothing of it is kept.
      c.amountsLater.length = later;
      return this.addTotal(f, r);
    }
    return this.keep(r, i);
  }

  /** Field k, the number, the code or the name, as a range of `s` or of its trimmed (unescaped) text. */
  private identity(f: Fields, k: number, role: number, plain: boolean): void {
    const own = plain ? this.s : fieldText(this.s, f, k).trim();
    const from = plain ? (f.start[k] as number) : 0;
    const to = plain ? (f.end[k] as number) : own.length;
    if (role === NUMBER) {
      this.numberText = own;
      this.numberA = from;
      this.numberB = to;
    } else if (role === CODE) {
      this.codeText = own;
      this.codeA = from;
      this.codeB = to;
    } else {
      this.nameText = own;
      this.nameA = from;
      this.nameB = to;
    }
  }

  /** buildLedger's isTotalRow: a total word in the number, the code or the name, or none of them (the figures of nobody). */
  private isTotalLine(): boolean {
    const { numberText, numberA, numberB, codeText, codeA, codeB, nameText, nameA, nameB } = this;
    if (numberA === numberB && codeA === codeB && nameA === nameB) return true;
    const isTotal = (t: string, a: number, b: number) => a < b && mayStartTotal(t, a) && isTotalWord(t.slice(a, b));
    return isTotal(numberText, numberA, numberB) || isTotal(codeText, codeA, codeB) || isTotal(nameText, nameA, nameB);
  }

  /**
   * A total line: skipped and counted; its amount kept as written for the file's self-check. Only one
   * with a figure (a digit in an amount column): a line without any could be a customer heading to
   * buildLedger's findSections, which is the general path's to read.
   */
  private addTotal(f: Fields, r: number): boolean {
    let hasFigure = false;
    for (let k = 0; k < f.count && k < this.roles.length && !hasFigure; k++) {
      const role = this.roles[k] as number;
      if (role >= AMOUNT && role <= OPEN) hasFigure = /\d/.test(fieldText(this.s, f, k));
    }
    if (!hasFigure) return false;
    const k = this.amountColumn;
    this.totals.push({ row: r, amount: k >= 0 && k < f.count ? owned(fieldText(this.s, f, k)) : null });
    return true;
  }

  /** The row's fields into column slot i (identifying texts into the ranges above). */
  private readFields(f: Fields, i: number): boolean {
    const s = this.s;
    const c = this.columns;
    this.numberA = this.numberB = this.codeA = this.codeB = this.nameA = this.nameB = 0;
    let amount = NaN, paid = NaN, open = NaN;
    let flags = 0;
    let terms = -1;
    let currency = -1;
    (c.dateKind[0] as Uint8Array)[i] = NO_DATE;
    (c.dateKind[1] as Uint8Array)[i] = NO_DATE;
    (c.dateKind[2] as Uint8Array)[i] = NO_DATE;
    const roleCount = this.roles.length;
    for (let k = 0; k < f.count; k++) {
      const a = f.start[k] as number, b = f.end[k] as number;
      if (this.samplesWanted > 0 && k < this.headers.length) this.sample(f, k, a, b);
      const role = k < roleCount ? (this.roles[k] as number) : SKIP;
      if (role === SKIP) continue;
      const plain = f.escaped[k] === 0 && (a === b || (!isSpace(s.charCodeAt(a)) && !isSpace(s.charCodeAt(b - 1))));
      if (role <= NAME) this.identity(f, k, role, plain);
      else if (role <= PAY_DATE) {
        if (!this.readDate(role - ISSUED, a, b, f.escaped[k] === 1, i)) return false;
      } else if (role <= OPEN) {
        // Amounts: plain, read in place; blank (none); or any other text, voted on now and read later.
        let v = f.escaped[k] === 1 ? NaN : plainCentsAt(s, a, b, this.decimalCounts, role);
        if (Number.isNaN(v) && (f.escaped[k] === 1 || !isSpaceOnly(s, a, b))) {
          const text = fieldText(s, f, k);
          const vote = decimalVote(text);
          if (vote !== null) {
            const at = role * 2 + (vote === ',' ? 0 : 1);
            this.decimalCounts[at] = (this.decimalCounts[at] as number) + 1;
          }
          c.amountsLater.push(i, role, c.texts.length);
          c.texts.push(owned(text));
          v = DEFERRED;
        }
        if (role === AMOUNT) amount = v;
        else if (role === PAID_AMOUNT) paid = v;
        else open = v;
      } else {
        const t = plain ? s.slice(a, b) : fieldText(s, f, k).trim();
        if (role === CURRENCY) currency = this.currencyOf(t);
        else if (role === STATUS) {
          if (t === '') continue;
          const v = this.status.of(t);
          if ((v & 1) === 1 && !this.includeDrafts) return false;
          flags |= v & (SETTLED_BY_STATUS | IS_DISPUTED);
        } else if (role === TERMS) terms = this.terms.of(t);
        else if (role === CHANNEL) flags |= this.channel.of(t);
        else if (this.disputed.of(t)) flags |= IS_DISPUTED;
      }
    }
    if (this.isOpenItems) {
      // An open-items list: the open amount is the amount.
      amount = open;
      open = NaN;
    }
    if (!Number.isNaN(paid)) flags |= HAS_PAID;
    if (!Number.isNaN(open)) flags |= HAS_OPEN;
    c.amount[i] = amount;
    c.paid[i] = paid;
    c.open[i] = open;
    c.flags[i] = flags;
    c.terms[i] = terms;
    c.currency[i] = currency;
    return true;
  }

  private sample(f: Fields, k: number, a: number, b: number): void {
    const list = this.samples[k] as string[];
    if (list.length < 3 && a < b && !isSpaceOnly(this.s, a, b)) {
      list.push(owned(fieldText(this.s, f, k).slice(0, 40)));
      if (list.length === 3) this.samplesWanted--;
    }
  }

  /** A date field: dd/mm/yyyy (or . -) kept as read until the column's order is known, yyyy-mm-dd, or blank. */
  private readDate(d: number, a: number, b: number, escaped: boolean, i: number): boolean {
    const s = this.s;
    const c = this.columns;
    if (b - a === 10 && !escaped) {
      const c2 = s.charCodeAt(a + 2);
      if ((c2 === 47 || c2 === 46 || c2 === 45) && s.charCodeAt(a + 5) === c2) {
        const x = digit2(s, a), y = digit2(s, a + 3), y1 = digit2(s, a + 6), y2 = digit2(s, a + 8);
        if (x >= 0 && y >= 0 && y1 >= 0 && y2 >= 0) {
          this.numeric[d] = (this.numeric[d] as number) + 1;
          if (x > 12 && y <= 12) this.firstOver12[d] = (this.firstOver12[d] as number) + 1;
          if (y > 12 && x <= 12) this.secondOver12[d] = (this.secondOver12[d] as number) + 1;
          (c.dateKind[d] as Uint8Array)[i] = NUMERIC_DATE;
          (c.dateValue[d] as Int32Array)[i] = (y1 * 100 + y2) * 10000 + x * 100 + y;
          return true;
        }
      }
      if (s.charCodeAt(a + 4) === 45 && s.charCodeAt(a + 7) === 45) {
        const y1 = digit2(s, a), y2 = digit2(s, a + 2), mo = digit2(s, a + 5), dd = digit2(s, a + 8);
        if (y1 >= 0 && y2 >= 0 && mo >= 0 && dd >= 0) {
          const day = dayFromYmd(y1 * 100 + y2, mo, dd);
          if (day === null) return false;
          (c.dateKind[d] as Uint8Array)[i] = ISO_DATE;
          (c.dateValue[d] as Int32Array)[i] = day;
          return true;
        }
      }
    }
    if (!escaped && isSpaceOnly(s, a, b)) return true;
    // Any other text (d/m/yy, month names, a time…): profiled as profileDateColumn does, read later.
    const text = escaped ? this.fieldTextAt(a, b) : s.slice(a, b);
    if (text.trim() === '') return true;
    const v = numericDateParts(text);
    if (v >= 0) {
      const x = (v / 100) | 0, y = v % 100;
      this.numeric[d] = (this.numeric[d] as number) + 1;
      if (x > 12 && y <= 12) this.firstOver12[d] = (this.firstOver12[d] as number) + 1;
      if (y > 12 && x <= 12) this.secondOver12[d] = (this.secondOver12[d] as number) + 1;
    }
    (c.dateKind[d] as Uint8Array)[i] = OTHER_DATE;
    (c.dateValue[d] as Int32Array)[i] = c.texts.length;
    c.texts.push(owned(text));
    return true;
  }

  /** An escaped field's text (`""` → `"`). */
  private fieldTextAt(a: number, b: number): string {
    return this.s.slice(a, b).replaceAll('""', '"');
  }

  /** The row's number and customer checked and kept (what the general path would skip, report or merge is its own). */
  private keep(r: number, i: number): boolean {
    const { numberText, numberA, numberB, codeText, codeA, codeB, nameText, nameA, nameB } = this;
    // No number, or nobody (total lines are out already): buildLedger's singles or MissingCustomer.
    if (numberA === numberB || (codeA === codeB && nameA === nameB)) return false;
    const c = this.columns;
    if (Number.isNaN(c.amount[i] as number)) return false;
    for (let k = numberA; k < numberB; k++) {
      const ch = numberText.charCodeAt(k);
      if (ch === 47 || ch === 35 || ch === 33) return false; // `/ # !`: keys would need checking
    }
    // Numbers each above the one before (a file sorted by number) cannot repeat: the numbers kept are
    // indexed (to find one seen before) only once one is not.
    const numbers = c.numbers;
    if (!numbers.isIndexed && numbers.count > 0 && !this.isAboveLast(numberText, numberA, numberB, numbers.count - 1)) numbers.index();
    if (numbers.isIndexed && numbers.find(numberText, numberA, numberB) >= 0) return false;
    const byCode = codeA !== codeB;
    const keys = this.customerKeys;
    let ci = byCode ? keys.find(codeText, codeA, codeB) : keys.find(nameText, nameA, nameB);
    if (ci < 0) {
      const code = owned(codeText.slice(codeA, codeB));
      const name = owned(nameText.slice(nameA, nameB));
      const key = byCode ? code : name;
      if (KEY_CHAR.test(key)) return false;
      ci = byCode ? keys.add(codeText, codeA, codeB) : keys.add(nameText, nameA, nameB);
      this.customers.push({ id: key, code: byCode ? code : null, name: name !== '' ? name : code });
    }
    c.row[i] = r;
    c.customer[i] = ci;
    // Indexed, the add takes the slot the number's find left.
    numbers.add(numberText, numberA, numberB);
    c.count++;
    return true;
  }

  /**
   * Whether the number at [a, b) of `src` is above the last one in an order every number so far was
   * above the one before in: the code units (`>`), or the length first (B-99999 then B-100000). Any
   * strict order will do: a sequence rising in one cannot repeat.
   */
  private isAboveLast(src: string, a: number, b: number, last: number): boolean {
    const numbers = this.columns.numbers;
    const length = numbers.lengthOf(last);
    if ((this.sortedBy & BY_CODE_UNITS) !== 0 && !numbers.isAbove(src, a, b, last)) this.sortedBy &= ~BY_CODE_UNITS;
    if ((this.sortedBy & BY_LENGTH) !== 0 && !(b - a > length || (b - a === length && numbers.isAbove(src, a, b, last)))) this.sortedBy &= ~BY_LENGTH;
    return this.sortedBy !== 0;
  }

  private currencyOf(t: string): number {
    const upper = t.toUpperCase();
    let k = this.currencyIndex.get(upper);
    if (k === undefined) {
      k = this.currencies.length;
      this.currencies.push(upper);
      this.currencyIndex.set(upper, k);
      this.currencyCounts.push(0);
    }
    if (upper !== '') this.currencyCounts[k] = (this.currencyCounts[k] as number) + 1;
    return k;
  }
}

/** What a cell's text says, read once per distinct text. */
class Verdicts<T> {
  private readonly cache = new Map<string, T>();
  private readonly read: (t: string) => T;

  constructor(read: (t: string) => T) {
    this.read = read;
  }

  of(t: string): T {
    let v = this.cache.get(t);
    if (v === undefined) {
      v = this.read(t);
      // A copy: a slice would keep its piece of the text alive (owned.ts).
      this.cache.set(owned(t), v);
    }
    return v;
  }
}

/** A status: bit 1 a draft; SETTLED_BY_STATUS, IS_DISPUTED. */
function statusFlags(t: string): number {
  const w = normalizeWord(t);
  return (DRAFT.test(w) ? 1 : 0) | (PAID.test(w) ? SETTLED_BY_STATUS : 0) | (/litige|disput|contest/.test(w) ? IS_DISPUTED : 0);
}

/** A sending channel: IS_ELECTRONIC, IS_PAPER or 0 (none said). */
function channelFlag(t: string): number {
  const ch = channelOf(t);
  // A channel it cannot name is reported by the general path (ChannelUnrecognized): left to it.
  if (ch === null && t.trim() !== '') giveUp();
  return ch === 'electronic' ? IS_ELECTRONIC : ch === 'paper' ? IS_PAPER : 0;
}

function isDisputedText(t: string): boolean {
  const w = normalizeWord(t);
  return w !== '' && DISPUTED.test(w);
}

/**
 * The ledger of the rows kept, columns first (core/ledger.ts lazyLedger): the analysis' columns now,
 * with the due-date issues buildLedger's fromRecord reports, and each invoice object as fromRecord
 * makes it only when something asks for it. Only what the objects need is kept, cut to the count.
 */
function buildLedger(c: RowColumns, reader: RowReader, o: FastCsvOptions, hasTerms: boolean, currency: string, issues: IssueList): Ledger {
  const count = c.count;
  // The rows' own arrays become the ledger's (no second copy of the columns while both would be
  // held): written in place, row i's values read before they are written, and a payment's index j
  // never ahead of i.
  const issuedColumn = c.dateValue[0] as Int32Array;
  const dueColumn = c.dateValue[1] as Int32Array;
  const amountColumn = c.amount;
  const termsDerived = new Uint8Array(count);
  const marks = new Uint8Array(count);
  // One payment per row at most.
  const payStart = new Int32Array(count + 1);
  const payDay = c.dateValue[2] as Int32Array;
  const payAmount = c.paid;
  let j = 0;
  let missingDue = 0;
  let firstMissingDue = 0;
  for (let i = 0; i < count; i++) {
    const amount = c.amount[i] as number;
    const issued = c.day(0, i);
    let due = c.day(1, i);
    const paymentDate = c.day(2, i);
    let isDueDerived = false;
    if (due === null && issued !== null && amount > 0) {
      const t = c.terms[i] as number;
      const fileTerms = !hasTerms || t < 0 ? -1 : t;
      due = addDays(issued, fileTerms < 0 ? o.defaultTermsDays : fileTerms);
      isDueDerived = true;
      // Without the file's own terms the settings' terms apply (applyTerms).
      if (fileTerms < 0) termsDerived[i] = 1;
      else c.terms[i] = fileTerms;
      missingDue++;
      if (firstMissingDue === 0) firstMissingDue = (c.row[i] as number) + 1;
    }
    if (!isDueDerived) c.terms[i] = -1;
    if (due !== null && issued !== null && due < issued && !isDueDerived) {
      issues.add({ code: 'DueBeforeIssue', severity: 'warning', sheet: o.sheetName, row: (c.row[i] as number) + 1, params: { issued: isoOf(issued), due: isoOf(due) } });
    }
    const fl = c.flags[i] as number;
    let p = 0;
    if ((fl & HAS_OPEN) !== 0) p = amount - (c.open[i] as number);
    else if ((fl & HAS_PAID) !== 0) p = c.paid[i] as number;
    else if (paymentDate !== null || (fl & SETTLED_BY_STATUS) !== 0) p = amount;
    issuedColumn[i] = issued ?? NO_DAY;
    dueColumn[i] = due ?? NO_DAY;
    amountColumn[i] = amount;
    payStart[i] = j;
    if (p !== 0) {
      payDay[j] = paymentDate ?? NO_DAY;
      payAmount[j] = p;
      j++;
    }
    marks[i] = ((fl & IS_DISPUTED) !== 0 ? MARK_DISPUTED : 0) | ((fl & IS_ELECTRONIC) !== 0 ? MARK_ELECTRONIC : (fl & IS_PAPER) !== 0 ? MARK_PAPER : 0);
    // What the object needs of the flags: the due date derived, disputed, the channel.
    c.flags[i] = (isDueDerived ? DUE_DERIVED : 0) | (fl & (IS_DISPUTED | IS_ELECTRONIC | IS_PAPER));
  }
  if (missingDue > 0) issues.add({ code: 'MissingDueDate', severity: 'warning', sheet: o.sheetName, row: firstMissingDue, params: { count: missingDue, days: o.defaultTermsDays } });
  payStart[count] = j;
  // The rows' columns the ledger does not keep go now, not at a later collection.
  release(c.open);
  for (const kinds of c.dateKind) release(kinds);
  // Customers are numbered in the order of their first invoice, as ledgerColumns numbers them.
  const customerIds = reader.customers.map((x) => x.id);
  const columns: LedgerColumns = {
    count,
    issued: fit(issuedColumn, count),
    due: fit(dueColumn, count),
    amount: fit(amountColumn, count),
    isSale: new Uint8Array(count).fill(1),
    payStart,
    payDay: fit(payDay, j),
    payAmount: fit(payAmount, j),
    customer: fit(c.customer, count),
    customerIds,
    customersById: customersByIdOf(customerIds),
    termsDerived,
    marks,
  };
  checkOverpaidColumns(columns, o.sheetName, issues);
  // The item's currency: the row's own, else the ledger's.
  const currencies = reader.currencies.map((x) => (x === '' ? currency : x));
  const currencyOf = fit(c.currency, count);
  const rowOf = fit(c.row, count);
  const flagsOf = fit(c.flags, count);
  const termsOf = fit(c.terms, count);
  const numbers = c.numbers;
  const { fileName: file, sheetName: sheet } = o;
  const one = (i: number): Invoice => {
    const customerId = customerIds[columns.customer[i] as number] as string;
    const number = numbers.at(i);
    const amount = columns.amount[i] as Cents;
    const issued = columns.issued[i] === NO_DAY ? null : (columns.issued[i] as Day);
    const due = columns.due[i] === NO_DAY ? null : (columns.due[i] as Day);
    const payments = paymentsAt(columns, i);
    const fl = flagsOf[i] as number;
    const isDueDerived = (fl & DUE_DERIVED) !== 0;
    const fileTermsDays = termsOf[i] as number;
    const ci = currencyOf[i] as number;
    const key = `${customerId}/${number}`;
    const kind = amount < 0 ? 'credit' : 'invoice';
    const isDisputed = (fl & IS_DISPUTED) !== 0;
    const source = { file, sheet, row: (rowOf[i] as number) + 1 };
    const itemCurrency = ci >= 0 ? (currencies[ci] as string) : currency;
    const channel = (fl & IS_ELECTRONIC) !== 0 ? 'electronic' : (fl & IS_PAPER) !== 0 ? 'paper' : null;
    // Literals rather than a spread: one object shape each, built without a runtime call.
    if (channel === null) {
      return fileTermsDays < 0
        ? { key, number, customerId, issued, due, isDueDerived, amount, payments, kind, currency: itemCurrency, isDisputed, source }
        : { key, number, customerId, issued, due, isDueDerived, fileTermsDays, amount, payments, kind, currency: itemCurrency, isDisputed, source };
    }
    return fileTermsDays < 0
      ? { key, number, customerId, issued, due, isDueDerived, amount, payments, kind, currency: itemCurrency, isDisputed, channel, source }
      : { key, number, customerId, issued, due, isDueDerived, fileTermsDays, amount, payments, kind, currency: itemCurrency, isDisputed, channel, source };
  };
  const all = (): Invoice[] => {
    const invoices: Invoice[] = new Array(count);
    for (let i = 0; i < count; i++) invoices[i] = one(i);
    return invoices;
  };
  const fields = {
    customers: reader.customers.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    currency,
    amountBasis: 'TTC' as const,
    hasSalesHistory: j > 0,
  };
  return lazyLedger(fields, columns, all, one);
}

/**
 * Whether the text at `i` may begin a total word (TOTAL_START: sous, sub, tot, gra, sum, som, cum, rep,
 * a rep, à rep): its first two letters, any case; spaces and non-ASCII first are left to the regex.
 */
function mayStartTotal(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (isSpace(c) || c === 0xe0 || c === 0xc0) return true;
  // Under the regex's /i no other character beyond ASCII stands for an ASCII letter.
  if (c >= 127) return false;
  const l = c | 32;
  const next = s.charCodeAt(i + 1) | 32;
  if (l === 115) return next === 111 || next === 117; // so, su
  if (l === 116) return next === 111; // to
  if (l === 103) return next === 114; // gr
  if (l === 99) return next === 117; // cu
  if (l === 114) return next === 101; // re
  return l === 97; // a rep
}

function isTotalWord(s: string): boolean {
  return s !== '' && mayStartTotal(s, 0) && TOTAL_START.test(s) && TOTAL.test(normalizeWord(s));
}

/** What trim() and the regex \s remove: white space and line terminators. */
function isSpace(c: number): boolean {
  if (c < 127) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

