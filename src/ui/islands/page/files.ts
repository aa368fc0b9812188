/**
 * What the page does with the files dropped or chosen together, before any of them is read: which
 * are ledgers, which are e-invoices (read together as one ledger: several travel to the worker as one
 * zip), which are bank statements (matched once the ledgers are read); the names kept apart; and the
 * one import request each kind of file takes.
 */
import type { ImportOptions } from '../../../import/import-file.ts';
import type { Restorer } from '../../../worker/client.ts';
import type { PageSettings } from '../../../worker/protocol.ts';

export type Dropped = { readonly ledgers: File[]; readonly einvoices: File[]; readonly statements: File[] };

/** Sorts the files by kind, told by the worker from their first bytes (and a zip's directory). */
export async function sortDropped(files: readonly File[], classify: (file: File) => Promise<'statement' | 'einvoice' | 'ledger'>): Promise<Dropped> {
  const out: Dropped = { ledgers: [], einvoices: [], statements: [] };
  for (const file of files) {
    const kind = await classify(file);
    (kind === 'statement' ? out.statements : kind === 'einvoice' ? out.einvoices : out.ledgers).push(file);
  }
  return out;
}

/** `name`, or "name (2)", "name (3)"… when it is taken already; the name returned is taken. */
export function uniqueName(name: string, taken: Set<string>): string {
  let unique = name;
  for (let k = 2; taken.has(unique); k++) unique = name.replace(/(\.[^.]*)?$/, (ext) => ` (${k})${ext}`);
  taken.add(unique);
  return unique;
}

/** E-invoices as one file: the file itself, or a zip of them all (stored, not compressed) named `label`. */
export async function bundleEInvoices(files: readonly File[], label: string): Promise<{ file: Blob; name: string }> {
  if (files.length === 1) return { file: files[0] as File, name: (files[0] as File).name };
  const { zipSync } = await import('fflate');
  const entries: Record<string, Uint8Array> = {};
  const taken = new Set<string>();
  for (const f of files) entries[uniqueName(f.name, taken)] = new Uint8Array(await f.arrayBuffer());
  return { file: new Blob([zipSync(entries, { level: 0 }) as Uint8Array<ArrayBuffer>]), name: label };
}

/** The files (or their reports) read together: `item` in place of the one of its name when appended, else alone. */
export function readTogether<T>(list: readonly T[], item: T, nameOf: (x: T) => string, append: boolean): T[] {
  return append ? [...list.filter((x) => nameOf(x) !== nameOf(item)), item] : [item];
}

/** An import's progress bar, 0 to 1: reading is the first fifth, turning rows into the ledger most of the rest, the figures the end. */
export function importProgress(stage: string, done: number, total: number): number {
  if (total <= 0) return 0;
  return stage === 'read' ? 0.05 : stage === 'map' ? 0.2 + 0.7 * (done / total) : 0.9 + 0.1 * (done / total);
}

type Send = Parameters<Restorer>[0];

/**
 * Reads a file into the worker's session with the request its kind takes: e-invoices (their bytes,
 * transferred), or a ledger (the file itself, which the worker reads a slice at a time).
 */
export async function importRequest(send: Send, file: Blob, name: string, options: ImportOptions, settings: PageSettings, append: boolean, sendOptions: Parameters<Send>[2] = {}) {
  if (!options.einvoices) return send('importFile', { file, options, settings, append }, sendOptions);
  const bytes = await file.arrayBuffer();
  return send('importEInvoices', { bytes, fileName: name, settings, append }, { ...sendOptions, transfer: [bytes] });
}
