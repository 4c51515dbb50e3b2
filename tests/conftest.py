"""Shared fixtures: the site built once per run, served on loopback, and Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Built:
    def __init__(self, path: Path, log: str, url: str):
        self.path = path
        self.log = log
        self.url = url


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json",
                      ".webmanifest": "application/manifest+json"}

    def log_message(self, *args):
        pass


def make_server(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """A loopback server for a folder, bound to a free port but not yet serving."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    return f"http://127.0.0.1:{server.server_address[1]}", server


def start(server) -> None:
    threading.Thread(target=server.serve_forever, daemon=True).start()


def build(out: Path, site_url: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of this checkout into `out`, published at `site_url`."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(out)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "SITE_URL": site_url})


def serve(directory: Path):
    """Serve a folder on an ephemeral loopback port; returns (base_url, server)."""
    url, server = make_server(directory)
    start(server)
    return url, server


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Built:
    """The site built once per test run, for the loopback address it is then served at."""
    out = tmp_path_factory.mktemp("site")
    url, server = make_server(out)
    result = build(out, url + "/")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    start(server)
    yield Built(out, result.stdout + result.stderr, url)
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    return built_site.url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context, site_url):
    """A page that records every request it makes, to check that none leaves the site's origin."""
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.errors_seen = []
    page.on("pageerror", lambda error: page.errors_seen.append(str(error)))
    yield page


def wait_until(page, expression: str, timeout_ms: int = 90_000) -> None:
    """Poll a JavaScript expression until it is truthy. Unlike page.wait_for_function, whose later
    polls evaluate strings inside the page, this works under the site's CSP (no 'unsafe-eval')."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(50)


def pytest_collection_modifyitems(items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
