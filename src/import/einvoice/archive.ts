/**
 * Which dropped bytes are e-invoices: one Factur-X / ZUGFeRD PDF, one CII or UBL XML, or a zip of
 * them (a folder's worth dropped at once travels as one zip, and so does a zip the user made).
 * The zip is checked against bombs before anything inflates; fflate is loaded for a zip only.
 */
import { loadFflate } from '../sheetjs.ts';
import { checkZip, zipEntryNames } from '../zip-guard.ts';
import { isEInvoiceFile, type EInvoiceFile } from './import-einvoices.ts';

/** A zip's first bytes (a local file header): only then is its directory worth reading (`isEInvoiceZip`). */
export const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Bytes read from the end of a zip to list its entries: a zip of a few thousand invoices lists them in far less. */
export const ZIP_DIRECTORY_BYTES = 1 << 20;

/** Entries a zip made on a desktop carries besides its files: folders, macOS's resource forks and folder settings. */
const isAside = (name: string) => name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(name);
const isInvoiceEntry = (name: string) => /\.(xml|pdf)$/i.test(name);

/** A zip's entries are e-invoice files and nothing else (a spreadsheet is a zip too, of XML parts and more). */
function onlyInvoices(names: readonly string[]): boolean {
  const files = names.filter((n) => !isAside(n));
  return files.length > 0 && files.every(isInvoiceEntry);
}

/**
 * Whether a file is a zip the user made of their e-invoices, told from its first bytes and its last
 * ones (`tail`, from byte `tailStart`: the zip's directory), before it is read: the page sends it to
 * the e-invoice reader instead of the spreadsheet reader, as the CLI does.
 */
export function isEInvoiceZip(head: Uint8Array, tail: Uint8Array, tailStart: number): boolean {
  if (!isZip(head)) return false;
  const names = zipEntryNames(tail, tailStart);
  return names !== null && onlyInvoices(names);
}

/** The e-invoice files in these bytes, or null when they are something else (a spreadsheet, a CSV…). */
export async function eInvoiceFilesOf(bytes: Uint8Array, name: string): Promise<EInvoiceFile[] | null> {
  if (isZip(bytes)) {
    if (!checkZip(bytes).ok) return null;
    const names = zipEntryNames(bytes, 0);
    if (names === null || !onlyInvoices(names)) return null;
    const { unzipSync } = await loadFflate();
    try {
      const entries = unzipSync(bytes, { filter: (f) => !isAside(f.name) });
      const files = Object.keys(entries)
        .sort()
        .map((n) => ({ name: n.split('/').pop() as string, bytes: entries[n] as Uint8Array }));
      return files.some((f) => isEInvoiceFile(f.bytes)) ? files : null;
    } catch {
      return null;
    }
  }
  return isEInvoiceFile(bytes.subarray(0, 8192)) ? [{ name, bytes }] : null;
}
