"""The built site: strict build, prerendered calculators, self-hosted runtime, no third parties."""

from __future__ import annotations

import hashlib
import json
import re

from calculators import CALCULATORS
from calculators.framework.html import data_value
from main import build_date

THIRD_PARTY = re.compile(r"(?:src|href)=\"(?:https?:)?//(?!127\.0\.0\.1)[^\"]+\"[^>]*>", re.I)


def test_strict_build_has_no_warnings(built_site):
    warnings = re.findall(r"^(?:WARNING|ERROR)\s+-.*$", built_site.log, re.M)
    assert warnings == []


def test_every_calculator_page_is_prerendered_with_its_default_result(built_site):
    for slug, calc in CALCULATORS.items():
        html = (built_site.path / "calculators" / slug / "index.html").read_text()
        assert f'data-calc="{slug}"' in html and 'data-state="loading"' in html
        _, results = calc.run({}, build_date())
        shown = dict(re.findall(r'data-result="([^"]+)" data-value="([^"]*)"', html))
        assert shown, f"{slug} shows no result without JavaScript"
        for key, value in shown.items():
            assert value == data_value(results[key]), key


def test_trade_off_defaults_read_without_javascript(built_site):
    html = (built_site.path / "calculators" / "trade-off" / "index.html").read_text()
    text = re.sub(r"<[^>]+>", " ", html)
    for figure in ("50 minutes", "6.67 hours", "2 patients", "2 protected blocks", "15 minutes"):
        assert figure in text


def test_pyodide_is_self_hosted_and_the_wheel_is_locked_by_hash(built_site):
    runtime = built_site.path / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (runtime / name).stat().st_size > 0
    lock = json.loads((runtime / "pyodide-lock.json").read_text())
    entry = lock["packages"]["scope-and-pace-calculators"]
    wheel = (runtime / entry["file_name"]).read_bytes()
    assert hashlib.sha256(wheel).hexdigest() == entry["sha256"]
    assert entry["imports"] == ["calculators"] and entry["depends"] == []


def test_no_page_loads_anything_from_another_host(built_site):
    for page in built_site.path.rglob("*.html"):
        html = page.read_text()
        tags = [m.group(0) for m in re.finditer(r"<(?:script|link|img|iframe|source)\b[^>]*>", html, re.I)]
        for tag in tags:
            if re.search(r'rel="(?:canonical|alternate)"', tag):
                continue  # links for crawlers, never fetched by the page
            assert not THIRD_PARTY.search(tag), f"{page}: {tag}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
