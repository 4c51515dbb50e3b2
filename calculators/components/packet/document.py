"""The printed page: one page assembled from the packet's numbers and words."""

from __future__ import annotations

import datetime as dt

from ...framework import charts
from ...framework.ehr_measures import MEASURES
from ...framework.html import escape, figure
from ...framework.numbers import day_text, format_number, plural, week_of
from ...framework.profile import DEFAULT as DEFAULT_PROFILE
from ..impact_log import data as impact_log
from .words import asks, owner_of, target_text, trade_options


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
            1,  # as the log shows it: 27.5, not 28 beside it
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
    worst = (
        target_text(values, first[0], n.get("profile", DEFAULT_PROFILE))
        if first
        else "the steps that cost the most time"
    )
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


MAX_DELAYS_SHOWN = 2  # the packet stays one page; the rest are counted


def care_delays(n: dict) -> str:
    """The care delays the reader logged, counted and the first few quoted, each by the week it fell in
    (the packet is shared: a date of service can point to a patient; the log asks for no identifiers)."""
    log = n.get("log")
    delays = [(e["date"], e["care_delay"]) for e in log.entries if e["care_delay"]] if log else []
    if not delays:
        return ""
    shown = "".join(
        f"<li>Week of {escape(day_text(week_of(date)))}: {escape(_clip(text, 60))}</li>"
        for date, text in delays[:MAX_DELAYS_SHOWN]
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
            f"<li>{escape(target_text(values, t, profile)[0].upper() + target_text(values, t, profile)[1:])} "
            f'<span class="sp-packet__owner">(for {escape(owner_of(t, profile))})</span></li>'
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
        '<p class="sp-packet__provisional"><strong>Provisional numbers:</strong> rebuilt from '
        + (
            "my timeclock punches and assignment sheets"
            if profile.role == "nurse"
            else "my calendar and sign-out times"
        )
        + ", to be checked against my log and the EHR's usage report.</p>"
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
        f"<h3>What it costs, and the options</h3>{trade_options(n, target_text(values, targets[0], profile) if targets else None)}"
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
