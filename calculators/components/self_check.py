"""The self-check: five yes-or-no questions whose answers point to the next step. No answer
dismisses anyone: a yes to the first or second question matters on its own, and no yes at all
still says "measure it". Without JavaScript the questions and every kind of answer read as text.

The questions follow the reader's profile (framework/profile.py): a nurse on three 12-hour shifts
is asked about staying after handover and missed breaks, not about charting at home, and the hours
a week add up over shifts, not over a five-day clinic week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..framework.about import ABOUT, about_form, keep_profile, reader, show_profile
from ..framework.calculator import for_profile
from ..framework.component import Component
from ..framework.html import escape, heading, status_line
from ..framework.profile import DEFAULT, KEY, Profile
from ..framework.protocol import Reply, Request

SLUG = "self-check"
FORM = "answers"
# A typical week, to turn "one to three hours a day" into hours a week (this site's rule of thumb).
WEEK = {"clinic": (5, "a five-day clinic week"), "shifts": (3, "a week of three 12-hour shifts")}
_NUMBER = {3: "three", 5: "five", 9: "nine", 15: "fifteen"}
LOG = '<a href="../../tools/log/">two-week log</a>'
PAY = (
    ' If you are paid by the hour, that time is work your employer must pay for: see <a href="../protections/#pay">'
    "pay for every minute</a>."
)


def _week(setting: str) -> str:
    days, what = WEEK[setting]
    unit = "day" if setting == "clinic" else "shift"
    return f"One to three hours a {unit} adds up to {_NUMBER[days]} to {_NUMBER[3 * days]} hours over {what}"


@dataclass(frozen=True)
class Question:
    """One question: its text and the step a yes points to (HTML), and the same two for a role, a
    setting or both ("nurse", "shifts", "nurse/shifts"; the most specific wins, as for a calculator's
    variants). `neutral` is the text for a page that does not know the reader yet."""

    key: str
    text: str
    step: str
    neutral: str = ""
    by_role: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def worded(self, profile: Profile | None) -> tuple[str, str]:
        if profile is None:
            return self.neutral or self.text, self.step
        text, step = for_profile(self.by_role, profile, (self.text, self.step))
        return profile.fill(text), profile.fill(step)


IMPACT = (
    '. The <a href="../../calculators/impact/">impact calculator</a> turns your before and after into hours a week '
    "and minutes per patient."
)
# fmt: off
QUESTIONS = (
    Question("longer-days", "Do your clinic days regularly run one to three hours later than they used to?",
             _week("clinic") + IMPACT,
             neutral="Do your days or shifts regularly run one to three hours later than they used to?",
             by_role={"shifts": ("Do your shifts regularly run one to three hours past their scheduled end?",
                                 _week("shifts") + ", more if you pick up extra shifts" + IMPACT)}),
    Question("charting-at-home",
             "Do you finish more of your charting at home, in the evening or at the weekend, than before?",
             "Charting at home is the time leaders cannot see. Start the " + LOG + " tonight: it takes two "
             "minutes a day.",
             neutral="Do you finish more charting after hours, at home or after handover, than before?",
             by_role={"shifts": ("Do you stay after handover, or come back to the chart later, to finish your notes "
                                 "more often than before?",
                                 "Time after handover is the time leaders cannot see. Start the " + LOG + ": it takes "
                                 "two minutes a shift."),
                      "nurse/shifts": ("Do you stay after handover, keep charting after you clock out, or skip "
                                       "breaks to keep up, more often than before?",
                                       "Minutes after handover and missed breaks disappear unless someone writes them "
                                       "down. The " + LOG + " has a place for both, shift by shift." + PAY),
                      "nurse": ("Do you stay after the clinic closes, keep charting after you clock out, or skip "
                                "breaks to keep up, more often than before?",
                                "Minutes after closing and missed breaks disappear unless someone writes them down. "
                                "The " + LOG + " has a place for both, day by day." + PAY)}),
    Question("screens", "Does the screen now take more of your attention than the patients in front of you?",
             'List what the screen time is made of: <a href="../scope/">negotiating scope</a> starts from the '
             "tasks that could move or go."),
    Question("disruptions",
             "Several times a {day}, does a logout, an error or a failed device stop you in the middle of a task?",
             'Count them in the <a href="../../tools/log/">log</a>: disruptions are concrete, dated and hard to '
             "argue with, and a delay to care belongs in the safety-event system too.",
             neutral="Several times a day, does a logout, an error or a failed device stop you in the middle of a task?"),
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
    elif count >= 2:
        meaning = (
            "More than one yes points at the change, not at you: what helps is negotiating how much it asks "
            "and how fast it comes. Start tracking now, while the before and after are still fresh in your memory."
        )
    else:
        meaning = "Start tracking now, while the before and after are still fresh in your memory."
    return headline, meaning


def result_html(yes: set[str], profile: Profile = DEFAULT) -> str:
    headline, meaning = verdict(yes)
    steps = "".join(f"<li>{q.worded(profile)[1]}</li>" for q in QUESTIONS if q.key in yes) or (
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


def questions_html(profile: Profile | None, ticked: set[str] = frozenset()) -> str:
    """The questions in a profile's words (None: words for every reader), with `ticked` kept."""
    items = "".join(
        f'<li class="sp-check"><input type="checkbox" id="{SLUG}-{q.key}" name="yes" value="{q.key}"'
        f"{' checked' if q.key in ticked else ''}>"
        f'<label for="{SLUG}-{q.key}">{escape(q.worded(profile)[0])}</label></li>'
        for q in QUESTIONS
    )
    return (
        '<fieldset class="sp-field"><legend class="sp-label">Tick each question you would answer yes</legend>'
        f'<ol class="sp-self-check">{items}</ol></fieldset>'
    )


def _questions() -> str:
    return (
        f'<form class="sp-calc__form" data-calc-form="{FORM}" data-calc-live="update" novalidate '
        f'aria-label="Self-check questions"><div data-calc-region="questions">{questions_html(None)}</div></form>'
    )


def _body(today: dt.date) -> str:
    # Without JavaScript: the questions, then what each kind of answer points to, as plain text.
    static = (
        heading("What your answers mean")
        + "<ul><li>A yes to question 1 or 2 matters on its own: one to three hours a day adds up to five to "
        "fifteen hours over a five-day clinic week, or three to nine over three 12-hour shifts, so measure "
        "it.</li><li>No yes, or one: measure it anyway; a short log shows time you "
        "may not have noticed.</li><li>Two or three: the change is costing you real time; start tracking "
        "now.</li><li>Four or five: the change is reshaping your job, and the work itself has to change.</li>"
        '</ul><p class="sp-hint">These bands are this site\'s rule of thumb, not a validated scale.</p>'
    )
    return (
        about_form(SLUG, DEFAULT)
        + _questions()
        + status_line("Tick your answers; with JavaScript on, the next steps for them appear below.")
        + f'<section class="sp-result" data-calc-region="result" aria-label="Self-check result">{static}</section>'
    )


def _ticked(req: Request) -> set[str]:
    given = req.form(FORM).get("yes", [])
    return set(given if isinstance(given, list) else [given])


def _answer(req: Request) -> Reply:
    yes = _ticked(req)
    profile, _ = reader(req)
    reply = Reply(regions={"result": result_html(yes, profile)})
    headline, _ = verdict(yes)
    reply.announce = f"{len(yes & {q.key for q in QUESTIONS})} yes. {headline}"
    return reply


def _draw(req: Request) -> Reply:
    """The questions in the reader's words (load, a change of "About you", another tab's change),
    keeping what is ticked; ticked answers are answered, none ticked keeps the text as drawn."""
    profile, chosen = reader(req)
    reply = _answer(req) if _ticked(req) else Reply(announce="Tick your answers; the next steps appear below.")
    reply.regions["questions"] = questions_html(profile, _ticked(req))
    reply.announce = f"The questions are worded for {profile.describe()}. {reply.announce}"
    return keep_profile(reply, profile) if chosen else show_profile(reply, profile)


COMPONENT = Component(
    slug=SLUG,
    title="Self-check",
    actions={"load": _draw, ABOUT: _draw, "refresh": _draw, "update": _answer},
    body=_body,
    keys=(KEY,),
    loading="Tick your answers; the next steps appear below them.",
)
