/**
 * The fast .xlsx reader against SheetJS, the oracle: every .xlsx of samples/ and
 * ../shared/samples/real (skipped when absent) and generated workbooks give the same cells —
 * values, dates (1900 and 1904 systems), inline and rich-text strings, empty cells, merged headers.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { excelSerialOf, type Day } from '../../../src/core/index.ts';
import type { Cell, Workbook } from '../../../src/import/grid.ts';
import { readXlsxFast } from '../../../src/import/read-xlsx-fast.ts';
import { readWorkbook } from '../../../src/import/read-xlsx.ts';

const root = join(import.meta.dirname, '../../..');
const REAL = join(root, '../shared/samples/real');

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.xls[xm]$/i.test(n) ? [p] : [];
  });
}

function grid(wb: Workbook): { name: string; hidden: boolean; cells: Cell[][] }[] {
  return wb.sheets.map((s) => {
    const cells: Cell[][] = [];
    s.rows.forEach((row, r) => {
      if (!row) return;
      row.forEach((c, i) => {
        if (c === null || c === undefined) return;
        (cells[r] ??= [])[i] = c;
      });
    });
    return { name: s.name, hidden: s.hidden, cells: cells.map((r) => r ?? []) };
  });
}

function same(bytes: Uint8Array): void {
  const oracle = readWorkbook(bytes, 'xlsx', { fast: false });
  const fast = readXlsxFast(bytes);
  if (!oracle.ok) {
    expect(fast === null || fast.sheets.length >= 0).toBe(true);
    return;
  }
  expect(fast).not.toBeNull();
  expect(fast?.is1904).toBe(oracle.workbook.is1904);
  expect(grid(fast as Workbook)).toEqual(grid(oracle.workbook));
}

const candidates = [...files(join(root, 'samples')), ...files(join(root, 'tests/fixtures')), ...files(REAL)].filter((f) => readFileSync(f).subarray(0, 2).toString('latin1') === 'PK');

describe('fast xlsx reader = SheetJS', () => {
  it.each(candidates.map((f) => [f.replace(`${root}/`, '').replace(/^\.\.\/shared\//, 'shared/'), f]))('%s', (_, f) => {
    same(new Uint8Array(readFileSync(f)));
  });

  it('keeps a value element with attributes (fast-check counterexample: a single space, <v xml:space="preserve">)', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, { A1: { t: 's', v: ' ' }, '!ref': 'A1:A1' }, 'S');
    const fast = readXlsxFast(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    expect(fast?.sheets[0]?.rows[0]?.[0]).toBe(' ');
  });

  it('generated workbooks: numbers, text with entities and spaces, booleans, dates in both systems, holes', () => {
    const cell = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
      fc.string({ maxLength: 20 }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/.test(s)),
      fc.boolean(),
      fc.integer({ min: 1, max: 60000 }).map((n) => ({ date: n })),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }), fc.boolean(), (rows, is1904) => {
        const ws: XLSX.WorkSheet = {};
        let maxC = 0;
        rows.forEach((r, ri) =>
          r.forEach((v, ci) => {
            if (v === null) return;
            maxC = Math.max(maxC, ci);
            const ref = XLSX.utils.encode_cell({ r: ri, c: ci });
            if (typeof v === 'object') ws[ref] = { t: 'n', v: excelSerialOf((v.date - 25569) as Day, is1904) > 0 ? excelSerialOf((v.date - 25569) as Day, is1904) : 1, z: 'dd/mm/yyyy' };
            else if (typeof v === 'number') ws[ref] = { t: 'n', v };
            else if (typeof v === 'boolean') ws[ref] = { t: 'b', v };
            else ws[ref] = { t: 's', v };
          }),
        );
        ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length - 1, 0), c: maxC } });
        const wb = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(wb, ws, 'S');
        wb.Workbook = { WBProps: { date1904: is1904 } };
        same(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
      }),
      { numRuns: 60 },
    );
  });
});
