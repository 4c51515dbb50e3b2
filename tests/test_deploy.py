"""Deployment: the site works when served from a sub-path, as GitHub Pages serves project sites."""

from __future__ import annotations

from support import BOOT, build, make_server, start, wait_until


def test_calculator_runs_under_a_sub_path(browser, tmp_path):
    root = tmp_path / "www"
    site = root / "scope-and-pace"
    url, server = make_server(root)
    result = build(site, f"{url}/scope-and-pace/")
    assert result.returncode == 0, result.stderr
    start(server)
    context = browser.new_context()
    try:
        page = context.new_page()
        failed = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(f"{url}/scope-and-pace/")
        page.click("a.md-nav__link[href$='calculators/trade-off/']")  # instant navigation
        page.wait_for_selector("[data-calc='trade-off'][data-state='ready']", timeout=BOOT)
        page.fill("#trade-off-added_minutes", "9")
        page.wait_for_selector(
            "[data-calc='trade-off'][data-state='ready'] [data-result='physician_minutes_per_session'][data-value='90']"
        )
        assert page.url.startswith(f"{url}/scope-and-pace/calculators/trade-off/#v=1")
        wait_until(page, "navigator.serviceWorker.controller !== null", BOOT)
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
        assert scope == f"{url}/scope-and-pace/"
        assert failed == []
    finally:
        context.close()
        server.shutdown()
