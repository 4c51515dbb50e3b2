// The one Python of the visit: a module Web Worker that boots the self-hosted Pyodide, installs the
// calculators wheel (checked against its sha256 in pyodide-lock.json) and answers every component's
// requests by calling calculators.framework.browser.handle. JSON strings cross the boundary; no
// logic here.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

const indexURL = new URL("../../pyodide/", import.meta.url).href;

const handle = (async () => {
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL: `${indexURL}pyodide-lock.json`,
    packages: ["scope-and-pace-calculators"],
  });
  return pyodide.pyimport("calculators.framework.browser").handle;
})();

const bootFailed = (error) => postMessage({ type: "boot-error", message: String(error?.message ?? error).split("\n")[0] });
handle.then(() => postMessage({ type: "ready" }), bootFailed);
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
