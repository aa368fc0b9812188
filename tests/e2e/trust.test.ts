import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';

const root = join(import.meta.dirname, '../..');
const AS_OF = '2025-12-31';

test('two tabs: the second save is refused with a message, and nothing of the first is lost', async ({ page, context }) => {
  const a = new AppPage(page);
  await a.open(AS_OF);
  await a.pick(join(root, 'samples/freelance-2025.xlsx'));
  const other = await context.newPage();
  const b = new AppPage(other);
  await b.open(AS_OF);
  await b.pick(join(root, 'samples/freelance-2025.xlsx'));

  const firstA = page.getByTestId('worklist').getByTestId('action').first();
  await firstA.getByRole('button', { name: 'Marquer comme fait' }).click();
  await firstA.getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');

  const lastB = other.getByTestId('worklist').getByTestId('action').last();
  await lastB.getByRole('button', { name: 'Marquer comme fait' }).click();
  await lastB.getByRole('button', { name: 'Confirmer' }).click();
  await expect(other.getByTestId('work-message')).toContainText('Un autre onglet a modifié l’espace de travail');
  await expect(other.getByTestId('history').locator('summary')).toContainText('(1)');
  // Redone after the reload, the second change is kept too.
  const again = other.getByTestId('worklist').getByTestId('action').last();
  await again.getByRole('button', { name: 'Marquer comme fait' }).click();
  await again.getByRole('button', { name: 'Confirmer' }).click();
  await expect(other.getByTestId('work-message')).toHaveText('Enregistré.');
  await expect(other.getByTestId('history').locator('summary')).toContainText('(2)');
});

test('names carrying HTML and scripts are shown as text, never run', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const evil = '<img src=x onerror=alert(1)>"><script>alert(2)</script>';
  const csv = `Client;Facture;Échéance;Montant\n"${evil.replace(/"/g, '""')}";F1;01/10/2025;100,00\n`;
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.drop('evil.csv', Buffer.from(csv, 'utf8'), 'text/csv');
  await expect(page.getByTestId('aging-table')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.getByTestId('worklist')).toContainText('"><script>alert(2)</script>');
  await expect(page.locator('main img')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('a hostile file gets a clear message and the page stays usable', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.drop('garbage.bin', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256)));
  await expect(page.getByRole('alert')).toContainText('pas un tableur');
  const wide = ['Client', 'Facture', 'Échéance', 'Montant', ...Array.from({ length: 200_000 }, (_, i) => `c${i}`)].join(';');
  await app.drop('wide.csv', Buffer.from(`${wide}\nA;1;01/12/2025;10\n`, 'utf8'), 'text/csv');
  await expect(app.report()).toContainText('seules les 1', { timeout: 15_000 });
  await expect(app.tile('receivables')).toBeVisible();
  await app.pick(join(root, 'samples/export-compta.csv'));
  await expect(app.tile('receivables')).toContainText('€');
});
