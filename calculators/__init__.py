"""Scope & Pace calculators and tools: the math, the forms and the rendering, standard library only.

Each calculator module defines one CALCULATOR (see core.Calculator); CALCULATORS lists them by slug.
Each tool's page module (log_page.py, packet.py) defines one TOOL (see tool.Tool); TOOLS lists them. The same
objects serve the build-time macros (main.py), the browser (browser.py, inside Pyodide) and the tests.
"""

from . import hourly_rate, impact, log_page, packet, retention, trade_off, transition
from .core import CalcError, Calculator, InputError, InputErrors
from .tool import Tool

CALCULATORS: dict[str, Calculator] = {
    module.CALCULATOR.slug: module.CALCULATOR
    for module in (trade_off, impact, transition, retention, hourly_rate)
}


TOOLS: dict[str, Tool] = {module.TOOL.slug: module.TOOL for module in (log_page, packet)}


def get(slug: str) -> Calculator:
    try:
        return CALCULATORS[slug]
    except (KeyError, TypeError):
        raise CalcError(f"There is no calculator called {str(slug)[:40]!r}") from None


def get_tool(slug: str) -> Tool:
    try:
        return TOOLS[slug]
    except (KeyError, TypeError):
        raise CalcError(f"There is no tool called {str(slug)[:40]!r}") from None


__all__ = ["CALCULATORS", "TOOLS", "CalcError", "Calculator", "InputError", "InputErrors", "Tool", "get", "get_tool"]
