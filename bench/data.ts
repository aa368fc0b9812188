/**
 * Benchmark ledgers, deterministic: receivables ledgers of any size as CSV (Windows-1252, `;`,
 * decimal commas, French headers and dates) and .xlsx (shared strings, date and money styles, as
 * Excel writes them), a FEC of a million lines with its lettrage, and the worst cases of issue 8.
 * Written once into bench/data/ (git-ignored) and reused by the Node and Chromium benchmarks.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { excelSerialOf, frenchDate, isoOf, type Day } from '../src/core/index.ts';
import { encodeWindows1252, makeInvoices, type SampleInvoice } from '../samples/generate.ts';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

const HEADERS = ['Code client', 'Client', 'N° facture', 'Date', 'Échéance', 'Montant TTC', 'Réglé', 'Date de règlement'];

export type Shape = 'mixed' | 'oneCustomer' | 'eachOwnCustomer';

/** Invoices of `rows` lines: 20 per customer, or all of one customer, or one customer each. */
export function benchInvoices(rows: number, shape: Shape = 'mixed'): SampleInvoice[] {
  const inv = makeInvoices(rows, shape === 'mixed' ? Math.max(50, rows / 20) : 1, 99, 'B');
  if (shape !== 'eachOwnCustomer') return inv;
  return inv.map((x, i) => ({ ...x, customerCode: `C${i + 1}`, customer: `Client ${i + 1}` }));
}

function frenchAmount(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

export function ledgerCsv(inv: readonly SampleInvoice[]): Uint8Array {
  const lines = [HEADERS.join(';')];
  for (const i of inv) lines.push([i.customerCode, i.customer, i.number, frenchDate(i.issued), frenchDate(i.due), frenchAmount(i.cents), frenchAmount(i.paidCents), i.paidOn === null ? '' : frenchDate(i.paidOn)].join(';'));
  return encodeWindows1252(`${lines.join('\r\n')}\r\n`);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function columnName(c: number): string {
  return String.fromCharCode(65 + c);
}

/** A one-sheet workbook as Excel writes it: shared strings, dates and amounts as styled numbers. */
export function ledgerXlsx(inv: readonly SampleInvoice[]): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  let stringRefs = 0;
  const s = (text: string): number => {
    stringRefs++;
    let i = index.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      index.set(text, i);
    }
    return i;
  };
  const rows: string[] = [];
  const cellS = (r: number, c: number, text: string) => `<c r="${columnName(c)}${r}" t="s"><v>${s(text)}</v></c>`;
  const cellN = (r: number, c: number, v: number, style: number) => `<c r="${columnName(c)}${r}" s="${style}"><v>${v}</v></c>`;
  rows.push(`<row r="1">${HEADERS.map((h, c) => cellS(1, c, h)).join('')}</row>`);
  inv.forEach((i, k) => {
    const r = k + 2;
    const date = (c: number, d: Day) => cellN(r, c, excelSerialOf(d, false), 1);
    rows.push(
      `<row r="${r}">${cellS(r, 0, i.customerCode)}${cellS(r, 1, i.customer)}${cellS(r, 2, i.number)}${date(3, i.issued)}${date(4, i.due)}${cellN(r, 5, i.cents / 100, 2)}${cellN(r, 6, i.paidCents / 100, 2)}${i.paidOn === null ? '' : date(7, i.paidOn)}</row>`,
    );
  });
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:H${inv.length + 1}"/><sheetData>${rows.join('')}</sheetData></worksheet>`;
  const shared = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${stringRefs}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t>${xml(t)}</t></si>`).join('')}</sst>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Grand livre clients" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/sharedStrings.xml': strToU8(shared),
  };
  return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2026, 0, 1)) });
}

const FEC_HEADER = 'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise';

/**
 * A FEC of about `lines` lines: per invoice a 411 debit and its 706 and 44571 counterparts, and a
 * bank credit on 411 for each paid invoice, lettered with it. `sameLettrage`: every lettered line
 * carries the same code (the worst case for matching).
 */
export function fecText(lines: number, sameLettrage = false): Uint8Array {
  const inv = makeInvoices(Math.ceil(lines / 3.9), Math.max(50, lines / 80), 5, 'FV');
  const ymd = (d: Day) => isoOf(d).replace(/-/g, '');
  const out = [FEC_HEADER];
  let n = 0;
  const code = (k: number): string => {
    if (sameLettrage) return 'AAA';
    let s = '';
    for (let x = k; ; x = Math.floor(x / 26) - 1) {
      s = String.fromCharCode(65 + (x % 26)) + s;
      if (x < 26) break;
    }
    return s;
  };
  inv.forEach((i, k) => {
    if (i.cents <= 0) return;
    n++;
    const ht = Math.round(i.cents / 1.2);
    const lettered = i.paidOn !== null && i.paidCents === i.cents;
    const let_ = lettered ? code(k) : '';
    const dateLet = lettered ? ymd(i.paidOn as Day) : '';
    const d = ymd(i.issued);
    const name = i.customer.replace(/\t/g, ' ');
    out.push(['VE', 'Ventes', String(n), d, '411000', 'Clients', i.customerCode, name, i.number, d, `Facture ${i.number}`, frenchAmount(i.cents), '0,00', let_, dateLet, d, '', ''].join('\t'));
    out.push(['VE', 'Ventes', String(n), d, '706000', 'Prestations de services', '', '', i.number, d, `Facture ${i.number}`, '0,00', frenchAmount(ht), '', '', d, '', ''].join('\t'));
    out.push(['VE', 'Ventes', String(n), d, '445710', 'TVA collectée', '', '', i.number, d, `Facture ${i.number}`, '0,00', frenchAmount(i.cents - ht), '', '', d, '', ''].join('\t'));
    if (i.paidOn !== null && i.paidCents > 0) {
      n++;
      const p = ymd(i.paidOn);
      out.push(['BQ', 'Banque', String(n), p, '411000', 'Clients', i.customerCode, name, `VIR${k}`, p, `Règlement ${i.number}`, '0,00', frenchAmount(i.paidCents), let_, dateLet, p, '', ''].join('\t'));
    }
  });
  return new TextEncoder().encode(`${out.join('\r\n')}\r\n`);
}

export type BenchFile = { readonly name: string; readonly path: string; readonly bytes: Uint8Array };

/** The file, generated into bench/data/ on first use and read from there afterwards. */
export function benchFile(name: string, make: () => Uint8Array): BenchFile {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, name);
  if (!existsSync(path)) writeFileSync(path, make());
  return { name, path, bytes: new Uint8Array(readFileSync(path)) };
}

/** The as-of date the benchmark computes at (the samples' own). */
export { SAMPLE_AS_OF as BENCH_AS_OF } from '../samples/generate.ts';
