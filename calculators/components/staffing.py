"""Staffing ratios: each shift's census against a nurse-to-patient ratio, the staff it needs, the
shortfall against who is scheduled, and what closing the gap costs beside what turnover costs."""

from __future__ import annotations

import math
from fractions import Fraction

from ..framework import charts, limits
from ..framework.calculator import Calculator, Example
from ..framework.html import escape, figures, heading, money, num, proposal
from ..framework.inputs import Number, Table, Text
from ..framework.numbers import counted, format_money, format_number, plural
from ..framework.profile import Profile

SLUG = "staffing"

# California, Title 22, CCR section 70217 (in force since 2004; medical-surgical 1:5 from 2005,
# step-down 1:3 from 2008). Patients per nurse, at most.
TITLE_22 = (
    ("ICU 1:2", "2"),
    ("Labor and delivery 1:2", "2"),
    ("Step-down 1:3", "3"),
    ("Emergency 1:4", "4"),
    ("Medical-surgical 1:5", "5"),
    ("Psychiatric 1:6", "6"),
)

# fmt: off
INPUTS = (
    Number("patients_per_nurse", "Patients per {person}, at most", "patients",
           "The ratio to staff to. The presets are California's minimums (Title 22, CCR 70217, in force since "
           "2004; checked against this site's sources in 2026: confirm the current text for your unit type). "
           "Every one can be changed.", "5", 1, 30),
    Table("shifts", "Shifts in a typical week",
          "One shift per row: its name, the census (patients on the unit), and the {people} scheduled. Paste "
          "the columns from your staffing sheet.",
          (Text("name", "Shift", "", max_length=40, optional=False),
           Number("census", "Census", "", "", None, 0, 1000, whole=True),
           Number("scheduled", "Scheduled", "", "", None, 0, 500, whole=True)),
          "Mon day,28,6;Mon night,26,5;Tue day,30,6;Tue night,27,5;Wed day,29,5;Wed night,25,5",
          row_label="Shift", max_rows=60, example="Mon day,28,6"),
    Number("shift_hours", "Shift length", "hours", "Scheduled hours of one shift.", "12", 1,
           limits.HOURS_IN_A_DAY),
    Number("hourly_cost", "Cost of one {person}-hour", "$",
           "Wage plus benefits for one hour, or the agency rate if the gap would be filled that way. $60 is an "
           "example: ask finance for your unit's figure.", "60", 1, 1000, money=True),
    Number("turnover_cost", "Cost of {one} leaving", "$",
           "Replacing one bedside RN cost $61,110 on average in 2024 (NSI 2025 National Health Care Retention & "
           "RN Staffing Report, an industry survey of about 450 hospitals).", "61110", 0, 10_000_000, money=True),
)
# fmt: on

VARIANTS = {
    "patients_per_nurse": {
        "physician": {"default": "14", "hint": "No law sets a patient limit for physicians: use the census your "
                      "group agreed as safe. 14 is this page's example."},
        "app": {"default": "12", "hint": "No law sets a patient limit for NPs or PAs: use the census your group "
                "agreed as safe. 12 is this page's example."},
    },
    "turnover_cost": {
        "physician": {"default": "500000", "hint": "Shanafelt, Goh and Sinsky (2017) used $500,000 to $1,000,000 "
                      "to replace one physician."},
        "app": {"default": "", "optional": True, "hint": "No good published figure exists for NPs and PAs: ask HR "
                "for your organization's, or leave it blank."},
    },
}  # fmt: skip
PRESETS = {"patients_per_nurse": {"nurse": TITLE_22}}


def calculate(v: dict) -> dict:
    ratio = v["patients_per_nurse"]
    rows = []
    for name, census, scheduled in v["shifts"]:
        needed = math.ceil(Fraction(census) / ratio)
        rows.append((name, int(census), int(scheduled), needed, max(needed - int(scheduled), 0)))
    short = sum(row[4] for row in rows)
    per_week = short * v["shift_hours"] * v["hourly_cost"]
    per_year = per_week * 52
    turnover = v["turnover_cost"]
    return {
        "rows": rows,
        "shifts_in_breach": sum(1 for row in rows if row[4]),
        "shortfall_staff_shifts": short,
        "extra_hours_per_week": short * v["shift_hours"],
        "cost_per_week": per_week,
        "cost_per_year": per_year,
        "departures_equivalent": (per_year / turnover) if turnover else None,
        "staff_needed": sum(row[3] for row in rows),
    }


def _of_these(part: int, rows: int, verb: str, verbs: str) -> str:
    """ "3 of these 6 shifts are", "the one shift listed is": a part of the shifts with its verb."""
    if rows == 1:
        return f"the one shift listed {verb}"
    return f"{part} of these {rows} shifts {plural(part, verb, verbs)}"


def say(v: dict, r: dict) -> str:
    f = v["profile"].fill
    ratio = counted(v["patients_per_nurse"], "patients")
    rows = len(r["rows"])
    if not r["shortfall_staff_shifts"]:
        every = "the one shift listed is" if rows == 1 else f"every one of these {rows} shifts is"
        return f(
            f"Staffed at {ratio} per {{person}}, {every} covered by the {{people}} scheduled. I would like that "
            "ratio written into our staffing plan so that it holds."
        )
    short = r["shortfall_staff_shifts"]
    text = f(
        f"At {ratio} per {{person}}, {_of_these(r['shifts_in_breach'], rows, 'is', 'are')} short: "
        f"{short} {plural(short, '{person}-shift', '{person}-shifts')} a week, "
        f"{counted(r['extra_hours_per_week'], 'hours')}. Closing the gap would cost about "
        f"{format_money(r['cost_per_year'])} a year."
    )
    if r["departures_equivalent"] is not None:
        leaving = plural(r["departures_equivalent"], "{person} leaving", "{people} leaving", 1)
        text += f(
            f" That is what {format_number(r['departures_equivalent'], 1)} {leaving} would cost to replace, "
            "and short shifts are a reason people leave."
        )
    return text + " I am asking the staffing committee to staff to the ratio, starting with the shifts listed."


def render(v: dict, r: dict) -> str:
    f = v["profile"].fill
    figs = figures(
        [
            (f("{People} needed, all shifts"), num("staff_needed", r["staff_needed"], "", 0)),
            ("Shifts short", num("shifts_in_breach", r["shifts_in_breach"], f"of {len(r['rows'])}", 0)),
            (f("{Person}-shifts short, a week"), num("shortfall_staff_shifts", r["shortfall_staff_shifts"], "", 0)),
            ("Hours to add, a week", num("extra_hours_per_week", r["extra_hours_per_week"], "hours")),
            ("Cost of closing the gap, a year", money("cost_per_year", r["cost_per_year"])),
        ]
        + (
            [(f("The same as {people} leaving"), num("departures_equivalent", r["departures_equivalent"], "", 1))]
            if r["departures_equivalent"] is not None
            else []
        )
    )
    chart = charts.bars_with_table(
        [(name, gap, f"{gap} short") for name, _, _, _, gap in r["rows"]],
        f("{People} short on each shift"),
        "staffing-gaps",
        "Each shift against the ratio",
        ("Shift", "Census", "Scheduled", "Needed", "Short"),
        [(name, str(c), str(s), str(n), str(g) if g else "none") for name, c, s, n, g in r["rows"]],
        description="One bar per shift: how many more would be needed to meet the ratio.",
    )
    return (
        heading("Each shift against the ratio")
        + figs
        + chart
        + f"<p>{escape(f('Needed = the census divided by the ratio, rounded up: a {person} cannot be split. The cost assumes each gap is filled for the whole shift at the hourly cost; 52 weeks a year.'))}</p>"
        + proposal(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    return v["profile"].fill(
        f"Result updated: {counted(r['shifts_in_breach'], 'shifts')} short, "
        f"{r['shortfall_staff_shifts']} {plural(r['shortfall_staff_shifts'], '{person}-shift', '{person}-shifts')} "
        "a week."
    )


EXAMPLES = (
    Example(
        "The defaults: six shifts of a medical-surgical unit at 1:5",
        {},
        {
            "shifts_in_breach": 3,
            "shortfall_staff_shifts": 3,
            "extra_hours_per_week": 36,
            "cost_per_year": 112320,
            "staff_needed": 35,
        },
    ),
    Example(
        "An ICU at 1:2 with every shift covered",
        {"patients_per_nurse": "2", "shifts": "Day,12,6;Night,11,6"},
        {"shifts_in_breach": 0, "shortfall_staff_shifts": 0, "cost_per_year": 0},
    ),
)

COMPONENT = Calculator(
    slug=SLUG,
    title="Staffing ratio calculator",
    inputs=INPUTS,
    calculate=calculate,
    render=render,
    announce=announce,
    examples=EXAMPLES,
    presets=PRESETS,
    variants=VARIANTS,
    profile=Profile("nurse", "shifts"),
)
