"""The one entry point the browser's worker calls: JSON in, JSON out, no exceptions out.

Calculators:
Request: {"slug": "trade-off", "source": "form" | "link" | "defaults", "pairs": [[name, value], ...]}
Reply:   {"state", "result", "summary", "errors", "inputs", "fragment", "announce"}
(see render.respond).
Tools: {"tool": "log", "action": ..., ...} -> the tool's reply (see tool.py). A link's pairs go through Calculator.read_link first; a form's are taken
as they are. Anything that is not a CalcError is a bug, and the worker reports it as such.
"""

from __future__ import annotations

import json

from . import get, get_tool
from .core import MAX_LINK_SETTINGS, CalcError
from .render import respond
from .tool import Request


def evaluate(request: dict) -> dict:
    if "tool" in request:
        return get_tool(request["tool"]).act(Request.from_json(request))
    calc = get(request.get("slug"))
    pairs = request.get("pairs")
    if not isinstance(pairs, list):
        raise CalcError("The inputs were not understood")
    if request.get("source") == "link":
        raw, problems = calc.read_link(pairs)
    elif request.get("source") == "defaults":
        # First computation on an untouched form: today's defaults (a date default may have moved
        # on since the page was built).
        raw, problems = calc.defaults(), []
    else:
        names = {item.name for item in calc.inputs}
        raw = calc.defaults()
        for pair in pairs[:MAX_LINK_SETTINGS]:
            if isinstance(pair, (list, tuple)) and len(pair) == 2 and pair[0] in names:
                raw[pair[0]] = str(pair[1])
        problems = []
    return respond(calc, raw, problems)


def handle(request_json: str) -> str:
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise CalcError("The request was not understood")
        return json.dumps(evaluate(request))
    except (CalcError, ValueError) as error:
        return json.dumps({"state": "invalid", "fatal": str(error)})
