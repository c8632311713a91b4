"""From a page's text to the lines that get judged: split, unwrap, strip link markup.

Text dumpers differ in ways that would otherwise change every line's features: some wrap
paragraphs at a fixed width (lynx, w3m, html2text's default of 78 columns), some write
links as markdown (``[headline](https://...)``). Lines are put back into paragraphs and
links into plain text here, and the share of each line that was link text is kept, since
link lists are boilerplate in every dump that shows them.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

from cleannews.lines import patterns

__all__ = [
    "SourceLine", "is_flat", "split_lines", "split_sentences", "strip_emphasis",
    "strip_link_markup", "unescape",
]

_NEWLINES = re.compile(r"\r\n|\r|\n")
# Markdown images and links: ![alt](src), [text](url "title"), [text][ref]; also the
# reference definitions "[1]: https://..." that some dumpers list at the end.
_IMAGE = re.compile(r"!\[([^\]\n]{0,2000})\]\([^)\n]{0,2000}\)")
_LINK = re.compile(
    r"\[([^\[\]\n]{0,500})\]\((?:[^()\s\n]|\([^)\s\n]*\)){0,1000}(?:\s+\"[^\"\n]{0,300}\")?\)"
    r"|\[([^\[\]\n]{1,500})\]\[[^\]\n]{0,50}\]"
)
_DANGLING_TARGET = re.compile(
    r"\]\((?:[^()\s\\]|\\.|\([^()\s]*\)){0,2000}(?:\s+\"[^\"\n]{0,300}\")?\)")
_DANGLING_OPENING = re.compile(r"(?:^|\s)!?\[(?:!\[)?\s*$|^\s*(?:!?\[)+(?=\S)(?!.*\])")
# An inlined file ("data:image/png;base64,..."): kilobytes of code no reader sees, which
# dumpers write as an image's or a link's target.
_DATA_URI = re.compile(r"data:(?:[a-z]+/[\w.+-]+)?(?:;[\w=.+-]+)*,[^)\s\"']*", re.IGNORECASE)
# lynx's link markers: "[12]" glued to the link text.
_LYNX_MARKER = re.compile(r"\[\d{1,4}\](?=\S)")
# An image without alternative text, as lynx and w3m write it: its file name in brackets
# ("[ps4-controller.jpg?width=640&fit=bounds]"), maybe inside a link ("[12][logo.png]").
_IMAGE_NAME = re.compile(
    r"(?:\[\d{1,4}\])?\[[^\[\]\n]{0,300}\.(?:jpe?g|png|gif|webp|svg|bmp|avif|ico)"
    r"(?:[?#][^\[\]\n]{0,1000})?\](?!\()", re.IGNORECASE)
# A line that is one bracketed word stands for an image: w3m writes an image as its alt text
# or its file's name in brackets ("[vw-concept-6-1]"). Notes in brackets have spaces
# ("[Editor's note: ...]"), and a bracketed number is a footnote's mark (or a lynx link
# without text, which costs one token).
_PLACEHOLDER = re.compile(r"\[(?!\d+\])[^\[\]\s]{1,200}\]")
# Words a lynx link is taken to cover (headlines and menu entries are a few words long).
LYNX_LINK_WORDS = 4
_REFERENCE = re.compile(r"^\s*\[[^\]\n]{1,50}\]:\s*\S+")
# The numbered list of link targets that lynx and links print after the page
# ("  12. https://example.com/news/"): a number, then an address.
_NUMBERED_ADDRESS = re.compile(r"\d{1,5}\.\s+(?:(?:https?|ftp|file)://|(?:mailto|javascript|tel):)")
# A nested list item as inscriptis writes it ("o Item"), besides patterns.BLOCK_START's marks.
_LIST_MARK = re.compile(r"o\s")

# A dump counts as wrapped at width W when at least this share of its longer lines end
# within WRAP_SLACK columns of W: html2text (78), lynx (79), w3m (80) wrap this way, and
# unwrapped dumps' line lengths spread over hundreds of columns. In a wrapped dump, a line
# was broken by the dumper when it ends within WRAP_SLACK columns of W and the next line's
# first word would not have fit after it; otherwise the page had a line break there.
MIN_WRAPPED_SHARE = 0.5
WRAP_SLACK = 20
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 60, 120
# ... and at least this share of its full lines go on in lower case (or in a script
# without case) on the next line.
MIN_CONTINUED_SHARE = 0.3
# A line being joined to the next because a markdown link spans them stops growing here.
MAX_LINK_JOIN_CHARS = 5000
# Lines at least this long are the ones whose lengths tell the wrap width.
MIN_MEASURED_CHARS = 40
# A run of this many printable ASCII characters without a space is a url or a data uri,
# which no dumper breaks: a line holding one says nothing of the width.
_UNBREAKABLE = re.compile(r"[!-~]{30,}")
# Prose has a space at least every this many characters (see _holds_unbreakable).
PROSE_WORD_CHARS = 12


@dataclass(frozen=True, slots=True)
class SourceLine:
    """A non-blank input line (or unwrapped paragraph) ready to be judged.

    ``number`` is the 1-based input line it starts on; ``indent`` how far that line is
    indented (text dumpers indent menus and lists); ``link_share`` the share of its
    characters that were link text before the link markup was removed.
    """

    number: int
    indent: int
    text: str
    link_share: float = 0.0


# Markdown emphasis, as html2text and other markdown dumpers write it: **strong**, *em*,
# _em_ (and ***both***). An opening mark follows no word character and precedes a non-space,
# a closing mark the other way round, so list bullets ("* item"), arithmetic ("5 * 3"),
# footnote stars ("Terms*") and snake_case names are left alone. "__" is not taken for
# emphasis: dumpers write strong as "**", and "__init__" is a name.
# A span is at most MAX_EMPHASIS_CHARS long (dumps set whole paragraphs in italics), which
# keeps a line of marks that never close from costing time quadratic in its length.
MAX_EMPHASIS_CHARS = 3000
_EMPHASIS = re.compile(
    rf"(?<![\w*\\])(\*{{1,3}})(?=[^\s*])(.{{1,{MAX_EMPHASIS_CHARS}}}?)(?<=[^\s*\\])\1(?![\w*])"
    rf"|(?<![\w_\\])_(?=[^\s_])(.{{1,{MAX_EMPHASIS_CHARS}}}?)(?<=[^\s_\\])_(?![\w_])"
)
# Strong marks glued between two letters: html2text loses the space beside <strong> when the
# page put it inside the element ("aktive**Drogenverkaufsstelle in Palma****Son Gotleu**").
_GLUED_STRONG = re.compile(r"(?<=[^\W\d_])\*\*+(?=[^\W\d_])")
# A markdown dumper escapes punctuation that would read as markup ("1\. Download", "\*");
# a dump may also carry HTML character references ("China&#39;s"), lynx's alt texts often.
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CHARACTER_REFERENCE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape(text: str) -> str:
    """Undo markdown backslash escapes and HTML character references.

    >>> unescape(r"1\\. Download \\*all\\* of China&#39;s data &amp; more")
    "1. Download *all* of China's data & more"
    """
    if "\\" in text:
        text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    if "&" in text and _CHARACTER_REFERENCE.search(text):
        text = html.unescape(text)
    return text


def strip_emphasis(text: str) -> str:
    """Drop markdown emphasis marks, keeping the words they mark.

    >>> strip_emphasis("The **fourth** _Star Trek_ film (**_Beyond_**), not snake_case")
    'The fourth Star Trek film (Beyond), not snake_case'
    >>> strip_emphasis("* a list item, 5 * 3 * 2, Terms* apply, __init__")
    '* a list item, 5 * 3 * 2, Terms* apply, __init__'
    >>> strip_emphasis("eine aktive**Drogenstelle in Palma****Son Gotleu****aufgelöst")
    'eine aktive Drogenstelle in Palma Son Gotleu aufgelöst'
    >>> strip_emphasis("_a_**b")  # the same whether stripped once or twice
    'a b'
    """
    if "*" not in text and "_" not in text:
        return text
    previous = None
    while previous != text:  # nested marks come off one layer at a time
        previous = text
        if "**" in text:  # glued between letters, maybe once the marks around came off
            text = _GLUED_STRONG.sub(" ", text)
        text = _EMPHASIS.sub(_emphasised, text)
    return text


def _emphasised(match: re.Match[str]) -> str:
    starred = match.group(2)
    return starred if starred is not None else match.group(3)


def strip_link_markup(text: str) -> tuple[str, float]:
    """Replace markdown links by their text and drop images; return the share of link text.

    lynx's numbered link markers ("[12]Headline") are dropped too; as lynx does not mark
    where a link ends, each is taken to cover a few words. So are the stand-ins for images
    without alternative text: a file's name in brackets, or a line that is one bracketed
    word (see _PLACEHOLDER).

    >>> strip_link_markup("Read [the report](https://example.com/r.pdf) today ![x](a.png)")
    ('Read the report today', 0.48)
    >>> strip_link_markup("* [4]Tech")
    ('* Tech', 1.0)
    >>> strip_link_markup("[crowd.jpg?width=640] The crowd gathered at noon.")
    ('The crowd gathered at noon.', 0.0)
    >>> strip_link_markup("[vw-concept-6-1]"), strip_link_markup("[4]")
    (('', 0.0), ('[4]', 0.0))
    >>> strip_link_markup("#### Council approves bike lanes](https://example.com/lanes)")
    ('#### Council approves bike lanes', 1.0)
    """
    if _PLACEHOLDER.fullmatch(text):
        return "", 0.0
    if "." in text and _IMAGE_NAME.search(text):
        text = " ".join(_IMAGE_NAME.sub(" ", text).split())
    if "[" in text and _LYNX_MARKER.search(text):
        markers = len(_LYNX_MARKER.findall(text))
        text = _LYNX_MARKER.sub("", text)
        words = len(text.split()) or 1
        return text, min(1.0, round(markers * LYNX_LINK_WORDS / words, 2))
    if "](" not in text and "][" not in text:
        opened = _DANGLING_OPENING.sub("", text)
        return (" ".join(opened.split()) if opened != text else text), 0.0
    text = _IMAGE.sub("", text)
    linked = 0

    def keep_text(match: re.Match[str]) -> str:
        nonlocal linked
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        linked += len(inner.strip())
        return inner

    text = _LINK.sub(keep_text, text)
    # What is left of links whose text began on an earlier line (a dumper puts a card's
    # image and headline on lines of their own): the "](url)" ending them, and "[" or "!["
    # opening one at the end of a line. Before such an ending, the line is link text.
    if "](" in text:
        ending = _DANGLING_TARGET.search(text)
        if ending is not None:
            linked = max(linked, len(text[:ending.start()].strip()))
        text = _DANGLING_TARGET.sub("", text)
    plain = " ".join(_DANGLING_OPENING.sub("", text).split())
    return plain, round(linked / len(plain), 2) if plain else 0.0


# East Asian wide and full-width characters: a terminal gives each two columns.
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
                   r"\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")

Measure = Callable[[str], int]


def _columns(line: str) -> int:
    """How many terminal columns ``line`` takes (a wide character takes two).

    >>> _columns("Kindle for PC"), _columns("Kindleの設定")
    (13, 12)
    """
    return len(line) if line.isascii() else len(line) + len(_WIDE.findall(line))


def _wrapping(text: str, lines: list[str]) -> tuple[int, Measure] | None:
    """The width a dump was wrapped at and how it counted it, or None if it was not wrapped.

    Terminal browsers (lynx, w3m) wrap at a number of columns, where a Chinese, Japanese or
    Korean character takes two; html2text wraps at a number of characters. A page with wide
    characters is tried in columns first. ``lines`` are the lines of ``text``.
    """
    if not text.isascii() and _WIDE.search(text):
        found = [(width, measure) for measure in (_columns, len)
                 if (width := _wrap_width(lines, measure))]
        if len(found) < 2:
            return found[0] if found else None
        # Measured the dumper's way, more of the lines are broken where a word did not fit.
        return max(found, key=lambda wrapping: _breaks(lines, *wrapping))
    width = _wrap_width(lines, len)
    return (width, len) if width else None


def _breaks(lines: list[str], width: int, measure: Measure) -> int:
    """How many of ``lines`` a dumper wrapping at ``width`` broke because a word did not fit."""
    return sum(1 for previous, line in pairwise(lines)
               if previous.strip() and line.strip()
               and _broken_before(previous, line, width, measure))


def _holds_unbreakable(line: str) -> bool:
    """Whether ``line`` holds a url or a data uri, a word no dumper breaks.

    A dumper puts such a word on a line of its own, so a line longer than any wrap width
    with spaces all through it (a word every PROSE_WORD_CHARS characters) is a paragraph
    that was never wrapped, and is not searched.
    """
    if len(line) > MAX_WRAP_WIDTH and line.count(" ") * PROSE_WORD_CHARS >= len(line):
        return False
    return _UNBREAKABLE.search(line) is not None


def _wrap_width(lines: list[str], measure: Measure = len) -> int | None:
    """The width a dump was wrapped at, or None if it was not wrapped."""
    # Dumpers do not break a url or a link, so lines holding one may run past the width;
    # html2text leaves list items and table rows unwrapped.
    lengths = [measure(line.rstrip()) for line in lines
               if measure(line.strip()) >= MIN_MEASURED_CHARS
               and "://" not in line and "](" not in line and line.count("|") < 2
               and not patterns.BLOCK_START.match(line) and not _holds_unbreakable(line)]
    if len(lengths) < 5:
        return None
    # The width is the length that (nearly) no line exceeds; a few longer lines (URLs,
    # tables) don't count.
    candidates = Counter(min(length, MAX_WRAP_WIDTH + 1) for length in lengths)
    longer = sum(c for length, c in candidates.items() if length > MIN_WRAP_WIDTH - 1)
    width = None
    for w in range(MIN_WRAP_WIDTH, MAX_WRAP_WIDTH + 1):
        longer -= candidates.get(w, 0)  # now: lines longer than w
        if longer <= len(lengths) / 20:
            width = w
            break
    if width is None:
        return None
    near = sum(1 for length in lengths if width - WRAP_SLACK <= length <= width)
    if near / len(lengths) < MIN_WRAPPED_SHARE:
        return None
    # In a wrapped dump, a full line is often followed by the rest of its sentence; a list
    # of headlines of similar lengths is not.
    full = [i for i, line in enumerate(lines[:-1])
            if width - WRAP_SLACK <= measure(line.rstrip()) <= width]
    continued = sum(1 for i in full if _goes_on(lines[i + 1]))
    return width if continued / len(full) >= MIN_CONTINUED_SHARE else None


def _goes_on(line: str) -> bool:
    """Whether a line starts like the rest of a sentence: lower case, or a caseless script."""
    first = line.lstrip()[:1]
    return bool(first) and (first.islower() or (first.isalpha() and not first.isupper()))


def _unwrap(raw: list[str], broken: Callable[[str, str], bool],
            glue: Callable[[str, str], str] | None = None) -> list[tuple[int, str]]:
    """Join the lines a dumper broke (``broken(previous, line)``, both as the dumper wrote
    them), with ``glue(text so far, line)`` between (default :func:`_glue`); returns
    (first line number, text) pairs."""
    glue = glue or _glue
    joined: list[tuple[int, str]] = []
    previous = ""  # the last line, as the dumper wrote it ("" after a blank line)
    for number, line in enumerate(raw, start=1):
        if not line.strip():
            previous = ""
            joined.append((number, line))
            continue
        if previous and joined and broken(previous, line):
            start, text = joined[-1]
            joined[-1] = (start, text.rstrip() + glue(text, line) + line.strip())
        else:
            joined.append((number, line))
        previous = line
    return joined


def _broken_before(previous: str, line: str, width: int, measure: Measure) -> bool:
    """Whether a dumper wrapping at ``width`` broke ``previous`` because ``line``'s first
    word did not fit after it (a new block, or a word that would have fit, means the page
    itself had a line break there).

    >>> _broken_before("a" * 75, "wordy text", 78, len), _broken_before("a" * 75, "so", 78, len)
    (True, False)
    """
    end = measure(previous.rstrip())
    if end < width - WRAP_SLACK or patterns.BLOCK_START.match(line):
        return False
    start = line.lstrip()
    piece = _FIRST_PIECE.match(start)
    space = 0 if _joins_unspaced(previous.rstrip(), start) else 1
    return end + space + measure(piece.group() if piece else start[:1]) > width


def _open_destination(text: str) -> bool:
    """Whether ``text`` ends inside a markdown link's target: "[a](https://ex.com/lo"."""
    start = text.rfind("](")
    return start >= 0 and ")" not in text[start + 2:]


# Chinese and Japanese put no spaces between words, so a dumper breaks their lines at any
# character: ideographs, kana, and full-width punctuation and forms. (Korean spaces its
# words, and is joined like Latin text.)
_UNSPACED = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# The first piece of a line that a dumper could have put at the end of the previous one:
# one Chinese or Japanese character, else a word. (Python's textwrap, and so html2text,
# also breaks at a hyphen, but only inside a word that did not fit: taking the whole word
# treats that break like the others.)
_FIRST_PIECE = re.compile(_UNSPACED.pattern + r"|\S+")


def _glue(text: str, following: str) -> str:
    """What joins ``text`` to the line ``following`` it: nothing inside a link target (a
    dumper that wraps breaks long urls, at a hyphen or a slash) or where Chinese or Japanese
    text was broken, a space elsewhere.

    >>> _glue("See the", "report"), _glue("用意されていま", "す。"), _glue("押すと", "Kindleが")
    (' ', '', '')
    """
    if _open_destination(text) or _joins_unspaced(text.rstrip(), following.lstrip()):
        return ""
    return " "


def _joins_unspaced(left: str, right: str) -> bool:
    """Whether ``left`` and ``right`` meet inside Chinese or Japanese text."""
    return bool(_UNSPACED.match(left[-1:]) or _UNSPACED.match(right[:1]))


# A dump that puts a blank line after at least this share of its lines separates its
# paragraphs so (markdown: html2text, markdownify); a line break inside a paragraph is then
# the dumper's wrapping, not the page's.
MIN_BLANK_SEPARATED_SHARE = 0.4
# html2text wraps at 78 characters by default; other dumpers at 70 to 80.
LIKELY_WRAP_WIDTHS = range(70, 81)


def _separates_paragraphs(raw: Sequence[str]) -> bool:
    """Whether a blank line follows most of the dump's lines (see MIN_BLANK_SEPARATED_SHARE)."""
    filled = [bool(line.strip()) for line in raw]
    lines = sum(filled)
    followed = sum(1 for here, after in pairwise(filled) if here and not after)
    return lines > 0 and followed >= MIN_BLANK_SEPARATED_SHARE * lines


def _unwrap_at_spaces(raw: list[str]) -> list[tuple[int, str]]:
    """Join the lines of Chinese or Japanese paragraphs that a dumper wrapped at spaces only.

    html2text (Python's textwrap) breaks a line only at a space: a Chinese paragraph with a
    few Latin words in it is broken next to them, at any length, and no wrap width shows in
    the line lengths. A line that does not end a sentence, followed without a blank line by
    one whose first space-delimited piece would have taken it past a usual wrap width, and
    with Chinese or Japanese on both sides, was broken so; the space goes back between them.

    >>> wrapped = ["据新华社报道，国家统计局周二公布的数据显示，今年前三季度 GDP 同比增长 5.2%，"
    ...            "高于市场预期。分析人士认为，消费和 AI",
    ...            "相关投资是主要动力，而房地产市场仍然拖累经济。", "", "下一段。"]
    >>> [(number, text[-26:]) for number, text in _unwrap_at_spaces(wrapped)]
    [(1, 'AI 相关投资是主要动力，而房地产市场仍然拖累经济。'), (3, ''), (4, '下一段。')]
    """
    return _unwrap(raw, lambda previous, line: _wrapped_at_space(previous.strip(), line.strip()),
                   lambda text, line: " ")


def _wrapped_at_space(previous: str, line: str) -> bool:
    if (len(previous) < MIN_MEASURED_CHARS or len(previous) > LIKELY_WRAP_WIDTHS.stop
            or previous[-1] in _SENTENCE_END or patterns.BLOCK_START.match(line)
            or not _UNSPACED.search(previous) or not _UNSPACED.search(line.split(" ", 1)[0])):
        return False
    return len(previous) + 1 + len(line.split(" ", 1)[0]) > LIKELY_WRAP_WIDTHS.start


def _join_split_links(numbered: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join lines that a dumper broke inside a markdown link (its text or its target).

    >>> _join_split_links([(1, "See [the"), (2, "report](https://ex.com/a-"), (3, "b) now")])
    [(1, 'See [the report](https://ex.com/a-b) now')]
    """
    joined: list[tuple[int, str]] = []
    for number, line in numbered:
        if joined and line.strip() and len(joined[-1][1]) < MAX_LINK_JOIN_CHARS:
            start, text = joined[-1]
            opening = text.rfind("[")
            open_text = opening > text.rfind("]") and "](" in line
            if open_text or _open_destination(text):
                joined[-1] = (start, text.rstrip() + _glue(text, line) + line.strip())
                continue
        joined.append((number, line))
    return joined


# A page whose lines average more characters than this was flattened by its scraper (its
# whitespace collapsed, "one line a page"): it has no lines to judge, so its sentences are.
FLAT_LINE_CHARS = 1000
# Where a sentence may end: a full stop, maybe a closing quote or bracket, then a space;
# or a CJK full stop, which needs no space after it.
_SENTENCE_END_GAP = re.compile(r"[.!?…。！？][\"'”’»)\]」』]*\s+|[。！？](?=\S)")
# What starts a sentence for certain: a capital or a letter of a caseless script, maybe
# after an opening quote or bracket.
_SENTENCE_START = re.compile(r"[\"'“‘«(\[「『]?[^\W\d_a-z]")
# A count in brackets belongs with what it counts ("Great! (12)", "Comments? (4)").
_COUNT_AFTER = re.compile(r"[(\[]\d+[)\]]")
# The word before a full stop, if it is one ("online."), not an abbreviation ("e.g.", "U.S.").
_LAST_WORD = re.compile(r"(?<![.\w])[^\W\d_]{3,}$")


def split_sentences(line: str) -> list[str]:
    """Cut a flattened page's line into sentences.

    A sentence ends at "!" or "?", at a CJK full stop, and at a full stop before a capital
    (or a caseless script's letter), or before a lower-case letter after a whole word of
    three or more letters, unless a count in brackets follows: so a counter or a menu glued
    after the last sentence ("... online. Great! (12)") comes apart, and "e.g. this",
    "Dec. 16" or the counter itself does not.

    >>> split_sentences("They met online. Great! (12) Related e.g. this. 東京は晴れ。大阪")
    ['They met online.', 'Great! (12) Related e.g. this.', '東京は晴れ。', '大阪']
    """
    pieces: list[str] = []
    start = 0
    for gap in _SENTENCE_END_GAP.finditer(line):
        mark = gap.group(0)[0]
        after = line[gap.end():gap.end() + 2]
        if not after or _COUNT_AFTER.match(line, gap.end()):
            continue
        if mark == "." and not _SENTENCE_START.match(after) and not (
                after[0].islower() and _LAST_WORD.search(line[start:gap.start()])):
            continue
        pieces.append(line[start:gap.end()].strip())
        start = gap.end()
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def is_flat(text: str) -> bool:
    """Whether a scraper flattened the page: its lines average more than FLAT_LINE_CHARS
    characters. Such a page is cut into sentences and judged by its own classifier.

    >>> is_flat("Home News " * 200), is_flat("Home\\nNews\\n" * 200)
    (True, False)
    """
    return _is_flat(text, _raw_lines(text))


def _raw_lines(text: str) -> list[str]:
    """The text's lines: only CR and LF end one (see :func:`split_lines`)."""
    return _NEWLINES.split(text) if "\r" in text else text.split("\n")


def _is_flat(text: str, raw: Sequence[str]) -> bool:
    """Whether the page's lines average more than FLAT_LINE_CHARS characters (less the
    spaces a layout pads them with)."""
    if len(text) <= FLAT_LINE_CHARS:
        return False
    # A page with more non-blank lines than this cannot average FLAT_LINE_CHARS: most
    # pages are ruled out after their first few lines.
    most = len(text) // FLAT_LINE_CHARS
    lines = 0
    for line in raw:
        if line and not line.isspace():
            lines += 1
            if lines > most:
                return False
    return sum(len(line.strip()) for line in raw) > FLAT_LINE_CHARS * lines


def split_lines(text: str, unflatten: bool = True) -> list[SourceLine]:
    """Split text into numbered, stripped lines (paragraphs, if the dump was wrapped).

    Blank lines are left out. Only CR and LF end a line: ``str.splitlines`` would also
    split at form feeds and U+2028, which scraped text carries inside paragraphs. The
    indent counts a tab as four columns. With ``unflatten`` (for a scraped dump, not for
    paragraphs an extractor chose), a page flattened to one line (:func:`is_flat`) is cut
    into its sentences.

    >>> [(line.number, line.indent, line.text) for line in split_lines("a\\r\\n\\n  b  \\u2028c")]
    [(1, 0, 'a'), (3, 2, 'b  \\u2028c')]
    """
    raw = _raw_lines(text)
    numbered: Iterable[tuple[int, str]]
    if unflatten and _is_flat(text, raw):
        numbered = [(number, sentence) for number, line in enumerate(raw, start=1)
                    for sentence in split_sentences(line)]
    else:
        wrapping = _wrapping(text, raw)
        if wrapping:
            width, measure = wrapping
            numbered = _unwrap(raw, partial(_broken_before, width=width, measure=measure))
        elif _UNSPACED.search(text) and _separates_paragraphs(raw):
            numbered = _unwrap_at_spaces(raw)
        else:
            numbered = enumerate(raw, start=1)
    if "](" in text:
        numbered = _join_split_links(numbered)
    starts: list[tuple[int, int, float]] = []  # (number, indent, link share) of each line
    texts: list[list[str]] = []  # each line's pieces, joined once at the end
    # The end of the last line's text, all that _goes_on_from and the glue read of it: a
    # page of a million one-word lines that all join would make "text + piece" quadratic.
    tail = ""
    blank_before = True
    for number, line in numbered:
        stripped = line.strip()
        if not stripped:
            blank_before = True
            continue
        if stripped[0].isdigit() and _NUMBERED_ADDRESS.match(stripped):
            continue
        if "data:" in stripped:
            stripped = _DATA_URI.sub("", stripped).strip()
            if not stripped:
                blank_before = True
                continue
        # Link markup and reference lines have a "[", or end a link begun on an earlier line
        # ("Headline](https://...)"): most lines have neither.
        if "[" in stripped or "](" in stripped:
            if _REFERENCE.match(stripped):
                continue
            plain, link_share = strip_link_markup(stripped)
            if not plain:  # only markup (an image): it stands between blocks, as a blank does
                blank_before = True
                continue
        else:
            plain, link_share = stripped, 0.0
        plain = unescape(strip_emphasis(plain))
        if not blank_before and _goes_on_from(tail, plain):
            glue = " " if plain[0].isalnum() and not _joins_unspaced(tail, plain) else ""
            texts[-1] += (glue, plain)
            tail = (tail + glue + plain)[-_TAIL_CHARS:]
            continue
        blank_before = False
        lead = len(line) - len(line.lstrip())
        indent = len(line[:lead].expandtabs(4)) if "\t" in line[:lead] else lead
        starts.append((number, indent, link_share))
        texts.append([plain])
        tail = plain[-_TAIL_CHARS:]
    return [SourceLine(number, indent, "".join(pieces), link_share)
            for (number, indent, link_share), pieces in zip(starts, texts, strict=True)]


# How much of a line's end _goes_on_from needs: its last character, and its last word when
# that word can be a phrase opener (a longer one is no opener however it is cut).
_TAIL_CHARS = max(len(word) for word in patterns.PHRASE_OPENERS) + 1

# Punctuation that closes a phrase, so cannot start one (Latin, CJK, Arabic).
_CLOSING = frozenset(",.;:!?)]}»”’%、，。：；！？）」』】،؛؟")
_SENTENCE_END = frozenset(patterns.SENTENCE_MARKS + "．｡:;")
_MID_SENTENCE = frozenset(",、，،")


def _goes_on_from(previous: str, line: str) -> bool:
    """Whether ``line`` is the rest of the sentence ``previous`` began, on a line of its own.

    A dumper that writes each text node of the page on its own line (``get_text("\n")``)
    breaks a paragraph at every link or emphasis: "The", "council", "voted on Tuesday.".
    A line that starts in lower case or with closing punctuation, right after (no blank
    line between) a line that does not end a sentence, goes on from it; list items don't.

    >>> _goes_on_from("Read the", "council's report."), _goes_on_from("the council", ", he said")
    (True, True)
    >>> _goes_on_from("東京都の", "、新しい計画について")
    True
    >>> _goes_on_from("the suspension of the", "Browns rusher"), _goes_on_from("Facebook,", "X")
    (True, True)
    >>> _goes_on_from("It ended.", "then"), _goes_on_from("Menu", "o about us")
    (False, False)
    >>> _goes_on_from("Contact us", "Privacy Policy")
    False
    """
    first = line[0]
    if previous[-1] in _SENTENCE_END or patterns.BLOCK_START.match(line) or _LIST_MARK.match(line):
        return False
    if first.islower() or first in _CLOSING:
        return True
    # A line that stops after a comma, an article or a conjunction stops mid-sentence.
    return previous[-1] in _MID_SENTENCE or (
        previous.rsplit(None, 1)[-1].lower() in patterns.PHRASE_OPENERS)

