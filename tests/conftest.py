"""Fixtures: the site built once per test run and served on loopback, and Debian's Chromium.
Helpers the tests share are in support.py.

Under pytest-xdist (`make test` runs one worker per core) the controller builds and serves the site
once, before the workers start, and hands each worker its folder, build log and address.

Starting Python is what a browser test spends most of its time on, so browser contexts are shared
(one of each kind per worker) and warm: each is primed once, by one visit to a calculator, so that
every later page in it has the HTTP cache, the wasm code cache and the Python snapshot a returning
reader has. The service worker is blocked in them (its offline precache is the work of
test_offline.py and test_faults.py, which make their own contexts). After each test, the pages it
opened are closed and the site's storage is cleared (the snapshot stays: it is what keeps the
context warm).

- `page` / `context`: a new page in the shared warm context, with the CSP in force.
- `audit_context`: the same without the CSP (to inject axe-core, and to test that escaping alone keeps
  hostile text inert), motion reduced.
- `phone_context`: a 390 x 844 phone, CSP in force.
- `booted.open(slug)`: one booted page per calculator, kept open between tests and reset by a change
  of the address's fragment (`#v=1`: the calculator's defaults), for the tests that are about what
  Python answers rather than how a page loads (worked examples, axe states, hostile links, the
  runtime's own checks). Tests using it are grouped by calculator (`--dist loadgroup`), so that each
  calculator boots once per run in each kind of context.
- `fresh_context(**options)`: a new, cold context, for the tests that are about a first visit, the
  network, routes or permissions."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from support import BOOT, CHROMIUM, CHROMIUM_ARGS, Built, build, make_server, set_fragment, start, wait_until

_shared: dict = {}  # in the xdist controller: the one build every worker uses

# No time limits on generated examples: these machines are shared and noisy, and how fast the code
# runs is the benchmark's question (`make bench`), never a test's.
settings.register_profile("shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("shared-machine")


def _build_and_serve(out: Path) -> tuple[Built, object]:
    url, server = make_server(out)
    result = build(out, url + "/")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    start(server)
    return Built(out, result.stdout + result.stderr, url), server


def _build_once(config):
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return  # a worker, or no workers: see built_site
    out = Path(tempfile.mkdtemp(prefix="scope-and-pace-site-"))
    _shared["built"], _shared["server"] = _build_and_serve(out)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):  # xdist, in the controller: a worker is starting
    built = _shared["built"]
    node.workerinput.update(site_path=str(built.path), site_log=built.log, site_url=built.url)


def pytest_unconfigure(config):
    if "server" in _shared:
        _shared.pop("server").shutdown()
        shutil.rmtree(_shared.pop("built").path, ignore_errors=True)


@pytest.fixture(scope="session")
def built_site(request, tmp_path_factory) -> Built:
    """The site built once per test run, for the loopback address it is then served at."""
    given = getattr(request.config, "workerinput", {})
    if "site_path" in given:
        yield Built(Path(given["site_path"]), given["site_log"], given["site_url"])
        return
    built, server = _build_and_serve(tmp_path_factory.mktemp("site"))
    yield built
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


# Every shared context says so if a page ever runs injected script.
GUARD = "window.__pwned = 0; window.alert = () => { window.__pwned = 1; };"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
KINDS = {
    "warm": {},
    "audit": {"bypass_csp": True, "reduced_motion": "reduce"},  # no mid-transition colours for axe
    "phone": PHONE,
}


class Contexts:
    """The shared contexts of one worker, made and primed when first asked for."""

    def __init__(self, browser, site_url: str):
        self.browser, self.site_url, self.made = browser, site_url, {}

    def __call__(self, kind: str):
        if kind not in self.made:
            base = kind.removeprefix("booted-")
            context = self.browser.new_context(service_workers="block", **KINDS[base])
            context.add_init_script(GUARD)
            prime(context, self.site_url)
            self.made[kind] = context
        return self.made[kind]

    def close(self):
        for context in self.made.values():
            context.close()


def prime(context, site_url: str) -> None:
    """One visit to a calculator: Python boots, and keeps the snapshot later visits start from."""
    page = context.new_page()
    page.goto(f"{site_url}/calculators/trade-off/")
    page.wait_for_selector("[data-calc='trade-off'][data-state='ready']", timeout=BOOT)
    wait_until(page, "document.documentElement.dataset.spSnapshot === 'kept'", BOOT)
    page.close()


def forget(context, site_url: str) -> None:
    """Close a shared context's pages and clear what the site keeps in it, but the Python snapshot."""
    for open_page in list(context.pages):
        open_page.close()
    blank = context.new_page()
    blank.goto(f"{site_url}/404.html")
    blank.evaluate("""() => new Promise((done) => {
        localStorage.clear(); sessionStorage.clear();
        const request = indexedDB.deleteDatabase("scope-and-pace");
        request.onsuccess = request.onerror = request.onblocked = () => done(); })""")
    blank.close()
    context.clear_permissions()
    context.clear_cookies()


def watch(page):
    """Record every request and every uncaught error of a page."""
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.errors_seen = []
    page.on("pageerror", lambda error: page.errors_seen.append(str(error)))
    return page


@pytest.fixture(scope="session")
def contexts(browser, site_url):
    made = Contexts(browser, site_url)
    yield made
    made.close()


@pytest.fixture
def context(contexts, site_url):
    """The worker's warm context (CSP in force); what the test opens in it is closed afterwards."""
    context = contexts("warm")
    yield context
    forget(context, site_url)


@pytest.fixture
def page(context):
    """A page that records every request it makes, to check that none leaves the site's origin."""
    return watch(context.new_page())


@pytest.fixture
def audit_context(contexts, site_url):
    """The warm context without the CSP, for axe-core and for escaping alone to keep text inert."""
    context = contexts("audit")
    yield context
    forget(context, site_url)


@pytest.fixture
def phone_context(contexts, site_url):
    context = contexts("phone")
    yield context
    forget(context, site_url)


@pytest.fixture
def fresh_context(browser):
    """Makes new, cold contexts (a first visit: no cache, no snapshot, the service worker allowed);
    closes them after the test."""
    made = []

    def make(**options):
        made.append(browser.new_context(**options))
        return made[-1]

    yield make
    for context in made:
        context.close()


class Booted:
    """One booted page per calculator in each kind of context, reset between tests by the fragment."""

    def __init__(self, contexts, site_url: str):
        self.contexts, self.site_url, self.pages = contexts, site_url, {}

    def open(self, slug: str, kind: str = "warm"):
        page = self.pages.get(kind)
        if page is not None and (page.is_closed() or page.slug != slug):
            page.close()  # one booted page per context at a time: tests come grouped by calculator
            page = None
        if page is None:
            page = watch(self.contexts(f"booted-{kind}").new_page())
            page.slug = slug
            page.goto(f"{self.site_url}/calculators/{slug}/")
            page.wait_for_selector(f"[data-calc='{slug}'][data-state='ready']", timeout=BOOT)
            self.pages[kind] = page
        else:
            set_fragment(page, "v=1")  # the calculator's defaults, from Python
        page.requests_seen.clear()
        page.errors_seen.clear()
        return page


@pytest.fixture(scope="session")
def booted(contexts, site_url):
    return Booted(contexts, site_url)


@pytest.fixture
def site_copy(browser, built_site, tmp_path):
    """A copy of the built site that a test may change (a new deploy, a stale file), served on its own
    loopback address, and a page in a new browser context: (folder, address, page)."""
    folder = tmp_path / "live"
    shutil.copytree(built_site.path, folder)
    url, server = make_server(folder)
    start(server)
    context = browser.new_context()
    try:
        yield folder, url, context.new_page()
    finally:
        context.close()
        server.shutdown()


BROWSER_FIXTURES = {"browser"}  # every fixture that drives Chromium asks for this one
LAUNCHES = [0]  # Chromium launches in this process, counted so that the `browser` mark stays true


def pytest_configure(config):
    _build_once(config)
    from playwright.sync_api._generated import BrowserType

    for name in ("launch", "launch_persistent_context"):
        original = getattr(BrowserType, name)

        def counted(self, *args, _original=original, **kwargs):
            LAUNCHES[0] += 1
            return _original(self, *args, **kwargs)

        setattr(BrowserType, name, counted)


@pytest.fixture(autouse=True)
def _marked_browser_if_it_starts_one(request):
    """A test that starts Chromium without the `browser` fixture would run in `make check`: fail it."""
    before = LAUNCHES[0]
    yield
    if LAUNCHES[0] != before and request.node.get_closest_marker("browser") is None:
        pytest.fail("this test starts Chromium but is not marked browser: use the `browser` fixture")


def pytest_collection_modifyitems(config, items):
    """Mark each test `browser` by what it uses (its fixtures, not its parameters' names); group the
    tests that share a booted calculator page; start the longest tests first."""
    wrong = []
    for item in items:
        params = set(getattr(getattr(item, "callspec", None), "params", {}))
        uses = set(getattr(item, "fixturenames", ())) - params
        marked = any(mark.name == "browser" for mark in item.own_markers)
        if uses & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        elif marked:
            wrong.append(f"{item.nodeid} is marked browser but uses no browser fixture")
        if "booted" in uses and not item.get_closest_marker("xdist_group"):
            slug = getattr(getattr(item, "callspec", None), "params", {}).get("slug")
            if slug is None:
                wrong.append(f"{item.nodeid} uses a booted page: give it a slug parameter or an xdist_group")
            else:
                item.add_marker(pytest.mark.xdist_group(slug))
    if wrong:
        raise pytest.UsageError("\n".join(wrong))
    first = {name: rank for rank, name in enumerate(LONGEST)}
    items.sort(
        key=lambda item: first.get(item.originalname if hasattr(item, "originalname") else item.name, len(first))
    )


# Started first, so that none of them begins last and keeps a worker busy alone at the end of a run.
LONGEST = (
    "test_two_tabs_a_few_hundred_actions_network_on_and_off",
    "test_a_second_visit_restores_python_and_answers_every_worked_example_the_same",
    "test_crawl_every_page_no_foreign_request_and_no_csp_violation",
    "test_axe_finds_nothing_on_any_page",
    "test_choosing_nurse_on_shifts_in_one_calculator_words_every_component_for_her",
)
