"""The one entry point the browser's worker calls: a request as JSON in, a reply as JSON out (see
protocol.py for both), never an exception out. A problem the reader can cause comes back as
{"state": "invalid", "fatal": message}; anything else is a bug, which the worker reports as one line.
"""

from __future__ import annotations

import json

from .inputs import UserError
from .protocol import Request


def handle(request_json: str) -> str:
    from .. import get  # the registry imports every component, which import this package

    try:
        data = json.loads(request_json)
        if not isinstance(data, dict):
            raise UserError("The request was not understood")
        request = Request.from_json(data)
        return json.dumps(get(request.component).act(request).to_json())
    except (UserError, ValueError) as error:
        return json.dumps({"state": "invalid", "fatal": str(error)})
