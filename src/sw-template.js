// Relance's service worker (generated at build time from src/sw-template.js): every file of the
// built site is cached on install, then served from the cache, so the app works with the network
// off after one visit. Nothing is ever fetched from another origin.
const VERSION = '__VERSION__';
const URLS = __URLS__;
const CACHE = `relance-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(URLS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('relance-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then(
      (cached) =>
        cached ||
        fetch(request).catch(() =>
          request.mode === 'navigate' ? caches.match(url.pathname.startsWith('/en/') ? '/en/' : '/', { ignoreSearch: true }) : Response.error(),
        ),
    ),
  );
});
