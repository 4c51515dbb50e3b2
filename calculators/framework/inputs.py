"""Inputs: the kinds of field a component's forms hold (Number, Date, Time, Text), how the raw
strings a form, a link or a file supplies become exact values, and the errors a reader is shown.

Every problem a reader can cause is a `UserError`; a field's problem is an `InputError` naming the
field, and `parse_inputs` collects every field's at once in `InputErrors`. Anything else escaping a
component is a bug. Standard library only: this module runs inside Pyodide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .numbers import day_text, format_number, plain_decimal

MAX_RAW_LENGTH = 200  # longer values are kept for the user to see but never parsed


class UserError(ValueError):
    """Base of every problem a component reports to the reader. Nothing else may escape."""


class InputError(UserError):
    """One input that cannot be used; `message` is written for the person who typed it."""

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class InputErrors(UserError):
    """Every rejected input at once, so the form can show them all together."""

    def __init__(self, errors: list[InputError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors

    def by_field(self) -> dict[str, str]:
        """{field name: message}, as the runtime shows them beside each field."""
        return {e.name: e.message for e in self.errors}


def _blank(item, text: str) -> bool:
    """True when an optional field was left blank; raises when a required one was."""
    if text:
        return False
    if item.optional:
        return True
    like = f", like {item.example}" if item.example else ""
    raise InputError(item.name, f"Enter {item.label[0].lower()}{item.label[1:]}{like}")


# A number as people type it: 20, 20.5, .5, 1,000 or 1,000.50 (commas only as thousands groups).
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d{1,2}")  # 12,5: a decimal comma, never a thousands group
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _plain(value: Fraction) -> str:
    """A bound as a person reads it in a message: 0.5, 60, 100,000."""
    return format_number(value, places=2)


@dataclass(frozen=True)
class Number:
    """A numeric input. Bounds are inclusive unless `above` is set (then the value must exceed it)."""

    name: str
    label: str  # short name used in messages: "Visit length"
    unit: str  # shown in the label: "Visit length (minutes)"
    hint: str
    default: str | None  # the raw default; None for an optional input that starts blank
    minimum: Fraction | int | str
    maximum: Fraction | int | str
    whole: bool = False
    above: bool = False  # value must be more than `minimum`, not equal to it
    optional: bool = False
    example: str = ""  # shown in "must be a number, like 20"; defaults to the default
    money: bool = False  # accepts a leading $ and is labelled as dollars
    ask: str = ""  # what "Enter ..." asks for when the label does not read in a sentence ("how often to review")

    @property
    def lo(self) -> Fraction:
        return Fraction(self.minimum)

    @property
    def hi(self) -> Fraction:
        return Fraction(self.maximum)

    @property
    def inputmode(self) -> str:
        return "numeric" if self.whole and self.lo >= 0 else "decimal"

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default or ""

    def range_text(self) -> str:
        if self.above:
            return f"more than {_plain(self.lo)} and at most {_plain(self.hi)}"
        return f"between {_plain(self.lo)} and {_plain(self.hi)}"

    def parse(self, raw: str) -> Fraction | None:
        text = raw.strip()
        if self.money:
            text = text.replace("$", "", 1).strip()
        like = self.example or self.default or "10"
        if text == "":
            if self.optional:
                return None
            what = self.ask or f"{self.label[0].lower()}{self.label[1:]}"
            raise InputError(self.name, f"Enter {what}, like {like}")
        if len(text) > 30 or not _NUMBER.fullmatch(text):
            if _DECIMAL_COMMA.fullmatch(text):
                raise InputError(self.name, f"{self.label} must be written with a point for decimals, like {like}")
            raise InputError(self.name, f"{self.label} must be a number, like {like}")
        value = Fraction(Decimal(text.replace(",", "")))
        if self.whole and value.denominator != 1:
            raise InputError(self.name, f"{self.label} must be a whole number, like {like}")
        low_ok = value > self.lo if self.above else value >= self.lo
        if not low_ok or value > self.hi:
            raise InputError(self.name, f"{self.label} must be {self.range_text()}")
        return value

    def canonical(self, value: Fraction | None) -> str:
        """The value written back as a plain string ("1,000.50" -> "1000.5"), or "" when blank."""
        return "" if value is None else plain_decimal(value)


@dataclass(frozen=True)
class Date:
    """A calendar date typed as yyyy-mm-dd. `default` computes the default from today's date."""

    name: str
    label: str
    hint: str
    default: Callable[[dt.date], dt.date] | None  # None: starts blank
    unit: str = ""  # the picker shows the reader's own format; typed text is read as yyyy-mm-dd
    optional: bool = False
    example: str = "2027-03-01"
    inputmode: str = "text"
    input_type: str = "date"  # the platform's own date picker; typed text is checked the same way
    earliest: dt.date = dt.date(2000, 1, 1)
    latest: dt.date = dt.date(2100, 12, 31)
    days_ahead: int | None = None  # at most this many days after the reader's today (None: any)

    def default_raw(self, today: dt.date | None = None) -> str:
        return "" if self.default is None else self.default(today or dt.date.today()).isoformat()

    def parse(self, raw: str) -> dt.date | None:
        text = raw.strip()
        if _blank(self, text):
            return None
        match = _DATE.fullmatch(text)
        if not match:
            raise InputError(self.name, f"{self.label} must be a date written as yyyy-mm-dd, like {self.example}")
        try:
            value = dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            raise InputError(self.name, f"{self.label} must be a real calendar date, like {self.example}") from None
        if not self.earliest <= value <= self.latest:
            raise InputError(self.name, f"{self.label} must be between {self.earliest.year} and {self.latest.year}")
        return value

    def canonical(self, value: dt.date | None) -> str:
        return "" if value is None else value.isoformat()

    def check_not_ahead(self, value: dt.date | None, today: dt.date) -> None:
        if value is None or self.days_ahead is None:
            return
        limit = today + dt.timedelta(days=self.days_ahead)
        if value > limit:
            raise InputError(
                self.name, f"{self.label} cannot be later than {day_text(limit)}: log a day once it has happened"
            )


_TIME = re.compile(r"(\d{1,2})[:.h]?(\d{2})")


@dataclass(frozen=True)
class Time:
    """A time of day on the 24-hour clock: 07:30, 7:30 or 0730."""

    name: str
    label: str
    hint: str
    default: str | None = None
    unit: str = ""  # the picker shows the reader's own clock; typed text is read on the 24-hour clock
    optional: bool = False
    example: str = "07:30"
    inputmode: str = "text"
    input_type: str = "time"  # the platform's own time picker; typed text is checked the same way

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default or ""

    def parse(self, raw: str) -> dt.time | None:
        text = raw.strip()
        if _blank(self, text):
            return None
        match = _TIME.fullmatch(text)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise InputError(self.name, f"{self.label} must be a time on the 24-hour clock, like {self.example}")
        return dt.time(int(match.group(1)), int(match.group(2)))

    def canonical(self, value: dt.time | None) -> str:
        return "" if value is None else f"{value:%H:%M}"


@dataclass(frozen=True)
class Text:
    """Free text on one line (runs of spaces and line breaks become one space), at most max_length."""

    name: str
    label: str
    hint: str
    default: str = ""
    max_length: int = 200
    optional: bool = True
    unit: str = ""
    example: str = ""
    inputmode: str = "text"

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default

    def parse(self, raw: str) -> str:
        text = " ".join("".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in raw).split())
        _blank(self, text)
        if len(text) > self.max_length:
            raise InputError(
                self.name, f"{self.label} must be at most {self.max_length} characters; it has {len(text):,}"
            )
        return text

    def canonical(self, value: str) -> str:
        return value


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of values, shown as a <select>: `choices` maps each value to its label."""

    name: str
    label: str
    hint: str
    choices: tuple[tuple[str, str], ...]
    default: str = ""
    unit: str = ""
    optional: bool = False
    example: str = ""
    inputmode: str = "text"

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default or self.choices[0][0]

    def parse(self, raw: str) -> str:
        text = raw.strip()
        if text not in dict(self.choices):
            names = ", ".join(label for _, label in self.choices[:-1]) + f" or {self.choices[-1][1]}"
            raise InputError(self.name, f"{self.label}: choose {names}")
        return text

    def canonical(self, value: str) -> str:
        return value


Input = Number | Date | Time | Text | Choice


def parse_inputs(inputs: tuple[Input, ...], raw: Mapping[str, str], today: dt.date | None = None) -> dict:
    """Raw strings (missing ones take their default) -> values, or InputErrors naming each field.
    The one place where a form's, a link's or a file's strings become values."""
    values, errors = {}, []
    for item in inputs:
        text = raw.get(item.name)
        if text is None:
            text = item.default_raw(today)
        limit = item.max_length * 2 + 100 if isinstance(item, Text) else MAX_RAW_LENGTH
        if not isinstance(text, str) or len(text) > limit:
            errors.append(
                InputError(
                    item.name,
                    f"{item.label} is too long to be a value; enter something "
                    f"like {item.example or item.default_raw(today)}",
                )
            )
            continue
        try:
            values[item.name] = item.parse(text)
            if today is not None and isinstance(item, Date):
                item.check_not_ahead(values[item.name], today)
        except InputError as error:
            errors.append(error)
    if errors:
        raise InputErrors(errors)
    return values
