/**
 * End-to-end tests against the built site (astro build, then astro preview), in Chromium.
 * The browser is found by itself: $RELANCE_CHROMIUM or $CHROME_PATH, then the system Chromium,
 * then Playwright's own download; with none, the run stops with a one-line instruction.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/chromium.ts';

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
      args: CHROMIUM_ARGS,
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
