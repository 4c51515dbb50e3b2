"""Acuity-balanced case mix: share cases of several acuity levels among clinicians so that the
heaviest weighted load is as light as it can be, then the loads are as even as they can be, with an
optional cap on the highest-acuity cases any one person takes.

The search (search.py) is exact for days of up to 60 cases and 12 clinicians, with no limit on its
steps there; past that range it has a budget of steps, and when the budget runs out the page shows
the best assignment found and the bound it was measured against.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ...framework import charts
from ...framework.calculator import Calculator, Example
from ...framework.html import escape, figures, heading, num, proposal, warning
from ...framework.inputs import InputError, Number, Table
from ...framework.numbers import counted, format_number, plural
from . import search

SLUG = "case-mix"
MOST_CASES = 200  # in one day's mix: with weights of at most 20 to two decimals, loads stay small
EXACT_CASES, EXACT_PEOPLE = 60, 12  # within these the search has no budget: always exact
# Past that range: search steps, steps to even the loads out, and linear programs for the bound
# (together well under 200 ms natively for 200 cases).
BUDGET, EVEN_BUDGET, BOUNDS = 20_000, 8_000, 16
EXACT_EVEN_BUDGET = 40_000  # steps to even the loads out inside the exact range

# fmt: off
INPUTS = (
    Table("cases", "Cases", "One row per level, lightest first: how many cases of that level there are, and how "
          "heavy one is compared with the others (a weight of 2 counts as two level-1 cases). Four levels weighted "
          "1 to 4 is an example, not a standard: use the acuity tool your unit or clinic already trusts.",
          (Number("count", "Cases", "", "", None, 0, MOST_CASES, whole=True, example="6"),),
          "6,5,4,3", row_label="Level", max_rows=6, flat=True, group="levels", group_label="Cases at each acuity level",
          example="6,5,4,3"),
    Table("weights", "Weight", "", (Number("weight", "Weight", "", "", None, 0, 20, above=True, example="2", places=2),),
          "1,2,3,4", row_label="Level", max_rows=6, flat=True, group="levels", example="1,2,3,4"),
    Number("clinicians", "{People} sharing them", "{people}", "Who takes cases on this day or shift.", "4", 1, 30,
           whole=True),
    Number("cap", "Cap on the highest level", "cases each",
           "The most cases of the highest level any one person takes. Leave it blank for no cap.", None, 0, 200,
           whole=True, optional=True, example="2"),
)
# fmt: on
VARIANTS = {
    "clinicians": {"nurse/shifts": {"default": "4", "hint": "Nurses taking an assignment on this shift."}},
}


def check(v: dict) -> list[InputError]:
    cases, weights = v["cases"], v["weights"]
    if sum(cases) > MOST_CASES:
        return [
            InputError("cases", f"Cases can add up to at most {MOST_CASES} in one mix; these add up to {sum(cases)}")
        ]
    if len(cases) != len(weights):
        return [
            InputError(
                "weights",
                f"Give every level both a count and a weight: {len(cases)} {plural(len(cases), 'level has', 'levels have')} "
                f"a count and {len(weights)} {plural(len(weights), 'has', 'have')} a weight",
            )
        ]
    return []


def exact_range(counts, k: int) -> bool:
    """Inside the range the page promises an exact answer for (no step budget at all)."""
    return sum(counts) <= EXACT_CASES and k <= EXACT_PEOPLE


def balance(counts: tuple[int, ...], weights: tuple[Fraction, ...], k: int, cap: int | None):
    """(assignment, unassigned, exact, even_proven, lower bound): the assignment is one tuple of
    counts per clinician, heaviest load first; `exact` says the heaviest load is proven the lightest
    possible, `even_proven` that no assignment with it has a heavier lightest load."""
    counts = list(counts)
    unassigned = 0
    if cap is not None and counts and counts[-1] > cap * k:
        unassigned = counts[-1] - cap * k
        counts[-1] = cap * k
    levels = len(counts)
    scale = math.lcm(*(Fraction(w).denominator for w in weights)) if weights else 1
    units = [int(Fraction(w) * scale) for w in weights]
    # The search's case types: one per distinct weight, heaviest first; the capped level on its own.
    kinds = sorted({(units[i], cap is not None and i == levels - 1) for i in range(levels) if counts[i]},
                   key=lambda kind: (-kind[0], not kind[1]))  # fmt: skip
    kind_of = {i: kinds.index((units[i], cap is not None and i == levels - 1)) for i in range(levels) if counts[i]}
    w = tuple(kind[0] for kind in kinds)
    n = tuple(sum(counts[i] for i in kind_of if kind_of[i] == t) for t in range(len(kinds)))
    top = next((t for t, kind in enumerate(kinds) if kind[1]), None)
    if exact_range(counts, k):
        sets, exact, even_proven, bound = search.solve(w, n, k, top, cap, None, EXACT_EVEN_BUDGET)
    else:
        sets, exact, even_proven, bound = search.solve(w, n, k, top, cap, BUDGET, EVEN_BUDGET, BOUNDS)
    # Back to levels: each kind's cases go to its levels in order.
    left = list(counts)
    assignment = []
    for taken in sets:
        row = [0] * levels
        for i in sorted(kind_of):
            give = min(taken[kind_of[i]] - sum(row[j] for j in range(i) if kind_of.get(j) == kind_of[i]), left[i])
            row[i], left[i] = give, left[i] - give
        assignment.append(tuple(row))

    def load(row):
        return sum(c * u for c, u in zip(row, units, strict=True))

    assignment.sort(key=lambda row: (-load(row), tuple(-c for c in row)))
    return assignment, unassigned, exact, even_proven, Fraction(bound, scale)


def calculate(v: dict) -> dict:
    cases, weights = v["cases"], v["weights"]
    counts = tuple(int(c) for c in cases)
    k = int(v["clinicians"])
    cap = None if v["cap"] is None else int(v["cap"])
    assignment, unassigned, exact, even_proven, bound = balance(counts, weights, k, cap)
    loads = [sum(c * w for c, w in zip(t, weights, strict=True)) for t in assignment]
    total = sum(c * w for c, w in zip(counts, weights, strict=True))
    return {
        "assignment": assignment,
        "loads": loads,
        "heaviest_load": max(loads),
        "lightest_load": min(loads),
        "spread": max(loads) - min(loads),
        "average_load": Fraction(total - unassigned * (weights[-1] if weights else 0), k),
        "unassigned_cases": unassigned,
        "exact": exact,
        "even_proven": even_proven,
        "lower_bound": bound,
        "cases_total": sum(counts),
    }


def _cap_note(v: dict, r: dict) -> str:
    """What the page says when the cap leaves cases with no one."""
    if not r["unassigned_cases"]:
        return ""
    f = v["profile"].fill
    cap, k, top = int(v["cap"]), int(v["clinicians"]), len(v["cases"])
    heaviest = int(v["cases"][-1])
    ways = f"raise the cap to {-(-heaviest // k)}"
    if cap:
        extra = -(-heaviest // cap) - k
        ways += f", add {f(counted(extra, 'more {people}'))}"
    left = r["unassigned_cases"]
    return (
        f"{f(counted(k, '{people}'))} taking at most {counted(cap, f'level-{top} cases')} each "
        f"{'leaves' if k == 1 else 'leave'} "
        f"{counted(left, f'level-{top} cases')} with no one. To cover them, {ways}, or agree before the day starts who takes the rest (a float, a "
        "transfer, a diversion). The loads below are for the cases that can be assigned."
    )


def say(v: dict, r: dict) -> str:
    f = v["profile"].fill
    text = (
        f"Weighted by acuity, today's {counted(r['cases_total'], 'cases')} can be shared among "
        + f(counted(v["clinicians"], "{people}"))
        + f" so that the heaviest load is {format_number(r['heaviest_load'])} and the lightest "
        f"{format_number(r['lightest_load'])}, against an average of {format_number(r['average_load'])}."
    )
    if v["cap"] is not None:
        text += f" No one takes more than {format_number(v['cap'])} of the highest-acuity cases."
    if r["unassigned_cases"]:
        text += (
            f" Even so, {format_number(r['unassigned_cases'])} of those cases "
            f"{plural(r['unassigned_cases'], 'has', 'have')} no one under that cap, "
            "so I am asking that we decide who covers them before the shift, not during it."
        )
    return text + " I would like us to assign this way, and check the spread each month."


def render(v: dict, r: dict) -> str:
    levels = len(v["cases"])
    people = v["profile"].words
    name = people["Person"]
    rows = [(f"{name} {i + 1}", load, format_number(load)) for i, load in enumerate(r["loads"])]
    chart = charts.bars_with_table(
        rows,
        "Weighted load for each person",
        "case-mix-loads",
        "Who takes how many of each level",
        ("",) + tuple(f"Level {i + 1}" for i in range(levels)) + ("Load",),
        [
            (f"{name} {i + 1}",) + tuple(str(c) for c in taken) + (format_number(load),)
            for i, (taken, load) in enumerate(zip(r["assignment"], r["loads"], strict=True))
        ],
        description=f"One bar per {people['person']}: heaviest {format_number(r['heaviest_load'])}, lightest "
        f"{format_number(r['lightest_load'])}.",
    )
    how = (
        "This is the lightest heaviest load possible, and among the assignments that reach it, the most even."
        if r["exact"] and r["even_proven"]
        else "This is the lightest heaviest load possible. Among the assignments that reach it, this is the most "
        "even one found within the search's limit; a slightly more even one may exist."
        if r["exact"]
        else (
            "This is the best assignment found within the search's limit, not proven the best: no assignment "
            f"can have a heaviest load below {format_number(r['lower_bound'])}."
        )
    )
    figs = figures(
        [
            ("Heaviest load", num("heaviest_load", r["heaviest_load"], "points")),
            ("Lightest load", num("lightest_load", r["lightest_load"], "points")),
            ("Spread", num("spread", r["spread"], "points")),
            ("Cases with no one", num("unassigned_cases", r["unassigned_cases"], "", 0)),
        ]
    )
    note = _cap_note(v, r)
    return (
        heading("The balanced assignment")
        + figs
        + f"<p>{escape(how)}</p>"
        + (warning("The cap cannot be met", f"<p>{escape(note)}</p>") if note else "")
        + chart
        + proposal(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    text = f"Result updated: heaviest load {format_number(r['heaviest_load'])}, lightest {format_number(r['lightest_load'])}"
    if r["unassigned_cases"]:
        text += f"; {counted(r['unassigned_cases'], 'cases')} with no one under the cap"
    return text + "."


EXAMPLES = (
    Example(
        "The defaults: 18 cases at four levels among 4 people",
        {},
        {"heaviest_load": 10, "lightest_load": 10, "spread": 0, "unassigned_cases": 0},
    ),
    Example(
        "A cap of 1 on the heaviest level, with 3 people and 5 such cases",
        {"cases": "2,2,2,5", "clinicians": "3", "cap": "1"},
        {"unassigned_cases": 2, "heaviest_load": 8, "lightest_load": 8},
    ),
    Example(
        "Half-point weights",
        {"cases": "3,3", "weights": "1,1.5", "clinicians": "2"},
        {"heaviest_load": Fraction(4), "lightest_load": Fraction(7, 2), "unassigned_cases": 0},
    ),
)

# fmt: off
COMPONENT = Calculator(slug=SLUG, title="Case mix calculator", inputs=INPUTS, calculate=calculate, render=render,
                       announce=announce, check=check, examples=EXAMPLES, variants=VARIANTS)
# fmt: on
