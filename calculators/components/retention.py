"""Retention and cost: what extra turnover costs, against what the fix costs."""

from __future__ import annotations

from fractions import Fraction

from ..framework import charts
from ..framework.calculator import Calculator, Example
from ..framework.html import figure, figures, heading, money, num, omitted, sentence
from ..framework.inputs import Number
from ..framework.numbers import change, counted, format_money, format_number, shown_sign, shows_one

SLUG = "retention"

# Han S, Shanafelt TD, Sinsky CA, et al. Ann Intern Med 2019;170(11):784-790.
BURNOUT_COST_PER_PHYSICIAN = 7600
# NSI Nursing Solutions, 2025 NSI National Health Care Retention & RN Staffing Report (an industry
# survey of about 450 US hospitals): one bedside RN's turnover cost $61,110 on average in 2024.
RN_TURNOVER_COST = 61110
APP_PLACEHOLDER = "100000"  # no published NP or PA replacement cost we trust: a placeholder, said so

PRESETS = {
    "replacement_cost": {
        "physician": (("Low: $500,000", "500000"), ("Middle: $750,000", "750000"), ("High: $1,000,000", "1000000")),
        "nurse": (("Low: $49,500", "49500"), ("Average: $61,110", "61110"), ("High: $72,700", "72700")),
    }
}

# fmt: off
INPUTS = (
    Number("clinicians", "{People}", "people", "{People} affected by the change.", "20", 1, 100_000, whole=True),
    Number("replacement_cost", "Cost to replace {one}", "$",
           "Recruiting, onboarding and lost revenue. Published estimates run from $500,000 to more than "
           "$1,000,000 by specialty (Shanafelt, Goh and Sinsky, 2017).",
           "500000", 0, 100_000_000, above=True, money=True),
    Number("turnover_before_percent", "Turnover before", "% a year",
           "Share who leave each year today. About 7% nationally (Shanafelt, Goh and Sinsky, 2017).", "7", 0, 100),
    Number("turnover_after_percent", "Turnover if nothing changes", "% a year",
           "Your estimate if the change stays as it is. 10% is an example, not a published figure.", "10", 0, 100),
    Number("mitigation_cost", "Cost of the fix", "$ a year",
           "What the fix costs: a temporary lighter load, support staff, build work.", "60000", 0, 1_000_000_000,
           money=True),
)

VARIANTS = {
    "clinicians": {"nurse": {"default": "40"}},
    "replacement_cost": {
        "nurse": {"default": "61110",
                  "hint": "Average cost of one bedside RN's turnover in 2024: $61,110, in a range of $49,500 to "
                          "$72,700 (NSI Nursing Solutions 2025 report, an industry survey of about 450 hospitals)."},
        "app": {"default": APP_PLACEHOLDER,
                "hint": "We found no published replacement cost for NPs and PAs that we trust. Ask HR or finance "
                        "for your organization's figure: $100,000 is a placeholder, not an estimate."},
    },
    "turnover_before_percent": {
        "nurse": {"default": "16.4",
                  "hint": "Share who leave each year today. Hospital RN turnover was 16.4% in 2024 (NSI Nursing "
                          "Solutions 2025 report, an industry survey)."},
        "app": {"hint": "Share who leave each year today. We found no national NP or PA turnover rate to trust; "
                        "ask HR for yours. 7% is a placeholder."},
    },
    "turnover_after_percent": {
        "nurse": {"default": "20", "hint": "Your estimate if the change stays as it is. 20% is an example, not a "
                                           "published figure."},
    },
}
# fmt: on


def calculate(v: dict) -> dict:
    extra = v["clinicians"] * (v["turnover_after_percent"] - v["turnover_before_percent"]) / 100
    cost = extra * v["replacement_cost"]
    fix = v["mitigation_cost"]
    return {
        "extra_departures_per_year": extra,
        "extra_turnover_cost_per_year": cost,
        "breakeven_departures": fix / v["replacement_cost"],
        "cost_ratio": cost / fix if fix else None,
        "burnout_cost_context": v["clinicians"] * BURNOUT_COST_PER_PHYSICIAN
        if v["profile"].role == "physician"
        else None,
    }


def render(v: dict, r: dict) -> str:
    extra, cost, fix = r["extra_departures_per_year"], r["extra_turnover_cost_per_year"], v["mitigation_cost"]
    if r["cost_ratio"] is None:
        ratio = omitted("The fix costs nothing as entered, so there is no ratio to work out.")
    elif cost <= 0:
        ratio = omitted("Turnover does not rise as entered, so there is no turnover cost to set against the fix.")
    else:
        ratio = num("cost_ratio", r["cost_ratio"], "times", 1)
    departures = figure("extra_departures_per_year", extra, change(extra, "departures a year"))
    saving = cost < 0
    turnover_cost = (
        figure("extra_turnover_cost_per_year", cost, f"{format_money(-cost)} a year saved")
        if saving
        else f"{money('extra_turnover_cost_per_year', cost)} a year"
    )
    if saving:
        bars = [("Turnover saved a year", -cost, format_money(-cost)), ("Cost of the fix", fix, format_money(fix))]
        said = f"Turnover falls, saving {format_money(-cost)} a year; the fix costs {format_money(fix)}."
        first_row = ("Turnover cost saved", format_money(-cost))
    else:
        bars = [
            ("Extra turnover a year", max(cost, 0), format_money(max(cost, 0))),
            ("Cost of the fix", fix, format_money(fix)),
        ]
        said = f"Extra turnover costs {format_money(max(cost, 0))} a year; the fix costs {format_money(fix)}."
        first_row = ("Extra turnover cost", format_money(max(cost, 0)))
    chart = charts.bars_with_table(
        bars,
        "Turnover cost compared with the cost of the fix",
        "retention-costs",
        "The numbers in the chart",
        ("", "Per year"),
        [first_row, ("Cost of the fix", format_money(fix))],
        description=said,
    )
    breakeven = figure("breakeven_departures", r["breakeven_departures"], _prevents(r["breakeven_departures"]))
    return (
        heading("What turnover would cost")
        + figures(
            [
                ("Departures", departures),
                ("Turnover cost", turnover_cost),
                ("Break-even", f"{breakeven} prevented a year pays for the fix" if fix else breakeven),
                ("Turnover cost against the fix", ratio),
            ]
        )
        + chart
        + context(v, r)
        + sentence(SLUG, say(v, r))
    )


def context(v: dict, r: dict) -> str:
    """A cited figure for the reader's role (and a plain warning where no good figure exists)."""
    role = v["profile"].role
    if role == "nurse":
        return (
            "<p><strong>For context:</strong> an industry survey of about 450 US hospitals put hospital RN "
            "turnover at 16.4% in 2024 and the average cost of one bedside RN's turnover at "
            f"{format_money(RN_TURNOVER_COST)} (NSI Nursing Solutions, 2025 report).</p>"
        )
    if role == "app":
        placeholder = (
            "<p><strong>The replacement cost is a placeholder.</strong> Enter your organization's own "
            "figure before you use this result.</p>"
            if v["replacement_cost"] == int(APP_PLACEHOLDER)
            else ""
        )
        return placeholder + (
            "<p><strong>For context:</strong> in a 2020 survey at 124 US institutions, 33.0% of advanced "
            "practice providers said they intended to leave their practice within two years (Sinsky et "
            "al., <em>Mayo Clinic Proceedings: Innovations, Quality &amp; Outcomes</em>, 2021): an intention, "
            "not a departure rate.</p>"
        )
    return (
        "<p><strong>For context:</strong> counting only turnover and reduced hours, burnout costs about "
        f"{format_money(BURNOUT_COST_PER_PHYSICIAN)} per employed physician a year in the US (Han et al., "
        f"<em>Annals of Internal Medicine</em>, 2019): {money('burnout_cost_context', r['burnout_cost_context'])} "
        f"a year for {counted(v['clinicians'], 'physicians')}.</p>"
    )


def _prevents(breakeven) -> str:
    """How many departures the fix must prevent to pay for itself, as a sentence ends it."""
    if breakeven == 0:
        return "nothing: the fix costs nothing"
    if shows_one(breakeven):
        return "one departure"
    if shown_sign(breakeven) == 0:
        return "less than 0.01 of one departure"
    if breakeven < 1:
        return f"{format_number(breakeven)} of one departure"
    return counted(breakeven, "departures")


def say(v: dict, r: dict) -> str:
    extra, cost = r["extra_departures_per_year"], r["extra_turnover_cost_per_year"]
    fix = v["mitigation_cost"]
    pays = (
        f"it pays for itself if it prevents {_prevents(r['breakeven_departures'])} a year."
        if fix
        else "so any departure it prevents is a saving."
    )
    costs = f"The fix costs {format_money(fix)} a year" if fix else "The fix costs nothing"
    if shown_sign(extra) <= 0:
        return f"{costs}; {pays}" if fix else f"{costs}, {pays}"
    text = v["profile"].fill(
        f"If turnover among our {counted(v['clinicians'], '{people}')} rises from "
        f"{format_number(v['turnover_before_percent'])}% to {format_number(v['turnover_after_percent'])}%, "
        f"that is {change(extra, 'departures a year')}, about {format_money(cost)} at "
        f"{format_money(v['replacement_cost'])} each. {costs}"
    )
    if r["cost_ratio"] is not None:
        text += f", so the turnover risk is {format_number(r['cost_ratio'], 1)} times the cost of fixing it"
    return f"{text}; {pays}" if fix else f"{text}, {pays}"


def announce(v: dict, r: dict) -> str:
    cost = r["extra_turnover_cost_per_year"]
    money_words = f"{format_money(-cost)} a year saved" if cost < 0 else f"{format_money(cost)} a year"
    return f"Result updated: {change(r['extra_departures_per_year'], 'departures a year')}, {money_words}."


EXAMPLES = (
    Example(
        "The defaults",
        {},
        {
            "extra_departures_per_year": Fraction(3, 5),
            "extra_turnover_cost_per_year": 300000,
            "breakeven_departures": Fraction(3, 25),
            "cost_ratio": 5,
            "burnout_cost_context": 152000,
        },
    ),
    Example("A fix that costs nothing", {"mitigation_cost": "0"}, {"cost_ratio": None, "breakeven_departures": 0}),
    Example(
        "A nursing unit of 40 RNs, with the NSI 2025 survey's figures",
        {"role": "nurse"},
        {
            "extra_departures_per_year": Fraction(36, 25),
            "extra_turnover_cost_per_year": Fraction(36, 25) * 61110,
            "breakeven_departures": Fraction(60000, 61110),
            "burnout_cost_context": None,
        },
    ),
    Example(
        "High replacement cost, 50 clinicians",
        {"replacement_cost": "1,000,000", "clinicians": "50"},
        {"extra_departures_per_year": Fraction(3, 2), "extra_turnover_cost_per_year": 1500000, "cost_ratio": 25},
    ),
)

# fmt: off
COMPONENT = Calculator(slug=SLUG, title="Retention and cost calculator",
                       inputs=INPUTS, calculate=calculate, render=render, announce=announce,
                       examples=EXAMPLES, presets=PRESETS, variants=VARIANTS)
# fmt: on
