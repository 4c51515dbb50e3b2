"""Plausibility before arithmetic (issue 24, item 2): the December numbers review's impossible
quantities are refused beside the field that makes them, implausible ones get a GOV.UK warning
beside the field that the reader confirms, and no result is shown until then. The limits of a day,
a shift and a week are one rule set (calculators/framework/limits.py)."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from calculators import CALCULATORS, COMPONENTS
from calculators.framework import html, limits
from calculators.framework.inputs import InputErrors, Number, Unconfirmed
from calculators.framework.profile import ALL
from calculators.framework.protocol import Request
from support import BOOT, axe_violations

ROOT = Path(__file__).resolve().parents[1]
ERROR, WARNING = "error", "warning"

# The review's examples (numbers-review-2026-12.md, defect 9 and the per-tool lists), and two that are
# possible but rare. (calculator, inputs, the field named, error or warning, words the message says)
CASES = [
    ("four-plus-one", {"weekly_patients": "300"}, "weekly_patients", ERROR, "26 hours, and a day has 24"),
    ("four-plus-one", {"weekly_patients": "500", "doc_minutes": "240"}, "weekly_patients", ERROR, "a day has 24"),
    ("shift-trade-off", {"added_minutes": "60", "patients_per_nurse": "12"}, "added_minutes", WARNING,
     "720 more minutes for each nurse: as overtime, each 12-hour shift would last 24 hours, longer than 16 hours"),
    ("shift-trade-off", {"added_minutes": "240", "patients_per_nurse": "30"}, "added_minutes", ERROR,
     "7,200 more minutes"),
    ("trade-off", {"added_minutes": "240", "patients_per_session": "60", "affected_per_session": "60",
                   "sessions_per_week": "14"}, "added_minutes", ERROR, "14,400 more minutes a session"),
    ("trade-off", {"patients_per_session": "60", "visit_minutes": "240"}, "visit_minutes", ERROR,
     "one session of 240 hours, and a day has 24"),
    ("inbox", {"patient_messages": "1000", "patient_minutes": "60"}, "patient_messages", ERROR,
     "60,045 minutes, and a day has 1,440"),
    ("protected-time", {"doc_minutes": "240", "patients": "100"}, "doc_minutes", ERROR, "a day has 1,440"),
    ("vendor-report", {"scheduled_hours_after": "1", "ehr_hours_after": "100", "outside_hours_after": "0",
                       "documentation_hours_after": "90", "inbox_hours_after": "10"}, "ehr_hours_after", ERROR,
     "inside the schedule, 100 hours, more than the 1 scheduled hour"),
    ("impact", {"workday_hours_after": "24", "clinic_days_per_week": "7", "after_hours_after": "100"},
     "workday_hours_after", ERROR, "a week of 268 hours, and a week has 168"),
    ("impact", {"workday_hours_after": "20"}, "workday_hours_after", WARNING, "Workday after is 20 hours, longer than 16 hours"),
    ("hourly-rate", {"hours_per_week_after": "100"}, "hours_per_week_after", WARNING,
     "100 hours, more than 80 hours (this site's rule of thumb"),
]  # fmt: skip


def ask(slug: str, given: dict, action: str = "update", arg: str = "", confirmed: str = ""):
    """What the page answers to the form as typed (the runtime's request, through the JSON reading)."""
    calc = CALCULATORS[slug]
    fields = [[name, value] for name, value in calc.completed(given).items()] + [[html.CONFIRMED_FIELD, confirmed]]
    request = Request.from_json({"component": slug, "action": action, "arg": arg, "forms": {"inputs": fields}})
    return calc.act(request)


def figures_in(reply) -> list[str]:
    return re.findall(r'data-result="([^"]+)"', "".join(reply.regions.values()))


def confirm_arg(reply, slug: str, name: str) -> str:
    warning = reply.regions[f"warning-{name}"]
    assert f'id="{slug}-{name}-check" tabindex="-1"' in warning  # focusable, like the error summary
    return html_unescape(re.search(r'data-calc-action="confirm" data-calc-arg="([^"]+)"', warning).group(1))


def html_unescape(text: str) -> str:
    return (
        text.replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )


@pytest.mark.parametrize(("slug", "given", "name", "kind", "words"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_each_review_example_is_named_beside_its_field_before_any_result(slug, given, name, kind, words):
    reply = ask(slug, given, action="submit")
    assert reply.state == "invalid"
    assert figures_in(reply) == []  # nothing shown as if it were true
    if kind == ERROR:
        message = reply.errors["inputs"][name]
        assert words in message and message.endswith(("check it", "check both")), message
        assert all(region == "" for key, region in reply.regions.items() if key.startswith("warning-"))
        assert reply.focus == f"{slug}-summary"
    else:
        assert reply.errors == {"inputs": {}}
        warning = reply.regions[f"warning-{name}"]
        assert words in html_unescape(warning) and "Is that right?" in warning
        assert 'class="sp-warning"' in warning and "Warning: </span>" in warning  # the GOV.UK warning text
        assert reply.regions["result"] == html.UNCONFIRMED_RESULT
        assert words in reply.announce and reply.announce.startswith("Warning:")  # said in the live region
        assert reply.focus == f"{slug}-{name}-check"
        # Confirming goes through: the result, with its figures, for exactly what was typed.
        done = ask(slug, given, action="confirm", arg=confirm_arg(reply, slug, name))
        assert done.state == "ready" and figures_in(done)
        assert done.regions[f"warning-{name}"] == ""
        assert list(done.fields["inputs"]) == [html.CONFIRMED_FIELD]  # what was typed is left as it is
        assert set(done.fields["inputs"][html.CONFIRMED_FIELD].split()) == set(confirm_arg(reply, slug, name).split())


def test_a_confirmation_lasts_while_the_quantity_does_and_a_new_one_is_asked_again():
    given = {"workday_hours_after": "20"}
    key = confirm_arg(ask("impact", given), "impact", "workday_hours_after")
    kept = ask("impact", given | {"patients_per_day_after": "18"}, confirmed=key)  # another field typed in
    assert kept.state == "ready" and "extra_hours_per_week" in figures_in(kept)
    again = ask("impact", {"workday_hours_after": "21"}, confirmed=key)
    assert again.state == "invalid" and figures_in(again) == []
    assert "Workday after is 21 hours" in html_unescape(again.regions["warning-workday_hours_after"])
    fixed = ask("impact", {"workday_hours_after": "12"}, confirmed=key)  # corrected: the warning goes
    assert fixed.state == "ready" and fixed.regions["warning-workday_hours_after"] == ""


def test_a_link_cannot_confirm_for_the_reader():
    calc = CALCULATORS["impact"]
    fragment = "v=1&workday_hours_after=20&confirmed=workday_hours_after%3D20"
    raw, problems = calc.read_fragment(fragment)
    assert html.CONFIRMED_FIELD not in raw and "a setting this calculator does not know" in problems[0]
    reply = calc.act(Request(action="link", arg=fragment))
    assert reply.state == "invalid" and figures_in(reply) == []
    assert reply.fields["inputs"]["workday_hours_after"] == "20"  # the link's number shown as it is
    assert "Is that right?" in reply.regions["warning-workday_hours_after"]


def test_the_page_only_counts_what_was_confirmed():
    calc = CALCULATORS["trade-off"]
    given = calc.completed(
        {"patients_per_session": "60", "affected_per_session": "0", "visit_minutes": "17", "sessions_per_week": "1"}
    )
    with pytest.raises(Unconfirmed) as pending:
        calc.run(given, confirmed=())
    (doubt,) = pending.value.doubts
    assert doubt.name == "visit_minutes" and "17 hours" in doubt.message
    with pytest.raises(Unconfirmed):
        calc.run(given, confirmed={"visit_minutes=16"})  # another quantity's confirmation is not this one's
    calc.run(given, confirmed={doubt.key})


@pytest.mark.parametrize("profile", ALL, ids=lambda p: f"{p.role}-{p.setting}")
def test_no_default_and_no_worked_example_is_in_doubt(profile):
    for calc in CALCULATORS.values():
        calc.run(calc.defaults(None, profile), confirmed=())
        for example in calc.examples:
            calc.run(calc.completed(example.inputs), confirmed=())


def test_the_rule_set_labels_its_rules_of_thumb():
    assert (limits.HOURS_IN_A_DAY, limits.MINUTES_IN_A_DAY, limits.HOURS_IN_A_WEEK) == (24, 1440, 168)
    assert limits.LONG_DAY_HOURS < limits.HOURS_IN_A_DAY and limits.LONG_WEEK_HOURS < limits.HOURS_IN_A_WEEK
    (doubt,) = limits.day("x", 20, "A day of")
    (week,) = limits.week("x", 100, "A week of")
    assert "rule of thumb" in doubt.message and "rule of thumb" in week.message and "2023" in week.message
    (error,) = limits.day("x", 25, "A day of")
    assert "rule of thumb" not in error.message  # a day's 24 hours are not a rule of thumb
    assert limits.day("x", 16, "A day of") == [] and limits.week("x", 80, "A week of") == []


BOUNDS = {24, 168, 1440, 8784}  # a day, a week, a day's minutes, a leap year's hours


def test_no_calculator_keeps_its_own_copy_of_a_day_or_a_week():
    """Every component names the day's and the week's limits from framework/limits.py: no literal
    24, 168, 1,440 or 8,784 as a field's bound, or compared with a quantity."""
    found = []
    for path in sorted((ROOT / "calculators").rglob("*.py")):
        if path.name == "limits.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            numbers = []
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Number":
                numbers = node.args[5:7] + [k.value for k in node.keywords if k.arg in ("minimum", "maximum")]
            elif isinstance(node, ast.Compare) or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult)):
                numbers = [node.left, *getattr(node, "comparators", []), getattr(node, "right", None)]
            for number in numbers:
                if isinstance(number, ast.Constant) and number.value in BOUNDS and type(number.value) is int:
                    found.append(f"{path.relative_to(ROOT)}:{number.lineno}")
    assert found == []


# What each calculator works out that a day or a week bounds: (calculator, the bound quantity, its limit).
BOUNDED = [
    ("trade-off", lambda v, r: r["added_hours_per_week"], limits.HOURS_IN_A_WEEK),
    ("trade-off", lambda v, r: (v["patients_per_session"] * v["visit_minutes"] + r["extend_minutes_per_session"]) / 60,
     limits.HOURS_IN_A_DAY),
    ("shift-trade-off", lambda v, r: v["shift_hours"] + r["nurse_minutes_per_shift"] / 60, limits.HOURS_IN_A_DAY),
    ("four-plus-one", lambda v, r: r["hours_per_day_four"], limits.HOURS_IN_A_DAY),
    ("four-plus-one", lambda v, r: r["charting_hours_per_week"], limits.HOURS_IN_A_WEEK),
    ("inbox", lambda v, r: r["inbox_minutes_per_day"], limits.MINUTES_IN_A_DAY),
    ("protected-time", lambda v, r: v["scheduled_minutes"] + r["unprotected_minutes_per_day"], limits.MINUTES_IN_A_DAY),
    ("impact", lambda v, r: r["hours_per_week_after"], limits.HOURS_IN_A_WEEK),
]  # fmt: skip


@pytest.mark.parametrize(("slug", "quantity", "limit"), BOUNDED, ids=[f"{b[0]}-{i}" for i, b in enumerate(BOUNDED)])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_what_cannot_be_is_never_worked_out_even_when_everything_is_confirmed(slug, quantity, limit, data):
    calc = CALCULATORS[slug]
    numbers = [item for item in calc.inputs if isinstance(item, Number)]
    raw = calc.completed(
        {
            item.name: str(data.draw(st.integers(int(item.lo) + (1 if item.above else 0), int(item.hi)), item.name))
            for item in data.draw(st.lists(st.sampled_from(numbers), max_size=4, unique=True))
        }
    )
    try:
        values, doubts = calc.checked(raw)
    except InputErrors:
        return
    values, results = calc.run(raw, confirmed={d.key for d in doubts})  # the reader confirmed every warning
    assert quantity(values, results) <= limit


# --- The log: the same limits for a day -------------------------------------------------------------------

TODAY = dt.date(2026, 11, 3)


def save_day(action: str, **typed):
    day = {"date": "2026-11-02", "start": "08:00", "end": "17:00", "after_hours_minutes": "0", "patients": "14",
           "disruptions": "0", "editing": ""} | typed  # fmt: skip
    return COMPONENTS["log"].act(Request(action=action, forms={"entry": day}, today=TODAY))


def test_the_log_refuses_a_day_longer_than_a_day_beside_the_field():
    reply = save_day("save-entry", inbox_minutes="1440", after_hours_minutes="1440")
    assert reply.store is None and reply.state == "invalid"
    assert "after_hours_minutes" in re.findall(r'data-calc-focus="([^"]+)"', reply.regions["entry"])
    assert "makes a day of 1,980 minutes, and a day has 1,440" in html_unescape(reply.regions["entry"])
    # Confirming cannot save what cannot be.
    assert save_day("save-entry-confirmed", inbox_minutes="1440", after_hours_minutes="1440").store is None


def test_the_log_asks_about_more_scheduled_hours_than_the_day_then_saves_when_confirmed():
    reply = save_day("save-entry", end="09:00", scheduled_hours="24")
    assert reply.store is None
    shown = html_unescape(reply.regions["entry"])
    assert "Scheduled patient hours come to 24 hours, more than the 1-hour workday itself" in shown
    field = re.search(r'data-calc-field="scheduled_hours".*?(?=data-calc-field=)', shown, re.S).group(0)
    assert "more than the 1-hour workday" in field and 'value="24"' in field  # beside its field, as typed
    assert reply.focus == "log-entry-warning"
    saved = save_day("save-entry-confirmed", end="09:00", scheduled_hours="24")
    assert json.loads(saved.store["log"])["entries"][0]["scheduled_hours"] == "24"


# --- In the browser: one warning, beside its field, confirmed ----------------------------------------------


def test_a_warning_beside_the_field_keeps_the_typed_value_and_confirm_shows_the_result(page, site_url):
    page.goto(f"{site_url}/calculators/impact/")
    page.wait_for_selector("[data-calc='impact'][data-state='ready']", timeout=BOOT)
    field = page.locator("#impact-workday_hours_after")
    field.fill("20")
    field.press("Enter")  # submit: focus moves to the warning
    warning = page.locator("[data-calc-field='workday_hours_after'] .sp-warning")
    expect(warning).to_contain_text("Workday after is 20 hours")
    expect(page.locator("#impact-workday_hours_after-check")).to_be_focused()
    expect(page.locator("[data-calc='impact'] [data-calc-status]")).to_contain_text("Is that right?")
    expect(page.locator("[data-calc='impact'] [data-result]")).to_have_count(0)
    assert field.input_value() == "20"
    assert "impact-workday_hours_after-warning" in field.get_attribute("aria-describedby")
    warning.get_by_role("button", name="Confirm and show the result").click()
    page.wait_for_selector("[data-calc='impact'][data-state='ready'] [data-result='extra_hours_per_week']")
    expect(page.locator("[data-result='extra_hours_per_week']")).to_have_attribute("data-value", "60")
    expect(warning).to_have_count(0)
    assert field.input_value() == "20"
    expect(field).to_be_focused()
    assert page.errors_seen == []


def test_a_link_with_a_value_in_doubt_lands_on_its_warning_and_passes_axe(browser, site_url):
    context = browser.new_context(bypass_csp=True, reduced_motion="reduce")  # axe is an injected script
    try:
        page = context.new_page()
        page.goto(f"{site_url}/calculators/hourly-rate/#v=1&hours_per_week_after=100")
        page.wait_for_selector("[data-calc='hourly-rate'][data-state='invalid'] .sp-warning", timeout=BOOT)
        expect(page.locator("#hourly-rate-hours_per_week_after-check")).to_be_focused()
        assert page.input_value("#hourly-rate-hours_per_week_after") == "100"
        assert axe_violations(page) == []
    finally:
        context.close()
