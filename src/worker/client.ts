/**
 * Page side of the analysis worker, over the shared channel (./channel.ts): typed `send()`, progress,
 * abort by terminating the worker, a main-thread fallback when no worker can start, and the session
 * read back into a fresh worker after an abort.
 */
import { createChannel, type SendOptions } from './channel.ts';
import type { Input, Output, RequestName, Requests } from './protocol.ts';

export type { SendOptions } from './channel.ts';

const analysis = createChannel<Requests>(
  () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'relance-analysis' }),
  async () => (await import('./handlers.ts')).createHandlers(),
  () => (needsRestore = true),
);

/**
 * Starts the analysis worker ahead of a file: the user is dragging one over the page or opening the
 * file picker. Its script then loads and compiles while the file is still on its way. Nothing more:
 * running its code hot on a made-up ledger meanwhile (two passes of 800 rows) made the first file
 * slower and the tab heavier, A/B in Chromium (a 100k-row CSV: 987 vs 1,148 ms to the dashboard,
 * 11 MiB more before the file came), and did not help a 10k-row one.
 */
export function startAhead(): void {
  fileExpectedUntil = Date.now() + FILE_WAIT_MS;
  analysis.start();
}

/**
 * How long the worker counts as at work after a reply: the next request often follows (the worklist
 * after an import), and a user who just changed something often changes more (the date, a filter).
 */
const QUIET_MS = 5000;
/** How long a file is waited for once the picker opened or a file was dragged over the page. */
const FILE_WAIT_MS = 60_000;
let lastActive = Number.NEGATIVE_INFINITY;
let fileExpectedUntil = Number.NEGATIVE_INFINITY;

/**
 * Whether the analysis worker is at work or about to be: a request in hand or answered less than
 * five seconds ago, or a file on its way (the picker opened or a file dragged over the page, until a file
 * is read, a minute at most). The offline copy waits for neither (ui/islands/page/offline.ts).
 */
export function isWorking(now = Date.now()): boolean {
  return analysis.inFlight > 0 || now - lastActive < QUIET_MS || now < fileExpectedUntil;
}

/** True once a request had to run on the main thread (no worker could start). */
export function isUsingFallback(): boolean {
  return analysis.usesFallback;
}

/**
 * Reads the session back into a fresh worker (the files on screen, the workspace). Terminating is the
 * only way to stop a parse in progress, and it ends the session the worker held: the next request
 * that needs it waits for this first, so a cancelled import never loses the analysis on screen.
 */
export type Restorer = (send: <K extends RequestName>(name: K, input: Input<K>, options?: SendOptions) => Promise<Output<K>>) => Promise<void>;
let restorer: Restorer | null = null;
let needsRestore = false;
let restoring: Promise<void> | null = null;

export function onRestart(fn: Restorer): void {
  restorer = fn;
}

/** Ends the worker and every request in flight (used by abort). */
export function terminate(): void {
  analysis.terminate();
}

/** Requests that set the session up themselves (a new import, the workspace) need no restore. */
function restoresItself<K extends RequestName>(name: K, input: Input<K>): boolean {
  return name === 'setWorkspace' || (isImport(name) && (input as { append?: boolean }).append !== true);
}

/** The two requests that read a file into the session: a ledger, or e-invoices. */
const isImport = (name: RequestName) => name === 'importFile' || name === 'importEInvoices';

async function post<K extends RequestName>(name: K, input: Input<K>, options: SendOptions = {}): Promise<Output<K>> {
  lastActive = Date.now();
  if (isImport(name)) fileExpectedUntil = Number.NEGATIVE_INFINITY;
  try {
    return (await analysis.send(name, input, options)) as Output<K>;
  } finally {
    lastActive = Date.now();
  }
}

export async function send<K extends RequestName>(name: K, input: Input<K>, options: SendOptions = {}): Promise<Output<K>> {
  if (needsRestore) {
    if (restoresItself(name, input)) {
      if (isImport(name)) needsRestore = false;
    } else if (restorer) {
      const run = restorer;
      restoring ??= run(post).finally(() => {
        needsRestore = false;
        restoring = null;
      });
    }
  }
  if (restoring && !restoresItself(name, input)) await restoring;
  return post(name, input, options);
}
