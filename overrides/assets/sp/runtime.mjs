// Scope & Pace browser runtime: the site's one page script (beside calc-worker.mjs and the generated
// sw.js), generic, and with no math in it.
//
// It mounts every [data-calc] and [data-tool] element on the page (idempotently, from Material's
// document$, since instant navigation swaps pages without a reload) and talks to one module Web
// Worker running Pyodide (calc-worker.mjs):
// - a calculator sends the raw strings of its inputs and puts back what Python returns: the result
//   HTML, the error summary, the message for each field, and the link fragment;
// - a tool (the impact log, the meeting packet) sends the action the reader took, every form as
//   typed, its keys in browser storage and the last file picked; it then does what Python replies:
//   write storage, swap regions of HTML, show field messages, save a download, move focus.
// It also handles copy buttons (<button data-copy="ID"> copies the text of element ID), preset
// buttons (data-calc-set), print buttons (data-print), links in error summaries (data-calc-focus),
// and registers the offline service worker with its "new version" prompt.

const WORKER_URL = new URL("./calc-worker.mjs", import.meta.url);
let engine = null;            // { worker, ready: Promise, calls: Map }
let callSeq = 0;

function startEngine() {
  if (engine) return engine;
  const worker = new Worker(WORKER_URL, { type: "module", name: "scope-and-pace-python" });
  const calls = new Map();
  let settle;
  const ready = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  ready.catch(() => {});
  const fail = (message) => {
    settle.reject(new Error(message));
    for (const { reject } of calls.values()) reject(new Error(message));
    calls.clear();
  };
  worker.addEventListener("message", ({ data }) => {
    if (data.type === "ready") settle.resolve();
    else if (data.type === "boot-error") fail(data.message);
    else if (data.type === "result" && calls.has(data.id)) {
      const { resolve, reject } = calls.get(data.id);
      calls.delete(data.id);
      if (data.error) reject(new Error(data.error)); else resolve(data.reply);
    }
  });
  worker.addEventListener("error", (event) => { event.preventDefault(); fail(event.message || "the worker could not start"); });
  engine = { worker, ready, calls };
  return engine;
}

function compute(request) {
  const { worker, calls } = startEngine();
  const id = ++callSeq;
  return new Promise((resolve, reject) => {
    calls.set(id, { resolve, reject });
    worker.postMessage({ id, request });
  });
}

// A fragment is calculator state only when it looks like settings (has "="), so that ordinary
// section anchors (#how-it-works) are left alone.
function linkPairs() {
  const hash = location.hash.slice(1);
  if (!hash.includes("=")) return null;
  return Array.from(new URLSearchParams(hash));
}

async function copyText(text, status, fallback) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = "Copied.";
  } catch {
    if (fallback) {
      fallback.hidden = false;
      fallback.value = text;
      fallback.focus();
      fallback.select();
    }
    status.textContent = "Copying was blocked by the browser. The text is selected: copy it with Ctrl+C, or long-press on a phone.";
  }
}

// Field messages: [data-calc-error=NAME] boxes inside `scope`, set from { NAME: message }.
function showErrors(scope, errors) {
  for (const box of scope.querySelectorAll("[data-calc-error]")) {
    const name = box.dataset.calcError;
    const message = errors[name];
    box.hidden = !message;
    box.textContent = "";
    if (message) {
      const prefix = document.createElement("span");
      prefix.className = "sp-visually-hidden";
      prefix.textContent = "Error: ";
      box.append(prefix, message);
    }
    for (const input of scope.querySelectorAll(`[name="${name}"]`)) {
      if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    }
    box.closest("[data-calc-field]")?.classList.toggle("sp-field--error", Boolean(message));
  }
}

function mount(root) {
  if (root.dataset.calcMounted) return;
  root.dataset.calcMounted = "true";
  const slug = root.dataset.calc;
  const form = root.querySelector("[data-calc-form]");
  const summary = root.querySelector("[data-calc-summary]");
  const status = root.querySelector("[data-calc-status]");
  const result = root.querySelector("[data-calc-result]");
  const linkText = root.querySelector("[data-calc-link-text]");
  const inputs = () => Array.from(form.querySelectorAll("input[name]"));
  let latest = 0;
  let fragment = "";
  let booted = false;

  const apply = (reply, { focusSummary = false, keepUrl = false } = {}) => {
    if (reply.fatal) {
      status.textContent = `Something went wrong: ${reply.fatal}`;
      return;
    }
    if (reply.inputs) {
      for (const input of inputs()) {
        if (input.name in reply.inputs && input.value !== reply.inputs[input.name]) input.value = reply.inputs[input.name];
      }
    }
    showErrors(form, reply.errors);
    summary.innerHTML = reply.summary;        // built and escaped by Python
    result.innerHTML = reply.result;          // built and escaped by Python
    fragment = reply.fragment;
    if (!keepUrl) {
      const url = location.pathname + location.search + (fragment ? `#${fragment}` : "");
      history.replaceState(history.state, "", url);
    }
    status.textContent = reply.announce;
    root.dataset.state = reply.state;
    if (focusSummary && reply.state === "invalid" && reply.summary) summary.focus();
  };

  const send = (source, pairs, options) => {
    const id = ++latest;
    root.dataset.state = "loading";
    compute({ slug, source, pairs }).then(
      (reply) => { if (id === latest && root.isConnected) apply(reply, options); },
      (error) => {
        if (id !== latest) return;
        status.textContent = booted
          ? `The calculator stopped working (${error.message}). Reload the page to try again.`
          : `The calculator engine could not load (${error.message}). The result shown is for the default values; reload the page to try again.`;
        status.classList.add("sp-status--error");
      });
  };
  const formPairs = () => inputs().map((input) => [input.name, input.value]);

  status.textContent = "Loading the calculator engine. You can edit the numbers meanwhile; the result updates once it is ready.";
  startEngine().ready.then(() => { booted = true; }, () => {});

  form.addEventListener("input", () => send("form", formPairs()));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send("form", formPairs(), { focusSummary: true });
  });
  root.addEventListener("click", (event) => {
    const preset = event.target.closest("[data-calc-set]");
    if (preset) {
      const input = document.getElementById(preset.getAttribute("aria-controls"));
      input.value = preset.dataset.calcSet;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (event.target.closest("[data-calc-link]")) {
      const url = new URL(location.href);
      url.hash = fragment;
      copyText(url.href, status, linkText);
    }
  });
  root.addEventListener("calc:link", () => {
    const pairs = linkPairs();
    if (pairs) send("link", pairs, { focusSummary: true });
  });

  const pairs = linkPairs();
  if (pairs) send("link", pairs, { focusSummary: true });
  else send("defaults", [], { keepUrl: true });   // today's defaults: a date default may have moved on
}

// --- Tools ------------------------------------------------------------------------------------------
// Browser storage under "scope-and-pace:<key>". When the browser refuses (a private window, a
// policy, a full quota) values live in memory for this tab, and Python is told so it can say so.
const STORE_PREFIX = "scope-and-pace:";
const memory = new Map();
let storageMode = "local";

function readStore(key) {
  if (memory.has(key)) return memory.get(key);
  try { return localStorage.getItem(STORE_PREFIX + key); } catch { storageMode = "memory"; return null; }
}

function writeStore(key, text) {                      // text null: remove the key
  try {
    if (text === null) localStorage.removeItem(STORE_PREFIX + key);
    else localStorage.setItem(STORE_PREFIX + key, text);
    memory.delete(key);
  } catch {
    storageMode = "memory";
    memory.set(key, text);
  }
}

function saveDownload({ name, type, text }) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function mountTool(root) {
  if (root.dataset.toolMounted) return;
  root.dataset.toolMounted = "true";
  const keys = root.dataset.toolKeys.split(" ").filter(Boolean);
  const status = root.querySelector("[data-tool-status]");
  let file = null;
  let queue = Promise.resolve();
  let booted = false;

  const forms = () => Object.fromEntries(Array.from(root.querySelectorAll("form[data-tool-form]"), (form) =>
    [form.dataset.toolForm, Array.from(new FormData(form)).filter(([, value]) => typeof value === "string")]));

  const apply = (reply) => {
    if (reply.fatal) {
      status.textContent = `Something went wrong: ${reply.fatal}`;
      return;
    }
    for (const [key, text] of Object.entries(reply.store ?? {})) writeStore(key, text);
    for (const [name, html] of Object.entries(reply.regions ?? {})) {
      const region = root.querySelector(`[data-tool-region="${name}"]`);
      if (region) region.innerHTML = html;          // built and escaped by Python
    }
    for (const [name, errors] of Object.entries(reply.errors ?? {})) {
      const form = root.querySelector(`form[data-tool-form="${name}"]`);
      if (form) showErrors(form, errors);
    }
    if (reply.download) saveDownload(reply.download);
    status.textContent = reply.announce ?? "";
    root.dataset.state = reply.state ?? "ready";
    if (reply.focus) document.getElementById(reply.focus)?.focus();
  };

  // One request at a time, each reading storage as the previous one left it.
  const send = (action, arg = "") => {
    root.dataset.state = "loading";
    queue = queue.then(() => {
      const stored = Object.fromEntries(keys.map((key) => [key, readStore(key)]));
      const request = { tool: root.dataset.tool, action, arg, forms: forms(), stored, storage: storageMode, file };
      return compute(request).then((reply) => { if (root.isConnected) apply(reply); });
    }).catch((error) => {
      status.textContent = booted
        ? `The page stopped working (${error.message}). Your saved data is untouched; reload the page to try again.`
        : `The engine could not load (${error.message}). Your saved data is untouched; reload the page to try again.`;
      status.classList.add("sp-status--error");
    });
  };

  status.textContent = "Loading. Your data stays in this browser.";
  startEngine().ready.then(() => { booted = true; }, () => {});

  root.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target.closest("form[data-tool-form]");
    send(event.submitter?.dataset.toolAction || form.dataset.toolAction);
  });
  root.addEventListener("input", (event) => {
    const form = event.target.closest("form[data-tool-live]");
    if (form) send(form.dataset.toolAction);
  });
  root.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-tool-action]");
    if (button && button.type !== "submit") send(button.dataset.toolAction, button.dataset.toolArg ?? "");
    if (event.target.closest("[data-print]")) window.print();
  });
  root.addEventListener("change", async (event) => {
    const input = event.target.closest("input[type=file][data-tool-file]");
    if (!input || !input.files.length) return;
    const picked = input.files[0];
    const tooBig = picked.size > Number(input.dataset.maxBytes);     // not read at all; Python says why
    file = { name: picked.name, size: picked.size, text: tooBig ? null : await picked.text() };
    input.value = "";                                  // the same file can be picked again
    send(input.dataset.toolFile);
  });
  addEventListener("storage", (event) => {            // another tab changed the same data
    if (root.isConnected && event.key && keys.some((key) => event.key === STORE_PREFIX + key)) send("refresh");
  });
  send("load");
}

function mountAll() {
  for (const root of document.querySelectorAll("[data-calc]")) mount(root);
  for (const root of document.querySelectorAll("[data-tool]")) mountTool(root);
}

// Links in an error summary move focus to their field (and keep Material's instant navigation
// from treating them as page links).
document.addEventListener("click", (event) => {
  const jump = event.target.closest("[data-calc-focus]");
  if (!jump) return;
  event.preventDefault();
  event.stopPropagation();
  document.getElementById(jump.getAttribute("href").slice(1))?.focus();
}, true);

// Copy buttons, wherever they are (scripts, sentences inside results that Python re-renders):
// <button data-copy="ID"> copies the text of the element with that id.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  let note = button.nextElementSibling;
  if (!note || !note.matches("[data-copy-status]")) {
    note = document.createElement("span");
    note.className = "sp-copy-status";
    note.setAttribute("role", "status");
    note.dataset.copyStatus = "";
    button.after(note);
  }
  if (source) copyText(source.innerText.trim(), note, null);
});

window.addEventListener("hashchange", () => {
  for (const root of document.querySelectorAll("[data-calc]")) root.dispatchEvent(new Event("calc:link"));
});

if (window.document$) window.document$.subscribe(mountAll);
else mountAll();

// Offline: register the service worker (sw.js at the site root). When a new build has been cached
// and is waiting, offer a reload; the new version takes over only when the reader accepts.
function offerUpdate(waiting) {
  if (document.querySelector("[data-sp-update]")) return;
  const banner = document.createElement("div");
  banner.className = "sp-update";
  banner.dataset.spUpdate = "";
  banner.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = "A new version of Scope & Pace is available. ";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = "Reload";
  button.addEventListener("click", () => waiting.postMessage("skip-waiting"));
  banner.append(text, button);
  document.body.append(banner);
}

async function registerOffline() {
  // Wait for the page, and on calculator pages for Python, so the precache download never
  // competes with what the reader is waiting for.
  if (document.readyState !== "complete") await new Promise((done) => addEventListener("load", done, { once: true }));
  if (engine) await engine.ready.catch(() => {});
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => { if (hadController) location.reload(); });
  const registration = await navigator.serviceWorker.register(new URL("../../sw.js", import.meta.url));
  const watch = (worker) => worker.addEventListener("statechange", () => {
    if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
  });
  if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
  if (registration.installing) watch(registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
}

if ("serviceWorker" in navigator) registerOffline().catch(() => {});
