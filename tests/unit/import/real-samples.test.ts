/**
 * Every file of ../shared/samples/real either imports with sensible results or gets a clear,
 * specific message. Skipped when the shared folder is absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeLedger, isoOf, openAt, type Day } from '../../../src/core/index.ts';
import { importFile, type ImportResult } from '../../../src/import/import-file.ts';
import { readWorkbook } from '../../../src/import/read-xlsx.ts';
import { readCsv } from '../../../src/import/read-csv.ts';
import { isDateCell } from '../../../src/import/grid.ts';
import { d } from '../../support/builders.ts';

const REAL = join(import.meta.dirname, '../../../../shared/samples/real');
const present = existsSync(REAL);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : name === 'README.md' ? [] : [p];
  });
}

const load = (rel: string, options: Record<string, unknown> = {}): ImportResult => importFile(readFileSync(join(REAL, rel)), { fileName: basename(rel), ...options });

type Expectation = { fatal: string | null; check?: (r: ImportResult) => void };

const EXPECTED: Record<string, Expectation> = {
  'edge-cases/msoffcrypto/example_password.xlsx': { fatal: 'EncryptedFile' },
  'edge-cases/sheetjs/password_2002_40_xor.xls': { fatal: 'EncryptedFile' },
  'edge-cases/sheetjs/1904/1904.xlsx': { fatal: 'NoHeaderRow' },
  'edge-cases/sheetjs/1904/1904.xls': { fatal: 'NoHeaderRow' },
  'edge-cases/sheetjs/crlf/crlf.csv': { fatal: 'MissingAmountColumn' },
  'edge-cases/sheetjs/merge_cells.xlsx': { fatal: 'NoHeaderRow' },
  'edge-cases/sheetjs/merge_cells.ods': { fatal: 'NoHeaderRow', check: (r) => expect(r.report.format).toBe('ods') },
  'edge-cases/sheetjs/phpexcel_bad_cfb_dir.xls': {
    fatal: 'MissingAmountColumn',
    check: (r) => expect(r.report.columns.map((c) => c.header)).toContain('Açıklama'),
  },
  'edge-cases/sheetjs/sheet_visibility.xlsx': {
    fatal: 'MissingAmountColumn',
    check: (r) => {
      expect(r.report.sheet).toBe('Visible');
      expect(r.report.sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual(['Hidden', 'VeryHidden']);
      expect(r.report.issues.filter((i) => i.code === 'HiddenSheet')).toHaveLength(2);
    },
  },
  'edge-cases/sheetjs/xlsx-stream-d-date-cell.xlsx': { fatal: 'MissingAmountColumn' },
  'fec/0000000001FEC20220831.txt': {
    fatal: null,
    check: (r) => {
      expect(r.report).toMatchObject({ format: 'fec', encoding: 'utf-8', customerCount: 17 });
      expect(r.ledger.customers.map((c) => c.name)).toContain('JARDIN DE FLORETTE');
      // Lettrage codes without DateLet: matched items are settled; the opening entries are flagged.
      expect(r.report.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['FecDueDatesDerived', 'FecOpeningEntries']));
      expect(r.ledger.invoices.some((i) => i.payments.length > 0)).toBe(true);
    },
  },
  'fec/000000000FEC20231231.txt': {
    fatal: null,
    check: (r) => {
      expect(r.report).toMatchObject({ format: 'fec', customerCount: 4 });
      // No lettrage at all on 411: the FIFO fallback is used and said.
      expect(r.report.issues.map((i) => i.code)).toContain('FecNoLettrage');
    },
  },
  'fec/111111111FEC20221231.TXT': {
    fatal: null,
    check: (r) => {
      expect(r.report).toMatchObject({ format: 'fec', encoding: 'cp850', separator: '|', customerCount: 34 });
      expect(r.ledger.customers.some((c) => c.code === '41101590' && c.name.startsWith('E.LECLERC'))).toBe(true);
      // 151 lines on 411: the 34 unlettered ones stay open, the lettered ones are settled.
      expect(r.report.rowsUsed).toBe(151);
      const a = analyzeLedger(r.ledger, { asOf: d('2023-07-31') });
      const sum = r.ledger.invoices.reduce((s, i) => s + openAt(i, d('2023-07-31')), 0);
      expect(a.aging.total.openCents).toBe(sum);
    },
  },
  'fec/123456789FEC20500930.txt': { fatal: null, check: (r) => expect(r.report).toMatchObject({ format: 'fec', rowsUsed: 4 }) },
  'receivables/akaunting/invoices.xlsx': {
    fatal: null,
    check: (r) => {
      expect(r.report.sheet).toBe('invoices');
      expect(r.report.sheets).toHaveLength(6);
    },
  },
  'receivables/ibm-watson-ar/misebastian/WA_Fn-UseC_-Accounts-Receivable.xlsx': {
    fatal: null,
    check: (r) => {
      expect(r.report.invoiceCount).toBe(2466);
      expect(r.report.issues.filter((i) => i.code === 'MixedDateTypes').length).toBeGreaterThanOrEqual(2);
      expect(r.report.issues.some((i) => i.code === 'AmountsStoredAsText')).toBe(true);
      expect(r.report.issues.some((i) => i.code === 'DueBeforeIssue')).toBe(true);
    },
  },
  'receivables/ibm-watson-ar/pedroteles/WA_Fn-UseC_-Accounts-Receivable.csv': {
    fatal: null,
    check: (r) => {
      expect(r.report.columns.find((c) => c.header === 'InvoiceDate')).toMatchObject({ dateOrder: 'dmy', isDateOrderAssumed: false });
      expect(r.report.invoiceCount).toBe(2466);
    },
  },
  'receivables/ibm-watson-ar/wdmartin44/WA_Fn-UseC_-Accounts-Receivable_with_missing.csv': {
    fatal: null,
    check: (r) => {
      expect(r.report.columns.find((c) => c.header === 'InvoiceDate')).toMatchObject({ dateOrder: 'mdy', isDateOrderAssumed: false });
      expect(r.report.invoiceCount).toBe(2586);
    },
  },
  'receivables/invoiceninja/i2g_invoices.csv': {
    fatal: null,
    check: (r) => {
      expect(r.report.skipped.otherCurrency).toBe(1);
      expect(r.report.issues.some((i) => i.code === 'MixedCurrencies')).toBe(true);
    },
  },
  'receivables/invoiceninja/invoice.csv': {
    fatal: null,
    check: (r) => {
      expect(r.report.headerRow).toBe(4);
      expect(r.report.mapping).toMatchObject({ amount: 3, paid: 4 });
    },
  },
  'receivables/invoiceninja/invoicely_invoices.csv': {
    fatal: null,
    check: (r) => {
      expect(r.ledger.invoices[0]).toMatchObject({ number: 'INV-1', amount: 102000 });
      expect(isoOf(r.ledger.invoices[0]?.issued as Day)).toBe('2021-01-28');
    },
  },
  'receivables/invoiceninja/wave_invoices.csv': {
    fatal: null,
    check: (r) => {
      const a = analyzeLedger(r.ledger, { asOf: d('2021-03-31') });
      // Lucas Cage's invoice 3 (590.50) is paid by the "Invoice Payment" line; the other two stay open.
      expect(a.aging.total.openCents).toBe(497400 + 350041);
      expect(r.report.skipped.notReceivable).toBeGreaterThan(0);
    },
  },
  'receivables/invoiceninja/zoho_invoices.csv': { fatal: 'NoDataRows' },
  'statements/oca/meta_data_separated_credit_debit.csv': { fatal: 'NoUsableColumn', check: (r) => expect(r.report.headerRow).toBe(5) },
  'statements/oca/meta_data_separated_credit_debit.xlsx': { fatal: 'NoUsableColumn', check: (r) => expect(r.report.headerRow).toBe(5) },
};

describe.skipIf(!present)('real exports in ../shared/samples/real', () => {
  const files = present ? walk(REAL).map((p) => relative(REAL, p)).sort() : [];

  it('has an expectation for every file of the folder', () => {
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  for (const rel of Object.keys(EXPECTED).sort()) {
    const e = EXPECTED[rel] as Expectation;
    it(`${rel} → ${e.fatal ?? 'imported'}`, () => {
      const r = load(rel);
      expect(r.report.fatal).toBe(e.fatal);
      if (e.fatal === null) {
        expect(r.report.rowsUsed).toBeGreaterThan(0);
      } else {
        expect(r.report.issues.some((i) => i.severity === 'error' && i.code === e.fatal)).toBe(true);
      }
      e.check?.(r);
    });
  }

  it('reads Zoho line items as 3 invoices when drafts are included', () => {
    const r = load('receivables/invoiceninja/zoho_invoices.csv', { includeDrafts: true });
    expect(r.report.invoiceCount).toBe(3);
    expect(r.report.mergedRows).toBe(10);
    expect(r.ledger.invoices.map((i) => i.amount)).toEqual([48975, 46000, 39000]);
  });

  it('reads the 1904 workbook dates in the 1904 system (.xlsx and .xls)', () => {
    for (const [rel, format] of [['edge-cases/sheetjs/1904/1904.xlsx', 'xlsx'], ['edge-cases/sheetjs/1904/1904.xls', 'xls']] as const) {
      const read = readWorkbook(readFileSync(join(REAL, rel)), format);
      if (!read.ok) throw new Error(read.reason);
      expect(read.workbook.is1904).toBe(true);
      const rows = read.workbook.sheets[0]?.rows ?? [];
      for (const row of rows.slice(0, 5)) {
        const cell = row?.[1];
        expect(cell !== undefined && cell !== null && isDateCell(cell)).toBe(true);
        if (cell && isDateCell(cell)) expect(isoOf(cell.day)).toBe(row?.[2]);
      }
    }
  });

  it('reads the CP850 FEC accented labels', () => {
    const { workbook } = readCsv(readFileSync(join(REAL, 'fec/111111111FEC20221231.TXT')));
    expect(workbook.encoding).toBe('cp850');
    const cells = (workbook.sheets[0]?.rows ?? []).flatMap((row) => (row ?? []).map((c) => String(c)));
    expect(cells.some((c) => c.includes('CREAT°'))).toBe(true);
    expect(cells.some((c) => /[\u2500-\u259f]/.test(c))).toBe(false);
  });
});
