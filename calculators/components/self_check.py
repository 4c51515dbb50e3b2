"""The self-check: five yes-or-no questions whose answers point to the next step. No answer
dismisses anyone: a yes to the first or second question matters on its own, and no yes at all
still says "measure it". Without JavaScript the questions and every kind of answer read as text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..framework.component import Component, Reply, Request
from ..framework.html import escape, heading, status_line

SLUG = "self-check"
FORM = "answers"


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    step: str  # HTML: what a yes to this question points to


# fmt: off
QUESTIONS = (
    Question("longer-days", "Do your days regularly finish one to three hours later than they used to?",
             "One to three hours a day is five to fifteen hours a week. Put a number on it: the "
             '<a href="../../calculators/impact/">impact calculator</a> turns your before and after into hours '
             "a week and minutes per patient."),
    Question("charting-at-home", "Has more of your charting moved into your evenings and days off?",
             'Charting at home is the time leaders cannot see. Start the <a href="../../tools/log/">two-week '
             "log</a> tonight: it takes two minutes a day."),
    Question("screens", "Does the screen now get more of your attention than the patient in front of you?",
             'List what the screen time is made of: <a href="../scope/">negotiating scope</a> starts from the '
             "tasks that could move or go."),
    Question("disruptions", "Several times a day, does a logout, an error or a failed device stop you in the middle of a task?",
             'Count them in the <a href="../../tools/log/">log</a>: disruptions are concrete, dated and hard to '
             "argue with, and a delay to care belongs in the safety-event system too."),
    Question("no-end-date",
             "Is the extra work called temporary, while nobody has named the date it ends or a way back to how "
             "things were?",
             'A transition needs an end date. <a href="../pace/">Negotiating pace</a> shows how to ask for one, '
             "with a phased plan and review dates."),
)
# fmt: on


def verdict(yes: set[str]) -> tuple[str, str]:
    """(headline, what it means) for a set of yes answers. The bands are this site's rule of thumb."""
    count = len(yes & {q.key for q in QUESTIONS})
    if yes & {"longer-days", "charting-at-home"}:
        headline = "This is costing you hours, and hours can be measured."
    elif count == 0:
        headline = "Measure it anyway."
    elif count <= 1:
        headline = "Something has changed: measure it."
    else:
        headline = "The change is costing you real time."
    if count >= 4:
        meaning = (
            "The change is reshaping your job. More resilience training will not fix that: what has to change "
            "is the work, how much the change asks of you and how fast it arrives."
        )
    elif count == 0:
        meaning = (
            "A few days of the log can show time you have not noticed, and a feeling that something is wrong is "
            "reason enough to look. The working-conditions pages cover other levers."
        )
    else:
        meaning = "Start tracking now, while the before and after are still fresh in your memory."
    return headline, meaning


def result_html(yes: set[str]) -> str:
    headline, meaning = verdict(yes)
    steps = "".join(f"<li>{q.step}</li>" for q in QUESTIONS if q.key in yes) or (
        '<li>Keep a <a href="../../tools/log/">short log</a> for a week: it answers the question with numbers.</li>'
    )
    count = len(yes & {q.key for q in QUESTIONS})
    return (
        heading(headline)
        + f'<p><strong data-result="yes_count" data-value="{count}">{count} of {len(QUESTIONS)}</strong> '
        f"answered yes. {escape(meaning)}</p>"
        + f"<p>Next steps for your answers:</p><ul>{steps}</ul>"
        + '<p class="sp-hint">The wording of these answers is this site\'s rule of thumb, not a validated '
        "scale, and not a diagnosis.</p>"
    )


def _questions() -> str:
    items = "".join(
        f'<li class="sp-check"><input type="checkbox" id="{SLUG}-{q.key}" name="yes" value="{q.key}">'
        f'<label for="{SLUG}-{q.key}">{escape(q.text)}</label></li>'
        for q in QUESTIONS
    )
    return (
        f'<form class="sp-calc__form" data-calc-form="{FORM}" data-calc-live="update" novalidate '
        'aria-label="Self-check questions"><fieldset class="sp-field"><legend class="sp-label">Tick each '
        f'question you would answer yes</legend><ol class="sp-self-check">{items}</ol></fieldset></form>'
    )


def _body(today: dt.date) -> str:
    # Without JavaScript: the questions, then what each kind of answer points to, as plain text.
    static = (
        heading("What your answers mean")
        + "<ul><li>A yes to question 1 or 2 matters on its own: one to three hours a day is five to fifteen "
        "hours a week, so measure it.</li><li>No yes, or one: measure it anyway; a short log shows time you "
        "may not have noticed.</li><li>Two or three: the change is costing you real time; start tracking "
        "now.</li><li>Four or five: the change is reshaping your job, and the work itself has to change.</li>"
        '</ul><p class="sp-hint">These bands are this site\'s rule of thumb, not a validated scale.</p>'
    )
    return (
        _questions()
        + status_line("Tick your answers; with JavaScript on, the next steps for them appear below.")
        + f'<section class="sp-result" data-calc-region="result" aria-label="Self-check result">{static}</section>'
    )


def _answer(req: Request) -> Reply:
    given = req.form(FORM).get("yes", [])
    yes = set(given if isinstance(given, list) else [given])
    reply = Reply(regions={"result": result_html(yes)})
    headline, _ = verdict(yes)
    reply.announce = f"{len(yes & {q.key for q in QUESTIONS})} yes. {headline}"
    return reply


def _load(req: Request) -> Reply:
    # Answers ticked before Python started are kept and answered; none ticked keeps the text as drawn.
    return (
        _answer(req) if req.form(FORM).get("yes") else Reply(announce="Tick your answers; the next steps appear below.")
    )


COMPONENT = Component(
    slug=SLUG,
    title="Self-check",
    actions={"load": _load, "update": _answer},
    body=_body,
    loading="Tick your answers; the next steps appear below them.",
)
