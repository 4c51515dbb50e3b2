"""The impact log as a component: the page the build draws (empty regions the runtime fills from
the reader's browser storage) and its actions (actions.py, data_actions.py). See
framework/protocol.py for the protocol; the data, CSV and summaries are in data.py."""

from __future__ import annotations

import datetime as dt

from ...framework.about import about_form
from ...framework.component import Component
from ...framework.html import status_line
from ...framework.profile import DEFAULT as DEFAULT_PROFILE
from ...framework.profile import KEY as PROFILE_KEY
from . import actions, data_actions
from .data import KEY, MAX_FILE_BYTES, PLAN, Log, summarise
from .forms import entry_form, plan_html, settings_form
from .views import SLUG, entries_table, summary_html

KEYS = (KEY, PROFILE_KEY)  # the browser storage this page reads (the log, the reader's profile) and writes


def page(today: dt.date) -> str:
    """The log as the build writes it: empty regions and a status line; the runtime fills them from
    the reader's browser storage."""
    return (
        status_line(
            "The log keeps your days in this browser, which needs JavaScript. With it turned off, nothing can be saved."
        )
        + about_form(SLUG, DEFAULT_PROFILE)
        + '<div data-calc-region="storage"></div>'
        '<div data-calc-region="notice"></div>'
        f'<div data-calc-region="entry">{entry_form(Log(), {}, {}, today=today)}</div>'
        '<h2 id="log-entries-title">Your days</h2>'
        f'<div data-calc-region="entries">{entries_table(Log(), None)}</div>'
        '<h2 id="log-summary-title">Before and after</h2>'
        f'<div data-calc-region="summary">{summary_html(Log(), summarise(Log()))}</div>'
        '<h2 id="log-settings-title">Set up: go-live date, tasks, days a week</h2>'
        "<p>Once, at the start. The go-live date splits your days into before and after; the tasks are the "
        "ones whose clicks you count; the days a week turn your averages into a week.</p>"
        f'<div data-calc-region="settings">{settings_form({}, {})}</div>'
        '<h2 id="log-plan-title">Reminders for your calendar</h2>'
        "<p>Ten minutes this week to set up, then a reminder at the end of each day for two weeks.</p>"
        f'<div data-calc-region="plan">{plan_html({i.name: i.default_raw(today) for i in PLAN}, {}, dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC))}</div>'
        '<h2 id="log-data-title" tabindex="-1">Your data</h2>'
        "<p>The log lives only in this browser on this device. Export it to keep a copy, to move it to another "
        "device, or to open it in a spreadsheet.</p>"
        '<div class="sp-tool__actions">'
        '<button type="button" class="md-button" data-calc-action="export">Export as CSV</button>'
        '<span class="sp-file"><label for="log-import">Import a CSV file (replaces the log, after asking)</label>'
        '<input type="file" id="log-import" accept=".csv,text/csv" data-calc-file="import" '
        f'data-max-bytes="{MAX_FILE_BYTES}"></span>'
        '<button type="button" class="md-button sp-button--danger" data-calc-action="delete-all">Delete the whole log</button>'
        "</div>"
    )


COMPONENT = Component(
    slug=SLUG, title="Impact log", keys=KEYS, actions=actions.ACTIONS | data_actions.ACTIONS, body=page
)
