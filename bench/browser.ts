/**
 * Chromium half of `npm run bench`, against the built site (dist/): for each file, drop-to-dashboard
 * and drop-to-worklist (User Timing marks the page sets), the longest main-thread task while it
 * works (PerformanceObserver 'longtask': tasks under 50 ms are not reported), the tab's peak memory
 * (resident size of its renderer process, which holds the page and its workers, sampled every 100 ms,
 * minus the same before the user opens the file picker) and a recompute at another as-of date. Also
 * the first page's JS + CSS, gzipped.
 *
 * The file goes in as a user's does: the picker is opened (which starts the analysis worker and
 * loads the views, as dragging a file over the page does), the file is chosen a second later, and
 * the times run from that choice. As many runs again set the file on the input directly, with no
 * picker: the worker and the views start at the drop ("cold").
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type CDPSession } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium.ts';
import { serveDist } from '../tests/support/serve-dist.ts';
import { BENCH_AS_OF, DATA_DIR, type BenchFile } from './data.ts';
import { median } from './node.ts';

const MiB = 1024 * 1024;

async function rendererRss(cdp: CDPSession): Promise<number> {
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  let total = 0;
  for (const p of info.processInfo) {
    if (p.type !== 'renderer') continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // the process ended between the two calls
    }
  }
  return total;
}

export type DropRun = { dashboardMs: number; worklistMs: number; longestTaskMs: number; longTasks: number; baselineMiB: number; readyMiB: number; peakExtraMiB: number; peakToDashboardMiB: number; recomputeMs: number; recomputeAgainMs: number };

/** How the file reaches the page: through the file picker as a user opens it, or set on the input at once. */
export type DropMode = 'picker' | 'cold';

/** How long the bench's user takes to choose the file once the picker is open. */
const CHOOSING_MS = 1000;

export async function dropOnce(browser: Browser, cdp: CDPSession, base: string, file: BenchFile, mode: DropMode): Promise<DropRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${base}/?asOf=${BENCH_AS_OF}`, { waitUntil: 'networkidle' });
    await page.getByTestId('file-input').waitFor({ state: 'attached' });
    await page.evaluate(() => {
      (window as unknown as { __long: number[] }).__long = [];
      performance.clearMarks();
    });
    const baseline = await rendererRss(cdp);
    let peak = baseline;
    // The peak until the dashboard shows (the file read, its figures computed), then until the worklist.
    let peakToDashboard = baseline;
    let dashboardShown = false;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const rss = await rendererRss(cdp);
        peak = Math.max(peak, rss);
        if (!dashboardShown) {
          peakToDashboard = Math.max(peakToDashboard, rss);
          dashboardShown = await page.evaluate(() => performance.getEntriesByName('relance:dashboard').length > 0);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let ready = baseline;
    if (mode === 'picker') {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('file-input').locator('xpath=preceding-sibling::button[1]').click()]);
      await page.waitForTimeout(CHOOSING_MS);
      // What the worker and the views add before the file comes (in the peak, not the file's doing).
      ready = await rendererRss(cdp);
      await chooser.setFiles(file.path);
    } else await page.getByTestId('file-input').setInputFiles(file.path);
    await page.waitForFunction(
      () => {
        const dash = performance.getEntriesByName('relance:dashboard')[0];
        return dash !== undefined && performance.getEntriesByName('relance:worklist').some((m) => m.startTime > dash.startTime);
      },
      null,
      { timeout: 900_000, polling: 50 },
    );
    sampling = false;
    await sampler;
    const marks = await page.evaluate(() => {
      const at = (n: string) => performance.getEntriesByName(n).map((m) => m.startTime);
      const file = at('relance:file')[0] ?? 0;
      const dash = at('relance:dashboard')[0] ?? 0;
      const work = at('relance:worklist').find((t) => t > dash) ?? 0;
      const long = (window as unknown as { __long: number[] }).__long;
      return { dashboardMs: dash - file, worklistMs: work - file, longestTaskMs: Math.max(0, ...long), longTasks: long.length };
    });
    // Recompute at another as-of date (no re-read): from the change to the figures on screen; the
    // first change after the import, then a second one (the page's code warm by then). Through the
    // picker, the first comes as a user's does, who reads the worklist before changing the date: 1.5 s
    // after it shows. A cold run changes it at once, the moment the worklist shows, while the page
    // and the worker's collector are still busy with what was just drawn (on two cores here).
    if (mode === 'picker') await page.waitForTimeout(1500);
    const recompute = async (iso: string): Promise<number> => {
      await page.evaluate(() => {
        performance.clearMarks('relance:recompute');
        performance.clearMarks('relance:recomputed');
      });
      // fill() fires the input's change event itself: one change, one request, as a user's edit makes
      // (a second change event sent here made two requests, and the measure started at the second).
      await page.getByTestId('as-of').fill(iso);
      // From the last recompute mark to the first figures shown after it (a mark left by an earlier
      // recompute that lands after the clearing must not count).
      const measure = () => {
        const start = performance.getEntriesByName('relance:recompute').at(-1)?.startTime;
        const shown = start === undefined ? undefined : performance.getEntriesByName('relance:recomputed').find((m) => m.startTime >= start);
        return start === undefined || shown === undefined ? null : shown.startTime - start;
      };
      await page.waitForFunction(measure, null, { timeout: 120_000, polling: 50 });
      const ms = (await page.evaluate(measure)) ?? 0;
      // Let the worklist that follows the new date finish before the next change.
      await page.waitForTimeout(1500);
      return ms;
    };
    const recomputeMs = await recompute('2025-10-31');
    const recomputeAgainMs = await recompute('2025-11-30');
    return { ...marks, baselineMiB: baseline / MiB, readyMiB: (ready - baseline) / MiB, peakExtraMiB: (peak - baseline) / MiB, peakToDashboardMiB: (peakToDashboard - baseline) / MiB, recomputeMs, recomputeAgainMs };
  } finally {
    await context.close();
  }
}

/**
 * The floors in the same browser: PapaParse on the decoded text, SheetJS at its fastest settings,
 * and inflating the sheet and the shared strings then scanning their bytes once (fflate), on the
 * page's main thread of a blank page that loads the libraries' own builds from node_modules.
 */
function serveFloors(root: string): Promise<Server> {
  const files: Record<string, string> = {
    '/papaparse.js': join(root, 'node_modules/papaparse/papaparse.min.js'),
    '/xlsx.js': join(root, 'node_modules/xlsx/dist/xlsx.full.min.js'),
    '/fflate.js': join(root, 'node_modules/fflate/umd/index.js'),
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/papaparse.js"></script><script src="/xlsx.js"></script><script src="/fflate.js"></script>');
      return;
    }
    const lib = files[path];
    const data = path.startsWith('/data/') ? join(DATA_DIR, basename(path)) : lib;
    if (!data || !existsSync(data)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': lib ? 'text/javascript' : 'application/octet-stream' });
    createReadStream(data).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export type Floors = { papaparseMs: number | null; sheetjsFastestMs: number | null; inflateScanMs: number | null };

async function floorsOnce(browser: Browser, base: string, file: BenchFile): Promise<Floors> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${base}/`);
    return await page.evaluate(async (name: string) => {
      type Lib = {
        Papa: { parse: (t: string, o: object) => unknown };
        XLSX: { read: (b: Uint8Array, o: object) => unknown };
        fflate: { unzipSync: (b: Uint8Array, o: object) => Record<string, Uint8Array> };
      };
      const w = window as unknown as Lib;
      const bytes = new Uint8Array(await (await fetch(`/data/${name}`)).arrayBuffer());
      const time = (fn: () => unknown) => {
        const t = performance.now();
        fn();
        return performance.now() - t;
      };
      if (!name.endsWith('.xlsx')) {
        const isFec = name.startsWith('fec');
        const text = new TextDecoder(isFec ? 'utf-8' : 'windows-1252').decode(bytes);
        return { papaparseMs: time(() => w.Papa.parse(text, { delimiter: isFec ? '\t' : ';' })), sheetjsFastestMs: null, inflateScanMs: null };
      }
      const sheetjsFastestMs = time(() => w.XLSX.read(bytes, { type: 'array', dense: true, cellText: false, cellHTML: false, cellNF: false, cellStyles: false }));
      const inflateScanMs = time(() => {
        const parts = w.fflate.unzipSync(bytes, { filter: (f: { name: string }) => /worksheets\/sheet1\.xml|sharedStrings/.test(f.name) });
        let lt = 0;
        for (const f of Object.values(parts)) for (let i = 0; i < f.length; i++) if (f[i] === 60) lt++;
        return lt;
      });
      return { papaparseMs: null, sheetjsFastestMs, inflateScanMs };
    }, file.name);
  } finally {
    await context.close();
  }
}

/** What the first page loads before the user does anything: its scripts and style sheets, gzipped. */
async function initialLoad(browser: Browser, base: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies: { url: string; bytes: Buffer }[] = [];
  page.on('response', async (r) => {
    const type = r.request().resourceType();
    if (type === 'script' || type === 'stylesheet') bodies.push({ url: r.url(), bytes: await r.body() });
  });
  await page.goto(`${base}/`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  await context.close();
  const files = bodies.map((b) => ({ file: b.url.replace(/^.*\//, ''), bytes: b.bytes.length, gzip: gzipSync(b.bytes).length }));
  return { files, gzipBytes: files.reduce((s, f) => s + f.gzip, 0), rawBytes: files.reduce((s, f) => s + f.bytes, 0) };
}

export async function browserBench(dist: string, files: readonly BenchFile[], runs: number) {
  const server = await serveDist(dist);
  const floorServer = await serveFloors(join(dist, '..'));
  const floorBase = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}`;
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = findChromium();
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
  try {
    const cdp = await browser.newBrowserCDPSession();
    const version = browser.version();
    const initial = await initialLoad(browser, base);
    const rows = [];
    for (const file of files) {
      const all: DropRun[] = [];
      const floors: Floors[] = [];
      const cold: DropRun[] = [];
      for (let i = 0; i < runs; i++) {
        floors.push(await floorsOnce(browser, floorBase, file));
        all.push(await dropOnce(browser, cdp, base, file, 'picker'));
        cold.push(await dropOnce(browser, cdp, base, file, 'cold'));
      }
      const m = (f: (r: DropRun) => number) => Math.round(median(all.map(f)));
      const floor = (f: (r: Floors) => number | null) => (f(floors[0] as Floors) === null ? null : Math.round(median(floors.map((x) => f(x) as number))));
      rows.push({
        file: file.name,
        bytes: file.bytes.length,
        papaparseMs: floor((r) => r.papaparseMs),
        sheetjsFastestMs: floor((r) => r.sheetjsFastestMs),
        inflateScanMs: floor((r) => r.inflateScanMs),
        dashboardMs: m((r) => r.dashboardMs),
        coldDashboardMs: Math.round(median(cold.map((r) => r.dashboardMs))),
        worklistMs: m((r) => r.worklistMs),
        longestTaskMs: m((r) => r.longestTaskMs),
        longTasks: m((r) => r.longTasks),
        baselineMiB: m((r) => r.baselineMiB),
        readyMiB: m((r) => r.readyMiB),
        peakExtraMiB: m((r) => r.peakExtraMiB),
        peakToDashboardMiB: m((r) => r.peakToDashboardMiB),
        recomputeAtOnceMs: Math.round(median(cold.map((r) => r.recomputeMs))),
        recomputeMs: m((r) => r.recomputeMs),
        recomputeAgainMs: m((r) => r.recomputeAgainMs),
      });
      process.stdout.write(`  chromium ${file.name}: ${JSON.stringify(rows[rows.length - 1])}\n`);
    }
    return { chromium: version, initial, rows };
  } finally {
    await browser.close();
    for (const s of [server, floorServer]) {
      s.close();
      s.closeAllConnections();
    }
  }
}

export const distDir = (root: string) => join(root, 'dist');
