"""A page's first answer waits for nothing it does not need: Python's worker starts before the page's
stylesheets, Python imports only the component the page asks for (the snapshot maker imports the
rest, after that answer), and the site's search index waits until Python has answered or the reader
goes to the search box."""

from __future__ import annotations

import re
import subprocess
import sys

from playwright.sync_api import expect

from calculators import CALCULATORS, COMPONENTS, _module_of
from support import BOOT, ROOT, wait_until

FIRST_REQUEST = """
import json, sys
from calculators.browser import handle
reply = json.loads(handle(json.dumps({"component": "trade-off", "action": "load"})))
assert reply["state"] == "ready", reply
print(" ".join(sorted(m for m in sys.modules if m.startswith("calculators.components."))))
"""


def test_a_first_request_imports_only_its_own_component():
    result = subprocess.run([sys.executable, "-c", FIRST_REQUEST], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["calculators.components.trade_off"]


def test_every_calculator_is_found_in_its_own_module():
    for slug in CALCULATORS:
        assert _module_of(slug) is COMPONENTS[slug], slug
    assert _module_of("no-such-thing") is None and _module_of("../x") is None


def test_python_starts_before_the_stylesheets_and_only_on_pages_with_a_component(built_site):
    calculator = (built_site.path / "calculators" / "trade-off" / "index.html").read_text()
    worker = calculator.index('new Worker("../../assets/sp/python-worker.mjs"')
    assert worker < calculator.index('<link rel="stylesheet"'), "a script after a stylesheet waits for it"
    assert calculator.index('http-equiv="Content-Security-Policy"') < worker, "the policy must cover it"
    assert calculator.count("window.__spSearch=") == 1
    reading = (built_site.path / "playbook" / "scope" / "index.html").read_text()
    assert "python-worker.mjs" not in reading and "__spSearch" not in reading


INDEX_REQUESTED = "performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/search/search_index.json'))"
WHEN_READY = """new MutationObserver(() => {
  const root = document.querySelector("[data-calc]");
  if (root?.dataset.state === "ready" && !window.__readyAt) window.__readyAt = performance.now();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });"""


def search_finds(page, query: str) -> None:
    """Type a query into Material's search (it reads key presses) and see a result."""
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=BOOT)


def test_a_calculator_page_fetches_the_search_index_after_pythons_first_answer(page, site_url):
    page.add_init_script(WHEN_READY)
    page.goto(f"{site_url}/calculators/trade-off/")
    wait_until(page, "window.__readyAt")
    wait_until(page, INDEX_REQUESTED + ".length > 0")
    started = page.evaluate(INDEX_REQUESTED + "[0].startTime")
    assert started > page.evaluate("window.__readyAt"), "the index competed with Python's start"
    search_finds(page, "retention")


def test_the_search_box_does_not_wait_for_python(page, site_url):
    held = []
    page.route(re.compile(r".*/python-worker\.mjs$"), lambda route: held.append(route))  # no Python until released
    page.goto(f"{site_url}/calculators/trade-off/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.evaluate(INDEX_REQUESTED + ".length") == 0
    search_finds(page, "retention")
    assert page.get_attribute("[data-calc]", "data-state") == "loading"
    for route in held:
        route.continue_()
    wait_until(page, "document.querySelector('[data-calc]').dataset.state === 'ready'")
