"""Transition planner: the phased rollout with dates, review meetings, and what a temporary
template reduction costs. Also writes the plan as an iCalendar (.ics) file."""

from __future__ import annotations

import datetime as dt
import hashlib

from ..framework import calendar_file, charts
from ..framework.calculator import Calculator, Example
from ..framework.html import chart_with_table, figure, figures, heading, money, num, omitted, sentence, warning
from ..framework.inputs import Date, Number
from ..framework.numbers import counted, day_text, format_money, shows_one

SLUG = "transition"


def default_go_live(today: dt.date) -> dt.date:
    """The Monday at least four weeks after today."""
    earliest = today + dt.timedelta(weeks=4)
    return earliest + dt.timedelta(days=(7 - earliest.weekday()) % 7)


PHASES = (
    # (input name, result key for its last day, label)
    ("pilot_weeks", "pilot_end", "Pilot group"),
    ("refine_weeks", "refine_end", "Refine the build"),
    ("partial_weeks", "partial_end", "Partial rollout"),
    ("support_weeks", "support_end", "Added support and training"),
)

# fmt: off
INPUTS = (
    Date("go_live", "Go-live date", "The day the pilot starts. Written as year-month-day.", default_go_live),
    Number("pilot_weeks", "Pilot", "weeks", "A small group of volunteers uses the new system first. The phase lengths shown are this site's "
           "planning defaults, not published figures.", "6", 1, 26,
           whole=True, ask="how many weeks the pilot lasts"),
    Number("refine_weeks", "Refine the build", "weeks", "Fix what the pilot found. 0 skips this phase.", "2", 0, 26,
           whole=True, ask="how many weeks to refine the build"),
    Number("partial_weeks", "Partial rollout", "weeks", "A wider group, not yet everyone. 0 skips it.", "4", 0, 52,
           whole=True, ask="how many weeks the partial rollout lasts"),
    Number("support_weeks", "Added support and training", "weeks",
           "Extra at-the-elbow support before everyone is on. 0 skips it.", "2", 0, 26, whole=True, ask="how many weeks of added support and training"),
    Number("reduction_per_session", "Patients fewer per {block}", "patients",
           "A temporary lighter load during the transition (2 is the playbook's rule of thumb, not a published "
           "figure).", "2", 0, 20, whole=True, ask="how many fewer patients"),
    Number("reduction_weeks", "Reduction lasts", "weeks", "How long the lighter template lasts.", "6", 0, 52,
           whole=True, ask="how many weeks the lighter load lasts"),
    Number("sessions_per_week", "{Blocks} per week", "{blocks}", "Clinical {blocks} each person works in a week.", "8",
           1, 14, whole=True),
    Number("clinicians", "{People}", "people", "How many {people} get the lighter load.", "5", 1, 1000,
           whole=True),
    Number("review_every_weeks", "Review every", "weeks", "How often the group meets to look at the numbers.", "2", 1,
           12, whole=True, ask="how often to review, in weeks"),
    Number("revenue_per_visit", "Revenue per visit", "$",
           "Average revenue of one visit, to put a price on the deferred visits. Leave blank to skip.", None, 0,
           100_000, optional=True, money=True, example="150"),
)
# fmt: on


def calculate(v: dict) -> dict:
    start = v["go_live"]
    r: dict = {"pilot_start": start}
    phase_start = start
    spans = []
    for name, key, label in PHASES:
        weeks = v[name]
        if weeks == 0:
            r[key] = None  # skipped
            continue
        end = phase_start + dt.timedelta(days=7 * int(weeks) - 1)
        r[key] = end
        spans.append((label, phase_start, end))
        phase_start = end + dt.timedelta(days=1)
    r["full_adoption"] = phase_start
    r["spans"] = spans
    step = 7 * int(v["review_every_weeks"])
    reviews = []
    day = start + dt.timedelta(days=step)
    while day <= r["full_adoption"]:
        reviews.append(day)
        day += dt.timedelta(days=step)
    r["reviews"] = reviews
    r["review_count"] = len(reviews)
    r["first_review"] = reviews[0] if reviews else None
    r["visits_deferred"] = v["reduction_per_session"] * v["sessions_per_week"] * v["reduction_weeks"] * v["clinicians"]
    r["revenue_deferred"] = (
        r["visits_deferred"] * v["revenue_per_visit"] if v["revenue_per_visit"] is not None else None
    )
    r["total_weeks"] = (r["full_adoption"] - start).days // 7
    return r


def ics(v: dict, r: dict, stamp: dt.datetime) -> str:
    plan_id = hashlib.sha256(repr(sorted((k, str(x)) for k, x in v.items())).encode()).hexdigest()[:16]
    events = [
        (start, f"Transition: {label} starts", f"{label} runs to {day_text(end)}.") for label, start, end in r["spans"]
    ]
    events.append((r["full_adoption"], "Transition: full adoption", "Everyone is on the new system."))
    events += [
        (day, f"Transition review {i}", "Look at the numbers together and decide what changes next.")
        for i, day in enumerate(r["reviews"], 1)
    ]
    return calendar_file.calendar(
        "Transition planner",
        [
            calendar_file.event(f"{plan_id}-{i}", stamp, day, summary, description)
            for i, (day, summary, description) in enumerate(events)
        ],
    )


# --- Rendering ------------------------------------------------------------------------------------------


def old_go_live(go_live: dt.date, today: dt.date) -> str:
    """A go-live more than a year ago is usually a mistyped year: said above the result (GOV.UK
    warning text), so that the reader checks it before using the plan."""
    if (today - go_live).days <= 365:
        return ""
    return warning(
        f"The go-live date, {day_text(go_live)}, is more than a year ago.",
        "<p>If the year is a typing slip, correct it above. If the change really went live then, a pilot "
        "cannot come first: plan the rest of the transition instead.</p>",
    )


def render(v: dict, r: dict) -> str:
    start = r["pilot_start"]
    spans = [(label, (a - start).days, (b - start).days) for label, a, b in r["spans"]]
    total = (r["full_adoption"] - start).days
    axis = [(0, f"{start:%d %b}"), (total, f"{r['full_adoption']:%d %b}")]
    chart = charts.timeline(
        spans,
        [(d - start).days for d in r["reviews"]],
        total,
        axis,
        "The phased plan on a calendar",
        "; ".join(f"{label}: {day_text(a)} to {day_text(b)}" for label, a, b in r["spans"])
        + f"; full adoption {day_text(r['full_adoption'])}; {counted(r['review_count'], 'review meetings')}.",
        "transition-timeline",
    )
    rows = [(label, day_text(a), day_text(b)) for label, a, b in r["spans"]]
    rows.append(("Full adoption", day_text(r["full_adoption"]), ""))
    table = charts.table("The plan", ("Phase", "Starts", "Ends"), rows)
    phase_items = []
    for _, key, label in PHASES:
        if r[key] is None:
            phase_items.append(f'<li>{label}: <span class="sp-omitted">skipped (0 weeks)</span></li>')
        else:
            phase_items.append(f"<li>{label} ends {figure(key, r[key], day_text(r[key]))}</li>")
    first = (
        figure("first_review", r["first_review"], day_text(r["first_review"]))
        if r["first_review"]
        else omitted("No review falls inside the plan: choose a shorter review interval.")
    )
    revenue = (
        money("revenue_deferred", r["revenue_deferred"])
        if r["revenue_deferred"] is not None
        else omitted(
            "A nurse's assignment is not billed by the visit: finance can price the lighter load in staffing hours."
            if v["profile"].role == "nurse"
            else "Enter revenue per visit to put a price on the deferred visits."
        )
    )
    # The calendar file is the same for the same plan (stamped with the plan's first day, not the
    # clock), so that two builds of the same page are identical.
    stamp = dt.datetime(start.year, start.month, start.day, tzinfo=dt.UTC)
    href = calendar_file.data_url(ics(v, r, stamp))
    return old_go_live(v["go_live"], dt.date.today()) + (
        heading("The plan")
        + figures(
            [
                ("Pilot starts", figure("pilot_start", start, day_text(start))),
                ("Full adoption", figure("full_adoption", r["full_adoption"], day_text(r["full_adoption"]))),
                ("Plan length", num("total_weeks", r["total_weeks"], "weeks", 0)),
                (
                    "Review meetings",
                    f"{num('review_count', r['review_count'], '', 0)}, the first on {first}"
                    if r["review_count"]
                    else f"{figure('review_count', 0, 'none')}: {first}",
                ),
                (
                    "Patient contacts deferred" if v["profile"].shifts else "Visits deferred",
                    num("visits_deferred", r["visits_deferred"], "contacts" if v["profile"].shifts else "visits", 0),
                ),
                ("Revenue deferred", revenue),
            ]
        )
        + f"<ul>{''.join(phase_items)}</ul>"
        + chart_with_table(chart, table)
        + f'<p><a class="md-button" download="transition-plan.ics" href="{href}">Download the plan for your calendar (.ics)</a> '
        '<span class="sp-hint">Opens in Outlook, Google Calendar and Apple Calendar: one all-day event per '
        "phase start and per review.</span></p>" + sentence(SLUG, say(v, r))
    )


def say(v: dict, r: dict) -> str:
    text = (
        f"I propose we phase this in rather than switching everyone on at once: a pilot starting "
        f"{day_text(r['pilot_start'])}, and full adoption on {day_text(r['full_adoption'])}, "
        f"{counted(r['total_weeks'], 'weeks')} later"
    )
    if r["review_count"]:
        text += (
            f", with a review every {'week' if shows_one(v['review_every_weeks']) else counted(v['review_every_weeks'], 'weeks')} "
            f"starting {day_text(r['first_review'])}"
        )
    text += "."
    if r["visits_deferred"]:
        text += (
            f" Taking {counted(v['reduction_per_session'], 'patients')} off each "
            + v["profile"].words["block"]
            + f" for {counted(v['reduction_weeks'], 'weeks')} defers "
            + counted(r["visits_deferred"], "patient contacts" if v["profile"].shifts else "visits")
        )
        if r["revenue_deferred"] is not None:
            text += f", about {format_money(r['revenue_deferred'])}"
        text += ", which is a planned, time-limited cost instead of an open-ended one."
    return text


def announce(v: dict, r: dict) -> str:
    return (
        f"Result updated: pilot {day_text(r['pilot_start'])}, full adoption {day_text(r['full_adoption'])}, "
        f"{counted(r['review_count'], 'reviews')}."
    )


_D = dt.date
EXAMPLES = (
    Example(
        "The defaults, starting Monday 4 January 2027",
        {"go_live": "2027-01-04"},
        {
            "pilot_start": _D(2027, 1, 4),
            "pilot_end": _D(2027, 2, 14),
            "refine_end": _D(2027, 2, 28),
            "partial_end": _D(2027, 3, 28),
            "support_end": _D(2027, 4, 11),
            "full_adoption": _D(2027, 4, 12),
            "total_weeks": 14,
            "visits_deferred": 480,
            "review_count": 7,
            "first_review": _D(2027, 1, 18),
            "revenue_deferred": None,
        },
    ),
    Example(
        "Skipping the refine phase, with $150 a visit",
        {"go_live": "2027-01-04", "refine_weeks": "0", "revenue_per_visit": "150"},
        {
            "refine_end": None,
            "partial_end": _D(2027, 3, 14),
            "full_adoption": _D(2027, 3, 29),
            "revenue_deferred": 72000,
        },
    ),
    Example(
        "A one-week pilot only, reviewed every four weeks",
        {
            "go_live": "2027-01-04",
            "pilot_weeks": "1",
            "refine_weeks": "0",
            "partial_weeks": "0",
            "support_weeks": "0",
            "review_every_weeks": "4",
        },
        {"pilot_end": _D(2027, 1, 10), "full_adoption": _D(2027, 1, 11), "review_count": 0, "first_review": None},
    ),
)

# fmt: off
VARIANTS = {
    "sessions_per_week": {"shifts": {"default": "3"}},  # three 12-hour shifts: an example
    "reduction_weeks": {"shifts": {"hint": "How long the lighter load lasts."}},
    "revenue_per_visit": {"nurse": {"label": "Revenue per patient contact", "hint": "Leave it blank for a nurse's assignment, which is not billed by the visit; "
                                            "finance can price a lighter assignment in staffing hours instead."}},
    # A nurse's assignment is a handful of patients (one or two in intensive care): one fewer is
    # already a large cut, and two could leave none.
    "reduction_per_session": {"nurse/shifts": {
        "default": "1",
        "hint": "A temporary lighter assignment during the transition (1 is this site's rule of thumb, not a "
                "published figure). Where the assignment is already one or two patients, ask for a resource "
                "nurse instead and enter 0.",
    }},
}

COMPONENT = Calculator(slug=SLUG, title="Transition planner",
                       inputs=INPUTS, calculate=calculate, render=render, announce=announce, examples=EXAMPLES,
                       variants=VARIANTS)
# fmt: on
