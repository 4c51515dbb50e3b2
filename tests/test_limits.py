"""Bad input names its limit: a list over its row limit gives its true count (even from a form far
larger than Python reads), long text gives the character limit, and a 31-digit number is too large."""

from __future__ import annotations

import pytest

from calculators import CALCULATORS, UserError
from calculators.framework.inputs import MAX_RAW_LENGTH, Number, Text, parse_inputs
from calculators.framework.protocol import MAX_FIELDS, Request


def form_reply(slug: str, pairs: list[list[str]]):
    return CALCULATORS[slug].act(Request.from_json({"component": slug, "action": "update", "forms": {"inputs": pairs}}))


@pytest.mark.parametrize(
    ("slug", "table", "row", "limit"),
    [
        ("shift-bid", "staff", ["P", "3", "S1"], 300),
        ("rest", "shifts", ["2027-01-04 07:00-19:00"], 200),
        ("case-mix", "cases", ["1"], 6),
    ],
)
def test_a_form_list_over_its_row_limit_reports_the_true_count(slug, table, row, limit):
    rows = 10_000
    assert rows * len(row) > MAX_FIELDS  # more cells than a form is read for
    reply = form_reply(slug, [[table, cell] for _ in range(rows) for cell in row])
    message = reply.errors["inputs"][table]
    assert f"at most {limit:,} rows; it has 10,000" in message


def test_a_list_too_long_to_read_says_its_character_limit_or_its_rows():
    bid = CALCULATORS["shift-bid"]
    staff = ";".join(f"P{i},{i % 30}," + " ".join(f"S{j}" for j in range(100, 160)) for i in range(200))
    with pytest.raises(UserError, match=f"at most 40,000 characters long; it has {len(staff):,}"):
        bid.run(bid.completed({"staff": staff}))
    many = ";".join(f"P{i},1,S1" for i in range(5_000))  # over the characters, and over the rows
    with pytest.raises(UserError, match="at most 300 rows; it has 5,000"):
        bid.run(bid.completed({"staff": many}))


def test_long_text_states_its_character_limit():
    note = Text("note", "Note", "", max_length=200)
    for length in (201, 300, 5_000):  # read and refused, or refused unread
        with pytest.raises(UserError, match=f"Note must be at most 200 characters; it has {length:,}"):
            parse_inputs((note,), {"note": "x" * length})


def test_a_31_digit_number_is_too_large_and_says_the_range():
    minutes = Number("minutes", "Visit length", "minutes", "", "20", 5, 240)
    with pytest.raises(UserError, match="Visit length is too large: it must be between 5 and 240"):
        parse_inputs((minutes,), {"minutes": "1" * 31})
    with pytest.raises(UserError, match="Visit length is too small: it must be between 5 and 240"):
        parse_inputs((minutes,), {"minutes": "-" + "9" * 40})
    assert parse_inputs((minutes,), {"minutes": "20." + "0" * 40})["minutes"] == 20  # long, but in range
    with pytest.raises(UserError, match="too long to be a value"):
        parse_inputs((minutes,), {"minutes": "1" * (MAX_RAW_LENGTH + 1)})
    trade_off = CALCULATORS["trade-off"]
    with pytest.raises(UserError, match="Visit length is too large"):
        trade_off.run(trade_off.completed({"visit_minutes": "1234567890123456789012345678901"}))
