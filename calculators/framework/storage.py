"""What a component keeps in the reader's browser: JSON text, read with bounds so that no stored
text, however damaged or hostile, can stop a page from loading."""

from __future__ import annotations

import json

from .inputs import UserError

MAX_DEPTH = 32  # far deeper than anything the site stores; deeper text is refused before parsing


class Unreadable(UserError):
    """Stored text that cannot be read; the message is written for the reader."""


def depth(text: str) -> int:
    """The deepest nesting of [ and { in JSON text, outside strings, without parsing it."""
    deepest = level = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            level += 1
            deepest = max(deepest, level)
        elif char in "]}":
            level -= 1
    return deepest


def read_json(text: str) -> object:
    """Stored text -> its value, or Unreadable: never a RecursionError or any other surprise."""
    if depth(text) > MAX_DEPTH:
        raise Unreadable("it is nested far deeper than anything this site stores")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise Unreadable("it is not valid data") from None
