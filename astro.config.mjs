// @ts-check
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

/** Serves the sample ledgers of samples/ at /samples/ (one click away on the page). */
function samples() {
  return {
    name: 'relance-samples',
    hooks: {
      'astro:config:setup': () => {
        mkdirSync('public/samples', { recursive: true });
        for (const f of readdirSync('samples')) if (/\.(xlsx|csv)$/.test(f)) copyFileSync(`samples/${f}`, `public/samples/${f}`);
      },
    },
  };
}

export default defineConfig({
  output: 'static',
  integrations: [svelte(), samples()],
  build: { inlineStylesheets: 'never' },
  // Module workers so that the analysis worker can import SheetJS and PapaParse lazily.
  vite: { worker: { format: 'es' } },
  devToolbar: { enabled: false },
  markdown: { syntaxHighlight: false },
  security: {
    // A meta CSP with hashes for Astro's own inline scripts; nothing may connect elsewhere.
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "worker-src 'self' blob:",
        // The letter preview shows the PDF made in the page from a blob: URL.
        "frame-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
      ],
    },
  },
});
