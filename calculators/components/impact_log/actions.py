"""What the log does for each action about its days: load, follow another tab, reword for the
reader, save, edit, delete and undo an entry, save the settings, plan the reminders. The actions
on the data as a whole (export, import, repair, delete all) are in data_actions.py."""

from __future__ import annotations

import datetime as dt
import json

from ...framework.about import ABOUT, keep_profile, reader, show_profile
from ...framework.html import action_button, escape
from ...framework.inputs import InputErrors, UserError, parse_inputs
from ...framework.numbers import day_text, plural
from ...framework.profile import Profile
from ...framework.protocol import Reply, Request
from ...framework.storage import refusal
from .data import (
    ENTRY,
    KEY,
    MAX_ENTRIES,
    PLAN,
    SETTINGS,
    Log,
    clean,
    doubts,
    dump,
    entry_inputs,
    entry_problems,
    load,
    settings_inputs,
    summarise,
)
from .forms import entry_form, plan_html, plan_link, settings_form
from .views import damage_notice, entries_table, log_notice, storage_warning, summary_html


def words(req: Request) -> Profile:
    """Who the reader said they are (the log's words follow it: a shift, not a day, on shifts)."""
    return reader(req)[0]


WRITES = {"save-entry", "delete", "undo", "save-settings"}  # refused while the stored log is damaged


def _regions(log: Log, req, *, entry: bool = True, settings: bool = True) -> dict[str, str]:
    summary = summarise(log)
    regions = {
        "entries": entries_table(log, summary["go_live"], words(req)),
        "summary": summary_html(log, summary, words(req)),
    }
    if entry:
        regions["entry"] = entry_form(log, {}, {}, today=req.today, profile=words(req))
    if settings:
        regions["settings"] = settings_form(log.settings, {}, words(req))
    return regions


class Turn:
    """One action on the log: the request, the log as stored, and the reply being built."""

    def __init__(self, req):
        self.req = req
        self.stamp = dt.datetime.now(dt.UTC)
        self.stored = req.stored.get(KEY)
        self.log, self.damage = load(self.stored)
        self.reply = Reply(regions={"storage": storage_warning(req)})
        self.regions = self.reply.regions

    def save(self, new_log: Log, *, entry=False, settings=False):
        """Store the new log and redraw what depends on it (the forms only when asked)."""
        self.reply.store = {KEY: dump(new_log)}
        self.regions.update(_regions(new_log, self.req, entry=entry, settings=settings))

    def entry(self) -> dict | None:
        """The entry the action's button names, or None (and the reader told) when it is gone."""
        entry = self.log.entry(self.req.arg)
        if entry is None:
            self.tell("error", "That entry is no longer in the log.")
        return entry

    def tell(self, kind, title, body="", actions=""):
        self.regions["notice"] = log_notice(kind, title, body, actions)
        self.reply.announce = title
        self.reply.focus = "log-notice-title"


def handles(actions: dict, *names):
    """Register a handler of Turn -> Reply in `actions` (name -> Request -> Reply) for these names. A
    handler that writes is refused while the stored log is damaged, so that nothing stored is
    overwritten."""

    def register(handler):
        def run(req: Request) -> Reply:
            turn = Turn(req)
            if turn.damage and req.action in WRITES:
                turn.regions["notice"] = damage_notice(turn.damage, refused=True)
                turn.reply.focus = "log-notice-title"
                turn.reply.announce = "Nothing was saved: the stored log needs attention first."
                return turn.reply
            return handler(turn)

        for name in names:
            actions[name] = run
        return handler

    return register


ACTIONS: dict = {}  # action name -> (Request -> Reply): the actions on the days (see data_actions.py)


@handles(ACTIONS, "store-failed")
def _store_failed(turn: Turn) -> Reply:
    """The browser refused the last write: say so at once, in place of "Saved"."""
    req, reply, regions = turn.req, turn.reply, turn.regions
    regions["storage"] = ""
    turn.tell(
        "error",
        "Not saved in this browser",
        f"<p>{escape(refusal(req.arg or req.storage) or refusal('blocked'))} What you just entered is kept in "
        "this tab only, until you close it. Export the log as CSV now to keep it.</p>",
        action_button("export", "Export as CSV", kind="md-button--primary"),
    )
    return reply


@handles(ACTIONS, "load")
def _load(turn: Turn) -> Reply:
    req, log, damage, stamp, reply, regions = turn.req, turn.log, turn.damage, turn.stamp, turn.reply, turn.regions
    regions.update(_regions(log, req))
    regions["plan"] = plan_html({item.name: item.default_raw(req.today) for item in PLAN}, {}, stamp)
    regions["notice"] = damage_notice(damage) if damage else ""
    count = len(log.entries)
    reply.announce = f"Log loaded: {count} {plural(count, 'day', 'days')}."
    return show_profile(reply, words(req))


@handles(ACTIONS, "refresh")
def _refresh(turn: Turn) -> Reply:
    """Another tab changed the log: show it, and keep what is typed here."""
    req, log, damage, reply, regions = turn.req, turn.log, turn.damage, turn.reply, turn.regions
    regions.update(_regions(log, req, entry=False, settings=False))
    if damage:  # otherwise the notice stays as it is: "Saved", or an Undo button, is not wiped
        regions["notice"] = damage_notice(damage)
    reply.announce = "The log was changed in another tab; the list and summary are up to date."
    return show_profile(reply, words(req))


@handles(ACTIONS, ABOUT)
def _about(turn: Turn) -> Reply:
    """The reader said who they are: keep it, and word the day's form, the list of days, the
    settings and the summary for them, keeping what is typed."""
    req, log, reply, regions = turn.req, turn.log, turn.reply, turn.regions
    profile = words(req)
    editing = req.text("entry", "editing")
    typed = req.typed("entry", ENTRY)
    regions["entry"] = entry_form(log, typed, {}, editing if editing in log.dates() else "", req.today, profile)
    summary = summarise(log)
    regions["summary"] = summary_html(log, summary, profile)
    regions["entries"] = entries_table(log, summary["go_live"], profile)
    settings = req.typed("settings", SETTINGS) if req.form("settings") else log.settings
    regions["settings"] = settings_form(settings, {}, profile)
    reply.announce = f"The log is worded for {profile.describe()}."
    return keep_profile(reply, profile)


@handles(ACTIONS, "plan")
def _plan(turn: Turn) -> Reply:
    req, stamp, reply, regions = turn.req, turn.stamp, turn.reply, turn.regions
    raw = req.typed("plan", PLAN)
    try:
        parse_inputs(PLAN, raw)
        reply.errors = {"plan": {}}
    except InputErrors as failure:
        reply.errors = {"plan": failure.by_field()}
    regions["plan-link"] = plan_link(raw, stamp)
    return reply


@handles(ACTIONS, "save-entry", "save-entry-confirmed")
def _save_entry(turn: Turn) -> Reply:
    req, log, reply, regions, save, tell = turn.req, turn.log, turn.reply, turn.regions, turn.save, turn.tell
    raw = req.typed("entry", ENTRY)
    editing = req.text("entry", "editing")
    editing = editing if editing in log.dates() else ""
    errors = {}
    try:
        entry = clean(entry_inputs(words(req)), raw, req.today)
        if found := entry_problems(entry, words(req)):
            raise InputErrors(found)
        if entry["date"] != editing and entry["date"] in log.dates():
            errors["date"] = (
                f"You already have an entry for {day_text(entry['date'])}: use its Edit button "
                "in the list below, or choose another date"
            )
    except InputErrors as failure:
        errors = failure.by_field()
    if not errors and len(log.entries) >= MAX_ENTRIES and not editing:
        errors["date"] = f"The log is full ({MAX_ENTRIES:,} days): export it and start a new one"
    if errors:
        regions["entry"] = entry_form(log, raw, errors, editing, req.today, words(req))
        return reply.problems(len(errors), "log-entry-summary")
    warnings = doubts(entry, words(req))
    if warnings and req.action != "save-entry-confirmed":
        # Possible, but probably a slip: ask before it reaches the averages.
        regions["entry"] = entry_form(log, raw, {}, editing, req.today, words(req), warnings)
        reply.focus = "log-entry-warning"
        reply.announce = "Check this day before it is saved: " + " ".join(d.message for d in warnings)
        return reply
    new_log = log.with_entry(entry, replacing=editing or None)
    save(new_log)
    next_day = dt.date.fromisoformat(entry["date"]) + dt.timedelta(days=1)
    regions["entry"] = entry_form(
        new_log,
        {
            "date": next_day.isoformat() if not editing else req.today.isoformat(),
            "start": entry["start"],
            "end": entry["end"],
        },
        {},
        today=req.today,
        profile=words(req),
    )
    tell("done", f"{'Updated' if editing else 'Saved'} the entry for {day_text(entry['date'])}.")
    return reply


@handles(ACTIONS, "edit")
def _edit(turn: Turn) -> Reply:
    req, log, reply, regions = turn.req, turn.log, turn.reply, turn.regions
    entry = turn.entry()
    if entry is None:
        return reply
    regions["entry"] = entry_form(log, entry, {}, req.arg, req.today, words(req))
    reply.focus = "log-entry-date"
    reply.announce = f"Editing the entry for {day_text(req.arg)}."
    return reply


@handles(ACTIONS, "cancel-edit")
def _cancel_edit(turn: Turn) -> Reply:
    req, log, reply, regions = turn.req, turn.log, turn.reply, turn.regions
    regions["entry"] = entry_form(log, {}, {}, today=req.today, profile=words(req))
    reply.focus = "log-entry-title"
    reply.announce = "Editing canceled; nothing was changed."
    return reply


@handles(ACTIONS, "delete")
def _delete(turn: Turn) -> Reply:
    req, log, reply, save, tell = turn.req, turn.log, turn.reply, turn.save, turn.tell
    entry = turn.entry()
    if entry is None:
        return reply
    save(log.without(req.arg))
    undo = (
        f'<button type="button" class="md-button" data-calc-action="undo" '
        f'data-calc-arg="{escape(json.dumps(entry))}">Undo</button>'
    )
    tell("done", f"Deleted the entry for {day_text(req.arg)}.", actions=undo)
    return reply


@handles(ACTIONS, "undo")
def _undo(turn: Turn) -> Reply:
    req, log, reply, save, tell = turn.req, turn.log, turn.reply, turn.save, turn.tell
    try:
        raw = json.loads(req.arg)
        entry = clean(ENTRY, {k: v for k, v in raw.items() if isinstance(v, str)}) if isinstance(raw, dict) else None
    except (ValueError, UserError):
        entry = None
    if entry is None or entry["date"] in log.dates():
        tell("error", "The entry could not be put back: that day already has an entry.")
        return reply
    save(log.with_entry(entry))
    tell("done", f"Put back the entry for {day_text(entry['date'])}.")
    return reply


@handles(ACTIONS, "save-settings")
def _save_settings(turn: Turn) -> Reply:
    req, log, reply, regions, save, tell = turn.req, turn.log, turn.reply, turn.regions, turn.save, turn.tell
    raw = req.typed("settings", SETTINGS)
    try:
        settings = clean(settings_inputs(words(req)), raw)
    except InputErrors as failure:
        regions["settings"] = settings_form(raw, failure.by_field(), words(req))
        return reply.problems(len(failure.errors), "log-settings-summary")
    new_log = Log(settings, log.entries)
    save(new_log, settings=True)
    typed = {k: v for k, v in req.typed("entry", ENTRY).items()}
    editing = req.text("entry", "editing") or ""
    regions["entry"] = entry_form(new_log, typed, {}, editing if editing in log.dates() else "", req.today, words(req))
    tell("done", "Saved the go-live date and task names.")
    return reply
