"""Every role, in Chromium: the reader says once who they are, every component follows, and a
nurse on shifts never reads about sessions, half-days or physicians."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from calculators import CALCULATORS, COMPONENTS
from support import BOOT

CLINIC_WORDS = re.compile(r"session|half-day|physician", re.I)
PAGES = {slug: f"/calculators/{slug}/" for slug in CALCULATORS} | {
    "scripts": "/playbook/scripts/",
    "self-check": "/playbook/recognise/",
    "packet": "/tools/packet/",
    "log": "/tools/log/",
    "team": "/tools/team/",
    "objection": "/calculators/escalation/",
}
# What the component says, leaving out the "About you" choices (which name every role and setting).
SHOWN = """(selector) => {
  const root = document.querySelector(selector);
  const about = Array.from(root.querySelectorAll(".sp-about"));
  about.forEach((part) => { part.style.display = "none"; });
  const text = root.innerText;
  about.forEach((part) => { part.style.display = ""; });
  return text;
}"""
NURSE_ON_SHIFTS = json.dumps({"version": 1, "role": "nurse", "setting": "shifts"})


def navigate(page, url: str) -> None:
    """Go to a page of the site as a link in it does: as Material's instant navigation handles a click,
    the address is pushed, then the page fetched and swapped in, without a reload."""
    page.evaluate(
        "(url) => { window.__sameDocument = true; history.pushState({}, '', url); location$.next(new URL(url)); }", url
    )
    page.wait_for_url(url)
    assert page.evaluate("window.__sameDocument") is True


def settled(page, slug: str) -> None:
    page.wait_for_selector(f"[data-calc='{slug}']:is([data-state='ready'], [data-state='invalid'])", timeout=BOOT)


def test_every_page_with_a_component_is_checked():
    assert set(PAGES) == set(COMPONENTS)


def test_choosing_nurse_on_shifts_in_one_calculator_words_every_component_for_her(page, site_url):
    page.goto(f"{site_url}/calculators/trade-off/")
    settled(page, "trade-off")
    expect(page.locator("[data-calc-region='label-patients_per_session']")).to_have_text(
        "Patients per session (patients)"
    )
    page.select_option("#trade-off-role", "nurse")
    page.select_option("#trade-off-setting", "shifts")
    expect(page.locator("[data-calc-region='label-patients_per_session']")).to_have_text(
        "Patients per shift (patients)"
    )
    settled(page, "trade-off")
    assert page.input_value("#trade-off-patients_per_session") == "5"  # a nurse's assignment, not a clinic's ten
    assert "role=nurse&setting=shifts" in page.url
    stored = json.loads(page.evaluate("localStorage.getItem('scope-and-pace:profile')"))
    assert (stored["role"], stored["setting"]) == ("nurse", "shifts")
    for slug, path in PAGES.items():  # by instant navigation: one Python serves the whole walk
        navigate(page, site_url + path)
        settled(page, slug)
        if slug in CALCULATORS:
            assert page.input_value(f"#{slug}-role") == "nurse", slug
        shown = page.evaluate(SHOWN, f"[data-calc='{slug}']")
        assert not CLINIC_WORDS.findall(shown), (slug, CLINIC_WORDS.findall(shown))
    assert page.errors_seen == []


def test_a_link_carries_the_role_without_changing_the_readers_own(page, site_url):
    page.goto(f"{site_url}/calculators/retention/")
    page.evaluate(f"localStorage.setItem('scope-and-pace:profile', {json.dumps(NURSE_ON_SHIFTS)})")
    page.goto("about:blank")
    page.goto(f"{site_url}/calculators/retention/#v=1&role=app&clinicians=12")
    settled(page, "retention")
    expect(page.locator("[data-calc-region='label-replacement_cost']")).to_have_text("Cost to replace one NP or PA ($)")
    expect(page.locator("[data-calc='retention']")).to_contain_text("placeholder")
    assert page.input_value("#retention-clinicians") == "12"
    assert json.loads(page.evaluate("localStorage.getItem('scope-and-pace:profile')"))["role"] == "nurse"


def test_nurse_presets_and_figures_in_the_retention_calculator(page, site_url):
    page.goto(f"{site_url}/calculators/retention/")
    settled(page, "retention")
    page.select_option("#retention-role", "nurse")
    expect(page.locator("[data-calc-region='label-replacement_cost']")).to_have_text("Cost to replace one nurse ($)")
    page.get_by_role("button", name="High: $72,700").click()
    settled(page, "retention")
    # 40 nurses, 16.4% to 20% turnover: 1.44 more departures at $72,700.
    expect(page.locator("[data-result='extra_turnover_cost_per_year']")).to_have_attribute("data-value", "104688")
    expect(page.locator("[data-calc='retention']")).to_contain_text("NSI Nursing Solutions")


def test_another_tab_changing_the_profile_rewords_this_one(context, site_url):
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(f"{site_url}/calculators/impact/")
        settled(tab, "impact")
    second.select_option("#impact-setting", "shifts")
    expect(first.locator("[data-calc-region='label-clinic_days_per_week']")).to_have_text(
        "Shifts per week (shifts)", timeout=BOOT
    )
    assert first.input_value("#impact-clinic_days_per_week") == "3"
    first.close()
    second.close()


def test_the_tools_ask_too_and_keep_what_is_typed(page, site_url):
    page.goto(f"{site_url}/tools/log/")
    settled(page, "log")
    expect(page.locator("label[for='log-entry-start']")).to_contain_text("Workday started")
    page.fill("#log-entry-patients", "4")
    page.select_option("#log-role", "nurse")
    page.select_option("#log-setting", "shifts")
    expect(page.locator("label[for='log-entry-start']")).to_contain_text("Shift started")
    assert page.input_value("#log-entry-patients") == "4"  # typed before the change: kept
    page.goto("about:blank")
    page.goto(f"{site_url}/playbook/scripts/")
    settled(page, "scripts")
    assert page.input_value("#scripts-role") == "nurse" and page.input_value("#scripts-setting") == "shifts"
    expect(page.locator("#script-no-staff")).to_contain_text("staffing committee")
    page.select_option("#scripts-role", "app")
    page.select_option("#scripts-setting", "clinic")
    expect(page.locator("#script-no-staff")).to_contain_text("patients per session")
    page.goto("about:blank")
    page.goto(f"{site_url}/tools/packet/")
    settled(page, "packet")
    assert page.input_value("#packet-role") == "app"
    expect(page.locator("[data-calc='packet']")).to_contain_text(
        "nobody can book while a post is empty"
    )  # the NP or PA answer
