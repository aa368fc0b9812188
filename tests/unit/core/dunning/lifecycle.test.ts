/**
 * The reform's lifecycle statuses (issue 18): read from a platform's CSV or JSON export, matched to the
 * ledger, applied: Encaissée pays the invoice on its date in every figure, Refusée takes it out of
 * dunning, En litige disputes it; unknown invoices and unreadable lines are named.
 */
import { describe, expect, it } from 'vitest';
import { customerItems, dashboard } from '../../../../src/app/dashboard.ts';
import { sessionOf } from '../../../../src/app/session.ts';
import { worklist } from '../../../../src/app/worklist.ts';
import { ledgerOf } from '../../../../src/app/session.ts';
import { lifecycleCode, recordLifecycle, resolveLifecycle } from '../../../../src/core/index.ts';
import { readLifecycle } from '../../../../src/import/einvoice/lifecycle.ts';
import { aLedger, anInvoice, settingsAt } from '../../../support/builders.ts';

const ledger = aLedger([
  anInvoice({ customer: 'A', number: 'F-1', issued: '2026-01-05', due: '2026-02-04', amount: 1000 }),
  anInvoice({ customer: 'B', number: 'F-2', issued: '2026-01-05', due: '2026-02-04', amount: 500 }),
  anInvoice({ customer: 'C', number: 'F-3', issued: '2026-01-05', due: '2026-02-04', amount: 300 }),
]);
const enc = (s: string) => new TextEncoder().encode(s);

describe('lifecycle statuses', () => {
  it('reads codes and labels, French and English', () => {
    expect(['212', 'Encaissée', 'encaissee', '212 - Encaissée', 'Refusée', 'En litige', 'paid', 'Suspendue', 'Déposée', 'nonsense'].map(lifecycleCode)).toEqual(['212', '212', '212', '212', '210', '207', '212', '208', '200', null]);
  });

  it('a CSV export: the latest status of each invoice, unknown invoices and unreadable lines named', () => {
    const r = readLifecycle(enc('N° facture;Statut;Date\r\nF-1;200 Déposée;05/01/2026\r\nF-1;212 Encaissée;10/03/2026\r\nF-2;Refusée;2026-01-20T10:00:00+01:00\r\nF-3;En litige;15/02/2026\r\nF-9;Encaissée;01/03/2026\r\nF-2;???;01/03/2026\r\n'));
    if (!r.ok) throw new Error(r.error);
    expect(r.refused).toEqual([{ row: 7, reason: 'status "???"' }]);
    const resolved = resolveLifecycle(ledger, r.entries);
    expect(resolved.unknown).toEqual(['F-9']);
    expect(resolved.statuses.map((s) => [s.invoice, s.code, s.effect, s.date, s.amountCents])).toEqual([
      ['F-1', '212', 'paid', '2026-03-10', 100000],
      ['F-2', '210', 'refused', '2026-01-20', 50000],
      ['F-3', '207', 'disputed', '2026-02-15', 30000],
    ]);
  });

  it('a JSON export applied: paid in every figure, refused and disputed out of the worklist; applying twice changes nothing', () => {
    const r = readLifecycle(enc(JSON.stringify({ statuses: [{ invoiceNumber: 'F-1', status: '212', date: '2026-03-10' }, { invoiceNumber: 'F-2', status: 'Refusée', date: '2026-01-20' }, { invoiceNumber: 'F-3', status: 'En litige', date: '2026-02-15' }] })));
    if (!r.ok) throw new Error(r.error);
    const settings = settingsAt('2026-03-31');
    const statuses = resolveLifecycle(ledger, r.entries).statuses;
    const workspace = recordLifecycle(settings.workspace, statuses, 'statuts.json');
    expect(recordLifecycle(workspace, statuses, 'statuts.json')).toEqual(workspace);
    const after = { ...settings, workspace };
    const session = sessionOf([{ name: 'l', ledger, issues: [] }]);
    expect(dashboard(session, settings)?.total.openCents).toBe(180000);
    expect(dashboard(session, after)?.total.openCents).toBe(80000);
    expect(worklist(ledgerOf(session, settings), settings).actions.map((a) => a.customerId)).toEqual(['A', 'B', 'C']);
    expect(worklist(ledgerOf(session, after), after).actions.map((a) => a.customerId)).toEqual([]);
    // The customer panel says why an invoice is left alone.
    expect(customerItems(session, after, 'B', null)[0]?.status).toBe('ne pas relancer — Statut plateforme 210 Refusée : facture refusée, un avoir est attendu');
    expect(customerItems(session, after, 'C', null)[0]?.status).toBe('litige — Statut plateforme 207 En litige');
  });

  it('says when a file is not a statuses export', () => {
    expect(readLifecycle(enc('a;b\n1;2\n'))).toEqual({ ok: false, error: 'NotALifecycleFile' });
    expect(readLifecycle(enc('{"x": 1}'))).toEqual({ ok: false, error: 'NotALifecycleFile' });
  });
});
