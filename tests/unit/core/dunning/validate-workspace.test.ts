/** Every element of a workspace checked: null elements, wrong types, out-of-range numbers, prototype keys. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, emptyWorkspace, migrateWorkspace } from '../../../../src/core/index.ts';

const base = () => JSON.parse(JSON.stringify(emptyWorkspace())) as Record<string, unknown>;
const withPolicySteps = (change: (steps: Record<string, unknown>[]) => void) => {
  const w = base();
  const steps = JSON.parse(JSON.stringify(DEFAULT_POLICY.steps)) as Record<string, unknown>[];
  change(steps);
  return { ...w, policy: { steps, courtesyDaysBefore: null } };
};

describe('workspace validation', () => {
  it.each([
    { what: 'a null customer', input: { ...base(), customers: [null] }, field: 'customers[0]' },
    { what: 'a customer without id', input: { ...base(), customers: [{ regime: 'b2b' }] }, field: 'customers[0].customerId' },
    { what: 'an unknown regime', input: { ...base(), customers: [{ customerId: 'A', regime: 'vip' }] }, field: 'customers[0].regime' },
    { what: 'a rate typed as text', input: { ...base(), customers: [{ customerId: 'A', regime: 'b2b', contractualRateBp: '12' }] }, field: 'customers[0].contractualRateBp' },
    { what: 'negative terms', input: { ...base(), customers: [{ customerId: 'A', regime: 'b2b', termsDays: -5 }] }, field: 'customers[0].termsDays' },
    { what: 'a user rate as text', input: { ...base(), userMroBp: { '2026-S2': 'abc' } }, field: 'userMroBp.2026-S2' },
    { what: 'a user rate for no half-year', input: { ...base(), userMroBp: { hello: 400 } }, field: 'userMroBp.hello' },
    { what: 'a policy step with −5 days', input: withPolicySteps((s) => (s[1]!.daysAfterDue = -5)), field: 'policy.steps[1].daysAfterDue' },
    { what: 'a policy step with 10⁹ days', input: withPolicySteps((s) => (s[2]!.daysAfterDue = 1e9)), field: 'policy.steps[2].daysAfterDue' },
    { what: 'steps out of order', input: withPolicySteps((s) => (s[3]!.daysAfterDue = 2)), field: 'policy.steps[3].daysAfterDue' },
    { what: 'an empty policy', input: { ...base(), policy: { steps: [], courtesyDaysBefore: null } }, field: 'policy.steps' },
    { what: 'a history date 31/02/2025', input: { ...base(), history: [{ id: 'h', customerId: 'A', step: 'rappel', date: '2025-02-31', channel: 'email', note: '', invoices: [], amountCents: 0 }] }, field: 'history[0].date' },
    { what: 'a history step that does not exist', input: { ...base(), history: [{ id: 'h', customerId: 'A', step: 'court', date: '2025-02-01', channel: 'email', note: '', invoices: [], amountCents: 0 }] }, field: 'history[0].step' },
    { what: 'a null status', input: { ...base(), statuses: [null] }, field: 'statuses[0]' },
    { what: 'a plan instalment in floats', input: { ...base(), statuses: [{ id: 's', customerId: 'A', invoiceNumber: null, status: { kind: 'plan', since: '2026-01-01', note: '', instalments: [{ due: '2026-02-01', amountCents: 10.5 }] } }] }, field: 'statuses[0].status.instalments[0].amountCents' },
    { what: 'a prototype key', input: JSON.parse(`{"kind":"relance-workspace","version":2,"profile":{},"policy":${JSON.stringify(DEFAULT_POLICY)},"customers":[],"statuses":[],"history":[],"userMroBp":{"__proto__":{"x":1}},"revision":0}`), field: 'userMroBp.__proto__' },
  ])('refuses $what, naming $field', ({ input, field }) => {
    const r = migrateWorkspace(input);
    expect(r.ok ? null : r.detail).toBe(field);
  });

  it('repairs profile fields of the wrong type to their default and says which', () => {
    const r = migrateWorkspace({ ...base(), profile: { company: 42, siren: '123456789', address: null, iban: '', signatory: '', siret: '', marginPercent: 'x' } });
    expect(r.ok && r.workspace.profile.company).toBe('');
    expect(r.ok && r.workspace.profile.siren).toBe('123456789');
    expect(r.ok && [...r.repairs].sort()).toEqual(['profile.address', 'profile.company', 'profile.marginPercent']);
  });

  it('gives a part left out its default and says so, but refuses one present and malformed', () => {
    const { policy: _p, history: _h, ...rest } = base();
    const r = migrateWorkspace(rest);
    expect(r.ok && r.workspace.policy).toEqual(DEFAULT_POLICY);
    expect(r.ok && r.workspace.history).toEqual([]);
    expect(r.ok && [...r.repairs].sort()).toEqual(['history', 'policy']);
    const nullPolicy = migrateWorkspace({ ...base(), policy: null });
    expect(nullPolicy.ok ? null : nullPolicy.detail).toBe('policy');
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        for (const input of [a, { ...base(), customers: [a], statuses: [b] }, { ...base(), policy: a, profile: b }, { ...base(), history: [a] }]) {
          const r = migrateWorkspace(input);
          expect(typeof r.ok).toBe('boolean');
        }
      }),
      { numRuns: 300 },
    );
  });
});
