// The one Python of the visit: a module Web Worker that starts the self-hosted Pyodide and answers
// every component's requests by calling calculators.browser.handle. JSON strings cross
// the boundary; no logic here.
//
// Starting Python is mostly Pyodide's own Python-level bootstrap. So the first visit boots exactly
// as a bare Pyodide does, installs the calculators wheel itself (checked against its sha256 in
// pyodide-lock.json) and answers: each request imports only the component it names. Nothing else
// stands before the first answer. After it, when the page is idle, the page starts this script a
// second time as the snapshot maker (worker name "scope-and-pace-snapshot"): a Python of its own
// that imports every component, takes a memory snapshot (so nothing a reader typed is in it), keeps
// it gzipped in Cache Storage under a key made of Pyodide's version and the wheel's sha256, and is
// ended. Later visits restore it (_loadSnapshot) in a fraction of a boot. Anything wrong with a
// snapshot (missing, corrupt, truncated, from another build, or Python not answering after the
// restore) deletes it and boots normally: never a wrong answer, never a dead page. Pyodide 314.0.7
// pins the underscore options this relies on; the tests cover both paths.
import { loadPyodide, version } from "../../pyodide/pyodide.mjs";

const indexURL = new URL("../../pyodide/", import.meta.url).href;
const SNAPSHOTS = "python-snapshot";        // the Cache Storage the snapshot lives in (the offline
                                            // cache's "scope-and-pace-<build>" names are apart)
const ENTRY = "calculators.browser";

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// The calculators wheel, as pyodide-lock.json lists it (overrides/hooks/pyodide_runtime.py writes
// its name and sha256 here at build time, so no request stands before Python starts).
const WHEEL = null; // the build writes the wheel's file name and sha256 here
const wanted = { url: indexURL + WHEEL.file, sha256: WHEEL.sha256, key: `${indexURL}snapshot/${version}/${WHEEL.sha256}` };

// A restored Python that answers: the entry point, checked with one request that names no component.
function answering(pyodide) {
  const handle = pyodide.pyimport(ENTRY).handle;
  if (!("fatal" in JSON.parse(handle("{}")))) throw new Error("the restored Python did not answer");
  return handle;
}

async function restore(wanted) {
  const cache = await caches.open(SNAPSHOTS);
  const stored = await cache.match(wanted.key);
  if (!stored) return null;
  try {
    // Unzipped while Pyodide loads its script (loadPyodide takes the snapshot as a promise).
    const bytes = new Response(stored.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    bytes.catch(() => {});                                 // a broken one fails loadPyodide, below
    const pyodide = await loadPyodide({ indexURL, _loadSnapshot: bytes });
    pyodide.runPython("import random; random.seed()");   // the snapshot froze random's state
    return answering(pyodide);
  } catch (error) {
    console.warn("Python snapshot not usable, booting normally:", String(error?.message ?? error).split("\n")[0]);
    await cache.delete(wanted.key);
    return null;
  }
}

async function boot(wanted, forSnapshot) {
  const [pyodide, wheel] = await Promise.all([
    loadPyodide({ indexURL, _makeSnapshot: forSnapshot }),
    fetch(wanted.url).then((response) => response.arrayBuffer()),
  ]);
  if ((await sha256(wheel)) !== wanted.sha256) throw new Error("the calculators package does not match its checksum");
  pyodide.FS.writeFile("/tmp/calculators.whl", new Uint8Array(wheel));
  pyodide.runPython(`import site, zipfile\nzipfile.ZipFile("/tmp/calculators.whl").extractall(site.getsitepackages()[0])\nimport ${ENTRY}`);
  return pyodide;
}

async function keep(wanted, snapshot) {
  const cache = await caches.open(SNAPSHOTS);
  for (const request of await cache.keys()) await cache.delete(request);      // one build's snapshot at a time
  const gzipped = new Blob([snapshot]).stream().pipeThrough(new CompressionStream("gzip"));
  await cache.put(wanted.key, new Response(gzipped, { headers: { "Content-Type": "application/octet-stream" } }));
}

const bootFailed = (error) => postMessage({ type: "boot-error", message: String(error?.message ?? error).split("\n")[0] });
let handle = null;
if (self.name === "scope-and-pace-snapshot") {
  // Every component imported, then the snapshot, before this Python answers anything (it never does).
  boot(wanted, true).then(async (pyodide) => {
    pyodide.runPython("import calculators\ncalculators.COMPONENTS");
    await keep(wanted, pyodide.makeMemorySnapshot());
    postMessage({ type: "snapshot-kept" });
  }).catch((error) => {
    console.warn("No Python snapshot this time:", String(error?.message ?? error).split("\n")[0]);
    postMessage({ type: "snapshot-failed" });
  });
} else {
  const started = (async () => {
    const restored = await restore(wanted).catch(() => null);     // no Cache Storage: boot normally
    if (restored) return { handle: restored, from: "snapshot" };
    return { handle: (await boot(wanted, false)).pyimport(ENTRY).handle, from: "boot" };
  })();
  handle = started.then(({ handle }) => handle);
  started.then(({ from }) => postMessage({ type: "ready", from }), bootFailed);
}
// Pyodide 314 swallows a failed .wasm download (it only logs "wasm instantiation failed!") and
// loadPyodide then never settles. Watch for that warning and report it as a boot failure.
const warn = console.warn.bind(console);
let wasmFailed = false;
console.warn = (...args) => {
  warn(...args);
  if (wasmFailed) bootFailed(args[0]);
  else if (String(args[0]).startsWith("wasm instantiation failed")) wasmFailed = true;
};

addEventListener("message", async ({ data }) => {
  try {
    const run = await handle;
    postMessage({ type: "result", id: data.id, reply: JSON.parse(run(JSON.stringify(data.request))) });
  } catch (error) {
    // A Python exception here is a bug in a component: report one line, never a traceback.
    console.error(error);
    postMessage({ type: "result", id: data.id, error: String(error?.message ?? error).trim().split("\n").pop() });
  }
});
