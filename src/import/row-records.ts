/**
 * The rows the general builder keeps (to-ledger.ts), one column per field: every row must be held
 * until the last one is read (a number's rows may be far apart), and an object per row took over
 * 200 bytes in Node, half of that in a browser. Here a row costs about 50 bytes and its number.
 *
 * A field with no value is NO_DAY (days, terms), NaN (paid, open, running balance), 0 (movement,
 * channel); label and section, met only in some layouts, are kept for the rows that have them.
 */
import { NO_DAY, type Customer, type Day, type SendingChannel } from '../core/index.ts';
import { grown, release } from '../core/typed-arrays.ts';

export type Movement = 'invoice' | 'credit' | 'payment';

/** One row, as `add` takes it. */
export type RowRecord = {
  readonly row: number;
  readonly number: string;
  /** Movement layouts: what the row is, and the text where an invoice number may be found. */
  readonly movement: Movement | undefined;
  readonly label: string | undefined;
  /** The heading of the customer section the row is in (reports by customer). */
  readonly section: string | undefined;
  readonly customer: Customer;
  readonly issued: Day | null;
  readonly due: Day | null;
  readonly isDueDerived: boolean;
  readonly fileTermsDays: number | null;
  /** Non-GL: the invoice amount; GL: debit − credit of the line. */
  readonly amount: number;
  /** GL: the file's running balance on this line (its "Solde" column), checked, never used as a figure. */
  readonly running: number | undefined;
  readonly paid: number | null;
  readonly open: number | null;
  readonly paymentDate: Day | null;
  readonly isSettledByStatus: boolean;
  readonly isDisputed: boolean;
  readonly channel: SendingChannel | null;
  readonly currency: string;
};

const MOVEMENTS: readonly (Movement | undefined)[] = [undefined, 'invoice', 'credit', 'payment'];
const CHANNELS: readonly (SendingChannel | null)[] = [null, 'paper', 'electronic'];
const DUE_DERIVED = 1;
const SETTLED_BY_STATUS = 2;
const DISPUTED = 4;

const dayOrNull = (d: number): Day | null => (d === NO_DAY ? null : (d as Day));
const numberOrNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

export class RowRecords {
  count = 0;
  row: Int32Array;
  /** Written again by the movement layouts, when a label names the invoice a payment settles. */
  readonly number: string[] = [];
  readonly customer: Customer[] = [];
  issued: Int32Array;
  due: Int32Array;
  /** Written again by the movement layouts: a payment row's own date is when it was paid. */
  paymentDate: Int32Array;
  fileTermsDays: Int32Array;
  amount: Float64Array;
  paid: Float64Array;
  open: Float64Array;
  running: Float64Array;
  private flags: Uint8Array;
  private movements: Uint8Array;
  private channels: Uint8Array;
  private currencyIndex: Int32Array;
  private readonly currencies: string[] = [];
  private readonly labels = new Map<number, string>();
  private readonly sections = new Map<number, string>();

  /**
   * `capacity`: the rows expected at most (the sheet's rows under its header), so that the columns are
   * made once at their size, not doubled again and again with each copy left to the collector.
   */
  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.row = new Int32Array(n);
    this.issued = new Int32Array(n);
    this.due = new Int32Array(n);
    this.paymentDate = new Int32Array(n);
    this.fileTermsDays = new Int32Array(n);
    this.amount = new Float64Array(n);
    this.paid = new Float64Array(n);
    this.open = new Float64Array(n);
    this.running = new Float64Array(n);
    this.flags = new Uint8Array(n);
    this.movements = new Uint8Array(n);
    this.channels = new Uint8Array(n);
    this.currencyIndex = new Int32Array(n);
  }

  add(r: RowRecord): void {
    const i = this.count;
    if (i === this.row.length) this.grow(i * 2);
    this.row[i] = r.row;
    this.number.push(r.number);
    this.customer.push(r.customer);
    this.issued[i] = r.issued ?? NO_DAY;
    this.due[i] = r.due ?? NO_DAY;
    this.paymentDate[i] = r.paymentDate ?? NO_DAY;
    this.fileTermsDays[i] = r.fileTermsDays ?? NO_DAY;
    this.amount[i] = r.amount;
    this.paid[i] = r.paid ?? NaN;
    this.open[i] = r.open ?? NaN;
    this.running[i] = r.running ?? NaN;
    this.flags[i] = (r.isDueDerived ? DUE_DERIVED : 0) | (r.isSettledByStatus ? SETTLED_BY_STATUS : 0) | (r.isDisputed ? DISPUTED : 0);
    this.movements[i] = MOVEMENTS.indexOf(r.movement);
    this.channels[i] = CHANNELS.indexOf(r.channel);
    let c = this.currencies.indexOf(r.currency);
    if (c < 0) c = this.currencies.push(r.currency) - 1;
    this.currencyIndex[i] = c;
    if (r.label !== undefined) this.labels.set(i, r.label);
    if (r.section !== undefined) this.sections.set(i, r.section);
    this.count = i + 1;
  }

  private grow(size: number): void {
    this.row = grown(this.row, size);
    this.issued = grown(this.issued, size);
    this.due = grown(this.due, size);
    this.paymentDate = grown(this.paymentDate, size);
    this.fileTermsDays = grown(this.fileTermsDays, size);
    this.amount = grown(this.amount, size);
    this.paid = grown(this.paid, size);
    this.open = grown(this.open, size);
    this.running = grown(this.running, size);
    this.flags = grown(this.flags, size);
    this.movements = grown(this.movements, size);
    this.channels = grown(this.channels, size);
    this.currencyIndex = grown(this.currencyIndex, size);
  }

  /**
   * The columns' memory, given back now that the ledger is built (tens of megabytes for a big sheet,
   * which would otherwise wait for a collection while the figures are computed). The rows cannot be
   * read after this.
   */
  release(): void {
    for (const column of [this.row, this.issued, this.due, this.paymentDate, this.fileTermsDays, this.amount, this.paid, this.open, this.running, this.flags, this.movements, this.channels, this.currencyIndex]) release(column);
    this.count = 0;
    this.number.length = 0;
    this.customer.length = 0;
  }

  customerKey(i: number): string {
    return (this.customer[i] as Customer).id;
  }
  issuedAt(i: number): Day | null {
    return dayOrNull(this.issued[i] as number);
  }
  dueAt(i: number): Day | null {
    return dayOrNull(this.due[i] as number);
  }
  paymentDateAt(i: number): Day | null {
    return dayOrNull(this.paymentDate[i] as number);
  }
  fileTermsDaysAt(i: number): number | null {
    const t = this.fileTermsDays[i] as number;
    return t === NO_DAY ? null : t;
  }
  paidAt(i: number): number | null {
    return numberOrNull(this.paid[i] as number);
  }
  openAt(i: number): number | null {
    return numberOrNull(this.open[i] as number);
  }
  runningAt(i: number): number | undefined {
    return numberOrNull(this.running[i] as number) ?? undefined;
  }
  isDueDerived(i: number): boolean {
    return ((this.flags[i] as number) & DUE_DERIVED) !== 0;
  }
  isSettledByStatus(i: number): boolean {
    return ((this.flags[i] as number) & SETTLED_BY_STATUS) !== 0;
  }
  isDisputed(i: number): boolean {
    return ((this.flags[i] as number) & DISPUTED) !== 0;
  }
  movement(i: number): Movement | undefined {
    return MOVEMENTS[this.movements[i] as number];
  }
  channel(i: number): SendingChannel | null {
    return CHANNELS[this.channels[i] as number] ?? null;
  }
  currency(i: number): string {
    return this.currencies[this.currencyIndex[i] as number] as string;
  }
  label(i: number): string | undefined {
    return this.labels.get(i);
  }
  section(i: number): string | undefined {
    return this.sections.get(i);
  }
}
