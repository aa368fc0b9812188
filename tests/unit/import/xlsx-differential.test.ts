/**
 * The fast .xlsx reader against SheetJS, the oracle: every .xlsx of samples/ and
 * ../shared/samples/real (skipped when absent) and generated workbooks give the same cells —
 * values, dates (1900 and 1904 systems), inline and rich-text strings, empty cells, merged headers.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { excelSerialOf, type Day } from '../../../src/core/index.ts';
import type { Cell, Workbook } from '../../../src/import/grid.ts';
import { readXlsxFast } from '../../../src/import/read-xlsx-fast.ts';
import { readWorkbook } from '../../../src/import/read-xlsx.ts';
import { benchInvoices, ledgerXlsx } from '../../../bench/data.ts';

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

/** The workbook the fast reader made (a reference out of bounds fails the test). */
function workbookOf(read: ReturnType<typeof readXlsxFast>): Workbook | null {
  if (read !== null && 'outOfBounds' in read) throw new Error(`out of bounds: ${read.ref}`);
  return read;
}

function same(bytes: Uint8Array): void {
  const oracle = readWorkbook(bytes, 'xlsx', { fast: false });
  const fast = workbookOf(readXlsxFast(bytes));
  if (!oracle.ok) {
    expect(fast === null || fast.sheets.length >= 0).toBe(true);
    return;
  }
  expect(fast).not.toBeNull();
  expect(fast?.is1904).toBe(oracle.workbook.is1904);
  expect(grid(fast as Workbook)).toEqual(grid(oracle.workbook));
  // The sheet inflated a few bytes at a time: elements fall across the slices, the result is the same.
  for (const chunk of [1, 17, 1000]) expect(readXlsxFast(bytes, { chunk, above: 0 })).toEqual(fast);
}

/** A workbook around a hand-written sheet, as other writers than Excel and SheetJS produce them. */
function handWritten(sheetData: string, sharedStrings: readonly string[] = [], level: 0 | 6 = 6): Uint8Array {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8(`<?xml version="1.0"?><workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
    'xl/styles.xml': strToU8(`<?xml version="1.0"?><styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0"?><sst ${ns} count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.map((x) => `<si>${x}</si>`).join('')}</sst>`),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0"?><worksheet ${ns}><sheetData>${sheetData}</sheetData></worksheet>`),
  }, { level });
}

const candidates = [...files(join(root, 'samples')), ...files(join(root, 'tests/fixtures')), ...files(REAL)].filter((f) => readFileSync(f).subarray(0, 2).toString('latin1') === 'PK');

describe('fast xlsx reader = SheetJS', () => {
  it.each(candidates.map((f) => [f.replace(`${root}/`, '').replace(/^\.\.\/shared\//, 'shared/'), f]))('%s', (_, f) => {
    same(new Uint8Array(readFileSync(f)));
  });

  it('keeps a value element with attributes (fast-check counterexample: a single space, <v xml:space="preserve">)', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, { A1: { t: 's', v: ' ' }, '!ref': 'A1:A1' }, 'S');
    const fast = workbookOf(readXlsxFast(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer)));
    expect(fast?.sheets[0]?.rows[0]?.[0]).toBe(' ');
  });

  it('an Excel-style ledger: shared strings, references on every cell, date and money styles', () => {
    same(ledgerXlsx(benchInvoices(300)));
  });

  it('hand-written sheets: formulas with cached values, inline and rich text, typed text, errors, styles, cells and rows without references', () => {
    same(
      handWritten(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>Ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch &amp; co</t></r></is></c></row>' +
          '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><f>"a"&amp;"b"</f><v>a&amp;b &lt;x&gt;</v></c><c r="C2" t="e"><v>#N/A</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" s="1"><v>45658</v></c><c r="F2" s="2"><v>45659.5</v></c></row>' +
          '<row r="4"><c r="B4"><v>-1234.56</v></c><c r="C4"><v>1.5E-3</v></c><c r="D4"><v>12345678901234567890</v></c><c r="E4"><v>0.1</v></c><c r="F4" s="1"/></row>' +
          '<row><c><v>7</v></c><c t="s"><v>2</v></c></row><row r="9" spans="1:3"/>' +
          '<row r="10"><c r="A10" t="s"><v> 1 </v></c><c r="B10"><v> 42 </v></c></row>',
        ['<t>Client</t>', '<r><t>Mon</t></r><r><t>tant</t></r>', '<t xml:space="preserve"> é€œ </t><rPh sb="0" eb="1"><t>x</t></rPh>'],
      ),
    );
  });

  it('reads a sheet stored without compression, a slice at a time', () => {
    const rows = Array.from({ length: 200 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="s"><v>${r % 2}</v></c><c r="B${r + 1}"><v>${r * 1.5}</v></c><c r="C${r + 1}" s="1"><v>${45000 + r}</v></c></row>`).join('');
    same(handWritten(rows, ['<t>Client</t>', '<t>Montant</t>'], 0));
  });

  it('finds a reference beyond Excel’s limits anywhere in the sheet, whatever the slices, even after a row it gives up on', () => {
    const good = Array.from({ length: 300 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`).join('');
    // Late in the rows, and after a row the reader gives up on (a number it cannot read: SheetJS's then).
    expect(readXlsxFast(handWritten(`${good}<row r="301"><c r="A301"><v>abc</v></c></row>`))).toBeNull();
    for (const [rows, ref] of [
      [`${good}<row r="301"><c r="XFE301"><v>1</v></c></row>`, 'XFE301'],
      [`${good}<row r="301"><c r="A301"><v>abc</v></c></row><row r="302"><c r="A2000000"><v>1</v></c></row>`, 'A2000000'],
    ] as const) {
      const bytes = handWritten(rows);
      for (const stream of [{ chunk: 1, above: 0 }, { chunk: 17, above: 0 }, undefined]) expect(readXlsxFast(bytes, stream)).toEqual({ outOfBounds: true, sheet: 'S', ref });
    }
  });

  it('reads numbers as Number() does, whatever their digits', () => {
    const numeric = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.option(fc.stringMatching(/^\d{1,20}$/)), fc.option(fc.integer({ min: -30, max: 30 })))
      .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `E${exp}`}`);
    fc.assert(
      fc.property(fc.array(numeric, { minLength: 1, maxLength: 10 }), (values) => {
        const wb = workbookOf(readXlsxFast(handWritten(`<row r="1">${values.map((v, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${v}</v></c>`).join('')}</row>`)));
        const row = wb?.sheets[0]?.rows[0] ?? [];
        values.forEach((v, i) => expect(Object.is(row[i], Number(v))).toBe(true));
      }),
    );
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
