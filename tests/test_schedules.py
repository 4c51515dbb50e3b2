"""Rest and shift bids respect rest: a shift inside another is an overlap and its hours are not
counted twice; no bid gives anyone two shifts closer than the unit's shortest rest (its default
example included), and an open shift says who could not take it and why; clock changes are real
hours (US daylight saving, or none)."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import CALCULATORS
from calculators.framework import clock

REST, BID = CALCULATORS["rest"], CALCULATORS["shift-bid"]
D = dt.datetime


def test_a_shift_inside_another_is_an_overlap_and_the_short_rest_after_it_is_found():
    raw = {"shifts": "2027-01-04 07:00-19:00;2027-01-04 08:00-09:00;2027-01-05 01:00-07:00", "min_rest_hours": "10"}
    _, r = REST.run(raw)
    texts = [what for kind, what in r["list"] if kind == "Short rest"]
    assert r["short_rests"] == 2 and len(texts) == 2
    assert "overlap" in texts[0] and "08:00" in texts[0]
    assert texts[1].endswith("6 hours of rest") and "19:00" in texts[1]  # from the end of the long shift
    assert r["total_hours"] == 18  # 12 + 6: the hour inside the long shift is not counted again


def test_copies_of_one_shift_count_once():
    _, r = REST.run({"shifts": ";".join(["2027-01-04 07:00-07:00"] * 8)})
    assert r["total_hours"] == 24 and r["weeks"] == [(dt.date(2027, 1, 4), 24)]
    assert r["short_rests"] == 7 and r["long_shifts"] == 1 and r["long_weeks"] == 0


shift = st.tuples(st.integers(0, 13), st.integers(0, 23), st.integers(1, 30))  # day, start hour, hours


@settings(max_examples=150, deadline=None)
@given(st.lists(shift, min_size=1, max_size=10))
def test_roster_hours_never_exceed_the_time_the_roster_covers(shifts):
    spans = [
        (D(2027, 1, 4, h) + dt.timedelta(days=d), D(2027, 1, 4, h) + dt.timedelta(days=d, hours=n))
        for d, h, n in shifts
    ]
    text = ";".join(f"{a:%Y-%m-%d %H:%M}-{b:%H:%M}" for a, b in spans if (b - a) < dt.timedelta(hours=24))
    if not text:
        return
    _, r = REST.run({"shifts": text})
    read = [row[0] for row in REST.run({"shifts": text})[0]["shifts"]]
    covered = set()
    for a, b in read:  # every hour on the roster, once
        covered |= {a + dt.timedelta(hours=i) for i in range(int((b - a).total_seconds()) // 3600)}
    assert r["total_hours"] == len(covered)
    assert all(hours <= 168 for _, hours in r["weeks"])


# --- Clock changes -----------------------------------------------------------------------------------


def test_us_clock_changes_make_real_hours():
    # 2027: forward on Sunday 14 March, back on Sunday 7 November, at 2 a.m.
    assert clock.hours(D(2027, 3, 13, 19), D(2027, 3, 14, 7), "us") == 11
    assert clock.hours(D(2027, 11, 6, 19), D(2027, 11, 7, 7), "us") == 13
    assert clock.hours(D(2027, 11, 6, 19), D(2027, 11, 7, 7), "none") == 12
    assert (
        clock.hours(D(2026, 3, 8), D(2026, 3, 9), "us") == 23
        and clock.hours(D(2026, 11, 1), D(2026, 11, 2), "us") == 25
    )
    assert clock.hours(D(2027, 7, 1, 7), D(2027, 7, 1, 19), "us") == 12  # no change: as entered
    # A time the clocks skip is the moment they jumped; time never runs backwards between two times.
    assert clock.hours(D(2027, 3, 14, 2, 30), D(2027, 3, 14, 3), "us") == 0
    moments = [D(2027, 3, 14, 1) + dt.timedelta(minutes=15 * i) for i in range(12)]
    moments += [D(2027, 11, 7, 0) + dt.timedelta(minutes=15 * i) for i in range(16)]
    assert all(clock.hours(a, b, "us") >= 0 for a, b in itertools.pairwise(moments))


def test_the_rest_check_counts_a_night_shift_across_a_clock_change_in_real_hours():
    nights = "2027-03-13 19:00-07:00;2027-11-06 19:00-07:00"
    _, us = REST.run({"shifts": nights, "max_shift_hours": "12"})
    _, none = REST.run({"shifts": nights, "max_shift_hours": "12", "clock": "none"})
    assert [h for _, h in us["weeks"]] == [11, 13] and us["long_shifts"] == 1  # the autumn night is 13 hours
    assert [h for _, h in none["weeks"]] == [12, 12] and none["long_shifts"] == 0
    # Rest across the autumn change: 23:00 to 08:00 on the wall is 10 real hours.
    rest = "2027-11-06 11:00-23:00;2027-11-07 08:00-20:00"
    assert REST.run({"shifts": rest, "min_rest_hours": "10"})[1]["short_rests"] == 0
    assert REST.run({"shifts": rest, "min_rest_hours": "10", "clock": "none"})[1]["short_rests"] == 1


# --- Shift bids --------------------------------------------------------------------------------------


def real_gap(a, b, rule) -> Fraction:
    """Hours between two spans (negative when they overlap), from the end of the earlier."""
    first, second = sorted([a, b])
    return clock.hours(first[1], second[0], rule)


@st.composite
def bids(draw):
    count = draw(st.integers(1, 10))
    shifts = []
    for i in range(count):
        day, start, length = (
            draw(st.integers(0, 4)),
            draw(st.sampled_from([7, 11, 15, 19, 23])),
            draw(st.sampled_from([4, 8, 12])),
        )
        first = draw(st.sampled_from([dt.date(2027, 1, 4), dt.date(2027, 3, 12), dt.date(2027, 11, 5)]))  # the changes
        shifts.append(
            f"S{i},{first + dt.timedelta(days=day)} {start:02d}:00-{(start + length) % 24:02d}:00,{draw(st.integers(1, 3))},no"
        )
    staff = [
        f"P{j},{draw(st.integers(0, 5))},{' '.join(f'S{w}' for w in draw(st.lists(st.integers(0, count - 1), max_size=6)))}"
        for j in range(draw(st.integers(1, 8)))
    ]
    return {"staff": ";".join(staff), "shifts": ";".join(shifts), "shifts_each": str(draw(st.integers(1, 4))),
            "min_rest_hours": str(draw(st.sampled_from([0, 8, 10, 11, 16]))), "clock": draw(st.sampled_from(["us", "none"]))}  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bids())
def test_no_bid_gives_anyone_two_shifts_closer_than_the_shortest_rest(raw):
    values, r = BID.run(raw)
    spans = {row[0]: row[1] for row in values["shifts"]}
    for name, held in r["assigned"].items():
        for a, b in itertools.combinations(held, 2):
            assert real_gap(spans[a], spans[b], raw["clock"]) >= values["min_rest_hours"], (name, a, b)


def test_the_default_bid_keeps_ten_hours_of_rest_and_says_who_could_not_take_an_open_shift():
    values, r = BID.run({})
    assert values["min_rest_hours"] == 10
    spans = {row[0]: row[1] for row in values["shifts"]}
    for held in r["assigned"].values():
        for a, b in itertools.combinations(held, 2):
            assert real_gap(spans[a], spans[b], "us") >= 10
    assert "S2" not in r["assigned"]["CD"]  # the review's CD: S1 then S2 was 24 hours straight
    shown = BID.render(values, r)
    assert "CD: S2 leaves 0 hours of rest with their S1" in shown
    assert any("S2 leaves 0 hours of rest with their S1" in text for _, _, text in r["log"])


def test_when_rest_makes_a_shift_impossible_the_page_says_who_and_why():
    raw = {"staff": "Ana,5,S1 S2;Ben,3,S1 S2", "shifts": "S1,2027-01-04 07:00-19:00,2,no;S2,2027-01-05 03:00-07:00,2,no",
           "shifts_each": "2", "min_rest_hours": "10"}  # fmt: skip
    values, r = BID.run(raw)
    assert r["filled"]["S2"] == [] and r["unfilled_places"] == 2
    shown = BID.render(values, r)
    assert "Ana: S2 leaves 8 hours of rest with their S1" in shown and "Ben: S2 leaves 8 hours of rest" in shown
    # With 8 hours as the rule the same people can work both.
    assert BID.run({**raw, "min_rest_hours": "8"})[1]["filled"]["S2"] == ["Ana", "Ben"]
