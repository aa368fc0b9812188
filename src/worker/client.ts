/**
 * Main-thread bridge to the analysis worker: typed `send()`, progress callbacks, abort by
 * terminating the worker (a fresh one starts on the next call), and a main-thread fallback
 * when no worker can start.
 */
import type { FromWorker, Input, Output, RequestName, ToWorker } from './protocol.ts';

export type SendOptions = {
  signal?: AbortSignal;
  onProgress?: (stage: string, done: number, total: number) => void;
  transfer?: Transferable[];
};

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: SendOptions['onProgress'] };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
let fallback: Promise<ReturnType<typeof import('./handlers.ts').createHandlers>> | null = null;
export let isUsingFallback = false;

function startWorker(): Worker | null {
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'relance-analysis' });
  } catch {
    return null;
  }
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const m = event.data;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') p.onProgress?.(m.stage, m.done, m.total);
    else {
      pending.delete(m.id);
      if (m.type === 'reply') p.resolve(m.output);
      else p.reject(new Error(m.error.message));
    }
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'worker error'));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** Ends the worker and every request in flight (used by abort). */
export function terminate(): void {
  const hadWorker = worker !== null;
  worker?.terminate();
  worker = null;
  for (const p of pending.values()) p.reject(new DOMException('Aborted', 'AbortError'));
  pending.clear();
  if (hadWorker) needsRestore = true;
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

/** Requests that set the session up themselves (a new import, the workspace) need no restore. */
function restoresItself<K extends RequestName>(name: K, input: Input<K>): boolean {
  return name === 'setWorkspace' || (name === 'importFile' && (input as Input<'importFile'>).append !== true);
}

export async function send<K extends RequestName>(name: K, input: Input<K>, options: SendOptions = {}): Promise<Output<K>> {
  if (needsRestore) {
    if (restoresItself(name, input)) {
      if (name === 'importFile') needsRestore = false;
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

async function post<K extends RequestName>(name: K, input: Input<K>, options: SendOptions = {}): Promise<Output<K>> {
  const w = startWorker();
  if (!w) {
    isUsingFallback = true;
    fallback ??= import('./handlers.ts').then((m) => m.createHandlers());
    const handlers = await fallback;
    const handler = handlers[name] as (input: Input<K>, progress: (s: 'read' | 'map' | 'analyse', d: number, t: number) => void) => Output<K>;
    return handler(input, (s, d, t) => options.onProgress?.(s, d, t));
  }
  const id = nextId++;
  return new Promise<Output<K>>((resolve, reject) => {
    // Aborting after the reply must not kill the worker (it keeps the ledgers read so far).
    const onAbort = () => {
      if (pending.has(id)) terminate();
    };
    const done = () => options.signal?.removeEventListener('abort', onAbort);
    pending.set(id, {
      resolve: (v: unknown) => {
        done();
        resolve(v as Output<K>);
      },
      reject: (e: Error) => {
        done();
        reject(e);
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const message: ToWorker = { id, name, input };
    w.postMessage(message, options.transfer ?? []);
  });
}
