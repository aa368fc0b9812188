/**
 * The offline copy of the site (built sites only: the dev server has no sw.js). Its service worker's
 * install fetches every built file and has the browser compile the scripts among them, a few hundred
 * milliseconds of work and tens of MiB: it is registered once the page has been idle a moment, with no
 * file being read or on its way (the picker open) and nothing in the analysis worker's hands (the
 * worklist after an import), so that it never competes with a first import or its worklist (`isBusy`,
 * worker/client.ts `isWorking`). `isBusy` is asked again when the browser finds the idle moment.
 */
export function scheduleOfflineCopy(isBusy: () => boolean, delayMs = 2000): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const later = () => setTimeout(attempt, 1000);
  const register = (): void => {
    if (isBusy()) later();
    else void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  };
  function attempt(): void {
    if (isBusy()) later();
    else if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 3000 });
    else register();
  }
  setTimeout(attempt, delayMs);
}
