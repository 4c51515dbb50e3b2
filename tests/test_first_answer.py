"""A page's first answer imports nothing costly it does not need. In Pyodide every standard-library
module is compiled from source on import, so a module the framework could do without costs the
first visit: html (its entity table, about 35 ms), urllib.parse (with ipaddress, about 60 ms),
statistics (about 30 ms), csv and pkgutil. The framework's own percent-encoding and `escape`
undone stand in for the first two; they must read and write exactly what the standard library does,
so that every link made by an earlier build still opens the same."""

from __future__ import annotations

import html as std_html
import subprocess
import sys
from urllib.parse import parse_qsl, quote, unquote_plus

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import CALCULATORS, COMPONENTS, _module_of
from calculators.framework import calendar_file, html, links
from calculators.framework.protocol import Request
from support import ROOT

COSTLY = ("html", "html.entities", "urllib.parse", "ipaddress", "pkgutil", "statistics", "csv")
# The meeting packet reads links pasted from anywhere (urllib.parse.urlsplit) and draws several
# calculators' results: it is the one page allowed these.
PACKET = "packet"

FIRST_ANSWERS = """
import json, sys
from calculators.browser import handle
for slug in sys.argv[1:]:
    reply = json.loads(handle(json.dumps({"component": slug, "action": "load"})))
    assert reply["state"] != "invalid", (slug, reply)
print(" ".join(sorted(sys.modules)))
"""


def first_answers_import(*slugs: str) -> set[str]:
    """The modules a fresh Python has imported once it has answered a first load for each slug."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_ANSWERS, *slugs], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_a_calculator_page_first_answer_imports_nothing_costly():
    # That it imports no other component: test_first_visit.py.
    modules = first_answers_import("trade-off")
    assert not modules & set(COSTLY), sorted(modules & set(COSTLY))


def test_no_page_but_the_packet_imports_anything_costly_for_its_first_answer():
    modules = first_answers_import(*(slug for slug in COMPONENTS if slug != PACKET))
    assert not modules & set(COSTLY), sorted(modules & set(COSTLY))


def test_every_component_is_found_in_the_module_named_after_its_slug():
    # A page whose slug names no module would import every component before its first answer.
    for slug, component in COMPONENTS.items():
        assert _module_of(slug) is component, slug
    for not_a_component in ("no-such-thing", "../x", "__init__", "impact-log", "framework", ""):
        assert _module_of(not_a_component) is None, not_a_component


def text_with_escapes() -> st.SearchStrategy[str]:
    """Text in which percent signs, hex digits, plus signs, separators and percent-encoded bytes
    (whole UTF-8 characters, cut ones and stray ones, in either case) are common."""
    encoded = st.binary(min_size=1, max_size=4).map(lambda data: "".join(f"%{b:02X}" for b in data))
    encoded_char = st.characters(codec="utf-8").map(lambda c: quote(c, safe=""))
    piece = st.one_of(
        st.text(max_size=4),
        st.sampled_from(["%", "+", "&", "=", "%2", "%G1", "%%", "a", "F", "9", "é", "😀", "\x00", "~"]),
        encoded,
        encoded_char,
        encoded_char.map(str.lower),
    )
    return st.lists(piece, max_size=12).map("".join)


@given(st.text())
def test_quote_writes_what_urllib_writes(text):
    assert links.quote(text) == quote(text, safe="")


def test_quote_refuses_what_urllib_refuses():
    for text in ("\ud800", "a\udfffb"):  # a lone surrogate cannot be written as UTF-8
        with pytest.raises(UnicodeEncodeError):
            quote(text, safe="")
        with pytest.raises(UnicodeEncodeError):
            links.quote(text)


@given(text_with_escapes())
def test_unquote_reads_what_urllib_reads(text):
    assert links.unquote(text) == unquote_plus(text)


@given(text_with_escapes())
def test_a_fragment_is_read_as_urllib_reads_it(fragment):
    assert links.parse_pairs(fragment) == parse_qsl(fragment, keep_blank_values=True)


@given(st.lists(st.tuples(st.text(), st.text()), max_size=8))
def test_a_fragment_written_by_an_earlier_build_reads_back(pairs):
    # Earlier builds wrote each name and value with urllib.parse.quote(value, safe="").
    fragment = "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in pairs)
    assert links.parse_pairs(fragment) == parse_qsl(fragment, keep_blank_values=True)
    assert links.parse_pairs(fragment) == pairs


@given(st.text())
def test_escape_is_undone_as_the_html_module_undoes_it(text):
    escaped = html.escape(text)
    assert escaped == std_html.escape(text)
    assert html.unescape(escaped) == std_html.unescape(escaped) == text


@given(st.text())
def test_a_calendar_file_link_is_what_urllib_wrote(text):
    assert calendar_file.data_url(text) == "data:text/calendar;charset=utf-8," + quote(text, safe="")


def test_every_result_figure_is_read_as_the_html_module_reads_it():
    for slug, calc in CALCULATORS.items():
        for example in calc.examples:
            fragment = calc.to_fragment(calc.completed(example.inputs))
            result = calc.act(Request(component=slug, action="link", arg=fragment)).to_json()["regions"]["result"]
            figures = links._FIGURE.findall(result)
            assert figures, slug
            assert links.shown(result) == {key: std_html.unescape(text) for key, text in figures}, slug
