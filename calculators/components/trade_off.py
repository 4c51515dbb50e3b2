"""Trade-off: if a new step adds minutes to visits, what has to give?

This is the pattern for a calculator: INPUTS, check(), calculate(), render(), announce(), EXAMPLES,
and one COMPONENT that ties them together. Copy it to start a new one.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..framework.component import Calculator, Example
from ..framework.html import Option, figure, num, trade_off_result
from ..framework.inputs import InputError, Number
from ..framework.numbers import format_number, plural

SLUG = "trade-off"

# fmt: off
INPUTS = (
    Number("added_minutes", "Added minutes per visit", "minutes",
           "How much longer each affected visit takes because of the new step.", "5", 0, 240, above=True),
    Number("patients_per_session", "Patients per session", "patients", "Patients booked in one half-day session.",
           "10", 1, 60, whole=True),
    Number("affected_per_session", "Patients needing the new step", "per session",
           "How many of those patients the new step applies to.", "10", 0, 60, whole=True),
    Number("visit_minutes", "Visit length", "minutes", "Scheduled minutes per visit.", "20", 5, 240),
    Number("sessions_per_week", "Sessions per week", "half-days", "Half-day clinical sessions you work in a week.",
           "8", 1, 14, whole=True),
    Number("delegable_percent", "Delegable share", "%",
           "Share of the added work that needs no physician licence (an MA or nurse could do it).", "0", 0, 100),
    Number("admin_block_minutes", "Admin block length", "minutes", "Length of one protected administrative block.",
           "240", 30, 600),
    Number("weeks_per_year", "Working weeks a year", "weeks", "Weeks a year you see patients.", "46", 1, 52,
           whole=True),
)
# fmt: on


def check(v: dict) -> list[InputError]:
    if v["affected_per_session"] > v["patients_per_session"]:
        p = format_number(v["patients_per_session"])
        return [
            InputError(
                "affected_per_session",
                f"Patients needing the new step must be between 0 and {p}, the patients per session",
            )
        ]
    return []


def calculate(v: dict) -> dict:
    a, p, n = v["added_minutes"], v["patients_per_session"], v["affected_per_session"]
    visit, s, w = v["visit_minutes"], v["sessions_per_week"], v["weeks_per_year"]
    d = v["delegable_percent"] / 100
    share = n / p  # exact: Fractions throughout
    physician = a * n * (1 - d)
    added_per_visit = a * (1 - d) * share  # physician minutes per visit, averaged
    hours_week = physician * s / 60
    shortened = visit - added_per_visit
    return {
        "physician_minutes_per_session": physician,
        "added_hours_per_week": hours_week,
        "added_hours_per_year": hours_week * w,
        "patients_to_drop_per_session": p - math.floor(p * visit / (visit + added_per_visit)),
        "extend_minutes_per_session": physician,
        "admin_blocks_per_week": math.ceil(physician * s / v["admin_block_minutes"]),
        "delegated_hours_per_week": a * n * d * s / 60,
        "shortened_visit_minutes": shortened,
        "shortened_visit_at_risk": shortened < Fraction(3, 4) * visit,
    }


def _options(v: dict, r: dict) -> list[Option]:
    drop = r["patients_to_drop_per_session"]
    blocks = r["admin_blocks_per_week"]
    short = r["shortened_visit_minutes"]
    items = [
        Option(
            "Reduce patients",
            f"{num('patients_to_drop_per_session', drop, plural(drop, 'patient', 'patients'), 0)} fewer per session",
            "Keeps each visit its full length; the practice sees fewer people, so access and revenue are "
            "part of the conversation.",
        ),
        Option(
            "Extend the session",
            f"{num('extend_minutes_per_session', r['extend_minutes_per_session'], 'minutes')} longer each session",
            "Keeps the schedule full, but the day gets longer; it should be paid time, not charting at home.",
        ),
        Option(
            "Protect admin time",
            f"{num('admin_blocks_per_week', blocks, plural(blocks, 'protected block', 'protected blocks'), 0)} a week",
            f"Each block is {format_number(v['admin_block_minutes'])} minutes with no patients booked, "
            "taken from clinical time.",
        ),
        Option(
            "Delegate",
            f"{num('delegated_hours_per_week', r['delegated_hours_per_week'], 'hours')} a week moved to support staff",
            "Only the share that needs no physician licence can move, and only if someone is staffed to do it."
            if v["delegable_percent"]
            else "You said none of the added work can be delegated. If an MA or nurse could do part of it, "
            "raise the delegable share to see how much time moves.",
        ),
    ]
    if short > 0:
        risk = r["shortened_visit_at_risk"]
        items.append(
            Option(
                "Shorten visits",
                f"visits of {num('shortened_visit_minutes', short, 'minutes')}",
                "A risk to care quality: that is less than three quarters of the scheduled visit."
                if risk
                else "The patient gets less of your time in every visit; say so plainly if this is the option chosen.",
                risk=risk,
            )
        )
    else:
        items.append(
            Option(
                "Shorten visits",
                figure("shortened_visit_minutes", short, "not possible"),
                "The new step takes as long as the whole visit or longer, so there is nothing left to shorten.",
                risk=True,
            )
        )
    return items


def say(v: dict, r: dict) -> str:
    a = format_number(v["added_minutes"])
    n = format_number(v["affected_per_session"])
    if r["physician_minutes_per_session"] == 0:
        return (
            f"This change adds {a} minutes to {n} visits a session, but none of that lands on "
            "physician time as entered, so nothing else has to give."
        )
    per_session = format_number(r["physician_minutes_per_session"])
    hours = format_number(r["added_hours_per_week"])
    drop = r["patients_to_drop_per_session"]
    blocks = r["admin_blocks_per_week"]
    return (
        f"This change adds {a} minutes to {n} visits in every session: {per_session} minutes of "
        f"physician time per session, about {hours} hours a week. That time has to come from "
        f"somewhere, so I am asking which we choose: {format_number(drop)} fewer "
        f"{plural(drop, 'patient', 'patients')} per session, sessions {per_session} minutes longer, "
        f"{format_number(blocks)} protected admin {plural(blocks, 'block', 'blocks')} a week, "
        "or moving the parts that need no physician licence to support staff."
    )


def render(v: dict, r: dict) -> str:
    costs = [
        (
            "Physician time added per session",
            num("physician_minutes_per_session", r["physician_minutes_per_session"], "minutes"),
        ),
        ("Added per week", num("added_hours_per_week", r["added_hours_per_week"], "hours")),
        ("Added per year", num("added_hours_per_year", r["added_hours_per_year"], "hours", 0)),
    ]
    note = "Any one of these covers the added time on its own; a real plan often mixes two."
    return trade_off_result(SLUG, "What it costs", costs, _options(v, r), note, say(v, r))


def announce(v: dict, r: dict) -> str:
    return (
        f"Result updated: {format_number(r['physician_minutes_per_session'])} minutes per session, "
        f"{format_number(r['added_hours_per_week'])} hours a week."
    )


EXAMPLES = (
    Example(
        "The defaults: 5 minutes on every visit of a 10-patient session",
        {},
        {
            "physician_minutes_per_session": 50,
            "added_hours_per_week": Fraction(20, 3),
            "added_hours_per_year": Fraction(920, 3),
            "patients_to_drop_per_session": 2,
            "extend_minutes_per_session": 50,
            "admin_blocks_per_week": 2,
            "delegated_hours_per_week": 0,
            "shortened_visit_minutes": 15,
            "shortened_visit_at_risk": False,
        },
    ),
    Example(
        "Half the work can go to an MA",
        {"delegable_percent": "50"},
        {
            "physician_minutes_per_session": 25,
            "delegated_hours_per_week": Fraction(10, 3),
            "patients_to_drop_per_session": 2,
            "admin_blocks_per_week": 1,
            "shortened_visit_minutes": Fraction(35, 2),
        },
    ),
    Example(
        "A 10-minute step on 4 of 12 patients",
        {"added_minutes": "10", "patients_per_session": "12", "affected_per_session": "4"},
        {
            "physician_minutes_per_session": 40,
            "patients_to_drop_per_session": 2,
            "shortened_visit_minutes": Fraction(50, 3),
            "admin_blocks_per_week": 2,
        },
    ),
    Example(
        "A 15-minute step on every 20-minute visit",
        {"added_minutes": "15"},
        {"shortened_visit_minutes": 5, "shortened_visit_at_risk": True, "patients_to_drop_per_session": 5},
    ),
)

# fmt: off
COMPONENT = Calculator(slug=SLUG, title="Trade-off calculator",
                       inputs=INPUTS, check=check, calculate=calculate, render=render,
                       announce=announce, examples=EXAMPLES)
# fmt: on
