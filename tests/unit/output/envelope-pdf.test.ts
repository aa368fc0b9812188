/**
 * Where the letters and the test sheet print the sender and the address, read back from the PDF
 * with pdf.js (text positions in mm from the page's top left corner).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildLetter, emptyWorkspace, testSheet, type Envelope, type Workspace } from '../../../src/core/index.ts';
import { nodeFonts } from '../../../src/output/pdf/fonts-node.ts';
import { renderLetters, renderTestSheet } from '../../../src/output/pdf/letters.ts';
import { anInvoice, d } from '../../support/builders.ts';

type Placed = { text: string; x: number; y: number };
const MM = 25.4 / 72;

async function firstPage(pdf: ArrayBuffer): Promise<Placed[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const height = page.view[3] as number;
  const content = await page.getTextContent();
  return content.items.flatMap((i) => ('str' in i && i.str.trim() !== '' ? [{ text: i.str, x: (i.transform[4] as number) * MM, y: (height - (i.transform[5] as number)) * MM }] : []));
}

const at = (items: readonly Placed[], text: string): Placed => {
  const found = items.find((i) => i.text.includes(text));
  if (!found) throw new Error(`"${text}" not printed: ${items.map((i) => i.text).join(' | ')}`);
  return found;
};

const fonts = nodeFonts();
const profile = { company: 'Atelier Zoé SARL', siren: '123 456 789', siret: '', address: '12 rue de l’Église\n75011 Paris', iban: '', signatory: 'Zoé Lefèvre', marginPercent: null };
const workspaceWith = (envelope?: Envelope): Workspace => ({
  ...emptyWorkspace(),
  profile: { ...profile, ...(envelope ? { envelope } : {}) },
  customers: [{ customerId: 'C1', regime: 'b2b', address: 'Service comptabilité\n8 avenue Foch\n69006 Lyon' }],
});
const customer = { id: 'C1', code: null, name: 'Cabinet Dubœuf' };
const invoices = [anInvoice({ customer: 'C1', number: 'F-1', issued: '2026-01-15', due: '2026-02-14', amount: 1234.5 })];
const letter = (envelope?: Envelope) => renderLetters([buildLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices, asOf: d('2026-04-20'), workspace: workspaceWith(envelope) })], fonts);

describe('the address where the envelope shows it', () => {
  it('right-hand window (default): the address inside x 110–195, y 55–88; the sender top left', async () => {
    const items = await firstPage(letter());
    const name = at(items, 'Cabinet Dub');
    const town = at(items, '69006 LYON');
    expect(name.x).toBeCloseTo(112, 0);
    expect(name.y).toBeGreaterThan(55);
    expect(town.y).toBeLessThan(88);
    expect(at(items, 'Atelier Zoé SARL').x).toBeCloseTo(20, 0);
  });

  it('left-hand window: the address at x 20, from y 45; the sender top right, clear of the window', async () => {
    const items = await firstPage(letter({ window: 'left', shiftXmm: 0, shiftYmm: 0, foldMarks: false }));
    const name = at(items, 'Cabinet Dub');
    expect(name.x).toBeCloseTo(22, 0);
    expect(name.y).toBeGreaterThan(45);
    expect(at(items, '69006 LYON').y).toBeLessThan(90);
    const sender = at(items, 'Atelier Zoé SARL');
    expect(sender.x).toBeCloseTo(115, 0);
    expect(sender.y).toBeLessThan(45);
    // The body starts below the window.
    expect(at(items, 'MISE EN DEMEURE DE PAYER').y).toBeGreaterThan(90);
  });

  it('a shift moves the address, and the body after it', async () => {
    const [plain, moved] = await Promise.all([firstPage(letter()), firstPage(letter({ window: 'right', shiftXmm: -4, shiftYmm: 6, foldMarks: true }))]);
    expect(at(moved, 'Cabinet Dub').x - at(plain, 'Cabinet Dub').x).toBeCloseTo(-4, 1);
    expect(at(moved, 'Cabinet Dub').y - at(plain, 'Cabinet Dub').y).toBeCloseTo(6, 1);
    expect(at(moved, 'MISE EN DEMEURE DE PAYER').y).toBeGreaterThan(at(plain, 'MISE EN DEMEURE DE PAYER').y);
  });
});

describe('the test sheet', () => {
  it('prints the sample address in the letters’ box, the fold labels on the fold lines, and the steps below the first fold', async () => {
    const envelope: Envelope = { window: 'left', shiftXmm: 2, shiftYmm: 0, foldMarks: false };
    const items = await firstPage(renderTestSheet(testSheet({ ...profile, envelope }, 'fr'), fonts));
    const first = at(items, 'SOCIÉTÉ DESTINATAIRE');
    expect(first.x).toBeCloseTo(24, 0);
    expect(first.y).toBeGreaterThan(45);
    expect(at(items, '75002 PARIS').y).toBeLessThan(90);
    expect(at(items, 'Atelier Zoé SARL').x).toBeCloseTo(115, 0);
    const folds = items.filter((i) => i.text === 'pli').map((i) => Math.round(i.y));
    expect(folds).toEqual([106, 211]);
    expect(at(items, 'Feuille de test').y).toBeGreaterThan(105);
    expect(at(items, 'Fenêtre à gauche').y).toBeGreaterThan(105);
    expect(at(items, 'taille réelle').y).toBeGreaterThan(105);
  });
});
