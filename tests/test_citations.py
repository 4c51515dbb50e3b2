"""Every figure on a reading page names its source and year: a percentage or a dollar amount needs
a year (or the label of a rule of thumb, an example or a placeholder) in the same paragraph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
