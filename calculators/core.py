"""What every calculator is made of: its inputs, how raw strings become values, its errors.

A calculator is one `Calculator` object (see trade_off.py for a complete one). It names its
inputs, turns the raw strings a form or a link supplies into exact values, computes results with a
pure function, and renders them. The same object serves the build-time macro, the browser (through
Pyodide) and the tests. Standard library only: this module runs inside Pyodide.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Callable, Mapping

LINK_VERSION = "1"
MAX_RAW_LENGTH = 200   # longer values are kept for the user to see but never parsed
MAX_LINK_SETTINGS = 60


class CalcError(ValueError):
    """Base of every problem a calculator reports to a user. Nothing else may escape."""


class InputError(CalcError):
    """One input that cannot be used; `message` is written for the person who typed it."""

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class InputErrors(CalcError):
    """Every rejected input at once, so the form can show them all together."""

    def __init__(self, errors: list[InputError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


# A number as people type it: 20, 20.5, .5, 1,000 or 1,000.50 (commas only as thousands groups).
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _plain(value: Fraction) -> str:
    """A bound as a person reads it in a message: 0.5, 60, 100,000."""
    return format_number(value, places=2)


@dataclass(frozen=True)
class Number:
    """A numeric input. Bounds are inclusive unless `above` is set (then the value must exceed it)."""

    name: str
    label: str            # short name used in messages: "Visit length"
    unit: str             # shown in the label: "Visit length (minutes)"
    hint: str
    default: str | None   # the raw default; None for an optional input that starts blank
    minimum: Fraction | int | str
    maximum: Fraction | int | str
    whole: bool = False
    above: bool = False   # value must be more than `minimum`, not equal to it
    optional: bool = False
    example: str = ""     # shown in "must be a number, like 20"; defaults to the default
    money: bool = False   # accepts a leading $ and is labelled as dollars

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
            raise InputError(self.name, f"Enter {self.label[0].lower()}{self.label[1:]}, like {like}")
        if len(text) > 30 or not _NUMBER.fullmatch(text):
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
    default: Callable[[dt.date], dt.date] | None   # None: starts blank
    unit: str = "yyyy-mm-dd"
    optional: bool = False
    example: str = "2027-03-01"
    inputmode: str = "text"
    earliest: dt.date = dt.date(2000, 1, 1)
    latest: dt.date = dt.date(2100, 12, 31)

    def default_raw(self, today: dt.date | None = None) -> str:
        return "" if self.default is None else self.default(today or dt.date.today()).isoformat()

    def parse(self, raw: str) -> dt.date | None:
        text = raw.strip()
        if text == "":
            if self.optional:
                return None
            raise InputError(self.name, f"Enter {self.label[0].lower()}{self.label[1:]}, like {self.example}")
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


_TIME = re.compile(r"(\d{1,2})[:.h]?(\d{2})")


@dataclass(frozen=True)
class Time:
    """A time of day on the 24-hour clock: 07:30, 7:30 or 0730."""

    name: str
    label: str
    hint: str
    default: str | None = None
    unit: str = "24-hour clock"
    optional: bool = False
    example: str = "07:30"
    inputmode: str = "text"

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default or ""

    def parse(self, raw: str) -> dt.time | None:
        text = raw.strip()
        if text == "":
            if self.optional:
                return None
            raise InputError(self.name, f"Enter {self.label[0].lower()}{self.label[1:]}, like {self.example}")
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
        if text == "" and not self.optional:
            raise InputError(self.name, f"Enter {self.label[0].lower()}{self.label[1:]}"
                             + (f", like {self.example}" if self.example else ""))
        if len(text) > self.max_length:
            raise InputError(self.name, f"{self.label} must be at most {self.max_length} characters; "
                                        f"it has {len(text):,}")
        return text

    def canonical(self, value: str) -> str:
        return value


Input = Number | Date | Time | Text


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
            errors.append(InputError(item.name, f"{item.label} is too long to be a value; enter something "
                                                f"like {item.example or item.default_raw(today)}"))
            continue
        try:
            values[item.name] = item.parse(text)
        except InputError as error:
            errors.append(error)
    if errors:
        raise InputErrors(errors)
    return values


@dataclass(frozen=True)
class Example:
    """A worked example: the inputs that differ from the defaults, and results it must give."""

    title: str
    inputs: Mapping[str, str]
    expect: Mapping[str, object]


@dataclass(frozen=True)
class Calculator:
    """One calculator, defined once. See trade_off.py for the pattern every calculator follows."""

    slug: str
    title: str
    inputs: tuple[Input, ...]
    calculate: Callable[[dict], dict]
    render: Callable[[dict, dict], str]                 # (values, results) -> result HTML
    announce: Callable[[dict, dict], str]               # (values, results) -> one line for the status
    check: Callable[[dict], list[InputError]] = lambda values: []   # rules across inputs
    examples: tuple[Example, ...] = field(default=())
    presets: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # name -> (label, raw)

    def input(self, name: str) -> Input:
        for item in self.inputs:
            if item.name == name:
                return item
        raise KeyError(name)

    def defaults(self, today: dt.date | None = None) -> dict[str, str]:
        return {item.name: item.default_raw(today) for item in self.inputs}

    def parse(self, raw: Mapping[str, str], today: dt.date | None = None) -> dict:
        """Raw strings (missing ones take their default) -> values, or InputErrors naming each field."""
        values = parse_inputs(self.inputs, raw, today)
        errors = list(self.check(values))
        if errors:
            raise InputErrors(errors)
        return values

    def run(self, raw: Mapping[str, str], today: dt.date | None = None) -> tuple[dict, dict]:
        values = self.parse(raw, today)
        return values, self.calculate(values)

    # Links: #v=1&name=value&... ; only values that differ from the defaults are written.

    def to_fragment(self, raw: Mapping[str, str], today: dt.date | None = None) -> str:
        from urllib.parse import quote

        defaults = self.defaults(today)
        if all(raw.get(name, value).strip() == value for name, value in defaults.items()):
            return ""
        # Dates are always written: their default depends on the day the link is opened.
        pairs = [(item.name, raw[item.name]) for item in self.inputs
                 if item.name in raw and (isinstance(item, Date) or raw[item.name].strip() != defaults[item.name])]
        return "&".join([f"v={LINK_VERSION}"] + [f"{k}={quote(v.strip(), safe='')}" for k, v in pairs])

    def read_link(self, pairs: list[list[str]] | list[tuple[str, str]],
                  today: dt.date | None = None) -> tuple[dict[str, str], list[str]]:
        """Settings from a link -> (raw inputs to show, problems with the link as a whole).

        Inputs the link does not set keep their defaults. A link with no version, a newer version,
        or far too many settings is not applied at all.
        """
        raw = self.defaults(today)
        if not isinstance(pairs, list) or len(pairs) > MAX_LINK_SETTINGS:
            return raw, ["This link holds far more settings than any calculator link, so none of them were used."]
        clean = [(str(p[0]), str(p[1])) for p in pairs
                 if isinstance(p, (list, tuple)) and len(p) == 2]
        versions = [v for k, v in clean if k == "v"]
        if not versions:
            return raw, ["This link has no version number (v=1), so its numbers were not used. The defaults are shown."]
        if versions[-1] != LINK_VERSION:
            return raw, ["This link was made by a different version of this calculator, so its numbers "
                         "were not used. The defaults are shown."]
        problems = []
        names = {item.name for item in self.inputs}
        for key, value in clean:
            if key == "v":
                continue
            if key in names:
                raw[key] = value[:MAX_RAW_LENGTH + 1]
            else:
                shown = key[:40] + ("…" if len(key) > 40 else "")
                problems.append(f"This link has a setting this calculator does not know (“{shown}”); it was ignored.")
        return raw, problems[:5]


# Numbers as results: exact inside, rounded only for people.

def plain_decimal(value: Fraction | int, places: int = 12) -> str:
    """An exact value as a plain decimal string for data-value: exact when the decimal terminates,
    otherwise rounded to `places` decimals; never exponent notation."""
    value = Fraction(value)
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest == 1:
        with localcontext() as context:
            context.prec = 100
            number = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        number = _round(value, places)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _round(value: Fraction, places: int) -> Decimal:
    """Round half away from zero, exactly."""
    scaled = abs(value) * 10 ** places
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    sign = "-" if value < 0 else ""
    return Decimal(f"{sign}{whole}").scaleb(-places)


def format_number(value: Fraction | int, places: int = 2) -> str:
    """For people: at most `places` decimals, trailing zeros dropped, thousands separated."""
    rounded = _round(Fraction(value), places)
    text = f"{rounded:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def input_text(value: Fraction | int, places: int = 2) -> str:
    """A value as someone would type it into a number field: rounded, no thousands separators."""
    return format_number(value, places).replace(",", "")


def format_money(value: Fraction | int) -> str:
    value = Fraction(value)
    places = 0 if abs(value) >= 100 else 2
    text = format_number(abs(value), places)
    if places == 2 and "." in text and len(text.split(".")[1]) == 1:
        text += "0"
    return ("-$" if value < 0 else "$") + text


def percent_change(before, after) -> Fraction | None:
    """(after / before - 1) * 100, or None when there is no before to compare with."""
    if before is None or after is None or before == 0:
        return None
    return (Fraction(after) / before - 1) * 100


def format_change(percent: Fraction | int) -> str:
    """A change in percent, signed and to one decimal: +31.9%, -24.2%, 0%."""
    return ("+" if percent > 0 else "") + format_number(percent, 1) + "%"


def plural(value: Fraction | int, one: str, many: str) -> str:
    return one if Fraction(value) == 1 else many
