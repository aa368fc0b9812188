/**
 * Saved work is never lost: a stored workspace this page cannot read (written by a newer version, or
 * corrupt) is kept byte for byte, the page says so, refuses to save over it, and offers to export it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { root } from './pages/documents.ts';

const AS_OF = '2025-12-31';
const historyEntry = { id: 'h1', customerId: 'C001', step: 'rappel', date: '2025-12-01', channel: 'email', note: 'envoyé à la main', invoices: [], amountCents: 100 };

/** Writes a record into the app's database (creating it as the app does) and reads it back. */
async function putRecord(page: Page, data: unknown): Promise<void> {
  await page.evaluate(async (data) => {
    await new Promise<void>((resolve, reject) => {
      const r = indexedDB.open('relance', 2);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('mappings', { keyPath: 'signature' });
        r.result.createObjectStore('workspace', { keyPath: 'id' });
      };
      r.onsuccess = () => {
        const tx = r.result.transaction('workspace', 'readwrite');
        tx.objectStore('workspace').put({ id: 'current', data, savedAt: 'test' });
        tx.oncomplete = () => {
          r.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      r.onerror = () => reject(r.error);
    });
  }, data);
}

async function getRecord(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const r = indexedDB.open('relance');
        r.onsuccess = () => {
          const g = r.result.transaction('workspace').objectStore('workspace').get('current');
          g.onsuccess = () => resolve((g.result as { data: unknown }).data);
        };
      }),
  );
}

async function markFirstDone(page: Page): Promise<void> {
  await new AppPage(page).go('relances');
  const first = page.getByTestId('worklist').getByTestId('action').first();
  await first.getByRole('button', { name: 'Marquer comme fait' }).click();
  await first.getByRole('button', { name: 'Confirmer' }).click();
}

test('a record written by a newer version: this page reads nothing, saves nothing, loses nothing', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  const newer = { kind: 'relance-workspace', version: 99, history: [historyEntry], somethingNew: { a: 1 } };
  await putRecord(page, newer);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await expect(page.getByTestId('stored-problem')).toContainText('version plus récente');
  await markFirstDone(page);
  await expect(page.getByTestId('work-message')).toContainText('Rien n’a été enregistré');
  expect(await getRecord(page)).toEqual(newer);
});

test('a corrupt record: a message naming the field, nothing overwritten, the record exportable as it is', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  const corrupt = { kind: 'relance-workspace', version: 2, profile: {}, policy: { steps: [], courtesyDaysBefore: null }, customers: [], statuses: [], history: [{ ...historyEntry, date: '2025-02-31' }], userMroBp: {}, revision: 3 };
  await putRecord(page, corrupt);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await expect(page.getByTestId('stored-problem')).toContainText('« policy.steps »');
  await markFirstDone(page);
  await expect(page.getByTestId('work-message')).toContainText('Rien n’a été enregistré');
  expect(await getRecord(page)).toEqual(corrupt);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-unreadable').click();
  expect(JSON.parse(readFileSync(await (await download).path(), 'utf8'))).toEqual(corrupt);
  // Only now may the user start again from an empty workspace.
  await page.getByTestId('start-empty').click();
  await expect(page.getByTestId('stored-problem')).toHaveCount(0);
  await markFirstDone(page);
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');
});

test('the analysis settings saved as defaults: the page opens with them next time, the workspace export carries them', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await page.getByLabel('Tranches (jours)').fill('15, 45, 90');
  await page.getByLabel('Tranches (jours)').dispatchEvent('change');
  await page.getByLabel('Période du DSO (mois)').fill('6');
  await page.getByLabel('Période du DSO (mois)').dispatchEvent('change');
  await app.go('reglages');
  const panel = page.getByTestId('defaults-panel');
  await panel.locator('summary').click();
  await expect(panel.getByTestId('defaults-current')).toContainText('Aucun réglage enregistré');
  await panel.getByRole('button', { name: 'Enregistrer les réglages affichés comme réglages par défaut' }).click();
  await expect(panel.getByTestId('defaults-current')).toHaveText('Enregistrés : âge calculé sur la date d’échéance, tranches 15, 45, 90 jours, DSO sur 6 mois, délai par défaut 30 jours, notes 5, 15, 45 jours.');
  expect(await getRecord(page)).toMatchObject({ analysisDefaults: { basis: 'due', edges: [15, 45, 90], windows: 6, termsDays: 30, ratings: [5, 15, 45] } });
  // A fresh start (the last analysis reopened, or none): the settings bar shows the saved settings.
  await app.reload();
  await expect(page.getByLabel('Tranches (jours)')).toHaveValue('15, 45, 90');
  await expect(page.getByLabel('Période du DSO (mois)')).toHaveValue('6');
  await app.go('balance');
  await expect(page.getByRole('columnheader', { name: '46-90' })).toBeVisible();
  // Back to the built-in settings: saved as none.
  await app.go('reglages');
  await panel.locator('summary').click();
  const exported = JSON.stringify(await getRecord(page));
  await panel.getByRole('button', { name: 'Revenir aux réglages d’origine' }).click();
  await expect(panel.getByTestId('defaults-current')).toContainText('Aucun réglage enregistré');
  expect(await getRecord(page)).not.toHaveProperty('analysisDefaults');
  // A workspace imported from a file brings its saved settings to the settings bar at once.
  await page.getByLabel('Tranches (jours)').fill('30');
  await page.getByLabel('Tranches (jours)').dispatchEvent('change');
  await page.getByTestId('workspace-panel').locator('summary').click();
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('ws-import').setInputFiles({ name: 'espace.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.getByTestId('work-message')).toHaveText('Espace de travail importé.');
  await expect(page.getByLabel('Tranches (jours)')).toHaveValue('15, 45, 90');
  await expect(page.getByLabel('Période du DSO (mois)')).toHaveValue('6');
});
