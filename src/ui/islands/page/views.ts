/** The page's views: their URLs, the result views loaded on demand, the timing marks of their display. */
import { tick } from 'svelte';

/** The views of an analysis, each with its own URL (a hash), so that back and reload keep the view. */
export const VIEWS = ['synthese', 'balance', 'relances', 'prevision', 'historique', 'rapport', 'reglages'] as const;
export type View = (typeof VIEWS)[number];

/** The view a URL hash names (the summary when it names none). */
export function viewOf(hash: string): View {
  const name = hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'synthese';
}

type Views = {
  ImportReportView: typeof import('../ImportReportView.svelte').default;
  Dashboard: typeof import('../Dashboard.svelte').default;
  Worklist: typeof import('../Worklist.svelte').default;
  Summary: typeof import('../Summary.svelte').default;
  Forecast: typeof import('../Forecast.svelte').default;
};
let views: Promise<Views> | null = null;

/**
 * The views of a file read (import report, worklist, dashboard, summary) load with the first file,
 * not with the page: the first page carries only the drop zone.
 */
export function loadViews(): Promise<Views> {
  views ??= Promise.all([import('../ImportReportView.svelte'), import('../Dashboard.svelte'), import('../Worklist.svelte'), import('../Summary.svelte'), import('../Forecast.svelte')]).then(([r, d, w, s, f]) => ({
    ImportReportView: r.default,
    Dashboard: d.default,
    Worklist: w.default,
    Summary: s.default,
    Forecast: f.default,
  }));
  return views;
}

/**
 * User Timing marks (local only, read by `npm run bench`): when a file's figures were on screen,
 * after Svelte's update and the next frame.
 */
export async function markShown(name: string): Promise<void> {
  await tick();
  requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
}

/** `fn` once the next frame is drawn, or half a second later where none is (a hidden tab draws none). */
export function afterNextFrame(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 500);
}

/**
 * The view's URL, as a history entry of its own (back returns to the one before, firing hashchange),
 * set without location.hash's fragment navigation, which lays the page out at once, before the view
 * is drawn (30 ms of the task that shows an import's figures).
 */
export function pushViewUrl(view: View): void {
  if (location.hash !== `#${view}`) history.pushState(history.state, '', `#${view}`);
}

/**
 * Scrolls to a heading and gives it the focus in the next frame, where the page is laid out anyway:
 * done at once, the scroll would lay it out inside the task that drew the views.
 */
export function focusHeadingNextFrame(id: string): void {
  requestAnimationFrame(() => {
    const heading = document.getElementById(id);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  });
}

/** Keeps `onView` told of the view the URL's hash names (now, and on every change); returns the cleanup. */
export function followHash(onView: (view: View) => void): () => void {
  onView(viewOf(location.hash));
  const onHash = () => onView(viewOf(location.hash));
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}

/** The as-of date the URL fixes (`?asOf=YYYY-MM-DD`), if any. */
export function asOfFromUrl(): string | null {
  const fixed = new URLSearchParams(location.search).get('asOf');
  return fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed) ? fixed : null;
}
