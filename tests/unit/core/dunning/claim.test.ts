/** The claim (numbers.md § "Next action"): credits netted, nobody chased for nothing, court only after a formal notice. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agedBalance, dunningPlan, emptyWorkspace, type HistoryEntry, type StepId } from '../../../../src/core/index.ts';
import { importFile } from '../../../../src/import/import-file.ts';
import { letters } from '../../../../src/app/letters.ts';
import { aLedger, anInvoice, d, profiledWorkspace, settingsAt } from '../../../support/builders.ts';

const asOf = d('2026-03-31');
const entry = (customerId: string, step: StepId, date: string): HistoryEntry => ({ id: `${customerId}-${step}-${date}`, customerId, step, date, channel: 'registered_letter', note: '', invoices: [], amountCents: 0 });

describe('the claim', () => {
  it('nets an open credit note and an unallocated payment, and says what it deducted', () => {
    const ledger = aLedger([
      anInvoice({ customer: 'A', number: 'F1', issued: '2026-01-01', due: '2026-01-31', amount: 1000 }),
      anInvoice({ customer: 'A', number: 'AV1', issued: '2026-02-10', due: null, amount: -150 }),
      { ...anInvoice({ customer: 'A', number: '', issued: '2026-03-01', due: null, amount: -100 }), kind: 'payment' as const },
    ]);
    const [a] = dunningPlan(ledger, asOf).actions;
    expect(a?.amountCents).toBe(75000);
    expect(a?.creditsCents).toBe(25000);
    expect(a?.credits.map((c) => c.number)).toEqual(['AV1', '']);
    expect(a?.invoices.map((i) => i.number)).toEqual(['F1']);
  });

  it('chases nobody whose credits cover the overdue invoices, or who is in credit', () => {
    const ledger = aLedger([
      anInvoice({ customer: 'A', number: 'F1', issued: '2026-01-01', due: '2026-01-31', amount: 100 }),
      anInvoice({ customer: 'A', number: 'AV1', issued: '2026-02-10', due: null, amount: -100 }),
      anInvoice({ customer: 'B', number: 'F2', issued: '2026-01-01', due: '2026-01-31', amount: 100 }),
      anInvoice({ customer: 'B', number: 'AV2', issued: '2026-02-10', due: null, amount: -179.13 }),
    ]);
    expect(dunningPlan(ledger, asOf).actions).toEqual([]);
  });

  it('never deducts more than the overdue invoices (the claim is never negative) nor credits dated after the as-of date', () => {
    const ledger = aLedger([
      anInvoice({ customer: 'A', number: 'F1', issued: '2026-01-01', due: '2026-01-31', amount: 500 }),
      anInvoice({ customer: 'A', number: 'AV-later', issued: '2026-04-10', due: null, amount: -500 }),
    ]);
    expect(dunningPlan(ledger, asOf).actions.map((a) => [a.amountCents, a.creditsCents])).toEqual([[50000, 0]]);
  });

  it('lists the credits in the letter and asks for the claim', () => {
    const ledger = aLedger([
      anInvoice({ customer: 'A', number: 'F1', issued: '2026-01-01', due: '2026-02-20', amount: 1000 }),
      anInvoice({ customer: 'A', number: 'AV1', issued: '2026-02-10', due: null, amount: -150 }),
    ]);
    const [m] = letters(ledger, settingsAt('2026-03-31', { workspace: profiledWorkspace({ A: '3 rue du Four\n69002 Lyon' }) }), { customerIds: ['A'] }).models;
    expect(m?.invoices.map((l) => [l.kind, l.number, l.balance])).toEqual([
      ['invoice', 'F1', 100000],
      ['credit', 'AV1', -15000],
    ]);
    expect(m?.amounts.slice(0, 2).map((x) => x.cents)).toEqual([100000, -15000]);
  });
});

describe('the step before court', () => {
  const late = aLedger([anInvoice({ customer: 'A', number: 'F1', issued: '2025-12-01', due: '2026-01-10', amount: 1000 })]);

  it('with no recorded mise en demeure, sends the formal notice, never the court pack', () => {
    const [a] = dunningPlan(late, asOf).actions;
    expect(a?.step).toBe('mise_en_demeure');
    expect(a?.reasons.map((r) => r.code)).toContain('FormalNoticeFirst');
  });

  it('waits for the notice’s deadline, then proposes the injonction de payer', () => {
    const history = [entry('A', 'rappel', '2026-01-12'), entry('A', 'relance', '2026-01-26'), entry('A', 'mise_en_demeure', '2026-03-25')];
    expect(dunningPlan(late, asOf, { history })).toEqual({ actions: [], waiting: [{ customerId: 'A', reason: 'MinimumDelayNotReached', nextOn: d('2026-04-03') }] });
    expect(dunningPlan(late, d('2026-04-02'), { history }).actions).toEqual([]);
    const [a] = dunningPlan(late, d('2026-04-03'), { history }).actions;
    expect(a?.step).toBe('injonction_de_payer');
  });
});

const REAL_FEC = join(import.meta.dirname, '../../../../../shared/samples/real/fec/0000000001FEC20220831.txt');

describe.skipIf(!existsSync(REAL_FEC))('regression: the real 2022 FEC at 2022-08-31', () => {
  const { ledger, report } = importFile(new Uint8Array(readFileSync(REAL_FEC)), { fileName: '0000000001FEC20220831.txt' });
  const at = d('2022-08-31');
  const plan = dunningPlan(ledger, at, emptyWorkspace());
  const aging = new Map(agedBalance(ledger, { asOf: at }).customers.map((c) => [c.customerId, c]));

  it('reads the file', () => {
    expect(report.fatal).toBeNull();
  });

  it('goes to court for nobody (no mise en demeure is recorded) and chases nobody who owes nothing', () => {
    expect(plan.actions.filter((a) => a.step === 'injonction_de_payer')).toEqual([]);
    for (const a of plan.actions) {
      const c = aging.get(a.customerId);
      expect(a.amountCents).toBeGreaterThan(0);
      // The claim never exceeds what the aged balance says the customer owes.
      expect(a.amountCents).toBeLessThanOrEqual(c?.openCents ?? 0);
    }
    for (const c of aging.values()) if (c.openCents <= 0) expect(plan.actions.some((a) => a.customerId === c.customerId)).toBe(false);
  });
});
