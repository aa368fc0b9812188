/**
 * The bank statement in, the payments matched (issue 17): drop a ledger, then its bank statement
 * (CFONB 120); the sure matches are accepted in one click; the customers they pay in full leave the
 * worklist; the history says where each payment came from; a reload keeps it; undo brings it back.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { root } from './pages/documents.ts';

const AS_OF = '2025-12-31';

test('drop a ledger then its statement, accept the sure matches, see the payer leave the worklist, keep it after a reload, undo it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/historique-paiements.csv'));
  await expect(app.tile('receivables')).toBeVisible();
  const before = (await app.tile('receivables').textContent()) ?? '';
  await app.go('relances');
  const paidInFull = page.locator('[data-testid="action"][data-customer="C010"]');
  await expect(paidInFull).toBeVisible();

  // The statement dropped on the same input: recognised as a statement, matched, nothing applied yet.
  await app.pick(join(root, 'samples/releve-bancaire.120'));
  const bank = page.getByTestId('bank');
  await expect(bank.getByTestId('bank-summary')).toContainText('releve-bancaire.120');
  await expect(bank.getByTestId('bank-proposal')).toHaveCount(9);
  await expect(bank.getByTestId('bank-proposal').first()).toContainText('numéro de facture dans le libellé');
  await expect(bank.getByTestId('bank-unmatched')).toContainText('ASSOCIATION DES AMIS');
  await expect(paidInFull).toBeVisible();
  await expect(app.report()).toContainText('historique-paiements.csv');

  await bank.getByTestId('bank-accept-sure').click();
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');
  await expect(paidInFull).toHaveCount(0);
  await expect(page.locator('[data-testid="action"][data-customer="C015"]')).toHaveCount(0);
  // Applied lines leave the proposals; the ones below the threshold wait for a look.
  await expect(bank.getByTestId('bank-summary')).toContainText('déjà appliqués');
  await app.go('synthese');
  await expect(app.tile('receivables')).not.toHaveText(before);

  await app.go('historique');
  const paid = page.locator('[data-testid="bank-payment"][data-customer="C010"]');
  await expect(paid).toContainText('HP-01897');
  await expect(paid).toContainText('releve-bancaire.120');

  // Kept: the workspace holds the payments, the last analysis reopens with them applied.
  await page.reload();
  await expect(page.locator('.app[data-ready="true"]')).toBeAttached({ timeout: 30_000 });
  await app.go('historique');
  await expect(paid).toContainText('HP-01897');
  await app.go('relances');
  await expect(page.getByTestId('action').first()).toBeVisible();
  await expect(paidInFull).toHaveCount(0);

  // Undo: the customer is chased again.
  await app.go('historique');
  await paid.getByRole('button', { name: 'Annuler ce rapprochement' }).click();
  await expect(paid).toHaveCount(0);
  await app.go('relances');
  await expect(paidInFull).toBeVisible();
});

test('a statement before any ledger is explained, and a file that is no statement gets a clear message', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/releve-bancaire.120'));
  await expect(page.getByTestId('statement-message')).toContainText('déposez d’abord le grand livre clients');
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('relances');
  await page.getByTestId('statement-input').setInputFiles(join(root, 'samples/mouvements.csv'));
  await expect(page.getByTestId('bank-error')).toContainText('n’est pas un relevé bancaire');
});

test('a bank CSV whose payer column is not recognised: the mapping panel names it, the statement is read again', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/historique-paiements.csv'));
  await app.go('relances');
  const csv = 'Date;Libellé;Client payeur;Montant\r\n28/12/2025;VIREMENT RECU;Maçonnerie Ségolène;311,54\r\n';
  await page.getByTestId('statement-input').setInputFiles({ name: 'banque.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const bank = page.getByTestId('bank');
  await expect(bank.getByTestId('bank-summary')).toContainText('banque.csv');
  await expect(bank.getByTestId('bank-proposal').first()).not.toContainText('client reconnu par son nom');
  await bank.getByTestId('bank-columns').locator('summary').click();
  await bank.getByTestId('bank-column').nth(2).selectOption('payer');
  await bank.getByTestId('bank-remap').click();
  await expect(bank.getByTestId('bank-proposal').first()).toContainText('client reconnu par son nom');
  await expect(bank.getByTestId('bank-proposal').first()).toContainText('HP-01897');
});

test('a ledger and its statement dropped together: the ledger is read first, then the statement is matched against it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await page.getByTestId('file-input').setInputFiles([join(root, 'samples/releve-bancaire.120'), join(root, 'samples/historique-paiements.csv')]);
  await expect(page.getByTestId('bank').getByTestId('bank-summary')).toContainText('releve-bancaire.120');
  await expect(page.getByTestId('bank').getByTestId('bank-proposal')).toHaveCount(9);
  await expect(page.getByTestId('statement-message')).toHaveCount(0);
});
