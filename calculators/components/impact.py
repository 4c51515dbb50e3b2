"""Before/after impact: what the change did to your week, your minutes per patient and your pay per hour."""

from __future__ import annotations

from fractions import Fraction

from ..framework import charts, limits
from ..framework.calculator import Calculator, Example
from ..framework.html import chart_with_table, figure, figures, heading, money, num, omitted, sentence
from ..framework.inputs import Number
from ..framework.numbers import (
    change,
    counted,
    direction,
    format_change,
    format_money,
    format_number,
    percent_change,
    shown_sign,
)

SLUG = "impact"

# fmt: off
INPUTS = (
    Number("clinic_days_per_week", "{Days} per week", "{days}", "{Days} a week you work with patients.", "5", 1, 7,
           whole=True),
    Number("weeks_per_year", "Working weeks a year", "weeks", "Weeks a year you see patients.", "46", 1, 52,
           whole=True),
    Number("patients_per_day_before", "Patients per {day} before", "patients",
           "Average patients per {day} before the change.", "16", 1, 100),
    Number("patients_per_day_after", "Patients per {day} after", "patients",
           "Average patients per {day} since the change.", "16", 1, 100),
    Number("workday_hours_before", "{Workday} before", "hours",
           "Hours on site in one {day}, charting done there included, before the change.", "9", "0.5",
           limits.HOURS_IN_A_DAY),
    Number("workday_hours_after", "{Workday} after", "hours",
           "Hours on site in one {day}, charting done there included, since the change.", "11", "0.5",
           limits.HOURS_IN_A_DAY),
    Number("after_hours_before", "After-hours charting before", "hours a week",
           "Charting outside the {workday}, per week, before the change.", "2", 0, 100),
    Number("after_hours_after", "After-hours charting after", "hours a week",
           "Charting outside the {workday}, per week, since the change.", "7", 0, 100),
    Number("clicks_before", "Clicks before", "clicks",
           "Clicks to finish one common task (a discharge, a refill) before the change.", "25", 0, 10000, whole=True,
           optional=True),
    Number("clicks_after", "Clicks after", "clicks", "Clicks for the same task since the change.", "40", 0, 10000,
           whole=True, optional=True),
    Number("disruptions_before", "Disruptions before", "a week",
           "Technology disruptions a week (downtime, logouts, device failures) before the change.", "1.5", 0, 1000,
           optional=True),
    Number("disruptions_after", "Disruptions after", "a week", "Technology disruptions a week since the change.", "9",
           0, 1000, optional=True),
    Number("annual_compensation", "Annual compensation", "$",
           "Your yearly pay, to see the change in pay per hour worked. Leave blank to skip.", None, 0, 100_000_000,
           above=True, optional=True, money=True, example="250,000"),
)
# fmt: on

# Shift work: three 12-hour shifts, examples for a starting point (the reader's own numbers replace them).
VARIANTS = {
    "clinic_days_per_week": {"shifts": {"default": "3"}},
    "patients_per_day_before": {"shifts": {"default": "14"}, "nurse/shifts": {"default": "5"}},
    "patients_per_day_after": {"shifts": {"default": "14"}, "nurse/shifts": {"default": "5"}},
    "workday_hours_before": {"shifts": {"default": "12.5"}},
    "workday_hours_after": {"shifts": {"default": "13.5"}},
    "after_hours_before": {"shifts": {"default": "1"}},
    "after_hours_after": {"shifts": {"default": "3"}},
}


def check(v: dict) -> list:
    """The limits of a day and a week (framework/limits.py): a workday, and the week it makes with
    the after-hours charting."""
    found = []
    for side, name in (("before", "{Workday} before"), ("after", "{Workday} after")):
        f = v["profile"].fill
        hours = v[f"workday_hours_{side}"]
        week = hours * v["clinic_days_per_week"] + v[f"after_hours_{side}"]
        found += limits.day(f"workday_hours_{side}", hours, f(f"{name} is"))
        found += limits.week(
            f"workday_hours_{side}",
            week,
            f(
                f"{name} ({format_number(hours)} hours) on {counted(v['clinic_days_per_week'], '{days}')}, with "
                "the after-hours charting, makes a week of"
            ),
        )
    return found


def calculate(v: dict) -> dict:
    days, weeks = v["clinic_days_per_week"], v["weeks_per_year"]
    h_before = v["workday_hours_before"] * days + v["after_hours_before"]
    h_after = v["workday_hours_after"] * days + v["after_hours_after"]
    mpp_before = 60 * h_before / (v["patients_per_day_before"] * days)
    mpp_after = 60 * h_after / (v["patients_per_day_after"] * days)
    r = {
        "hours_per_week_before": h_before,
        "hours_per_week_after": h_after,
        "extra_hours_per_week": h_after - h_before,
        "extra_hours_per_year": (h_after - h_before) * weeks,
        "minutes_per_patient_before": mpp_before,
        "minutes_per_patient_after": mpp_after,
        "minutes_per_patient_change_percent": percent_change(mpp_before, mpp_after),
        "clicks_change_percent": percent_change(v["clicks_before"], v["clicks_after"]),
        "disruptions_change_percent": percent_change(v["disruptions_before"], v["disruptions_after"]),
        "hourly_rate_before": None,
        "hourly_rate_after": None,
        "hourly_rate_change_percent": None,
    }
    pay = v["annual_compensation"]
    if pay is not None:
        r["hourly_rate_before"] = pay / (h_before * weeks)
        r["hourly_rate_after"] = pay / (h_after * weeks)
        r["hourly_rate_change_percent"] = percent_change(r["hourly_rate_before"], r["hourly_rate_after"])
    return r


def _change(key: str, value, why_missing: str) -> str:
    return omitted(why_missing) if value is None else figure(key, value, format_change(value))


# Hours a week and minutes per patient: to one place, as the log and the packet show them.
PLACES = 1


def render(v: dict, r: dict) -> str:
    hb, ha = r["hours_per_week_before"], r["hours_per_week_after"]
    mb, ma = r["minutes_per_patient_before"], r["minutes_per_patient_after"]
    chart = charts.bars(
        [
            ("Hours a week, before", hb, f"{format_number(hb, PLACES)} h"),
            ("Hours a week, after", ha, f"{format_number(ha, PLACES)} h"),
        ],
        "Hours worked a week, before and after the change",
        f"Before: {counted(hb, 'hours', PLACES)} a week. After: {counted(ha, 'hours', PLACES)} a week.",
        "impact-hours",
    )
    chart2 = charts.bars(
        [
            ("Minutes per patient, before", mb, f"{format_number(mb, PLACES)} min"),
            ("Minutes per patient, after", ma, f"{format_number(ma, PLACES)} min"),
        ],
        "Minutes of your time per patient, before and after",
        f"Before: {counted(mb, 'minutes', PLACES)} per patient. After: {counted(ma, 'minutes', PLACES)}.",
        "impact-minutes",
    )
    rows = [
        ("Hours a week", format_number(hb, PLACES), format_number(ha, PLACES)),
        ("Minutes per patient", format_number(mb, PLACES), format_number(ma, PLACES)),
    ]
    if v["clicks_before"] is not None and v["clicks_after"] is not None:
        rows.append(("Clicks for one task", format_number(v["clicks_before"]), format_number(v["clicks_after"])))
    if v["disruptions_before"] is not None and v["disruptions_after"] is not None:
        rows.append(
            ("Disruptions a week", format_number(v["disruptions_before"]), format_number(v["disruptions_after"]))
        )
    table = charts.table("The numbers in the charts", ("", "Before", "After"), rows)
    if r["hourly_rate_before"] is None:
        pay = omitted("Enter your annual compensation to see the change in pay per hour worked.")
    else:
        pay = (
            f"{money('hourly_rate_before', r['hourly_rate_before'])} → "
            f"{money('hourly_rate_after', r['hourly_rate_after'])} "
            f"({_change('hourly_rate_change_percent', r['hourly_rate_change_percent'], '')})"
        )
    clicks_missing = "Enter clicks before (more than 0) and after to compare."
    disruptions_missing = "Enter disruptions before (more than 0) and after to compare."
    return (
        heading("What changed")
        + figures(
            [
                (
                    "Hours a week",
                    f"{num('hours_per_week_before', hb, 'h', PLACES)} → {num('hours_per_week_after', ha, 'h', PLACES)}",
                ),
                (
                    "Change in hours a week",
                    figure(
                        "extra_hours_per_week",
                        r["extra_hours_per_week"],
                        change(r["extra_hours_per_week"], "hours", PLACES),
                    ),
                ),
                (
                    "Change in hours a year",
                    figure(
                        "extra_hours_per_year", r["extra_hours_per_year"], change(r["extra_hours_per_year"], "hours", 0)
                    ),
                ),
                (
                    "Minutes per patient",
                    f"{num('minutes_per_patient_before', mb, 'min', PLACES)} → {num('minutes_per_patient_after', ma, 'min', PLACES)} "
                    f"({_change('minutes_per_patient_change_percent', r['minutes_per_patient_change_percent'], '')})",
                ),
                ("Clicks for one task", _change("clicks_change_percent", r["clicks_change_percent"], clicks_missing)),
                (
                    "Disruptions a week",
                    _change("disruptions_change_percent", r["disruptions_change_percent"], disruptions_missing),
                ),
                ("Pay per hour worked", pay),
            ]
        )
        + chart_with_table(chart + chart2, table)
        + sentence(SLUG, say(v, r))
    )


def say(v: dict, r: dict) -> str:
    extra = r["extra_hours_per_week"]
    if shown_sign(extra, PLACES) <= 0:
        return (
            f"Since the change my week is {counted(r['hours_per_week_after'], 'hours', PLACES)}, against "
            f"{format_number(r['hours_per_week_before'], PLACES)} before, so it has not added hours overall."
        )
    text = (
        f"Since the change, my week has gone from {format_number(r['hours_per_week_before'], PLACES)} to "
        f"{counted(r['hours_per_week_after'], 'hours', PLACES)}: {change(extra, 'hours', PLACES)} a week, "
        f"about {counted(r['extra_hours_per_year'], 'hours', 0)} a year"
    )
    if v["patients_per_day_before"] == v["patients_per_day_after"]:
        text += ", for the same number of patients"
    before, after = r["minutes_per_patient_before"], r["minutes_per_patient_after"]
    if direction(before, after, PLACES):
        since = "up from" if direction(before, after, PLACES) > 0 else "down from"
        text += f". Each patient now takes {counted(after, 'minutes', PLACES)} of my time, {since} {format_number(before, PLACES)}."
    else:
        text += f". Each patient still takes {counted(after, 'minutes', PLACES)} of my time."
    if r["hourly_rate_change_percent"] is not None:
        text += (
            f" My pay per hour worked has gone from {format_money(r['hourly_rate_before'])} to "
            f"{format_money(r['hourly_rate_after'])}."
        )
    return text


def announce(v: dict, r: dict) -> str:
    return (
        f"Result updated: {format_number(r['hours_per_week_before'], PLACES)} to "
        f"{counted(r['hours_per_week_after'], 'hours', PLACES)} a week, "
        f"{change(r['extra_hours_per_week'], 'hours', PLACES, same='no change')}."
    )


EXAMPLES = (
    Example(
        "The defaults: the illustrative before-and-after table",
        {},
        {
            "hours_per_week_before": 47,
            "hours_per_week_after": 62,
            "extra_hours_per_week": 15,
            "extra_hours_per_year": 690,
            "minutes_per_patient_before": Fraction(141, 4),
            "minutes_per_patient_after": Fraction(93, 2),
            "clicks_change_percent": 60,
            "disruptions_change_percent": 500,
            "hourly_rate_before": None,
        },
    ),
    Example(
        "With pay of $300,000",
        {"annual_compensation": "300,000"},
        {
            "hourly_rate_before": Fraction(300000, 47 * 46),
            "hourly_rate_after": Fraction(300000, 62 * 46),
            "hourly_rate_change_percent": (Fraction(47, 62) - 1) * 100,
        },
    ),
    Example(
        "No clicks counted before", {"clicks_before": "0"}, {"clicks_change_percent": None, "hours_per_week_after": 62}
    ),
)

# fmt: off
COMPONENT = Calculator(slug=SLUG, title="Before/after impact calculator",
                       inputs=INPUTS, check=check, calculate=calculate, render=render, announce=announce, examples=EXAMPLES,
                       variants=VARIANTS)
# fmt: on
