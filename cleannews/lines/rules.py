"""Explicit rules for unmistakable boilerplate lines; each predicate names what it catches.

A rule here fires only on a shape that article text practically never has. Everything
less certain is left to the learned line classifier (:mod:`cleannews.lines.model`), which
also sees the rules' verdicts as features. This module is the vocabulary both share: the
reasons a line is dropped (:class:`DropReason`), a rule's :class:`Verdict`, and the table
of the rules that judge a line alone (:data:`LINE_RULES`).
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from cleannews.lines import patterns
from cleannews.lines.stopwords import STOP_WORDS

__all__ = [
    "LINE_RULES",
    "DropReason",
    "LineRule",
    "Size",
    "Verdict",
    "bare",
    "body_lines",
    "byline_names",
    "has_breadcrumb_mark",
    "is_breadcrumb",
    "is_byline",
    "is_comment_header",
    "is_cookie_notice",
    "is_date_line",
    "is_form_control",
    "is_link_farm_heading",
    "is_photo_credit",
    "is_reaction_counter",
    "is_tagline",
    "looks_like_body",
    "looks_like_headline",
    "sentence_breaks",
    "word_count",
]

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


class DropReason(str, enum.Enum):
    """Why a line was dropped; the value is the name used in records and ``--explain``."""

    NAVIGATION = "navigation"
    TITLE = "title"
    DATE_LINE = "date_line"
    BYLINE = "byline"
    REACTION_COUNTER = "reaction_counter"
    TAGLINE = "tagline"
    COOKIE_NOTICE = "cookie_notice"
    PHOTO_CREDIT = "photo_credit"
    COMMENT = "comment"
    DUPLICATE = "duplicate"
    LINK_FARM = "link_farm"
    CLASSIFIER = "classifier"


@dataclass(frozen=True, slots=True)
class Verdict:
    """A rule's decision to drop a line: the reason recorded, and the rule that decided
    (a predicate's name such as ``is_breadcrumb``, or a page-level step such as
    ``repeated_title``)."""

    reason: DropReason
    rule: str

# A counter line is short: a few reaction words and numbers. Longer lines are prose.
MAX_COUNTER_CHARS = 40
# A breadcrumb segment is a page or section name, rarely more than a few words.
MAX_BREADCRUMB_SEGMENT_WORDS = 5
# Bylines name people; more words than this is a sentence that happens to start "By".
MAX_BYLINE_WORDS = 10
# With its date ("By Jane Doe on Monday, November 18th, 2019 at 11:04 a.m."): a date with its
# weekday and time takes up to 8 words.
MAX_DATED_BYLINE_WORDS = MAX_BYLINE_WORDS + 8
# A date line is the date and a label; anything much longer is a sentence with a date in it.
MAX_DATE_LINE_CHARS = 60


# Every rule looks at a line's bare form and word count; pages repeat lines (menus), so a
# cache of recent lines saves recomputing them.
CACHE_LINES = 8192


@lru_cache(maxsize=CACHE_LINES)
def bare(line: str) -> str:
    """Strip bullets, markdown marks, surrounding space and a trailing colon.

    >>> bare("  * ## Related:")
    'Related'
    """
    text = line.strip()
    # Only a line starting with a mark, a digit or "o " can hold leading marks; skipping
    # the pattern for the rest makes this several times faster (every rule calls it).
    first = text[:1]
    if first and (not first.isalnum() or first.isdigit()
                  or (first == "o" and text[1:2].isspace())):
        text = patterns.LEADING_MARKS.sub("", text).strip()
    text = text.strip("*_").strip()
    if text[-1:] in {":", "："}:
        text = text[:-1].rstrip()
    return text


CJK = patterns.CJK
_SPACED_WORD = re.compile(
    rf"(?:[^\W{patterns.CJK.pattern[1:-1]}{patterns.UNSPACED_LETTERS.pattern[1:-1]}]"
    rf"|[{patterns.COMBINING_MARKS}])+")


@lru_cache(maxsize=CACHE_LINES)
def word_count(text: str) -> int:
    """Count words; in scripts that do not space their words, one per so many characters
    (patterns.CJK_CHARS_PER_WORD, patterns.UNSPACED_LETTERS_PER_WORD).

    >>> word_count("Hello big world"), word_count("관련 기사")
    (3, 2)
    >>> word_count("関連記事"), word_count("ข่าวที่เกี่ยวข้อง"), word_count("फिरोज खान को गाली")
    (2, 5, 4)
    """
    if text.isascii():
        return len(_SPACED_WORD.findall(text))
    cjk_chars = len(patterns.CJK.findall(text))
    letters = len(patterns.UNSPACED_LETTERS.findall(text))
    return (len(_SPACED_WORD.findall(text)) + -(-cjk_chars // patterns.CJK_CHARS_PER_WORD)
            + -(-letters // patterns.UNSPACED_LETTERS_PER_WORD))


def _words(text: str, known: int | None) -> int:
    """``known`` if the caller has counted the line's words already (rules that take a
    ``words`` argument trust it to be :func:`word_count` of the line's bare form)."""
    return word_count(text) if known is None else known


def _is_cjk(ch: str) -> bool:
    return bool(CJK.match(ch))


def _reaction_counter_pattern() -> re.Pattern[str]:
    """The pattern of one or more reaction widgets, written so that it cannot backtrack long.

    A run of symbols or digits is matched whole (an atomic group, written as a lookahead
    and a back-reference, since Python 3.10 has no possessive quantifiers), and the spaces
    between widgets belong to one place only. Otherwise a line of 30 block characters
    ending in a dash takes minutes to fail: every way of cutting the run into widgets is
    tried.
    """
    words = "|".join(re.escape(w).replace(r"\ ", r"\s*")
                     for w in sorted(patterns.REACTION_WORDS, key=len, reverse=True))
    symbol = r"[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+"
    digits = r"\d[\d.,]*"
    runs = itertools.count()

    def atomic(pattern: str) -> str:
        name = f"run{next(runs)}"  # each copy of a group needs a name of its own
        return rf"(?=(?P<{name}>{pattern}))(?P={name})"

    def item() -> str:
        return rf"(?:(?:{words})(?!\w)|{atomic(symbol)})[!?:！？：]*"

    def count() -> str:
        return rf"[(\[]?{atomic(digits)}\s*[kKmM万千]?\+?[)\]]?"

    def widget() -> str:
        return rf"(?:{item()}(?:\s*{count()})?|{count()}\s*{item()})"

    # Widgets with separators between them, the widget written once (half the compile
    # time of "widget (separator widget)*"): a separator must be followed by more.
    return re.compile(rf"(?:{widget()}(?:\s*(?:[|·•,/]\s*)?(?!\Z))?)+", re.IGNORECASE)


# One widget, or several on a line: "Like 12 · Share 3 · 4 Comments".
_REACTION_COUNTER = _reaction_counter_pattern()

def is_reaction_counter(line: str) -> bool:
    """Return True for like/share/reaction widgets: reaction words or emoji with counts.

    Numbers alone (a date, a score, a phone number) are not a widget: a counter has a
    reaction word or an emoji.

    >>> [is_reaction_counter(x) for x in ["Very good! (32)", "👍 12", "Share 4", "Share"]]
    [True, True, True, True]
    >>> is_reaction_counter("Like 3 · Share 4"), is_reaction_counter("Rating: 36 Votes")
    (True, True)
    >>> is_reaction_counter("Share your thoughts with us in the comments below.")
    False
    >>> is_reaction_counter("Chapter 3")
    False
    >>> is_reaction_counter("15.03.2024 12:30")
    False
    """
    text = bare(line)
    if not text or len(text) > MAX_COUNTER_CHARS:
        return False
    return _REACTION_COUNTER.fullmatch(text) is not None


# Longer lines are sentences; a trail names a handful of short sections.
MAX_BREADCRUMB_CHARS = 160
_BREADCRUMB_MARK = re.compile(r"[>»›→/\\|:：]")


def has_breadcrumb_mark(text: str) -> bool:
    """Whether ``text`` has a character that separates the parts of a breadcrumb trail."""
    return _BREADCRUMB_MARK.search(text) is not None


def is_breadcrumb(line: str) -> bool:
    """Return True for a breadcrumb trail such as "Home > News > World".

    >>> is_breadcrumb("Current:Home > Contact")
    True
    >>> is_breadcrumb("Home » Politics » Europe")
    True
    >>> is_breadcrumb("Prices rose 5% > expectations, the bank said.")
    False
    """
    text = bare(line)
    if len(text) > MAX_BREADCRUMB_CHARS or not has_breadcrumb_mark(text):
        return False
    label, colon, rest = re.split(r"([:：])", text, maxsplit=1) if re.search(r"[:：]", text) else (
        text, "", "")
    labelled = bool(colon) and label.strip().lower() in patterns.BREADCRUMB_LABELS
    trail = rest if labelled else text
    segments = [s.strip() for s in patterns.BREADCRUMB_SEPARATOR.split(trail)]
    if len(segments) < 2 or any(not s for s in segments):
        return labelled and 0 < word_count(trail) <= MAX_BREADCRUMB_SEGMENT_WORDS
    if any(word_count(s) > MAX_BREADCRUMB_SEGMENT_WORDS for s in segments):
        return False
    if any(s[-1] in ".!?。" for s in segments):
        return False
    if labelled or segments[0].lower() in patterns.HOME_WORDS:
        return True
    # An unlabelled trail with ">"-like separators (not "/" or "|", common in titles).
    return len(re.findall(r">|»|›|→", trail)) >= 2


_LINK_FARM_HEADINGS = frozenset(patterns.LINK_FARM_HEADINGS)
_LINK_FARM_PREFIX = re.compile("|".join(map(re.escape, patterns.LINK_FARM_HEADING_PREFIXES)))
# "More from <section>": a section name is a word or two, not a clause.
MAX_LINK_FARM_HEADING_WORDS = 6
MAX_LINK_FARM_HEADING_CHARS = 60
# A compound heading in an unspaced script ("本日の人気記事ランキング") is this short; a
# longer line ending so is a headline ("…の住みやすい街ランキングを発表").
MAX_COMPOUND_HEADING_CHARS = 14
_LINK_FARM_ENDINGS = tuple(patterns.LINK_FARM_HEADING_ENDINGS)
# Marks CJK pages put before or around a heading, with no space after them.
_HEADING_MARKS = "・●■◆◇□○◎★☆▼▽▶►【】[]「」"


# What a terminal browser writes for a form control or a frame: lynx's "(BUTTON) Search",
# "IFRAME: https://...", and an input field drawn as a row of underscores. (A row of three,
# "___", is the section break of agency copy, and part of the article.)
_FORM_CONTROL = re.compile(r"\(BUTTON\)|I?FRAME:|_{4,}(?:\s+_{4,})*\s*$")


def is_form_control(line: str) -> bool:
    """Return True for a (stripped) line a terminal browser draws for a form control or a
    frame. Every such line starts with one of "(", "I", "F" or "_": most lines are ruled out
    by their first character.

    >>> is_form_control("(BUTTON) Subscribe"), is_form_control("IFRAME: https://ex.com/player")
    (True, True)
    >>> is_form_control("____________________"), is_form_control("Press the button (BUTTON).")
    (True, False)
    >>> is_form_control("___")  # an agency's section break
    False
    """
    return line[:1] in "(IF_" and _FORM_CONTROL.match(line) is not None


@lru_cache(maxsize=CACHE_LINES)
def is_link_farm_heading(line: str) -> bool:
    """Return True for a heading that introduces a list of links to other stories.

    >>> [is_link_farm_heading(x) for x in ["Related", "## You may also like:", "・関連記事"]]
    [True, True, True]
    >>> is_link_farm_heading("本日の人気記事ランキング"), is_link_farm_heading("İlgili Haberler")
    (True, True)
    >>> is_link_farm_heading("### Você pode gostar..."), is_link_farm_heading("More news »")
    (True, True)
    >>> is_link_farm_heading("Related companies reported higher profits.")
    False
    """
    # "İ" lower-cases to "i" and a combining dot; Turkish headings are listed without it.
    text = bare(line).replace("İ", "i").lower().rstrip(".…:!>»› ").strip(_HEADING_MARKS)
    if not text or len(text) > MAX_LINK_FARM_HEADING_CHARS:
        return False
    if text in _LINK_FARM_HEADINGS:
        return True
    if len(text) <= MAX_COMPOUND_HEADING_CHARS and " " not in text and text.endswith(
            _LINK_FARM_ENDINGS):
        return True
    return bool(_LINK_FARM_PREFIX.match(text)) and word_count(text) <= MAX_LINK_FARM_HEADING_WORDS


def _byline_prefix_pattern() -> re.Pattern[str]:
    """A byline prefix, followed by a separator unless it is a CJK one ("記者山田").

    The two kinds never match at the same place (their first characters differ), so each
    is one group, longest first, the first under one look-ahead: a twelfth of the compile
    time of a look-ahead after each prefix, and the same matches.
    """
    longest_first = sorted(patterns.BYLINE_PREFIXES, key=len, reverse=True)
    spaced = [re.escape(p) for p in longest_first if not _is_cjk(p[0])]
    unspaced = [re.escape(p) for p in longest_first if _is_cjk(p[0])]
    groups = [rf"(?:{'|'.join(spaced)})(?=[\s:：/\u3000])"] if spaced else []
    if unspaced:
        groups.append(f"(?:{'|'.join(unspaced)})")
    return re.compile("|".join(groups), re.IGNORECASE)


_BYLINE_PREFIX = _byline_prefix_pattern()
_BYLINE_SUFFIX = re.compile(
    r"\s(?:" + "|".join(map(re.escape, patterns.BYLINE_SUFFIXES)) + r")$")
# A CJK personal name is two to four characters.
MAX_CJK_NAME_CHARS = 4
# Words a list of names may hold in lower case: joiners, and the particles of names
# ("Jan de Vries", "Ludwig van Beethoven", "Ahmad bin Said").
_NAME_JOINERS = frozenset({
    "and", "und", "et", "y", "e", "en", "&", "|", "de", "van", "der", "den", "von", "zu",
    "da", "di", "del", "della", "dos", "das", "du", "la", "le", "ter", "ten", "bin", "al",
    "el", "ibn"})


def is_byline(line: str, words: int | None = None, digits: int | None = None) -> bool:
    """Return True for an author line such as "By Jane Doe and John Roe".

    >>> is_byline("By Jane Doe, Reuters")
    True
    >>> is_byline("By the end of the year, prices had doubled.")
    False
    >>> is_byline("By Jane Doe | March 3, 2024"), is_byline("Published May 5, 2024 by Jo Roe")
    (True, True)
    >>> is_byline("By Jane Doe | Special to the Post")
    True
    >>> is_byline("Posted by Jo Roe on Monday, November 18th, 2019 at 11:04 a.m.")
    True

    ``words`` and ``digits``, if the caller has counted them, are the number of words and of
    ``\\d`` characters of the line's bare form.
    """
    text = bare(line)
    count = _words(text, words) if text else 0
    if not text or count > MAX_DATED_BYLINE_WORDS:
        return False
    if count <= MAX_BYLINE_WORDS:
        if _is_plain_byline(text):
            return True
        # A byline and what follows a bar: its outlet, date or section ("By Jane Doe |
        # Special to the Post").
        head = text.split("|", 1)[0].strip() if "|" in text else ""
        if head and _is_plain_byline(head):
            return True
    # A byline with its date: judged without the date ("By Jane Doe | March 3, 2024"). Quick
    # checks first: every date has MIN_DATE_DIGITS figures, and the byline its prefix.
    if digits is None:
        digits = sum(map(str.isdigit, text))
    if digits < MIN_DATE_DIGITS:
        return False
    if not _BYLINE_PREFIX.search(text):
        return _named_parts(text) is not None
    rest = _without_dates(text)
    if not rest or word_count(rest) > MAX_BYLINE_WORDS:
        return False
    return _is_plain_byline(rest)


def _without_dates(text: str) -> str | None:
    """:func:`without_date` until no date is left (None if there was none)."""
    rest = without_date(text)
    while rest and (shorter := without_date(rest)) is not None and shorter != rest:
        rest = shorter
    return rest


def byline_names(line: str) -> str | None:
    """The names a byline gives: less its prefix, any date it carries and what follows a bar.

    >>> byline_names("By Jane Doe | March 3, 2024"), byline_names("Published May 5, 2024 by Jo")
    ('Jane Doe', 'Jo')
    >>> byline_names("By Jane Doe | Special to the Post"), byline_names("文/山田太郎")
    ('Jane Doe', '山田太郎')
    >>> byline_names("Bylines are short") is None, byline_names("홍길동 기자")
    (True, '홍길동')
    >>> byline_names("Jane Doe · City Herald · Posted: March 3, 2024 | Updated: March 4, 2024")
    'Jane Doe'

    """
    text = bare(line)
    named = _named_parts(text)
    if named is not None:
        return named[0]
    text = (without_date(text) or text).split("|", 1)[0].strip()
    match = _BYLINE_PREFIX.match(text)
    if match is None:
        suffix = _BYLINE_SUFFIX.search(text)
        return text[:suffix.start()].strip() or None if suffix else None
    return text[match.end():].strip(" :：/\u3000") or None


_PARTS = re.compile(r"\s+[·•|]\s+|\s*[·•|]\s*$")


def _named_parts(text: str) -> list[str] | None:
    """The names before a labelled date, in a byline without a prefix ("Jane Doe · City
    Herald · Posted: March 3, 2024 | Last Updated: March 4, 2024"): the parts between
    separators once every date and date label is taken out, if each is a name (None if not
    such a line). Without a label ("Politics · March 3, 2024") the parts may be sections.
    """
    if not _DATE_LABEL.search(text) or not _PARTS.search(text):
        return None
    rest = _without_dates(text)
    if not rest or _DIGIT.search(rest):
        return None
    prefix = _BYLINE_PREFIX.match(rest)
    rest = rest[prefix.end():].lstrip(" :：") if prefix else rest
    parts = [part for part in _PARTS.split(rest) if part.strip(_DATE_SEPARATORS)]
    if not parts or word_count(" ".join(parts)) > MAX_BYLINE_WORDS:
        return None
    if not all(_is_name_word(word) for part in parts for word in part.split()):
        return None
    return [part.strip() for part in parts]


def _is_plain_byline(text: str) -> bool:
    if text[-1] in ".!?。":
        return False
    match = _BYLINE_PREFIX.match(text)
    if match is None:
        suffix = _BYLINE_SUFFIX.search(text)  # "홍길동 기자": a name, then the title
        return suffix is not None and 0 < len(text[:suffix.start()].split()) <= 3
    names = text[match.end():].strip(" :：/\u3000")
    if not names:
        return False
    if _is_cjk(match.group(0)[0]):
        # "文/山田太郎" or "記者 山田": a separator or a name-sized rest, not "文化祭に…".
        separated = text[match.end():match.end() + 1] in {" ", "/", ":", "：", "\u3000"}
        return separated or len(names) <= MAX_CJK_NAME_CHARS
    return all(_is_name_word(word) for word in re.split(r"[\s,·•]+", names) if word)


def _is_name_word(word: str) -> bool:
    """Whether a word can be part of a list of names: it starts with a capital, or, in a
    script without case (Arabic, Thai...), a letter; or it joins names or is a particle."""
    first = word[0]
    return first.isupper() or (first.isalpha() and not first.islower()) or (
        word.lower() in _NAME_JOINERS)


_ISO_DATE = r"\d{4}\s?[-/.年년]\s?\d{1,2}\s?[-/.月월]\s?\d{1,2}(?:\s?[日일])?"
_DMY_DATE = r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
_WORD_DATE = (
    r"(?:\w+,?\s+)?"  # an optional weekday
    # 3 March 2024, 3. März 2024, 3 de marzo de 2024
    rf"(?:\d{{1,2}}\.?\s+(?:de\s+)?{patterns.WORD_LETTERS}\.?,?\s+(?:de\s+)?\d{{4}}"
    r"|[^\W\d]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"  # March 3rd, 2024
)
_TIME = (
    r"(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"  # 10:15, 10:15:00 AM, 10h15
    r"(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)"  # a zone: EST, +01:00
)
_TIME_PATTERN = re.compile(_TIME + r"(?:\s*[AaPp]\.?[Mm]\.?)?")
DATE_PATTERN = re.compile(
    rf"(?:{_ISO_DATE}|{_DMY_DATE}|{_WORD_DATE})(?:[T\s,|]+(?:at\s+|um\s+|à\s+)?{_TIME})?"
)


_DATE_FILLER = frozenset({"de", "del", "le", "the", "of", "am", "um", "at", "à", "a", "T", "t",
                          "st", "nd", "rd", "th", "er"})
_WEEKDAYS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi
vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo
""".split())
_TIME_ZONE = re.compile(r"[A-Z]{2,4}|[AaPp][Mm]")
# Every DATE_PATTERN match has at least this many figures (2024-3-5, 3/5/24, 5 May 2024).
MIN_DATE_DIGITS = 4
_DATE_LABELS_LONGEST_FIRST = sorted(patterns.DATE_LABELS, key=len, reverse=True)
_LIST_NUMBER = re.compile(r"^\d{1,3}[.)]\s+")


def is_date_line(line: str, digits: int | None = None) -> bool:
    """Return True for a line that holds a date and little else (a label, a time).

    >>> is_date_line("Date:2025-04-07 02:51:19")
    True
    >>> is_date_line("Published on March 3, 2024 at 10:15 AM")
    True
    >>> is_date_line("On March 3, 2024, the council voted to close the school.")
    False
    >>> is_date_line("2 days ago at 07:52 am"), is_date_line("vor 3 Stunden")
    (True, True)
    >>> is_date_line("| 1/1/2013 | +13.1% |")
    False

    ``digits``, if the caller has counted them, is the number of ``\\d`` characters of the
    line's bare form.
    """
    text = bare(line)
    stripped = line.strip()
    if (stripped[:1].isdigit() and _LIST_NUMBER.match(stripped)
            and not _LIST_NUMBER.match(text)):
        text, digits = stripped, None  # "5. März 2024": a day, not a list number
    if not text or len(text) > MAX_DATE_LINE_CHARS:
        return False
    if not (digits if digits is not None else _DIGIT.search(text)):
        # Every date has a figure; so has a relative time, but for "a day ago".
        return bool(patterns.RELATIVE_TIME.match(text))
    if patterns.RELATIVE_TIME.match(text):
        return True
    if digits is not None and digits < MIN_DATE_DIGITS:
        return False
    match = DATE_PATTERN.search(text)
    if match is None:
        return False
    if _is_month_date(match.group(0)) is False:
        return False  # "Chapter 12 2024", "Apollo 11 1969": no month name
    # Every date goes: "Posted: March 3, 2024 | Updated: March 4, 2024".
    dates = [m for m in DATE_PATTERN.finditer(text) if _is_month_date(m.group(0)) is not False]
    between = [text[end:start] for end, start in zip(
        [0, *(m.end() for m in dates)], [*(m.start() for m in dates), len(text)], strict=True)]
    words = _TIME_PATTERN.sub(" ", " ".join(between))
    if not _WORD.search(words):
        return True
    rest = re.sub(r"[\s:：|,\-–—()]+", " ", words).strip().lower()
    if re.search(r"\d", rest):
        return False  # more figures beside the date: a table row or a score line
    label_words = rest
    for label in _DATE_LABELS_LONGEST_FIRST:
        label_words = label_words.replace(label, " ")
    # What is left after the labels may be a time or "ago"-like filler, not a clause.
    return word_count(label_words) <= 2


def _is_month_date(text: str) -> bool | None:
    """For a date in words, whether its month name is one we know; None if numeric.

    The words a date may hold besides the month (a weekday, "de", CJK 年月日) don't count.
    """
    names = [n for n in re.findall(patterns.WORD_LETTERS, text)
             if n.lower() not in _DATE_FILLER and n.lower().rstrip(".") not in _WEEKDAYS
             and not CJK.fullmatch(n[0]) and not _TIME_ZONE.fullmatch(n)]
    if not names:
        return None
    return any(n.lower().rstrip(".") in patterns.MONTHS for n in names)


_DATE_LABEL = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(label) for label in _DATE_LABELS_LONGEST_FIRST)
    + r")(?!\w)\s*[:：]?", re.IGNORECASE)
_DATE_SEPARATORS = " \t|·•,-–—:：/()"
_LEADING_WORD = re.compile(r"([^\W\d]+),?\s+")
# The word that introduces a date ("By Jane Doe on March 3, 2024", "von Jo am 3. März").
_DATE_PREPOSITION = re.compile(
    r"(?<!\w)(?:" + "|".join(patterns.DATE_PREPOSITIONS) + r")\s*$", re.IGNORECASE)


def without_date(text: str) -> str | None:
    """``text`` less its date, the date's label and the separators around them; None if
    it holds no date.

    >>> without_date("Author: Jane Doe | Published: March 3, 2024 10:15")
    'Author: Jane Doe'
    >>> without_date("Posted by Jo Roe on Monday, November 18th, 2019 at 11:04 a.m.")
    'by Jo Roe'
    """
    match = DATE_PATTERN.search(text)
    if match is None or _is_month_date(match.group(0)) is False:
        return None
    start = match.start()
    # The pattern's optional weekday may have taken a name's last word ("Doe, March 3").
    lead = _LEADING_WORD.match(match.group(0))
    if (lead and lead.group(1).lower().rstrip(".") not in _WEEKDAYS
            and DATE_PATTERN.fullmatch(match.group(0)[lead.end():])):
        start += lead.end()
    head = _DATE_PREPOSITION.sub("", text[:start])
    rest = _DATE_LABEL.sub(" ", head + " " + text[match.end():])
    return " ".join(rest.split()).strip(_DATE_SEPARATORS)


# A tagline is a short slogan or section name; longer title-case lines are headlines.
MAX_TAGLINE_WORDS = 10
_TAGLINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def is_tagline(line: str, stop_words: frozenset[str]) -> bool:
    """Return True for a slogan-like line: a few capitalised words, no function words.

    Only meaningful in a page's header (before its first paragraph), where the judge
    applies it: across the development pages 99% of such header lines were not article
    text. A subheading written in markdown (``## Key points``) is left to the classifier.

    >>> is_tagline("Quantitative Research Center View", frozenset({"the", "of"}))
    True
    >>> is_tagline("Leaders meet amid tensions in the region", frozenset({"in", "the"}))
    False
    """
    if line.lstrip().startswith("#"):
        return False
    text = bare(line)
    # Quick checks first: a sentence's end, or a first word in lower case, rule it out.
    if not text or text[-1] in patterns.SENTENCE_END or text[0].islower():
        return False
    words = _TAGLINE_WORD.findall(text)
    if not 2 <= len(words) <= MAX_TAGLINE_WORDS:
        return False
    if any(not w[0].isupper() for w in words):
        return False
    return not any(w.lower() in stop_words for w in words)


_CREDIT_START_LETTERS = frozenset("ipfbc")
# Captions are a sentence or two; longer lines that end in a credit are paragraphs quoting one.
MAX_CAPTION_WORDS = 80


def is_photo_credit(line: str, words: int | None = None) -> bool:
    """Return True for a photo caption or credit line.

    >>> is_photo_credit("Workers load trims into a truck in Hialeah. (AP Photo/Alan Diaz, File)")
    True
    >>> is_photo_credit("Image copyright Getty Images Image caption Scooter Braun at an event")
    True
    >>> is_photo_credit("The agency (which declined to comment) said prices rose.")
    False
    """
    text = bare(line)
    if not text or _words(text, words) > MAX_CAPTION_WORDS:
        return False
    # Quick checks first: every start pattern begins with one of these letters (or, for a
    # case-insensitive match, a non-ASCII letter such as "İ"), and every credit at the end
    # has a bracket or a slash.
    first = text[0]
    if ((not first.isascii() or first.lower() in _CREDIT_START_LETTERS)
            and patterns.PHOTO_CREDIT_START.match(text)):
        return True
    tail = text[-patterns.PHOTO_CREDIT_END_CHARS:]
    return ("(" in tail or "[" in tail or "/" in tail) and bool(
        patterns.PHOTO_CREDIT_END.search(tail))


# A banner is a sentence or three; an article discussing cookie law is longer.
MAX_COOKIE_NOTICE_WORDS = 120
# Every match of patterns.COOKIE_WORDS holds one of these, lower-cased.
_COOKIE_STEMS = ("cookie", "куки", "クッキー", "쿠키", "饼干", "çerez", "ciasteczk", "كوكيز",
                 "الارتباط", "کوکی", "कुकी", "คุกกี้")


def is_cookie_notice(line: str, words: int | None = None) -> bool:
    """Return True for a cookie or consent banner.

    >>> is_cookie_notice("This site uses cookies to improve your browsing experience. Accept all")
    True
    >>> is_cookie_notice("Bake the cookies for twelve minutes, until golden at the edges.")
    False
    """
    text = bare(line)
    if not text or _words(text, words) > MAX_COOKIE_NOTICE_WORDS:
        return False
    lowered = text.lower()
    # Quicker than the search: most lines name no cookie in any script.
    if "cookie" not in lowered and (lowered.isascii()
                                    or not any(stem in lowered for stem in _COOKIE_STEMS)):
        return False
    # On the development pages 98% of the lines this catches were banners; the rest were
    # articles about web tracking.
    return bool(patterns.COOKIE_WORDS.search(text) and patterns.CONSENT_WORDS.search(text))


# A comment header is a name, maybe a date, and the verb; longer lines are prose.
MAX_COMMENT_HEADER_WORDS = 16
_COMMENT_HEADER = re.compile(
    r"\s(?P<verb>" + "|".join(
        re.escape(v) for v in patterns.COMMENT_VERBS_PRESENT + patterns.COMMENT_VERBS_PAST)
    + r")\s*[:：]?$",
    re.IGNORECASE,
)
_USER_NAME = re.compile(r"^(?:\d+\.\s*)?[*_]*[\w.@-]*[\d_@][\w.@-]*[*_]*$|^[*_]*[a-z][\w.-]*[*_]*$")
_PRESENT_VERBS = frozenset(patterns.COMMENT_VERBS_PRESENT)
_COMMENT_VERB_ENDINGS = tuple(
    v.lower() for v in patterns.COMMENT_VERBS_PRESENT + patterns.COMMENT_VERBS_PAST)


def is_comment_header(
    line: str, stop_words: frozenset[str] = frozenset(), words: int | None = None
) -> bool:
    """Return True for the header of a reader's comment: a name and "says:"-like verb.

    >>> is_comment_header("2. **joetoronto** says:")
    True
    >>> is_comment_header("Gary M on September 17, 2018 at 8:50 pm said:")
    True
    >>> is_comment_header("Mr Johnson said:"), is_comment_header("This is what he said:")
    (False, False)
    """
    text = bare(line)
    if _words(text, words) > MAX_COMMENT_HEADER_WORDS:
        return False
    # The verb ends the line: checking that first is quicker than the search.
    if not text.rstrip(" \t:：").lower().endswith(_COMMENT_VERB_ENDINGS):
        return False
    match = _COMMENT_HEADER.search(text)
    if match is None:
        return False
    who = text[: match.start()].strip()
    if not who:
        return False
    if DATE_PATTERN.search(who) or _USER_NAME.match(who):
        return True  # a stamped comment, or a user name
    present = match.group("verb").lower() in _PRESENT_VERBS
    who_words = _WORD.findall(who.lower())
    # A name has no function words; "This is what he says:" has.
    return present and bool(who_words) and not any(w in stop_words for w in who_words)


MIN_BODY_WORDS = 8
MIN_MULTI_SENTENCE_WORDS = 40
MIN_SENTENCE_BREAKS = 2
_SENTENCE_BREAK = re.compile(rf"[{re.escape(patterns.SENTENCE_MARKS)}][\"'”’)]?\s+\S|[。！？]")


def looks_like_body(line: str) -> bool:
    """Return True for a line that reads as prose: long enough and ending like a sentence.

    >>> looks_like_body("The council voted on Tuesday to close the school, officials said.")
    True
    >>> looks_like_body("Most read")
    False

    A long line holding several sentences is prose whatever it ends with (a credit, a
    link): some dumps put a whole article on one line.
    """
    text = bare(line)
    return _reads_as_body(text, word_count(text))


def _reads_as_body(text: str, words: int) -> bool:
    """:func:`looks_like_body` of a bare line whose words are counted."""
    if words < MIN_BODY_WORDS:
        return False
    return _ends_sentence(text, words) or (
        words >= MIN_MULTI_SENTENCE_WORDS and sentence_breaks(text) >= MIN_SENTENCE_BREAKS)


def _ends_sentence(text: str, words: int) -> bool:
    last = text[-1:]
    if not last:
        return False
    return last in patterns.SENTENCE_END or (
        words >= MIN_BODY_WORDS and patterns.UNPUNCTUATED_SCRIPT.match(last) is not None)


def sentence_ends(bares: Sequence[str], words: Sequence[int]) -> list[bool]:
    """Which of the bare lines end like a sentence: with a sentence's end mark, or, in a
    script that marks none (Thai, Lao), long enough to be one (MIN_BODY_WORDS).

    >>> sentence_ends(["It rained.", "Most read", "ฝนตกหนักทั่วกรุงเทพมหานครตลอดทั้งคืนที่ผ่านมา"],
    ...               [2, 2, 12])
    [True, False, True]
    """
    return [_ends_sentence(text, count) for text, count in zip(bares, words, strict=True)]


def body_lines(bares: Sequence[str], words: Sequence[int]) -> list[bool]:
    """:func:`looks_like_body` of many lines at once, given their bare forms and word counts.

    >>> body_lines(["Most read", "The council voted on Tuesday to close the old school."],
    ...            [2, 10])
    [False, True]
    """
    return [_reads_as_body(text, count) for text, count in zip(bares, words, strict=True)]


def sentence_breaks(text: str) -> int:
    """How many sentence ends inside ``text`` are followed by more text.

    >>> sentence_breaks("One. Two! Three")
    2
    """
    return len(_SENTENCE_BREAK.findall(text))


def looks_like_headline(line: str) -> bool:
    """Return True for a line shaped like a link to a story: a short phrase, not a paragraph.

    >>> looks_like_headline("Snow closes schools and highways in northern China")
    True
    >>> looks_like_headline("Home")
    False
    """
    text = bare(line)
    words = word_count(text)
    if words < 3 or words > 40:
        return False
    return not (words > 25 and text[-1] in ".。")



# --- The rules that judge a line alone ------------------------------------------------------


class Size(str, enum.Enum):
    """What a rule's size limit counts, of the line's bare form."""

    CHARS = "chars"
    WORDS = "words"


# A rule's test: the line, and the words and ``\d`` characters of its bare form.
LineTest = Callable[[str, int, int], bool]


@dataclass(frozen=True, slots=True)
class LineRule:
    """A rule that judges a line on its own: the reason it drops a line for, its predicate's
    name, and the size (of the line's bare form) past which the predicate never fires. The
    judge tests the size first, which spares the article's paragraphs most of the rules."""

    reason: DropReason
    name: str
    limit: int
    size: Size
    test: LineTest

    def fits(self, chars: int, words: int) -> bool:
        """Whether a line of this size (its bare form's) could be caught by the rule."""
        return (words if self.size is Size.WORDS else chars) <= self.limit

    def verdict(self, line: str, words: int, digits: int) -> Verdict | None:
        """The rule's verdict on ``line`` (whose bare form has ``words`` and ``digits``)."""
        return Verdict(self.reason, self.name) if self.test(line, words, digits) else None


# In the order the judge tries them; the first that fires decides.
LINE_RULES: tuple[LineRule, ...] = (
    LineRule(DropReason.NAVIGATION, "is_breadcrumb", MAX_BREADCRUMB_CHARS, Size.CHARS,
             lambda line, words, digits: is_breadcrumb(line)),
    LineRule(DropReason.REACTION_COUNTER, "is_reaction_counter", MAX_COUNTER_CHARS, Size.CHARS,
             lambda line, words, digits: is_reaction_counter(line)),
    # Before the date lines: a comment header holds a date ("Jane on May 3, 2019 said:").
    LineRule(DropReason.COMMENT, "is_comment_header", MAX_COMMENT_HEADER_WORDS, Size.WORDS,
             lambda line, words, digits: is_comment_header(line, STOP_WORDS, words)),
    # A line that starts with a number ("5. März 2024") may be a date whole; the predicate
    # then bounds that longer form itself.
    LineRule(DropReason.DATE_LINE, "is_date_line", MAX_DATE_LINE_CHARS, Size.CHARS,
             lambda line, words, digits: is_date_line(line, digits)),
    LineRule(DropReason.BYLINE, "is_byline", MAX_DATED_BYLINE_WORDS, Size.WORDS, is_byline),
    LineRule(DropReason.PHOTO_CREDIT, "is_photo_credit", MAX_CAPTION_WORDS, Size.WORDS,
             lambda line, words, digits: is_photo_credit(line, words)),
    LineRule(DropReason.COOKIE_NOTICE, "is_cookie_notice", MAX_COOKIE_NOTICE_WORDS, Size.WORDS,
             lambda line, words, digits: is_cookie_notice(line, words)),
)
