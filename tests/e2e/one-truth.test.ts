/**
 * One truth for every output (issue: application layer): with the invoice-date basis and custom buckets,
 * the screen, the downloaded xlsx and the downloaded audit report show the same buckets and totals as
 * the CLI with the same settings; a cancelled second import leaves the first one working.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { benchInvoices, ledgerCsv } from '../../bench/data.ts';
import { AppPage } from './pages/app-page.ts';
import { cliJson, euro, pdfText, root } from './pages/documents.ts';

const AS_OF = '2025-12-31';

test('the basis and buckets chosen on screen reach the xlsx and the audit report', async ({ page }) => {
  test.setTimeout(90_000);
  const XLSX = await import('xlsx');
  const cli = cliJson('samples/pme-3000.xlsx', '--as-of', AS_OF, '--basis', 'issued', '--buckets', '15,45,90,180');
  expect(Object.keys(cli.aging)).toEqual(['not_due', '1-15', '16-45', '46-90', '91-180', '>180']);
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/pme-3000.xlsx'));
  await expect(app.tile('receivables')).toContainText('€');
  await page.getByLabel('Âge calculé sur').selectOption('issued');
  await page.getByLabel('Tranches (jours)').fill('15, 45, 90, 180');
  await page.getByLabel('Tranches (jours)').dispatchEvent('change');
  await app.go('balance');
  const total = page.getByTestId('aging-total');
  const screen = async () => ((await total.textContent()) ?? '').replace(/[\u202f\u00a0]/g, ' ');
  for (const cents of Object.values(cli.aging)) await expect.poll(screen).toContain(euro(cents));

  const wb = await app.downloadXlsx();
  const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Balance âgée']!, { header: 1, raw: true });
  expect(sheet[0]?.slice(2, 8)).toEqual(['Du jour', '1-15 j', '16-45 j', '46-90 j', '91-180 j', '> 180 j']);
  const totalRow = sheet.find((r) => r[0] === 'TOTAL') ?? [];
  expect(totalRow.slice(2, 8).map((x) => Math.round(Number(x) * 100))).toEqual(Object.values(cli.aging));

  await page.getByTestId('make-report').click();
  await expect(page.getByTestId('letter-download')).toHaveAttribute('download', /^audit-/, { timeout: 30_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('letter-download').click();
  const text = await pdfText(readFileSync(await (await download).path()));
  expect(text).toContain('sur la date de facture, tranches 15, 45, 90, 180 jours');
  for (const title of ['1-15 j', '16-45 j', '91-180 j']) expect(text).toContain(title);
  for (const cents of Object.values(cli.aging)) expect(text).toContain(euro(cents));
});

test('a cancelled second import leaves the first one working', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await expect(app.tile('receivables')).toContainText('€');
  const before = await app.tile('receivables').textContent();
  await page.getByTestId('file-input').setInputFiles({ name: 'grand-livre.csv', mimeType: 'text/csv', buffer: Buffer.from(ledgerCsv(benchInvoices(300_000))) });
  await expect(page.locator('progress')).toBeVisible();
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByRole('alert')).toHaveText('Import annulé.');
  // The first file's figures stay, and the worker answers for it: a new as-of date recomputes them,
  // the worklist and the drill-down still come.
  await expect(app.tile('receivables')).toHaveText(before ?? '');
  await app.setAsOf('2025-11-30');
  await expect(app.tile('receivables')).not.toHaveText(before ?? '');
  await app.go('relances');
  await expect(page.getByTestId('worklist').getByTestId('action').first()).toBeVisible();
  await app.go('balance');
  await page.getByTestId('aging-table').locator('[data-customer]').first().getByRole('rowheader').click();
  await expect(page.getByTestId('drilldown')).toBeVisible();
});
