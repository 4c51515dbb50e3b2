"""The 4+1 schedule. The opening ask: four clinical days at today's daily load plus one protected day
for recovery and non-clinical work. The fallback: the same weekly volume over four days, with no
clinical day longer than the reader accepts. Documentation left outside protected time in each, and
the volume that keeps after-hours charting under a limit."""

from __future__ import annotations

import math
from fractions import Fraction

from ..framework import charts, limits
from ..framework.calculator import Calculator, Example
from ..framework.html import escape, figures, heading, num, proposal
from ..framework.inputs import Number
from ..framework.numbers import counted, direction, format_number

SLUG = "four-plus-one"

# fmt: off
INPUTS = (
    Number("weekly_patients", "Patients a week", "patients", "The visits you see in a week now.", "80", 1, 500,
           whole=True),
    Number("visit_minutes", "Visit length", "minutes", "Scheduled minutes for each visit.", "20", 5, 240),
    Number("doc_minutes", "Documentation per patient", "minutes",
           "Charting, orders and messages for one patient. 10 minutes is an example: time a few of yours.",
           "10", 0, 240, above=True),
    Number("in_clinic_minutes", "Charting time inside each clinical day", "minutes",
           "Unbooked minutes in the template of one clinical day that are really used for charting.", "60", 0, 600),
    Number("admin_day_minutes", "Charting time on the protected day", "minutes",
           "Of the protected day, the minutes you expect to spend on charting and the inbox; the rest is for "
           "recovery. 3 hours is an example.", "180", 0, 720),
    Number("after_hours_limit", "After-hours charting you accept", "hours a week",
           "The most documentation outside scheduled time that you want in a week. 5 hours is this page's "
           "example.", "5", 0, 80),
    Number("longest_day_hours", "Longest clinical day you accept", "hours",
           "The clinical day the trial must not exceed, charting time included. 10 hours is this page's example, "
           "a rule of thumb: set your own.", "10", 1, limits.HOURS_IN_A_DAY),
)
# fmt: on


def check(v: dict) -> list:
    """The limits of a day and a week (framework/limits.py), before any arithmetic is shown: the
    longer clinical day is the one on 4+1, and the longer week the one with more charting left over."""
    volume, visit, doc = v["weekly_patients"], v["visit_minutes"], v["doc_minutes"]
    inside, admin = v["in_clinic_minutes"], v["admin_day_minutes"]
    day_four = (volume / 4 * visit + inside) / 60
    found = limits.day(
        "weekly_patients",
        day_four,
        f"Patients a week ({format_number(volume)}) at {format_number(visit)} minutes each make a clinical day "
        "on 4+1 of",
    )
    if limits.impossible(found):
        return found
    charting = volume * doc
    week_five = (volume * visit + 5 * inside + max(charting - 5 * inside, 0)) / 60
    week_four = (volume * visit + 4 * inside + admin + max(charting - 4 * inside - admin, 0)) / 60
    return found + limits.week(
        "doc_minutes",
        max(week_five, week_four),
        f"Documentation per patient ({format_number(doc)} minutes for {format_number(volume)} patients) makes, "
        "with the visits, a working week of",
    )


def calculate(v: dict) -> dict:
    volume, visit, doc = v["weekly_patients"], v["visit_minutes"], v["doc_minutes"]
    inside, admin, limit = v["in_clinic_minutes"], v["admin_day_minutes"], v["after_hours_limit"]
    charting = volume * doc
    ask_volume = volume / 5 * 4  # four clinical days at today's daily load
    return {
        # The opening ask: a recovery day, each clinical day as full as today's.
        "ask_weekly_patients": ask_volume,
        "ask_patients_given_up": volume - ask_volume,
        "after_hours_ask": max(ask_volume * doc - 4 * inside - admin, Fraction(0)) / 60,
        # Today, and the fallback: the same weekly volume over four days.
        "patients_per_day_five": volume / 5,
        "patients_per_day_four": volume / 4,
        "hours_per_day_five": (volume / 5 * visit + inside) / 60,
        "hours_per_day_four": (volume / 4 * visit + inside) / 60,
        "charting_hours_per_week": charting / 60,
        "after_hours_five": max(charting - 5 * inside, Fraction(0)) / 60,
        "after_hours_four": max(charting - 4 * inside - admin, Fraction(0)) / 60,
        "patients_per_day_within_longest": max(math.floor((v["longest_day_hours"] * 60 - inside) / visit), 0),
        "volume_within_limit_five": math.floor((limit * 60 + 5 * inside) / doc),
        "volume_within_limit_four": math.floor((limit * 60 + 4 * inside + admin) / doc),
    }


def _fallback_fits(v: dict, r: dict) -> bool:
    return r["hours_per_day_four"] <= v["longest_day_hours"]


def say(v: dict, r: dict) -> str:
    volume = v["weekly_patients"]
    longest = counted(v["longest_day_hours"], "hours", 1)
    text = (
        f"I see {counted(volume, 'patients', 1)} a week over five clinical days, with about "
        f"{counted(r['charting_hours_per_week'], 'hours', 1)} of documentation; "
        f"{counted(r['after_hours_five'], 'hours', 1)} of it falls outside scheduled time each week. "
        f"I am asking for a three-month trial of four clinical days at today's daily load, "
        f"{counted(r['patients_per_day_five'], 'patients', 1)} a day, plus one protected day for recovery "
        f"and non-clinical work: {counted(r['ask_weekly_patients'], 'patients', 1)} a week, with "
        f"after-hours charting {'down to' if r['after_hours_ask'] < r['after_hours_five'] else 'at'} "
        f"{counted(r['after_hours_ask'], 'hours', 1)}."
    )
    if _fallback_fits(v, r):
        text += (
            f" If the weekly volume cannot change, my fallback is the same {counted(volume, 'patients', 1)} "
            f"over four days, {format_number(r['patients_per_day_four'], 1)} a day "
            f"({counted(r['hours_per_day_four'], 'hours', 1)}, within the {longest} I can sustain), with "
            f"{counted(r['after_hours_four'], 'hours', 1)} of after-hours charting."
        )
    else:
        text += (
            f" Keeping all {counted(volume, 'patients', 1)} in four days would mean clinical days of "
            f"{counted(r['hours_per_day_four'], 'hours', 1)}, longer than the {longest} I can sustain, so any "
            f"fallback keeps each clinical day to "
            f"{counted(r['patients_per_day_within_longest'], 'patients', 0)} at most."
        )
    if direction(v["after_hours_limit"], r["after_hours_four"], 1) > 0:  # over the limit as the page shows both
        text += (
            f" To keep after-hours charting under {counted(v['after_hours_limit'], 'hours', 1)} on 4+1, the "
            f"weekly volume would be {format_number(r['volume_within_limit_four'])} at most."
        )
    return text + " We would measure after-hours charting, note completion and access before and during the trial."


def render(v: dict, r: dict) -> str:
    ask = figures(
        [
            ("Patients a week on 4+1 at today's daily load",
             num("ask_weekly_patients", r["ask_weekly_patients"], "", 1)),
            ("Visits a week given up for the recovery day",
             num("ask_patients_given_up", r["ask_patients_given_up"], "", 1)),
            ("After-hours charting with the recovery day",
             num("after_hours_ask", r["after_hours_ask"], "hours a week", 1)),
            ("After-hours charting now, 5 days", num("after_hours_five", r["after_hours_five"], "hours a week", 1)),
            ("Documentation a week now", num("charting_hours_per_week", r["charting_hours_per_week"], "hours", 1)),
            ("Patients a clinical day now", num("patients_per_day_five", r["patients_per_day_five"], "", 1)),
            ("Hours a clinical day now", num("hours_per_day_five", r["hours_per_day_five"], "hours", 1)),
        ]
    )  # fmt: skip
    fallback = figures(
        [
            ("Patients a clinical day, same volume on 4+1",
             num("patients_per_day_four", r["patients_per_day_four"], "", 1)),
            ("Hours a clinical day, same volume on 4+1", num("hours_per_day_four", r["hours_per_day_four"], "hours", 1)),
            ("After-hours charting, same volume on 4+1",
             num("after_hours_four", r["after_hours_four"], "hours a week", 1)),
            ("Most patients a clinical day within your longest day",
             num("patients_per_day_within_longest", r["patients_per_day_within_longest"], "", 0)),
            ("Most patients a week within your after-hours limit, 5 days",
             num("volume_within_limit_five", r["volume_within_limit_five"], "", 0)),
            ("Most patients a week within your after-hours limit, 4+1",
             num("volume_within_limit_four", r["volume_within_limit_four"], "", 0)),
        ]
    )  # fmt: skip
    rows = [
        ("Five clinical days now", r["after_hours_five"], f"{format_number(r['after_hours_five'], 1)} h"),
        ("4+1 with a recovery day", r["after_hours_ask"], f"{format_number(r['after_hours_ask'], 1)} h"),
        ("4+1, same volume", r["after_hours_four"], f"{format_number(r['after_hours_four'], 1)} h"),
        ("Your limit", v["after_hours_limit"], f"{format_number(v['after_hours_limit'], 1)} h"),
    ]
    chart = charts.bars_with_table(
        rows,
        "After-hours charting a week",
        "fpo-after",
        "Five days now, the ask and the fallback",
        ("", "5 days now", "4+1, recovery day", "4+1, same volume"),
        [
            ("Patients a week", format_number(v["weekly_patients"]), format_number(r["ask_weekly_patients"], 1),
             format_number(v["weekly_patients"])),
            ("Patients a clinical day", format_number(r["patients_per_day_five"], 1),
             format_number(r["patients_per_day_five"], 1), format_number(r["patients_per_day_four"], 1)),
            ("Hours a clinical day", format_number(r["hours_per_day_five"], 1),
             format_number(r["hours_per_day_five"], 1), format_number(r["hours_per_day_four"], 1)),
            ("After-hours charting a week", format_number(r["after_hours_five"], 1),
             format_number(r["after_hours_ask"], 1), format_number(r["after_hours_four"], 1)),
        ],
        description="Hours of documentation outside scheduled time, each week.",
    )  # fmt: skip
    longest = counted(v["longest_day_hours"], "hours", 1)
    day = counted(r["hours_per_day_four"], "hours", 1)
    limit_note = (
        f"The fallback keeps each clinical day at {day}, within the {longest} you accept; each one still "
        "carries a quarter more patients than today."
        if _fallback_fits(v, r)
        else f"The fallback would make each clinical day {day}, longer than the {longest} you accept: offer it "
        f"only with at most {counted(r['patients_per_day_within_longest'], 'patients', 0)} a clinical day."
    )
    shifts = (
        '<p class="sp-note">A 4+1 reshapes a five-day clinic week. On three 12-hour shifts your days off are '
        'already set: the <a href="../rest/">rest calculator</a> checks a roster for long stretches, and the '
        '<a href="../shift-trade-off/">shift trade-off calculator</a> sizes what a slower workflow costs a unit. '
        "The figures below read your week as five clinical days.</p>"
        if v["profile"].shifts
        else ""
    )
    return (
        shifts
        + heading("The ask: four days at today's load, plus a recovery day")
        + ask
        + heading("The fallback: the same volume in four days")
        + fallback
        + f"<p>{escape(limit_note)}</p>"
        + chart
        + proposal(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    return (
        f"Result updated: after-hours charting {counted(r['after_hours_ask'], 'hours', 1)} a week with a recovery "
        f"day, {format_number(r['after_hours_five'], 1)} on five days now, "
        f"{format_number(r['after_hours_four'], 1)} on 4+1 with the same volume."
    )


EXAMPLES = (
    Example(
        "The defaults: 80 patients a week, 10 minutes of charting each, a recovery day with 3 hours of charting",
        {},
        {
            "ask_weekly_patients": 64,
            "ask_patients_given_up": 16,
            "after_hours_ask": Fraction(11, 3),
            "patients_per_day_four": 20,
            "hours_per_day_four": Fraction(23, 3),
            "charting_hours_per_week": Fraction(40, 3),
            "after_hours_five": Fraction(25, 3),
            "after_hours_four": Fraction(19, 3),
            "patients_per_day_within_longest": 27,
            "volume_within_limit_four": 72,
            "volume_within_limit_five": 60,
        },
    ),
    Example(
        "Charting that fits inside the day",
        {"weekly_patients": "40", "doc_minutes": "5"},
        {"after_hours_ask": 0, "after_hours_five": 0, "after_hours_four": 0},
    ),
    Example(
        "Long visits: the same volume in four days would pass the longest day",
        {"weekly_patients": "100", "visit_minutes": "30"},
        {"hours_per_day_four": Fraction(27, 2), "patients_per_day_within_longest": 18, "ask_weekly_patients": 80},
    ),
)

COMPONENT = Calculator(
    slug=SLUG, title="4+1 schedule calculator", inputs=INPUTS, check=check, calculate=calculate, render=render,
    announce=announce, examples=EXAMPLES,
)  # fmt: skip
