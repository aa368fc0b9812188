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
import { cellText, type Cell, type Sheet } from './grid.ts';
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
  const col = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = normalizeHeader(h);
    if (!col.has(k)) col.set(k, i);
  });
  const get = (row: readonly Cell[], ...names: string[]): string => {
    for (const n of names) {
      const i = col.get(n);
      if (i !== undefined) {
        const v = row[i];
        if (v !== undefined && v !== null) return cellText(v).trim();
      }
    }
    return '';
  };
  const prefixes = o.accountPrefixes ?? ['411'];
  const skipped: Record<SkipReason, number> = { blank: 0, repeatedHeader: 0, sectionHeading: 0, total: 0, draft: 0, otherCurrency: 0, notReceivable: 0, error: 0 };
  const lines: Line[] = [];
  let rowsRead = 0;
  const date = (s: string): Day | null => (s === '' ? null : parseDateText(s, 'dmy'));
  const amount = (s: string): number | null => (s === '' ? 0 : (parseAmountText(s, ',')?.cents ?? null));
  for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    rowsRead++;
    if (!row || row.every((c) => c === null || cellText(c).trim() === '')) {
      skipped.blank++;
      continue;
    }
    const account = get(row, 'comptenum');
    if (!prefixes.some((p) => account.startsWith(p))) {
      skipped.notReceivable++;
      continue;
    }
    let signed: number | null;
    if (col.has('debit')) {
      const d = amount(get(row, 'debit'));
      const c = amount(get(row, 'credit'));
      signed = d === null || c === null ? null : d - c;
    } else {
      const m = amount(get(row, 'montant'));
      const sens = get(row, 'sens').toUpperCase();
      signed = m === null ? null : sens === 'C' || sens === '-1' ? -m : m;
    }
    if (signed === null) {
      issues.add({ code: 'InvalidAmount', severity: 'error', sheet: sheet.name, row: r + 1, column: col.has('debit') ? 'Debit/Credit' : 'Montant' });
      skipped.error++;
      continue;
    }
    const journal = get(row, 'journalcode');
    const label = get(row, 'ecriturelib');
    const aux = get(row, 'compauxnum', 'compteauxnum');
    lines.push({
      row: r + 1,
      journal,
      customerKey: aux || account,
      customerName: get(row, 'compauxlib', 'compteauxlib') || get(row, 'comptelib') || aux || account,
      customerCode: aux || account,
      piece: get(row, 'pieceref'),
      date: date(get(row, 'ecrituredate')),
      pieceDate: date(get(row, 'piecedate')),
      signed,
      lettrage: get(row, 'ecriturelet', 'ecrturelet', 'ecriturelettrage'),
      payDate: date(get(row, 'daterglt')),
      isOpening: /^(an|ano|ran|anouv|nouv)$/i.test(journal) || /a[\s-]?nouveau/i.test(label),
    });
  }
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
    let k = base;
    let n = nextSuffix.get(base) ?? 2;
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
      source: { file: o.fileName, sheet: sheet.name, row: l.row },
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
  if (!hasLettrage && lines.length > 0) issues.add({ code: 'FecNoLettrage', severity: 'warning', sheet: sheet.name });
  if (derivedDue > 0) issues.add({ code: 'FecDueDatesDerived', severity: 'warning', sheet: sheet.name, params: { count: derivedDue, days: o.defaultTermsDays } });
  if (openingItems > 0) issues.add({ code: 'FecOpeningEntries', severity: 'warning', sheet: sheet.name, params: { count: openingItems } });
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
