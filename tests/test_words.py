"""Words follow the numbers: for every calculator, every profile and generated inputs, what the
reader sees (the result, the sentence to copy, the announcement that is also the phone's key-figure
line) never shows a negative quantity in prose, never pairs "1" with a plural or another number
with a singular, and every direction word ("more", "fewer", "up from", "lower", "rises"...) agrees
with the sign of the number it describes. Native: no browser."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import CALCULATORS, get
from calculators.framework.inputs import Choice, Date, InputErrors, Number, Table, Text
from calculators.framework.numbers import plain_decimal
from calculators.framework.profile import ALL
from calculators.framework.protocol import Request
from support import TODAY

NUM = r"\d[\d,]*(?:\.\d+)?"
# Blocks of the result that each read on their own: a figure, an option, a paragraph, a cell.
BLOCK = re.compile(
    r"</?(?:p|li|dd|dt|blockquote|td|th|tr|h\d|caption|div|ol|ul|dl|title|desc|text|table|section|svg|g)\b[^>]*>"
)

# A minus before a number ("-7 hours", "-$200,000"), not a date, a time range or a signed change in
# percent ("(-29.6%)" beside a before and after, whose sign is its direction: checked below).
NEGATIVE = re.compile(r"(?<![\w.:/–-])[-−]\s?\$?\d(?![\d.,]*%)")
# A direction stated for nothing: "0 more", "0 fewer patients", "0 minutes off", "0 of one departure".
EMPTY_CHANGE = re.compile(
    rf"(?<![\d.,$])0 (?:more|fewer|extra|less)\b|(?<![\d.,$])0 \w+ off\b|(?<![\d.,])(?:0|1) of one\b|\bfrom ({NUM}) to \1(?![.,]?\d)"
)
# Words that say which way a number went, in the clause before it.
RISE = re.compile(r"\b(?:rises?|rose|raise[sd]?|increase[sd]?|grow|grew|higher|up|longer|more|extra)\b", re.I)
FALL = re.compile(
    r"\b(?:fall|falls|fell|cut|cuts|lower(?:ed)?|drops?|dropped|reduced?|down|shorter|fewer|less)\b", re.I
)
SIGNED_PERCENT = re.compile(rf"\(\s*([+-]?)({NUM})%\s*\)")
FROM_TO = re.compile(rf"\bfrom \$?({NUM})%? to \$?({NUM})")
UP_DOWN_FROM = re.compile(rf"\b(up|down) from \$?({NUM})")
NUMBER = re.compile(rf"(?<![\w.,:/-])\$?({NUM})(?![\d-])")

# "1" and its noun: a plural after it is a slip ("1 shifts", "1 fewer hours", "our 1 nurses").
ONE = re.compile(r"(?<![\w.,:/$+-])1 ((?:[A-Za-z][\w-]* ){0,2}[A-Za-z][\w-]*)")
# Words that may stand between "1" and its noun.
BEFORE_NOUN = {"more", "fewer", "extra", "less", "protected", "charting", "prime", "added", "whole", "full"}
# Words ending in s that are no plural noun.
NOT_PLURAL = {"is", "was", "has", "as", "its", "this", "plus", "across", "times", "less", "always", "us", "yes"}
# Nouns the calculators count; after a number other than 1 they are plural.
COUNTED = (
    "hour minute patient shift week day visit departure session place step review nurse breach message block "
    "case person clinician physician year click contact"
).split()
SINGULAR_AFTER_MANY = re.compile(
    rf"(?<![\w.,:/$-])({NUM}) (?:(?:{'|'.join(sorted(BEFORE_NOUN))}) )*({'|'.join(COUNTED)})\b(?![-'’]| [a-z]+s\b)"
)


FIGURE = re.compile(r'<(\w+) data-result="([^"]*)" data-value="(-?[\d.]+)">([^<]*)</\1>')
GAIN = re.compile(r"\b(?:more|extra|up|higher|rise|rises|longer)\b")
# "fewer" and "less" also name the size of a cut ("1 fewer would leave none"), so only these words
# say that a figure's own value went down.
LOSS = re.compile(r"\b(?:lower|down|saved|falls?)\b")


def figure_slips(markup: str) -> list[str]:
    """A figure's words against its own unrounded value: "15 more hours" must hold a positive number,
    "$200,000 a year saved" a negative cost."""
    found = []
    for _, key, number, text in FIGURE.findall(markup):
        amount = Fraction(number)
        if GAIN.search(text) and amount < 0 or LOSS.search(text) and amount > 0:
            found.append(f"{key}: {text!r} for {number}")
    return found


def value(text: str) -> Fraction:
    return Fraction(text.replace(",", ""))


def blocks(markup: str) -> list[str]:
    """The result's text, block by block, as a reader sees it (citations kept out: a study's own
    numbers and nouns are quoted as it wrote them)."""
    markup = re.sub(r"<cite\b[^>]*>.*?</cite>", " ", markup, flags=re.S)
    parts = BLOCK.split(markup)
    texts = (
        " ".join(re.sub(r"<[^>]+>", " ", part).replace("&#x27;", "'").replace("&amp;", "&").split()) for part in parts
    )
    return [text for text in texts if text]


def clause_before(text: str, end: int) -> str:
    """The clause that leads up to position `end`: back to the last full stop, semicolon or colon."""
    start = max(text.rfind(mark, 0, end) for mark in (". ", "; ", ": ", ", so "))
    return text[start + 1 : end] if start >= 0 else text[:end]


def slips(block: str) -> list[str]:
    """Every place in one block of text where the words contradict the numbers."""
    found = [f"negative: {m.group(0)!r} in {block!r}" for m in NEGATIVE.finditer(block)]
    found += [f"a change that is none: {m.group(0)!r} in {block!r}" for m in EMPTY_CHANGE.finditer(block)]
    for m in ONE.finditer(block):
        words = m.group(1).split()
        while len(words) > 1 and words[0].lower() in BEFORE_NOUN:
            words.pop(0)
        noun = words[0]
        if noun.endswith("s") and not noun.endswith("ss") and noun.lower() not in NOT_PLURAL or noun == "people":
            found.append(f"1 with a plural: {m.group(0)!r} in {block!r}")
    for m in SINGULAR_AFTER_MANY.finditer(block):
        if m.group(1) != "1":
            found.append(f"a singular after {m.group(1)}: {m.group(0)!r} in {block!r}")
    for m in SIGNED_PERCENT.finditer(block):
        sign, amount = m.group(1), value(m.group(2))
        before = clause_before(block, m.start())
        if amount and sign == "+" and FALL.search(before) and not RISE.search(before):
            found.append(f"a rise worded as a fall: {before + m.group(0)!r}")
        if amount and sign == "-" and RISE.search(before) and not FALL.search(before):
            found.append(f"a fall worded as a rise: {before + m.group(0)!r}")
    for m in FROM_TO.finditer(block):
        start, end = value(m.group(1)), value(m.group(2))
        before = clause_before(block, m.start())[-50:]
        if FALL.search(before) and not RISE.search(before) and end > start:
            found.append(f"a rise worded as a fall: {before + m.group(0)!r}")
        if RISE.search(before) and not FALL.search(before) and end < start:
            found.append(f"a fall worded as a rise: {before + m.group(0)!r}")
    for m in UP_DOWN_FROM.finditer(block):
        earlier = NUMBER.findall(clause_before(block, m.start()))
        if earlier:
            now, then = value(earlier[-1]), value(m.group(2))
            if (m.group(1) == "up") != (now > then) or now == then:
                found.append(f"{m.group(1)} from {then} to {now}: {block!r}")
    return found


# --- Generated inputs: every field of every calculator, within its limits -----------------------------


def number_text(item: Number) -> st.SearchStrategy[str]:
    """A value the field accepts: its default, a bound, 1 or 2, or any value in range (two decimals)."""
    lo, hi = item.lo, item.hi
    scale = 1 if item.whole else 100
    first = int(lo * scale) + (1 if item.above or lo * scale % 1 else 0)
    last = int(hi * scale)
    # Mostly near the default, where readers are; sometimes anywhere in range.
    near = max(first, min(last, int(Fraction(item.default or 10) * scale * 3)))
    special = [
        x
        for x in (lo, hi, Fraction(1), Fraction(2), Fraction(1, 2))
        if (x > lo if item.above else x >= lo) and x <= hi and (not item.whole or x.denominator == 1)
    ]
    strategies = [
        st.integers(first, near).map(lambda n: Fraction(n, scale)),
        st.integers(first, last).map(lambda n: Fraction(n, scale)),
    ]
    if special:
        strategies.append(st.sampled_from(special))
    return st.one_of(strategies).map(plain_decimal)


def cell_text(column, default: str) -> st.SearchStrategy[str]:
    if isinstance(column, Number):
        return st.one_of(st.just(default), number_text(column)) if default else number_text(column)
    return st.just(default)


@st.composite
def table_rows(draw, tables: list[Table], raw: dict) -> dict:
    """Some of the default rows of tables shown together (the same rows of each), their numbers
    changed."""
    grids = [table.rows(raw[table.name]) for table in tables]
    count = min(len(grid) for grid in grids)
    keep = draw(st.lists(st.sampled_from(range(count)), min_size=1, max_size=count, unique=True).map(sorted))
    out = {}
    for table, grid in zip(tables, grids, strict=True):
        rows = []
        for i in keep:
            cells = [draw(cell_text(column, cell)) for column, cell in zip(table.columns, grid[i], strict=False)]
            rows.append(cells)
        out[table.name] = table.join(rows)
    return out


@st.composite
def inputs(draw, calc, profile) -> dict:
    """A calculator's raw inputs for a profile: its defaults, some of them changed."""
    raw = calc.defaults(TODAY, profile)
    fields = calc.inputs_for(profile)
    for item in fields:
        if isinstance(item, Table) or not draw(st.booleans()):
            continue
        if isinstance(item, Number):
            raw[item.name] = draw(number_text(item) | st.just("") if item.optional else number_text(item))
        elif isinstance(item, Choice):
            raw[item.name] = draw(st.sampled_from([key for key, _ in item.choices]))
        elif isinstance(item, Text):
            raw[item.name] = draw(st.sampled_from([raw[item.name], "Ward 5"]))
        elif isinstance(item, Date):
            raw[item.name] = draw(
                st.dates(TODAY.replace(year=TODAY.year - 1), TODAY.replace(year=TODAY.year + 1))
            ).isoformat()
    groups: dict[str, list[Table]] = {}
    for item in fields:
        if isinstance(item, Table):
            groups.setdefault(item.shown_as, []).append(item)
    for tables in groups.values():
        if draw(st.booleans()):
            raw |= draw(table_rows(tables, raw))
    if calc.slug == "saved-minutes":  # its four shares must add up to 100
        shares = [
            int(Fraction(raw[f"{name}_percent"] or "0")) for name in ("shorter_days", "after_hours", "per_patient")
        ]
        if sum(shares) <= 100 and all(
            s == Fraction(raw[f"{n}_percent"])
            for s, n in zip(shares, ("shorter_days", "after_hours", "per_patient"), strict=True)
        ):
            raw["more_visits_percent"] = str(100 - sum(shares))
    return raw


def result(calc, raw: dict) -> tuple[dict, dict, str] | None:
    """The values, results and everything shown for these inputs. A field that a rule across fields
    refuses (a field's message is another test's business) goes back to its default, a few times over;
    None when the inputs are still refused."""
    defaults = calc.defaults(TODAY, calc.parse({"role": raw["role"], "setting": raw["setting"]})["profile"])
    for _ in range(4):
        try:
            values, results = calc.run(raw, TODAY)
        except InputErrors as failure:
            refused = {error.name for error in failure.errors if raw.get(error.name) != defaults.get(error.name)}
            if not refused:  # the defaults of those fields are refused beside what else was changed
                refused = {name for name in raw if raw[name] != defaults[name]}
            if not refused:
                return None
            raw = raw | {name: defaults[name] for name in refused}
            continue
        return values, results, calc.render(values, results) + f"<p>{calc.announce(values, results)}</p>"
    return None


@pytest.mark.parametrize("slug", sorted(CALCULATORS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_the_words_follow_the_numbers(slug, data):
    calc = CALCULATORS[slug]
    profile = data.draw(st.sampled_from(ALL), label="profile")
    raw = data.draw(inputs(calc, profile), label="raw")
    shown = result(calc, raw)
    if shown is None:
        return
    problems = [slip for block in blocks(shown[2]) for slip in slips(block)] + figure_slips(shown[2])
    assert not problems, "\n".join(problems)


def test_the_checks_catch_what_the_review_found():
    """The checks themselves: each slip the December numbers review reported is caught, and its
    right wording is not."""
    wrong = [
        "Accept a lower hourly rate Keep things as they are and earn $163 an hour instead of $139 (+17.5%).",
        "Raise prices or negotiated rates Income would need to reach $255,319 a year (-14.9%) to keep the old rate.",
        "Take -7 hours a week back out of the workflow.",
        "Result updated: -0.4 extra departures, -$200,000 a year.",
        "It pays for itself if it prevents 0 of one departure a year.",
        "1 departures prevented pays for the fix",
        "Each patient now takes 24.8 minutes of my time, up from 35.25.",
        "I checked 1 shifts against the limits",
        "1 fewer hours of charting after hours each week",
        "If turnover among our 1 nurses rises",
        "I propose 0.08 minutes off each clinic day, 0 fewer hours of charting",
        "so I am asking that the target move with it, from 18 to 18 visits a clinic day",
        "a review every 2 week",
        "This change has cut our effective hourly rate from $139 to $163",
    ]
    for text in wrong:
        assert slips(text), text
    right = [
        "Keep things as they are and earn $139 an hour instead of $163 (-14.7%).",
        "0.4 fewer departures a year, $200,000 a year saved.",
        "Each patient now takes 24.8 minutes of my time, down from 35.25.",
        "I checked 1 shift against the limits; 0 breaches in 2 shifts, 1 fewer hour of charting.",
        "Pilot 2027-01-04 07:00-19:00, Mon 4 Jan 2027; 35.25 min → 24.8 min (-29.6%).",
        "If turnover among our 20 physicians rises from 7% to 10%, that is 0.6 more departures a year.",
    ]
    for text in right:
        assert not slips(text), (text, slips(text))


@settings(max_examples=200, deadline=None)
@given(
    profile=st.sampled_from(ALL),
    added=st.sampled_from(["5", "30", "60", "120", "180", "240"]),
    patients=st.integers(1, 30),
    visit=st.sampled_from(["5", "10", "20", "60"]),
    delegable=st.sampled_from(["0", "50"]),
)
def test_no_trade_off_advises_dropping_every_patient(profile, added, patients, visit, delegable):
    """When not even one patient fits, the trade-off and the shift trade-off say that fewer patients is
    not possible, in the option and in the sentence; they never advise taking every patient away."""
    cases = {
        "trade-off": (
            {"added_minutes": added, "patients_per_session": str(patients), "affected_per_session": str(patients),
             "visit_minutes": visit, "delegable_percent": delegable},
            "patients_to_drop_per_session",
            "patients_to_drop_per_session",
        ),
        "shift-trade-off": (
            {"added_minutes": added, "patients_per_nurse": str(patients), "shift_hours": "4",
             "delegable_percent": delegable},
            "patients_to_reduce_per_nurse",
            "assignment_that_fits",
        ),
    }  # fmt: skip
    for slug, (given_raw, key, impossible) in cases.items():
        calc = CALCULATORS[slug]
        try:
            values, results = calc.run(calc.defaults(TODAY, profile) | given_raw, TODAY)
        except InputErrors:  # refused as impossible (tests/test_plausibility.py): nothing is advised
            continue
        shown = calc.render(values, results) + f"<p>{calc.announce(values, results)}</p>"
        text = " ".join(blocks(shown))
        if results[key] >= patients:
            assert re.search(rf'data-result="{impossible}"[^>]*>not possible<', shown), text
            said = re.search(r'<blockquote id="[^"]*-sentence"[^>]*>(.*?)</blockquote>', shown, re.S).group(1)
            assert "not possible" in said, said
        for m in re.finditer(r"(\d+) (?:fewer patients?|patients? fewer)", text):
            assert int(m.group(1)) < patients, m.group(0)


@pytest.mark.parametrize(
    ("given", "advised"),
    [("patients_per_session=1&affected_per_session=1&added_minutes=10", False), ("added_minutes=10", True)],
)
def test_the_packet_never_offers_dropping_every_patient(given, advised):
    """The packet reuses the trade-off's options: when not one visit fits (one patient a session,
    here), it leaves fewer patients out rather than offering an empty session; otherwise it offers the
    trade-off's number."""
    link = f"https://example.org/calculators/trade-off/#v=1&{given}"
    request = Request(component="packet", action="update", forms={"packet": {"trade_off_link": link}}, today=TODAY)
    shown = " ".join(blocks("".join(get("packet").act(request).regions.values())))
    options = shown.split("Any one of these covers it:")[1].split("A phased plan")[0]
    assert ("fewer patients per session" in options) is advised, options
    assert "1 fewer patient per session" not in options
    assert not [slip for slip in slips(shown) if "negative" in slip or "plural" in slip]


def _day(date, start, end, after, patients):
    from support import entry

    return entry(date, start, end, after, patients, "1", "1")


SMALL_LOGS = {
    "one hour a day, one patient, one day a week": (
        {"days_per_week": "1"},
        [_day("2026-11-02", "08:00", "09:00", "1", "1"), _day("2026-11-16", "08:00", "09:00", "1", "1")],
    ),
    "the review's two days": (
        {},
        [_day("2026-11-02", "08:00", "17:00", "60", "14"), _day("2026-11-16", "08:00", "18:00", "20", "16")],
    ),
    "one day after go-live only": ({}, [_day("2026-11-16", "08:00", "18:00", "20", "16")]),
}


@pytest.mark.parametrize("profile", ALL, ids=lambda p: f"{p.role}-{p.setting}")
@pytest.mark.parametrize("name", sorted(SMALL_LOGS))
def test_the_log_and_the_packet_word_small_logs_by_their_numbers(name, profile):
    """The log's summary and the packet built from it, for logs of one or two days: "1 shift a week",
    and no change stated between two equal figures ("from 1 to 1 hours")."""
    from calculators.components.impact_log.data import Log, dump
    from support import EXAMPLE

    settings_changed, entries = SMALL_LOGS[name]
    log = Log(EXAMPLE.settings | settings_changed, entries)
    for tool in ("log", "packet"):
        stored = {"profile": profile.to_store(), "log": dump(log)}
        reply = get(tool).act(Request(component=tool, action="load", stored=stored, today=TODAY))
        problems = [slip for block in blocks("".join(reply.regions.values())) for slip in slips(block)]
        assert not problems, (tool, problems)
