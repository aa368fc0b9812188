/**
 * The page side of a worker channel: requests in flight are counted until answered, failed or aborted
 * (the offline copy waits for none to be left, ui/islands/page/offline.ts).
 */
import { describe, expect, it } from 'vitest';
import { createChannel } from '../../../src/worker/channel.ts';

type Requests = { echo: (input: { n: number }) => Promise<number> };

/** A stand-in for a Worker: it keeps what it is sent; `answer` replies as the worker would. */
function fakeWorker() {
  const sent: { id: number; name: string; input: unknown }[] = [];
  const w = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    postMessage: (m: { id: number; name: string; input: unknown }) => sent.push(m),
    terminate: () => undefined,
  };
  const answer = (k: number, output: unknown, type: 'reply' | 'error' = 'reply') => {
    const m = sent[k] as { id: number };
    w.onmessage?.({ data: type === 'reply' ? { id: m.id, type, output } : { id: m.id, type, error: { code: 'InternalError', message: 'no' } } } as MessageEvent);
  };
  return { worker: w as unknown as Worker, sent, answer };
}

describe('createChannel', () => {
  it('counts the requests in flight until each is answered, refused or aborted', async () => {
    const fake = fakeWorker();
    const channel = createChannel<Requests>(() => fake.worker, async () => ({ echo: async ({ n }) => n }));
    expect(channel.inFlight).toBe(0);
    const a = channel.send('echo', { n: 1 });
    const b = channel.send('echo', { n: 2 });
    expect(channel.inFlight).toBe(2);
    fake.answer(0, 1);
    await expect(a).resolves.toBe(1);
    expect(channel.inFlight).toBe(1);
    fake.answer(1, null, 'error');
    await expect(b).rejects.toThrow('no');
    expect(channel.inFlight).toBe(0);
    const c = channel.send('echo', { n: 3 });
    expect(channel.inFlight).toBe(1);
    channel.terminate();
    await expect(c).rejects.toThrow('Aborted');
    expect(channel.inFlight).toBe(0);
  });
});
