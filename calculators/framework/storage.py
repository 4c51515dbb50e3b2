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


def refusal(storage: str) -> str:
    """Why the browser keeps nothing, for the reader, from the runtime's "storage" ("blocked" or
    "full"); "" when it keeps what it is given ("local")."""
    if storage == "full":
        return (
            "This browser's storage for this site is full. On a github.io address that space is shared "
            "with every other site published there, so another site may have filled it."
        )
    if storage == "local":
        return ""
    return "This browser does not let pages keep data (a private window or a hospital's settings can do this)."
