"""A calculator's link: its settings in the address's fragment, "v=1&name=value&...", and read back.

Only values that differ from the defaults are written (a link without a role is a physician's,
without a setting a clinic's). When that would pass 2,000 characters (a long table), the settings
after the version are deflated and written in base64url under one key: "v=1&z=...".

A link also carries the results its sender saw, one key per result figure: "r.<data-result
key>=<the figure as shown>", so that the page shows them before Python is up, marked as being
checked (runtime.mjs), and Python then says whether its own results differ. They are left out of a
link that would otherwise pass 2,000 characters, and never read as settings.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import zlib
from collections.abc import Mapping

from .about import PROFILE_FIELDS, profile_of
from .html import unescape
from .inputs import Date, raw_limit
from .profile import parse as parse_profile

LINK_VERSION = "1"
MAX_LINK_SETTINGS = 60
MAX_LINK_LENGTH = 100_000  # far beyond any real link; longer fragments are not parsed at all
SHAREABLE = 2_000  # characters: a longer fragment is compressed, and said to be long if it still is
SEEN = "r."  # the prefix of a result as the link's sender saw it
SEEN_LENGTH = 80  # characters: the longest figure text a link's result may have
_FIGURE = re.compile(r'data-result="([^"]+)" data-value="[^"]*">([^<]*)<')  # as html.figure writes it
# Percent-encoding as urllib.parse does it, without importing urllib.parse (its import, with
# ipaddress, is a noticeable part of a page's first answer in the browser).
_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"  # RFC 3986
_QUOTED = tuple(chr(byte) if chr(byte) in _UNRESERVED else f"%{byte:02X}" for byte in range(256))
_PERCENTS = re.compile("(?:%[0-9A-Fa-f]{2})+")


class Links:
    """A calculator's links, as its methods (`Calculator` takes them from here): they read its
    `profile`, `inputs` and `defaults`."""

    def to_fragment(self, raw: Mapping[str, str], today: dt.date | None = None) -> str:
        profile = profile_of(raw, self.profile)[0]
        defaults = self.defaults(today, profile)
        if profile == self.profile and all(raw.get(name, value).strip() == value for name, value in defaults.items()):
            return ""
        # Dates are always written: their default depends on the day the link is opened.
        pairs = [(name, value) for name, value in (("role", profile.role), ("setting", profile.setting))
                 if value != getattr(self.profile, name)]  # fmt: skip
        pairs += [
            (item.name, raw[item.name])
            for item in self.inputs
            if item.name in raw and (isinstance(item, Date) or raw[item.name].strip() != defaults[item.name])
        ]
        settings = "&".join(f"{k}={quote(v.strip())}" for k, v in pairs)
        if len(settings) + 4 > SHAREABLE:  # a long list: deflated, under z, beside the version
            return f"v={LINK_VERSION}&z={pack(settings)}"
        return "&".join([f"v={LINK_VERSION}"] + ([settings] if settings else []))

    def read_fragment(self, fragment: str, today: dt.date | None = None) -> tuple[dict[str, str], list[str]]:
        """A link's fragment (without the #) -> (raw inputs to show, problems with the link). A
        compressed link's settings (under z) are unpacked first."""
        if len(fragment) > MAX_LINK_LENGTH or fragment.count("&") > MAX_LINK_SETTINGS:
            return self.read_link(None, today)
        pairs = parse_pairs(fragment)
        packed = [value for key, value in pairs if key == "z"]
        if packed:
            settings = unpack(packed[-1])
            if settings is None or settings.count("&") > MAX_LINK_SETTINGS:
                return self.defaults(today), [
                    "This link's numbers are compressed and could not be read (it may have been cut short "
                    "when it was shared), so the defaults are shown."
                ]
            pairs = [pair for pair in pairs if pair[0] != "z"] + parse_pairs(settings)
        return self.read_link(pairs, today)

    def read_link(self, pairs, today: dt.date | None = None) -> tuple[dict[str, str], list[str]]:
        """Settings from a link -> (raw inputs to show, problems with the link as a whole).

        Inputs the link does not set keep their defaults (for the link's role and setting: a link
        without them was made for the calculator's own profile, a physician in clinic but for the
        shift trade-off's nurse on shifts). A link with no version, a newer version,
        or far too many settings is not applied at all.
        """
        raw = self.defaults(today)
        if not isinstance(pairs, list) or len(pairs) > MAX_LINK_SETTINGS:
            return raw, ["This link holds far more settings than any calculator link, so none of them were used."]
        clean = [(str(p[0]), str(p[1])) for p in pairs if isinstance(p, (list, tuple)) and len(p) == 2]
        versions = [v for k, v in clean if k == "v"]
        if not versions:
            return raw, ["This link has no version number (v=1), so its numbers were not used. The defaults are shown."]
        if versions[-1] != LINK_VERSION:
            return raw, [
                "This link was made by a different version of this calculator, so its numbers "
                "were not used. The defaults are shown."
            ]
        given = dict(clean)
        profile = parse_profile(given.get("role", self.profile.role), given.get("setting", self.profile.setting))
        raw = self.defaults(today, profile or self.profile)
        limits = {item.name: raw_limit(item) for item in PROFILE_FIELDS + self.inputs}
        unknown = 0
        for key, value in clean:
            if key in limits:
                raw[key] = value[: limits[key] + 1]
            elif key != "v" and not key.startswith(SEEN):
                unknown += 1
        if not unknown:
            return raw, []
        # Named by count, never echoed: a link's own text does not get into the site's messages.
        what = "a setting" if unknown == 1 else f"{unknown} settings"
        return raw, [f"This link has {what} this calculator does not know, left out. The rest of the link was used."]


def shown(result_html: str) -> dict[str, str]:
    """The result figures in a result region's HTML: data-result key -> the text shown."""
    return {key: unescape(text) for key, text in _FIGURE.findall(result_html)}


def with_results(fragment: str, result_html: str) -> str:
    """A link's fragment with the results shown for it, when it has settings, is not compressed and
    stays shareable with them."""
    if not fragment or "&z=" in fragment:
        return fragment
    figures = "".join(
        f"&{SEEN}{key}={quote(text)}" for key, text in shown(result_html).items() if len(text) <= SEEN_LENGTH
    )
    return fragment + figures if len(fragment) + len(figures) <= SHAREABLE else fragment


def sent_results(fragment: str) -> dict[str, str]:
    """The results a link's sender saw (see `with_results`), at most as many as a link has settings."""
    if len(fragment) > MAX_LINK_LENGTH:
        return {}
    pairs = parse_pairs(fragment)
    return dict([(k.removeprefix(SEEN), v) for k, v in pairs if k.startswith(SEEN)][:MAX_LINK_SETTINGS])


def quote(text: str) -> str:
    """A value as a link writes it: every byte of its UTF-8 but the unreserved characters
    percent-encoded, as urllib.parse.quote(text, safe="") writes it."""
    return "".join([_QUOTED[byte] for byte in text.encode()])


def unquote(text: str) -> str:
    """`quote` undone, as urllib.parse.unquote_plus reads a value: "+" is a space, and each run of
    percent-encoded bytes is UTF-8, a byte that is not read as U+FFFD."""
    text = text.replace("+", " ")
    if "%" not in text:
        return text
    return _PERCENTS.sub(lambda run: bytes.fromhex(run[0].replace("%", "")).decode(errors="replace"), text)


def parse_pairs(fragment: str) -> list[tuple[str, str]]:
    """A fragment's "name=value" pairs, in order, as urllib.parse.parse_qsl(fragment,
    keep_blank_values=True) reads them: empty pairs skipped, a name without "=" has an empty value."""
    pairs = []
    for pair in fragment.split("&"):
        if pair:
            name, _, value = pair.partition("=")
            pairs.append((unquote(name), unquote(value)))
    return pairs


def pack(settings: str) -> str:
    """A link's settings, deflated (raw, no header) and written in base64url without padding."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(settings.encode()) + packer.flush()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unpack(text: str) -> str | None:
    """`pack` undone, or None when the text is not what `pack` writes (cut short, edited, or far
    longer than any calculator's settings once unpacked)."""
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        unpacker = zlib.decompressobj(-15)
        settings = unpacker.decompress(data, MAX_LINK_LENGTH)
        if unpacker.unconsumed_tail or not unpacker.eof:
            return None
        return settings.decode()
    except (ValueError, zlib.error):  # binascii.Error and UnicodeDecodeError are ValueErrors
        return None


def long_link_note(length: int) -> str:
    return (
        f"This link is {length:,} characters long even compressed, and some email and chat apps cut long "
        "links short. If it arrives broken, send the rows as a spreadsheet instead: they paste straight "
        "into the tables above."
    )
