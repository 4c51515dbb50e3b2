"""The team: several colleagues' exported logs, merged in this browser into one anonymous group
summary, a printable group page and a co-signed letter. Nothing is uploaded or kept: the files are
read by the browser, summarised here and forgotten when the page closes.

A summary needs at least MIN_PEOPLE usable logs. The lowest and highest of a figure are shown only
from MIN_FOR_RANGE logs on: with three, the lowest, the median and the highest are simply the three
colleagues' own figures. Below it only the median is kept, rounded to a whole number, and the page
says why. Care delays are kept by week (the Monday it starts), never by date of service: a date and
a small unit can point to one patient, and dates are among HIPAA's identifiers. Within a week they
are in alphabetical order, so the order gives no day away, and no delay says whose log it came from.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from ..framework.component import Component
from ..framework.html import copy_block, escape, figure, heading, notice, status_line
from ..framework.numbers import day_text, format_number, input_text, plural, week_of
from ..framework.protocol import Reply, Request
from .impact_log import data as impact_log

SLUG = "team"
MIN_PEOPLE = 3
MIN_FOR_RANGE = 5
MAX_FILES = 40


def person(log: impact_log.Log) -> dict | None:
    """One colleague's before and after, or None when their log has no go-live or no days on one side."""
    summary = impact_log.summarise(log)
    before, after = summary["before"], summary["after"]
    if summary["go_live"] is None or not before or not after or not before["days"] or not after["days"]:
        return None
    per_week = summary["days_per_week"]

    def week(group):
        return group["workday_hours"] * per_week + group["after_hours_minutes"] * per_week / 60

    return {
        "extra_hours_per_week": week(after) - week(before),
        "after_hours_before": before["after_hours_minutes"] * per_week / 60,
        "after_hours_after": after["after_hours_minutes"] * per_week / 60,
        "minutes_per_patient_change": (
            after["minutes_per_patient"] - before["minutes_per_patient"]
            if after["minutes_per_patient"] is not None and before["minutes_per_patient"] is not None
            else None
        ),
        "delays": [(week_of(e["date"]), e["care_delay"]) for e in log.entries if e["care_delay"]],
        "disruptions_per_week": after["disruptions"] * per_week,
    }


def read_files(files: list[dict]) -> tuple[list[dict], list[str]]:
    """The picked files -> (each usable colleague's numbers, one line per file that could not be used).
    File names are not repeated back (they often carry a person's name)."""
    people, problems = [], []
    for number, given in enumerate(files[:MAX_FILES], start=1):
        text = given.get("text") if isinstance(given, dict) else None
        if not isinstance(text, str):
            problems.append(f"File {number} is larger than {impact_log.MAX_FILE_BYTES:,} bytes, so it was not read.")
            continue
        try:
            log = impact_log.from_csv(text)
        except impact_log.ImportProblems as failure:
            problems.append(f"File {number} is not a log exported from this site: {failure.problems[0]}")
            continue
        numbers = person(log)
        if numbers is None:
            problems.append(f"File {number} has no go-live date, or no days on one side of it, so it was left out.")
        else:
            people.append(numbers)
    return people, problems


def spread(values: list) -> tuple[Fraction, Fraction | None, Fraction | None]:
    """(median, lowest, highest) from MIN_FOR_RANGE values on; with fewer, (the median rounded to a
    whole number, None, None), since the lowest and highest would be two colleagues' own figures."""
    import statistics  # here: the team page's first answer, before any file is read, does not need it

    median = Fraction(statistics.median(values))
    if len(values) >= MIN_FOR_RANGE:
        return median, min(values), max(values)
    return Fraction(input_text(median, 0)), None, None


def group_summary(people: list[dict]) -> dict:
    """The group's numbers: medians (and ranges from MIN_FOR_RANGE logs), totals, care delays by week."""
    mpp = [p["minutes_per_patient_change"] for p in people if p["minutes_per_patient_change"] is not None]
    delays = sorted(d for p in people for d in p["delays"])
    return {
        "people": len(people),
        "ranges": len(people) >= MIN_FOR_RANGE,
        "extra_hours": spread([p["extra_hours_per_week"] for p in people]),
        "after_hours_change": spread([p["after_hours_after"] - p["after_hours_before"] for p in people]),
        "minutes_per_patient_change": spread(mpp) if mpp else None,
        "after_hours_total": sum(p["after_hours_after"] for p in people),
        "delays": delays,
    }


def _range_text(values, unit: str) -> str:
    median, low, high = values
    if low is None:
        return f"{format_number(median, 0)} {unit} (rounded)"
    return f"{format_number(median, 1)} {unit} (from {format_number(low, 1)} to {format_number(high, 1)})"


def _no_range_note(people: int) -> str:
    """Why a group of fewer than MIN_FOR_RANGE shows medians only."""
    return (
        f'<p class="sp-hint">No range is shown: that needs at least {MIN_FOR_RANGE} logs. With {people}, the '
        "lowest and highest would be two colleagues' own figures, and "
        + (
            "the median is the third one's, so it is rounded to a whole number."
            if people % 2
            else "the median sits halfway between two of them, so it is rounded to a whole number."
        )
        + "</p>"
    )


def summary_html(g: dict) -> str:
    kind = "median and range" if g["ranges"] else "median"
    rows = [
        ("Colleagues", figure("team-people", g["people"], str(g["people"]))),
        (
            f"Extra hours a week, each ({kind})",
            figure("team-extra-hours-median", g["extra_hours"][0], _range_text(g["extra_hours"], "hours")),
        ),
        (
            f"Change in after-hours charting a week ({kind})",
            figure(
                "team-after-hours-median",
                g["after_hours_change"][0],
                _range_text(g["after_hours_change"], "hours"),
            ),
        ),
        (
            "Charting after hours, the whole group, each week",
            figure(
                "team-after-hours-total", g["after_hours_total"], f"{format_number(g['after_hours_total'], 1)} hours"
            ),
        ),
        ("Care delays logged", figure("team-delays", len(g["delays"]), str(len(g["delays"])))),
    ]
    if g["minutes_per_patient_change"]:
        rows.insert(
            3,
            (
                f"Change in minutes per patient ({kind})",
                figure(
                    "team-minutes-median",
                    g["minutes_per_patient_change"][0],
                    _range_text(g["minutes_per_patient_change"], "minutes"),
                ),
            ),
        )
    items = "".join(f"<div><dt>{escape(label)}</dt><dd>{value}</dd></div>" for label, value in rows)
    weeks = {}
    for monday, text in g["delays"]:
        weeks.setdefault(monday, []).append(text)
    delays = "".join(
        f"<li>Week of {escape(day_text(monday))}: {len(texts)} {plural(len(texts), 'delay', 'delays')}"
        f"<ul>{''.join(f'<li>{escape(text)}</li>' for text in texts)}</ul></li>"
        for monday, texts in weeks.items()
    )
    events = (
        f"<h3>Care delayed by the technology, by week</h3><ol>{delays}</ol>"
        '<p class="sp-hint">By week, never by day: a date of service can point to one patient on a small unit. '
        "No delay says whose log it came from. File each one in the organization's safety-event system too, "
        "if it has not been.</p>"
        if delays
        else ""
    )
    return (
        '<article class="sp-packet" aria-labelledby="team-title">'
        f'<h2 id="team-title">Our group: {g["people"]} colleagues, before and after the change</h2>'
        f'<dl class="sp-figures">{items}</dl>{"" if g["ranges"] else _no_range_note(g["people"])}{events}'
        '<p class="sp-packet__foot">Each colleague kept their own log and exported it; the files were merged '
        "in one browser. No names are shown, and no figure is listed colleague by colleague.</p></article>"
    )


def letter(g: dict, names: str) -> str:
    # The same digits as the summary's figures: a median without a range is a whole number there.
    median = format_number(g["extra_hours"][0], 1 if g["extra_hours"][1] is not None else 0)
    after = format_number(g["after_hours_total"], 1)
    delays = len(g["delays"])
    signed = names.strip() or "\n".join("[name]" for _ in range(g["people"]))
    delay_line = (
        f" We also logged {delays} {plural(delays, 'time', 'times')} that the technology delayed a patient's care."
        if delays
        else ""
    )
    return (
        "Dear [name],\n\n"
        f"We are {g['people']} colleagues affected by [the change]. Each of us logged our own days before and "
        f"after it went live. Across the group, our weeks are a median of {median} hours longer, and together "
        f"we now chart about {after} hours a week outside our working hours.{delay_line}\n\n"
        "We would like to meet with you as a group to agree on changes to the build, the workload or the "
        "support, with a date to review them.\n\n"
        f"Sincerely,\n{signed}"
    )


def _page(today: dt.date) -> str:
    return (
        "<p>Each colleague exports their log as CSV from the "
        '<a href="../log/">impact log</a>. Pick all the files at once (hold Ctrl, or ⌘ on a Mac, to choose '
        "several), or drop them on the button. They are read in this browser and never uploaded.</p>"
        '<div class="sp-tool__actions"><span class="sp-file"><label for="team-files">Colleagues’ log files '
        f"(CSV, at least {MIN_PEOPLE})</label>"
        f'<input type="file" id="team-files" accept=".csv,text/csv" multiple data-calc-file="merge" '
        f'data-max-bytes="{impact_log.MAX_FILE_BYTES}" data-max-files="{MAX_FILES}"></span></div>'
        '<form class="sp-calc__form" data-calc-form="letter" data-calc-live="update" novalidate '
        'aria-label="Signatures"><div class="sp-field"><label class="sp-label" for="team-names">Names to sign '
        'the letter (optional)</label><div class="sp-hint" id="team-names-hint">Left blank, the letter has a '
        "blank line for each colleague to sign. Names are only ever typed here.</div>"
        '<input class="sp-input" id="team-names" name="names" type="text" autocomplete="off" '
        'aria-describedby="team-names-hint" maxlength="400"></div></form>'
        + status_line("The team page merges files in this browser, which needs JavaScript.")
        + '<div data-calc-region="notice"></div><div data-calc-region="packet"></div>'
        '<div data-calc-region="letter"></div>'
    )


def _merge(req: Request) -> Reply:
    files = req.files or ([req.file] if req.file else [])
    people, problems = read_files(files)
    problem_list = "".join(f"<li>{escape(p)}</li>" for p in problems)
    if len(people) < MIN_PEOPLE:
        body = (
            f"<p>A group summary needs at least {MIN_PEOPLE} colleagues’ logs: with fewer, anyone who knows "
            "their own figures could work out the other person's. "
            f"{len(people)} {plural(len(people), 'file was', 'files were')} usable.</p>"
            + (f"<ul>{problem_list}</ul>" if problem_list else "")
            + '<p>Until then, a group can still act together: see <a href="#fewer-logs">what to do with fewer '
            "logs</a>, below this tool.</p>"
        )
        reply = Reply(
            regions={"notice": notice(SLUG, "error", "Not enough logs yet", body), "packet": "", "letter": ""}
        )
        reply.focus = "team-notice-title"
        reply.announce = "Not enough logs yet for a group summary."
        return reply
    g = group_summary(people)
    names = (req.text("letter", "names") or "")[:400]
    left_out = f"<ul>{problem_list}</ul>" if problem_list else ""
    reply = Reply(
        regions={
            "notice": notice(
                SLUG,
                "done",
                f"Merged {g['people']} colleagues’ logs",
                left_out,
                '<button type="button" class="md-button md-button--primary" data-print>'
                "Print or save the group page</button>",
            ),
            "packet": summary_html(g),  # "packet": what the print style keeps
            "letter": heading("A letter to sign together")
            + copy_block("team-letter-text", "Co-signed letter", letter(g, names), "Copy letter"),
        }  # fmt: skip
    )
    reply.focus = "team-notice-title"
    reply.announce = f"Merged {g['people']} logs."
    return reply


def _update(req: Request) -> Reply:
    # The names changed: redraw the letter only if files have been merged.
    if not (req.files or req.file):
        return Reply()
    reply = _merge(req)
    reply.focus = ""
    return reply


COMPONENT = Component(
    slug=SLUG,
    title="Team summary",
    actions={"load": lambda req: Reply(announce="Pick your colleagues' exported logs."), "merge": _merge,
             "update": _update},
    body=_page,
    loading="Getting ready to merge logs. Nothing is uploaded.",
)  # fmt: skip
