"""Transparent shift bidding: staff bid for shifts in seniority windows, each window picking in turns
by seniority, with a cap on prime shifts per person; every assignment is explained in an audit log.

The rules, in order:
1. Staff are ordered by seniority (years of service, most first; a tie goes to the earlier row) and
   split into windows of `window_size` people. Window 1 bids first, then window 2, and so on.
2. Within a window, people pick in rounds: in each round, each person in seniority order takes their
   highest-ranked shift that still has a place, leaves at least `min_rest_hours` of real time (see
   framework/clock.py) between it and every shift they already hold (an overlap never does), and
   would not take them past the prime-shift cap, until they hold `shifts_each` shifts or their list
   runs out. A shift refused for rest is noted against the person, so an open shift says who
   could not take it and why.
The same inputs always give the same allocation.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from fractions import Fraction

from ..framework import charts, clock
from ..framework.calculator import Calculator, Example
from ..framework.html import escape, figures, heading, num, proposal
from ..framework.inputs import Choice, InputError, Number, Span, Table, Text
from ..framework.numbers import counted, day_text, format_number, plural
from ..framework.profile import Profile

SLUG = "shift-bid"
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}
_EPOCH = dt.datetime(2000, 1, 1)
_SECOND = dt.timedelta(seconds=1)

# fmt: off
STAFF = Table(
    "staff", "Staff and their preferences",
    "One person per row: a name or initials, years of service (the seniority the bid follows), and the "
    "shifts they want, most wanted first, by the shift's name, separated by spaces.",
    (Text("name", "Name", "", max_length=40, optional=False), Number("seniority", "Years", "", "", None, 0, 70),
     Text("preferences", "Preferences", "", max_length=600, optional=True)),
    "AB,12,S1 S3 S5;CD,9,S1 S2 S6;EF,9,S3 S4 S1;GH,4,S1 S3 S7;IJ,2,S2 S5 S8;KL,1,S1 S6 S8",
    row_label="Person", max_rows=300, example="AB,12,S1 S3 S5",
)
SHIFTS = Table(
    "shifts", "Shifts to fill",
    "One shift per row: a short name (no spaces), when it runs, how many people it needs, and whether it "
    "counts as prime (the shifts most people want: weekdays, or days off around a holiday).",
    (Text("id", "Shift", "", max_length=20, optional=False), Span("when", "When"),
     Number("needed", "People", "", "", None, 1, 50, whole=True),
     Choice("prime", "Prime", "", (("no", "No"), ("yes", "Yes")), "no")),
    "S1,2027-01-04 07:00-19:00,2,yes;S2,2027-01-04 19:00-07:00,2,no;S3,2027-01-05 07:00-19:00,2,yes;"
    "S4,2027-01-05 19:00-07:00,1,no;S5,2027-01-06 07:00-19:00,2,no;S6,2027-01-06 19:00-07:00,1,no;"
    "S7,2027-01-09 07:00-19:00,2,no;S8,2027-01-09 19:00-07:00,1,no",
    row_label="Shift", max_rows=600, example="S1,2027-01-04 07:00-19:00,2,yes",
)
INPUTS = (
    STAFF,
    SHIFTS,
    Number("shifts_each", "Shifts each", "shifts", "The most shifts one person is given in this bid.", "2", 1, 100,
           whole=True),
    Number("window_size", "People per window", "people",
           "How many people bid in each seniority window: the most senior window bids first.", "3", 1, 300,
           whole=True),
    Number("prime_cap", "Prime shifts each, at most", "shifts",
           "The fairness cap: no one holds more prime shifts than this.", "1", 0, 100, whole=True),
    Number("min_rest_hours", "Shortest rest between shifts", "hours",
           "No one is given two shifts closer together than this, from the end of one to the start of the next. "
           "10 hours is this page's example; use your unit's rule.", "10", 0, 48),
    Choice("clock", "Clock changes", clock.HINT, clock.RULES, "us"),
)
# fmt: on


def check(v: dict) -> list[InputError]:
    errors = []
    ids = [row[0] for row in v["shifts"]]
    repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
    if repeated:
        errors.append(InputError("shifts", f"Each shift needs its own name: {', '.join(repeated[:5])} is used twice"))
    if any(" " in i for i in ids):
        errors.append(InputError("shifts", "Shift names cannot contain spaces: preferences are separated by spaces"))
    names = [row[0] for row in v["staff"]]
    twice = sorted(n for n, k in Counter(names).items() if k > 1)
    if twice:
        errors.append(InputError("staff", f"Each person needs their own name: {', '.join(twice[:5])} appears twice"))
    known = set(ids)
    for number, (name, _, wanted) in enumerate(v["staff"], 1):
        unknown = [w for w in _wanted(wanted) if w not in known]
        if unknown:
            errors.append(
                InputError("staff", f"Person {number} ({name}) wants {unknown[0]}, which is not in the shifts table")
            )
            break
    return errors


def _wanted(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for item in text.replace(",", " ").split():
        seen.setdefault(item, None)
    return list(seen)


def _choice(n: int) -> str:
    return ORDINALS.get(n, f"{n}th")


def _seconds(moment: dt.datetime, rule: str) -> int:
    """A wall-clock moment as whole seconds on one steady clock (see clock.steady)."""
    return (clock.steady(moment, rule) - _EPOCH) // _SECOND


def _too_close(a: tuple[int, int], b: tuple[int, int], limit: int) -> str | None:
    """Why shifts `a` and `b` (spans in steady seconds, see _seconds) cannot go to one person with at
    least `limit` seconds between them, or None: they overlap, or the time from the end of the earlier
    to the start of the later is shorter."""
    if a[0] < b[1] and b[0] < a[1]:
        return "overlaps"
    gap = b[0] - a[1] if a[0] < b[0] else a[0] - b[1]
    return f"leaves {counted(Fraction(gap, 3600), 'hours')} of rest" if gap < limit else None


def allocate(staff, shifts, shifts_each: int, window_size: int, prime_cap: int, rest=0, rule="none"):
    """(assigned: name -> [shift ids], filled: shift id -> [names], log: [(window, round, text)],
    rested: shift id -> [(name, why)] for each person a shift was refused to for rest)."""
    spans = {row[0]: (_seconds(row[1][0], rule), _seconds(row[1][1], rule)) for row in shifts}
    limit = math.ceil(Fraction(rest) * 3600)  # a gap of whole seconds is short of `rest` hours when below this
    needed = {row[0]: int(row[2]) for row in shifts}
    prime = {row[0]: row[3] == "yes" for row in shifts}
    order = sorted(range(len(staff)), key=lambda i: (-staff[i][1], i))
    assigned: dict[str, list[str]] = {staff[i][0]: [] for i in order}
    filled: dict[str, list[str]] = {row[0]: [] for row in shifts}
    log: list[tuple[int, int, str]] = []
    rested: dict[str, list[tuple[str, str]]] = {row[0]: [] for row in shifts}
    years: dict[Fraction, str] = {}  # seniority -> "12 years", as the log says it (said once for each value)
    for w, start in enumerate(range(0, len(order), window_size), 1):
        members = order[start : start + window_size]
        pointer = {i: 0 for i in members}
        wants = {i: _wanted(staff[i][2]) for i in members}
        primes = {i: 0 for i in members}  # prime shifts each member holds
        active = [i for i in members if wants[i]]
        round_number = 0
        while active:
            round_number += 1
            still = []
            for i in active:
                name = staff[i][0]
                held = assigned[name]
                passed = []
                got = None
                while pointer[i] < len(wants[i]):
                    shift = wants[i][pointer[i]]
                    pointer[i] += 1
                    if len(filled[shift]) >= needed[shift]:
                        passed.append(f"{shift} was full")
                        continue
                    span = spans[shift]
                    clash = next(((h, why) for h in held if (why := _too_close(span, spans[h], limit))), None)
                    if clash:
                        reason = f"{shift} {clash[1]} with their {clash[0]}"
                        passed.append(reason)
                        rested[shift].append((name, reason))
                    elif prime[shift] and primes[i] >= prime_cap:
                        passed.append(f"{shift} is prime and {name} holds the most prime shifts allowed")
                    else:
                        got = shift
                        break
                if got is None:
                    if passed:
                        log.append((w, round_number, f"{name}: no shift left on their list ({'; '.join(passed)})."))
                    continue
                held.append(got)
                filled[got].append(name)
                primes[i] += prime[got]
                seniority = staff[i][1]
                if seniority not in years:
                    years[seniority] = f"{format_number(seniority)} {plural(seniority, 'year', 'years')}"
                why = f" ({'; '.join(passed)})" if passed else ""
                log.append(
                    (
                        w,
                        round_number,
                        f"{name} ({years[seniority]}) gets {got}, their {_choice(pointer[i])} choice{why}.",
                    )
                )
                if len(held) < shifts_each and pointer[i] < len(wants[i]):
                    still.append(i)
            active = still
    return assigned, filled, log, rested


def calculate(v: dict) -> dict:
    assigned, filled, log, rested = allocate(
        v["staff"], v["shifts"], int(v["shifts_each"]), int(v["window_size"]), int(v["prime_cap"]),
        v["min_rest_hours"], v["clock"],
    )  # fmt: skip
    gaps = [(row, int(row[2]) - len(filled[row[0]])) for row in v["shifts"]]
    unfilled = [(row, gap) for row, gap in gaps if gap > 0]
    counts = [len(held) for held in assigned.values()]
    return {
        "assigned": assigned,
        "filled": filled,
        "log": log,
        "rested": rested,
        "unfilled": unfilled,
        "places_needed": sum(int(row[2]) for row in v["shifts"]),
        "places_filled": sum(len(names) for names in filled.values()),
        "unfilled_places": sum(gap for _, gap in unfilled),
        "unfilled_shifts": len(unfilled),
        "staff_short": sum(1 for c in counts if c < v["shifts_each"]),
        "staff_count": len(counts),
        "histogram": [(n, counts.count(n)) for n in range(int(v["shifts_each"]) + 1)],
    }


def say(v: dict, r: dict) -> str:
    text = (
        f"We allocated {r['places_filled']} of {counted(r['places_needed'], 'places')} by published rules: seniority "
        f"windows of {format_number(v['window_size'])}, turns by seniority inside each window, and at most "
        f"{format_number(v['prime_cap'])} prime {plural(v['prime_cap'], 'shift', 'shifts')} each. "
        "Every assignment is in the audit log, so anyone can check how they got their shifts."
    )
    if r["unfilled_places"]:
        text += (
            f" {r['unfilled_places']} {plural(r['unfilled_places'], 'place stays', 'places stay')} open on "
            f"{r['unfilled_shifts']} {plural(r['unfilled_shifts'], 'shift', 'shifts')}; I am asking that those be "
            "filled by the same rules (volunteers first, then a rotation), not by whoever is asked last."
        )
    return text


def _rest_note(v: dict, r: dict, shift: str) -> str:
    """Who wanted an open shift but could not have it without too short a rest, and why."""
    refused = r["rested"].get(shift, [])
    if not refused:
        return ""
    who = "; ".join(f"{name}: {why}" for name, why in refused)
    return f". Wanted by people it would leave without {counted(v['min_rest_hours'], 'hours')} of rest ({who})"


def render(v: dict, r: dict) -> str:
    figs = figures(
        [
            ("Places to fill", num("places_needed", r["places_needed"], "", 0)),
            ("Places filled", num("places_filled", r["places_filled"], "", 0)),
            ("Places unfilled", num("unfilled_places", r["unfilled_places"], "", 0)),
            ("Shifts with a gap", num("unfilled_shifts", r["unfilled_shifts"], "", 0)),
            ("People short of their shifts", num("staff_short", r["staff_short"], "", 0)),
        ]
    )
    rows = [
        (f"{n} {plural(n, 'shift', 'shifts')}", count, f"{count} {plural(count, 'person', 'people')}")
        for n, count in r["histogram"]
    ]
    chart = charts.bars_with_table(
        rows,
        "How many shifts each person got",
        "shift-bid-histogram",
        "Who got what",
        ("Person", "Shifts"),
        [(name, " ".join(held) or "none") for name, held in r["assigned"].items()],
        description="One bar per number of shifts: how many people got that many.",
    )
    gaps = (
        "<ul>"
        + "".join(
            f"<li>{escape(row[0])}, {escape(day_text(row[1][0].date()))} {row[1][0]:%H:%M}: "
            f"{gap} of {int(row[2])} {plural(int(row[2]), 'place', 'places')} open{escape(_rest_note(v, r, row[0]))}</li>"
            for row, gap in r["unfilled"]
        )
        + "</ul>"
        if r["unfilled"]
        else "<p>Every shift is filled.</p>"
    )
    audit = "".join(f"<li>Window {w}, round {n}: {escape(text)}</li>" for w, n, text in r["log"])
    return (
        heading("The allocation")
        + figs
        + chart
        + heading("Shifts still open")
        + gaps
        + heading("Audit log: every assignment and why")
        + f'<ol class="sp-audit">{audit}</ol>'
        + proposal(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    return (
        f"Result updated: {r['places_filled']} of {counted(r['places_needed'], 'places')} filled, "
        f"{r['unfilled_places']} open."
    )


EXAMPLES = (
    Example(
        "The defaults: 6 people, 8 shifts, windows of 3, one prime shift each, 10 hours of rest",
        {},
        {"places_needed": 13, "places_filled": 10, "unfilled_places": 3, "staff_short": 2},
    ),
    Example(
        "Two people want the same single place: the senior one gets it",
        {
            "staff": "Ana,3,S1 S2;Ben,10,S1 S2",
            "shifts": "S1,2027-01-04 07:00-19:00,1,no;S2,2027-01-05 07:00-19:00,1,no",
            "shifts_each": "1",
        },
        {"places_filled": 2, "unfilled_places": 0},
    ),
)

COMPONENT = Calculator(
    slug=SLUG,
    title="Shift bid allocator",
    inputs=INPUTS,
    calculate=calculate,
    render=render,
    announce=announce,
    check=check,
    examples=EXAMPLES,
    profile=Profile("nurse", "shifts"),
)
