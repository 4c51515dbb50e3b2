"""Scope & Pace components: calculators and tools that run at build time and in the browser.

    framework/   what every component is made of: inputs and parsing (inputs.py), numbers and dates
                 (numbers.py), the limits of a day, a shift and a week (limits.py), HTML (html.py),
                 charts (charts.py), calendar files (calendar_file.py), browser storage (storage.py), the protocol with the browser (protocol.py), the
                 component model (component.py, calculator.py, links.py, table_edits.py, about.py)
    components/  one module (or package) per component, each defining COMPONENT
    browser.py   the entry point the browser's worker calls, above the registry below

The registry below finds every component by itself: adding one means adding its module to
components/, its page to docs/ (with the `component` macro) and its line to the nav in mkdocs.yml.
Standard library only: this package runs inside Pyodide.
"""

from __future__ import annotations

import importlib
import pkgutil

from . import components
from .framework.calculator import Calculator
from .framework.component import Component
from .framework.inputs import InputError, InputErrors, UserError


def _discover() -> dict[str, Component]:
    found: dict[str, Component] = {}
    for module_info in sorted(pkgutil.iter_modules(components.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{components.__name__}.{module_info.name}")
        component = getattr(module, "COMPONENT", None)
        if not isinstance(component, Component):
            raise ImportError(f"{module.__name__} defines no COMPONENT")
        if component.slug in found:
            raise ImportError(f"two components are called {component.slug!r}")
        found[component.slug] = component
    return found


COMPONENTS: dict[str, Component] = _discover()
CALCULATORS: dict[str, Calculator] = {slug: c for slug, c in COMPONENTS.items() if isinstance(c, Calculator)}


def get(slug: object) -> Component:
    try:
        return COMPONENTS[slug]
    except (KeyError, TypeError):
        raise UserError(f"There is no component called {str(slug)[:40]!r}") from None


__all__ = ["CALCULATORS", "COMPONENTS", "Calculator", "Component", "InputError", "InputErrors", "UserError", "get"]
