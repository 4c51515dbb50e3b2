"""The self-check: every set of answers points to a next step, and none dismisses the reader."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from calculators import get
from calculators.components.self_check import QUESTIONS, result_html, verdict
from calculators.framework.protocol import Request
from support import BOOT

KEYS = [q.key for q in QUESTIONS]
SUBSETS = [set(c) for n in range(len(KEYS) + 1) for c in itertools.combinations(KEYS, n)]
DISMISSIVE = re.compile(r"probably not|nothing to worry|not the (main )?(driver|cause)|just annoying", re.I)


@pytest.mark.parametrize("yes", SUBSETS, ids=lambda s: "+".join(sorted(s)) or "none")
def test_every_answer_points_to_a_next_step_and_dismisses_no_one(yes):
    html = result_html(yes)
    assert not DISMISSIVE.search(html)
    assert re.search(r'href="[^"]*(log|impact|scope|pace)/"', html)  # a next step to take
    assert f'data-value="{len(yes)}"' in html


def test_a_yes_to_longer_days_or_charting_at_home_matters_on_its_own():
    for key in ("longer-days", "charting-at-home"):
        headline, _ = verdict({key})
        assert "hours" in headline
    assert verdict(set())[0] == "Measure it anyway."


def test_the_browser_sends_ticked_boxes_as_a_list_and_gets_the_answer():
    reply = get("self-check").act(Request(action="update", forms={"answers": {"yes": ["screens", "no-end-date"]}}))
    assert 'data-value="2"' in reply.regions["result"] and "pace/" in reply.regions["result"]
    junk = get("self-check").act(Request(action="update", forms={"answers": {"yes": "<script>"}}))
    assert 'data-value="0"' in junk.regions["result"] and "<script>" not in junk.regions["result"]


def test_the_self_check_answers_in_chromium(page, site_url):
    page.goto(f"{site_url}/playbook/recognise/")
    page.wait_for_selector("[data-calc='self-check'][data-state='ready']", timeout=BOOT)
    page.check("#self-check-longer-days")
    result = page.locator("[data-calc='self-check'] [data-calc-region='result']")
    expect(result).to_contain_text("This is costing you hours")
    expect(result.locator("[data-result='yes_count']")).to_have_attribute("data-value", "1")
    expect(result.locator("a[href$='calculators/impact/']")).to_have_count(1)
    assert page.errors_seen == []
