"""Who the reader is: a role (physician, NP or PA, nurse) and a way of working (clinic sessions or
shifts). Said once, kept in the browser under "scope-and-pace:profile", carried in every calculator
link as `role` and `setting`, and changed from any component's "About you" fields.

Every component's words follow it: labels, hints, units, defaults, options and sentences to copy
are written with placeholders such as "Patients per {block}" and filled by `Profile.fill`. A nurse
on shifts is never told about half-day sessions or a physician's license; the tests check that.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from .storage import Unreadable, read_json

KEY = "profile"  # browser storage key: scope-and-pace:profile
ROLES = {"physician": "Physician", "app": "NP or PA", "nurse": "Nurse"}
SETTINGS = {"clinic": "Clinic sessions", "shifts": "Shifts on a unit"}

# The words each role and setting supply. Keys are the {placeholders} texts may use.
_ROLE_WORDS = {
    "physician": {
        "person": "physician",
        "people": "physicians",
        "one": "one physician",
        "license": "physician license",
    },
    "app": {
        "person": "NP or PA",
        "people": "NPs and PAs",
        "one": "one NP or PA",
        "license": "NP or PA license",
    },
    "nurse": {
        "person": "nurse",
        "people": "nurses",
        "one": "one nurse",
        "license": "nursing license",
    },
}
_SETTING_WORDS = {
    "clinic": {
        "block": "session",
        "blocks": "sessions",
        "block_long": "half-day clinic session",
        "day": "clinic day",
        "days": "clinic days",
        "visit": "visit",
        "visits": "visits",
        "workday": "workday",
    },
    "shifts": {
        "block": "shift",
        "blocks": "shifts",
        "block_long": "shift",
        "day": "shift",
        "days": "shifts",
        "visit": "patient",
        "visits": "patients",
        "workday": "shift",
    },
}
# Who could take work that needs no license of the reader's kind, by role and setting.
_HELPERS = {
    ("physician", "clinic"): "a medical assistant or nurse",
    ("app", "clinic"): "a medical assistant or nurse",
    ("nurse", "clinic"): "a medical assistant or front-desk staff",
    ("physician", "shifts"): "a unit clerk, scribe or case manager",
    ("app", "shifts"): "a unit clerk, scribe or case manager",
    ("nurse", "shifts"): "a nursing assistant or unit clerk",
}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


def fill_words(text: str, words: dict[str, str]) -> str:
    """{placeholders} replaced from `words`; braces that name no word are left as they are."""
    return _PLACEHOLDER.sub(lambda m: words.get(m.group(1), m.group(0)), text)


@dataclass(frozen=True)
class Profile:
    role: str = "physician"
    setting: str = "clinic"

    def __post_init__(self):
        if self.role not in ROLES or self.setting not in SETTINGS:
            raise ValueError(f"unknown profile {self.role!r}/{self.setting!r}")

    @property
    def shifts(self) -> bool:
        return self.setting == "shifts"

    @property
    def words(self) -> dict[str, str]:
        """The words this profile supplies (shared: read, never change)."""
        return _WORDS[self.role, self.setting]

    def fill(self, text: str) -> str:
        """A text with {placeholders} in this profile's words ({Block} capitalises the first letter)."""
        return fill_words(text, self.words)

    def worded(self, item, **changes):
        """An input (any of framework/inputs.py) with its label, unit, hint and example in this
        profile's words; `changes` replace attributes first (a variant's, say)."""
        for key in ("label", "unit", "hint", "example"):
            changes[key] = self.fill(changes.get(key, getattr(item, key)))
        return replace(item, **changes)

    def describe(self) -> str:
        """ "a nurse working shifts", as a sentence says it."""
        person = self.words["person"]
        article = "an" if person[0] in "aeiouAEIOUN" else "a"  # "an NP or PA"
        how = "working shifts" if self.shifts else "working clinic sessions"
        return f"{article} {person} {how}"

    def to_store(self) -> str:
        return json.dumps({"version": 1, "role": self.role, "setting": self.setting})


def _words(role: str, setting: str) -> dict[str, str]:
    words = {**_ROLE_WORDS[role], **_SETTING_WORDS[setting], "helper": _HELPERS[role, setting]}
    return words | {key.capitalize(): value[0].upper() + value[1:] for key, value in words.items()}


_WORDS = {(role, setting): _words(role, setting) for role in ROLES for setting in SETTINGS}  # built once
DEFAULT = Profile()
ALL = tuple(Profile(role, setting) for role in ROLES for setting in SETTINGS)


def parse(role: object, setting: object) -> Profile | None:
    """A profile from two strings (a form's or a link's), or None when either is unknown."""
    if role in ROLES and setting in SETTINGS:
        return Profile(str(role), str(setting))
    return None


def from_store(text: str | None) -> Profile | None:
    """What the browser keeps -> the reader's profile, or None when none was chosen or it cannot be
    read (the reader is then asked again; nothing else depends on it)."""
    if not text:
        return None
    try:
        data = read_json(text)
    except Unreadable:
        return None
    if not isinstance(data, dict):
        return None
    return parse(data.get("role"), data.get("setting"))
