import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';

const root = join(import.meta.dirname, '../..');
const AS_OF = '2025-12-31';

test('mark an action as done, reload, see the history and the next step; export, clear, import the workspace', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('relances');
  const worklist = page.getByTestId('worklist');
  // A customer with a step after this one in the policy.
  const first = worklist.locator('[data-testid="action"]:not([data-step="injonction_de_payer"])').first();
  await expect(first).toBeVisible();
  const customer = (await first.getAttribute('data-customer')) as string;
  const stepBefore = await first.getAttribute('data-step');

  await first.getByRole('button', { name: 'Marquer comme fait' }).click();
  await first.getByLabel('N° de LRAR').fill('1A 234 567 8901 2');
  await first.getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');
  // Done today: the customer now waits for the minimum delay before the next step.
  await expect(worklist.locator(`[data-testid="action"][data-customer="${customer}"]`)).toHaveCount(0);
  await expect(page.getByTestId('waiting')).toContainText(customer);

  await app.reload();
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('historique');
  await expect(page.getByTestId('history').locator('summary')).toContainText('(1)');
  await app.go('relances');
  await expect(page.getByTestId('waiting')).toContainText(customer);

  // Nine days later the customer has moved on to a later step.
  await app.open('2026-01-09');
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('relances');
  const later = worklist.locator(`[data-testid="action"][data-customer="${customer}"]`);
  await expect(later).toBeVisible();
  const order = ['rappel', 'relance', 'mise_en_demeure', 'injonction_de_payer'];
  expect(order.indexOf((await later.getAttribute('data-step')) as string)).toBe(order.indexOf(stepBefore as string) + 1);

  // Export, clear storage, import: the same history comes back.
  await app.go('reglages');
  await page.getByTestId('workspace-panel').locator('summary').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('ws-export').click();
  const file = await (await download).path();
  const exported = readFileSync(file, 'utf8');
  expect(JSON.parse(exported).history).toHaveLength(1);
  await page.evaluate(async () => {
    await new Promise<void>((resolve) => {
      const r = indexedDB.deleteDatabase('relance');
      r.onsuccess = r.onerror = r.onblocked = () => resolve();
    });
  });
  await app.reload();
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('historique');
  await expect(page.getByTestId('history').locator('summary')).toContainText('(0)');
  await app.go('reglages');
  // Replacing the current workspace asks first.
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    void d.accept();
  });
  await page.getByTestId('ws-import').setInputFiles({ name: 'ws.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.getByTestId('work-message')).toHaveText('Espace de travail importé.');
  await app.go('historique');
  await expect(page.getByTestId('history').locator('summary')).toContainText('(1)');
  await expect(page.getByTestId('history')).toContainText('1A 234 567 8901 2');
  expect(asked).toContain('Remplacer l’espace de travail actuel');
});

test('a foreign file offered as a workspace is refused and changes nothing', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('reglages');
  await page.getByTestId('ws-import').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
  await expect(page.getByTestId('work-message')).toContainText('pas un espace de travail Relance valide');
});

test('a half-year missing from the rate table is flagged, and the typed rate is kept', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('2026-09-30');
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('relances');
  const alerts = page.getByTestId('alerts');
  await expect(alerts).toContainText('2026-S2');
  await expect(page.getByTestId('worklist')).toContainText('Taux BCE connus jusqu’au 30/06/2026');
  await alerts.getByLabel('MRO 2026-S2').fill('2,15');
  await alerts.getByRole('button', { name: 'Enregistrer le taux' }).click();
  await expect(page.getByTestId('worklist')).not.toContainText('semestre 2026-S2');
});

test('a long worklist is drawn a hundred actions at a time, the rest one click away', async ({ page }) => {
  const cli = JSON.parse(execFileSync(process.execPath, ['--experimental-strip-types', '--no-warnings', 'src/cli/relance.ts', 'analyze', 'samples/pme-3000.xlsx', '--as-of', AS_OF, '--json'], { cwd: root, encoding: 'utf8' }));
  const total = cli.actions.length as number;
  expect(total).toBeGreaterThan(100);
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/pme-3000.xlsx'));
  await app.go('relances');
  const actions = page.getByTestId('worklist').getByTestId('action');
  await expect(actions).toHaveCount(100);
  await page.getByTestId('more-actions').click();
  await expect(actions).toHaveCount(Math.min(200, total));
  if (total <= 200) await expect(page.getByTestId('more-actions')).toHaveCount(0);
});

test('reminders already sent outside Relance, recorded in bulk, move those customers back to the step after them', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('relances');
  const worklist = page.getByTestId('worklist');
  const card = worklist.locator('[data-testid="action"][data-step="mise_en_demeure"]').first();
  const customer = (await card.getAttribute('data-customer')) as string;
  // Folded: the day's actions come first.
  const bulk = page.getByTestId('bulk-record');
  await expect(bulk).not.toHaveAttribute('open', '');
  await bulk.locator('summary').click();
  await bulk.getByLabel('Étape').selectOption('rappel');
  await bulk.getByLabel('Date').fill('2025-12-01');
  await bulk.getByLabel(customer, { exact: true }).check();
  await bulk.getByRole('button', { name: 'Enregistrer pour 1 client' }).click();
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');
  // A rappel thirty days ago: the relance is next, not the mise en demeure.
  await expect(worklist.locator(`[data-testid="action"][data-customer="${customer}"]`)).toHaveAttribute('data-step', 'relance');
  await app.go('historique');
  await expect(page.getByTestId('history')).toContainText('envoyé hors Relance');
});
