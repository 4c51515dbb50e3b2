"""Offline and installable: after one visit every page, every calculator and the tools work with
the network off; a new build replaces the old cache whole, after the reader accepts the prompt."""

from __future__ import annotations

import json
import re
import shutil

from playwright.sync_api import expect

from support import BOOT, serve, wait_until


def wait_until_cached(page):
    """The service worker is active (installed, so its cache is complete) and controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    wait_until(page, "navigator.serviceWorker.controller !== null", BOOT)


def test_every_page_and_calculator_works_offline_after_one_visit(browser, built_site):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(built_site.url + "/")
        wait_until_cached(page)
        context.set_offline(True)
        for path in ["/", "/playbook/scripts/", "/conditions/shift-bidding/", "/print/", "/calculators/"]:
            response = page.goto(built_site.url + path)
            assert response.ok, path
            expect(page.locator("h1")).to_be_visible()
        for slug in ["trade-off", "impact", "transition", "retention", "hourly-rate"]:
            page.goto(f"{built_site.url}/calculators/{slug}/#v=1")
            page.wait_for_selector(f"[data-calc='{slug}'][data-state='ready']", timeout=BOOT)
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


def test_manifest_makes_the_site_installable(built_site):
    html = (built_site.path / "index.html").read_text()
    href = re.search(r'<link rel="manifest" href="([^"]+)"', html).group(1)
    manifest = json.loads((built_site.path / href).read_text())
    assert manifest["display"] == "standalone" and manifest["start_url"] and manifest["name"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert (built_site.path / "assets" / "sp" / icon["src"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_precache_lists_every_page_and_the_runtime(built_site):
    files = json.loads(re.search(r"const FILES = (\[.*?\]);", (built_site.path / "sw.js").read_text()).group(1))
    pages = {
        p.relative_to(built_site.path).parent.as_posix() + "/"
        for p in built_site.path.rglob("index.html")
        if "pyodide" not in p.parts
    }
    assert {("./" if p == "./" else p) for p in pages} <= set(files) | {"./"}
    for name in ("pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json"):
        assert name in files
    assert all(
        (built_site.path / (f if not f.endswith("/") else f + "index.html")).exists() for f in files if f != "./"
    )


def test_a_new_build_replaces_the_old_cache_after_the_prompt(browser, built_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built_site.path, copy)
    url, server = serve(copy)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "/playbook/")
        wait_until_cached(page)
        old = page.evaluate("caches.keys()")
        # "deploy" a new build: a changed page and a new service worker version
        index = copy / "playbook" / "index.html"
        index.write_text(index.read_text().replace(">The playbook<a", ">The playbook, second edition<a", 1))
        assert "second edition" in index.read_text()
        sw = copy / "sw.js"
        sw.write_text(re.sub(r'const VERSION = "[^"]+"', 'const VERSION = "second-build"', sw.read_text()))
        page.reload()
        expect(page.locator("h1")).not_to_contain_text("second edition")  # old version until accepted
        prompt = page.locator("[data-sp-update]")
        expect(prompt).to_be_visible(timeout=BOOT)
        prompt.get_by_role("button", name="Reload").click()
        expect(page.locator("h1")).to_contain_text("second edition", timeout=BOOT)
        keys = page.evaluate("caches.keys()")
        assert keys == ["scope-and-pace-second-build"] and keys != old
    finally:
        context.close()
        server.shutdown()
