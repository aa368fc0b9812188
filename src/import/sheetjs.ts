/**
 * The workbook libraries, loaded only when a file needs them: SheetJS (a workbook the lean reader
 * leaves to it: .xls, .ods, an unusual .xlsx; or an .xlsx's number formats) and fflate (the zip under
 * an .xlsx, or under a folder of e-invoices). A CSV, a FEC or a bank statement in text loads neither:
 * the CLI starts without them (fflate alone took 14 ms of its start).
 * The worker and the CLI call `loadWorkbookReaders()` before reading a workbook (`needsWorkbookReaders`
 * tells from the bytes); the readers then take them from `sheetJs()` and `fflate()`.
 */
import type * as XLSX from 'xlsx';
import type * as FflateLib from 'fflate';
import { sniff } from './sniff.ts';

export type SheetJs = typeof XLSX;
export type Fflate = typeof FflateLib;

/** A library imported once, on demand (`load`), then taken synchronously by the readers (`get`). */
function onDemand<T>(importIt: () => Promise<T>, missing: string): { load: () => Promise<T>; get: () => T } {
  let lib: T | null = null;
  return {
    load: async () => (lib ??= await importIt()),
    get: () => {
      if (lib === null) throw new Error(missing);
      return lib;
    },
  };
}

const xlsx = onDemand<SheetJs>(() => import('xlsx'), 'SheetJS is not loaded: loadSheetJs() comes before reading a workbook');
const zip = onDemand<Fflate>(() => import('fflate'), 'fflate is not loaded: loadFflate() comes before reading a zip');

export const loadSheetJs = xlsx.load;
export const sheetJs = xlsx.get;
export const loadFflate = zip.load;
export const fflate = zip.get;

/** Both libraries, before reading a workbook. */
export async function loadWorkbookReaders(): Promise<void> {
  await Promise.all([loadSheetJs(), loadFflate()]);
}

/** A zip or OLE container: a workbook the readers may need SheetJS and fflate for. */
export function needsWorkbookReaders(bytes: Uint8Array): boolean {
  const kind = sniff(bytes).kind;
  return kind === 'zip' || kind === 'cfb';
}
