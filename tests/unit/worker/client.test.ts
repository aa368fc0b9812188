/**
 * When the page counts the analysis worker as at work (the offline copy waits for it): a file on its
 * way once the picker opened, a request in hand, and a second after each reply.
 */
import { describe, expect, it } from 'vitest';
import { emptyWorkspace } from '../../../src/core/index.ts';
import { isWorking, send, startAhead } from '../../../src/worker/client.ts';

describe('isWorking', () => {
  it('counts a file on its way for a minute, and a request for five seconds after its reply', async () => {
    const t0 = Date.now();
    expect(isWorking(t0)).toBe(false);
    // The picker opened: a file is on its way (no worker here, none starts, the wait holds).
    startAhead();
    expect(isWorking(t0 + 30_000)).toBe(true);
    expect(isWorking(t0 + 61_000)).toBe(false);
    // A request (run on the main thread here): at work while in hand, and for five seconds after.
    const pending = send('setWorkspace', emptyWorkspace());
    expect(isWorking(Date.now() + 61_000)).toBe(true);
    await pending;
    const answered = Date.now();
    expect(isWorking(answered + 4000)).toBe(true);
    expect(isWorking(answered + 61_000)).toBe(false);
  });
});
