/**
 * The offline copy of the site (built sites only: the dev server has no sw.js). Its service worker's
 * install fetches every built file and has the browser compile the scripts among them, a few hundred
 * milliseconds of work and tens of MiB, and the worker it installs then serves the page's requests:
 * it is registered once the page has been idle a moment, with no file being read or on its way (the
 * picker open) and nothing asked of the analysis worker for five seconds (the worklist after an import,
 * a change of the date), so that it never competes with a first import, its worklist or what the user
 * does next (`isBusy`, worker/client.ts `isWorking`). Registered two seconds after the load whatever
 * came after, it ran during the import of a file chosen at once; once the worker had been idle a second,
 * during the first change of the date. `isBusy` is asked again when the browser finds the idle moment.
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
