"""What the packet says in words: the targets and who controls each, the options and the asks,
and the scripts around the meeting (request email, opener, answers to pushback, follow-up email)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from ...framework.html import copy_block, escape, figure
from ...framework.numbers import counted, day_text, direction, format_number, plural
from ...framework.profile import DEFAULT as DEFAULT_PROFILE
from ...framework.profile import Profile, fill_words
from ..scripts import MEETING_MINUTES, pushback

# (key, label, as a sentence says it, who controls it: see the playbook's "Who controls what")
TARGETS = (
    ("fields", "Extra fields and checkboxes", "the extra fields and checkboxes added to every {record}",
     "the {informatics}"),
    ("templates", "Required templates and smart phrases", "the required templates and smart phrases",
     "the {informatics}"),
    ("alerts", "Alerts that fire too often", "the alerts that fire too often or for the wrong patients",
     "the {informatics}, then the build team"),
    ("new-work", "Work moved onto me (such as portal messages)", "the work moved onto me, such as portal messages",
     "{manager}"),
    ("devices", "New devices and badge taps", "the new devices and badge taps that add steps",
     "your manager, with informatics"),
    ("training", "Training on my own time", "training expected on my own time",
     "{trainer}"),
    # Mostly a unit's: nurses scan every dose and answer the alarms.
    ("scanning", "Barcode scanning steps", "the added barcode scanning steps for medications and specimens",
     "the {informatics}, with pharmacy"),
    ("alarms", "Device alarms that sound too often", "the device alarms that sound too often to act on",
     "{manager}, with clinical engineering"),
    ("other", "Something else (type it below)", "", "whoever owns it (see Who controls what)"),
)  # fmt: skip
TARGET_KEYS = tuple(target[0] for target in TARGETS)
DEFAULT_TARGETS = ("fields", "templates")


def target_text(values: dict, key: str, profile: Profile = DEFAULT_PROFILE) -> str:
    """A target as a sentence says it, in the reader's role ("every note", "every flowsheet"); the
    reader's own words for "something else"."""
    if key == "other":
        return values.get("other_target") or "another step I named"
    return fill_words(next(text for k, _, text, _ in TARGETS if k == key), _OWNER_WORDS[profile.role])


# Who owns a target, in the reader's world (see who-controls.md): the informatics lead and the manager.
_OWNER_WORDS = {
    "physician": {"informatics": "CMIO", "manager": "your practice manager or chief", "record": "note",
                  "trainer": "your practice manager and chair or director"},
    "app": {"informatics": "CMIO", "manager": "your practice manager or APP lead", "record": "note",
            "trainer": "your APP lead, with the practice manager"},
    # Hourly staff: required training is paid time (FLSA, 29 CFR 785.27 to 785.32).
    "nurse": {"informatics": "CNIO or nursing informatics", "manager": "your nurse manager", "record": "flowsheet",
              "trainer": "your nurse manager and the clinical nurse educator; for hourly staff it is paid time"},
}  # fmt: skip


def owner_of(key: str, profile: Profile = DEFAULT_PROFILE) -> str:
    return fill_words(next(owner for k, _, _, owner in TARGETS if k == key), _OWNER_WORDS[profile.role])


def fewer_patients(n: dict) -> str:
    """The trade-off's "2 fewer patients per session", or "" when no whole patient comes off or when
    every one would (the trade-off says so itself: that is no option)."""
    if not n["trade"]:
        return ""
    v, r = n["trade"]
    drop = r["patients_to_drop_per_session"]
    if not 0 < drop < v["patients_per_session"]:
        return ""
    return n.get("profile", DEFAULT_PROFILE).fill(f"{counted(drop, 'fewer patients', 0)} per {{block}}")


def trade_options(n: dict, main_target: str | None) -> str:
    if not n["trade"]:
        return (
            '<p class="sp-omitted">Paste a link from the trade-off calculator to show the options '
            "for your first target.</p>"
        )
    v, r = n["trade"]
    words = n.get("profile", DEFAULT_PROFILE).fill
    blocks = r["admin_blocks_per_week"]
    items = [fewer_patients(n)] if fewer_patients(n) else []
    items += [
        words(f"{{blocks}} {counted(r['extend_minutes_per_session'], 'minutes', 0)} longer, as paid time"),
        f"{counted(blocks, 'protected charting blocks', 0)} a week",
        f"move {counted(r['delegated_hours_per_week'], 'hours', 1)} a week to support staff"
        if v["delegable_percent"]
        else words("move the parts that need no {license} to support staff"),
    ]
    what = f"If {main_target} stay" if main_target else "If the added work stays"
    note = f'<p class="sp-packet__note">{escape(n["trade_assumed"])}</p>' if n["trade_assumed"] else ""
    if n.get("split"):
        first, total = n["split"]
        note = (
            f'<p class="sp-packet__note">Of the {escape(format_number(total, 1))} added hours a week, '
            f"{escape(format_number(first, 1))} come from the first target and "
            f"{escape(format_number(total - first, 1))} from the others; these options cover the first.</p>" + note
        )
    return (
        f"<p>{escape(what)}, it costs {figure('packet-added-hours', r['added_hours_per_week'], format_number(r['added_hours_per_week'], 1), 'span')} "
        f"hours a week. Any one of these covers it:</p><ul>{''.join(f'<li>{escape(i)}</li>' for i in items)}</ul>{note}"
    )


def asks(values: dict, n: dict) -> list[tuple[str, str]]:
    targets = values.get("targets") or []
    names = (
        ", ".join(target_text(values, t, n.get("profile", DEFAULT_PROFILE)) for t in targets)
        or "the steps that cost the most time"
    )
    words = n.get("profile", DEFAULT_PROFILE).fill
    workload = "a lighter load while the build is fixed"
    if fewer_patients(n):
        workload = f"{fewer_patients(n)} while the build is fixed"
    plan_v = n["plan"][0]
    if plan_v["reduction_per_session"] and plan_v["reduction_weeks"]:
        workload = words(
            f"{counted(plan_v['reduction_per_session'], 'fewer patients', 0)} per {{block}} for "
            f"{counted(plan_v['reduction_weeks'], 'weeks', 0)}"
        )
    return [
        ("Change the build", f"remove, simplify or make optional {names}."),
        ("Adjust the workload", f"{workload}."),
        ("Add support", words("at-the-elbow help, and moving work that needs no {license} to support staff.")),
    ]


# The pushbacks the packet answers, from the one library (components/scripts.py), in this order.
PACKET_PUSHBACKS = ("be-patient", "build-cannot-change", "no-budget", "everyone-else", "more-training")

# --- The scripts ---------------------------------------------------------------------------------


def scripts(values: dict, n: dict) -> list[tuple[str, str, str, str]]:
    """(id, title, subject or "", text) for each script, filled in from the packet."""
    me = values.get("your_name") or "[your name]"
    them = values.get("recipient") or "[their name]"
    change = values.get("change") or "the change"
    targets = [target_text(values, t, n.get("profile", DEFAULT_PROFILE)) for t in values.get("targets") or []]
    trial = format_number(values.get("trial_weeks") or 4)
    extra = ""
    if n["impact"]:
        _, r = n["impact"]
        hours_before, hours_after = r["hours_per_week_before"], r["hours_per_week_after"]
        minutes_before, minutes_after = r["minutes_per_patient_before"], r["minutes_per_patient_after"]
        week = (
            f"my week going from {format_number(hours_before, 1)} to {counted(hours_after, 'hours', 1)}"
            if direction(hours_before, hours_after, 1)
            else f"my week still at {counted(hours_after, 'hours', 1)}"
        )
        patient = (
            f"each patient taking {counted(minutes_after, 'minutes', 1)} of my time instead of "
            f"{format_number(minutes_before, 1)}"
            if direction(minutes_before, minutes_after, 1)
            else f"each patient still taking {counted(minutes_after, 'minutes', 1)} of my time"
        )
        extra = f" My own numbers show {week}, and {patient}."
    meeting = day_text(values["meeting_date"]) if values.get("meeting_date") else "[meeting date]"
    review = (
        day_text(values["meeting_date"] + dt.timedelta(weeks=int(values.get("trial_weeks") or 4)))
        if values.get("meeting_date")
        else "[review date]"
    )
    agreed = values.get("agreed") or "[what we agreed]"
    profile = n.get("profile", DEFAULT_PROFILE)
    logged = len(n["log"].entries) if n.get("log") else 0
    # Say what was logged, not a standard "two weeks".
    kept = (
        f"I kept a record of {logged} {plural(logged, profile.words['day'], profile.words['days'])}"
        if logged and not values.get("impact_link")
        else "I have put numbers on it"
    )
    options = ""
    if n["trade"]:
        fewer = f"{fewer_patients(n)}, " if fewer_patients(n) else ""
        options = profile.fill(
            f" Covering it means one of: {fewer}a longer paid {{block}}, protected charting time, or moving work "
            "to support staff."
        )
    answers = "\n\n".join(
        f"“{hear}”\n{answer}{options if script_id == 'build-cannot-change' else ''}"
        for script_id in PACKET_PUSHBACKS
        for hear, answer in [pushback(script_id, profile)]
    )
    return [
        (
            "packet-request",
            "Asking for the meeting",
            f"{MEETING_MINUTES} minutes about {change} and my workload",
            f"Dear {them},\n\nCould we find {MEETING_MINUTES} minutes in the next two weeks to talk about {change}? I have "
            f"kept a short record of how it has changed my days.{extra} I would like to show you the numbers and "
            f"agree a few practical changes.\n\nThank you,\n{me}",
        ),
        (
            "packet-opener",
            "Opening the meeting",
            "",
            f"Thank you for the time. I am not here to undo {change}. {kept} because I want "
            f"it to work and, as it stands, it costs me time I cannot keep finding.{extra} I have picked "
            f"{len(targets) or 'two'} things that could move, and for each one there are options.",
        ),
        (
            "packet-pushback",
            "When you hear the usual answers",
            "",
            answers,
        ),
        (
            "packet-follow-up",
            "After the meeting",
            f"What we agreed on {meeting}",
            f"Dear {them},\n\nThank you for meeting on {meeting}. To confirm what we agreed: we will trial "
            f"{agreed} for {trial} weeks, then review the numbers together on {review}. I will keep logging "
            f"so that we can compare like with like.\n\nBest wishes,\n{me}",
        ),
    ]


def scripts_html(values: dict, n: dict) -> str:
    blocks = []
    for block_id, title, subject, text in scripts(values, n):
        extra = ""
        if subject:
            to = values.get("recipient_email") or ""
            href = f"mailto:{quote(to, safe='@')}?subject={quote(subject, safe='')}&body={quote(text, safe='')}"
            extra = (
                f' <a class="md-button" href="{escape(href)}">Open in your email app</a>'
                f'<p class="sp-hint">Subject: {escape(subject)}</p>'
            )
        blocks.append(copy_block(block_id, title, text, "Copy", extra))
    return "".join(blocks)
