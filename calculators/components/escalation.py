"""Escalation path: a unit's chain of command, each step with how to reach it and how soon it must
answer, drawn as a printable path with the longest a concern can wait before it reaches the top.
A fill-in generator built as a calculator, so that a manager can share the unit's path as a link.
(The assignment-despite-objection form beside it is objection.py: it is never put in a link.)"""

from __future__ import annotations

from fractions import Fraction

from ..framework import charts, limits
from ..framework.calculator import Calculator, Example
from ..framework.html import chart_with_table, escape, figures, heading, num, proposal
from ..framework.inputs import Number, Table, Text
from ..framework.numbers import counted, whole
from ..framework.profile import Profile

SLUG = "escalation"

# An unsafe assignment cannot wait half a shift: the shift chains answer within 15, 30 and 60
# minutes, the same targets as the template on docs/conditions/escalation-path.md (a test keeps the
# two in step). The clinic chains are for problems that can wait a day, not for an unsafe assignment.
NURSING = (
    "Charge nurse,in person or unit phone,0.25;Nurse manager (the house supervisor at night),phone or page,0.5;"
    "Director of nursing or CNO on call,phone,1"
)
HOSPITALIST = (
    "Hospitalist director or service chief on duty,phone or page,0.25;"
    "Administrator on call or house supervisor,page,0.5;Chief medical officer on call,phone,1"
)
APP_SHIFTS = (
    "Attending or collaborating physician on duty,phone or page,0.25;APP lead or service chief,phone or page,0.5;"
    "Chief medical officer on call,phone,1"
)
MEDICAL = (
    "Clinic lead,in person,1;Practice manager,phone,4;Medical director,phone or email,24;"
    "CMIO (for EHR problems),email,48;Chief medical officer,email,72"
)
APP = (
    "Supervising or collaborating physician (where you have one) or clinic lead,in person or phone,1;APP lead,phone,4;"
    "Medical director,phone or email,24;CMIO (for EHR problems),email,48;Chief medical officer,email,72"
)

# fmt: off
INPUTS = (
    Text("unit", "Unit or clinic", "Printed at the top of the path.", "", max_length=80),
    Table("steps", "The chain, from first to last",
          "One step per row: who, how to reach them, and within how many hours they answer. If a step does not "
          "answer in time, the concern goes to the next one. The starting chain is an example: use your "
          "organization's.",
          (Text("who", "Who", "", max_length=80, optional=False), Text("reach", "How to reach them", "", max_length=80),
           Number("within", "Answers within", "", "", None, 0, limits.HOURS_IN_A_WEEK, example="1")),
          NURSING, row_label="Step", max_rows=12, example="Charge nurse,unit phone,0.25"),
)
# fmt: on

VARIANTS = {
    "steps": {
        "physician/shifts": {"default": HOSPITALIST},
        "app/shifts": {"default": APP_SHIFTS},
        "physician": {"default": MEDICAL},
        "app": {"default": APP},
    }
}


def _hours(value: Fraction) -> str:
    """ "1 hour 15 minutes", to the minute (the site's rounding: 4.5 minutes is 5)."""
    if 0 < value * 60 < Fraction(1, 2):
        return "less than a minute"
    hours, minutes = divmod(whole(value * 60), 60)
    parts = [f"{hours} {'hour' if hours == 1 else 'hours'}"] if hours else []
    parts += [f"{minutes} {'minute' if minutes == 1 else 'minutes'}"] if minutes else []
    return " ".join(parts) or "0 minutes"


def _short(text: str, most: int = 30) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def calculate(v: dict) -> dict:
    steps = list(v["steps"])
    reached, total = [], Fraction(0)
    for _, _, within in steps:
        reached.append(total)
        total += within
    return {"steps": steps, "reached_after": reached, "hours_to_top": reached[-1] if reached else Fraction(0),
            "hours_to_answer_at_top": total, "step_count": len(steps)}  # fmt: skip


def say(v: dict, r: dict) -> str:
    unit = f" on {v['unit']}" if v["unit"] else ""
    chain = ", then ".join(f"{who} (within {_hours(within)})" for who, _, within in r["steps"])
    return (
        f"I propose a written escalation path{unit}: {chain}. If a step does not answer in its time, the concern "
        f"goes to the next one without anyone having to ask again, so a concern raised at any hour reaches "
        f"{r['steps'][-1][0]} within {_hours(r['hours_to_top'])}. I would like it posted on the unit and "
        "reviewed with us after three months."
    )


def render(v: dict, r: dict) -> str:
    title = f"Escalation path: {v['unit']}" if v["unit"] else "Escalation path"
    chart = charts.flow(
        [_short(f"{i}. {who}") for i, (who, _, _) in enumerate(r["steps"], 1)],
        title,
        "From top to bottom: " + "; ".join(
            f"step {i}, {who}, answers within {_hours(within)}" for i, (who, _, within) in enumerate(r["steps"], 1)
        ) + ".",
        "escalation-flow",
    )  # fmt: skip
    table = charts.table(
        title,
        ("Step", "Who", "How to reach them", "Answers within", "Reached at the latest"),
        [
            (str(i), who, reach or "not given", _hours(within), "at once" if not after else f"after {_hours(after)}")
            for i, ((who, reach, within), after) in enumerate(zip(r["steps"], r["reached_after"], strict=True), 1)
        ],
    )
    figs = figures(
        [
            ("Steps", num("step_count", r["step_count"], "", 0)),
            ("Longest wait before the last step", num("hours_to_top", r["hours_to_top"], "hours")),
        ]
    )
    return (
        heading(title)
        + figs
        + chart_with_table(chart, table)
        + '<p><button type="button" class="md-button" data-print="result">Print the path</button></p>'
        + f"<p>{escape('Each time is a target the path promises, not a rule anyone is bound by until the organization adopts it.')}</p>"
        + proposal(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    return f"Result updated: {counted(r['step_count'], 'steps')}; the last is reached within {_hours(r['hours_to_top'])} at most."


EXAMPLES = (
    Example("The default nursing chain: 15, 30 and 60 minutes", {}, {"step_count": 3, "hours_to_top": Fraction(3, 4)}),
    Example(
        "A hospitalist's chain on shifts",
        {"role": "physician", "setting": "shifts"},
        {"step_count": 3, "hours_to_top": Fraction(3, 4)},
    ),
    Example(
        "A clinic's chain for a physician",
        {"role": "physician", "setting": "clinic", "unit": "Riverside family medicine"},
        {"step_count": 5, "hours_to_top": 77},
    ),
)

COMPONENT = Calculator(
    slug=SLUG, title="Escalation path", inputs=INPUTS, calculate=calculate, render=render, announce=announce,
    examples=EXAMPLES, variants=VARIANTS, profile=Profile("nurse", "shifts"),
)  # fmt: skip
