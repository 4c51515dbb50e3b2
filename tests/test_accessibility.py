"""WCAG 2.2 AA, checked in Chromium: axe-core on every page and on every calculator's states,
the calculators with the keyboard alone, results announced, focus on errors, reduced motion."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculators import CALCULATORS
from support import AXE, BOOT, all_pages, axe_violations, editable_number

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def axe_context(browser):
    # The site's CSP rightly refuses injected scripts; the audit context bypasses it to load axe.
    context = browser.new_context(bypass_csp=True, reduced_motion="reduce")  # no mid-transition colours
    yield context
    context.close()


SHARES = 4  # the pages are checked in this many parts, so that parallel workers share the sweep


@pytest.mark.parametrize("share", range(SHARES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page(axe_context, built_site, scheme, share):
    assert AXE.exists(), "node_modules/axe-core is missing: make test runs npm ci"
    page = axe_context.new_page()
    page.emulate_media(color_scheme=scheme)
    problems = {}
    for path in all_pages(built_site)[share::SHARES]:
        page.goto(built_site.url + path)
        if page.locator("[data-calc]").count():
            page.wait_for_selector("[data-calc]:not([data-state='loading'])", timeout=BOOT)
        found = axe_violations(page)
        if found:
            problems[path] = found
    assert problems == {}


@pytest.mark.parametrize("slug", list(CALCULATORS))
def test_axe_on_each_calculator_state(axe_context, site_url, slug):
    CALCULATORS[slug]
    page = axe_context.new_page()
    page.goto(f"{site_url}/calculators/{slug}/")
    root = f"[data-calc='{slug}']"
    page.wait_for_selector(f"{root}[data-state='ready']", timeout=BOOT)
    assert axe_violations(page) == [], "default state"
    field, valid = editable_number(slug)
    page.fill(field, "nonsense")
    page.press(field, "Enter")
    page.wait_for_selector(f"{root}[data-state='invalid']")
    assert axe_violations(page) == [], "error state"
    page.fill(field, valid)
    page.wait_for_selector(f"{root}[data-state='ready']")
    assert axe_violations(page) == [], "result state"


def test_trade_off_with_the_keyboard_alone(page, site_url):
    page.goto(f"{site_url}/calculators/trade-off/")
    page.wait_for_selector("[data-calc='trade-off'][data-state='ready']", timeout=BOOT)
    page.focus("#trade-off-added_minutes")
    page.keyboard.press("Control+A")
    page.keyboard.type("8")
    page.keyboard.press("Tab")  # to patients per session
    expect(page.locator("#trade-off-patients_per_session")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # visit length
    expect(page.locator("#trade-off-visit_minutes")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("x")
    page.keyboard.press("Enter")  # submit: focus goes to the error summary
    expect(page.locator("[data-calc-region=summary]")).to_be_focused()
    page.keyboard.press("Tab")  # the summary's link to the field
    page.keyboard.press("Enter")
    expect(page.locator("#trade-off-visit_minutes")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    page.wait_for_selector("[data-calc='trade-off'][data-state='ready']")
    expect(page.locator("[data-result='physician_minutes_per_session']")).to_have_attribute("data-value", "80")
    # every control in the calculator is reachable, copy buttons included
    focusable = page.evaluate("""() => [...document.querySelectorAll('[data-calc] input:not([hidden]), [data-calc] button')]
        .filter(e => e.offsetParent !== null).every(e => e.tabIndex >= 0)""")
    assert focusable


def test_results_are_announced_in_a_live_region(page, site_url):
    page.goto(f"{site_url}/calculators/hourly-rate/")
    page.wait_for_selector("[data-calc='hourly-rate'][data-state='ready']", timeout=BOOT)
    status = page.locator("[data-calc='hourly-rate'] [role='status']")
    page.fill("#hourly-rate-hours_per_week_after", "50")
    expect(status).to_contain_text("Result updated")
    page.fill("#hourly-rate-hours_per_week_after", "")
    expect(status).to_contain_text("There is a problem")


def test_motion_is_reduced_when_asked(page, site_url):
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{site_url}/")
    duration = page.evaluate("getComputedStyle(document.querySelector('.md-header')).transitionDuration")
    assert all(float(d.rstrip("s")) <= 0.001 for d in duration.split(","))
