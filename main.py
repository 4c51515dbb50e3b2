"""mkdocs-macros entry point: build-time only, never shipped to the browser.

Macros available in pages:
- {{ calculator("trade-off") }}: a calculator's form with its defaults and the result for them,
  rendered by the same Python the browser runs later;
- {{ tool("log") }}: a tool (the impact log, the meeting packet) with its empty regions, which the
  browser fills from the reader's own stored data;
- {{ phase_diagram() }}: the phased-rollout diagram, as inline SVG;
- {{ whole_guide() }}: every playbook and working-conditions page in one, for printing.
"""

import posixpath
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))   # mkdocs-macros loads this file by path

import datetime as dt  # noqa: E402

from calculators import charts, get, get_tool  # noqa: E402
from calculators.render import widget  # noqa: E402

GUIDE_SECTIONS = ("playbook", "conditions")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HEADING = re.compile(r"^(#{1,5}) ", re.M)
_HEADING_ID = re.compile(r"\s*\{ #[\w-]+ \}\s*$", re.M)
_LINK = re.compile(r"\]\((?!https?:|mailto:)([^)#]*)(#[^)]*)?\)")


def _guide_page(docs: Path, nav_path: str) -> str:
    """One page's Markdown, ready to sit inside print.md: headings one level down, links from the
    docs root, explicit section ids dropped (they belong to the page itself)."""
    text = _FRONT_MATTER.sub("", (docs / nav_path).read_text())
    text = text.replace("{{ phase_diagram() }}", charts.phase_diagram())
    text = _HEADING.sub(lambda m: "#" + m.group(1) + " ", text)
    text = _HEADING_ID.sub("", text)
    here = posixpath.dirname(nav_path)

    def relink(match):
        target, anchor = match.group(1), match.group(2) or ""
        path = posixpath.normpath(posixpath.join(here, target)) if target else nav_path
        return f"]({path}{anchor})"

    return _LINK.sub(relink, text)


def define_env(env):
    docs = Path(env.conf["docs_dir"])

    @env.macro
    def calculator(slug: str) -> str:
        return widget(get(slug))

    @env.macro
    def tool(slug: str) -> str:
        return get_tool(slug).page(dt.date.today())

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
                    pages.append(_guide_page(docs, f"{section}/{name}"))
        return "\n\n".join(pages)
