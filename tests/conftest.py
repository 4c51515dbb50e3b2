"""Fixtures: the site built once per test run and served on loopback, and Debian's Chromium.
Helpers the tests share are in support.py.

Under pytest-xdist (`make test` runs one worker per core) the controller builds and serves the site
once, before the workers start, and hands each worker its folder, build log and address."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from support import CHROMIUM, CHROMIUM_ARGS, Built, build, make_server, start

_shared: dict = {}  # in the xdist controller: the one build every worker uses


def _build_and_serve(out: Path) -> tuple[Built, object]:
    url, server = make_server(out)
    result = build(out, url + "/")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    start(server)
    return Built(out, result.stdout + result.stderr, url), server


def pytest_configure(config):
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


def pytest_collection_modifyitems(items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
