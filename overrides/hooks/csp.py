"""MkDocs build hook: a Content-Security-Policy meta tag on every page, and csp.json for servers.

The policy allows only the site's own origin, plus the exact inline scripts Material writes into
each page (by sha256 hash, computed here after the page is rendered; they differ with page depth).
Nothing else may run, load or connect. After the build, csp.json holds the header versions: the page
policy with every hash the site uses, and the worker's policy, the only place that needs
'wasm-unsafe-eval'. docs/about/hosting.md explains each source. Under `mkdocs serve` (a writer's preview, never
published) pages carry no policy, because mkdocs injects its live-reload script into each response.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
_CHARSET = re.compile(r'<meta charset="utf-8">', re.I)

POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],  # + the hashes of this page's inline scripts
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # Material's icons are data: SVGs inside its CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # search index, Pyodide files fetched by the worker
    "worker-src": ["'self'"],  # the Python worker and the search worker
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],  # no form on the site submits anywhere
    "object-src": ["'none'"],
}


WORKER_PATH = "assets/sp/python-worker.mjs"
WORKER_POLICY = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"
HEADER_ONLY = {"frame-ancestors": ["'none'"]}  # ignored in <meta>, so sent only as a header
_seen_hashes: set[str] = set()


def _render(directives: dict) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def policy_for(html: str) -> str:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or re.search(r'type="application/(?:json|ld\+json)"', attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode()).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    _seen_hashes.update(hashes)
    return _render({**POLICY, "script-src": POLICY["script-src"] + sorted(set(hashes))})


def _add_meta(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    html, count = _CHARSET.subn(lambda m: m.group(0) + meta, html, count=1)
    if count != 1:
        raise SystemExit("csp hook: no <meta charset> to put the policy after")
    return html


_serving = False  # `mkdocs serve`: no policy, so that its live-reload script may run


def on_startup(command, dirty) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config) -> None:
    _seen_hashes.clear()


def on_post_build(config) -> None:
    page = _render({**POLICY, "script-src": POLICY["script-src"] + sorted(_seen_hashes), **HEADER_ONLY})
    policies = {"page": page, "worker": WORKER_POLICY, "worker_path": WORKER_PATH}
    (Path(config["site_dir"]) / "csp.json").write_text(json.dumps(policies, indent=2) + "\n")


def on_post_page(output: str, page, config) -> str:
    return output if _serving else _add_meta(output)


def on_post_template(output: str, template_name: str, config) -> str:
    if _serving or not (template_name.endswith(".html") and "<head" in output):
        return output
    return _add_meta(output)
