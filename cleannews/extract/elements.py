"""Text of lxml elements as the extract stage reads it: all of an element's text, or one
block's text with its whitespace collapsed, and the word and space patterns used with them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # lxml is imported at run time only when needed
    from lxml.etree import _Element

__all__ = ["SPACE", "WORD", "all_text", "block_text", "collapse_spaces"]

WORD = re.compile(r"\w+")
SPACE = re.compile(r"\s+")


def all_text(element: _Element) -> str:
    """Every piece of text inside the element, joined as it stands."""
    return "".join(str(piece) for piece in element.itertext())


def collapse_spaces(text: str) -> str:
    """``text`` with each run of whitespace made one space, and none at either end.

    The same as ``SPACE.sub(" ", text).strip()`` (``\\s`` and ``str.split`` know the same
    whitespace characters), four times as fast.

    >>> collapse_spaces("  Storm\\n\\t hits\\u00a0 coast ")
    'Storm hits coast'
    """
    return " ".join(text.split())


def block_text(element: _Element) -> str:
    """The element's text with each run of whitespace made one space, as a reader sees it."""
    return collapse_spaces(all_text(element))
