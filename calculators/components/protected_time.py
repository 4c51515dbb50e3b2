"""Protected documentation and debrief time: how much charting a day or shift leaves outside the
protected minutes, and the productivity target adjusted so that protected time is not counted
against the clinician."""

from __future__ import annotations

from fractions import Fraction

from ..framework import charts, limits
from ..framework.calculator import Calculator, Example
from ..framework.html import escape, figure, figures, heading, num, proposal
from ..framework.inputs import Choice, InputError, Number
from ..framework.numbers import counted, direction, format_number, plural, rounded, shown_sign

SLUG = "protected-time"

# fmt: off
INPUTS = (
    Number("doc_minutes", "Documentation per patient", "minutes",
           "Charting for one patient. 8 minutes is an example: time a few of yours.", "8", 0, 240),
    Number("patients", "Patients per {day}", "patients", "Patients you see or care for in one {day}.", "18", 1, 100,
           whole=True),
    Number("scheduled_minutes", "Scheduled patient time per {day}", "minutes",
           "The minutes of one {day} booked for patient care before any time is protected.", "480", 60,
           limits.MINUTES_IN_A_DAY),
    Number("protected_minutes", "Protected minutes per {day}", "minutes",
           "Time with no patients booked, kept for charting and debriefs.", "60", 0, 600),
    Number("debrief_minutes", "Of which for debriefs", "minutes",
           "The part of the protected time kept for a team debrief rather than charting.", "10", 0, 600),
    Number("target", "Productivity target per {day}", "", "Your target as it is counted now.", "18", 0, 1000),
    Choice("target_unit", "Target counted in", "What the target measures.",
           (("visits", "Visits"), ("rvus", "RVUs"), ("patients", "Patients")), "visits"),
    Number("days_per_week", "{Days} a week", "{days}", "{Days} you work with patients in a week.", "4", 1, 7, whole=True),
)
# fmt: on

VARIANTS = {
    "patients": {"nurse/shifts": {"default": "5"}, "shifts": {"default": "14"}},
    "scheduled_minutes": {"shifts": {"default": "720", "hint": "The minutes of one shift spent caring for patients "
                                     "before any time is protected."}},
    "doc_minutes": {"nurse/shifts": {"default": "20", "hint": "Charting for one patient over the shift. 20 minutes "
                                     "is an example: time a few of yours."}},
    "protected_minutes": {"nurse/shifts": {"hint": "Time relieved of your patients, with a resource nurse or a "
                                           "colleague covering them, kept for charting and debriefs. Without relief "
                                           "coverage the time is not protected."}},
    "target": {"nurse/shifts": {"default": "5", "label": "Patients in your assignment",
                                "hint": "Your usual assignment, as it is counted now."},
               "shifts": {"default": "14"}},
    "target_unit": {"shifts": {"default": "patients"}},
    "days_per_week": {"shifts": {"default": "3"}},
}  # fmt: skip


def check(v: dict) -> list[InputError]:
    errors = []
    if v["protected_minutes"] > v["scheduled_minutes"]:
        errors.append(InputError("protected_minutes", "Protected minutes cannot be more than the scheduled time"))
    if v["debrief_minutes"] > v["protected_minutes"]:
        errors.append(
            InputError("debrief_minutes", "Debrief minutes are part of the protected minutes, so cannot be more")
        )
    if errors:
        return errors
    # The limits of a day (framework/limits.py): the scheduled time, and the charting left outside
    # the protected minutes on top of it.
    f = v["profile"].fill
    found = limits.minutes_in_a_day(
        "scheduled_minutes",
        v["scheduled_minutes"],
        f(f"Scheduled patient time per {{day}} ({format_number(v['scheduled_minutes'])} minutes) makes a {{day}} of"),
    )
    if limits.impossible(found):
        return found
    charting = v["doc_minutes"] * v["patients"]
    left = max(charting - (v["protected_minutes"] - v["debrief_minutes"]), 0)
    return found + limits.minutes_in_a_day(
        "doc_minutes",
        v["scheduled_minutes"] + left,
        f(
            f"Documentation per patient ({format_number(v['doc_minutes'])} minutes for "
            f"{format_number(v['patients'])} patients) leaves {format_number(left)} minutes of charting outside "
            f"the protected time; with {format_number(v['scheduled_minutes'])} scheduled minutes that is a {{day}} of"
        ),
    )


def calculate(v: dict) -> dict:
    charting = v["doc_minutes"] * v["patients"]
    for_charting = v["protected_minutes"] - v["debrief_minutes"]
    left = max(charting - for_charting, Fraction(0))
    share = (v["scheduled_minutes"] - v["protected_minutes"]) / v["scheduled_minutes"]
    adjusted = v["target"] * share
    return {
        # A nurse cannot take part of a patient: the assignment that fits is the whole number below.
        "whole_assignment": Fraction(int(adjusted)),
        "charting_minutes_per_day": charting,
        "unprotected_minutes_per_day": left,
        "unprotected_hours_per_week": left * v["days_per_week"] / 60,
        "protected_share_percent": v["protected_minutes"] / v["scheduled_minutes"] * 100,
        "adjusted_target": adjusted,
        "target_reduction": v["target"] - adjusted,
        "unused_protected_minutes": max(for_charting - charting, Fraction(0)),
    }


def _places(v: dict, r: dict) -> int:
    """Decimals for the adjusted target and the reduction: one, or as many more as it takes for the two
    figures shown to add up to the target (17.85 and 0.15 would show as 17.9 and 0.2, making 18.1)."""
    for places in range(1, 4):
        shown = Fraction(str(rounded(r["adjusted_target"], places))) + Fraction(
            str(rounded(r["target_reduction"], places))
        )
        if shown == v["target"]:
            return places
    return 4


def _unit(v: dict) -> str:
    return {"visits": "visits", "rvus": "RVUs", "patients": "patients"}[v["target_unit"]]


def say(v: dict, r: dict) -> str:
    f = v["profile"].fill
    unit = _unit(v)
    left = r["unprotected_minutes_per_day"]
    share = f"Protected time is {format_number(r['protected_share_percent'], 1)}% of the scheduled {{day}}"
    places = _places(v, r)
    target, adjusted = format_number(v["target"]), counted(r["adjusted_target"], unit, places)
    if _nurse_on_shifts(v):
        whole = counted(r["whole_assignment"], "patients", 0)
        keep = (
            f"an assignment of {whole} rather than {format_number(v['target'])} on the shifts it applies to"
            if direction(v["target"], r["whole_assignment"], 0)
            else f"the assignment to stay at {whole} on the shifts it applies to"
        )
        ask = (
            f"I am asking for a resource nurse or a paired colleague to cover my patients while I use it, and for "
            f"{keep}, so that the time is not taken from patient care."
        )
    elif direction(v["target"], r["adjusted_target"], places):
        ask = (
            f"{share}, so I am asking that the target move with it, from {target} to {adjusted} a {{day}}, so "
            "that using the protected time is not counted against anyone."
        )
    else:
        ask = f"{share}, so the target of {adjusted} a {{day}} can stay as it is."
    return f(
        f"Charting takes about {counted(r['charting_minutes_per_day'], 'minutes')} of each {{day}}. With "
        f"{counted(v['protected_minutes'], 'minutes')} protected, "
        + (
            f"{counted(left, 'minutes')} still {plural(left, 'falls', 'fall')} outside it, about "
            f"{counted(r['unprotected_hours_per_week'], 'hours', 1)} a week. "
            if left
            else "all of it fits inside protected time. "
        )
        + ask
    )


def _nurse_on_shifts(v: dict) -> bool:
    return v["profile"].role == "nurse" and v["profile"].shifts


def render(v: dict, r: dict) -> str:
    f = v["profile"].fill
    unit, places = _unit(v), _places(v, r)
    figs = figures(
        [
            (f("Charting each {day}"), num("charting_minutes_per_day", r["charting_minutes_per_day"], "minutes")),
            (f("Left outside protected time, each {day}"),
             num("unprotected_minutes_per_day", r["unprotected_minutes_per_day"], "minutes")),
            ("Left outside it, a week", num("unprotected_hours_per_week", r["unprotected_hours_per_week"], "hours", 1)),
        ]
        + (
            [("Assignment that fits, in whole patients", num("whole_assignment", r["whole_assignment"], "patients", 0))]
            if _nurse_on_shifts(v)
            else [
                (f("Adjusted target per {day}"), num("adjusted_target", r["adjusted_target"], unit, places)),
                (
                    "Target lowered by",
                    num("target_reduction", r["target_reduction"], unit, places)
                    if shown_sign(r["target_reduction"], places)
                    else figure("target_reduction", r["target_reduction"], "no change"),
                ),
            ]
        )
    )  # fmt: skip
    note = (
        "The adjustment assumes the protected minutes come out of scheduled patient time, so the target falls "
        "in the same proportion. If the protected time is added on top of a full schedule instead, the target "
        "need not change, but the day gets longer: say which it is."
    )
    if _nurse_on_shifts(v):
        note = (
            f"Protected time on a unit works only if someone covers your patients while you use it: ask for the "
            f"relief (a resource nurse, or a paired colleague) by name. The assignment that fits is "
            f"{counted(r['whole_assignment'], 'patients', 0)}"
            + (
                f", rounded down from {format_number(r['adjusted_target'], 1)}, because a nurse cannot take part of "
                "a patient."
                if direction(r["adjusted_target"], r["whole_assignment"], 1)
                else "."
            )
        )
    spare = ""
    if r["unused_protected_minutes"]:
        spare = f(
            f" As entered, {counted(r['unused_protected_minutes'], 'protected minutes')} each {{day}} would be "
            "left after charting: keep them as buffer, or protect less and see more patients."
        )
    covered = r["charting_minutes_per_day"] - r["unprotected_minutes_per_day"]
    rows = [
        (
            f("Charting each {day}"),
            r["charting_minutes_per_day"],
            f"{format_number(r['charting_minutes_per_day'])} min",
        ),
        ("Covered by protected time", covered, f"{format_number(covered)} min"),
        ("Left outside it", r["unprotected_minutes_per_day"], f"{format_number(r['unprotected_minutes_per_day'])} min"),
    ]
    chart = charts.bars_with_table(
        rows,
        f("Charting each {day}, and what protected time covers"),
        "protected-cover",
        f("Minutes of charting each {day}"),
        ("", "Minutes"),
        description=f(
            "Minutes of charting in one {day}: how much the protected time covers, and how much is left outside it."
        ),
    )
    return (
        heading("What the protected time covers")
        + figs
        + chart
        + f"<p>{escape(note + spare)}</p>"
        + proposal(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    target = (
        f"assignment that fits {counted(r['whole_assignment'], 'patients')}"
        if _nurse_on_shifts(v)
        else f"adjusted target {format_number(r['adjusted_target'], _places(v, r))}"
    )
    return v["profile"].fill(
        f"Result updated: {counted(r['unprotected_minutes_per_day'], 'minutes')} of charting left outside protected "
        f"time each {{day}}; {target}."
    )


EXAMPLES = (
    Example(
        "The defaults: 18 patients, 8 minutes each, an hour protected",
        {},
        {
            "charting_minutes_per_day": 144,
            "unprotected_minutes_per_day": 94,
            "unprotected_hours_per_week": Fraction(94 * 4, 60),
            "adjusted_target": Fraction(63, 4),
            "target_reduction": Fraction(9, 4),
        },
    ),
    Example(
        "A nurse on 12-hour shifts with 30 protected minutes: an assignment of 4, not 4.79",
        {"role": "nurse", "setting": "shifts", "protected_minutes": "30", "debrief_minutes": "10"},
        {"charting_minutes_per_day": 100, "unprotected_minutes_per_day": 80, "whole_assignment": 4},
    ),
)

COMPONENT = Calculator(
    slug=SLUG, title="Protected time calculator", inputs=INPUTS, calculate=calculate, render=render,
    announce=announce, check=check, examples=EXAMPLES, variants=VARIANTS,
)  # fmt: skip
