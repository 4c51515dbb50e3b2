"""The inbox: messages a day by kind, the minutes each takes, and the protected time kept for them.
How many hours a week fall inside and outside protected time, what team-based triage would move, and
the protected time that would cover what is left."""

from __future__ import annotations

from fractions import Fraction

from ..framework import charts, limits
from ..framework.calculator import Calculator, Example
from ..framework.html import cite, escape, figures, heading, num, sentence
from ..framework.inputs import Number
from ..framework.numbers import counted, format_number, plural, shown_sign

SLUG = "inbox"
# The kinds of message: (name, label, hint on who else could take them, messages, minutes, share others could take)
KINDS = (
    ("patient", "Patient messages", "Portal questions; a nurse can often answer or route many.", "20", "3", "40"),
    ("results", "Results", "Normal results can often be released with a standard note by a nurse.", "15", "1.5", "30"),
    ("system", "System-generated", "Notices, co-sign requests, FYI messages: some can be filtered or pooled.", "25",
     "0.5", "50"),
    ("refills", "Refill requests", "A protocol lets a nurse or pharmacist handle routine refills.", "10", "1", "80"),
)  # fmt: skip


def _inputs() -> tuple:
    made = []
    for name, label, hint, count, minutes, share in KINDS:
        made.append(Number(f"{name}_messages", f"{label} a {{day}}", "messages",
                           "How many reach you in a typical {day}.", count, 0, 1000, whole=True))  # fmt: skip
        made.append(Number(f"{name}_minutes", f"Minutes each: {label.lower()}", "minutes",
                           "The average time one takes, reading, acting and replying.", minutes, 0, 60))  # fmt: skip
        made.append(Number(f"{name}_others_percent", f"Share others could handle: {label.lower()}", "%",
                           hint, share, 0, 100))  # fmt: skip
    made.append(Number("protected_minutes", "Protected inbox time a {day}", "minutes",
                       "Time in the schedule kept for the inbox, with no patients booked.", "30", 0, 600))  # fmt: skip
    made.append(Number("days_per_week", "{Days} a week", "{days}", "{Days} you work with patients in a week.", "4", 1, 7,
                       whole=True))  # fmt: skip
    return tuple(made)


INPUTS = _inputs()
VARIANTS = {
    "days_per_week": {"shifts": {"default": "3"}},
    "protected_minutes": {"shifts": {"hint": "Time in the shift kept for messages, with a colleague covering your patients."}},
}  # fmt: skip


def check(v: dict) -> list:
    """The limits of a day (framework/limits.py): the inbox's minutes a {day}, named by the kind of
    message that makes most of them."""
    minutes = sum(v[f"{k}_messages"] * v[f"{k}_minutes"] for k, *_ in KINDS)
    kind, label = max(
        ((k, label) for k, label, *_ in KINDS), key=lambda kl: v[f"{kl[0]}_messages"] * v[f"{kl[0]}_minutes"]
    )
    return limits.minutes_in_a_day(
        f"{kind}_messages",
        minutes,
        v["profile"].fill(
            f"{label} a {{day}} ({format_number(v[f'{kind}_messages'])}) at {format_number(v[f'{kind}_minutes'])} "
            "minutes each, with the other messages, make an inbox of"
        ),
    )


def calculate(v: dict) -> dict:
    minutes = sum(v[f"{k}_messages"] * v[f"{k}_minutes"] for k, *_ in KINDS)
    moved = sum(v[f"{k}_messages"] * v[f"{k}_minutes"] * v[f"{k}_others_percent"] / 100 for k, *_ in KINDS)
    messages = sum(v[f"{k}_messages"] for k, *_ in KINDS)
    protected, days = v["protected_minutes"], v["days_per_week"]
    left = minutes - moved
    return {
        **{f"{k}_hours_per_week": v[f"{k}_messages"] * v[f"{k}_minutes"] * days / 60 for k, *_ in KINDS},
        "messages_per_day": messages,
        "system_share_percent": Fraction(v["system_messages"] * 100, messages) if messages else None,
        "inbox_minutes_per_day": minutes,
        "inbox_hours_per_week": minutes * days / 60,
        "inside_protected_hours_per_week": min(minutes, protected) * days / 60,
        "outside_protected_hours_per_week": max(minutes - protected, Fraction(0)) * days / 60,
        "triage_moves_hours_per_week": moved * days / 60,
        "left_minutes_per_day": left,
        "left_outside_protected_hours_per_week": max(left - protected, Fraction(0)) * days / 60,
        "protected_needed_minutes_per_day": left,
        "more_protected_minutes_per_day": max(left - protected, Fraction(0)),
    }


def say(v: dict, r: dict) -> str:
    f = v["profile"].fill
    outside = r["outside_protected_hours_per_week"]
    text = (
        f"My inbox takes about {counted(r['inbox_minutes_per_day'], 'minutes', 0)} each {{day}}, "
        f"{counted(r['messages_per_day'], 'messages', 0)}, and {counted(outside, 'hours', 1)} a week of it "
        f"{plural(outside, 'falls', 'fall', 1)} outside the {counted(v['protected_minutes'], 'protected minutes')}. "
    )
    if shown_sign(r["triage_moves_hours_per_week"], 1):
        text += (
            f"Routing the messages others on the team could handle would move about "
            f"{counted(r['triage_moves_hours_per_week'], 'hours', 1)} a week off my desk. "
        )
    if r["more_protected_minutes_per_day"]:
        text += (
            f"For the rest, I am asking for {counted(r['protected_needed_minutes_per_day'], 'protected minutes', 0)} "
            f"a {{day}} instead of {format_number(v['protected_minutes'])}."
        )
    else:
        text += "With that triage, the protected time I have would cover the rest."
    return f(text)


def render(v: dict, r: dict) -> str:
    f = v["profile"].fill
    figs = figures(
        [
            (f("Messages a {day}"), num("messages_per_day", r["messages_per_day"], "messages", 0)),
            (f("Inbox time a {day}"), num("inbox_minutes_per_day", r["inbox_minutes_per_day"], "minutes", 0)),
            ("Inbox a week", num("inbox_hours_per_week", r["inbox_hours_per_week"], "hours", 1)),
            ("Inside protected time, a week",
             num("inside_protected_hours_per_week", r["inside_protected_hours_per_week"], "hours", 1)),
            ("Outside protected time, a week",
             num("outside_protected_hours_per_week", r["outside_protected_hours_per_week"], "hours", 1)),
            ("Team-based triage would move, a week",
             num("triage_moves_hours_per_week", r["triage_moves_hours_per_week"], "hours", 1)),
            (f("Protected time that would cover the rest, a {day}"),
             num("protected_needed_minutes_per_day", r["protected_needed_minutes_per_day"], "minutes", 0)),
            (f("More protected time than now, a {day}"),
             num("more_protected_minutes_per_day", r["more_protected_minutes_per_day"], "minutes", 0)),
        ]
    )  # fmt: skip
    rows = []
    for name, label, *_ in KINDS:
        hours = r[f"{name}_hours_per_week"]
        rows.append((label, hours, f"{format_number(hours, 1)} h a week"))
    chart = charts.bars_with_table(
        rows,
        "Inbox hours a week, by kind of message",
        "inbox-kinds",
        "Inbox hours a week, by kind",
        ("Kind", "Messages a day", "Minutes each", "Hours a week", "Others could take"),
        [
            (label, format_number(v[f"{name}_messages"]), format_number(v[f"{name}_minutes"], 1),
             format_number(r[f"{name}_hours_per_week"], 1),
             f"{format_number(v[f'{name}_others_percent'])}%")
            for name, label, *_ in KINDS
        ],
    )  # fmt: skip
    if v["profile"].role == "nurse":
        context = (
            "<p>The published studies of inbox volume and burnout measured prescribing clinicians' inboxes, "
            "so their figures do not describe yours. Your own counts are the evidence here.</p>"
        )
    else:
        context = (
            "<p>For context: "
            + cite("in one large California medical group, physicians received about 243 inbox messages a week, "
                   "114 of them system-generated, and those with more system-generated messages than average had "
                   "about a 40% higher probability of burnout (Tai-Seale M et al., Health Affairs 2019)")
            + "; "
            + cite("among 141 academic primary care physicians, patient medical advice requests per 8 scheduled "
                   "hours rose 55.5% from 2019-20 to 2022-23 (Arndt BG et al., Ann Fam Med 2024)")
            + ".</p>"
        )  # fmt: skip
    system = r["system_share_percent"]
    system_note = (
        f"<p>{escape(format_number(system, 0))}% of the messages you entered are system-generated: ask which "
        "of them could be filtered, pooled or sent to someone else before any of them reaches you.</p>"
        if system is not None and system >= 25
        else ""
    )
    return (
        heading("Your inbox, and what triage and protected time would do")
        + figs
        + chart
        + system_note
        + "<p>The shares others could handle are your estimate: check them with the nurse or pharmacist who "
        "would take them, and agree a protocol in writing before messages are rerouted.</p>"
        + context
        + sentence(SLUG, say(v, r))
    )


def announce(v: dict, r: dict) -> str:
    return (
        f"Result updated: {counted(r['inbox_hours_per_week'], 'inbox hours', 1)} a week, "
        f"{format_number(r['outside_protected_hours_per_week'], 1)} of them outside protected time."
    )


EXAMPLES = (
    Example(
        "The defaults: 70 messages a day, 30 protected minutes, 4 days a week",
        {},
        {
            # 20 x 3 + 15 x 1.5 + 25 x 0.5 + 10 x 1 = 105 minutes a day; others could take
            # 24 + 6.75 + 6.25 + 8 = 45 of them
            "messages_per_day": 70,
            "inbox_minutes_per_day": 105,
            "inbox_hours_per_week": 7,
            "inside_protected_hours_per_week": 2,
            "outside_protected_hours_per_week": 5,
            "triage_moves_hours_per_week": 3,
            "protected_needed_minutes_per_day": 60,
            "more_protected_minutes_per_day": 30,
        },
    ),
    Example(
        "Nothing to delegate and more protected time than messages",
        {f"{k}_others_percent": "0" for k, *_ in KINDS} | {"protected_minutes": "120"},
        {"outside_protected_hours_per_week": 0, "triage_moves_hours_per_week": 0, "more_protected_minutes_per_day": 0},
    ),
)  # fmt: skip

COMPONENT = Calculator(
    slug=SLUG, title="Inbox calculator", inputs=INPUTS, check=check, calculate=calculate, render=render, announce=announce,
    examples=EXAMPLES, variants=VARIANTS,
)  # fmt: skip
