"""One figure, one rounding, everywhere: the site rounds with one function (exact, a half away from
zero), the log hands the impact calculator exact values, and a quantity shows the same digits in
the log, the packet, the team page and a calculator's own figure and sentence."""

from __future__ import annotations

import ast
import html
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import CALCULATORS, COMPONENTS, UserError
from calculators.components import team
from calculators.components.impact_log import data
from calculators.framework.inputs import Number
from calculators.framework.numbers import exact_text, format_number, rounded, whole
from calculators.framework.profile import ALL as PROFILES
from calculators.framework.protocol import Request

ROOT = Path(__file__).resolve().parent.parent
IMPACT = CALCULATORS["impact"]
FIGURE = re.compile(r'data-result="([^"]+)" data-value="([^"]*)">([^<]*)<')
SENTENCE = re.compile(r"<blockquote id=\"[^\"]*\" data-copy-source>(.*?)</blockquote>", re.S)
NUMBER = re.compile(r"(?<![\w.,])-?\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\w])")


# --- The one rounding ---------------------------------------------------------------------------------


def test_halves_round_away_from_zero_on_the_exact_value():
    for text, places, expected in [
        ("38.75", 1, "38.8"),
        ("4.5", 0, "5"),
        ("2.5", 0, "3"),  # round() would give 2
        ("2.675", 2, "2.68"),  # a float would give 2.67
        ("1.005", 2, "1.01"),
        ("0.125", 2, "0.13"),
        ("-0.25", 1, "-0.3"),
        ("-2.5", 0, "-3"),
        ("38.7499999", 1, "38.7"),
    ]:
        value = Fraction(Decimal(text))
        assert str(rounded(value, places)) == expected, text
        assert format_number(value, places) == expected.replace("-0", "-0"), text
    assert whole(Fraction(9, 2)) == 5 and whole(Fraction(7, 2)) == 4 and whole(Fraction(-9, 2)) == -5


def test_nothing_else_rounds_a_number_for_people():
    """No call to round() in the calculators: it rounds a half to even (4.5 -> 4), unlike the rest
    of the site. The case mix's linear program rounds its floating-point prices, which no one reads."""
    allowed = {ROOT / "calculators/components/case_mix/search.py"}
    found = []
    for path in sorted((ROOT / "calculators").rglob("*.py")):
        if path in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "round":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


@given(st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=10**6))
def test_exact_text_reads_back_exactly_through_a_number_field(value):
    field = Number("x", "X", "", "", "0", -(10**7), 10**7)
    assert field.parse(exact_text(value)) == value
    assert field.parse(field.canonical(value)) == value


# --- The log, the packet, the impact calculator -----------------------------------------------------------


def entry(day: str, start: str, end: str, after: int, patients: int, **more) -> dict:
    raw = {"date": day, "start": start, "end": end, "after_hours_minutes": str(after), "patients": str(patients)}
    return data.clean(data.ENTRY, raw | {k: str(v) for k, v in more.items()})


def pages(log: data.Log) -> dict[str, dict[str, tuple[Fraction, str]]]:
    """Each component's figures from one stored log: {slug: {key: (exact value, digits shown)}}."""
    stored = data.dump(log)
    out = {}
    for slug in ("log", "packet"):
        reply = COMPONENTS[slug].act(Request(component=slug, action="load", stored={data.KEY: stored}))
        found = FIGURE.findall(" ".join(reply.regions.values()))
        out[slug] = {key: (Fraction(Decimal(value)), html.unescape(text)) for key, value, text in found if value}
    return out


# The same quantity in the log and in the packet: (log key, packet key).
SHARED = [
    ("before-minutes_per_patient", "packet-minutes_per_patient-before"),
    ("after-minutes_per_patient", "packet-minutes_per_patient-after"),
    ("before-patients", "packet-patients_per_day-before"),
    ("after-patients", "packet-patients_per_day-after"),
    ("before-outside8", "packet-outside8-before"),
    ("after-outside8", "packet-outside8-after"),
    ("before-inbox8", "packet-inbox8-before"),
    ("after-inbox8", "packet-inbox8-after"),
]


def test_the_reviews_log_shows_38_8_in_the_log_the_packet_and_the_calculator_it_fills():
    settings_ = data.clean(data.SETTINGS, {"go_live": "2026-11-16"})
    log = data.Log(
        settings_, [entry("2026-11-02", "08:00", "17:00", 60, 14), entry("2026-11-16", "08:00", "18:00", 20, 16)]
    )
    shown = pages(log)
    assert shown["log"]["after-minutes_per_patient"] == (Fraction(155, 4), "38.8")
    assert shown["packet"]["packet-minutes_per_patient-after"] == (Fraction(155, 4), "38.8")
    raw, why = data.impact_inputs(data.summarise(log))
    assert why == "" and raw["after_hours_after"] == "1/3"  # exact, not 0.333333
    values, results = IMPACT.run(raw)
    assert results["minutes_per_patient_after"] == Fraction(155, 4)
    page = IMPACT.render(values, results)
    shown = {key: text for key, _, text in FIGURE.findall(page)}
    assert shown["minutes_per_patient_after"] == "38.8 min" and "now takes 38.8 minutes" in page


def test_patients_a_day_reads_the_same_in_the_log_and_the_packet():
    settings_ = data.clean(data.SETTINGS, {"go_live": "2026-11-16"})
    days = [entry("2026-11-02", "08:00", "17:00", 60, 27), entry("2026-11-03", "08:00", "17:00", 60, 28)]
    log = data.Log(settings_, days + [entry("2026-11-16", "08:00", "18:00", 20, 16)])
    shown = pages(log)
    assert shown["log"]["before-patients"][1] == shown["packet"]["packet-patients_per_day-before"][1] == "27.5"


day = st.tuples(
    st.integers(0, 27),  # days from 2026-11-02; go-live on 2026-11-16
    st.integers(6, 10),
    st.integers(0, 3).map(lambda q: q * 15),
    st.integers(6, 12),  # hours long
    st.integers(0, 240),
    st.integers(1, 40),
    st.one_of(st.none(), st.integers(1, 12)),  # scheduled hours
    st.integers(0, 200),  # inbox minutes
)


@settings(max_examples=60, deadline=None)
@given(st.lists(day, min_size=2, max_size=12, unique_by=lambda d: d[0]))
def test_a_quantity_shows_the_same_digits_in_the_log_and_the_packet(days):
    import datetime as dt

    entries = []
    for offset, hour, minute, length, after, patients, scheduled, inbox in days:
        start = dt.datetime(2026, 11, 2, hour, minute) + dt.timedelta(days=offset)
        end = start + dt.timedelta(hours=length)
        extra = {"scheduled_hours": scheduled, "inbox_minutes": inbox} if scheduled else {}
        entries.append(entry(f"{start.date()}", f"{start:%H:%M}", f"{end:%H:%M}", after, patients, **extra))
    settings_ = data.clean(data.SETTINGS, {"go_live": "2026-11-16"})
    log = data.Log(settings_, sorted(entries, key=lambda e: e["date"]))
    shown = pages(log)
    for log_key, packet_key in SHARED:
        if log_key in shown["log"] and packet_key in shown["packet"]:
            assert shown["log"][log_key] == shown["packet"][packet_key], (log_key, packet_key)
    summary = data.summarise(log)
    raw, _ = data.impact_inputs(summary)
    if raw is not None:  # the calculator the log fills works out the log's exact figures
        _, results = IMPACT.run(raw)
        for side in ("before", "after"):
            assert results[f"minutes_per_patient_{side}"] == summary[side]["minutes_per_patient"]
        if "packet-added-hours" in shown["packet"]:  # the options' cost is the impact's extra hours
            assert shown["packet"]["packet-added-hours"][1] == format_number(results["extra_hours_per_week"], 1)


# --- The team page ----------------------------------------------------------------------------------------


def test_the_team_letter_says_the_summarys_digits():
    for people, ranges in ((3, False), (6, True)):
        group = {
            "people": people,
            "ranges": ranges,
            "extra_hours": (Fraction(7, 2), Fraction(1), Fraction(9)) if ranges else (Fraction(4), None, None),
            "after_hours_change": (Fraction(1), Fraction(0), Fraction(2)) if ranges else (Fraction(1), None, None),
            "minutes_per_patient_change": None,
            "after_hours_total": Fraction(41, 2),
            "delays": [],
        }
        figures = {key: text for key, _, text in FIGURE.findall(team.summary_html(group))}
        letter = team.letter(group, "")
        assert "20.5 hours" in figures["team-after-hours-total"] and "about 20.5 hours a week" in letter
        median = figures["team-extra-hours-median"].split(" ")[0]
        assert f"a median of {median} hours" in letter


# --- A calculator's figure and its own sentence ----------------------------------------------------------


def typed_values(values: dict) -> set[Decimal]:
    return {Decimal(v.numerator) / Decimal(v.denominator) for v in values.values() if isinstance(v, Fraction)}


def contradictions(page: str, typed: set[Decimal]) -> list[tuple[str, str, str]]:
    """Numbers in the page's sentences that are a figure's exact value rounded to other places than
    the figure shows it (38.75 said as 38.75 beside a figure of 38.8, or 107 beside 106.5)."""
    figures = []
    for key, value, text in FIGURE.findall(page):
        shown = NUMBER.search(html.unescape(text).replace("$", ""))
        if value and shown and re.fullmatch(r"-?\d+(\.\d+)?", value):
            figures.append((key, Fraction(Decimal(value)), Decimal(shown.group().replace(",", ""))))
    shown_digits = {digits for _, _, digits in figures}
    said = " ".join(html.unescape(re.sub("<[^>]+>", " ", s)) for s in SENTENCE.findall(page))
    found = []
    for number in NUMBER.findall(said.replace("$", "")):
        digits = Decimal(number.replace(",", ""))
        if digits in shown_digits or digits in typed or "." not in number:
            continue  # a figure's own digits, what the reader typed, or a count
        places = len(number.split(".")[1])
        for key, value, figure_digits in figures:
            if value and rounded(value, places) == digits and figure_digits != digits:
                found.append((key, str(figure_digits), number))
    return found


def calculator_cases(calc):
    yield calc.defaults()
    for example in calc.examples:
        yield calc.completed(dict(example.inputs))
    numbers = [item for item in calc.inputs if isinstance(item, Number) and item.default]
    for i, item in enumerate(numbers):  # each number a little off its default, to leave round values
        raw = dict(calc.defaults())
        raw[item.name] = exact_text(min(item.hi, Fraction(item.default) * Fraction(107, 100) + Fraction(i + 1, 100)))
        yield raw


def test_a_calculators_sentence_says_its_figures_digits():
    problems = {}
    for slug, calc in sorted(CALCULATORS.items()):
        for profile in PROFILES:
            for raw in calculator_cases(calc):
                try:
                    values, results = calc.run(calc.completed(raw | {"role": profile.role, "setting": profile.setting}))
                except ValueError:
                    continue  # an input the case made invalid for this calculator
                found = contradictions(calc.render(values, results), typed_values(values))
                if found:
                    problems.setdefault(slug, found[0])
    assert problems == {}


def test_the_reviews_inbox_and_saved_minutes_sentences_use_their_figures_digits():
    inbox = CALCULATORS["inbox"]
    values, results = inbox.run(inbox.completed({"results_messages": "16"}))
    page = inbox.render(values, results)
    shown = {key: text for key, _, text in FIGURE.findall(page)}
    read = re.sub(r'data-value="[^"]*"', "", page)  # what people read, not the hooks' unrounded values
    assert shown["inbox_minutes_per_day"].startswith("107") and "107 minutes" in read and "106.5" not in read
    saved = CALCULATORS["saved-minutes"]
    page = saved.render(*saved.run(saved.defaults()))
    assert "14.4" not in re.sub(r'data-value="[^"]*"', "", page)
    shift = CALCULATORS["shift-trade-off"]
    values, results = shift.run(shift.defaults())
    week = format_number(results["unit_hours_per_week"], 1)
    assert f"about {week} hours a week" in shift.render(values, results)
    escalation = CALCULATORS["escalation"]
    page = escalation.render(
        *escalation.run(escalation.completed({"steps": "Charge nurse,phone,0.075;Manager,phone,1"}))
    )
    assert "within 5 minutes" in page and "within 4 minutes" not in page


@settings(max_examples=300)
@given(
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=60, max_value=720),
    st.integers(min_value=0, max_value=240),
)
def test_protected_time_shows_a_target_and_its_reduction_that_add_up(target, scheduled, protected):
    # 17.85 and 0.15 shown at one decimal were 17.9 and 0.2: 18.1 for a target of 18
    calc = CALCULATORS["protected-time"]
    raw = {"target": str(target), "scheduled_minutes": str(scheduled), "protected_minutes": str(protected)}
    raw["debrief_minutes"] = "0"
    try:
        values, results = calc.run(raw, confirmed=())
    except UserError:
        return
    html = calc.render(values, results)
    shown = {
        key: Decimal(text.split()[0].replace(",", ""))
        for key, text in re.findall(r'data-result="(adjusted_target|target_reduction)"[^>]*>([^<]*)<', html)
        if text != "no change"
    }
    assert sum(shown.values()) == target or set(shown) == {"adjusted_target"}, shown
