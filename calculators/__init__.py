"""Scope & Pace components: calculators and tools that run at build time and in the browser.

    framework/   what every component is made of: inputs and parsing (inputs.py), numbers and dates
                 (numbers.py), the limits of a day, a shift and a week (limits.py), HTML (html.py),
                 charts (charts.py), calendar files (calendar_file.py), browser storage (storage.py), the protocol with the browser (protocol.py), the
                 component model (component.py, calculator.py, links.py, table_edits.py, about.py)
    components/  one module (or package) per component, each defining COMPONENT
    browser.py   the entry point the browser's worker calls, above the registry below

The registry below finds every component by itself: adding one means adding its module to
components/, its page to docs/ (with the `component` macro) and its line to the nav in mkdocs.yml.
A module named after its component's slug (trade_off.py for "trade-off") is imported alone when a
page asks for that component, so a page's first answer does not wait for the others.
Standard library only: this package runs inside Pyodide.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util

from . import components
from .framework.calculator import Calculator
from .framework.component import Component
from .framework.inputs import InputError, InputErrors, UserError


def _module_of(slug: str) -> Component | None:
    """The component in the module named after its slug (hyphens as underscores), if there is one,
    without importing any other: a page's first answer waits only for its own component."""
    name = slug.replace("-", "_")
    if not name.isidentifier() or name.startswith("_"):  # no slug starts with a hyphen; not __init__
        return None
    # find_spec, not pkgutil.iter_modules: pkgutil is a noticeable import in the browser.
    spec = importlib.util.find_spec(f"{components.__name__}.{name}")
    if spec is None or spec.origin is None:  # no such module, or a folder that is not a package
        return None
    component = getattr(importlib.import_module(spec.name), "COMPONENT", None)
    return component if isinstance(component, Component) and component.slug == slug else None


@functools.cache
def registered() -> dict[str, Component]:
    """Every component, by slug (each module imported once)."""
    import pkgutil  # here: a page's first answer does not need it

    found: dict[str, Component] = {}
    for module_info in sorted(pkgutil.iter_modules(components.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{components.__name__}.{module_info.name}")
        component = getattr(module, "COMPONENT", None)
        if not isinstance(component, Component):
            raise ImportError(f"{module.__name__} defines no COMPONENT")
        if found.get(component.slug, component) is not component:  # log.py names impact_log's again
            raise ImportError(f"two components are called {component.slug!r}")
        found[component.slug] = component
    return found


@functools.cache
def _calculators() -> dict[str, Calculator]:
    return {slug: c for slug, c in registered().items() if isinstance(c, Calculator)}


def __getattr__(name: str):
    """COMPONENTS and CALCULATORS import every component, once, when first asked for."""
    if name == "COMPONENTS":
        return registered()
    if name == "CALCULATORS":
        return _calculators()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get(slug: object) -> Component:
    """One component by its slug: from its own module when it is named after the slug, else found
    among all of them."""
    try:
        return (isinstance(slug, str) and _module_of(slug)) or registered()[slug]
    except (KeyError, TypeError):
        raise UserError(f"There is no component called {str(slug)[:40]!r}") from None


__all__ = [
    "CALCULATORS",
    "COMPONENTS",
    "Calculator",
    "registered",
    "Component",
    "InputError",
    "InputErrors",
    "UserError",
    "get",
]
