/**
 * The general builder's items packed as they are made (to-ledger.ts): their columns, and what their
 * objects hold beyond them (number, key, kind, flags, terms, currency, row), so that its ledger is
 * columns first (core/ledger.ts lazyLedger) like the fused readers' and each object is made again on
 * demand, equal to the one packed. Half a million items are then some sixty bytes each rather than
 * an object, its strings and its arrays. The objects packed are toInvoice's: the same fields in the
 * same order, which `one` gives back.
 */
import { ColumnsBuilder, grown, lazyLedger, NO_DAY, paymentsAt, type Cents, type Day, type Invoice, type ItemKind, type Ledger, type LedgerColumns } from '../core/index.ts';
import { PackedStrings } from './packed-strings.ts';

const KINDS: readonly ItemKind[] = ['invoice', 'credit', 'payment'];
const DUE_DERIVED = 1;
const DISPUTED = 2;
const ELECTRONIC = 4;
const PAPER = 8;
const HAS_TERMS = 16;

export class ItemPacker {
  private readonly columns: ColumnsBuilder;
  private readonly numbers = new PackedStrings(false);
  /** The keys that are not `customer/number` (a suffix, or a row for an item with no number). */
  private readonly keys = new Map<number, string>();
  private kind: Uint8Array;
  private flags: Uint8Array;
  private terms: Int32Array;
  private currency: Int32Array;
  private row: Int32Array;
  private readonly currencies: string[] = [];
  private readonly currencyIndex = new Map<string, number>();
  /** Per customer, in the order of the columns: the sum of its invoices and of what it paid (the overpaid check). */
  private invoiced: number[] = [];
  private paid: number[] = [];
  hasPayments = false;
  /** Every item's source file and sheet (one sheet of one file is built at a time). */
  private readonly file: string;
  private readonly sheet: string;

  /**
   * `capacity`: the items expected at most (the rows they are made of: each row gives at most one item
   * and one payment), so that the columns are made once at their size, not doubled again and again.
   */
  constructor(file: string, sheet: string, capacity = 1024) {
    this.file = file;
    this.sheet = sheet;
    const n = Math.max(16, capacity);
    this.columns = new ColumnsBuilder(n, n);
    this.kind = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.terms = new Int32Array(n);
    this.currency = new Int32Array(n);
    this.row = new Int32Array(n);
  }

  get count(): number {
    return this.columns.count;
  }

  add(inv: Invoice): void {
    const i = this.columns.count;
    const k = this.columns.add(inv);
    if (i === this.kind.length) {
      const n = i * 2;
      this.kind = grown(this.kind, n);
      this.flags = grown(this.flags, n);
      this.terms = grown(this.terms, n);
      this.currency = grown(this.currency, n);
      this.row = grown(this.row, n);
    }
    this.numbers.add(inv.number, 0, inv.number.length);
    if (inv.key !== `${inv.customerId}/${inv.number}`) this.keys.set(i, inv.key);
    this.kind[i] = KINDS.indexOf(inv.kind);
    this.flags[i] = (inv.isDueDerived ? DUE_DERIVED : 0) | (inv.isDisputed ? DISPUTED : 0) | (inv.channel === 'electronic' ? ELECTRONIC : inv.channel === 'paper' ? PAPER : 0) | (inv.fileTermsDays !== undefined ? HAS_TERMS : 0);
    this.terms[i] = inv.fileTermsDays ?? 0;
    let c = this.currencyIndex.get(inv.currency);
    if (c === undefined) {
      c = this.currencies.length;
      this.currencies.push(inv.currency);
      this.currencyIndex.set(inv.currency, c);
    }
    this.currency[i] = c;
    this.row[i] = inv.source.row;
    // What the overpaid check sums: invoices, and payments only (a credit note is not a payment).
    if (k === this.invoiced.length) {
      this.invoiced.push(0);
      this.paid.push(0);
    }
    if (inv.amount > 0) this.invoiced[k] = (this.invoiced[k] as number) + inv.amount;
    else if (inv.kind === 'payment') this.paid[k] = (this.paid[k] as number) - inv.amount;
    for (const p of inv.payments) this.paid[k] = (this.paid[k] as number) + p.amount;
    if (inv.payments.length > 0) this.hasPayments = true;
  }

  /** Per customer in the order of the columns: its ids, what it was invoiced and what it paid. */
  balances(): { ids: readonly string[]; invoiced: readonly number[]; paid: readonly number[] } {
    return { ids: this.columnsDone().customerIds, invoiced: this.invoiced, paid: this.paid };
  }

  private done: LedgerColumns | null = null;

  private columnsDone(): LedgerColumns {
    return (this.done ??= this.columns.done());
  }

  /** The columns-first ledger of the items packed, with the ledger's other fields. */
  ledger(fields: Omit<Ledger, 'invoices'>): Ledger {
    const columns = this.columnsDone();
    const { count, customerIds } = columns;
    const { numbers, keys, kind, flags, terms, currency, row, currencies, file, sheet } = this;
    const one = (i: number): Invoice => {
      const customerId = customerIds[columns.customer[i] as number] as string;
      const number = numbers.at(i);
      const key = keys.get(i) ?? `${customerId}/${number}`;
      const issued = columns.issued[i] === NO_DAY ? null : (columns.issued[i] as Day);
      const due = columns.due[i] === NO_DAY ? null : (columns.due[i] as Day);
      const fl = flags[i] as number;
      const isDueDerived = (fl & DUE_DERIVED) !== 0;
      const amount = columns.amount[i] as Cents;
      const payments = paymentsAt(columns, i);
      const itemKind = KINDS[kind[i] as number] as ItemKind;
      const itemCurrency = currencies[currency[i] as number] as string;
      const isDisputed = (fl & DISPUTED) !== 0;
      const source = { file, sheet, row: row[i] as number };
      const channel = (fl & ELECTRONIC) !== 0 ? 'electronic' : (fl & PAPER) !== 0 ? 'paper' : null;
      // toInvoice's fields in its order, the optional ones only when it sets them.
      if ((fl & HAS_TERMS) !== 0) {
        const fileTermsDays = terms[i] as number;
        return channel === null
          ? { key, number, customerId, issued, due, isDueDerived, fileTermsDays, amount, payments, kind: itemKind, currency: itemCurrency, isDisputed, source }
          : { key, number, customerId, issued, due, isDueDerived, fileTermsDays, amount, payments, kind: itemKind, currency: itemCurrency, isDisputed, channel, source };
      }
      return channel === null
        ? { key, number, customerId, issued, due, isDueDerived, amount, payments, kind: itemKind, currency: itemCurrency, isDisputed, source }
        : { key, number, customerId, issued, due, isDueDerived, amount, payments, kind: itemKind, currency: itemCurrency, isDisputed, channel, source };
    };
    const all = (): Invoice[] => {
      const invoices: Invoice[] = new Array(count);
      for (let i = 0; i < count; i++) invoices[i] = one(i);
      return invoices;
    };
    return lazyLedger(fields, columns, all, one);
  }
}
