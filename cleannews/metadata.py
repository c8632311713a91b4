"""Metadata of a document: from the HTML extractor where it found them, else from the text.

From text, the title is the headline the page repeats (its "Headline - Site" form gives the
site name), the date and author come from the date and byline lines the cleaner dropped,
a news-agency dateline ("TOKYO (AP) —") from the first body line, and the language from
py3langid when the page does not declare one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cleannews.clean import CleanedText, DropReason, rules
from cleannews.clean import patterns as clean_patterns
from cleannews.extract import Extraction

__all__ = ["Metadata", "build_metadata", "find_dateline", "parse_date"]

# Language identification on fewer characters than this is a guess, so none is reported.
MIN_LANGUAGE_CHARS = 40
# py3langid is fast, and gains nothing from more text than this.
LANGUAGE_SAMPLE_CHARS = 3000

_DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+)*)"  # TOKYO, NEW YORK, ST. LOUIS
    r"(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)*)?"  # , Calif. / , Japan
    r"(?:\s*\((?:[A-Z][\w.&\s-]{0,30})\))?)"  # (AP), (Reuters)
    r"\s*[—–-]{1,2}\s+\S"
)
_SITE_SUFFIX = re.compile(
    r"^(?P<title>.+?)\s*(?:\s[-|–—:·•]\s?|\s?[|–—]\s|\s-(?=\S))\s*"  # "Title - ", "Title | "
    r"(?P<site>[^-|–—]{2,60})$"  # "Site"
)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about a document besides its text."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    url: str | None = None
    description: str | None = None
    categories: tuple[str, ...] = field(default=())
    tags: tuple[str, ...] = field(default=())
    language: str | None = None
    dateline: str | None = None


def find_dateline(first_line: str) -> str | None:
    """Return the news-agency dateline that opens a story, if any.

    >>> find_dateline("TOKYO (AP) — Leaders from Japan met on Sunday.")
    'TOKYO (AP)'
    >>> find_dateline("WASHINGTON — The Senate voted.")
    'WASHINGTON'
    >>> find_dateline("NASA said on Monday that the launch was delayed.") is None
    True
    """
    match = _DATELINE.match(first_line)
    if match is None:
        return None
    dateline = match.group("dateline").strip()
    # An all-caps word alone ("NASA") before a dash is an acronym, not a place, unless an
    # agency in brackets or a comma and region follows.
    if "(" not in dateline and "," not in dateline and len(dateline) < 4:
        return None
    return dateline


def parse_date(text: str) -> str | None:
    """Return the first date in ``text`` in ISO 8601 (with the time when one is given).

    >>> parse_date("Date:2025-04-07 02:51:19")
    '2025-04-07T02:51:19'
    >>> parse_date("Published March 3, 2024")
    '2024-03-03'
    >>> parse_date("2023年12月16日 10:05")
    '2023-12-16T10:05:00'
    >>> parse_date("no date here") is None
    True
    """
    match = rules.DATE_PATTERN.search(text)
    if match is None:
        return None
    found = match.group(0)
    day = _parse_day(found)
    if day is None:
        return None
    year, month, day_of_month = day
    if not (1 <= month <= 12 and 1 <= day_of_month <= 31 and 1900 <= year <= 2100):
        return None
    iso = f"{year:04d}-{month:02d}-{day_of_month:02d}"
    time = re.search(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])?\.?[Mm]?", found[found.find(" "):]
                     if " " in found or "T" in found else "")
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
    iso = re.match(r"(\d{4})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})", found)
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
    words = re.findall(r"\d+|[^\W\d]+", found)
    month = next((clean_patterns.MONTHS[w.lower()] for w in words
                  if w.lower() in clean_patterns.MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    word_year = next((n for n in numbers if n >= 1000), None)
    word_day = next((n for n in numbers if n < 32), None)
    if month is None or word_year is None or word_day is None:
        return None
    return word_year, month, word_day


def _title_from_lines(title_lines: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The headline and the site name from the lines that repeat the title."""
    if not title_lines:
        return None, None
    bare_lines = [rules.bare(line) for line in title_lines]
    title = min(bare_lines, key=len)
    site = None
    for line in bare_lines:
        if line != title and line.startswith(title):
            site = line[len(title):].strip(" -|–—:·•") or None
        elif line != title and line.endswith(title):
            site = line[: -len(title)].strip(" -|–—:·•") or None
        if site:
            break
    if site is None and len(bare_lines) == 1:
        match = _SITE_SUFFIX.match(title)
        if match:
            return match.group("title"), match.group("site")
    return title, site


def _author_from_byline(line: str) -> str | None:
    text = rules.bare(line)
    lowered = text.lower()
    for prefix in sorted(clean_patterns.BYLINE_PREFIXES, key=len, reverse=True):
        if lowered.startswith(prefix):
            return text[len(prefix):].strip(" :：/\u3000") or None
    return None


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's language, or None for too little text."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(sample.strip()) < MIN_LANGUAGE_CHARS:
        return None
    import py3langid  # imported lazily: loading its model costs start-up time

    language, _ = py3langid.classify(sample)
    return str(language)


def build_metadata(
    cleaned: CleanedText, extraction: Extraction | None = None, url: str | None = None
) -> Metadata:
    """Combine what the extractor found with what the cleaned text tells.

    A ``url`` given by the caller wins over the page's own.
    """
    text_title, text_site = _title_from_lines(cleaned.title_lines)
    dates = [d for d in (parse_date(t) for t in cleaned.dropped_texts(DropReason.DATE_LINE)) if d]
    authors = [a for a in (_author_from_byline(t) for t in cleaned.dropped_texts(DropReason.BYLINE))
               if a]
    first_paragraph = next((line for line in cleaned.kept if rules.looks_like_body(line)), None)
    dateline = find_dateline(first_paragraph) if first_paragraph else None
    extracted = extraction or Extraction(text="")
    language = extracted.language or detect_language(cleaned.text)
    return Metadata(
        title=extracted.title or text_title,
        author=extracted.author or (authors[0] if authors else None),
        date=extracted.date or (dates[0] if dates else None),
        site_name=extracted.site_name or text_site,
        url=url or extracted.url,
        description=extracted.description,
        categories=extracted.categories,
        tags=extracted.tags,
        language=language,
        dateline=dateline,
    )
