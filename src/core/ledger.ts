/**
 * The ledger model every figure is computed from: customers, invoices (credit notes and
 * unallocated payments are items with a negative amount) and the dated payments on them.
 */
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

export type ItemKind = 'invoice' | 'credit' | 'payment';

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
  /** TTC amount; negative for credit notes and unallocated payments. */
  readonly amount: Cents;
  readonly payments: readonly Payment[];
  readonly kind: ItemKind;
  readonly currency: string;
  /** The file itself marks the invoice as disputed (a "litige" column or status). */
  readonly isDisputed: boolean;
  /** A balance brought forward (FEC à-nouveaux): a receivable, but not a sale of the period. */
  readonly isOpening?: boolean;
  readonly source: SourceRef;
};

export type Customer = {
  /** The customer code where the ledger has one, else the name as written in the file. */
  readonly id: string;
  readonly code: string | null;
  readonly name: string;
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

/**
 * Receivables at each of `days` (ascending) in one pass over the ledger, equal to
 * `days.map((d) => receivablesAt(ledger, d))`: each invoice adds its amount from the first day on
 * or after its issue, each payment takes its amount off from the first day on or after both the
 * payment and the issue (undated ones from the issue on).
 */
export function receivablesAtEach(ledger: Ledger, days: readonly Day[]): Cents[] {
  const m = days.length;
  const delta = new Array<number>(m + 1).fill(0);
  const firstOnOrAfter = (d: Day): number => {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((days[mid] as number) < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const inv of ledger.invoices) {
    const from = inv.issued === null ? 0 : firstOnOrAfter(inv.issued);
    if (from >= m) continue;
    delta[from] = (delta[from] as number) + inv.amount;
    for (const p of inv.payments) {
      const at = p.day === null ? from : Math.max(from, firstOnOrAfter(p.day));
      delta[at] = (delta[at] as number) - p.amount;
    }
  }
  const out: Cents[] = [];
  let running = 0;
  for (let i = 0; i < m; i++) {
    running += delta[i] as number;
    out.push(running as Cents);
  }
  return out;
}

/**
 * Each invoice's customer as a small integer (customers numbered in order of first appearance),
 * computed once per ledger: per-customer sums then index arrays instead of hashing ids per invoice.
 */
export type CustomerIndex = { readonly ids: readonly string[]; readonly of: Int32Array };

const customerIndexes = new WeakMap<Ledger, CustomerIndex>();

export function customerIndex(ledger: Ledger): CustomerIndex {
  const cached = customerIndexes.get(ledger);
  if (cached) return cached;
  const ids: string[] = [];
  const seen = new Map<string, number>();
  const of = new Int32Array(ledger.invoices.length);
  ledger.invoices.forEach((inv, i) => {
    let k = seen.get(inv.customerId);
    if (k === undefined) {
      k = ids.length;
      ids.push(inv.customerId);
      seen.set(inv.customerId, k);
    }
    of[i] = k;
  });
  const index = { ids, of };
  customerIndexes.set(ledger, index);
  return index;
}

export function emptyLedger(): Ledger {
  return { customers: [], invoices: [], currency: 'EUR', amountBasis: 'TTC', hasSalesHistory: true };
}
