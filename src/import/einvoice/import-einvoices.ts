/**
 * Dropped e-invoice files (one or hundreds: Factur-X / ZUGFeRD PDFs, CII and UBL XML) read as one
 * ledger with one import report, as the page and the CLI do for a spreadsheet: every file read or
 * refused with why, invoices of another seller and in another currency set apart, the mentions
 * counted. Asynchronous only because pdf.js is.
 */
import { IssueList, type Ledger, type Profile } from '../../core/index.ts';
import { decodeText } from '../decode.ts';
import type { ImportReport } from '../import-file.ts';
import { looksLikeEInvoice, readEInvoiceXml } from './einvoice.ts';
import { embeddedInvoiceXml } from './pdf.ts';
import { eInvoicesToLedger, type ReadEInvoice } from './to-ledger.ts';

export type EInvoiceFile = { readonly name: string; readonly bytes: Uint8Array };

const isPdf = (b: Uint8Array) => b.length > 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46;

/** True when the first bytes are a PDF or an e-invoice XML (the page sends these here, not to the ledger import). */
export function isEInvoiceFile(head: Uint8Array): boolean {
  if (isPdf(head)) return true;
  const text = decodeText(head.subarray(0, 8192)).text;
  return looksLikeEInvoice(text);
}

export async function importEInvoices(files: readonly EInvoiceFile[], profile: Profile | null, defaultTermsDays = 30): Promise<{ report: ImportReport; ledger: Ledger }> {
  const issues = new IssueList();
  const read: ReadEInvoice[] = [];
  for (const f of files) {
    let text: string | null = null;
    if (isPdf(f.bytes)) {
      try {
        const xml = await embeddedInvoiceXml(f.bytes);
        if (xml === null) {
          issues.add({ code: 'EInvoicePdfWithoutXml', severity: 'warning', params: { file: f.name } });
          continue;
        }
        text = xml.text;
      } catch (e) {
        issues.add({ code: 'EInvoiceRefused', severity: 'warning', params: { file: f.name, reason: 'PdfUnreadable', detail: e instanceof Error ? e.message.slice(0, 120) : 'PDF' } });
        continue;
      }
    } else text = decodeText(f.bytes).text;
    const r = readEInvoiceXml(text);
    if (!r.ok) {
      issues.add({ code: 'EInvoiceRefused', severity: 'warning', params: { file: f.name, reason: r.error, detail: r.detail.slice(0, 120) } });
      continue;
    }
    read.push({ fileName: f.name, invoice: r.invoice });
  }
  const { ledger, issues: ledgerIssues, used, setApart } = eInvoicesToLedger(read, profile, defaultTermsDays);
  for (const i of ledgerIssues) issues.add(i);
  const fatal = ledger.invoices.length === 0 ? 'NoDataRows' : null;
  if (fatal) issues.add({ code: 'NoDataRows', severity: 'error' });
  const report: ImportReport = {
    fileName: files.length === 1 ? (files[0] as EInvoiceFile).name : `${files.length} e-invoices`,
    format: 'einvoice',
    encoding: null,
    separator: null,
    is1904: false,
    sheets: [],
    sheet: null,
    headerRow: null,
    headerSignature: '',
    columns: [],
    mapping: {},
    isMappingAuto: true,
    rowsRead: files.length,
    rowsUsed: used,
    skipped: { blank: 0, repeatedHeader: 0, sectionHeading: 0, total: 0, draft: 0, otherCurrency: setApart, notReceivable: files.length - read.length, error: 0 },
    mergedRows: 0,
    selfCheck: [],
    invoiceCount: ledger.invoices.length,
    customerCount: ledger.customers.length,
    issues: issues.toArray(),
    fatal,
  };
  return { report, ledger: fatal ? { ...ledger, invoices: [] } : ledger };
}
