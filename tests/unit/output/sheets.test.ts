import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { exportTables } from '../../../src/app/exports.ts';
import { neutralize, tablesToXlsx, tableToCsv } from '../../../src/output/sheets.ts';
import { aLedger, anInvoice, settingsAt } from '../../support/builders.ts';

const ledger = aLedger([
  anInvoice({ customer: '=HYPERLINK("http://evil.example","x")', number: '+SUM(A1:A9)', issued: '2025-10-01', due: '2025-10-31', amount: 1234.56 }),
  anInvoice({ customer: 'Dubœuf', number: '@cmd', issued: '2025-12-15', due: '2026-01-14', amount: 100, payments: [{ on: '2025-12-20', amount: 40 }] }),
]);
const tables = exportTables(ledger, settingsAt('2025-12-31'));

describe('exports', () => {
  it('neutralises every text that a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\t=x', '＝1+1', '＋1', '－1', '＠x', 'ok'].map(neutralize)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\t=x", "'＝1+1", "'＋1", "'－1", "'＠x", 'ok']);
  });

  it('writes one sheet per table with real numbers and dates, and reads back the same figures', () => {
    const wb = XLSX.read(tablesToXlsx(tables), { type: 'array', cellNF: true });
    expect(wb.SheetNames).toEqual(['Balance âgée', 'Relances', 'Détail des pièces', 'Prévision']);
    const detail = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['Détail des pièces'] as XLSX.WorkSheet, { raw: true });
    expect(detail.map((r) => [r['N° pièce'], r['Reste dû']])).toEqual([
      // xlsx text cells are never evaluated: written as they are, no stray apostrophe.
      ['+SUM(A1:A9)', 1234.56],
      ['@cmd', 60],
    ]);
    const dateCell = (wb.Sheets['Détail des pièces'] as XLSX.WorkSheet)['E2'] as XLSX.CellObject;
    expect(dateCell.t).toBe('n');
    expect(dateCell.z).toBe('dd/mm/yyyy');
    const aging = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['Balance âgée'] as XLSX.WorkSheet, { raw: true });
    expect(aging.find((r) => r['Code client'] === 'TOTAL')?.['Total']).toBe(1294.56);
    // The forecast sheet: 13 dated weeks, later and doubtful, and a total equal to the receivables.
    const forecast = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Prévision'] as XLSX.WorkSheet, { header: 1, raw: true });
    expect(forecast).toHaveLength(1 + 13 + 3);
    expect(((wb.Sheets['Prévision'] as XLSX.WorkSheet)['A2'] as XLSX.CellObject).z).toBe('dd/mm/yyyy');
    expect(forecast[16]).toEqual(['TOTAL', 1294.56]);
    const parts = forecast.slice(1, 16).reduce((s: number, r) => s + Math.round(Number(r[1]) * 100), 0);
    expect(parts).toBe(129456);
    // No cell anywhere holds a formula.
    for (const name of wb.SheetNames) for (const [ref, cell] of Object.entries(wb.Sheets[name] as XLSX.WorkSheet)) if (!ref.startsWith('!')) expect((cell as XLSX.CellObject).f).toBeUndefined();
  });

  it('keeps the header row in view (a frozen pane) and filterable on every sheet', () => {
    const bytes = tablesToXlsx(tables);
    const parts = unzipSync(bytes);
    const sheets = Object.keys(parts).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets).toHaveLength(4);
    for (const name of sheets) {
      const xml = strFromU8(parts[name] as Uint8Array);
      expect(xml, name).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
      // The worksheet's element order (sheetViews before sheetData, autoFilter after it) is what Excel requires.
      expect(xml.indexOf('<sheetViews>')).toBeLessThan(xml.indexOf('<sheetData'));
      expect(xml.indexOf('<autoFilter')).toBeGreaterThan(xml.indexOf('</sheetData>'));
    }
    const wb = XLSX.read(bytes, { type: 'array' });
    expect((wb.Sheets['Détail des pièces'] as XLSX.WorkSheet)['!autofilter']?.ref).toBe((wb.Sheets['Détail des pièces'] as XLSX.WorkSheet)['!ref']);
  });

  it('writes French CSV: BOM, semicolons, decimal commas, dd/mm/yyyy, neutralised text', () => {
    const csv = tableToCsv(tables[2]!);
    expect(csv.startsWith('\ufeff"Code client";"Client";"N° pièce"')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")";"'=HYPERLINK(""http://evil.example"",""x"")";"'+SUM(A1:A9)";"Facture";01/10/2025;31/10/2025;1234,56;1234,56;61;"61-90 j"`);
  });

  it('shows no formula to a reader splitting on any separator, quotes respected', () => {
    const hostile = aLedger([anInvoice({ customer: 'ACME,=2*21,', number: 'X;+1|@2\t=3', issued: '2025-10-01', due: '2025-10-31', amount: 10 }), anInvoice({ customer: '＝1+1', number: '-0042', issued: '2025-10-01', due: '2025-10-31', amount: 10 })]);
    const csv = tableToCsv(exportTables(hostile, settingsAt('2025-12-31'))[2]!).replace(/^\ufeff/, '');
    for (const delimiter of [',', ';', '\t', '|']) {
      const fields = Papa.parse<string[]>(csv, { delimiter, quoteChar: '"' }).data.flat();
      expect(fields.filter((f) => /^[=+\-@＝＋－＠]/.test(f) && !/^-?\d+(,\d+)?$/.test(f))).toEqual([]);
    }
    const wb = XLSX.read(tablesToXlsx(exportTables(hostile, settingsAt('2025-12-31'))), { type: 'array' });
    const detail = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['Détail des pièces'] as XLSX.WorkSheet, { raw: true });
    expect(detail.map((r) => r['N° pièce'])).toContain('-0042');
  });
});
