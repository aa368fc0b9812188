/**
 * End-to-end tests against the built site (astro build, then astro preview), in Chromium.
 * The browser is found by itself: $RELANCE_CHROMIUM or $CHROME_PATH, then the system Chromium,
 * then Playwright's own download; with none, the run stops with a one-line instruction.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { chromium } from '@playwright/test';

function findChromium(): string | undefined {
  const candidates = [process.env.RELANCE_CHROMIUM, process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined; // Playwright's own browser: let it launch as usual.
  } catch {
    // no bundled browser
  }
  throw new Error('No Chromium found: install one (Debian: apt-get install -y chromium) or set RELANCE_CHROMIUM=/path/to/chrome.');
}

const executablePath = findChromium();
const PORT = 4329;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.test.ts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    acceptDownloads: true,
  },
  webServer: {
    command: `npx astro preview --host 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
