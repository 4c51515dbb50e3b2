"""MkDocs build hook: every `!!! script "Title"` admonition gets a copy button.

The script's body is wrapped in an element with a stable id, and the button names it with
data-copy; the runtime's one click handler copies that element's text. Script admonitions hold
paragraphs and lists only (no nested <div>), which is what makes the match below safe; the build
fails loudly if one does not.
"""

from __future__ import annotations

import re

_SCRIPT = re.compile(
    r'<div class="admonition script">\s*<p class="admonition-title">(?P<title>.*?)</p>(?P<body>.*?)</div>', re.S
)


def on_page_content(html: str, page, **kwargs) -> str:
    count = 0

    def wrap(match: re.Match) -> str:
        nonlocal count
        count += 1
        if "<div" in match.group("body"):
            raise SystemExit(f"scripts hook: a script block in {page.file.src_path} contains a <div>")
        sid = f"script-{count}"
        return (
            f'<div class="admonition script" id="{sid}-block">'
            f'<p class="admonition-title" id="{sid}-title">{match.group("title")}</p>'
            f'<div class="sp-script__body" id="{sid}">{match.group("body")}</div>'
            f'<p class="sp-script__actions"><button type="button" class="md-button sp-copy" '
            f'data-copy="{sid}" aria-describedby="{sid}-title">Copy script</button></p></div>'
        )

    return _SCRIPT.sub(wrap, html)
