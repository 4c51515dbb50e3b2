"""The browser's entry point (calculators/browser.py): what the reader can cause comes back as a
"fatal" message; a bug is raised, so that the worker reports it and the page says something went
wrong (tests/test_faults.py shows what the page does then), instead of a bug's words shown to the
reader as if they had made a mistake. And the places a bug used to hide behind that catch."""

from __future__ import annotations

import csv
import io
import json

import pytest

import calculators
from calculators import CALCULATORS
from calculators.browser import handle
from calculators.components.impact_log.data import ImportProblems, from_csv, to_csv
from calculators.framework.component import Component
from calculators.framework.protocol import Request
from support import EXAMPLE


def test_what_the_reader_can_cause_is_a_fatal_message():
    assert "fatal" in json.loads(handle("{not json"))
    assert "fatal" in json.loads(handle("[1, 2]"))
    assert "no component called" in json.loads(handle('{"component": "nope"}'))["fatal"]


def test_a_bug_in_a_component_is_raised_not_shown_as_the_readers_mistake(monkeypatch):
    def broken(request):
        raise ValueError("a bug: invalid literal for int()")

    monkeypatch.setitem(
        calculators.COMPONENTS, "broken", Component(slug="broken", title="Broken", actions={"load": broken})
    )
    with pytest.raises(ValueError, match="a bug"):
        handle('{"component": "broken", "action": "load"}')


@pytest.mark.parametrize("arg", ["remove:shifts:²", "remove:shifts:-1"])
def test_a_table_row_number_that_is_not_a_plain_number_changes_nothing(arg):
    reply = CALCULATORS["rest"].act(Request(component="rest", action="rows", arg=arg, forms={"inputs": {}}))
    assert reply.state in ("ready", "invalid") and "Removed" not in reply.announce


@pytest.mark.parametrize("where", ["shifts:²:0", "shifts:0:²"])
def test_a_paste_position_that_is_not_a_plain_number_changes_nothing(where):
    reply = CALCULATORS["rest"].act(Request(component="rest", action="paste", arg=f"{where}\nx", forms={"inputs": {}}))
    assert reply.state == "ready" and "Pasted" not in reply.announce


def test_an_imported_file_with_a_strange_version_is_refused_with_a_message():
    rows = list(csv.DictReader(io.StringIO(to_csv(EXAMPLE))))
    rows[0]["log_version"] = "²"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    with pytest.raises(ImportProblems) as refused:
        from_csv(out.getvalue())
    assert "log_version" in refused.value.problems[0] and "newer version" not in refused.value.problems[0]
