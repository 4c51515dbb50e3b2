"""Offline and installable: after one visit every page, every calculator and the tools work with
the network off; a new build replaces the old cache whole, after the reader accepts the prompt."""

from __future__ import annotations

import json
import re
import shutil

from playwright.sync_api import expect

from calculators import CALCULATORS
from support import BOOT, next_build, wait_until, wait_until_controlled

CACHED_FILES = "caches.keys().then(async (names) => (await Promise.all(names.filter((n) => n.startsWith('scope-and-pace-')).map(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname)))).flat())"


def test_a_reading_visit_caches_the_reading_site_and_no_python(browser, built_site):
    context = browser.new_context()
    try:
        page = context.new_page()
        seen = []
        page.on("request", lambda request: seen.append(request.url))
        page.goto(built_site.url + "/playbook/")
        wait_until_controlled(page)
        cached = page.evaluate(CACHED_FILES)
        assert "/playbook/scripts/" in cached and "/calculators/trade-off/" in cached
        assert not [f for f in cached if "/pyodide/" in f or f.endswith("python-worker.mjs")]
        assert not [u for u in seen if "/pyodide/" in u or u.endswith("python-worker.mjs")]
        context.set_offline(True)
        for path in ["/", "/playbook/scripts/", "/conditions/shift-bidding/", "/print/", "/calculators/"]:
            assert page.goto(built_site.url + path).ok, path
            expect(page.locator("h1")).to_be_visible()
    finally:
        context.close()


def test_after_one_calculator_every_calculator_and_tool_works_offline(browser, built_site):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(built_site.url + "/calculators/retention/")
        page.wait_for_selector("[data-calc='retention'][data-state='ready']", timeout=BOOT)
        wait_until_controlled(page)
        wait_until(page, "document.documentElement.dataset.spRuntime === 'cached'", BOOT)
        context.set_offline(True)
        for slug in CALCULATORS:
            page.goto("about:blank")  # a real page load each time, not a fragment change
            page.goto(f"{built_site.url}/calculators/{slug}/#v=1")
            page.wait_for_selector(f"[data-calc='{slug}'][data-state='ready']", timeout=BOOT)
        page.goto(f"{built_site.url}/calculators/hourly-rate/")
        page.wait_for_selector("[data-calc='hourly-rate'][data-state='ready']", timeout=BOOT)
        page.fill("#hourly-rate-hours_per_week_after", "50")
        expect(page.locator("[data-result='hours_to_cut_per_week']")).to_have_attribute("data-value", "3")
        # The log saves a day and the packet reads it, with the network still off.
        page.goto(f"{built_site.url}/tools/log/")
        page.wait_for_selector("[data-calc='log'][data-state='ready']", timeout=BOOT)
        for field, value in (("date", "2026-11-20"), ("start", "08:00"), ("end", "18:00"), ("patients", "12")):
            page.fill(f"#log-entry-{field}", value)
        page.click("text=Save this day")
        expect(page.locator("[data-entry='2026-11-20']")).to_be_visible()
        page.goto(f"{built_site.url}/tools/packet/")
        page.wait_for_selector("[data-calc='packet'][data-state='ready']", timeout=BOOT)
        expect(page.locator(".sp-packet")).to_be_visible()
    finally:
        context.close()


def test_the_reader_can_save_everything_for_offline_use_from_a_reading_page(browser, built_site):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(built_site.url + "/calculators/")
        wait_until_controlled(page)
        page.get_by_role("button", name="Save everything for offline use").click()
        expect(page.locator("#offline-status")).to_contain_text("Saved", timeout=BOOT)
        assert "/pyodide/pyodide.asm.wasm" in page.evaluate(CACHED_FILES)
        context.set_offline(True)
        page.goto(built_site.url + "/calculators/trade-off/")
        page.wait_for_selector("[data-calc='trade-off'][data-state='ready']", timeout=BOOT)
    finally:
        context.close()


def test_manifest_makes_the_site_installable(built_site):
    html = (built_site.path / "index.html").read_text()
    href = re.search(r'<link rel="manifest" href="([^"]+)"', html).group(1)
    manifest = json.loads((built_site.path / href).read_text())
    assert manifest["display"] == "standalone" and manifest["start_url"] and manifest["name"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert (built_site.path / "assets" / "sp" / icon["src"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_precache_lists_every_page_and_the_runtime_apart(built_site):
    script = (built_site.path / "sw.js").read_text()
    files = json.loads(re.search(r"const SITE = ({.*?});", script, re.S).group(1))
    runtime = json.loads(re.search(r"const RUNTIME = ({.*?});", script, re.S).group(1))
    assert not [f for f in files if f.startswith("pyodide/")]
    pages = {
        p.relative_to(built_site.path).parent.as_posix() + "/"
        for p in built_site.path.rglob("index.html")
        if "pyodide" not in p.parts
    }
    assert {("./" if p == "./" else p) for p in pages} <= set(files) | {"./"}
    for name in ("pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json"):
        assert name in runtime
    assert "assets/sp/python-worker.mjs" in runtime
    assert all(
        (built_site.path / (f if not f.endswith("/") else f + "index.html")).exists()
        for f in [*files, *runtime]
        if f != "./"
    )


def test_a_new_build_replaces_the_old_cache_after_the_prompt(site_copy, tmp_path):
    copy, url, page = site_copy
    page.goto(url + "/playbook/")
    wait_until_controlled(page)
    old = page.evaluate("caches.keys()")
    # "deploy" a new build: a changed page and a new service worker version
    nxt = next_build(copy, tmp_path / "next")
    for name in ("sw.js", "playbook/index.html"):
        shutil.copy2(nxt / name, copy / name)
    version = re.search(r'const VERSION = "([^"]+)"', (nxt / "sw.js").read_text()).group(1)
    page.reload()
    expect(page.locator("h1")).not_to_contain_text("second edition")  # old version until accepted
    prompt = page.locator("[data-sp-update]")
    expect(prompt).to_be_visible(timeout=BOOT)
    prompt.get_by_role("button", name="Reload").click()
    expect(page.locator("h1")).to_contain_text("second edition", timeout=BOOT)
    keys = page.evaluate("caches.keys()")
    assert keys == [f"scope-and-pace-{version}"] and keys != old
