import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { cliJson, euro, pdfText, root } from './pages/documents.ts';

const AS_OF = '2025-12-31';

test('preview a mise en demeure, download it: a valid PDF with the customer and the total; nothing recorded until confirmed', async ({ page }) => {
  const cli = cliJson('samples/freelance-2025.xlsx', '--as-of', AS_OF);
  const action = cli.actions.find((a) => a.step === 'mise_en_demeure');
  if (!action) throw new Error('the sample has no mise en demeure');
  const extra = cli.penalties.filter((p) => action.invoices.includes(p.invoice)).reduce((s, p) => s + p.interestCents + p.indemnityCents, 0);

  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('relances');
  const row = page.locator(`[data-testid="action"][data-customer="${action.customer}"]`);
  // No document without its creditor: the profile form opens on what is missing.
  await row.getByRole('button', { name: 'Aperçu de la lettre' }).click();
  await expect(page.getByTestId('profile-form')).toBeVisible();
  await expect(page.getByTestId('profile-form').getByRole('alert')).toContainText('le SIREN du créancier');
  await expect(page.getByTestId('profile-form').getByLabel('Société')).toBeFocused();
  await expect(page.getByTestId('letter-preview')).toHaveCount(0);
  await app.fillProfile();
  // Nor without the debtor's postal address: the customer's form opens.
  await row.getByRole('button', { name: 'Aperçu de la lettre' }).click();
  await expect(page.getByTestId('work-message')).toContainText('l’adresse postale du débiteur');
  await expect(row.getByLabel('Adresse postale du client')).toBeVisible();
  await row.getByLabel('Adresse postale du client').fill('Service comptabilité\nBâtiment B, résidence les Tilleuls\n18 boulevard des Belges prolongé jusqu’au quai\n69006 Lyon');
  await row.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');
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
  // The identity filled in, and the postcode line of a long address never cut.
  for (const part of ['Atelier Martin', 'SARL au capital de 10 000 €', 'SIREN 123 456 789', 'Claire Martin, gérante', '69006 LYON']) expect(text).toContain(part);
  expect(text).toContain(euro(action.amountCents + extra));
  await app.go('historique');
  await expect(page.getByTestId('history').locator('summary')).toContainText('(0)');
});

test('an injonction de payer pack and a payment-plan proposal come out as PDFs', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.fillProfile();
  // Court comes only after a recorded mise en demeure whose deadline has passed: record one first.
  const cli = cliJson('samples/freelance-2025.xlsx', '--as-of', AS_OF);
  const late = new Map<string, number>();
  for (const p of cli.penalties) late.set(p.customer, Math.max(late.get(p.customer) ?? 0, p.daysLate));
  const target = cli.actions.find((a) => a.step === 'mise_en_demeure' && (late.get(a.customer) ?? 0) >= 45)?.customer ?? '';
  expect(target).not.toBe('');
  await expect(page.locator('[data-testid="action"][data-step="injonction_de_payer"]')).toHaveCount(0);
  const notice = page.locator(`[data-testid="action"][data-customer="${target}"]`);
  await notice.getByRole('button', { name: 'Marquer comme fait' }).click();
  await notice.getByLabel('Date').fill('2025-12-15');
  await notice.getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');
  const row = page.locator(`[data-testid="action"][data-step="injonction_de_payer"][data-customer="${target}"]`);
  await app.setAddress(target, '18 rue de la République\n69002 Lyon');
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
  // "Print all" is what goes in the post: no court pack; the packs are a separate download.
  await page.getByRole('button', { name: 'Toutes les lettres du jour (PDF recto verso)' }).click();
  await expect(page.getByTestId('letter-download')).toHaveAttribute('download', /-lettres\.pdf$/, { timeout: 30_000 });
  download = page.waitForEvent('download');
  await page.getByTestId('letter-download').click();
  text = await pdfText(readFileSync(await (await download).path()));
  expect(text).not.toContain('Requête en injonction de payer');
  await page.getByTestId('packs').click();
  await expect(page.getByTestId('letter-download')).toHaveAttribute('download', /dossiers-injonction\.pdf$/, { timeout: 30_000 });
  download = page.waitForEvent('download');
  await page.getByTestId('letter-download').click();
  text = await pdfText(readFileSync(await (await download).path()));
  expect(text).toContain('Requête en injonction de payer');
});

test('the exports download as a real xlsx that SheetJS reads back', async ({ page }) => {
  const XLSX = await import('xlsx');
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  const wb = await app.downloadXlsx();
  expect(wb.SheetNames).toEqual(['Balance âgée', 'Relances', 'Détail des pièces', 'Prévision']);
  const cli = cliJson('samples/freelance-2025.xlsx', '--as-of', AS_OF);
  const rows = XLSX.utils.sheet_to_json<Record<string, number | string>>(wb.Sheets['Balance âgée']!, { raw: true });
  expect(Math.round(Number(rows.find((r) => r['Code client'] === 'TOTAL')?.['Total']) * 100)).toBe(cli.totals.openCents);
});

test('the audit report downloads as a PDF with every section and the receivables figure', async ({ page }) => {
  const cli = cliJson('samples/pme-3000.xlsx', '--as-of', AS_OF);
  const app = new AppPage(page);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/pme-3000.xlsx'));
  await app.go('rapport');
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

test('the envelope setting: a test sheet for a left-hand window, the setting kept after a reload', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.fillProfile();
  await app.go('reglages');
  // The settings panel opens folded.
  await page.getByTestId('workspace-panel').locator('summary').click();
  const form = page.getByTestId('envelope-form');
  await form.getByLabel('Fenêtre de vos enveloppes').selectOption('left');
  await form.getByLabel('Décalage de l’adresse, horizontal (mm, + vers la droite)').fill('2.5');
  await form.getByLabel('Repères de pliage sur les lettres').check();
  await form.getByRole('button', { name: 'Enregistrer et imprimer une feuille de test (PDF)' }).click();
  const preview = page.getByTestId('letter-preview');
  await expect(preview.locator('iframe')).toBeVisible({ timeout: 30_000 });
  await expect(preview).not.toContainText('confirmez l’envoi');
  const download = page.waitForEvent('download');
  await page.getByTestId('letter-download').click();
  const text = await pdfText(readFileSync(await (await download).path()));
  for (const part of ['Feuille de test – enveloppe à fenêtre', 'Fenêtre à gauche (DIN 5008)', '+2,5 mm horizontal', 'SOCIÉTÉ DESTINATAIRE', 'Atelier Martin']) expect(text).toContain(part);
  await app.reload();
  await app.go('reglages');
  await page.getByTestId('workspace-panel').locator('summary').click();
  await expect(form.getByLabel('Fenêtre de vos enveloppes')).toHaveValue('left');
  await expect(form.getByLabel('Décalage de l’adresse, horizontal (mm, + vers la droite)')).toHaveValue('2.5');
  await expect(form.getByLabel('Repères de pliage sur les lettres')).toBeChecked();
});
