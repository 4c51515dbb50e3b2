"""What every tool is made of. A tool (the impact log, the meeting packet) is a page of forms whose
state lives in the reader's browser; the runtime does the input and output (browser storage, files,
downloads) and Python decides everything else.

Every tool answers the actions "load" (the page opened) and "refresh" (another tab changed its
stored data: redraw without touching what is typed), plus its own.

Request, from the runtime (see browser.handle):
    {"tool": "log", "action": "save-entry", "arg": "...",
     "forms": {"entry": [[name, value], ...], ...},      # every form of the tool, as typed
     "stored": {"log": "<text>" | null, ...},             # the tool's keys in browser storage
     "storage": "local" | "memory",                       # "memory": the browser refuses to keep data
     "file": {"name": ..., "size": ..., "text": ...} | null}   # the last file the reader picked

Reply, to the runtime:
    {"regions": {name: html},       # replaces [data-tool-region=name]; HTML built and escaped here
     "store": {key: text | null},   # written to browser storage (null: removed) before anything is shown
     "download": {"name", "type", "text"},
     "focus": element id, "announce": one line for the live region, "state": "ready"}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Request:
    action: str = "load"
    arg: str = ""
    forms: dict[str, dict[str, object]] = field(default_factory=dict)
    stored: dict[str, str | None] = field(default_factory=dict)
    storage: str = "local"
    file: dict | None = None
    today: dt.date = field(default_factory=dt.date.today)

    def form(self, name: str) -> dict[str, object]:
        """A form's fields as typed: a name given once maps to its string, a name given more than
        once (checkboxes) to the list of strings."""
        return self.forms.get(name, {})

    @classmethod
    def from_json(cls, data: dict) -> "Request":
        forms = {}
        given = data.get("forms") if isinstance(data.get("forms"), dict) else {}
        for form_name, pairs in given.items():
            fields: dict[str, object] = {}
            for pair in (pairs if isinstance(pairs, list) else [])[:200]:
                if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], str):
                    name, value = pair
                    if name in fields:
                        previous = fields[name]
                        fields[name] = (previous if isinstance(previous, list) else [previous]) + [value]
                    else:
                        fields[name] = value
            forms[str(form_name)] = fields
        stored = data.get("stored") if isinstance(data.get("stored"), dict) else {}
        stored = {str(k): (v if isinstance(v, str) else None) for k, v in stored.items()}
        file = data.get("file") if isinstance(data.get("file"), dict) else None
        return cls(action=str(data.get("action") or "load"), arg=str(data.get("arg") or ""), forms=forms,
                   stored=stored, storage=str(data.get("storage") or "local"), file=file)


def text_of(fields: dict[str, object], name: str) -> str | None:
    """One field's string; None when the form did not send it."""
    value = fields.get(name)
    if isinstance(value, list):
        return value[-1]
    return value if isinstance(value, str) else None


def typed_raw(fields: dict[str, object], inputs, today: dt.date) -> dict[str, str]:
    """Each input's string as typed, or its default when the form did not send it."""
    raw = {}
    for item in inputs:
        typed = text_of(fields, item.name)
        raw[item.name] = typed if typed is not None else item.default_raw(today)
    return raw


@dataclass(frozen=True)
class Tool:
    slug: str
    title: str
    keys: tuple[str, ...]                    # browser storage keys, stored as "scope-and-pace:<key>"
    act: Callable[[Request], dict]           # Request -> reply (see the module docstring)
    page: Callable[[dt.date], str]           # the tool as the build puts it into its page


def tool_root(keys: tuple[str, ...], slug: str, status: str, body: str) -> str:
    """The element the runtime mounts: which tool, which storage keys, a live status line, and the
    tool's regions in `body`."""
    from html import escape
    return (f'<div class="sp-tool" data-tool="{escape(slug)}" data-tool-keys="{escape(" ".join(keys))}" '
            f'data-state="loading"><p class="sp-status" role="status" data-tool-status>{escape(status)}</p>'
            f'{body}</div>')
