"""The copy check (tests/own_words.py), tightened after the December 2026 review found 33
sentences copied from the source documents that the old check (runs of 10 words) let through:
runs of 7 words, and sentence similarity. The check is shown to catch what it must (the review's
33 sentences as they stood, and a seed sentence planted with light rewording, in a page and in a
calculator's string), and the site as it is passes it. Only the last needs the source documents
beside the checkout (../shared/seeds, which CI has); the others bring their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from own_words import (
    RUN,
    SEEDS,
    SIMILAR,
    page_texts,
    rendered_strings,
    seed_texts,
    shared_runs,
    similar_sentences,
    site_texts,
)

# The review's table (section 4): each site sentence as it stood, and the seed sentence it copied.
REVIEWED = [
    ("Scope creep is where burnout hides.", "Scope creep is where burnout hides."),
    (
        "new devices (tablets, scanners, badge taps) that add steps without a clear benefit",
        "New devices (tablets, scanners, badge swipes) that add steps without clear benefit.",
    ),
    (
        "The clinic template is too full to absorb a slower workflow | Department chair or medical director",
        "Clinic template too full to absorb slower workflows → department chair or medical director.",
    ),
    (
        "Here is what it costs in clinician time and after-hours work.",
        "Here’s the cost on clinician time and after-hours work.",
    ),
    (
        "You are not asking for less work because you can't cope.",
        "You’re not asking for less work because you “can’t hack it.”",
    ),
    (
        "formal recognition, or protected time, for acting as a physician champion.",
        "Get formal recognition or protected time as a “physician champion.”",
    ),
    (
        "The CMIO or physician informatics lead. Often your strongest ally.",
        "CMIO / Physician informatics lead – Often your best ally.",
    ),
    ("This intake screen has doubled my rooming time.", "This new intake screen is doubling my rooming time."),
    (
        "Open your calendar now and block ten minutes this week to start a simple log of what the change is costing you.",
        "Open your calendar right now and block 10 minutes this week to start a simple log of how this tech change is eating your time.",
    ),
    (
        "Adjust your expectations, and think about your leverage, or your exit.",
        "Adjust your expectations—and start thinking about leverage (or exit).",
    ),
    (
        "This change is lowering our effective hourly rate, because we work more hours for the same income.",
        "This change is decreasing our effective hourly rate because we’re working more for the same pay.",
    ),
    ("Which knob do we want to turn?", "Which knob do we, as owners, want to turn?"),
    (
        "Send one email, to your chair, your CMIO or your practice manager, asking for a 30-minute meeting to look at the impact and the options for scope and pace.",
        "send one email—to your chair, CMIO, or manager—asking for a 30-minute meeting to review that impact and discuss options on scope and pace.",
    ),
    ("Are you charting at home more than before?", "Are you doing more charting at home than before?"),
    (
        "Right now the cost is being absorbed by unpaid clinician hours.",
        "right now the trade-off is being silently absorbed by unpaid clinician hours.",
    ),
    (
        "We lost two physicians last year who named burnout and documentation as reasons.",
        "We lost two physicians last year citing burnout and documentation burden.",
    ),
    (
        "I'm raising this now because I care about doing this job well in five years, not just getting through this quarter.",
        "I’m flagging this early because I care about doing this job well five years from now, not just surviving this quarter.",
    ),
    (
        "I need to step back while the workload from the recent system changes settles.",
        "I need to step back while we stabilize the workload from the recent tech changes.",
    ),
    (
        "extra fields or checkboxes added 'for quality'",
        "Extra documentation fields or checkboxes tacked on “for quality.”",
    ),
    (
        "required new templates or smart phrases that slow your notes down",
        "Mandatory new templates or smart phrases that slow note-writing.",
    ),
    (
        "The practice or clinic manager. Owns local workflow, support staff, and day-to-day scheduling.",
        "Practice manager / clinic manager – Controls local workflows, support staff, scheduling tweaks.",
    ),
    (
        "Seniority-based priority windows, with fairness caps so that one group cannot take every prime shift.",
        "Seniority can set priority windows, while fairness caps can prevent one group from taking all prime shifts.",
    ),
    (
        "an organizing committee, majority support, and an election.",
        "Start an organizing committee, secure majority support, and file for a union election today.",
    ),
    (
        "Argue from safety, quality and retention, not from personal preference.",
        "Anchor your asks in patient safety, quality, and retention, not personal preference.",
    ),
    ("I want to stay, and for that we need real changes.", "I want to stay, but we need concrete changes."),
    (
        "A schedule of audits and incident reviews that tracks violations.",
        "A schedule of audits and incident reviews can track violations and trigger corrective actions.",
    ),
    (
        "often means one narrow quality measure, while clinician hours and turnover go uncounted.",
        "often means some narrow quality box while ignoring physician hours and turnover.",
    ),
    (
        "I need paid, blocked time in the workday, or a lighter schedule for the first week while I get up to speed.",
        "We need blocked, paid time during the workday or a temporary reduction in clinical volume for that first week while I get up to speed.",
    ),
    (
        "We can accept a lower rate per hour, raise our prices or negotiated rates, see fewer patients, or reduce the technology burden.",
        "We either accept lower income per hour, raise prices/negotiated rates, reduce volume, or reduce the tech burden.",
    ),
    (
        "The department chair or service-line director. Owns staffing, clinic templates, productivity and RVU expectations, and sometimes protected time.",
        "Service line director / department chair – Controls staffing, clinic templates, RVU expectations, and sometimes protected time.",
    ),
    (
        "We'll take on the new module, phased in, with a temporary reduction in volume.",
        "We'll adopt the new module, but phased and with temporary volume reduction.",
    ),
    (
        "Productivity targets adjusted for this time, so nobody is penalized for using it.",
        "Productivity targets should adjust for this time so staff are not penalized.",
    ),
    (
        "Do you spend more of your time looking at screens than looking at patients?",
        "Are you spending more time on screens than with patients?",
    ),
]

SEED = (
    "Before you push back, gather your evidence. Open your calendar right now and block 10 minutes this "
    "week to start a simple log of how this tech change is eating your time. Keep it up for two weeks."
)
# The second sentence, lightly reworded: no run of 7 words survives, yet it is the same sentence.
PLANTED = "Open up your calendar now, and block ten minutes this week to begin a simple log of how the tech change eats your time."


def test_the_review_s_33_copied_sentences_are_each_caught():
    assert len(REVIEWED) == 33
    seeds = {"seed": "\n".join(theirs for _, theirs in REVIEWED)}
    missed = [mine for mine, _ in REVIEWED if not similar_sentences({"page.md": mine}, seeds)]
    assert missed == []


def test_a_lightly_reworded_seed_sentence_planted_in_a_page_is_caught():
    assert shared_runs({"page.md": PLANTED}, {"seed": SEED}) == []  # the old kind of check misses it
    page = "# A page\n\nSome words of our own, about the week ahead.\n\n- " + PLANTED + "\n- And another item.\n"
    [(ratio, mine, theirs)] = similar_sentences({"docs/planted.md": page}, {"seed": SEED})
    assert ratio >= SIMILAR and mine.where == "docs/planted.md" and theirs.text.startswith("Open your calendar")
    assert (
        similar_sentences({"docs/own.md": "# A page\n\nSome words of our own, about the week ahead.\n"}, {"seed": SEED})
        == []
    )


def test_a_seed_sentence_planted_in_a_calculator_string_is_caught(tmp_path: Path):
    package = tmp_path / "calculators"
    package.mkdir()
    (package / "planted.py").write_text(
        f'"""A docstring is not shown to readers: {SEED}"""\n\nHINT = "Time matters."\nTEXT = f"<p>{{x}} {PLANTED}</p>"\n'
    )
    strings = rendered_strings(package)
    assert not any("docstring" in text for text in strings.values())
    [(_, mine, _)] = similar_sentences(strings, {"seed": SEED})
    assert mine.where.startswith("calculators/planted.py:4:")


def test_a_run_of_seven_words_is_caught_and_six_are_not():
    seven = "You need to negotiate the work itself, said nobody."
    assert shared_runs({"a.md": seven}, {"seed": "You need to negotiate the work itself, both scope and pace."}) == [
        ("a.md", "you need to negotiate the work itself")
    ]
    assert RUN == 7
    assert (
        shared_runs(
            {"a.md": "You need to negotiate the work, said nobody."}, {"seed": "You need to negotiate the work itself."}
        )
        == []
    )


def test_a_page_s_title_and_description_are_read():
    for where, text in page_texts().items():
        assert not text.startswith("---"), where
        front = (Path(__file__).resolve().parents[1] / where).read_text().split("---")[1]
        for line in front.strip().splitlines():
            assert line.split(":", 1)[1].strip() in text, where


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents (../shared/seeds) are not beside this checkout")
def test_the_site_is_in_its_own_words():
    seeds, texts = seed_texts(), site_texts()
    assert len(seeds) >= 2 and any(w.startswith("calculators/") for w in texts)
    assert shared_runs(texts, seeds) == []
    found = similar_sentences(texts, seeds)
    assert [f"{r:.2f} {mine.where}: {mine.text} | seed: {theirs.text}" for r, mine, theirs in found] == []
