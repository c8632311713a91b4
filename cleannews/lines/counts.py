"""Character and token counts of every line of a page at once.

The line classifier needs, for every line, how many words, digits, unspaced-script characters and
capitalised words it has, and how many of its words are stop words. Counted line by line
with regular expressions that costs microseconds a line, more than the rest of the
classifier. Here a page's lines are joined, every character is classified through a
lookup table (built once per process from Python's own definitions of ``\\w``, ``\\d``,
upper and lower case, so the counts equal what those regular expressions give), and each
line's count is a sum over its segment of the array.

The judge counts a page once (:func:`count_page`) and hands the :class:`PageCounts` to the
rules and the classifier's features.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from cleannews.cache import cached_arrays
from cleannews.lines import patterns

__all__ = [
    "Ints", "LineCounts", "PageCounts", "count_lines", "count_page", "count_tokens_in",
    "lines_matching",
]

Ints = NDArray[np.int64]
Flags = NDArray[np.uint16]

WORD, DIGIT, UPPER, LOWER, CJK, SPACE, COMMA, UNSPACED, MARK = 1, 2, 4, 8, 16, 32, 64, 128, 256
# Joins the lines: matched by none of the patterns used on lines, and not a word character,
# so no count and no match runs across two lines.
SEPARATOR = "\x00"
_BMP = 0x10000
_TABLE_LAYOUT = 1  # raise when _char_flags changes what it computes: it names the cached table


def _char_flags(chars: str) -> Flags:
    """The class bits of each character of ``chars`` (one code point each)."""
    codes = _code_points(chars)
    flags = np.zeros(len(codes), dtype=np.uint16)
    for bit, pattern in ((WORD, r"\w"), (DIGIT, r"\d"), (CJK, patterns.CJK.pattern),
                         (UNSPACED, patterns.UNSPACED_LETTERS.pattern),
                         (MARK, f"[{patterns.COMBINING_MARKS}]")):
        # Replacing each matching character by NUL (itself matched by none) marks it.
        marked = _code_points(re.sub(pattern, SEPARATOR, chars))
        flags[marked != codes] |= bit
    flags[codes == ord(" ")] |= SPACE
    flags[np.isin(codes, [ord(","), ord("、"), ord("，")])] |= COMMA
    flags[np.fromiter(map(str.isupper, chars), dtype=bool, count=len(chars))] |= UPPER
    flags[np.fromiter(map(str.islower, chars), dtype=bool, count=len(chars))] |= LOWER
    return flags


def _table_key() -> str:
    """Names the table by all it is derived from: the bits, the patterns, and the Unicode
    database and Python (whose ``re`` and ``str`` give the classes) they are read with."""
    definition = repr((_TABLE_LAYOUT, WORD, DIGIT, UPPER, LOWER, CJK, SPACE, COMMA, UNSPACED,
                       MARK, patterns.CJK.pattern, patterns.UNSPACED_LETTERS.pattern,
                       patterns.COMBINING_MARKS, unicodedata.unidata_version,
                       sys.version_info[:2]))
    return hashlib.sha256(definition.encode("utf-8", "surrogatepass")).hexdigest()[:24]


@lru_cache(maxsize=1)
def _table() -> Flags:
    """Class bits of every code point of the Basic Multilingual Plane: built once per machine
    (about 30 ms) and then read from the cache (:mod:`cleannews.cache`)."""
    def build() -> dict[str, Flags]:
        return {"flags": _char_flags("".join(map(chr, range(_BMP))))}

    table: Flags = cached_arrays("characters", _table_key(), build, ["flags"])["flags"]
    if table.shape != (_BMP,) or table.dtype != np.uint16:  # not this table: built anew
        table = build()["flags"]
    return table


def _code_points(text: str) -> NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _flags(text: str) -> Flags:
    codes = _code_points(text)
    flags = _table()[np.minimum(codes, _BMP - 1)]
    astral = np.flatnonzero(codes >= _BMP)
    if len(astral):  # emoji and rare scripts: classified one by one
        flags[astral] = _char_flags("".join(chr(int(codes[i])) for i in astral))
    return flags


class LineCounts(NamedTuple):
    """Per-line counts, one array entry per line."""

    chars: Ints  # characters
    tokens: Ints  # runs of word characters (what ``\\w+`` finds)
    words: Ints  # as rules.word_count: spaced word runs, plus unspaced scripts' characters
    unspaced: Ints  # characters of scripts that put no spaces between words (patterns.py)
    digits: Ints
    letters: Ints  # word characters
    spaces: Ints  # " " characters
    upper_starts: Ints  # tokens that start with an upper-case letter
    cased_starts: Ints  # tokens that start with an upper- or lower-case letter
    commas: Ints  # commas, Latin or CJK (",", "、", "，")


def _joined(lines: Sequence[str]) -> tuple[str, Ints]:
    """The lines joined by SEPARATOR, and where each starts."""
    lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])).astype(np.int64)
    starts.flags.writeable = False
    # A trailing separator keeps every segment, even an empty last line, non-empty.
    return SEPARATOR.join(lines) + SEPARATOR, starts


def _per_line(mask: NDArray[np.bool_], starts: Ints) -> Ints:
    counts: Ints = np.add.reduceat(mask.astype(np.int64), starts)
    return counts


def _words_in(characters: Ints, per_word: int) -> Ints:
    """The words that many characters of an unspaced script count as (a started one counts)."""
    return -(-characters // per_word)


def _run_starts(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
    before = np.concatenate(([False], mask[:-1]))
    starts: NDArray[np.bool_] = mask & ~before
    return starts


@dataclass(frozen=True, slots=True)
class PageCounts:
    """A page's lines (the rules' bare forms), joined once, and the counts of each line.

    The rules and the classifier's features both read it: the judge counts a page once
    (:func:`count_page`) and passes it down.
    """

    lines: tuple[str, ...]
    joined: str  # the lines, each followed by SEPARATOR
    starts: Ints  # where each line starts in ``joined``
    counts: LineCounts


def count_page(lines: Sequence[str]) -> PageCounts:
    """Join and count a page's lines (see :class:`PageCounts`).

    >>> page = count_page(["Hello big World", "関連記事 2024", ""])
    >>> page.counts.words.tolist(), page.starts.tolist()
    ([3, 3, 0], [0, 16, 26])
    """
    lines = tuple(lines)
    joined, starts = _joined(lines)
    return PageCounts(lines, joined, starts, _count(lines, joined, starts))


def count_lines(lines: Sequence[str]) -> LineCounts:
    """Count the characters and tokens of each of ``lines`` (see :class:`LineCounts`).

    >>> counts = count_lines(["Hello big World", "関連記事 2024", ""])
    >>> counts.tokens.tolist(), counts.words.tolist(), counts.digits.tolist()
    ([3, 2, 0], [3, 3, 0], [0, 4, 0])
    >>> counts.upper_starts.tolist(), counts.cased_starts.tolist()
    ([2, 0, 0], [3, 0, 0])
    """
    return count_page(lines).counts


def _count(lines: tuple[str, ...], joined: str, starts: Ints) -> LineCounts:
    if not lines:
        empty = np.zeros(0, dtype=np.int64)
        return LineCounts(*([empty] * len(LineCounts._fields)))
    flags = _flags(joined)
    word = (flags & WORD) > 0
    cjk = (flags & CJK) > 0
    letters = (flags & UNSPACED) > 0
    token_starts = _run_starts(word)
    cjk_chars, unspaced_letters = _per_line(cjk, starts), _per_line(letters, starts)
    counts = LineCounts(
        chars=np.fromiter(map(len, lines), dtype=np.int64, count=len(lines)),
        tokens=_per_line(token_starts, starts),
        # a word's combining marks are part of it (patterns.COMBINING_MARKS)
        words=(_per_line(_run_starts((word | ((flags & MARK) > 0)) & ~cjk & ~letters), starts)
               + _words_in(cjk_chars, patterns.CJK_CHARS_PER_WORD)
               + _words_in(unspaced_letters, patterns.UNSPACED_LETTERS_PER_WORD)),
        unspaced=cjk_chars + unspaced_letters,
        digits=_per_line((flags & DIGIT) > 0, starts),
        letters=_per_line(word, starts),
        spaces=_per_line((flags & SPACE) > 0, starts),
        upper_starts=_per_line(token_starts & ((flags & UPPER) > 0), starts),
        cased_starts=_per_line(token_starts & ((flags & (UPPER | LOWER)) > 0), starts),
        commas=_per_line((flags & COMMA) > 0, starts),
    )
    for array in counts:  # shared by the rules and the features: read-only
        array.flags.writeable = False
    return counts


def count_tokens_in(page: PageCounts, vocabularies: Sequence[frozenset[str]]) -> list[Ints]:
    """For each vocabulary, how many of each line's lower-cased tokens are in it.

    >>> [c.tolist() for c in count_tokens_in(count_page(["The cat", "a Dog and THE"]),
    ...                                      [frozenset({"the", "a", "and"})])]
    [[1, 3]]
    """
    lines, joined, starts = page.lines, page.joined.lower(), page.starts
    if len(joined) != len(page.joined):  # lower() never shortens: some line grew
        joined, starts = _joined([line.lower() for line in lines])
    codes = _code_points(joined)
    word = (_flags(joined) & WORD) > 0
    # Every character that is not a word character becomes a space: splitting then gives
    # exactly the runs of word characters (what \w+ finds), quicker than a regex would.
    spaced = np.where(word, codes, ord(" ")).astype("<u4").tobytes()
    tokens = spaced.decode("utf-32-le", "surrogatepass").split()
    owner = np.repeat(np.arange(len(lines)), _per_line(_run_starts(word), starts))
    # One look-up per token: each token's bits say which vocabularies hold it.
    bits = _vocabulary_bits(tuple(vocabularies))
    found = np.fromiter(map(bits.get, tokens, repeat(0)), dtype=np.int64, count=len(tokens))
    return [np.bincount(owner[(found >> k) & 1 == 1], minlength=len(lines)).astype(np.int64)
            for k in range(len(vocabularies))]


@lru_cache(maxsize=4)
def _vocabulary_bits(vocabularies: tuple[frozenset[str], ...]) -> dict[str, int]:
    bits: dict[str, int] = {}
    for k, vocabulary in enumerate(vocabularies):
        for word in vocabulary:
            bits[word] = bits.get(word, 0) | 1 << k
    return bits


def lines_matching(pattern: re.Pattern[str], page: PageCounts) -> NDArray[np.bool_]:
    """Which lines ``pattern`` finds a match in (a pattern that matches no NUL character).

    >>> page = count_page(["see www.example.com", "nothing"])
    >>> lines_matching(re.compile(r"www\\."), page).tolist()
    [True, False]
    """
    found = np.zeros(len(page.lines), dtype=bool)
    positions = [match.start() for match in pattern.finditer(page.joined)]
    if positions:
        found[np.searchsorted(page.starts, positions, side="right") - 1] = True
    return found
