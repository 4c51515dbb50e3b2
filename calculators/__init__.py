"""Scope & Pace calculators: the math, the forms and the rendering, standard library only.

Each module defines one CALCULATOR (see core.Calculator); CALCULATORS lists them by slug. The same
objects serve the build-time macro (main.py), the browser (browser.py, inside Pyodide) and the tests.
"""

from . import hourly_rate, impact, retention, trade_off, transition
from .core import CalcError, Calculator, InputError, InputErrors

CALCULATORS: dict[str, Calculator] = {
    module.CALCULATOR.slug: module.CALCULATOR
    for module in (trade_off, impact, transition, retention, hourly_rate)
}


def get(slug: str) -> Calculator:
    try:
        return CALCULATORS[slug]
    except (KeyError, TypeError):
        raise CalcError(f"There is no calculator called {str(slug)[:40]!r}") from None


__all__ = ["CALCULATORS", "CalcError", "Calculator", "InputError", "InputErrors", "get"]
