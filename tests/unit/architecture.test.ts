/** The boundaries of ARCHITECTURE.md, checked on the source: src/core stays pure. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte|astro)$/.test(n) ? [p] : [];
  });
}

const importsOf = (text: string): string[] => [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2]) as string);

describe('module boundaries', () => {
  it('src/core imports only src/core, and never reads the clock or randomness', () => {
    const bad: string[] = [];
    for (const f of files(join(src, 'core'))) {
      // Comments may speak of "the window (k)"; only code counts.
      const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
      for (const spec of importsOf(text)) {
        const target = spec.startsWith('.') ? resolve(dirname(f), spec) : spec;
        if (!target.startsWith(join(src, 'core'))) bad.push(`${relative(src, f)} imports ${spec}`);
      }
      if (/Date\.now\(|new Date\(\s*\)|Math\.random\(/.test(text)) bad.push(`${relative(src, f)} reads the clock or randomness`);
      if (/\b(document|window|localStorage|indexedDB|fetch)\b\s*[.(]/.test(text)) bad.push(`${relative(src, f)} touches the DOM or I/O`);
    }
    expect(bad).toEqual([]);
  });

  it('src/import never imports the UI, the worker, storage or PDF code', () => {
    const bad: string[] = [];
    for (const f of files(join(src, 'import'))) {
      for (const spec of importsOf(readFileSync(f, 'utf8'))) {
        if (/\/(ui|worker|storage|letters|report)\//.test(spec) || /^(jspdf|chart\.js|idb|svelte)/.test(spec)) bad.push(`${relative(src, f)} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('UI code loads the heavy libraries only through dynamic import()', () => {
    const bad: string[] = [];
    for (const f of files(join(src, 'ui')).concat(files(join(src, 'pages')))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^\s*import\s(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        const spec = m[1] as string;
        if (/^(xlsx|papaparse|jspdf|jspdf-autotable|chart\.js)/.test(spec) || /\/import\//.test(spec)) bad.push(`${relative(src, f)} statically imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
