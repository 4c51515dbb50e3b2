"""Fixtures: the site built once per test run and served on loopback, and Debian's Chromium.
Helpers the tests share are in support.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import CHROMIUM, CHROMIUM_ARGS, Built, build, make_server, start


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


def pytest_collection_modifyitems(items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
