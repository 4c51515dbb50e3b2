"""Trade-off: if a new step adds minutes to visits, what has to give?

This is the pattern for a calculator: INPUTS, check(), calculate(), render(), announce(), EXAMPLES,
and one COMPONENT that ties them together. Copy it to start a new one.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..framework import limits
from ..framework.calculator import Calculator, Example
from ..framework.html import Option, figure, num, trade_off_result
from ..framework.inputs import InputError, Number
from ..framework.numbers import counted, format_number

SLUG = "trade-off"

# fmt: off
INPUTS = (
    Number("added_minutes", "Added minutes per {visit}", "minutes",
           "How much longer each affected {visit} takes because of the new step.", "5", 0, 240, above=True),
    Number("patients_per_session", "Patients per {block}", "patients", "Patients booked in one {block_long}.",
           "10", 1, 60, whole=True),
    Number("affected_per_session", "Patients needing the new step", "per {block}",
           "How many of those patients the new step applies to.", "10", 0, 60, whole=True),
    Number("visit_minutes", "Visit length", "minutes", "Scheduled minutes for each visit.", "20", 5, 240),
    Number("sessions_per_week", "{Blocks} per week", "{blocks}", "Clinical {blocks} you work in a week.",
           "8", 1, 14, whole=True),
    Number("delegable_percent", "Delegable share", "%",
           "Share of the added work that needs no {license} ({helper} could do it).", "0", 0, 100),
    Number("admin_block_minutes", "Protected block length", "minutes",
           "Length of one protected block with no patients: charting or administrative time.", "240", 30, 600),
    Number("weeks_per_year", "Working weeks a year", "weeks", "Weeks a year you see patients.", "46", 1, 52,
           whole=True),
)
# fmt: on

# What changes for shift work: a shift's patients, and a patient's share of the shift.
VARIANTS = {
    "patients_per_session": {"shifts": {"default": "14", "hint": "Patients you care for in one shift."},
                             "nurse/shifts": {"default": "5", "hint": "Patients in your assignment on one shift."}},
    "affected_per_session": {"shifts": {"default": "14"}, "nurse/shifts": {"default": "5"}},
    "visit_minutes": {
        "shifts": {"default": "50", "label": "Time per patient", "hint": "Minutes of the shift for each patient: 720 minutes over 14 patients "
                   "is about 50. An example, not a standard."},
        "nurse/shifts": {"default": "144", "label": "Time per patient", "hint": "Minutes of the shift for each patient: 720 minutes over 5 "
                         "patients is 144. An example, not a standard."},
    },
    "sessions_per_week": {"shifts": {"default": "4"}, "nurse/shifts": {"default": "3"}},
    "admin_block_minutes": {"shifts": {"default": "60"}, "nurse/shifts": {
        "default": "60", "hint": "Length of one protected block for charting, with a resource nurse or a colleague "
        "covering your patients: without relief coverage the block is not protected."}},
}  # fmt: skip


def check(v: dict) -> list:
    """Rules across inputs, then the limits of a day and a week (framework/limits.py): a {block}, a
    {block} extended by the added time, and the week of them."""
    f = v["profile"].fill
    p, visit = v["patients_per_session"], v["visit_minutes"]
    if v["affected_per_session"] > p:
        return [
            InputError(
                "affected_per_session",
                f(
                    f"Patients needing the new step must be between 0 and {format_number(p)}, the patients per {{block}}"
                ),
            )
        ]
    block = p * visit / 60
    found = limits.day(
        "visit_minutes",
        block,
        f(f"Visit length ({format_number(visit)} minutes) for {format_number(p)} patients makes one {{block}} of"),
    )
    if limits.impossible(found):
        return found
    added = v["added_minutes"] * v["affected_per_session"] * (1 - v["delegable_percent"] / 100)
    longer = block + added / 60
    longer_found = limits.day(
        "added_minutes",
        longer,
        f(
            f"Added minutes per {{visit}} ({format_number(v['added_minutes'])}) for "
            f"{format_number(v['affected_per_session'])} patients make {format_number(added)} more minutes a "
            f"{{block}}: extended to fit them, a {{block}} would last"
        ),
    )
    # A long {block} is asked about once: the added time is asked about only when it makes it long.
    found += [item for item in longer_found if not found or limits.impossible([item])]
    if limits.impossible(found):
        return found
    return found + limits.week(
        "sessions_per_week",
        v["sessions_per_week"] * longer,
        f(
            f"{{Blocks}} per week ({format_number(v['sessions_per_week'])}) of {format_number(longer, 1)} hours each, "
            "the added time included, make a week of"
        ),
    )


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
    p = v["profile"].fill
    drop = r["patients_to_drop_per_session"]
    blocks = r["admin_blocks_per_week"]
    short = r["shortened_visit_minutes"]
    weekly = r["extend_minutes_per_session"] * v["sessions_per_week"]
    if drop >= v["patients_per_session"]:
        # Dropping every patient is no way to make room: say plainly that this option does not exist.
        reduce = Option(
            "Reduce patients",
            figure("patients_to_drop_per_session", drop, "not possible"),
            p("With the added time, not even one patient's {visit} fits in the {block}: seeing fewer patients "
              "cannot make room for this change. One of the other options has to, and a change this large is worth "
              "questioning before it starts."),
            risk=True,
        )  # fmt: skip
    elif drop == 0:
        # Below the smallest unit: no whole patient comes off, so say so rather than advise it.
        reduce = Option(
            "Reduce patients",
            figure("patients_to_drop_per_session", drop, "less than one patient"),
            p("The added time is less than one patient's share of a {block}: fewer patients does not fit this "
              "change, one of the other options does."),
        )  # fmt: skip
    else:
        reduce = Option(
            "Reduce patients",
            f"{num('patients_to_drop_per_session', drop, 'patients', 0)} " + p("fewer per {block}"),
            (p("Keeps each {visit} its full time; fewer people are seen, so access and revenue are part of the "
               "conversation.") if not v["profile"].shifts else
             "Keeps the time each patient gets; the unit needs more staff or fewer admissions to match.")
            + (p(f" The change needs {counted(r['physician_minutes_per_session'], 'minutes')} a {{block}}, less "
                 "than one patient's time: a whole patient is the smallest step, and it frees more than the change "
                 "takes.") if r["physician_minutes_per_session"] < v["visit_minutes"] else ""),
        )  # fmt: skip
    items = [
        reduce,
        Option(
            p("Extend the {block}"),
            f"{num('extend_minutes_per_session', r['extend_minutes_per_session'], 'minutes')} "
            + p("longer each {block}"),
            p(
                "Keeps the schedule full, but the {workday} gets longer; it should be paid time, not unpaid work after hours."
            ),
        ),
        Option(
            "Protect charting time",
            f"{num('admin_blocks_per_week', blocks, 'protected blocks', 0)} a week",
            (
                f"Each block is {counted(v['admin_block_minutes'], 'minutes')} with your patients covered by a "
                "resource nurse or a colleague: without that relief it is not protected."
                if v["profile"].role == "nurse" and v["profile"].shifts
                else f"Each block is {counted(v['admin_block_minutes'], 'minutes')} with no patients, taken from "
                "clinical time."
            )
            + (
                f" The time needed, {counted(weekly, 'minutes')} a week, is less than one block: a shorter "
                "block would do."
                if 0 < weekly < v["admin_block_minutes"]
                else ""
            ),
        ),  # fmt: skip
        Option(
            "Delegate",
            f"{num('delegated_hours_per_week', r['delegated_hours_per_week'], 'hours')} a week moved to support staff",
            p("Only the share that needs no {license} can move, and only if someone is staffed to do it.")
            if v["delegable_percent"]
            else p(
                "You said none of the added work can be delegated. If {helper} could do part of it, "
                "raise the delegable share to see how much time moves."
            ),
        ),  # fmt: skip
    ]
    if short > 0:
        risk = r["shortened_visit_at_risk"]
        items.append(
            Option(
                p("Shorten the time per {visit}"),
                f"{num('shortened_visit_minutes', short, 'minutes')} " + p("per {visit}"),
                "A risk to care quality: that is less than three quarters of the scheduled time (the "
                "playbook's rule of thumb, not a published threshold)."
                if risk
                else "Each patient gets less of your time; say so plainly if this is the option chosen.",
                risk=risk,
            )
        )
    else:
        items.append(
            Option(
                p("Shorten the time per {visit}"),
                figure("shortened_visit_minutes", short, "not possible"),
                p("The new step takes as long as the whole {visit} or longer, so there is nothing left to shorten."),
                risk=True,
            )
        )
    return items


def say(v: dict, r: dict) -> str:
    p = v["profile"].fill
    a = counted(v["added_minutes"], "minutes")
    n = counted(v["affected_per_session"], "patients")
    if r["physician_minutes_per_session"] == 0:
        return p(
            f"This change adds {a} for {n} a {{block}}, but none of that falls to me as entered, so nothing else "
            "has to give."
        )
    per_session = counted(r["physician_minutes_per_session"], "minutes")
    drop = r["patients_to_drop_per_session"]
    blocks = r["admin_blocks_per_week"]
    everyone = drop >= v["patients_per_session"]
    fewer = f"{counted(drop, 'fewer patients', 0)} per {{block}}, " if drop and not everyone else ""
    text = p(
        f"This change adds {a} for {n} in every {{block}}: {per_session} of my time per {{block}}, about "
        f"{counted(r['added_hours_per_week'], 'hours')} a week. That time has to come from somewhere, so I am asking "
        f"which we choose: {fewer}{{blocks}} {per_session} longer, {counted(blocks, 'protected charting blocks', 0)} a "
        "week, or moving the parts that need no {license} to support staff."
    )
    if everyone:
        text += p(
            " Seeing fewer patients is not possible: with this added time, not even one {visit} fits in a {block}."
        )
    return text


def render(v: dict, r: dict) -> str:
    p = v["profile"].fill
    costs = [
        (
            p("Your time added per {block}"),
            num("physician_minutes_per_session", r["physician_minutes_per_session"], "minutes"),
        ),
        ("Added per week", num("added_hours_per_week", r["added_hours_per_week"], "hours")),
        ("Added per year", num("added_hours_per_year", r["added_hours_per_year"], "hours", 0)),
    ]
    note = "Any one of these covers the added time on its own; a real plan often mixes two."
    pointer = ""
    if v["profile"].shifts:
        pointer = (
            '<p class="sp-pointer">For a whole unit on shifts (assignments, a resource nurse or an extra '
            'clinician, overtime), the <a href="../shift-trade-off/">shift trade-off calculator</a> asks '
            "the same question in those terms.</p>"
        )
    return pointer + trade_off_result(SLUG, "What it costs", costs, _options(v, r), note, say(v, r))


def announce(v: dict, r: dict) -> str:
    return v["profile"].fill(
        f"Result updated: {counted(r['physician_minutes_per_session'], 'minutes')} per {{block}}, "
        f"{counted(r['added_hours_per_week'], 'hours')} a week."
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
                       announce=announce, examples=EXAMPLES, variants=VARIANTS)
# fmt: on
