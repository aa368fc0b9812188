/**
 * A plateforme agréée's export of lifecycle statuses (issue 18), CSV or JSON: one line per event,
 * with the invoice number, the status (code or label) and its date. Lines that cannot be read are
 * named; the statuses themselves are applied by core/dunning/lifecycle.ts.
 */
import { isoOf, lifecycleCode, type LifecycleEntry } from '../../core/index.ts';
import { decodeText } from '../decode.ts';
import { cellText, isDateCell, type Cell } from '../grid.ts';
import { parseDateText } from '../parse-cells.ts';
import { readCsv } from '../read-csv.ts';
import { normalizeHeader } from '../map-columns.ts';

export type LifecycleRead = { readonly ok: true; readonly entries: readonly LifecycleEntry[]; readonly refused: readonly { readonly row: number; readonly reason: string }[] } | { readonly ok: false; readonly error: 'NotALifecycleFile' | 'EmptyFile' };

const INVOICE = ['facture', 'nfacture', 'numerofacture', 'numero', 'invoice', 'invoicenumber', 'invoiceid', 'document', 'piece', 'reference', 'id'];
const STATUS = ['statut', 'status', 'code', 'codestatut', 'statuscode', 'libellestatut', 'etat', 'state'];
const DATE = ['date', 'datestatut', 'statusdate', 'horodatage', 'timestamp', 'dateevenement', 'datetime'];

function dateOf(c: Cell | unknown): string | null {
  if (c !== null && typeof c === 'object' && isDateCell(c as Cell)) return isoOf((c as { day: never }).day);
  const s = String(c ?? '').trim();
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(s)?.[1];
  if (iso) return iso;
  const d = parseDateText(s, 'dmy');
  return d === null ? null : isoOf(d);
}

function fromRows(rows: readonly (readonly unknown[])[]): LifecycleRead {
  for (let h = 0; h < Math.min(rows.length, 20); h++) {
    const head = (rows[h] ?? []).map((c) => normalizeHeader(cellText(c as Cell)));
    const col = (names: readonly string[]) => head.findIndex((x) => names.includes(x));
    const [inv, st, dt] = [col(INVOICE), col(STATUS), col(DATE)];
    if (inv < 0 || st < 0 || dt < 0) continue;
    const entries: LifecycleEntry[] = [];
    const refused: { row: number; reason: string }[] = [];
    rows.slice(h + 1).forEach((r, k) => {
      const row = h + k + 2;
      if (!r || r.every((c) => cellText(c as Cell).trim() === '')) return;
      const invoice = cellText(r[inv] as Cell).trim();
      const code = lifecycleCode(cellText(r[st] as Cell));
      const date = dateOf(r[dt]);
      if (invoice === '' || code === null || date === null) refused.push({ row, reason: invoice === '' ? 'no invoice number' : code === null ? `status "${cellText(r[st] as Cell)}"` : `date "${cellText(r[dt] as Cell)}"` });
      else entries.push({ invoice, code, date, row });
    });
    return { ok: true, entries, refused };
  }
  return { ok: false, error: 'NotALifecycleFile' };
}

export function readLifecycle(bytes: Uint8Array): LifecycleRead {
  if (bytes.length === 0) return { ok: false, error: 'EmptyFile' };
  const text = decodeText(bytes.subarray(0, Math.min(bytes.length, 64 * 1024 * 1024))).text.trim();
  if (text.startsWith('[') || text.startsWith('{')) {
    try {
      const data = JSON.parse(text) as unknown;
      const list = Array.isArray(data) ? data : ((data as Record<string, unknown>).statuses ?? (data as Record<string, unknown>).events ?? (data as Record<string, unknown>).items);
      if (!Array.isArray(list) || list.length === 0) return { ok: false, error: 'NotALifecycleFile' };
      const keys = [...new Set(list.flatMap((o) => (o !== null && typeof o === 'object' ? Object.keys(o as object) : [])))];
      return fromRows([keys, ...list.map((o) => keys.map((k) => ((o as Record<string, unknown>)[k] ?? null) as unknown))]);
    } catch {
      return { ok: false, error: 'NotALifecycleFile' };
    }
  }
  return fromRows(readCsv(bytes).workbook.sheets[0]?.rows.map((r) => r ?? []) ?? []);
}
