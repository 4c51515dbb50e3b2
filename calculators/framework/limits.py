"""The limits of a day, a shift and a week: the one rule set every calculator, the log and the
packet judge a quantity by before any arithmetic is shown.

Two kinds of limit:

- What cannot be: a day has 24 hours (1,440 minutes), a week 168. A quantity past one of these is a
  slip, refused as an error beside the field that makes it (an `InputError`).
- What can be but rarely is: a day or shift past LONG_DAY_HOURS, a week past LONG_WEEK_HOURS. These
  are this site's rules of thumb, not published thresholds; a quantity past one is a warning beside
  the field (a `Doubt`), and the result is shown only once the reader confirms it or corrects it.

Each check takes the field to name, the quantity, and the words that say what the quantity is, so
that the message reads as one sentence: "Visit length makes a session of 26 hours, ...".
Standard library only: this module runs inside Pyodide.
"""

from __future__ import annotations

from fractions import Fraction

from .inputs import Doubt, InputError
from .numbers import format_number, plain_decimal

# --- What cannot be -----------------------------------------------------------------------------------

MINUTES_IN_AN_HOUR = 60
HOURS_IN_A_DAY = 24  # a day, and so a shift and everything worked in one day, fits in 24 hours
MINUTES_IN_A_DAY = HOURS_IN_A_DAY * MINUTES_IN_AN_HOUR  # 1,440
DAYS_IN_A_WEEK = 7
HOURS_IN_A_WEEK = HOURS_IN_A_DAY * DAYS_IN_A_WEEK  # 168
DAYS_IN_A_LONG_YEAR = 366  # a leap year: the longest period a report of totals covers
HOURS_IN_A_LONG_YEAR = HOURS_IN_A_DAY * DAYS_IN_A_LONG_YEAR  # 8,784

# --- What is rarely true (rules of thumb) ---------------------------------------------------------------

# A day or a shift longer than this is asked about: this site's rule of thumb, not a published
# threshold (a 12-hour shift with a late handoff stays under it; a double shift does not).
LONG_DAY_HOURS = 16
# A working week longer than this is asked about: this site's rule of thumb, set at the 80 hours the
# ACGME caps residents' weeks at (averaged over four weeks, 2023), the highest common cap on a week.
LONG_WEEK_HOURS = 80

RULE_OF_THUMB = "this site's rule of thumb"


def impossible(found: list) -> bool:
    """Whether any of these findings is an error (then the doubts wait: nothing is computed)."""
    return any(isinstance(item, InputError) for item in found)


def _key(name: str, amount) -> str:
    """What a reader's confirmation is kept as: the field and the quantity it made. A different
    quantity (the reader changed a number) is asked about again."""
    return f"{name}={plain_decimal(Fraction(amount), 4)}"


def _hours(value) -> str:
    return format_number(value, 1)


def day(name: str, hours, says: str) -> list:
    """A day's or a shift's length in hours. `says` is the start of a sentence the hours complete:
    "Patients a week makes a clinical day on 4+1 of"."""
    if hours > HOURS_IN_A_DAY:
        return [InputError(name, f"{says} {_hours(hours)} hours, and a day has {HOURS_IN_A_DAY}: check it")]
    if hours > LONG_DAY_HOURS:
        return [
            Doubt(
                name,
                f"{says} {_hours(hours)} hours, longer than {LONG_DAY_HOURS} hours ({RULE_OF_THUMB} for a long day). "
                "Is that right?",
                _key(name, hours),
            )
        ]
    return []


def minutes_in_a_day(name: str, minutes, says: str) -> list:
    """Minutes of work in one day (inbox time, charting): more than the day has is impossible, more
    than LONG_DAY_HOURS of them is asked about."""
    if minutes > MINUTES_IN_A_DAY:
        return [
            InputError(
                name, f"{says} {format_number(minutes, 0)} minutes, and a day has {MINUTES_IN_A_DAY:,}: check it"
            )
        ]
    if minutes > LONG_DAY_HOURS * MINUTES_IN_AN_HOUR:
        return [
            Doubt(
                name,
                f"{says} {format_number(minutes, 0)} minutes, more than {LONG_DAY_HOURS} hours "
                f"({RULE_OF_THUMB} for a long day). Is that right?",
                _key(name, minutes),
            )
        ]
    return []


def week(name: str, hours, says: str) -> list:
    """Hours in one week: more than HOURS_IN_A_WEEK is impossible, more than LONG_WEEK_HOURS is
    asked about."""
    if hours > HOURS_IN_A_WEEK:
        return [InputError(name, f"{says} {_hours(hours)} hours, and a week has {HOURS_IN_A_WEEK}: check it")]
    if hours > LONG_WEEK_HOURS:
        return [
            Doubt(
                name,
                f"{says} {_hours(hours)} hours, more than {LONG_WEEK_HOURS} hours ({RULE_OF_THUMB}, set at the "
                "ACGME's cap on a resident's week, 2023). Is that right?",
                _key(name, hours),
            )
        ]
    return []


def at_most(name: str, amount, limit, says: str, than: str) -> list:
    """A part that cannot be more than its whole (time inside the schedule and the schedule):
    `says` and `than` complete "<says> <amount> hours, more than <than>"."""
    if amount > limit:
        return [InputError(name, f"{says} {_hours(amount)} hours, more than {than}: check both")]
    return []


def rarely_over(name: str, amount, limit, says: str, than: str) -> list:
    """A part rarely more than its whole (documentation and scheduled time: charting can spill out
    of the schedule): asked about, not refused."""
    if amount > limit:
        return [Doubt(name, f"{says} {_hours(amount)} hours, more than {than}. Is that right?", _key(name, amount))]
    return []
