// Scope & Pace service worker (generated: overrides/hooks/offline.py fills VERSION, SITE and RUNTIME).
// The first visit precaches the reading site (pages, styles, scripts, search): well under 1 MB.
// The Python runtime (about 14 MB) is cached only once the reader opens a calculator or tool, or
// asks to save everything ("cache-runtime" from the page), and from then on every calculator and
// tool works offline. Each build is one cache; a new build waits until the reader accepts the
// "new version" prompt, then replaces the old cache whole (with the runtime, if the old one had it).
const VERSION = "__VERSION__";
const SITE = [/* __SITE__ */];
const RUNTIME = [/* __RUNTIME__ */];
const CACHE = `scope-and-pace-${VERSION}`;
const scoped = (file) => new URL(file, self.registration.scope).href;
const CACHEABLE = new Set([...SITE, ...RUNTIME].map(scoped));

// cache: "no-cache" revalidates every file with the server, so a new version never mixes in a
// stale file from the HTTP cache, while unchanged files (the 9 MB runtime) are not downloaded twice.
async function addMissing(files) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const file of files) if (!(await cache.match(scoped(file)))) missing.push(file);
  await cache.addAll(missing.map((file) => new Request(scoped(file), { cache: "no-cache" })));
}

async function hadRuntime() {
  for (const name of await caches.keys()) {
    if (name.startsWith("scope-and-pace-") && name !== CACHE && (await (await caches.open(name)).match(scoped(RUNTIME[0])))) return true;
  }
  return false;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await addMissing(SITE);
    if (await hadRuntime()) await addMissing(RUNTIME);
  })());
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
  if (event.data === "cache-runtime") {
    event.waitUntil(addMissing(RUNTIME).then(
      () => event.ports[0]?.postMessage("runtime-cached"),
      (error) => event.ports[0]?.postMessage(`failed: ${error}`)));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    try {
      const response = await fetch(request);
      const url = new URL(request.url);
      url.search = "";
      if (response.ok && CACHEABLE.has(url.href)) cache.put(url.href, response.clone());   // kept for offline use
      return response;
    } catch (error) {
      if (request.mode === "navigate") {
        const fallback = await cache.match(scoped("404.html"));
        if (fallback) return fallback;
      }
      throw error;
    }
  })());
});
