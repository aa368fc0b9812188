/**
 * Which dropped bytes are e-invoices: one Factur-X / ZUGFeRD PDF, one CII or UBL XML, or a zip of
 * them (a folder's worth dropped at once travels as one zip, and so does a zip the user made).
 * The zip is checked against bombs before anything inflates; fflate is loaded for a zip only.
 */
import { loadFflate } from '../sheetjs.ts';
import { checkZip } from '../zip-guard.ts';
import { isEInvoiceFile, type EInvoiceFile } from './import-einvoices.ts';

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The e-invoice files in these bytes, or null when they are something else (a spreadsheet, a CSV…). */
export async function eInvoiceFilesOf(bytes: Uint8Array, name: string): Promise<EInvoiceFile[] | null> {
  if (isZip(bytes)) {
    if (!checkZip(bytes).ok) return null;
    const { unzipSync } = await loadFflate();
    let names: string[] = [];
    try {
      const entries = unzipSync(bytes, { filter: (f) => !f.name.endsWith('/') && !f.name.startsWith('__MACOSX/') && /\.(xml|pdf)$/i.test(f.name) });
      names = Object.keys(entries);
      // A spreadsheet is a zip too: only a zip of nothing but invoices is read as invoices.
      const all = unzipSync(bytes, { filter: (f) => !f.name.endsWith('/') && !f.name.startsWith('__MACOSX/') && !/\.(xml|pdf)$/i.test(f.name) && !/(^|\/)\.DS_Store$/.test(f.name) });
      if (Object.keys(all).length > 0 || names.length === 0) return null;
      const files = names.sort().map((n) => ({ name: n.split('/').pop() as string, bytes: entries[n] as Uint8Array }));
      return files.some((f) => isEInvoiceFile(f.bytes)) ? files : null;
    } catch {
      return null;
    }
  }
  return isEInvoiceFile(bytes.subarray(0, 8192)) ? [{ name, bytes }] : null;
}
