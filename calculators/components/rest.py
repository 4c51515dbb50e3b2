"""Rest and fatigue check: a roster of shifts against four limits (the longest shift, the shortest
rest between shifts, the most days in a row, the most hours in a calendar week), with every breach
listed by its dates."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from ..framework import charts, clock, limits
from ..framework.calculator import Calculator, Example
from ..framework.html import escape, figures, heading, num, proposal
from ..framework.inputs import Choice, Number, Span, Table
from ..framework.numbers import counted, day_text, format_number, plural
from ..framework.profile import Profile

SLUG = "rest"


def _next_shift(row: list[str]) -> list[str]:
    """A new row: the last shift again, a day later (what a roster mostly is)."""
    parsed = None
    try:
        parsed = SHIFT.parse(row[0])
    except ValueError:
        pass
    if not parsed:
        return [""]
    start, end = parsed
    return [SHIFT.canonical((start + dt.timedelta(days=1), end + dt.timedelta(days=1)))]


SHIFT = Span("shift", "Shift", example="2027-01-04 07:00-19:00")
DEFAULT_ROSTER = ";".join(
    [
        "2027-01-04 07:00-19:00",
        "2027-01-05 07:00-19:00",
        "2027-01-06 07:00-19:00",
        "2027-01-07 19:00-07:00",
        "2027-01-09 07:00-19:30",
        "2027-01-10 05:00-17:00",
    ]
)

# fmt: off
INPUTS = (
    Table("shifts", "Shifts", "One shift per row: its date, then start and end on the 24-hour clock, like "
          "2027-01-04 07:00-19:00. An end at or before the start means the shift ends the next day. Paste "
          "date, start and end columns from a roster spreadsheet.",
          (SHIFT,), DEFAULT_ROSTER, row_label="Shift", max_rows=200, next_row=_next_shift,
          example="2027-01-04 07:00-19:00"),
    Number("max_shift_hours", "Longest shift", "hours",
           "The ANA's 2014 fatigue position statement advises shifts of at most 12 hours in 24.", "12", 1, 36),
    Number("min_rest_hours", "Shortest rest between shifts", "hours",
           "From the end of one shift to the start of the next. 10 hours is this page's example; ACGME asks "
           "residents to have 8 hours off between shifts (2023).", "10", 0, 48),
    Number("max_consecutive_days", "Most days in a row", "days",
           "Calendar days in a row with a shift starting on each. 3 in a row of 12-hour shifts is this page's "
           "example, not a rule.", "3", 1, 31, whole=True),
    Number("max_week_hours", "Most hours in a week", "hours",
           "Monday to Sunday, counted by when each shift starts. The ANA's 2014 statement advises at most 40 "
           "hours in 7 days; ACGME caps residents at 80, averaged over four weeks.", "40", 1, limits.HOURS_IN_A_WEEK),
    Choice("clock", "Clock changes", clock.HINT, clock.RULES, "us"),
)
# fmt: on

VARIANTS = {
    "max_shift_hours": {
        "physician": {"default": "12", "hint": "No national rule binds attending physicians: 12 hours is this page's "
                      "example, not a rule. ACGME's limit of 24 hours plus up to 4 for handoffs (2023) is for "
                      "residents and fellows only; enter it if you are one."},
        "app": {"default": "12", "hint": "No national rule binds NPs and PAs: 12 hours is this page's example."},
    },
    "max_week_hours": {
        "physician": {"default": "60", "hint": "No national rule binds attending physicians: 60 hours is this page's "
                      "example, not a rule. ACGME's 80 hours a week, averaged over four weeks (2023), is for "
                      "residents and fellows only; this check counts each calendar week on its own."},
        "app": {"default": "60", "hint": "No national rule binds NPs and PAs: 60 hours is this page's example."},
    },
}  # fmt: skip


def _when(moment: dt.datetime) -> str:
    return f"{day_text(moment.date())} {moment:%H:%M}"


def blocks(shifts: list) -> list[tuple[dt.datetime, dt.datetime, list]]:
    """Sorted shifts as stretches of work: a shift that starts before the stretch so far has ended
    (one inside another, or overlapping it) joins it, so no hour is counted twice. Each stretch is
    (start, end, the shifts in it)."""
    out: list[tuple[dt.datetime, dt.datetime, list]] = []
    for span in shifts:
        if out and span[0] < out[-1][1]:
            start, end, members = out[-1]
            out[-1] = (start, max(end, span[1]), members + [span])
        else:
            out.append((span[0], span[1], [span]))
    return out


def week_hours(stretches: list, rule: str) -> list[tuple[dt.date, Fraction]]:
    """Hours in each calendar week, Monday to Sunday, by when each stretch of work starts."""
    weeks: dict[dt.date, Fraction] = {}
    for start, end, _ in stretches:
        monday = start.date() - dt.timedelta(days=start.weekday())
        weeks[monday] = weeks.get(monday, Fraction(0)) + clock.hours(start, end, rule)
    return sorted(weeks.items())


def breaches(v: dict, stretches: list, weeks: list[tuple[dt.date, Fraction]]) -> list[tuple[str, str]]:
    """Every breach of the roster's stretches of work, as (kind, what and when), kind by kind."""
    found: list[tuple[str, str]] = []
    longest, rest, rule = v["max_shift_hours"], v["min_rest_hours"], v["clock"]
    for start, end, _ in stretches:
        hours = clock.hours(start, end, rule)
        if hours > longest:
            found.append(("Long shift", f"{_when(start)} to {end:%H:%M}: {counted(hours, 'hours')}"))
    for _, _, members in stretches:
        reach = members[0][1]
        for span in members[1:]:  # each shift that starts before the ones before it have ended
            found.append(
                ("Short rest", f"{_when(span[0])}: starts before the shift that ends {_when(reach)}, so they overlap")
            )
            reach = max(reach, span[1])
    for (_, before, _), (after, _, _) in itertools.pairwise(stretches):
        gap = clock.hours(before, after, rule)
        if gap < rest:
            found.append(("Short rest", f"{_when(before)} to {_when(after)}: {counted(gap, 'hours')} of rest"))
    days = sorted({span[0].date() for _, _, members in stretches for span in members})
    run = [days[0]] if days else []
    for day in days[1:] + [None]:
        if day is not None and day - run[-1] == dt.timedelta(days=1):
            run.append(day)
            continue
        if len(run) > v["max_consecutive_days"]:
            found.append(("Days in a row", f"{day_text(run[0])} to {day_text(run[-1])}: {len(run)} days"))
        run = [day] if day else []
    for monday, hours in weeks:
        if hours > v["max_week_hours"]:
            sunday = monday + dt.timedelta(days=6)
            found.append(("Long week", f"{day_text(monday)} to {day_text(sunday)}: {counted(hours, 'hours')}"))
    return found


def calculate(v: dict) -> dict:
    stretches = blocks(sorted(row[0] for row in v["shifts"]))
    weeks = week_hours(stretches, v["clock"])
    found = breaches(v, stretches, weeks)
    kinds = [kind for kind, _ in found]
    return {
        "breaches": len(found),
        "long_shifts": kinds.count("Long shift"),
        "short_rests": kinds.count("Short rest"),
        "long_runs": kinds.count("Days in a row"),
        "long_weeks": kinds.count("Long week"),
        "total_hours": sum((hours for _, hours in weeks), Fraction(0)),
        "shift_count": len(v["shifts"]),
        "list": found,
        "weeks": weeks,
    }


def say(v: dict, r: dict) -> str:
    if not r["breaches"]:
        return (
            f"I checked {counted(r['shift_count'], 'shifts')} against the limits we work to (shifts of at most "
            f"{counted(v['max_shift_hours'], 'hours')}, {counted(v['min_rest_hours'], 'hours')} of rest "
            f"between them, {counted(v['max_consecutive_days'], 'days')} in a row, "
            f"{counted(v['max_week_hours'], 'hours')} a week) and found no breach. I would like the "
            "schedule checked this way every time it is built."
        )
    parts = [
        plural(r[key], one, many).replace("{n}", str(r[key]))
        for key, one, many in (
            ("long_shifts", "1 shift over the limit", "{n} shifts over the limit"),
            ("short_rests", "1 rest too short", "{n} rests too short"),
            ("long_runs", "1 run of too many days", "{n} runs of too many days"),
            ("long_weeks", "1 week over the hours", "{n} weeks over the hours"),
        )
        if r[key]
    ]
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    first = r["list"][0]
    return (
        f"Across {counted(r['shift_count'], 'shifts')}, this schedule breaks our rest limits {r['breaches']} "
        f"{plural(r['breaches'], 'time', 'times')}: {listed}. The first is {first[0].lower()}, {first[1]}. "
        "Tired clinicians make more errors, so I am asking that these be fixed before the schedule is "
        "posted, and that the limits be written into the scheduling rules."
    )


def render(v: dict, r: dict) -> str:
    figs = figures(
        [
            ("Shifts checked", num("shift_count", r["shift_count"], "", 0)),
            ("Breaches", num("breaches", r["breaches"], "", 0)),
            ("Shifts over the limit", num("long_shifts", r["long_shifts"], "", 0)),
            ("Rests too short", num("short_rests", r["short_rests"], "", 0)),
            ("Runs of too many days", num("long_runs", r["long_runs"], "", 0)),
            ("Weeks over the hours", num("long_weeks", r["long_weeks"], "", 0)),
            ("Hours on the roster", num("total_hours", r["total_hours"], "hours")),
        ]
    )
    if r["list"]:
        items = "".join(f"<li><strong>{escape(kind)}</strong>: {escape(what)}</li>" for kind, what in r["list"])
        listing = f'<ol class="sp-breaches">{items}</ol>'
    else:
        listing = "<p>No breach of these limits.</p>"
    rows = [(f"Week of {day_text(monday)}", hours, f"{format_number(hours)} h") for monday, hours in r["weeks"]]
    chart = charts.bars_with_table(
        rows,
        "Hours worked in each calendar week",
        "rest-weeks",
        "Hours in each week",
        ("Week", "Hours", "Over the limit"),
        [
            (f"Week of {day_text(monday)}", format_number(hours), "yes" if hours > v["max_week_hours"] else "no")
            for monday, hours in r["weeks"]
        ],
        description=f"One bar per week, Monday to Sunday; the limit is {counted(v['max_week_hours'], 'hours')}.",
    )
    return (
        heading("What the roster breaks")
        + figs
        + heading("Each breach, with its dates")
        + listing
        + (chart if rows else "")
        + proposal(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    return f"Result updated: {counted(r['breaches'], 'breaches')} in {counted(r['shift_count'], 'shifts')}."


EXAMPLES = (
    Example(
        "The default roster: four days in a row, a long Saturday, an early Sunday",
        {},
        {
            "breaches": 4,
            "long_shifts": 1,
            "short_rests": 1,
            "long_runs": 1,
            "long_weeks": 1,
            "total_hours": Fraction(145, 2),
        },
    ),
    Example(
        "Three 12-hour days with a rest day between each pair",
        {"shifts": "2027-01-04 07:00-19:00;2027-01-06 07:00-19:00;2027-01-08 07:00-19:00"},
        {"breaches": 0, "total_hours": 36},
    ),
    Example(
        "A resident's week against the ACGME limits, entered by hand (24 hours plus 4 for handoffs, 80 a week)",
        {
            "role": "physician",
            "shifts": "2027-01-04 06:00-06:00;2027-01-05 18:00-06:00",
            "min_rest_hours": "14",
            "max_shift_hours": "28",
            "max_week_hours": "80",
        },
        {"breaches": 1, "long_shifts": 0, "short_rests": 1, "total_hours": 36},
    ),
    Example(
        "An attending's 70-hour week breaches the physician example of 60, not a resident's 80",
        {
            "role": "physician",
            "setting": "clinic",
            "shifts": "2027-01-04 07:00-21:00;2027-01-05 07:00-21:00;2027-01-06 07:00-21:00;"
            "2027-01-07 07:00-21:00;2027-01-08 07:00-21:00",
            "max_consecutive_days": "5",
            "min_rest_hours": "10",
        },
        {"breaches": 6, "long_shifts": 5, "long_weeks": 1, "total_hours": 70},
    ),
)

# fmt: off
COMPONENT = Calculator(slug=SLUG, title="Rest and fatigue check", inputs=INPUTS, calculate=calculate, render=render,
                       announce=announce, examples=EXAMPLES, variants=VARIANTS, profile=Profile("nurse", "shifts"))
# fmt: on
