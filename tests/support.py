"""What the tests share: the built site and its loopback server, Chromium, waiting under the CSP,
axe-core, the list of pages, and the example data several files use. Fixtures are in conftest.py."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import importlib.util
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from calculators import CALCULATORS
from calculators.components.impact_log.data import ENTRY, Log
from calculators.framework.html import data_value
from calculators.framework.inputs import Number, Table

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BOOT = 90_000  # ms: the longest a Pyodide boot may take on a shared, noisy machine
TODAY = dt.date(2026, 11, 23)


class Built:
    def __init__(self, path: Path, log: str, url: str):
        self.path = path
        self.log = log
        self.url = url


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser closing a download early is fine
            super().handle_error(request, client_address)


def make_server(directory: Path, handler=Handler) -> tuple[str, http.server.ThreadingHTTPServer]:
    """A loopback server for a folder, bound to a free port but not yet serving."""
    server = Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    return f"http://127.0.0.1:{server.server_address[1]}", server


def start(server) -> None:
    threading.Thread(target=server.serve_forever, daemon=True).start()


def serve(directory: Path, handler=Handler):
    """Serve a folder on an ephemeral loopback port; returns (base_url, server)."""
    url, server = make_server(directory, handler)
    start(server)
    return url, server


def build(out: Path, site_url: str, root: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a checkout (this one unless `root` says) into `out`, published at `site_url`."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": site_url, **(env or {})},
    )


def wait_until(page, expression: str, timeout_ms: int = BOOT) -> None:
    """Poll a JavaScript expression until it is truthy. Unlike page.wait_for_function, whose later
    polls evaluate strings inside the page, this works under the site's CSP (no 'unsafe-eval')."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(50)


# Follow a link within the page: take the old fragment off the address without an event
# (replaceState), so that setting the new one is exactly one hashchange, even for the fragment the
# page shows already. The runtime's own hashchange listener was registered when the page loaded, so
# it runs before the one added here: by the time this one has run, the component is "loading" if it
# asked Python anything. (The answer is then waited for from outside: a promise that waits for it
# inside one evaluate is avoided on purpose, as Chromium was seen holding the worker's first reply
# until such an evaluate returned.)
FOLLOW = """(fragment) => {
  window.__spFollowed = false;
  addEventListener("hashchange", () => { window.__spFollowed = true; }, { once: true });
  history.replaceState(history.state, "", location.pathname + location.search);
  location.hash = fragment;
}"""
ANSWERED = "window.__spFollowed && document.querySelector('[data-calc]').dataset.state !== 'loading'"


def set_fragment(page, fragment: str, timeout_ms: int = BOOT) -> str:
    """Change the address's fragment of a page with a component (as following a link within the page
    does), and return the component's state once Python has answered it, and still so a moment later
    (on a busy machine a request the answer set off can start just after it)."""
    page.evaluate(FOLLOW, fragment)
    for _ in range(10):
        wait_until(page, ANSWERED, timeout_ms)
        page.wait_for_timeout(30)
        state = page.evaluate("document.querySelector('[data-calc]').dataset.state")
        if state != "loading":
            return state
    return state


# --- Deploying a new build ---------------------------------------------------------------------------


def offline_hook():
    spec = importlib.util.spec_from_file_location("offline_hook", ROOT / "overrides" / "hooks" / "offline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def next_build(site: Path, where: Path, *, lock_changes: bool = False) -> Path:
    """A copy of `site` as the next build would be: a page edited (and, if asked, the lock file),
    with its own sw.js."""
    shutil.copytree(site, where)
    page = where / "playbook" / "index.html"
    page.write_text(page.read_text().replace(">The playbook<a", ">The playbook, second edition<a", 1))
    if lock_changes:
        lock = where / "pyodide" / "pyodide-lock.json"
        lock.write_text(lock.read_text() + "\n")
    offline_hook().on_post_build({"site_dir": str(where)})
    return where


def wait_until_controlled(page) -> None:
    """The service worker is active (installed, so its cache is complete) and controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    wait_until(page, "navigator.serviceWorker.controller !== null", BOOT)


# --- Accessibility ---------------------------------------------------------------------------------

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page, within: str | None = None) -> list[str]:
    """axe-core's WCAG 2.2 AA findings on the page as it is now, or on the part of it that the CSS
    selector `within` names (the context must bypass the CSP)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async ([tags, within]) => (await axe.run(within ?? document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)",
        [AXE_TAGS, within],
    )


def all_pages(built_site) -> list[str]:
    """Every page of the built site, as its path."""
    pages = []
    for path in sorted(built_site.path.rglob("*.html")):
        rel = path.relative_to(built_site.path).as_posix()
        if rel.startswith("pyodide/"):
            continue
        pages.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return pages


# --- Worked examples in the browser -------------------------------------------------------------------


def replay_example(page, site_url: str, slug: str, example) -> None:
    """Open a calculator through a link holding a worked example's inputs, and check every figure."""
    fragment = CALCULATORS[slug].to_fragment(CALCULATORS[slug].completed(example.inputs))
    page.goto("about:blank")  # a page load every time, never a fragment change
    page.goto(f"{site_url}/calculators/{slug}/" + (f"#{fragment}" if fragment else ""))
    page.wait_for_selector(f"[data-calc='{slug}'][data-state='ready']", timeout=BOOT)
    check_example(page, slug, example)


def replay_by_link(page, slug: str, example) -> None:
    """On a page where the calculator is already running, follow a link holding a worked example's
    inputs (a change of fragment, no page load), and check every figure."""
    fragment = CALCULATORS[slug].to_fragment(CALCULATORS[slug].completed(example.inputs))
    state = set_fragment(page, fragment or "v=1")
    if state != "ready":  # say what the page says
        said = page.inner_text(f"[data-calc='{slug}'] [data-calc-status]")
        raise AssertionError(f"{example.title}: the page is {state} ({said})")
    check_example(page, slug, example)


def check_example(page, slug: str, example) -> None:
    """The calculator shows a worked example's inputs as typed, and every figure it expects."""
    from playwright.sync_api import expect

    root = page.locator(f"[data-calc='{slug}']")
    for name, text in example.inputs.items():
        assert shown_value(page, slug, name) == text, name
    for key, value in example.expect.items():
        if isinstance(value, bool):
            continue  # flags shape the wording; they are not figures
        figure = root.locator(f"[data-result='{key}']")
        if value is None:
            expect(figure).to_have_count(0)  # left out, and the page says why
        else:
            assert figure.get_attribute("data-value") == data_value(value), key


def shown_value(page, slug: str, name: str) -> str:
    """What a field shows, as its raw string: a table's cells joined as a link writes them."""
    item = next((i for i in CALCULATORS[slug].inputs if i.name == name), None)
    if isinstance(item, Table):
        cells = page.eval_on_selector_all(f"[data-calc='{slug}'] [name='{name}']", "els => els.map((e) => e.value)")
        return item.from_form({name: cells})
    return page.input_value(f"#{slug}-{name}")


def editable_number(slug: str) -> tuple[str, str]:
    """(CSS selector, a valid value) of a calculator's first number field that is not a date: a field
    of its own, else the first number column of its first table."""
    for item in CALCULATORS[slug].inputs:
        if isinstance(item, Number):
            return f"#{slug}-{item.name}", item.example or item.default or "1"
    for item in CALCULATORS[slug].inputs:
        if isinstance(item, Table):
            for column, cell in enumerate(item.columns):
                if isinstance(cell, Number):
                    return f"#{slug}-{item.shown_as}-0-{column}", cell.example or "1"
    raise LookupError(f"{slug} has no number field")


# --- Example data ------------------------------------------------------------------------------------


def entry(date, start="08:00", end="17:00", after="0", patients="15", disruptions="0", t1="", t2="", delay="", **more):
    """One day of the impact log, as stored (its fields in the log's own order, as the page stores
    them); `more` sets the optional details (scheduled_hours, ...)."""
    given = more | {
        "date": date,
        "start": start,
        "end": end,
        "after_hours_minutes": after,
        "patients": patients,
        "disruptions": disruptions,
        "task_1_clicks": t1,
        "task_2_clicks": t2,
        "care_delay": delay,
    }
    return {item.name: given.get(item.name, "") for item in ENTRY}


EXAMPLE = Log(
    {"go_live": "2026-11-09", "task_1_name": "discharge summary", "task_2_name": "", "days_per_week": ""},
    [
        entry("2026-11-02", "08:00", "17:00", "30", "15", "1", "20"),
        entry("2026-11-03", "08:00", "18:00", "60", "15", "0", "22"),
        entry(
            "2026-11-09", "08:00", "19:00", "120", "14", "4", "35", delay="CT order held 40 min by an order-entry error"
        ),
        entry("2026-11-10", "22:00", "08:00", "90", "16", "2"),  # overnight: 10 hours
        entry("2026-11-17", "08:00", "18:00", "120", "15", "3", "33"),
    ],
)

HOSTILE = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']
