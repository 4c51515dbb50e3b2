"""Advice a clinician can stake a job on (issue 23, items 1 and 2): no page calls declining an
assignment abandonment, the legal lines name their sources, the crisis box speaks to every role, and
the self-check, the rest check and the escalation path follow the reader's profile."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from calculators import CALCULATORS, get
from calculators.components import escalation, scripts, self_check
from calculators.components.impact_log import data as impact_log
from calculators.components.impact_log.data import Log
from calculators.components.impact_log.views import summary_html
from calculators.components.packet import document as packet_document
from calculators.components.packet import words as packet_words
from calculators.framework.about import ABOUT
from calculators.framework.profile import ALL, KEY, Profile
from calculators.framework.protocol import Request
from support import TODAY, entry

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = {path.relative_to(DOCS).as_posix(): path.read_text() for path in DOCS.rglob("*.md")}
NURSE_SHIFTS, PHYSICIAN_CLINIC = Profile("nurse", "shifts"), Profile("physician", "clinic")

# What the December review flagged as unsafe, in any wording close to it.
UNSAFE = {
    "declining or refusing an assignment called abandonment": re.compile(
        r"(refus|declin)\w*(?:(?!\bnot\b)[^.]){0,60}assignment(?:(?!\bnot\b)[^.]){0,60}"
        r"\b(is|be|as|counts as|amounts to)\b(?:(?!\bnot\b)[^.]){0,30}abandon",
        re.I,
    ),
    "accept under protest as the only safe course": re.compile(r"so accept under protest", re.I),
    "the crisis route for physicians only": re.compile(r"or your physician health\s+program", re.I),
}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _every_script_text() -> list[str]:
    texts = [s.text_for(None) for _, group in scripts.SECTIONS for s in group]
    return texts + [s.text_for(p) for _, group in scripts.SECTIONS for s in group for p in ALL]


def _sentences(text: str) -> list[str]:
    """The sentences of a page's prose (headings left out)."""
    prose = re.sub(r"^#+ .*$", "", text, flags=re.M)
    return re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", prose))


@pytest.mark.parametrize("name", sorted(UNSAFE))
def test_no_docs_page_or_script_says_what_the_review_flagged(name):
    pattern = UNSAFE[name]
    found = [page for page, text in PAGES.items() if pattern.search(re.sub(r"\s+", " ", text))]
    found += [text[:60] for text in _every_script_text() if pattern.search(text)]
    assert found == []


def test_the_patterns_would_catch_the_old_lines():
    old = (
        "Refusing an assignment outright can be treated as patient abandonment, so accept under protest and "
        "document. Elsewhere, contact your local emergency number or your physician health program."
    )
    assert all(pattern.search(old) for pattern in UNSAFE.values())


def test_every_sentence_about_abandonment_puts_it_after_accepting():
    sentences = [s for text in PAGES.values() for s in _sentences(text) if "abandon" in s.lower()]
    assert sentences  # the escalation page and the protections page explain it
    for sentence in sentences:
        if re.search(r"refus|declin", sentence, re.I):
            assert re.search(r"\bnot\b", sentence), sentence
    explained = " ".join(sentences)
    assert re.search(r"\*\*after\*\* you accepted", explained)


def test_no_built_page_says_what_the_review_flagged(built_site):
    found = []
    for path in built_site.path.rglob("*.html"):
        text = _text(path.read_text())
        found += [(path.relative_to(built_site.path).as_posix(), n) for n, p in UNSAFE.items() if p.search(text)]
    assert found == []


def test_the_legal_lines_name_their_sources():
    escalation_page, protections = PAGES["conditions/escalation-path.md"], PAGES["playbook/protections.md"]
    for needle in ("ANA position statement", "2009", "217.20", "Safe Harbor", "North Dakota", "2002"):
        assert needle in escalation_page, needle
    safe_harbor = next(s for s in _sentences(escalation_page) if "invoke Safe Harbor" in s)
    assert "before you accept" in safe_harbor
    for needle in ("29 CFR 785.11", "29 CFR 785.19", "29 CFR 785.27", "Fact Sheet", "29 CFR 541", "Weingarten",
                   "1975", "217.20", "six months"):  # fmt: skip
        assert needle in protections, needle
    pay = protections[protections.index("{ #pay }") : protections.index("{ #assignments }")]
    for work in ("clock out", "meal break", "training"):
        assert work in pay, work


def test_the_union_steward_comes_in_at_the_first_step_because_grievances_have_deadlines():
    ladder = PAGES["playbook/after-the-meeting.md"]
    assert re.search(r"steward in at step 1", ladder) and "deadline" in ladder
    union = PAGES["playbook/protections.md"].split("{ #union }")[1]
    assert "**first** step" in union and "within a set number of days" in union


def test_the_crisis_box_speaks_to_every_role_and_matches_the_recognise_page():
    page = PAGES["playbook/at-the-edge.md"]
    box = re.search(r'!!! warning "If you are in crisis"\n((?: {4}.*\n|\n)+)', page).group(1)
    box = re.sub(r"\s+", " ", box)
    for needle in ("988", "employee assistance program", "Physician Support Line", "nurses, NPs and PAs"):
        assert needle in box, needle
    health = next(s for s in _sentences(box) if "health programs" in s)
    assert "licensing board" in health  # the same caution as the self-check's page
    assert "licensing boards" in PAGES["playbook/recognise.md"]


# --- The self-check follows the profile ------------------------------------------------------------


def _stored(profile: Profile) -> dict[str, str]:
    return {KEY: profile.to_store()}


@pytest.mark.parametrize("profile", ALL, ids=lambda p: f"{p.role}-{p.setting}")
def test_the_self_check_counts_the_week_and_names_the_work_of_the_readers_profile(profile):
    every = {q.key for q in self_check.QUESTIONS}
    reply = get("self-check").act(
        Request(action="load", forms={"answers": {"yes": sorted(every)}}, stored=_stored(profile))
    )
    questions, result = _text(reply.regions["questions"]), _text(reply.regions["result"])
    if profile.shifts:
        assert "three to nine hours" in result and "fifteen" not in result
        assert "handover" in questions and "at home" not in questions
    else:
        assert "five to fifteen hours" in result and "three to nine" not in result
    if profile.role == "nurse":
        assert "clock out" in questions and "skip breaks" in questions
        assert 'href="../protections/#pay"' in reply.regions["result"]  # hourly staff: that time is paid work
    else:
        assert "#pay" not in reply.regions["result"]
    assert reply.fields["about"] == {"role": profile.role, "setting": profile.setting}
    assert reply.regions["questions"].count(" checked") == len(every)  # the ticks are kept


def test_choosing_a_role_in_the_self_check_keeps_it_and_rewords_the_questions():
    request = Request(
        action=ABOUT, forms={"about": {"role": "nurse", "setting": "shifts"}, "answers": {"yes": "longer-days"}}
    )
    reply = get("self-check").act(request)
    assert Profile("nurse", "shifts").to_store() == reply.store[KEY]
    assert "past their scheduled end" in reply.regions["questions"]
    assert 'id="self-check-longer-days" name="yes" value="longer-days" checked' in reply.regions["questions"]
    update = get("self-check").act(
        Request(action="update", forms={"answers": {"yes": "longer-days"}}, stored=_stored(NURSE_SHIFTS))
    )
    assert "three to nine hours" in update.regions["result"]


def test_the_self_check_before_python_speaks_to_every_reader():
    html = _text(get("self-check").html(TODAY))
    assert "days or shifts" in html and "three to nine" in html and "five to fifteen" in html


# --- The rest check and the escalation path ---------------------------------------------------------

REST = CALCULATORS["rest"]


@pytest.mark.parametrize("profile", ALL, ids=lambda p: f"{p.role}-{p.setting}")
def test_no_profile_gets_resident_duty_limits_by_default(profile):
    defaults = REST.defaults(TODAY, profile)
    assert Fraction(defaults["max_shift_hours"]) <= 12 and Fraction(defaults["max_week_hours"]) <= 60
    if profile.role == "physician":
        hint = REST.input("max_week_hours", profile).hint
        assert "80" in hint and "residents and fellows only" in hint


def test_an_attendings_seventy_hour_week_is_a_breach_by_default():
    week = ";".join(f"2027-01-0{d} 07:00-21:00" for d in range(4, 9))
    _, r = REST.run({"role": "physician", "setting": "clinic", "shifts": week})
    assert r["long_weeks"] == 1 and r["total_hours"] == 70


def _template_hours() -> list[Fraction]:
    """The response times of the template on the escalation page, in hours."""
    page = PAGES["conditions/escalation-path.md"]
    table = page[page.index("{ #template }") :]
    times = re.findall(r"\| \[(\d+) (minutes|hour|hours)\] \|", table)
    return [Fraction(int(n), 60) if unit == "minutes" else Fraction(int(n)) for n, unit in times]


def test_the_nursing_chain_answers_in_the_times_the_escalation_page_promises():
    template = _template_hours()
    assert template == [Fraction(1, 4), Fraction(1, 2), Fraction(1)]
    calc = CALCULATORS["escalation"]
    for profile in (NURSE_SHIFTS, Profile("physician", "shifts"), Profile("app", "shifts")):
        _, r = calc.run({"role": profile.role, "setting": profile.setting})
        assert [within for _, _, within in r["steps"]] == template, profile
        assert r["hours_to_top"] <= 1


def test_a_physician_on_shifts_has_a_chain_of_their_own():
    calc = CALCULATORS["escalation"]
    hospitalist = calc.defaults(TODAY, Profile("physician", "shifts"))["steps"]
    clinic = calc.defaults(TODAY, PHYSICIAN_CLINIC)["steps"]
    assert hospitalist == escalation.HOSPITALIST != clinic
    assert "Clinic lead" not in hospitalist and "on call" in hospitalist


# --- Scripts for the roles and the group ------------------------------------------------------------


def test_the_nurses_answer_to_everyone_else_is_managing_names_unpaid_time_as_paid_work():
    nurse = scripts.named("everyone-else").text_for(NURSE_SHIFTS)
    assert "clock out" in nurse and "pay" in nurse
    assert scripts.named("everyone-else").text_for(PHYSICIAN_CLINIC) != nurse


def test_a_group_without_numbers_has_a_request_and_a_letter_in_the_first_person_plural():
    for script_id in ("group-request-email", "group-letter"):
        text = scripts.named(script_id).text_for(None)
        assert re.search(r"\bWe\b", text) and " I " not in text, script_id
    assert "not anyone's own figures" in scripts.named("group-letter").text


# --- The log keeps unpaid time for hourly staff ------------------------------------------------------

UNPAID = Log(
    {"go_live": "2026-11-09", "task_1_name": "", "task_2_name": "", "days_per_week": ""},
    [
        entry("2026-11-02", "07:00", "19:00", "0", "5", off_clock_minutes="", missed_breaks=""),
        entry("2026-11-09", "07:00", "19:00", "0", "5", off_clock_minutes="40", missed_breaks="1"),
        entry("2026-11-10", "19:00", "07:00", "0", "5", off_clock_minutes="25", missed_breaks="0"),
    ],
)


def test_the_logs_unpaid_time_round_trips_through_storage_and_csv():
    assert impact_log.load(impact_log.dump(UNPAID)) == (UNPAID, None)
    text = impact_log.to_csv(UNPAID)
    header = text.removeprefix("\ufeff").split("\r\n")[0].split(",")
    assert {"off_clock_minutes", "missed_breaks"} <= set(header)
    assert impact_log.from_csv(text) == UNPAID
    assert "40,1," in text  # the minutes and the break, as typed


def test_a_csv_from_before_the_pay_fields_still_imports():
    text = impact_log.to_csv(UNPAID).removeprefix("\ufeff")
    rows = [line.split(",") for line in text.split("\r\n") if line]
    keep = [i for i, name in enumerate(rows[0]) if name not in ("off_clock_minutes", "missed_breaks")]
    older = "\r\n".join(",".join(row[i] for i in keep) for row in rows)
    imported = impact_log.from_csv(older)
    assert [e["off_clock_minutes"] for e in imported.entries] == ["", "", ""]


def test_the_summary_counts_unpaid_minutes_and_missed_breaks_over_the_days_they_were_entered():
    summary = impact_log.summarise(UNPAID)
    after = summary["after"]
    assert after["off_clock_minutes"] == Fraction(65, 2) and after["off_clock_total_minutes"] == 65
    assert after["missed_breaks"] == 1
    assert summary["before"]["off_clock_minutes"] is None  # never entered: not zero


@pytest.mark.parametrize("profile", ALL, ids=lambda p: f"{p.role}-{p.setting}")
def test_the_pay_fields_speak_to_hourly_staff_in_the_readers_words(profile):
    fields = {item.name: item for item in impact_log.entry_inputs(profile)}
    off, breaks = fields["off_clock_minutes"], fields["missed_breaks"]
    assert off.optional and breaks.optional and "paid" in off.hint
    if profile.role == "nurse":
        assert "hourly pay only" not in off.label
    else:
        assert "hourly pay only" in off.label and "Salaried clinicians leave it blank" in off.hint
    if profile.shifts:
        assert "that shift" in breaks.hint


@pytest.mark.parametrize("profile", ALL, ids=lambda p: f"{p.role}-{p.setting}")
def test_the_logs_summary_shows_unpaid_time_with_what_the_law_says(profile):
    html = summary_html(UNPAID, impact_log.summarise(UNPAID), profile)
    assert 'data-result="after-off_clock_total_minutes" data-value="65"' in html
    assert 'data-result="after-missed_breaks" data-value="1"' in html
    assert "29 CFR 785" in html and 'href="../../playbook/protections/#pay"' in html
    assert ("most staff nurses are" in html) == (profile.role == "nurse")
    paid_nothing = Log(UNPAID.settings, [entry("2026-11-02"), entry("2026-11-09")])
    assert "29 CFR 785" not in summary_html(paid_nothing, impact_log.summarise(paid_nothing), profile)


def test_the_packet_sends_a_nurses_training_target_to_the_nurse_manager_and_educator_not_a_chair():
    assert "chair" not in packet_words.owner_of("training", NURSE_SHIFTS)
    assert "clinical nurse educator" in packet_words.owner_of("training", NURSE_SHIFTS)
    assert "paid time" in packet_words.owner_of("training", NURSE_SHIFTS)
    assert "APP lead" in packet_words.owner_of("training", Profile("app", "clinic"))
    assert "chair" in packet_words.owner_of("training", PHYSICIAN_CLINIC)


def test_the_packet_dates_a_care_delay_by_week_never_by_day_of_service():
    log = Log(UNPAID.settings, [entry("2026-11-11", delay="Scanner down, insulin dose 35 min late")])
    shown = packet_document.care_delays({"log": log})
    assert "Week of Mon 9 Nov 2026: Scanner down" in shown and "11 Nov" not in shown


def test_the_packet_offers_a_units_targets_with_their_owners():
    assert "CNIO or nursing informatics" in packet_words.owner_of("scanning", NURSE_SHIFTS)
    assert packet_words.owner_of("alarms", NURSE_SHIFTS) == "your nurse manager, with clinical engineering"
    assert "barcode scanning" in packet_words.target_text({}, "scanning")
