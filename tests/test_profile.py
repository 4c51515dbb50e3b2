"""Every role: the reader's profile (role and setting) drives the words, units, defaults and presets
of every calculator; links carry it; storage keeps it. Native tests, no browser."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import CALCULATORS, InputErrors, get
from calculators.framework import html
from calculators.framework.profile import ALL, DEFAULT, Profile, from_store
from calculators.framework.protocol import Request

NURSE_SHIFTS = Profile("nurse", "shifts")
EXAMPLE_TODAY = dt.date(2026, 12, 1)
CLINIC_WORDS = re.compile(r"session|half-day|physician", re.I)
# Advice to see no one, or fewer than no one: "0 fewer patients", "-1 patients", "an assignment of 0".
# "a assignment", "an shift": an article that does not fit the word a sentence built around it.
WRONG_ARTICLE = re.compile(r"\ba (?=[aei])\w+|\ban (?=[bcdfgjkpqstvwxyz])\w+", re.I)
ZERO_ADVICE = re.compile(r"(?<![\d.,])(?:-\d[\d.]*|0) (?:fewer )?patients?\b|(?:assignment|census) of 0\b", re.I)


def text_of(markup: str) -> str:
    """What a reader sees, less citations: a study's population is named as the study names it
    ("573 ... physicians"), which is not the page speaking to the reader in the wrong role."""
    markup = re.sub(r"<cite\b[^>]*>.*?</cite>", " ", markup, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", markup).replace("&#x27;", "'").split())


def everything_shown(calc, profile: Profile, raw: dict | None = None) -> str:
    """Labels, hints, presets, result and announcement for these inputs under this profile."""
    raw = {**calc.defaults(None, profile), **(raw or {})}
    values, results = calc.run(raw)
    regions = html.field_regions(calc.slug, calc.inputs_for(profile), calc.presets_for(profile))
    return text_of("".join(regions.values()) + calc.render(values, results) + calc.announce(values, results))


@pytest.mark.parametrize("slug", sorted(CALCULATORS))
def test_a_nurse_on_shifts_is_never_told_about_sessions_or_physicians(slug):
    shown = everything_shown(CALCULATORS[slug], NURSE_SHIFTS)
    assert not CLINIC_WORDS.findall(shown), CLINIC_WORDS.findall(shown)


@pytest.mark.parametrize("profile", ALL, ids=lambda p: f"{p.role}-{p.setting}")
@pytest.mark.parametrize("slug", sorted(CALCULATORS))
def test_every_profile_has_working_defaults_in_its_own_words(slug, profile):
    calc = CALCULATORS[slug]
    shown = everything_shown(calc, profile)
    if profile.role != "physician":
        # An NP's or PA's supervising or collaborating physician is one of their owners, by name.
        assert "physician" not in shown.lower().replace("collaborating physician", "")
    if profile.shifts:
        assert "half-day" not in shown.lower() and "session" not in shown.lower()
        assert not re.findall(r"workday|clinic day", shown, re.I), slug  # a shift, not a clinic's day
    assert not WRONG_ARTICLE.findall(shown), WRONG_ARTICLE.findall(shown)
    assert not re.findall(r"\b([a-z]{2,}) \1\b|[Cc]linical clinic", shown), slug  # "clinical clinic days", "the the"


@settings(max_examples=150, deadline=None)
@given(
    profile=st.sampled_from(ALL),
    added=st.sampled_from(["0.5", "1", "5", "30", "120", "240"]),
    patients=st.sampled_from(["1", "2", "5", "14"]),
)
def test_no_calculator_advises_zero_or_negative_patients(profile, added, patients):
    cases = {
        "trade-off": {"added_minutes": added, "patients_per_session": patients, "affected_per_session": patients},
        "shift-trade-off": {"added_minutes": added, "patients_per_nurse": patients, "shift_hours": "4"},
    }
    for slug, raw in cases.items():
        try:
            shown = everything_shown(get(slug), profile, raw)
        except InputErrors as failure:  # longer than a day or a week: refused beside the field, no advice
            assert all(re.search(r"a (day has 24|week has 168)", e.message) for e in failure.errors), failure
            continue
        assert not ZERO_ADVICE.search(shown), ZERO_ADVICE.search(shown).group(0)


def test_links_carry_the_profile_and_a_link_without_one_is_a_physicians():
    calc = get("trade-off")
    nurse = {**calc.defaults(None, NURSE_SHIFTS), "added_minutes": "7"}
    fragment = calc.to_fragment(nurse)
    assert fragment == "v=1&role=nurse&setting=shifts&added_minutes=7"
    raw, problems = calc.read_fragment(fragment)
    assert problems == [] and raw == nurse
    # Omitted numbers take the link's own profile's defaults; an old link is a physician's in clinic.
    raw, _ = calc.read_fragment("v=1&added_minutes=7")
    assert raw["role"] == "physician" and raw["patients_per_session"] == "10"
    assert calc.to_fragment(calc.defaults()) == ""


def test_a_link_with_an_unknown_role_is_a_field_error_not_a_crash():
    reply = get("retention").act(Request(action="link", arg="v=1&role=surgeon&clinicians=9"))
    assert reply.state == "invalid"
    assert "role" in reply.errors["inputs"]
    assert "surgeon" not in reply.errors["inputs"]["role"]


def test_choosing_a_role_moves_untouched_defaults_and_keeps_what_was_typed():
    calc = get("retention")
    typed = {**calc.defaults(), "role": "nurse", "clinicians": "33"}
    request = Request(
        component="retention",
        action="update",
        forms={"inputs": typed},
        edited={"inputs": {"role"}},
    )
    reply = calc.act(request)
    fields = reply.fields["inputs"]
    assert fields["clinicians"] == "33"  # typed: kept
    assert fields["replacement_cost"] == "61110"  # was the physician default: now the nurse's
    assert fields["turnover_before_percent"] == "16.4"
    assert from_store(reply.store["profile"]) == Profile("nurse", "clinic")
    assert "Cost to replace one nurse" in reply.regions["label-replacement_cost"]
    assert "61,110" in reply.regions["presets-replacement_cost"]


def test_loading_follows_the_stored_profile_and_ignores_damaged_storage():
    calc = get("impact")
    stored = NURSE_SHIFTS.to_store()
    reply = calc.act(Request(component="impact", action="load", stored={"profile": stored}))
    assert reply.fields["inputs"]["clinic_days_per_week"] == "3"
    assert reply.regions["label-clinic_days_per_week"].startswith("Shifts per week")
    for junk in ("", "{", "[[[[", '{"role": "nurse"}', '{"role": "x", "setting": "shifts"}', "null", "7" * 5000):
        assert from_store(junk) is None
        reply = calc.act(Request(component="impact", action="load", stored={"profile": junk}))
        assert reply.fields["inputs"]["clinic_days_per_week"] == "5"


def test_another_tab_changing_the_profile_redraws_in_its_words():
    calc = get("shift-trade-off")
    typed = calc.defaults(None, NURSE_SHIFTS)
    reply = calc.act(
        Request(
            component="shift-trade-off",
            action="refresh",
            forms={"inputs": typed},
            stored={"profile": Profile("physician", "shifts").to_store()},
        )
    )
    assert reply.fields["inputs"]["patients_per_nurse"] == "14"  # a hospitalist's census, not an assignment
    assert "census" in text_of(reply.regions["result"])
    assert reply.regions["label-patients_per_nurse"] == "Patients per physician (patients)"


@pytest.mark.parametrize(
    ("role", "cost", "presets"),
    [
        ("physician", "500000", ["500000", "750000", "1000000"]),
        ("nurse", "61110", ["49500", "61110", "72700"]),
        ("app", "100000", []),
    ],
)
def test_retention_presets_follow_the_role(role, cost, presets):
    calc = get("retention")
    profile = Profile(role, "clinic")
    assert calc.defaults(None, profile)["replacement_cost"] == cost
    assert [raw for _, raw in calc.presets_for(profile).get("replacement_cost", ())] == presets
    label = calc.input("replacement_cost", profile).label
    assert label == f"Cost to replace {profile.words['one']}"
    values, results = calc.run(calc.defaults(None, profile))
    shown = text_of(calc.render(values, results))
    if role == "physician":
        assert results["burnout_cost_context"] == 20 * 7600
    else:
        assert results["burnout_cost_context"] is None
        assert "7,600" not in shown
    if role == "app":
        assert "placeholder" in shown


def test_nurse_retention_reproduces_the_nsi_arithmetic():
    calc = get("retention")
    _, r = calc.run({"role": "nurse"})
    # 40 nurses, 16.4% -> 20%: 1.44 more departures at $61,110 each.
    assert r["extra_departures_per_year"] * 100 == 144
    assert r["extra_turnover_cost_per_year"] == r["extra_departures_per_year"] * 61110


def test_fill_leaves_unknown_braces_alone():
    assert DEFAULT.fill("{block} {nope} {Blocks}") == "session {nope} Sessions"
    assert NURSE_SHIFTS.fill("per {block_long}") == "per shift"
    assert Profile("app", "clinic").describe() == "an NP or PA working clinic sessions"


def test_every_script_is_worded_for_a_nurse_on_shifts():
    from calculators.components.scripts import SECTIONS, library_html

    shown = text_of(library_html(NURSE_SHIFTS))
    assert not CLINIC_WORDS.findall(shown), CLINIC_WORDS.findall(shown)
    for _, scripts in SECTIONS:
        for script in scripts:
            assert "{" not in script.text_for(NURSE_SHIFTS) and "{" not in script.text_for(None), script.id


def test_a_nurse_on_shifts_gets_a_packet_in_her_words_from_her_log():
    from calculators.components.impact_log.data import dump
    from support import EXAMPLE

    stored = {"profile": NURSE_SHIFTS.to_store(), "log": dump(EXAMPLE), "packet": None}
    reply = get("packet").act(Request(action="load", stored=stored, today=EXAMPLE_TODAY))
    shown = text_of("".join(reply.regions.values()))
    assert "Worked out from the added hours, spread over every patient of every shift" in shown
    assert not CLINIC_WORDS.findall(shown), CLINIC_WORDS.findall(shown)


def test_a_nurse_on_shifts_keeps_a_log_of_shifts_not_workdays():
    from calculators.components.impact_log.data import dump
    from support import EXAMPLE

    stored = {"profile": NURSE_SHIFTS.to_store(), "log": dump(EXAMPLE)}
    reply = get("log").act(Request(action="load", stored=stored, today=EXAMPLE_TODAY))
    shown = text_of("".join(reply.regions.values()))
    assert "Length of the shift (hours)" in shown and "Patients a shift" in shown, shown
    assert "Shifts you work a week (shifts)" in shown, shown
    assert not re.search(r"workday|clinic day", shown, re.I), re.findall(
        r"[^.]*(?:workday|clinic day)[^.]*", shown, re.I
    )
    assert not CLINIC_WORDS.findall(shown), CLINIC_WORDS.findall(shown)


def test_a_nurses_transition_asks_for_one_patient_fewer_in_the_planner_and_the_packet():
    """Two fewer is the clinic's rule of thumb; on an assignment of four or five it is a big cut, and
    on an intensive care unit's two it leaves none."""
    assert get("transition").defaults(profile=NURSE_SHIFTS)["reduction_per_session"] == "1"
    assert get("transition").defaults(profile=Profile("physician", "shifts"))["reduction_per_session"] == "2"
    reply = get("packet").act(Request(action="load", stored={"profile": NURSE_SHIFTS.to_store()}, today=EXAMPLE_TODAY))
    assert "Adjust the workload: 1 fewer patient per shift for 6 weeks." in text_of("".join(reply.regions.values()))


def test_choosing_shifts_in_the_log_rewords_its_list_and_settings_and_keeps_what_is_typed():
    from calculators.components.impact_log.data import dump
    from support import EXAMPLE

    log = get("log")
    forms = {"about": {"role": "nurse", "setting": "shifts"}, "settings": {"days_per_week": "3"}}
    reply = log.act(Request(action="about", forms=forms, stored={"log": dump(EXAMPLE)}, today=EXAMPLE_TODAY))
    assert "Shift" in text_of(reply.regions["entries"]) and "Workday" not in text_of(reply.regions["entries"])
    settings = reply.regions["settings"]
    assert "Shifts you work a week" in text_of(settings) and 'value="3"' in settings
    # Without the settings form in the request, the stored settings are shown, not blanks.
    reply = log.act(Request(action="about", forms={"about": forms["about"]}, stored={"log": dump(EXAMPLE)}))
    go_live = EXAMPLE.settings["go_live"]
    assert f'value="{go_live}"' in reply.regions["settings"]


@pytest.mark.parametrize(
    ("profile", "record", "owner"),
    [(NURSE_SHIFTS, "flowsheet", "CNIO or nursing informatics"), (DEFAULT, "note", "CMIO")],
)
def test_the_packet_names_the_owner_of_each_target_in_the_readers_world(profile, record, owner):
    reply = get("packet").act(Request(action="load", stored={"profile": profile.to_store()}, today=EXAMPLE_TODAY))
    shown = text_of("".join(reply.regions.values()))
    assert f"The extra fields and checkboxes added to every {record} (for the {owner})" in shown
