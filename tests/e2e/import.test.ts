import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { benchInvoices, ledgerCsv } from '../../bench/data.ts';
import { AppPage } from './pages/app-page.ts';
import { cliJson } from './pages/documents.ts';

const root = join(import.meta.dirname, '../..');
const AS_OF = '2025-12-31';

/** The CLI's figures for the same file: the page must show the same numbers. */
const cli = (file: string, asOf: string) => cliJson(file, '--as-of', asOf);

/** An amount as the page prints it (fr-FR, with its narrow no-break spaces). */
const euro = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

for (const [name, invoices] of [
  ['freelance-2025.xlsx', 40],
  ['pme-3000.xlsx', 3000],
  ['export-compta.csv', 250],
] as const) {
  test(`dropping ${name} shows the import report and the mapping panel`, async ({ page }) => {
    const app = new AppPage(page);
    await app.open(AS_OF);
    await app.drop(name, readFileSync(join(root, 'samples', name)));
    await expect(app.report()).toBeVisible();
    await expect(page.getByTestId('invoice-count')).toHaveText(new Intl.NumberFormat('fr-FR').format(invoices));
    await expect(page.getByTestId('mapping-panel')).toBeAttached();
    await app.openReport();
    await page.getByTestId('mapping-panel').locator('summary').click();
    await expect(page.getByRole('combobox', { name: 'Champ A' })).toBeVisible();
  });
}

test('applying a mapping keeps the panel the user opened, and says the mapping is remembered', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.drop('export-compta.csv', readFileSync(join(root, 'samples', 'export-compta.csv')));
  await app.openReport();
  const panel = page.getByTestId('mapping-panel');
  await panel.locator('summary').click();
  await panel.getByRole('button', { name: 'Appliquer la correspondance' }).click();
  await expect(panel.getByRole('status')).toHaveText('Correspondance mémorisée pour les fichiers de même mise en page.');
  await expect(panel).toHaveJSProperty('open', true);
  await expect(page.getByRole('combobox', { name: 'Champ A' })).toBeVisible();
});

test('the tiles and the aged balance match the CLI, and move with the as-of date', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/pme-3000.xlsx'));
  const expected = cli('samples/pme-3000.xlsx', AS_OF);
  await expect(app.tile('receivables')).toContainText(euro(expected.totals.openCents));
  await expect(app.tile('overdue')).toContainText(euro(expected.totals.overdueCents));
  await app.go('balance');
  const total = page.getByTestId('aging-total');
  for (const cents of Object.values(expected.aging)) await expect(total).toContainText(euro(cents));

  const later = cli('samples/pme-3000.xlsx', '2025-10-31');
  await app.setAsOf('2025-10-31');
  await expect(app.tile('receivables')).toContainText(euro(later.totals.openCents));
  expect(later.totals.openCents).not.toBe(expected.totals.openCents);
});

test('a CSV of several megabytes, read by the worker a slice at a time, gives the CLI’s figures', async ({ page }) => {
  test.setTimeout(120_000);
  // 40,000 rows in Windows-1252 (≈ 3.4 MB): four pieces of text, the first of them read twice (as UTF-8, then in its code page).
  const dir = mkdtempSync(join(tmpdir(), 'relance-'));
  const file = join(dir, 'grand-livre-40000.csv');
  writeFileSync(file, ledgerCsv(benchInvoices(40_000)));
  expect(statSync(file).size).toBeGreaterThan(3 * 1048576);
  const expected = cli(file, AS_OF);
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(file);
  await expect(page.getByTestId('invoice-count')).toHaveText(new Intl.NumberFormat('fr-FR').format(40_000));
  await expect(app.tile('receivables')).toContainText(euro(expected.totals.openCents));
  await expect(app.tile('overdue')).toContainText(euro(expected.totals.overdueCents));
  await app.go('balance');
  const total = page.getByTestId('aging-total');
  for (const cents of Object.values(expected.aging)) await expect(total).toContainText(euro(cents));
});

test('the aged balance lists customers largest balance first, sorts by name and filters, as the CLI counts them', async ({ page }) => {
  const expected = cli('samples/pme-3000.xlsx', AS_OF) as { customers: { id: string; name: string; openCents: number }[] };
  const byOpen = [...expected.customers].sort((a, b) => b.openCents - a.openCents || (a.id < b.id ? -1 : 1));
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/pme-3000.xlsx'));
  await app.go('balance');
  const rows = page.getByTestId('aging-table').locator('[data-customer]');
  await expect(rows.first()).toHaveAttribute('data-customer', byOpen[0]?.id ?? '');
  await expect(rows.nth(1)).toHaveAttribute('data-customer', byOpen[1]?.id ?? '');
  await expect(rows.first()).toContainText(euro(byOpen[0]?.openCents ?? 0));
  await page.getByRole('columnheader', { name: 'Client' }).click();
  const lower = (c: { name: string }) => c.name.toLocaleLowerCase();
  const byName = [...expected.customers].sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0));
  // The name's button (the rating badge sits beside it in the same cell).
  await expect(rows.first().getByRole('rowheader').getByRole('button')).toHaveText(byName[0]?.name ?? '');
  const wanted = expected.customers.filter((c) => c.name.toLocaleLowerCase().includes('pharmacie'));
  await page.getByTestId('customer-filter').fill('pharmacie');
  await expect(rows).toHaveCount(Math.min(wanted.length, 24));
  for (const row of await rows.all()) await expect(row.getByRole('rowheader')).toContainText('Pharmacie');
});

test('a customer row drills down to its invoices', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('balance');
  const firstRow = page.getByTestId('aging-table').locator('[data-customer]').first();
  await firstRow.getByRole('rowheader').click();
  await expect(page.getByTestId('drilldown')).toBeVisible();
  await expect(page.getByTestId('drilldown').locator('tbody tr').first()).toBeVisible();
});

test('a broken file gets a clear message, not a blank screen', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.drop('garbage.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]));
  await expect(page.getByRole('alert')).toContainText('endommagé');
});

test('the English page speaks English', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF, '/en/');
  await app.pick(join(root, 'samples/export-compta.csv'));
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible();
  await expect(app.tile('receivables')).toContainText('€');
});

test('no request leaves the origin', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  // Every network request (http, https, ws) must go to the site itself. data:, blob: and the
  // browser's own built-in pages (its PDF viewer is a chrome-extension: page) never leave the machine.
  const origin = new URL(baseURL as string).origin;
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (/^(https?|wss?):$/.test(url.protocol) && url.origin !== origin) foreign.push(r.url());
  });
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/pme-3000.xlsx'));
  await expect(app.tile('receivables')).toBeVisible();
  await app.go('balance');
  await page.getByRole('button', { name: 'Afficher les graphiques' }).click();
  await expect(page.locator('canvas').first()).toBeVisible();
  // Letters leave only with the sender's identity (e-mail steps need no postal address).
  await app.fillProfile();
  await page.getByRole('button', { name: 'Toutes les lettres du jour (PDF recto verso)' }).click();
  await expect(page.getByTestId('letter-preview').locator('iframe')).toBeVisible({ timeout: 30_000 });
  // The PDF viewer loading in the preview frame may scroll the page under the pointer: these two
  // buttons get their click event directly (what is tested here is where requests go).
  await app.go('rapport');
  await page.getByTestId('make-report').dispatchEvent('click');
  await expect(page.getByTestId('letter-download')).toHaveAttribute('download', /^audit-/, { timeout: 30_000 });
  await page.getByTestId('export-data').dispatchEvent('click');
  await expect(page.getByTestId('export-file').first()).toBeVisible();
  expect(foreign).toEqual([]);
});

test('several ledgers dropped at once are shown side by side and consolidated', async ({ page }) => {
  const a = cli('samples/pme-3000.xlsx', AS_OF);
  const b = cli('samples/export-compta.csv', AS_OF);
  const app = new AppPage(page);
  await app.open(AS_OF);
  await page.getByTestId('file-input').setInputFiles([join(root, 'samples/pme-3000.xlsx'), join(root, 'samples/export-compta.csv')]);
  await expect(app.tile('receivables')).toContainText(euro(a.totals.openCents + b.totals.openCents));
  await app.go('balance');
  const sources = page.getByTestId('sources');
  await expect(sources).toContainText('pme-3000.xlsx');
  await expect(sources).toContainText('export-compta.csv');
  await expect(sources).toContainText(euro(a.totals.openCents));
  await expect(sources).toContainText(euro(b.totals.openCents));
  await expect(app.tile('receivables')).toContainText(euro(a.totals.openCents + b.totals.openCents));
  await expect(page.getByTestId('import-report')).toHaveCount(2);
});

test('a large file shows a moving progress bar; cancel stops it, and the next file reads normally', async ({ page }) => {
  test.setTimeout(120_000);
  const big = Buffer.from(ledgerCsv(benchInvoices(300_000)));
  const app = new AppPage(page);
  await app.open(AS_OF);
  await page.getByTestId('file-input').setInputFiles({ name: 'grand-livre.csv', mimeType: 'text/csv', buffer: big });
  const bar = page.locator('progress');
  await expect(bar).toBeVisible();
  // The bar moves while the rows become the ledger.
  const seen = new Set<string>();
  await expect
    .poll(async () => {
      const v = await bar.getAttribute('value').catch(() => null);
      if (v !== null) seen.add(v);
      return [...seen].filter((x) => Number(x) > 0.2).length;
    }, { timeout: 60_000, intervals: [20] })
    .toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByRole('alert')).toHaveText('Import annulé.');
  await expect(bar).toHaveCount(0);
  await expect(app.tile('receivables')).toHaveCount(0);
  // A fresh worker reads the next file.
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await expect(app.tile('receivables')).toContainText('€');
});

test('two files with the same name dropped together are both read', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  const one = 'Client;Facture;Échéance;Montant\nACME;F1;01/12/2025;100,00\n';
  const two = 'Client;Facture;Échéance;Montant\nBETA;F2;01/12/2025;250,00\n';
  await page.getByTestId('file-input').setInputFiles([
    { name: 'grand-livre.csv', mimeType: 'text/csv', buffer: Buffer.from(one) },
    { name: 'grand-livre.csv', mimeType: 'text/csv', buffer: Buffer.from(two) },
  ]);
  await expect(app.tile('receivables')).toContainText(euro(35000));
  await app.go('balance');
  const sources = page.getByTestId('sources');
  await expect(sources).toContainText('grand-livre (2).csv');
});

test('a movements file and a report by customer section: the right customers, and the self-check line', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  const movements = cli('samples/mouvements.csv', AS_OF);
  await app.pick(join(root, 'samples/mouvements.csv'));
  await expect(app.tile('receivables')).toContainText(euro(movements.totals.openCents));
  await expect(app.report()).toContainText('Fichier de mouvements');
  const sections = cli('samples/grand-livre-tiers.xlsx', AS_OF);
  await app.pick(join(root, 'samples/grand-livre-tiers.xlsx'));
  await expect(page.getByTestId('self-check').first()).toContainText('Concorde avec le total du fichier');
  await expect(app.tile('receivables')).toContainText(euro(sections.totals.openCents));
  await app.go('balance');
  const table = page.getByTestId('aging-table');
  for (const c of sections.customers.slice(0, 3)) await expect(table).toContainText(c.name);
  await expect(table).not.toContainText('(?)');
});

test('a file of open items only asks for the monthly sales: an unreadable amount is said, typed ones give the DSO', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  const csv = 'Client;N° facture;Date facture;Échéance;Montant TTC\nAlpha;F1;15/11/2025;15/12/2025;1200,00\nBeta;F2;01/10/2025;31/10/2025;600,00\n';
  await app.drop('ouverts.csv', Buffer.from(csv), 'text/csv');
  await expect(app.tile('receivables')).toContainText('1 800,00');
  await app.go('balance');
  const sales = page.getByTestId('typed-sales');
  await sales.getByLabel('2025-12').fill('douze');
  await sales.getByRole('button', { name: 'Calculer le DSO avec ces ventes' }).click();
  await expect(page.getByTestId('sales-refused')).toContainText('2025-12');
  for (const month of ['2025-12', '2025-11', '2025-10']) await sales.getByLabel(month).fill('3 000,00');
  await sales.getByRole('button', { name: 'Calculer le DSO avec ces ventes' }).click();
  await expect(page.getByTestId('sales-refused')).toHaveCount(0);
  // 1,800 € ÷ 9,000 € × 92 days (October to December).
  await expect(app.tile('dso-simple').locator('.value')).toHaveText(/^18,4\s*j$/);
});

test('the charts name their months as people write them and carry their figures as tables', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('balance');
  await page.getByRole('button', { name: 'Afficher les graphiques' }).click();
  await expect(page.getByRole('img', { name: 'Ventes mensuelles et encours' })).toBeVisible();
  const tables = page.getByTestId('chart-data');
  await expect(tables).toHaveCount(4);
  for (const details of await tables.all()) await details.locator('summary').click();
  // The aged balance by bucket: the same figures as the table's total row.
  const totalRow = page.getByTestId('aging-table').getByRole('row').nth(1);
  const notDue = (await totalRow.getByRole('cell').first().textContent())?.trim() as string;
  await expect(tables.nth(0).getByRole('row', { name: /Non échu/ })).toContainText(notDue);
  await expect(tables.nth(3)).toContainText('déc. 2025');
  await expect(tables.nth(3)).not.toContainText('2025-12');
});

test('SheetJS and fflate are loaded only when a workbook comes: a CSV is read without them', async ({ page }) => {
  const sheetJs: string[] = [];
  const fflate: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\/xlsx[-.][\w-]+\.js$/.test(path)) sheetJs.push(r.url());
    // fflate's chunk is named after its browser entry.
    if (/\/browser[-.][\w-]+\.js$/.test(path)) fflate.push(r.url());
  });
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.drop('export-compta.csv', readFileSync(join(root, 'samples/export-compta.csv')));
  await expect(app.report()).toBeVisible();
  expect(sheetJs).toEqual([]);
  expect(fflate).toEqual([]);
  await app.drop('freelance-2025.xlsx', readFileSync(join(root, 'samples/freelance-2025.xlsx')));
  await expect(page.getByTestId('invoice-count')).toHaveText('40');
  expect(sheetJs.length).toBeGreaterThan(0);
  expect(fflate.length).toBeGreaterThan(0);
});

test('dragging a file over the page or opening the file picker starts the analysis worker ahead of the file', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  const analysisWorkers = () => page.workers().filter((w) => w.url().includes('analysis.worker')).length;
  expect(analysisWorkers()).toBe(0);
  const started = page.waitForEvent('worker');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['Client;Facture;Montant\n'], 'a.csv', { type: 'text/csv' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  expect((await started).url()).toContain('analysis.worker');
  expect(analysisWorkers()).toBe(1);
  // The file button: the worker starts while the user picks the file.
  await page.reload();
  await page.getByTestId('file-input').waitFor({ state: 'attached' });
  expect(analysisWorkers()).toBe(0);
  const again = page.waitForEvent('worker');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choisir un fichier…' }).click();
  const picker = await chooser;
  expect((await again).url()).toContain('analysis.worker');
  // The file chosen a moment later is all the analysis holds.
  await page.waitForTimeout(1000);
  await picker.setFiles(join(root, 'samples/freelance-2025.xlsx'));
  await expect(page.getByTestId('invoice-count')).toHaveText('40');
  // The tiles once today's actions are in (they show "…" until the worklist is made).
  const tilesOf = async (p: typeof page) => {
    await expect(p.getByTestId('tiles')).not.toContainText('…');
    return p.getByTestId('tiles').innerText();
  };
  const tiles = await tilesOf(page);
  // The same file read in a page where nothing started ahead: the same figures.
  const cold = new AppPage(await page.context().newPage());
  await cold.open(AS_OF);
  await cold.pick(join(root, 'samples/freelance-2025.xlsx'));
  await expect(cold.page.getByTestId('invoice-count')).toHaveText('40');
  expect(await tilesOf(cold.page)).toBe(tiles);
});
