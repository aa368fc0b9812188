/**
 * Finds a Chromium for the browser tests and the benchmark: $RELANCE_CHROMIUM or $CHROME_PATH,
 * then the system's, then Playwright's own download (undefined: let Playwright launch its own);
 * with none, one line saying what to install.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export function findChromium(): string | undefined {
  const candidates = [process.env.RELANCE_CHROMIUM, process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined;
  } catch {
    // no bundled browser
  }
  throw new Error('No Chromium found: install one (Debian: apt-get install -y chromium) or set RELANCE_CHROMIUM=/path/to/chrome.');
}

/** Headless flags for a closed network: no background connections, no GPU, no sandbox (root in CI). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
