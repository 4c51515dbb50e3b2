"""Roster times and the hours that really pass between them when the clocks change.

A roster's times are wall-clock times where the unit is, as a schedule prints them. With US daylight
saving (the rule since 2007: clocks go forward at 2 a.m. on the second Sunday of March and back at
2 a.m. on the first Sunday of November), a 19:00-07:00 night shift on the spring night lasts 11
hours and on the autumn night 13. A time that does not exist on the spring morning (02:30) is read
as 03:00, the moment the clocks went forward; a time that happens twice on the autumn morning (01:30)
is the first one, still on daylight time. So time never runs backwards between two roster times. "none" takes the times as
entered, 24 hours to every day (Arizona and Hawaii, or a roster already in one time).
"""

from __future__ import annotations

import datetime as dt
import functools
from fractions import Fraction

RULES = (
    ("us", "US daylight saving (second Sunday of March to first Sunday of November)"),
    ("none", "No clock changes"),
)
HINT = (
    "Times are as the roster prints them, where the unit is. With US daylight saving, a night shift "
    "on the night the clocks go forward is an hour shorter, and on the night they go back an hour longer."
)


def _sunday(year: int, month: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1))


@functools.cache
def _changes(year: int) -> tuple[dt.datetime, dt.datetime]:
    """When the US clocks go forward and back in a year (2 a.m., wall clock)."""
    return dt.datetime.combine(_sunday(year, 3, 2), dt.time(2)), dt.datetime.combine(_sunday(year, 11, 1), dt.time(2))


def steady(moment: dt.datetime, rule: str) -> dt.datetime:
    """A wall-clock moment on one steady clock (standard time all year)."""
    if rule != "us":
        return moment
    spring, autumn = _changes(moment.year)
    if spring <= moment < spring + dt.timedelta(hours=1):
        moment = spring + dt.timedelta(hours=1)  # a time the clocks skipped: the moment they jumped
    return moment - dt.timedelta(hours=1) if spring <= moment < autumn else moment


def elapsed(start: dt.datetime, end: dt.datetime, rule: str) -> dt.timedelta:
    """The time that really passes from one wall-clock moment to another."""
    return steady(end, rule) - steady(start, rule)


def hours(start: dt.datetime, end: dt.datetime, rule: str) -> Fraction:
    """elapsed() in hours, exactly."""
    return Fraction(int(elapsed(start, end, rule).total_seconds()), 3600)
