/// <reference lib="webworker" />
/** The analysis worker: a thin adapter from messages to handlers.ts. */
import { createHandlers } from './handlers.ts';
import type { FromWorker, RequestName, ToWorker } from './protocol.ts';

const handlers = createHandlers();
const post = (m: FromWorker) => (self as unknown as { postMessage: (m: FromWorker) => void }).postMessage(m);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const { id, name, input } = event.data;
  try {
    const handler = handlers[name as RequestName] as (input: unknown, progress: (stage: 'read' | 'map' | 'analyse', done: number, total: number) => void) => unknown;
    const output = handler(input, (stage, done, total) => post({ id, type: 'progress', stage, done, total }));
    post({ id, type: 'reply', output });
  } catch (e) {
    post({ id, type: 'error', error: { code: 'InternalError', message: e instanceof Error ? e.message : String(e) } });
  }
};
