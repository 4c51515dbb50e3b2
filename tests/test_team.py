"""The team page: three or more exported logs merged in the browser into medians (ranges from five
logs: see test_team_privacy.py), care delays by week and a co-signed letter; fewer logs, or files
that are not logs, are explained."""

from __future__ import annotations

from playwright.sync_api import expect

from calculators import get
from calculators.components.impact_log.data import Log, to_csv
from calculators.components.team import group_summary, read_files
from calculators.framework.protocol import Request
from support import BOOT, HOSTILE, entry


def colleague(end_after: str, delay: str = "") -> str:
    """One colleague's exported log: two days before go-live (08:00 to 17:00), two after, five a week."""
    settings = {"go_live": "2026-11-09", "task_1_name": "", "task_2_name": "", "days_per_week": "5"}
    days = [
        entry("2026-11-02"),
        entry("2026-11-03"),
        entry("2026-11-09", end=end_after, delay=delay),
        entry("2026-11-10", end=end_after),
    ]
    return to_csv(Log(settings, days))


# Weeks 5, 10 and 2.5 hours longer: median 5, range 2.5 to 10.
FILES = [
    {"name": "ana.csv", "text": colleague("18:00", "Scanner down, dose 30 min late")},
    {"name": "ben.csv", "text": colleague("19:00")},
    {"name": "cy.csv", "text": colleague("17:30", "Order set froze 20 min")},
]


def test_three_logs_give_the_medians_without_ranges():
    people, problems = read_files(FILES)
    assert problems == []
    g = group_summary(people)
    assert g["people"] == 3
    assert g["extra_hours"] == (5, None, None)  # the lowest and highest would be two colleagues' own
    assert g["after_hours_total"] == 0
    assert [text for _, text in g["delays"]] == ["Order set froze 20 min", "Scanner down, dose 30 min late"]


def test_fewer_than_three_logs_give_no_summary_and_files_are_never_named():
    reply = get("team").act(Request(action="merge", files=FILES[:2] + [{"name": "dr-smith.csv", "text": "a,b\n1,2"}]))
    assert reply.regions["packet"] == "" and "at least 3" in reply.regions["notice"]
    assert "dr-smith" not in reply.regions["notice"] and "File 3 is not a log" in reply.regions["notice"]


def test_hostile_text_in_a_log_stays_text():
    files = [{"name": n, "text": colleague("18:00", HOSTILE[i % len(HOSTILE)])} for i, n in enumerate("abcd")]
    reply = get("team").act(Request(action="merge", files=files, forms={"letter": {"names": HOSTILE[0]}}))
    html = "".join(reply.regions.values())
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_the_team_page_merges_three_exported_logs_in_chromium(page, site_url):
    page.goto(f"{site_url}/tools/team/")
    page.wait_for_selector("[data-calc='team'][data-state='ready']", timeout=BOOT)
    page.set_input_files(
        "#team-files", [{"name": f["name"], "mimeType": "text/csv", "buffer": f["text"].encode()} for f in FILES]
    )
    expect(page.locator("[data-result='team-people']")).to_have_attribute("data-value", "3")
    expect(page.locator("[data-result='team-extra-hours-median']")).to_have_attribute("data-value", "5")
    expect(page.locator("#team-letter-text")).to_contain_text("a median of 5 hours longer")
    page.fill("#team-names", "A. Lee, B. Cruz, C. Diaz")
    expect(page.locator("#team-letter-text")).to_contain_text("A. Lee, B. Cruz, C. Diaz")
    assert page.errors_seen == []
