"""The log's forms: a day's entry, the settings (go-live date, tasks, days a week) and the
calendar reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ...framework import calendar_file
from ...framework.html import error_summary, escape, field_id, form_field, form_fields, warning
from ...framework.inputs import Doubt, InputError, InputErrors, parse_inputs
from ...framework.numbers import day_text
from ...framework.profile import DEFAULT as DEFAULT_PROFILE
from ...framework.profile import Profile
from .data import DETAIL_FIELDS, ENTRY, LOGGING_DAYS, PLAN, Log, entry_inputs, reminders, settings_inputs


def _task_items(settings: dict[str, str]):
    """The click-count inputs, labelled with the tasks the reader named; unnamed tasks are hidden."""
    for n in (1, 2):
        name = settings[f"task_{n}_name"]
        item = next(i for i in ENTRY if i.name == f"task_{n}_clicks")
        yield (replace(item, label=f"Clicks for {name}") if name else item), bool(name)


def entry_form(
    log: Log,
    raw: dict[str, str],
    errors: dict[str, str],
    editing: str = "",
    today: dt.date | None = None,
    profile: Profile = DEFAULT_PROFILE,
    warnings: list[Doubt] | tuple = (),
) -> str:
    tasks = dict((item.name, (item, shown)) for item, shown in _task_items(log.settings))
    # Remembered from the last entry: the scheduled hours rarely change from one day to the next.
    remembered = {"scheduled_hours": log.entries[-1].get("scheduled_hours", "")} if log.entries else {}
    fields, details, hidden = [], [], []
    for item in entry_inputs(profile):
        item, shown = tasks.get(item.name, (item, True))
        value = raw.get(item.name, remembered.get(item.name) or item.default_raw(today))
        if not shown:
            hidden.append(f'<input type="hidden" name="{item.name}" value="{escape(value)}">')
        else:
            (details if item.name in DETAIL_FIELDS else fields).append(
                form_field("log-entry", item, value, errors.get(item.name), doubt=field_doubts(item.name, warnings))
            )
    opened = any(raw.get(name) for name in DETAIL_FIELDS if name != "scheduled_hours") or any(
        name in errors or any(d.name == name for d in warnings) for name in DETAIL_FIELDS
    )
    fields.append(
        f'<details class="sp-log-details"{" open" if opened else ""}><summary>More detail (optional): scheduled '
        "hours, EHR and inbox time, messages, causes of disruptions</summary>"
        '<p class="sp-hint">These give the measures leaders use, per 8 scheduled hours. '
        '<a href="#published-units">What they mean</a>.</p>'
        f'<div class="sp-calc__fields">{"".join(details)}</div></details>'
    )
    summary = error_summary("log-entry", [InputError(n, m) for n, m in errors.items()], [])
    title = f"Edit the entry for {day_text(editing)}" if editing else "Add a day"
    cancel = (
        '<button type="button" class="md-button" data-calc-action="cancel-edit">Cancel editing</button>'
        if editing
        else ""
    )
    return (
        f'<h2 id="log-entry-title" tabindex="-1">{escape(title)}</h2>'
        '<form class="sp-calc__form" data-calc-form="entry" data-calc-action="save-entry" novalidate '
        'aria-labelledby="log-entry-title">'
        f'<div id="log-entry-summary" tabindex="-1">{summary}</div>'
        f'<input type="hidden" name="editing" value="{escape(editing)}">'
        f'<div class="sp-calc__fields">{"".join(fields)}</div>{"".join(hidden)}'
        f"{warning_html(warnings)}"
        f'<button type="submit" class="md-button md-button--primary">Save this day</button> {cancel}'
        "</form>"
    )


def field_doubts(name: str, warnings) -> str:
    """The GOV.UK warning beside one field of the day: what looks like a slip (focusable, so the list
    above the save button can lead to it)."""
    mine = [d.message for d in warnings if d.name == name]
    if not mine:
        return ""
    return warning(mine[0], "".join(f"<p>{escape(m)}</p>" for m in mine[1:]), f"{field_id('log-entry', name)}-check")


def warning_html(warnings) -> str:
    """The GOV.UK warning pattern: what looks like a slip, each linked to the warning beside its
    field, and a way to save it as it is."""
    if not warnings:
        return ""
    items = "".join(
        f'<li><a href="#{field_id("log-entry", d.name)}-check" data-calc-focus="{escape(d.name)}">'
        f"{escape(d.message)}</a></li>"
        for d in warnings
    )
    return warning(
        "Check this day before it is saved",
        f"<ul>{items}</ul><p>Change the values marked above and save again, or keep them as they are.</p>"
        '<button type="submit" class="md-button" data-calc-action="save-entry-confirmed">Save it as it is</button>',
        "log-entry-warning",
    )


def settings_form(raw: dict[str, str], errors: dict[str, str], profile: Profile = DEFAULT_PROFILE) -> str:
    fields = form_fields("log-settings", settings_inputs(profile), raw, errors)
    summary = error_summary("log-settings", [InputError(n, m) for n, m in errors.items()], [])
    return (
        '<form class="sp-calc__form" data-calc-form="settings" data-calc-action="save-settings" novalidate '
        'aria-labelledby="log-settings-title">'
        f'<div id="log-settings-summary" tabindex="-1">{summary}</div>'
        f'<div class="sp-calc__fields">{fields}</div>'
        '<button type="submit" class="md-button">Save go-live date and tasks</button></form>'
    )


def plan_html(raw: dict[str, str], errors: dict[str, str], stamp: dt.datetime) -> str:
    fields = form_fields("log-plan", PLAN, raw, errors)
    return (
        '<form class="sp-calc__form" data-calc-form="plan" data-calc-live="plan" novalidate '
        f'aria-label="Calendar reminders"><div class="sp-calc__fields">{fields}</div></form>'
        f'<div data-calc-region="plan-link">{plan_link(raw, stamp)}</div>'
    )


def plan_link(raw: dict[str, str], stamp: dt.datetime) -> str:
    try:
        values = parse_inputs(PLAN, raw)
    except InputErrors:
        return '<p class="sp-omitted">Fix the fields above to get the calendar file.</p>'
    return (
        f'<p><a class="md-button" download="impact-log-reminders.ics" href="{calendar_file.data_url(reminders(values, stamp))}">'
        'Download the reminders (.ics)</a></p><p class="sp-hint">Ten minutes on '
        f"{escape(day_text(values['setup_day']))} at {values['setup_time']:%H:%M} to set up, then a reminder "
        f"at {values['reminder_time']:%H:%M} every day for {LOGGING_DAYS} days from the next day. Times are "
        "in your own time zone. Opens in Outlook, Google Calendar and Apple Calendar.</p>"
    )
