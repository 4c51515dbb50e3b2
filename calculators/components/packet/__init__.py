"""The meeting packet: one printable page assembled from the reader's numbers, and the scripts around
the meeting (request email, opener, answers to pushback, follow-up email).

Numbers come from the impact log in this browser, or from links copied from the calculators; names,
targets and the ask are typed here. The form is kept in browser storage as typed (key "packet").

    page.py      the component: its form, its actions and the page the build draws
    data.py      the numbers, from pasted calculator links or the log; the form as stored
    document.py  the printed page
    words.py     targets, options, asks and the scripts around the meeting
"""

from .page import COMPONENT

__all__ = ["COMPONENT"]
