"""iCalendar (RFC 5545) files, written by hand: the few properties the tools need, folded and
escaped as the standard asks. Times without a zone are "floating": they mean the reader's local time."""

from __future__ import annotations

import datetime as dt

from .links import quote


def text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a CRLF and one space."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def event(
    uid: str,
    stamp: dt.datetime,
    start: dt.date | dt.datetime,
    summary: str,
    description: str,
    *,
    minutes: int | None = None,
    daily_count: int | None = None,
    alarm: bool = False,
) -> list[str]:
    """One VEVENT: all day when `start` is a date, otherwise `minutes` long at a floating local time;
    repeated every day `daily_count` times; with a reminder at the start when `alarm` is set."""
    if isinstance(start, dt.datetime):
        when = [f"DTSTART:{start:%Y%m%dT%H%M%S}", f"DURATION:PT{minutes or 10}M"]
    else:
        when = [
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{start + dt.timedelta(days=1):%Y%m%d}",
            "TRANSP:TRANSPARENT",
        ]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}@scope-and-pace",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        *when,
        f"SUMMARY:{text(summary)}",
        f"DESCRIPTION:{text(description)}",
    ]
    if daily_count:
        lines.append(f"RRULE:FREQ=DAILY;COUNT={daily_count}")
    if alarm:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{text(summary)}", "TRIGGER:PT0M", "END:VALARM"]
    return lines + ["END:VEVENT"]


def calendar(product: str, events: list[list[str]]) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Scope & Pace//{product}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for lines_of_event in events:
        lines += lines_of_event
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def data_url(calendar_text: str) -> str:
    """The file as a link target, so that an <a download> saves it without any request."""
    return "data:text/calendar;charset=utf-8," + quote(calendar_text)
