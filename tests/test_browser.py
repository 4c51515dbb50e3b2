"""The runtime in Debian's Chromium, on the trade-off calculator: live Python, links, hostile input,
nothing off-origin. The tests of what Python answers share one booted page (`booted`), and a link
arrives by a change of fragment, as when a link to the page is followed from the page itself; the
tests of a first visit, a copied link opened elsewhere and a runtime that cannot start each have a
new context."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from support import BOOT, set_fragment, wait_until

CALC = "[data-calc='trade-off']"
SHARED = pytest.mark.xdist_group("trade-off")  # with the other tests on the booted trade-off page


def value(page, key: str) -> float:
    return float(page.get_attribute(f"{CALC} [data-result='{key}']", "data-value"))


def wait_state(page, state: str):
    page.wait_for_selector(f"{CALC}[data-state='{state}']", timeout=BOOT)


def open_calc(page, site_url, fragment=""):
    page.goto(f"{site_url}/calculators/trade-off/{fragment}")
    page.wait_for_selector(f"{CALC}:not([data-state='loading'])", timeout=BOOT)


def booted_calc(booted, fragment=""):
    """The booted trade-off page, at its defaults, then following a link to `fragment` if given."""
    page = booted.open("trade-off")
    if fragment:
        set_fragment(page, fragment.removeprefix("#"))
    return page


def assert_same_origin(page, site_url):
    origin = urlsplit(site_url).netloc
    foreign = [
        u for u in page.requests_seen if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin
    ]
    assert foreign == []


@SHARED
def test_page_computes_live_in_python(booted, site_url):
    page = booted_calc(booted)
    assert page.get_attribute(CALC, "data-state") == "ready"
    assert value(page, "physician_minutes_per_session") == 50
    page.fill("#trade-off-added_minutes", "10")
    wait_state(page, "ready")
    expect(page.locator(f"{CALC} [data-result='physician_minutes_per_session']")).to_have_attribute("data-value", "100")
    assert value(page, "added_hours_per_week") == pytest.approx(100 * 8 / 60)
    assert value(page, "patients_to_drop_per_session") == 4  # the 200 minutes of visits now take 30 each: 6 fit, 4 go
    assert "#v=1&added_minutes=10&r.physician_minutes_per_session=100%20minutes&" in page.url  # with its results
    expect(page.locator("[data-calc-status]")).to_contain_text("100 minutes per session")
    assert page.errors_seen == []
    assert_same_origin(page, site_url)


def test_a_link_shows_its_own_numbers_at_once_and_the_old_result_as_pending(fresh_context, site_url):
    page = fresh_context().new_page()  # cold: Python must be slower than the page for this to test anything
    page.goto(f"{site_url}/calculators/trade-off/#v=1&visit_minutes=30&added_minutes=10", wait_until="domcontentloaded")
    wait_until(
        page,
        "document.querySelector('[data-calc-pending]') && !document.querySelector('[data-calc-pending]').hidden"
        " || document.querySelector(\"[data-calc='trade-off']\").dataset.state !== 'loading'",
    )
    state = page.get_attribute(CALC, "data-state")
    if state == "loading":  # Python has not answered yet: the link's numbers, and the result marked
        assert page.input_value("#trade-off-visit_minutes") == "30"
        assert page.input_value("#trade-off-added_minutes") == "10"
        assert page.get_attribute("[data-calc-region=result]", "aria-busy") == "true"
    wait_state(page, "ready")
    expect(page.locator("[data-calc-pending]")).to_be_hidden()
    assert page.get_attribute("[data-calc-region=result]", "aria-busy") is None
    assert value(page, "physician_minutes_per_session") == 100
    assert state == "loading", "Python answered before the page could be checked; nothing was tested"


def test_copied_link_round_trips_into_a_new_context(fresh_context, page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_calc(page, site_url)
    page.fill("#trade-off-visit_minutes", "30")
    page.fill("#trade-off-delegable_percent", "25")
    wait_state(page, "ready")
    expect(page.locator(f"{CALC} [data-result='delegated_hours_per_week']")).to_have_attribute(
        "data-value", "1.666666666667"
    )
    page.click("[data-calc-link]")
    expect(page.locator("[data-calc-link] + [data-copy-status]")).to_have_text("Copied.")  # beside the button
    link = page.evaluate("navigator.clipboard.readText()")
    assert "#v=1&visit_minutes=30&delegable_percent=25&r." in link
    results = {
        key: value(page, key)
        for key in (
            "physician_minutes_per_session",
            "shortened_visit_minutes",
            "patients_to_drop_per_session",
            "delegated_hours_per_week",
        )
    }

    fresh = fresh_context().new_page()
    fresh.goto(link)
    fresh.wait_for_selector(f"{CALC}[data-state='ready']", timeout=BOOT)
    assert fresh.input_value("#trade-off-visit_minutes") == "30"
    assert fresh.input_value("#trade-off-delegable_percent") == "25"
    assert {key: value(fresh, key) for key in results} == results


@SHARED
def test_hostile_fragment_shows_an_error_and_runs_nothing(booted):
    # every shared context sets window.__pwned = 0, and alert() to set it to 1
    hostile = "#v=1&visit_minutes=<img src=x onerror=alert(1)>&<script>window.__pwned=true</script>=1"
    page = booted_calc(booted, hostile)
    wait_state(page, "invalid")
    summary = page.locator("[data-calc-region=summary]")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Visit length must be a number, like 20")
    expect(page.locator("[data-calc-error='visit_minutes']")).to_be_visible()
    assert page.input_value("#trade-off-visit_minutes") == "<img src=x onerror=alert(1)>"  # kept as typed
    assert page.input_value("#trade-off-patients_per_session") == "10"  # others kept
    assert page.locator(f"{CALC} img, {CALC} script").count() == 0
    assert page.evaluate("window.__pwned") == 0
    assert "Traceback" not in page.content()


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("#visit_minutes=30", "no version number"),
        ("#v=9&visit_minutes=30", "different version"),
        ("#v=1&visit_minutes=1e999", "Visit length must be a number, like 20"),
        ("#v=1&patients_per_session=NaN", "Patients per session must be a number, like 10"),
        ("#v=1&patients_per_session=0", "Patients per session must be between 1 and 60"),
        ("#v=1&nonsense=1", "does not know"),
        ("#v=1&visit_minutes=%E0%A4%A", "Visit length must be a number, like 20"),
    ],
)
@SHARED
def test_bad_links_are_explained_next_to_the_calculator(booted, fragment, text):
    page = booted_calc(booted, fragment)
    wait_state(page, "invalid")
    expect(page.locator("[data-calc-region=summary]")).to_contain_text(text)
    assert page.errors_seen == []


@SHARED
def test_fixing_a_field_clears_its_error(booted):
    page = booted_calc(booted, "#v=1&visit_minutes=abc")
    wait_state(page, "invalid")
    page.fill("#trade-off-visit_minutes", "20")
    wait_state(page, "ready")
    expect(page.locator("[data-calc-region=summary]")).to_be_empty()
    expect(page.locator("[data-calc-error='visit_minutes']")).to_be_hidden()
    assert page.get_attribute("#trade-off-visit_minutes", "aria-invalid") is None


@SHARED
def test_enter_on_an_invalid_form_moves_focus_to_the_summary(booted):
    page = booted_calc(booted)
    page.fill("#trade-off-weeks_per_year", "99")
    page.press("#trade-off-weeks_per_year", "Enter")
    wait_state(page, "invalid")
    expect(page.locator("[data-calc-region=summary]")).to_be_focused()
    page.click("[data-calc-region=summary] a")
    expect(page.locator("#trade-off-weeks_per_year")).to_be_focused()
    assert "#v=1&weeks_per_year=99" in page.url


def test_runtime_failure_is_shown_plainly_and_the_prerendered_result_stays(fresh_context, site_url):
    page = fresh_context().new_page()
    page.context.route("**/pyodide/pyodide.asm.wasm", lambda route: route.abort())  # reaches the worker
    page.goto(f"{site_url}/calculators/trade-off/")
    status = page.locator("[data-calc-status]")
    expect(status).to_contain_text("could not start in this browser", timeout=BOOT)
    expect(page.locator(CALC)).to_have_attribute("data-state", "error")
    assert value(page, "physician_minutes_per_session") == 50
    page.fill("#trade-off-visit_minutes", "30")  # inputs stay usable
    assert page.input_value("#trade-off-visit_minutes") == "30"


def test_instant_navigation_mounts_the_calculator_once(fresh_context, site_url):
    # No service worker here: its offline precache fetches the runtime too, and this test counts
    # the calculator's own downloads of it.
    check_instant_navigation(fresh_context(service_workers="block"), site_url)


def check_instant_navigation(context, site_url):
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    wasm = []
    context.on("request", lambda r: wasm.append(r.url) if r.url.endswith("pyodide.asm.wasm") else None)
    context.route("**/python-worker.mjs?snapshot", lambda route: route.abort())  # only the page's Python counts
    page.goto(f"{site_url}/")
    page.evaluate("window.__sameDocument = true")
    page.click("a[href$='calculators/trade-off/']")
    wait_state(page, "ready")
    page.click("a.md-nav__link[href$='calculators/']")  # away and back, without a reload
    page.wait_for_url("**/calculators/")
    page.click("a.md-nav__link[href$='trade-off/']")
    page.wait_for_url("**/trade-off/")
    wait_state(page, "ready")
    page.fill("#trade-off-added_minutes", "6")
    wait_state(page, "ready")
    expect(page.locator(f"{CALC} [data-result='physician_minutes_per_session']")).to_have_attribute("data-value", "60")
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    assert len(wasm) == 1  # one Python for the whole visit
    assert page.locator(CALC).count() == 1
    assert_same_origin(page, site_url)


def test_a_268_hour_week_is_refused_beside_the_field_and_kept_as_typed(page, site_url):
    impact = "[data-calc='impact']"
    page.goto(f"{site_url}/calculators/impact/")
    page.wait_for_selector(f"{impact}[data-state='ready']", timeout=BOOT)
    page.fill("#impact-clinic_days_per_week", "7")
    page.fill("#impact-after_hours_after", "100")
    page.fill("#impact-workday_hours_after", "24")
    page.wait_for_selector(f"{impact}[data-state='invalid']", timeout=BOOT)
    expect(page.locator(f"{impact} [data-calc-error='workday_hours_after']")).to_contain_text("a week of 268 hours")
    expect(page.locator(f"{impact} [data-calc-region=summary]")).to_contain_text("a week has 168")
    assert page.input_value("#impact-workday_hours_after") == "24"
    page.fill("#impact-after_hours_after", "0")  # 24 hours on 7 days is a whole week: possible, so asked about
    page.get_by_role("button", name="Confirm and show the result").click()
    page.wait_for_selector(f"{impact}[data-state='ready']", timeout=BOOT)
    assert page.input_value("#impact-workday_hours_after") == "24"
    assert page.errors_seen == []
