/**
 * `npm run relance -- …`: runs the CLI from one ES-module bundle of src/ (esbuild, the packages left
 * in node_modules, the heavy ones still loaded only by the commands that need them), so that Node does
 * not strip the types of a hundred files at every start (0.33 → 0.11 s for `analyze` on a small file).
 * The bundle lives in node_modules/.cache/relance-cli/<stamp>/, the stamp taken from the sources'
 * modification times: any change under src/ builds a fresh one on the next run (about 0.3 s).
 * V8's compile cache for the bundle is kept beside it (`.v8/`): a start after the first does not
 * compile its 0.5 MB of JavaScript again (about 15 ms of the start).
 */
import { enableCompileCache } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The flags `npm run relance` gives Node (package.json's script is checked against them): a young
 * generation of 4 MiB semi-spaces. Node's default lets it grow to tens of MiB of garbage between
 * collections, which was most of the CLI's peak memory on a large file (a 500k-row CSV: 370 → 225 MiB
 * of peak resident memory, in the same time).
 */
export const NODE_FLAGS = ['--max-semi-space-size=4'];
const cache = join(root, 'node_modules', '.cache', 'relance-cli');

/** The newest modification time and the number of files under a folder. */
function stampOf(dir) {
  let newest = 0;
  let count = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        count++;
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  walk(dir);
  return `${Math.floor(newest).toString(36)}-${count}`;
}

export async function cliBundle() {
  const dir = join(cache, stampOf(join(root, 'src')));
  const entry = join(dir, 'relance.mjs');
  if (existsSync(entry)) return entry;
  const { build } = await import('esbuild');
  const tmp = `${dir}.tmp-${process.pid}`;
  await build({
    entryPoints: [join(root, 'src', 'cli', 'relance.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    packages: 'external',
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  // The PDF writer reads its font subsets beside its own module: beside the bundle's chunks here.
  const fonts = join(root, 'src', 'output', 'pdf', 'fonts');
  mkdirSync(join(tmp, 'fonts'));
  for (const f of readdirSync(fonts)) copyFileSync(join(fonts, f), join(tmp, 'fonts', f));
  try {
    renameSync(tmp, dir);
  } catch {
    // Another run built the same bundle meanwhile: use that one.
    rmSync(tmp, { recursive: true, force: true });
  }
  // Bundles of older sources, left by earlier runs (an hour old: no run can still be loading from them).
  for (const old of readdirSync(cache)) {
    const p = join(cache, old);
    if (p !== dir && Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { recursive: true, force: true });
  }
  return entry;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const entry = await cliBundle();
  enableCompileCache?.(join(dirname(entry), '.v8'));
  await import(pathToFileURL(entry).href);
}
