// Scope & Pace browser runtime: the site's one page script (beside python-worker.mjs and the
// generated sw.js), generic: it names no component and holds no math.
//
// It mounts every component ([data-calc] element) on the page, idempotently, from Material's
// document$ (instant navigation swaps pages without a reload), and talks to one module Web Worker
// running Pyodide (python-worker.mjs). For each thing the reader does (a live form changed, a form
// submitted, a button with data-calc-action, a file picked, a link opened, another tab changing the
// stored data) it sends Python one request: the action, every form as typed, the component's keys
// in browser storage and the last file picked. It then does what the reply says: write storage,
// swap regions of HTML, set fields, show field messages, save a download, set the link fragment,
// announce, move focus. The protocol is documented once, in calculators/framework/protocol.py.
// Requests run one at a time, in order; a keystroke superseded by a newer request is skipped, and
// values are written into fields only from the newest reply, so nothing typed meanwhile is lost.
// What only a later visit needs (the Python snapshot, made by a second worker, and the offline copy
// of the runtime), and the site's search index, wait until Python has answered and the page is idle.
//
// Tables send what a spreadsheet pasted into a cell as the action "paste" (see below).
//
// It also handles copy buttons (<button data-copy="ID"> copies the text of element ID), preset
// buttons (data-calc-set), print buttons (data-print: the page, or data-print="result": one region),
// links in error summaries (data-calc-focus), and registers the offline service worker with its
// "new version" prompt.

const WORKER_URL = new URL("./python-worker.mjs", import.meta.url);
let engine = null;            // { worker, ready: Promise, settled: Promise, calls: Map }
let callSeq = 0;
let offline = null;           // the offline service worker's registration, once registered

function startEngine() {
  if (engine) return engine;
  // Started early by the page's head (overrides/main.html) when the page was loaded with a component.
  const early = window.__spPython;
  const worker = early ?? new Worker(WORKER_URL, { type: "module", name: "scope-and-pace-python" });
  const calls = new Map();
  let settle, answered;
  const ready = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  ready.catch(() => {});
  // What only later visits need (the snapshot, the offline copy of the runtime) waits until
  // Python has answered once and the page is idle: nothing of it stands before the first answer.
  const settled = new Promise((resolve) => { answered = resolve; }).then(whenIdle);
  // The search index was held back by the page (overrides/main.html) until now, or until Python
  // could not start.
  const searchable = () => window.__spSearch?.();
  settled.then(searchable);
  ready.catch(searchable);
  const fail = (message) => {
    engine.failed = message;                  // later requests fail at once instead of waiting
    settle.reject(new Error(message));
    for (const { reject } of calls.values()) reject(new Error(message));
    calls.clear();
  };
  const receive = ({ data }) => {
    // data-sp-python says how Python started ("snapshot" or "boot"); data-sp-snapshot="kept" that a
    // snapshot for the next visit is stored. For the tests and the benchmark; nothing depends on them.
    if (data.type === "ready") {
      document.documentElement.dataset.spPython = data.from;
      settle.resolve();
      if (data.from === "boot") settled.then(makeSnapshot);
    } else if (data.type === "boot-error") fail(data.message);
    else if (data.type === "result") answered();
    if (data.type === "result" && calls.has(data.id)) {
      const { resolve, reject } = calls.get(data.id);
      calls.delete(data.id);
      if (data.error) reject(new Error(data.error)); else resolve(data.reply);
    }
  };
  engine = { worker, ready, settled, calls, failed: null };
  if (early) {
    early.onmessage = early.onerror = null;
    for (const data of early.early) receive({ data });
  }
  worker.addEventListener("message", receive);
  worker.addEventListener("error", (event) => { event.preventDefault(); fail(event.message || "the worker could not start"); });
  return engine;
}

function whenIdle() {
  return new Promise((idle) => {
    if ("requestIdleCallback" in window) requestIdleCallback(() => idle(), { timeout: 2000 });
    else setTimeout(idle, 200);
  });
}

// The memory snapshot a later visit starts from, made by a Python of its own (python-worker.mjs,
// started under another name and address), which is ended once it has kept the snapshot or given up.
function makeSnapshot() {
  const maker = new Worker(new URL("?snapshot", WORKER_URL), { type: "module", name: "scope-and-pace-snapshot" });
  maker.addEventListener("message", ({ data }) => {
    if (data.type === "snapshot-kept") document.documentElement.dataset.spSnapshot = "kept";
    maker.terminate();
  });
  maker.addEventListener("error", (event) => { event.preventDefault(); maker.terminate(); });
}

function compute(request) {
  const { worker, calls, failed } = startEngine();
  if (failed) return Promise.reject(new Error(failed));
  const id = ++callSeq;
  return new Promise((resolve, reject) => {
    calls.set(id, { resolve, reject });
    worker.postMessage({ id, request });
  });
}

// A fragment holds settings only when it looks like them (has "="), so that ordinary section
// anchors (#how-it-works) are left alone.
function linkFragment() {
  const hash = location.hash.slice(1);
  return hash.includes("=") ? hash : null;
}

// "Copied." (or why not) appears beside the button that copied, in a live region of its own.
function noteBeside(button) {
  let note = button.nextElementSibling;
  if (!note || !note.matches("[data-copy-status]")) {
    note = document.createElement("span");
    note.className = "sp-copy-status";
    note.setAttribute("role", "status");
    note.dataset.copyStatus = "";
    button.after(note);
  }
  return note;
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

// Browser storage under "scope-and-pace:<key>". When the browser refuses (a private window, a
// policy, a full quota) values live in memory for this tab, and Python is told so it can say so.
const STORE_PREFIX = "scope-and-pace:";
const memory = new Map();
let storageMode = "local";     // or why the browser keeps nothing: "blocked" (refused) or "full" (quota)

function readStore(key) {
  if (memory.has(key)) return memory.get(key);
  try { return localStorage.getItem(STORE_PREFIX + key); } catch { storageMode = "blocked"; return null; }
}

function writeStore(key, text) {                      // text null: remove the key. False if refused.
  try {
    if (text === null) localStorage.removeItem(STORE_PREFIX + key);
    else localStorage.setItem(STORE_PREFIX + key, text);
    memory.delete(key);
    return true;
  } catch (error) {
    storageMode = error?.name === "QuotaExceededError" ? "full" : "blocked";
    memory.set(key, text);
    return false;
  }
}

// One read-modify-write of browser storage at a time across every tab of the site (Web Locks), for
// components that keep data; where the API is missing, the tab's own queue is all there is.
//
// The lock alone is not enough: a tab sees another tab's localStorage write a moment later, not at
// once. So every write under the lock also counts a generation in IndexedDB (which every tab reads
// alike) and in localStorage (which arrives in order after the data); a tab that takes the lock
// waits, at most two seconds, until its localStorage has caught up with that count.
function exclusively(keys, work) {
  if (!keys.length || !navigator.locks) return work(() => {});
  return navigator.locks.request(`${STORE_PREFIX}storage`, async () => {
    const seen = await caughtUp();
    return work(() => advance(seen + 1));
  });
}

const GENERATION = `${STORE_PREFIX}generation`;

function generations(mode, change) {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open("scope-and-pace", 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore("meta");
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const db = opening.result;
      const store = db.transaction("meta", mode).objectStore("meta");
      const done = (value) => { db.close(); resolve(value); };
      const request = change === undefined ? store.get("generation") : store.put(change, "generation");
      request.onsuccess = () => done(change ?? Number(request.result ?? 0));
      request.onerror = () => { db.close(); reject(request.error); };
    };
  });
}

async function caughtUp() {
  try {
    const latest = await generations("readonly");
    const deadline = performance.now() + 2000;
    while (Number(localStorage.getItem(GENERATION) ?? 0) < latest && performance.now() < deadline) {
      await new Promise((later) => setTimeout(later, 10));
    }
    return latest;
  } catch {
    return 0;                                       // no IndexedDB or no storage: nothing to wait for
  }
}

async function advance(generation) {
  try {
    localStorage.setItem(GENERATION, String(generation));
    await generations("readwrite", generation);
  } catch {}
}

// Print the page, or only one region of it (<button data-print="result">): site.css hides all
// but that region and what contains it while html[data-printing] is set.
function printOnly(region) {
  if (region) {
    region.setAttribute("data-print-target", "");
    document.documentElement.dataset.printing = "";
  }
  const done = () => {
    region?.removeAttribute("data-print-target");
    delete document.documentElement.dataset.printing;
  };
  addEventListener("afterprint", done, { once: true });
  window.print();
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

const senders = new WeakMap();     // mounted root -> its send(action, arg)

function mount(root) {
  if (root.dataset.calcMounted) return;
  root.dataset.calcMounted = "true";
  const keys = (root.dataset.calcKeys ?? "").split(" ").filter(Boolean);
  const status = root.querySelector("[data-calc-status]");
  const linkText = root.querySelector("[data-calc-link-text]");
  let file = null;               // the last file picked, and every file of a multiple pick
  let files = [];
  let fragment = "";
  let latest = 0;
  let queue = Promise.resolve();
  const dirty = new Map();       // form name -> the fields typed in since the last request (Python merges by field)
  let booted = false;

  const forms = () => Object.fromEntries(Array.from(root.querySelectorAll("form[data-calc-form]"), (form) =>
    [form.dataset.calcForm, Array.from(new FormData(form)).filter(([, value]) => typeof value === "string")]));
  const formNamed = (name) => root.querySelector(`form[data-calc-form="${name}"]`);

  const apply = (reply, newest, action) => {
    if (reply.fatal) {
      status.textContent = `Something went wrong: ${reply.fatal}`;
      return;
    }
    const writes = Object.entries(reply.store ?? {});
    const refused = writes.filter(([key, text]) => !writeStore(key, text)).length;
    // A write the browser refused is said at once, by Python, in words that fit the cause.
    if (refused && action !== "store-failed") send("store-failed", storageMode);
    for (const [name, html] of Object.entries(reply.regions ?? {})) {
      const region = root.querySelector(`[data-calc-region="${name}"]`);
      if (region) region.innerHTML = html;          // built and escaped by Python
    }
    if (newest) {
      for (const [name, values] of Object.entries(reply.fields ?? {})) {
        for (const input of formNamed(name)?.querySelectorAll("input[name], select[name]") ?? []) {
          if (input.name in values && input.value !== values[input.name]) input.value = values[input.name];
        }
      }
    }
    for (const [name, errors] of Object.entries(reply.errors ?? {})) {
      const form = formNamed(name);
      if (form) showErrors(form, errors);
    }
    if (reply.download) saveDownload(reply.download);
    if (typeof reply.fragment === "string") {
      fragment = reply.fragment;
      history.replaceState(history.state, "", location.pathname + location.search + (fragment ? `#${fragment}` : ""));
    }
    status.textContent = reply.announce ?? "";
    if (newest) {
      root.dataset.state = reply.state ?? "ready";
      showPending(false);
      showBroken(false);
    }
    if (reply.focus) document.getElementById(reply.focus)?.focus();
    return writes.length - refused;                // how many writes reached storage
  };

  // One request at a time, each reading the forms and storage as they are when it starts.
  const send = (action, arg = "", live = false) => {
    const id = ++latest;
    root.dataset.state = "loading";
    queue = queue.then(async () => {
      if (live && id !== latest) return;            // a newer request supersedes this keystroke
      const edited = Object.fromEntries(Array.from(dirty, ([form, names]) => [form, [...names]]));
      dirty.clear();                               // these edits travel with this request
      const typed = forms();
      const request = () => {
        const stored = Object.fromEntries(keys.map((key) => [key, readStore(key)]));   // may set storageMode
        return { component: root.dataset.calc, action, arg, forms: typed, edited, stored, storage: storageMode, file, files };
      };
      // Most requests only read storage (a keystroke in a calculator): they take no lock. A reply
      // that writes is worked out again under the storage lock every tab shares (see exclusively),
      // from storage as it is then, so two tabs saving at once both keep their writes.
      const reply = await compute(request());
      if (!keys.length || !Object.keys(reply.store ?? {}).length) {
        if (root.isConnected) apply(reply, id === latest, action);
        return;
      }
      await exclusively(keys, async (wrote) => {
        const again = await compute(request());
        if (root.isConnected && apply(again, id === latest, action)) await wrote();
      });
    }).catch((error) => {
      // The details (a Python traceback, a Pyodide message) are for the console, not the reader.
      console.error("Scope & Pace:", error);
      const after = keys.length ? "What you saved in this browser is untouched." : "What you typed is kept.";
      status.textContent = booted
        ? `Something went wrong while working this out, so what is shown may be out of date. ${after} Reload the page to try again.`
        : `The part of this page that works out results could not start in this browser. ${after} Reload the page to try again.`;
      root.dataset.state = "error";
      showBroken(true);
    });
  };
  // After a failure: the status in the error style and the result marked out of date, until an
  // answer comes back.
  const showBroken = (broken) => {
    status.classList.toggle("sp-status--error", broken);
    for (const region of root.querySelectorAll("[data-calc-region=result]")) {
      if (broken) region.dataset.calcStale = ""; else delete region.dataset.calcStale;
    }
  };
  senders.set(root, send);

  // A link's own numbers appear in the fields at once, and so do the results its sender saw (its
  // "r.<data-result key>" settings), as the text of those figures, marked and announced as being
  // checked; without them, the result drawn for other numbers is marked as not yet updated. Python
  // then checks and computes them, and its answer replaces them (data-value and data-state are
  // Python's alone).
  const pendingNote = root.querySelector("[data-calc-pending]");
  const defaultsNote = pendingNote?.textContent;
  const showPending = (pending, sent = false) => {
    if (pendingNote) {
      pendingNote.hidden = !pending;
      if (pending) pendingNote.textContent = sent ? pendingNote.dataset.calcPendingSent : defaultsNote;
    }
    for (const region of root.querySelectorAll("[data-calc-region=result]")) {
      if (pending) region.setAttribute("aria-busy", "true"); else region.removeAttribute("aria-busy");
      if (pending && sent) region.dataset.calcChecking = ""; else delete region.dataset.calcChecking;
    }
  };
  const showLink = (link) => {
    const form = root.querySelector("form[data-calc-form]");
    let sent = 0;
    for (const [name, value] of new URLSearchParams(link)) {
      const figure = name.startsWith("r.") && value.length <= 80
        && root.querySelector(`[data-calc-region=result] [data-result="${CSS.escape(name.slice(2))}"]`);
      if (figure) {
        figure.textContent = value;
        sent += 1;
        continue;
      }
      const input = form?.elements.namedItem(name);
      if ((input instanceof HTMLInputElement && input.type !== "file") || input instanceof HTMLSelectElement) input.value = value;
    }
    showPending(true, sent > 0);
    if (sent) status.textContent = pendingNote?.dataset.calcPendingSent ?? "";
  };

  status.textContent = root.dataset.calcLoading ?? "";
  const link = linkFragment();
  if (link && "calcLinks" in root.dataset) showLink(link);
  startEngine().ready.then(() => { booted = true; }, () => {});

  root.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target.closest("form[data-calc-form]");
    send(event.submitter?.dataset.calcAction || form.dataset.calcAction);
  });
  root.addEventListener("input", (event) => {
    const edited = event.target.closest("form[data-calc-form]");
    if (edited && event.target.name) {
      if (!dirty.has(edited.dataset.calcForm)) dirty.set(edited.dataset.calcForm, new Set());
      dirty.get(edited.dataset.calcForm).add(event.target.name);
    }
    const form = event.target.closest("form[data-calc-live]");
    if (form) send(form.dataset.calcLive, "", true);
  });
  root.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-calc-action]");
    if (button && button.type !== "submit") send(button.dataset.calcAction, button.dataset.calcArg ?? "");
    const preset = event.target.closest("[data-calc-set]");
    if (preset) {
      const input = document.getElementById(preset.getAttribute("aria-controls"));
      input.value = preset.dataset.calcSet;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    const linkButton = event.target.closest("[data-calc-link]");
    if (linkButton) {
      const url = new URL(location.href);
      url.hash = fragment;
      copyText(url.href, noteBeside(linkButton), linkText);
    }
    const printButton = event.target.closest("[data-print]");
    if (printButton) printOnly(printButton.dataset.print && root.querySelector(`[data-calc-region="${printButton.dataset.print}"]`));
  });
  root.addEventListener("change", async (event) => {
    const input = event.target.closest("input[type=file][data-calc-file]");
    if (!input || !input.files.length) return;
    // Each file is read here, never sent anywhere: Python gets its text. A file over the limit is
    // not read at all (Python says why). UTF-8 if it is valid UTF-8; otherwise what Excel writes for
    // "CSV (Comma delimited)", said so.
    const read = async (picked) => {
      const one = { name: picked.name, size: picked.size, text: null, encoding: "utf-8" };
      if (picked.size > Number(input.dataset.maxBytes)) return one;
      const bytes = await picked.arrayBuffer();
      try {
        one.text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        one.text = new TextDecoder("windows-1252").decode(bytes);
        one.encoding = "windows-1252";
      }
      return one;
    };
    const all = Array.from(input.files).slice(0, Number(input.dataset.maxFiles ?? 1));
    files = await Promise.all(all.map(read));
    file = files[0];
    input.value = "";                                  // the same file can be picked again
    send(input.dataset.calcFile);
  });
  // Rows pasted from a spreadsheet (tabs between cells, lines between rows) into a table's cell go
  // to Python whole, with the cell they were pasted into; a single value pastes as usual.
  root.addEventListener("paste", (event) => {
    const cell = event.target.closest("[data-calc-cell]");
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (!cell || !/[\t\n]/.test(text.trim())) return;
    event.preventDefault();
    send("paste", `${cell.dataset.calcCell}\n${text}`);
  });
  addEventListener("storage", (event) => {            // another tab changed the same data
    if (root.isConnected && event.key && keys.some((key) => event.key === STORE_PREFIX + key)) send("refresh");
  });

  if (link && "calcLinks" in root.dataset) send("link", link);
  else send("load");
}

function mountAll() {
  const roots = document.querySelectorAll("[data-calc]");
  for (const root of roots) mount(root);
  // A component reached by instant navigation: keep the runtime too, once Python has answered.
  if (roots.length && offline) engine.settled.then(cacheRuntime).catch(() => {});
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
  if (source) copyText(source.innerText.trim(), noteBeside(button), null);
});

window.addEventListener("hashchange", () => {
  const link = linkFragment();
  if (!link) return;
  for (const root of document.querySelectorAll("[data-calc][data-calc-links]")) senders.get(root)?.("link", link);
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

// Ask the service worker to keep the Python runtime for offline use: when a page with a component
// has started Python (the files are then in the HTTP cache), and when the reader asks for it
// (<button data-sp-offline>). Resolves once it is stored.
async function cacheRuntime() {
  if (!("serviceWorker" in navigator)) throw new Error("this browser cannot keep pages offline");
  const registration = await navigator.serviceWorker.ready;
  const channel = new MessageChannel();
  const answer = new Promise((done) => { channel.port1.onmessage = ({ data }) => done(data); });
  registration.active.postMessage("cache-runtime", [channel.port2]);
  const reply = await answer;
  if (reply !== "runtime-cached") throw new Error(reply);
  document.documentElement.dataset.spRuntime = "cached";
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-sp-offline]");
  if (!button) return;
  const status = document.getElementById(button.getAttribute("aria-describedby")) ?? button;
  status.textContent = "Saving the calculators for offline use…";
  cacheRuntime().then(
    () => { status.textContent = "Saved. Every page, calculator and tool now works without a connection, in this browser."; },
    (error) => { status.textContent = `Could not save for offline use (${error.message}).`; });
});

async function registerOffline() {
  // Wait for the page, and on calculator pages for Python's first answer, so the precache download
  // never competes with what the reader is waiting for.
  if (document.readyState !== "complete") await new Promise((done) => addEventListener("load", done, { once: true }));
  if (engine) await engine.ready.then(() => engine.settled, () => {});
  // Reload on every change of controller but the very first claim of a page that had none, so that
  // no tab runs two versions at once (the first tab included).
  let claimed = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (claimed) location.reload();
    claimed = true;
  });
  const registration = await navigator.serviceWorker.register(new URL("../../sw.js", import.meta.url));
  const watch = (worker) => worker.addEventListener("statechange", () => {
    if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
  });
  if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
  if (registration.installing) watch(registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
  offline = registration;
  if (engine) cacheRuntime().catch(() => {});
}

if ("serviceWorker" in navigator) registerOffline().catch(() => {});
