/**
 * A ledger kept as columns first (the fused CSV path, core/ledger.ts lazyLedger) gives every use case
 * the same result as the same ledger made of objects, and the dashboard, the worklist, the CLI's JSON,
 * the drill-down and the Prévision view make no invoice object but those of the items they show.
 */
import { describe, expect, it } from 'vitest';
import { customerItems, dashboard } from '../../../src/app/dashboard.ts';
import { numbersJson } from '../../../src/app/numbers-json.ts';
import { ledgerOf, sessionOf } from '../../../src/app/session.ts';
import { behaviourTable, forecastView } from '../../../src/app/prediction.ts';
import { worklist } from '../../../src/app/worklist.ts';
import { emptyWorkspace, invoiceAt, invoicesMade, lazyLedger, ledgerColumns, ledgerFields, planEach, type Ledger, type StatusEntry, type Workspace } from '../../../src/core/index.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { benchInvoices, ledgerCsv } from '../../../bench/data.ts';
import { settingsAt } from '../../support/builders.ts';

describe('a ledger kept as columns first', () => {
  const bytes = ledgerCsv(benchInvoices(6000, 'mixed'));
  const { ledger } = importFile(bytes, { fileName: 'ledger.csv' });
  // The same items as objects: the general path's ledger (the same, byte for byte: fast-csv.test.ts).
  const plain: Ledger = importFile(bytes, { fileName: 'ledger.csv', fastCsv: false }).ledger;
  const status = (customerId: string, s: StatusEntry['status'], invoiceNumber: string | null = null): StatusEntry => ({ id: `${customerId}-${s.kind}`, customerId, invoiceNumber, status: s });
  const someone = (k: number) => plain.customers[k]?.id as string;
  // A collective procedure opened long ago (invoices open then, paid since, are claimed), a promise,
  // a do-not-chase, a courtesy reminder before the due date, and terms other than the file's.
  const workspace: Workspace = {
    ...emptyWorkspace(),
    policy: { ...emptyWorkspace().policy, courtesyDaysBefore: 10 },
    statuses: [
      status(someone(0), { kind: 'collective', since: '2025-03-01', bodaccDate: '2025-03-01', openingDate: '2025-02-15', note: '' }),
      status(someone(1), { kind: 'promise', since: '2025-12-01', until: '2026-01-15', note: '' }),
      status(someone(2), { kind: 'doNotChase', since: '2025-12-01', note: '' }),
      // One invoice in dispute: the forecast sets it apart by its number.
      status(someone(4), { kind: 'disputed', since: '2025-12-01', note: '' }, plain.invoices.find((i) => i.customerId === someone(4) && i.payments.length === 0)?.number ?? null),
    ],
  };
  const settings = settingsAt('2025-12-31', { workspace, termsDays: 45 });
  const lazy = sessionOf([{ name: 'ledger.csv', ledger, issues: [] }]);
  const made = sessionOf([{ name: 'ledger.csv', ledger: plain, issues: [] }]);

  it('gives the dashboard, the worklist, the CLI’s JSON, the drill-down and the Prévision view of the ledger of objects', () => {
    expect(invoicesMade(ledger)).toBe(false);
    expect(dashboard(lazy, settings)).toEqual(dashboard(made, settings));
    const view = worklist(lazy.ledger, settings);
    expect(view).toEqual(worklist(made.ledger, settings));
    expect(view.actions.some((a) => a.step === 'declaration_de_creance')).toBe(true);
    expect(view.actions.some((a) => a.step === 'courtesy')).toBe(true);
    const describe = (i: { code: string }) => i.code;
    expect(JSON.stringify(numbersJson(lazy.ledger, settings, describe))).toBe(JSON.stringify(numbersJson(made.ledger, settings, describe)));
    for (const k of [0, 3, 7]) expect(customerItems(lazy, settings, someone(k), null)).toEqual(customerItems(made, settings, someone(k), null));
    // The Prévision view: ratings, predictions, the forecast and its backtests.
    const ids = plain.customers.slice(0, 20).map((c) => c.id);
    expect(behaviourTable(ledgerOf(lazy, settings), settings, ids)).toEqual(behaviourTable(ledgerOf(made, settings), settings, ids));
    const forecast = forecastView(ledgerOf(lazy, settings), settings);
    expect(forecast).toEqual(forecastView(ledgerOf(made, settings), settings));
    expect(invoicesMade(ledger)).toBe(false);
  });

  it('plans one customer at a time: its items made on its turn, in the order of customer ids, its action given before the next one’s', () => {
    // The same columns, each item made through a spy; what is made and what is given, in one log.
    const log: { made: boolean; id: string }[] = [];
    const spied = lazyLedger(ledgerFields(ledger), ledgerColumns(ledger), () => [...ledger.invoices], (i) => {
      const inv = invoiceAt(ledger, i);
      log.push({ made: true, id: inv.customerId });
      return inv;
    });
    planEach(
      spied,
      settings.asOf,
      workspace,
      (a) => log.push({ made: false, id: a.customerId }),
      (w) => log.push({ made: false, id: w.customerId }),
    );
    // Each customer's items made together, the customers in the order of their ids.
    const items = log.filter((e) => e.made).map((e) => e.id);
    const turns = items.filter((id, k) => k === 0 || items[k - 1] !== id);
    expect(new Set(turns).size).toBe(turns.length);
    expect(turns).toEqual([...turns].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    // Each action (or waiting customer) is given on its customer's turn: right after its items, before
    // any item of the next customer is made.
    const given = log.map((e, k) => ({ ...e, k })).filter((e) => !e.made);
    expect(given.length).toBeGreaterThan(100);
    for (const e of given) expect(log.slice(0, e.k).findLast((x) => x.made)?.id).toBe(e.id);
    expect(invoicesMade(spied)).toBe(false);
  });
});
