/**
 * A sheet + a column mapping → the ledger, with an import report that counts every row read,
 * used or skipped (and why), and names the sheet, row, column and value of every problem.
 * One bad row never stops the others.
 */
import {
  IssueList,
  addDays,
  isoOf,
  type Cents,
  type SendingChannel,
  type Customer,
  type Day,
  type Invoice,
  type ItemKind,
  type Ledger,
  type LedgerColumns,
  type Payment,
  NO_PAYMENTS,
  NO_DAY,
} from '../core/index.ts';
import { cellText, columnLetter, isBlankCell, type Cell, type Sheet } from './grid.ts';
import { owned } from './owned.ts';
import { ItemPacker } from './packed-ledger.ts';
import { RowRecords, type Movement } from './row-records.ts';
import { AMOUNT_FIELDS, DATE_FIELDS, fieldCandidates, normalizeHeader, type Field, type Mapping } from './map-columns.ts';
import {
  inferDecimalSeparator,
  parseAmountCell,
  parseDateCell,
  profileDateColumn,
  type DateOrder,
  type DecimalSeparator,
} from './parse-cells.ts';

export type SkipReason = 'blank' | 'repeatedHeader' | 'sectionHeading' | 'total' | 'draft' | 'otherCurrency' | 'notReceivable' | 'error';

export type ColumnInfo = {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
  readonly field: Field | null;
  /** Date columns: the day/month order used, and whether the values proved it. */
  readonly dateOrder?: DateOrder;
  readonly isDateOrderAssumed?: boolean;
  /** Amount columns holding text: the decimal separator used. */
  readonly decimal?: DecimalSeparator;
  /** A few values, for the mapping panel. */
  readonly samples: readonly string[];
  /** A column left unused: the field its title suggests (already taken by another column). */
  readonly guess?: Field;
};

export type LedgerBuildOptions = {
  readonly fileName: string;
  readonly is1904: boolean;
  readonly isText: boolean;
  readonly mapping: Mapping;
  readonly headerRow: number;
  readonly headers: readonly string[];
  readonly dateOrders?: Partial<Record<Field, DateOrder>>;
  readonly decimal?: DecimalSeparator;
  readonly defaultDecimal: DecimalSeparator;
  /** Payment terms used when a row has no due date (L441-10 I: 30 days by default). */
  readonly defaultTermsDays: number;
  /** Keep rows whose status says draft or cancelled (skipped by default: they are not receivables). */
  readonly includeDrafts?: boolean;
  /**
   * The sheet is read for the last time: each row is let go once its record is made (the grid, a
   * row's cells, would otherwise be held beside the records and the items until the ledger is built).
   */
  readonly consumeRows?: boolean;
};

export type LedgerBuild = {
  readonly ledger: Ledger;
  readonly columns: readonly ColumnInfo[];
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly skipped: Record<SkipReason, number>;
  readonly mergedRows: number;
  readonly currencyLeftOut: Record<string, number>;
  /** The file's own totals compared with what was read (numbers.md: `import.selfCheck`). */
  readonly selfCheck: readonly SelfCheck[];
};

export type SelfCheck = { readonly source: 'total row' | 'subtotals' | 'running balance'; readonly fileCents: number; readonly computedCents: number; readonly rows: readonly number[] };

export const DRAFT = /^(draft|brouillon|void|voided|annulee?|cancell?ed|deleted|supprimee?|proforma|pro forma|devis|quote|estimate)$/;
export const PAID = /^(paid|payee?|reglee?|soldee?|settled|closed|lettree?|acquittee?|encaissee?)$/;
export const DISPUTED = /^(yes|oui|true|vrai|1|x|litige|en litige|disputed|contested|contestee?)$/;
/** A channel cell, normalised: a structured e-invoice, or paper (a PDF by e-mail is paper under the 2026 reform). */
const ELECTRONIC = /^(electronic|electronique|facture electronique|e-?invoic(e|ing)|paperless|dematerialisee?|edi|pdp|ppf|chorus( pro)?|factur-?x|ubl|cii)$/;
const PAPER = /^(paper|papier|courrier|postal|poste|post|mail|e-?mail|courriel|pdf|print(ed)?|imprimee?)$/;
/** The channel a cell names, null when it names none. */
export function channelOf(cell: string): SendingChannel | null {
  const w = normalizeWord(cell);
  return w === '' ? null : ELECTRONIC.test(w) ? 'electronic' : PAPER.test(w) ? 'paper' : null;
}
/** What a total word starts with, accents and case aside: tested on the raw text before normalising. */
export const TOTAL_START = /^\s*(sous|sub|tot|gra|sum|som|cum|rep|[aàÀ] ?rep)/i;
export const TOTAL = /^(((sous|sub)[- ]?)?(totaux|totals?)|grand total|sum|somme|cumul|report|a reporter)\b/;
const RECEIVABLE_ACCOUNT = /^(41[1-8]|accounts? receivables?|receivables?|clients?|creances? clients?)/;

export function buildLedger(sheet: Sheet, o: LedgerBuildOptions): LedgerBuild {
  const issues = new IssueList();
  return buildLedgerInto(sheet, o, issues);
}

/** Same as buildLedger, adding the issues to a shared list. */
export function buildLedgerInto(sheet: Sheet, o: LedgerBuildOptions, issues: IssueList, onProgress?: (done: number, total: number) => void): LedgerBuild {
  const m = o.mapping;
  const width = o.headers.length;
  const fieldOf = new Map<number, Field>();
  for (const [f, c] of Object.entries(m)) if (c !== undefined) fieldOf.set(c, f as Field);
  const first = o.headerRow + 1;
  const rows = sheet.rows;
  const colName = (c: number): string => `${columnLetter(c)}${o.headers[c] ? ` (${o.headers[c]})` : ''}`;
  const place = (row: number, c: number, value?: Cell) => ({
    sheet: sheet.name,
    row: row + 1,
    column: colName(c),
    ...(value !== undefined ? { value: cellText(value) } : {}),
  });

  // Customer sections (printed reports exported to a sheet): a heading line per customer above its
  // rows. Found before anything else so that the headings never count as values of a column.
  const sections = findSections(rows, first, m, width);

  // A column's non-empty values, walked in place (no copy of half a million cells per column).
  const columnValues = (c: number): Iterable<Cell> => ({
    [Symbol.iterator]: () => {
      let r = first;
      const result = { done: false, value: null as Cell };
      return {
        next: () => {
          while (r < rows.length) {
            if (sections.headings.has(r) || sections.totals.has(r)) {
              r++;
              continue;
            }
            const v = rows[r++]?.[c];
            if (v !== undefined && v !== null) {
              result.value = v;
              return result;
            }
          }
          return { done: true as const, value: undefined };
        },
      };
    },
  });
  const textValues = function* (c: number): Iterable<string> {
    for (const v of columnValues(c)) if (typeof v === 'string') yield v;
  };
  const dateOrders: Partial<Record<Field, DateOrder>> = {};
  const assumedOrder = new Set<Field>();
  const shownOrder = new Set<Field>();
  for (const f of DATE_FIELDS) {
    const c = m[f];
    if (c === undefined) continue;
    const values = columnValues(c);
    const profile = profileDateColumn(values, 'dmy');
    const forced = o.dateOrders?.[f];
    dateOrders[f] = forced ?? profile.order ?? 'dmy';
    if (forced || profile.order !== null) shownOrder.add(f);
    if (!forced && profile.isAmbiguous) {
      assumedOrder.add(f);
      issues.add({ code: 'AmbiguousDateOrder', severity: 'warning', sheet: sheet.name, column: colName(c), params: { order: dateOrders[f] as string } });
    }
    if (!forced && profile.isInconsistent) {
      issues.add({ code: 'InconsistentDateOrder', severity: 'error', sheet: sheet.name, column: colName(c), params: { order: dateOrders[f] as string } });
    }
    if (profile.dateCellCount > 0 && profile.textCount > 0) {
      issues.add({
        code: 'MixedDateTypes',
        severity: 'warning',
        sheet: sheet.name,
        column: colName(c),
        params: { dates: profile.dateCellCount, texts: profile.textCount },
      });
    }
  }
  const decimals: Partial<Record<Field, DecimalSeparator>> = {};
  for (const f of AMOUNT_FIELDS) {
    const c = m[f];
    if (c === undefined) continue;
    const texts = textValues(c);
    decimals[f] = o.decimal ?? inferDecimalSeparator(texts, o.defaultDecimal);
  }
  const mainCurrency = m.currency !== undefined ? mostCommon(Array.from(columnValues(m.currency), (v) => cellText(v).trim().toUpperCase()).filter((s) => s !== '')) : null;
  const isGl = m.debit !== undefined || m.credit !== undefined ? m.amount === undefined || m.account !== undefined : false;
  const isMovements = !isGl && m.movementType !== undefined;
  let unknownTypes = 0;
  let firstUnknownType: string | undefined;
  let section: Heading | undefined;
  /** The file's own total lines, kept for the self-check. */
  const fileTotals: { row: number; cells: readonly Cell[]; isSection: boolean }[] = [];
  if (sections.headings.size > 0) {
    const example = sections.headings.values().next().value as Heading;
    issues.add({ code: 'SectionsLayout', severity: 'info', sheet: sheet.name, params: { sections: sections.headings.size, example: example.text } });
  }
  const headerNorm = o.headers.map(normalizeHeader).join('|');
  const firstHeader = sheet.rows[o.headerRow]?.[0];
  // Cheap test first (same text in the first cell), the full comparison only then.
  const isRepeatedHeader = (row: readonly Cell[]): boolean =>
    cellText(row[0] ?? null).trim() === (o.headers[0] ?? '') && row.slice(0, width).map((c) => normalizeHeader(c === undefined ? '' : cellText(c))).join('|') === headerNorm;

  const skipped: Record<SkipReason, number> = { blank: 0, repeatedHeader: 0, sectionHeading: 0, total: 0, draft: 0, otherCurrency: 0, notReceivable: 0, error: 0 };
  const currencyLeftOut: Record<string, number> = {};
  const records = new RowRecords(rows.length - first);
  /** The customers in the order of their first row, each named by its first row. */
  const customers = new Map<string, Customer>();
  const customerOf = (key: string, code: string | null, name: string): Customer => {
    let c = customers.get(key);
    if (c === undefined) {
      // Copies, not slices of the file's text (owned.ts): the ledger outlives the text.
      const id = owned(key);
      c = { id, code: code === null ? null : code === key ? id : owned(code), name: name === key ? id : owned(name) };
      customers.set(key, c);
    }
    return c;
  };
  let rowsRead = 0;
  let amountsAsText = 0;
  let missingDue = 0;
  let firstMissingDue: number | undefined;
  let unknownChannels = 0;
  let firstUnknownChannel: { row: number; value: string } | undefined;

  const text = (row: readonly Cell[], f: Field): string => {
    const c = m[f];
    if (c === undefined) return '';
    const v = row[c];
    return v === undefined || v === null ? '' : cellText(v).trim();
  };
  const amountOf = (row: readonly Cell[], r: number, f: Field): number | null | 'invalid' => {
    const c = m[f];
    if (c === undefined) return null;
    const v = row[c] ?? null;
    const p = parseAmountCell(v, decimals[f] ?? o.defaultDecimal);
    if (p === 'invalid') {
      issues.add({ code: 'InvalidAmount', severity: 'error', ...place(r, c, v) });
      return 'invalid';
    }
    if (p === null) return null;
    if (p.wasText && !o.isText) amountsAsText++;
    if (p.hadSubCent) issues.add({ code: 'SubCentAmount', severity: 'info', ...place(r, c, v) });
    return p.cents;
  };
  const dateOf = (row: readonly Cell[], r: number, f: Field): Day | null => {
    const c = m[f];
    if (c === undefined) return null;
    const v = row[c] ?? null;
    const d = parseDateCell(v, dateOrders[f] ?? 'dmy', o.is1904);
    if (d === 'invalid') {
      issues.add({ code: 'InvalidDate', severity: 'error', ...place(r, c, v) });
      return null;
    }
    return d;
  };

  // Each column's first three values, for the report (read before the rows may be let go).
  const samples = o.headers.map((_, index) => {
    const found: string[] = [];
    for (let r = first; r < rows.length && found.length < 3; r++) {
      const v = rows[r]?.[index];
      if (v !== undefined && !isBlankCell(v)) found.push(cellText(v).slice(0, 40));
    }
    return found;
  });
  const consumed = o.consumeRows === true ? (rows as (readonly Cell[] | undefined)[]) : null;
  for (let r = first; r < rows.length; r++) {
    const row = rows[r];
    if (consumed !== null) consumed[r] = undefined;
    rowsRead++;
    if (onProgress && rowsRead % 20000 === 0) onProgress(rowsRead, rows.length - first);
    if (!row || isBlankRow(row)) {
      skipped.blank++;
      continue;
    }
    if (typeof row[0] === typeof firstHeader && isRepeatedHeader(row)) {
      skipped.repeatedHeader++;
      continue;
    }
    const heading = sections.headings.get(r);
    if (heading) {
      section = heading;
      skipped.sectionHeading++;
      continue;
    }
    const number = text(row, 'invoiceNumber');
    const ownCode = text(row, 'customerCode');
    const ownName = text(row, 'customerName');
    if (isTotalRow(row, number, ownCode, ownName, m)) {
      skipped.total++;
      fileTotals.push({ row: r, cells: row, isSection: section !== undefined && sectionTotalOf(row, section) });
      continue;
    }
    // A row of a customer section takes the section's customer when it names none itself.
    const code = ownCode || (ownName === '' ? (section?.code ?? '') : '');
    const name = ownName || (ownCode === '' ? (section?.name ?? '') : '');
    const status = normalizeWord(text(row, 'status'));
    if (DRAFT.test(status) && !o.includeDrafts) {
      skipped.draft++;
      continue;
    }
    if (m.account !== undefined && isGl) {
      const account = normalizeWord(text(row, 'account'));
      if (!RECEIVABLE_ACCOUNT.test(account)) {
        skipped.notReceivable++;
        continue;
      }
    }
    const currency = text(row, 'currency').toUpperCase();
    if (mainCurrency && currency !== '' && currency !== mainCurrency) {
      skipped.otherCurrency++;
      currencyLeftOut[currency] = (currencyLeftOut[currency] ?? 0) + 1;
      continue;
    }

    // Amounts: TTC, or debit − credit, or HT, or the open amount alone.
    let amount: number | null = null;
    let bad = false;
    const open = amountOf(row, r, 'open');
    const paid = amountOf(row, r, 'paid');
    if (open === 'invalid' || paid === 'invalid') bad = true;
    if (isGl) {
      const debit = amountOf(row, r, 'debit');
      const credit = amountOf(row, r, 'credit');
      if (debit === 'invalid' || credit === 'invalid') bad = true;
      else if (debit !== null || credit !== null) amount = (debit ?? 0) - (credit ?? 0);
    } else {
      for (const f of ['amount', 'amountHt'] as const) {
        if (m[f] === undefined) continue;
        const a = amountOf(row, r, f);
        if (a === 'invalid') bad = true;
        else amount = a;
        break;
      }
      if (amount === null && !bad && m.amount === undefined && m.amountHt === undefined && typeof open === 'number') amount = open;
    }
    if (bad) {
      skipped.error++;
      continue;
    }
    if (amount === null) {
      // Neither an amount nor an open balance: a label or a section line.
      if (number === '' && code === '' && name === '') skipped.total++;
      else {
        const c = m.amount ?? m.debit ?? m.amountHt ?? m.open ?? 0;
        issues.add({ code: 'InvalidAmount', severity: 'error', ...place(r, c, row[c] ?? null) });
        skipped.error++;
      }
      continue;
    }
    // Movement layouts: positive amounts and a type; invoices count up, credit notes and payments down.
    let movement: Movement | undefined;
    if (isMovements) {
      const typeText = text(row, 'movementType');
      movement = movementKind(typeText);
      if (movement === undefined) {
        unknownTypes++;
        firstUnknownType ??= typeText;
        skipped.error++;
        continue;
      }
      amount = movement === 'invoice' ? Math.abs(amount) : -Math.abs(amount);
    }
    if (code === '' && name === '') {
      issues.add({ code: 'MissingCustomer', severity: 'warning', sheet: sheet.name, row: r + 1 });
    }
    const issued = dateOf(row, r, 'issued');
    let due = dateOf(row, r, 'due');
    const paymentDate = dateOf(row, r, 'paymentDate');
    // A payment row's own date is when it was paid.
    let isDueDerived = false;
    let fileTermsDays: number | null = null;
    if (due === null && issued !== null && amount > 0) {
      fileTermsDays = parseTerms(text(row, 'terms'));
      due = addDays(issued, fileTermsDays ?? o.defaultTermsDays);
      isDueDerived = true;
      missingDue++;
      firstMissingDue ??= r + 1;
    }
    if (due !== null && issued !== null && due < issued && !isDueDerived) {
      issues.add({ code: 'DueBeforeIssue', severity: 'warning', sheet: sheet.name, row: r + 1, params: { issued: isoOf(issued), due: isoOf(due) } });
    }
    const disputedText = normalizeWord(text(row, 'disputed'));
    const channelText = m.channel !== undefined ? text(row, 'channel') : '';
    const channel = channelText === '' ? null : channelOf(channelText);
    if (channel === null && channelText.trim() !== '') {
      unknownChannels++;
      firstUnknownChannel ??= { row: r + 1, value: channelText };
    }
    const applied = movement !== undefined && movement !== 'invoice' ? text(row, 'appliedTo') : '';
    // One string per customer (its hash computed once for every map keyed by customer, here and downstream).
    const customer = customerOf(code !== '' ? code : name !== '' ? name : '(?)', code !== '' ? code : null, name !== '' ? name : code !== '' ? code : '(?)');
    // The row's fields, kept in the columns of `records` (one object shape for every row added).
    records.add({
      row: r,
      number: owned(applied !== '' ? applied : number),
      movement,
      label: movement !== undefined ? `${text(row, 'label')} ${movement !== 'invoice' && applied === '' ? number : ''}`.trim() : undefined,
      section: section !== undefined && ownCode === '' && ownName === '' ? section.text : undefined,
      customer,
      issued,
      due,
      isDueDerived,
      fileTermsDays,
      amount,
      paid: typeof paid === 'number' ? paid : null,
      open: typeof open === 'number' && m.amount !== undefined ? open : null,
      running: isGl && typeof open === 'number' ? open : undefined,
      paymentDate,
      isSettledByStatus: (status !== '' && PAID.test(status)) || (m.matching !== undefined && text(row, 'matching') !== '' && m.open === undefined && m.paid === undefined),
      isDisputed: (disputedText !== '' && DISPUTED.test(disputedText)) || (status !== '' && /litige|disput|contest/.test(status)),
      channel,
      currency: currency || mainCurrency || 'EUR',
    });
  }
  if (amountsAsText > 0) {
    issues.add({ code: 'AmountsStoredAsText', severity: 'warning', sheet: sheet.name, params: { count: amountsAsText } });
  }
  if (firstUnknownChannel !== undefined) {
    issues.add({ code: 'ChannelUnrecognized', severity: 'warning', sheet: sheet.name, row: firstUnknownChannel.row, value: firstUnknownChannel.value, params: { count: unknownChannels } });
  }
  if (missingDue > 0) {
    issues.add({ code: 'MissingDueDate', severity: 'warning', sheet: sheet.name, ...(firstMissingDue ? { row: firstMissingDue } : {}), params: { count: missingDue, days: o.defaultTermsDays } });
  }
  for (const [cur, n] of Object.entries(currencyLeftOut)) {
    issues.add({ code: 'MixedCurrencies', severity: 'warning', sheet: sheet.name, params: { currency: cur, count: n, main: mainCurrency ?? '' } });
  }
  if (m.amount === undefined && m.amountHt !== undefined && !isGl) {
    issues.add({ code: 'HtOnlyAmounts', severity: 'warning', sheet: sheet.name, column: colName(m.amountHt) });
  }

  if (isMovements) linkMovements(records, issues, sheet.name);
  if (unknownTypes > 0) issues.add({ code: 'UnknownMovementType', severity: 'warning', sheet: sheet.name, params: { count: unknownTypes, value: firstUnknownType ?? '' } });
  // Each item packed as it is made: the ledger is columns first, its objects made again on demand.
  const packer = new ItemPacker(o.fileName, sheet.name, records.count);
  const mergedRows = mergeRecords(records, isGl || isMovements, sheet.name, o.fileName, issues, (inv) => packer.add(inv));
  const balances = packer.balances();
  reportOverpaid(balances.ids, balances.invoiced, balances.paid, sheet.name, issues);
  const ledger = packer.ledger({
    customers: [...customers.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    currency: mainCurrency ?? 'EUR',
    amountBasis: m.amount === undefined && m.amountHt !== undefined && !isGl ? 'HT' : 'TTC',
    hasSalesHistory: packer.hasPayments,
  });
  const columns = describeColumns(o.headers, fieldOf, (index) => samples[index] ?? [], { dateOrders, shownOrder, assumedOrder, decimals });
  const selfCheck = isMovements ? [] : checkAgainstFile(fileTotals, records, isGl, (cells, f) => {
    const c = m[f];
    if (c === undefined) return null;
    const p = parseAmountCell(cells[c] ?? null, decimals[f] ?? o.defaultDecimal);
    return p === null || p === 'invalid' ? null : p.cents;
  });
  reportSelfChecks(selfCheck, sheet.name, issues);
  const rowsUsed = records.count;
  records.release();
  return { ledger, columns, rowsRead, rowsUsed, skipped, mergedRows, currencyLeftOut, selfCheck };
}

/**
 * A customer whose payments exceed its invoices is a data-quality question, never chased silently.
 * On a ledger's columns, for a reader that makes no payment item (the fused CSV path); the general
 * builder sums payment items too, as it packs its items (ItemPacker.balances).
 */
export function checkOverpaidColumns(c: LedgerColumns, sheet: string, issues: IssueList): void {
  const invoiced = new Float64Array(c.customerIds.length);
  const paid = new Float64Array(c.customerIds.length);
  for (let i = 0; i < c.count; i++) {
    const k = c.customer[i] as number;
    const amount = c.amount[i] as number;
    if (amount > 0) invoiced[k] = (invoiced[k] as number) + amount;
    for (let j = c.payStart[i] as number; j < (c.payStart[i + 1] as number); j++) paid[k] = (paid[k] as number) + (c.payAmount[j] as number);
  }
  reportOverpaid(c.customerIds, invoiced, paid, sheet, issues);
}

function reportOverpaid(ids: readonly string[], invoiced: ArrayLike<number>, paid: ArrayLike<number>, sheet: string, issues: IssueList): void {
  const overpaid = ids.filter((_, k) => (paid[k] as number) > (invoiced[k] as number) && (invoiced[k] as number) > 0);
  if (overpaid.length > 0) issues.add({ code: 'PaymentsExceedInvoices', severity: 'warning', sheet, params: { count: overpaid.length, customer: overpaid[0] as string } });
}

/** A warning for each of the file's own totals that the rows read do not add up to. */
export function reportSelfChecks(selfCheck: readonly SelfCheck[], sheet: string, issues: IssueList): void {
  for (const check of selfCheck) {
    if (check.fileCents === check.computedCents) continue;
    issues.add({ code: 'SelfCheckDiffers', severity: 'warning', sheet, params: { source: check.source, file: centsText(check.fileCents), computed: centsText(check.computedCents), difference: centsText(check.computedCents - check.fileCents), rows: check.rows.map((r) => r + 1).join(', ') } });
  }
}

/** What the import decided per column, for the report and the mapping panel. */
export type ColumnDecisions = {
  readonly dateOrders: Partial<Record<Field, DateOrder>>;
  readonly shownOrder: ReadonlySet<Field>;
  readonly assumedOrder: ReadonlySet<Field>;
  readonly decimals: Partial<Record<Field, DecimalSeparator>>;
};

export function describeColumns(headers: readonly string[], fieldOf: ReadonlyMap<number, Field>, samplesOf: (index: number) => string[], d: ColumnDecisions): ColumnInfo[] {
  return headers.map((header, index) => {
    const field = fieldOf.get(index) ?? null;
    const order = field ? d.dateOrders[field] : undefined;
    const decimal = field ? d.decimals[field] : undefined;
    const guess = field === null ? fieldCandidates(header)[0]?.field : undefined;
    return {
      index,
      letter: columnLetter(index),
      header,
      field,
      ...(field && d.shownOrder.has(field) && order ? { dateOrder: order, isDateOrderAssumed: d.assumedOrder.has(field) } : {}),
      ...(decimal ? { decimal } : {}),
      samples: samplesOf(index),
      ...(guess ? { guess } : {}),
    };
  });
}

/**
 * Rows of one invoice (same customer and number) become one item. Invoice-level figures repeated
 * on every line-item row (Zoho, Invoice Ninja) are taken once; line-level amounts are summed;
 * the same number on another date is a duplicate, kept apart and reported. In a general-ledger
 * layout (debit/credit), credit lines are payments of the invoice they name.
 */
/** The items of the rows kept, each given to `emit` as it is made; how many rows were merged into another. */
function mergeRecords(records: RowRecords, isGl: boolean, sheet: string, file: string, issues: IssueList, emit: (inv: Invoice) => void): number {
  // Groups of rows with the same customer and number, in the order of their first row. Indexed by
  // number alone (one map operation per row): the groups sharing a number are few, scanned in a list,
  // put in a map of their own when a number is shared by many customers.
  // A group is its first row (its head) and, when it has more, the rows kept in `more`: no array for
  // the many groups of one row. A number's slot: the one head with that number, the heads of the
  // customers sharing it, or a map of them when they are many. Rows are named by their index in `records`.
  const { number: numbers, amount } = records;
  const customerOf = (i: number): string => records.customerKey(i);
  const heads: number[] = [];
  const more = new Map<number, number[]>();
  const byNumber = new Map<string, number | number[] | Map<string, number>>();
  const singles: number[] = [];
  const join = (head: number, rec: number): void => {
    const rest = more.get(head);
    if (rest) rest.push(rec);
    else more.set(head, [rec]);
  };
  // Keys `customer/number` are distinct by construction unless a name, number or the sheet holds a
  // character the keys are made of; only then is every key checked against the ones already given.
  let isKeyCheckNeeded = /[/#!]/.test(sheet);
  for (let rec = 0; rec < records.count; rec++) {
    const number = numbers[rec] as string;
    const customer = customerOf(rec);
    if (!isKeyCheckNeeded && (hasKeyChar(number) || hasKeyChar(customer))) isKeyCheckNeeded = true;
    if (number === '') {
      singles.push(rec);
      continue;
    }
    const slot = byNumber.get(number);
    if (slot === undefined) {
      heads.push(rec);
      byNumber.set(number, rec);
    } else if (slot instanceof Map) {
      const head = slot.get(customer);
      if (head !== undefined) join(head, rec);
      else {
        heads.push(rec);
        slot.set(customer, rec);
      }
    } else if (Array.isArray(slot)) {
      const head = slot.find((x) => customerOf(x) === customer);
      if (head !== undefined) join(head, rec);
      else {
        heads.push(rec);
        slot.push(rec);
        if (slot.length > 8) byNumber.set(number, new Map(slot.map((x) => [customerOf(x), x])));
      }
    } else if (customerOf(slot) === customer) join(slot, rec);
    else {
      heads.push(rec);
      byNumber.set(number, [slot, rec]);
    }
  }
  for (const [number, slot] of byNumber) {
    if (typeof slot !== 'number') {
      const customers = slot instanceof Map ? [...slot.keys()] : slot.map(customerOf);
      issues.add({ code: 'DuplicateInvoice', severity: 'warning', sheet, params: { number, customers: customers.slice(0, 5).join(', ') } });
    }
  }
  byNumber.clear();
  const usedKeys = new Set<string>();
  // The next suffix to try per base, so that a base given many times costs no more each time.
  const nextSuffix = new Map<string, number>();
  const uniqueKey = (base: string): string => {
    if (!isKeyCheckNeeded) return base;
    let k = base;
    let n = nextSuffix.get(base) ?? 2;
    while (usedKeys.has(k)) k = `${base}#${n++}`;
    nextSuffix.set(base, n);
    usedKeys.add(k);
    return k;
  };
  let mergedRows = 0;
  const keyBase = (i: number): string => (numbers[i] !== '' ? `${customerOf(i)}/${numbers[i] as string}` : `${sheet}!${(records.row[i] as number) + 1}`);
  const amountAt = (i: number): number => amount[i] as number;
  const sumOf = (g: readonly number[], f: (i: number) => number): number => g.reduce((s, x) => s + f(x), 0);

  for (const head of heads) {
    const rest = more.get(head);
    if (rest === undefined && !isGl) {
      emit(fromRecord(uniqueKey(keyBase(head)), records, head, file, sheet));
      continue;
    }
    const g = rest === undefined ? [head] : [head, ...rest];
    if (isGl) {
      const charges = g.filter((x) => amountAt(x) > 0);
      const creditLines = g.filter((x) => amountAt(x) <= 0);
      if (charges.length === 0) {
        // Credits only: a payment or credit note whose invoice is not in the file.
        emit(toInvoice(uniqueKey(keyBase(head)), records, head, sumOf(g, amountAt), NO_PAYMENTS, records.movement(head) === 'credit' ? 'credit' : 'payment', file, sheet));
        mergedRows += g.length - 1;
        continue;
      }
      const main = charges[0] as number;
      const payments: Payment[] = creditLines.filter((x) => amountAt(x) !== 0).map((x) => ({ day: records.paymentDateAt(x) ?? records.issuedAt(x), amount: -amountAt(x) as Cents }));
      emit(toInvoice(uniqueKey(keyBase(main)), records, main, sumOf(charges, amountAt), payments, 'invoice', file, sheet));
      mergedRows += g.length - 1;
      continue;
    }
    if (g.length === 1) {
      emit(fromRecord(uniqueKey(keyBase(head)), records, head, file, sheet));
      continue;
    }
    const issued = records.issued[head];
    const isRepeat = g.every((x) => amountAt(x) === amountAt(head) && records.paidAt(x) === records.paidAt(head) && records.openAt(x) === records.openAt(head) && records.issued[x] === issued);
    if (isRepeat) {
      emit(fromRecord(uniqueKey(keyBase(head)), records, head, file, sheet));
      mergedRows += g.length - 1;
      continue;
    }
    const isSameDocument = g.every((x) => records.issued[x] === issued);
    if (isSameDocument) {
      // Line items with their own amounts: sum them.
      const sum = (f: (i: number) => number | null): number | null => (g.every((x) => f(x) === null) ? null : g.reduce((s, x) => s + (f(x) ?? 0), 0));
      const figures = { amount: sumOf(g, amountAt), paid: sum((x) => records.paidAt(x)), open: sum((x) => records.openAt(x)) };
      emit(fromRecord(uniqueKey(keyBase(head)), records, head, file, sheet, figures));
      mergedRows += g.length - 1;
      continue;
    }
    issues.add({ code: 'DuplicateInvoice', severity: 'warning', sheet, row: (records.row[g[1] as number] as number) + 1, params: { number: numbers[head] as string, customers: customerOf(head) } });
    // The group's key is its own: suffixes #2, #3… are distinct from every other key.
    g.forEach((rec, n) => emit(fromRecord(isKeyCheckNeeded ? uniqueKey(keyBase(rec)) : n === 0 ? keyBase(rec) : `${keyBase(rec)}#${n + 1}`, records, rec, file, sheet)));
  }
  for (const rec of singles) {
    if (isGl && amountAt(rec) <= 0) emit(toInvoice(uniqueKey(keyBase(rec)), records, rec, amountAt(rec), NO_PAYMENTS, records.movement(rec) === 'credit' ? 'credit' : 'payment', file, sheet));
    else emit(fromRecord(uniqueKey(keyBase(rec)), records, rec, file, sheet));
  }
  return mergedRows;
}

export const KEY_CHAR = /[/#!]/;

function hasKeyChar(s: string): boolean {
  return KEY_CHAR.test(s);
}

/** A row's item; `figures`: the amounts of the line items merged into it, when they are summed. */
function fromRecord(key: string, records: RowRecords, i: number, file: string, sheet: string, figures?: { amount: number; paid: number | null; open: number | null }): Invoice {
  const amount = figures ? figures.amount : (records.amount[i] as number);
  const open = figures ? figures.open : records.openAt(i);
  const paidColumn = figures ? figures.paid : records.paidAt(i);
  // What the row says is paid: amount − open, the paid column, or all of it when a payment date or a status says so.
  let paid = 0;
  if (open !== null) paid = amount - open;
  else if (paidColumn !== null) paid = paidColumn;
  else if (records.paymentDateAt(i) !== null || records.isSettledByStatus(i)) paid = amount;
  const payments: readonly Payment[] = paid === 0 ? NO_PAYMENTS : [{ day: records.paymentDateAt(i), amount: paid as Cents }];
  return toInvoice(key, records, i, amount, payments, amount < 0 ? 'credit' : 'invoice', file, sheet);
}

function toInvoice(key: string, records: RowRecords, i: number, amount: number, payments: readonly Payment[], kind: ItemKind, file: string, sheet: string): Invoice {
  const fileTermsDays = records.fileTermsDaysAt(i);
  const channel = records.channel(i);
  return {
    key,
    number: records.number[i] as string,
    customerId: records.customerKey(i),
    issued: records.issuedAt(i),
    due: records.dueAt(i),
    isDueDerived: records.isDueDerived(i),
    ...(fileTermsDays !== null ? { fileTermsDays } : {}),
    amount: amount as Cents,
    payments,
    kind,
    currency: records.currency(i),
    isDisputed: records.isDisputed(i),
    ...(channel !== null ? { channel } : {}),
    source: { file, sheet, row: (records.row[i] as number) + 1 },
  };
}

/** Total and subtotal lines: a total word in an identifying cell, or figures with nothing to identify them. */
function isTotalRow(row: readonly Cell[], number: string, code: string, name: string, m: Mapping): boolean {
  // Every total word starts with one of these letters (accents aside): test that before normalising.
  for (const s of [number, code, name]) if (s !== '' && TOTAL_START.test(s) && TOTAL.test(normalizeWord(s))) return true;
  if (number !== '' || code !== '' || name !== '') return false;
  // Nothing identifies the row: look for a total word anywhere in its text cells.
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v === 'string' && TOTAL.test(normalizeWord(v))) return true;
  }
  // Figures with no customer and no invoice number are summary lines when the file has those columns.
  return m.customerName !== undefined || m.customerCode !== undefined || m.invoiceNumber !== undefined;
}

function isBlankRow(row: readonly Cell[]): boolean {
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' || v.trim() !== '') return false;
  }
  return true;
}

export function normalizeWord(s: string): string {
  if (s === '') return s;
  // Fast path: plain ASCII needs no Unicode decomposition (this runs on every row).
  if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase().trim();
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** "Net 30", "30 jours", "45 days", "Due on Receipt", "comptant" → days; null when not understood. */
export function parseTerms(s: string): number | null {
  const t = normalizeWord(s);
  if (t === '') return null;
  if (/receipt|reception|comptant|immediat|cash/.test(t)) return 0;
  const m = /(\d{1,3})/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 365 ? n : null;
}

export function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

const INVOICE_TYPE = /^(facture|fact|fac|fa|f|invoice|inv|vente|sale|debit|note de debit|debit note)$/;
const CREDIT_TYPE = /^(avoir|av|a|credit note|creditnote|credit|note de credit|refund|remboursement|rembt)$/;
const PAYMENT_TYPE = /^(reglement|regl|rgt|paiement|payment|pmt|pay|encaissement|versement|receipt|recu|virement|vir|cheque|chq|cb|carte|prelevement|especes|acompte|invoice payment)$/;

/** A movement's type from its label in French or English (accents and case aside); undefined when unknown. */
function movementKind(typeText: string): Movement | undefined {
  const t = normalizeWord(typeText);
  if (INVOICE_TYPE.test(t)) return 'invoice';
  if (CREDIT_TYPE.test(t)) return 'credit';
  if (PAYMENT_TYPE.test(t)) return 'payment';
  return undefined;
}

/**
 * Movement layouts: a payment or credit note names the invoice it settles in an "applied to" column
 * (already its number), or in its label: an invoice number of the same customer found there, once,
 * links it. The rest stays the customer's credit on account. Payments are dated by their own row.
 */
function linkMovements(records: RowRecords, issues: IssueList, sheet: string): void {
  const invoicesByCustomer = new Map<string, Set<string>>();
  for (let i = 0; i < records.count; i++) {
    const number = records.number[i] as string;
    if (records.movement(i) !== 'invoice' || number === '') continue;
    const key = records.customerKey(i);
    const set = invoicesByCustomer.get(key) ?? new Set<string>();
    set.add(number);
    invoicesByCustomer.set(key, set);
  }
  let invoices = 0;
  let credits = 0;
  let payments = 0;
  let linked = 0;
  let onAccount = 0;
  for (let i = 0; i < records.count; i++) {
    const movement = records.movement(i);
    if (movement === 'invoice') {
      invoices++;
      continue;
    }
    if (movement === 'credit') credits++;
    else if (movement === 'payment') payments++;
    else continue;
    if (movement === 'payment' && records.paymentDate[i] === NO_DAY) records.paymentDate[i] = records.issued[i] as number;
    const own = invoicesByCustomer.get(records.customerKey(i));
    if (own?.has(records.number[i] as string)) {
      linked++;
      continue;
    }
    const words = (records.label(i) ?? '').split(/[\s,;:()]+/).filter((w) => own?.has(w));
    if (words.length === 1) {
      records.number[i] = words[0] as string;
      linked++;
    } else onAccount++; // nothing to settle: the customer's credit on account
  }
  issues.add({ code: 'MovementsLayout', severity: 'info', sheet, params: { invoices, credits, payments, linked, onAccount } });
}

type Heading = { readonly code: string; readonly name: string; readonly text: string };

/** Is a total line the subtotal of this section ("Total C100", "Total Garage Bérénice")? */
function sectionTotalOf(row: readonly Cell[], section: Heading): boolean {
  const words = row.filter((v): v is string => typeof v === 'string').map(normalizeWord).join(' ');
  return (section.code !== '' && words.includes(normalizeWord(section.code))) || (section.name !== '' && words.includes(normalizeWord(section.name)));
}

/** "C100 - Boulangerie Martin SARL", "Client : Boulangerie Martin", "Compte 411BOUL Boulangerie Martin", "411000 Martin". */
const HEADING_PATTERNS: readonly RegExp[] = [
  /^(?:client|customer|tiers|compte(?: client| tiers)?|account)\s*(?:n[°o]\s*)?:?\s*([A-Z0-9][A-Z0-9._/-]{0,19})\s*[-–:]\s*(.+)$/i,
  /^(?:client|customer|tiers|compte(?: client| tiers)?|account)\s*(?:n[°o]\s*)?:?\s*(411[A-Z0-9]*)\s+(.+)$/i,
  /^(?:client|customer|tiers)\s*:\s*()(.+)$/i,
  /^(411[A-Z0-9]*)\s*[-–:]?\s+(.+)$/i,
  /^([A-Z]{1,4}\d{1,8}|\d{2,8})\s*[-–:]\s+(.+)$/,
];

/**
 * The heading rows of a report by customer: a row with no figure, one or two text cells, the first
 * reading like a customer heading, followed by rows that have figures. Used only when the sheet has no
 * customer column (or one left empty on the data rows): a real column always wins.
 */
function findSections(rows: readonly (readonly Cell[] | undefined)[], first: number, m: Mapping, width: number): { headings: Map<number, Heading>; totals: Set<number> } {
  const headings = new Map<number, Heading>();
  // Total lines too, so that "Total C100" in a date column never counts as a value of that column.
  const totals = new Set<number>();
  const figureColumns = (['amount', 'debit', 'credit', 'open', 'amountHt', 'paid'] as const).map((f) => m[f]).filter((c): c is number => c !== undefined);
  if (figureColumns.length === 0) return { headings, totals };
  const hasFigure = (row: readonly Cell[] | undefined) => row !== undefined && figureColumns.some((c) => { const v = row[c]; return typeof v === 'number' || (typeof v === 'string' && /\d/.test(v)); });
  const customerColumns = [m.customerCode, m.customerName].filter((c): c is number => c !== undefined);
  for (let r = first; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const lead = row.find((v) => typeof v === 'string' && v.trim() !== '');
    if (typeof lead === 'string' && TOTAL_START.test(lead) && TOTAL.test(normalizeWord(lead))) {
      totals.add(r);
      continue;
    }
    if (hasFigure(row)) continue;
    const texts: string[] = [];
    for (let c = 0; c < Math.min(row.length, width); c++) {
      const v = row[c];
      if (v !== undefined && v !== null && !isBlankCell(v)) texts.push(cellText(v).trim());
    }
    if (texts.length === 0 || texts.length > 2) continue;
    const joined = texts.join(' ');
    let heading: Heading | undefined;
    for (const re of HEADING_PATTERNS) {
      const mm = re.exec(joined);
      if (mm) {
        heading = { code: (mm[1] ?? '').trim(), name: (mm[2] ?? '').trim(), text: joined };
        break;
      }
    }
    if (!heading || heading.name === '' || TOTAL.test(normalizeWord(joined))) continue;
    // Rows with figures follow, and they carry no customer of their own.
    let next = r + 1;
    while (next < rows.length && (!rows[next] || (rows[next] as Cell[]).every((c) => isBlankCell(c)))) next++;
    const after = rows[next];
    if (!hasFigure(after) || customerColumns.some((c) => !isBlankCell(after?.[c] ?? null))) continue;
    headings.set(r, heading);
  }
  return { headings, totals };
}

/** 123456 → "1234.56" (a plain figure inside a message; the page formats amounts of its own). */
function centsText(c: number): string {
  const neg = c < 0 ? '-' : '';
  const abs = Math.abs(c);
  return `${neg}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A general ledger's running balance ("Solde" beside Débit and Crédit) against the lines read: each
 * line's balance should be the one before plus its debit − credit, per customer account (or over the
 * whole file when the balance never restarts). The rows named are those where the gap between the
 * file and the lines read changes: a line lost, added or altered, not every line after it (the
 * first twenty of them).
 */
const MAX_ROWS_NAMED = 20;

function checkRunningBalance(records: RowRecords): SelfCheck | null {
  // The rows were kept in the sheet's order.
  const carrying: number[] = [];
  for (let i = 0; i < records.count; i++) if (records.runningAt(i) !== undefined) carrying.push(i);
  // No balance at all, or a balance of the line itself (debit − credit): nothing runs.
  if (carrying.length === 0 || carrying.every((i) => records.runningAt(i) === records.amount[i])) return null;
  const walk = (keyOf: (i: number) => string) => {
    const computed = new Map<string, number>();
    const last = new Map<string, number>();
    const gap = new Map<string, number>();
    const rows: number[] = [];
    for (let i = 0; i < records.count; i++) {
      const key = keyOf(i);
      const c = (computed.get(key) ?? 0) + (records.amount[i] as number);
      computed.set(key, c);
      const running = records.runningAt(i);
      if (running === undefined) continue;
      last.set(key, running);
      const g = running - c;
      if (g !== (gap.get(key) ?? 0)) rows.push(records.row[i] as number);
      gap.set(key, g);
    }
    let fileCents = 0;
    let computedCents = 0;
    for (const [key, v] of last) {
      fileCents += v;
      computedCents += computed.get(key) ?? 0;
    }
    return { source: 'running balance' as const, fileCents, computedCents, rows };
  };
  const perAccount = walk((i) => records.customerKey(i));
  const whole = walk(() => '');
  const best = whole.rows.length < perAccount.rows.length ? whole : perAccount;
  return { ...best, rows: best.rows.slice(0, MAX_ROWS_NAMED) };
}

/**
 * The file's own totals against what was read: the grand total line (the last total that is not a
 * section's), and each customer section's subtotal. The figure compared is the amount column (net of
 * debit − credit in a general-ledger layout), which every kind of total carries.
 */
function checkAgainstFile(totals: readonly { row: number; cells: readonly Cell[]; isSection: boolean }[], records: RowRecords, isGl: boolean, amountAt: (cells: readonly Cell[], f: Field) => number | null): SelfCheck[] {
  const figure = (cells: readonly Cell[]): number | null => {
    if (isGl) {
      const d = amountAt(cells, 'debit');
      const c = amountAt(cells, 'credit');
      return d === null && c === null ? null : (d ?? 0) - (c ?? 0);
    }
    return amountAt(cells, 'amount') ?? amountAt(cells, 'amountHt');
  };
  const out: SelfCheck[] = [];
  const sections = totals.filter((t) => t.isSection);
  if (sections.length > 0) {
    // Each subtotal closes the section above it.
    let fileSum = 0;
    let computedSum = 0;
    const wrong: number[] = [];
    let start = -1;
    for (const t of sections) {
      const f = figure(t.cells);
      const from = start;
      start = t.row;
      if (f === null) continue;
      const c = amountOfRows(records, (i) => (records.row[i] as number) > from && (records.row[i] as number) < t.row && records.section(i) !== undefined);
      fileSum += f;
      computedSum += c;
      if (c !== f) wrong.push(t.row);
    }
    out.push({ source: 'subtotals', fileCents: fileSum, computedCents: computedSum, rows: wrong });
  }
  if (isGl) {
    const running = checkRunningBalance(records);
    if (running) out.push(running);
  }
  const grand = [...totals].reverse().find((t) => !t.isSection);
  const g = grand ? figure(grand.cells) : null;
  if (grand && g !== null) {
    const c = amountOfRows(records, (i) => (records.row[i] as number) < grand.row);
    out.push({ source: 'total row', fileCents: g, computedCents: c, rows: c === g ? [] : [grand.row] });
  }
  return out;
}

/** The sum of the amounts of the rows kept that `take` says, in the order they were kept. */
function amountOfRows(records: RowRecords, take: (i: number) => boolean): number {
  let sum = 0;
  for (let i = 0; i < records.count; i++) if (take(i)) sum += records.amount[i] as number;
  return sum;
}
