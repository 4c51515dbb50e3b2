"""The impact log (impact_log/) under its page's slug, "log": the module a page's first answer
imports, so that the log's page waits for no other component (see calculators/__init__.py)."""

from .impact_log import COMPONENT

__all__ = ["COMPONENT"]
