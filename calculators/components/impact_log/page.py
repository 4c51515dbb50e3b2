"""The impact log's page: the regions of HTML the runtime swaps in, and what each action does (see
framework/component.py for the protocol). The data, CSV and summaries are in data.py."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from fractions import Fraction

from ...framework import calendar_file, charts
from ...framework.about import ABOUT, about_form, keep_profile, reader, show_profile
from ...framework.component import Component
from ...framework.ehr_measures import MEASURE, NURSE_MEASURES, SELF_LOGGING_LIMITS, SINSKY_2020
from ...framework.html import (
    action_button,
    chart_with_table,
    error_summary,
    escape,
    figure,
    form_field,
    form_fields,
    notice,
    status_line,
    warning,
)
from ...framework.inputs import InputError, InputErrors, UserError, parse_inputs
from ...framework.numbers import day_text, format_change, format_number, percent_change, plural
from ...framework.profile import DEFAULT as DEFAULT_PROFILE
from ...framework.profile import KEY as PROFILE_KEY
from ...framework.profile import Profile
from ...framework.protocol import Reply, Request
from ...framework.storage import refusal
from .data import (
    DETAIL_FIELDS,
    DISRUPTION_CAUSES,
    ENTRY,
    KEY,
    LOGGING_DAYS,
    MAX_ENTRIES,
    MAX_FILE_BYTES,
    PLAN,
    SETTINGS,
    Damage,
    ImportProblems,
    Log,
    chart_weeks,
    clean,
    dump,
    entry_inputs,
    entry_problems,
    from_csv,
    impact_inputs,
    implausible,
    load,
    reminders,
    settings_inputs,
    summarise,
    to_csv,
    week_label,
    workday_minutes,
)

# --- The page: regions the runtime swaps in ------------------------------------------------------------

SLUG = "log"
KEYS = (KEY, PROFILE_KEY)  # the browser storage this page reads (the log, the reader's profile) and writes


def words(req: Request) -> Profile:
    """Who the reader said they are (the log's words follow it: a shift, not a day, on shifts)."""
    return reader(req)[0]


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
    warnings: list[str] | tuple = (),
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
                form_field("log-entry", item, value, errors.get(item.name))
            )
    opened = any(raw.get(name) for name in DETAIL_FIELDS if name != "scheduled_hours") or any(
        name in errors for name in DETAIL_FIELDS
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


def warning_html(warnings) -> str:
    """The GOV.UK warning pattern: what looks like a slip, and a way to save it as it is."""
    if not warnings:
        return ""
    items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
    return warning(
        "Check this day before it is saved",
        f"<ul>{items}</ul><p>Change the times above and save again, or keep them as they are.</p>"
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


def _cell(key: str, value, places: int) -> str:
    return figure(key, value, "–" if value is None else format_number(value, places), "td")


def entries_table(log: Log, go_live: dt.date | None, profile: Profile = DEFAULT_PROFILE) -> str:
    if not log.entries:
        return '<p class="sp-omitted">No days logged yet. Saved days appear here, newest last.</p>'
    names = [(n, log.settings[f"task_{n}_name"]) for n in (1, 2) if log.settings[f"task_{n}_name"]]
    head = ["Day", "Period", profile.fill("{Workday}"), "After hours", "Patients", "Disruptions"]
    head += [f"Clicks: {name}" for _, name in names] + ["Care delay", "Change"]
    rows = []
    for entry in log.entries:
        d = parse_inputs(ENTRY, entry)
        period = "–" if go_live is None else ("before" if d["date"] < go_live else "after")
        minutes = workday_minutes(d["start"], d["end"])
        label = day_text(d["date"])
        cells = [
            period,
            f"{entry['start']}–{entry['end']} ({format_number(Fraction(minutes, 60), 1)} h)",
            f"{entry['after_hours_minutes']} min",
            entry["patients"],
            entry["disruptions"],
        ]
        cells += [entry[f"task_{n}_clicks"] or "–" for n, _ in names] + [entry["care_delay"] or "–"]
        actions = (
            f'<button type="button" class="md-button sp-small" data-calc-action="edit" '
            f'data-calc-arg="{entry["date"]}" aria-label="Edit {label}">Edit</button> '
            f'<button type="button" class="md-button sp-small" data-calc-action="delete" '
            f'data-calc-arg="{entry["date"]}" aria-label="Delete {label}">Delete</button>'
        )
        # data-label: on a phone each row becomes a card, each cell labelled by its column; the roles keep
        # the table a table for screen readers once its display changes.
        rows.append(
            f'<tr role="row" data-entry="{entry["date"]}"><th role="rowheader" scope="row">{escape(label)}</th>'
            + "".join(
                f'<td role="cell" data-label="{escape(h)}">{escape(c)}</td>'
                for h, c in zip(head[1:], cells, strict=False)
            )
            + f'<td role="cell" data-label="{escape(head[-1])}">{actions}</td></tr>'
        )
    head_html = "".join(f'<th role="columnheader" scope="col">{escape(h)}</th>' for h in head)
    count = len(log.entries)
    return (
        '<div class="sp-scroll" role="region" aria-labelledby="log-entries-caption" tabindex="0">'
        f'<table role="table" class="sp-table sp-log-table"><caption id="log-entries-caption">{count} '
        f"{plural(count, profile.words['day'], profile.words['days'])} logged</caption>"
        f'<thead role="rowgroup"><tr role="row">{head_html}</tr></thead>'
        f'<tbody role="rowgroup">{"".join(rows)}</tbody></table></div>'
    )


METRICS = (
    # (key, label, decimal places shown)
    ("days", "{Days} logged", 0),
    ("workday_hours", "Length of the {workday} (hours)", 1),
    ("after_hours_minutes", "After-hours charting (minutes a day)", 0),
    ("patients", "Patients a {day}", 1),
    ("minutes_per_patient", "Minutes per patient, {workday} and after hours", 1),
    ("disruptions", "Technology disruptions a {day}", 1),
    ("task_1_clicks", "Clicks for the first task", 0),
    ("task_2_clicks", "Clicks for the second task", 0),
    ("care_delays", "{Days} with a care delay", 0),
    # The published units (framework/ehr_measures.py), where the days logged allow
    ("scheduled_hours", "Scheduled patient hours a {day}", 1),
    ("outside8", "After-hours charting per 8 scheduled hours (hours)", 2),
    ("inbox8", "Inbox time per 8 scheduled hours (hours)", 2),
    ("inbox_minutes", "Inbox minutes a {day}", 0),
    ("messages", "Messages handled a {day}", 1),
    ("ehr_minutes_per_patient", "Minutes in the EHR per patient (used in studies)", 1),
    ("ehr_share", "Share of the {workday} in the EHR, % (used in studies)", 1),
    *((f"disruptions_{cause}", f"Disruptions a {{day}}: {label}", 1) for cause, label, _ in DISRUPTION_CAUSES),
)
MEASURE_KEYS = ("outside8", "inbox8", "messages", "ehr_minutes_per_patient", "ehr_share")


def measures_note(group: dict, profile: Profile = DEFAULT_PROFILE) -> str:
    """What the published units mean and what a hand-kept log can and cannot show: one tap away,
    under the summary, when the log holds any of them."""
    if all(group.get(k) is None for k in MEASURE_KEYS):
        return ""
    items = [
        ("After-hours charting per 8 scheduled hours",
         "The log's version of “work outside of work” (" + MEASURE["outside"].definition + ") It counts only "
         "the after-hours charting you log, over the days with scheduled hours entered, so it reads lower "
         "than an audit log would."),
        ("Inbox time per 8 scheduled hours", MEASURE["inbox"].definition),
        ("Messages handled a {day}", "The messages you logged, averaged over the days you counted them."),
    ]  # fmt: skip
    if profile.role == "nurse" or group.get("ehr_minutes_per_patient") is not None:
        items.append(("Minutes in the EHR per patient and share of the {workday} in the EHR", NURSE_MEASURES))
    body = "".join(f"<dt>{escape(profile.fill(term))}</dt><dd>{escape(text)}</dd>" for term, text in items)
    return (
        '<details class="sp-log-measures" id="log-measures"><summary>What these measures mean, and what a log '
        f"can show</summary><dl>{body}</dl><p>{escape(SELF_LOGGING_LIMITS)}</p>"
        f"<p>Source of the measures: {escape(SINSKY_2020)}.</p></details>"
    )


COUNTS = ("days", "care_delays")  # compared as they are, without a percent change


def _change_text(before, after) -> str:
    change = percent_change(before, after)
    return "–" if change is None else format_change(change)


def summary_html(log: Log, summary: dict, profile: Profile = DEFAULT_PROFILE) -> str:
    if not log.entries:
        return (
            '<p class="sp-omitted">The summary appears here once you have logged a day. With a go-live '
            "date set, it compares the days before with the days after.</p>"
        )
    labels = dict(metric_labels(log.settings, profile))
    if summary["go_live"] is None:
        group = summary["all"]
        rows = "".join(
            f'<tr><th scope="row">{escape(labels[k])}</th>{_cell(f"all-{k}", group[k], p)}</tr>'
            for k, _, p in METRICS
            if group[k] is not None
        )
        return (
            '<p>Set the go-live date (under <a href="#log-settings-title">Set up</a>) to compare the days before it '
            "with the days after.</p>"
            f'<table class="sp-table"><caption>Averages over every day logged</caption><thead><tr>'
            f'<th scope="col">Measure</th><th scope="col">All days</th></tr></thead><tbody>{rows}</tbody></table>'
            + measures_note(group, profile)
        )
    before, after = summary["before"], summary["after"]
    rows = []
    for key, _, places in METRICS:
        if before[key] is None and after[key] is None:
            continue
        rows.append(
            f'<tr><th scope="row">{escape(labels[key])}</th>'
            f"{_cell(f'before-{key}', before[key], places)}"
            f"{_cell(f'after-{key}', after[key], places)}"
            f"<td>{'–' if key in COUNTS else _change_text(before[key], after[key])}</td></tr>"
        )
    table = (
        '<table class="sp-table sp-log-summary"><caption>Before and after go-live '
        f'({escape(day_text(summary["go_live"]))}), averages per {escape(profile.words["day"])} logged</caption><thead><tr><th scope="col">Measure</th>'
        '<th scope="col">Before</th><th scope="col">After</th><th scope="col">Change</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    weeks = summary["weeks"]
    bars = [
        (
            f"{label} ({n} {plural(n, profile.words['day'], profile.words['days'])})",
            hours,
            f"{format_number(hours, 1)} h",
        )
        for label, n, hours in chart_weeks(weeks)
    ]
    chart = charts.bars(
        bars,
        "After-hours charting, hours a week around go-live",
        charts.said(bars),
        "log-weeks",
    )
    week_table = charts.table(
        "After-hours charting by week",
        ("Week", profile.fill("{Days} logged"), "Hours"),
        [(week_label(w), str(n), format_number(h, 1)) for w, n, h in weeks],
    )
    raw, why = impact_inputs(summary)
    if raw is None:
        fill = f'<p class="sp-omitted">{escape(why)}</p>'
    else:
        from ..impact import COMPONENT as IMPACT

        who = {"role": profile.role, "setting": profile.setting}

        fill = (
            f'<p><a class="md-button md-button--primary" '
            f'href="../../calculators/impact/#{escape(IMPACT.to_fragment(IMPACT.completed(raw | who)))}">'
            "Fill the impact calculator from this log</a> "
            f'<span class="sp-hint">Uses {summary["days_per_week"]} {profile.words["days"]} a week, '
            + (
                "as you set it."
                if summary["days_per_week_stated"]
                else "the pattern in your log; set it below if you skip logging some days."
            )
            + "</span></p>"
        )
    delays = [(e["date"], e["care_delay"]) for e in log.entries if e["care_delay"]]
    delay_list = (
        (
            "<h3>Care delays you noted</h3><ul>"
            + "".join(f"<li>{escape(day_text(d))}: {escape(text)}</li>" for d, text in delays)
            + "</ul>"
        )
        if delays
        else ""
    )
    return (
        table
        + measures_note({k: before[k] if before[k] is not None else after[k] for k in MEASURE_KEYS}, profile)
        + chart_with_table(chart, week_table)
        + fill
        + delay_list
        + '<p><a href="../packet/">Build the one-page meeting packet from this log</a></p>'
    )


def metric_labels(settings: dict[str, str], profile: Profile = DEFAULT_PROFILE):
    """Each measure's label in the reader's words, the tasks under the names the reader gave them."""
    for key, label, _ in METRICS:
        label = profile.fill(label)
        if key.startswith("task_") and settings[key.replace("_clicks", "_name")]:
            label = f"Clicks for {settings[key.replace('_clicks', '_name')]}"
        yield key, label


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


def log_notice(kind: str, title: str, body: str = "", actions: str = "") -> str:
    return notice(SLUG, kind, title, body, actions)


def damage_notice(damage: Damage, refused: bool = False) -> str:
    actions = '<button type="button" class="md-button" data-calc-action="export-raw">Download the stored data as it is</button> '
    if not damage.newer:
        actions += (
            '<button type="button" class="md-button" data-calc-action="export">Download what is readable (CSV)</button> '
            '<button type="button" class="md-button" data-calc-action="repair">Keep only what is readable</button>'
        )
    body = f"<p>{escape(damage.message)}</p>"
    if refused:
        body += "<p><strong>Nothing was saved</strong>, so that nothing stored is overwritten.</p>"
    body += (
        "<p>Nothing has been deleted. Download a copy first; then you can keep only the readable entries "
        "or import a CSV file.</p>"
        if not damage.newer
        else ""
    )
    return log_notice("error", "Your stored log needs attention", body, actions)


def storage_warning(req) -> str:
    why = refusal(req.storage)
    if not why:
        return ""
    return log_notice(
        "warning",
        "This browser is not keeping your log",
        f"<p>{escape(why)} Your entries last until you close this tab: export them as CSV before you leave.</p>",
        action_button("export", "Export as CSV"),
    )


# --- What each action does ---------------------------------------------------------------------------

WRITES = {"save-entry", "delete", "undo", "save-settings"}  # refused while the stored log is damaged


def _fields(req: Request, form: str, inputs) -> dict[str, str]:
    return req.typed(form, inputs)


def _regions(log: Log, req, stamp: dt.datetime, *, entry: bool = True, settings: bool = True) -> dict[str, str]:
    summary = summarise(log)
    regions = {
        "entries": entries_table(log, summary["go_live"], words(req)),
        "summary": summary_html(log, summary, words(req)),
    }
    if entry:
        regions["entry"] = entry_form(log, {}, {}, today=req.today, profile=words(req))
    if settings:
        regions["settings"] = settings_form(log.settings, {}, words(req))
    return regions


class Turn:
    """One action on the log: the request, the log as stored, and the reply being built."""

    def __init__(self, req):
        self.req = req
        self.stamp = dt.datetime.now(dt.UTC)
        self.stored = req.stored.get(KEY)
        self.log, self.damage = load(self.stored)
        self.reply = Reply(regions={"storage": storage_warning(req)})
        self.regions = self.reply.regions

    def save(self, new_log: Log, *, entry=False, settings=False):
        """Store the new log and redraw what depends on it (the forms only when asked)."""
        self.reply.store = {KEY: dump(new_log)}
        self.regions.update(_regions(new_log, self.req, self.stamp, entry=entry, settings=settings))

    def entry(self) -> dict | None:
        """The entry the action's button names, or None (and the reader told) when it is gone."""
        entry = self.log.entry(self.req.arg)
        if entry is None:
            self.tell("error", "That entry is no longer in the log.")
        return entry

    def tell(self, kind, title, body="", actions="", focus=True):
        self.regions["notice"] = log_notice(kind, title, body, actions)
        self.reply.announce = title
        if focus:
            self.reply.focus = "log-notice-title"


ACTIONS: dict = {}  # action name -> (Request -> Reply), for the component


def handles(*names):
    """Register a handler of Turn -> Reply for these actions. A handler that writes is refused
    while the stored log is damaged, so that nothing stored is overwritten."""

    def register(handler):
        def run(req: Request) -> Reply:
            turn = Turn(req)
            if turn.damage and req.action in WRITES:
                turn.regions["notice"] = damage_notice(turn.damage, refused=True)
                turn.reply.focus = "log-notice-title"
                turn.reply.announce = "Nothing was saved: the stored log needs attention first."
                return turn.reply
            return handler(turn)

        for name in names:
            ACTIONS[name] = run
        return handler

    return register


@handles("store-failed")
def _store_failed(turn: Turn) -> Reply:
    """The browser refused the last write: say so at once, in place of "Saved"."""
    req, reply, regions = turn.req, turn.reply, turn.regions
    regions["storage"] = ""
    turn.tell(
        "error",
        "Not saved in this browser",
        f"<p>{escape(refusal(req.arg or req.storage) or refusal('blocked'))} What you just entered is kept in "
        "this tab only, until you close it. Export the log as CSV now to keep it.</p>",
        action_button("export", "Export as CSV", kind="md-button--primary"),
    )
    return reply


@handles("load")
def _load(turn: Turn) -> Reply:
    req, log, damage, stamp, reply, regions = turn.req, turn.log, turn.damage, turn.stamp, turn.reply, turn.regions
    regions.update(_regions(log, req, stamp))
    regions["plan"] = plan_html({item.name: item.default_raw(req.today) for item in PLAN}, {}, stamp)
    regions["notice"] = damage_notice(damage) if damage else ""
    count = len(log.entries)
    reply.announce = f"Log loaded: {count} {plural(count, 'day', 'days')}."
    return show_profile(reply, words(req))


@handles("refresh")
def _refresh(turn: Turn) -> Reply:
    """Another tab changed the log: show it, and keep what is typed here."""
    req, log, damage, stamp, reply, regions = turn.req, turn.log, turn.damage, turn.stamp, turn.reply, turn.regions
    regions.update(_regions(log, req, stamp, entry=False, settings=False))
    if damage:  # otherwise the notice stays as it is: "Saved", or an Undo button, is not wiped
        regions["notice"] = damage_notice(damage)
    reply.announce = "The log was changed in another tab; the list and summary are up to date."
    return show_profile(reply, words(req))


@handles(ABOUT)
def _about(turn: Turn) -> Reply:
    """The reader said who they are: keep it, and word the day's form, the list of days, the
    settings and the summary for them, keeping what is typed."""
    req, log, reply, regions = turn.req, turn.log, turn.reply, turn.regions
    profile = words(req)
    editing = req.text("entry", "editing")
    typed = _fields(req, "entry", ENTRY)
    regions["entry"] = entry_form(log, typed, {}, editing if editing in log.dates() else "", req.today, profile)
    summary = summarise(log)
    regions["summary"] = summary_html(log, summary, profile)
    regions["entries"] = entries_table(log, summary["go_live"], profile)
    settings = _fields(req, "settings", SETTINGS) if req.form("settings") else log.settings
    regions["settings"] = settings_form(settings, {}, profile)
    reply.announce = f"The log is worded for {profile.describe()}."
    return keep_profile(reply, profile)


@handles("plan")
def _plan(turn: Turn) -> Reply:
    req, stamp, reply, regions = turn.req, turn.stamp, turn.reply, turn.regions
    raw = _fields(req, "plan", PLAN)
    try:
        parse_inputs(PLAN, raw)
        reply.errors = {"plan": {}}
    except InputErrors as failure:
        reply.errors = {"plan": failure.by_field()}
    regions["plan-link"] = plan_link(raw, stamp)
    return reply


@handles("save-entry", "save-entry-confirmed")
def _save_entry(turn: Turn) -> Reply:
    req, log, reply, regions, save, tell = turn.req, turn.log, turn.reply, turn.regions, turn.save, turn.tell
    raw = _fields(req, "entry", ENTRY)
    editing = req.text("entry", "editing")
    editing = editing if editing in log.dates() else ""
    errors = {}
    try:
        entry = clean(entry_inputs(words(req)), raw, req.today)
        if found := entry_problems(entry, words(req)):
            raise InputErrors(found)
        if entry["date"] != editing and entry["date"] in log.dates():
            errors["date"] = (
                f"You already have an entry for {day_text(entry['date'])}: use its Edit button "
                "in the list below, or choose another date"
            )
    except InputErrors as failure:
        errors = failure.by_field()
    if not errors and len(log.entries) >= MAX_ENTRIES and not editing:
        errors["date"] = f"The log is full ({MAX_ENTRIES:,} days): export it and start a new one"
    if errors:
        regions["entry"] = entry_form(log, raw, errors, editing, req.today, words(req))
        return reply.problems(len(errors), "log-entry-summary")
    warnings = implausible(entry, words(req))
    if warnings and req.action != "save-entry-confirmed":
        # Possible, but probably a slip: ask before it reaches the averages.
        regions["entry"] = entry_form(log, raw, {}, editing, req.today, words(req), warnings)
        reply.focus = "log-entry-warning"
        reply.announce = "Check this day before it is saved: " + " ".join(warnings)
        return reply
    new_log = log.with_entry(entry, replacing=editing or None)
    save(new_log)
    next_day = dt.date.fromisoformat(entry["date"]) + dt.timedelta(days=1)
    regions["entry"] = entry_form(
        new_log,
        {
            "date": next_day.isoformat() if not editing else req.today.isoformat(),
            "start": entry["start"],
            "end": entry["end"],
        },
        {},
        today=req.today,
        profile=words(req),
    )
    tell("done", f"{'Updated' if editing else 'Saved'} the entry for {day_text(entry['date'])}.")
    return reply


@handles("edit")
def _edit(turn: Turn) -> Reply:
    req, log, reply, regions = turn.req, turn.log, turn.reply, turn.regions
    entry = turn.entry()
    if entry is None:
        return reply
    regions["entry"] = entry_form(log, entry, {}, req.arg, req.today, words(req))
    reply.focus = "log-entry-date"
    reply.announce = f"Editing the entry for {day_text(req.arg)}."
    return reply


@handles("cancel-edit")
def _cancel_edit(turn: Turn) -> Reply:
    req, log, reply, regions = turn.req, turn.log, turn.reply, turn.regions
    regions["entry"] = entry_form(log, {}, {}, today=req.today, profile=words(req))
    reply.focus = "log-entry-title"
    reply.announce = "Editing canceled; nothing was changed."
    return reply


@handles("delete")
def _delete(turn: Turn) -> Reply:
    req, log, reply, save, tell = turn.req, turn.log, turn.reply, turn.save, turn.tell
    entry = turn.entry()
    if entry is None:
        return reply
    save(log.without(req.arg))
    undo = (
        f'<button type="button" class="md-button" data-calc-action="undo" '
        f'data-calc-arg="{escape(json.dumps(entry))}">Undo</button>'
    )
    tell("done", f"Deleted the entry for {day_text(req.arg)}.", actions=undo)
    return reply


@handles("undo")
def _undo(turn: Turn) -> Reply:
    req, log, reply, save, tell = turn.req, turn.log, turn.reply, turn.save, turn.tell
    try:
        raw = json.loads(req.arg)
        entry = clean(ENTRY, {k: v for k, v in raw.items() if isinstance(v, str)}) if isinstance(raw, dict) else None
    except (ValueError, UserError):
        entry = None
    if entry is None or entry["date"] in log.dates():
        tell("error", "The entry could not be put back: that day already has an entry.")
        return reply
    save(log.with_entry(entry))
    tell("done", f"Put back the entry for {day_text(entry['date'])}.")
    return reply


@handles("save-settings")
def _save_settings(turn: Turn) -> Reply:
    req, log, reply, regions, save, tell = turn.req, turn.log, turn.reply, turn.regions, turn.save, turn.tell
    raw = _fields(req, "settings", SETTINGS)
    try:
        settings = clean(settings_inputs(words(req)), raw)
    except InputErrors as failure:
        regions["settings"] = settings_form(raw, failure.by_field(), words(req))
        return reply.problems(len(failure.errors), "log-settings-summary")
    new_log = Log(settings, log.entries)
    save(new_log, settings=True)
    typed = {k: v for k, v in _fields(req, "entry", ENTRY).items()}
    editing = req.text("entry", "editing") or ""
    regions["entry"] = entry_form(new_log, typed, {}, editing if editing in log.dates() else "", req.today, words(req))
    tell("done", "Saved the go-live date and task names.")
    return reply


@handles("export")
def _export(turn: Turn) -> Reply:
    req, log, damage, reply, tell = turn.req, turn.log, turn.damage, turn.reply, turn.tell
    readable = damage.readable if damage else log
    if not readable.entries:
        tell("warning", "There is nothing to export yet: the log has no days.")
        return reply
    reply.download = {"name": f"impact-log-{req.today.isoformat()}.csv", "type": "text/csv", "text": to_csv(readable)}
    count = len(readable.entries)
    reply.announce = f"Exported {count} {plural(count, 'day', 'days')} as CSV."
    return reply


@handles("export-raw")
def _export_raw(turn: Turn) -> Reply:
    req, stored, reply = turn.req, turn.stored, turn.reply
    reply.download = {
        "name": f"impact-log-stored-{req.today.isoformat()}.txt",
        "type": "text/plain",
        "text": stored or "",
    }
    reply.announce = "Downloaded the stored data exactly as it is."
    return reply


@handles("repair")
def _repair(turn: Turn) -> Reply:
    damage, reply, regions, save, tell = turn.damage, turn.reply, turn.regions, turn.save, turn.tell
    if not damage:
        tell("done", "The stored log is fine; nothing needed repairing.")
        return reply
    if damage.newer:
        regions["notice"] = damage_notice(damage, refused=True)
        reply.focus = "log-notice-title"
        return reply
    save(damage.readable, entry=True, settings=True)
    count = len(damage.readable.entries)
    tell("done", f"Kept the {count} readable {plural(count, 'entry', 'entries')}; the unreadable data is gone.")
    return reply


@handles("import", "import-confirmed")
def _import(turn: Turn) -> Reply:
    req, log, damage, reply, save, tell = turn.req, turn.log, turn.damage, turn.reply, turn.save, turn.tell
    file = req.file or {}
    size = file.get("size") if isinstance(file.get("size"), (int, float)) else len(file.get("text") or "")
    too_big = size > MAX_FILE_BYTES
    if not isinstance(file.get("text"), str) and not too_big:
        tell(
            "error",
            "The file could not be imported.",
            "<p>No file was read. Choose a CSV file exported from this page.</p>",
        )
        return reply
    if too_big or len(file["text"]) > MAX_FILE_BYTES:
        tell(
            "error",
            "The file could not be imported.",
            f"<p>It is larger than {MAX_FILE_BYTES // 1_000_000} MB, far more "
            "than any log. Your log was not changed.</p>",
        )
        return reply
    try:
        imported = from_csv(file["text"], req.today)
    except ImportProblems as failure:
        shown = failure.problems[:10]
        more = len(failure.problems) - len(shown)
        items = "".join(f"<li>{escape(p)}</li>" for p in shown)
        if more:
            items += f"<li>…and {more} more.</li>"
        tell(
            "error",
            f"The file {str(file.get('name') or '')[:80]} could not be imported. Your log was not changed.",
            f"<ul>{items}</ul><p>Fix the file (or export a fresh one from this page) and import it again.</p>",
        )
        reply.state = "invalid"
        return reply
    count = len(imported.entries)
    if req.action == "import" and (log.entries or damage):
        tell(
            "warning",
            f"Replace your log with the {count} {plural(count, 'day', 'days')} in this file?",
            f"<p>This browser holds {len(log.entries)} {plural(len(log.entries), 'day', 'days')}"
            f"{' and data that could not be read' if damage else ''}. Importing replaces all of it. Export "
            "first if you want to keep a copy.</p>",
            '<button type="button" class="md-button md-button--primary" data-calc-action="import-confirmed">'
            'Replace my log</button> <button type="button" class="md-button" data-calc-action="cancel">Keep my log</button>',
        )
        return reply
    save(imported, entry=True, settings=True)
    recoded = (
        "<p>The file was saved in Windows' own encoding (as Excel's “CSV (Comma delimited)” does), not "
        "UTF-8; it was read that way. Check any accented letters in your notes.</p>"
        if file.get("encoding") == "windows-1252"
        else ""
    )
    tell(
        "done",
        f"Imported {count} {plural(count, 'day', 'days')} from {str(file.get('name') or 'the file')[:80]}.",
        recoded,
    )
    return reply


@handles("delete-all")
def _delete_all(turn: Turn) -> Reply:
    log, reply, tell = turn.log, turn.reply, turn.tell
    count = len(log.entries)
    tell(
        "warning",
        f"Delete all {count} {plural(count, 'day', 'days')} and the settings from this browser?",
        "<p>This cannot be undone. Export the log first if you might want it back.</p>",
        '<button type="button" class="md-button sp-button--danger" data-calc-action="delete-all-confirmed">'
        'Delete everything</button> <button type="button" class="md-button" data-calc-action="cancel">Cancel</button>',
    )
    return reply


@handles("delete-all-confirmed")
def _delete_all_confirmed(turn: Turn) -> Reply:
    reply, save, tell = turn.reply, turn.save, turn.tell
    save(Log(), entry=True, settings=True)
    tell("done", "Deleted the whole log from this browser.")
    return reply


@handles("cancel")
def _cancel(turn: Turn) -> Reply:
    damage, reply, regions = turn.damage, turn.reply, turn.regions
    regions["notice"] = damage_notice(damage) if damage else ""
    reply.focus = "log-data-title"
    reply.announce = "Cancelled; nothing was changed."
    return reply


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


COMPONENT = Component(slug=SLUG, title="Impact log", keys=KEYS, actions=ACTIONS, body=page)
