"""What a real reader meets, reproduced in Chromium: a stale file at a CDN edge during an update,
a full storage quota, the tab that first loaded the site, and an error inside Python."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from support import BOOT, next_build, wait_until, wait_until_controlled

READY = "document.querySelector('[data-calc]')?.dataset.state === 'ready'"
SETTLED = "['ready', 'invalid', 'error'].includes(document.querySelector('[data-calc]')?.dataset.state)"
NO_INSTALL = "navigator.serviceWorker.getRegistration().then((r) => !r.installing)"
UPDATE = "navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true, () => true)"
CACHES = "caches.keys().then((keys) => keys.filter((k) => k.startsWith('scope-and-pace-')))"


def test_a_stale_file_at_the_edge_fails_the_update_and_the_old_version_keeps_working(site_copy, tmp_path):
    live, url, page = site_copy
    page.goto(url + "/calculators/trade-off/")
    wait_until(page, READY, BOOT)
    wait_until_controlled(page)
    wait_until(page, "document.documentElement.dataset.spRuntime === 'cached'", BOOT)
    before = page.evaluate(CACHES)
    nxt = next_build(live, tmp_path / "next", lock_changes=True)
    # The edge has the new service worker and page, and still the old lock file.
    for name in ("sw.js", "playbook/index.html"):
        shutil.copy2(nxt / name, live / name)
    page.evaluate(UPDATE)
    wait_until(page, NO_INSTALL, BOOT)
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.waiting === null)")
    assert page.evaluate(CACHES) == before  # the failed install left no cache behind
    page.reload()
    wait_until(page, READY, BOOT)  # the calculator runs, all of it from the old version
    assert page.evaluate("document.documentElement.dataset.spPython") in ("boot", "snapshot")
    # Once the edge serves the right file, the update installs and is offered.
    shutil.copy2(nxt / "pyodide" / "pyodide-lock.json", live / "pyodide" / "pyodide-lock.json")
    page.evaluate(UPDATE)
    expect(page.locator("[data-sp-update]")).to_be_visible(timeout=BOOT)


def test_reload_works_in_the_tab_that_first_loaded_the_site(site_copy, tmp_path):
    live, url, page = site_copy
    page.goto(url + "/playbook/")
    wait_until_controlled(page)  # the first claim: no reload
    nxt = next_build(live, tmp_path / "next", lock_changes=False)
    for name in ("sw.js", "playbook/index.html"):
        shutil.copy2(nxt / name, live / name)
    page.evaluate(UPDATE)
    prompt = page.locator("[data-sp-update]")
    expect(prompt).to_be_visible(timeout=BOOT)
    prompt.get_by_role("button", name="Reload").click()
    expect(page.locator("h1")).to_contain_text("second edition", timeout=BOOT)


FILL_STORAGE = """() => {
  let i = 0;
  for (const size of [1 << 20, 1 << 14, 1 << 8, 1]) {
    const chunk = "x".repeat(size);
    try { for (;;) localStorage.setItem(`another-site-${i++}`, chunk); } catch {}
  }
}"""


def test_a_full_storage_quota_says_not_saved_at_once_and_offers_the_export(browser, site_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{site_url}/tools/log/")
        wait_until(page, READY, BOOT)
        page.evaluate(FILL_STORAGE)
        for field, value in (("date", "2026-11-20"), ("start", "08:00"), ("end", "18:00"), ("patients", "12")):
            page.fill(f"#log-entry-{field}", value)
        page.click("text=Save this day")
        notice = page.locator("[data-calc-region=notice]")
        expect(notice).to_contain_text("Not saved in this browser", timeout=BOOT)
        expect(notice).to_contain_text("storage for this site is full")
        expect(notice.get_by_role("button", name="Export as CSV")).to_be_visible()
        assert "Saved the entry" not in notice.inner_text()
        assert page.evaluate("localStorage.getItem('scope-and-pace:log')") is None
    finally:
        context.close()


BREAK_PYTHON = """() => {
  self.__parse = JSON.parse;
  JSON.parse = () => { throw new Error('Traceback (most recent call last):\\n  File "<exec>", line 1\\nZeroDivisionError: division by zero'); };
}"""


def test_a_python_error_marks_the_result_out_of_date_and_shows_no_internals(page, site_url):
    page.goto(f"{site_url}/calculators/trade-off/")
    wait_until(page, READY, BOOT)
    worker = next(w for w in page.workers if "python-worker" in w.url)
    worker.evaluate(BREAK_PYTHON)
    page.fill("#trade-off-visit_minutes", "30")
    wait_until(page, SETTLED)
    root = page.locator("[data-calc='trade-off']")
    expect(root).to_have_attribute("data-state", "error")
    status = root.locator("[data-calc-status]")
    expect(status).to_contain_text("Something went wrong")
    expect(status).to_have_class("sp-status sp-status--error")
    text = page.inner_text("body")
    for internal in ("Traceback", "ZeroDivisionError", "pyodide.org", "exit("):
        assert internal not in text
    assert root.locator("[data-calc-region=result]").get_attribute("data-calc-stale") == ""
    worker.evaluate("() => { JSON.parse = self.__parse; }")
    page.fill("#trade-off-visit_minutes", "31")
    expect(root).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(status).to_have_class("sp-status")
    assert root.locator("[data-calc-region=result]").get_attribute("data-calc-stale") is None


BLOCK_STORAGE = """Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });"""


@pytest.mark.parametrize("fault", ["blocked", "damaged"])
def test_search_the_palette_and_the_log_survive_blocked_or_damaged_storage(browser, site_url, fault):
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        if fault == "blocked":
            context.add_init_script(BLOCK_STORAGE)
        else:
            page.goto(site_url + "/")
            page.evaluate("""() => { for (const name of ["__palette", "__search", "__tabs"])
                                       localStorage.setItem(`/.${name}`, "{not json"); }""")
        page.goto(site_url + "/playbook/")
        scheme = page.get_attribute("body", "data-md-color-scheme")
        page.locator("label.md-header__button[for^='__palette_']:visible").first.click()
        expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme)
        results = page.locator(".md-search-result__item")
        for _ in range(12):  # typed again if it was typed before the search index had loaded
            page.fill(".md-search__input", "")
            page.locator(".md-search__input").press_sequentially("retention")  # search reads key presses
            try:
                expect(results.first).to_be_visible(timeout=5000)
                break
            except AssertionError:
                pass
        expect(results.first).to_be_visible()
        page.goto(site_url + "/tools/log/")
        wait_until(page, READY, BOOT)
        if fault == "blocked":
            expect(page.locator("[data-calc-region=storage]")).to_contain_text("does not let pages keep data")
        assert errors == []
    finally:
        context.close()


STORED_LOG = "JSON.parse(localStorage.getItem('scope-and-pace:log') || '{\"entries\": []}').entries.map((e) => e.date)"


def test_two_log_tabs_saving_at_once_keep_every_day_and_their_notices(browser, site_url):
    context = browser.new_context()
    try:
        tabs = [context.new_page(), context.new_page()]
        for tab in tabs:
            tab.goto(f"{site_url}/tools/log/")
            wait_until(tab, READY, BOOT)
        days = []
        for i in range(5):
            for n, tab in enumerate(tabs):
                day = f"2026-11-{2 * i + n + 1:02d}"
                days.append(day)
                for field, value in (("date", day), ("start", "08:00"), ("end", "17:00"), ("patients", "12")):
                    tab.fill(f"#log-entry-{field}", value)
            for tab in tabs:  # both saves in flight at once
                tab.click("text=Save this day")
            for tab in tabs:
                wait_until(tab, SETTLED, BOOT)
        wait_until(tabs[0], f"{STORED_LOG}.length === {len(days)}", BOOT)
        assert sorted(tabs[0].evaluate(STORED_LOG)) == sorted(days)
        for tab in tabs:  # the other tab's refresh did not wipe this tab's "Saved"
            wait_until(tab, SETTLED, BOOT)
            expect(tab.locator("[data-calc-region=notice]")).to_contain_text("Saved the entry for")
    finally:
        context.close()


def test_two_packet_tabs_keep_each_others_fields(browser, site_url):
    context = browser.new_context()
    try:
        one, two = context.new_page(), context.new_page()
        for tab in (one, two):
            tab.goto(f"{site_url}/tools/packet/")
            wait_until(tab, READY, BOOT)
        one.fill("#packet-your_name", "Dr Sam Okafor")
        wait_until(one, READY, BOOT)
        two.fill("#packet-your_role", "Hospitalist")
        wait_until(two, READY, BOOT)
        expect(two.locator("#packet-your_name")).to_have_value("Dr Sam Okafor", timeout=BOOT)
        one.reload()
        wait_until(one, READY, BOOT)
        expect(one.locator("#packet-your_name")).to_have_value("Dr Sam Okafor")
        expect(one.locator("#packet-your_role")).to_have_value("Hospitalist")
    finally:
        context.close()
