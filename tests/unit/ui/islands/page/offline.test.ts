/**
 * The offline copy's service worker is registered only once the page is idle: no file being read and
 * nothing in the analysis worker's hands, asked again at the idle moment the browser finds.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleOfflineCopy } from '../../../../../src/ui/islands/page/offline.ts';

describe('scheduleOfflineCopy', () => {
  let register: ReturnType<typeof vi.fn>;
  let idle: (() => void)[];
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubEnv('PROD', true);
    register = vi.fn(() => Promise.resolve());
    idle = [];
    vi.stubGlobal('navigator', { serviceWorker: { register } });
    vi.stubGlobal('window', { requestIdleCallback: (fn: () => void) => idle.push(fn) });
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => idle.push(fn));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });

  it('waits while busy, and asks again when the idle moment comes', () => {
    let busy = true;
    scheduleOfflineCopy(() => busy, 2000);
    vi.advanceTimersByTime(5000);
    expect(idle).toHaveLength(0);
    busy = false;
    vi.advanceTimersByTime(1000);
    expect(idle).toHaveLength(1);
    // Busy again by the time the browser is idle (the worklist asked for after an import): not yet.
    busy = true;
    idle.shift()?.();
    expect(register).not.toHaveBeenCalled();
    vi.advanceTimersByTime(3000);
    expect(idle).toHaveLength(0);
    busy = false;
    vi.advanceTimersByTime(1000);
    idle.shift()?.();
    expect(register).toHaveBeenCalledTimes(1);
    expect(register).toHaveBeenCalledWith('/sw.js');
  });
});
