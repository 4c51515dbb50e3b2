"""Who the reader is (role and setting), asked once and kept in browser storage: the fields, how a
form's strings name a profile, and the "About you" form of a tool. A calculator asks in its own form;
a tool (the log, the packet, the scripts) has a small form of its own, whose changes send the
action "about"."""

from __future__ import annotations

from collections.abc import Mapping

from . import html
from .inputs import Choice, InputError
from .profile import DEFAULT, ROLES, SETTINGS, Profile, from_store
from .profile import KEY as PROFILE_KEY
from .protocol import Reply, Request, typed

# Every calculator's form starts with who the reader is; the rest of its words follow.
PROFILE_FIELDS = (
    Choice("role", "You are", "The wording, units and starting numbers follow your answer.", tuple(ROLES.items()),
           "physician"),
    Choice("setting", "You work", "Clinic sessions, or shifts on a unit.", tuple(SETTINGS.items()), "clinic"),
)  # fmt: skip
PROFILE_NAMES = frozenset(item.name for item in PROFILE_FIELDS)


def profile_of(raw: Mapping[str, str], default: Profile = DEFAULT) -> tuple[Profile, list[InputError]]:
    """The profile a form's or a link's strings name, and the problems with them (`default` stands
    in for what is missing, and for a profile that cannot be read)."""
    errors = []
    picked = {}
    for item in PROFILE_FIELDS:
        try:
            picked[item.name] = item.parse(str(raw.get(item.name, getattr(default, item.name))))
        except InputError as error:
            errors.append(error)
    if errors:
        return default, errors
    return Profile(picked["role"], picked["setting"]), []


ABOUT = "about"


def about_form(slug: str, profile: Profile) -> str:
    """A tool's "About you" fields, showing `profile`."""
    raw = {"role": profile.role, "setting": profile.setting}
    return (
        f'<form class="sp-calc__form" data-calc-form="{ABOUT}" data-calc-live="{ABOUT}" novalidate '
        'aria-label="About you"><fieldset class="sp-about"><legend class="sp-about__legend">About you</legend>'
        f"{html.form_fields(slug, PROFILE_FIELDS, raw, {})}</fieldset></form>"
    )


def reader(req: Request, default: Profile = DEFAULT) -> tuple[Profile, bool]:
    """Who the reader is, and whether they have just said so in a tool's "About you" fields (then the
    reply should keep it: `keep_profile`); otherwise what the browser keeps, else `default`."""
    if req.action == ABOUT:
        profile, errors = profile_of(typed(req.form(ABOUT), PROFILE_FIELDS, req.today), default)
        if not errors:
            return profile, True
    return from_store(req.stored.get(PROFILE_KEY)) or default, False


def keep_profile(reply: Reply, profile: Profile) -> Reply:
    """Store the reader's profile with this reply, and show it in the "About you" fields."""
    reply.store = {**(reply.store or {}), PROFILE_KEY: profile.to_store()}
    return show_profile(reply, profile)


def show_profile(reply: Reply, profile: Profile) -> Reply:
    """Show the reader's profile in the "About you" fields (the build drew the default)."""
    reply.fields = {**reply.fields, ABOUT: {"role": profile.role, "setting": profile.setting}}
    return reply
