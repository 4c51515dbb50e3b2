"""WCAG 2.2 AA, checked in Chromium: axe-core on every page and on every calculator's states,
the calculators with the keyboard alone, results announced, focus on errors, reduced motion."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from calculators import CALCULATORS
from support import AXE, BOOT, all_pages, axe_violations, editable_number

SHARES = 4  # the pages are checked in this many parts, so that parallel workers share the sweep


# The scheme a reader's system asks for, as the theme applies it when the page loads (the site's
# colours follow the body's data-md-color-* attributes only), so that one load serves both audits.
SCHEME = """(scheme) => {
  const input = document.querySelector(`[data-md-color-media="(prefers-color-scheme: ${scheme})"]`);
  for (const key of ["media", "scheme", "primary", "accent"]) {
    document.body.setAttribute(`data-md-color-${key}`, input.getAttribute(`data-md-color-${key}`));
  }
  return getComputedStyle(document.body).backgroundColor;
}"""


@pytest.mark.parametrize("share", range(SHARES))
def test_axe_finds_nothing_on_any_page(audit_context, built_site, share):
    """Each page loaded once, and audited in the light and in the dark scheme."""
    assert AXE.exists(), "node_modules/axe-core is missing: make test runs npm ci"
    page = audit_context.new_page()
    problems = {}
    for path in all_pages(built_site)[share::SHARES]:
        page.goto(built_site.url + path)
        if page.locator("[data-calc]").count():
            page.wait_for_selector("[data-calc]:not([data-state='loading'])", timeout=BOOT)
        backgrounds = set()
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            backgrounds.add(page.evaluate(SCHEME, scheme))
            found = axe_violations(page)
            if found:
                problems[f"{path} ({scheme})"] = found
        assert len(backgrounds) == 2, f"{path}: the dark scheme did not apply"
    assert problems == {}


@pytest.mark.parametrize("slug", list(CALCULATORS))
def test_axe_on_each_calculator_state(booted, slug):
    # The page around the calculator does not change between its states (the sweep above audits
    # it): the error and result states are audited within the calculator.
    page = booted.open(slug, "audit")
    root = f"[data-calc='{slug}']"
    assert axe_violations(page) == [], "default state"
    field, valid = editable_number(slug)
    page.fill(field, "nonsense")
    page.press(field, "Enter")
    page.wait_for_selector(f"{root}[data-state='invalid']")
    assert axe_violations(page, root) == [], "error state"
    page.fill(field, valid)
    page.wait_for_selector(f"{root}[data-state='ready']")
    assert axe_violations(page, root) == [], "result state"


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
