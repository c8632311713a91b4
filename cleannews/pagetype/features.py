"""The page features the page-type model reads: from the url, from the text lines of a dump,
and (computed in :mod:`cleannews.extract.pagetype`, where the parsed page is) from the HTML.

Each feature is a cheap count or share, named in :data:`URL_FEATURES`,
:data:`TEXT_FEATURES` and :data:`HTML_FEATURES`; a model file is fitted for one list of
names (its fingerprint, :mod:`cleannews.pagetype.model`). Counts are taken as
``log1p`` so one huge page does not outweigh the rest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from urllib.parse import urlsplit

__all__ = [
    "CURRENCY_SIGNS",
    "HTML_FEATURES",
    "POST_WORDS",
    "PRICE",
    "SHOP_BUTTON",
    "TEXT_FEATURES",
    "URL_FEATURES",
    "count_words",
    "has_words",
    "text_features",
    "url_features",
]

# Path segments that name the kind of page in many sites' url schemes.
_URL_SEGMENTS: dict[str, re.Pattern[str]] = {
    "url_forum": re.compile(
        r"/(?:forums?|threads?|topics?|t|community|communities|discussions?|discuss|board|"
        r"boards|questions|q|r|comments|viewtopic\.php|showthread\.php)(?:/|$|\.|\?)", re.I),
    "url_product": re.compile(
        r"/(?:products?|p|dp|item|items|shop|store|buy|sku|artikel|produkt|produit|producto)"
        r"(?:/|$|\.|-)", re.I),
    "url_listing": re.compile(
        r"/(?:category|categories|collections?|tags?|search|list|lists|browse|archive|"
        r"catalog|c|section|topics|index)(?:/|$|\.|\?)|[?&](?:q|page|s|query)=", re.I),
    "url_docs": re.compile(
        r"/(?:docs?|documentation|api|reference|manual|guide|guides|help|support|kb|wiki|"
        r"learn|tutorials?|faq)(?:/|$|\.)", re.I),
    "url_article": re.compile(
        r"/(?:news|article|articles|story|stories|blog|blogs|post|posts|politics|sport|"
        r"opinion|world|business|nachrichten|noticias|actualites)(?:/|$)", re.I),
}
_URL_DATE = re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)|/(?:19|20)\d{6}")
_URL_LONG_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+){4,}", re.I)
_URL_ID = re.compile(r"\d{5,}")

# All zero when the url is unknown; the model is trained on every page with and without its
# url, so that no url is no evidence.
URL_FEATURES: tuple[str, ...] = (
    "url_root", "url_depth", "url_query", "url_date", "url_long_slug", "url_id",
    "url_html", *_URL_SEGMENTS,
)

# A price: a currency sign or code next to a number ("$19.99", "19,99 €", "EUR 12").
PRICE = re.compile(
    r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|Rs\.?)\s?)\s?\d[\d.,]*|"
    r"\d[\d.,]*\s?(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|kr|zł)\b)")
# Currency signs: the HTML features count them (a regex for whole prices is too slow there).
CURRENCY_SIGNS = "$€£¥₹"
# Buttons and labels of a shop page; matched against lower-cased text.
SHOP_BUTTON = re.compile(
    r"\b(?:add to (?:cart|bag|basket|wish ?list)|buy now|in den warenkorb|ajouter au panier|"
    r"añadir al carrito|in stock|out of stock|free shipping|free delivery|quantity|sku|"
    r"checkout|size guide)\b")
# Words of a forum thread's furniture: replies, posts, members, votes; lower-cased text.
POST_WORDS = re.compile(
    r"\b(?:repl(?:y|ies|ied)|posted|posts|joined|members?|quote|upvoted|votes?|thread|"
    r"originally posted|permalink|answered|asked|moderator|registered user)\b")
_WORD_CHARACTER = re.compile(r"\w")


@lru_cache(maxsize=8)
def _without_leading_boundary(pattern: re.Pattern[str]) -> re.Pattern[str]:
    if not pattern.pattern.startswith(r"\b(?:"):
        raise ValueError(f"not a pattern of words: {pattern.pattern!r}")
    return re.compile(pattern.pattern[2:], pattern.flags)


def _word_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, for a pattern ``\\b(?:...)`` of words
    that each start with a word character (:data:`SHOP_BUTTON`, :data:`POST_WORDS`), found
    about twice as fast.

    Python's ``re`` tries such a pattern at every word boundary; without its leading ``\\b``
    it first skips to a position where one of the words can start. A match found so is
    taken only where a boundary precedes it (no word character); where one does not, the
    search goes on from the next character, so every match taken is one ``finditer``
    finds, and none is missed.
    """
    search = _without_leading_boundary(pattern).search
    position = 0
    while (found := search(text, position)) is not None:
        start = found.start()
        if start and _WORD_CHARACTER.match(text, start - 1):
            position = start + 1
        else:
            yield found
            position = max(found.end(), start + 1)


def count_words(pattern: re.Pattern[str], text: str) -> int:
    """``len(pattern.findall(text))`` for a pattern of words (see :func:`_word_matches`).

    >>> text = "reply, replies and prereply; posted posts"
    >>> count_words(POST_WORDS, text), len(POST_WORDS.findall(text))
    (4, 4)
    """
    return sum(1 for _ in _word_matches(pattern, text))


def has_words(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text) is not None`` for a pattern of words (see :func:`_word_matches`).

    >>> has_words(POST_WORDS, "prereply"), has_words(POST_WORDS, "one reply")
    (False, True)
    """
    return _has_bare_words(_without_leading_boundary(pattern), text)


def _has_bare_words(bare: re.Pattern[str], text: str) -> bool:
    """:func:`has_words` given the pattern less its leading ``\\b`` (looked up once per page:
    a pattern's hash is its text's, computed anew on each look-up)."""
    search = bare.search
    position = 0  # the loop of _word_matches, inline: a generator per line costs more
    while (found := search(text, position)) is not None:
        start = found.start()
        if not start or not _WORD_CHARACTER.match(text, start - 1):
            return True
        position = start + 1
    return False


_DATE_LINE = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|"
    r"\b(?:an? |\d+ )(?:minute|hour|day|week|month|year)s? ago\b", re.I)
# What a line needs for PRICE (every alternative holds a digit) and _DATE_LINE (a digit, or
# "ago", under the same flags) to match in it: searched first, many times faster.
_DIGIT = re.compile(r"\d")
_DATE_NEEDS = re.compile(r"\d|ago", re.I)
_SENTENCE_END = re.compile(r"[.!?。！？][\"”')]*$")
_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^\s*(?:[-*•·▪]|\d+[.)])\s")

TEXT_FEATURES: tuple[str, ...] = (
    "log_lines", "log_words", "mean_line_words", "long_line_share", "short_line_share",
    "sentence_share", "longest_line_share", "price_lines", "shop_lines", "post_lines",
    "date_lines", "bullet_share", "question_lines", *URL_FEATURES,
)

HTML_FEATURES: tuple[str, ...] = (
    "ld_article", "ld_product", "ld_forum", "ld_list", "ld_faq", "ld_howto", "ld_event",
    "ld_software", "ld_webpage_only",
    "og_article", "og_product", "og_website", "og_other",
    "log_text_chars", "paragraph_share", "link_share", "log_links", "log_forms",
    "log_inputs", "log_buttons", "log_paragraphs", "log_list_items", "log_headings",
    "log_tables", "log_code", "has_article_tag", "log_article_tags", "log_time_tags",
    "log_post_markup", "log_comment_markup", "log_product_markup", "log_price_markup",
    "repeated_siblings", "log_prices", "log_shop_words", "log_post_words", "log_images",
    "has_h1", "log_h1",
    *URL_FEATURES,
)


def _log(count: float) -> float:
    return math.log1p(max(0.0, count))


def url_features(url: str | None) -> dict[str, float]:
    """What a page's address says about it (all zero when there is none).

    >>> features = url_features("https://example.com/forum/thread/12345-slow-wifi?page=2")
    >>> features["url_forum"], features["url_id"], features["url_query"]
    (1.0, 1.0, 1.0)
    """
    values = dict.fromkeys(URL_FEATURES, 0.0)
    if not url:
        return values
    try:
        parts = urlsplit(url)
    except ValueError:
        return values
    path = parts.path or "/"
    segments = [segment for segment in path.split("/") if segment]
    full = path + ("?" + parts.query if parts.query else "")
    values.update({
        "url_root": float(not segments),
        "url_depth": min(len(segments), 8) / 8,
        "url_query": float(bool(parts.query)),
        "url_date": float(_URL_DATE.search(path) is not None),
        "url_long_slug": float(_URL_LONG_SLUG.search(path) is not None),
        "url_id": float(_URL_ID.search(full) is not None),
        "url_html": float(path.endswith((".html", ".htm", ".shtml"))),
    })
    for name, pattern in _URL_SEGMENTS.items():
        values[name] = float(pattern.search(full) is not None)
    return values


def text_features(text: str, url: str | None = None) -> dict[str, float]:
    """Features of a page given as text (a dump's lines), and of its url.

    >>> features = text_features("Add to cart\\n$19.99\\nIn stock", "https://shop.example/p/1")
    >>> features["price_lines"] > 0, features["shop_lines"] > 0, features["url_product"]
    (True, True, 1.0)
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    words = [len(_WORD.findall(line)) for line in lines]
    total = sum(words)
    count = max(1, len(lines))

    shop_words = _without_leading_boundary(SHOP_BUTTON)
    post_words = _without_leading_boundary(POST_WORDS)

    def share(test: Callable[[str], object], needs: re.Pattern[str] | None = None,
              lower: bool = False) -> float:
        """The share of lines ``test`` finds something in; a line that ``needs`` (a
        necessary condition, searched faster) finds nothing in is not tested."""
        return sum(1 for line in lines
                   if (needs is None or needs.search(line))
                   and test(line.lower() if lower else line)) / count

    values = {
        "log_lines": _log(len(lines)),
        "log_words": _log(total),
        "mean_line_words": _log(total / count),
        "long_line_share": sum(1 for n in words if n >= 30) / count,
        "short_line_share": sum(1 for n in words if n <= 3) / count,
        "sentence_share": sum(1 for line in lines if _SENTENCE_END.search(line)) / count,
        "longest_line_share": max(words, default=0) / max(1, total),
        "price_lines": share(PRICE.search, needs=_DIGIT),
        "shop_lines": share(partial(_has_bare_words, shop_words), lower=True),
        "post_lines": share(partial(_has_bare_words, post_words), lower=True),
        "date_lines": share(_DATE_LINE.search, needs=_DATE_NEEDS),
        "bullet_share": share(_BULLET.search),
        "question_lines": sum(1 for line in lines if line.endswith("?")) / count,
        **url_features(url),
    }
    return values
