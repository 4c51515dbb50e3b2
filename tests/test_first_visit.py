"""A page's first answer waits for nothing it does not need: Python imports only the component the
page asks for (the snapshot maker imports the rest, after that answer)."""

from __future__ import annotations

import subprocess
import sys

from calculators import CALCULATORS, COMPONENTS, _module_of
from support import ROOT

FIRST_REQUEST = """
import json, sys
from calculators.browser import handle
reply = json.loads(handle(json.dumps({"component": "trade-off", "action": "load"})))
assert reply["state"] == "ready", reply
print(" ".join(sorted(m for m in sys.modules if m.startswith("calculators.components."))))
"""


def test_a_first_request_imports_only_its_own_component():
    result = subprocess.run([sys.executable, "-c", FIRST_REQUEST], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["calculators.components.trade_off"]


def test_every_calculator_is_found_in_its_own_module():
    for slug in CALCULATORS:
        assert _module_of(slug) is COMPONENTS[slug], slug
    assert _module_of("no-such-thing") is None and _module_of("../x") is None
