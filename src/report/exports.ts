/**
 * Exports of the aged balance, the worklist and the invoice-level detail: one .xlsx with a sheet
 * each (real numbers and dates, formatted) and the same tables as .csv. Text cells that a
 * spreadsheet would read as a formula (starting with = + - @, tab or carriage return) are
 * neutralised with a leading apostrophe, so that no export can carry a formula injection.
 */
import * as XLSX from 'xlsx';
import { agedBalance, bucketIndex, daysPastDue, dunningPlan, excelSerialOf, frenchDate, isIssuedBy, penaltyTotals, openAt, type Day, type Ledger, type Workspace } from '../core/index.ts';

export type ExportCell = string | number | { readonly day: Day } | { readonly cents: number } | null;
export type ExportTable = { readonly name: string; readonly head: readonly string[]; readonly rows: readonly (readonly ExportCell[])[] };

const FORMULA_START = /^[=+\-@\t\r]/;

/** "=HYPERLINK(…)" → "'=HYPERLINK(…)": shown as text, never evaluated. */
export function neutralize(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function exportTables(ledger: Ledger, asOf: Day, workspace: Workspace, lang: 'fr' | 'en', edges: readonly number[] = [30, 60, 90, 120]): ExportTable[] {
  const fr = lang === 'fr';
  const names = new Map(ledger.customers.map((c) => [c.id, c.name]));
  const aging = agedBalance(ledger, { asOf, edges });
  const labels = aging.labels.map((l) => (l === 'not_due' ? (fr ? 'Non échu' : 'Not due') : l));
  const agingTable: ExportTable = {
    name: fr ? 'Balance âgée' : 'Aged balance',
    head: [fr ? 'Code client' : 'Customer code', fr ? 'Client' : 'Customer', ...labels, fr ? 'Total' : 'Total', fr ? 'Retard pondéré (j)' : 'Weighted days late'],
    rows: [
      ...aging.customers.map((c) => [c.customerId, names.get(c.customerId) ?? c.customerId, ...c.buckets.map((b) => ({ cents: b })), { cents: c.openCents }, c.weightedDaysLate === null ? null : Math.round(c.weightedDaysLate * 10) / 10]),
      [fr ? 'TOTAL' : 'TOTAL', '', ...aging.total.buckets.map((b) => ({ cents: b })), { cents: aging.total.openCents }, aging.total.weightedDaysLate === null ? null : Math.round(aging.total.weightedDaysLate * 10) / 10],
    ],
  };
  const plan = dunningPlan(ledger, asOf, workspace);
  const worklist: ExportTable = {
    name: fr ? 'Relances' : 'Worklist',
    head: [fr ? 'Client' : 'Customer', fr ? 'Étape' : 'Step', fr ? 'Canal' : 'Channel', fr ? 'Factures' : 'Invoices', fr ? 'Montant dû' : 'Amount due', fr ? 'Pénalités' : 'Interest', fr ? 'Indemnités 40 €' : '€40 indemnities', fr ? 'Retard max (j)' : 'Max days late'],
    rows: plan.actions.map((a) => {
      const p = penaltyTotals(a.invoices, asOf, workspace);
      return [names.get(a.customerId) ?? a.customerId, a.step, a.channel, a.invoices.map((i) => i.number).join(', '), { cents: a.amountCents }, { cents: p.interestCents }, { cents: p.indemnityCents }, a.maxDaysPastDue];
    }),
  };
  const detail: ExportTable = {
    name: fr ? 'Détail des pièces' : 'Invoice detail',
    head: [fr ? 'Code client' : 'Customer code', fr ? 'Client' : 'Customer', fr ? 'N° pièce' : 'Number', fr ? 'Type' : 'Kind', fr ? 'Date' : 'Date', fr ? 'Échéance' : 'Due', fr ? 'Montant TTC' : 'Amount', fr ? 'Reste dû' : 'Open', fr ? 'Retard (j)' : 'Days late', fr ? 'Tranche' : 'Bucket', fr ? 'Source' : 'Source'],
    rows: ledger.invoices
      .filter((inv) => isIssuedBy(inv, asOf) && openAt(inv, asOf) !== 0)
      .map((inv) => {
        const dpd = daysPastDue(inv, asOf);
        return [
          inv.customerId,
          names.get(inv.customerId) ?? inv.customerId,
          inv.number,
          inv.kind,
          inv.issued === null ? null : { day: inv.issued },
          inv.due === null ? null : { day: inv.due },
          { cents: inv.amount },
          { cents: openAt(inv, asOf) },
          dpd,
          labels[dpd === null ? 0 : bucketIndex(dpd, edges)] ?? '',
          `${inv.source.sheet}:${inv.source.row}`,
        ];
      }),
  };
  return [agingTable, worklist, detail];
}

/** One workbook, a sheet per table: numbers as numbers (2 decimals), dates as date cells. */
export function tablesToXlsx(tables: readonly ExportTable[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const t of tables) {
    const ws: XLSX.WorkSheet = {};
    const put = (r: number, c: number, cell: ExportCell) => {
      if (cell === null) return;
      const ref = XLSX.utils.encode_cell({ r, c });
      if (typeof cell === 'string') ws[ref] = { t: 's', v: neutralize(cell) };
      else if (typeof cell === 'number') ws[ref] = { t: 'n', v: cell };
      else if ('day' in cell) ws[ref] = { t: 'n', v: excelSerialOf(cell.day, false), z: 'dd/mm/yyyy' };
      else ws[ref] = { t: 'n', v: cell.cents / 100, z: '#,##0.00' };
    };
    t.head.forEach((h, c) => put(0, c, h));
    t.rows.forEach((row, r) => row.forEach((cell, c) => put(r + 1, c, cell)));
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(t.rows.length, 1), c: Math.max(t.head.length - 1, 0) } });
    ws['!cols'] = t.head.map((h) => ({ wch: Math.max(10, h.length + 2) }));
    XLSX.utils.book_append_sheet(wb, ws, t.name.slice(0, 31));
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

/** A table as CSV for French spreadsheets: UTF-8 with BOM, `;`, decimal comma, dd/mm/yyyy. */
export function tableToCsv(t: ExportTable): string {
  const text = (cell: ExportCell): string => {
    if (cell === null) return '';
    if (typeof cell === 'number') return String(cell).replace('.', ',');
    if (typeof cell === 'string') return quote(neutralize(cell));
    if ('day' in cell) return frenchDate(cell.day);
    const neg = cell.cents < 0 ? '-' : '';
    const abs = Math.abs(cell.cents);
    return `${neg}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
  };
  const lines = [t.head.map((h) => quote(neutralize(h))).join(';'), ...t.rows.map((r) => r.map(text).join(';'))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

function quote(s: string): string {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
