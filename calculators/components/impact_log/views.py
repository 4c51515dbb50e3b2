"""The log's regions that show what it holds: the list of days, the before-and-after summary with
the published measures, and the notices (done, warnings, damaged or refused storage)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from ...framework import charts
from ...framework.ehr_measures import MEASURE, NURSE_MEASURES, SELF_LOGGING_LIMITS, SINSKY_2020
from ...framework.html import action_button, escape, figure, notice
from ...framework.inputs import parse_inputs
from ...framework.numbers import counted, day_text, format_change, format_number, percent_change, plural
from ...framework.profile import DEFAULT as DEFAULT_PROFILE
from ...framework.profile import Profile
from ...framework.storage import refusal
from ..impact import COMPONENT as IMPACT
from .data import DISRUPTION_CAUSES, ENTRY, Damage, Log, chart_weeks, impact_inputs, week_label, workday_minutes

SLUG = "log"


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
    ("after_hours_minutes", "After-hours charting (minutes a {day})", 0),
    ("patients", "Patients a {day}", 1),
    ("minutes_per_patient", "Minutes per patient, {workday} and after hours", 1),
    ("disruptions", "Technology disruptions a {day}", 1),
    ("task_1_clicks", "Clicks for the first task", 0),
    ("task_2_clicks", "Clicks for the second task", 0),
    ("care_delays", "{Days} with a care delay", 0),
    # Hourly staff: time the law says must be paid, over the days it was entered on (data._unpaid)
    ("off_clock_minutes", "Worked off the clock (minutes a {day})", 0),
    ("off_clock_total_minutes", "Worked off the clock, in all (minutes)", 0),
    ("missed_breaks", "Meal breaks missed or interrupted, in all", 0),
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
        items.append(
            ("Minutes in the EHR per patient and share of the {workday} in the EHR", profile.fill(NURSE_MEASURES))
        )
    body = "".join(f"<dt>{escape(profile.fill(term))}</dt><dd>{escape(text)}</dd>" for term, text in items)
    return (
        '<details class="sp-log-measures" id="log-measures"><summary>What these measures mean, and what a log '
        f"can show</summary><dl>{body}</dl><p>{escape(SELF_LOGGING_LIMITS)}</p>"
        f"<p>Source of the measures: {escape(SINSKY_2020)}.</p></details>"
    )


COUNTS = ("days", "care_delays", "off_clock_total_minutes", "missed_breaks")  # compared as they are, no percent
UNPAID_KEYS = ("off_clock_minutes", "missed_breaks")


def pay_note(groups: list[dict], profile: Profile = DEFAULT_PROFILE) -> str:
    """Under a summary that holds time off the clock or missed breaks: what the law says about it."""
    if all(group[k] is None for group in groups for k in UNPAID_KEYS):
        return ""
    who = "most staff nurses are" if profile.role == "nurse" else "salaried physicians, NPs and PAs usually are not"
    return (
        f'<p class="sp-hint">If you are paid by the hour ({who}), minutes worked off the clock and meal breaks '
        "you were not relieved for are hours worked that must be paid, under the Fair Labor Standards Act (29 CFR "
        '785). Keep this record, and see <a href="../../playbook/protections/#pay">pay for every minute</a>.</p>'
    )


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
            + pay_note([group], profile)
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
    chart = charts.bars_with_table(
        bars,
        "After-hours charting, hours a week around go-live",
        "log-weeks",
        "After-hours charting by week",
        ("Week", profile.fill("{Days} logged"), "Hours"),
        [(week_label(w), str(n), format_number(h, 1)) for w, n, h in weeks],
    )
    raw, why = impact_inputs(summary)
    if raw is None:
        fill = f'<p class="sp-omitted">{escape(why)}</p>'
    else:
        who = {"role": profile.role, "setting": profile.setting}

        fill = (
            f'<p><a class="md-button md-button--primary" '
            f'href="../../calculators/impact/#{escape(IMPACT.to_fragment(IMPACT.completed(raw | who)))}">'
            "Fill the impact calculator from this log</a> "
            f'<span class="sp-hint">Uses {escape(profile.fill(counted(summary["days_per_week"], "{days}")))} a week, '
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
        + pay_note([before, after], profile)
        + measures_note({k: before[k] if before[k] is not None else after[k] for k in MEASURE_KEYS}, profile)
        + chart
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
