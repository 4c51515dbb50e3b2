"""The one protocol between a component and the browser's runtime: what a component answers,
the request and the reply.

A component is a piece of a page whose regions Python draws: a calculator, the impact log, the
meeting packet. The build renders it into its page (`Component.html`, through the `component`
macro in main.py), so it reads without JavaScript; in the browser, `overrides/assets/sp/runtime.mjs`
mounts it and, for each thing the reader does, sends one request to Python (through the worker and
`browser.handle`) and does what the reply says. Every component answers:

    "load"     the page opened (a calculator: today's defaults; a tool: what the browser stores)
    "refresh"  another tab changed this component's stored data (tools; redraw, keep what is typed)

and its own actions besides. A `Calculator` is a component whose actions are "load", "update"
(a field changed), "submit" (the form was submitted: the same, and focus the problems), "link"
(the address's fragment holds settings) and "confirm" (values a warning asked about are right; see
calculator.py), and for a form with tables "rows" (arg "add:TABLE" or
"remove:TABLE:ROW") and "paste" (arg "TABLE:ROW:COLUMN", a line break, then what a spreadsheet put
on the clipboard); the log and the packet have more.

Request, from the runtime:
    {"component": "trade-off", "action": "update", "arg": "",   # arg: the button's, or the fragment
     "forms": {"inputs": [[name, value], ...], ...},           # every form of the component, as typed
     "edited": {"inputs": [name, ...], ...},                   # fields typed in since the last request
     "stored": {"log": "<text>" | null, ...},                  # the component's keys in browser storage
     "storage": "local" | "blocked" | "full",                  # else the browser refuses to store
     "file": {"name", "size", "text", "encoding"} | null,      # the last file picked ("utf-8" or "windows-1252")
     "files": [{"name", "size", "text", "encoding"}, ...]}     # every file of that pick (input multiple)

Reply, to the runtime (see `Reply`): regions of HTML to swap in, messages for fields, values for
fields, browser storage to write, a download, where to put focus, one line to announce, the state,
and the fragment for the address bar. The runtime names no component and holds no logic beyond that.

The page hooks checks outside the project rely on: `data-calc` (the root, naming the slug),
`data-state` (loading, ready or invalid), `data-result` and `data-value` (each result figure).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import html
from .inputs import Table

MAX_FILES = 50  # files read from one pick, at most
MAX_FIELDS = 5_000  # fields read from one form (a table of 600 shifts has 2,400 cells); later ones are blanks


@dataclass(frozen=True)
class Request:
    """One thing the reader did, with everything Python may read (see the module docstring)."""

    component: str = ""
    action: str = "load"
    arg: str = ""
    forms: dict[str, dict[str, object]] = field(default_factory=dict)
    edited: dict[str, set[str]] = field(default_factory=dict)
    stored: dict[str, str | None] = field(default_factory=dict)
    storage: str = "local"
    file: dict | None = None
    files: list[dict] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)

    def form(self, name: str) -> dict[str, object]:
        """A form's fields as typed: a name given once maps to its string, a name given more than
        once (checkboxes) to the list of strings."""
        return self.forms.get(name, {})

    def text(self, form: str, name: str) -> str | None:
        """One field's string; None when the form did not send it."""
        return text_of(self.form(form), name)

    def typed(self, form: str, inputs) -> dict[str, str]:
        """Each input's string as typed, or its default when the form did not send it."""
        return typed(self.form(form), inputs, self.today)

    @classmethod
    def from_json(cls, data: dict) -> Request:
        forms = {}
        given = data.get("forms") if isinstance(data.get("forms"), dict) else {}
        for form_name, pairs in given.items():
            fields: dict[str, object] = {}
            for count, pair in enumerate(pairs if isinstance(pairs, list) else []):
                if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], str):
                    name, value = pair
                    if count >= MAX_FIELDS:
                        if name not in fields:
                            continue
                        value = ""  # not read, but counted: a table's rows are still counted truly
                    if name in fields:
                        previous = fields[name]
                        if isinstance(previous, list):
                            previous.append(value)
                        else:
                            fields[name] = [previous, value]
                    else:
                        fields[name] = value
            forms[str(form_name)] = fields
        given = data.get("edited") if isinstance(data.get("edited"), dict) else {}
        edited = {
            str(form): {n for n in names[:MAX_FIELDS] if isinstance(n, str)}
            for form, names in given.items()
            if isinstance(names, list)
        }
        stored = data.get("stored") if isinstance(data.get("stored"), dict) else {}
        stored = {str(k): (v if isinstance(v, str) else None) for k, v in stored.items()}
        file = data.get("file") if isinstance(data.get("file"), dict) else None
        files = (
            [f for f in data.get("files") or [] if isinstance(f, dict)][:MAX_FILES]
            if isinstance(data.get("files"), list)
            else []
        )
        return cls(
            component=str(data.get("component") or ""),
            action=str(data.get("action") or "load"),
            arg=str(data.get("arg") or ""),
            forms=forms,
            edited=edited,
            stored=stored,
            storage=str(data.get("storage") or "local"),
            file=file,
            files=files,
        )


@dataclass
class Reply:
    """What the runtime does, in this order: write `store`, swap `regions`, set `fields` (only when
    no newer request was made, so nothing typed since is lost), show `errors`, save `download`, set
    the address's fragment (unless `fragment` is None), announce, set data-state, move focus."""

    state: str = "ready"  # data-state: ready or invalid
    regions: dict[str, str] = field(default_factory=dict)  # [data-calc-region=name] -> HTML
    errors: dict[str, dict[str, str]] = field(default_factory=dict)  # form -> {field: message}
    fields: dict[str, dict[str, str]] = field(default_factory=dict)  # form -> {field: value}
    store: dict[str, str | None] | None = None  # storage key -> text (None: remove)
    download: dict | None = None  # {"name", "type", "text"}
    fragment: str | None = None  # the address's #fragment, or None
    focus: str = ""  # an element id
    announce: str = ""  # one line for the live region

    def problems(self, count: int, focus: str = "") -> Reply:
        """Mark the reply invalid, announcing how many things need fixing."""
        self.state = "invalid"
        self.announce = html.problems_announcement(count)
        if focus:
            self.focus = focus
        return self

    def to_json(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if value is not None}


Handler = Callable[[Request], Reply]


def text_of(fields: Mapping[str, object], name: str) -> str | None:
    """One field's string from a form's fields; None when the form did not send it."""
    value = fields.get(name)
    if isinstance(value, list):
        value = value[-1] if value else None
    return value if isinstance(value, str) else None


def typed(fields: Mapping[str, object], inputs, today: dt.date) -> dict[str, str]:
    """Each input's string as typed, or its default when the form did not send it."""
    raw = {}
    for item in inputs:
        given = item.from_form(fields) if isinstance(item, Table) else text_of(fields, item.name)
        raw[item.name] = given if given is not None else item.default_raw(today)
    return raw
