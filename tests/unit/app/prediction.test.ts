/** Issue 16 through the use cases: the report's sections, the worklist's expected-loss order, ratings on the screen's rows. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboard } from '../../../src/app/dashboard.ts';
import { behaviourTable, forecastView } from '../../../src/app/prediction.ts';
import { auditReport } from '../../../src/app/report.ts';
import { ledgerOf, sessionOf } from '../../../src/app/session.ts';
import { pageOf, worklist } from '../../../src/app/worklist.ts';
import { customerRow } from '../../../src/app/customer-table.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { settingsAt } from '../../support/builders.ts';
import { dayFromIso, roundTenth } from '../../../src/core/index.ts';

const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, '../../../samples/historique-paiements.csv')));
const session = sessionOf([{ name: 'historique-paiements.csv', ledger: importFile(bytes, { fileName: 'historique-paiements.csv' }).ledger, issues: [] }]);

describe('prediction through the use cases', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`the audit report (${lang}) carries the ratings and the forecast, its table adding up to the receivables`, () => {
      const settings = settingsAt('2025-12-31', { lang });
      const report = auditReport(session, settings, 'cli');
      const titles = report?.sections.map((s) => s.title) ?? [];
      const forecast = report?.sections.find((s) => s.title === (lang === 'fr' ? 'Prévision d’encaissements sur 13 semaines' : '13-week cash-in forecast'));
      expect(titles).toContain(lang === 'fr' ? 'Comportement de paiement et notes A–D' : 'Payment behaviour and A–D ratings');
      const rows = forecast?.table?.rows ?? [];
      expect(rows).toHaveLength(16);
      const cents = (c: unknown) => (c as { cents: number }).cents;
      expect(rows.slice(0, 15).reduce((s, r) => s + cents(r[1]), 0)).toBe(cents(rows[15]?.[1]));
      expect(cents(rows[15]?.[1])).toBe(report?.figures.openCents);
      expect(forecast?.paragraphs.join(' ')).toMatch(/AUC 0[.,]\d\d/);
      // French typography: no paragraph leaves a colon or semicolon to start a line.
      if (lang === 'fr') for (const s of report?.sections ?? []) for (const p of s.paragraphs) expect(p).not.toMatch(/ [:;]/);
    });
  }

  it('the aged balance rows carry the rating the forecast view counts', () => {
    const settings = settingsAt('2025-12-31');
    const view = dashboard(session, settings);
    const rows = Array.from({ length: view?.customers.ids.length ?? 0 }, (_, i) => customerRow(view?.customers as NonNullable<typeof view>['customers'], i));
    // The ratings the aged balance asks for beside its rows (the `behaviour` request).
    const table = behaviourTable(ledgerOf(session, settings), settings);
    const counted = new Map<string, number>();
    for (const r of rows) counted.set(table[r.id]?.rating ?? 'none', (counted.get(table[r.id]?.rating ?? 'none') ?? 0) + 1);
    const fv = forecastView(ledgerOf(session, settings), settings);
    for (const r of fv.ratings) if (r.customers > 0) expect(counted.get(r.rating)).toBe(r.customers);
  });

  it('sorts the worklist by expected loss on request, largest first, without losing an action', () => {
    const settings = settingsAt('2025-12-31');
    const full = worklist(ledgerOf(session, settings), settings);
    const byLoss = pageOf(full, { step: '', channel: '', sort: 'expectedLoss' }, undefined);
    expect(byLoss.actions).toHaveLength(full.actions.length);
    const losses = byLoss.actions.map((a) => a.expectedLossCents);
    expect(losses).toEqual([...losses].sort((a, b) => b - a));
    expect(losses[0]).toBeGreaterThan(0);
    expect(byLoss.actions.map((a) => a.customerId)).not.toEqual(full.actions.map((a) => a.customerId));
  });
});

describe('bank reconciliation in the report and the figures', () => {
  it('applies accepted payments to every figure and reports the statement and what was applied', async () => {
    const { readStatement } = await import('../../../src/import/bank/read-statement.ts');
    const { bankView } = await import('../../../src/app/bank.ts');
    const { recordBankPayments } = await import('../../../src/core/index.ts');
    const read = readStatement(new Uint8Array(readFileSync(join(import.meta.dirname, '../../../samples/releve-bancaire.120'))), 'releve-bancaire.120');
    if (!read.ok) throw new Error(read.error);
    const settings = settingsAt('2025-12-31');
    const before = dashboard(session, settings);
    const view = bankView(ledgerOf(session, settings), settings, read.statement);
    const sure = view.proposals.filter((p) => p.confidence >= view.autoAccept);
    const paid = sure.reduce((s, p) => s + p.allocations.reduce((t, a) => t + a.amountCents, 0), 0);
    const after = { ...settings, workspace: recordBankPayments(settings.workspace, sure, view.fileName) };
    expect(dashboard(session, after)?.total.openCents).toBe((before?.total.openCents ?? 0) - paid);
    // Matched again, the applied lines are left out.
    expect(bankView(ledgerOf(session, after), after, read.statement).alreadyApplied).toBe(sure.length);
    const report = auditReport(session, after, 'page', view);
    const section = report?.sections.find((s) => s.title === 'Rapprochement bancaire');
    expect(section?.paragraphs.join(' ')).toContain('releve-bancaire.120');
    expect(section?.table?.rows).toHaveLength(sure.reduce((s, p) => s + p.allocations.length, 0));
    expect(report?.figures.openCents).toBe((before?.total.openCents ?? 0) - paid);
  });
  it('the drill-down and the export’s invoice detail give each open invoice the same prediction', async () => {
    const { customerItems } = await import('../../../src/app/dashboard.ts');
    const { exportTables } = await import('../../../src/app/exports.ts');
    const settings = settingsAt('2025-12-31');
    const detail = exportTables(session.ledger, settings).find((t) => t.name === 'Détail des pièces');
    const byNumber = new Map((detail?.rows ?? []).map((r) => [`${String(r[0])}/${String(r[2])}`, r]));
    let predicted = 0;
    for (const id of new Set(session.ledger.customers.map((c) => c.id))) {
      for (const item of customerItems(session, settings, id, null)) {
        const row = byNumber.get(`${id}/${item.number}`);
        expect(row).toBeDefined();
        expect(row?.[11]).toBe(item.pLate === null ? null : roundTenth(item.pLate * 100));
        expect(row?.[12] === null ? null : (row?.[12] as { day: number }).day).toBe(item.expectedPayment === null ? null : dayFromIso(item.expectedPayment));
        if (item.pLate !== null) predicted++;
      }
    }
    expect(predicted).toBeGreaterThan(10);
  });
});
