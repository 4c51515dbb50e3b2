"""Numbers and dates as people read them, and as data-value holds them: exact inside (Fractions),
rounded only for people, half away from zero. The one place each format is defined."""

from __future__ import annotations

import datetime as dt
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
        number = _round(value, places)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _round(value: Fraction, places: int) -> Decimal:
    """Round half away from zero, exactly."""
    scaled = abs(value) * 10**places
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
