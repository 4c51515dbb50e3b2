"""The two-week impact log.

page.py          the component: the page the build draws, and its actions
forms.py         a day's entry, the settings and the calendar reminders, as forms
views.py         the list of days, the before-and-after summary and the notices
actions.py       what each action on the days does (load, save, edit, delete, undo, settings)
data_actions.py  what each action on the data as a whole does (export, import, repair, delete all)
data.py          the log itself (storage, CSV, summaries, calendar reminders), which the meeting
                 packet and the team view read too
"""

from .page import COMPONENT

__all__ = ["COMPONENT"]
