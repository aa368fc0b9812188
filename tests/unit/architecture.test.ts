/**
 * The boundaries of ARCHITECTURE.md, checked on the source as a table over every folder of src/:
 * which folders each may import (type-only imports included, since they couple too), which
 * packages, and what it may never touch. A new folder without a row fails the test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte|astro|js)$/.test(n) ? [p] : [];
  });
}

const importsOf = (text: string): { spec: string; isType: boolean; isDynamic: boolean }[] =>
  [...text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => ({ spec: (m[3] ?? m[4]) as string, isType: m[2] !== undefined, isDynamic: m[4] !== undefined }));

const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

type Rule = {
  /** Folders of src/ this one may import at run time. */
  readonly folders: readonly string[];
  /** Folders it may import types from only. */
  readonly typesFrom?: readonly string[];
  /** Packages it may import (statically). */
  readonly packages: readonly string[];
  /** Packages it may load only with import(). */
  readonly lazyPackages?: readonly string[];
  /** No clock, no randomness, no DOM, no I/O. */
  readonly pure?: boolean;
};

const BOUNDARIES: Readonly<Record<string, Rule>> = {
  core: { folders: ['core'], packages: [], pure: true },
  app: { folders: ['core', 'app', 'i18n'], typesFrom: ['import'], packages: [], pure: true },
  import: { folders: ['core', 'import'], packages: ['papaparse'], lazyPackages: ['pdfjs-dist', 'xlsx', 'fflate'], pure: true },
  format: { folders: ['core', 'format'], packages: [] },
  i18n: { folders: ['core', 'format', 'i18n'], packages: [], pure: true },
  output: { folders: ['core', 'format', 'output'], typesFrom: ['app'], packages: ['xlsx', 'fflate', 'jspdf', 'jspdf-autotable', 'dejavu-fonts-ttf', 'node:fs', 'node:module'], lazyPackages: ['chart.js'] },
  worker: { folders: ['core', 'app', 'import', 'output', 'i18n', 'worker'], packages: [] },
  storage: { folders: ['core', 'storage'], packages: ['idb'] },
  ui: { folders: ['core', 'app', 'format', 'i18n', 'storage', 'worker', 'ui'], typesFrom: ['import'], packages: ['svelte'], lazyPackages: ['chart.js', 'fflate'] },
  cli: { folders: ['core', 'app', 'import', 'output', 'i18n', 'cli'], packages: ['node:fs', 'node:path'] },
  pages: { folders: ['ui', 'layouts', 'i18n', 'styles', 'pages'], packages: ['astro'] },
  layouts: { folders: ['i18n', 'styles', 'layouts'], packages: ['astro'] },
  styles: { folders: [], packages: [] },
};

/** Files at the root of src/ (ambient types, the service-worker template) are not a layer. */
const folderOf = (file: string): string | null => {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? (parts[0] as string) : null;
};

describe('module boundaries', () => {
  it('every folder of src/ has a row in the table', () => {
    const folders = readdirSync(src).filter((n) => statSync(join(src, n)).isDirectory());
    expect(folders.filter((f) => BOUNDARIES[f] === undefined)).toEqual([]);
  });

  it('every import follows its folder’s row', () => {
    const bad: string[] = [];
    for (const f of files(src)) {
      const folder = folderOf(f);
      if (folder === null) continue;
      const rule = BOUNDARIES[folder] as Rule;
      const text = stripComments(readFileSync(f, 'utf8'));
      for (const { spec, isType, isDynamic } of importsOf(text)) {
        const where = `${relative(src, f)} imports ${spec}`;
        if (spec.startsWith('.')) {
          const target = folderOf(resolve(dirname(f), spec.replace(/\?.*$/, '')));
          if (target === null) continue;
          const allowed = rule.folders.includes(target) || (isType && (rule.typesFrom ?? []).includes(target));
          if (!allowed) bad.push(where);
        } else {
          const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
          if (isType || pkg.startsWith('astro') || pkg === 'svelte' && folder === 'ui') continue;
          const ok = rule.packages.includes(pkg) || (isDynamic && (rule.lazyPackages ?? []).includes(pkg));
          if (!ok) bad.push(where);
        }
      }
      if (rule.pure) {
        if (/Date\.now\(|new Date\(\s*\)|Math\.random\(/.test(text)) bad.push(`${relative(src, f)} reads the clock or randomness`);
        if (/\b(document|window|localStorage|indexedDB|fetch)\b\s*[.(]/.test(text)) bad.push(`${relative(src, f)} touches the DOM or I/O`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no island parses money or builds a workspace record itself', () => {
    const bad: string[] = [];
    for (const f of files(join(src, 'ui'))) {
      const text = stripComments(readFileSync(f, 'utf8'));
      // Typed amounts go through core's exact parser (parseTypedCents), never Number() on a decimal comma.
      if (/replace\(\s*['"],['"]\s*,\s*['"]\.['"]\s*\)/.test(text)) bad.push(`${relative(src, f)} parses money as a float`);
      if (/history:\s*\[\.\.\.\w+\.history/.test(text) || /statuses:\s*\[\.\.\./.test(text)) bad.push(`${relative(src, f)} builds a workspace record`);
    }
    expect(bad).toEqual([]);
  });
});
