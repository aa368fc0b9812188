/**
 * Bank statements downloaded as CSV or as a spreadsheet (French banks and online banks: date, value
 * date, label, amount or debit and credit, balance, sometimes a reference, a counterparty or an
 * invoice column), read through the ledgers' readers: the header row is found under the bank's
 * preamble (account, period, balances), amounts and dates are decided per column as the ledgers'
 * are, and a footer is left out.
 */
import { type Cents, type Day } from '../../core/index.ts';
import type { BankField, BankLine, Statement, StatementRefusal } from '../../core/index.ts';
import { cellText, isDateCell, type Cell, type Workbook } from '../grid.ts';
import { normalizeHeader } from '../map-columns.ts';
import { inferDecimalSeparator, parseAmountCell, parseDateText, profileDateColumn } from '../parse-cells.ts';

const ALIASES: Readonly<Record<BankField, readonly string[]>> = {
  date: ['date', 'dateoperation', 'datedoperation', 'datecomptable', 'datedecomptabilisation', 'bookingdate', 'dateop', 'transactiondate'],
  valueDate: ['datedevaleur', 'datevaleur', 'valuedate', 'valeur'],
  label: ['libelle', 'label', 'libelleoperation', 'intitule', 'description', 'operation', 'libellesimplifie', 'wording'],
  amount: ['montant', 'amount', 'montanteur', 'montantenueros', 'montantoperation'],
  debit: ['debit', 'debiteur', 'debits', 'montantdebit', 'sortie'],
  credit: ['credit', 'crediteur', 'credits', 'montantcredit', 'entree'],
  balance: ['solde', 'balance', 'soldeapresoperation'],
  reference: ['reference', 'ref', 'operationnumber', 'numerooperation', 'nooperation', 'referenceoperation'],
  payer: ['tiers', 'contrepartie', 'counterparty', 'nomdutiers', 'emetteur', 'donneurdordre'],
  detail: ['detail', 'details', 'informationscomplementaires', 'libellecomplet', 'facture', 'nfacture', 'numerodefacture', 'invoice', 'invoicenumber', 'motif', 'communication'],
};

function fieldOf(header: string): BankField | null {
  const h = normalizeHeader(header);
  if (h === '') return null;
  for (const [field, names] of Object.entries(ALIASES) as [BankField, readonly string[]][]) if (names.includes(h)) return field;
  return null;
}

export type TableStatementResult = { readonly statement: Statement } | { readonly error: 'NoBankHeader' };

/**
 * The statement in the workbook's first sheet with a bank header (a date and an amount or
 * debit/credit). `mapping` (one field or null per column of that header, from the mapping panel)
 * replaces what the headers said.
 */
export function readBankTable(workbook: Workbook, fileName: string, mapping?: readonly (BankField | null)[]): TableStatementResult {
  for (const sheet of workbook.sheets) {
    const rows = sheet.rows;
    for (let h = 0; h < Math.min(rows.length, 40); h++) {
      const head = rows[h] ?? [];
      const fields = head.map((c) => fieldOf(cellText(c)));
      const guessed = new Map<BankField, number>();
      fields.forEach((f, i) => {
        if (f && !guessed.has(f)) guessed.set(f, i);
      });
      if (!guessed.has('date') || !(guessed.has('amount') || guessed.has('debit') || guessed.has('credit'))) continue;
      const chosen = mapping ?? head.map((_, i) => fields[i] ?? null).map((f, i) => (f !== null && guessed.get(f) === i ? f : null));
      const columns = new Map<BankField, number>();
      chosen.forEach((f, i) => {
        if (f && !columns.has(f)) columns.set(f, i);
      });
      const statement = readRows(rows, h, columns, fileName);
      return { statement: { ...statement, columns: { headerRow: h + 1, headers: head.map((c) => cellText(c)), fields: head.map((_, i) => chosen[i] ?? null) } } };
    }
  }
  return { error: 'NoBankHeader' };
}

function readRows(rows: readonly (readonly Cell[] | undefined)[], headerRow: number, columns: ReadonlyMap<BankField, number>, fileName: string): Statement {
  const data = rows.slice(headerRow + 1);
  const col = (f: BankField) => columns.get(f);
  const cells = (f: BankField) => {
    const c = col(f);
    return c === undefined ? [] : data.map((r) => (r ?? [])[c] ?? null);
  };
  const order = profileDateColumn(cells('date'), 'dmy').order ?? 'dmy';
  const texts = [...cells('amount'), ...cells('debit'), ...cells('credit')].filter((c): c is string => typeof c === 'string');
  const decimal = inferDecimalSeparator(texts, ',');
  const dateOf = (c: Cell | undefined): Day | null => (c === undefined || c === null ? null : isDateCell(c) ? c.day : typeof c === 'string' ? parseDateText(c, order) : null);
  const amountOf = (c: Cell | undefined): number | null => {
    if (c === undefined || c === null || cellText(c).trim() === '') return null;
    const p = parseAmountCell(c, decimal);
    return p === 'invalid' || p === null ? Number.NaN : p.cents;
  };
  const lines: BankLine[] = [];
  const refused: StatementRefusal[] = [];
  data.forEach((r, k) => {
    const row = headerRow + k + 2;
    if (!r || r.every((c) => c === null || cellText(c).trim() === '')) return;
    const text = (f: BankField) => {
      const c = col(f);
      return c === undefined ? '' : cellText(r[c] ?? null).trim();
    };
    const date = dateOf(col('date') === undefined ? undefined : r[col('date') as number]);
    const amount = col('amount') !== undefined ? amountOf(r[col('amount') as number]) : null;
    const debit = col('debit') !== undefined ? amountOf(r[col('debit') as number]) : null;
    const credit = col('credit') !== undefined ? amountOf(r[col('credit') as number]) : null;
    const hasMoney = amount !== null || debit !== null || credit !== null;
    if (date === null) {
      // A footer or a total: no date and nothing else to say. A dated-looking row with money is refused.
      if (hasMoney && text('label') !== '') refused.push({ row, reason: `row ${row}: date "${text('date')}"` });
      return;
    }
    if (!hasMoney || [amount, debit, credit].some((x) => x !== null && Number.isNaN(x))) {
      refused.push({ row, reason: `row ${row}: amount` });
      return;
    }
    // Debits are written positive or negative depending on the bank: money out either way.
    const cents = amount ?? (credit ?? 0) - Math.abs(debit ?? 0);
    const reference = text('reference');
    lines.push({
      id: reference !== '' ? `${reference}` : `${fileName}#${row}`,
      date,
      valueDate: dateOf(col('valueDate') === undefined ? undefined : r[col('valueDate') as number]),
      amountCents: cents as Cents,
      label: text('label'),
      payer: text('payer'),
      reference,
      remittance: text('detail'),
      row,
    });
  });
  return { format: 'csv', fileName, account: '', currency: 'EUR', lines, refused, openingCents: null, closingCents: null };
}
