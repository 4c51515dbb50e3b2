"""The 4+1 schedule: the same weekly volume over five clinical days, or over four with one protected
administrative day; documentation left outside protected time in each, and the volume that keeps
after-hours charting under a limit."""

from __future__ import annotations

import math
from fractions import Fraction

from ..framework import charts, limits
from ..framework.component import Calculator, Example
from ..framework.html import chart_with_table, escape, figures, heading, num, proposal
from ..framework.inputs import Number
from ..framework.numbers import format_number

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
           "Of the administrative day, the minutes left for charting once meetings and other duties are done.",
           "300", 0, 720),
    Number("after_hours_limit", "After-hours charting you accept", "hours a week",
           "The most documentation outside scheduled time that you want in a week. 5 hours is this page's "
           "example.", "5", 0, 80),
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
    return {
        "patients_per_day_five": volume / 5,
        "patients_per_day_four": volume / 4,
        "hours_per_day_five": (volume / 5 * visit + inside) / 60,
        "hours_per_day_four": (volume / 4 * visit + inside) / 60,
        "charting_hours_per_week": charting / 60,
        "after_hours_five": max(charting - 5 * inside, Fraction(0)) / 60,
        "after_hours_four": max(charting - 4 * inside - admin, Fraction(0)) / 60,
        "volume_within_limit_five": math.floor((limit * 60 + 5 * inside) / doc),
        "volume_within_limit_four": math.floor((limit * 60 + 4 * inside + admin) / doc),
    }


def say(v: dict, r: dict) -> str:
    five, four = format_number(r["after_hours_five"], 1), format_number(r["after_hours_four"], 1)
    text = (
        f"I see {format_number(v['weekly_patients'])} patients a week, with about "
        f"{format_number(r['charting_hours_per_week'], 1)} hours of documentation. Over five clinical days, "
        f"{five} hours of it falls outside scheduled time each week; over four days with one protected "
        f"administrative day, {four} hours does, with {format_number(r['patients_per_day_four'], 1)} patients "
        "on each clinical day."
    )
    if r["after_hours_four"] > v["after_hours_limit"]:
        text += (
            f" To keep after-hours charting under {format_number(v['after_hours_limit'])} hours, the weekly volume "
            f"on 4+1 would be {format_number(r['volume_within_limit_four'])}."
        )
    return text + " I am asking for a three-month 4+1 trial with the same volume, measured before and after."


def render(v: dict, r: dict) -> str:
    figs = figures(
        [
            ("Documentation a week", num("charting_hours_per_week", r["charting_hours_per_week"], "hours", 1)),
            ("Patients a clinical day, 5 days", num("patients_per_day_five", r["patients_per_day_five"], "", 1)),
            ("Patients a clinical day, 4+1", num("patients_per_day_four", r["patients_per_day_four"], "", 1)),
            ("Hours a clinical day, 5 days", num("hours_per_day_five", r["hours_per_day_five"], "hours", 1)),
            ("Hours a clinical day, 4+1", num("hours_per_day_four", r["hours_per_day_four"], "hours", 1)),
            ("After-hours charting, 5 days", num("after_hours_five", r["after_hours_five"], "hours a week", 1)),
            ("After-hours charting, 4+1", num("after_hours_four", r["after_hours_four"], "hours a week", 1)),
            ("Most patients a week within the limit, 5 days",
             num("volume_within_limit_five", r["volume_within_limit_five"], "", 0)),
            ("Most patients a week within the limit, 4+1",
             num("volume_within_limit_four", r["volume_within_limit_four"], "", 0)),
        ]
    )  # fmt: skip
    rows = [
        ("Five clinical days", r["after_hours_five"], f"{format_number(r['after_hours_five'], 1)} h"),
        ("Four days plus one", r["after_hours_four"], f"{format_number(r['after_hours_four'], 1)} h"),
        ("Your limit", v["after_hours_limit"], f"{format_number(v['after_hours_limit'], 1)} h"),
    ]
    chart = charts.bars(
        rows, "After-hours charting a week", "Hours of documentation outside scheduled time, each week.", "fpo-after"
    )
    table = charts.table(
        "Five days against four plus one",
        ("", "5 days", "4+1"),
        [
            ("Patients a clinical day", format_number(r["patients_per_day_five"], 1),
             format_number(r["patients_per_day_four"], 1)),
            ("Hours a clinical day", format_number(r["hours_per_day_five"], 1), format_number(r["hours_per_day_four"], 1)),
            ("After-hours charting a week", format_number(r["after_hours_five"], 1),
             format_number(r["after_hours_four"], 1)),
        ],
    )  # fmt: skip
    longer = (
        "On 4+1 each clinical day is longer and fuller; say whether that is sustainable before you ask for it."
        if r["hours_per_day_four"] > 10
        else "Each clinical day on 4+1 carries a quarter more patients than on five days."
    )
    return (
        heading("Five days against four plus one")
        + figs
        + chart_with_table(chart, table)
        + f"<p>{escape(longer)}</p>"
        + proposal(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    return (
        f"Result updated: after-hours charting {format_number(r['after_hours_five'], 1)} hours a week on five days, "
        f"{format_number(r['after_hours_four'], 1)} on 4+1."
    )


EXAMPLES = (
    Example(
        "The defaults: 80 patients a week, 10 minutes of charting each",
        {},
        {
            "patients_per_day_four": 20,
            "charting_hours_per_week": Fraction(40, 3),
            "after_hours_five": Fraction(25, 3),
            "after_hours_four": Fraction(13, 3),
            "volume_within_limit_four": 84,
            "volume_within_limit_five": 60,
        },
    ),
    Example(
        "Charting that fits inside the day",
        {"weekly_patients": "40", "doc_minutes": "5"},
        {"after_hours_five": 0, "after_hours_four": 0},
    ),
)

COMPONENT = Calculator(
    slug=SLUG, title="4+1 schedule calculator", inputs=INPUTS, check=check, calculate=calculate, render=render,
    announce=announce, examples=EXAMPLES,
)  # fmt: skip
