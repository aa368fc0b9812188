/**
 * Dashboard first: after a drop the summary is on the first screen (tiles, today's first action, the
 * aged balance bar), every view has its own URL that a reload restores, the last analysis reopens
 * after a reload, the aged balance scrolls sideways as one block on a phone, a keyboard alone gets
 * from the file to today's first action, and axe-core finds nothing on any screen.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { root } from './pages/documents.ts';

const AS_OF = '2025-12-31';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function inFirstViewport(page: Page, testid: string, index = 0): Promise<void> {
  const box = await page.getByTestId(testid).nth(index).boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  expect(box, testid).not.toBeNull();
  expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) + Math.min(box?.height ?? 0, 40) <= height, `${testid} at y=${box?.y} in ${height}`).toBe(true);
}

/** axe-core's violations of any impact on the page as it stands. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the page's CSP (rightly) refuses an inline script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const [width, height] of [
  [1366, 768],
  [390, 844],
] as const) {
  test(`at ${width}×${height}, the summary comes first: tiles, today's first action, the aged balance bar`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const app = new AppPage(page);
    await app.open(AS_OF);
    await app.pick(join(root, 'samples/pme-3000.xlsx'));
    await expect(page.getByTestId('today').locator('a').first()).toBeVisible();
    await expect(page.locator('#summary-title')).toBeFocused();
    await expect(page.getByTestId('announce')).toContainText('Analyse prête');
    await inFirstViewport(page, 'tile-receivables');
    await inFirstViewport(page, 'tile-chase');
    await inFirstViewport(page, 'aging-bar');
    await inFirstViewport(page, 'today');
  });
}

test('every view has its own URL, a reload restores it and reopens the last analysis, the header link keeps it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  const receivables = await app.tile('receivables').textContent();
  // The import opens the summary under its own URL, which the back button returns to.
  await expect(page).toHaveURL(/#synthese$/);
  await app.go('balance');
  await expect(page).toHaveURL(/#balance$/);
  await page.goBack();
  await expect(page.getByTestId('views').locator('[data-view="synthese"]')).toHaveAttribute('aria-current', 'page');
  // A view the page opens itself (an action chosen on the summary) is a history entry too.
  await page.getByTestId('today').getByRole('link').first().click();
  await expect(page).toHaveURL(/#relances$/);
  await expect(page.getByTestId('views').locator('[data-view="relances"]')).toHaveAttribute('aria-current', 'page');
  await page.goBack();
  await expect(page.getByTestId('views').locator('[data-view="synthese"]')).toHaveAttribute('aria-current', 'page');
  await app.go('balance');
  await expect(page).toHaveURL(/#balance$/);
  await app.reload();
  await expect(page.getByTestId('views').locator('[data-view="balance"]')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('aging-table')).toBeVisible();
  await expect(page.getByTestId('saved-state')).toContainText('Dernière analyse rouverte (freelance-2025.xlsx');
  await app.go('relances');
  await page.goBack();
  await expect(page.getByTestId('views').locator('[data-view="balance"]')).toHaveAttribute('aria-current', 'page');
  // The header link reloads the page: the analysis comes back.
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  await expect(page.locator('.app[data-ready="true"]')).toBeAttached({ timeout: 30_000 });
  await app.go('synthese');
  await expect(app.tile('receivables')).toHaveText(receivables ?? '');
  // Opting out forgets the files: the next load starts empty.
  await page.getByTestId('keep-last').uncheck();
  await expect(page.getByTestId('last-forgotten')).toBeVisible();
  await app.reload();
  await expect(app.tile('receivables')).toHaveCount(0);
});

test('on a phone the aged balance scrolls sideways as one block, its header aligned with its rows', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await app.go('balance');
  const grid = page.getByTestId('aging-table');
  await grid.evaluate((g) => (g.scrollLeft = 300));
  const x = (locator: ReturnType<Page['locator']>) => locator.evaluate((e) => Math.round(e.getBoundingClientRect().x));
  const head = grid.locator('.head [role="columnheader"]').nth(3);
  const total = grid.getByTestId('aging-total').locator('[role="cell"]').nth(2);
  const row = grid.locator('[data-customer]').first().locator('[role="cell"]').nth(2);
  expect(await grid.evaluate((g) => g.scrollLeft)).toBeGreaterThan(0);
  expect(await x(total)).toBe(await x(head));
  expect(await x(row)).toBe(await x(head));
  // Every view's tab is in sight on the phone's screen (on two lines or three), none off its edge.
  const tabs = await page.getByTestId('views').locator('a').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().right));
  expect(tabs).toHaveLength(7);
  for (const right of tabs) expect(right).toBeLessThanOrEqual(390);
});

test('at 1366 px, balances of tens of millions fit their columns, whose header and total stay on top of the rows', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = new AppPage(page);
  await app.open(AS_OF);
  // 40 customers, an invoice of 987 654,32 € in every bucket: each bucket's total is 39 506 172,80 €.
  const dues = ['15/01/2026', '15/12/2025', '15/11/2025', '15/10/2025', '15/09/2025', '15/06/2025'];
  const lines = ['Client;N° facture;Date facture;Échéance;Montant TTC'];
  for (let c = 1; c <= 40; c++) dues.forEach((due, b) => lines.push(`Société Anonyme des Établissements Numéro ${c};F${c}-${b};01/01/2025;${due};987654,32`));
  await app.drop('grands-montants.csv', Buffer.from(`${lines.join('\n')}\n`), 'text/csv');
  await app.go('balance');
  const grid = page.getByTestId('aging-table');
  const total = grid.getByTestId('aging-total');
  await expect(total).toContainText('39 506 172,80');
  // No sideways scroll at this width, and no amount of the total wider than its cell.
  expect(await grid.evaluate((g) => g.scrollWidth - g.clientWidth)).toBeLessThanOrEqual(0);
  const overflowing = await total.locator('[role="cell"]').evaluateAll((cells) =>
    cells.filter((c) => {
      const r = document.createRange();
      r.selectNodeContents(c);
      return r.getBoundingClientRect().width > c.getBoundingClientRect().width + 0.5;
    }).length,
  );
  expect(overflowing).toBe(0);
  // A long name is cut with an ellipsis inside its column, not over the amounts.
  const name = grid.locator('[data-customer]').first().getByRole('rowheader');
  expect(await name.evaluate((n) => n.scrollWidth <= n.clientWidth + 0.5 || getComputedStyle(n).textOverflow === 'ellipsis')).toBe(true);
  const right = (locator: ReturnType<Page['locator']>) => locator.evaluate((e) => Math.round(e.getBoundingClientRect().right));
  const headOpen = grid.locator('.head [role="columnheader"]').nth(7);
  const rowOpen = grid.locator('[data-customer]').first().locator('[role="cell"]').nth(6);
  expect(await right(rowOpen)).toBe(await right(headOpen));
  expect(await right(total.locator('[role="cell"]').nth(6))).toBe(await right(headOpen));
  // Scrolled down, the header and the total stay at the top of the table, aligned with the rows under them.
  const top = async (locator: ReturnType<Page['locator']>) => locator.evaluate((e) => Math.round(e.getBoundingClientRect().top));
  const gridTop = await top(grid);
  await grid.evaluate((g) => (g.scrollTop = 600));
  await expect(grid.locator('[data-customer]').first()).not.toHaveAttribute('data-customer', 'Société Anonyme des Établissements Numéro 1');
  expect((await top(grid.locator('.head'))) - gridTop).toBeLessThanOrEqual(1);
  expect(await right(grid.locator('[data-customer]').last().locator('[role="cell"]').nth(6))).toBe(await right(headOpen));
  // The summary's tiles hold their figures ("237 037 036,80 €") inside their borders.
  await app.go('synthese');
  await expect(app.tile('receivables')).toContainText('237 037 036,80');
  const spilling = await page.locator('.tile .value').evaluateAll((values) => values.filter((v) => v.scrollWidth > v.clientWidth + 0.5).map((v) => v.textContent));
  expect(spilling).toEqual([]);
  // On a phone, the aged balance's legend wraps onto more lines: every bucket's amount in sight, none
  // running into the next, nothing to scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const legend = page.getByTestId('aging-legend');
  await expect(legend).toContainText('39 506 172,80');
  const entries = await legend.locator(':scope > div').evaluateAll((divs) => divs.map((d) => d.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top })));
  expect(entries).toHaveLength(6);
  for (const e of entries) expect(e.right).toBeLessThanOrEqual(390);
  expect(new Set(entries.map((e) => Math.round(e.top))).size).toBeGreaterThan(1);
  for (const [i, e] of entries.entries()) {
    const next = entries[i + 1];
    if (next && Math.round(next.top) === Math.round(e.top)) expect(next.left).toBeGreaterThanOrEqual(e.right);
  }
  expect(await legend.evaluate((l) => l.scrollWidth - l.clientWidth)).toBeLessThanOrEqual(0);
});

test('at 390 px no view runs past the screen’s edge, its folded panels opened: wide tables scroll in their own box', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new AppPage(page);
  await app.open(AS_OF);
  await app.pick(join(root, 'samples/pme-3000.xlsx'));
  for (const view of ['synthese', 'balance', 'relances', 'prevision', 'historique', 'rapport', 'reglages'] as const) {
    await app.go(view);
    if (view === 'prevision') await expect(page.getByTestId('forecast-table')).toBeVisible({ timeout: 30_000 });
    await page.evaluate(() => document.querySelectorAll('details:not([open])').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    // Elements wider than the screen, outside a box that scrolls or clips them.
    const past = await page.evaluate(() => {
      const inBox = (e: Element) => {
        for (let p = e.parentElement; p; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
        return false;
      };
      return [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !inBox(e))
        .map((e) => `${e.tagName.toLowerCase()} "${(e.textContent ?? '').trim().slice(0, 40)}"`)
        .slice(0, 5);
    });
    expect(past, view).toEqual([]);
  }
});

test('a keyboard alone imports a sample and marks today’s first action as done', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  // Listened for before the first key: Playwright turns file-chooser interception on asynchronously.
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Tab'); // the skip link
  let guard = 0;
  const chooseButton = page.getByRole('button', { name: 'Choisir un fichier…' });
  do await page.keyboard.press('Tab');
  while (!(await chooseButton.evaluate((e) => e === document.activeElement)) && guard++ < 10);
  expect(guard, 'the file button is among the first stops').toBeLessThan(10);
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(join(root, 'samples/freelance-2025.xlsx'));
  await expect(page.locator('#summary-title')).toBeFocused();
  // From the summary, today's first action (computed after the figures) is among the next stops.
  const first = page.getByTestId('today').locator('a').first();
  await expect(first).toBeVisible();
  let stops = 0;
  let reached = false;
  while (!reached && stops < 5) {
    await page.keyboard.press('Tab');
    stops++;
    reached = await first.evaluate((e) => e === document.activeElement);
  }
  expect(reached, `today's first action within ${stops} stops`).toBe(true);
  const customer = (await first.getAttribute('data-customer')) as string;
  await page.keyboard.press('Enter');
  const card = page.locator(`[data-testid="action"][data-customer="${customer}"]`);
  await expect(card.getByRole('button').first()).toBeFocused();
  while (!(await card.getByRole('button', { name: 'Marquer comme fait' }).evaluate((e) => e === document.activeElement))) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(card.getByLabel('Date')).toBeFocused();
  while (!(await card.getByRole('button', { name: 'Confirmer' }).evaluate((e) => e === document.activeElement))) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('work-message')).toHaveText('Enregistré.');
});

test('axe-core finds no violation: start page, summary, balance with its drill-down and charts, worklist with a form, letter preview, settings', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AS_OF);
  expect(await axeViolations(page)).toEqual([]);
  await app.pick(join(root, 'samples/freelance-2025.xlsx'));
  await expect(app.tile('receivables')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await app.go('balance');
  await page.getByTestId('aging-table').locator('[data-customer]').first().getByRole('rowheader').click();
  await expect(page.getByTestId('drilldown')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Afficher les graphiques' }).click();
  await page.getByTestId('chart-data').first().locator('summary').click();
  await expect(page.getByTestId('chart-data').first().getByRole('table')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await app.fillProfile();
  const first = page.getByTestId('worklist').getByTestId('action').first();
  await first.getByRole('button', { name: 'Marquer comme fait' }).click();
  expect(await axeViolations(page)).toEqual([]);
  await first.getByRole('button', { name: 'Annuler' }).click();
  await page.getByRole('button', { name: 'Toutes les lettres du jour (PDF recto verso)' }).click();
  await expect(page.getByTestId('letter-preview').locator('iframe')).toBeVisible({ timeout: 30_000 });
  expect(await axeViolations(page)).toEqual([]);
  // The settings view, its panels open (default settings, policy, profile, envelopes), with the envelope test sheet's preview.
  await app.go('reglages');
  await page.getByTestId('worklist').evaluate((w) => w.querySelectorAll('details:not([open])').forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await page.getByTestId('test-sheet').click();
  await expect(page.getByTestId('letter-preview').locator('iframe')).toBeVisible({ timeout: 30_000 });
  expect(await axeViolations(page)).toEqual([]);
});

test('screenshots of every view, French, English and phone, for review (test-results/screens, not committed)', async ({ page }) => {
  test.setTimeout(90_000);
  const views = ['synthese', 'balance', 'relances', 'prevision', 'historique', 'rapport', 'reglages'] as const;
  for (const [lang, path, width, height] of [
    ['fr', '/', 1366, 768],
    ['en', '/en/', 1366, 768],
    ['fr-mobile', '/', 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    const app = new AppPage(page);
    await app.open(AS_OF, path);
    await app.pick(join(root, 'samples/pme-3000.xlsx'));
    await expect(page.getByTestId('summary')).toBeVisible();
    for (const v of views) {
      // The last analysis of the previous language may still be reopening: click until the view is current.
      await expect(async () => {
        await page.getByTestId('views').locator(`[data-view="${v}"]`).click();
        await expect(page.getByTestId('views').locator(`[data-view="${v}"]`)).toHaveAttribute('aria-current', 'page', { timeout: 1000 });
      }).toPass({ timeout: 15_000 });
      await page.screenshot({ path: join(root, 'test-results', 'screens', `${lang}-${v}.png`), fullPage: false });
    }
  }
});
