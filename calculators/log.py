"""The two-week impact log: one entry per clinical day, kept in the reader's browser, written to and
read from CSV, and summarised before and after go-live.

The log is stored as JSON under a versioned schema:
    {"schema": 1, "settings": {"go_live": "", "task_1_name": "", "task_2_name": ""},
     "entries": [{"date": "2026-11-02", "start": "07:30", ...}, ...]}
Every value is kept as its canonical string (what `Input.canonical` writes), entries sorted by
date, one per date. CSV uses the same names as columns, with the settings repeated on every row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field, replace
from fractions import Fraction
from html import escape

from . import charts
from . import ics as calendar_file
from .core import (CalcError, Date, InputError, InputErrors, Number, Text, Time, format_number,
                   parse_inputs, plural)
from .render import data_value, error_summary, form_field
from .tool import Tool, text_of, tool_root

SCHEMA = 1
KEY = "log"
MAX_ENTRIES = 1000
MAX_FILE_BYTES = 1_000_000
LOGGING_DAYS = 14

SETTINGS = (
    Date("go_live", "Go-live date", "The day the change reached you. Days before it count as before; "
         "from it on, as after. Written as year-month-day.", None, optional=True, example="2026-11-02"),
    Text("task_1_name", "First task you count", "A common task whose clicks you count, like "
         "“discharge summary”. Leave blank if you count none.", max_length=60),
    Text("task_2_name", "Second task you count", "Optional.", max_length=60),
)

ENTRY = (
    Date("date", "Date", "The clinical day this entry is for.", lambda today: today, example="2026-11-02"),
    Time("start", "Day started", "When your clinical day began, like 07:30."),
    Time("end", "Day ended", "When you left, like 18:15. An end before the start counts as the next morning; "
         "the same time as the start counts as 24 hours.", example="18:15"),
    Number("after_hours_minutes", "After-hours charting", "minutes",
           "Charting you did outside the workday: at home, or after you left.", "0", 0, 1440, whole=True,
           example="45"),
    Number("patients", "Patients seen", "patients", "Patients you cared for that day.", None, 0, 200,
           whole=True, example="14"),
    Number("disruptions", "Technology disruptions", "times",
           "Downtime, forced logouts, device or login failures.", "0", 0, 500, whole=True, example="2"),
    Number("task_1_clicks", "Clicks for the first task", "clicks", "Clicks (or screens) the first task "
           "took; an average if you did it more than once.", None, 0, 10000, whole=True, optional=True,
           example="30"),
    Number("task_2_clicks", "Clicks for the second task", "clicks", "The same, for the second task.", None,
           0, 10000, whole=True, optional=True, example="30"),
    Text("care_delay", "Care delayed by technology", "One line if it happened: what, how long, why. "
         "Leave out names and anything that identifies a patient.", max_length=300,
         example="CT order held 40 min by an order-entry error"),
)

COLUMNS = tuple(item.name for item in ENTRY) + tuple(item.name for item in SETTINGS) + ("log_version",)
TEXT_COLUMNS = {item.name for item in ENTRY + SETTINGS if isinstance(item, Text)}


@dataclass
class Log:
    settings: dict[str, str] = field(default_factory=lambda: {item.name: "" for item in SETTINGS})
    entries: list[dict[str, str]] = field(default_factory=list)   # canonical strings, sorted by date

    def dates(self) -> list[str]:
        return [entry["date"] for entry in self.entries]

    def entry(self, date: str) -> dict[str, str] | None:
        return next((e for e in self.entries if e["date"] == date), None)

    def with_entry(self, entry: dict[str, str], replacing: str | None = None) -> "Log":
        kept = [e for e in self.entries if e["date"] not in (entry["date"], replacing)]
        return Log(dict(self.settings), sorted(kept + [entry], key=lambda e: e["date"]))

    def without(self, date: str) -> "Log":
        return Log(dict(self.settings), [e for e in self.entries if e["date"] != date])


def canonical(inputs, values: dict) -> dict[str, str]:
    return {item.name: item.canonical(values[item.name]) for item in inputs}


def clean(inputs, raw: dict[str, str], today: dt.date | None = None) -> dict[str, str]:
    """Raw strings -> canonical strings, or InputErrors naming each field."""
    return canonical(inputs, parse_inputs(inputs, raw, today))


# --- Browser storage -------------------------------------------------------------------------------

def dump(log: Log) -> str:
    return json.dumps({"schema": SCHEMA, "settings": log.settings, "entries": log.entries},
                      ensure_ascii=False, separators=(",", ":"))


@dataclass
class Damage:
    """Stored data that could not all be read. `readable` holds what could; nothing is written over
    the stored text until the reader chooses to."""

    message: str
    readable: Log
    newer: bool = False


def load(text: str | None) -> tuple[Log, Damage | None]:
    if not text:
        return Log(), None
    try:
        data = json.loads(text)
    except ValueError:
        return Log(), Damage("The log stored in this browser is not readable at all (it is not valid data).", Log())
    if not isinstance(data, dict) or not isinstance(data.get("schema"), int):
        return Log(), Damage("The log stored in this browser has no version number, so none of it could be read.", Log())
    if data["schema"] > SCHEMA:
        return Log(), Damage(f"The log in this browser was saved by a newer version of Scope & Pace (log "
                             f"version {data['schema']}; this page reads version {SCHEMA}). Reload the page to "
                             "get the newer version.", Log(), newer=True)
    problems = []
    settings = data.get("settings")
    try:
        if not isinstance(settings, dict) or not all(isinstance(v, str) for v in settings.values()):
            raise CalcError("settings")
        kept_settings = clean(SETTINGS, settings)
    except CalcError:
        kept_settings = Log().settings
        problems.append("the go-live date and task names")
    entries, bad = {}, 0
    raw_entries = data.get("entries")
    for raw in raw_entries if isinstance(raw_entries, list) else []:
        try:
            if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
                raise CalcError("entry")
            entry = clean(ENTRY, raw)
        except CalcError:
            bad += 1
            continue
        if entry["date"] in entries:
            bad += 1
        else:
            entries[entry["date"]] = entry
    if not isinstance(raw_entries, list):
        problems.append("the list of entries")
    elif bad:
        problems.append(f"{bad} {plural(bad, 'entry', 'entries')}")
    log = Log(kept_settings, [entries[d] for d in sorted(entries)])
    if problems:
        return log, Damage(f"Part of the log stored in this browser could not be read: {' and '.join(problems)}. "
                           f"{len(log.entries)} {plural(len(log.entries), 'entry is', 'entries are')} readable.", log)
    return log, None


# --- CSV -----------------------------------------------------------------------------------------------

def _cell_out(column: str, value: str) -> str:
    # A spreadsheet would run text starting with = + - @ as a formula: such text (and text that
    # already starts with the escaping apostrophe) is written with a leading apostrophe.
    if column in TEXT_COLUMNS and value[:1] in ("=", "+", "-", "@", "'"):
        return "'" + value
    return value


def _cell_in(column: str, value: str) -> str:
    if column in TEXT_COLUMNS and value.startswith("'"):
        return value[1:]
    return value


def to_csv(log: Log) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in log.entries:
        row = {**entry, **log.settings, "log_version": str(SCHEMA)}
        writer.writerow([_cell_out(c, row[c]) for c in COLUMNS])
    return out.getvalue()


class ImportProblems(CalcError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def from_csv(text: str) -> Log:
    """A CSV file -> a Log, or ImportProblems naming the row (as a spreadsheet numbers it, the header
    being row 1) and the column of each problem."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ImportProblems(["The file is empty."])
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        raise ImportProblems([f"The file is not a readable CSV file ({error})."]) from None
    header = [h.strip() for h in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    problems = []
    if unknown:
        problems.append(f"Row 1: the column{'s' if len(unknown) > 1 else ''} "
                        f"{', '.join(repr(u[:40]) for u in unknown[:5])} {'are' if len(unknown) > 1 else 'is'} "
                        "not part of a Scope & Pace log.")
    if missing:
        problems.append(f"Row 1: the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                        f"{'are' if len(missing) > 1 else 'is'} missing. Export a log from this page to see the columns.")
    if len(set(header)) != len(header):
        problems.append("Row 1: a column name appears twice.")
    if problems:
        raise ImportProblems(problems)
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell.strip() for cell in r)]
    if not body:
        raise ImportProblems(["The file has a header row but no entries."])
    if len(body) > MAX_ENTRIES:
        raise ImportProblems([f"The file has {len(body):,} entries; a log holds at most {MAX_ENTRIES:,}."])
    entries: dict[str, tuple[int, dict[str, str]]] = {}
    settings: tuple[int, dict[str, str]] | None = None
    for number, row in body:
        if len(row) != len(header):
            problems.append(f"Row {number}: it has {len(row)} values but the header has {len(header)} columns.")
            continue
        cells = {c: _cell_in(c, v) for c, v in zip(header, row)}
        version = cells["log_version"].strip()
        if version != str(SCHEMA):
            newer = version.isdigit() and int(version) > SCHEMA
            raise ImportProblems([f"Row {number}, column log_version: "
                                  + (f"this file was saved by a newer version of Scope & Pace (log version "
                                     f"{version}); this page reads version {SCHEMA}. Reload the page to get the newer version."
                                     if newer else f"the log version must be {SCHEMA}, not {version[:20]!r}.")])
        try:
            entry = clean(ENTRY, cells)
            these = clean(SETTINGS, cells)
        except InputErrors as failure:
            problems += [f"Row {number}, column {e.name}: {e.message}." for e in failure.errors]
            continue
        if entry["date"] in entries:
            problems.append(f"Row {number}, column date: {entry['date']} is already in row "
                            f"{entries[entry['date']][0]}; a log has one entry a day.")
            continue
        entries[entry["date"]] = (number, entry)
        if settings is None:
            settings = (number, these)
        elif these != settings[1]:
            differs = next(name for name in these if these[name] != settings[1][name])
            problems.append(f"Row {number}, column {differs}: it differs from row {settings[0]}; every row "
                            "carries the same go-live date and task names.")
    if problems:
        raise ImportProblems(problems)
    return Log(settings[1], [entries[d][1] for d in sorted(entries)])


# --- Summaries -----------------------------------------------------------------------------------------

def workday_minutes(start: dt.time, end: dt.time) -> int:
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return minutes if minutes > 0 else minutes + 24 * 60


def _mean(values: list) -> Fraction | None:
    return Fraction(sum(values), len(values)) if values else None


def _group(days: list[dict]) -> dict:
    """Averages over a group of parsed entries (None when the group has no entry to average)."""
    work = [workday_minutes(d["start"], d["end"]) for d in days]
    after = [d["after_hours_minutes"] for d in days]
    patients = [d["patients"] for d in days]
    total_patients = sum(patients)
    return {
        "days": len(days),
        "workday_hours": None if not days else _mean(work) / 60,
        "after_hours_minutes": _mean(after),
        "patients": _mean(patients),
        "disruptions": _mean([d["disruptions"] for d in days]),
        "minutes_per_patient": Fraction(sum(work) + sum(after), total_patients) if total_patients else None,
        "task_1_clicks": _mean([d["task_1_clicks"] for d in days if d["task_1_clicks"] is not None]),
        "task_2_clicks": _mean([d["task_2_clicks"] for d in days if d["task_2_clicks"] is not None]),
        "care_delays": sum(1 for d in days if d["care_delay"]),
    }


def summarise(log: Log) -> dict:
    """Before/after averages per metric, and after-hours charting week by week around go-live."""
    days = [parse_inputs(ENTRY, e) for e in log.entries]
    go_live = parse_inputs(SETTINGS, log.settings)["go_live"]
    if go_live is None:
        return {"go_live": None, "all": _group(days), "before": None, "after": None, "weeks": [],
                "days_per_week": _days_per_week(days)}
    weeks: dict[int, list] = {}
    for d in days:
        weeks.setdefault((d["date"] - go_live).days // 7, []).append(d["after_hours_minutes"])
    return {
        "go_live": go_live,
        "all": _group(days),
        "before": _group([d for d in days if d["date"] < go_live]),
        "after": _group([d for d in days if d["date"] >= go_live]),
        # (week relative to go-live, days logged, after-hours hours that week)
        "weeks": [(w, len(m), Fraction(sum(m), 60)) for w, m in sorted(weeks.items())],
        "days_per_week": _days_per_week(days),
    }


def _days_per_week(days: list[dict]) -> int | None:
    """Clinical days a week, as the log shows them: entries per calendar week (Monday to Sunday)
    that has any, rounded, at least 1."""
    weeks = {d["date"].isocalendar()[:2] for d in days}
    if not weeks:
        return None
    return min(7, max(1, round(Fraction(len(days), len(weeks)))))


def week_label(week: int) -> str:
    if week == 0:
        return "Go-live week"
    n = abs(week)
    return f"{n} {plural(n, 'week', 'weeks')} {'before' if week < 0 else 'after'}"


def impact_inputs(summary: dict) -> tuple[dict[str, str] | None, str]:
    """The impact calculator's inputs, filled from the log: (raw inputs, "") or (None, why not)."""
    from .impact import CALCULATOR as IMPACT

    before, after = summary["before"], summary["after"]
    if summary["go_live"] is None:
        return None, "Set the go-live date to split the log into before and after."
    if not before["days"] or not after["days"]:
        return None, "The log needs at least one day before go-live and one from go-live on."
    per_week = summary["days_per_week"]
    raw = {"clinic_days_per_week": str(per_week)}
    for side, group in (("before", before), ("after", after)):
        raw[f"patients_per_day_{side}"] = format_number(group["patients"], 0).replace(",", "")
        raw[f"workday_hours_{side}"] = format_number(group["workday_hours"]).replace(",", "")
        raw[f"after_hours_{side}"] = format_number(group["after_hours_minutes"] * per_week / 60).replace(",", "")
        raw[f"disruptions_{side}"] = format_number(group["disruptions"] * per_week).replace(",", "")
    if before["task_1_clicks"] is not None and after["task_1_clicks"] is not None:
        raw["clicks_before"] = format_number(before["task_1_clicks"], 0).replace(",", "")
        raw["clicks_after"] = format_number(after["task_1_clicks"], 0).replace(",", "")
    else:
        raw["clicks_before"] = raw["clicks_after"] = ""
    try:
        IMPACT.parse(raw)
    except InputErrors as failure:
        return None, "The log's numbers do not fit the calculator: " + "; ".join(e.message for e in failure.errors) + "."
    return raw, ""


# --- The calendar file: ten minutes this week to start, then a daily reminder ------------------------

PLAN = (
    Date("setup_day", "Day to set up the log", "A day this week with ten minutes to spare.",
         lambda today: today),
    Time("setup_time", "Time to set up", "When those ten minutes start, like 12:30.", "12:30", example="12:30"),
    Time("reminder_time", "Daily reminder at", "The end of your clinical day, like 18:30.", "18:30",
         example="18:30"),
)


def calendar(values: dict, stamp: dt.datetime) -> str:
    setup = dt.datetime.combine(values["setup_day"], values["setup_time"])
    first = dt.datetime.combine(values["setup_day"] + dt.timedelta(days=1), values["reminder_time"])
    uid = f"log-{setup:%Y%m%dT%H%M}"
    return calendar_file.calendar("Impact log", [
        calendar_file.event(f"{uid}-setup", stamp, setup, "Set up my two-week impact log",
                            "Ten minutes: open Scope & Pace, set the go-live date, choose one or two tasks "
                            "whose clicks to count.", minutes=10, alarm=True),
        calendar_file.event(f"{uid}-daily", stamp, first, "Log today (two minutes)",
                            "Start and end of the day, after-hours charting, patients, disruptions, any "
                            "care delay.", minutes=5, daily_count=LOGGING_DAYS, alarm=True),
    ])


# --- The page: regions the runtime swaps in ------------------------------------------------------------

SLUG = "log"


def _day(date: dt.date | str) -> str:
    d = dt.date.fromisoformat(date) if isinstance(date, str) else date
    return f"{d:%a} {d.day} {d:%b %Y}"


def _task_items(settings: dict[str, str]):
    """The click-count inputs, labelled with the tasks the reader named; unnamed tasks are hidden."""
    for n in (1, 2):
        name = settings[f"task_{n}_name"]
        item = next(i for i in ENTRY if i.name == f"task_{n}_clicks")
        yield (replace(item, label=f"Clicks for {name}") if name else item), bool(name)


def entry_form(log: Log, raw: dict[str, str], errors: dict[str, str], editing: str = "",
               today: dt.date | None = None) -> str:
    tasks = dict((item.name, (item, shown)) for item, shown in _task_items(log.settings))
    fields, hidden = [], []
    for item in ENTRY:
        item, shown = tasks.get(item.name, (item, True))
        value = raw.get(item.name, item.default_raw(today))
        if shown:
            fields.append(form_field("log-entry", item, value, errors.get(item.name)))
        else:
            hidden.append(f'<input type="hidden" name="{item.name}" value="{escape(value)}">')
    summary = error_summary("log-entry", [InputError(n, m) for n, m in errors.items()], [])
    title = f"Edit the entry for {_day(editing)}" if editing else "Add a day"
    cancel = ('<button type="button" class="md-button" data-tool-action="cancel-edit">Cancel editing</button>'
              if editing else "")
    return (f'<h2 id="log-entry-title" tabindex="-1">{escape(title)}</h2>'
            '<form class="sp-calc__form" data-tool-form="entry" data-tool-action="save-entry" novalidate '
            'aria-labelledby="log-entry-title">'
            f'<div id="log-entry-summary" tabindex="-1">{summary}</div>'
            f'<input type="hidden" name="editing" value="{escape(editing)}">'
            f'<div class="sp-calc__fields">{"".join(fields)}</div>{"".join(hidden)}'
            f'<button type="submit" class="md-button md-button--primary">Save this day</button> {cancel}'
            '</form>')


def settings_form(raw: dict[str, str], errors: dict[str, str]) -> str:
    fields = "".join(form_field("log-settings", item, raw.get(item.name, ""), errors.get(item.name))
                     for item in SETTINGS)
    summary = error_summary("log-settings", [InputError(n, m) for n, m in errors.items()], [])
    return ('<form class="sp-calc__form" data-tool-form="settings" data-tool-action="save-settings" novalidate '
            'aria-labelledby="log-settings-title">'
            f'<div id="log-settings-summary" tabindex="-1">{summary}</div>'
            f'<div class="sp-calc__fields">{fields}</div>'
            '<button type="submit" class="md-button">Save go-live date and tasks</button></form>')


def _cell(key: str, value, text: str) -> str:
    return f'<td data-result="{escape(key)}" data-value="{escape(data_value(value) if value is not None else "")}">{escape(text)}</td>'


def _value_text(value, places: int = 1, unit: str = "") -> str:
    return "–" if value is None else f"{format_number(value, places)}{unit}"


def entries_table(log: Log, go_live: dt.date | None) -> str:
    if not log.entries:
        return '<p class="sp-omitted">No days logged yet. Saved days appear here, newest last.</p>'
    names = [(n, log.settings[f"task_{n}_name"]) for n in (1, 2) if log.settings[f"task_{n}_name"]]
    head = ["Day", "Period", "Workday", "After hours", "Patients", "Disruptions"]
    head += [f"Clicks: {name}" for _, name in names] + ["Care delay", "Change"]
    rows = []
    for entry in log.entries:
        d = parse_inputs(ENTRY, entry)
        period = "–" if go_live is None else ("before" if d["date"] < go_live else "after")
        minutes = workday_minutes(d["start"], d["end"])
        label = _day(d["date"])
        cells = [period, f"{entry['start']}–{entry['end']} ({format_number(Fraction(minutes, 60), 1)} h)",
                 f"{entry['after_hours_minutes']} min", entry["patients"], entry["disruptions"]]
        cells += [entry[f"task_{n}_clicks"] or "–" for n, _ in names] + [entry["care_delay"] or "–"]
        actions = (f'<button type="button" class="md-button sp-small" data-tool-action="edit" '
                   f'data-tool-arg="{entry["date"]}" aria-label="Edit {label}">Edit</button> '
                   f'<button type="button" class="md-button sp-small" data-tool-action="delete" '
                   f'data-tool-arg="{entry["date"]}" aria-label="Delete {label}">Delete</button>')
        rows.append(f'<tr data-entry="{entry["date"]}"><th scope="row">{escape(label)}</th>'
                    + "".join(f"<td>{escape(c)}</td>" for c in cells) + f"<td>{actions}</td></tr>")
    head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    count = len(log.entries)
    return ('<div class="sp-scroll" role="region" aria-labelledby="log-entries-caption" tabindex="0">'
            f'<table class="sp-table sp-log-table"><caption id="log-entries-caption">{count} '
            f'{plural(count, "day", "days")} logged</caption>'
            f'<thead><tr>{head_html}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


METRICS = (
    # (key, label, places, unit)
    ("days", "Days logged", 0, ""),
    ("workday_hours", "Workday (hours)", 1, ""),
    ("after_hours_minutes", "After-hours charting (minutes a day)", 0, ""),
    ("patients", "Patients a day", 1, ""),
    ("minutes_per_patient", "Minutes per patient, workday and after hours", 1, ""),
    ("disruptions", "Technology disruptions a day", 1, ""),
    ("task_1_clicks", "Clicks for the first task", 0, ""),
    ("task_2_clicks", "Clicks for the second task", 0, ""),
    ("care_delays", "Days with a care delay", 0, ""),
)


def _percent_text(before, after) -> str:
    if before in (None, 0) or after is None:
        return "–"
    change = (Fraction(after) / before - 1) * 100
    return ("+" if change > 0 else "") + format_number(change, 0) + "%"


def summary_html(log: Log, summary: dict) -> str:
    if not log.entries:
        return ('<p class="sp-omitted">The summary appears here once you have logged a day. With a go-live '
                'date set, it compares the days before with the days after.</p>')
    labels = dict(METRICS_LABELS(log.settings))
    if summary["go_live"] is None:
        group = summary["all"]
        rows = "".join(f'<tr><th scope="row">{escape(labels[k])}</th>{_cell(f"all-{k}", group[k], _value_text(group[k], p))}</tr>'
                       for k, _, p, _ in METRICS if group[k] is not None)
        return ('<p>Set the go-live date (under <a href="#log-settings-title">Set up</a>) to compare the days before it '
                'with the days after.</p>'
                f'<table class="sp-table"><caption>Averages over every day logged</caption><thead><tr>'
                f'<th scope="col">Measure</th><th scope="col">All days</th></tr></thead><tbody>{rows}</tbody></table>')
    before, after = summary["before"], summary["after"]
    rows = []
    for key, _, places, _ in METRICS:
        if before[key] is None and after[key] is None:
            continue
        rows.append(f'<tr><th scope="row">{escape(labels[key])}</th>'
                    f'{_cell(f"before-{key}", before[key], _value_text(before[key], places))}'
                    f'{_cell(f"after-{key}", after[key], _value_text(after[key], places))}'
                    f'<td>{_percent_text(before[key], after[key]) if key not in ("days", "care_delays") else "–"}</td></tr>')
    table = ('<table class="sp-table sp-log-summary"><caption>Before and after go-live '
             f'({escape(_day(summary["go_live"]))}), averages per day logged</caption><thead><tr><th scope="col">Measure</th>'
             '<th scope="col">Before</th><th scope="col">After</th><th scope="col">Change</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    weeks = summary["weeks"]
    bars = [(f"{week_label(w)} ({n} {plural(n, 'day', 'days')})", hours, f"{format_number(hours, 1)} h")
            for w, n, hours in weeks]
    chart = charts.bars(bars, "After-hours charting, week by week around go-live",
                        "; ".join(f"{label}: {text}" for label, _, text in bars) + ".", "log-weeks")
    week_table = charts.table("After-hours charting by week", ("Week", "Days logged", "Hours"),
                              [(week_label(w), str(n), format_number(h, 1)) for w, n, h in weeks])
    raw, why = impact_inputs(summary)
    if raw is None:
        fill = f'<p class="sp-omitted">{escape(why)}</p>'
    else:
        from .impact import CALCULATOR as IMPACT
        fill = (f'<p><a class="md-button md-button--primary" data-tool-link="impact" '
                f'href="../../calculators/impact/#{escape(IMPACT.to_fragment(raw))}">Fill the impact calculator from this log</a> '
                f'<span class="sp-hint">Uses a {summary["days_per_week"]}-day week, the pattern in your log.</span></p>')
    delays = [(e["date"], e["care_delay"]) for e in log.entries if e["care_delay"]]
    delay_list = ("<h3>Care delays you noted</h3><ul>" + "".join(
        f"<li>{escape(_day(d))}: {escape(text)}</li>" for d, text in delays) + "</ul>") if delays else ""
    return (table + f'<div class="sp-chart-pair"><div>{chart}</div>{week_table}</div>' + fill + delay_list
            + '<p><a href="../packet/">Build the one-page meeting packet from this log</a></p>')


def METRICS_LABELS(settings: dict[str, str]):
    for key, label, _, _ in METRICS:
        if key.startswith("task_") and settings[key.replace("_clicks", "_name")]:
            label = f"Clicks for {settings[key.replace('_clicks', '_name')]}"
        yield key, label


def plan_html(raw: dict[str, str], errors: dict[str, str], stamp: dt.datetime) -> str:
    fields = "".join(form_field("log-plan", item, raw.get(item.name, ""), errors.get(item.name)) for item in PLAN)
    return ('<form class="sp-calc__form" data-tool-form="plan" data-tool-action="plan" data-tool-live novalidate '
            f'aria-label="Calendar reminders"><div class="sp-calc__fields">{fields}</div></form>'
            f'<div data-tool-region="plan-link">{plan_link(raw, stamp)}</div>')


def plan_link(raw: dict[str, str], stamp: dt.datetime) -> str:
    try:
        values = parse_inputs(PLAN, raw)
    except InputErrors:
        return '<p class="sp-omitted">Fix the fields above to get the calendar file.</p>'
    return (f'<p><a class="md-button" download="impact-log-reminders.ics" href="{calendar_file.data_url(calendar(values, stamp))}">'
            'Download the reminders (.ics)</a></p><p class="sp-hint">Ten minutes on '
            f'{escape(_day(values["setup_day"]))} at {values["setup_time"]:%H:%M} to set up, then a reminder '
            f'at {values["reminder_time"]:%H:%M} every day for {LOGGING_DAYS} days from the next day. Times are '
            'in your own time zone. Opens in Outlook, Google Calendar and Apple Calendar.</p>')


def notice(kind: str, title: str, body: str = "", actions: str = "") -> str:
    """A message about the last action, focusable so that keyboard and screen-reader users land on it."""
    return (f'<div class="sp-notice sp-notice--{kind}" role="group" aria-labelledby="log-notice-title">'
            f'<h2 class="sp-notice__title" id="log-notice-title" tabindex="-1">{escape(title)}</h2>'
            f'{body}{"<p>" + actions + "</p>" if actions else ""}</div>')


def damage_notice(damage: Damage, refused: bool = False) -> str:
    actions = ('<button type="button" class="md-button" data-tool-action="export-raw">Download the stored data as it is</button> ')
    if not damage.newer:
        actions += ('<button type="button" class="md-button" data-tool-action="export">Download what is readable (CSV)</button> '
                    '<button type="button" class="md-button" data-tool-action="repair">Keep only what is readable</button>')
    body = f"<p>{escape(damage.message)}</p>"
    if refused:
        body += "<p><strong>Nothing was saved</strong>, so that nothing stored is overwritten.</p>"
    body += ("<p>Nothing has been deleted. Download a copy first; then you can keep only the readable entries "
             "or import a CSV file.</p>" if not damage.newer else "")
    return notice("error", "Your stored log needs attention", body, actions)


def storage_warning(req) -> str:
    if req.storage == "local":
        return ""
    return notice("warning", "This browser is not keeping your log",
                  "<p>It refuses to let pages store data (a private window or a hospital policy can do this). "
                  "Your entries last until you close this tab: export them as CSV before you leave.</p>")


# --- What each action does ---------------------------------------------------------------------------

WRITES = {"save-entry", "delete", "undo", "save-settings", "import"}


def _fields(req, form: str, inputs) -> dict[str, str]:
    typed = req.form(form)
    return {item.name: text_of(typed, item.name) if text_of(typed, item.name) is not None else item.default_raw(req.today)
            for item in inputs}


def _regions(log: Log, req, stamp: dt.datetime, *, entry: bool = True, settings: bool = True) -> dict[str, str]:
    summary = summarise(log)
    regions = {"entries": entries_table(log, summary["go_live"]), "summary": summary_html(log, summary)}
    if entry:
        regions["entry"] = entry_form(log, {}, {}, today=req.today)
    if settings:
        regions["settings"] = settings_form(log.settings, {})
    return regions


def act(req) -> dict:
    stamp = dt.datetime.now(dt.timezone.utc)
    stored = req.stored.get(KEY)
    log, damage = load(stored)
    action = req.action
    reply: dict = {"regions": {"storage": storage_warning(req)}, "state": "ready", "announce": ""}
    regions = reply["regions"]

    def save(new_log: Log, *, entry=False, settings=False):
        reply["store"] = {KEY: dump(new_log)}
        regions.update(_regions(new_log, req, stamp, entry=entry, settings=settings))

    def tell(kind, title, body="", actions="", focus=True):
        regions["notice"] = notice(kind, title, body, actions)
        reply["announce"] = title
        if focus:
            reply["focus"] = "log-notice-title"

    if action == "load":
        regions.update(_regions(log, req, stamp))
        regions["plan"] = plan_html({item.name: item.default_raw(req.today) for item in PLAN}, {}, stamp)
        regions["notice"] = damage_notice(damage) if damage else ""
        count = len(log.entries)
        reply["announce"] = f"Log loaded: {count} {plural(count, 'day', 'days')}."
        return reply

    if action == "refresh":   # another tab changed the log: show it, keep what is typed here
        regions.update(_regions(log, req, stamp, entry=False, settings=False))
        regions["notice"] = damage_notice(damage) if damage else ""
        reply["announce"] = "The log was changed in another tab; the list and summary are up to date."
        return reply

    if action == "plan":
        raw = _fields(req, "plan", PLAN)
        try:
            parse_inputs(PLAN, raw)
            reply["errors"] = {"plan": {}}
        except InputErrors as failure:
            reply["errors"] = {"plan": {e.name: e.message for e in failure.errors}}
        regions["plan-link"] = plan_link(raw, stamp)
        return reply

    if damage and (action in WRITES or (action == "import" and log.entries)):
        regions["notice"] = damage_notice(damage, refused=True)
        reply["focus"] = "log-notice-title"
        reply["announce"] = "Nothing was saved: the stored log needs attention first."
        return reply

    if action == "save-entry":
        raw = _fields(req, "entry", ENTRY)
        editing = text_of_form(req, "entry", "editing")
        editing = editing if editing in log.dates() else ""
        errors = {}
        try:
            entry = clean(ENTRY, raw, req.today)
            if entry["date"] != editing and entry["date"] in log.dates():
                errors["date"] = (f"You already have an entry for {_day(entry['date'])}: use its Edit button "
                                  "in the list below, or choose another date")
        except InputErrors as failure:
            errors = {e.name: e.message for e in failure.errors}
        if not errors and len(log.entries) >= MAX_ENTRIES and not editing:
            errors["date"] = f"The log is full ({MAX_ENTRIES:,} days): export it and start a new one"
        if errors:
            regions["entry"] = entry_form(log, raw, errors, editing, req.today)
            reply["focus"] = "log-entry-summary"
            reply["state"] = "invalid"
            reply["announce"] = f"There is a problem: {len(errors)} {plural(len(errors), 'thing needs', 'things need')} fixing."
            return reply
        new_log = log.with_entry(entry, replacing=editing or None)
        save(new_log)
        next_day = dt.date.fromisoformat(entry["date"]) + dt.timedelta(days=1)
        regions["entry"] = entry_form(new_log, {"date": next_day.isoformat() if not editing else req.today.isoformat(),
                                                "start": entry["start"], "end": entry["end"]}, {}, today=req.today)
        tell("done", f"{'Updated' if editing else 'Saved'} the entry for {_day(entry['date'])}.")
        return reply

    if action == "edit":
        entry = log.entry(req.arg)
        if entry is None:
            tell("error", "That entry is no longer in the log.")
            return reply
        regions["entry"] = entry_form(log, entry, {}, req.arg, req.today)
        reply["focus"] = "log-entry-date"
        reply["announce"] = f"Editing the entry for {_day(req.arg)}."
        return reply

    if action == "cancel-edit":
        regions["entry"] = entry_form(log, {}, {}, today=req.today)
        reply["focus"] = "log-entry-title"
        reply["announce"] = "Editing cancelled; nothing was changed."
        return reply

    if action == "delete":
        entry = log.entry(req.arg)
        if entry is None:
            tell("error", "That entry is no longer in the log.")
            return reply
        save(log.without(req.arg))
        undo = (f'<button type="button" class="md-button" data-tool-action="undo" '
                f'data-tool-arg="{escape(json.dumps(entry))}">Undo</button>')
        tell("done", f"Deleted the entry for {_day(req.arg)}.", actions=undo)
        return reply

    if action == "undo":
        try:
            raw = json.loads(req.arg)
            entry = clean(ENTRY, {k: v for k, v in raw.items() if isinstance(v, str)}) if isinstance(raw, dict) else None
        except (ValueError, CalcError):
            entry = None
        if entry is None or entry["date"] in log.dates():
            tell("error", "The entry could not be put back: that day already has an entry.")
            return reply
        save(log.with_entry(entry))
        tell("done", f"Put back the entry for {_day(entry['date'])}.")
        return reply

    if action == "save-settings":
        raw = _fields(req, "settings", SETTINGS)
        try:
            settings = clean(SETTINGS, raw)
        except InputErrors as failure:
            errors = {e.name: e.message for e in failure.errors}
            regions["settings"] = settings_form(raw, errors)
            reply.update(focus="log-settings-summary", state="invalid",
                         announce=f"There is a problem: {len(errors)} {plural(len(errors), 'thing needs', 'things need')} fixing.")
            return reply
        new_log = Log(settings, log.entries)
        save(new_log, settings=True)
        typed = {k: v for k, v in _fields(req, "entry", ENTRY).items()}
        editing = text_of_form(req, "entry", "editing") or ""
        regions["entry"] = entry_form(new_log, typed, {}, editing if editing in log.dates() else "", req.today)
        tell("done", "Saved the go-live date and task names.")
        return reply

    if action == "export":
        if not (damage.readable if damage else log).entries:
            tell("warning", "There is nothing to export yet: the log has no days.")
            return reply
        reply["download"] = {"name": f"impact-log-{req.today.isoformat()}.csv", "type": "text/csv",
                             "text": to_csv(damage.readable if damage else log)}
        count = len((damage.readable if damage else log).entries)
        reply["announce"] = f"Exported {count} {plural(count, 'day', 'days')} as CSV."
        return reply

    if action == "export-raw":
        reply["download"] = {"name": f"impact-log-stored-{req.today.isoformat()}.txt", "type": "text/plain",
                             "text": stored or ""}
        reply["announce"] = "Downloaded the stored data exactly as it is."
        return reply

    if action == "repair":
        if not damage:
            tell("done", "The stored log is fine; nothing needed repairing.")
            return reply
        if damage.newer:
            regions["notice"] = damage_notice(damage, refused=True)
            reply["focus"] = "log-notice-title"
            return reply
        save(damage.readable, entry=True, settings=True)
        count = len(damage.readable.entries)
        tell("done", f"Kept the {count} readable {plural(count, 'entry', 'entries')}; the unreadable data is gone.")
        return reply

    if action in ("import", "import-confirmed"):
        file = req.file or {}
        size = file.get("size") if isinstance(file.get("size"), (int, float)) else len(file.get("text") or "")
        too_big = size > MAX_FILE_BYTES
        if not isinstance(file.get("text"), str) and not too_big:
            tell("error", "The file could not be imported.",
                 "<p>No file was read. Choose a CSV file exported from this page.</p>")
            return reply
        if too_big or len(file["text"]) > MAX_FILE_BYTES:
            tell("error", "The file could not be imported.", f"<p>It is larger than {MAX_FILE_BYTES // 1_000_000} MB, far more "
                 "than any log. Your log was not changed.</p>")
            return reply
        try:
            imported = from_csv(file["text"])
        except ImportProblems as failure:
            shown = failure.problems[:10]
            more = len(failure.problems) - len(shown)
            items = "".join(f"<li>{escape(p)}</li>" for p in shown)
            if more:
                items += f"<li>…and {more} more.</li>"
            tell("error", f"The file {str(file.get('name') or '')[:80]} could not be imported. Your log was not changed.",
                 f"<ul>{items}</ul><p>Fix the file (or export a fresh one from this page) and import it again.</p>")
            reply["state"] = "invalid"
            return reply
        count = len(imported.entries)
        if action == "import" and (log.entries or damage):
            tell("warning", f"Replace your log with the {count} {plural(count, 'day', 'days')} in this file?",
                 f"<p>This browser holds {len(log.entries)} {plural(len(log.entries), 'day', 'days')}"
                 f"{' and data that could not be read' if damage else ''}. Importing replaces all of it. Export "
                 "first if you want to keep a copy.</p>",
                 '<button type="button" class="md-button md-button--primary" data-tool-action="import-confirmed">'
                 'Replace my log</button> <button type="button" class="md-button" data-tool-action="cancel">Keep my log</button>')
            return reply
        save(imported, entry=True, settings=True)
        tell("done", f"Imported {count} {plural(count, 'day', 'days')} from {str(file.get('name') or 'the file')[:80]}.")
        return reply

    if action == "delete-all":
        count = len(log.entries)
        tell("warning", f"Delete all {count} {plural(count, 'day', 'days')} and the settings from this browser?",
             "<p>This cannot be undone. Export the log first if you might want it back.</p>",
             '<button type="button" class="md-button sp-button--danger" data-tool-action="delete-all-confirmed">'
             'Delete everything</button> <button type="button" class="md-button" data-tool-action="cancel">Cancel</button>')
        return reply

    if action == "delete-all-confirmed":
        save(Log(), entry=True, settings=True)
        tell("done", "Deleted the whole log from this browser.")
        return reply

    if action == "cancel":
        regions["notice"] = damage_notice(damage) if damage else ""
        reply["focus"] = "log-data-title"
        reply["announce"] = "Cancelled; nothing was changed."
        return reply

    raise CalcError(f"The log does not know the action {action[:40]!r}")


def text_of_form(req, form: str, name: str) -> str | None:
    return text_of(req.form(form), name)


def page(today: dt.date) -> str:
    """The log as the build writes it: empty regions and a status line; the runtime fills them from
    the reader's browser storage."""
    return tool_root((KEY,), SLUG, "The log keeps your days in this browser, which needs JavaScript. With it "
                     "turned off, nothing can be saved.",
        '<div data-tool-region="storage"></div>'
        '<div data-tool-region="notice"></div>'
        f'<div data-tool-region="entry">{entry_form(Log(), {}, {}, today=today)}</div>'
        '<h2 id="log-entries-title">Your days</h2>'
        f'<div data-tool-region="entries">{entries_table(Log(), None)}</div>'
        '<h2 id="log-summary-title">Before and after</h2>'
        f'<div data-tool-region="summary">{summary_html(Log(), summarise(Log()))}</div>'
        '<h2 id="log-settings-title">Set up: go-live date and tasks</h2>'
        '<p>Once, at the start. The go-live date splits your days into before and after; the tasks are the '
        'ones whose clicks you count.</p>'
        f'<div data-tool-region="settings">{settings_form({}, {})}</div>'
        '<h2 id="log-plan-title">Reminders for your calendar</h2>'
        '<p>Ten minutes this week to set up, then a reminder at the end of each day for two weeks.</p>'
        f'<div data-tool-region="plan">{plan_html({i.name: i.default_raw(today) for i in PLAN}, {}, dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc))}</div>'
        '<h2 id="log-data-title" tabindex="-1">Your data</h2>'
        '<p>The log lives only in this browser on this device. Export it to keep a copy, to move it to another '
        'device, or to open it in a spreadsheet.</p>'
        '<div class="sp-tool__actions">'
        '<button type="button" class="md-button" data-tool-action="export">Export as CSV</button>'
        '<span class="sp-file"><label for="log-import">Import a CSV file (replaces the log, after asking)</label>'
        '<input type="file" id="log-import" accept=".csv,text/csv" data-tool-file="import"></span>'
        '<button type="button" class="md-button sp-button--danger" data-tool-action="delete-all">Delete the whole log</button>'
        '</div>')


TOOL = Tool(slug=SLUG, title="Impact log", keys=(KEY,), act=act, page=page)
