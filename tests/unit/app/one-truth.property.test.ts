/**
 * One truth for every output: for random ledgers and random settings, the dashboard, the xlsx export
 * (written and read back), the audit report, the letters and the CLI JSON give the same figures to
 * the cent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { dashboard } from '../../../src/app/dashboard.ts';
import { exportTables } from '../../../src/app/exports.ts';
import { letters } from '../../../src/app/letters.ts';
import { numbersJson } from '../../../src/app/numbers-json.ts';
import { auditReport } from '../../../src/app/report.ts';
import { ledgerOf, sessionOf } from '../../../src/app/session.ts';
import { settingsFrom, type Settings } from '../../../src/app/settings.ts';
import { customerRow } from '../../../src/app/customer-table.ts';
import { worklist } from '../../../src/app/worklist.ts';
import { isoOf, type Ledger } from '../../../src/core/index.ts';
import { tablesToXlsx } from '../../../src/output/sheets.ts';
import { dayArb, ledgerArb } from '../../support/arbitraries.ts';
import { profiledWorkspace } from '../../support/builders.ts';

const edgesArb = fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }).map((e) => [...e].sort((a, b) => a - b));
const settingsArb: fc.Arbitrary<Settings> = fc
  .record({ asOf: dayArb(19500, 20800), basis: fc.constantFrom('due', 'issued'), edges: edgesArb, windows: fc.integer({ min: 1, max: 12 }), termsDays: fc.integer({ min: 0, max: 120 }), lang: fc.constantFrom('fr', 'en') })
  .map((r) => {
    const s = settingsFrom({ ...r, asOf: isoOf(r.asOf) });
    if (!s.ok) throw new Error(s.field);
    return { ...s.settings, workspace: profiledWorkspace() };
  });

/** Due dates left to the terms: the arbitraries' undated items become "derived" so that the terms matter. */
const withDerived = (l: Ledger): Ledger => ({ ...l, invoices: l.invoices.map((i) => (i.due === null && i.issued !== null && i.amount > 0 ? { ...i, due: i.issued, isDueDerived: true } : i)) });

const euros = (x: unknown) => Math.round(Number(x) * 100);

describe('every output agrees with the screen', () => {
  it('dashboard = export = report = JSON = worklist = letters, to the cent', () => {
    fc.assert(
      fc.property(ledgerArb.map(withDerived), settingsArb, (ledger, settings) => {
        const session = sessionOf([{ name: 'ledger.xlsx', ledger, issues: [] }]);
        const view = dashboard(session, settings);
        if (!view) throw new Error('no view');
        const total = view.total;

        // The CLI JSON: same totals, same buckets (keys follow the edges), same customers.
        const json = JSON.parse(JSON.stringify(numbersJson(ledger, settings, (i) => i.code))) as { aging: Record<string, number>; totals: { openCents: number; overdueCents: number }; customers: { id: string; openCents: number }[]; actions: { customer: string; amountCents: number; creditsCents: number }[] };
        expect(Object.keys(json.aging)).toEqual(view.labels);
        expect(Object.values(json.aging)).toEqual(total.buckets);
        expect(json.totals.openCents).toBe(total.openCents);
        expect(json.totals.overdueCents).toBe(total.overdueCents);
        const rows = Array.from({ length: view.customers.ids.length }, (_, i) => customerRow(view.customers, i));
        expect(new Map(json.customers.map((c) => [c.id, c.openCents]))).toEqual(new Map(rows.map((r) => [r.id, r.openCents])));

        // The xlsx export, read back: the aged balance's total row is the screen's.
        const wb = XLSX.read(tablesToXlsx(exportTables(ledger, settings)), { type: 'array' });
        const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, raw: true });
        const totalRow = sheet.find((r) => r[0] === 'TOTAL') as unknown[];
        expect(totalRow.slice(2, 2 + view.labels.length).map(euros)).toEqual(total.buckets);
        expect(euros(totalRow[2 + view.labels.length])).toBe(total.openCents);

        // The audit report: same buckets, same receivables, same overdue.
        const report = auditReport(session, settings, 'cli');
        expect(report?.figures.buckets).toEqual(total.buckets);
        expect(report?.figures.openCents).toBe(total.openCents);
        expect(report?.figures.overdueCents).toBe(total.overdueCents);

        // The worklist, the JSON's actions, the export's worklist sheet and the letters: the same claims.
        const work = worklist(ledgerOf(session, settings), settings);
        const byCustomer = new Map(work.actions.map((a) => [a.customerId, a]));
        expect(new Map(json.actions.map((a) => [a.customer, [a.amountCents, a.creditsCents]]))).toEqual(new Map(work.actions.map((a) => [a.customerId, [a.amountCents, a.creditsCents]])));
        const workSheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[1] as string] as XLSX.WorkSheet, { header: 1, raw: true }).slice(1).filter((r) => r.length > 0);
        expect(workSheet.map((r) => euros(r[5])).sort((a, b) => a - b)).toEqual(work.actions.map((a) => a.amountCents).sort((a, b) => a - b));
        const made = letters(ledgerOf(session, settings), settings, { all: { step: '', channel: '' } });
        // Without a profile nothing formal leaves; every letter made or refused is one of today's actions.
        for (const r of made.refused) expect(byCustomer.has(r.customerId)).toBe(true);
        for (const m of made.models) {
          const a = byCustomer.get(m.customerId);
          if (!a) throw new Error(`letter without action: ${m.customerId}`);
          const principal = m.invoices.reduce((s, l) => s + l.balance, 0);
          expect(principal).toBe(a.amountCents);
        }
      }),
      { numRuns: 60 },
    );
  });
});
