"""Numbers and dates as people read them, and as data-value holds them: exact inside (Fractions),
rounded only for people, and rounded one way everywhere: `rounded`, on the exact value, with a
half going away from zero (38.75 -> 38.8, 4.5 -> 5, -0.25 -> -0.3). Nothing else on the site rounds
a number a person reads (no float, no round(), which would take 4.5 to 4). The one place each
format is defined."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, localcontext
from fractions import Fraction


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
        number = rounded(value, places)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def rounded(value: Fraction | int, places: int = 0) -> Decimal:
    """The site's one rounding: exact, to `places` decimals, a half going away from zero."""
    scaled = abs(Fraction(value)) * 10**places
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    sign = "-" if value < 0 else ""
    return Decimal(f"{sign}{whole}").scaleb(-places)


def whole(value: Fraction | int) -> int:
    """`rounded` to a whole number, as an int (a count worked out from averages, minutes on a clock)."""
    return int(rounded(value))


def exact_text(value: Fraction | int) -> str:
    """A value as a number field reads it back exactly: a plain decimal when it has one (38.75),
    else a fraction (1/3). How the log hands its averages to the impact calculator."""
    value = Fraction(value)
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    return plain_decimal(value) if rest == 1 else f"{value.numerator}/{value.denominator}"


def format_number(value: Fraction | int, places: int = 2) -> str:
    """For people: at most `places` decimals, trailing zeros dropped, thousands separated."""
    text = f"{rounded(value, places):,.{places}f}"
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


# Words that follow a number. A count's noun agrees with the number as it is shown ("1 hour", also for
# 1.004 shown as "1"; "0 hours", "1.5 hours"), and a change is said with its direction ("3 fewer
# hours"), never with a minus sign. Calculators write nouns in the plural, or as a profile's plural
# placeholder ("{blocks}", filled later); the singular of each counted word is here, once.
_SINGULAR = {
    "NPs and PAs": "NP or PA",
    "people": "person",
    "{people}": "{person}",
    "{blocks}": "{block}",
    "{days}": "{day}",
    "{visits}": "{visit}",
    **{
        word + "s": word
        for word in (
            "hour minute patient week day visit departure session shift step review place nurse physician "
            "clinician case block message meeting click contact year RVU level point"
        ).split()
    },
    "breaches": "breach",
}
_COUNTED = re.compile(
    r"(?<![\w{])(" + "|".join(re.escape(word) for word in sorted(_SINGULAR, key=len, reverse=True)) + r")(?![\w}])"
)


def shows_one(value: Fraction | int, places: int = 2) -> bool:
    """Whether the value reads as exactly 1 once rounded for people."""
    return format_number(value, places) == "1"


def shown_sign(value: Fraction | int, places: int = 2) -> int:
    """1, -1 or 0: the sign of the value as people read it (a change that rounds to 0 is no change)."""
    if format_number(abs(Fraction(value)), places) == "0":
        return 0
    return 1 if value > 0 else -1


def direction(before: Fraction | int, after: Fraction | int, places: int = 2) -> int:
    """1 if `after` reads higher than `before` once both are rounded for people, -1 if lower, 0 if the
    two read the same (then "up from" or "down from" would contradict the digits beside it)."""
    shown_after, shown_before = rounded(after, places), rounded(before, places)
    return (shown_after > shown_before) - (shown_after < shown_before)


def apart(before: Fraction | int, after: Fraction | int, places: int = 1) -> tuple[str, str]:
    """Two different values written with enough decimals (from `places`, up to 4) to read as different:
    "moved from 0.04 to 0.03", not "from 0 to 0"."""
    for shown in range(places, 5):
        pair = format_number(before, shown), format_number(after, shown)
        if pair[0] != pair[1] or before == after:
            return pair
    return pair


def plural(value: Fraction | int, one: str, many: str, places: int = 2) -> str:
    """`one` when the value reads as 1 at `places` decimals, else `many`."""
    return one if shows_one(value, places) else many


def noun(value: Fraction | int, nouns: str, places: int = 2) -> str:
    """A plural noun phrase ("hours a week", "more departures", "{blocks}", "fewer hours of charting")
    agreeing with a count: its first counted word made singular when the value reads as 1."""
    if not shows_one(value, places):
        return nouns
    return _COUNTED.sub(lambda m: _SINGULAR[m.group(1)], nouns, count=1)


def counted(value: Fraction | int, nouns: str, places: int = 2) -> str:
    """A number and its noun, agreeing: "1 shift", "0 shifts", "2.5 hours", "1 fewer hour of charting"."""
    return f"{format_number(value, places)} {noun(value, nouns, places)}".rstrip()


def change(
    value: Fraction | int,
    nouns: str,
    places: int = 2,
    more: str = "more",
    fewer: str = "fewer",
    same: str = "no change",
) -> str:
    """A signed change in words, by the sign it shows: "3 more hours", "1 fewer patient", or `same` when
    it rounds to 0. Never a minus sign."""
    sign = shown_sign(value, places)
    if not sign:
        return same
    size = abs(Fraction(value))
    return f"{format_number(size, places)} {more if sign > 0 else fewer} {noun(size, nouns, places)}".rstrip()


def day_text(day: dt.date | str) -> str:
    """A date as the site writes it: Mon 2 Nov 2026."""
    d = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{d:%a} {d.day} {d:%b %Y}"


def week_of(day: dt.date | str) -> dt.date:
    """The Monday of the week a date falls in. Anything shared beyond the reader (the packet, the team
    page) dates a care delay by its week, never its day: with a small unit, a date of service can
    point to one patient, and dates are among HIPAA's identifiers."""
    d = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return d - dt.timedelta(days=d.weekday())
