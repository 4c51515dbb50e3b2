"""Privacy and security promises, on every page of the built site, in Chromium:
no request leaves the origin, the Content-Security-Policy holds with zero violations, and the
policy documented for servers (headers, worker included) lets the calculators run."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from urllib.parse import urlsplit

from support import BOOT, Handler, all_pages

WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def test_crawl_every_page_no_foreign_request_and_no_csp_violation(browser, built_site):
    pages = all_pages(built_site)
    assert len(pages) >= 30
    origin = urlsplit(built_site.url).netloc
    context = browser.new_context()
    seen, console = [], []
    context.on("request", lambda r: seen.append(r.url))
    context.add_init_script(WATCH_CSP)
    try:
        for path in pages:
            page = context.new_page()
            said = []  # this page's console errors and warnings, to explain a failure
            page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
            page.on(
                "console",
                lambda m, said=said: said.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
            )
            page.on("pageerror", lambda e, said=said: said.append(f"pageerror: {e}"))
            page.goto(built_site.url + path)
            if page.locator("[data-calc]").count():
                page.wait_for_selector("[data-calc]:not([data-state='loading'])", timeout=BOOT)
                state = page.get_attribute("[data-calc]", "data-state")
                status = page.locator("[data-calc] [data-calc-status]").first.text_content()
                assert state == "ready", (path, status, said)
            else:
                page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__csp") == [], path
            page.close()
    finally:
        context.close()
    foreign = sorted(
        {u for u in seen if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin}
    )
    assert foreign == []
    assert console == []


def test_every_page_carries_the_policy(built_site):
    for path in built_site.path.rglob("*.html"):
        if "pyodide" in path.parts:
            continue
        html = path.read_text()
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policy, path
        text = policy.group(1)
        assert "default-src 'none'" in text and "'unsafe-inline'" not in text and "'unsafe-eval'" not in text
        assert html.index("Content-Security-Policy") < html.index("<script"), "policy must precede scripts"


def test_policy_documented_for_servers_runs_the_calculators(browser, built_site):
    """Serve the documented headers (page policy everywhere, 'wasm-unsafe-eval' only for the
    calculator worker) and check a calculator boots and computes, with no violation."""
    policies = json.loads((built_site.path / "csp.json").read_text())
    page_policy, worker_policy = policies["page"], policies["worker"]
    assert "wasm-unsafe-eval" in worker_policy and "wasm-unsafe-eval" not in page_policy
    assert "frame-ancestors 'none'" in page_policy

    class Headers(Handler):
        def end_headers(self):
            worker = self.path.split("?")[0] == "/" + policies["worker_path"]
            self.send_header("Content-Security-Policy", worker_policy if worker else page_policy)
            super().end_headers()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Headers, directory=str(built_site.path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    console = []
    try:
        page = context.new_page()
        page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/calculators/trade-off/")
        page.wait_for_selector("[data-calc='trade-off'][data-state='ready']", timeout=BOOT)
        page.fill("#trade-off-added_minutes", "7")
        page.wait_for_selector(
            "[data-calc='trade-off'][data-state='ready'] [data-result='physician_minutes_per_session'][data-value='70']"
        )
    finally:
        context.close()
        server.shutdown()
    assert console == []
