"""The playbook as readers get it: every page there and in the nav, own words, shareable, printable,
usable on a phone."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculators.components.scripts import ASKS, SECTIONS
from support import BOOT

SCRIPTS = [script for _, scripts in SECTIONS for script in scripts]

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SEEDCOPY = ROOT.parent / "shared" / "hooks" / "seedcopy.py"
SEEDS = ROOT.parent / "shared" / "seeds"

PAGES = {
    "playbook/recognise": ["self-check"],
    "playbook/map": ["track", "before-after-table", "negotiable"],
    "playbook/who-controls": ["problem-table"],
    "playbook/scope": ["trade-off", "delegate", "training"],
    "playbook/pace": ["phased-plan", "pilot", "end-date"],
    "playbook/safety-retention": ["evidence"],
    "playbook/meeting": ["handout", "three-knobs"],
    "playbook/scripts": [script.id for script in SCRIPTS],
    "playbook/meeting-soon": ["rebuild", "usage-report", "provisional"],
    "playbook/after-the-meeting": ["confirm", "review", "lapsed", "no", "ladder", "walk"],
    "playbook/protections": [
        "concerted-activity",
        "retaliation",
        "leave",
        "recording",
        "safety-data",
        "before-you-reduce",
        "before-you-leave",
    ],
    "playbook/protect": [],
    "playbook/at-the-edge": [],
    "playbook/faq": [],
    "playbook/first-ten-minutes": [],
    "conditions/acuity-case-mix": ["when", "case", "ask", "who", "ready", "template", "tools", "pitfalls"],
    "conditions/care-quality-evidence": ["when", "case", "ask", "who", "ready", "template", "tools", "pitfalls"],
    "conditions/four-plus-one": ["when", "case", "ask", "who", "ready", "template", "tools", "pitfalls"],
    "conditions/escalation-path": ["when", "case", "ask", "who", "ready", "template", "tools", "pitfalls"],
    "conditions/staffing-ratios": ["when", "case", "ask", "who", "ready", "template", "tools", "pitfalls"],
    "conditions/accreditation-rest": ["when", "case", "ask", "who", "ready", "template", "tools", "pitfalls"],
    "conditions/shift-bidding": ["when", "case", "ask", "who", "ready", "template", "tools", "pitfalls"],
    "conditions/documentation-debriefs": ["when", "case", "ask", "who", "ready", "template", "tools", "pitfalls"],
    "print": [],
}
LINKS_TO_TRADE_OFF = [
    "playbook/map",
    "playbook/scope",
    "playbook/safety-retention",
    "playbook/meeting",
    "playbook/scripts",
    "conditions/four-plus-one",
    "conditions/documentation-debriefs",
]


def html_of(built_site, path: str) -> str:
    return (built_site.path / path / "index.html").read_text()


@pytest.mark.parametrize("path", PAGES)
def test_page_exists_is_in_the_nav_and_has_its_sections(built_site, path):
    html = html_of(built_site, path)
    home = (built_site.path / "index.html").read_text()
    assert re.search(rf'<a href="{re.escape(path)}/" class="md-nav__link', home), f"{path} not in nav"
    for anchor in PAGES[path]:
        assert f'id="{anchor}"' in html, f"{path} lacks #{anchor}"


def test_no_line_of_text_starts_like_a_heading():
    # Python-Markdown reads "#53 on hours..." at the start of a line as a heading: a stray <h1>.
    strays = [
        f"{md.relative_to(DOCS)}:{n}"
        for md in DOCS.rglob("*.md")
        for n, line in enumerate(md.read_text().splitlines(), 1)
        if re.match(r"#+[^#\s]", line)
    ]
    assert strays == []


def test_every_page_has_its_own_description_and_a_link_preview(built_site):
    for md in DOCS.rglob("*.md"):
        front = md.read_text().split("---")[1]
        assert re.search(r"^description: \S.{40,}", front, re.M), f"{md} has no description"
    for html_file in built_site.path.rglob("index.html"):
        if "pyodide" in html_file.parts or html_file.parent.name == "404":
            continue
        html = html_file.read_text()
        assert re.search(r'<meta name="description" content="[^"]{40,}"', html), html_file
        image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
        assert image == built_site.url + "/assets/sp/preview.png"
        assert '<meta property="og:title"' in html and '<meta property="og:description"' in html
    assert (built_site.path / "assets" / "sp" / "preview.png").stat().st_size > 10_000


def test_every_script_block_has_a_copy_button(built_site):
    for page in ("playbook/scripts", "print"):
        html = html_of(built_site, page)
        blocks = re.findall(r'<div class="admonition script"[^>]*>.*?Copy script</button></p></div>', html, re.S)
        assert len(blocks) == html.count('class="admonition script"') >= len(SCRIPTS) - len(ASKS)
        assert len(set(re.findall(r'data-copy="([^"]+)"', html))) == len(blocks)  # one id each
        for block in blocks:
            sid = re.search(r'data-copy="([^"]+)"', block).group(1)
            assert f'id="{sid}"' in block
    assert "<mark>[name]</mark>" in html_of(built_site, "playbook/scripts")  # blanks are marked


@pytest.mark.skipif(
    not SEEDCOPY.exists(), reason="the source documents (../shared) are not beside this clone; CI has them"
)
def test_no_passage_copies_the_source_documents():
    # The project's own check, runs of 7 words and sentence similarity over the pages and the
    # calculators' strings, is tests/test_own_words.py; this runs the source documents' own hook.
    result = subprocess.run(
        [sys.executable, str(SEEDCOPY), str(SEEDS), str(DOCS), "7"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1].startswith("0 passages"), result.stdout


@pytest.mark.parametrize("path", LINKS_TO_TRADE_OFF)
def test_pages_link_to_the_calculator_that_turns_them_into_numbers(built_site, path):
    assert 'href="../../calculators/trade-off/' in html_of(built_site, path)


def test_rules_of_thumb_and_examples_are_labelled(built_site):
    pace = unescape(re.sub(r"<[^>]+>", "", html_of(built_site, "playbook/pace")))
    assert pace.count("rule of thumb") >= 2
    for page in ("playbook/map", "playbook/meeting"):
        assert "illustrative example" in unescape(re.sub(r"<[^>]+>", "", html_of(built_site, page)))


def test_the_phased_plan_is_an_accessible_diagram_served_inline(built_site):
    html = html_of(built_site, "playbook/pace")
    svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S).group(0)
    assert "<title" in svg and "<desc" in svg and "Phase 1: pilot group" in svg


def test_home_routes_readers_by_situation(built_site):
    html = (built_site.path / "index.html").read_text()
    for situation, target in [
        ("drowning right now", "playbook/at-the-edge/"),
        ("preparing for a meeting", "playbook/meeting/"),
        ("A go-live is coming", "playbook/pace/"),
    ]:
        assert situation in html and f'href="{target}' in html


@pytest.mark.parametrize("path", ["/", "/playbook/scripts/"])
def test_phone_layout_has_no_horizontal_scrolling(phone_context, site_url, path):
    page = phone_context.new_page()
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_script_copy_button_copies_the_script(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "/playbook/scripts/")
    page.click("#script-meeting-request-email-block button[data-copy]")
    expect(page.locator("#script-meeting-request-email-block [data-copy-status]")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Hi [name],") and "Copy script" not in copied and copied.endswith("[your name]")


def test_printing_leaves_out_the_navigation(page, site_url):
    page.goto(site_url + "/print/")
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator("h1")).to_contain_text("The whole guide")
    expect(page.locator("h1 .headerlink")).to_be_hidden()
    assert page.locator("h2").count() >= 20
    # The FAQ's collapsed answers print open.
    expect(page.get_by_text("Raising it is not a request to do less because the job is too hard")).to_be_visible()


def test_without_javascript_no_button_that_cannot_work_is_shown(fresh_context, site_url):
    page = fresh_context(java_script_enabled=False).new_page()
    page.goto(f"{site_url}/calculators/trade-off/#v=1&visit_minutes=30")
    expect(page.locator("[data-calc] [data-result='physician_minutes_per_session']")).to_be_visible()
    expect(page.locator("[data-calc-status]")).to_contain_text("JavaScript")
    for control in ("text=Update result", "[data-calc-link]", "#trade-off-role"):  # none can work without it
        expect(page.locator(control)).to_be_hidden()
    page.goto(f"{site_url}/playbook/scripts/")
    expect(page.locator("[data-copy]").first).to_be_hidden()
    expect(page.locator("#script-meeting-request-email")).to_be_visible()  # the text itself still reads
    page.goto(f"{site_url}/tools/log/")
    expect(page.locator("text=Save this day")).to_be_hidden()


def test_printing_from_the_dark_scheme_is_dark_on_white(page, site_url):
    page.goto(f"{site_url}/playbook/scripts/")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.emulate_media(media="print")
    colors = page.evaluate(
        """() => { const p = document.querySelector('.md-typeset p');
                   return [getComputedStyle(p).color, getComputedStyle(document.body).backgroundColor]; }"""
    )
    assert colors == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]


@pytest.mark.parametrize("path", ["/calculators/trade-off/", "/tools/log/", "/tools/packet/", "/tools/team/"])
def test_component_pages_fit_a_phone(phone_context, site_url, path):
    page = phone_context.new_page()
    page.goto(site_url + path)
    page.wait_for_selector("[data-calc]:is([data-state='ready'], [data-state='invalid'])", timeout=BOOT)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_the_key_figure_stays_in_view_while_a_phone_edits_the_form(phone_context, site_url):
    page = phone_context.new_page()
    page.goto(site_url + "/calculators/trade-off/")
    page.wait_for_selector("[data-calc='trade-off'][data-state='ready']", timeout=BOOT)
    result = page.locator("[data-calc-region='result']")
    for field in ("#trade-off-added_minutes", "#trade-off-sessions_per_week"):
        page.focus(field)
        page.fill(field, "7" if field.endswith("minutes") else "6")
        page.wait_for_selector("[data-calc='trade-off'][data-state='ready']")
        glance = page.locator(".sp-glance")
        box = glance.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 844  # on screen
        field_box = page.locator(field).bounding_box()
        assert field_box["y"] + field_box["height"] <= box["y"]  # and the field is not under it
        expect(glance).to_contain_text("minutes per session")
    assert result.bounding_box()["y"] > 844  # the result itself is further down


CHART_TEXT = """() => Array.from(document.querySelectorAll('svg.sp-chart')).flatMap((svg) => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll('text'), (text) => {
    const r = text.getBoundingClientRect();
    return {text: text.textContent, px: parseFloat(text.getAttribute('font-size')) * scale,
            inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5
                    && r.bottom <= box.bottom + 0.5};
  });
})"""


@pytest.mark.parametrize(
    "path", ["/calculators/impact/", "/calculators/retention/", "/calculators/transition/", "/playbook/pace/"]
)
def test_chart_text_is_at_least_12_pixels_on_a_phone_and_never_cut_off(phone_context, site_url, path):
    page = phone_context.new_page()
    page.goto(site_url + path)
    texts = page.evaluate(CHART_TEXT)
    assert texts, "no chart on the page"
    small = [t for t in texts if t["px"] < 12]
    clipped = [t["text"] for t in texts if not t["inside"]]
    assert small == [] and clipped == []
