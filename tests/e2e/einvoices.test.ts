/**
 * E-invoices in (issue 18, the import part): a folder's worth of e-invoice files dropped at once
 * (Factur-X PDFs made here, CII and UBL XML, an invoice received from a supplier, a scanned PDF)
 * becomes one ledger with one import report; reloading reopens it. pdf.js loads only now, in the
 * worker: no request leaves the origin.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { strToU8, zipSync } from 'fflate';
import { ciiXml, facturXPdf, ublXml } from '../support/einvoices.ts';
import { pdfText } from './pages/documents.ts';

const AS_OF = '2026-03-31';

test('drop a folder of e-invoices at once: one ledger, one report, the figures; a reload keeps them', async ({ page }) => {
  const app = new AppPage(page);
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('http://localhost') && !r.url().startsWith('http://127.0.0.1') && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outside.push(r.url());
  });
  await app.open(AS_OF);
  const base = { issued: '20260105', due: '20260204', buyerName: 'Boulangerie Lefèvre', buyerSiren: '552100554', ht: '1000.00', ttc: '1200.00', notes: ['Pénalités de retard : trois fois le taux légal', 'Indemnité forfaitaire de 40 €'] };
  const pdf = (buffer: Uint8Array, name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(buffer) });
  const xml = (text: string, name: string) => ({ name, mimeType: 'application/xml', buffer: Buffer.from(text, 'utf8') });
  await page.getByTestId('file-input').setInputFiles([
    pdf(facturXPdf(ciiXml({ ...base, number: 'F-001' })), 'F-001.pdf'),
    xml(ublXml({ ...base, number: 'F-002', buyerName: 'Garage Martin', buyerSiren: '732829320', ht: '250.00', ttc: '300.00' }), 'F-002.xml'),
    xml(ciiXml({ ...base, number: 'AV-001', kind: 'credit', ht: '100.00', ttc: '120.00' }), 'AV-001.xml'),
    xml(ublXml({ ...base, number: 'ACHAT-9', sellerName: 'Papeterie Durand', sellerSiren: '987654321', buyerName: 'Atelier Martin' }), 'achat.xml'),
    pdf(facturXPdf(null), 'scan.pdf'),
  ]);
  await expect(app.tile('receivables')).toContainText('1 380,00');
  await expect(app.report()).toContainText('5 factures électroniques');
  await app.report().locator('summary').first().click();
  await expect(app.report()).toContainText('mises à part');
  await expect(app.report()).toContainText('scan.pdf');
  await app.go('balance');
  await expect(page.getByTestId('aging-table').locator('[data-customer="552100554"]')).toContainText('Boulangerie Lefèvre');
  expect(outside).toEqual([]);

  await page.reload();
  await expect(page.locator('.app[data-ready="true"]')).toBeAttached({ timeout: 30_000 });
  await expect(app.tile('receivables')).toContainText('1 380,00');

  // The statements of account of the two customers, addressed from what the e-invoices say.
  await app.fillProfile();
  await app.go('balance');
  await page.getByTestId('statements-shown').click();
  const link = page.getByTestId('statements-shown-link');
  await expect(link).toBeVisible({ timeout: 30_000 });
  const download = page.waitForEvent('download');
  await link.click();
  const text = await pdfText(readFileSync((await (await download).path()) as string));
  expect(text).toContain('Relevé de compte au 31/03/2026');
  expect(text).toContain('Boulangerie Lefèvre');
  expect(text).toContain('12 RUE DES LILAS');
  expect(text).toContain('Garage Martin');
  expect(text).toContain('1 080,00 €');
  expect(text).toContain('300,00 €');

  // The platform's lifecycle statuses: F-002 "Encaissée" on 20/03 is paid in every figure.
  await app.go('relances');
  const lifecycle = page.getByTestId('lifecycle');
  await lifecycle.locator('summary').click();
  await page.getByTestId('lifecycle-input').setInputFiles({ name: 'statuts.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([{ invoice: 'F-002', status: '212 Encaissée', date: '2026-03-20' }, { invoice: 'F-001', status: 'Déposée', date: '2026-01-05' }]), 'utf8') });
  await expect(page.getByTestId('lifecycle-summary')).toContainText('1 encaissée');
  await page.getByTestId('lifecycle-apply').click();
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');
  await app.go('synthese');
  await expect(app.tile('receivables')).toContainText('1 080,00');
  expect(outside).toEqual([]);
});

test('a zip of e-invoices, as a user makes one of a folder, is read as the invoices it holds', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  const base = { issued: '20260105', due: '20260204', buyerName: 'Boulangerie Lefèvre', buyerSiren: '552100554', ht: '1000.00', ttc: '1200.00' };
  const zip = zipSync({
    'factures/': new Uint8Array(0),
    'factures/F-001.pdf': facturXPdf(ciiXml({ ...base, number: 'F-001' })),
    'factures/F-002.xml': strToU8(ublXml({ ...base, number: 'F-002', buyerName: 'Garage Martin', buyerSiren: '732829320', ht: '250.00', ttc: '300.00' })),
    '__MACOSX/factures/._F-002.xml': new Uint8Array([0, 5, 22, 7]),
  });
  await page.getByTestId('file-input').setInputFiles({ name: 'factures-2026.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await expect(app.tile('receivables')).toContainText('1 500,00');
  await expect(app.report()).toContainText('factures-2026.zip : 2 pièces, 2 clients');
  await expect(app.report().getByTestId('report-format')).toHaveText('factures électroniques (Factur-X, CII, UBL)');
  await app.go('balance');
  await expect(page.getByTestId('aging-table').locator('[data-customer="732829320"]')).toContainText('Garage Martin');
});
