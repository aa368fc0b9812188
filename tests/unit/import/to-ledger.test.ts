/**
 * buildLedgerInto (src/import/to-ledger.ts) with `consumeRows`: importFile's last read of a sheet lets
 * each row go once its record is made, so that the grid is not held beside the records and the items.
 * The build is the same as without, and the rows are gone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IssueList } from '../../../src/core/index.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { readCsv } from '../../../src/import/read-csv.ts';
import { readWorkbook } from '../../../src/import/read-xlsx.ts';
import { loadSheetJs } from '../../../src/import/sheetjs.ts';
import { buildLedgerInto, type LedgerBuildOptions } from '../../../src/import/to-ledger.ts';
import type { Sheet } from '../../../src/import/grid.ts';

const root = join(import.meta.dirname, '../../..');
const utf8 = (s: string) => new TextEncoder().encode(s);

/** The sheet importFile read and the options of its last build, from the report it gave. */
function setUp(bytes: Uint8Array, fileName: string): { sheet: () => Sheet; options: LedgerBuildOptions } | null {
  const { report } = importFile(bytes, { fileName, fastCsv: false });
  if (report.fatal !== null || report.format === 'fec' || report.headerRow === null) return null;
  const sheet = () => {
    const read = fileName.endsWith('.csv') ? { ok: true as const, workbook: readCsv(bytes, { sheetName: report.sheet ?? 'CSV' }).workbook } : readWorkbook(bytes, 'xlsx');
    if (!read.ok) throw new Error(`${fileName}: ${read.reason}`);
    return read.workbook.sheets.find((s) => s.name === report.sheet) as Sheet;
  };
  const options: LedgerBuildOptions = {
    fileName,
    is1904: report.is1904 ?? false,
    isText: report.format === 'csv',
    mapping: report.mapping,
    headerRow: report.headerRow - 1,
    headers: report.columns.map((c) => c.header),
    defaultTermsDays: 30,
    includeDrafts: false,
    defaultDecimal: report.format === 'csv' && report.separator === ',' ? '.' : ',',
  };
  return { sheet, options };
}

describe('buildLedgerInto consuming its rows', () => {
  it('builds the same ledger, report columns and self-checks, and lets every data row go', async () => {
    await loadSheetJs();
    const files: [string, Uint8Array][] = [
      // A total line (its cells are kept for the self-check) and a customer section.
      ['totals.csv', utf8('Client;Facture;Échéance;Montant\nA;F1;01/12/2025;10,00\nB;F2;01/12/2025;20,50\nTotal;;;31,00\n')],
      ...readdirSync(join(root, 'samples'))
        .filter((f) => /\.(csv|xlsx)$/.test(f))
        .map((f): [string, Uint8Array] => [f, new Uint8Array(readFileSync(join(root, 'samples', f)))]),
    ];
    let built = 0;
    for (const [name, bytes] of files) {
      const s = setUp(bytes, name);
      if (s === null) continue;
      const kept = buildLedgerInto(s.sheet(), s.options, new IssueList());
      const sheet = s.sheet();
      const issues = new IssueList();
      const consumed = buildLedgerInto(sheet, { ...s.options, consumeRows: true }, issues);
      expect(JSON.stringify(consumed), name).toBe(JSON.stringify(kept));
      expect(sheet.rows.slice(s.options.headerRow + 1).filter((r) => r !== undefined), name).toEqual([]);
      expect(sheet.rows[s.options.headerRow], name).toBeDefined();
      built++;
    }
    expect(built).toBeGreaterThan(4);
  });
});
