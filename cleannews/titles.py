"""How a page title joins its headline and the site's name: one set of separator marks.

"Storm hits coast | Planet", "Storm hits coast - Planet", "Planet: Storm hits coast". Each
reader of titles builds its pattern from :data:`SEPARATOR_MARKS`; they differ only in how
much space they ask around a mark, and each says why. Depends on nothing.

>>> TITLE_PARTS.split("Storm hits coast | Planet - News")
['Storm hits coast', 'Planet', 'News']
>>> SITE_SEPARATOR.split("Storm hits coast -Planet")
['Storm hits coast', 'Planet']
>>> bool(SPACED_SEPARATOR.search("Storm hits coast – Planet")), "e-mail".strip(SEPARATOR_STRIP)
(True, 'e-mail')
"""

from __future__ import annotations

import re

__all__ = [
    "FIRM_MARKS",
    "SEPARATOR_MARKS",
    "SEPARATOR_STRIP",
    "SITE_BAR",
    "SITE_SEPARATOR",
    "SITE_SUFFIX",
    "SPACED_SEPARATOR",
    "TITLE_PARTS",
    "split_site_suffix",
]

# What stands between a headline and a site name.
SEPARATOR_MARKS = "-|–—:·•"
# The marks that separate even with space on one side only ("Headline| Site", "Site –News");
# a hyphen or colon without space on both sides is inside a word or a phrase ("e-mail").
FIRM_MARKS = "|–—"
# What to strip from the ends of a title's part to leave the site name alone.
SEPARATOR_STRIP = " " + SEPARATOR_MARKS
# The bar between a headline and the site or section set beside it on a line of a dump.
SITE_BAR = " | "

_ANY = "[" + re.escape(SEPARATOR_MARKS) + "]"
_FIRM = "[" + re.escape(FIRM_MARKS) + "]"
_FIRM_OR_HYPHEN = re.escape(FIRM_MARKS + "-")

# The parts of an HTML <title>: any mark with space on both sides, or a bar with any.
TITLE_PARTS = re.compile(rf"\s+{_ANY}\s+|\s*\|\s*")

# Where a line of a dump may join a headline and a site name; text lines are untidy, so a
# firm mark with space on one side, and a hyphen with space on one side, count too.
SITE_SEPARATOR = re.compile(rf"\s*(?:\s{_ANY}\s|\s?{_FIRM}\s?|\s-(?=\S)|(?<=\S)-\s)\s*")

# A title ending in a site name: "Headline - Site", "Headline | Site", "Headline -Site".
SITE_SUFFIX = re.compile(
    rf"^(?P<title>.+?)\s*(?:\s{_ANY}\s?|\s?{_FIRM}\s|\s-(?=\S))\s*"
    rf"(?P<site>[^{_FIRM_OR_HYPHEN}]{{2,60}})$"
)

# A firm mark or a hyphen with space on both sides: a line that looks like "Headline - Site".
SPACED_SEPARATOR = re.compile(rf"\s[{_FIRM_OR_HYPHEN}]\s")


def split_site_suffix(title: str) -> tuple[str, str] | None:
    """The headline and the site name of a title that ends in one, else None.

    >>> split_site_suffix("Storm hits coast - Planet News")
    ('Storm hits coast', 'Planet News')
    >>> split_site_suffix("Storm hits coast") is None
    True
    """
    match = SITE_SUFFIX.match(title)
    return (match.group("title"), match.group("site")) if match else None
