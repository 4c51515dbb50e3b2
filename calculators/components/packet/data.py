"""The packet's numbers: read from the links pasted into its form (impact, trade-off, vendor
report, transition planner) or from the impact log in this browser; and the form as stored."""

from __future__ import annotations

from fractions import Fraction
from urllib.parse import parse_qsl, urlsplit

from ...framework.inputs import InputError, InputErrors
from ...framework.numbers import exact_text, format_number, plural, whole
from ...framework.profile import DEFAULT as DEFAULT_PROFILE
from ...framework.profile import Profile
from ...framework.protocol import Request
from ...framework.storage import Unreadable, read_json
from ..impact import COMPONENT as IMPACT
from ..impact_log import data as impact_log
from ..trade_off import COMPONENT as TRADE_OFF
from ..transition import COMPONENT as TRANSITION
from ..vendor_report import COMPONENT as VENDOR

KEY = "packet"  # the form as typed, in browser storage


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
    per_session = min(60, max(1, whole(Fraction(v["patients_per_day_after"], split))))
    added = extra * 60 / (sessions * per_session)
    raw = {
        "added_minutes": exact_text(added),  # exact: its added hours are the impact's, to the digit
        "patients_per_session": str(per_session),
        "affected_per_session": str(per_session),
        "sessions_per_week": str(sessions),
    }
    raw = TRADE_OFF.completed(raw | {"role": profile.role, "setting": profile.setting})
    # A session or shift is never longer than the reader's own logged day allows (the limits of a
    # day, framework/limits.py): where the calculator's example time per patient would make it so,
    # the time per patient comes from the log instead.
    block = v["workday_hours_after"] * 60 / split
    if Fraction(raw["visit_minutes"]) * per_session > block:
        raw["visit_minutes"] = exact_text(max(block / per_session, TRADE_OFF.input("visit_minutes").lo))
    try:
        return TRADE_OFF.run(raw)
    except InputErrors:
        return None


def stored_packet(req: Request) -> tuple[dict | None, str]:
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
    except Exception as error:  # the load boundary: damaged storage must not stop the page
        return None, str(error) if isinstance(error, Unreadable) else "it could not be read"


def form_state(req: Request) -> tuple[dict, str]:
    """The packet's fields, and why the stored packet could not be read, if it could not. On
    loading the page: as stored (else the defaults the page was built with). Afterwards: merged by
    field, so that another tab's edits survive: what this tab typed since its last request, over
    what is stored."""
    stored, damaged = stored_packet(req)
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
