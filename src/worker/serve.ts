/// <reference lib="webworker" />
/**
 * The worker side of the channel (./channel.ts): each message runs its handler, progress is posted
 * as it comes, the reply's ArrayBuffers are transferred (a PDF, an xlsx), an exception becomes an
 * error message. Both workers are this one call over their handler map.
 */
import type { FromWorker, ToWorker } from './messages.ts';

type Handler = (input: unknown, progress: (stage: string, done: number, total: number) => void) => unknown;

/** `handlers` is called once, on the first message (so that heavy modules load only when needed). */
export function serve(handlers: () => object | Promise<object>): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
  let ready: Promise<Record<string, Handler>> | null = null;
  scope.onmessage = async (event: MessageEvent<ToWorker>) => {
    const { id, name, input } = event.data;
    try {
      ready ??= Promise.resolve(handlers()) as Promise<Record<string, Handler>>;
      const handler = (await ready)[name];
      if (!handler) throw new Error(`unknown request ${name}`);
      const output = await handler(input, (stage, done, total) => post({ id, type: 'progress', stage, done, total }));
      post({ id, type: 'reply', output }, transferablesOf(output));
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
