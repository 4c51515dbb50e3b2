"""The published measures of EHR use, per 8 hours of scheduled patient time: one definition of each,
with its source, used by the impact log's summary, the vendor report reader and the packet.

Sinsky and colleagues proposed seven core measures (JAMIA 2020), each normalised to 8 hours of
scheduled patient time so that a part-time and a full-time clinician compare on one footing;
Melnick and colleagues derived five of them from two vendors' data (JAMIA 2021). This module holds
the conversion (exact: Fractions in, Fractions out) and the cited figures placed beside a reader's
own numbers. Every figure names its source, year and population; nothing here is a target.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .inputs import UserError

PER_HOURS = 8  # the published measures are per 8 hours of scheduled patient time


def per_8_hours(amount: Fraction | int, scheduled_hours: Fraction | int) -> Fraction:
    """`amount` (hours, minutes or messages) per 8 hours of scheduled patient time. Refuses zero
    scheduled hours with a reader's message: the measure is not defined without them."""
    if scheduled_hours <= 0:
        raise UserError(
            "Scheduled patient hours must be more than 0: the per-8-hour measures divide by them. Enter the "
            "hours booked for patients in the same period"
        )
    return Fraction(amount) * PER_HOURS / Fraction(scheduled_hours)


@dataclass(frozen=True)
class Measure:
    key: str
    name: str  # as a table row says it
    definition: str  # in plain words, for the "what this means" disclosure


# The seven measures Sinsky et al. proposed (JAMIA 2020), named and defined as Melnick et al.
# (JAMIA 2021) used them when they measured the set across two health systems.
SINSKY_2020 = (
    "Sinsky CA et al., JAMIA 2020: the seven proposed core measures, named and defined as "
    "Melnick ER et al. used them in JAMIA 2021"
)
MEASURES = (
    Measure("ehr", "Total EHR time per 8 scheduled hours",
            "All active time in the EHR, in and out of clinic hours, for every 8 hours of patient time on the "
            "schedule (EHR-Time8)."),
    Measure("outside", "Work outside of work per 8 scheduled hours",
            "EHR time outside scheduled patient hours: before and after sessions and on days with nothing "
            "booked, for every 8 scheduled hours (WOW8)."),
    Measure("documentation", "Documentation time per 8 scheduled hours",
            "Time writing and editing notes, for every 8 scheduled hours (Note-Time8)."),
    Measure("inbox", "Inbox time per 8 scheduled hours",
            "Time in the EHR inbox (messages, results, refills, system notices), for every 8 scheduled hours "
            "(IB-Time8)."),
)  # fmt: skip
OTHER_MEASURES = (
    "prescription time per 8 scheduled hours",
    "teamwork for orders (the share of orders someone else on the team started)",
    "undivided attention (time with patients without the EHR open), which most vendor data cannot show",
)
MEASURE = {m.key: m for m in MEASURES}


@dataclass(frozen=True)
class Published:
    """One cited figure, in hours per 8 scheduled hours, with whom it describes."""

    measure: str
    hours: Fraction
    figure: str  # the figure as said
    source: str  # its source, year and population
    derived: bool = False  # worked out by this project from reported changes, not printed in the paper


MELNICK_2021 = (
    "Melnick ER et al., JAMIA 2021: 573 non-teaching, fully ambulatory physicians at Yale-New Haven Health and "
    "MedStar Health (two EHR vendors), August 2019"
)
ARNDT_2024 = "Arndt BG et al., Ann Fam Med 2024: 141 academic primary care physicians, May 2019 to March 2023"
PUBLISHED = (
    Published("ehr", Fraction(523, 100), "median 5.23 hours", MELNICK_2021),
    # Arndt 2024 reports changes from 2019-20 to 2022-23 (+28.4 minutes, 7.8%; inbox +14.0 minutes,
    # 24.4%). The levels below are worked out from those two numbers: 28.4 / 0.078 + 28.4 minutes
    # and 14.0 / 0.244 + 14.0 minutes, rounded to a tenth of an hour.
    Published("ehr", Fraction(65, 10),
              "about 6.5 hours on average in 2022-23, worked out from the reported rise of 28.4 minutes (7.8%) "
              "since 2019-20", ARNDT_2024, derived=True),
    Published("inbox", Fraction(12, 10),
              "about 1.2 hours on average in 2022-23, worked out from the reported rise of 14.0 minutes (24.4%) "
              "since 2019-20", ARNDT_2024, derived=True),
)  # fmt: skip

SELF_LOGGING_LIMITS = (
    "A log kept by hand is not an audit log. People recall time worse the longer they wait, and tend to round "
    "long evenings down and short tasks up. Write each day down the same evening, from the clock (when you "
    "opened and closed the EHR at home), not from memory at the end of the week; log ordinary days as well as "
    "bad ones; and compare like with like (the same kinds of days before and after)."
)
DEFINITION_LIMITS = (
    "Vendor measures are defined differently from one system and one study to the next, and few have been "
    "checked against direct observation (19 of 85 audit-log studies validated their measures: Rule A, Chiang "
    "MF, Hribar MR, JAMIA 2020)."
)
NURSE_MEASURES = (  # filled with the reader's words ({workday})
    "The seven per-8-hour measures were designed around clinic schedules. Nursing studies measure "
    "the EHR's load in other ways, and two of those measures are shown here: minutes in the EHR per patient, and "
    "the share of the {workday} spent in the EHR. For context, not as a median to match: 317 intensive care "
    "nurses at one hospital spent about 17.5% of their shifts in the EHR, 28.9 hours a month for those working "
    "full time (Khan et al., Critical Care Nurse, 2022)."
)
