"""Case mix is exact where its page says so (60 cases, 12 people): checked against an independent
dynamic program on small random days, on the December review's counterexample, and by what the
page says inside and outside that range. Timings are in the issue's report, not in a test."""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import CALCULATORS
from calculators.components import case_mix

CASE_MIX = CALCULATORS["case-mix"]
NOT_PROVEN = "not proven the best"


def reference(counts, weights, k, cap):
    """(lightest heaviest load, then the heaviest lightest load with it), by a dynamic program over
    the cases still to share: every set the next person could take, no pruning."""
    counts = list(counts)
    if cap is not None and counts[-1] > cap * k:
        counts[-1] = cap * k
    scale = math.lcm(*(Fraction(w).denominator for w in weights))
    units = [int(Fraction(w) * scale) for w in weights]
    top = len(counts) - 1

    def sets(left):
        out = [()]
        for level, count in enumerate(left):
            most = count if level != top or cap is None else min(count, cap)
            out = [s + (x,) for s in out for x in range(most + 1)]
        return out

    def load(s):
        return sum(c * u for c, u in zip(s, units, strict=True))

    def fits_alone(left):
        return cap is None or left[top] <= cap

    @cache
    def heaviest(left, people):
        if people == 1:
            return load(left) if fits_alone(left) else math.inf
        return min(
            max(load(s), heaviest(tuple(a - b for a, b in zip(left, s, strict=True)), people - 1)) for s in sets(left)
        )

    high = heaviest(tuple(counts), k)

    @cache
    def lightest(left, people):
        if people == 1:
            return load(left) if fits_alone(left) and load(left) <= high else -math.inf
        return max(
            (min(load(s), lightest(tuple(a - b for a, b in zip(left, s, strict=True)), people - 1)) for s in sets(left) if load(s) <= high),
            default=-math.inf,
        )  # fmt: skip

    return Fraction(high, scale), Fraction(lightest(tuple(counts), k), scale)


weight = st.one_of(st.integers(1, 9).map(Fraction), st.integers(1, 400).map(lambda x: Fraction(x, 100)))
small_day = st.integers(1, 4).flatmap(
    lambda levels: st.tuples(
        st.lists(st.integers(0, 4), min_size=levels, max_size=levels),
        st.lists(weight, min_size=levels, max_size=levels),
        st.integers(1, 4),
        st.one_of(st.none(), st.integers(0, 3)),
    )
)


@settings(max_examples=300, deadline=None)
@given(small_day)
def test_case_mix_matches_an_independent_dynamic_program(day):
    counts, weights, k, cap = day
    assignment, unassigned, exact, even_proven, bound = case_mix.balance(tuple(counts), tuple(weights), k, cap)
    assert exact and even_proven
    kept = list(counts)
    if cap is not None:
        kept[-1] = min(kept[-1], cap * k)
        assert all(row[-1] <= cap for row in assignment)
    assert unassigned == counts[-1] - kept[-1]
    assert [sum(row[level] for row in assignment) for level in range(len(counts))] == kept
    loads = [sum(c * w for c, w in zip(row, weights, strict=True)) for row in assignment]
    assert (max(loads), min(loads)) == reference(counts, weights, k, cap)
    assert bound == max(loads)


def test_the_reviews_counterexample_reaches_71_and_says_it_is_the_best():
    raw = CASE_MIX.completed({"cases": "4,12,0,5,10,12", "weights": "13,5,11,11,17,7", "clinicians": "6", "cap": "2"})
    values, results = CASE_MIX.run(raw)
    assert results["heaviest_load"] == 71 and results["exact"]
    shown = CASE_MIX.render(values, results)
    assert "lightest heaviest load possible" in shown and NOT_PROVEN not in shown


def test_decimal_weights_inside_the_range_are_exact_where_an_old_search_gave_up():
    # Six levels, weights in hundredths: days on which a step-limited search fell back to greedy.
    days = [
        ((9, 10, 14, 5, 9, 12), ("1.11", "6.19", "19.51", "1.62", "4.95", "12.84"), 8),
        ((9, 7, 10, 11, 10, 11), ("14.35", "2.54", "15.44", "13.76", "8.05", "6.96"), 10),
        ((8, 10, 12, 3, 8, 2), ("18.7", "2", "0.6", "16.3", "0.3", "7.5"), 8),
    ]
    for counts, weights, k in days:
        _, _, exact, _, bound = case_mix.balance(counts, tuple(map(Fraction, weights)), k, None)
        assert exact, counts
    # The second day: 62 is the best, and the configuration bound is what proves 61.99 impossible.
    assert case_mix.balance(days[1][0], tuple(map(Fraction, days[1][1])), 10, None)[4] == 62


def test_best_found_is_said_only_outside_the_exact_range():
    inside = CASE_MIX.completed(
        {"cases": "10,10,10,10,10,10", "weights": "1.37,2.99,0.01,19.99,7.5,3.33", "clinicians": "12"}
    )
    assert NOT_PROVEN not in CASE_MIX.render(*CASE_MIX.run(inside))
    assert case_mix.exact_range((10,) * 6, 12) and not case_mix.exact_range((50,) * 4, 7)
    assert not case_mix.exact_range((10,) * 6, 13)
    # 200 cases among 23 people: past the range the search has a budget, and says so when it runs out.
    big = CASE_MIX.completed({"cases": "37,40,33,37,20,33", "weights": "10.29,18,5.14,9,4,12.76", "clinicians": "23"})
    values, results = CASE_MIX.run(big)
    shown = CASE_MIX.render(values, results)
    assert (NOT_PROVEN in shown) == (not results["exact"])
    if not results["exact"]:
        assert results["lower_bound"] <= results["heaviest_load"]
