"""Word tokens and 4-word shingles: how two texts are compared. Depends on nothing.

The HTML extractor compares its text with a page's JSON-LD article body this way, the
quality report scores an extraction against gold text this way (the ScrapingHub
article-extraction benchmark's metric), and training labels a line by the shingles it
shares with the gold article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["SHINGLE_WORDS", "shingles", "word_tokens"]

# The benchmark's shingle size: long enough that common phrases rarely match by chance.
SHINGLE_WORDS = 4
_TOKEN = re.compile(r"\w+")


def word_tokens(text: str) -> list[str]:
    """The runs of word characters of ``text``, in order.

    >>> word_tokens("It's 9:30, Jane-Doe.")
    ['It', 's', '9', '30', 'Jane', 'Doe']
    """
    return _TOKEN.findall(text)


def shingles(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> list[tuple[str, ...]]:
    """The runs of ``size`` consecutive tokens; fewer tokens make one shingle of them all,
    and no tokens none.

    >>> shingles(["a", "b", "c", "d", "e"])
    [('a', 'b', 'c', 'd'), ('b', 'c', 'd', 'e')]
    >>> shingles(["a", "b"]), shingles([])
    ([('a', 'b')], [])
    """
    if len(tokens) <= size:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1)]
