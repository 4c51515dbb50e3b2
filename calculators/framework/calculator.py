"""A calculator: a component made of one form of inputs and a result (see components/trade_off.py).

Its actions are listed with the protocol (protocol.py); its links are read and written by links.py,
its tables edited by table_edits.py, and who the reader is comes from about.py.

Checks run before the arithmetic (`check`, with the limits of a day, a shift and a week in
limits.py): what cannot be true is an error beside its field; what rarely is, a warning beside its
field, and no result is shown until the reader confirms it (the "confirm" action, arg: the keys of
the warnings confirmed; the form's hidden field html.CONFIRMED_FIELD keeps them, each key naming a
field and the quantity it made, so a changed quantity is asked about again) or corrects it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from . import html
from .about import PROFILE_FIELDS, PROFILE_NAMES, profile_of
from .component import Component
from .inputs import Doubt, Input, InputError, InputErrors, Table, Unconfirmed, parse_inputs
from .links import SHAREABLE, Links, long_link_note, sent_results, shown, with_results
from .profile import ALL as ALL_PROFILES
from .profile import DEFAULT, Profile, from_store
from .profile import KEY as PROFILE_KEY
from .protocol import Handler, Reply, Request, typed
from .table_edits import TableEdits


@dataclass(frozen=True)
class Example:
    """A worked example: the inputs that differ from the defaults, and results it must give."""

    title: str
    inputs: Mapping[str, str]
    expect: Mapping[str, object]


FORM = "inputs"  # a calculator's one form
MAX_CONFIRMED = 50  # confirmations kept in a form (each names a field and a quantity: limits.py)

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
class Calculator(Component, Links, TableEdits):
    """A component made of one form of inputs and a result: see components/trade_off.py.

    Labels, units, hints and examples may hold the profile's {placeholders}; `variants` changes any
    of an input's attributes (its default above all) for a role, a setting or both; a preset list
    may be one per role. The values `calculate`, `render` and `announce` get hold the reader's
    Profile under "profile"."""

    inputs: tuple[Input, ...]
    calculate: Callable[[dict], dict]
    render: Callable[[dict, dict], str]  # (values, results) -> result HTML
    announce: Callable[[dict, dict], str]  # (values, results) -> one line for the status
    # Rules across inputs, and the limits of a day, a shift and a week (limits.py): an InputError for
    # what cannot be, a Doubt for what rarely is (a warning the reader confirms).
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
        InputErrors naming each field (what cannot be read, and what cannot be true)."""
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
        InputErrors; with `confirmed` (the keys a reader confirmed, as the page passes them), a doubt
        not among them raises Unconfirmed. Without it (tests of the arithmetic, the packet's figures
        from the reader's own log) doubts do not stop the arithmetic."""
        values, doubts = self.checked(raw, today)
        if confirmed is not None and (pending := [d for d in doubts if d.key not in confirmed]):
            raise Unconfirmed(pending)
        return values, self.calculate(values)

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
        reply = self.show(self.respond(raw, problems, req.today, focus_problems=True, relabel=True), raw)
        # The page showed the results the sender saw while Python started: say so if these differ.
        sent = sent_results(req.arg)
        differ = [key for key, text in shown(reply.regions["result"]).items() if key in sent and sent[key] != text]
        if differ:
            reply.regions["result"] = html.differing(reply.regions["result"], differ)
            reply.announce = f"{html.differ_note(len(differ))} {reply.announce}".strip()
        return reply

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
            "result": (result := self.render(values, results)),
            "summary": html.error_summary(self.slug, [], problems),
            "link-note": html.escape(long_link_note(len(reply.fragment))) if long_link else "",
        }
        reply.fragment = with_results(reply.fragment, result)
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


def glance(announcement: str) -> str:
    """The key figure for the phone's summary bar: the announcement without its "Result updated:"."""
    return announcement.removeprefix("Result updated: ")
