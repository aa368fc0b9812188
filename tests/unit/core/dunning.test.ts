import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  dunningPlan,
  emptyWorkspace,
  exceedsLegalTerms,
  invoicePenalty,
  isoOf,
  lateInterest,
  migrateWorkspace,
  prescription,
  type HistoryEntry,
  type StatusEntry,
  type StepId,
  type Workspace,
} from '../../../src/core/index.ts';
import { aLedger, anInvoice, d } from '../../support/builders.ts';

const entry = (customerId: string, step: StepId, date: string): HistoryEntry => ({ id: `${customerId}-${step}-${date}`, customerId, step, date, channel: 'email', note: '', invoices: [], amountCents: 0 });
const status = (customerId: string, s: StatusEntry['status'], invoiceNumber: string | null = null): StatusEntry => ({ id: `${customerId}-${s.kind}`, customerId, invoiceNumber, status: s });

describe('regimes', () => {
  it('B2C: legal interest from the mise en demeure only, no €40 (domain-fr example E)', () => {
    const inv = anInvoice({ issued: '2026-01-15', due: '2026-02-14', amount: 1500 });
    const p = lateInterest(inv, { asOf: d('2026-05-09'), regime: 'b2c', interestFrom: d('2026-03-10') });
    expect(p.interestCents).toBe(646);
    expect(p.indemnityCents).toBe(0);
    expect(lateInterest(inv, { asOf: d('2026-05-09'), regime: 'b2c' }).interestCents).toBe(0);
  });

  it('B2C through the workspace: the mise en demeure date comes from the history', () => {
    const inv = anInvoice({ customer: 'Mme Dupont', issued: '2026-01-15', due: '2026-02-14', amount: 1500 });
    const ws: Workspace = { ...emptyWorkspace(), customers: [{ customerId: 'Mme Dupont', regime: 'b2c' }], history: [entry('Mme Dupont', 'mise_en_demeure', '2026-03-10')] };
    expect(invoicePenalty(inv, d('2026-05-09'), ws).interestCents).toBe(646);
  });

  it('public buyer: MRO of the half-year the delay began + 8 points, fixed', () => {
    const inv = anInvoice({ issued: '2025-05-01', due: '2025-05-31', amount: 10000 });
    const p = lateInterest(inv, { asOf: d('2025-09-15'), regime: 'public' });
    expect(p.pieces.map((x) => x.rateBp)).toEqual([1115, 1115]);
    // 10,000 × 11.15 % × 107 / 365 = 326.86 €
    expect(p.interestCents).toBe(32686);
    expect(p.indemnityCents).toBe(4000);
  });

  it('collective procedure: penalties stop at the opening judgment', () => {
    const inv = anInvoice({ customer: 'X', issued: '2025-12-01', due: '2025-12-31', amount: 10000 });
    const ws: Workspace = { ...emptyWorkspace(), statuses: [status('X', { kind: 'collective', since: '2026-02-10', bodaccDate: '2026-02-10', openingDate: '2026-01-31', note: '' })] };
    const stopped = invoicePenalty(inv, d('2026-06-30'), ws);
    const toOpening = lateInterest(inv, { asOf: d('2026-01-31') });
    expect(stopped.interestCents).toBe(toOpening.interestCents);
    expect(stopped.indemnityCents).toBe(4000);
  });
});

describe('dunningPlan', () => {
  const asOf = d('2026-03-31');
  const overdue = (customer: string, due: string, amount = 1000, number = `${customer}-1`) => anInvoice({ customer, number, issued: '2025-12-01', due, amount });

  it('gives a customer in a collective procedure a déclaration de créance with its 2-month deadline', () => {
    const ledger = aLedger([overdue('X', '2026-01-15')]);
    const statuses = [status('X', { kind: 'collective', since: '2026-02-20', bodaccDate: '2026-02-20', openingDate: '2026-02-10', note: 'RJ' })];
    const [action] = dunningPlan(ledger, asOf, { statuses }).actions;
    expect(action?.step).toBe('declaration_de_creance');
    expect(isoOf(action?.deadline as never)).toBe('2026-04-20');
    expect(action?.amountCents).toBe(100000);
  });

  it('pauses a customer while a promise to pay runs, and resumes when it expires', () => {
    const ledger = aLedger([overdue('P', '2026-02-01')]);
    const promise = [status('P', { kind: 'promise', since: '2026-03-20', until: '2026-04-10', note: '' })];
    expect(dunningPlan(ledger, asOf, { statuses: promise })).toEqual({ actions: [], waiting: [{ customerId: 'P', reason: 'Paused' }] });
    // Late enough for court, but no mise en demeure recorded: the formal notice comes first.
    expect(dunningPlan(ledger, d('2026-04-11'), { statuses: promise }).actions.map((a) => a.step)).toEqual(['mise_en_demeure']);
  });

  it('resumes dunning when a payment-plan instalment is missed', () => {
    const ledger = aLedger([overdue('Q', '2026-03-01')]);
    const plan = (paidOn?: string) => [status('Q', { kind: 'plan', since: '2026-03-05', note: '', instalments: [{ due: '2026-03-15', amountCents: 50000, ...(paidOn ? { paidOn } : {}) }, { due: '2026-04-15', amountCents: 50000 }] })];
    expect(dunningPlan(ledger, asOf, { statuses: plan('2026-03-14') }).actions).toEqual([]);
    const [action] = dunningPlan(ledger, asOf, { statuses: plan() }).actions;
    expect(action?.reasons.map((r) => r.code)).toEqual(['OldestInvoiceLate', 'PlanInstalmentMissed']);
  });

  it('leaves disputed invoices and do-not-chase customers out', () => {
    const ledger = aLedger([overdue('D', '2026-02-01', 100, 'D-1'), overdue('D', '2026-03-20', 50, 'D-2'), overdue('N', '2026-02-01')]);
    const statuses = [status('D', { kind: 'disputed', since: '2026-02-10', note: 'qualité' }, 'D-1'), status('N', { kind: 'doNotChase', since: '2026-01-01', note: '' })];
    const { actions } = dunningPlan(ledger, asOf, { statuses });
    expect(actions.map((a) => [a.customerId, a.step, a.invoices.map((i) => i.number)])).toEqual([['D', 'rappel', ['D-2']]]);
  });

  it('never skips a step the customer has not had, and waits the minimum delay', () => {
    const ledger = aLedger([overdue('H', '2026-02-01')]); // 58 days late
    const afterRappel = dunningPlan(ledger, asOf, { history: [entry('H', 'rappel', '2026-02-10')] });
    expect(afterRappel.actions.map((a) => [a.step, a.reasons[1]?.code])).toEqual([['relance', 'NextAfterPrevious']]);
    const tooSoon = dunningPlan(ledger, asOf, { history: [entry('H', 'rappel', '2026-02-10'), entry('H', 'relance', '2026-03-27')] });
    expect(tooSoon.actions).toEqual([]);
    expect(tooSoon.waiting).toEqual([{ customerId: 'H', reason: 'MinimumDelayNotReached', nextOn: d('2026-04-04') }]);
  });

  it('waits for the next step\'s lateness once a step is done early', () => {
    const ledger = aLedger([overdue('W', '2026-02-21')]); // 38 days late: mise en demeure is due
    const r = dunningPlan(ledger, asOf, { history: [entry('W', 'rappel', '2026-02-22'), entry('W', 'relance', '2026-03-08'), entry('W', 'mise_en_demeure', '2026-03-20')] });
    expect(r.actions).toEqual([]);
    // Injonction de payer at 45 days late: 21 Feb + 45 = 7 Apr.
    expect(r.waiting).toEqual([{ customerId: 'W', reason: 'NextStepNotYetDue', nextOn: d('2026-04-07') }]);
  });

  it('sends the optional courtesy reminder before the due date, once per invoice', () => {
    const ledger = aLedger([overdue('C', '2026-04-03')]);
    const policy = { ...DEFAULT_POLICY, courtesyDaysBefore: 5 };
    expect(dunningPlan(ledger, asOf).actions).toEqual([]);
    const [a] = dunningPlan(ledger, asOf, { policy }).actions;
    expect([a?.step, a?.reasons[0]]).toEqual(['courtesy', { code: 'DueSoon', days: 3, invoice: 'C-1' }]);
    const sent = { ...entry('C', 'rappel', '2026-03-30'), step: 'courtesy' as const, invoices: ['C-1'] };
    expect(dunningPlan(ledger, asOf, { policy, history: [sent] }).actions).toEqual([]);
  });

  it('ignores history older than the current debt', () => {
    const ledger = aLedger([overdue('O', '2026-03-20')]);
    const { actions } = dunningPlan(ledger, asOf, { history: [entry('O', 'mise_en_demeure', '2025-06-01')] });
    expect(actions.map((a) => a.step)).toEqual(['rappel']);
  });

  it('never skips a step, whatever the history and the lateness (property)', () => {
    const steps = DEFAULT_POLICY.steps.map((s) => s.id);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 60 }), (late, done, gap) => {
        const due = d('2025-06-01');
        const ledger = aLedger([anInvoice({ customer: 'Z', issued: '2025-05-01', due: '2025-06-01', amount: 100 })]);
        const history = steps.slice(0, done).map((s, i) => entry('Z', s, isoOf((due + 1 + i) as never)));
        const at = (due + late + done + gap) as never;
        for (const a of dunningPlan(ledger, at, { history }).actions) {
          expect(steps.indexOf(a.step as StepId)).toBeLessThanOrEqual(done);
        }
      }),
    );
  });
});

describe('prescription and terms', () => {
  it('counts 5 years in B2B and 2 in B2C from the due date, with warnings at 6 months and 1 month', () => {
    const inv = anInvoice({ issued: '2021-02-15', due: '2021-03-15', amount: 100 });
    expect(isoOf(prescription(inv, 'b2b', d('2025-01-01'))?.expires as never)).toBe('2026-03-15');
    expect(prescription(inv, 'b2b', d('2025-01-01'))?.alert).toBeNull();
    expect(prescription(inv, 'b2b', d('2025-10-01'))?.alert).toBe('sixMonths');
    expect(prescription(inv, 'b2b', d('2026-03-01'))?.alert).toBe('oneMonth');
    expect(prescription(inv, 'b2b', d('2026-03-16'))?.alert).toBe('expired');
    expect(isoOf(prescription(inv, 'b2c', d('2022-01-01'))?.expires as never)).toBe('2023-03-15');
  });

  it('flags printed due dates beyond 60 days and 45 days end of month', () => {
    expect(exceedsLegalTerms(anInvoice({ issued: '2026-01-15', due: '2026-03-31', amount: 1 }))).toBe(false);
    expect(exceedsLegalTerms(anInvoice({ issued: '2026-01-15', due: '2026-04-01', amount: 1 }))).toBe(true);
  });
});

describe('workspace', () => {
  it('round-trips losslessly through JSON', () => {
    const ws: Workspace = {
      ...emptyWorkspace(),
      customers: [{ customerId: 'A', regime: 'b2c' }, { customerId: 'B', regime: 'b2b', contractualRateBp: 900 }],
      statuses: [status('A', { kind: 'promise', since: '2026-01-01', until: '2026-02-01', note: 'appel du 1/1' })],
      history: [{ ...entry('A', 'rappel', '2026-01-05'), lrar: '1A 123 456 7890 1', invoices: ['F1'], amountCents: 12345 }],
      userMroBp: { '2026-S2': 200 },
      revision: 7,
    };
    const back = migrateWorkspace(JSON.parse(JSON.stringify(ws)));
    expect(back).toEqual({ ok: true, workspace: ws, from: 2, repairs: [] });
  });

  it('migrates version 1', () => {
    const v1 = { ...emptyWorkspace(), version: 1, history: [{ id: 'h', customerId: 'A', level: 'relance', date: '2026-01-05', channel: 'email', note: '', invoices: [], amountCents: 0 }] } as Record<string, unknown>;
    delete v1.userMroBp;
    delete v1.revision;
    const r = migrateWorkspace(v1);
    expect(r.ok && r.workspace.history[0]?.step).toBe('relance');
    expect(r.ok && r.workspace.version).toBe(2);
  });

  it.each([
    ['a foreign file', { hello: 'world' }, 'NotAWorkspace'],
    ['a newer version', { ...emptyWorkspace(), version: 99 }, 'NewerVersion'],
    ['a broken history', { ...emptyWorkspace(), history: [{ customerId: 'A', step: 'rappel', date: 'yesterday' }] }, 'Invalid'],
    ['not an object', 'text', 'NotAWorkspace'],
  ])('refuses %s', (_, input, reason) => {
    const r = migrateWorkspace(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });
});
