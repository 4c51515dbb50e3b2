"""The working-conditions tools: tables in a form and in a link, long links deflated, and each tool's
invariants (case mix, rest, shift bids, staffing, 4+1, protected time), natively and in Chromium."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from calculators import CALCULATORS, COMPONENTS, UserError
from calculators.components import case_mix
from calculators.framework.inputs import InputError, InputErrors, Number, Table, Text, pasted_grid
from calculators.framework.links import SHAREABLE, pack, unpack
from calculators.framework.protocol import Request
from support import BOOT, data_value, shown_value

CASE_MIX, REST, BID = CALCULATORS["case-mix"], CALCULATORS["rest"], CALCULATORS["shift-bid"]


# --- Tables ------------------------------------------------------------------------------------------

NAMES = Table("staff", "Staff", "", (Text("name", "Name", "", optional=False), Number("years", "Years", "", "", None, 0, 70)),
              "", row_label="Person", max_rows=5)  # fmt: skip


printable = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=12)


@given(st.lists(st.tuples(printable.filter(str.strip), st.integers(0, 70)), min_size=1, max_size=5))
def test_a_table_survives_its_own_raw_string_whatever_its_cells_hold(rows):
    # Commas, semicolons and percent signs inside a cell are the cell's own, not separators.
    typed = [[name, str(years)] for name, years in rows]
    raw = NAMES.join(typed)
    parsed = NAMES.parse(raw)
    assert NAMES.parse(NAMES.canonical(parsed)) == parsed
    assert parsed == tuple((" ".join(name.split()), years) for name, years in rows)


def test_a_form_sends_cells_row_by_row_and_blank_rows_are_ignored():
    raw = NAMES.from_form({"staff": ["Ana, RN", "12", "", "", "Ben;2", "3"]})
    assert NAMES.parse(raw) == (("Ana, RN", 12), ("Ben;2", 3))


def test_broken_tables_get_messages_naming_the_row():
    with pytest.raises(InputError, match="Person 2: Years must be a number"):
        NAMES.parse("Ana,12;Ben,lots")
    with pytest.raises(InputError, match="Person 1 has 3 cells; it needs 2"):
        NAMES.parse("Ana,12,extra")
    with pytest.raises(InputError, match="at most 5 rows"):
        NAMES.parse(";".join(["Ana,1"] * 6))
    with pytest.raises(InputError, match="Person 1: Enter name"):
        NAMES.parse(",4")


def test_pasted_spreadsheet_rows_become_cells_and_extra_columns_join_the_last():
    assert pasted_grid("2027-01-04\t07:00\t19:00\r\n2027-01-05\t07:00\t19:00\r\n", 1) == [
        ["2027-01-04 07:00 19:00"],
        ["2027-01-05 07:00 19:00"],
    ]
    assert pasted_grid("a\tb\nc\td\n\n", 3) == [["a", "b"], ["c", "d"]]


def test_rows_are_added_removed_and_pasted_through_the_protocol():
    def act(action, arg, cells):
        request = Request(component="rest", action=action, arg=arg, forms={"inputs": {"shifts": cells}})
        return REST.act(request)

    reply = act("rows", "add:shifts", ["2027-01-04 07:00-19:00"])
    grid = reply.regions["table-shifts"]
    assert 'value="2027-01-05 07:00-19:00"' in grid  # the last shift again, a day later
    assert reply.focus == "rest-shifts-1-0" and reply.announce.startswith("Shift 2 added.")
    reply = act("rows", "remove:shifts:0", ["2027-01-04 07:00-19:00", "2027-01-06 07:00-19:00"])
    assert "2027-01-04" not in reply.regions["table-shifts"] and "2027-01-06" in reply.regions["table-shifts"]
    pasted = "Shift\n2027-01-04\t07:00\t19:00\n2027-01-05\t19:00\t07:00\n"  # with the sheet's header row
    reply = act("paste", "shifts:0:0\n" + pasted, [""])
    assert reply.announce.startswith("Pasted 2 rows.")
    assert 'value="2027-01-05 19:00 07:00"' in reply.regions["table-shifts"]
    assert reply.state == "ready"


def test_a_stale_or_hostile_table_action_changes_nothing():
    for arg in ["remove:shifts:99", "remove:shifts:x", "frobnicate:shifts"]:
        reply = REST.act(Request(component="rest", action="rows", arg=arg, forms={"inputs": {}}))
        assert reply.state in ("ready", "invalid")
    with pytest.raises(UserError):
        REST.act(Request(component="rest", action="rows", arg="add:nope"))
    reply = REST.act(Request(component="rest", action="paste", arg="shifts:a:b\nx\ty", forms={"inputs": {}}))
    assert reply.state == "ready"


# --- Long links --------------------------------------------------------------------------------------


@given(st.text(max_size=3000))
def test_pack_and_unpack_are_inverse(text):
    assert unpack(pack(text)) == text


def test_a_long_link_is_deflated_under_z_and_reads_back():
    raw = BID.completed({"staff": ";".join(f"P{i},{i % 30},S1 S2 S3" for i in range(150))})
    fragment = BID.to_fragment(raw)
    assert fragment.startswith("v=1&z=") and "staff=" not in fragment
    read, problems = BID.read_fragment(fragment)
    assert problems == [] and read["staff"] == raw["staff"]
    short = BID.to_fragment(BID.completed({"shifts_each": "3"}))
    assert short == "v=1&shifts_each=3" and len(short) <= SHAREABLE


def test_a_broken_or_hostile_compressed_link_is_refused_with_a_message():
    import zlib

    bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
    huge = bomb.compress(b"staff=" + b"A" * 5_000_000) + bomb.flush()
    import base64

    for z in ["", "!!!!", pack("staff=Ana,1,S1")[:-3], base64.urlsafe_b64encode(huge).decode().rstrip("=")]:
        raw, problems = BID.read_fragment(f"v=1&z={z}")
        assert problems and "could not be read" in problems[0], z[:20]
        assert raw == BID.defaults()


def test_a_link_still_too_long_to_share_says_so():
    staff = ";".join(f"Person{i},{i % 40},S{i % 7 + 1} S{(i * 3) % 8 + 1}" for i in range(300))
    shifts = ";".join(f"S{i},2027-01-{1 + i % 28:02d} 07:00-19:00,{1 + i % 3},no" for i in range(1, 601))
    raw = BID.completed({"staff": staff, "shifts": shifts})
    reply = BID.respond(raw, [])
    assert len(reply.fragment) > SHAREABLE
    assert "characters long even compressed" in reply.regions["link-note"]
    assert BID.respond(BID.defaults(), []).regions["link-note"] == ""


# --- Case mix ----------------------------------------------------------------------------------------


def brute_force(counts, weights, k, cap):
    """The lightest heaviest load, by trying every way of sharing the cases."""
    top = len(counts) - 1
    per_level = []
    for level, count in enumerate(counts):
        ways = [c for c in itertools.product(range(count + 1), repeat=k) if sum(c) == count]
        if level == top and cap is not None:
            ways = [c for c in ways if max(c) <= cap]
        per_level.append(ways)
    best = None
    for choice in itertools.product(*per_level):
        loads = [sum(choice[level][j] * weights[level] for level in range(len(counts))) for j in range(k)]
        best = max(loads) if best is None else min(best, max(loads))
    return best


small_mix = st.tuples(
    st.lists(st.integers(0, 3), min_size=1, max_size=3),
    st.integers(1, 3),
    st.one_of(st.none(), st.integers(0, 3)),
).flatmap(
    lambda t: st.tuples(st.just(t[0]), st.lists(st.integers(1, 5), min_size=len(t[0]), max_size=len(t[0])), st.just(t[1]), st.just(t[2]))
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(small_mix)
def test_case_mix_is_optimal_assigns_every_case_once_and_keeps_the_cap(mix):
    counts, weights, k, cap = mix
    assignment, unassigned, exact, _, _ = case_mix.balance(tuple(counts), tuple(map(Fraction, weights)), k, cap)
    assert exact and len(assignment) == k
    kept = list(counts)
    if cap is not None:
        assert unassigned == max(counts[-1] - cap * k, 0)
        kept[-1] -= unassigned
        assert all(taken[-1] <= cap for taken in assignment)
    else:
        assert unassigned == 0
    assert [sum(taken[level] for taken in assignment) for level in range(len(counts))] == kept
    heaviest = max(sum(t * w for t, w in zip(taken, weights, strict=True)) for taken in assignment)
    assert heaviest == brute_force(kept, weights, k, cap)


def test_case_mix_is_exact_on_days_of_up_to_sixty_cases_and_twelve_people():
    import random

    rng = random.Random(20261201)
    for _ in range(25):
        levels, k = rng.randint(2, 6), rng.randint(2, 12)
        counts = [0] * levels
        for _ in range(rng.randint(30, 60)):
            counts[rng.randrange(levels)] += 1
        weights = tuple(Fraction(rng.randint(1, 6)) for _ in range(levels))
        assignment, _, exact, _, bound = case_mix.balance(tuple(counts), weights, k, rng.choice([None, 3]))
        assert exact, (counts, weights, k)
        assert max(sum(t * w for t, w in zip(a, weights, strict=True)) for a in assignment) >= bound


def test_case_mix_gives_the_same_assignment_every_time_and_explains_an_impossible_cap():
    raw = CASE_MIX.completed({"cases": "2,2,2,5", "clinicians": "3", "cap": "1"})
    first, again = CASE_MIX.run(raw)[1], CASE_MIX.run(raw)[1]
    assert first["assignment"] == again["assignment"]
    shown = CASE_MIX.render(*CASE_MIX.run(raw))
    assert "The cap cannot be met" in shown and "raise the cap to 2" in shown and "add 2 more" in shown


def test_case_mix_rejects_levels_without_weights():
    with pytest.raises(UserError, match="every level both a count and a weight"):
        CASE_MIX.run({"cases": "1,2,3", "weights": "1,2"})


# --- Rest --------------------------------------------------------------------------------------------

shift_lists = st.lists(
    st.tuples(st.integers(0, 20), st.integers(0, 23), st.integers(0, 23), st.sampled_from([0, 30])),
    min_size=1,
    max_size=12,
)


def independent_count(shifts, longest, rest_hours, days_in_a_row, week_hours) -> int:
    """The breaches counted another way: minutes as integers, days by ordinal, weeks by ISO number."""
    spans = []
    for day, start, end, minute in shifts:
        first = dt.datetime(2027, 1, 4) + dt.timedelta(days=day, hours=start, minutes=minute)
        last = dt.datetime(2027, 1, 4) + dt.timedelta(days=day, hours=end)
        if last <= first:
            last += dt.timedelta(days=1)
        spans.append((first, last))
    spans.sort()
    # Work as a union of time: a shift starting before the work so far has ended is an overlap (a
    # short rest) and joins that stretch; rest is counted between stretches.
    stretches, count = [], 0
    for a, b in spans:
        if stretches and a < stretches[-1][1]:
            count += 1
            stretches[-1][1] = max(stretches[-1][1], b)
        else:
            stretches.append([a, b])
    count += sum(1 for a, b in stretches if (b - a).total_seconds() > longest * 3600)
    count += sum(1 for (_, b), (c, _) in itertools.pairwise(stretches) if (c - b).total_seconds() < rest_hours * 3600)
    ordinals = sorted({a.date().toordinal() for a, _ in spans})
    runs, length = [], 1
    for x, y in itertools.pairwise(ordinals):
        if y == x + 1:
            length += 1
        else:
            runs.append(length)
            length = 1
    runs.append(length)
    count += sum(1 for run in runs if run > days_in_a_row)
    weeks = {}
    for a, b in stretches:
        key = a.isocalendar()[:2]
        weeks[key] = weeks.get(key, 0) + (b - a).total_seconds()
    return count + sum(1 for seconds in weeks.values() if seconds > week_hours * 3600)


@settings(max_examples=200, deadline=None)
@given(shift_lists, st.integers(8, 16), st.integers(6, 14), st.integers(1, 5), st.integers(24, 60))
def test_rest_breaches_equal_an_independent_count(shifts, longest, rest_hours, days_in_a_row, week_hours):
    text = ";".join(
        f"{dt.date(2027, 1, 4) + dt.timedelta(days=day)} {start:02d}:{minute:02d}-{end:02d}:00"
        for day, start, end, minute in shifts
    )
    raw = {"shifts": text, "max_shift_hours": str(longest), "min_rest_hours": str(rest_hours),
           "max_consecutive_days": str(days_in_a_row), "max_week_hours": str(week_hours)}  # fmt: skip
    _, results = REST.run(raw)
    assert results["breaches"] == independent_count(shifts, longest, rest_hours, days_in_a_row, week_hours)
    assert results["breaches"] == len(results["list"])


def test_rest_lists_each_breach_with_its_dates():
    _, results = REST.run({})
    listed = dict(results["list"])
    assert listed["Days in a row"] == "Mon 4 Jan 2027 to Thu 7 Jan 2027: 4 days"
    assert listed["Short rest"].startswith("Sat 9 Jan 2027 19:30 to Sun 10 Jan 2027 05:00")


@pytest.mark.parametrize(
    ("shifts", "message"),
    [
        ("2027-01-04 07:00", "must be a date and two times"),
        ("2027-02-30 07:00-19:00", "real calendar date"),
        ("2027-01-04 25:00-07:00", "24-hour clock"),
        ("<script>x</script>", "must be a date and two times"),
    ],
)
def test_rest_refuses_broken_shifts_beside_the_table(shifts, message):
    with pytest.raises(UserError, match=message):
        REST.run({"shifts": shifts})


# --- Shift bids --------------------------------------------------------------------------------------


@st.composite
def bids(draw):
    shift_count = draw(st.integers(1, 10))
    shifts = []
    for i in range(shift_count):
        day, start, length = draw(st.integers(0, 4)), draw(st.sampled_from([7, 11, 19])), draw(st.sampled_from([8, 12]))
        end = (start + length) % 24
        shifts.append(f"S{i},2027-01-{4 + day:02d} {start:02d}:00-{end:02d}:00,{draw(st.integers(1, 3))},"
                      f"{draw(st.sampled_from(['yes', 'no']))}")  # fmt: skip
    staff = []
    for j in range(draw(st.integers(1, 10))):
        wanted = draw(st.lists(st.integers(0, shift_count - 1), max_size=6))
        staff.append(f"P{j},{draw(st.integers(0, 5))},{' '.join(f'S{w}' for w in wanted)}")
    return {
        "staff": ";".join(staff),
        "shifts": ";".join(shifts),
        "shifts_each": str(draw(st.integers(1, 4))),
        "window_size": str(draw(st.integers(1, 4))),
        "prime_cap": str(draw(st.integers(0, 2))),
    }


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bids())
def test_shift_bids_keep_every_rule(raw):
    values, r = BID.run(raw)
    spans = {row[0]: row[1] for row in values["shifts"]}
    prime = {row[0]: row[3] == "yes" for row in values["shifts"]}
    needed = {row[0]: row[2] for row in values["shifts"]}
    for name, held in r["assigned"].items():
        assert len(held) <= values["shifts_each"]
        assert sum(prime[h] for h in held) <= values["prime_cap"]
        for a, b in itertools.combinations(held, 2):  # no one on two overlapping shifts
            assert not (spans[a][0] < spans[b][1] and spans[b][0] < spans[a][1]), (name, a, b)
    for shift, names in r["filled"].items():
        assert len(names) <= needed[shift]
    # Within each window and round, people pick in seniority order (ties: the earlier row).
    rank = {row[0]: (-row[1], i) for i, row in enumerate(values["staff"])}
    for (_, _), entries in itertools.groupby(r["log"], key=lambda e: (e[0], e[1])):
        order = [rank[text.split(" ")[0].rstrip(":")] for _, _, text in entries]
        assert order == sorted(order)
    assert BID.run(raw)[1]["assigned"] == r["assigned"]  # reproducible


def test_shift_bid_audit_log_explains_a_passed_over_choice():
    _, r = BID.run({})
    assert any(
        "their 3rd choice (S3 is prime and AB holds the most prime shifts allowed)" in text for _, _, text in r["log"]
    )


def test_shift_bid_refuses_unknown_and_repeated_shifts():
    with pytest.raises(UserError, match="wants S9, which is not in the shifts table"):
        BID.run({"staff": "Ana,3,S9"})
    with pytest.raises(UserError, match="S1 is used twice"):
        BID.run({"shifts": "S1,2027-01-04 07:00-19:00,1,no;S1,2027-01-05 07:00-19:00,1,no", "staff": "Ana,1,S1"})


# --- Staffing, 4+1, protected time: the formulas as written on their pages ----------------------------


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), min_size=1, max_size=8), st.integers(1, 8))
def test_staffing_shortfall_is_the_census_over_the_ratio_rounded_up_less_who_is_scheduled(rows, ratio):
    raw = {"patients_per_nurse": str(ratio), "shifts": ";".join(f"S{i},{c},{s}" for i, (c, s) in enumerate(rows))}
    _, r = CALCULATORS["staffing"].run(raw)
    assert r["shortfall_staff_shifts"] == sum(max(math.ceil(c / ratio) - s, 0) for c, s in rows)
    assert r["shifts_in_breach"] == sum(1 for c, s in rows if math.ceil(c / ratio) > s)


@given(st.integers(1, 300), st.integers(1, 30), st.integers(0, 120), st.integers(0, 480), st.integers(0, 20))
def test_four_plus_one_volume_within_the_limit_is_the_largest_that_keeps_it(volume, doc, inside, admin, limit):
    calc = CALCULATORS["four-plus-one"]
    raw = {"weekly_patients": str(volume), "doc_minutes": str(doc), "in_clinic_minutes": str(inside),
           "admin_day_minutes": str(admin), "after_hours_limit": str(limit)}  # fmt: skip
    try:
        _, r = calc.run(raw)
    except InputErrors as failure:  # a day or a week longer than it can be: refused by the shared limits
        assert all("a day has 24" in e.message or "a week has 168" in e.message for e in failure.errors)
        return
    most = r["volume_within_limit_four"]
    assert max(most * doc - 4 * inside - admin, 0) <= limit * 60 < max((most + 1) * doc - 4 * inside - admin, 0)
    assert r["after_hours_four"] <= r["after_hours_five"] + Fraction(max(0 - admin + inside, 0), 60)


def test_protected_time_refuses_more_protected_time_than_the_day():
    with pytest.raises(UserError, match="cannot be more than the scheduled time"):
        CALCULATORS["protected-time"].run({"protected_minutes": "500", "scheduled_minutes": "480"})


# --- The objection form ------------------------------------------------------------------------------


def test_the_objection_form_keeps_nothing_and_refuses_identifiers():
    form = {"assignment": "6 patients, 2 on insulin drips", "concern": "no time for hourly glucose checks"}
    reply = COMPONENTS["objection"].act(Request(component="objection", action="update", forms={"objection": form},
                                                edited={"objection": {"concern"}}))  # fmt: skip
    assert reply.store is None and reply.fragment is None
    assert "no time for hourly glucose checks" in reply.regions["result"] and "does not" in reply.regions["result"]
    form["concern"] = "bed 4, MRN 00123456"
    reply = COMPONENTS["objection"].act(Request(component="objection", action="update", forms={"objection": form},
                                                edited={"objection": {"concern"}}))  # fmt: skip
    assert reply.state == "invalid" and "record numbers" in reply.errors["objection"]["concern"]


# --- In Chromium -------------------------------------------------------------------------------------


def open_link(page, site_url, slug, raw):
    fragment = CALCULATORS[slug].to_fragment(raw)
    page.goto("about:blank")
    page.goto(f"{site_url}/calculators/{slug}/#{fragment}")
    page.wait_for_selector(f"[data-calc='{slug}'][data-state='ready']", timeout=BOOT)
    return fragment


def test_a_compressed_link_opens_the_whole_bid_in_the_browser(page, site_url):
    staff = ";".join(f"P{i},{i % 25},S{i % 40 + 1} S{(i * 7) % 40 + 1} S{(i * 11) % 40 + 1}" for i in range(120))
    shifts = ";".join(f"S{i},2027-01-{1 + i // 2:02d} {'07:00-19:00' if i % 2 else '19:00-07:00'},{1 + i % 3},"
                      f"{'yes' if i % 5 == 0 else 'no'}" for i in range(1, 41))  # fmt: skip
    raw = BID.completed({"staff": staff, "shifts": shifts, "shifts_each": "3", "window_size": "10"})
    fragment = open_link(page, site_url, "shift-bid", raw)
    assert fragment.startswith("v=1&z=")
    _, expected = BID.run(raw)
    root = page.locator("[data-calc='shift-bid']")
    for key in ("places_filled", "unfilled_places", "staff_short"):
        assert root.locator(f"[data-result='{key}']").get_attribute("data-value") == data_value(expected[key])
    assert shown_value(page, "shift-bid", "staff") == raw["staff"]
    assert page.locator("#shift-bid-staff-119-0").input_value() == "P119"
    assert page.errors_seen == []


def test_rows_are_added_removed_and_pasted_in_the_browser(page, site_url):
    page.goto(f"{site_url}/calculators/rest/")
    page.wait_for_selector("[data-calc='rest'][data-state='ready']", timeout=BOOT)
    rows = page.locator("[data-calc-table='shifts'] tbody tr")
    expect(rows).to_have_count(6)
    page.get_by_role("button", name="Add a shift").click()
    expect(rows).to_have_count(7)
    expect(page.locator("#rest-shifts-6-0")).to_be_focused()
    expect(page.locator("#rest-shifts-6-0")).to_have_value("2027-01-11 05:00-17:00")
    page.get_by_role("button", name="Remove shift 1", exact=True).click()
    expect(rows).to_have_count(6)
    expect(page.locator("#rest-shifts-0-0")).to_have_value("2027-01-05 07:00-19:00")
    # A paste of two spreadsheet rows into the first cell replaces the first two rows.
    page.locator("#rest-shifts-0-0").focus()
    page.evaluate("""() => {
        const data = new DataTransfer();
        data.setData("text/plain", "2027-01-04\\t07:00\\t19:00\\n2027-01-05\\t07:00\\t21:00\\n");
        document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }""")
    expect(page.locator("#rest-shifts-1-0")).to_have_value("2027-01-05 07:00 21:00")
    page.wait_for_selector("[data-calc='rest'][data-state='ready']")
    expect(page.locator("[data-calc='rest'] [role='status']")).to_contain_text("Pasted 2 rows.")
    assert "z=" not in page.url and "shifts=" in page.url
    # A typo in one cell is named beside the table, and what was typed stays.
    page.fill("#rest-shifts-2-0", "2027-01-06 7 to 19")
    page.wait_for_selector("[data-calc='rest'][data-state='invalid']")
    expect(page.locator("[data-calc-error='shifts']")).to_contain_text("Shift 3: Shift must be a date and two times")
    expect(page.locator("#rest-shifts-2-0")).to_have_value("2027-01-06 7 to 19")
    assert page.errors_seen == []


def test_the_case_mix_table_edits_both_columns_of_a_level_at_once(page, site_url):
    page.goto(f"{site_url}/calculators/case-mix/")
    page.wait_for_selector("[data-calc='case-mix'][data-state='ready']", timeout=BOOT)
    page.get_by_role("button", name="Add a level").click()
    page.fill("#case-mix-levels-4-0", "2")
    page.fill("#case-mix-levels-4-1", "5")
    page.wait_for_selector("[data-calc='case-mix'][data-state='ready']")
    _, expected = CASE_MIX.run({"cases": "6,5,4,3,2", "weights": "1,2,3,4,5"})
    heaviest = page.locator("[data-calc='case-mix'] [data-result='heaviest_load']")
    expect(heaviest).to_have_attribute("data-value", data_value(expected["heaviest_load"]))
    assert "cases=6%2C5%2C4%2C3%2C2" in page.url and "weights=1%2C2%2C3%2C4%2C5" in page.url
    assert page.errors_seen == []


def test_the_objection_record_stays_in_the_tab(page, site_url):
    page.goto(f"{site_url}/calculators/escalation/")
    page.wait_for_selector("[data-calc='objection'][data-state='ready']", timeout=BOOT)
    before = page.url
    page.fill("#objection-assignment", "6 patients, 2 on insulin drips")
    page.fill("#objection-concern", "no time for hourly glucose checks")
    expect(page.locator("#objection-record")).to_contain_text("no time for hourly glucose checks")
    assert page.url == before
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.includes('objection'))") == []
    assert page.errors_seen == []


def test_printing_the_record_prints_the_record_alone(page, site_url):
    page.goto(f"{site_url}/calculators/escalation/")
    page.wait_for_selector("[data-calc='objection'][data-state='ready']", timeout=BOOT)
    page.fill("#objection-assignment", "6 patients, 2 on insulin drips")
    page.fill("#objection-concern", "no time for hourly glucose checks")
    expect(page.locator("#objection-record")).to_contain_text("insulin drips")
    page.evaluate("window.print = () => { window.__printed = true; }")  # no print dialog in a test
    page.click("text=Print the record")
    assert page.evaluate("window.__printed") is True
    page.emulate_media(media="print")
    expect(page.locator("#objection-record")).to_be_visible()
    expect(page.locator("h1").first).to_be_hidden()  # the page around the record is not printed
    expect(page.locator("[data-calc='escalation']")).to_be_hidden()
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    expect(page.locator("h1").first).to_be_visible()  # and the page is whole again after printing
    assert page.errors_seen == []


NEW_PAGES = ["case-mix", "rest", "staffing", "four-plus-one", "protected-time", "shift-bid", "escalation"]


def test_the_tools_fit_a_phone_and_their_tables_scroll_inside_themselves(phone_context, site_url):
    page = phone_context.new_page()
    for slug in NEW_PAGES:
        page.goto(f"{site_url}/calculators/{slug}/")
        page.wait_for_selector(f"[data-calc='{slug}'][data-state='ready']", timeout=BOOT)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (slug, overflow)
        # Every cell of a table can be reached and is at least 24 px tall (WCAG 2.2 target size).
        heights = page.eval_on_selector_all(
            f"[data-calc='{slug}'] [data-calc-cell]", "els => els.map((e) => e.getBoundingClientRect().height)"
        )
        assert all(h >= 24 for h in heights), slug


def test_every_working_conditions_page_links_to_its_tool(built_site):
    pages = {
        "acuity-case-mix": "case-mix",
        "accreditation-rest": "rest",
        "staffing-ratios": "staffing",
        "four-plus-one": "four-plus-one",
        "documentation-debriefs": "protected-time",
        "shift-bidding": "shift-bid",
        "escalation-path": "escalation",
        "care-quality-evidence": "staffing",
    }
    for page, slug in pages.items():
        html = (built_site.path / "conditions" / page / "index.html").read_text()
        assert f'href="../../calculators/{slug}/"' in html, page
