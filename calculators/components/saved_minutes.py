"""Where saved minutes go: when a tool (an AI scribe, a template taken out) saves time, a small ledger
of the minutes saved as measured and where the reader wants them to go, with the words that ask to
agree on that before any target moves."""

from __future__ import annotations

import math
from fractions import Fraction

from ..framework import charts
from ..framework.calculator import Calculator, Example
from ..framework.html import figure, figures, heading, num, sentence
from ..framework.inputs import Choice, InputError, Number
from ..framework.numbers import counted, format_number, shown_sign

SLUG = "saved-minutes"
# Where the minutes can go: (name, label in the form, label in results, default percent)
DESTINATIONS = (
    ("shorter_days", "Shorter {days}", "Shorter {days}", "40"),
    ("after_hours", "Less charting after hours", "Less charting after hours", "40"),
    ("per_patient", "More time with each patient", "More time with each patient", "20"),
    ("more_visits", "More {visits} (a fuller schedule)", "More {visits}", "0"),
)

# fmt: off
INPUTS = (
    Number("saved_minutes", "Minutes saved per {visit}", "minutes",
           "As measured: from the EHR's usage report or your own timing of a few {visits}, not the vendor's "
           "brochure.", "2", 0, 60, above=True),
    Choice("measured_by", "How the saving was measured", "Say where the number comes from.",
           (("report", "The EHR usage report, before and after"), ("timed", "I timed my own notes"),
            ("vendor", "The vendor's or a pilot's claim")), "report"),
    Number("visits_per_day", "{Visits} a {day}", "{visits}", "How many you see in a {day}.", "18", 1, 100, whole=True),
    Number("days_per_week", "{Days} a week", "{days}", "{Days} you work with patients in a week.", "4", 1, 7, whole=True),
    Number("added_visit_minutes", "Minutes one added {visit} takes", "minutes",
           "The slot and its own charting: a {visit} added to the schedule brings its documentation with it.",
           "25", 5, 240),
    *(Number(f"{name}_percent", label, "%", "The share of the saved minutes you want to go here.", default, 0, 100)
      for name, label, _, default in DESTINATIONS),
)
# fmt: on
VARIANTS = {
    "visits_per_day": {"nurse/shifts": {"default": "5"}},
    "days_per_week": {"shifts": {"default": "3"}},
    "added_visit_minutes": {
        "shifts": {
            "default": "60",
            "hint": "The time one more patient in the assignment adds over a shift, charting included.",
        }
    },
}  # fmt: skip


def check(v: dict) -> list[InputError]:
    total = sum(v[f"{name}_percent"] for name, *_ in DESTINATIONS)
    if total != 100:
        return [
            InputError(
                "more_visits_percent",
                f"The four shares must add up to 100%; they add up to {format_number(total)}%",
            )
        ]
    return []


def calculate(v: dict) -> dict:
    per_day = v["saved_minutes"] * v["visits_per_day"]
    days = v["days_per_week"]
    share = {name: v[f"{name}_percent"] / 100 for name, *_ in DESTINATIONS}
    to_visits = per_day * share["more_visits"]
    return {
        **{f"{name}_hours_per_week": per_day * share[name] * days / 60 for name in share},
        "saved_minutes_per_day": per_day,
        "saved_hours_per_week": per_day * days / 60,
        "shorter_day_minutes": per_day * share["shorter_days"],
        "after_hours_hours_per_week": per_day * share["after_hours"] * days / 60,
        "minutes_more_per_patient": v["saved_minutes"] * share["per_patient"],
        "added_visits_per_week": math.floor(to_visits * days / v["added_visit_minutes"]),
        "added_visits_if_all": math.floor(per_day * days / v["added_visit_minutes"]),
    }


def say(v: dict, r: dict) -> str:
    f = v["profile"].fill
    # Only what shows as more than 0 once rounded is proposed: "0 fewer hours" proposes nothing.
    where = [
        f"{counted(r['shorter_day_minutes'], 'minutes', 0)} off each {{day}}"
        if shown_sign(r["shorter_day_minutes"], 0)
        else "",
        f"{counted(r['after_hours_hours_per_week'], 'fewer hours of charting', 1)} after hours each week"
        if shown_sign(r["after_hours_hours_per_week"], 1)
        else "",
        f"{counted(r['minutes_more_per_patient'], 'more minutes', 1)} with each {{visit}}"
        if shown_sign(r["minutes_more_per_patient"], 1)
        else "",
        f"{counted(r['added_visits_per_week'], 'more {visits}', 0)} a week"
        if shown_sign(r["added_visits_per_week"], 0)
        else "",
    ]
    where = [w for w in where if w]
    if not where:  # too little time for a whole added visit
        listed = "that the schedule stays as it is, since the saving is smaller than one added {visit} a week"
    else:
        listed = where[0] if len(where) == 1 else ", ".join(where[:-1]) + " and " + where[-1]
    basis = {
        "report": "as the EHR's usage report measures it",
        "timed": "as I timed it on my own notes",
        "vendor": "as the vendor claims it (to be checked on the usage report)",
    }[v["measured_by"]]
    return f(
        f"The new tool saves about {counted(v['saved_minutes'], 'minutes', 1)} a {{visit}}, {basis}: about "
        f"{counted(r['saved_hours_per_week'], 'hours', 1)} a week. Before any schedule or target changes, I would "
        f"like us to agree where that time goes. I propose {listed}. We can check it on the same report in three "
        "months."
    )


def render(v: dict, r: dict) -> str:
    f = v["profile"].fill
    figs = figures(
        [
            (f("Saved each {day}"), num("saved_minutes_per_day", r["saved_minutes_per_day"], "minutes", 0)),
            ("Saved each week", num("saved_hours_per_week", r["saved_hours_per_week"], "hours", 1)),
            (f("Shorter {day} by"), num("shorter_day_minutes", r["shorter_day_minutes"], "minutes", 0)),
            ("After-hours charting cut by, a week",
             num("after_hours_hours_per_week", r["after_hours_hours_per_week"], "hours", 1)),
            (f("More time with each {visit}"), num("minutes_more_per_patient", r["minutes_more_per_patient"], "minutes", 1)),
            (f("Added {visits} a week"), num("added_visits_per_week", r["added_visits_per_week"], f("{visits}"), 0)),
        ]
    )  # fmt: skip
    rows = [
        (f(result), r[f"{name}_hours_per_week"], f"{format_number(v[f'{name}_percent'])}%")
        for name, _, result, _ in DESTINATIONS
    ]  # fmt: skip
    chart = charts.bars_with_table(
        [(label, hours, f"{format_number(hours, 1)} h a week ({share})") for label, hours, share in rows],
        "Where the saved hours go, each week",
        "saved-minutes",
        "Saved hours a week, by where they go",
        ("Goes to", "Share", "Hours a week"),
        [(label, share, format_number(hours, 1)) for label, hours, share in rows],
        description="; ".join(f"{label}: {counted(hours, 'hours', 1)} a week" for label, hours, _ in rows) + ".",
    )
    warn = ""
    if v["measured_by"] == "vendor":
        warn = (
            "<p><strong>This saving is a claim, not a measurement.</strong> Ask informatics for your usage report "
            "for a month before and a month after, and use the change it shows.</p>"
        )
    every = r["added_visits_if_all"]
    absorb = (
        f("If every saved minute went to more {visits}, the schedule would take ")
        + figure("added_visits_if_all", every, str(every), "span")
        + " more a week, and none of the time would come back to you."
        if every
        else f("Even if every saved minute went to more {visits}, they would not add up to one more {visit} a week ")
        + figure("added_visits_if_all", every, "(0)", "span")
        + "."
    )
    return (
        heading("Where the saved time goes")
        + warn
        + figs
        + chart
        + f"<p>{absorb}</p>"
        + "<p>Measured savings are often smaller than advertised, and may not reach the evening. In one academic "
        "health system, 125 clinicians using an AI scribe for three months in 2024 spent less time in the EHR and "
        "in notes per appointment than 478 matched colleagues, but their after-hours documentation per appointment "
        "and their completed visits did not change (Pearlman K et al., JAMA Network Open 2025).</p>"
        + sentence(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    return f"Result updated: {counted(r['saved_hours_per_week'], 'hours', 1)} a week saved."


EXAMPLES = (
    Example(
        "The defaults: 2 minutes on 18 visits, 4 days a week",
        {},
        {
            "saved_minutes_per_day": 36,
            "saved_hours_per_week": Fraction(12, 5),
            "shorter_day_minutes": Fraction(72, 5),
            "after_hours_hours_per_week": Fraction(24, 25),
            "minutes_more_per_patient": Fraction(2, 5),
            "added_visits_per_week": 0,
            "added_visits_if_all": 5,
        },
    ),
    Example(
        "Everything to more visits",
        {
            "shorter_days_percent": "0",
            "after_hours_percent": "0",
            "per_patient_percent": "0",
            "more_visits_percent": "100",
        },
        {"added_visits_per_week": 5, "shorter_day_minutes": 0},
    ),  # fmt: skip
)

COMPONENT = Calculator(
    slug=SLUG, title="Saved-minutes ledger", inputs=INPUTS, calculate=calculate, render=render,
    announce=announce, check=check, examples=EXAMPLES, variants=VARIANTS,
)  # fmt: skip
