"""The case-mix search: share cases of a few weights among k people so that the heaviest load is as
light as possible, then the lightest as heavy as possible. Weights are whole units here (the
calculator scales hundredths up); a capped level is kept apart from others of the same weight.

For a candidate heaviest load H, "can these cases be shared with no load above H?" is answered in
two steps:

1. A lower bound that needs no search: the configuration linear program (how many people would be
   needed if one person's set of cases could be taken fractionally). Column generation finds
   prices p for the case types in floating point; the answer "no" is only given with a certificate
   checked in whole numbers, p.n > k * max(p.c over every set c one person can carry within H),
   so rounding can never make it wrong. This bound is tight on nearly every day.
2. An exact depth-first search, one person at a time: the person who takes the heaviest case left;
   only sets no other set dominates (nothing left still fits, no case can swap for a heavier one
   left); a set's load must land in the window the others leave (checked with a bitset of the sums
   the cases left can make); and states already shown impossible are remembered.

The lightest heaviest load is the smallest H that works; then the lightest load is raised while an
assignment with loads in [L, H] exists (the same search without the dominance rules, which do not
hold with a floor on the loads).
"""

from __future__ import annotations

from fractions import Fraction


class OutOfSteps(Exception):
    """The search's step budget ran out (only ever given one outside the exact range)."""


class _TooLong(Exception):
    pass


KNAPSACK_NODES = 3_000  # past this the bound is left unproven for that H (the search decides)
PRICE_SCALE = 1 << 24


def _best_set(value, w, limit, high):
    """(max value.c, a c reaching it) over whole c with c.w <= high and 0 <= c <= limit, for whole
    values: depth-first,
    the most valuable per unit first, cut by the fractional bound."""
    order = sorted((t for t in range(len(w)) if value[t] > 0 and limit[t]), key=lambda t: Fraction(-value[t], w[t]))
    best, nodes, taken = [0, [0] * len(w)], [0], [0] * len(w)

    def bound(position, room):
        extra = 0
        for t in order[position:]:
            whole = min(limit[t], room // w[t])
            extra += whole * value[t]
            room -= whole * w[t]
            if whole < limit[t]:
                return extra - (-room * value[t] // w[t])
        return extra

    def go(position, room, got):
        nodes[0] += 1
        if nodes[0] > KNAPSACK_NODES:
            raise _TooLong
        if got > best[0]:
            best[0], best[1] = got, taken[:]
        if position == len(order):
            return
        t = order[position]
        for x in range(min(limit[t], room // w[t]), -1, -1):
            left, gained = room - x * w[t], got + x * value[t]
            if gained + bound(position + 1, left) <= best[0]:
                break  # fewer of the most valuable kind per unit only lowers the bound
            taken[t] = x
            go(position + 1, left, gained)
        taken[t] = 0

    go(0, high, 0)
    return best[0], best[1]


def fractionally_impossible(w, n, high, limit, k, iterations=30) -> bool:
    """True only when it is proven that the cases need more than k people even fractionally."""
    d = len(w)
    binv, x = [[0.0] * d for _ in range(d)], [0.0] * d
    for t in range(d):
        most = min(limit[t], high // w[t])
        if most == 0:
            return True  # a case no one can take
        binv[t][t], x[t] = 1.0 / most, n[t] / most
    for _ in range(iterations):
        prices = [max(0, round(sum(binv[i][t] for i in range(d)) * PRICE_SCALE)) for t in range(d)]
        try:
            value, column = _best_set(prices, w, limit, high)
        except _TooLong:
            return False
        if value > 0 and sum(p * c for p, c in zip(prices, n, strict=True)) > k * value:
            return True
        if sum(x) <= k or value <= PRICE_SCALE * (1 + 1e-9):
            return False
        u = [sum(binv[i][t] * column[t] for t in range(d)) for i in range(d)]
        ratios = [(x[i] / u[i], i) for i in range(d) if u[i] > 1e-12]
        if not ratios:
            return False
        r = min(ratios)[1]
        pivot = u[r]
        binv[r] = [v / pivot for v in binv[r]]
        x[r] /= pivot
        for i in range(d):
            if i != r and u[i]:
                binv[i] = [a - u[i] * b for a, b in zip(binv[i], binv[r], strict=True)]
                x[i] -= u[i] * x[r]
    return False


class Packing:
    """Cases of distinct whole weights `w` (heaviest first), `n` of each, among k people; type `top`
    (or None) at most `cap` per person. `feasible(lo, hi)` gives one set per person with every load
    in [lo, hi], or None; raises OutOfSteps past `budget` steps (None: no budget)."""

    def __init__(self, w, n, k, top, cap, budget):
        self.w, self.n, self.k, self.top, self.cap = w, n, k, top, cap
        self.budget, self.steps = budget, 0
        self.failed_hi: dict = {}  # (cases left, people left) -> highest hi shown impossible (lo 0)
        self.lo = self.hi = 0
        self.failed: set = set()

    def feasible(self, lo: int, hi: int):
        self.lo, self.hi, self.failed = lo, hi, set()
        return self._fill(self.n, self.k, sum(c * w for c, w in zip(self.n, self.w, strict=True)))

    def _fill(self, left_cases, people, total):
        lo, hi = self.lo, self.hi
        if total > hi * people or total < lo * people:
            return None
        if self.top is not None and self.cap is not None and left_cases[self.top] > self.cap * people:
            return None
        if people == 1:
            return [left_cases]
        if total == 0:
            return [left_cases] * people
        key = (left_cases, people)
        if (self.failed_hi.get(key, -1) >= hi) if lo == 0 else key in self.failed:
            return None
        for taken, load in self._sets(
            left_cases, max(lo, total - (people - 1) * hi), min(hi, total - (people - 1) * lo)
        ):
            rest = tuple(r - t for r, t in zip(left_cases, taken, strict=True))
            found = self._fill(rest, people - 1, total - load)
            if found is not None:
                return [taken, *found]
        if lo == 0:
            self.failed_hi[key] = hi
        else:
            self.failed.add(key)
        return None

    def _sets(self, left_cases, a, b):
        """One person's sets, heaviest first: loads in [a, b], the heaviest case left among them; with
        no floor on the loads, only sets no other set dominates."""
        w, top, cap, hi = self.w, self.top, self.cap, self.hi
        d = len(w)
        dominance = self.lo == 0
        first = next(t for t in range(d) if left_cases[t])
        avail = [min(r, cap) if t == top and cap is not None else r for t, r in enumerate(left_cases)]
        # sums[t]: bit s set when the cases left of types t onward can add up to exactly s (s <= b)
        mask, sums = (1 << (b + 1)) - 1, [0] * (d + 1)
        sums[d] = 1
        for t in range(d - 1, first - 1, -1):
            bits, m, chunk = sums[t + 1], avail[t], 1
            while m > 0:
                step = min(chunk, m)
                bits = (bits | (bits << (step * w[t]))) & mask
                m, chunk = m - step, chunk * 2
            sums[t] = bits
        taken, found = [0] * d, []

        def go(t, load, need, lightest_heavier_left):
            # need: the load this set must reach for no other to dominate it
            self.steps += 1
            if self.budget is not None and self.steps > self.budget:
                raise OutOfSteps
            floor = max(a, need, load) - load
            if floor > b - load or (sums[t] >> floor) & ((1 << (b - load - floor + 1)) - 1) == 0:
                return  # no sum of the cases left lands in the window
            if t == d:
                found.append((tuple(taken), load))
                return
            for x in range(min(avail[t], (b - load) // w[t]), 0 if t == first else -1, -1):
                now_need, now_left = need, lightest_heavier_left
                if dominance:
                    if x and t != top and lightest_heavier_left is not None:
                        now_need = max(now_need, hi - lightest_heavier_left + w[t] + 1)  # else swap it
                    if x < avail[t]:
                        now_need, now_left = max(now_need, hi - w[t] + 1), w[t]  # else one more fits
                    if now_need > b:
                        continue
                taken[t] = x
                go(t + 1, load + x * w[t], now_need, now_left)
            taken[t] = 0

        go(first, 0, 0, None)
        found.sort(key=lambda item: -item[1])
        return found


def achievable_loads(w, n, top, cap, low: int, high: int) -> list[int]:
    """The loads one person could carry from `low` to `high`, ascending (from a bitset of sums)."""
    mask, reachable = (1 << (high + 1)) - 1, 1
    for t, (count, weight) in enumerate(zip(n, w, strict=True)):
        m, chunk = count if t != top or cap is None else min(count, cap), 1
        while m > 0:  # up to m more of this weight, in doublings
            step = min(chunk, m)
            reachable = (reachable | (reachable << (step * weight))) & mask
            m, chunk = m - step, chunk * 2
    window = bin(reachable >> low)[2:][::-1] if low <= high else ""
    return [low + i for i, bit in enumerate(window) if bit == "1"]


def greedy(w, n, k, top, cap):
    """Heaviest case first to whoever is lightest (and under the cap): the first upper bound."""
    loads, taken = [0] * k, [[0] * len(w) for _ in range(k)]
    for t in range(len(w)):
        for _ in range(n[t]):
            who = min(
                (j for j in range(k) if t != top or cap is None or taken[j][t] < cap), key=lambda j: (loads[j], j)
            )
            taken[who][t] += 1
            loads[who] += w[t]
    return [tuple(row) for row in taken]


def solve(w, n, k, top, cap, budget: int | None, even_budget: int, bounds: int | None = None):
    """(sets, exact, even_proven, bound): one set per person; `exact` when the heaviest load is
    proven the lightest possible, `even_proven` when the lightest is proven the heaviest possible
    with it; `bound` no assignment's heaviest load can be below."""
    total = sum(c * x for c, x in zip(n, w, strict=True))

    def load(s):
        return sum(c * x for c, x in zip(s, w, strict=True))

    best = greedy(w, n, k, top, cap)
    upper = max((load(s) for s in best), default=0)
    bound = max(-(-total // k), max(w, default=0))
    candidates = achievable_loads(w, n, top, cap, bound, upper - 1)
    limit = [min(c, cap) if t == top and cap is not None else c for t, c in enumerate(n)]
    packing = Packing(w, n, k, top, cap, budget)
    exact = even_proven = True

    programs = [0]

    def impossible(high):
        programs[0] += 1
        if k <= 2 or (bounds is not None and programs[0] > bounds):
            return False  # not proven (two people: the search is quick without it)
        return fractionally_impossible(w, n, high, limit, k)

    # The lowest candidate the LP does not rule out: gallop up from the bound, then halve.
    ruled_out, i, step = -1, 0, 1
    while i < len(candidates) and impossible(candidates[i]):
        ruled_out, i, step = i, i + step, step * 2
    first, last = ruled_out + 1, min(i, len(candidates))
    while first < last:
        middle = (first + last) // 2
        if impossible(candidates[middle]):
            first = middle + 1
        else:
            last = middle
    try:
        # Then up from there, one candidate at a time (the LP is tight: rarely more than one or two).
        while first < len(candidates):
            found = packing.feasible(0, candidates[first])
            if found is not None:
                best = found
                break
            first += 1
    except OutOfSteps:
        exact = even_proven = False
    high = max((load(s) for s in best), default=0)
    bound = high if exact else (candidates[first] if first < len(candidates) else upper)
    packing.budget = packing.steps + even_budget
    try:
        ceiling, low = min(high, total // k), min((load(s) for s in best), default=0)
        for floor in achievable_loads(w, n, top, cap, low + 1, ceiling):
            if floor <= low:
                continue  # an earlier answer already reaches this floor
            if floor > ceiling:
                break
            found = packing.feasible(floor, high)
            if found is None:
                break
            best, low = found, min(load(s) for s in found)
    except OutOfSteps:
        even_proven = False
    return best, exact, even_proven, bound
