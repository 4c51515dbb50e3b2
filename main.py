"""mkdocs-macros entry point: build-time only, never shipped to the browser.

Macros available in pages:
- {{ component("trade-off") }}: a component as the build draws it, by the same Python the browser
  runs later: a calculator with its defaults and the result for them, a tool with its regions
  (which the browser then fills from the reader's own stored data);
- {{ script("ask-rest") }}: one script of the library (components/scripts.py), with its copy button;
- {{ phase_diagram() }}: the phased-rollout diagram, as inline SVG;
- {{ whole_guide() }}: every playbook and working-conditions page in one, for printing.

After its macros, every page gets its review line (reviewed_line): the `reviewed:` date of its front
matter, with a link to how pages are reviewed on the About page.

The build's "today" is the date of the last commit (or SOURCE_DATE_EPOCH), not the clock, so that
two builds of the same commit are byte for byte the same; in the browser, every component starts
from the reader's own today.
"""

import datetime as dt
import os
import posixpath
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT))  # mkdocs-macros loads this file by path

from calculators import get, registered  # noqa: E402
from calculators.components.scripts import ASKS, SECTIONS, library_html, named, script_block  # noqa: E402
from calculators.framework import charts  # noqa: E402

GUIDE_SECTIONS = ("playbook", "conditions")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HEADING = re.compile(r"^(#{1,5}) ", re.M)
_HEADING_ID = re.compile(r"\s*\{ #[\w-]+ \}\s*$", re.M)
_COMPONENT = re.compile(r'\{\{ component\("([\w-]+)"\) \}\}')
_SCRIPT = re.compile(r'\{\{ script\("([\w-]+)"\) \}\}')
_COLLAPSED = re.compile(r"^\?\?\? ", re.M)
_LINK = re.compile(r"\]\((?!https?:|mailto:)([^)#]*)(#[^)]*)?\)")


REVIEW_INTERVAL = dt.timedelta(days=365)  # the About page's promise: every page at least once a year
ABOUT = "about/index.md"


def reviewed_line(src_uri: str, reviewed: dt.date, today: dt.date) -> str:
    """The line at the foot of a page: when it was last reviewed, and whether it is due again."""
    here = posixpath.dirname(src_uri)
    about = "" if src_uri == ABOUT else posixpath.relpath(ABOUT, here or ".")
    when = f'<time datetime="{reviewed.isoformat()}">{reviewed.strftime("%B")} {reviewed.day}, {reviewed.year}</time>'
    due = "; it is due for another review" if today - reviewed > REVIEW_INTERVAL else ""
    return f"\n\nLast reviewed {when}{due}. [How pages are reviewed]({about}#reviewed)\n{{: .sp-reviewed }}\n"


def script(script_id: str) -> str:
    """One script of the library, with its copy button, on any page."""
    return script_block(named(script_id), None)  # a reading page does not know the reader: blanks


def _printed(slug: str, today: dt.date) -> str:
    """A component inside the printed guide: as the build draws it, but not mounted by the runtime
    (the scripts: the library alone, without its form)."""
    if slug == "scripts":  # the proposals print with their working-conditions pages
        return library_html(sections=[(title, scripts) for title, scripts in SECTIONS if scripts is not ASKS])
    return f'<div class="sp-printed">{get(slug).render_body(today)}</div>'


def _guide_page(docs: Path, nav_path: str, today: dt.date) -> str:
    """One page's Markdown, ready to sit inside print.md: headings one level down, links from the
    docs root, explicit section ids dropped (they belong to the page itself)."""
    text = _FRONT_MATTER.sub("", (docs / nav_path).read_text())
    text = text.replace("{{ phase_diagram() }}", charts.phase_diagram())
    text = _COMPONENT.sub(lambda m: _printed(m.group(1), today), text)
    text = _SCRIPT.sub(lambda m: script(m.group(1)), text)
    text = _COLLAPSED.sub("???+ ", text)  # collapsed answers print open
    text = _HEADING.sub(lambda m: "#" + m.group(1) + " ", text)
    text = _HEADING_ID.sub("", text)
    here = posixpath.dirname(nav_path)

    def relink(match):
        target, anchor = match.group(1), match.group(2) or ""
        path = posixpath.normpath(posixpath.join(here, target)) if target else nav_path
        return f"]({path}{anchor})"

    return _LINK.sub(relink, text)


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH if set, else the time of the last commit, else (outside git) now."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return int(result.stdout) if result.returncode == 0 and result.stdout.strip().isdigit() else int(time.time())


def build_date() -> dt.date:
    return dt.datetime.fromtimestamp(source_date_epoch(), dt.UTC).date()


def define_env(env):
    docs = Path(env.conf["docs_dir"])

    # MkDocs (the sitemap's dates) and the wheel build read the same variable.
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch())
    today = build_date()
    registered()  # every component, so that one that cannot be imported fails the build

    @env.macro
    def component(slug: str) -> str:
        return get(slug).html(today)

    env.macro(script)

    @env.macro
    def phase_diagram() -> str:
        return charts.phase_diagram()

    @env.macro
    def whole_guide() -> str:
        pages = []
        for section in GUIDE_SECTIONS:
            index = docs / section / "index.md"
            order = re.findall(r"\]\(([\w-]+\.md)", index.read_text())
            for name in ["index.md"] + [n for n in dict.fromkeys(order) if n != "index.md"]:
                if (docs / section / name).exists():
                    pages.append(_guide_page(docs, f"{section}/{name}", today))
        return "\n\n".join(pages)


def on_post_page_macros(env):
    """mkdocs-macros calls this for every page once its macros are drawn: the review line."""
    reviewed = env.page.meta.get("reviewed")
    if isinstance(reviewed, dt.date):
        env.markdown += reviewed_line(env.page.file.src_uri, reviewed, build_date())
