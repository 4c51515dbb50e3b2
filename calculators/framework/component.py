"""What a component is: a piece of a page whose regions Python draws (see protocol.py for how it
talks to the browser), defined once by its slug, its actions and its page. A calculator is one kind
(calculator.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from .html import escape
from .inputs import UserError
from .protocol import Handler, Reply, Request
from .storage import refusal


@dataclass(frozen=True, kw_only=True)
class Component:
    """One component, defined once: its slug (the page hook `data-calc`), its actions, its page."""

    slug: str
    title: str
    actions: Mapping[str, Handler] = field(default_factory=dict)
    body: Callable[[dt.date], str] | None = None  # the component as the build draws it
    keys: tuple[str, ...] = ()  # browser storage, kept as "scope-and-pace:<key>"
    loading: str = "Loading. Your data stays in this browser."  # status while Python starts

    kind: ClassVar[str] = "sp-tool"  # the root's CSS class
    takes_links: ClassVar[bool] = False  # answers "link" when the address holds settings

    def handlers(self) -> Mapping[str, Handler]:
        return self.actions

    def act(self, request: Request) -> Reply:
        handler = self.handlers().get(request.action)
        if handler is None and request.action == "store-failed":  # the browser refused a write
            return Reply(announce=f"Not saved. {refusal(request.arg or request.storage)}")
        if handler is None:
            raise UserError(f"The {self.title.lower()} does not know the action {request.action[:40]!r}")
        return handler(request)

    def render_body(self, today: dt.date) -> str:
        return self.body(today) if self.body else ""

    def html(self, today: dt.date) -> str:
        """The element the runtime mounts, with the component drawn inside it."""
        keys = f' data-calc-keys="{escape(" ".join(self.keys))}"' if self.keys else ""
        links = " data-calc-links" if self.takes_links else ""
        return (
            f'<div class="{self.kind}" data-calc="{escape(self.slug)}" data-state="loading" '
            f'id="calc-{escape(self.slug)}"{keys}{links} data-calc-loading="{escape(self.loading)}">'
            f"{self.render_body(today)}</div>"
        )
