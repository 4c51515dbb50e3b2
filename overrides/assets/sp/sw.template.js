// Scope & Pace service worker (generated: overrides/hooks/offline.py fills VERSION, SITE and RUNTIME).
// The first visit precaches the reading site (pages, styles, scripts, search): well under 1 MB.
// The Python runtime (about 14 MB) is cached only once the reader opens a calculator or tool, or
// asks to save everything ("cache-runtime" from the page), and from then on every calculator and
// tool works offline. Each build is one cache; a new build waits until the reader accepts the
// "new version" prompt, then replaces the old cache whole (with the runtime, if the old one had it).
// Every file is listed with its sha256 and fetched with that integrity: first as the browser has it
// (revalidated, so the runtime a calculator page has just downloaded is not downloaded again), then,
// if that fails its check, with this build's query, past any CDN edge's copy. A stale or damaged
// file fails the install, which the browser retries later, and is never kept.
const VERSION = "__VERSION__";
const SITE = {/* __SITE__ */};
const RUNTIME = {/* __RUNTIME__ */};
const CACHE = `scope-and-pace-${VERSION}`;
const scoped = (file) => new URL(file, self.registration.scope).href;
const INTEGRITY = new Map(Object.entries({ ...SITE, ...RUNTIME }).map(([file, hash]) => [scoped(file), hash]));

async function addMissing(files) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const file of Object.keys(files)) if (!(await cache.match(scoped(file)))) missing.push(file);
  // All or nothing: fetched (and checked) first, stored only if every file came back right.
  const responses = await Promise.all(missing.map(async (file) => {
    const busted = new URL(scoped(file));
    busted.searchParams.set("sp", VERSION);
    const checked = (url) => fetch(url, { cache: "no-cache", integrity: files[file] });
    const response = await checked(scoped(file)).then((r) => (r.ok ? r : checked(busted)), () => checked(busted));
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    return [file, response];
  }));
  for (const [file, response] of responses) await cache.put(scoped(file), response);
}

async function hadRuntime() {
  const first = scoped(Object.keys(RUNTIME)[0]);
  for (const name of await caches.keys()) {
    if (name.startsWith("scope-and-pace-") && name !== CACHE && (await (await caches.open(name)).match(first))) return true;
  }
  return false;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    try {
      await addMissing(SITE);
      if (await hadRuntime()) await addMissing(RUNTIME);
    } catch (error) {
      await caches.delete(CACHE);          // a failed install leaves nothing behind
      throw error;
    }
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

async function matches(response, integrity) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return `sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}` === integrity;
}

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
      const integrity = INTEGRITY.get(url.href);
      if (response.ok && integrity) {       // one of this build's files: kept for offline use if it is the right one
        const copy = response.clone();
        event.waitUntil(matches(copy.clone(), integrity).then((right) => right && cache.put(url.href, copy)));
      }
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
