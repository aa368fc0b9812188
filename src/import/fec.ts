/**
 * FEC (Fichier des Écritures Comptables, art. A47 A-1 LPF) → customer open items, after
 * formats.md §1: the receivable accounts (411…, optionally 413/416), customers from
 * CompAuxNum/CompAuxLib (else the account), lettrage groups settled by matching debits with
 * credits (oldest invoice first), unlettered debits open, unlettered credits left as credit notes
 * (sales journals) or payments on account. Without any lettrage on the receivable accounts each
 * customer's credits are applied to its oldest debits (FIFO), which the report says. The FEC has
 * no due date: it is derived from the payment-terms setting, and the report says that too.
 */
import { IssueList, customersByIdOf, lazyLedger, NO_DAY, paymentsAt, type Cents, type Customer, type Day, type Invoice, type ItemKind, type Ledger, type LedgerColumns } from '../core/index.ts';
import { cellText, type Sheet } from './grid.ts';
import { normalizeHeader } from './map-columns.ts';
import { parseAmountText, parseDateText } from './parse-cells.ts';
import type { SkipReason } from './to-ledger.ts';
import { owned } from './owned.ts';
import { ColumnOf, moved, release } from '../core/typed-arrays.ts';

export type FecOptions = {
  readonly fileName: string;
  readonly defaultTermsDays: number;
  /** Account prefixes read as receivables (default 411; 413 and 416 on request). */
  readonly accountPrefixes?: readonly string[];
  /** Payment terms per customer (id → days), overriding `defaultTermsDays`. */
  readonly customerTerms?: Readonly<Record<string, number>>;
};

export type FecBuild = {
  readonly ledger: Ledger;
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly skipped: Record<SkipReason, number>;
  readonly hasLettrage: boolean;
};

const REQUIRED = ['journalcode', 'ecrituredate', 'comptenum', 'pieceref'] as const;

/** True when the header row names the FEC's mandatory fields. */
export function isFecHeader(headers: readonly string[]): boolean {
  const names = new Set(headers.map(normalizeHeader));
  return REQUIRED.every((f) => names.has(f)) && (names.has('debit') || names.has('montant'));
}

export function buildFecLedger(sheet: Sheet, headerIndex: number, headers: readonly string[], o: FecOptions, issues: IssueList): FecBuild {
  const reader = new FecLines(headers, o, sheet.name, issues);
  for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row || row.every((c) => c === null || cellText(c).trim() === '')) reader.blank();
    else
      reader.read((i) => {
        const v = row[i];
        return v === undefined || v === null ? null : cellText(v).trim();
      }, r);
  }
  return fecLedgerOf(reader, o, sheet.name, issues);
}

/**
 * The FEC's lines read from rows of any source (a sheet's cells, or ranges of the text in the fused
 * reader): the receivable ones kept as columns (a million-line FEC has hundreds of thousands of
 * them: no object per line), the others counted by why they were skipped.
 */
export class FecLines {
  /** Lines kept; line k is at index k of each column below (the columns have room beyond `count`). */
  count = 0;
  /** 1-based row of each line. */
  row = new Int32Array(FIRST_ROOM);
  /** Each line's customer: its number in `customerKeys` (numbered as first seen). */
  customer = new Int32Array(FIRST_ROOM);
  /** Customer keys (CompAuxNum, else the account) and the name of each one's first line. */
  readonly customerKeys: string[] = [];
  readonly customerNames: string[] = [];
  readonly piece: string[] = [];
  /** EcritureDate, PieceDate, DateRglt (NO_DAY when none). */
  date = new Int32Array(FIRST_ROOM);
  pieceDate = new Int32Array(FIRST_ROOM);
  payDate = new Int32Array(FIRST_ROOM);
  signed = new Float64Array(FIRST_ROOM);
  /** Each line's lettrage code: its number in `lettrageCodes`, 0 for none (the code ''). */
  lettrage = new Int32Array(FIRST_ROOM);
  readonly lettrageCodes: string[] = [''];
  /** OPENING (an à-nouveau), SALES_JOURNAL (a credit left over is a credit note, not a payment). */
  flags = new Uint8Array(FIRST_ROOM);
  rowsRead = 0;
  readonly skipped: Record<SkipReason, number> = { blank: 0, repeatedHeader: 0, sectionHeading: 0, total: 0, draft: 0, otherCurrency: 0, notReceivable: 0, error: 0 };
  /** Account prefixes read as receivables. */
  readonly prefixes: readonly string[];
  /** Column of each normalized header (the first of a name). */
  readonly col = new Map<string, number>();
  private readonly sheetName: string;
  private readonly issues: IssueList;
  /** Dates read once per distinct text: a FEC's million lines have a few hundred dates. */
  private readonly dates = new Map<string, number>();
  private readonly customerIndex = new Map<string, number>();
  private readonly lettrageIndex = new Map<string, number>();
  /** The columns each field is read from, looked up once (the first of its names that the header has). */
  private readonly at: { readonly [F in keyof typeof FIELDS]: readonly number[] };

  constructor(headers: readonly string[], o: FecOptions, sheetName: string, issues: IssueList) {
    headers.forEach((h, i) => {
      const k = normalizeHeader(h);
      if (!this.col.has(k)) this.col.set(k, i);
    });
    const at = {} as Record<keyof typeof FIELDS, number[]>;
    for (const f of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) at[f] = FIELDS[f].flatMap((n) => this.col.get(n) ?? []);
    this.at = at;
    this.prefixes = o.accountPrefixes ?? ['411'];
    this.sheetName = sheetName;
    this.issues = issues;
  }

  private dateOf(s: string): number {
    if (s === '') return NO_DAY;
    let d = this.dates.get(s);
    if (d === undefined) {
      d = parseDateText(s, 'dmy') ?? NO_DAY;
      this.dates.set(owned(s), d);
    }
    return d;
  }

  /** The day line k's item is issued: its piece's date, else the entry's (NO_DAY when neither). */
  issued(k: number): number {
    return this.pieceDate[k] !== NO_DAY ? (this.pieceDate[k] as number) : (this.date[k] as number);
  }

  /** A row with nothing in it. */
  blank(): void {
    this.rowsRead++;
    this.skipped.blank++;
  }

  /** A row whose account is not a receivable one (the fused reader tells it from the characters). */
  notReceivable(): void {
    this.rowsRead++;
    this.skipped.notReceivable++;
  }

  /** Row r (0-based) of cells given by `cell`: column i's text trimmed, or null when the row has no such cell. */
  read(cell: (i: number) => string | null, r: number): void {
    this.rowsRead++;
    const at = this.at;
    /** The field's text in the first of its columns the row has a cell in ('' when none). */
    const get = (columns: readonly number[]): string => {
      for (let j = 0; j < columns.length; j++) {
        const v = cell(columns[j] as number);
        if (v !== null) return v;
      }
      return '';
    };
    const account = get(at.account);
    if (!this.prefixes.some((p) => account.startsWith(p))) {
      this.skipped.notReceivable++;
      return;
    }
    let signed: number | null;
    if (this.col.has('debit')) {
      const d = amountOf(get(at.debit));
      const c = amountOf(get(at.credit));
      signed = d === null || c === null ? null : d - c;
    } else {
      const m = amountOf(get(at.amount));
      const sens = get(at.sens).toUpperCase();
      signed = m === null ? null : sens === 'C' || sens === '-1' ? -m : m;
    }
    if (signed === null) {
      this.issues.add({ code: 'InvalidAmount', severity: 'error', sheet: this.sheetName, row: r + 1, column: this.col.has('debit') ? 'Debit/Credit' : 'Montant' });
      this.skipped.error++;
      return;
    }
    const journal = get(at.journal);
    const label = get(at.label);
    const key = get(at.aux) || account;
    let customer = this.customerIndex.get(key);
    if (customer === undefined) {
      // Copies, not slices (owned.ts): the fused reader's lines would keep every piece of the text alive.
      const id = owned(key);
      const name = get(at.auxName) || get(at.accountName);
      customer = this.customerKeys.length;
      this.customerKeys.push(id);
      this.customerNames.push(name === '' ? id : owned(name));
      this.customerIndex.set(id, customer);
    }
    const code = get(at.lettrage);
    let lettrage = code === '' ? 0 : this.lettrageIndex.get(code);
    if (lettrage === undefined) {
      lettrage = this.lettrageCodes.length;
      this.lettrageCodes.push(owned(code));
      this.lettrageIndex.set(this.lettrageCodes[lettrage] as string, lettrage);
    }
    const isOpening = /^(an|ano|ran|anouv|nouv)$/i.test(journal) || /a[\s-]?nouveau/i.test(label);
    const k = this.count;
    if (k === this.row.length) this.grow();
    this.row[k] = r + 1;
    this.customer[k] = customer;
    this.piece.push(owned(get(at.piece)));
    this.date[k] = this.dateOf(get(at.date));
    this.pieceDate[k] = this.dateOf(get(at.pieceDate));
    this.signed[k] = signed;
    this.lettrage[k] = lettrage;
    this.payDate[k] = this.dateOf(get(at.payDate));
    this.flags[k] = (isOpening ? OPENING : 0) | (SALES_JOURNAL.test(journal) ? IS_SALES_JOURNAL : 0);
    this.count++;
  }

  /** The columns let go at once (fecLedgerOf is done with them: the ledger keeps its own). */
  letGo(): void {
    for (const column of [this.row, this.customer, this.date, this.pieceDate, this.payDate, this.signed, this.lettrage, this.flags]) release(column);
  }

  /** Twice the room in every column; the old columns' memory goes at once (no copy waits for a collection). */
  private grow(): void {
    const room = this.row.length * 2;
    const twice = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => moved(a, room);
    this.row = twice(this.row);
    this.customer = twice(this.customer);
    this.date = twice(this.date);
    this.pieceDate = twice(this.pieceDate);
    this.payDate = twice(this.payDate);
    this.signed = twice(this.signed);
    this.lettrage = twice(this.lettrage);
    this.flags = twice(this.flags);
  }
}

const FIRST_ROOM = 1024;

/** Each field FecLines reads and the normalized header names it is read from, in order of preference. */
const FIELDS = {
  account: ['comptenum'],
  debit: ['debit'],
  credit: ['credit'],
  amount: ['montant'],
  sens: ['sens'],
  journal: ['journalcode'],
  label: ['ecriturelib'],
  aux: ['compauxnum', 'compteauxnum'],
  auxName: ['compauxlib', 'compteauxlib'],
  accountName: ['comptelib'],
  piece: ['pieceref'],
  date: ['ecrituredate'],
  pieceDate: ['piecedate'],
  lettrage: ['ecriturelet', 'ecrturelet', 'ecriturelettrage'],
  payDate: ['daterglt'],
} as const;

const OPENING = 1;
const IS_SALES_JOURNAL = 2;
const SALES_JOURNAL = /^(ve|vt|ven|vte|vtes)/i;
const INVOICE = 0, CREDIT = 1, PAYMENT = 2;
const KINDS: readonly ItemKind[] = ['invoice', 'credit', 'payment'];

const amountOf = (s: string): number | null => (s === '' ? 0 : (parseAmountText(s, ',')?.cents ?? null));

/**
 * The ledger of the lines read: lettrage groups settled, open items, credits and payments on account.
 * Kept as columns first (core/ledger.ts lazyLedger): the items' objects are made when asked for.
 */
export function fecLedgerOf(reader: FecLines, o: FecOptions, sheetName: string, issues: IssueList): FecBuild {
  const { rowsRead, skipped, count: n, customerKeys } = reader;
  const { row, customer, piece, date, payDate, signed, lettrage, flags } = reader;
  const hasLettrage = reader.lettrageCodes.length > 1;
  // Each customer's lines in file order, customers in the order of their first line.
  const starts = new Int32Array(customerKeys.length + 1);
  for (let k = 0; k < n; k++) {
    const c = (customer[k] as number) + 1;
    starts[c] = (starts[c] as number) + 1;
  }
  for (let c = 0; c < customerKeys.length; c++) starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
  const byCustomer = new Int32Array(n);
  const at = starts.slice(0, customerKeys.length);
  for (let k = 0; k < n; k++) {
    const c = customer[k] as number;
    byCustomer[at[c] as number] = k;
    at[c] = (at[c] as number) + 1;
  }

  // The items: their line, amount and kind, their payments end to end, their keys.
  const itemLine = new ColumnOf(new Int32Array(0));
  const itemAmount = new ColumnOf(new Float64Array(0));
  const itemKind = new ColumnOf(new Uint8Array(0));
  const itemSuffix = new ColumnOf(new Int32Array(0));
  const payStarts = new ColumnOf(new Int32Array(0));
  const payDays = new ColumnOf(new Int32Array(0));
  const payAmounts = new ColumnOf(new Float64Array(0));
  let derivedDue = 0;
  let openingItems = 0;
  // Keys already taken. When no customer key holds a '/', a key's customer is the text before its
  // first '/': keys of two customers never meet, and each customer's are checked by what follows the
  // '/' only (the piece, a string the line already holds), in a set emptied at the next customer.
  const perCustomer = customerKeys.every((id) => !id.includes('/'));
  const keys = new Set<string>();
  // The next suffix to try per base: a piece shared by many lines (a monthly payment batch, opening
  // entries) costs no more per line than any other.
  const nextSuffix = new Map<string, number>();
  let keysOf = -1;
  /** The suffix line k's key takes after its base (0: none), the key being made with the item (itemKey). */
  const suffixOf = (k: number): number => {
    const c = customer[k] as number;
    if (perCustomer && c !== keysOf) {
      keys.clear();
      nextSuffix.clear();
      keysOf = c;
    }
    const rest = keyRest(piece[k] as string, row[k] as number);
    const base = perCustomer ? rest : `${customerKeys[c] as string}/${rest}`;
    if (!keys.has(base)) {
      keys.add(base);
      return 0;
    }
    let next = nextSuffix.get(base) ?? 2;
    while (keys.has(`${base}#${next}`)) next++;
    keys.add(`${base}#${next}`);
    nextSuffix.set(base, next + 1);
    return next;
  };
  /** A new item of line k; its payments are pushed after it. */
  const item = (k: number, amount: number, kind: number): void => {
    if (kind === INVOICE && reader.issued(k) !== NO_DAY) derivedDue++;
    if (((flags[k] as number) & OPENING) !== 0) openingItems++;
    itemLine.push(k);
    itemAmount.push(amount);
    itemKind.push(kind);
    itemSuffix.push(suffixOf(k));
    payStarts.push(payDays.length);
  };
  const leftOverKind = (k: number) => (((flags[k] as number) & IS_SALES_JOURNAL) !== 0 ? CREDIT : PAYMENT);
  const byDate = (day: (k: number) => number) => (a: number, b: number) => (day(a) === NO_DAY ? 0 : day(a)) - (day(b) === NO_DAY ? 0 : day(b)) || (row[a] as number) - (row[b] as number);
  const byIssue = byDate((k) => reader.issued(k));
  const byEntry = byDate((k) => date[k] as number);
  /** Debits settled by credits, oldest debit first; credits left over stay as one negative item each. */
  const settle = (group: readonly number[]): void => {
    if (group.length <= 2 && settleSmall(group)) return;
    const debits = group.filter((k) => (signed[k] as number) > 0).sort(byIssue);
    const credits = group.filter((k) => (signed[k] as number) < 0).sort(byEntry);
    const left = debits.map((k) => signed[k] as number);
    // Payments as they are taken: the debit index only grows, so they come debit by debit.
    const paidTo: number[] = [];
    const paidDay: number[] = [];
    const paidAmount: number[] = [];
    let i = 0;
    for (const c of credits) {
      let remaining = -(signed[c] as number);
      const day = payDate[c] !== NO_DAY ? (payDate[c] as number) : (date[c] as number);
      while (remaining > 0 && i < debits.length) {
        const take = Math.min(remaining, left[i] as number);
        if (take > 0) {
          paidTo.push(i);
          paidDay.push(day);
          paidAmount.push(take);
          left[i] = (left[i] as number) - take;
          remaining -= take;
        }
        if ((left[i] as number) === 0) i++;
      }
      if (remaining > 0) item(c, -remaining, leftOverKind(c));
    }
    let p = 0;
    debits.forEach((d, j) => {
      item(d, signed[d] as number, INVOICE);
      for (; p < paidTo.length && paidTo[p] === j; p++) {
        payDays.push(paidDay[p] as number);
        payAmounts.push(paidAmount[p] as number);
      }
    });
  };
  /**
   * The groups most lettrage makes, settled as `settle` would settle them without its arrays: one line
   * (a debit open, a credit left over), or one debit and one credit (an invoice and its payment). False
   * for any other group of two.
   */
  const settleSmall = (group: readonly number[]): boolean => {
    const a = group[0] as number;
    const va = signed[a] as number;
    if (group.length === 1) {
      if (va > 0) item(a, va, INVOICE);
      else if (va < 0) item(a, va, leftOverKind(a));
      return true;
    }
    const b = group[1] as number;
    const vb = signed[b] as number;
    if (!((va > 0 && vb < 0) || (va < 0 && vb > 0))) return false;
    const d = va > 0 ? a : b;
    const c = va > 0 ? b : a;
    const debit = va > 0 ? va : vb;
    const credit = va > 0 ? -vb : -va;
    const take = Math.min(credit, debit);
    if (credit > take) item(c, take - credit, leftOverKind(c));
    item(d, debit, INVOICE);
    payDays.push(payDate[c] !== NO_DAY ? (payDate[c] as number) : (date[c] as number));
    payAmounts.push(take);
    return true;
  };
  for (let c = 0; c < customerKeys.length; c++) {
    const list = Array.from(byCustomer.subarray(starts[c], starts[c + 1]));
    if (!hasLettrage) {
      settle(list);
      continue;
    }
    const groups = new Map<number, number[]>();
    for (const k of list) {
      const l = lettrage[k] as number;
      if (l === 0) {
        const v = signed[k] as number;
        if (v > 0) item(k, v, INVOICE);
        else if (v < 0) item(k, v, leftOverKind(k));
        continue;
      }
      const g = groups.get(l);
      if (g) g.push(k);
      else groups.set(l, [k]);
    }
    for (const g of groups.values()) settle(g);
  }
  if (!hasLettrage && n > 0) issues.add({ code: 'FecNoLettrage', severity: 'warning', sheet: sheetName });
  if (derivedDue > 0) issues.add({ code: 'FecDueDatesDerived', severity: 'warning', sheet: sheetName, params: { count: derivedDue, days: o.defaultTermsDays } });
  if (openingItems > 0) issues.add({ code: 'FecOpeningEntries', severity: 'warning', sheet: sheetName, params: { count: openingItems } });
  const customers: Customer[] = customerKeys.map((id, c) => ({ id, code: id, name: reader.customerNames[c] as string }));
  const items = { itemLine: itemLine.done(), itemAmount: itemAmount.done(), itemKind: itemKind.done(), itemSuffix: itemSuffix.done(), payStarts: payStarts.done(), payDays: payDays.done(), payAmounts: payAmounts.done() };
  const ledger = itemsLedger(reader, o, sheetName, customers, items);
  reader.letGo();
  return { ledger, rowsRead, rowsUsed: n, skipped, hasLettrage };
}

type Items = {
  readonly itemLine: Int32Array;
  readonly itemAmount: Float64Array;
  readonly itemKind: Uint8Array;
  readonly itemSuffix: Int32Array;
  readonly payStarts: Int32Array;
  readonly payDays: Int32Array;
  readonly payAmounts: Float64Array;
};

/** An item's key before any suffix: its customer and its piece (or its line's row when it has none). */
const baseKey = (customerKey: string, piece: string, row: number): string => `${customerKey}/${keyRest(piece, row)}`;
const keyRest = (piece: string, row: number): string => piece || `L${row}`;

/**
 * The items as a ledger's columns, and their objects made on demand as the general builder would make
 * them. What the objects need of the lines (number, row, opening flag) is copied per item here: the
 * ledger lives on, and the reader's per-line arrays (a million lines' pieces, dates, lettrage…) must
 * not live with it.
 */
function itemsLedger(reader: FecLines, o: FecOptions, sheetName: string, customers: readonly Customer[], items: Items): Ledger {
  const { itemLine, itemAmount, itemKind, itemSuffix, payStarts, payDays, payAmounts } = items;
  const count = itemLine.length;
  const lineCustomer = reader.customer;
  const issued = new Int32Array(count);
  const due = new Int32Array(count);
  const isSale = new Uint8Array(count);
  const termsDerived = new Uint8Array(count);
  const customer = new Int32Array(count);
  const payStart = new Int32Array(count + 1);
  payStart.set(payStarts);
  payStart[count] = payDays.length;
  const kind = itemKind;
  const numbers: string[] = new Array<string>(count);
  const rows = new Int32Array(count);
  const opening = new Uint8Array(count);
  // Customers numbered in the order of their first item, as ledgerColumns numbers them.
  const numberOf = new Int32Array(customers.length).fill(-1);
  const customerIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = itemLine[i] as number;
    const day = reader.issued(k);
    const isInvoice = itemKind[i] === INVOICE;
    const c = lineCustomer[k] as number;
    const isOpening = ((reader.flags[k] as number) & OPENING) !== 0;
    issued[i] = day;
    due[i] = isInvoice && day !== NO_DAY ? day + (o.customerTerms?.[reader.customerKeys[c] as string] ?? o.defaultTermsDays) : day;
    isSale[i] = itemKind[i] !== PAYMENT && !isOpening ? 1 : 0;
    termsDerived[i] = isInvoice && day !== NO_DAY ? 1 : 0;
    if (numberOf[c] === -1) {
      numberOf[c] = customerIds.length;
      customerIds.push(reader.customerKeys[c] as string);
    }
    customer[i] = numberOf[c] as number;
    numbers[i] = reader.piece[k] as string;
    rows[i] = reader.row[k] as number;
    opening[i] = isOpening ? 1 : 0;
  }
  const columns: LedgerColumns = {
    count,
    issued,
    due,
    amount: itemAmount,
    isSale,
    payStart,
    payDay: payDays,
    payAmount: payAmounts,
    customer,
    customerIds,
    customersById: customersByIdOf(customerIds),
    termsDerived,
    marks: new Uint8Array(count),
  };
  const hasPayments = payDays.length > 0 || itemKind.some((k) => k === PAYMENT);
  const fields = {
    customers: customers.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    currency: 'EUR',
    amountBasis: 'TTC' as const,
    hasSalesHistory: hasPayments,
  };
  return itemsOf(fields, columns, { kind, numbers, suffix: itemSuffix, rows, opening }, o.fileName, sheetName);
}

/** The lazy ledger over the items' own columns (a scope of its own: its closures hold nothing else). */
function itemsOf(fields: Parameters<typeof lazyLedger>[0], columns: LedgerColumns, item: { kind: Uint8Array; numbers: readonly string[]; suffix: Int32Array; rows: Int32Array; opening: Uint8Array }, file: string, sheet: string): Ledger {
  const { issued, due, amount, customer, customerIds } = columns;
  const day = (d: number): Day | null => (d === NO_DAY ? null : (d as Day));
  const one = (i: number): Invoice => {
    const isInvoice = item.kind[i] === INVOICE;
    const suffix = item.suffix[i] as number;
    const base = baseKey(customerIds[customer[i] as number] as string, item.numbers[i] as string, item.rows[i] as number);
    return {
      key: suffix === 0 ? base : `${base}#${suffix}`,
      number: item.numbers[i] as string,
      customerId: customerIds[customer[i] as number] as string,
      issued: day(issued[i] as number),
      due: day(due[i] as number),
      isDueDerived: isInvoice && issued[i] !== NO_DAY,
      amount: amount[i] as Cents,
      payments: paymentsAt(columns, i),
      kind: KINDS[item.kind[i] as number] as ItemKind,
      currency: 'EUR',
      isDisputed: false,
      ...(item.opening[i] === 1 ? { isOpening: true } : {}),
      source: { file, sheet, row: item.rows[i] as number },
    };
  };
  const all = (): Invoice[] => Array.from({ length: columns.count }, (_, i) => one(i));
  return lazyLedger(fields, columns, all, one);
}
