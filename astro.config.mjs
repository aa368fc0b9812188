// @ts-check
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

/** Serves the sample ledgers of samples/ at /samples/ (one click away on the page). */
function samples() {
  return {
    name: 'relance-samples',
    hooks: {
      'astro:config:setup': () => {
        mkdirSync('public/samples', { recursive: true });
        for (const f of readdirSync('samples')) if (/\.(xlsx|csv|120)$/.test(f)) copyFileSync(`samples/${f}`, `public/samples/${f}`);
      },
    },
  };
}

/**
 * Writes dist/sw.js after the build: a service worker that precaches every built file (pages,
 * lazily loaded chunks, the worker, the embedded fonts, the samples), named by a hash of them all,
 * so that the whole app works offline after one visit. See src/sw-template.js.
 */
function offline() {
  return {
    name: 'relance-offline',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        const files = [];
        const walk = (d) => {
          for (const name of readdirSync(d)) {
            const p = join(d, name);
            if (statSync(p).isDirectory()) walk(p);
            else if (name !== 'sw.js') files.push(p);
          }
        };
        walk(root);
        const hash = createHash('sha256');
        const urls = files.sort().map((p) => {
          hash.update(readFileSync(p));
          const url = '/' + relative(root, p).split(sep).join('/');
          return url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url;
        });
        const template = readFileSync('src/sw-template.js', 'utf8');
        writeFileSync(join(root, 'sw.js'), template.replace('__VERSION__', hash.digest('hex').slice(0, 16)).replace('__URLS__', JSON.stringify(urls)));
      },
    },
  };
}

/**
 * The policy sent as an HTTP header where the host can send one (astro dev and preview here; the
 * `public/_headers` file for Netlify / Cloudflare Pages style hosts). A meta tag cannot reach the
 * workers: their scripts take the policy of their own response, so this header is what keeps them
 * from connecting elsewhere. It restricts nothing the meta CSP allows (no script-src here, so the
 * meta tag's hashes of Astro's inline scripts still apply), and adds frame-ancestors, which only a
 * header can carry.
 */
export const HEADER_CSP = "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

export default defineConfig({
  output: 'static',
  server: { headers: { 'Content-Security-Policy': HEADER_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } },
  integrations: [svelte(), samples(), offline()],
  build: { inlineStylesheets: 'never' },
  // Module workers so that the workers import SheetJS, PapaParse, jsPDF and Chart.js lazily. Their
  // assets named as the page's own, so that the font files the page and the PDF worker use are one file.
  vite: { worker: { format: 'es', rolldownOptions: { output: { assetFileNames: '_astro/[name].[hash][extname]' } } } },
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
