"""The team page's group privacy (issue 23, item 3): the lowest, median and highest of a figure only
from five logs on (with three they are the colleagues' own figures), a rounded median and a reason
below that, and care delays grouped by week, never dated by day of service, there and on the
meeting packet."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from calculators import get
from calculators.components.impact_log.data import Log, to_csv
from calculators.components.team import MIN_FOR_RANGE, group_summary, read_files
from calculators.framework.protocol import Request
from support import entry


def colleague(end_after: str, delays: dict[str, str] | None = None) -> dict:
    """One colleague's exported log: 08:00 to 17:00 on two days before the go-live (Mon 9 Nov 2026),
    08:00 to `end_after` on three days after it, five days a week; `delays` maps a date to a delay."""
    delays = delays or {}
    settings = {"go_live": "2026-11-09", "task_1_name": "", "task_2_name": "", "days_per_week": "5"}
    days = [entry("2026-11-02"), entry("2026-11-03")] + [
        entry(day, end=end_after, delay=delays.get(day, "")) for day in ("2026-11-09", "2026-11-11", "2026-11-17")
    ]
    return {"name": "someone.csv", "text": to_csv(Log(settings, days))}


# Weeks longer by 2.5, 6.5, 10, 4 and 12 hours (each extra hour a day is 5 a week).
ENDS = ["17:30", "18:18", "19:00", "17:48", "19:24"]
OWN = ["2.5", "6.5", "10", "4", "12"]


def merged(files: list[dict]) -> tuple[dict, str]:
    reply = get("team").act(Request(action="merge", files=files))
    return reply.regions, reply.regions["packet"] + reply.regions["letter"]


def values(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-result="([^"]+)" data-value="([^"]*)"', html))


@pytest.mark.parametrize("count", [3, 4])
def test_below_five_logs_no_lowest_or_highest_only_a_rounded_median_and_the_reason(count):
    people, problems = read_files([colleague(end) for end in ENDS[:count]])
    assert problems == []
    g = group_summary(people)
    median, low, high = g["extra_hours"]
    assert (low, high) == (None, None) and g["ranges"] is False
    assert median == {3: 7, 4: 5}[count]  # the exact medians 6.5 and 5.25, rounded half away from zero
    assert g["after_hours_change"] == (0, None, None)

    regions, html = merged([colleague(end) for end in ENDS[:count]])
    assert values(html)["team-extra-hours-median"] == str(median)  # data-value holds no more than is shown
    text = re.sub(r"<[^>]+>", " ", html)
    assert "(from " not in text and "range" not in text.split("No range is shown")[0]
    for own in OWN[:count]:  # no colleague's own figure appears, in the text or in a data-value
        assert not re.search(rf"(?<![\d.]){re.escape(own)} hours", text), own
    note = re.search(r"No range is shown[^<]*", html).group(0)
    assert f"at least {MIN_FOR_RANGE} logs" in note and f"With {count}," in note
    assert ("the median is the third one's" in note) == (count == 3)
    assert "a median of 7 hours longer" in html if count == 3 else "a median of 5 hours longer" in html


def test_from_five_logs_the_median_and_range_are_shown_exactly():
    people, _ = read_files([colleague(end) for end in ENDS])
    g = group_summary(people)
    assert g["ranges"] is True
    assert g["extra_hours"] == (Fraction(13, 2), Fraction(5, 2), 12)
    _, html = merged([colleague(end) for end in ENDS])
    assert "6.5 hours (from 2.5 to 12)" in html and "No range is shown" not in html
    assert values(html)["team-extra-hours-median"] == "6.5"


def test_care_delays_are_grouped_by_week_never_dated_by_day():
    files = [
        colleague(ENDS[0], {"2026-11-11": "Scanner down, dose 30 min late"}),
        colleague(ENDS[1], {"2026-11-09": "Order set froze 20 min", "2026-11-17": "Lab label printer offline"}),
        colleague(ENDS[2]),
    ]
    people, _ = read_files(files)
    g = group_summary(people)
    assert [str(week) for week, _ in g["delays"]] == ["2026-11-09", "2026-11-09", "2026-11-16"]  # Mondays

    regions, html = merged(files)
    packet = regions["packet"]
    assert "by week" in packet
    first, second = re.findall(r"<li>Week of ([^:]+): (\d+) delays?<ul>(.*?)</ul></li>", packet)
    assert first[:2] == ("Mon 9 Nov 2026", "2") and second[:2] == ("Mon 16 Nov 2026", "1")
    # Within a week, in alphabetical order, so the order gives no day away.
    assert re.findall(r"<li>([^<]+)</li>", first[2]) == ["Order set froze 20 min", "Scanner down, dose 30 min late"]
    for day in ("Wed 11 Nov", "Tue 17 Nov", "2026-11-11", "2026-11-17", "11 Nov", "17 Nov"):
        assert day not in html, day
    assert "3 times that the technology delayed" in regions["letter"]


def test_the_packet_also_dates_a_care_delay_by_its_week():
    from calculators.components.packet.document import care_delays

    settings = {"go_live": "2026-11-09", "task_1_name": "", "task_2_name": "", "days_per_week": "5"}
    log = Log(settings, [entry("2026-11-12", delay="Pump library missing, dose 25 min late")])
    html = care_delays({"log": log})
    assert "<li>Week of Mon 9 Nov 2026: Pump library missing, dose 25 min late</li>" in html
    assert "12 Nov" not in html and "Thu" not in html
