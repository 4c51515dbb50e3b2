"""The packet as a component: its form, its actions and the page the build draws."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

from ...framework import limits
from ...framework.about import ABOUT, about_form, keep_profile, reader, show_profile
from ...framework.component import Component
from ...framework.html import action_button, escape, form_fields, notice, status_line
from ...framework.inputs import Choice, Date, InputErrors, Number, Text, parse_inputs
from ...framework.profile import DEFAULT as DEFAULT_PROFILE
from ...framework.profile import KEY as PROFILE_KEY
from ...framework.protocol import Reply, Request, typed
from ..impact_log import data as impact_log
from .data import KEY, form_state, gather, stored_packet
from .document import packet_html
from .words import DEFAULT_TARGETS, TARGET_KEYS, TARGETS, scripts_html

SLUG = "packet"

# fmt: off
INPUTS = (
    Text("your_name", "Your name", "As you sign your emails.", max_length=80, example="Dr. Sam Okafor"),
    Text("your_role", "Your role", "Like hospitalist, or clinic nurse lead.", max_length=80),
    Text("recipient", "Who you are meeting", "Their name as you would greet them, like Dr. Rivera.", max_length=120),
    Text("recipient_role", "Their role", "Like chair of medicine, or nurse manager.", max_length=80),
    Text("recipient_email", "Their email address", "Used only to address the emails below, on your device.",
         max_length=200, example="rivera@example.org"),
    Text("change", "The change", "What changed, in a few words.", default="the new EHR build", max_length=120,
         optional=False, example="the new EHR build"),
    Date("meeting_date", "Meeting date", "Leave blank until it is booked.", None, optional=True, example="2026-12-07"),
    Text("impact_link", "Link from the impact calculator",
         "Optional. Without it, the numbers come from your log in this browser. In the calculator, press “Copy "
         "link to these numbers” and paste it here.",
         max_length=3000, example="a link copied from the impact calculator"),
    Text("trade_off_link", "Link from the trade-off calculator",
         "Optional: the options for your first target. Without it, they are worked out from your minutes per "
         "patient.",
         max_length=3000, example="a link copied from the trade-off calculator"),
    Text("transition_link", "Link from the transition planner",
         "Optional: your phased plan with dates. Without it, the planner's default plan is used.", max_length=3000,
         example="a link copied from the transition planner"),
    Text("vendor_link", "Link from the vendor report reader",
         "Optional: your EHR usage report in the per-8-hour measures leaders use.", max_length=3000,
         example="a link copied from the vendor report reader"),
    Choice("numbers_are", "Where the numbers come from",
           "Provisional numbers are rough (rebuilt from your calendar or timeclock punches, say), and the page says so.",
           (("measured", "Measured: my log or my own calculator entries"),
            ("provisional", "Provisional: rebuilt from my calendar or timeclock, to be checked")), "measured"),
    Choice("pace", "What to propose for the pace",
           "Before go-live, a phased rollout. Once the change is live, no phase before it can be proposed: the "
           "rest of a transition period with an end date, or a pause of the worst parts.",
           (("phased", "A phased rollout (go-live still ahead)"),
            ("transition", "The rest of a transition period, with an end date"),
            ("pause", "A pause or rollback of the worst parts until they are fixed")), "phased"),
    Number("trial_weeks", "Trial length", "weeks", "How long to try what you agree before reviewing it.", "4", 1, 26,
           whole=True),
    Text("other_target", "Your own target", "Used when “Something else” is ticked, like “the discharge checklist”.",
         max_length=80, example="the discharge checklist"),
    Number("first_target_hours", "Hours a week your first target costs", "hours",
           "Optional: when several targets share the added hours and you know the first one's part. The "
           "options are then worked out for that part.", None, 0, limits.HOURS_IN_A_WEEK, optional=True,
           example="3"),
    Text("agreed", "What you agreed (for the follow-up email)", "Fill in after the meeting.", max_length=200,
         example="two fewer patients per session"),
)
# fmt: on

_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")


def parse(fields: dict[str, object], today: dt.date):
    """The packet form as typed -> (values, errors by field name)."""
    raw = typed(fields, INPUTS, today)
    errors: dict[str, str] = {}
    try:
        values = parse_inputs(INPUTS, raw, today)
    except InputErrors as failure:
        errors = failure.by_field()
        values = {}
    picked = fields.get("targets", list(DEFAULT_TARGETS) if "targets" not in fields and not fields else [])
    picked = [picked] if isinstance(picked, str) else list(picked)
    targets = [key for key in dict.fromkeys(picked) if key in TARGET_KEYS]  # in the reader's order
    if not 2 <= len(targets) <= 3:
        errors["targets"] = (
            "Pick two or three targets: more dilutes the ask, fewer leaves nothing to trade"
            if targets or picked
            else "Pick two or three targets"
        )
    if "other" in targets and not values.get("other_target") and "other_target" not in errors:
        errors["other_target"] = "Type your own target, or untick “Something else”"
    if values.get("recipient_email") and not _EMAIL.fullmatch(values["recipient_email"]):
        errors["recipient_email"] = "Their email address must look like name@example.org"
    values["targets"] = targets
    return raw, values, errors


# --- The form ---------------------------------------------------------------------------------------------


def targets_field(picked: list[str], message: str | None) -> str:
    """The targets, ticked ones first in the reader's order, each after the first with a button to
    move it up: the first is the one the options are worked out for."""
    order = [k for k in picked if k in TARGET_KEYS] + [k for k in TARGET_KEYS if k not in picked]
    labels = {key: label for key, label, _, _ in TARGETS}
    boxes = []
    for position, key in enumerate(order):
        up = (
            action_button("move-target", "Move up", key, kind="sp-small", aria_label=f"Move up: {labels[key]}")
            if key in picked and position > 0
            else ""
        )
        boxes.append(
            f'<div class="sp-check"><input type="checkbox" id="packet-target-{key}" name="targets" value="{key}"'
            f'{" checked" if key in picked else ""} aria-describedby="packet-targets-hint packet-targets-error">'
            f'<label for="packet-target-{key}">{escape(labels[key])}</label> {up}</div>'
        )
    hidden = "" if message else " hidden"
    error = f'<span class="sp-visually-hidden">Error:</span> {escape(message)}' if message else ""
    return (
        f'<fieldset class="sp-field{" sp-field--error" if message else ""}" data-calc-field="targets">'
        '<legend class="sp-label">Your targets</legend>'
        '<div class="sp-hint" id="packet-targets-hint">Two or three things that cost you the most time and '
        "could realistically change, in your order: the first is the one the options are for.</div>"
        f'<p class="sp-error" id="packet-targets-error" data-calc-error="targets"{hidden}>{error}</p>'
        f"{''.join(boxes)}</fieldset>"
    )


def form_html(raw: dict[str, str], picked: list[str], errors: dict[str, str]) -> str:
    groups = (
        (
            "You and the meeting",
            ("your_name", "your_role", "recipient", "recipient_role", "recipient_email", "change", "meeting_date"),
        ),
        ("Your numbers", ("numbers_are", "impact_link", "vendor_link", "trade_off_link", "transition_link")),
        ("The ask", ("other_target", "first_target_hours", "pace", "trial_weeks", "agreed")),
    )
    parts = []
    for title, names in groups:
        fields = form_fields("packet", [i for i in INPUTS if i.name in names], raw, errors)
        if title == "The ask":
            fields = targets_field(picked, errors.get("targets")) + fields
        parts.append(f'<fieldset class="sp-group"><legend>{escape(title)}</legend>{fields}</fieldset>')
    return (
        '<form class="sp-calc__form" data-calc-form="packet" data-calc-live="update" novalidate '
        f'aria-label="What goes into the packet">{"".join(parts)}</form>'
    )


def damage_notice(why: str) -> str:
    return notice(
        SLUG,
        "error",
        "What you typed here last time could not be read",
        f"<p>The packet stored in this browser could not be read ({escape(why)}). It is left as it is until "
        "you type here: download it first if you want to keep it.</p>",
        action_button("export-raw", "Download the stored packet as it is"),
    )


def act(req: Request) -> Reply:
    """Every action of the packet: "load", "update" (a field changed), "refresh" (another tab
    changed the log or the packet), "about" (the reader's role or setting changed), "move-target"
    (a target one place up), "clear" (forget what was typed here), "undo-clear" (bring it back)
    and "export-raw" (download the stored packet as it is, when it cannot be read)."""
    if req.action == "clear":
        reply = act(dataclasses.replace(req, action="load", forms={}, stored={**req.stored, KEY: None}))
        reply.store = {KEY: None}
        previous = req.stored.get(KEY)
        undo = action_button("undo-clear", "Undo", previous) if previous and stored_packet(req)[0] is not None else ""
        reply.regions["notice"] = notice(
            SLUG, "done", "Cleared what you typed on this page", "<p>Your log is untouched.</p>", undo
        )
        reply.focus = "packet-notice-title"
        reply.announce = "Cleared what you typed on this page. Your log is untouched."
        return reply
    if req.action == "undo-clear":  # the cleared packet comes back, if the button's copy still reads
        restored = dataclasses.replace(req, action="load", forms={}, stored={**req.stored, KEY: req.arg})
        if stored_packet(restored)[0] is None:
            return Reply(announce="That cleared packet can no longer be restored.")
        reply = act(restored)
        reply.store = {KEY: req.arg}
        reply.regions["notice"] = notice(SLUG, "done", "Restored what you had typed")
        reply.focus = "packet-notice-title"
        reply.announce = "Restored what you had typed."
        return reply
    if req.action == "export-raw":
        return Reply(
            download={
                "name": f"meeting-packet-stored-{req.today.isoformat()}.txt",
                "type": "text/plain",
                "text": req.stored.get(KEY) or "",
            },
            announce="Downloaded the stored packet exactly as it is.",
        )
    fields, damaged = form_state(req)
    if req.action == "move-target":  # the reader's order: the named target one place up
        order = [t for t in fields.get("targets") or [] if isinstance(t, str)]
        if req.arg in order and order.index(req.arg) > 0:
            i = order.index(req.arg)
            order[i - 1], order[i] = order[i], order[i - 1]
        fields = {**fields, "targets": order}
    raw, values, errors = parse(fields, req.today)
    profile, chosen = reader(req)
    n = gather(values, req.stored.get(impact_log.KEY), errors, profile)
    n["profile"] = profile
    reply = Reply(
        errors={"packet": errors},
        regions={"packet": packet_html(values, n, req.today), "scripts": scripts_html(values, n)},
    )
    if req.action == "load":
        reply.regions["notice"] = damage_notice(damaged) if damaged else ""
        reply.regions["form"] = form_html(raw, values["targets"] if fields else list(DEFAULT_TARGETS), errors)
    if req.action == "move-target":
        reply.regions["form"] = form_html(raw, values["targets"], errors)
        reply.focus = f"packet-target-{req.arg}" if req.arg in TARGET_KEYS else ""
    if req.action in ("update", "move-target"):  # "refresh" (another tab changed the log or the packet) stores nothing
        keep = {k: v for k, v in fields.items() if k in raw or k == "targets"}
        keep.setdefault("targets", [])
        reply.store = {KEY: json.dumps({"schema": 1, "fields": keep}, ensure_ascii=False)}
    if req.action in ("update", "refresh", ABOUT):  # fields changed in another tab show here too
        edited = req.edited.get("packet", set())
        reply.fields = {"packet": {k: v for k, v in raw.items() if k not in edited}}
    if chosen:
        keep_profile(reply, n["profile"])
    elif req.action in ("load", "refresh"):
        show_profile(reply, n["profile"])
    if errors:
        return reply.problems(len(errors))
    reply.announce = "Packet updated."
    return reply


def page(today: dt.date) -> str:
    raw, values, errors = parse({}, today)
    n = gather(values, None, errors)
    return (
        status_line("The packet is put together in this browser, which needs JavaScript.")
        + about_form(SLUG, DEFAULT_PROFILE)
        + '<div data-calc-region="notice"></div>'
        '<h2 id="packet-form-title" tabindex="-1">What goes on the page</h2>'
        f'<div data-calc-region="form">{form_html(raw, list(DEFAULT_TARGETS), {})}</div>'
        f'<p class="sp-tool__actions">{action_button("clear", "Clear what I typed here", kind="sp-button--danger")}</p>'
        '<h2 id="packet-preview-title">Your page</h2>'
        '<p class="sp-tool__actions"><button type="button" class="md-button md-button--primary" data-print>'
        "Print or save as PDF</button></p>"
        f'<div data-calc-region="packet">{packet_html(values, n, today)}</div>'
        '<h2 id="packet-scripts-title">What to say and write</h2>'
        f'<div data-calc-region="scripts">{scripts_html(values, n)}</div>'
    )


COMPONENT = Component(
    slug=SLUG,
    title="Meeting packet",
    keys=(KEY, impact_log.KEY, PROFILE_KEY),
    actions=dict.fromkeys(
        ("load", "update", "refresh", ABOUT, "clear", "undo-clear", "export-raw", "move-target"), act
    ),
    body=page,
)
