/** The envelope setting: where the letters put the address, what a saved workspace may hold, the test sheet's content. */
import { describe, expect, it } from 'vitest';
import { buildLetter, DEFAULT_ENVELOPE, emptyWorkspace, isValidShift, letterLayout, migrateWorkspace, testSheet, type Workspace } from '../../../../src/core/index.ts';
import { anInvoice, d } from '../../../support/builders.ts';

describe('letterLayout', () => {
  it('puts the address in the French right-hand window by default, the sender top left, folds in three equal panels', () => {
    const l = letterLayout(undefined);
    expect(l.address).toEqual({ x: 110, y: 55, w: 85, h: 33 });
    expect(l.sender).toEqual({ x: 20, y: 20, w: 80 });
    expect(l.folds).toEqual([99, 198]);
    expect(l.foldMarks).toBe(false);
    expect(letterLayout(DEFAULT_ENVELOPE)).toEqual(l);
  });

  it('moves the sender to the right beside a left-hand (DIN) window, folds at DIN 5008 marks', () => {
    const l = letterLayout({ window: 'left', shiftXmm: 0, shiftYmm: 0, foldMarks: true });
    expect(l.address).toEqual({ x: 20, y: 45, w: 85, h: 45 });
    expect(l.sender.x).toBeGreaterThanOrEqual(l.address.x + l.address.w);
    expect(l.sender.x + l.sender.w).toBeLessThanOrEqual(190);
    expect(l.folds).toEqual([105, 210]);
    expect(l.foldMarks).toBe(true);
  });

  it('moves the address by the shift and keeps it clear of the sender column at the largest shift', () => {
    const right = letterLayout({ window: 'right', shiftXmm: -10, shiftYmm: 2.5, foldMarks: false });
    expect(right.address).toEqual({ x: 100, y: 57.5, w: 85, h: 33 });
    expect(right.sender.x + right.sender.w).toBeLessThanOrEqual(right.address.x);
    const left = letterLayout({ window: 'left', shiftXmm: 10, shiftYmm: -10, foldMarks: false });
    expect(left.address.x + left.address.w).toBeLessThanOrEqual(left.sender.x);
    // Still on the printable page (5 mm margins) either way.
    for (const l of [right, left, letterLayout({ window: 'right', shiftXmm: 10, shiftYmm: 10, foldMarks: false })]) {
      expect(l.address.x).toBeGreaterThanOrEqual(5);
      expect(l.address.x + l.address.w).toBeLessThanOrEqual(205);
    }
  });

  it('accepts shifts to the half millimetre within ±10 mm only', () => {
    expect([0, 2.5, -10, 10, -0.5].every(isValidShift)).toBe(true);
    expect([10.5, -11, 0.3, Number.NaN, Infinity, '2', null].some(isValidShift)).toBe(false);
  });
});

describe('the envelope in a saved workspace', () => {
  const withEnvelope = (envelope: unknown) => ({ ...emptyWorkspace(), profile: { ...emptyWorkspace().profile, envelope } });

  it('keeps a valid setting through a save and a re-import', () => {
    const ws = withEnvelope({ window: 'left', shiftXmm: -2.5, shiftYmm: 3, foldMarks: true });
    const back = migrateWorkspace(JSON.parse(JSON.stringify(ws)));
    expect(back).toEqual({ ok: true, workspace: ws, from: ws.version, repairs: [] });
  });

  it('leaves a workspace without one as it was (the default envelope)', () => {
    const back = migrateWorkspace(emptyWorkspace());
    expect(back.ok && 'envelope' in back.workspace.profile).toBe(false);
  });

  it('sets a field of the wrong kind, or a shift off the page, back to its default and says which', () => {
    const back = migrateWorkspace(withEnvelope({ window: 'top', shiftXmm: 50, shiftYmm: '3', foldMarks: 'yes' }));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.workspace.profile.envelope).toEqual(DEFAULT_ENVELOPE);
    expect(back.repairs).toEqual(['profile.envelope.window', 'profile.envelope.shiftXmm', 'profile.envelope.shiftYmm', 'profile.envelope.foldMarks']);
    const notAnObject = migrateWorkspace(withEnvelope('left'));
    expect(notAnObject.ok && notAnObject.repairs).toEqual(['profile.envelope']);
    expect(notAnObject.ok && 'envelope' in notAnObject.workspace.profile).toBe(false);
  });

  it('refuses a key that could reach a prototype', () => {
    const back = migrateWorkspace(JSON.parse('{"kind":"relance-workspace","version":2,"profile":{"company":"","siren":"","siret":"","address":"","iban":"","signatory":"","marginPercent":null,"envelope":{"__proto__":{"x":1}}},"policy":' + JSON.stringify(emptyWorkspace().policy) + ',"customers":[],"statuses":[],"history":[],"userMroBp":{},"revision":0}'));
    expect(back).toMatchObject({ ok: false, reason: 'Invalid', detail: 'profile.envelope.__proto__' });
  });
});

describe('letters and the test sheet follow the setting', () => {
  const workspace: Workspace = { ...emptyWorkspace(), profile: { company: 'Atelier Zoé', siren: '123456789', siret: '', address: '12 rue de la Gare\n69001 Lyon', iban: '', signatory: 'Zoé', marginPercent: null, envelope: { window: 'left', shiftXmm: 1.5, shiftYmm: -2, foldMarks: true } } };

  it('every document carries the sender layout', () => {
    const invoices = [anInvoice({ customer: 'C1', number: 'F-1', issued: '2026-01-15', due: '2026-02-14', amount: 100 })];
    for (const kind of ['rappel', 'mise_en_demeure', 'releve', 'echeancier'] as const) {
      const m = buildLetter({ kind, lang: 'fr', customer: { id: 'C1', code: null, name: 'Client' }, invoices, asOf: d('2026-04-20'), workspace });
      expect(m.layout).toEqual(letterLayout(workspace.profile.envelope));
    }
  });

  it('the test sheet says the setting, in the letter language, with the sender as the letters print it', () => {
    const fr = testSheet(workspace.profile, 'fr');
    expect(fr.setting).toBe('Fenêtre à gauche (DIN 5008), décalage de l’adresse\u00a0: +1,5\u00a0mm horizontal, -2\u00a0mm vertical');
    expect(fr.sender.lines).toEqual(['Atelier Zoé', '12 rue de la Gare', '69001 Lyon']);
    expect(fr.recipient.length).toBeLessThanOrEqual(6);
    expect(fr.layout).toEqual(letterLayout(workspace.profile.envelope));
    const en = testSheet(emptyWorkspace().profile, 'en');
    expect(en.setting).toBe('Window on the right (France: DL, C5/6), address shift: 0\u00a0mm across, 0\u00a0mm down');
    expect(en.sender.lines).toEqual(['Sender (your profile)']);
  });
});
