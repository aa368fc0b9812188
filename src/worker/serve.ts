/// <reference lib="webworker" />
/**
 * The worker side of the channel (./channel.ts): each message runs its handler, progress is posted
 * as it comes, the reply's ArrayBuffers are transferred (a PDF, an xlsx) and its long lists of strings
 * packed (wire.ts), an exception becomes an error message. Both workers are this one call over their
 * handler map.
 */
import type { FromWorker, ToWorker } from './messages.ts';
import { packStrings } from './wire.ts';

type Handler = (input: unknown, progress: (stage: string, done: number, total: number) => void) => unknown;

/** `handlers` is called once, on the first message (so that heavy modules load only when needed). */
export function serve(handlers: () => object | Promise<object>): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  keepToOrigin(scope);
  const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
  let ready: Promise<Record<string, Handler>> | null = null;
  scope.onmessage = async (event: MessageEvent<ToWorker>) => {
    const { id, name, input } = event.data;
    try {
      ready ??= Promise.resolve(handlers()) as Promise<Record<string, Handler>>;
      const handler = (await ready)[name];
      if (!handler) throw new Error(`unknown request ${name}`);
      const output = await handler(input, (stage, done, total) => post({ id, type: 'progress', stage, done, total }));
      post({ id, type: 'reply', output: packStrings(output) }, transferablesOf(output));
    } catch (e) {
      post({ id, type: 'error', error: { code: 'InternalError', message: e instanceof Error ? e.message : String(e) } });
    }
  };
}

/** The ArrayBuffers at the top of a reply or one level down (e.g. `{ xlsx: ArrayBuffer }`). */
function transferablesOf(output: unknown): Transferable[] {
  if (output instanceof ArrayBuffer) return [output];
  if (typeof output !== 'object' || output === null) return [];
  return Object.values(output).filter((v): v is ArrayBuffer => v instanceof ArrayBuffer);
}

/**
 * The worker's own policy: no request leaves the site's origin, whatever a library tries. A page's
 * meta Content-Security-Policy does not reach a worker (its script's response headers would, where
 * the host sends them: see HEADER_CSP in astro.config.mjs); this closes fetch, XMLHttpRequest,
 * WebSocket, EventSource and importScripts to other origins in any case.
 */
export function keepToOrigin(scope: DedicatedWorkerGlobalScope): void {
  const origin = scope.location.origin;
  const local = (url: string | URL): boolean => {
    const u = new URL(String(url), scope.location.href);
    return u.origin === origin || u.protocol === 'blob:' || u.protocol === 'data:';
  };
  const refuse = (url: string | URL) => new TypeError(`Relance: no request leaves this site (${new URL(String(url), scope.location.href).origin})`);
  const fetch = scope.fetch.bind(scope);
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input;
    return local(url) ? fetch(input, init) : Promise.reject(refuse(url));
  };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    if (!local(url)) throw refuse(url);
    return (open as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  for (const name of ['WebSocket', 'EventSource'] as const) {
    if (name in scope) Object.defineProperty(scope, name, { value: undefined, configurable: false, writable: false });
  }
  const importScripts = scope.importScripts?.bind(scope);
  if (importScripts) scope.importScripts = (...urls: (string | URL)[]) => {
    for (const u of urls) if (!local(u)) throw refuse(u);
    importScripts(...urls);
  };
}
