"""The impact log and the meeting packet, natively: summaries against hand-computed examples, the
CSV round trip, every import rejection leaving storage alone, damaged storage, calendar files, and
hostile text staying text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from fractions import Fraction
from html import escape as html_escape
from html import unescape as html_unescape

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import COMPONENTS
from calculators.browser import handle
from calculators.components.impact import COMPONENT as IMPACT
from calculators.components.impact_log import data as impact_log
from calculators.components.impact_log.data import (
    DISRUPTION_CAUSES,
    ENTRY,
    Log,
    dump,
    from_csv,
    load,
    summarise,
    to_csv,
)
from calculators.components.packet.data import trade_off_from_impact
from calculators.framework.limits import MINUTES_IN_A_DAY
from calculators.framework.protocol import Request
from support import EXAMPLE, HOSTILE, TODAY, entry


def act(tool, action, stored=None, forms=None, file=None, arg="", edited=None):
    """What the browser's runtime would send, through the same JSON reading."""
    request = Request.from_json(
        {
            "component": tool,
            "action": action,
            "arg": arg,
            "forms": forms or {},
            **({"edited": edited} if edited is not None else {}),
            "stored": stored or {},
            "file": file,
            "storage": "local",
        }
    )
    return COMPONENTS[tool].act(dataclasses.replace(request, today=TODAY)).to_json()


# --- Summaries, by hand ------------------------------------------------------------------------------


def test_summary_matches_the_hand_computed_example():
    s = summarise(EXAMPLE)
    before, after = s["before"], s["after"]
    assert before["days"] == 2 and after["days"] == 3
    assert before["workday_hours"] == Fraction(19, 2)  # (540 + 600) / 2 / 60
    assert after["workday_hours"] == Fraction(31, 3)  # (660 + 600 + 600) / 3 / 60
    assert before["after_hours_minutes"] == 45 and after["after_hours_minutes"] == 110
    assert before["minutes_per_patient"] == 41  # (1140 + 90) / 30
    assert after["minutes_per_patient"] == Fraction(146, 3)  # (1860 + 330) / 45
    assert before["disruptions"] == Fraction(1, 2) and after["disruptions"] == 3
    assert before["task_1_clicks"] == 21 and after["task_1_clicks"] == 34
    assert after["task_2_clicks"] is None
    assert before["care_delays"] == 0 and after["care_delays"] == 1
    # Week -1 holds 2 Nov and 3 Nov, week 0 starts on go-live day, week +1 on 16 Nov.
    assert s["weeks"] == [(-1, 2, Fraction(3, 2)), (0, 2, Fraction(7, 2)), (1, 1, Fraction(2))]
    assert s["days_per_week"] == 2  # 5 days over 3 calendar weeks


def test_the_impact_calculator_is_filled_from_the_log():
    raw, why = impact_log.impact_inputs(summarise(EXAMPLE))
    assert why == ""
    assert raw == {
        "clinic_days_per_week": "2",
        "patients_per_day_before": "15",
        "patients_per_day_after": "15",
        "workday_hours_before": "9.5",
        "workday_hours_after": "31/3",  # exact: the decimal never ends
        "after_hours_before": "1.5",
        "after_hours_after": "11/3",
        "disruptions_before": "1",
        "disruptions_after": "6",
        "clicks_before": "21",
        "clicks_after": "34",
    }
    values, results = IMPACT.run(raw)
    assert results["hours_per_week_before"] == Fraction(41, 2)  # 9.5 x 2 + 1.5
    # The calculator's minutes per patient are the log's, exactly (rounded once, when shown).
    assert results["minutes_per_patient_after"] == summarise(EXAMPLE)["after"]["minutes_per_patient"]


def test_without_a_go_live_date_there_is_no_before_and_after():
    log = Log({"go_live": "", "task_1_name": "", "task_2_name": "", "days_per_week": ""}, EXAMPLE.entries)
    s = summarise(log)
    assert s["before"] is None and s["all"]["days"] == 5
    assert impact_log.impact_inputs(s) == (None, "Set the go-live date to split the log into before and after.")


def test_summary_is_shown_with_its_numbers():
    html = act("log", "load", {"log": dump(EXAMPLE)})["regions"]["summary"]
    assert 'data-result="after-minutes_per_patient" data-value="48.666666666667"' in html
    assert 'data-result="before-minutes_per_patient" data-value="41"' in html
    assert "Fill the impact calculator from this log" in html
    fragment = IMPACT.to_fragment(impact_log.impact_inputs(summarise(EXAMPLE))[0])
    assert f'href="../../calculators/impact/#{html_escape(fragment)}"' in html


# --- CSV -------------------------------------------------------------------------------------------------


def test_csv_has_a_header_row_and_the_same_names_as_storage():
    text = to_csv(EXAMPLE)
    header = text.removeprefix("\ufeff").split("\r\n")[0].split(",")
    assert header == list(impact_log.COLUMNS)
    assert from_csv(text) == EXAMPLE


CARE_DELAY = next(item for item in ENTRY if item.name == "care_delay")
any_text = st.text(max_size=320).map(lambda t: CARE_DELAY.parse(t[:300])[:300].strip())
entries = st.fixed_dictionaries(
    {
        "date": st.dates(dt.date(2000, 1, 1), TODAY + dt.timedelta(days=1)).map(dt.date.isoformat),  # no future days
        "start": st.times().map(lambda t: f"{t:%H:%M}"),
        "end": st.times().map(lambda t: f"{t:%H:%M}"),
        "after_hours_minutes": st.integers(0, 1440).map(str),
        "off_clock_minutes": st.one_of(st.just(""), st.integers(0, 1440).map(str)),
        "missed_breaks": st.one_of(st.just(""), st.integers(0, 5).map(str)),
        "patients": st.integers(0, 200).map(str),
        "disruptions": st.integers(0, 500).map(str),
        "task_1_clicks": st.one_of(st.just(""), st.integers(0, 10000).map(str)),
        "task_2_clicks": st.one_of(st.just(""), st.integers(0, 10000).map(str)),
        "care_delay": st.one_of(any_text, st.sampled_from(["=SUM(A1)", "'quoted", "+1", "-2", "@x", 'a "b", c'])),
        # the optional details: the published measures' inputs and disruptions by cause
        "scheduled_hours": st.one_of(st.just(""), st.sampled_from(["0", "4", "7.5", "8", "12", "24"])),
        "ehr_minutes": st.one_of(st.just(""), st.integers(0, 1440).map(str)),
        "inbox_minutes": st.one_of(st.just(""), st.integers(0, 1440).map(str)),
        "messages": st.one_of(st.just(""), st.integers(0, 2000).map(str)),
        **{f"disruptions_{c}": st.one_of(st.just(""), st.integers(0, 100).map(str)) for c, _, _ in DISRUPTION_CAUSES},
    }
).map(lambda e: _possible(e))


def _possible(e: dict) -> dict:
    """A generated day made possible: at least as many disruptions as their causes, no more time in
    the EHR at work than the workday, and no more after-hours charting than the rest of the day."""
    causes = sum(int(e[f"disruptions_{c}"] or 0) for c, _, _ in DISRUPTION_CAUSES)
    e["disruptions"] = str(max(int(e["disruptions"]), causes))
    start, end = (dt.time.fromisoformat(e[k]) for k in ("start", "end"))
    if e["ehr_minutes"]:
        e["ehr_minutes"] = str(min(int(e["ehr_minutes"]), impact_log.workday_minutes(start, end)))
    e["after_hours_minutes"] = str(
        min(int(e["after_hours_minutes"]), MINUTES_IN_A_DAY - impact_log.workday_minutes(start, end))
    )
    return e


logs = st.builds(
    lambda settings_, rows: Log(settings_, sorted({r["date"]: r for r in rows}.values(), key=lambda r: r["date"])),
    st.fixed_dictionaries(
        {
            "go_live": st.one_of(
                st.just(""), st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
            ),
            "task_1_name": any_text.map(lambda t: t[:60].strip()),
            "task_2_name": st.sampled_from(["", "=cmd|' /C calc'!A0", "refill, “quick”", "admission order set"]),
            "days_per_week": st.sampled_from(["", "1", "4", "7"]),
        }
    ),
    st.lists(entries, min_size=1, max_size=30),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=logs)
def test_export_then_import_gives_back_exactly_the_same_log(log):
    assert from_csv(to_csv(log)) == log
    # ...and through the page's own actions: export, then import into an empty browser.
    exported = act("log", "export", {"log": dump(log)})["download"]["text"]
    imported = act("log", "import", {"log": None}, file={"name": "log.csv", "size": len(exported), "text": exported})
    assert load(imported["store"]["log"]) == (log, None)


def test_text_that_a_spreadsheet_would_run_is_written_defused():
    log = Log(EXAMPLE.settings, [entry("2026-11-02", delay='=HYPERLINK("http://x")')])
    row = to_csv(log).split("\r\n")[1]
    assert "'=HYPERLINK" in row
    assert from_csv(to_csv(log)).entries[0]["care_delay"] == '=HYPERLINK("http://x")'


GOOD = to_csv(EXAMPLE)
HEADER, FIRST, *REST = GOOD.split("\r\n")


def _with_row2(row: str) -> str:
    return "\r\n".join([HEADER, row, *REST])


def _replace(column: str, value: str) -> str:
    cells = FIRST.split(",")
    cells[impact_log.COLUMNS.index(column)] = value
    return _with_row2(",".join(cells))


REJECTIONS = [
    ("bad date", _replace("date", "2026-02-30"), "Row 2, column date"),
    ("negative number", _replace("patients", "-3"), "Row 2, column patients"),
    ("not a number", _replace("after_hours_minutes", "lots"), "Row 2, column after_hours_minutes"),
    ("bad time", _replace("start", "25:00"), "Row 2, column start"),
    ("newer schema", _replace("log_version", "2"), "Row 2, column log_version: this file was saved by a newer version"),
    ("other settings", _replace("go_live", "2026-12-01"), "Row 3, column go_live"),
    ("duplicate date", "\r\n".join([HEADER, FIRST, FIRST]), "Row 3, column date"),
    ("short row", _with_row2("2026-11-02,08:00"), "Row 2: it has 2 values"),
    ("unknown column", GOOD.replace("care_delay", "care_delays", 1), "Row 1: the column 'care_delays'"),
    ("missing column", "\r\n".join(",".join(c.split(",")[:-1]) for c in GOOD.split("\r\n")), "log_version is missing"),
    ("unterminated quote", GOOD + '2026-12-01,"08:00', "not a readable CSV"),
    ("header only", HEADER + "\r\n", "no entries"),
    ("empty", "", "The file is empty"),
    ("not a csv at all", "\x00\x01binary", "Row 1"),
]


@pytest.mark.parametrize(("case", "text", "message"), REJECTIONS, ids=[r[0] for r in REJECTIONS])
def test_every_rejected_file_names_the_problem_and_changes_nothing(case, text, message):
    stored = dump(EXAMPLE)
    for action in ("import", "import-confirmed"):
        reply = act("log", action, {"log": stored}, file={"name": "bad.csv", "size": len(text), "text": text})
        assert "store" not in reply, case
        assert message in html_unescape(reply["regions"]["notice"]), reply["regions"]["notice"]
        assert "Your log was not changed" in reply["regions"]["notice"]


def test_a_file_too_large_is_not_read():
    reply = act("log", "import", {"log": dump(EXAMPLE)}, file={"name": "big.csv", "size": 50_000_000, "text": None})
    assert "store" not in reply and "larger than" in reply["regions"]["notice"]


def test_importing_over_an_existing_log_asks_first():
    other = to_csv(Log(EXAMPLE.settings, EXAMPLE.entries[:1]))
    file = {"name": "other.csv", "size": len(other), "text": other}
    ask = act("log", "import", {"log": dump(EXAMPLE)}, file=file)
    assert "store" not in ask and "Replace your log" in ask["regions"]["notice"]
    done = act("log", "import-confirmed", {"log": dump(EXAMPLE)}, file=file)
    assert load(done["store"]["log"])[0].entries == EXAMPLE.entries[:1]


# --- Entries: save, edit, delete ---------------------------------------------------------------------------


def _form(**fields):
    return {"entry": [[k, v] for k, v in fields.items()]}


def test_saving_editing_and_deleting_an_entry():
    typed = dict(entry("2026-11-20", "07:30", "18:15", "45", "14", "2"), editing="")
    saved = act("log", "save-entry", {"log": None}, _form(**typed))
    log, _ = load(saved["store"]["log"])
    assert log.entries == [entry("2026-11-20", "07:30", "18:15", "45", "14", "2")]
    assert 'value="2026-11-21"' in saved["regions"]["entry"]  # ready for the next day
    # The same date again is refused, naming the field; nothing is stored.
    again = act("log", "save-entry", {"log": saved["store"]["log"]}, _form(**typed))
    assert "store" not in again and "already have an entry" in again["regions"]["entry"]
    # Editing may move the entry to another date.
    moved = act(
        "log",
        "save-entry",
        {"log": saved["store"]["log"]},
        _form(**dict(typed, date="2026-11-19", editing="2026-11-20")),
    )
    assert load(moved["store"]["log"])[0].dates() == ["2026-11-19"]
    deleted = act("log", "delete", {"log": moved["store"]["log"]}, arg="2026-11-19")
    assert load(deleted["store"]["log"])[0].entries == []
    undo = deleted["regions"]["notice"].split('data-calc-arg="')[1].split('"')[0]
    import html

    back = act("log", "undo", {"log": deleted["store"]["log"]}, arg=html.unescape(undo))
    assert load(back["store"]["log"])[0].dates() == ["2026-11-19"]


def test_bad_entries_keep_what_was_typed_and_name_each_field():
    typed = dict(entry("2026-11-31", "7h", "18:15", "-5", "lots"), care_delay="<script>alert(1)</script>", editing="")
    reply = act("log", "save-entry", {"log": None}, _form(**typed))
    form = reply["regions"]["entry"]
    assert "store" not in reply and reply["state"] == "invalid"
    for fragment in (
        'value="2026-11-31"',
        'value="7h"',
        'value="-5"',
        'value="lots"',
        "must be a real calendar date",
        "Patients seen must be a number",
        "After-hours charting must be between 0 and 1,440",
    ):
        assert fragment in form, fragment
    assert "<script>" not in form and "&lt;script&gt;" in form


def test_deleting_everything_asks_first():
    ask = act("log", "delete-all", {"log": dump(EXAMPLE)})
    assert "store" not in ask and "cannot be undone" in ask["regions"]["notice"]
    done = act("log", "delete-all-confirmed", {"log": dump(EXAMPLE)})
    assert load(done["store"]["log"]) == (Log(), None)


# --- Damaged storage ------------------------------------------------------------------------------------------

DAMAGED = [
    ("not json", "{not json", 0),
    ("no schema", json.dumps({"entries": []}), 0),
    (
        "one bad entry",
        json.dumps(
            {
                "schema": 1,
                "settings": EXAMPLE.settings,
                "entries": EXAMPLE.entries[:2] + [dict(EXAMPLE.entries[2], patients="many")],
            }
        ),
        2,
    ),
    ("entries not a list", json.dumps({"schema": 1, "settings": EXAMPLE.settings, "entries": "x"}), 0),
]


@pytest.mark.parametrize(("case", "stored", "readable"), DAMAGED, ids=[d[0] for d in DAMAGED])
def test_damaged_storage_is_reported_never_overwritten_and_readable_parts_export(case, stored, readable):
    loaded = act("log", "load", {"log": stored})
    assert "store" not in loaded and "needs attention" in loaded["regions"]["notice"]
    for action, forms in (
        ("save-entry", _form(**entry("2026-11-25"), editing="")),
        ("delete", {}),
        ("save-settings", {"settings": [["go_live", ""]]}),
    ):
        refused = act("log", action, {"log": stored}, forms, arg="2026-11-02")
        assert "store" not in refused and "Nothing was saved" in refused["regions"]["notice"], action
    raw = act("log", "export-raw", {"log": stored})["download"]["text"]
    assert raw == stored
    # Importing a file over damaged data asks first, then replaces it.
    good = to_csv(EXAMPLE)
    file = {"name": "good.csv", "size": len(good), "text": good}
    asked = act("log", "import", {"log": stored}, file=file)
    assert "store" not in asked and "could not be read" in asked["regions"]["notice"]
    assert load(act("log", "import-confirmed", {"log": stored}, file=file)["store"]["log"]) == (EXAMPLE, None)
    export = act("log", "export", {"log": stored})
    if readable:
        assert len(from_csv(export["download"]["text"]).entries) == readable
        repaired = act("log", "repair", {"log": stored})
        assert len(load(repaired["store"]["log"])[0].entries) == readable
    else:
        assert "download" not in export


def test_a_log_from_a_newer_version_is_left_alone():
    stored = json.dumps({"schema": 2, "entries": [{"anything": 1}]})
    reply = act("log", "load", {"log": stored})
    assert "newer version" in reply["regions"]["notice"] and "store" not in reply
    assert "store" not in act("log", "repair", {"log": stored})  # nothing to repair into
    assert act("log", "export-raw", {"log": stored})["download"]["text"] == stored


@pytest.mark.parametrize(
    ("storage", "cause"), [("blocked", "private window"), ("full", "shared with every other site")]
)
def test_the_reader_is_told_why_the_browser_keeps_nothing(storage, cause):
    reply = COMPONENTS["log"].act(Request(action="load", storage=storage, today=TODAY)).to_json()
    assert "not keeping your log" in reply["regions"]["storage"] and cause in reply["regions"]["storage"]
    failed = act("log", "store-failed", {"log": dump(EXAMPLE)}, arg=storage)
    notice = failed["regions"]["notice"]
    assert "Not saved in this browser" in notice and cause in notice and 'data-calc-action="export"' in notice
    assert "Saved the entry" not in notice and "store" not in failed
    packet = act("packet", "store-failed", {}, arg=storage)
    assert packet["announce"].startswith("Not saved.") and cause in packet["announce"]


# --- The calendar file --------------------------------------------------------------------------------------


def test_calendar_has_ten_minutes_to_start_and_a_daily_reminder_for_two_weeks():
    values = impact_log.parse_inputs(
        impact_log.PLAN, {"setup_day": "2026-11-25", "setup_time": "12:30", "reminder_time": "18:30"}
    )
    cal = icalendar.Calendar.from_ical(impact_log.reminders(values, dt.datetime(2026, 11, 23, tzinfo=dt.UTC)))
    setup, daily = cal.walk("VEVENT")
    assert setup["DTSTART"].dt == dt.datetime(2026, 11, 25, 12, 30)
    assert setup["DURATION"].dt == dt.timedelta(minutes=10)
    assert daily["DTSTART"].dt == dt.datetime(2026, 11, 26, 18, 30)
    assert daily["RRULE"]["FREQ"] == ["DAILY"] and daily["RRULE"]["COUNT"] == [14]
    assert all(event.walk("VALARM") for event in (setup, daily))


def test_the_log_page_offers_the_calendar_file_and_checks_its_fields():
    reply = act(
        "log",
        "plan",
        forms={"plan": [["setup_day", "2026-11-25"], ["setup_time", "25:00"], ["reminder_time", "18:30"]]},
    )
    assert reply["errors"]["plan"] == {"setup_time": "Time to set up must be a time on the 24-hour clock, like 12:30"}
    assert "download=" not in reply["regions"]["plan-link"]
    ok = act(
        "log",
        "plan",
        forms={"plan": [["setup_day", "2026-11-25"], ["setup_time", "12:30"], ["reminder_time", "18:30"]]},
    )
    assert 'download="impact-log-reminders.ics"' in ok["regions"]["plan-link"]


# --- The packet ------------------------------------------------------------------------------------------------


def _packet(stored_log=None, **fields):
    pairs = [[k, v] for k, v in fields.items() if k != "targets"]
    pairs += [["targets", t] for t in fields.get("targets", ["fields", "templates"])]
    return act("packet", "update", {"log": stored_log}, {"packet": pairs})


def test_the_packet_uses_the_log_numbers():
    reply = _packet(dump(EXAMPLE))
    page = reply["regions"]["packet"]
    v, r = IMPACT.run(impact_log.impact_inputs(summarise(EXAMPLE))[0])
    assert (
        f'data-result="packet-hours_per_week-before" data-value="{r["hours_per_week_before"]}"'
        in page.replace("41/2", "20.5")
        or 'data-value="20.5"' in page
    )
    assert "my log of 2 days before and 3 after go-live" in page
    assert "After-hours charting each week around go-live" in page
    assert json.loads(reply["store"]["packet"])["fields"]["targets"] == ["fields", "templates"]


def test_the_packet_reads_calculator_links_and_says_when_one_is_wrong():
    link = "https://example.org/calculators/trade-off/#v=1&added_minutes=10"
    ok = _packet(None, trade_off_link=link)
    assert ok["errors"]["packet"] == {} and "fewer patients per session" in ok["regions"]["packet"]
    wrong = _packet(None, trade_off_link="https://example.org/calculators/impact/#v=1&x=1")
    assert "not a link to the trade-off calculator" in wrong["errors"]["packet"]["trade_off_link"]
    bad = _packet(None, impact_link="#v=1&patients_per_day_before=-4")
    assert "cannot be used" in bad["errors"]["packet"]["impact_link"]


def test_the_packet_wants_two_or_three_targets():
    assert "targets" in _packet(None, targets=["fields"])["errors"]["packet"]
    assert "targets" in _packet(None, targets=["fields", "templates", "devices", "training"])["errors"]["packet"]
    assert "targets" not in _packet(None, targets=["fields", "devices", "training"])["errors"]["packet"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_names_and_notes_stay_text(hostile):
    reply = _packet(
        None, your_name=hostile, recipient=hostile, change=hostile, agreed=hostile, recipient_email="a@example.org"
    )
    for html in reply["regions"].values():
        assert "<script" not in html and "<img" not in html and "<svg onload" not in html
    assert "mailto:a@example.org?subject=" in reply["regions"]["scripts"]
    logged = Log(EXAMPLE.settings | {"task_1_name": hostile[:60]}, [entry("2026-11-02", delay=hostile)])
    regions = act("log", "load", {"log": dump(logged)})["regions"]
    for html in regions.values():
        assert "<script" not in html and "<img" not in html and "<svg onload" not in html


def test_the_scripts_carry_the_numbers_names_and_dates():
    reply = _packet(
        dump(EXAMPLE),
        your_name="Dr Sam Okafor",
        recipient="Dr Rivera",
        meeting_date="2026-12-07",
        trial_weeks="4",
        agreed="two fewer patients per session",
        recipient_email="rivera@example.org",
    )
    text = reply["regions"]["scripts"]
    assert "Dear Dr Rivera" in text and "Dr Sam Okafor" in text
    assert (
        "we will trial two fewer patients per session for 4 weeks, then review the numbers together on Mon 4 Jan 2027"
        in text
    )
    assert "from 20.5 to" in text
    assert text.count("mailto:rivera@example.org?subject=") == 2


def test_the_json_entry_point_never_raises():
    for request in (
        {"component": "nope"},
        {"component": "log", "action": "fly"},
        {"component": "log", "forms": "x"},
        {"component": "packet", "stored": {"packet": "{bad"}},
        {"component": "log", "file": {"text": 5}},
    ):
        reply = json.loads(handle(json.dumps(request)))
        assert "fatal" in reply or "regions" in reply


def test_the_packet_options_cost_what_the_log_added():
    impact = IMPACT.run(impact_log.impact_inputs(summarise(EXAMPLE))[0])
    v, r = trade_off_from_impact(*impact)
    # Two sessions a day, 8 patients each (15 / 2 rounded): the added minutes are spread so that the
    # hours a week match the impact calculator's extra hours (to the two decimals the link carries).
    assert v["sessions_per_week"] == 4 and v["patients_per_session"] == 8
    assert abs(r["added_hours_per_week"] - impact[1]["extra_hours_per_week"]) < Fraction(1, 100)
    flat = dict(
        impact[0],
        workday_hours_after=impact[0]["workday_hours_before"],
        after_hours_after=impact[0]["after_hours_before"],
    )
    assert trade_off_from_impact(flat, IMPACT.calculate(flat)) is None


def test_a_refresh_from_another_tab_redraws_without_touching_the_forms():
    reply = act("log", "refresh", {"log": dump(EXAMPLE)})
    assert "store" not in reply and {"entries", "summary"} <= set(reply["regions"])
    assert not {"entry", "settings", "plan"} & set(reply["regions"])
    assert "store" not in act("packet", "refresh", {"log": dump(EXAMPLE)}, {"packet": [["your_name", "A"]]})


def test_clearing_the_packet_removes_what_was_typed_and_keeps_the_log():
    stored = json.dumps({"schema": 1, "fields": {"your_name": "Dr Sam Okafor", "targets": ["fields", "devices"]}})
    loaded = act("packet", "load", {"packet": stored, "log": dump(EXAMPLE)})
    assert 'value="Dr Sam Okafor"' in loaded["regions"]["form"]
    cleared = act("packet", "clear", {"packet": stored, "log": dump(EXAMPLE)})
    assert cleared["store"] == {"packet": None}
    assert "Dr Sam Okafor" not in cleared["regions"]["form"] + cleared["regions"]["packet"]
    assert "my log of 2 days before" in cleared["regions"]["packet"]


def test_a_day_later_than_tomorrow_is_refused_when_saved_or_imported():
    day = {"start": "08:00", "end": "17:00", "patients": "12"}
    reply = act("log", "save-entry", {"log": dump(EXAMPLE)}, _form(date="2099-12-31", **day))
    assert "store" not in reply and reply["state"] == "invalid"
    assert "cannot be later than Tue 24 Nov 2026" in reply["regions"]["entry"]
    tomorrow = act("log", "save-entry", {"log": dump(EXAMPLE)}, _form(date="2026-11-24", **day))
    assert "2026-11-24" in tomorrow["store"]["log"]  # a night shift that ends tomorrow is fine
    future = Log(EXAMPLE.settings, [*EXAMPLE.entries, entry("2099-12-31")])
    imported = act("log", "import", {"log": None}, file={"name": "x.csv", "size": 1, "text": to_csv(future)})
    assert "store" not in imported and "cannot be later than" in imported["regions"]["notice"]


DEEP = "[" * 3000 + "]" * 3000


@pytest.mark.parametrize("stored", [DEEP, '{"schema": 1, "entries": ' + DEEP + "}", '{"schema": 1e999}', "\ud800"])
def test_no_stored_log_stops_the_page_and_it_downloads_as_it_is(stored):
    loaded = act("log", "load", {"log": stored})
    assert "needs attention" in loaded["regions"]["notice"] and "store" not in loaded
    assert act("log", "export-raw", {"log": stored})["download"]["text"] == stored
    assert act("log", "delete-all-confirmed", {"log": stored})["store"] == {"log": dump(Log())}


@pytest.mark.parametrize("stored", [DEEP, '{"schema": 1, "fields": {"your_name": []}}', '{"fields": 5}', "[]"])
def test_no_stored_packet_stops_the_page(stored):
    loaded = act("packet", "load", {"packet": stored, "log": dump(EXAMPLE)})
    assert "my log of 2 days before" in loaded["regions"]["packet"]
    if stored.startswith('{"schema": 1, "fields"'):
        assert loaded["regions"]["notice"] == ""  # readable: an empty list is just no value
    else:
        assert "could not be read" in loaded["regions"]["notice"]
        assert act("packet", "export-raw", {"packet": stored})["download"]["text"] == stored


def test_csv_starts_with_a_byte_order_mark_for_excel_and_an_excel_file_in_windows_encoding_imports():
    text = to_csv(EXAMPLE)
    assert text.startswith("\ufeffdate,") and from_csv(text) == EXAMPLE
    accented = Log(EXAMPLE.settings, [entry("2026-11-02", delay="Café closed, résumé of orders lost")])
    as_windows = to_csv(accented)[1:].encode("cp1252").decode("cp1252")  # what the runtime decodes it to
    done = act("log", "import", {}, file={"name": "x.csv", "size": 9, "text": as_windows, "encoding": "windows-1252"})
    assert "Café closed" in done["store"]["log"] and "Windows" in done["regions"]["notice"]


def test_two_packet_tabs_merge_by_field():
    stored = json.dumps(
        {"schema": 1, "fields": {"your_name": "Dr Sam Okafor", "your_role": "", "targets": ["fields", "devices"]}}
    )
    # This tab loaded before the name was typed elsewhere; it has typed only the role since.
    typed = {"packet": [["your_name", ""], ["your_role", "Hospitalist"], ["targets", "fields"], ["targets", "devices"]]}
    reply = act("packet", "update", {"packet": stored}, typed, edited={"packet": ["your_role"]})
    kept = json.loads(reply["store"]["packet"])["fields"]
    assert kept["your_name"] == "Dr Sam Okafor" and kept["your_role"] == "Hospitalist"
    assert kept["targets"] == ["fields", "devices"]
    assert reply["fields"]["packet"]["your_name"] == "Dr Sam Okafor"  # this tab's form catches up
    assert "your_role" not in reply["fields"]["packet"]  # and what it typed is not touched
    refreshed = act("packet", "refresh", {"packet": reply["store"]["packet"]}, typed, edited={"packet": []})
    assert refreshed["fields"]["packet"]["your_role"] == "Hospitalist" and "store" not in refreshed


def test_a_refresh_keeps_the_notice_of_this_tab():
    refreshed = act("log", "refresh", {"log": dump(EXAMPLE)})
    assert "notice" not in refreshed["regions"]  # "Saved" and Undo stay where they are


def test_long_logs_are_charted_in_groups_of_weeks():
    weeks = [(w, 5, Fraction(w + 40)) for w in range(-20, 46)]  # 66 weeks
    shown = impact_log.chart_weeks(weeks)
    assert len(shown) == 11 and shown[0][0] == "Weeks -20 to -15"
    assert shown[0][1] == 30 and shown[0][2] == Fraction(sum(range(20, 26)), 6)  # the average week
    assert [label for label, _, _ in impact_log.chart_weeks(weeks[:12])][:2] == ["20 weeks before", "19 weeks before"]


# --- Typos that are possible: asked about, not saved silently -------------------------------------------


def test_an_evening_typed_as_morning_is_asked_about_before_it_is_saved():
    from calculators.components.impact_log.data import implausible
    from calculators.framework.profile import Profile

    day = {"start": "07:45", "end": "06:25"}
    (warning,) = implausible(day)
    assert "22.7-hour day" in warning and "like 18:25" in warning
    assert implausible({"start": "19:00", "end": "07:30"}, Profile("nurse", "shifts")) == []  # a night shift
    assert "longer than 16 hours" in implausible({"start": "06:00", "end": "23:30"})[0]
    assert implausible({"start": "07:30", "end": "18:00"}) == []


def test_the_log_asks_then_saves_when_confirmed():
    from calculators.framework.protocol import Request

    log = COMPONENTS["log"]
    typed = {
        "date": "2026-11-02",
        "start": "7:45",
        "end": "6:25",
        "after_hours_minutes": "0",
        "patients": "14",
        "disruptions": "0",
        "editing": "",
    }
    ask = log.act(Request(action="save-entry", forms={"entry": typed}, today=dt.date(2026, 11, 3)))
    assert ask.store is None and "Check this day before it is saved" in ask.regions["entry"]
    assert 'value="6:25"' in ask.regions["entry"]  # what was typed is kept
    saved = log.act(Request(action="save-entry-confirmed", forms={"entry": typed}, today=dt.date(2026, 11, 3)))
    assert json.loads(saved.store["log"])["entries"][0]["end"] == "06:25"


def test_days_a_week_as_set_beats_the_pattern_and_old_csvs_still_import():
    from calculators.components.impact_log.data import COLUMNS, Log, from_csv, summarise, to_csv

    entries = [
        {
            "date": f"2026-11-{d:02d}",
            "start": "08:00",
            "end": "17:00",
            "after_hours_minutes": "60",
            "patients": "15",
            "disruptions": "0",
            "task_1_clicks": "",
            "task_2_clicks": "",
            "care_delay": "",
        }
        for d in (2, 3, 4, 5)
    ]
    settings = {"go_live": "2026-11-04", "task_1_name": "", "task_2_name": "", "days_per_week": ""}
    assert summarise(Log(settings, entries))["days_per_week"] == 4
    stated = summarise(Log(settings | {"days_per_week": "5"}, entries))
    assert stated["days_per_week"] == 5 and stated["days_per_week_stated"]
    # A file from before the optional columns existed: none of them, and the entries read back as
    # they were, with the details blank.
    from calculators.components.impact_log.data import OPTIONAL_COLUMNS

    old = "\n".join(
        ",".join(cell for c, cell in zip(COLUMNS, row.split(","), strict=True) if c not in OPTIONAL_COLUMNS)
        for row in to_csv(Log(settings, entries)).lstrip("\ufeff").splitlines()
    )
    assert "scheduled_hours" not in old and "days_per_week" not in old
    assert from_csv(old).entries == [dict.fromkeys(OPTIONAL_COLUMNS - {"days_per_week"}, "") | e for e in entries]


def test_clearing_the_packet_can_be_undone():
    stored = json.dumps({"schema": 1, "fields": {"your_name": "Dr. Ada Lee", "targets": ["fields", "alerts"]}})
    packet_component = COMPONENTS["packet"]
    cleared = packet_component.act(Request(action="clear", stored={"packet": stored}))
    assert cleared.store == {"packet": None}
    assert "Undo" in cleared.regions["notice"] and "Dr. Ada Lee" not in cleared.regions["form"]
    undone = packet_component.act(Request(action="undo-clear", arg=stored, stored={"packet": None}))
    assert undone.store == {"packet": stored}
    assert 'value="Dr. Ada Lee"' in undone.regions["form"]
    junk = packet_component.act(Request(action="undo-clear", arg="{not json", stored={"packet": None}))
    assert junk.store is None and "can no longer be restored" in junk.announce


def test_a_packet_from_typed_numbers_can_be_marked_provisional():
    calc_link = "https://x.example/calculators/impact/#" + IMPACT.to_fragment(
        {**IMPACT.defaults(), "after_hours_after": "9"}
    )
    fields = {"impact_link": calc_link, "numbers_are": "provisional", "targets": ["fields", "alerts"]}
    reply = COMPONENTS["packet"].act(Request(action="update", forms={"packet": fields}, edited={"packet": set(fields)}))
    assert (
        "Provisional numbers" in reply.regions["packet"] and "before/after impact calculator" in reply.regions["packet"]
    )
    fields["numbers_are"] = "measured"
    reply = COMPONENTS["packet"].act(Request(action="update", forms={"packet": fields}, edited={"packet": set(fields)}))
    assert "Provisional numbers" not in reply.regions["packet"]


def test_targets_keep_the_readers_order_and_can_be_moved_and_named():
    packet_component = COMPONENTS["packet"]

    def move(targets):  # as the browser sends it: the form as shown, ticked boxes in their order
        form = {"targets": targets, "other_target": "the sepsis screen"}
        return packet_component.act(Request(action="move-target", arg="other", forms={"packet": form}))

    reply = move(["fields", "alerts", "other"])
    assert json.loads(reply.store["packet"])["fields"]["targets"] == ["fields", "other", "alerts"]
    reply = move(["fields", "other", "alerts"])
    assert json.loads(reply.store["packet"])["fields"]["targets"] == ["other", "fields", "alerts"]
    assert reply.focus == "packet-target-other"
    page = reply.regions["packet"]
    assert page.index("The sepsis screen") < page.index("The extra fields")  # in the reader's order
    unnamed = json.dumps({"schema": 1, "fields": {"targets": ["fields", "other"]}})
    reply = packet_component.act(Request(action="load", stored={"packet": unnamed}))
    assert "Type your own target" in reply.errors["packet"]["other_target"]


def test_the_packet_says_how_the_added_hours_were_split():
    link = "https://x.example/calculators/impact/#" + IMPACT.to_fragment({**IMPACT.defaults(), "clicks_before": "26"})
    fields = {"impact_link": link, "first_target_hours": "6", "targets": ["fields", "alerts"]}
    reply = COMPONENTS["packet"].act(Request(action="update", forms={"packet": fields}, edited={"packet": set(fields)}))
    assert "Of the 15 added hours a week, 6 come from the first target and 9 from the others" in reply.regions["packet"]
    assert 'data-result="packet-added-hours" data-value="6"' in reply.regions["packet"]
    fields["first_target_hours"] = "20"
    reply = COMPONENTS["packet"].act(Request(action="update", forms={"packet": fields}, edited={"packet": set(fields)}))
    assert reply.errors["packet"]["first_target_hours"].endswith("at most the added hours, 15")
