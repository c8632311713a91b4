"""Metadata of a document: from the HTML extractor where it found them, else from the text.

From text, the title is the headline the page repeats (its "Headline - Site" form gives the
site name), the date and author come from the date and byline lines the cleaner dropped
(a byline naming a menu item or a placeholder such as "admin" names no author),
a news-agency dateline ("TOKYO (AP) —") from the first body line, and the language from
py3langid when the page does not declare one.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from cleannews.data import Metadata, merge
from cleannews.lines import CleanedText, DropReason, rules
from cleannews.lines import patterns as clean_patterns
from cleannews.lines.headline import page_headline
from cleannews.titles import SEPARATOR_STRIP, split_site_suffix

if TYPE_CHECKING:
    from cleannews.extract import Extraction

__all__ = [
    "build_metadata",
    "find_dateline",
    "is_author_name",
    "parse_date",
]

# Language identification on fewer characters than this is a guess, so none is reported.
MIN_LANGUAGE_CHARS = 40
# py3langid takes time in proportion to its input and is as accurate on a paragraph or two:
# on the kept text of the development pages (scrapinghub and fundus, HTML and text dumps,
# 875 pages), the first 500 characters gave the whole text's language on every page, in
# 0.6 ms a page instead of 5.8 (issue #16).
LANGUAGE_SAMPLE_CHARS = 500

_DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+)*)"  # TOKYO, NEW YORK, ST. LOUIS
    r"(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)*)?"  # , Calif. / , Japan
    r"(?:\s*\((?:[A-Z][\w.&\s-]{0,30})\))?)"  # (AP), (Reuters)
    r"\s*[—–-]{1,2}\s+\S"
)


MAX_ACRONYM_CHARS = 4
_NEWSROOM_LABELS = frozenset("""
BREAKING UPDATE UPDATED EXCLUSIVE WATCH LIVE OPINION ANALYSIS EDITORIAL REVIEW PHOTOS VIDEO
CORRECTION COMMENTARY INTERVIEW SPONSORED ADVERTISEMENT EDITOR'S NOTE
""".split())


def find_dateline(first_line: str) -> str | None:
    """Return the news-agency dateline that opens a story, if any.

    >>> find_dateline("TOKYO (AP) — Leaders from Japan met on Sunday.")
    'TOKYO (AP)'
    >>> find_dateline("WASHINGTON — The Senate voted.")
    'WASHINGTON'
    >>> find_dateline("NASA said on Monday that the launch was delayed.") is None
    True
    >>> find_dateline("NASA — The agency said.") is None, find_dateline("BREAKING — A fire.")
    (True, None)
    """
    match = _DATELINE.match(first_line)
    if match is None:
        return None
    dateline = match.group("dateline").strip()
    if "(" in dateline or "," in dateline:
        return dateline  # "TOKYO (AP)", "ST. LOUIS, Mo."
    # An all-caps word alone before a dash is a place ("ROME —") unless it is an acronym
    # ("NASA", "FBI") or a newsroom label ("BREAKING —"). Without a gazetteer, four-letter
    # words are taken as acronyms; four-letter cities alone (ROME, OSLO) are missed.
    if len(dateline) <= MAX_ACRONYM_CHARS or dateline.upper() in _NEWSROOM_LABELS:
        return None
    return dateline


# Dates outside these years are misread numbers (a phone number, a price), not publication dates.
MIN_YEAR, MAX_YEAR = 1900, 2100
# A clock time: "10:15", "10:15:30", "10h15" (French), with an optional am/pm.
_CLOCK = re.compile(r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([AaPp])?\.?[Mm]?")


def parse_date(text: str) -> str | None:
    """Return the first date in ``text`` in ISO 8601 (with the time when one is given).

    >>> parse_date("Date:2025-04-07 02:51:19")
    '2025-04-07T02:51:19'
    >>> parse_date("Published March 3, 2024")
    '2024-03-03'
    >>> parse_date("2023年12月16日 10:05")
    '2023-12-16T10:05:00'
    >>> parse_date("2024-03-05T10:15:00"), parse_date("5 avril 2024 à 08h15")
    ('2024-03-05T10:15:00', '2024-04-05T08:15:00')
    >>> parse_date("no date here") is None, parse_date("31.02.2024") is None
    (True, True)
    """
    match = rules.DATE_PATTERN.search(text)
    if match is None:
        return None
    found = match.group(0)
    day = _parse_day(found)
    if day is None:
        return None
    year, month, day_of_month = day
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        iso = datetime.date(year, month, day_of_month).isoformat()
    except ValueError:
        return None  # 31 February, month 13
    time = _CLOCK.search(found)
    if time:
        hour, minute, second = int(time.group(1)), int(time.group(2)), int(time.group(3) or 0)
        meridiem = (time.group(4) or "").lower()
        if meridiem == "p" and hour < 12:
            hour += 12
        elif meridiem == "a" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60 and second < 60:
            iso += f"T{hour:02d}:{minute:02d}:{second:02d}"
    return iso


def _parse_day(found: str) -> tuple[int, int, int] | None:
    iso = re.match(r"(\d{4})\s?[-/.年년]\s?(\d{1,2})\s?[-/.月월]\s?(\d{1,2})", found)
    if iso:
        return int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    numeric = re.match(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2,4})", found)
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(3))
        year = int(numeric.group(4))
        year += 2000 if year < 100 else 0
        # "/" dates are month first (US) unless the first number cannot be a month;
        # "." and "-" dates are day first (most of Europe).
        if numeric.group(2) == "/" and first <= 12:
            return year, first, second
        return year, second, first
    words = re.findall(rf"\d+|{clean_patterns.WORD_LETTERS}", found)
    month = next((clean_patterns.MONTHS[w.lower()] for w in words
                  if w.lower() in clean_patterns.MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    word_year = next((n for n in numbers if n >= 1000), None)
    word_day = next((n for n in numbers if n < 32), None)
    if month is None or word_year is None or word_day is None:
        return None
    if word_year > MAX_YEAR and word_year - clean_patterns.BUDDHIST_ERA_OFFSET >= MIN_YEAR:
        word_year -= clean_patterns.BUDDHIST_ERA_OFFSET  # a Thai date: "15 มีนาคม 2567"
    return word_year, month, word_day


def is_author_name(names: str) -> bool:
    """Whether a byline's names can be an author: a name, not a menu's "Home" or "admin".

    >>> is_author_name("Jane Doe"), is_author_name("Startseite"), is_author_name("admin")
    (True, False, False)
    """
    from cleannews.extract.markup import looks_like_name  # HTML's; text input seldom needs it

    return looks_like_name(names) and names.strip().casefold() not in clean_patterns.HOME_WORDS


def _title_from_lines(title_lines: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The headline and the site name from the lines that repeat the title."""
    if not title_lines:
        return None, None
    bare_lines = [rules.bare(line) for line in title_lines]
    title = min(bare_lines, key=len)
    site = None
    for line in bare_lines:
        if line != title and line.startswith(title):
            site = line[len(title):].strip(SEPARATOR_STRIP) or None
        elif line != title and line.endswith(title):
            site = line[: -len(title)].strip(SEPARATOR_STRIP) or None
        if site:
            break
    if site is None and len(bare_lines) == 1:
        parts = split_site_suffix(title)
        if parts is not None:
            return parts
    return title, site


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's language, or None for too little text."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(sample.strip()) < MIN_LANGUAGE_CHARS:
        return None
    from cleannews import language  # its model loads on first use: start-up time

    return language.classify(sample)


def build_metadata(
    cleaned: CleanedText, extraction: Extraction | None = None, url: str | None = None
) -> Metadata:
    """Combine what the extractor found with what the cleaned text tells.

    What the page's markup declares wins over what the text suggests, field by field, and
    a ``url`` given by the caller wins over both. The language is identified from the
    text only where the page declares none.
    """
    text_title, text_site = _title_from_lines(cleaned.title_lines)
    if extraction is None:
        # A dumper's markdown H1 above the article is the most reliable headline; else the
        # learned picker's choice (cleannews.lines.headline.page_headline), which is a
        # repeated title line on many pages: then the repeat's variant without the site name
        # ("Headline - Site") is the title.
        headline = page_headline(cleaned)
        repeated = {rules.bare(line) for line in cleaned.title_lines}
        if headline is not None and not (text_title and headline in repeated):
            text_title = headline
    bylines = cleaned.dropped_texts(DropReason.BYLINE)
    # A date line is the date; a byline may carry one too ("By Jane Doe | March 3, 2024").
    dates = [d for d in map(parse_date, (*cleaned.dropped_texts(DropReason.DATE_LINE), *bylines))
             if d]
    authors = [a for a in map(rules.byline_names, bylines) if a and is_author_name(a)]
    opening = next((line for line in cleaned.kept if rules.looks_like_body(line)), None)
    dateline = find_dateline(opening) if opening else None
    from_text = Metadata(title=text_title, author=authors[0] if authors else None,
                         date=dates[0] if dates else None, site_name=text_site,
                         dateline=dateline)
    declared = extraction.metadata if extraction is not None else Metadata()
    metadata = merge(Metadata(url=url), merge(declared, from_text))
    if metadata.language is None:
        metadata = replace(metadata, language=detect_language(cleaned.text))
    return metadata
