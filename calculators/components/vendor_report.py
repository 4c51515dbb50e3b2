"""Read your vendor's report: the totals from the EHR usage report informatics gives (before and after
a change) turned into the published per-8-hour measures, placed beside cited figures, with what the
report's definitions may hide. The measures and the figures are defined once, in
framework/ehr_measures.py."""

from __future__ import annotations

from fractions import Fraction

from ..framework import charts, limits
from ..framework.calculator import Calculator, Example
from ..framework.ehr_measures import (
    DEFINITION_LIMITS,
    MEASURE,
    MEASURES,
    NURSE_MEASURES,
    PUBLISHED,
    per_8_hours,
)
from ..framework.html import chart_with_table, cite, escape, figure, heading, sentence
from ..framework.inputs import InputError, Number
from ..framework.numbers import apart, counted, format_change, format_number, percent_change, plural

SLUG = "vendor-report"
SIDES = ("before", "after")
# The report's totals, each for the whole period it covers: (name, label, hint, default before, after).
TOTALS = (
    ("ehr_hours", "Total EHR hours", "All active time in the EHR the report counts.", "80", "100"),
    ("outside_hours", "EHR hours outside scheduled time",
     "Time outside patient hours: evenings, early mornings, days off. Some reports call it “pajama time” or "
     "“time outside scheduled hours”.", "20", "32"),
    ("documentation_hours", "Documentation hours", "Time in notes and flowsheets.", "30", "42"),
    ("inbox_hours", "Inbox hours", "Time in the in-basket or message center.", "14", "16"),
)  # fmt: skip
PERIOD_DAYS_NOTE = 20  # a period with fewer clinical days than this is flagged as short (a rule of thumb)
SCHEDULE_SHIFT = Fraction(1, 10)  # scheduled hours a day moving more than this share is flagged


def _inputs() -> tuple:
    made = []
    for side in SIDES:
        when = "before the change" if side == "before" else "since the change"
        made.append(Number(f"days_{side}", f"{{Days}} in the report, {when}", "{days}",
                           "{Days} you worked with patients in the period the report covers.", "20", 1, 366,
                           whole=True))  # fmt: skip
        made.append(Number(f"scheduled_hours_{side}", f"Scheduled patient hours, {when}", "hours",
                           "Hours booked for patients in the period: the report's “scheduled time”.",
                           "120", 0, limits.HOURS_IN_A_LONG_YEAR))  # fmt: skip
        for name, label, hint, before, after in TOTALS:
            made.append(Number(f"{name}_{side}", f"{label}, {when}", "hours", hint,
                               before if side == "before" else after, 0, limits.HOURS_IN_A_LONG_YEAR,
                               optional=name != "ehr_hours", example=before))  # fmt: skip
        made.append(Number(f"patients_{side}", f"Patients cared for, {when}", "patients",
                           "Optional: visits or patients in the period, for minutes in the EHR per patient.",
                           None, 0, 100_000, whole=True, optional=True, example="300"))  # fmt: skip
    return tuple(made)


INPUTS = _inputs()
VARIANTS = {
    f"scheduled_hours_{side}": {"nurse": {"label": f"Scheduled shift hours, {when}",
                                          "hint": "The hours of the shifts you worked in the period."}}
    for side, when in (("before", "before the change"), ("after", "since the change"))
}  # fmt: skip


def check(v: dict) -> list:
    """Rules across the totals, and the limits of a day (framework/limits.py): no more than 24 hours a
    day of schedule or of EHR time, no more EHR time inside the schedule than the schedule has."""
    errors, doubts = [], []
    for side in SIDES:
        days, scheduled = v[f"days_{side}"], v[f"scheduled_hours_{side}"]
        in_days = f"{days} {plural(days, 'day', 'days')}"
        whole = days * limits.HOURS_IN_A_DAY
        if scheduled == 0:
            errors.append(
                InputError(
                    f"scheduled_hours_{side}",
                    "Scheduled patient hours must be more than 0: the per-8-hour measures divide by them",
                )
            )
        elif scheduled > whole:
            errors.append(
                InputError(
                    f"scheduled_hours_{side}",
                    f"Scheduled patient hours cannot be more than {limits.HOURS_IN_A_DAY} a day: at most "
                    f"{whole} in {in_days}",
                )
            )
        else:
            doubts += limits.day(
                f"scheduled_hours_{side}",
                scheduled / days,
                f"Scheduled patient hours ({format_number(scheduled)} in {in_days}) make an average day of",
            )
        ehr = v[f"ehr_hours_{side}"]
        if ehr > whole:
            errors.append(InputError(f"ehr_hours_{side}", f"Total EHR hours cannot be more than {whole} in "
                                     f"{in_days}"))  # fmt: skip
        for name in ("outside_hours", "documentation_hours", "inbox_hours"):
            part = v[f"{name}_{side}"]
            if part is not None and part > ehr:
                errors.append(InputError(f"{name}_{side}", "This is part of the total EHR hours, so cannot be more"))
        notes, inbox = v[f"documentation_hours_{side}"], v[f"inbox_hours_{side}"]
        if notes is not None and inbox is not None and notes <= ehr and inbox <= ehr and notes + inbox > ehr:
            errors.append(InputError(f"inbox_hours_{side}", "Documentation and inbox hours together cannot be "
                                     "more than the total EHR hours"))  # fmt: skip
        outside = v[f"outside_hours_{side}"]
        if outside is not None and outside <= ehr and scheduled:
            # Time in the EHR inside the schedule is part of the schedule.
            errors += limits.at_most(
                f"ehr_hours_{side}",
                ehr - outside,
                scheduled,
                "Total EHR hours less the hours outside scheduled time leave, inside the schedule,",
                f"the {format_number(scheduled)} scheduled {plural(scheduled, 'hour', 'hours')}",
            )
        elif outside is None and scheduled:
            doubts += limits.rarely_over(
                f"ehr_hours_{side}",
                ehr,
                scheduled,
                "Total EHR hours, with none entered outside scheduled time, come to",
                f"the {format_number(scheduled)} scheduled {plural(scheduled, 'hour', 'hours')}",
            )
        if notes is not None and notes <= ehr and scheduled:
            doubts += limits.rarely_over(
                f"documentation_hours_{side}",
                notes,
                scheduled,
                "Documentation hours come to",
                f"the {format_number(scheduled)} scheduled {plural(scheduled, 'hour', 'hours')}, so notes alone would take more than the whole "
                "schedule",
            )
    return errors or doubts


def calculate(v: dict) -> dict:
    r: dict = {}
    for side in SIDES:
        scheduled = v[f"scheduled_hours_{side}"]
        for m in MEASURES:
            total = v[f"{m.key}_hours_{side}"]
            r[f"{m.key}8_{side}"] = None if total is None else per_8_hours(total, scheduled)
        r[f"scheduled_per_day_{side}"] = scheduled / v[f"days_{side}"]
        patients = v[f"patients_{side}"]
        r[f"ehr_minutes_per_patient_{side}"] = v[f"ehr_hours_{side}"] * 60 / patients if patients else None
        notes = v[f"documentation_hours_{side}"]
        r[f"documentation_share_{side}"] = None if notes is None else notes / scheduled * 100
    for m in MEASURES:
        b, a = r[f"{m.key}8_before"], r[f"{m.key}8_after"]
        r[f"{m.key}8_change"] = None if b is None or a is None else a - b
    return r


def flags(v: dict, r: dict) -> list[str]:
    """What the numbers as entered may hide, in the reader's words; the standing questions come after."""
    f = v["profile"].fill
    found = []
    b, a = r["scheduled_per_day_before"], r["scheduled_per_day_after"]
    if abs(a - b) > b * SCHEDULE_SHIFT:
        found.append(f(
            f"Scheduled patient hours a {{day}} moved from {' to '.join(apart(b, a, 1))}. The "
            "per-8-hour measures divide by scheduled time, so a change of schedule moves them even when the work "
            "did not: say which changed."))  # fmt: skip
    short = [side for side in SIDES if v[f"days_{side}"] < PERIOD_DAYS_NOTE]
    if short:
        found.append(f(
            f"The period {' and the period '.join('before' if s == 'before' else 'since the change' for s in short)} "
            f"{'covers' if len(short) == 1 else 'cover'} fewer than {PERIOD_DAYS_NOTE} {{days}} (this page's rule "
            "of thumb): one unusual week moves the figures. Ask for a month or more on each side."))  # fmt: skip
    oa, ob, ea, eb = r["outside8_after"], r["outside8_before"], r["ehr8_after"], r["ehr8_before"]
    if oa is not None and ob is not None and oa < ob and ea > eb:
        found.append("Total EHR time rose while time outside scheduled hours fell: the extra work may have moved "
                     "into time booked for patients, which the schedule does not show.")  # fmt: skip
    if any(r[f"{m}8_{side}"] is None for m in ("outside", "documentation", "inbox") for side in SIDES):
        found.append("Some measures are missing on one side or both: ask for the same report, with the same "
                     "measures, for both periods.")  # fmt: skip
    return found


QUESTIONS = (
    "What inactivity timeout does the report use? Time after a few idle seconds or minutes is not counted, so "
    "reading a chart or thinking may not appear.",
    "What counts as scheduled time: booked appointments only, or whole template sessions, including blocks left open?"
    " On shifts: the shift's hours, or only the time with patients assigned?",
    "Where does “outside scheduled time” start and end: outside appointments, or outside a fixed clock window "
    "like 7 pm to 7 am? Are weekends and days with nothing booked included?",
    "Are the mobile app, remote access and time in other systems (a separate scheduling or imaging system) counted?",
    "Does inbox time count only your own work, or also a pool shared with the team?",
)


def questions(profile) -> tuple[str, ...]:
    """The questions about the report's definitions, in the reader's setting (a shift has no template
    sessions)."""
    if not profile.shifts:
        return tuple(q.split(" On shifts:")[0] for q in QUESTIONS)
    return tuple(
        "What counts as scheduled time: the hours of your shifts, or only the time with patients assigned?"
        if " On shifts:" in q
        else q
        for q in QUESTIONS
    )


def _cell(key: str, value, text: str) -> str:
    """A table cell with its figure, or a dash (and no figure) when the report lacks it."""
    return "<td>–</td>" if value is None else f"<td>{figure(key, value, text, 'span')}</td>"


def _hours(value) -> str:
    return "–" if value is None else f"{format_number(value, 2)}\u00a0h"  # the unit stays with its number


def render(v: dict, r: dict) -> str:
    f = v["profile"].fill
    rows, bars = [], []
    for m in MEASURES:
        b, a = r[f"{m.key}8_before"], r[f"{m.key}8_after"]
        change = "–" if b is None or a is None else format_change(percent_change(b, a)) if b else "–"
        cells = "".join(
            _cell(f"{m.key}8_{side}", r[f"{m.key}8_{side}"], _hours(r[f"{m.key}8_{side}"])) for side in SIDES
        )
        rows.append(f'<tr><th scope="row">{escape(m.name)}</th>{cells}<td>{escape(change)}</td></tr>')
        if b is not None and a is not None:
            bars += [(f"{m.name}, before", b, _hours(b)), (f"{m.name}, after", a, _hours(a))]
    days = f("Scheduled patient hours a {day}")
    rows.append(
        f'<tr><th scope="row">{escape(days)}</th>'
        + "".join(_cell(f"scheduled_per_day_{side}", r[f"scheduled_per_day_{side}"],
                        f"{format_number(r[f'scheduled_per_day_{side}'], 1)}\u00a0h") for side in SIDES)
        + "<td>–</td></tr>"
    )  # fmt: skip
    for key, label, unit, places in (
        ("ehr_minutes_per_patient", "Minutes in the EHR per patient", "min", 1),
        ("documentation_share", f("Share of scheduled time spent documenting"), "%", 1),
    ):
        if r[f"{key}_before"] is None and r[f"{key}_after"] is None:
            continue
        cells = "".join(
            _cell(f"{key}_{side}", r[f"{key}_{side}"], f"{format_number(r[f'{key}_{side}'] or 0, places)}\u00a0{unit}")
            for side in SIDES
        )

        b, a = r[f"{key}_before"], r[f"{key}_after"]
        change = "–" if b is None or a is None or not b else format_change(percent_change(b, a))
        rows.append(f'<tr><th scope="row">{escape(label)} (used in studies)</th>{cells}<td>{escape(change)}</td></tr>')
    table = (
        '<div class="sp-scroll" role="region" aria-labelledby="vendor-measures-caption" tabindex="0">'
        '<table class="sp-table"><caption id="vendor-measures-caption">Per 8 hours of scheduled patient time, '
        'before and after</caption><thead><tr><th scope="col">Measure</th><th scope="col">Before</th>'
        f'<th scope="col">After</th><th scope="col">Change</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
    chart = charts.bars(
        bars,
        "Hours per 8 scheduled hours, before and after",
        charts.said(bars),
        "vendor-measures",
    )
    published = "".join(
        f"<li>{escape(MEASURE[p.measure].name)}: {escape(p.figure)} ({cite(p.source)})"
        + (", a figure this project worked out, not one printed in the paper" if p.derived else "")
        + ".</li>"
        for p in PUBLISHED
    )
    if v["profile"].role == "nurse":
        beside = (
            "<p>No published median is shown: the per-8-hour figures come from studies of clinic schedules. "
            "Nursing studies count other things, for context rather than comparison: in one study of hospital "
            "units, nurses made 631 to 875 manual flowsheet entries per 12-hour shift in acute care and 633 to "
            "689 in intensive care, not counting device data (Collins et al., AMIA Annual Symposium Proceedings, "
            "2018). Compare your own before and after.</p>"
        )
    else:
        also = (
            " They were measured in other roles than yours: NPs' and PAs' work may differ."
            if v["profile"].role == "app"
            else ""
        )
        beside = (
            "<p>These describe other clinicians, measured by other systems: a comparison, not a target."
            f"{also}</p><ul>{published}</ul>"
        )
    found = flags(v, r)
    flag_html = (
        "<h3>What these numbers may hide</h3><ul>" + "".join(f"<li>{escape(x)}</li>" for x in found) + "</ul>"
        if found
        else ""
    )
    nurse = f"<p>{escape(v['profile'].fill(NURSE_MEASURES))}</p>" if v["profile"].role == "nurse" else ""
    return (
        heading("Your report in the published measures")
        + chart_with_table(chart, table)
        + nurse
        + "<h3>Beside published figures</h3>"
        + beside
        + flag_html
        + "<h3>Ask informatics before you rely on it</h3><ul>"
        + "".join(f"<li>{escape(q)}</li>" for q in questions(v["profile"]))
        + f"</ul><p>{escape(DEFINITION_LIMITS)}</p>"
        + sentence(SLUG, say(v, r))
    )


def _went(before, after) -> str:
    """ "went from 5.33 to 6.67 hours" (the figures' two places), or "stayed at 1.2 hours": never "from 0 to 0"."""
    if before == after:
        return f"stayed at {counted(after, 'hours', 2)}"
    was, now = apart(before, after, 2)
    return f"went from {was} to {now} {'hour' if now == '1' else 'hours'}"


def say(v: dict, r: dict) -> str:
    text = f"By the EHR's own usage report, my total EHR time {_went(r['ehr8_before'], r['ehr8_after'])} for every 8 hours of scheduled patient time"
    ob, oa = r["outside8_before"], r["outside8_after"]
    if ob is not None and oa is not None:
        text += f", and the part outside scheduled time {_went(ob, oa)}"
    ib, ia = r["inbox8_before"], r["inbox8_after"]
    if ib is not None and ia is not None:
        text += f"; inbox time {_went(ib, ia)}"
    return (
        text + ". These are the units of the measures proposed by Sinsky and colleagues (JAMIA 2020), so we can "
        "compare them with published figures and track them on the same report."
    )


def announce(v: dict, r: dict) -> str:
    return (
        f"Result updated: total EHR time {format_number(r['ehr8_before'], 2)} hours per 8 scheduled hours before, "
        f"{format_number(r['ehr8_after'], 2)} after."
    )


EXAMPLES = (
    Example(
        "The defaults: a month before and a month after",
        {},
        {
            "ehr8_before": Fraction(16, 3),
            "ehr8_after": Fraction(20, 3),
            "outside8_before": Fraction(4, 3),
            "outside8_after": Fraction(32, 15),
            "documentation8_before": 2,
            "inbox8_after": Fraction(16, 15),
            "scheduled_per_day_before": 6,
        },
    ),
    Example(
        "A report with no inbox figures and a shorter schedule after",
        {"inbox_hours_before": "", "inbox_hours_after": "", "scheduled_hours_after": "96", "patients_after": "240"},
        {
            "ehr8_after": Fraction(25, 3),
            "inbox8_before": None,
            "inbox8_change": None,
            "ehr_minutes_per_patient_after": 25,
        },
    ),  # fmt: skip
)

COMPONENT = Calculator(
    slug=SLUG, title="Vendor report reader", inputs=INPUTS, calculate=calculate, render=render,
    announce=announce, check=check, examples=EXAMPLES, variants=VARIANTS,
)  # fmt: skip
