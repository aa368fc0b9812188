import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { serveDist as serve } from '../support/serve-dist.ts';
import { AppPage } from './pages/app-page.ts';

const root = join(import.meta.dirname, '../..');
const serveDist = () => serve(join(root, 'dist'));

test('after one visit, the app works with the server gone: reload, import, compute, print', async ({ page }) => {
  const server = await serveDist();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await page.goto(`${base}/?asOf=2025-12-31`);
    await expect(page.getByTestId('file-input')).toBeAttached();
    // The service worker precaches the whole built site on install, then controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
  }
  const app = new AppPage(page);
  await page.reload();
  await expect(page.getByTestId('file-input')).toBeAttached();
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await expect(app.tile('receivables')).toContainText('€');
  await app.go('balance');
  await page.getByRole('button', { name: 'Afficher les graphiques' }).click();
  await expect(page.locator('canvas').first()).toBeVisible();
  // Letters leave only with the sender's identity (e-mail steps need no postal address).
  await app.fillProfile();
  await page.getByRole('button', { name: 'Toutes les lettres du jour (PDF recto verso)' }).click();
  await expect(page.getByTestId('letter-preview').locator('iframe')).toBeVisible({ timeout: 30_000 });
  await page.goto(`${base}/confidentialite/`);
  await expect(page.getByRole('heading', { name: 'Confidentialité' })).toBeVisible();
});

test('“erase everything” empties the saved work', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('2025-12-31');
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('relances');
  const first = page.getByTestId('worklist').getByTestId('action').first();
  await first.getByRole('button', { name: 'Marquer comme fait' }).click();
  await first.getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');
  await page.goto('/confidentialite/');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('erase').click();
  await expect(page.getByTestId('erase-done')).toBeVisible();
  await app.open('2025-12-31');
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('historique');
  await expect(page.getByTestId('history').locator('summary')).toContainText('(0)');
});
