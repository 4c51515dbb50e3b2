"""The December content review's structural items (issue 23, items 6 to 8): the 4+1 opens with a
recovery day, pages that were dead ends give a next step, the sections peers have and the site
lacked exist where readers look for them, and every page shows when it was last reviewed."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from html import unescape
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

import main
from calculators import CALCULATORS, InputErrors
from calculators.components.four_plus_one import say
from calculators.components.scripts import named

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def nav_pages() -> list[str]:
    """Every page in the nav of mkdocs.yml, as its path under docs/."""
    nav = (ROOT / "mkdocs.yml").read_text().split("\nnav:\n", 1)[1]
    return re.findall(r"([\w/-]+\.md)\s*$", nav, re.M)


def front_matter(page: str) -> dict:
    match = FRONT_MATTER.match((DOCS / page).read_text())
    assert match, f"{page} has no front matter"
    return yaml.safe_load(match.group(1))


def html_of(built_site, page: str) -> str:
    """The built HTML of a page given by its path under docs/."""
    out = page[: -len(".md")]
    out = out[: -len("index")] if out.endswith("index") else out + "/"
    return (built_site.path / out / "index.html").read_text()


def text_of(markup: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", markup)).split())


# --- Review dates: every page says when it was last reviewed (item 8) -------------------------------


def test_every_page_has_a_review_date_that_is_not_in_the_future():
    pages = nav_pages()
    assert len(pages) > 40 and "about/index.md" in pages
    on_disk = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert on_disk == set(pages), "every page is in the nav, and the nav names only pages that exist"
    today = main.build_date()
    for page in pages:
        reviewed = front_matter(page).get("reviewed")
        assert isinstance(reviewed, dt.date), f"{page}: `reviewed:` must be a date (YYYY-MM-DD)"
        assert dt.date(2026, 11, 1) <= reviewed <= today, (page, reviewed)


def test_the_review_line_links_to_the_about_page_and_says_when_a_review_is_due():
    day = dt.date(2026, 12, 4)
    line = main.reviewed_line("playbook/pace.md", day, day)
    assert '<time datetime="2026-12-04">December 4, 2026</time>' in line
    assert "(../about/index.md#reviewed)" in line and "due" not in line
    assert "(about/index.md#reviewed)" in main.reviewed_line("index.md", day, day)
    assert "(#reviewed)" in main.reviewed_line("about/index.md", day, day)
    assert "due" not in main.reviewed_line("index.md", day, day + dt.timedelta(days=365))
    assert "due for another review" in main.reviewed_line("index.md", day, day + dt.timedelta(days=366))


def test_every_built_page_shows_its_review_date(built_site):
    for page in nav_pages():
        html = html_of(built_site, page)
        reviewed = front_matter(page)["reviewed"]
        lines = re.findall(r'<p class="sp-reviewed">(.*?)</p>', html, re.S)
        assert len(lines) == 1, page
        assert f'<time datetime="{reviewed.isoformat()}">' in lines[0], page
        assert re.search(r'href="[./]*(about/)?#reviewed"', lines[0]), page
        assert text_of(lines[0]).startswith(f"Last reviewed {reviewed.strftime('%B')} {reviewed.day}, {reviewed.year}")


def test_the_about_page_says_who_reviews_against_what_how_often_and_how_to_report_an_error(built_site):
    html = html_of(built_site, "about/index.md")
    section = text_of(html.split('id="reviewed"', 1)[1])
    for words in ("Who.", "Against what.", "How often.", "at least once a year", "Found an error?"):
        assert words in section, words
    assert "nurse" in section and "NP or PA" in section and "physician" in section
    assert 'href="https://github.com/scope-and-pace/scope-and-pace/issues"' in html


# --- The 4+1: the opening ask is a recovery day; the same volume is the fallback (item 6) --------------

FOUR = CALCULATORS["four-plus-one"]


def test_the_four_plus_one_calculator_opens_with_the_recovery_day():
    values, result = FOUR.run({})
    body = FOUR.render_body(dt.date(2026, 12, 4))
    headings = re.findall(r'<h2 class="sp-result__title">(.*?)</h2>', body)
    assert "recovery day" in unescape(headings[0]) and "same volume" in headings[1]
    first_figure = re.search(r'data-result="([\w]+)"', body).group(1)
    assert first_figure == "ask_weekly_patients"
    said = say(values, result)
    assert said.index("recovery") < said.index("fallback")
    assert "I am asking for a three-month trial of four clinical days at today's daily load" in said


@given(
    st.integers(1, 300), st.integers(5, 60), st.integers(1, 30), st.integers(0, 120), st.integers(0, 480),
    st.integers(4, 14),
)  # fmt: skip
def test_the_ask_keeps_todays_daily_load_and_the_fallback_respects_the_longest_day(
    volume, visit, doc, inside, admin, longest
):
    raw = {"weekly_patients": str(volume), "visit_minutes": str(visit), "doc_minutes": str(doc),
           "in_clinic_minutes": str(inside), "admin_day_minutes": str(admin), "longest_day_hours": str(longest)}  # fmt: skip
    try:
        values, r = FOUR.run(raw)
    except InputErrors as failure:  # a day or a week longer than it can be: refused by the shared limits
        assert all(re.search(r"a (day has 24|week has 168)", e.message) for e in failure.errors), failure
        return
    assert r["ask_weekly_patients"] / 4 == r["patients_per_day_five"] == Fraction(volume, 5)
    assert r["ask_weekly_patients"] + r["ask_patients_given_up"] == volume
    assert r["after_hours_ask"] <= r["after_hours_five"] and r["after_hours_ask"] <= r["after_hours_four"]
    most = r["patients_per_day_within_longest"]
    assert most * visit + inside <= longest * 60 or most == 0
    assert (most + 1) * visit + inside > longest * 60
    said = say(values, r)
    if r["hours_per_day_four"] > longest:
        assert "longer than the" in said and f"{most} {'patient' if most == 1 else 'patients'} at most" in said
    else:
        assert "my fallback is the same" in said
    assert not re.search(r"(?<![\d.])1 (patients|hours)\b", said), said


def test_the_four_plus_one_pages_and_script_put_the_recovery_day_first():
    calculator = (DOCS / "calculators/four-plus-one.md").read_text()
    opening = FRONT_MATTER.sub("", calculator).split("\n\n")[1]  # the paragraph under the title
    assert "recovery day" in opening and opening.index("recovery") < opening.index("fallback")
    assert "Ask for the trial with the same volume" not in calculator
    conditions = (DOCS / "conditions/four-plus-one.md").read_text()
    ask = conditions.split("## What to ask for", 1)[1].split("\n## ", 1)[0]
    bullets = [" ".join(b.split()) for b in ask.split("\n- ")[1:]]
    assert "opening ask" in bullets[0] and "recovery" in bullets[0]
    assert "fallback" in bullets[1] and "same weekly volume" in bullets[1]
    script = named("ask-four-plus-one").text
    assert "recovery" in script and "total patient volume the same" not in script
    assert script.index("recovery") < script.index("same volume")


# --- What peers have and the site lacked: each a section, where readers look for it (item 7) -----------

SECTIONS = {
    # page: {section id: words the section must contain}
    "playbook/contract-language.md": {
        "notice": ["written notice", "[90] days"],
        "consultation": ["joint technology committee", "direct-care clinicians"],
        "training": ["work time", "relief coverage"],
        "go-live-relief": ["disciplined", "Fleming et al."],
        "judgment": ["professional judgment", "AI tool"],
    },
    "playbook/fix-the-build.md": {
        "stop-doing": ["CMS", "2021", "medical decision-making", "2023", "note bloat", "flowsheet", "Ashton"],
        "technical-asks": ["Single sign-on", "tap-badge", "Session timeouts", "pools", "order sets", "templates"],
    },
    "playbook/meeting.md": {
        "mini-z": ["Mini Z", "Hennepin", "anonymous", "fewer than 5", "rule of thumb", "What to do with the results"],
        "prepare": ["One must-have", "fallback", "constraints", "Interests, not positions"],
    },
    "playbook/ai-scribes.md": {
        "consent": ["everyone's consent", "California", "as of December 2026"],
        "signs": ["signature", "documentation time"],
        "accuracy": ["Read each draft", "negations"],
        "ask": ["Liability", "business associate agreement", "Opting out"],
    },
}


def section_text(html: str, section_id: str) -> str:
    """The text of a section: from its heading to the next heading of the same or a higher level."""
    heading = re.search(rf'<h([1-6]) id="{section_id}">', html)
    assert heading, section_id
    rest = html[heading.end() :]
    end = re.search(rf"<h[1-{heading.group(1)}][ >]|<p class=\"sp-reviewed\">", rest)
    return text_of(rest[: end.start()] if end else rest)


def test_each_new_section_is_in_the_nav_the_playbook_index_and_has_its_substance(built_site):
    index = (DOCS / "playbook/index.md").read_text()
    for page, sections in SECTIONS.items():
        assert page in nav_pages(), page
        assert f"]({page.split('/')[1]})" in index, f"{page} is not in the playbook's list, so it would not print"
        html = html_of(built_site, page)
        for section_id, words in sections.items():
            text = section_text(html, section_id)
            for word in words:
                assert word in text, (page, section_id, word)
    printed = text_of((built_site.path / "print" / "index.html").read_text())
    for title in ("Put it in writing", "Fix the build", "AI scribes: consent", "Mini Z"):
        assert title in printed, title


def test_the_sample_clauses_are_labelled_as_examples_not_legal_advice(built_site):
    html = html_of(built_site, "playbook/contract-language.md")
    assert "Examples, not legal advice" in text_of(html.split('id="notice"')[0])  # before the first clause
    clauses = re.findall(r'<div class="admonition example">\s*<p class="admonition-title">(.*?)</p>', html)
    assert len(clauses) >= 6 and all(title.startswith("Example clause") for title in clauses)
    body = FRONT_MATTER.sub("", (DOCS / "playbook/contract-language.md").read_text())
    outside = re.sub(r"!!! example.*?(?=\n\S|\Z)", "", body, flags=re.S)
    assert "The Employer will" not in outside, "clause wording appears only inside a labelled example"


def test_the_ai_scribe_and_saved_minutes_pages_point_to_each_other(built_site):
    ledger = html_of(built_site, "calculators/saved-minutes.md")
    assert 'href="../../playbook/ai-scribes/"' in section_html(ledger, "ai-scribe")
    assert "net of review time" in text_of(section_html(ledger, "ai-scribe"))
    assert 'href="../../calculators/saved-minutes/"' in html_of(built_site, "playbook/ai-scribes.md")


def section_html(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    end = html.find("<h2", start)
    return html[start:end]


# --- No dead ends: each page the review found ending nowhere gives a next step (item 6) ---------------


def test_meeting_soon_goes_on_to_the_meeting_itself(built_site):
    html = html_of(built_site, "playbook/meeting-soon.md")
    last = section_html(html, "in-the-room")
    assert html.rindex("<h2") < html.index('id="in-the-room"') + 40, "the meeting itself is the page's last section"
    for href in ("../scripts/#opener", "../meeting/#three-knobs", "../meeting/#prepare", "../after-the-meeting/"):
        assert f'href="{href}"' in last, href


def test_protections_says_where_to_find_a_lawyer_a_union_or_an_agency(built_site):
    html = html_of(built_site, "playbook/protections.md")
    found = text_of(section_html(html, "find-help"))
    for words in ("steward", "bar association", "National Labor Relations Board", "six months",
                  "Wage and Hour Division", "board of nursing", "state health department", "Joint Commission"):  # fmt: skip
        assert words in found, words
    intro = text_of(html.split('id="concerted-activity"')[0])
    assert "lawyer" in intro  # the warning that sends readers to a lawyer is answered by the section


def test_the_team_page_gives_a_group_without_enough_logs_a_next_step(built_site):
    from calculators import get
    from calculators.framework.protocol import Request

    reply = get("team").act(Request(action="merge", files=[]))
    assert "Not enough logs yet" in reply.regions["notice"] and 'href="#fewer-logs"' in reply.regions["notice"]
    html = html_of(built_site, "tools/team.md")
    fewer = section_html(html, "fewer-logs")
    for href in ("../../playbook/scripts/#group-request-email", "../../playbook/scripts/#group-letter", "../../playbook/meeting/#mini-z",
                 "../../playbook/meeting/#prepare", "../../playbook/protections/#concerted-activity"):  # fmt: skip
        assert f'href="{href}"' in fewer, href


# --- Contradictions between pages, reconciled (item 6) ---------------------------------------------------


def test_the_pages_no_longer_contradict_each_other():
    home = (DOCS / "index.md").read_text()
    assert "twelve" not in home.lower()  # the playbook has more pages than that, and will change again
    assert "Every calculator, script and tool follows your role" not in home
    rest = (DOCS / "conditions/accreditation-rest.md").read_text()
    assert "not an accreditation standard" in rest  # the page's own reading of Sentinel Event Alert 48 ...
    assert "accreditation elements" not in rest  # ... so the ask no longer cites it as one
    assert "American Nurses Association's 2014" in rest.split("## What to ask for", 1)[1]
    four = (DOCS / "conditions/four-plus-one.md").read_text()
    assert "can bring back the fatigue" in four and "same volume" not in four.split("## What to ask for")[1][:120]


def test_two_lines_that_talked_down_to_leaders_are_gone():
    assert "rarely heard a clinician" not in (DOCS / "playbook/scope.md").read_text()
    assert "facing a belief, not a management" not in (DOCS / "playbook/faq.md").read_text()
