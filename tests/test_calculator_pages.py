"""Every calculator's worked examples, replayed in Chromium through a link (on the calculator's one
booted page: the link's fragment is what changes) and natively through the same link; the .ics
file, parsed back."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from calculators import CALCULATORS
from calculators.components.transition import COMPONENT as TRANSITION
from calculators.components.transition import ics
from support import BOOT, TODAY, replay_by_link

CASES = [(slug, ex) for slug, calc in CALCULATORS.items() for ex in calc.examples]


@pytest.mark.parametrize(("slug", "example"), CASES, ids=[f"{s}: {e.title}" for s, e in CASES])
def test_worked_example_through_a_link(booted, slug, example):
    page = booted.open(slug)
    replay_by_link(page, slug, example)
    assert page.errors_seen == []


@pytest.mark.parametrize(("slug", "example"), CASES, ids=[f"{s}: {e.title}" for s, e in CASES])
def test_every_worked_example_survives_its_link(slug, example):
    calc = CALCULATORS[slug]
    fragment = calc.to_fragment(calc.completed(example.inputs, TODAY), TODAY)
    raw, problems = calc.read_fragment(fragment or "v=1", TODAY)  # no fragment: the defaults
    assert problems == []
    values, results = calc.run(raw, TODAY)
    for key, value in example.expect.items():
        assert results.get(key) == value, key


def test_optional_input_left_blank_explains_what_is_missing(page, site_url):
    page.goto(f"{site_url}/calculators/impact/")
    page.wait_for_selector("[data-calc='impact'][data-state='ready']", timeout=BOOT)
    expect(page.locator("[data-result='hourly_rate_before']")).to_have_count(0)
    expect(page.locator("[data-calc='impact'] .sp-omitted").first).to_contain_text("annual compensation")
    page.fill("#impact-annual_compensation", "$300,000")
    page.wait_for_selector("[data-calc='impact'][data-state='ready'] [data-result='hourly_rate_before']")
    assert float(page.get_attribute("[data-result='hourly_rate_before']", "data-value")) == pytest.approx(
        300000 / (47 * 46)
    )
    page.fill("#impact-clicks_before", "0")  # a division by zero is explained, not computed
    page.wait_for_selector("[data-calc='impact'][data-state='ready']")
    expect(page.locator("[data-result='clicks_change_percent']")).to_have_count(0)


def test_zero_replacement_cost_is_an_error_on_that_field(page, site_url):
    page.goto(f"{site_url}/calculators/retention/#v=1&replacement_cost=0")
    page.wait_for_selector("[data-calc='retention'][data-state='invalid']", timeout=BOOT)
    expect(page.locator("[data-calc-error='replacement_cost']")).to_contain_text("must be more than 0")


def test_presets_fill_the_field_and_recompute(page, site_url):
    page.goto(f"{site_url}/calculators/retention/")
    page.wait_for_selector("[data-calc='retention'][data-state='ready']", timeout=BOOT)
    page.get_by_role("button", name="High: $1,000,000").click()
    expect(page.locator("[data-result='extra_turnover_cost_per_year']")).to_have_attribute("data-value", "600000")
    assert page.input_value("#retention-replacement_cost") == "1000000"


def test_charts_have_a_text_alternative_and_a_table(built_site):
    charted = []
    for slug in CALCULATORS:
        html = (built_site.path / "calculators" / slug / "index.html").read_text()
        charts = re.findall(r"<svg class=\"sp-chart.*?</svg>", html, re.S)
        for svg in charts:
            assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
        if charts:
            charted.append(slug)
            assert '<table class="sp-table">' in html, slug
    assert charted  # the check above ran on real charts


def test_transition_default_go_live_is_a_monday_four_weeks_out():
    for offset in range(14):
        today = dt.date(2026, 11, 23) + dt.timedelta(days=offset)
        go_live = dt.date.fromisoformat(TRANSITION.defaults(today)["go_live"])
        assert go_live.weekday() == 0 and 28 <= (go_live - today).days < 35


def test_calendar_file_parses_back_with_every_phase_and_review():
    values, results = TRANSITION.run({"go_live": "2027-01-04"})
    text = ics(values, results, dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = sorted((e.decoded("DTSTART"), str(e["SUMMARY"])) for e in calendar.walk("VEVENT"))
    starts = [d for d, s in events if "starts" in s]
    assert starts == [dt.date(2027, 1, 4), dt.date(2027, 2, 15), dt.date(2027, 3, 1), dt.date(2027, 3, 29)]
    reviews = [d for d, s in events if s.startswith("Transition review")]
    assert reviews == results["reviews"] and len(reviews) == 7
    assert (dt.date(2027, 4, 12), "Transition: full adoption") in events
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    for event in calendar.walk("VEVENT"):
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
        assert event.get("DTSTAMP")


def test_calendar_download_link_is_on_the_page(built_site):
    html = (built_site.path / "calculators" / "transition" / "index.html").read_text()
    found = re.search(r'download="transition-plan.ics" href="data:text/calendar;charset=utf-8,([^"]+)"', html)
    assert found, "the transition page has no calendar download link"
    calendar = Calendar.from_ical(unquote(found.group(1)))
    assert len(calendar.walk("VEVENT")) > 0
