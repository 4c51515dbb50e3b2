"""The one entry point the browser's worker calls: a request as JSON in, a reply as JSON out (see
framework/protocol.py for both). A problem the reader can cause comes back as
{"state": "invalid", "fatal": message}; anything else is a bug, which is raised: the worker logs it
and reports its last line, and the page says that something went wrong and keeps what was typed.
"""

from __future__ import annotations

import json

from . import get
from .framework.inputs import UserError
from .framework.protocol import Request


def handle(request_json: str) -> str:
    try:
        data = json.loads(request_json)
        if not isinstance(data, dict):
            raise UserError("The request was not understood")
        request = Request.from_json(data)
        return json.dumps(get(request.component).act(request).to_json())
    except (json.JSONDecodeError, UserError) as error:
        return json.dumps({"state": "invalid", "fatal": str(error)})
