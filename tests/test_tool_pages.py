"""The impact log and the meeting packet in Chromium: storage across a reload, CSV out and back in,
rejected files leaving storage byte for byte, deleting everything, hostile text, the one-page PDF."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

from calculators.components.impact_log.data import Log, dump, from_csv, load
from support import BOOT, EXAMPLE, HOSTILE, axe_violations, entry, wait_until

READY = "document.querySelector('[data-calc]')?.dataset.state === 'ready'"
SETTLED = "['ready', 'invalid'].includes(document.querySelector('[data-calc]')?.dataset.state)"
STORED = "localStorage.getItem('scope-and-pace:log')"


@pytest.fixture
def context(audit_context):
    # The CSP is bypassed here, so that escaping alone must keep hostile text inert (and so that axe
    # can be injected); test_privacy crawls these pages with the CSP in force.
    return audit_context


def open_tool(page, url: str, state: str = READY):
    page.goto(url)
    wait_until(page, state, BOOT)


def without_pickers(page):
    """As a browser without date and time pickers shows the log's fields: plain text boxes."""
    page.evaluate("document.querySelectorAll('#log-entry-date, #log-entry-start, #log-entry-end')"
                  ".forEach((input) => { input.type = 'text'; })")  # fmt: skip


def add_day(page, date, start, end, after, patients, delay="", confirm=False, typed=False):
    """Type one day into the log and save it (confirming the question an unusual day is asked;
    `typed`: into plain text boxes, as where a browser has no pickers)."""
    if typed:
        without_pickers(page)
    page.fill("#log-entry-date", date)
    page.fill("#log-entry-start", start)
    page.fill("#log-entry-end", end)
    page.fill("#log-entry-after_hours_minutes", after)
    page.fill("#log-entry-patients", patients)
    page.fill("#log-entry-care_delay", delay)
    page.click("text=Save this day")
    wait_until(page, SETTLED)
    if confirm:
        expect(page.locator("#log-entry-warning")).to_be_focused()
        assert page.evaluate(STORED) is None or date not in page.evaluate(STORED)  # asked, not yet saved
        page.click("text=Save it as it is")
        wait_until(page, SETTLED)


def watched(page):
    """The page, recording any dialog (dismissed) and any uncaught error."""
    page.dialogs, page.errors_seen = [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda error: page.errors_seen.append(str(error)))
    return page


def store_log(page, text: str):
    """Put `text` in the log's browser storage and reload the page to read it."""
    page.evaluate("(text) => localStorage.setItem('scope-and-pace:log', text)", text)
    page.reload()
    wait_until(page, READY, BOOT)


@pytest.fixture
def log_page(context, site_url):
    page = watched(context.new_page())
    open_tool(page, f"{site_url}/tools/log/")
    return page


def test_entries_survive_a_reload_and_the_summary_follows(log_page):
    page = log_page
    assert "nothing here is uploaded" in page.inner_text("article").lower()
    page.fill("#log-settings-go_live", "2026-11-09")
    page.click("text=Save go-live date and tasks")
    wait_until(page, READY)
    add_day(page, "2026-11-02", "08:00", "17:00", "30", "15")
    add_day(page, "2026-11-10", "22:00", "08:00", "90", "16", "CT order held 40 min by an order-entry error", True)
    assert page.evaluate("document.activeElement.id") == "log-notice-title"
    page.reload()
    wait_until(page, READY, BOOT)
    assert page.locator("[data-entry]").count() == 2
    assert page.get_attribute("[data-result='before-workday_hours']", "data-value") == "9"
    assert page.get_attribute("[data-result='after-workday_hours']", "data-value") == "10"
    assert "CT order held 40 min" in page.inner_text("[data-calc-region=summary]")
    log, damage = load(page.evaluate(STORED))
    assert damage is None and log.dates() == ["2026-11-02", "2026-11-10"]
    # A browser restarted with the same profile still has it; typing there is not lost when this
    # tab's log changes.
    restarted = page.context.browser.new_context(storage_state=page.context.storage_state(), service_workers="block")
    other = restarted.new_page()
    open_tool(other, page.url)
    assert other.locator("[data-entry]").count() == 2
    restarted.close()
    page.fill("#log-entry-care_delay", "typed, not yet saved")
    second = page.context.new_page()
    open_tool(second, page.url)
    second.click("[data-entry='2026-11-10'] >> text=Delete")
    wait_until(page, "document.querySelectorAll('[data-entry]').length === 1")
    assert page.input_value("#log-entry-care_delay") == "typed, not yet saved"
    second.click("[data-calc-region=notice] >> text=Undo")
    wait_until(page, "document.querySelectorAll('[data-entry]').length === 2")
    second.close()
    # Editing asks nothing and changes the one entry; deleting offers an undo.
    page.click("[data-entry='2026-11-02'] >> text=Edit")
    wait_until(page, "document.activeElement.id === 'log-entry-date'")
    page.fill("#log-entry-patients", "12")
    page.click("text=Save this day")
    wait_until(page, READY)
    assert "Updated the entry" in page.inner_text("[data-calc-region=notice]")
    page.click("[data-entry='2026-11-10'] >> text=Delete")
    wait_until(page, READY)
    assert page.locator("[data-entry]").count() == 1
    page.click("[data-calc-region=notice] >> text=Undo")
    wait_until(page, READY)
    assert page.locator("[data-entry]").count() == 2
    assert page.dialogs == []
    assert page.errors_seen == []


def test_an_evening_typed_as_morning_asks_before_saving(log_page):
    page = log_page
    add_day(page, "2026-11-02", "07:45", "06:25", "0", "14")
    assert page.get_attribute("#log-entry-start", "type") == "time"  # the platform's own picker
    warning = page.locator("#log-entry-warning")
    expect(warning).to_contain_text("22.7-hour day")
    expect(warning).to_contain_text("like 18:25")
    assert page.evaluate(STORED) is None and page.input_value("#log-entry-end") == "06:25"
    page.fill("#log-entry-end", "18:25")
    page.click("text=Save this day")
    wait_until(page, SETTLED)
    assert json.loads(page.evaluate(STORED))["entries"][0]["end"] == "18:25"
    assert axe_violations(page) == []


def test_typing_mistakes_are_shown_by_their_fields_and_kept(log_page):
    page = log_page
    add_day(page, "2026-02-30", "7h", "18:15", "30", "many", typed=True)
    assert page.get_attribute("[data-calc]", "data-state") == "invalid"
    assert page.evaluate("document.activeElement.id") == "log-entry-summary"
    assert page.input_value("#log-entry-patients") == "many"
    assert "must be a real calendar date" in page.inner_text("#log-entry-date-error")
    assert page.get_attribute("#log-entry-start", "aria-invalid") == "true"
    assert page.evaluate(STORED) is None
    assert axe_violations(page) == []


def test_export_then_import_round_trip_and_rejections_leave_storage_alone(log_page, tmp_path):
    page = log_page
    store_log(page, dump(EXAMPLE))
    with page.expect_download() as download:
        page.click("text=Export as CSV")
    exported = Path(download.value.path()).read_text()
    assert from_csv(exported) == EXAMPLE
    before = page.evaluate(STORED)
    bad = exported.replace("2026-11-03", "2026-11-31")
    (tmp_path / "bad.csv").write_text(bad)
    page.set_input_files("#log-import", str(tmp_path / "bad.csv"))
    wait_until(page, "document.querySelector('[data-calc-region=notice]').innerText.includes('could not be imported')")
    assert "Row 3, column date" in page.inner_text("[data-calc-region=notice]")
    assert page.evaluate(STORED) == before  # byte for byte
    # Deleting everything asks first; then importing the export gives the same log back.
    page.click("text=Delete the whole log")
    wait_until(page, "document.querySelector('[data-calc-region=notice]').innerText.includes('cannot be undone')")
    assert page.evaluate(STORED) == before
    assert axe_violations(page) == []
    page.click("text=Delete everything")
    wait_until(page, READY)
    assert page.locator("[data-entry]").count() == 0
    (tmp_path / "good.csv").write_text(exported)
    page.set_input_files("#log-import", str(tmp_path / "good.csv"))
    wait_until(page, "document.querySelector('[data-calc-region=notice]').innerText.includes('Imported')")
    assert page.evaluate(STORED) == before


def test_damaged_storage_is_reported_and_kept(log_page):
    page = log_page
    damaged = '{"schema":1,"settings":{},"entries":[{"date":"2026-13-01"}]}'
    store_log(page, damaged)
    assert "needs attention" in page.inner_text("[data-calc-region=notice]")
    add_day(page, "2026-11-20", "08:00", "17:00", "0", "10")
    assert "Nothing was saved" in page.inner_text("[data-calc-region=notice]")
    assert page.evaluate(STORED) == damaged
    assert axe_violations(page) == []


def test_the_log_fills_the_impact_calculator(log_page, site_url):
    page = log_page
    store_log(page, dump(EXAMPLE))
    assert axe_violations(page) == []
    page.click("text=Fill the impact calculator from this log")
    page.wait_for_selector("[data-calc='impact'][data-state='ready']", timeout=BOOT)
    assert page.input_value("#impact-workday_hours_after") == "31/3"  # exact: rounded once, when shown
    assert page.get_attribute("[data-result='hours_per_week_before']", "data-value") == "20.5"


def _seed(page, site_url, log: Log):
    page.goto(f"{site_url}/tools/log/")
    page.evaluate("(text) => localStorage.setItem('scope-and-pace:log', text)", dump(log))


def test_packet_prints_on_one_page_with_the_numbers(context, site_url):
    page = context.new_page()
    _seed(page, site_url, TWO_WEEKS)
    open_tool(page, f"{site_url}/tools/packet/")
    page.fill("#packet-your_name", "Dr Sam Okafor")
    page.fill("#packet-recipient", "Dr Rivera")
    page.fill("#packet-recipient_role", "chair of medicine")
    page.fill("#packet-meeting_date", "2026-12-07")
    wait_until(page, READY)
    hours_after = page.inner_text("[data-result='packet-hours_per_week-after']")
    minutes_after = page.inner_text("[data-result='packet-minutes_per_patient-after']")
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    for paper in ("Letter", "A4"):
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
        text = " ".join(pdf.pages[0].extract_text().split())  # lines joined, as a reader reads them
        assert len(pdf.pages) == 1, paper
        for expected in (
            "Dr Sam Okafor",
            "Dr Rivera",
            hours_after,
            minutes_after,
            "Change the build",
            "Adjust the workload",
            "Add support",
            "no phase before go-live",  # the change is live: no pilot is proposed for it
            "Care delayed by the technology: 2 times",
            "Order set froze for 20 minutes",
            "Scanner down, insulin dose 35 min late",
        ):
            assert expected in text, (paper, expected)
    # The form is remembered in this browser.
    page.emulate_media(media="screen")
    page.reload()
    wait_until(page, READY, BOOT)
    assert page.input_value("#packet-your_name") == "Dr Sam Okafor"
    page.click("text=Clear what I typed here")
    wait_until(page, "document.querySelector('#packet-your_name')?.value === ''")
    assert page.evaluate("localStorage.getItem('scope-and-pace:packet')") is None
    assert page.evaluate(STORED) == dump(TWO_WEEKS)


def test_hostile_names_and_notes_stay_text_in_the_browser(context, site_url):
    page = watched(context.new_page())
    _seed(
        page,
        site_url,
        Log(
            EXAMPLE.settings | {"task_1_name": HOSTILE[1][:60]},
            [dict(e, care_delay=HOSTILE[0]) for e in EXAMPLE.entries],
        ),
    )
    open_tool(page, f"{site_url}/tools/log/")
    assert HOSTILE[0] in page.inner_text("[data-calc-region=summary]")
    open_tool(page, f"{site_url}/tools/packet/")
    for field in ("your_name", "recipient", "change", "agreed"):
        page.fill(f"#packet-{field}", HOSTILE[1] + HOSTILE[2])
    wait_until(page, READY)
    assert HOSTILE[1] in page.inner_text(".sp-packet__meta")
    assert page.locator("[data-calc] img, [data-calc] script, [data-calc] svg[onload]").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors_seen == []


def _two_weeks() -> Log:
    import datetime as dt

    entries = []
    go_live = dt.date(2026, 11, 9)
    for offset in range(-7, 14):
        day = go_live + dt.timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        after = offset >= 0
        entries.append(
            {
                "date": day.isoformat(),
                "start": "07:30",
                "end": "18:30" if after else "17:00",
                "after_hours_minutes": "90" if after else "25",
                "patients": "15",
                "disruptions": "3" if after else "0",
                "task_1_clicks": "40" if after else "25",
                "task_2_clicks": "",
                "care_delay": {3: "Order set froze for 20 minutes", 8: "Scanner down, insulin dose 35 min late"}.get(
                    offset, ""
                ),
            }
        )
    return Log(
        {"go_live": go_live.isoformat(), "task_1_name": "discharge summary", "task_2_name": "", "days_per_week": ""},
        entries,
    )


TWO_WEEKS = _two_weeks()


def test_the_packet_stays_one_page_with_a_long_log_and_the_longest_text(context, site_url):
    import datetime as dt

    go_live = dt.date(2026, 1, 5)
    days = [go_live + dt.timedelta(weeks=w) for w in range(-20, 46)]  # 66 weeks, one day in each
    log = Log(
        {"go_live": go_live.isoformat(), "task_1_name": "x" * 60, "task_2_name": "", "days_per_week": ""},
        [entry(d.isoformat(), after=str(30 + (d - go_live).days % 90), delay="y" * 300) for d in days],
    )
    page = context.new_page()
    _seed(page, site_url, log)
    open_tool(page, f"{site_url}/tools/packet/")
    for field, limit in (("your_name", 80), ("your_role", 80), ("recipient", 120), ("change", 120), ("agreed", 200)):
        page.fill(f"#packet-{field}", "W" * limit)
    wait_until(page, READY)
    bars = page.locator(".sp-packet svg rect").count()
    assert 0 < bars <= 12  # 66 weeks, drawn as at most twelve bars
    page.emulate_media(media="print")
    for paper in ("Letter", "A4"):
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
        assert len(pdf.pages) == 1, paper
        assert "…" in pdf.pages[0].extract_text()  # what was cut is marked as cut


def test_an_excel_csv_in_windows_encoding_imports_with_its_accents_and_says_so(log_page, tmp_path):
    from calculators.components.impact_log.data import to_csv

    log = Log(EXAMPLE.settings, [entry("2026-11-02", delay="Café order lost, résumé re-entered")])
    path = tmp_path / "excel.csv"
    path.write_bytes(to_csv(log).removeprefix("\ufeff").encode("cp1252"))  # as Excel saves "CSV (Comma delimited)"
    log_page.set_input_files("#log-import", str(path))
    notice = log_page.locator("[data-calc-region=notice]")
    expect(notice).to_contain_text("Windows", timeout=BOOT)
    assert "Café order lost, résumé re-entered" in log_page.evaluate(STORED)


def test_on_a_phone_the_log_is_a_list_of_cards_with_edit_and_delete_in_reach(fresh_context, site_url):
    context = fresh_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, bypass_csp=True, service_workers="block"
    )
    page = watched(context.new_page())
    open_tool(page, f"{site_url}/tools/log/")
    store_log(page, dump(EXAMPLE))
    card = page.locator("[data-entry='2026-11-02']")
    assert card.evaluate("(row) => getComputedStyle(row).display") == "block"
    labels = card.evaluate(
        "(row) => Array.from(row.querySelectorAll('td'), (td) => getComputedStyle(td, '::before').content)"
    )
    assert '"Patients: "' in labels  # each value labelled by its column
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    card.get_by_role("button", name="Edit Mon 2 Nov 2026").tap()
    wait_until(page, "document.activeElement.id === 'log-entry-date'")
    assert axe_violations(page) == []


def test_the_reader_orders_the_packets_targets_by_keyboard(context, site_url):
    page = watched(context.new_page())
    open_tool(page, f"{site_url}/tools/packet/")
    page.get_by_role("button", name="Move up: Required templates and smart phrases").press("Enter")
    wait_until(page, "document.activeElement.id === 'packet-target-templates'")
    first = page.locator("[data-calc-field='targets'] input[type=checkbox]").first
    assert first.get_attribute("value") == "templates"
    assert page.locator(".sp-packet ol li").first.inner_text().startswith("The required templates")
    assert page.errors_seen == []


def test_the_printed_packet_uses_one_type_scale(context, site_url):
    page = context.new_page()
    _seed(page, site_url, TWO_WEEKS)
    open_tool(page, f"{site_url}/tools/packet/")
    page.emulate_media(media="print")
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('.sp-packet :is(p, li, td, th):not(.sp-packet__meta,'
           + '.sp-packet__note, .sp-packet__foot)'), (e) => getComputedStyle(e).fontSize)"""
    )
    assert sizes and set(sizes) == {"12px"}  # 9pt: the body text of the page is one size
