"""What a component is, and the one protocol between a component and the browser's runtime.

A component is a piece of a page whose regions Python draws: a calculator, the impact log, the
meeting packet. The build renders it into its page (`Component.html`, through the `component`
macro in main.py), so it reads without JavaScript; in the browser, `overrides/assets/sp/runtime.mjs`
mounts it and, for each thing the reader does, sends one request to Python (through the worker and
`browser.handle`) and does what the reply says. Every component answers:

    "load"     the page opened (a calculator: today's defaults; a tool: what the browser stores)
    "refresh"  another tab changed this component's stored data (tools; redraw, keep what is typed)

and its own actions besides. A `Calculator` is a component whose actions are "load", "update"
(a field changed), "submit" (the form was submitted: the same, and focus the problems) and "link"
(the address's fragment holds settings), and for a form with tables "rows" (arg "add:TABLE" or
"remove:TABLE:ROW") and "paste" (arg "TABLE:ROW:COLUMN", a line break, then what a spreadsheet put
on the clipboard); the log and the packet have more.

A calculator's link is "v=1&name=value&..."; when that would pass 2,000 characters (a long table),
the settings after the version are deflated and written in base64url under one key: "v=1&z=...".

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

import base64
import datetime as dt
import zlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import parse_qsl, quote

from . import html
from .html import escape
from .inputs import (
    Choice,
    Date,
    Doubt,
    Input,
    InputError,
    InputErrors,
    Table,
    Unconfirmed,
    UserError,
    edit_rows,
    grid_columns,
    grid_of,
    parse_inputs,
    pasted_grid,
    raw_limit,
)
from .profile import ALL as ALL_PROFILES
from .profile import DEFAULT, ROLES, SETTINGS, Profile, from_store
from .profile import KEY as PROFILE_KEY
from .profile import parse as parse_profile
from .storage import refusal

LINK_VERSION = "1"
MAX_LINK_SETTINGS = 60
MAX_FILES = 50  # files read from one pick, at most
MAX_LINK_LENGTH = 100_000  # far beyond any real link; longer fragments are not parsed at all
MAX_FIELDS = 5_000  # fields read from one form (a table of 500 shifts has 2,000 cells)
SHAREABLE = 2_000  # characters: a longer fragment is compressed, and said to be long if it still is
MAX_CONFIRMED = 50  # confirmations kept in a form (each names a field and a quantity: framework/limits.py)


# --- The protocol ------------------------------------------------------------------------------------


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
            for pair in (pairs if isinstance(pairs, list) else [])[:MAX_FIELDS]:
                if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], str):
                    name, value = pair
                    if name in fields:
                        previous = fields[name]
                        fields[name] = (previous if isinstance(previous, list) else [previous]) + [value]
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


# --- Components --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Component:
    """One component, defined once: its slug (the page hook `data-calc`), its actions, its page."""

    slug: str
    title: str
    actions: Mapping[str, Handler] = field(default_factory=dict)
    body: Callable[[dt.date], str] | None = None  # the component as the build draws it
    keys: tuple[str, ...] = ()  # browser storage, kept as "scope-and-pace:<key>"
    loading: str = "Loading. Your data stays in this browser."  # status while Python starts

    kind: ClassVar[str] = "sp-tool"  # the root's CSS class
    takes_links: ClassVar[bool] = False  # answers "link" when the address holds settings

    def handlers(self) -> Mapping[str, Handler]:
        return self.actions

    def act(self, request: Request) -> Reply:
        handler = self.handlers().get(request.action)
        if handler is None and request.action == "store-failed":  # the browser refused a write
            return Reply(announce=f"Not saved. {refusal(request.arg or request.storage)}")
        if handler is None:
            raise UserError(f"The {self.title.lower()} does not know the action {request.action[:40]!r}")
        return handler(request)

    def render_body(self, today: dt.date) -> str:
        return self.body(today) if self.body else ""

    def html(self, today: dt.date) -> str:
        """The element the runtime mounts, with the component drawn inside it."""
        keys = f' data-calc-keys="{escape(" ".join(self.keys))}"' if self.keys else ""
        links = " data-calc-links" if self.takes_links else ""
        return (
            f'<div class="{self.kind}" data-calc="{escape(self.slug)}" data-state="loading" '
            f'id="calc-{escape(self.slug)}"{keys}{links} data-calc-loading="{escape(self.loading)}">'
            f"{self.render_body(today)}</div>"
        )


@dataclass(frozen=True)
class Example:
    """A worked example: the inputs that differ from the defaults, and results it must give."""

    title: str
    inputs: Mapping[str, str]
    expect: Mapping[str, object]


FORM = "inputs"  # a calculator's one form

# Every calculator's form starts with who the reader is; the rest of its words follow.
PROFILE_FIELDS = (
    Choice("role", "You are", "The wording, units and starting numbers follow your answer.", tuple(ROLES.items()),
           "physician"),
    Choice("setting", "You work", "Clinic sessions, or shifts on a unit.", tuple(SETTINGS.items()), "clinic"),
)  # fmt: skip
PROFILE_NAMES = frozenset(item.name for item in PROFILE_FIELDS)

Variants = Mapping[str, Mapping[str, Mapping[str, str]]]  # input -> "nurse" | "shifts" | "nurse/shifts" -> changes
Presets = Mapping[str, tuple[tuple[str, str], ...] | Mapping[str, tuple[tuple[str, str], ...]]]


def for_profile(choices: Mapping, profile: Profile, default=None):
    """The most specific of `choices` for a profile: "nurse/shifts", then "nurse", then "shifts",
    then "*"."""
    for key in (f"{profile.role}/{profile.setting}", profile.role, profile.setting, "*"):
        if key in choices:
            return choices[key]
    return default


@dataclass(frozen=True, kw_only=True)
class Calculator(Component):
    """A component made of one form of inputs and a result: see components/trade_off.py.

    Labels, units, hints and examples may hold the profile's {placeholders}; `variants` changes any
    of an input's attributes (its default above all) for a role, a setting or both; a preset list
    may be one per role. The values `calculate`, `render` and `announce` get hold the reader's
    Profile under "profile"."""

    inputs: tuple[Input, ...]
    calculate: Callable[[dict], dict]
    render: Callable[[dict, dict], str]  # (values, results) -> result HTML
    announce: Callable[[dict, dict], str]  # (values, results) -> one line for the status
    # Rules across inputs, and the limits of a day, a shift and a week (framework/limits.py): an
    # InputError for what cannot be, a Doubt for what rarely is (shown as a warning to confirm).
    check: Callable[[dict], list[InputError | Doubt]] = lambda values: []
    examples: tuple[Example, ...] = ()
    presets: Presets = field(default_factory=dict)  # name -> (label, raw)..., or role -> that
    variants: Variants = field(default_factory=dict)
    profile: Profile = DEFAULT  # whom the page is built for, and whom a link without a role means
    keys: tuple[str, ...] = (PROFILE_KEY,)
    _inputs_made: dict = field(default_factory=dict, init=False, repr=False, compare=False)  # inputs_for's
    loading: str = (
        "Loading the calculator engine. You can edit the numbers meanwhile; the result updates once it is ready."
    )

    kind: ClassVar[str] = "sp-calc"
    takes_links: ClassVar[bool] = True

    # Inputs as this reader sees them.

    def inputs_for(self, profile: Profile | None = None) -> tuple[Input, ...]:
        profile = profile or self.profile
        if profile not in self._inputs_made:  # six profiles at most: each worked out once
            made = []
            for item in self.inputs:
                made.append(profile.worded(item, **for_profile(self.variants.get(item.name, {}), profile, {})))
            self._inputs_made[profile] = tuple(made)
        return self._inputs_made[profile]

    def presets_for(self, profile: Profile | None = None) -> dict[str, tuple[tuple[str, str], ...]]:
        profile = profile or self.profile
        return {
            name: (for_profile(given, profile, ()) if isinstance(given, Mapping) else given)
            for name, given in self.presets.items()
        }

    def input(self, name: str, profile: Profile | None = None) -> Input:
        for item in self.inputs_for(profile):
            if item.name == name:
                return item
        raise KeyError(name)

    # The math: raw strings in, exact values and results out.

    def defaults(self, today: dt.date | None = None, profile: Profile | None = None) -> dict[str, str]:
        profile = profile or self.profile
        raw = {"role": profile.role, "setting": profile.setting}
        return raw | {item.name: item.default_raw(today) for item in self.inputs_for(profile)}

    def completed(self, given: Mapping[str, str], today: dt.date | None = None) -> dict[str, str]:
        """Some raw inputs (a worked example's, say), completed with the defaults of the profile
        they name."""
        return self.defaults(today, profile_of(given, self.profile)[0]) | dict(given)

    def checked(self, raw: Mapping[str, str], today: dt.date | None = None) -> tuple[dict, list[Doubt]]:
        """Raw strings (missing ones take their default) -> values and the doubts about them, or
        InputErrors naming each field (what cannot be parsed, and what cannot be true)."""
        profile, errors = profile_of(raw, self.profile)
        try:
            values = parse_inputs(self.inputs_for(profile), raw, today)
        except InputErrors as failure:
            raise InputErrors(errors + failure.errors) from None
        if errors:
            raise InputErrors(errors)
        values["profile"] = profile
        found = list(self.check(values))
        errors = [item for item in found if isinstance(item, InputError)]
        if errors:
            raise InputErrors(errors)
        return values, [item for item in found if isinstance(item, Doubt)]

    def parse(self, raw: Mapping[str, str], today: dt.date | None = None) -> dict:
        """Raw strings -> values, or InputErrors naming each field."""
        return self.checked(raw, today)[0]

    def run(
        self, raw: Mapping[str, str], today: dt.date | None = None, confirmed: Collection[str] | None = None
    ) -> tuple[dict, dict]:
        """Values and results. The checks run before the arithmetic: what cannot be true raises
        InputErrors; with `confirmed` (what a reader has confirmed, as the page passes it), a doubt
        not in it raises Unconfirmed. Without it (tests of the arithmetic, the packet's figures from
        the reader's own log) doubts do not stop the arithmetic."""
        values, doubts = self.checked(raw, today)
        if confirmed is not None and (pending := [d for d in doubts if d.key not in confirmed]):
            raise Unconfirmed(pending)
        return values, self.calculate(values)

    # Links: #v=1&role=nurse&setting=shifts&name=value&... ; only values that differ from the
    # defaults are written (a link without a role is a physician's, without a setting a clinic's).

    def to_fragment(self, raw: Mapping[str, str], today: dt.date | None = None) -> str:
        profile = profile_of(raw, self.profile)[0]
        defaults = self.defaults(today, profile)
        if profile == self.profile and all(raw.get(name, value).strip() == value for name, value in defaults.items()):
            return ""
        # Dates are always written: their default depends on the day the link is opened.
        pairs = [(name, value) for name, value in (("role", profile.role), ("setting", profile.setting))
                 if value != getattr(self.profile, name)]  # fmt: skip
        pairs += [
            (item.name, raw[item.name])
            for item in self.inputs
            if item.name in raw and (isinstance(item, Date) or raw[item.name].strip() != defaults[item.name])
        ]
        settings = "&".join(f"{k}={quote(v.strip(), safe='')}" for k, v in pairs)
        if len(settings) + 4 > SHAREABLE:  # a long list: deflated, under z, beside the version
            return f"v={LINK_VERSION}&z={pack(settings)}"
        return "&".join([f"v={LINK_VERSION}"] + ([settings] if settings else []))

    def read_fragment(self, fragment: str, today: dt.date | None = None) -> tuple[dict[str, str], list[str]]:
        """A link's fragment (without the #) -> (raw inputs to show, problems with the link). A
        compressed link's settings (under z) are unpacked first."""
        if len(fragment) > MAX_LINK_LENGTH or fragment.count("&") > MAX_LINK_SETTINGS:
            return self.read_link(None, today)
        pairs = parse_qsl(fragment, keep_blank_values=True)
        packed = [value for key, value in pairs if key == "z"]
        if packed:
            settings = unpack(packed[-1])
            if settings is None or settings.count("&") > MAX_LINK_SETTINGS:
                return self.defaults(today), [
                    "This link's numbers are compressed and could not be read (it may have been cut short "
                    "when it was shared), so the defaults are shown."
                ]
            pairs = [pair for pair in pairs if pair[0] != "z"] + parse_qsl(settings, keep_blank_values=True)
        return self.read_link(pairs, today)

    def read_link(self, pairs, today: dt.date | None = None) -> tuple[dict[str, str], list[str]]:
        """Settings from a link -> (raw inputs to show, problems with the link as a whole).

        Inputs the link does not set keep their defaults (for the link's role and setting: a link
        without them was made for the calculator's own profile, a physician in clinic but for the
        shift trade-off's nurse on shifts). A link with no version, a newer version,
        or far too many settings is not applied at all.
        """
        raw = self.defaults(today)
        if not isinstance(pairs, list) or len(pairs) > MAX_LINK_SETTINGS:
            return raw, ["This link holds far more settings than any calculator link, so none of them were used."]
        clean = [(str(p[0]), str(p[1])) for p in pairs if isinstance(p, (list, tuple)) and len(p) == 2]
        versions = [v for k, v in clean if k == "v"]
        if not versions:
            return raw, ["This link has no version number (v=1), so its numbers were not used. The defaults are shown."]
        if versions[-1] != LINK_VERSION:
            return raw, [
                "This link was made by a different version of this calculator, so its numbers "
                "were not used. The defaults are shown."
            ]
        given = dict(clean)
        profile = parse_profile(given.get("role", self.profile.role), given.get("setting", self.profile.setting))
        raw = self.defaults(today, profile or self.profile)
        limits = {item.name: raw_limit(item) for item in PROFILE_FIELDS + self.inputs}
        unknown = 0
        for key, value in clean:
            if key in limits:
                raw[key] = value[: limits[key] + 1]
            elif key != "v":
                unknown += 1
        if not unknown:
            return raw, []
        # Named by count, never echoed: a link's own text does not get into the site's messages.
        what = "a setting" if unknown == 1 else f"{unknown} settings"
        return raw, [f"This link has {what} this calculator does not know, left out. The rest of the link was used."]

    # The component: its page and its actions.

    def render_body(self, today: dt.date) -> str:
        """The form with the defaults and the result for them, so it reads (and prints) without
        JavaScript."""
        raw = self.defaults(today)
        values, results = self.run(raw, today, confirmed=())  # a default in doubt is a bug: the build fails
        return html.calculator_body(
            self.slug,
            self.title,
            PROFILE_FIELDS,
            self.inputs_for(),
            raw,
            self.presets_for(),
            self.render(values, results),
            glance(self.announce(values, results)),
        )

    def handlers(self) -> Mapping[str, Handler]:
        return {
            "load": self._load,
            "update": self._update,
            "submit": self._submit,
            "link": self._link,
            "refresh": self._refresh,
            html.ROWS_ACTION: self._rows,
            html.PASTE_ACTION: self._paste,
            html.CONFIRM_ACTION: self._confirm,
        }

    def _typed(self, req: Request) -> dict[str, str]:
        """The form as typed, with what the reader has confirmed (html.CONFIRMED_FIELD)."""
        profile = profile_of(typed(req.form(FORM), PROFILE_FIELDS, req.today), self.profile)[0]
        confirmed = " ".join(sorted(confirmations(req.text(FORM, html.CONFIRMED_FIELD))))
        return req.typed(FORM, PROFILE_FIELDS + self.inputs_for(profile)) | {html.CONFIRMED_FIELD: confirmed}

    def _confirm(self, req: Request) -> Reply:
        # The reader confirmed the values a warning asked about (arg: the doubts' keys): kept in the
        # form's hidden field, so the next keystroke keeps them; a changed quantity is asked again.
        raw = self._typed(req)
        keys = confirmations(raw[html.CONFIRMED_FIELD]) | confirmations(req.arg)
        raw[html.CONFIRMED_FIELD] = " ".join(sorted(keys)[:MAX_CONFIRMED])
        reply = self.respond(raw, [], req.today, focus_problems=True)
        reply.fields = {FORM: {html.CONFIRMED_FIELD: raw[html.CONFIRMED_FIELD]}}
        named = req.arg.split("=", 1)[0]
        if reply.state == "ready" and any(item.name == named and not isinstance(item, Table) for item in self.inputs):
            reply.focus = html.field_id(self.slug, named)  # the button is gone: back to the field it asked about
        return reply

    def _load(self, req: Request) -> Reply:
        # Today's defaults for this reader (a date default may have moved on since the build); the
        # address is left alone.
        raw = self.defaults(req.today, from_store(req.stored.get(PROFILE_KEY)) or self.profile)
        reply = self.show(self.respond(raw, [], req.today, relabel=True), raw)
        reply.fragment = None
        return reply

    def _update(self, req: Request, focus_problems: bool = False) -> Reply:
        raw = self._typed(req)
        if not PROFILE_NAMES & req.edited.get(FORM, set()):
            return self.respond(raw, [], req.today, focus_problems=focus_problems)
        # The reader said who they are: keep it, and move fields still at a default to the new one.
        profile, errors = profile_of(raw, self.profile)
        if errors:
            return self.respond(raw, [], req.today, focus_problems=focus_problems)
        raw = self.adopt(raw, profile, req.today)
        reply = self.show(self.respond(raw, [], req.today, focus_problems=focus_problems, relabel=True), raw)
        reply.store = {PROFILE_KEY: profile.to_store()}
        return reply

    def _submit(self, req: Request) -> Reply:
        return self._update(req, focus_problems=True)

    def _refresh(self, req: Request) -> Reply:
        # The profile was changed elsewhere (another tab, another component): follow it.
        profile = from_store(req.stored.get(PROFILE_KEY))
        raw = self._typed(req)
        if profile is None or profile == profile_of(raw, self.profile)[0]:
            return self.respond(raw, [], req.today)
        raw = self.adopt(raw, profile, req.today)
        return self.show(self.respond(raw, [], req.today, relabel=True), raw)

    def adopt(self, raw: dict[str, str], profile: Profile, today: dt.date) -> dict[str, str]:
        """`raw` for a new profile: a field still holding some profile's default takes the new
        profile's default; what the reader typed stays."""
        others = [self.defaults(today, other) for other in ALL_PROFILES]
        new = self.defaults(today, profile)
        return {
            name: (new[name] if any(value.strip() == d.get(name) for d in others) else value)
            for name, value in raw.items()
        } | {"role": profile.role, "setting": profile.setting}

    def _link(self, req: Request) -> Reply:
        raw, problems = self.read_fragment(req.arg, req.today)
        return self.show(self.respond(raw, problems, req.today, focus_problems=True, relabel=True), raw)

    def show(self, reply: Reply, raw: dict[str, str], fields: bool = True) -> Reply:
        """Put `raw` in the form: each field's value (unless `fields` is false), and each table redrawn
        with its rows (a table's cells share one name, so they are drawn, never set one by one)."""
        profile = profile_of(raw, self.profile)[0]
        inputs = self.inputs_for(profile)
        tables = {item.name for item in inputs if isinstance(item, Table)}
        if fields:
            reply.fields = {FORM: {name: value for name, value in raw.items() if name not in tables}}
            reply.fields[FORM].setdefault(html.CONFIRMED_FIELD, "")  # a link's numbers are asked about afresh
        for item in inputs:
            region = f"table-{item.shown_as}" if isinstance(item, Table) else None
            if region and region not in reply.regions:  # a group of tables is drawn once
                reply.regions[region] = html.table_grid(self.slug, html.shown_with(item, inputs), raw)
        return reply

    # Tables: a row added or removed, rows pasted from a spreadsheet.

    def _tables(self, req: Request, name: str) -> tuple[dict[str, str], list[Table]]:
        raw = self._typed(req)
        inputs = self.inputs_for(profile_of(raw, self.profile)[0])
        tables = [item for item in inputs if isinstance(item, Table) and item.shown_as == name]
        if not tables:
            raise UserError(f"The {self.title.lower()} has no table called {name[:40]!r}")
        return raw, tables

    def _rows(self, req: Request) -> Reply:
        op, _, rest = req.arg.partition(":")
        name, _, row = rest.partition(":")
        raw, tables = self._tables(req, name)
        first = tables[0]
        width = sum(t.width for t in tables)
        height = len(grid_of(tables, raw)) or 1  # an empty table shows one blank row
        fid = html.field_id(self.slug, name)
        if op == "add" and height < first.max_rows:

            def add(grid):
                grid = grid or [[""] * width]
                return grid + [first.next_row(list(grid[-1])) if first.next_row else [""] * width]

            raw |= edit_rows(tables, raw, add)
            focus, said = f"{fid}-{height}-0", f"{first.row_label} {height + 1} added."
        elif op == "remove" and row.isdigit() and int(row) < height:
            index = int(row)
            raw |= edit_rows(tables, raw, lambda grid: grid[:index] + grid[index + 1 :])
            focus = f"{fid}-remove-{index}" if index < height - 1 else f"{fid}-add"
            said = f"{first.row_label} {index + 1} removed."
        else:
            return self.respond(raw, [], req.today)  # a stale button: nothing to change
        return self._redrawn(raw, req.today, focus, said)

    def _paste(self, req: Request) -> Reply:
        where, _, text = req.arg.partition("\n")
        name, r, c = (where.split(":") + ["", ""])[:3]
        raw, tables = self._tables(req, name)
        first = tables[0]
        headings = [heading for _, _, heading in grid_columns(tables)]
        if not (r.isdigit() and c.isdigit() and int(c) < len(headings)):
            return self.respond(raw, [], req.today)
        r, c = int(r), int(c)
        pasted = pasted_grid(text[:MAX_LINK_LENGTH], len(headings) - c)
        if pasted and [cell.lower() for cell in pasted[0]] == [h.lower() for h in headings[c : c + len(pasted[0])]]:
            pasted = pasted[1:]  # the spreadsheet's own header row
        room = max(first.max_rows - r, 0)
        kept = pasted[:room]

        def paste(grid):
            grid = [list(row) for row in grid] + [[""] * len(headings) for _ in range(r + len(kept) - len(grid))]
            for i, cells in enumerate(kept):
                grid[r + i][c : c + len(cells)] = cells
            return grid

        raw |= edit_rows(tables, raw, paste)
        said = f"Pasted {len(kept)} {'row' if len(kept) == 1 else 'rows'}."
        if len(kept) < len(pasted):
            said += f" {len(pasted) - len(kept)} more did not fit: the table holds at most {first.max_rows:,} rows."
        return self._redrawn(raw, req.today, html.field_id(self.slug, name) + f"-{r}-{c}", said)

    def _redrawn(self, raw: dict[str, str], today: dt.date, focus: str, said: str) -> Reply:
        """The reply to a table change: the tables redrawn, the result for the new rows, what changed."""
        reply = self.show(self.respond(raw, [], today), raw, fields=False)  # the other fields stay as typed
        reply.focus = focus
        reply.announce = f"{said} {reply.announce}".strip()
        return reply

    def respond(
        self,
        raw: dict[str, str],
        problems: list[str],
        today: dt.date | None = None,
        focus_problems: bool = False,
        relabel: bool = False,
    ) -> Reply:
        """What the page shows for these raw inputs: result, problems and field messages (and,
        with `relabel`, every field's label, hint and presets, for the profile the inputs name)."""
        reply = Reply(fragment=self.to_fragment(raw, today))
        summary_id = f"{self.slug}-summary"
        long_link = len(reply.fragment) > SHAREABLE
        profile = profile_of(raw, self.profile)[0]
        inputs = self.inputs_for(profile)
        labels = html.field_regions(self.slug, inputs, self.presets_for(profile)) if relabel else {}
        labels |= {f"warning-{item.name}": "" for item in inputs}  # no warning left from the last answer
        try:
            values, results = self.run(raw, today, confirmations(raw.get(html.CONFIRMED_FIELD)))
        except Unconfirmed as pending:
            # Possible but rarely true: a warning beside each field, and no result until the reader
            # confirms or corrects it.
            for name in dict.fromkeys(d.name for d in pending.doubts):
                mine = [d for d in pending.doubts if d.name == name]
                labels[f"warning-{name}"] = html.field_warning(
                    self.slug, name, [d.message for d in mine], [d.key for d in mine]
                )
            reply.regions = labels | {
                "result": html.UNCONFIRMED_RESULT,
                "summary": html.error_summary(self.slug, [], problems),
                "glance": "Confirm or correct the values marked above to see the result.",
                "link-note": "",
            }
            reply.errors = {FORM: {}}
            reply.state = "invalid"
            reply.announce = html.doubts_announcement([d.message for d in pending.doubts])
            if focus_problems:
                reply.focus = f"{html.field_id(self.slug, pending.doubts[0].name)}-check"
            return reply
        except InputErrors as failure:
            reply.regions = labels | {
                "result": html.INVALID_RESULT,
                "summary": html.error_summary(self.slug, failure.errors, problems),
                "glance": "Fix the fields marked above to see the result.",
            }
            reply.errors = {FORM: failure.by_field()}
            return reply.problems(len(failure.errors) + len(problems), summary_id if focus_problems else "")
        reply.regions = labels | {
            "result": self.render(values, results),
            "summary": html.error_summary(self.slug, [], problems),
            "link-note": html.escape(long_link_note(len(reply.fragment))) if long_link else "",
        }
        reply.errors = {FORM: {}}
        reply.announce = self.announce(values, results)
        reply.regions["glance"] = html.escape(glance(reply.announce))
        if problems:
            reply.state = "invalid"
            if focus_problems:
                reply.focus = summary_id
        return reply


def confirmations(text: str | None) -> frozenset[str]:
    """The doubts a reader confirmed, from the form's hidden field or a confirm button's arg (keys
    are short: longer words are not keys, and are ignored)."""
    return frozenset(word for word in (text or "")[:10_000].split()[:MAX_CONFIRMED] if len(word) <= 120)


def pack(settings: str) -> str:
    """A link's settings, deflated (raw, no header) and written in base64url without padding."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(settings.encode()) + packer.flush()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unpack(text: str) -> str | None:
    """`pack` undone, or None when the text is not what `pack` writes (cut short, edited, or far
    longer than any calculator's settings once unpacked)."""
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        unpacker = zlib.decompressobj(-15)
        settings = unpacker.decompress(data, MAX_LINK_LENGTH)
        if unpacker.unconsumed_tail or not unpacker.eof:
            return None
        return settings.decode()
    except (ValueError, zlib.error):  # binascii.Error and UnicodeDecodeError are ValueErrors
        return None


def long_link_note(length: int) -> str:
    return (
        f"This link is {length:,} characters long even compressed, and some email and chat apps cut long "
        "links short. If it arrives broken, send the rows as a spreadsheet instead: they paste straight "
        "into the tables above."
    )


def glance(announcement: str) -> str:
    """The key figure for the phone's summary bar: the announcement without its "Result updated:"."""
    return announcement.removeprefix("Result updated: ")


def profile_of(raw: Mapping[str, str], default: Profile = DEFAULT) -> tuple[Profile, list[InputError]]:
    """The profile a form's or a link's strings name, and the problems with them (`default` stands
    in for what is missing, and for a profile that cannot be read)."""
    errors = []
    picked = {}
    for item in PROFILE_FIELDS:
        try:
            picked[item.name] = item.parse(str(raw.get(item.name, getattr(default, item.name))))
        except InputError as error:
            errors.append(error)
    if errors:
        return default, errors
    return Profile(picked["role"], picked["setting"]), []


# --- "About you" in a tool ------------------------------------------------------------------------------
# A calculator asks in its own form; a tool (the log, the packet, the scripts) has a small form of its
# own, whose changes send the action "about".

ABOUT = "about"


def about_form(slug: str, profile: Profile) -> str:
    """A tool's "About you" fields, showing `profile`."""
    raw = {"role": profile.role, "setting": profile.setting}
    return (
        f'<form class="sp-calc__form" data-calc-form="{ABOUT}" data-calc-live="{ABOUT}" novalidate '
        'aria-label="About you"><fieldset class="sp-about"><legend class="sp-about__legend">About you</legend>'
        f"{html.form_fields(slug, PROFILE_FIELDS, raw, {})}</fieldset></form>"
    )


def reader(req: Request, default: Profile = DEFAULT) -> tuple[Profile, bool]:
    """Who the reader is, and whether they have just said so in a tool's "About you" fields (then the
    reply should keep it: `keep_profile`); otherwise what the browser keeps, else `default`."""
    if req.action == ABOUT:
        profile, errors = profile_of(typed(req.form(ABOUT), PROFILE_FIELDS, req.today), default)
        if not errors:
            return profile, True
    return from_store(req.stored.get(PROFILE_KEY)) or default, False


def keep_profile(reply: Reply, profile: Profile) -> Reply:
    """Store the reader's profile with this reply, and show it in the "About you" fields."""
    reply.store = {**(reply.store or {}), PROFILE_KEY: profile.to_store()}
    return show_profile(reply, profile)


def show_profile(reply: Reply, profile: Profile) -> Reply:
    """Show the reader's profile in the "About you" fields (the build drew the default)."""
    reply.fields = {**reply.fields, ABOUT: {"role": profile.role, "setting": profile.setting}}
    return reply
