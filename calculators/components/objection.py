"""Assignment despite objection: a form that documents a safety concern about an assignment at the
time it is given, as a page to print or text to copy. Nothing is stored and nothing goes in the
address: the form lives in this tab only, and is gone when the tab closes."""

from __future__ import annotations

import datetime as dt
import re

from ..framework.component import Component
from ..framework.html import copy_block, error_summary, escape, form_fields, heading, status_line
from ..framework.inputs import Date, InputError, InputErrors, Text, Time, parse_inputs
from ..framework.protocol import Reply, Request, typed

SLUG = "objection"
FORM = "objection"

# fmt: off
INPUTS = (
    Date("date", "Date", "The day the assignment was given.", lambda today: today),
    Time("time", "Time", "When you raised the concern, on the 24-hour clock.", optional=True),
    Text("unit", "Unit or clinic", "", max_length=80),
    Text("assignment", "The assignment you were given", "Patients and acuity, without names: \u201c6 patients, 2 "
         "on insulin drips, no nursing assistant\u201d.", max_length=400, optional=False,
         example="6 patients, 2 on insulin drips"),
    Text("concern", "Why it is unsafe", "What could happen to patients, and why. Leave out names, record numbers "
         "and dates of birth.", max_length=800, optional=False, example="no time for hourly glucose checks"),
    Text("told", "Who you told, and when", "Name or role, and the time: \u201ccharge nurse at 07:20\u201d.",
         max_length=200),
    Text("response", "What they answered", "", max_length=400),
    Text("actions", "What you did to keep patients safe", "Asked for help, prioritized care, called the house "
         "supervisor.", max_length=400),
    Text("name", "Your name and role", "Optional: leave it blank on a shared computer.", max_length=80),
)
# fmt: on

LIMITS = (
    "What this record does and does not do: it shows that you raised the concern, when, and with whom. It does "
    "not release you from the assignment once you have accepted it, it does not by itself protect you from "
    "discipline, and it is not a legal document. Many unions and some state nursing associations have their "
    "own form for this: if yours does, use theirs, because it feeds their process. Keep a copy for yourself "
    "and give one to your manager; do not file it in a patient's record."
)
_IDENTIFIER = re.compile(r"\d{6,}|\b(MRN|DOB|date of birth)\b", re.I)


def _check(values: dict) -> list[InputError]:
    errors = []
    for name in ("assignment", "concern", "response", "actions"):
        if _IDENTIFIER.search(values.get(name) or ""):
            errors.append(
                InputError(
                    name, "Leave out record numbers and dates of birth: describe patients by acuity, not identity"
                )
            )
    return errors


def document(values: dict) -> str:
    """The record as plain text, one line per field that was filled in."""
    when = values["date"].isoformat() + (f" {values['time']:%H:%M}" if values["time"] else "")
    lines = ["ASSIGNMENT DESPITE OBJECTION", f"Date and time: {when}"]
    for item in INPUTS[2:]:
        if values.get(item.name):
            lines.append(f"{item.label}: {values[item.name]}")
    return "\n".join(lines + ["", LIMITS])


def _result(values: dict) -> str:
    return (
        heading("Your record, ready to print or copy")
        + copy_block(f"{SLUG}-record", "Assignment despite objection", document(values), "Copy the record")
        + '<p><button type="button" class="md-button" data-print="result">Print the record</button></p>'
    )


def _body(today: dt.date) -> str:
    raw = {item.name: item.default_raw(today) for item in INPUTS}
    return (
        f'<form class="sp-calc__form" data-calc-form="{FORM}" data-calc-live="update" novalidate '
        'aria-label="Assignment despite objection">'
        f'<div data-calc-region="summary" id="{SLUG}-summary" tabindex="-1"></div>'
        f'<div class="sp-calc__fields">{form_fields(SLUG, INPUTS, raw, {})}</div></form>'
        + status_line("Fill in the form; with JavaScript on, the record to print appears below as you type.")
        + f'<p class="sp-hint">{escape(LIMITS)}</p>'
        + '<section class="sp-result" data-calc-region="result" aria-label="The record"></section>'
    )


def _answer(req: Request) -> Reply:
    raw = typed(req.form(FORM), INPUTS, req.today)
    try:
        values = parse_inputs(INPUTS, raw, req.today)
        problems = _check(values)
        if problems:
            raise InputErrors(problems)
    except InputErrors as failure:
        edited = req.edited.get(FORM, set())
        if req.action == "load" or not edited:  # nothing typed yet: no red fields
            return Reply(regions={"result": "", "summary": ""}, errors={FORM: {}}, announce="")
        return Reply(
            regions={"result": "", "summary": error_summary(SLUG, failure.errors, [])},
            errors={FORM: failure.by_field()},
            announce=f"{len(failure.errors)} {'field needs' if len(failure.errors) == 1 else 'fields need'} attention.",
            state="invalid",
        )
    return Reply(
        regions={"result": _result(values), "summary": ""},
        errors={FORM: {}},
        announce="The record is ready to print or copy.",
    )


COMPONENT = Component(
    slug=SLUG,
    title="Assignment despite objection form",
    actions={"load": _answer, "update": _answer},
    body=_body,
    loading="Fill in the form; the record to print appears below it.",
)
