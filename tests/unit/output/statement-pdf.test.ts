/**
 * The relevé de compte (issue 18): its PDF text read back with pdf.js — the open items with their age,
 * the credit, the payments received over the period, the balance and the penalties accrued, the bank
 * details, the accents — in French and English; the CLI writes one per customer.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { statements } from '../../../src/app/letters.ts';
import { nodeFonts } from '../../../src/output/pdf/fonts-node.ts';
import { renderLetters } from '../../../src/output/pdf/letters.ts';
import { aLedger, anInvoice, profiledWorkspace, settingsAt } from '../../support/builders.ts';

async function text(pdf: ArrayBuffer | Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  let out = '';
  for (let p = 1; p <= doc.numPages; p++) out += `${(await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ')}\n`;
  return out.replace(/[\u202f\u00a0]/g, ' ');
}

const ledger = aLedger([
  anInvoice({ customer: 'Boulangerie Lefèvre', number: 'F-101', issued: '2026-01-05', due: '2026-02-04', amount: 1200 }),
  anInvoice({ customer: 'Boulangerie Lefèvre', number: 'F-102', issued: '2026-03-02', due: '2026-04-01', amount: 480, payments: [{ on: '2026-03-20', amount: 180 }] }),
  anInvoice({ customer: 'Boulangerie Lefèvre', number: 'F-090', issued: '2025-12-01', due: '2025-12-31', amount: 600, payments: [{ on: '2026-02-10', amount: 600 }] }),
  anInvoice({ customer: 'Boulangerie Lefèvre', number: 'AV-7', issued: '2026-02-15', amount: -100 }),
  anInvoice({ customer: 'Garage Martin', number: 'F-103', issued: '2026-03-10', due: '2026-04-09', amount: 90 }),
]);
const workspace = profiledWorkspace({ 'Boulangerie Lefèvre': '4 place de l’Église\n69003 Lyon', 'Garage Martin': '1 rue du Port\n13002 Marseille' });

describe('relevé de compte', () => {
  it('French: open items with their age, the credit, the payments of the period, the balance, penalties for information, IBAN', async () => {
    const settings = { ...settingsAt('2026-03-31'), workspace };
    const { models, refused } = statements(ledger, settings, ['Boulangerie Lefèvre']);
    expect(refused).toEqual([]);
    const t = await text(renderLetters(models, nodeFonts()));
    expect(t).toContain('Relevé de compte au 31/03/2026');
    expect(t).toMatch(/F-101 .*05\/01\/2026 .*04\/02\/2026 .*55 .*1 200,00 €/);
    expect(t).toContain('AV-7');
    expect(t).toContain('Règlements reçus');
    expect(t).toMatch(/10\/02\/2026 .*F-090 .*600,00 €/);
    expect(t).toMatch(/20\/03\/2026 .*F-102 .*180,00 €/);
    // 1 200 + 300 − 100 = 1 400,00 € of balance, 1 200,00 € of it overdue.
    expect(t).toContain('Solde du compte (TTC)');
    expect(t).toContain('1 400,00 €');
    expect(t).toContain('dont 1 200,00 € échus');
    expect(t).toContain('Pénalités de retard acquises (pour information)');
    expect(t).toContain('FR76');
    expect(t).toContain('4 PLACE DE L’ÉGLISE');
    expect(t).toMatch(/AV-7 +15\/02\/2026 +— +— +-100,00 €/);
    expect(t).toContain('Sauf erreur ou omission');
    expect(t).toContain('Claire Martin');
  });

  it('English, and a customer without an address is refused with what it lacks', async () => {
    const settings = { ...settingsAt('2026-03-31', { lang: 'en' }), workspace: profiledWorkspace({ 'Garage Martin': '1 rue du Port\n13002 Marseille' }) };
    const { models, refused } = statements(ledger, settings, []);
    expect(models.map((m) => m.customerId)).toEqual(['Garage Martin']);
    expect(refused.map((r) => [r.name, r.missing])).toEqual([['Boulangerie Lefèvre', ['debtorAddress']]]);
    const t = await text(renderLetters(models, nodeFonts()));
    expect(t).toContain('Statement of account at 31/03/2026');
    expect(t).toContain('Account balance (incl. VAT)');
  });

  it('the CLI writes one statement per customer and one with them all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relance-statements-'));
    const csv = join(dir, 'ledger.csv');
    writeFileSync(csv, 'Client;N° facture;Date;Échéance;Montant TTC\r\nBoulangerie Lefèvre;F-101;05/01/2026;04/02/2026;1200,00\r\nGarage Martin;F-103;10/03/2026;09/04/2026;90,00\r\n');
    const ws = join(dir, 'ws.json');
    writeFileSync(ws, JSON.stringify(workspace));
    const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', 'src/cli/relance.ts', 'statements', csv, '--as-of', '2026-03-31', '--workspace', ws, '--out', join(dir, 'out')], { cwd: join(import.meta.dirname, '../../..'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['2026-03-31-releve-Boulangerie-Lefevre.pdf', '2026-03-31-releve-Garage-Martin.pdf', '2026-03-31-releves-de-compte.pdf']);
    expect(readFileSync(join(dir, 'out', '2026-03-31-releves-de-compte.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
