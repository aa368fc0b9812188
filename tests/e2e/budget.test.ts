/** The first page's budget (ARCHITECTURE.md): its JS + CSS, gzipped, at most 60 KB before any file is dropped. */
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const BUDGET_BYTES = 60 * 1024;

test('the first page loads at most 60 KB of JS and CSS (gzip)', async ({ page }) => {
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (r) => {
    const type = r.request().resourceType();
    if (type === 'script' || type === 'stylesheet') bodies.push(r.body());
  });
  await page.goto('/', { waitUntil: 'networkidle' });
  const sizes = (await Promise.all(bodies)).map((b) => gzipSync(b).length);
  expect(sizes.length).toBeGreaterThan(0);
  expect(sizes.reduce((s, n) => s + n, 0)).toBeLessThanOrEqual(BUDGET_BYTES);
});
