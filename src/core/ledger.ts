/**
 * The ledger model every figure is computed from: customers, invoices (credit notes and
 * unallocated payments are items with a negative amount) and the dated payments on them.
 */
import { fit, grown } from './typed-arrays.ts';
import type { Cents } from './money.ts';
import type { Day } from './day.ts';

/** Where a ledger item came from, so that every figure can be traced back to a file row. */
export type SourceRef = {
  readonly file: string;
  readonly sheet: string;
  /** 1-based row number as the spreadsheet shows it. */
  readonly row: number;
};

export type Payment = {
  /** null: the file says it is paid but not when; it counts as made on or before the as-of date. */
  readonly day: Day | null;
  readonly amount: Cents;
};

/**
 * The payments of every item that has none: one shared array (items are read-only), rather than an
 * empty array for each item made.
 */
export const NO_PAYMENTS: readonly Payment[] = [];

export type ItemKind = 'invoice' | 'credit' | 'payment';

/** Paper covers a PDF sent by e-mail too: under the 2026 reform only a structured invoice is electronic. */
export type SendingChannel = 'paper' | 'electronic';

export type Invoice = {
  /** Unique within the ledger. */
  readonly key: string;
  /** The invoice number as written in the file ('' when the file has none). */
  readonly number: string;
  readonly customerId: string;
  readonly issued: Day | null;
  /** Due date as read, or derived from the payment-terms setting (`isDueDerived`). */
  readonly due: Day | null;
  readonly isDueDerived: boolean;
  /** Payment terms the file itself gave for this invoice (a "Net 45" column), when the due date is derived. */
  readonly fileTermsDays?: number;
  /** TTC amount; negative for credit notes and unallocated payments. */
  readonly amount: Cents;
  readonly payments: readonly Payment[];
  readonly kind: ItemKind;
  readonly currency: string;
  /** The file itself marks the invoice as disputed (a "litige" column or status). */
  readonly isDisputed: boolean;
  /**
   * How the invoice was sent, when the file says (a "canal d'envoi" or "PaperlessBill" column) or the
   * invoice is itself an e-invoice: customers often pay electronic invoices sooner (the prediction reads it).
   */
  readonly channel?: SendingChannel;
  /** A balance brought forward (FEC à-nouveaux): a receivable, but not a sale of the period. */
  readonly isOpening?: boolean;
  readonly source: SourceRef;
};

export type Customer = {
  /** The customer code where the ledger has one, else the name as written in the file. */
  readonly id: string;
  readonly code: string | null;
  readonly name: string;
  /** Postal address and SIREN when the file gives them (e-invoices): the letters use them when the workspace has none. */
  readonly address?: string;
  readonly siren?: string;
};

export type Ledger = {
  readonly customers: readonly Customer[];
  readonly invoices: readonly Invoice[];
  readonly currency: string;
  /** 'HT' when the only amounts found were tax-exclusive: DSO is then labelled HT. */
  readonly amountBasis: 'TTC' | 'HT';
  /** False when the file lists only open items (no paid invoice, no payment): no sales history. */
  readonly hasSalesHistory: boolean;
};

/** `open(inv, D) = amount − Σ payments dated ≤ D`; an undated payment counts at any D. */
export function openAt(inv: Invoice, d: Day): Cents {
  let open = inv.amount as number;
  for (const p of inv.payments) {
    if (p.day === null || p.day <= d) open -= p.amount;
  }
  return open as Cents;
}

/** The date an item is aged from on the due-date basis: due date, or its own date when it has none. */
export function agingDueDay(inv: Invoice): Day | null {
  return inv.due ?? inv.issued;
}

/** Invoices issued on or before `d` (undated ones included). */
export function isIssuedBy(inv: Invoice, d: Day): boolean {
  return inv.issued === null || inv.issued <= d;
}

/** Receivables at D: Σ open(inv, D) over invoices issued ≤ D. */
export function receivablesAt(ledger: Ledger, d: Day): Cents {
  let total = 0;
  for (const inv of ledger.invoices) if (isIssuedBy(inv, d)) total += openAt(inv, d);
  return total as Cents;
}

/** A missing day in the columns below. */
export const NO_DAY = -2147483648;

/**
 * The ledger as typed columns, built once per ledger (ledgers are immutable) and kept while the
 * ledger lives: recomputing at another as-of date then runs tight loops over numbers instead of
 * walking half a million objects. Payments are flattened: those of invoice i are
 * `payStart[i] ≤ j < payStart[i + 1]`. Customers are numbered in order of first appearance.
 */
export type LedgerColumns = {
  readonly count: number;
  readonly issued: Int32Array;
  readonly due: Int32Array;
  readonly amount: Float64Array;
  /** 1 for invoices and credit notes that are sales of the period (not payments, not opening balances). */
  readonly isSale: Uint8Array;
  readonly payStart: Int32Array;
  readonly payDay: Int32Array;
  readonly payAmount: Float64Array;
  readonly customer: Int32Array;
  readonly customerIds: readonly string[];
  /** Customer numbers in the order of their ids. */
  readonly customersById: Int32Array;
  /**
   * 1 for a dated item whose due date was derived from the default terms (`isDueDerived` without
   * `fileTermsDays`): the items applyTerms may move.
   */
  readonly termsDerived: Uint8Array;
  /** What the prediction reads of each item: MARK_DISPUTED, MARK_ELECTRONIC, MARK_PAPER. */
  readonly marks: Uint8Array;
};

export const MARK_DISPUTED = 1;
export const MARK_ELECTRONIC = 2;
export const MARK_PAPER = 4;

/** An item's marks column value. */
export function marksOf(inv: Invoice): number {
  return (inv.isDisputed ? MARK_DISPUTED : 0) | (inv.channel === 'electronic' ? MARK_ELECTRONIC : inv.channel === 'paper' ? MARK_PAPER : 0);
}

const columnsCache = new WeakMap<Ledger, LedgerColumns>();

export function ledgerColumns(ledger: Ledger): LedgerColumns {
  const cached = columnsCache.get(ledger);
  if (cached) return cached;
  const invoices = ledger.invoices;
  let payments = 0;
  for (const inv of invoices) payments += inv.payments.length;
  const builder = new ColumnsBuilder(invoices.length, payments);
  for (const inv of invoices) builder.add(inv);
  const columns = builder.done();
  columnsCache.set(ledger, columns);
  return columns;
}

/**
 * The columns of items given one at a time, as ledgerColumns builds them from a ledger's objects:
 * the arrays grow as items come (when their count is not known) and are cut to it at the end.
 */
export class ColumnsBuilder {
  count = 0;
  private payments = 0;
  private issued: Int32Array;
  private due: Int32Array;
  private amount: Float64Array;
  private isSale: Uint8Array;
  private payStart: Int32Array;
  private payDay: Int32Array;
  private payAmount: Float64Array;
  private customer: Int32Array;
  private termsDerived: Uint8Array;
  private marks: Uint8Array;
  private readonly customerIds: string[] = [];
  private readonly seen = new Map<string, number>();

  constructor(items = 1024, payments = 1024) {
    this.issued = new Int32Array(items);
    this.due = new Int32Array(items);
    this.amount = new Float64Array(items);
    this.isSale = new Uint8Array(items);
    this.payStart = new Int32Array(items + 1);
    this.customer = new Int32Array(items);
    this.termsDerived = new Uint8Array(items);
    this.marks = new Uint8Array(items);
    this.payDay = new Int32Array(payments);
    this.payAmount = new Float64Array(payments);
  }

  /** Adds the next item; its customer's number. */
  add(inv: Invoice): number {
    const i = this.count++;
    if (i === this.issued.length) {
      const n = Math.max(1024, i * 2);
      this.issued = grown(this.issued, n);
      this.due = grown(this.due, n);
      this.amount = grown(this.amount, n);
      this.isSale = grown(this.isSale, n);
      this.payStart = grown(this.payStart, n + 1);
      this.customer = grown(this.customer, n);
      this.termsDerived = grown(this.termsDerived, n);
      this.marks = grown(this.marks, n);
    }
    this.issued[i] = inv.issued ?? NO_DAY;
    this.due[i] = inv.due ?? NO_DAY;
    this.amount[i] = inv.amount;
    this.isSale[i] = inv.kind !== 'payment' && !inv.isOpening ? 1 : 0;
    this.termsDerived[i] = isTermsDerived(inv) ? 1 : 0;
    this.marks[i] = marksOf(inv);
    this.payStart[i] = this.payments;
    for (const p of inv.payments) {
      const j = this.payments++;
      if (j === this.payDay.length) {
        this.payDay = grown(this.payDay, Math.max(1024, j * 2));
        this.payAmount = grown(this.payAmount, Math.max(1024, j * 2));
      }
      this.payDay[j] = p.day ?? NO_DAY;
      this.payAmount[j] = p.amount;
    }
    let k = this.seen.get(inv.customerId);
    if (k === undefined) {
      k = this.customerIds.length;
      this.customerIds.push(inv.customerId);
      this.seen.set(inv.customerId, k);
    }
    this.customer[i] = k;
    return k;
  }

  /** The columns of the items added. */
  done(): LedgerColumns {
    const n = this.count;
    this.payStart[n] = this.payments;
    return {
      count: n,
      issued: fit(this.issued, n),
      due: fit(this.due, n),
      amount: fit(this.amount, n),
      isSale: fit(this.isSale, n),
      payStart: fit(this.payStart, n + 1),
      payDay: fit(this.payDay, this.payments),
      payAmount: fit(this.payAmount, this.payments),
      customer: fit(this.customer, n),
      customerIds: this.customerIds,
      customersById: customersByIdOf(this.customerIds),
      termsDerived: fit(this.termsDerived, n),
      marks: fit(this.marks, n),
    };
  }
}

/** A dated item whose due date came from the default terms, not from the file. */
export function isTermsDerived(inv: Invoice): boolean {
  return inv.isDueDerived && inv.issued !== null && inv.fileTermsDays === undefined;
}

/** How a columns-first ledger makes its invoice objects: all of them, or one. */
type Maker = { readonly all: () => Invoice[]; readonly one: (i: number) => Invoice; made: readonly Invoice[] | null };

const makers = new WeakMap<Ledger, Maker>();

/**
 * A ledger kept as columns first (issue 19): `invoices` is made on first use and kept, so that what
 * reads only the columns (the dashboard's figures, the history) never makes half a million objects,
 * and `invoiceAt` makes one item without making the others. `columns` must be exactly what
 * ledgerColumns would build from the invoices `all` makes, and `one(i)` equal to `all()[i]`.
 */
export function lazyLedger(fields: Omit<Ledger, 'invoices'>, columns: LedgerColumns, all: () => Invoice[], one: (i: number) => Invoice): Ledger {
  const maker: Maker = { all, one, made: null };
  // The fields in the order of a ledger of objects: the same JSON.
  const { customers, ...rest } = fields;
  const ledger: Ledger = {
    customers,
    get invoices(): readonly Invoice[] {
      return (maker.made ??= maker.all());
    },
    ...rest,
  };
  columnsCache.set(ledger, columns);
  makers.set(ledger, maker);
  return ledger;
}

/** A ledger's fields but its items, read without making them. */
export function ledgerFields(ledger: Ledger): Omit<Ledger, 'invoices'> {
  const fields: Record<string, unknown> = {};
  for (const k of Object.keys(ledger)) if (k !== 'invoices') fields[k] = (ledger as unknown as Record<string, unknown>)[k];
  return fields as Omit<Ledger, 'invoices'>;
}

/** Item i of the ledger, without making every invoice object of a columns-first ledger. */
export function invoiceAt(ledger: Ledger, i: number): Invoice {
  const maker = makers.get(ledger);
  if (maker === undefined || maker.made !== null) return ledger.invoices[i] as Invoice;
  return maker.one(i);
}

/** Whether the ledger's invoice objects exist (always, but for a columns-first ledger not yet asked for them). */
export function invoicesMade(ledger: Ledger): boolean {
  const maker = makers.get(ledger);
  return maker === undefined || maker.made !== null;
}

/** How many items the ledger has, without making them. */
export function invoiceCount(ledger: Ledger): number {
  return invoicesMade(ledger) ? ledger.invoices.length : ledgerColumns(ledger).count;
}

/** Customer numbers in the order of their ids. */
export function customersByIdOf(customerIds: readonly string[]): Int32Array {
  return Int32Array.from(customerIds.keys()).sort((x, y) => {
    const a = customerIds[x] as string;
    const b = customerIds[y] as string;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/**
 * Item i's payments as objects, from the columns (a columns-first ledger making an item): none is the
 * shared NO_PAYMENTS, one an array literal (a push would leave spare room in every item's array).
 */
export function paymentsAt(c: LedgerColumns, i: number): readonly Payment[] {
  const from = c.payStart[i] as number;
  const to = c.payStart[i + 1] as number;
  if (to === from) return NO_PAYMENTS;
  if (to === from + 1) return [paymentOf(c, from)];
  const list: Payment[] = [];
  for (let j = from; j < to; j++) list.push(paymentOf(c, j));
  return list;
}

function paymentOf(c: LedgerColumns, j: number): Payment {
  return { day: c.payDay[j] === NO_DAY ? null : (c.payDay[j] as Day), amount: c.payAmount[j] as Cents };
}

/** `openAt` on the columns: amount − Σ payments dated ≤ d (undated ones always count). */
export function openAtColumn(c: LedgerColumns, i: number, d: number): number {
  let open = c.amount[i] as number;
  const end = c.payStart[i + 1] as number;
  for (let j = c.payStart[i] as number; j < end; j++) {
    const day = c.payDay[j] as number;
    if (day === NO_DAY || day <= d) open -= c.payAmount[j] as number;
  }
  return open;
}


const namesCache = new WeakMap<Ledger, ReadonlyMap<string, string>>();

/** Customer id → name, built once per ledger. */
export function customerNames(ledger: Ledger): ReadonlyMap<string, string> {
  let names = namesCache.get(ledger);
  if (!names) {
    names = new Map(ledger.customers.map((c) => [c.id, c.name]));
    namesCache.set(ledger, names);
  }
  return names;
}

export function emptyLedger(): Ledger {
  return { customers: [], invoices: [], currency: 'EUR', amountBasis: 'TTC', hasSalesHistory: true };
}
