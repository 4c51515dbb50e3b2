"""Shift trade-off: if a change adds minutes to every patient on every shift, what does the unit have
to give? The trade-off calculator for nursing units and shift work, in a unit's own terms."""

from __future__ import annotations

import math
from fractions import Fraction

from ..framework import limits
from ..framework.calculator import Calculator, Example
from ..framework.html import Option, figure, num, trade_off_result
from ..framework.inputs import Number
from ..framework.numbers import counted, format_number
from ..framework.profile import Profile

SLUG = "shift-trade-off"

# fmt: off
INPUTS = (
    Number("added_minutes", "Added minutes per patient", "minutes",
           "How much longer the change makes the care of each patient over one shift: charting, scanning, "
           "double sign-offs.", "5", 0, 240, above=True),
    Number("patients_per_nurse", "Patients per {person}", "patients",
           "Your usual assignment on a shift. California's rule for medical-surgical units is one nurse to "
           "five patients (Title 22, CCR 70217: ratios in force since 2004, 1:5 on these units since 2005).", "5", 1,
           30, whole=True),
    Number("shift_hours", "Shift length", "hours", "Scheduled hours of one shift.", "12", 4, limits.HOURS_IN_A_DAY),
    Number("nurses_per_shift", "{People} per shift", "{people}", "{People} with patients on the unit each shift.",
           "8", 1, 200, whole=True),
    Number("unit_shifts_per_week", "Shifts a week", "shifts",
           "Shifts the unit staffs in a week: 14 for day and night shifts every day.", "14", 1, 21, whole=True),
    Number("delegable_percent", "Share others could do", "%",
           "Part of the added work that needs no {license} ({helper} could do it).", "0", 0, 100),
)
# fmt: on

# Physicians, NPs and PAs on shifts carry a census rather than an assignment (examples, not standards).
VARIANTS = {
    "patients_per_nurse": {
        "physician": {"default": "14", "hint": "Your usual census on a shift: the patients you are responsible for."},
        "app": {"default": "10", "hint": "Your usual census on a shift: the patients you are responsible for."},
    },
    "nurses_per_shift": {"physician": {"default": "4"}, "app": {"default": "4"}},
}


def check(v: dict) -> list:
    """The limits of a shift (framework/limits.py): the added work, done as overtime, cannot make a
    shift longer than a day, and a shift it makes very long is asked about."""
    added = v["added_minutes"] * v["patients_per_nurse"] * (1 - v["delegable_percent"] / 100)
    return limits.day(
        "added_minutes",
        v["shift_hours"] + added / 60,
        v["profile"].fill(
            f"Added minutes per patient ({format_number(v['added_minutes'])}) for "
            f"{format_number(v['patients_per_nurse'])} patients make {format_number(added)} more minutes for each "
            f"{{person}}: as overtime, each {format_number(v['shift_hours'])}-hour shift would last"
        ),
    )


def calculate(v: dict) -> dict:
    a, p, h = v["added_minutes"], v["patients_per_nurse"], v["shift_hours"]
    nurses, shifts = v["nurses_per_shift"], v["unit_shifts_per_week"]
    d = v["delegable_percent"] / 100  # exact: Fractions throughout
    per_nurse = a * p * (1 - d)
    unit_per_shift = per_nurse * nurses / 60
    fits = math.floor(p * h * 60 / (h * 60 + p * a * (1 - d)))
    return {
        "nurse_minutes_per_shift": per_nurse,
        "unit_hours_per_shift": unit_per_shift,
        "unit_hours_per_week": unit_per_shift * shifts,
        "extra_nurses_per_shift": math.ceil(unit_per_shift / h),
        "assignment_that_fits": fits,
        "patients_to_reduce_per_nurse": p - fits,
        "delegated_hours_per_shift": a * p * d * nurses / 60,
    }


def _load(nursing: bool) -> tuple[str, str]:
    """What a clinician's patients on a shift are called, bare and with its article: a nurse's
    assignment, a physician's, NP's or PA's census."""
    return ("assignment", "an assignment") if nursing else ("census", "a census")


def _options(v: dict, r: dict) -> list[Option]:
    f = v["profile"].fill
    nursing = v["profile"].role == "nurse"
    load, a_load = _load(nursing)
    fits, reduce = r["assignment_that_fits"], r["patients_to_reduce_per_nurse"]
    extra = r["extra_nurses_per_shift"]
    if fits == 0:
        lower = Option(
            f"Lower the {load}",
            f"{figure('assignment_that_fits', fits, 'not possible')} "
            f"({figure('patients_to_reduce_per_nurse', reduce, f'{format_number(reduce)} fewer would leave none', 'span')})",
            "No one can carry fewer than one patient, and with one patient the added minutes still do not fit "
            "in the shift: they have to be staffed or taken away.",
            risk=True,
        )
    elif reduce == 0:
        lower = Option(
            f"Lower the {load}",
            f"{figure('patients_to_reduce_per_nurse', reduce, 'no change needed')}: the {load} stays at "
            f"{figure('assignment_that_fits', fits, format_number(fits), 'span')}",
            "The added minutes fit inside the shift without moving a patient; say what they are taken from.",
        )
    else:
        lower = Option(
            f"Lower the {load}",
            f"{num('patients_to_reduce_per_nurse', reduce, 'patients', 0)} "
            + f(f"fewer per {{person}}: {a_load} of {figure('assignment_that_fits', fits, format_number(fits))}"),
            f(
                "Each {person} keeps the time the change takes; the unit needs more {people}, or takes fewer admissions."
            ),
        )
    staff = "nurse" if nursing else "clinician"
    items = [
        lower,
        Option(
            "Add a resource or float nurse" if nursing else "Add a clinician (a swing shift, or an admitting NP or PA)",
            f"{counted(r['unit_hours_per_shift'], 'hours')} a shift: "
            f"{num('extra_nurses_per_shift', extra, staff + 's', 0)} for the whole shift",
            "Keeps assignments as they are; it is a staffing decision, so it belongs with the staffing committee."
            if nursing
            else "Keeps the census as it is; it is a staffing decision for the service's lead.",
        ),
        Option(
            "Move work to unit staff",
            f"{num('delegated_hours_per_shift', r['delegated_hours_per_shift'], 'hours')} a shift to support staff",
            f("Only the part that needs no {license} can move, and only to someone who is on the schedule.")
            if v["delegable_percent"]
            else f(
                "You said none of the added work could move. If {helper} could take part of it, "
                "raise the share to see how much."
            ),
        ),  # fmt: skip
        Option(
            "Paid overtime",
            f(f"{counted(r['nurse_minutes_per_shift'], 'minutes')} past the end of each {{person}}'s shift"),
            "It covers the time on paper, but it lengthens shifts that are already long: tired clinicians make "
            "more errors, so name this cost if it is the option chosen.",
            risk=True,
        ),
    ]
    return items


def say(v: dict, r: dict) -> str:
    f = v["profile"].fill
    nursing = v["profile"].role == "nurse"
    a = counted(v["added_minutes"], "minutes")
    p = counted(v["patients_per_nurse"], "patients")
    if r["nurse_minutes_per_shift"] == 0:
        return f(
            f"This change adds {a} for each patient on every shift, but as entered none of it falls to "
            "the {people}, so nothing else on the unit has to give."
        )
    per_nurse = counted(r["nurse_minutes_per_shift"], "minutes")
    unit = r["unit_hours_per_shift"]
    week = counted(r["unit_hours_per_week"], "hours", 1)
    fits = r["assignment_that_fits"]
    load, a_load = _load(nursing)
    lower = (
        f"lowering the {load} is not possible, because the added minutes do not fit in a shift even with one patient"
        if fits == 0
        else f"{a_load} of {counted(fits, 'patients')} instead of {format_number(v['patients_per_nurse'])}"
    )
    extra = "a resource nurse" if nursing else "another clinician"
    hours = "nursing hours" if nursing else "clinician hours"
    return f(
        f"This change adds {a} for each patient on every shift: {per_nurse} for a {{person}} with "
        f"{p}, {counted(unit, hours)} a shift across the unit, about {week} a week. That time has "
        f"to come from somewhere, so I am asking which we choose: {lower}, {extra} for {counted(unit, 'hours')} "
        "each shift, moving the parts that need no {license} to unit staff, or paid overtime, which we "
        "would pay for in fatigue."
    )


def render(v: dict, r: dict) -> str:
    costs = [
        (
            v["profile"].fill("Added per {person}, each shift"),
            num("nurse_minutes_per_shift", r["nurse_minutes_per_shift"], "minutes"),
        ),
        ("Added across the unit, each shift", num("unit_hours_per_shift", r["unit_hours_per_shift"], "hours")),
        ("Added across the unit, each week", num("unit_hours_per_week", r["unit_hours_per_week"], "hours", 1)),
    ]
    note = "Any one of these covers the added time; units often combine two."
    if not r["nurse_minutes_per_shift"]:
        note = v["profile"].fill("None of the added time falls to the {people} as entered, so nothing has to give.")
    return trade_off_result(SLUG, "What it costs the unit", costs, _options(v, r), note, say(v, r))


def announce(v: dict, r: dict) -> str:
    return v["profile"].fill(
        f"Result updated: {counted(r['nurse_minutes_per_shift'], 'minutes')} per {{person}} each shift, "
        f"{counted(r['unit_hours_per_shift'], 'hours')} across the unit."
    )


EXAMPLES = (
    Example(
        "The defaults: 5 minutes for each of 5 patients, 8 nurses on 12-hour shifts",
        {},
        {
            "nurse_minutes_per_shift": 25,
            "unit_hours_per_shift": Fraction(10, 3),
            "unit_hours_per_week": Fraction(140, 3),
            "extra_nurses_per_shift": 1,
            "assignment_that_fits": 4,
            "patients_to_reduce_per_nurse": 1,
            "delegated_hours_per_shift": 0,
        },
    ),
    Example(
        "An ICU pair: 10 minutes for each of 2 patients, a third of it for an assistant",
        {"added_minutes": "10", "patients_per_nurse": "2", "nurses_per_shift": "12", "delegable_percent": "30"},
        {
            "nurse_minutes_per_shift": 14,
            "unit_hours_per_shift": Fraction(14, 5),
            "extra_nurses_per_shift": 1,
            "assignment_that_fits": 1,
            "patients_to_reduce_per_nurse": 1,
            "delegated_hours_per_shift": Fraction(6, 5),
        },
    ),
    Example(
        "One patient and a long added task: the assignment cannot go lower",
        {"added_minutes": "60", "patients_per_nurse": "1", "shift_hours": "8"},
        {"nurse_minutes_per_shift": 60, "assignment_that_fits": 0, "patients_to_reduce_per_nurse": 1},
    ),
    Example(
        "A hospitalist service: 5 minutes for each of 14 patients, 4 physicians a shift",
        {"role": "physician"},
        {
            "nurse_minutes_per_shift": 70,
            "unit_hours_per_shift": Fraction(14, 3),
            "extra_nurses_per_shift": 1,
            "assignment_that_fits": 12,
            "patients_to_reduce_per_nurse": 2,
        },
    ),
    Example(
        "All of it can move to unit staff",
        {"delegable_percent": "100"},
        {
            "nurse_minutes_per_shift": 0,
            "unit_hours_per_shift": 0,
            "extra_nurses_per_shift": 0,
            "assignment_that_fits": 5,
            "patients_to_reduce_per_nurse": 0,
            "delegated_hours_per_shift": Fraction(10, 3),
        },
    ),
)

# fmt: off
COMPONENT = Calculator(slug=SLUG, title="Shift trade-off calculator",
                       inputs=INPUTS, check=check, calculate=calculate, render=render, announce=announce, examples=EXAMPLES,
                       variants=VARIANTS, profile=Profile("nurse", "shifts"))
# fmt: on
