"""MkDocs build hook: small accessibility repairs to the theme's markup, kept out of template copies.

- Material's search overlay has role="dialog" but no name; name it "Search".
"""

from __future__ import annotations

import re

_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(>)')


def on_post_page(output: str, page, config) -> str:
    return _SEARCH_DIALOG.sub(r'\1 aria-label="Search"\2', output, count=1)


def on_post_template(output_content: str, template_name: str, config) -> str:
    # 404.html is drawn from a static template, not a page: it gets the same repair.
    return _SEARCH_DIALOG.sub(r'\1 aria-label="Search"\2', output_content, count=1)
