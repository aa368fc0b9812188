import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_MESSAGES, describeIssue } from '../../../src/i18n/issues.ts';
import { t, UI } from '../../../src/i18n/ui.ts';
import { signalsText } from '../../../src/i18n/behaviour.ts';

describe('messages', () => {
  it('French and English have the same interface keys and placeholders', () => {
    expect(Object.keys(UI.en).sort()).toEqual(Object.keys(UI.fr).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(UI.fr) as (keyof typeof UI.fr)[]) expect(holes(UI.en[key]), key).toEqual(holes(UI.fr[key]));
  });

  it('every issue code has a message in both languages with the same placeholders', () => {
    expect(Object.keys(ISSUE_MESSAGES.en).sort()).toEqual(Object.keys(ISSUE_MESSAGES.fr).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of Object.keys(ISSUE_MESSAGES.fr) as (keyof typeof ISSUE_MESSAGES.fr)[]) expect(holes(ISSUE_MESSAGES.en[code]), code).toEqual(holes(ISSUE_MESSAGES.fr[code]));
  });

  it('says what the prediction read besides the history, in one sentence per language, nothing when nothing', () => {
    expect(signalsText([], 'fr')).toBe('');
    expect(signalsText(['disputes', 'channel'], 'fr')).toBe('Outre l’historique de paiement de chaque client, le modèle lit dans le fichier le litige et le canal d’envoi (papier ou facture électronique).');
    expect(signalsText(['channel'], 'en')).toBe('Besides each customer’s payment history, the model reads how the invoice was sent (paper or e-invoice) from the file.');
  });

  it('names the sheet, row, column and value in the user’s language', () => {
    const issue = { code: 'InvalidAmount', severity: 'error', sheet: 'Factures', row: 12, column: 'E (Montant TTC)', value: 'douze' } as const;
    expect(describeIssue(issue, 'fr')).toBe('Feuille « Factures », ligne 12, colonne E (Montant TTC), valeur « douze » : Montant illisible ; la ligne est ignorée.');
    expect(describeIssue(issue, 'en')).toBe('Sheet "Factures", row 12, column E (Montant TTC), value "douze": Unreadable amount; the row is skipped.');
  });

  it('agrees a word with its number: French singular for 0 and 1, English for 1 only', () => {
    expect([0, 1, 2].map((n) => t('fr', 'tiles.chaseSub', { n }))).toEqual(['0 client', '1 client', '2 clients']);
    expect([0, 1, 2].map((n) => t('en', 'tiles.chaseSub', { n }))).toEqual(['0 customers', '1 customer', '2 customers']);
    expect(t('fr', 'report.statusAttention', { name: 'a.csv', invoices: 1, customers: 1, n: 3 })).toBe('a.csv : 1 pièce, 1 client — 3 points à vérifier.');
  });

  it('writes counts as the page writes every figure, grouped by thousands; a line number as it is', () => {
    expect(t('fr', 'tiles.chaseSub', { n: 4339 })).toBe(`4\u202f339 clients`);
    expect(t('en', 'summary.allActions', { n: 4339 })).toBe('See all 4,339 actions');
    expect(t('fr', 'statements.shown', { n: 12500 })).toBe(`Relevés de compte des 12\u202f500 clients affichés (PDF)`);
    expect(t('fr', 'bank.refused', { n: 1200, first: 12345 })).toBe(`1\u202f200 lignes refusées (première : ligne 12345).`);
    expect(t('fr', 'tiles.chaseSub', { n: '4 339' })).toBe('4 339 clients');
  });

  it('defines each interface key once per language (a repeated key would silently replace the first)', () => {
    const source = readFileSync(new URL('../../../src/i18n/ui.ts', import.meta.url), 'utf8');
    for (const block of source.split(/^ {2}en: \{$/m)) {
      const keys = [...block.matchAll(/^ {4}'([^']+)':/gm)].map((m) => m[1]);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    }
  });
});
