"""Acuity-balanced case mix: share cases of several acuity levels among clinicians so that the
heaviest weighted load is as light as it can be, then the loads are as even as they can be, with an
optional cap on the highest-acuity cases any one person takes.

The search is exact (a depth-first search over what each clinician takes, with memory of what
cannot work) within a budget of steps that covers 60 cases and 12 clinicians; past the budget the
page shows the best assignment found and the bound it was measured against.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..framework import charts
from ..framework.calculator import Calculator, Example
from ..framework.html import chart_with_table, escape, figures, heading, num, proposal, warning
from ..framework.inputs import InputError, Number, Table
from ..framework.numbers import format_number, plural

SLUG = "case-mix"
MOST_CASES = 200  # in one day's mix: with weights of at most 20 to two decimals, loads stay small
BUDGET = 150_000  # search steps for each part; more than the tests' days of 60 cases among 12 people need

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


class _OutOfSteps(Exception):
    pass


def _search(counts: tuple[int, ...], weights: tuple[int, ...], k: int, cap: int | None, low: int, high: int, steps):
    """Each of k clinicians' counts with every load between `low` and `high` (weights and loads in
    whole units), or None when there is none. With low == 0 each clinician takes as much as fits,
    which loses nothing (a case moved to an earlier clinician who has room never hurts a later one)."""
    top = len(counts) - 1
    failed = set()
    order = sorted(range(len(counts)), key=lambda i: (-weights[i], -i))  # heaviest first

    def vectors(remaining):
        taken = [0] * len(counts)
        heaviest = next((i for i in order if remaining[i]), None)
        reach = [0] * (len(order) + 1)  # the most load the levels from each position on could add
        for position in range(len(order) - 1, -1, -1):
            i = order[position]
            most = remaining[i] if i != top or cap is None else min(remaining[i], cap)
            reach[position] = reach[position + 1] + most * weights[i]

        def go(position, load):
            steps[0] += 1
            if steps[0] > BUDGET:
                raise _OutOfSteps
            if position == len(order):
                if load < low:
                    return
                if low == 0:  # only what cannot take one more case of any level
                    for i in range(len(counts)):
                        if (
                            taken[i] < remaining[i]
                            and load + weights[i] <= high
                            and (i != top or cap is None or taken[i] < cap)
                        ):
                            return
                yield tuple(taken)
                return
            if load + reach[position] < low:
                return  # even every case left of the lighter levels would not reach the lowest load
            i = order[position]
            most = min(remaining[i], (high - load) // weights[i])
            if i == top and cap is not None:
                most = min(most, cap)
            # Someone takes the heaviest case left; clinicians are alike, so let it be this one.
            for x in range(most, 0 if i == heaviest else -1, -1):
                taken[i] = x
                yield from go(position + 1, load + x * weights[i])
            taken[i] = 0

        yield from go(0, 0)

    def fill(remaining, left):
        total = sum(c * w for c, w in zip(remaining, weights, strict=True))
        if left == 0:
            return [] if total == 0 else None
        if total > high * left or total < low * left or (remaining, left) in failed:
            return None
        for taken in vectors(remaining):
            rest = fill(tuple(r - t for r, t in zip(remaining, taken, strict=True)), left - 1)
            if rest is not None:
                return [taken] + rest
        failed.add((remaining, left))
        return None

    return fill(counts, k)


def _loads(counts, weights, cap) -> list[int]:
    """Every load one clinician could carry (in whole units), ascending: a bitset of sums."""
    reachable = 1  # bit n set: a load of n is possible
    top = len(counts) - 1
    for i, (count, weight) in enumerate(zip(counts, weights, strict=True)):
        for _ in range(count if i != top or cap is None else min(count, cap)):
            reachable |= reachable << weight
    return [n for n, bit in enumerate(reversed(bin(reachable))) if bit == "1"]


def _greedy(counts, weights, k, cap):
    """Heaviest case first to whoever is lightest (and under the cap): the fallback past the budget."""
    loads, taken = [0] * k, [[0] * len(counts) for _ in range(k)]
    top = len(counts) - 1
    for i in sorted(range(len(counts)), key=lambda i: -weights[i]):
        for _ in range(counts[i]):
            who = min(
                (j for j in range(k) if i != top or cap is None or taken[j][i] < cap), key=lambda j: (loads[j], j)
            )
            taken[who][i] += 1
            loads[who] += weights[i]
    return [tuple(t) for t in taken]


def balance(counts: tuple[int, ...], weights: tuple[Fraction, ...], k: int, cap: int | None):
    """(assignment, unassigned, exact, even_proven, lower bound): the assignment is one tuple of
    counts per clinician, heaviest load first; `exact` says the heaviest load is proven the lightest
    possible, `even_proven` that no assignment with it has a heavier lightest load."""
    counts = list(counts)
    unassigned = 0
    if cap is not None and counts and counts[-1] > cap * k:
        unassigned = counts[-1] - cap * k
        counts[-1] = cap * k
    counts = tuple(counts)
    scale = math.lcm(*(Fraction(w).denominator for w in weights)) if weights else 1
    units = tuple(int(Fraction(w) * scale) for w in weights)
    total = sum(c * w for c, w in zip(counts, units, strict=True))
    heaviest_case = max((w for c, w in zip(counts, units, strict=True) if c), default=0)
    bound = max(-(-total // k), heaviest_case)
    loads = _loads(counts, units, cap)
    exact = even_proven = True
    best = None
    try:
        steps = [0]
        for high in (load for load in loads if load >= bound):  # the lightest heaviest load that works
            best = _search(counts, units, k, cap, 0, high, steps)
            if best is not None:
                break
    except _OutOfSteps:
        exact = even_proven = False
        best = _greedy(counts, units, k, cap)
        high = max(sum(c * w for c, w in zip(t, units, strict=True)) for t in best)
    try:
        # Then as even as possible: the highest lightest load that still works with that heaviest,
        # found by halving (if a lightest load of L works, every lower one does too).
        steps = [0]
        lows = [load for load in loads if 0 < load <= min(high, total // k)]
        first, last = 0, len(lows) - 1
        while first <= last:
            middle = (first + last) // 2
            even = _search(counts, units, k, cap, lows[middle], high, steps)
            if even is None:
                last = middle - 1
            else:
                best, first = even, middle + 1
    except _OutOfSteps:
        even_proven = False
    assignment = sorted(best, key=lambda t: (-sum(c * w for c, w in zip(t, units, strict=True)), tuple(-c for c in t)))
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
    words = v["profile"].words
    cap, k, top = int(v["cap"]), int(v["clinicians"]), len(v["cases"])
    heaviest = int(v["cases"][-1])
    ways = f"raise the cap to {-(-heaviest // k)}"
    if cap:
        extra = -(-heaviest // cap) - k
        ways += f", add {extra} more {words['person'] if extra == 1 else words['people']}"
    left = r["unassigned_cases"]
    return (
        f"{k} {words['people'] if k > 1 else words['person']} taking at most {cap} level-{top} "
        f"{plural(cap, 'case', 'cases')} each leave "
        f"{format_number(left)} level-{top} {plural(left, 'case', 'cases')} "
        f"with no one. To cover them, {ways}, or agree before the day starts who takes the rest (a float, a "
        "transfer, a diversion). The loads below are for the cases that can be assigned."
    )


def say(v: dict, r: dict) -> str:
    f = v["profile"].fill
    k = format_number(v["clinicians"])
    text = (
        f"Weighted by acuity, today's {format_number(r['cases_total'])} cases can be shared among {k} "
        + f("{people}")
        + f" so that the heaviest load is {format_number(r['heaviest_load'])} and the lightest "
        f"{format_number(r['lightest_load'])}, against an average of {format_number(r['average_load'])}."
    )
    if v["cap"] is not None:
        text += f" No one takes more than {format_number(v['cap'])} of the highest-acuity cases."
    if r["unassigned_cases"]:
        text += (
            f" Even so, {format_number(r['unassigned_cases'])} of those cases have no one under that cap, "
            "so I am asking that we decide who covers them before the shift, not during it."
        )
    return text + " I would like us to assign this way, and check the spread each month."


def render(v: dict, r: dict) -> str:
    levels = len(v["cases"])
    people = v["profile"].words
    name = people["Person"]
    rows = [(f"{name} {i + 1}", load, format_number(load)) for i, load in enumerate(r["loads"])]
    chart = charts.bars(
        rows,
        "Weighted load for each person",
        f"One bar per {people['person']}: heaviest {format_number(r['heaviest_load'])}, lightest "
        f"{format_number(r['lightest_load'])}.",
        "case-mix-loads",
    )
    table = charts.table(
        "Who takes how many of each level",
        ("",) + tuple(f"Level {i + 1}" for i in range(levels)) + ("Load",),
        [
            (f"{name} {i + 1}",) + tuple(str(c) for c in taken) + (format_number(load),)
            for i, (taken, load) in enumerate(zip(r["assignment"], r["loads"], strict=True))
        ],
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
        + chart_with_table(chart, table)
        + proposal(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    text = f"Result updated: heaviest load {format_number(r['heaviest_load'])}, lightest {format_number(r['lightest_load'])}"
    if r["unassigned_cases"]:
        text += f"; {format_number(r['unassigned_cases'])} cases with no one under the cap"
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
