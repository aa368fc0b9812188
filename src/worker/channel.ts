/**
 * One typed channel to a worker, used for both of them (analysis and PDF): `send(name, input)` with
 * progress callbacks and an AbortSignal; abort terminates the worker (the only way to stop synchronous
 * work) and the next request starts a fresh one; when no worker can start, the same handlers run on
 * the main thread. The worker side is `serve()` (./serve.ts).
 */
import type { FromWorker, ToWorker } from './messages.ts';
import { unpackStrings } from './wire.ts';

export type SendOptions = {
  signal?: AbortSignal;
  onProgress?: (stage: string, done: number, total: number) => void;
  transfer?: Transferable[];
};

/** Request name → (input, progress) → output, as the handlers are written. */
export type HandlerMap<R> = { [K in keyof R]: R[K] extends (input: infer I) => infer O ? (input: I, progress: (stage: string, done: number, total: number) => void) => O | Promise<O> : never };

export type RequestInput<R, K extends keyof R> = R[K] extends (input: infer I) => unknown ? I : never;
export type RequestOutput<R, K extends keyof R> = R[K] extends (input: never) => infer O ? Awaited<O> : never;

export type Channel<R> = {
  send<K extends keyof R & string>(name: K, input: RequestInput<R, K>, options?: SendOptions): Promise<RequestOutput<R, K>>;
  /** Ends the worker and rejects every request in flight with an AbortError; true if a worker was running. */
  terminate(): boolean;
  /** True once a request had to run on the main thread. */
  readonly usesFallback: boolean;
  /** Starts the worker now (its script loads and runs) so that the request about to come finds it ready; false when none can start. */
  start(): boolean;
  /** Requests sent and not answered yet (to the worker, or running on the main thread without one). */
  readonly inFlight: number;
};

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: SendOptions['onProgress'] };

/** `onTerminated` runs whenever a running worker is ended (by abort or `terminate()`), with what it held. */
export function createChannel<R>(start: () => Worker, fallback: () => Promise<HandlerMap<R>>, onTerminated?: () => void): Channel<R> {
  let worker: Worker | null = null;
  let nextId = 1;
  let usesFallback = false;
  let local: Promise<HandlerMap<R>> | null = null;
  const pending = new Map<number, Pending>();
  /** Requests running on the main thread (no worker could start). */
  let running = 0;

  const abortAll = (reason: Error) => {
    for (const p of pending.values()) p.reject(reason);
    pending.clear();
  };

  const ensure = (): Worker | null => {
    if (worker) return worker;
    try {
      worker = start();
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
        if (m.type === 'reply') p.resolve(unpackStrings(m.output));
        else p.reject(new Error(m.error.message));
      }
    };
    worker.onerror = (e) => {
      worker?.terminate();
      worker = null;
      abortAll(new Error(e.message || 'worker error'));
    };
    return worker;
  };

  const terminate = (): boolean => {
    const had = worker !== null;
    worker?.terminate();
    worker = null;
    abortAll(new DOMException('Aborted', 'AbortError'));
    if (had) onTerminated?.();
    return had;
  };

  return {
    get usesFallback() {
      return usesFallback;
    },
    get inFlight() {
      return pending.size + running;
    },
    terminate,
    start() {
      return ensure() !== null;
    },
    async send(name, input, options = {}) {
      if (options.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
      const w = ensure();
      if (!w) {
        usesFallback = true;
        running++;
        try {
          local ??= fallback();
          const handler = (await local)[name] as unknown as (input: unknown, progress: (s: string, d: number, t: number) => void) => unknown;
          return (await handler(input, (s, d, t) => options.onProgress?.(s, d, t))) as RequestOutput<R, typeof name>;
        } finally {
          running--;
        }
      }
      const id = nextId++;
      return new Promise((resolve, reject) => {
        // Aborting after the reply must not kill the worker (it keeps what it holds).
        const onAbort = () => {
          if (pending.has(id)) terminate();
        };
        const done = () => options.signal?.removeEventListener('abort', onAbort);
        pending.set(id, {
          resolve: (v) => {
            done();
            resolve(v as RequestOutput<R, typeof name>);
          },
          reject: (e) => {
            done();
            reject(e);
          },
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const message: ToWorker = { id, name, input };
        w.postMessage(message, options.transfer ?? []);
      });
    },
  };
}
