/**
 * Who will pay, and when (issue 16): a ledger with two years of payment history gives every
 * customer an A–D rating (aged balance, customer panel, worklist), the Prévision view draws the
 * 13-week forecast with its table (Σ = the receivables), the backtest panel says how reliable the
 * prediction was on the file's own past, and the worklist sorts by expected loss. A file with too
 * little history says so instead of printing a number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { cliCommand, euro, root } from './pages/documents.ts';

const AS_OF = '2025-12-31';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

test('ratings, the forecast chart and table, the backtest panel, the worklist by expected loss', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/historique-paiements.csv'));
  await expect(app.tile('receivables')).toBeVisible();

  // The aged balance: ratings beside the names, the customer panel says why and predicts each open item.
  await app.go('balance');
  await expect(page.getByTestId('aging-table').getByTestId('rating').first()).toHaveText(/^[ABCD]$/);
  await page.getByTestId('aging-table').locator('[data-customer]').first().getByRole('rowheader').getByRole('button').click();
  await expect(page.getByTestId('behaviour')).toContainText(/Payé en moyenne|Aucune facture réglée/);
  await expect(page.getByTestId('drilldown').locator('tbody tr').first()).toContainText('%');

  // The forecast: the chart is drawn, the table's weeks + later + doubtful = the receivables.
  await app.go('prevision');
  await expect(page.getByTestId('forecast-chart').locator('canvas')).toBeVisible();
  await expect.poll(() => page.getByTestId('forecast-chart').locator('canvas').evaluate((c: HTMLCanvasElement) => c.width > 0)).toBe(true);
  const json = cliCommand('forecast', 'samples/historique-paiements.csv', AS_OF) as { weeks: { expectedCents: number }[]; laterCents: number; doubtfulCents: number };
  const rows = page.getByTestId('forecast-table').locator('tbody tr');
  await expect(rows).toHaveCount(16);
  for (const [i, w] of json.weeks.entries()) await expect(rows.nth(i).locator('td').first()).toHaveText(euro(w.expectedCents));
  const receivables = ((await app.tile('forecast-weeks').locator('.sub').textContent()) ?? '').replace(/[\u202f\u00a0]/g, ' ');
  const total = json.weeks.reduce((s, w) => s + w.expectedCents, 0) + json.laterCents + json.doubtfulCents;
  expect(receivables).toContain(euro(total));
  await expect(rows.last().locator('td').first()).toHaveText(euro(total));

  // The backtest panel: an AUC with its words, the date error against the baseline, past weeks.
  await expect(page.getByTestId('backtest-auc')).toContainText(/^0,\d\d — /);
  await expect(page.getByTestId('backtest-mae')).toContainText('jours, contre');
  await expect(page.getByTestId('weekly-backtest')).toContainText('en se fiant aux échéances');
  await expect(page.getByTestId('ratings-table').locator('tbody tr')).toHaveCount(5);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string }[] }> } }).axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => v.id));
  expect(violations).toEqual([]);

  // The thresholds are the user's: at 100/200/300 days every customer with a history is rated A.
  await page.getByTestId('ratings').fill('100, 200, 300');
  await page.getByTestId('ratings').press('Enter');
  await page.getByTestId('ratings').blur();
  for (const k of [1, 2, 3]) await expect(page.getByTestId('ratings-table').locator('tbody tr').nth(k).locator('td').first()).toHaveText('0');
  await expect(page.getByTestId('ratings-table').locator('tbody tr').first().locator('td').first()).not.toHaveText('0');
  await page.getByTestId('ratings').fill('5, 15, 45');
  await page.getByTestId('ratings').blur();

  // The worklist: ratings on the cards, sorted by expected loss on request (largest first).
  await app.go('relances');
  await expect(page.getByTestId('action').first().getByTestId('action-rating')).toHaveText(/^[ABCD]$/);
  await page.getByTestId('work-sort').selectOption('expectedLoss');
  const losses = page.getByTestId('action').getByTestId('action-loss');
  await expect(losses.first()).toBeVisible();
  const amounts = (await losses.allTextContents()).slice(0, 5).map((s) => Number(s.replace(/[^\d,]/g, '').replace(',', '.')));
  expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
});

test('a file with too little history says the backtest cannot tell, rather than print a number', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await expect(app.tile('receivables')).toBeVisible();
  await app.go('prevision');
  await expect(page.getByTestId('backtest-none')).toBeVisible();
  await expect(page.getByTestId('backtest-auc')).toHaveCount(0);
  await expect(page.getByTestId('forecast-table')).toBeVisible();
});

const IBM = join(root, '../shared/samples/real/receivables/ibm-watson-ar/pedroteles/WA_Fn-UseC_-Accounts-Receivable.csv');

test('the backtest panel says what the model read from the file besides the history (IBM export: disputes, sending channel)', async ({ page }) => {
  test.skip(!existsSync(IBM), '../shared/samples/real is absent');
  const app = new AppPage(page);
  await app.open('2014-01-31');
  await app.pick(IBM);
  await expect(app.tile('receivables')).toBeVisible();
  await app.go('prevision');
  await expect(page.getByTestId('backtest-signals')).toHaveText('Outre l’historique de paiement de chaque client, le modèle lit dans le fichier le litige et le canal d’envoi (papier ou facture électronique).');
  await expect(page.getByTestId('backtest-auc')).toContainText(/^0,9\d — /);
});
