"""Every figure on a reading page names its source and year: a percentage or a dollar amount needs
a year (or the label of a rule of thumb, an example or a placeholder) in the same paragraph. The
citations the December 2026 review found wrong stay corrected, and no page tells a reader that a
source was not read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from own_words import page_texts, rendered_strings

DOCS = Path(__file__).resolve().parents[1] / "docs"
FIGURE = re.compile(r"(?<![\w.])\$\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?%")
# A year names the source's date; the labels below are how the site marks its own numbers.
CITED = re.compile(r"\b(?:19|20)\d\d\b|rules? of thumb|illustrative|example|placeholder|planning default", re.I)
PAGES = sorted(DOCS.rglob("*.md"))


def uncited(text: str) -> list[str]:
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # the front matter
    found = []
    for paragraph in re.split(r"\n\s*\n", text):
        if not CITED.search(paragraph):
            found += [f"{m.group(0)!r} in: {paragraph.strip()[:100]}" for m in FIGURE.finditer(paragraph)]
    return found


@pytest.mark.parametrize("md", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_figure_names_its_source_and_year(md):
    assert uncited(md.read_text()) == []


def test_the_check_finds_an_uncited_figure():
    assert uncited("Burnout costs $4.6 billion.\n\nAbout 40% leave.") == [
        "'$4.6' in: Burnout costs $4.6 billion.",
        "'40%' in: About 40% leave.",
    ]
    assert uncited("About 40% leave (Sinsky et al., 2021).") == []


# The December 2026 content review, section 3: three citation errors, two figures that could not be
# verified, and notes telling readers a source was not read. None may come back, on a reading page
# or in a string a calculator renders.
RETRACTED = {
    "the only US state": "Oregon set unit ratios in statute in 2023 (HB 2697); Massachusetts, ICUs, 2014",
    "4.3 months": "the MGMA 2020 time to fill a vacancy was never traced to its source",
    "reported secondhand": "a figure the site could not trace is dropped, not hedged",
    "not checked here": "say what the citation rests on, plainly",
    "was not checked": "say what the citation rests on, plainly",
    "could not check": "say what the citation rests on, plainly",
    "text to hand": "a reader is told what was checked and when, not what was missing",
    "its own list of sources": "a reader is told what was checked and when",
}


def reader_texts() -> dict[str, str]:
    return page_texts() | rendered_strings()


def paragraphs_citing(pattern: str) -> list[tuple[str, str]]:
    return [
        (where, paragraph)
        for where, text in reader_texts().items()
        for paragraph in re.split(r"\n\s*\n", text)
        if re.search(pattern, paragraph)
    ]


def test_no_retracted_claim_or_hedge_comes_back():
    found = [
        f"{where}: {phrase!r} ({why})"
        for where, text in reader_texts().items()
        for phrase, why in RETRACTED.items()
        if phrase in " ".join(text.split())
    ]
    assert found == []


def test_aiken_2002_is_cited_as_a_study_of_surgical_patients():
    cited = paragraphs_citing(r"Aiken")
    assert len(cited) >= 2
    for where, paragraph in cited:
        flat = " ".join(paragraph.split())
        assert "surgical patient" in flat and "232,342" in flat and "168 Pennsylvania hospitals" in flat, where


def test_arndt_2017_puts_the_after_hours_time_inside_the_ehr_time():
    cited = paragraphs_citing(r"11\.4-hour")
    assert len(cited) >= 2
    for where, paragraph in cited:
        flat = " ".join(paragraph.split())
        # 5.9 hours of the 11.4-hour day were in the EHR, 1.4 of them after clinic hours.
        assert re.search(r"5\.9 hours of an 11\.4-hour workday.*1\.4 hours of it after clinic", flat), where


@pytest.mark.parametrize("page", ["calculators/staffing.md", "conditions/staffing-ratios.md"])
def test_where_californias_ratios_are_explained_oregons_statute_is_named_too(page):
    text = " ".join((DOCS / page).read_text().split())
    assert "California" in text and "Oregon" in text and "House Bill 2697" in text and "2023" in text


def test_the_follow_up_visit_figure_says_who_was_asked():
    (where, paragraph), *_ = paragraphs_citing(r"Prasad")
    flat = " ".join(paragraph.split())
    assert "19.9 minutes" in flat and "23.5" in flat and "168 primary care" in flat, where
