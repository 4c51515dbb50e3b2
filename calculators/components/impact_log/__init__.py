"""The two-week impact log: page.py is the component (its regions and actions), data.py the log
itself (storage, CSV, summaries, calendar reminders), which the meeting packet reads too."""

from .page import COMPONENT

__all__ = ["COMPONENT"]
