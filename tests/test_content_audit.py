"""The December 2026 content review, checked item by item after the repairs (the table is in the
audit report): what a test can guard, for the items the audit fixed or found only partly fixed.
Above all, a nurse on three 12-hour shifts, reading on a phone, is not told about booked patients,
visits to price or a clinic week, and no page or calculator contradicts another. Native, no browser."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from own_words import page_texts, rendered_strings
from test_profile import NURSE_SHIFTS, everything_shown, text_of

from calculators import CALCULATORS, get
from calculators.components import scripts
from calculators.framework.profile import DEFAULT, Profile
from calculators.framework.protocol import Request

DOCS = Path(__file__).resolve().parents[1] / "docs"
TODAY = dt.date(2026, 12, 1)


def page(path: str) -> str:
    return " ".join((DOCS / path).read_text().split())


def reader_texts() -> dict[str, str]:
    return {where: " ".join(text.split()) for where, text in (page_texts() | rendered_strings()).items()}


# Defect 23: nurses' EHR load has been measured (Collins 2018, Khan 2022); the site says so rather
# than that nothing exists. Checked over every page and every string a calculator renders.
OVERSTATED_ABSENCE = re.compile(r"no standard set|none (?:was )?found for nurses|was found for this page", re.I)


def test_no_reader_text_says_nothing_measures_nurses_ehr_load():
    found = {where: m.group(0) for where, text in reader_texts().items() if (m := OVERSTATED_ABSENCE.search(text))}
    assert found == {}


def test_the_nursing_studies_are_given_as_context_where_nurses_read_their_measures():
    for path in ("calculators/vendor-report.md", "tools/log.md"):
        assert "Khan et al., *Critical Care Nurse*, 2022" in page(path), path
    assert "Collins et al., *AMIA Annual Symposium Proceedings*, 2018" in page("calculators/vendor-report.md")


def test_the_logs_measures_note_is_filled_in_the_readers_words():
    from calculators.components.impact_log.views import measures_note

    note = text_of(measures_note({"ehr_minutes_per_patient": 12}, NURSE_SHIFTS))
    assert "Khan et al., Critical Care Nurse, 2022" in note and "share of the shift spent in the EHR" in note
    assert "{" not in note


# What a nurse on shifts is shown, calculator by calculator.
CLINIC_ONLY = re.compile(r"\bbooked\b|revenue per visit|visits deferred|adjusted target", re.I)
# The two places "booked" is still right for her: a meeting "until it is booked" (the packet) and the
# report question "days with nothing booked" (the vendor report asks about a clinic report's rules).
STILL_RIGHT = re.compile(r"until it is booked|nothing booked|Unbooked minutes in the template")


@pytest.mark.parametrize("slug", sorted(CALCULATORS))
def test_a_nurse_on_shifts_is_not_told_about_booked_patients_or_visit_revenue(slug):
    shown = STILL_RIGHT.sub("", everything_shown(CALCULATORS[slug], NURSE_SHIFTS))
    assert not CLINIC_ONLY.findall(shown), CLINIC_ONLY.findall(shown)


def test_protected_time_announces_a_whole_assignment_to_a_nurse_and_a_target_to_others():
    calc = get("protected-time")
    values, results = calc.run(calc.defaults(None, NURSE_SHIFTS))
    said = calc.announce(values, results)
    assert "assignment that fits 4 patients" in said and "4.6" not in said, said
    values, results = calc.run(calc.defaults(None, DEFAULT))
    assert "adjusted target 15.75" in calc.announce(values, results)  # 15.75 + 2.25 = 18, as shown


def test_the_four_plus_one_tells_someone_on_shifts_what_fits_their_week():
    calc = get("four-plus-one")
    values, results = calc.run(calc.defaults(None, NURSE_SHIFTS))
    shown = calc.render(values, results)
    assert "reshapes a five-day clinic week" in shown and "../rest/" in shown and "../shift-trade-off/" in shown
    values, results = calc.run(calc.defaults(None, DEFAULT))
    assert "reshapes a five-day clinic week" not in calc.render(values, results)


def test_the_transition_planner_counts_patient_contacts_on_a_unit():
    shown = everything_shown(get("transition"), NURSE_SHIFTS)
    assert "Patient contacts deferred" in shown and "not billed by the visit" in shown
    assert "Visits deferred" in everything_shown(get("transition"), DEFAULT)


def test_a_nurses_packet_marked_provisional_names_her_own_sources():
    stored = {"profile": NURSE_SHIFTS.to_store()}
    forms = {"packet": {"numbers_are": "provisional", "change": "the new flowsheet", "targets": ["fields"]}}
    reply = get("packet").act(Request(action="update", forms=forms, stored=stored, today=TODAY))
    shown = text_of("".join(reply.regions.values()))
    assert "rebuilt from my timeclock punches and assignment sheets" in shown, shown[:400]
    assert "every flowsheet" in shown and "every note" not in shown


# Scripts: a group can open the meeting as one voice (section 2d); a nurse's protected time comes
# with relief, not a productivity target.
def test_a_group_has_its_own_opener_beside_its_email_and_letter():
    group = dict(scripts.SECTIONS)["Acting as a group"]
    assert [s.id for s in group] == ["group-request-email", "group-opener", "group-letter"]
    opener = scripts.named("group-opener").text_for(NURSE_SHIFTS)
    assert "we agreed beforehand" in opener and "shifts" in opener and "{" not in opener
    assert "clinic days" in scripts.named("group-opener").text_for(Profile("physician", "clinic"))


def test_a_nurse_asks_for_protected_time_with_relief_not_against_a_productivity_target():
    text = scripts.named("ask-protected-time").text_for(NURSE_SHIFTS)
    assert "covering our patients" in text and "productivity" not in text
    assert "productivity targets" in scripts.named("ask-protected-time").text_for(DEFAULT)


# Pages a nurse reaches from the home page's routes: each speaks to a unit as well as a clinic.
@pytest.mark.parametrize(
    ("path", "phrases"),
    [
        ("playbook/map.md", ("minutes worked after you clocked out", "meal breaks you missed", "flowsheet rows")),
        ("playbook/scope.md", ("On a unit:", "shift-trade-off.md")),
        ("playbook/pace.md", ("one patient off each assignment", "one fewer in a nurse's assignment")),
        ("playbook/meeting-soon.md", ("timeclock punches", "assignment sheets")),
        ("tools/team.md", ("scripts.md#group-opener",)),
    ],
)
def test_a_page_on_the_nurses_route_speaks_to_a_unit(path, phrases):
    text = page(path)
    assert [p for p in phrases if p not in text] == []


def test_no_page_tells_a_unit_nurse_that_her_extra_hours_are_at_home_only():
    assert "five more hours a week at home" not in page("playbook/map.md")


# Coverage #152 and defect 21: the rest page carries the nurse shift-length evidence, stated as hours,
# not as proof that a policy works.
def test_the_rest_page_cites_the_shift_length_studies_with_their_years():
    text = page("conditions/accreditation-rest.md")
    assert "(Rogers et al., *Health Affairs*, 2004)" in text and "(Stimpfel et al., *Health Affairs*, 2012)" in text
    assert "no study shows that a rest policy by itself lowers errors or turnover" in text


# Defect 17: dates of service are identifiers; what is shared names the week.
def test_the_protections_page_says_dates_identify_patients():
    text = page("playbook/protections.md")
    assert "45 CFR 164.514(b)" in text and "names the week of an event, not the day" in text


# Defect 26: no reviewer is invented; the page says plainly there is none yet, and the maintainers
# have a marked place to name them.
def test_the_about_page_names_no_invented_reviewer_and_says_so():
    raw = (DOCS / "about/index.md").read_text()
    assert "**Named clinical reviewers: none yet.**" in raw
    assert "<!-- For the maintainers:" in raw and "credential (RN, NP or PA, MD or DO)" in raw


# Coverage #17: more than one yes points at the change, not at the reader.
def test_two_yeses_point_at_the_change_not_the_reader():
    from calculators.components.self_check import verdict

    assert "points at the change, not at you" in verdict({"screens", "disruptions"})[1]
    assert "points at the change" not in verdict({"screens"})[1]


# Peers (section 7) and coverage items (section 1) the audit closed: each stays on its page.
@pytest.mark.parametrize(
    ("path", "phrase"),
    [
        ("conditions/staffing-ratios.md", "*Principles for Nurse Staffing* (third edition, released in 2019)"),
        ("tools/team.md", "(Perlo et al., IHI white paper, 2017)"),
        ("conditions/escalation-path.md", "**A place in the electronic record** for each escalation"),
        ("conditions/accreditation-rest.md", "one of the few things that reaches the board"),
        ("conditions/four-plus-one.md", "the notes can only be written after the last one"),
    ],
)
def test_a_closed_peer_or_coverage_item_stays_on_its_page(path, phrase):
    assert phrase in page(path)
