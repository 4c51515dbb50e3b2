"""The calculators package, natively: worked examples, boundaries, junk, links, exactness."""

from __future__ import annotations

import ast
import re
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import calculators
from calculators import CALCULATORS, InputErrors
from calculators.browser import handle
from calculators.framework.inputs import Number
from calculators.framework.numbers import format_money, format_number, plain_decimal
from support import TODAY

EXAMPLES = [(slug, ex) for slug, calc in CALCULATORS.items() for ex in calc.examples]


@pytest.mark.parametrize(("slug", "example"), EXAMPLES, ids=[f"{s}: {e.title}" for s, e in EXAMPLES])
def test_worked_examples(slug, example):
    values, results = CALCULATORS[slug].run(example.inputs, TODAY)
    for key, expected in example.expect.items():
        assert results[key] == expected, key


def test_every_calculator_has_examples_and_valid_defaults():
    for calc in CALCULATORS.values():
        assert calc.examples, calc.slug
        calc.run({}, TODAY)  # defaults must always compute


def test_package_imports_only_the_standard_library():
    package = Path(calculators.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top == "__future__", f"{path.name} imports {name}"


# --- Trade-off: the defaults, the boundaries -------------------------------------------------------

TRADE = CALCULATORS["trade-off"]


def test_trade_off_defaults_match_the_spec():
    _, r = TRADE.run({})
    assert r["physician_minutes_per_session"] == 50
    assert format_number(r["added_hours_per_week"]) == "6.67"
    assert r["patients_to_drop_per_session"] == 2
    assert r["admin_blocks_per_week"] == 2
    assert r["shortened_visit_minutes"] == 15


def test_floor_is_exact_at_the_boundary():
    # 4 x 6.6 / (6.6 + 2.2) is exactly 3; in floating point it is 2.9999999999999996, which would
    # wrongly drop 2 patients instead of 1.
    assert 4 * 6.6 / (6.6 + 2.2) < 3
    _, r = TRADE.run(
        {"patients_per_session": "4", "affected_per_session": "4", "visit_minutes": "6.6", "added_minutes": "2.2"}
    )
    assert r["patients_to_drop_per_session"] == 1


def test_ceil_is_exact_at_the_boundary():
    # 30 minutes x 8 sessions = 240 = exactly one block: ceil must give 1, not 2.
    _, r = TRADE.run({"added_minutes": "3", "affected_per_session": "10"})
    assert r["physician_minutes_per_session"] == 30
    assert r["admin_blocks_per_week"] == 1
    _, r = TRADE.run({"added_minutes": "3.01"})
    assert r["admin_blocks_per_week"] == 2


def test_shortened_visit_risk_flag_boundary():
    _, r = TRADE.run({"added_minutes": "5", "visit_minutes": "20"})  # 15 = exactly 3/4 of 20
    assert r["shortened_visit_at_risk"] is False
    _, r = TRADE.run({"added_minutes": "5.01", "visit_minutes": "20"})
    assert r["shortened_visit_at_risk"] is True


def test_delegation_moves_time_off_the_physician():
    _, r = TRADE.run({"delegable_percent": "100"})
    assert r["physician_minutes_per_session"] == 0
    assert r["delegated_hours_per_week"] == Fraction(20, 3)
    assert r["patients_to_drop_per_session"] == 0 and r["admin_blocks_per_week"] == 0


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("visit_minutes", "", "Enter visit length, like 20"),
        ("visit_minutes", "twenty", "Visit length must be a number, like 20"),
        ("visit_minutes", "1e999", "Visit length must be a number, like 20"),
        ("visit_minutes", "NaN", "Visit length must be a number, like 20"),
        ("visit_minutes", "inf", "Visit length must be a number, like 20"),
        ("visit_minutes", "<img src=x onerror=alert(1)>", "Visit length must be a number, like 20"),
        ("visit_minutes", "4.99", "Visit length must be between 5 and 240"),
        ("patients_per_session", "61", "Patients per session must be between 1 and 60"),
        ("patients_per_session", "-3", "Patients per session must be between 1 and 60"),
        ("patients_per_session", "2.5", "Patients per session must be a whole number, like 10"),
        ("added_minutes", "0", "Added minutes per visit must be more than 0 and at most 240"),
        (
            "affected_per_session",
            "11",
            "Patients needing the new step must be between 0 and 10, the patients per session",
        ),
        ("delegable_percent", "100.5", "Delegable share must be between 0 and 100"),
        ("visit_minutes", "1,5", "Visit length must be written with a point for decimals, like 20"),
    ],
)
def test_junk_is_rejected_with_a_message_for_its_field(name, raw, message):
    with pytest.raises(InputErrors) as caught:
        TRADE.run({name: raw})
    assert [(e.name, e.message) for e in caught.value.errors] == [(name, message)]


def test_every_bad_field_is_reported_at_once():
    with pytest.raises(InputErrors) as caught:
        TRADE.run({"visit_minutes": "x", "weeks_per_year": "53", "added_minutes": ""})
    assert {e.name for e in caught.value.errors} == {"visit_minutes", "weeks_per_year", "added_minutes"}


def test_people_can_type_numbers_the_way_they_write_them():
    number = Number("x", "X", "", "", "1", 0, 10**7, money=True)
    assert number.parse(" 1,000.50 ") == Fraction(200100, 200)
    assert number.parse("$250,000") == 250000
    assert number.parse(".5") == Fraction(1, 2)


# --- Links ---------------------------------------------------------------------------------------


def test_fragment_holds_only_changed_values_and_round_trips():
    raw = {**TRADE.defaults(), "visit_minutes": "30", "delegable_percent": "12.5"}
    fragment = TRADE.to_fragment(raw)
    assert fragment == "v=1&visit_minutes=30&delegable_percent=12.5"
    from urllib.parse import parse_qsl

    back, problems = TRADE.read_link(parse_qsl(fragment))
    assert problems == [] and back == raw
    assert TRADE.to_fragment(TRADE.defaults()) == ""


@pytest.mark.parametrize(
    ("pairs", "problem"),
    [
        ([["visit_minutes", "30"]], "no version number"),
        ([["v", "2"], ["visit_minutes", "30"]], "different version"),
        ([["v", "1"], ["colour", "red"]], "does not know"),
        ([["v", "1"]] + [["k", "1"]] * 500, "far more settings"),
    ],
)
def test_bad_links_are_explained(pairs, problem):
    raw, problems = TRADE.read_link(pairs)
    assert any(problem in p for p in problems)
    if "does not know" not in problem:
        assert raw == TRADE.defaults()  # nothing from a broken link is applied


def test_browser_entry_point_escapes_everything_and_never_raises():
    import json

    reply = json.loads(
        handle(
            json.dumps(
                {
                    "component": "trade-off",
                    "action": "link",
                    "arg": "v=1&visit_minutes=%3Cscript%3Ealert(1)%3C%2Fscript%3E&%3Cb%3Ex%3C%2Fb%3E=1",
                }
            )
        )
    )
    assert reply["state"] == "invalid"
    summary = reply["regions"]["summary"]
    assert (
        "<script>" not in summary and "<b>" not in summary and "&lt;b&gt;" not in summary and "does not know" in summary
    )
    assert reply["errors"] == {"inputs": {"visit_minutes": "Visit length must be a number, like 20"}}
    assert reply["fields"]["inputs"]["visit_minutes"] == "<script>alert(1)</script>"  # kept, shown as text
    for junk in ["", "null", "[]", '{"component": "nope"}', '{"component": "trade-off", "forms": 7}', "\x00"]:
        assert "fatal" in json.loads(handle(junk)) or json.loads(handle(junk))["state"] in {"ready", "invalid"}


# --- Number formatting ---------------------------------------------------------------------------


def test_plain_decimal_is_exact_when_it_can_be():
    assert plain_decimal(Fraction(1, 8)) == "0.125"
    assert plain_decimal(Fraction(20, 3)) == "6.666666666667"
    assert plain_decimal(Fraction(10**20)) == "100000000000000000000"
    assert plain_decimal(Fraction(-1, 2)) == "-0.5"
    assert "e" not in plain_decimal(Fraction(1, 10**9)).lower()


def test_display_rounding_is_half_up_and_readable():
    assert format_number(Fraction(5, 2), 0) == "3"
    assert format_number(Fraction(20, 3)) == "6.67"
    assert format_number(1234567) == "1,234,567"
    assert format_money(300000) == "$300,000"
    assert format_money(Fraction(652173913, 100000)) == "$6,522"
    assert format_money(Fraction(125, 2)) == "$62.50"


def test_a_link_never_puts_its_own_text_in_a_message():
    raw, problems = TRADE.read_link(
        [["v", "1"], ["\u202eclick here to verify", "1"], ["visit_minutes", "30"], ["x", "2"]]
    )
    assert raw["visit_minutes"] == "30"
    assert problems == [
        "This link has 2 settings this calculator does not know, left out. The rest of the link was used."
    ]


def test_retention_words_each_direction_for_what_it_means():
    from calculators.components import retention

    calc = CALCULATORS["retention"]
    # The worked example of Shanafelt, Goh and Sinsky (2017): 450 physicians, 7% to 7.5%, $500,000 each.
    v, r = calc.run(
        {
            "clinicians": "450",
            "turnover_before_percent": "7",
            "turnover_after_percent": "7.5",
            "replacement_cost": "500000",
            "mitigation_cost": "1000000",
        }
    )
    assert r["extra_turnover_cost_per_year"] == 1125000 and r["cost_ratio"] == Fraction(9, 8)
    assert retention.say(v, r).endswith("it pays for itself if it prevents 2 departures a year.")
    v, r = calc.run({"turnover_after_percent": "5"})  # turnover falls
    text = re.sub(r"<[^>]+>", " ", calc.render(v, r))  # what people read, not data-value
    assert "0.4 fewer departures a year" in text and "$200,000 a year saved" in text
    assert "-0.4" not in text and "no turnover cost to set against the fix" in text
    v, r = calc.run({"mitigation_cost": "500000"})
    assert retention.say(v, r).endswith("prevents one departure a year.")


def test_a_week_longer_than_168_hours_is_refused_by_the_field_that_makes_it():
    impact = CALCULATORS["impact"]
    with pytest.raises(InputErrors) as failure:
        impact.run({"workday_hours_after": "24", "clinic_days_per_week": "7", "after_hours_after": "100"})
    assert failure.value.by_field() == {
        "workday_hours_after": "Workday after (24 hours) on 7 clinic days, with the after-hours charting, makes a week "
        "of 268 hours, and a week has 168: check it"
    }
    # 168 hours is a whole week: possible, so asked about (tests/test_plausibility.py), never refused.
    impact.run({"workday_hours_after": "24", "clinic_days_per_week": "7", "after_hours_after": "0"})


def test_a_decimal_comma_gets_a_hint_to_use_a_point():
    with pytest.raises(InputErrors) as failure:
        TRADE.run({"visit_minutes": "12,5"})
    assert failure.value.by_field() == {
        "visit_minutes": "Visit length must be written with a point for decimals, like 20"
    }
    with pytest.raises(InputErrors) as failure:  # a thousands group is still a number, here out of range
        TRADE.run({"visit_minutes": "1,000"})
    assert failure.value.by_field() == {"visit_minutes": "Visit length must be between 5 and 240"}


def test_a_go_live_years_in_the_past_is_questioned_above_the_plan():
    import datetime as dt

    from calculators.components.transition import COMPONENT as TRANSITION
    from calculators.components.transition import old_go_live

    assert "more than a year ago" in old_go_live(dt.date(2020, 1, 6), dt.date(2026, 12, 1))
    assert old_go_live(dt.date(2026, 6, 1), dt.date(2026, 12, 1)) == ""
    values, results = TRANSITION.run({"go_live": "2020-01-06"})
    assert "Mon 6 Jan 2020, is more than a year ago" in TRANSITION.render(values, results)


def test_messages_built_from_labels_read_as_sentences():
    from calculators.components.transition import COMPONENT as TRANSITION

    with pytest.raises(InputErrors) as failure:
        TRANSITION.run({"review_every_weeks": ""})
    assert failure.value.by_field() == {"review_every_weeks": "Enter how often to review, in weeks, like 2"}
    short = {"pilot_weeks": "1", "refine_weeks": "0", "partial_weeks": "0", "support_weeks": "0"}
    shown = re.sub(r"<[^>]+>", " ", TRANSITION.render(*TRANSITION.run(short)))
    assert "1 week " in shown and "1 weeks" not in shown
    assert "none : No review falls inside the plan" in " ".join(shown.split()) and "the first on No" not in shown
