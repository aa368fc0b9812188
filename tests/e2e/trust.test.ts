import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { xlsx } from '../support/hostile-files.ts';
import { AppPage } from './pages/app-page.ts';

const root = join(import.meta.dirname, '../..');
const AS_OF = '2025-12-31';

test('two tabs: the second save is refused with a message, and nothing of the first is lost', async ({ page, context }) => {
  const a = new AppPage(page);
  await a.open(AS_OF);
  await a.pick(join(root, 'samples/freelance-2025.xlsx'));
  await a.go('relances');
  const other = await context.newPage();
  const b = new AppPage(other);
  await b.open(AS_OF);
  await b.pick(join(root, 'samples/freelance-2025.xlsx'));
  await b.go('relances');

  const firstA = page.getByTestId('worklist').getByTestId('action').first();
  await firstA.getByRole('button', { name: 'Marquer comme fait' }).click();
  await firstA.getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');

  const lastB = other.getByTestId('worklist').getByTestId('action').last();
  await lastB.getByRole('button', { name: 'Marquer comme fait' }).click();
  await lastB.getByRole('button', { name: 'Confirmer' }).click();
  await expect(other.getByTestId('work-message')).toContainText('Un autre onglet a modifié l’espace de travail');
  await b.go('historique');
  await expect(other.getByTestId('history').locator('summary')).toContainText('(1)');
  await b.go('relances');
  // Redone after the reload, the second change is kept too.
  const again = other.getByTestId('worklist').getByTestId('action').last();
  await again.getByRole('button', { name: 'Marquer comme fait' }).click();
  await again.getByRole('button', { name: 'Confirmer' }).click();
  await expect(other.getByTestId('work-message')).toHaveText('Enregistré.');
  await b.go('historique');
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
  await expect(page.getByTestId('summary')).toContainText('<img src=x onerror=alert(1)>');
  await app.go('balance');
  await expect(page.getByTestId('aging-table')).toContainText('<img src=x onerror=alert(1)>');
  await app.go('relances');
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
  // Tiny workbooks that used to exhaust the tab: a cell at column ZZZZZZ, a row numbered 2,000,000,000.
  await app.drop('zzz.xlsx', Buffer.from(xlsx('<row r="3"><c r="ZZZZZZ3"><v>1</v></c></row>')));
  await expect(page.getByTestId('import-report')).toContainText('ZZZZZZ3', { timeout: 15_000 });
  await app.drop('rows.xlsx', Buffer.from(xlsx('<row r="2000000000"><c><v>1</v></c></row>')));
  await expect(page.getByTestId('import-report')).toContainText('2000000000', { timeout: 15_000 });
  await app.pick(join(root, 'samples/export-compta.csv'));
  await expect(app.tile('receivables')).toContainText('€');
});

test('a worker cannot reach another origin: its own policy refuses, and its script carries the CSP header', async ({ page }) => {
  let hits = 0;
  const other = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'access-control-allow-origin': '*' }).end('leaked');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(other.address() as AddressInfo).port}/collect`;
  const workerHeaders: string[] = [];
  page.on('response', (r) => {
    if (/\.worker.*\.js$/.test(new URL(r.url()).pathname)) workerHeaders.push(r.headers()['content-security-policy'] ?? '');
  });
  try {
    const app = new AppPage(page);
    await app.open(AS_OF);
    const worker = page.waitForEvent('worker');
    await app.pick(join(root, 'samples/freelance-2025.xlsx'));
    await expect(app.tile('receivables')).toContainText('€');
    const w = await worker;
    const attempts = await w.evaluate(async (url) => {
      const out: string[] = [];
      try {
        await fetch(url);
        out.push('fetch reached');
      } catch (e) {
        out.push(`fetch: ${String(e)}`);
      }
      try {
        const x = new XMLHttpRequest();
        x.open('GET', url, false);
        x.send();
        out.push('xhr reached');
      } catch (e) {
        out.push(`xhr: ${String(e)}`);
      }
      out.push(`WebSocket: ${typeof (self as unknown as { WebSocket?: unknown }).WebSocket}`);
      return out;
    }, target);
    expect(attempts.filter((a) => a.includes('reached'))).toEqual([]);
    expect(attempts).toContain('WebSocket: undefined');
    expect(hits).toBe(0);
    expect(workerHeaders.length).toBeGreaterThan(0);
    for (const h of workerHeaders) expect(h).toContain("connect-src 'self'");
  } finally {
    other.close();
  }
});
