"""The two-week impact log's data: one entry per clinical day, kept in the reader's browser, written
to and read from CSV, and summarised before and after go-live. The page around it is page.py.

The log is stored as JSON under a versioned schema:
    {"schema": 1, "settings": {"go_live": "", "task_1_name": "", "task_2_name": ""},
     "entries": [{"date": "2026-11-02", "start": "07:30", ...}, ...]}
Every value is kept as its canonical string (what `Input.canonical` writes), entries sorted by
date, one per date. CSV uses the same names as columns, with the settings repeated on every row.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from fractions import Fraction

from ...framework import calendar_file, limits
from ...framework.ehr_measures import per_8_hours
from ...framework.inputs import Date, Doubt, InputError, InputErrors, Number, Text, Time, UserError, parse_inputs
from ...framework.numbers import exact_text, format_number, input_text, plural, whole
from ...framework.profile import DEFAULT as DEFAULT_PROFILE
from ...framework.profile import Profile
from ...framework.storage import Unreadable, read_json

SCHEMA = 1
KEY = "log"
MAX_ENTRIES = 1000
MAX_FILE_BYTES = 1_000_000
LOGGING_DAYS = 14

# fmt: off
_SETTINGS = (
    Date("go_live", "Go-live date",
         "The day the change reached you. Days before it count as before; from it on, as after. Written as "
         "year-month-day.",
         None, optional=True, example="2026-11-02"),
    Text("task_1_name", "First task you count",
         "A common task whose clicks you count, like “discharge summary”. Leave blank if you count none.",
         max_length=60),
    Text("task_2_name", "Second task you count", "Optional.", max_length=60),
    Number("days_per_week", "{Days} you work a week", "{days}",
           "Leave blank to take it from the days you logged; set it if you skip logging some days.", None, 1, 7,
           whole=True, optional=True, example="4"),
)
# fmt: on
# Added after logs were first exported: older files lack them (placed after ENTRY, below).

DISRUPTION_CAUSES = (  # (name, label, hint): the causes a disruption can be counted under
    ("login", "login", "Forced logouts, passwords, badge or two-factor prompts."),
    ("device", "device", "A computer, workstation on wheels, phone or printer that failed."),
    ("scanner", "scanner", "Barcode or document scanners that did not read."),
    ("downtime", "downtime", "The EHR or a connected system down or too slow to use."),
    ("other", "other", "Anything else."),
)
DETAIL_FIELDS = ("scheduled_hours", "ehr_minutes", "inbox_minutes", "messages") + tuple(
    f"disruptions_{cause}" for cause, _, _ in DISRUPTION_CAUSES
)

# fmt: off
_ENTRY = (  # in the profile's words: see entry_inputs
    Date("date", "Date", "The {day} this entry is for (a night shift: the date it started).", lambda today: today,
         example="2026-11-02",
         days_ahead=1),
    Time("start", "{Workday} started", "When your {workday} began, like 07:30."),
    Time("end", "{Workday} ended",
         "When you left, like 18:15. An end before the start counts as the next morning; the same time as the "
         "start counts as 24 hours.",
         example="18:15"),
    Number("after_hours_minutes", "After-hours charting", "minutes",
           "Charting you did outside the {workday}: after it ended (after handover, on a unit) or later at home.", "0",
           0, limits.MINUTES_IN_A_DAY, whole=True, example="45"),
    # For hourly (non-exempt) staff: time the Fair Labor Standards Act says is paid work (29 CFR 785).
    Number("off_clock_minutes", "Worked off the clock", "minutes",
           "Minutes you worked after clocking out or before clocking in: charting, report, a hand-off. If you are "
           "paid by the hour, that time must be paid. Leave blank if you are salaried.", None, 0,
           limits.MINUTES_IN_A_DAY, whole=True, optional=True, example="25"),
    Number("missed_breaks", "Meal breaks missed or interrupted", "breaks",
           "Meal breaks you did not get, or were called back from, that {day}. If you are paid by the hour, a "
           "break you were not fully relieved for is paid work. Leave blank if it does not apply.", None, 0, 5,
           whole=True, optional=True, example="1"),
    Number("patients", "Patients seen", "patients", "Patients you cared for in that {day}.", None, 0, 200, whole=True,
           example="14"),
    Number("disruptions", "Technology disruptions", "times", "Downtime, forced logouts, device or login failures.",
           "0", 0, 500, whole=True, example="2"),
    Number("task_1_clicks", "Clicks for the first task", "clicks",
           "Clicks (or screens) the first task took; an average if you did it more than once.", None, 0, 10000,
           whole=True, optional=True, example="30"),
    Number("task_2_clicks", "Clicks for the second task", "clicks", "The same, for the second task.", None, 0, 10000,
           whole=True, optional=True, example="30"),
    # The details below are optional (the form keeps them folded): they give the published
    # per-8-hour measures (framework/ehr_measures.py) and disruptions by cause.
    Number("scheduled_hours", "Scheduled patient hours", "hours",
           "Hours scheduled for patient care that {day}, or 0 for a day off you still charted on: the published "
           "measures count per 8 of them. Kept from your last entry.", None, 0, limits.HOURS_IN_A_DAY,
           optional=True, example="8"),
    Number("ehr_minutes", "Time in the EHR during the {workday}", "minutes",
           "Your best estimate of charting and other EHR work while at work, or the EHR's own figure.", None, 0,
           limits.MINUTES_IN_A_DAY, whole=True, optional=True, example="180"),
    Number("inbox_minutes", "Inbox time", "minutes", "Messages, results and refills, at work and at home.", None,
           0, limits.MINUTES_IN_A_DAY, whole=True, optional=True, example="60"),
    Number("messages", "Messages handled", "messages", "Inbox messages you dealt with that {day}.", None, 0, 2000,
           whole=True, optional=True, example="40"),
    *(Number(f"disruptions_{cause}", f"Disruptions: {label}", "times", hint, None, 0, 500, whole=True,
             optional=True, example="1")
      for cause, label, hint in DISRUPTION_CAUSES),
    Text("care_delay", "Care delayed by technology",
         "One line if it happened: what, how long, why. Leave out names and anything that identifies a patient.",
         max_length=300, example="CT order held 40 min by an order-entry error"),
)
# fmt: on


PAY_FIELDS = ("off_clock_minutes", "missed_breaks")  # added in December 2026: older files lack them
# Physicians, NPs and PAs on salary are usually exempt from overtime rules (29 CFR 541): the same
# fields, worded for the few who are paid by the hour.
_SALARIED = {
    "off_clock_minutes": {"label": "Worked off the clock (hourly pay only)",
                          "hint": "Only if you are paid by the hour: minutes you worked after clocking out or "
                                  "before clocking in, which must be paid. Salaried clinicians leave it blank."},
    "missed_breaks": {"label": "Meal breaks missed (hourly pay only)",
                      "hint": "Only if you are paid by the hour: meal breaks you did not get, or were called "
                              "back from, that {day}. Salaried clinicians leave it blank."},
}  # fmt: skip


def entry_inputs(profile: Profile = DEFAULT_PROFILE) -> tuple:
    """A day's fields in the reader's words (a nurse on shifts logs a shift, not a workday; the pay
    fields speak to hourly staff, and to physicians, NPs and PAs only if they are paid by the hour)."""
    salaried = _SALARIED if profile.role != "nurse" else {}
    return tuple(profile.worded(item, **salaried.get(item.name, {})) for item in _ENTRY)


def settings_inputs(profile: Profile = DEFAULT_PROFILE) -> tuple:
    """The log's settings in the reader's words (shifts a week, not clinic days)."""
    return tuple(profile.worded(item) for item in _SETTINGS)


ENTRY = entry_inputs()
SETTINGS = settings_inputs()
OPTIONAL_COLUMNS = {"days_per_week", *DETAIL_FIELDS, *PAY_FIELDS}
COLUMNS = tuple(item.name for item in ENTRY) + tuple(item.name for item in SETTINGS) + ("log_version",)
TEXT_COLUMNS = {item.name for item in ENTRY + SETTINGS if isinstance(item, Text)}


@dataclass
class Log:
    settings: dict[str, str] = field(default_factory=lambda: {item.name: "" for item in SETTINGS})
    entries: list[dict[str, str]] = field(default_factory=list)  # canonical strings, sorted by date

    def dates(self) -> list[str]:
        return [entry["date"] for entry in self.entries]

    def entry(self, date: str) -> dict[str, str] | None:
        return next((e for e in self.entries if e["date"] == date), None)

    def with_entry(self, entry: dict[str, str], replacing: str | None = None) -> Log:
        kept = [e for e in self.entries if e["date"] not in (entry["date"], replacing)]
        return Log(dict(self.settings), sorted(kept + [entry], key=lambda e: e["date"]))

    def without(self, date: str) -> Log:
        return Log(dict(self.settings), [e for e in self.entries if e["date"] != date])


def canonical(inputs, values: dict) -> dict[str, str]:
    return {item.name: item.canonical(values[item.name]) for item in inputs}


def clean(inputs, raw: dict[str, str], today: dt.date | None = None) -> dict[str, str]:
    """Raw strings -> canonical strings, or InputErrors naming each field."""
    return canonical(inputs, parse_inputs(inputs, raw, today))


# --- Browser storage -------------------------------------------------------------------------------


def dump(log: Log) -> str:
    return json.dumps(
        {"schema": SCHEMA, "settings": log.settings, "entries": log.entries}, ensure_ascii=False, separators=(",", ":")
    )


@dataclass
class Damage:
    """Stored data that could not all be read. `readable` holds what could; nothing is written over
    the stored text until the reader chooses to."""

    message: str
    readable: Log
    newer: bool = False


def load(text: str | None) -> tuple[Log, Damage | None]:
    """The stored log, and what could not be read of it. Never raises: whatever the stored text
    holds, the page loads and offers to download it as it is."""
    try:
        return _load(text)
    except Exception as error:  # the load boundary: a damaged log must not stop the page
        why = error if isinstance(error, Unreadable) else "it could not be read"
        return Log(), Damage(f"The log stored in this browser is not readable at all ({why}).", Log())


def _load(text: str | None) -> tuple[Log, Damage | None]:
    if not text:
        return Log(), None
    data = read_json(text)
    if not isinstance(data, dict) or not isinstance(data.get("schema"), int):
        return Log(), Damage(
            "The log stored in this browser has no version number, so none of it could be read.", Log()
        )
    if data["schema"] > SCHEMA:
        return Log(), Damage(
            f"The log in this browser was saved by a newer version of Scope & Pace (log "
            f"version {data['schema']}; this page reads version {SCHEMA}). Reload the page to "
            "get the newer version.",
            Log(),
            newer=True,
        )
    problems = []
    settings = data.get("settings")
    try:
        if not isinstance(settings, dict) or not all(isinstance(v, str) for v in settings.values()):
            raise UserError("settings")
        kept_settings = clean(SETTINGS, settings)
    except UserError:
        kept_settings = Log().settings
        problems.append("the go-live date and task names")
    entries, bad = {}, 0
    raw_entries = data.get("entries")
    for raw in raw_entries if isinstance(raw_entries, list) else []:
        try:
            if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
                raise UserError("entry")
            entry = clean(ENTRY, raw)
        except UserError:
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
        return log, Damage(
            f"Part of the log stored in this browser could not be read: {' and '.join(problems)}. "
            f"{len(log.entries)} {plural(len(log.entries), 'entry is', 'entries are')} readable.",
            log,
        )
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
    """The log as CSV text, starting with a byte-order mark so that Excel reads it as UTF-8."""
    import csv  # here, as in from_csv: the log page's first answer does not need it

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in log.entries:
        row = {**dict.fromkeys(OPTIONAL_COLUMNS, ""), **entry, **log.settings, "log_version": str(SCHEMA)}
        writer.writerow([_cell_out(c, row[c]) for c in COLUMNS])
    return out.getvalue()


class ImportProblems(UserError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def from_csv(text: str, today: dt.date | None = None) -> Log:
    """A CSV file -> a Log, or ImportProblems naming the row (as a spreadsheet numbers it, the header
    being row 1) and the column of each problem."""
    import csv

    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ImportProblems(["The file is empty."])
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        raise ImportProblems([f"The file is not a readable CSV file ({error})."]) from None
    header = [h.strip() for h in rows[0]]
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL_COLUMNS]
    unknown = [h for h in header if h not in COLUMNS]
    problems = []
    if unknown:
        problems.append(
            f"Row 1: the column{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(u[:40]) for u in unknown[:5])} {'are' if len(unknown) > 1 else 'is'} "
            "not part of a Scope & Pace log."
        )
    if missing:
        problems.append(
            f"Row 1: the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"{'are' if len(missing) > 1 else 'is'} missing. Export a log from this page to see the columns."
        )
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
        cells = dict.fromkeys(OPTIONAL_COLUMNS, "") | {c: _cell_in(c, v) for c, v in zip(header, row, strict=True)}
        version = cells["log_version"].strip()
        if version != str(SCHEMA):
            newer = version.isdecimal() and int(version) > SCHEMA
            raise ImportProblems(
                [
                    f"Row {number}, column log_version: "
                    + (
                        f"this file was saved by a newer version of Scope & Pace (log version "
                        f"{version}); this page reads version {SCHEMA}. Reload the page to get the newer version."
                        if newer
                        else f"the log version must be {SCHEMA}, not {version[:20]!r}."
                    )
                ]
            )
        try:
            entry = clean(ENTRY, cells, today)
            these = clean(SETTINGS, cells)
            if found := entry_problems(entry):
                raise InputErrors(found)
        except InputErrors as failure:
            problems += [f"Row {number}, column {e.name}: {e.message}." for e in failure.errors]
            continue
        if entry["date"] in entries:
            problems.append(
                f"Row {number}, column date: {entry['date']} is already in row "
                f"{entries[entry['date']][0]}; a log has one entry a day."
            )
            continue
        entries[entry["date"]] = (number, entry)
        if settings is None:
            settings = (number, these)
        elif these != settings[1]:
            differs = next(name for name in these if these[name] != settings[1][name])
            problems.append(
                f"Row {number}, column {differs}: it differs from row {settings[0]}; every row "
                "carries the same go-live date and task names."
            )
    if problems:
        raise ImportProblems(problems)
    return Log(settings[1], [entries[d][1] for d in sorted(entries)])


# --- Summaries -----------------------------------------------------------------------------------------


LONG_DAY_HOURS = limits.LONG_DAY_HOURS  # a day or shift longer than this is asked about before it is saved


DAY_LIMIT_FIELDS = ("start", "end", "after_hours_minutes", "scheduled_hours", "inbox_minutes")


def _day_limits(entry: dict[str, str], profile: Profile = DEFAULT_PROFILE) -> list:
    """The limits of a day (framework/limits.py) for one entry: errors for what cannot be, doubts
    for what is possible but probably a slip."""
    given = {name: entry[name] for name in DAY_LIMIT_FIELDS if entry.get(name) is not None}
    d = {name: None for name in DAY_LIMIT_FIELDS} | parse_inputs(tuple(i for i in ENTRY if i.name in given), given)
    workday = profile.words["workday"]
    start, end = d["start"], d["end"]
    minutes = workday_minutes(start, end)
    hours = Fraction(minutes, 60)
    found = []
    overnight = (end.hour, end.minute) <= (start.hour, start.minute)
    if overnight and not profile.shifts:
        found.append(Doubt(
            "end",
            f"{workday.capitalize()} ended at {entry['end']}, before it started at {entry['start']}, so it counts as "
            f"ending the next morning: a {format_number(hours, 1)}-hour day. If you meant the evening, write the "
            f"end on the 24-hour clock, like {(end.hour + 12) % 24:02d}:{end.minute:02d}. Is the next morning right?"
            if end.hour < 12
            else f"{workday.capitalize()} ended at {entry['end']}, before it started at {entry['start']}, so it "
            f"counts as ending the next day: a {format_number(hours, 1)}-hour day. Is that right?",
            f"end=overnight-{minutes}",
        ))  # fmt: skip
    else:
        found += limits.day("end", hours, f"{workday.capitalize()} ended at {entry['end']}: a {workday} of")
    after = d["after_hours_minutes"] or 0
    if after and not any(isinstance(f, Doubt) and f.name == "end" for f in found):
        found += limits.minutes_in_a_day(
            "after_hours_minutes",
            minutes + after,
            f"After-hours charting ({format_number(after)} minutes) on top of a {format_number(hours, 1)}-hour "
            f"{workday} makes a day of",
        )
    scheduled = d["scheduled_hours"]
    if scheduled is not None:
        found += limits.rarely_over(
            "scheduled_hours",
            scheduled,
            hours,
            "Scheduled patient hours come to",
            f"the {format_number(hours, 1)}-hour {workday} itself",
        )
    inbox = d["inbox_minutes"]
    if inbox is not None:
        found += limits.rarely_over(
            "inbox_minutes",
            Fraction(inbox, 60),
            Fraction(minutes + after, 60),
            "Inbox time comes to",
            f"the {workday} and the after-hours charting together ({format_number(Fraction(minutes + after, 60), 1)} "
            "hours)",
        )
    return found


def doubts(entry: dict[str, str], profile: Profile = DEFAULT_PROFILE) -> list[Doubt]:
    """What is possible but probably a slip about a day, each naming its field, for the reader to
    confirm before it is saved: an end before the start in clinic (a night shift ends the next
    morning; a clinic day rarely does), a day longer than LONG_DAY_HOURS, scheduled or inbox time
    longer than the day."""
    return [found for found in _day_limits(entry, profile) if isinstance(found, Doubt)]


def implausible(entry: dict[str, str], profile: Profile = DEFAULT_PROFILE) -> list[str]:
    """The doubts about a day, as sentences."""
    return [found.message for found in doubts(entry, profile)]


def entry_problems(entry: dict[str, str], profile: Profile = DEFAULT_PROFILE) -> list[InputError]:
    """Rules across a day's fields (the fields themselves are checked by parse_inputs): the causes
    counted cannot exceed the disruptions, nor time in the EHR the workday."""
    d = parse_inputs(ENTRY, entry)
    found = []
    causes = sum(d[f"disruptions_{cause}"] or 0 for cause, _, _ in DISRUPTION_CAUSES)
    if causes > d["disruptions"]:
        found.append(InputError(
            "disruptions",
            f"The causes you counted add up to {causes}, more than the {d['disruptions']} "
            f"{plural(d['disruptions'], 'disruption', 'disruptions')} entered: "
            f"enter at least {causes}"))  # fmt: skip
    if d["ehr_minutes"] is not None and d["ehr_minutes"] > workday_minutes(d["start"], d["end"]):
        found.append(InputError(
            "ehr_minutes",
            f"Time in the EHR during the {profile.words['workday']} cannot be more than the "
            f"{profile.words['workday']} itself, "
            f"{workday_minutes(d['start'], d['end'])} minutes"))  # fmt: skip
    return found + [found for found in _day_limits(entry, profile) if isinstance(found, InputError)]


def workday_minutes(start: dt.time, end: dt.time) -> int:
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return minutes if minutes > 0 else minutes + limits.MINUTES_IN_A_DAY


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
        **_unpaid(days),
        **_measures(days),
    }


def _unpaid(days: list[dict]) -> dict:
    """Time that hourly staff must be paid for, over the days it was entered on (None: never entered):
    minutes worked off the clock, in all and a day, and meal breaks missed, in all."""
    off = [d["off_clock_minutes"] for d in days if d["off_clock_minutes"] is not None]
    breaks = [d["missed_breaks"] for d in days if d["missed_breaks"] is not None]
    return {
        "off_clock_minutes": _mean(off),
        "off_clock_total_minutes": sum(off) if off else None,
        "missed_breaks": sum(breaks) if breaks else None,
    }


def _measures(days: list[dict]) -> dict:
    """The published units, where the days logged allow: each over the days that have what it needs."""
    scheduled = [d for d in days if d["scheduled_hours"] is not None]
    hours = sum(d["scheduled_hours"] for d in scheduled)
    with_inbox = [d for d in scheduled if d["inbox_minutes"] is not None]
    inbox_hours = sum(d["scheduled_hours"] for d in with_inbox)
    ehr = [d for d in days if d["ehr_minutes"] is not None]
    ehr_patients = sum(d["patients"] for d in ehr)
    out = {
        "scheduled_hours": _mean([d["scheduled_hours"] for d in scheduled]),
        "outside8": per_8_hours(Fraction(sum(d["after_hours_minutes"] for d in scheduled), 60), hours)
        if hours
        else None,
        "inbox8": per_8_hours(Fraction(sum(d["inbox_minutes"] for d in with_inbox), 60), inbox_hours)
        if inbox_hours
        else None,
        "inbox_minutes": _mean([d["inbox_minutes"] for d in days if d["inbox_minutes"] is not None]),
        "messages": _mean([d["messages"] for d in days if d["messages"] is not None]),
        "ehr_minutes_per_patient": Fraction(sum(d["ehr_minutes"] for d in ehr), ehr_patients) if ehr_patients else None,
        "ehr_share": Fraction(
            sum(d["ehr_minutes"] for d in ehr) * 100, sum(workday_minutes(d["start"], d["end"]) for d in ehr)
        )
        if ehr
        else None,
    }
    counted = [d for d in days if any(d[f"disruptions_{c}"] is not None for c, _, _ in DISRUPTION_CAUSES)]
    for cause, _, _ in DISRUPTION_CAUSES:
        out[f"disruptions_{cause}"] = _mean([d[f"disruptions_{cause}"] or 0 for d in counted])
    return out


def summarise(log: Log) -> dict:
    """Before/after averages per metric, and after-hours charting week by week around go-live."""
    days = [parse_inputs(ENTRY, e) for e in log.entries]
    settings = parse_inputs(SETTINGS, log.settings)
    stated, go_live = settings["days_per_week"], settings["go_live"]
    if go_live is None:
        return {
            "go_live": None,
            "all": _group(days),
            "before": None,
            "after": None,
            "weeks": [],
            "days_per_week": stated or _days_per_week(days),
            "days_per_week_stated": bool(stated),
        }
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
        "days_per_week": stated or _days_per_week(days),
        "days_per_week_stated": bool(stated),
    }


def _days_per_week(days: list[dict]) -> int | None:
    """Clinical days a week, as the log shows them: entries per calendar week (Monday to Sunday)
    that has any, rounded, at least 1."""
    weeks = {d["date"].isocalendar()[:2] for d in days}
    if not weeks:
        return None
    return min(7, max(1, whole(Fraction(len(days), len(weeks)))))


MAX_CHART_WEEKS = 12  # more weeks than this are drawn in groups, so that a chart stays readable


def chart_weeks(weeks: list[tuple[int, int, Fraction]]) -> list[tuple[str, int, Fraction]]:
    """The weeks of a summary as a chart shows them: (label, days logged, after-hours hours a
    week). Up to MAX_CHART_WEEKS, one bar a week; beyond, consecutive weeks in groups of equal
    size, each bar the average week of its group."""
    if len(weeks) <= MAX_CHART_WEEKS:
        return [(week_label(w), n, hours) for w, n, hours in weeks]
    size = -(-len(weeks) // MAX_CHART_WEEKS)
    grouped = []
    for start in range(0, len(weeks), size):
        group = weeks[start : start + size]
        first, last = group[0][0], group[-1][0]
        label = week_label(first) if first == last else f"Weeks {first:+d} to {last:+d}".replace("+0", "0")
        grouped.append((label, sum(n for _, n, _ in group), sum(h for _, _, h in group) / len(group)))
    return grouped


def week_label(week: int) -> str:
    if week == 0:
        return "Go-live week"
    n = abs(week)
    return f"{n} {plural(n, 'week', 'weeks')} {'before' if week < 0 else 'after'}"


def impact_inputs(summary: dict) -> tuple[dict[str, str] | None, str]:
    """The impact calculator's inputs, filled from the log: (raw inputs, "") or (None, why not)."""
    from ..impact import COMPONENT as IMPACT

    before, after = summary["before"], summary["after"]
    if summary["go_live"] is None:
        return None, "Set the go-live date to split the log into before and after."
    if not before["days"] or not after["days"]:
        return None, "The log needs at least one day before go-live and one from go-live on."
    per_week = summary["days_per_week"]
    raw = {"clinic_days_per_week": str(per_week)}
    for side, group in (("before", before), ("after", after)):
        # Exact (a fraction where the decimal never ends): the calculator works out the very same
        # minutes per patient as the log, rounded once, when shown, and the same way.
        raw[f"patients_per_day_{side}"] = exact_text(group["patients"])
        raw[f"workday_hours_{side}"] = exact_text(group["workday_hours"])
        raw[f"after_hours_{side}"] = exact_text(group["after_hours_minutes"] * per_week / 60)
        raw[f"disruptions_{side}"] = exact_text(group["disruptions"] * per_week)
    if before["task_1_clicks"] is not None and after["task_1_clicks"] is not None:
        raw["clicks_before"] = input_text(before["task_1_clicks"], 0)
        raw["clicks_after"] = input_text(after["task_1_clicks"], 0)
    else:
        raw["clicks_before"] = raw["clicks_after"] = ""
    try:
        IMPACT.parse(raw)
    except InputErrors as failure:
        return None, "The log's numbers do not fit the calculator: " + "; ".join(
            e.message for e in failure.errors
        ) + "."
    return raw, ""


# --- The calendar file: ten minutes this week to start, then a daily reminder ------------------------

# fmt: off
PLAN = (
    Date("setup_day", "Day to set up the log", "A day this week with ten minutes to spare.", lambda today: today),
    Time("setup_time", "Time to set up", "When those ten minutes start, like 12:30.", "12:30", example="12:30"),
    Time("reminder_time", "Daily reminder at", "When your day or shift usually ends, like 18:30.", "18:30", example="18:30"),
)
# fmt: on


def reminders(values: dict, stamp: dt.datetime) -> str:
    setup = dt.datetime.combine(values["setup_day"], values["setup_time"])
    first = dt.datetime.combine(values["setup_day"] + dt.timedelta(days=1), values["reminder_time"])
    uid = f"log-{setup:%Y%m%dT%H%M}"
    return calendar_file.calendar(
        "Impact log",
        [
            calendar_file.event(
                f"{uid}-setup",
                stamp,
                setup,
                "Set up my two-week impact log",
                "Ten minutes: open Scope & Pace, set the go-live date, choose one or two tasks whose clicks to count.",
                minutes=10,
                alarm=True,
            ),
            calendar_file.event(
                f"{uid}-daily",
                stamp,
                first,
                "Log today (two minutes)",
                "Start and end of the day, after-hours charting, patients, disruptions, any care delay.",
                minutes=5,
                daily_count=LOGGING_DAYS,
                alarm=True,
            ),
        ],
    )
