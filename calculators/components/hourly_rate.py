"""Hourly rate for a group that owns its decisions: the same income over more hours."""

from __future__ import annotations

from fractions import Fraction

from ..framework import charts, limits
from ..framework.calculator import Calculator, Example
from ..framework.html import Option, figure, figures, heading, money, num, options, sentence
from ..framework.inputs import Number
from ..framework.numbers import change, counted, format_change, format_money, format_number, percent_change, shown_sign

SLUG = "hourly-rate"

# fmt: off
INPUTS = (
    Number("annual_income", "Annual income", "$", "Your income from clinical work, per year.", "300000", 0,
           100_000_000, above=True, money=True),
    Number("hours_per_week_before", "Hours a week before", "hours",
           "All working hours, charting at home included, before the change.", "47", "0.5",
           limits.HOURS_IN_A_WEEK),
    Number("hours_per_week_after", "Hours a week after", "hours", "All working hours since the change.", "62", "0.5",
           limits.HOURS_IN_A_WEEK),
    Number("weeks_per_year", "Working weeks a year", "weeks", "Weeks a year you work.", "46", 1, 52, whole=True),
)
# fmt: on


def check(v: dict) -> list:
    """The limits of a week (framework/limits.py): a week past the long-week rule of thumb is asked about."""
    found = []
    for side, label in (("before", "Hours a week before"), ("after", "Hours a week after")):
        hours = v[f"hours_per_week_{side}"]
        found += limits.week(f"hours_per_week_{side}", hours, f"{label} come to")
    return found


def calculate(v: dict) -> dict:
    income, before, after, weeks = (
        v["annual_income"],
        v["hours_per_week_before"],
        v["hours_per_week_after"],
        v["weeks_per_year"],
    )
    rate_before = income / (before * weeks)
    rate_after = income / (after * weeks)
    restore = rate_before * after * weeks
    return {
        "rate_before": rate_before,
        "rate_after": rate_after,
        "rate_change_percent": percent_change(rate_before, rate_after),
        "income_to_restore": restore,
        "income_increase_percent": percent_change(income, restore),
        "hours_to_cut_per_week": after - before,
    }


def render(v: dict, r: dict) -> str:
    cut = r["hours_to_cut_per_week"]
    chart = charts.bars_with_table(
        [
            ("Per hour, before", r["rate_before"], format_money(r["rate_before"])),
            ("Per hour, after", r["rate_after"], format_money(r["rate_after"])),
        ],
        "Effective hourly rate before and after the change",
        "hourly-rate",
        "The numbers in the chart",
        ("", "Hours a week", "Per hour"),
        [
            ("Before", format_number(v["hours_per_week_before"]), format_money(r["rate_before"])),
            ("After", format_number(v["hours_per_week_after"]), format_money(r["rate_after"])),
        ],
        description=f"Before: {format_money(r['rate_before'])} an hour. After: {format_money(r['rate_after'])} an hour.",
    )
    hourly = (
        '<p class="sp-pointer">Paid by the hour? Then every added hour should be paid as time worked, and this '
        "calculator, which is for salaried pay and for groups that own their practice, does not apply: log the "
        'hours instead, with the <a href="../../tools/log/">impact log</a>.</p>'
        if v["profile"].role == "nurse"
        else ""
    )
    rate_change = figure("rate_change_percent", r["rate_change_percent"], format_change(r["rate_change_percent"]))
    restore_change = figure(
        "income_increase_percent", r["income_increase_percent"], format_change(r["income_increase_percent"])
    )
    if shown_sign(cut) <= 0:
        # Hours did not go up: the rate did not fall, so there is nothing for the owners to win back.
        hours = figure("hours_to_cut_per_week", cut, change(cut, "hours a week", fewer="fewer", same="no change"))
        figs = figures(
            [
                (
                    "Effective hourly rate",
                    f"{money('rate_before', r['rate_before'])} → {money('rate_after', r['rate_after'])} ({rate_change})",
                ),
                ("Hours worked", hours),
                (
                    "The old rate on today's hours",
                    f"{money('income_to_restore', r['income_to_restore'])} a year ({restore_change})",
                ),
            ]
        )
        return hourly + (
            heading("No hourly rate to win back")
            + figs
            + "<p>Your hours have not gone up, so each hour is paid at least as well as before, and none of the "
            "owners' four knobs is needed. If the change added work that the hours do not show, log it with the "
            "impact log.</p>" + chart + sentence(SLUG, say(v, r))
        )
    knobs = [
        Option(
            "Accept a lower hourly rate",
            "",
            f"Keep things as they are and earn {money('rate_after', r['rate_after'])} an hour instead of "
            f"{money('rate_before', r['rate_before'])} ({rate_change}).",
        ),
        Option(
            "Raise prices or negotiated rates",
            "",
            f"Income would need to reach {money('income_to_restore', r['income_to_restore'])} a year "
            f"({restore_change}) to keep the old hourly rate.",
        ),
        Option(
            "See fewer patients",
            "",
            "Fewer visits bring the hours down, but income falls with them: this only helps if the lost "
            "visits cost less than the hours they free.",
        ),
        Option(
            "Cut the technology burden",
            "",
            f"Take {num('hours_to_cut_per_week', cut, 'hours', 2)} a week back out of the workflow "
            "(the build, delegation, fewer clicks) and the old rate returns.",
        ),
    ]
    return hourly + (heading("Four knobs the owners can turn") + options(knobs) + chart + sentence(SLUG, say(v, r)))


def say(v: dict, r: dict) -> str:
    cut = r["hours_to_cut_per_week"]
    if shown_sign(cut) <= 0:
        hours = "have not changed" if not shown_sign(cut) else f"have gone down by {counted(-cut, 'hours')} a week"
        return (
            f"Our hours {hours}: the effective rate is {format_money(r['rate_after'])} an hour, "
            f"against {format_money(r['rate_before'])} before."
        )
    return (
        f"This change has cut our effective hourly rate from {format_money(r['rate_before'])} to "
        f"{format_money(r['rate_after'])}, because we now work {change(cut, 'hours')} a week for the same "
        f"income. As owners we can accept that, raise our rates by "
        f"{format_number(r['income_increase_percent'], 1)}%, see fewer patients, or cut the technology "
        "burden. Which of those do we choose?"
    )


def announce(v: dict, r: dict) -> str:
    return f"Result updated: {format_money(r['rate_before'])} to {format_money(r['rate_after'])} an hour."


EXAMPLES = (
    Example(
        "The defaults",
        {},
        {
            "rate_before": Fraction(300000, 47 * 46),
            "rate_after": Fraction(300000, 62 * 46),
            "rate_change_percent": (Fraction(47, 62) - 1) * 100,
            "income_to_restore": Fraction(300000 * 62, 47),
            "income_increase_percent": (Fraction(62, 47) - 1) * 100,
            "hours_to_cut_per_week": 15,
        },
    ),
    Example(
        "Hours unchanged",
        {"hours_per_week_after": "47"},
        {"rate_change_percent": 0, "income_to_restore": 300000, "hours_to_cut_per_week": 0},
    ),
)

# fmt: off
COMPONENT = Calculator(slug=SLUG, title="Hourly rate calculator",
                       inputs=INPUTS, check=check, calculate=calculate, render=render, announce=announce, examples=EXAMPLES)
# fmt: on
