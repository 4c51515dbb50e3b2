// Scope & Pace service worker (generated: overrides/hooks/offline.py fills VERSION and FILES).
// Precaches the whole site, Python runtime included, so that after one visit every page and every
// calculator works offline. Each build is one cache; a new build waits until the reader accepts the
// "new version" prompt, then replaces the old cache whole.
const VERSION = "__VERSION__";
const FILES = [/* __FILES__ */];
const CACHE = `scope-and-pace-${VERSION}`;

self.addEventListener("install", (event) => {
  // cache: "no-cache" revalidates every file with the server, so a new version never mixes in a
  // stale file from the HTTP cache, while unchanged files (the 9 MB runtime) are not downloaded twice.
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(FILES.map((file) => new Request(file, { cache: "no-cache" })))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("scope-and-pace-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch (error) {
      if (request.mode === "navigate") {
        const fallback = await cache.match(new URL("404.html", self.registration.scope));
        if (fallback) return fallback;
      }
      throw error;
    }
  })());
});
