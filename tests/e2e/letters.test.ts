import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppPage } from './pages/app-page.ts';

const root = join(import.meta.dirname, '../..');
const AS_OF = '2025-12-31';
const euro = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/[\u202f\u00a0]/g, ' ');

async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) text += (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

test('preview a mise en demeure, download it: a valid PDF with the customer and the total; nothing recorded until confirmed', async ({ page }) => {
  const cli = JSON.parse(execFileSync(process.execPath, ['--experimental-strip-types', '--no-warnings', 'src/cli/relance.ts', 'analyze', 'samples/freelance-2025.xlsx', '--as-of', AS_OF, '--json'], { cwd: root, encoding: 'utf8' }));
  const action = cli.actions.find((a: { step: string }) => a.step === 'mise_en_demeure');
  const extra = cli.penalties.filter((p: { invoice: string }) => action.invoices.includes(p.invoice)).reduce((s: number, p: { interestCents: number; indemnityCents: number }) => s + p.interestCents + p.indemnityCents, 0);

  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  const row = page.locator(`[data-testid="action"][data-customer="${action.customer}"]`);
  await row.getByRole('button', { name: 'Aperçu de la lettre' }).click();
  const preview = page.getByTestId('letter-preview');
  await expect(preview.locator('iframe')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('letter-download').click();
  const bytes = readFileSync(await (await download).path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = await pdfText(bytes);
  expect(text).toContain(action.customer);
  expect(text).toContain('MISE EN DEMEURE DE PAYER');
  expect(text).toContain(euro(action.amountCents + extra));
  await expect(page.getByTestId('history').locator('summary')).toContainText('(0)');
});

test('an injonction de payer pack and a payment-plan proposal come out as PDFs', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  const row = page.locator('[data-testid="action"][data-step="injonction_de_payer"]').first();
  await row.getByRole('button', { name: 'Dossier d’injonction de payer' }).click();
  let download = page.waitForEvent('download');
  await page.getByTestId('letter-download').click();
  let text = await pdfText(readFileSync(await (await download).path()));
  expect(text).toContain('Requête en injonction de payer');
  expect(text).toContain('Cerfa n° 12946');
  // The PDF viewer of the previous preview takes the focus when it loads: bring the button back first.
  await row.getByRole('button', { name: 'Proposer un échéancier' }).scrollIntoViewIfNeeded();
  await row.getByRole('button', { name: 'Proposer un échéancier' }).click();
  await expect(page.getByTestId('letter-download')).toHaveAttribute('download', /echeancier/);
  download = page.waitForEvent('download');
  await page.getByTestId('letter-download').click();
  text = await pdfText(readFileSync(await (await download).path()));
  expect(text).toContain('Proposition d’échéancier de paiement');
});

test('the exports download as a real xlsx that SheetJS reads back', async ({ page }) => {
  const XLSX = await import('xlsx');
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await page.getByTestId('export-data').click();
  const link = page.getByTestId('export-file').first();
  await expect(link).toHaveAttribute('download', /\.xlsx$/);
  const download = page.waitForEvent('download');
  await link.click();
  const wb = XLSX.read(readFileSync(await (await download).path()), { type: 'buffer' });
  expect(wb.SheetNames).toEqual(['Balance âgée', 'Relances', 'Détail des pièces']);
  const cli = JSON.parse(execFileSync(process.execPath, ['--experimental-strip-types', '--no-warnings', 'src/cli/relance.ts', 'analyze', 'samples/freelance-2025.xlsx', '--as-of', AS_OF, '--json'], { cwd: root, encoding: 'utf8' }));
  const rows = XLSX.utils.sheet_to_json<Record<string, number | string>>(wb.Sheets['Balance âgée']!, { raw: true });
  expect(Math.round(Number(rows.find((r) => r['Code client'] === 'TOTAL')?.['Total']) * 100)).toBe(cli.totals.openCents);
});

test('the audit report downloads as a PDF with every section and the receivables figure', async ({ page }) => {
  const cli = JSON.parse(execFileSync(process.execPath, ['--experimental-strip-types', '--no-warnings', 'src/cli/relance.ts', 'analyze', 'samples/pme-3000.xlsx', '--as-of', AS_OF, '--json'], { cwd: root, encoding: 'utf8' }));
  const app = new AppPage(page);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/pme-3000.xlsx'));
  await page.getByTestId('make-report').click();
  await expect(page.getByTestId('letter-download')).toHaveAttribute('download', /^audit-/, { timeout: 30_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('letter-download').click();
  const bytes = readFileSync(await (await download).path());
  // Rendered off the page, in the PDF worker, with the dashboard's Chart.js charts drawn there as images.
  expect(workers.some((u) => /pdf\.worker/.test(u))).toBe(true);
  expect(bytes.toString('latin1')).toContain('/Subtype /Image');
  const text = await pdfText(bytes);
  for (const title of ['Audit des créances clients', 'Périmètre et méthode', 'Indicateurs clés', 'Balance âgée', 'Évolution du DSO', 'Pénalités et indemnités non réclamées', 'Risques de prescription', 'Concentration', 'Qualité des données', 'Recommandations']) expect(text).toContain(title);
  expect(text).toContain(euro(cli.totals.openCents));
});
