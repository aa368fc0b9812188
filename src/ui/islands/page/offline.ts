/**
 * The offline copy of the site (built sites only: the dev server has no sw.js). Its service worker's
 * install fetches every built file and has the browser compile the scripts among them, a few hundred
 * milliseconds of work: it is registered once the page has been idle a moment and no file is being
 * read, so that it never competes with a first import.
 */
export function scheduleOfflineCopy(isBusy: () => boolean, delayMs = 2000): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const attempt = (): void => {
    if (isBusy()) {
      setTimeout(attempt, 1000);
      return;
    }
    const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 3000 });
    else register();
  };
  setTimeout(attempt, delayMs);
}
