"""The meeting packet: one printable page assembled from the reader's numbers, and the scripts around
the meeting (request email, opener, answers to pushback, follow-up email).

Numbers come from the impact log in this browser, or from links copied from the calculators; names,
targets and the ask are typed here. The form is kept in browser storage as typed (key "packet").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from fractions import Fraction
from urllib.parse import parse_qsl, quote, urlsplit

from ..framework import charts
from ..framework.about import ABOUT, about_form, keep_profile, reader, show_profile
from ..framework.component import Component
from ..framework.ehr_measures import MEASURES
from ..framework.html import action_button, copy_block, escape, figure, form_fields, notice, status_line
from ..framework.inputs import Choice, Date, InputError, InputErrors, Number, Text, parse_inputs
from ..framework.numbers import day_text, format_number, input_text, plural
from ..framework.profile import DEFAULT as DEFAULT_PROFILE
from ..framework.profile import KEY as PROFILE_KEY
from ..framework.profile import Profile, fill_words
from ..framework.protocol import Reply, Request, typed
from ..framework.storage import Unreadable, read_json
from .impact import COMPONENT as IMPACT
from .impact_log import data as impact_log
from .scripts import MEETING_MINUTES, pushback
from .trade_off import COMPONENT as TRADE_OFF
from .transition import COMPONENT as TRANSITION
from .vendor_report import COMPONENT as VENDOR

SLUG = "packet"
KEY = "packet"

# (key, label, as a sentence says it, who controls it: see the playbook's "Who controls what")
TARGETS = (
    ("fields", "Extra fields and checkboxes", "the extra fields and checkboxes added to every note",
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
     "your manager and chair or director"),
    ("other", "Something else (type it below)", "", "whoever owns it (see Who controls what)"),
)  # fmt: skip
TARGET_KEYS = tuple(target[0] for target in TARGETS)
DEFAULT_TARGETS = ("fields", "templates")

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
           "Provisional numbers are rough (rebuilt from your calendar, say), and the page says so.",
           (("measured", "Measured: my log or my own calculator entries"),
            ("provisional", "Provisional: rebuilt from my calendar, to be checked")), "measured"),
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
           "options are then worked out for that part.", None, 0, 168, optional=True, example="3"),
    Text("agreed", "What you agreed (for the follow-up email)", "Fill in after the meeting.", max_length=200,
         example="two fewer patients per session"),
)
# fmt: on

_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")


# --- Reading the numbers -------------------------------------------------------------------------------


def read_calculator_link(calc, link: str, field: str):
    """A pasted calculator link -> (values, results), or InputError on `field` saying why not."""
    text = link.strip()
    parts = urlsplit(text)
    if parts.path and f"/calculators/{calc.slug}/" not in parts.path + "/":
        raise InputError(field, f"This is not a link to the {calc.title.lower()}; copy the link from that page")
    fragment = parts.fragment if "#" in text else text
    pairs = parse_qsl(fragment, keep_blank_values=True)
    if not pairs:
        raise InputError(
            field,
            f"This link holds no numbers; in the {calc.title.lower()}, press "
            "“Copy link to these numbers” and paste the result",
        )
    raw, problems = calc.read_link([list(p) for p in pairs])
    if problems:
        raise InputError(field, problems[0])
    try:
        return calc.run(raw)
    except InputErrors as failure:
        raise InputError(field, f"This link's numbers cannot be used: {failure.errors[0].message}") from None


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


def gather(values: dict, stored_log: str | None, errors: dict[str, str], profile: Profile = DEFAULT_PROFILE) -> dict:
    """Every number the packet shows, from the links or the log. Link problems go into `errors`."""
    log, damage = impact_log.load(stored_log)
    summary = impact_log.summarise(log) if log.entries else None
    out = {
        "log": log,
        "summary": summary,
        "impact": None,
        "source": "",
        "trade": None,
        "trade_assumed": "",
        "plan": None,
    }
    if values.get("impact_link"):
        try:
            out["impact"] = read_calculator_link(IMPACT, values["impact_link"], "impact_link")
            out["source"] = "the before/after impact calculator"
        except InputError as error:
            errors[error.name] = error.message
    elif summary:
        raw, _ = impact_log.impact_inputs(summary)
        if raw is not None:
            out["impact"] = IMPACT.run(raw)
            out["source"] = (
                f"my log of {summary['before']['days']} {plural(summary['before']['days'], 'day', 'days')} "
                f"before and {summary['after']['days']} after go-live"
            )
    if values.get("trade_off_link"):
        try:
            out["trade"] = read_calculator_link(TRADE_OFF, values["trade_off_link"], "trade_off_link")
        except InputError as error:
            errors[error.name] = error.message
    elif out["impact"]:
        total = out["impact"][1]["extra_hours_per_week"]
        first = values.get("first_target_hours")
        if first is not None and total > 0 and first > total:
            errors["first_target_hours"] = (
                f"Hours a week your first target costs must be at most the added hours, {format_number(total, 1)}"
            )
            first = None
        if first is not None and 0 < first < total:
            out["split"] = (first, total)
        out["trade"] = trade_off_from_impact(*out["impact"], profile, first if out.get("split") else None)
        if out["trade"]:
            out["trade_assumed"] = (
                "Worked out from the added hours, spread over every patient of every shift (a rule of thumb, "
                "not a measurement)."
                if profile.shifts
                else "Worked out from the added hours, assuming two sessions a day and 20-minute "
                "visits (a rule of thumb, not a measurement)."
            )
    out["measures"] = None
    if values.get("vendor_link"):
        try:
            out["measures"] = read_calculator_link(VENDOR, values["vendor_link"], "vendor_link")
        except InputError as error:
            errors[error.name] = error.message
    if values.get("transition_link"):
        try:
            out["plan"] = read_calculator_link(TRANSITION, values["transition_link"], "transition_link")
            out["plan_from_link"] = True
        except InputError as error:
            errors[error.name] = error.message
    else:
        out["plan"] = TRANSITION.run(TRANSITION.defaults(profile=profile))
    return out


def trade_off_from_impact(v: dict, r: dict, profile: Profile = DEFAULT_PROFILE, hours=None):
    """The trade-off calculator run so that its added hours a week are the impact calculator's extra
    hours: a clinic day split into two sessions (a shift is one), the added time spread over every
    patient (or only `hours` of them: the first target's part). None when the week did not get longer."""
    extra = r["extra_hours_per_week"] if hours is None else hours
    if extra <= 0:
        return None
    split = 1 if profile.shifts else 2
    sessions = min(14, v["clinic_days_per_week"] * split)
    per_session = min(60, max(1, round(Fraction(v["patients_per_day_after"], split))))
    added = extra * 60 / (sessions * per_session)
    raw = {
        "added_minutes": input_text(added, 2),
        "patients_per_session": str(per_session),
        "affected_per_session": str(per_session),
        "sessions_per_week": str(sessions),
    }
    try:
        return TRADE_OFF.run(TRADE_OFF.completed(raw | {"role": profile.role, "setting": profile.setting}))
    except InputErrors:
        return None


# --- The page that gets printed ---------------------------------------------------------------------------


def target_text(values: dict, key: str) -> str:
    """A target as a sentence says it; the reader's own words for "something else"."""
    if key == "other":
        return values.get("other_target") or "another step I named"
    return next(text for k, _, text, _ in TARGETS if k == key)


# Who owns a target, in the reader's world (see who-controls.md): the informatics lead and the manager.
_OWNER_WORDS = {
    "physician": {"informatics": "CMIO", "manager": "your practice manager or chief"},
    "app": {"informatics": "CMIO", "manager": "your practice manager or APP lead"},
    "nurse": {"informatics": "CNIO or nursing informatics", "manager": "your nurse manager"},
}


def _owner(key: str, profile: Profile = DEFAULT_PROFILE) -> str:
    return fill_words(next(owner for k, _, _, owner in TARGETS if k == key), _OWNER_WORDS[profile.role])


def numbers_table(n: dict) -> str:
    if not n["impact"]:
        return (
            '<p class="sp-omitted">No numbers yet. Log a few days before and after go-live in the '
            '<a href="../log/">impact log</a>, or paste a link from the impact calculator.</p>'
        )
    v, r = n["impact"]
    rows = [
        ("Hours worked a week", "hours_per_week", r["hours_per_week_before"], r["hours_per_week_after"], 1),
        ("Charting after hours (hours a week)", "after_hours", v["after_hours_before"], v["after_hours_after"], 1),
        (
            "Minutes per patient",
            "minutes_per_patient",
            r["minutes_per_patient_before"],
            r["minutes_per_patient_after"],
            1,
        ),
        (
            n.get("profile", DEFAULT_PROFILE).fill("Patients a {day}"),
            "patients_per_day",
            v["patients_per_day_before"],
            v["patients_per_day_after"],
            0,
        ),
    ]
    if v["clicks_before"] is not None and v["clicks_after"] is not None:
        rows.append(("Clicks for one task", "clicks", v["clicks_before"], v["clicks_after"], 0))
    if v["disruptions_before"] is not None and v["disruptions_after"] is not None:
        rows.append(
            ("Technology disruptions a week", "disruptions", v["disruptions_before"], v["disruptions_after"], 1)
        )
    return before_after_table("Before and after", [(label, f"packet-{key}", b, a, p) for label, key, b, a, p in rows])


def before_after_table(caption: str, rows: list[tuple]) -> str:
    """The packet's tables: (label, figure key, before, after, decimal places) a row."""
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{figure(f"{key}-before", b, format_number(b, p), "span")}</td>'
        f"<td>{figure(f'{key}-after', a, format_number(a, p), 'span')}</td></tr>"
        for label, key, b, a, p in rows
    )
    return (
        f'<table class="sp-table sp-packet__table"><caption>{escape(caption)}</caption><thead><tr>'
        '<th scope="col">Measure</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def measures_table(n: dict) -> str:
    """The published per-8-hour measures: from the vendor report reader's link, or else from the
    log when it holds scheduled hours on both sides of go-live. Empty when neither has them."""
    if n.get("measures"):
        _, r = n["measures"]
        rows = [(m.name, f"packet-{m.key}8", r[f"{m.key}8_before"], r[f"{m.key}8_after"]) for m in MEASURES]
        caption = "Per 8 scheduled hours, from the EHR's usage report (hours)"
    elif n["summary"] and n["summary"]["before"] and n["summary"]["after"]:
        b, a = n["summary"]["before"], n["summary"]["after"]
        rows = [
            ("After-hours charting per 8 scheduled hours", "packet-outside8", b["outside8"], a["outside8"]),
            ("Inbox time per 8 scheduled hours", "packet-inbox8", b["inbox8"], a["inbox8"]),
        ]
        caption = "Per 8 scheduled hours, from my log (hours)"
    else:
        return ""
    rows = [row for row in rows if row[2] is not None and row[3] is not None]
    if not rows:
        return ""
    return before_after_table(caption, [(label, key, b, a, 2) for label, key, b, a in rows])


def numbers_chart(n: dict) -> str:
    summary = n["summary"]
    if summary and summary["weeks"] and not n["source"].startswith("the before/after"):
        bars = [
            (label, hours, f"{format_number(hours, 1)} h")
            for label, _, hours in impact_log.chart_weeks(summary["weeks"])
        ]
        return charts.bars(
            bars,
            "After-hours charting each week around go-live",
            charts.said(bars),
            "packet-weeks",
        )
    if n["impact"]:
        _, r = n["impact"]
        hb, ha = r["hours_per_week_before"], r["hours_per_week_after"]
        return charts.bars(
            [("Before", hb, f"{format_number(hb, 1)} h"), ("After", ha, f"{format_number(ha, 1)} h")],
            "Hours worked a week, before and after",
            f"Before: {format_number(hb, 1)} hours. After: {format_number(ha, 1)} hours.",
            "packet-hours",
        )
    return ""


def chart_with_caption(n: dict) -> str:
    """The chart, with what it measures and its unit said above it (printed, not only for screen readers)."""
    chart = numbers_chart(n)
    if not chart:
        return ""
    summary = n["summary"]
    weekly = summary and summary["weeks"] and not n["source"].startswith("the before/after")
    caption = (
        "After-hours charting, in hours a week, for each week around go-live"
        if weekly
        else "Hours worked a week, before and after the change"
    )
    return f'<p class="sp-packet__caption"><strong>{caption}</strong></p>{chart}'


def trade_options(n: dict, main_target: str | None) -> str:
    if not n["trade"]:
        return (
            '<p class="sp-omitted">Paste a link from the trade-off calculator to show the options '
            "for your first target.</p>"
        )
    v, r = n["trade"]
    words = n.get("profile", DEFAULT_PROFILE).fill
    drop = r["patients_to_drop_per_session"]
    blocks = r["admin_blocks_per_week"]
    # No patient comes off when the change costs less than one (the trade-off says so itself).
    fewer = [words(f"{format_number(drop)} fewer {plural(drop, 'patient', 'patients')} per {{block}}")] if drop else []
    items = fewer + [
        words(f"{{blocks}} {format_number(r['extend_minutes_per_session'], 0)} minutes longer, as paid time"),
        f"{format_number(blocks)} protected charting {plural(blocks, 'block', 'blocks')} a week",
        f"move {format_number(r['delegated_hours_per_week'], 1)} hours a week to support staff"
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


def went_live(n: dict, today: dt.date) -> dt.date | None:
    """The go-live date, when it is today or past: from the log, else from a pasted planner link."""
    summary = n.get("summary")
    live = summary["go_live"] if summary else None
    if live is None and n.get("plan_from_link"):
        live = n["plan"][0]["go_live"]
    return live if live is not None and live <= today else None


def pace_section(values: dict, n: dict, today: dt.date) -> str:
    """What the packet proposes for the pace. A change already live gets no phase before go-live:
    the rest of a transition period, or a pause of the worst parts (the reader chooses)."""
    live = went_live(n, today)
    kind = values.get("pace") or "phased"
    if kind == "phased" and live is None:
        return f"<section><h3>A phased plan</h3>{plan_list(n)}</section>"
    start = values.get("meeting_date") or today
    weeks = int(values.get("trial_weeks") or 4)
    end = start + dt.timedelta(weeks=weeks)
    reviews = [start + dt.timedelta(weeks=w) for w in range(2, weeks + 1, 2)] or [end]
    note = (
        f'<p class="sp-packet__note">Live since {escape(day_text(live))}: no phase before go-live.</p>'
        if live is not None and kind == "phased"
        else ""
    )
    first = values.get("targets") or []
    worst = target_text(values, first[0]) if first else "the steps that cost the most time"
    if kind == "pause":
        title = "A pause of the worst parts"
        items = [f"Pause or roll back {worst} from {day_text(start)}", f"Bring it back once it is fixed, "
                 f"reviewed on {day_text(end)}"]  # fmt: skip
    else:
        title = "The rest of the transition"
        items = [f"A lighter load from {day_text(start)} to {day_text(end)}"]
    items.append("Reviews on " + ", ".join(day_text(d) for d in reviews))
    return (
        f"<section><h3>{escape(title)}</h3>{note}<ul>{''.join(f'<li>{escape(i)}</li>' for i in items)}</ul></section>"
    )


def plan_list(n: dict) -> str:
    v, r = n["plan"]
    items = [f"{label}: {day_text(a)} to {day_text(b)}" for label, a, b in r["spans"]]
    items.append(f"Full adoption: {day_text(r['full_adoption'])}")
    reviews = (
        f"Reviews every {format_number(v['review_every_weeks'])} {plural(v['review_every_weeks'], 'week', 'weeks')}"
        + (f", the first on {day_text(r['first_review'])}." if r["first_review"] else ".")
    )
    return f"<ul>{''.join(f'<li>{escape(i)}</li>' for i in items)}</ul><p>{escape(reviews)}</p>"


def asks(values: dict, n: dict) -> list[tuple[str, str]]:
    targets = values.get("targets") or []
    names = ", ".join(target_text(values, t) for t in targets) or "the steps that cost the most time"
    words = n.get("profile", DEFAULT_PROFILE).fill
    workload = "a lighter load while the build is fixed"
    if n["trade"]:
        drop = n["trade"][1]["patients_to_drop_per_session"]
        if drop:
            workload = words(
                f"{format_number(drop)} fewer {plural(drop, 'patient', 'patients')} per {{block}} while the build "
                "is fixed"
            )
    plan_v = n["plan"][0]
    if plan_v["reduction_per_session"] and plan_v["reduction_weeks"]:
        workload = words(
            f"{format_number(plan_v['reduction_per_session'])} fewer "
            f"{plural(plan_v['reduction_per_session'], 'patient', 'patients')} per {{block}} for "
            f"{format_number(plan_v['reduction_weeks'])} weeks"
        )
    return [
        ("Change the build", f"remove, simplify or make optional {names}."),
        ("Adjust the workload", f"{workload}."),
        ("Add support", words("at-the-elbow help, and moving work that needs no {license} to support staff.")),
    ]


MAX_DELAYS_SHOWN = 2  # the packet stays one page; the rest are counted


def care_delays(n: dict) -> str:
    """The care delays the reader logged, counted and the first few quoted (the reader wrote them
    without identifiers; the log asks for that)."""
    log = n.get("log")
    delays = [(e["date"], e["care_delay"]) for e in log.entries if e["care_delay"]] if log else []
    if not delays:
        return ""
    shown = "".join(
        f"<li>{escape(day_text(date))}: {escape(_clip(text, 60))}</li>" for date, text in delays[:MAX_DELAYS_SHOWN]
    )
    more = len(delays) - MAX_DELAYS_SHOWN
    rest = f"<li>and {more} more in my log</li>" if more > 0 else ""
    count = len(delays)
    return (
        f"<h3>Care delayed by the technology: "
        f"{figure('packet-care-delays', count, str(count), 'span')} {plural(count, 'time', 'times')}</h3>"
        f"<ul>{shown}{rest}</ul>"
    )


def _clip(text: str, limit: int) -> str:
    """Text cut to `limit` characters, with a visible mark, so that the printed page stays one page."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def packet_html(values: dict, n: dict, today: dt.date) -> str:
    profile = n.get("profile", DEFAULT_PROFILE)
    name = _clip(values.get("your_name") or "Your name", 60)
    role = _clip(values.get("your_role") or "", 60)
    who = _clip(", ".join(x for x in (values.get("recipient"), values.get("recipient_role")) if x), 100)
    when = day_text(values["meeting_date"]) if values.get("meeting_date") else ""
    targets = values.get("targets") or []
    target_items = (
        "".join(
            f"<li>{escape(target_text(values, t)[0].upper() + target_text(values, t)[1:])} "
            f'<span class="sp-packet__owner">(for {escape(_owner(t, profile))})</span></li>'
            for t in targets
        )
        or '<li class="sp-omitted">Pick two or three targets.</li>'
    )
    ask_items = "".join(f"<li><strong>{escape(k)}:</strong> {escape(t)}</li>" for k, t in asks(values, n))
    meta = " · ".join(
        escape(x) for x in (f"{name}{', ' + role if role else ''}", f"For {who}" if who else "", when) if x
    )
    source = f"Numbers from {escape(n['source'])}." if n["source"] else ""
    provisional = (
        '<p class="sp-packet__provisional"><strong>Provisional numbers:</strong> rebuilt from my calendar '
        "and sign-out times, to be checked against my log and the EHR's usage report.</p>"
        if values.get("numbers_are") == "provisional"
        else ""
    )
    return (
        '<article class="sp-packet" aria-labelledby="packet-title">'
        f'<header class="sp-packet__head"><h2 id="packet-title">The effect of {escape(_clip(values.get("change") or "the change", 80))} on my work</h2>'
        f'<p class="sp-packet__meta">{meta}</p>{provisional}</header>'
        '<div class="sp-packet__grid">'
        f'<section><h3>The numbers</h3>{numbers_table(n)}{measures_table(n)}{chart_with_caption(n)}<p class="sp-packet__note">{source}</p>'
        "</section>"
        f"<section><h3>What I would like to change</h3><ol>{target_items}</ol>"
        f"<h3>What it costs, and the options</h3>{trade_options(n, target_text(values, targets[0]) if targets else None)}"
        f"{care_delays(n)}</section>"
        f"{pace_section(values, n, today)}"
        f"<section><h3>The ask: three knobs</h3><ul>{ask_items}</ul>"
        "<p>I would like us to choose the mix that fits, try it for "
        f"{escape(format_number(values.get('trial_weeks') or 4))} weeks, and review the numbers together.</p></section>"
        "</div>"
        f'<footer class="sp-packet__foot">Prepared {escape(day_text(today))} with Scope &amp; Pace. Every number here comes '
        "from my own records or the calculators, not from a study.</footer>"
        "</article>"
    )


# The pushbacks the packet answers, from the one library (components/scripts.py), in this order.
PACKET_PUSHBACKS = ("be-patient", "build-cannot-change", "no-budget", "everyone-else", "more-training")

# --- The scripts ---------------------------------------------------------------------------------


def scripts(values: dict, n: dict) -> list[tuple[str, str, str, str]]:
    """(id, title, subject or "", text) for each script, filled in from the packet."""
    me = values.get("your_name") or "[your name]"
    them = values.get("recipient") or "[their name]"
    change = values.get("change") or "the change"
    targets = [target_text(values, t) for t in values.get("targets") or []]
    trial = format_number(values.get("trial_weeks") or 4)
    extra = ""
    if n["impact"]:
        _, r = n["impact"]
        extra = (
            f" My own numbers show my week going from {format_number(r['hours_per_week_before'], 1)} to "
            f"{format_number(r['hours_per_week_after'], 1)} hours, and each patient taking "
            f"{format_number(r['minutes_per_patient_after'], 1)} minutes of my time instead of "
            f"{format_number(r['minutes_per_patient_before'], 1)}."
        )
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
        drop = n["trade"][1]["patients_to_drop_per_session"]
        fewer = f"{format_number(drop)} fewer {plural(drop, 'patient', 'patients')} a {{block}}, " if drop else ""
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


def _stored(req: Request) -> tuple[dict | None, str]:
    """The packet's fields as stored (None when nothing is), and why they could not be read, if not."""
    if not req.stored.get(KEY):
        return None, ""
    try:
        data = read_json(req.stored[KEY])
        if not (isinstance(data, dict) and data.get("schema") == 1 and isinstance(data.get("fields"), dict)):
            raise Unreadable("it is not a packet this page knows")
        fields = {
            str(k): (v if isinstance(v, str) else [x for x in v if isinstance(x, str)])
            for k, v in data["fields"].items()
            if isinstance(v, (str, list))
        }
        fields.setdefault("targets", [])
        return fields, ""
    except Exception as error:  # noqa: BLE001 - the load boundary: damaged storage must not stop the page
        return None, str(error) if isinstance(error, Unreadable) else "it could not be read"


def _state(req: Request) -> tuple[dict, str]:
    """The packet's fields, and why the stored packet could not be read, if it could not. On
    loading the page: as stored (else the defaults the page was built with). Afterwards: merged by
    field, so that another tab's edits survive: what this tab typed since its last request, over
    what is stored."""
    stored, damaged = _stored(req)
    if req.action == "load":
        return stored or {}, damaged
    typed = req.form("packet")
    edited = req.edited.get("packet")
    if stored is None or edited is None:
        return typed, ""
    merged = dict(stored)
    for name in edited:
        merged[name] = typed.get(name, [] if name == "targets" else "")
    return merged, ""


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
    changed the log) and "clear" (forget what was typed here)."""
    if req.action == "clear":
        reply = act(dataclasses.replace(req, action="load", forms={}, stored={**req.stored, KEY: None}))
        reply.store = {KEY: None}
        previous = req.stored.get(KEY)
        undo = action_button("undo-clear", "Undo", previous) if previous and _stored(req)[0] is not None else ""
        reply.regions["notice"] = notice(
            SLUG, "done", "Cleared what you typed on this page", "<p>Your log is untouched.</p>", undo
        )
        reply.focus = "packet-notice-title"
        reply.announce = "Cleared what you typed on this page. Your log is untouched."
        return reply
    if req.action == "undo-clear":  # the cleared packet comes back, if the button's copy still reads
        restored = dataclasses.replace(req, action="load", forms={}, stored={**req.stored, KEY: req.arg})
        if _stored(restored)[0] is None:
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
    fields, damaged = _state(req)
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
