/**
 * FEC (Fichier des Écritures Comptables, art. A47 A-1 LPF) → customer open items, after
 * formats.md §1: the receivable accounts (411…, optionally 413/416), customers from
 * CompAuxNum/CompAuxLib (else the account), lettrage groups settled by matching debits with
 * credits (oldest invoice first), unlettered debits open, unlettered credits left as credit notes
 * (sales journals) or payments on account. Without any lettrage on the receivable accounts each
 * customer's credits are applied to its oldest debits (FIFO), which the report says. The FEC has
 * no due date: it is derived from the payment-terms setting, and the report says that too.
 */
import { IssueList, addDays, type Cents, type Customer, type Day, type Invoice, type ItemKind, type Ledger, type Payment } from '../core/index.ts';
import { cellText, type Sheet } from './grid.ts';
import { normalizeHeader } from './map-columns.ts';
import { parseAmountText, parseDateText } from './parse-cells.ts';
import type { SkipReason } from './to-ledger.ts';
import { owned } from './owned.ts';

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

type Line = {
  row: number;
  journal: string;
  customerKey: string;
  customerName: string;
  customerCode: string | null;
  piece: string;
  date: Day | null;
  pieceDate: Day | null;
  signed: number;
  lettrage: string;
  payDate: Day | null;
  isOpening: boolean;
};

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
 * reader): the receivable ones kept as Lines, the others counted by why they were skipped.
 */
export class FecLines {
  readonly lines: Line[] = [];
  rowsRead = 0;
  readonly skipped: Record<SkipReason, number> = { blank: 0, repeatedHeader: 0, sectionHeading: 0, total: 0, draft: 0, otherCurrency: 0, notReceivable: 0, error: 0 };
  /** Account prefixes read as receivables. */
  readonly prefixes: readonly string[];
  /** Column of each normalized header (the first of a name). */
  readonly col = new Map<string, number>();
  private readonly sheetName: string;
  private readonly issues: IssueList;
  /** Dates read once per distinct text: a FEC's million lines have a few hundred dates. */
  private readonly dates = new Map<string, Day | null>();

  constructor(headers: readonly string[], o: FecOptions, sheetName: string, issues: IssueList) {
    headers.forEach((h, i) => {
      const k = normalizeHeader(h);
      if (!this.col.has(k)) this.col.set(k, i);
    });
    this.prefixes = o.accountPrefixes ?? ['411'];
    this.sheetName = sheetName;
    this.issues = issues;
  }

  private dateOf(s: string): Day | null {
    if (s === '') return null;
    let d = this.dates.get(s);
    if (d === undefined) {
      d = parseDateText(s, 'dmy');
      this.dates.set(s, d);
    }
    return d;
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
    const col = this.col;
    const get = (...names: string[]): string => {
      for (const n of names) {
        const i = col.get(n);
        if (i !== undefined) {
          const v = cell(i);
          if (v !== null) return v;
        }
      }
      return '';
    };
    const account = get('comptenum');
    if (!this.prefixes.some((p) => account.startsWith(p))) {
      this.skipped.notReceivable++;
      return;
    }
    let signed: number | null;
    if (col.has('debit')) {
      const d = amountOf(get('debit'));
      const c = amountOf(get('credit'));
      signed = d === null || c === null ? null : d - c;
    } else {
      const m = amountOf(get('montant'));
      const sens = get('sens').toUpperCase();
      signed = m === null ? null : sens === 'C' || sens === '-1' ? -m : m;
    }
    if (signed === null) {
      this.issues.add({ code: 'InvalidAmount', severity: 'error', sheet: this.sheetName, row: r + 1, column: col.has('debit') ? 'Debit/Credit' : 'Montant' });
      this.skipped.error++;
      return;
    }
    const journal = owned(get('journalcode'));
    const label = get('ecriturelib');
    // Copies, not slices (owned.ts): the fused reader's lines would keep every piece of the text alive.
    const key = owned(get('compauxnum', 'compteauxnum') || account);
    const name = get('compauxlib', 'compteauxlib') || get('comptelib');
    this.lines.push({
      row: r + 1,
      journal,
      customerKey: key,
      customerName: name === '' ? key : owned(name),
      customerCode: key,
      piece: owned(get('pieceref')),
      date: this.dateOf(get('ecrituredate')),
      pieceDate: this.dateOf(get('piecedate')),
      signed,
      lettrage: owned(get('ecriturelet', 'ecrturelet', 'ecriturelettrage')),
      payDate: this.dateOf(get('daterglt')),
      isOpening: /^(an|ano|ran|anouv|nouv)$/i.test(journal) || /a[\s-]?nouveau/i.test(label),
    });
  }
}

const amountOf = (s: string): number | null => (s === '' ? 0 : (parseAmountText(s, ',')?.cents ?? null));

/** The ledger of the lines read: lettrage groups settled, open items, credits and payments on account. */
export function fecLedgerOf(reader: FecLines, o: FecOptions, sheetName: string, issues: IssueList): FecBuild {
  const { lines, rowsRead, skipped } = reader;
  const hasLettrage = lines.some((l) => l.lettrage !== '');
  const invoices: Invoice[] = [];
  const customers = new Map<string, Customer>();
  const byCustomer = new Map<string, Line[]>();
  for (const l of lines) {
    if (!customers.has(l.customerKey)) {
      // Copies, not slices of the file's text (owned.ts): the ledger outlives the text.
      const id = owned(l.customerKey);
      const code = l.customerCode === null ? null : l.customerCode === l.customerKey ? id : owned(l.customerCode);
      customers.set(l.customerKey, { id, code, name: l.customerName === l.customerKey ? id : owned(l.customerName) });
    }
    const list = byCustomer.get(l.customerKey) ?? [];
    list.push(l);
    byCustomer.set(l.customerKey, list);
  }
  let derivedDue = 0;
  let openingItems = 0;
  const keys = new Set<string>();
  // The next suffix to try per base: a piece shared by many lines (a monthly payment batch, opening
  // entries) costs no more per line than any other.
  const nextSuffix = new Map<string, number>();
  const idOf = (l: Line): string => (customers.get(l.customerKey) as Customer).id;
  const key = (l: Line): string => {
    const base = `${idOf(l)}/${l.piece || `L${l.row}`}`;
    if (!keys.has(base)) {
      keys.add(base);
      return base;
    }
    let n = nextSuffix.get(base) ?? 2;
    let k = `${base}#${n++}`;
    while (keys.has(k)) k = `${base}#${n++}`;
    nextSuffix.set(base, n);
    keys.add(k);
    return k;
  };
  const toItem = (l: Line, amount: number, payments: Payment[], kind: ItemKind): Invoice => {
    const issued = l.pieceDate ?? l.date;
    const isInvoice = kind === 'invoice';
    if (isInvoice && issued !== null) derivedDue++;
    if (l.isOpening) openingItems++;
    return {
      key: owned(key(l)),
      number: owned(l.piece),
      customerId: idOf(l),
      issued,
      due: isInvoice && issued !== null ? addDays(issued, o.customerTerms?.[l.customerKey] ?? o.defaultTermsDays) : issued,
      isDueDerived: isInvoice && issued !== null,
      amount: amount as Cents,
      payments,
      kind,
      currency: 'EUR',
      isDisputed: false,
      ...(l.isOpening ? { isOpening: true } : {}),
      source: { file: o.fileName, sheet: sheetName, row: l.row },
    };
  };
  /** Debits settled by credits, oldest debit first; credits left over stay as one negative item each. */
  const settle = (group: readonly Line[]): void => {
    const debits = group.filter((l) => l.signed > 0).sort((a, b) => (a.pieceDate ?? a.date ?? 0) - (b.pieceDate ?? b.date ?? 0) || a.row - b.row);
    const credits = group.filter((l) => l.signed < 0).sort((a, b) => (a.date ?? 0) - (b.date ?? 0) || a.row - b.row);
    const paid = debits.map(() => [] as Payment[]);
    const left = debits.map((d) => d.signed);
    let i = 0;
    for (const c of credits) {
      let remaining = -c.signed;
      const day = c.payDate ?? c.date;
      while (remaining > 0 && i < debits.length) {
        const take = Math.min(remaining, left[i] as number);
        if (take > 0) {
          (paid[i] as Payment[]).push({ day, amount: take as Cents });
          left[i] = (left[i] as number) - take;
          remaining -= take;
        }
        if ((left[i] as number) === 0) i++;
      }
      if (remaining > 0) invoices.push(toItem(c, -remaining, [], /^(ve|vt|ven|vte|vtes)/i.test(c.journal) ? 'credit' : 'payment'));
    }
    debits.forEach((d, j) => invoices.push(toItem(d, d.signed, paid[j] as Payment[], 'invoice')));
  };
  for (const list of byCustomer.values()) {
    if (!hasLettrage) {
      settle(list);
      continue;
    }
    const groups = new Map<string, Line[]>();
    for (const l of list) {
      if (l.lettrage === '') {
        if (l.signed > 0) invoices.push(toItem(l, l.signed, [], 'invoice'));
        else if (l.signed < 0) invoices.push(toItem(l, l.signed, [], /^(ve|vt|ven|vte|vtes)/i.test(l.journal) ? 'credit' : 'payment'));
        continue;
      }
      const g = groups.get(l.lettrage) ?? [];
      g.push(l);
      groups.set(l.lettrage, g);
    }
    for (const g of groups.values()) settle(g);
  }
  if (!hasLettrage && lines.length > 0) issues.add({ code: 'FecNoLettrage', severity: 'warning', sheet: sheetName });
  if (derivedDue > 0) issues.add({ code: 'FecDueDatesDerived', severity: 'warning', sheet: sheetName, params: { count: derivedDue, days: o.defaultTermsDays } });
  if (openingItems > 0) issues.add({ code: 'FecOpeningEntries', severity: 'warning', sheet: sheetName, params: { count: openingItems } });
  const hasPayments = invoices.some((i) => i.payments.length > 0) || invoices.some((i) => i.kind === 'payment');
  const ledger: Ledger = {
    customers: [...customers.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    invoices,
    currency: 'EUR',
    amountBasis: 'TTC',
    hasSalesHistory: hasPayments,
  };
  return { ledger, rowsRead, rowsUsed: lines.length, skipped, hasLettrage };
}
