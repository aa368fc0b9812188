/**
 * SheetJS, loaded only when a file needs it: a workbook the lean reader leaves to it (.xls, .ods, an
 * unusual .xlsx) or an .xlsx's number formats. A CSV, a FEC or a bank statement in text never loads it.
 * The worker and the CLI call `loadSheetJs()` before reading a workbook (`needsSheetJs` tells from the
 * bytes); the readers then take it from `sheetJs()`.
 */
import type * as XLSX from 'xlsx';
import { sniff } from './sniff.ts';

export type SheetJs = typeof XLSX;

let lib: SheetJs | null = null;

export async function loadSheetJs(): Promise<SheetJs> {
  lib ??= await import('xlsx');
  return lib;
}

export function sheetJs(): SheetJs {
  if (lib === null) throw new Error('SheetJS is not loaded: loadSheetJs() comes before reading a workbook');
  return lib;
}

/** A zip or OLE container: a workbook the readers may need SheetJS for. */
export function needsSheetJs(bytes: Uint8Array): boolean {
  const kind = sniff(bytes).kind;
  return kind === 'zip' || kind === 'cfb';
}
