"""The metadata a page declares in its markup: <meta> tags, JSON-LD (its articleBody too),
byline markup, <title> and <h1>, the declared language and the publication date.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cleannews.data import Metadata
from cleannews.extract.elements import SPACE, WORD, block_text
from cleannews.titles import TITLE_PARTS

if TYPE_CHECKING:  # lxml is imported at run time only when needed
    from lxml.etree import _Element

__all__ = [
    "choose_title",
    "read_article_body",
    "read_headings",
    "read_json_ld",
    "read_language",
    "read_metadata",
    "strip_site_name",
]

# A person's name, or two joined by "and"; longer text under an author tag is a bio.
MAX_AUTHOR_WORDS = 6
# A headline is a few words to a long sentence; a one-word <h1> is a logo or "Menu".
MIN_HEADLINE_WORDS = 2
MAX_HEADLINE_WORDS = 30
# An <h1> must share this much of its vocabulary (Jaccard) with the <title> to be taken
# as the headline; measured on wcxb-dev-articles gold titles (0.1: 82.7% exact matches,
# 0: 81.6%, 0.2: 81.7%).
MIN_TITLE_H1_OVERLAP = 0.1

# Words a site name in a title carries that the og:site_name may not.
_SITE_NAME_FILLER = frozenset({"com", "www", "org", "net", "the"})
# Where pages mark up their author, most specific first; the first that names someone wins.
_BYLINE_XPATHS = (
    '//*[@itemprop="author"]//*[@itemprop="name"]',
    '//*[@itemprop="author" and not(.//*[@itemprop="name"])]',
    '//a[@rel="author"]',
    '//*[contains(concat(" ", normalize-space(@class), " "), " author-name ")'
    ' or contains(concat(" ", normalize-space(@class), " "), " byline__name ")]',
)
_BYLINE_PREFIX = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)
_URL = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)


def _xpath_strings(tree: _Element, expression: str) -> list[str]:
    result = tree.xpath(expression)
    return [str(item) for item in result] if isinstance(result, list) else []


def _xpath_elements(tree: _Element, expression: str) -> list[_Element]:
    from lxml import etree

    result = tree.xpath(expression)
    return [item for item in result if isinstance(item, etree._Element)] if isinstance(
        result, list) else []


# --- the headline --------------------------------------------------------------------------


def _words(text: str | None) -> set[str]:
    return set(WORD.findall(unicodedata.normalize("NFKC", text or "").casefold()))


def _word_overlap(first: str | None, second: str | None) -> float:
    """Jaccard overlap of the two texts' word sets."""
    first_words, second_words = _words(first), _words(second)
    union = first_words | second_words
    return len(first_words & second_words) / len(union) if union else 0.0


def strip_site_name(title: str, site_name: str | None) -> str:
    """Remove a trailing "| Site Name" (or "- Site", "— Site") from a page title.

    >>> strip_site_name("What is Cloud Computing? | Google Cloud", "Google Cloud")
    'What is Cloud Computing?'
    >>> strip_site_name("Pros - and cons - of remote work", "The Daily")
    'Pros - and cons - of remote work'
    """
    parts = TITLE_PARTS.split(title)
    if len(parts) < 2 or not site_name:
        return title
    site_words = _words(site_name) | _SITE_NAME_FILLER
    last = _words(parts[-1])
    if not last or not last <= site_words:
        return title
    cut = max(match.start() for match in TITLE_PARTS.finditer(title))
    return title[:cut].strip() or title


def choose_title(headings: list[str], page_title: str | None, site_name: str | None) -> str | None:
    """Pick the headline: the page's <h1> that best matches its <title>, else the <title>.

    The <h1> is what a reader sees as the headline; the <title> and og:title often carry
    the site name or a search-engine variant of it. A <h1> sharing no words with the title
    is a logo or a section name ("Menu", "Contact Us"), not the headline.

    >>> choose_title(["Menu", "Storm hits coast"], "Storm hits coast | Planet", "Planet")
    'Storm hits coast'
    >>> choose_title(["Contact Us"], "Storm hits coast | Planet", "Planet")
    'Storm hits coast'
    """
    candidates = [h for h in headings if MIN_HEADLINE_WORDS <= len(h.split()) <= MAX_HEADLINE_WORDS]
    if candidates:
        best = max(candidates, key=lambda heading: _word_overlap(heading, page_title))
        if not page_title or _word_overlap(best, page_title) >= MIN_TITLE_H1_OVERLAP:
            return best
    if page_title:
        return strip_site_name(page_title, site_name)
    return None


def read_headings(tree: _Element) -> list[str]:
    """The text of every <h1> of the page, the candidates for its headline."""
    return [block_text(h) for h in tree.iter("h1")]


# --- what the page declares ----------------------------------------------------------------


def read_language(tree: _Element) -> str | None:
    """The language the page declares (<html lang>, Content-Language, og:locale), ISO 639-1."""
    declared: str | None = (tree.get("lang")
                            or tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
    if not declared:
        found = _xpath_strings(tree, '//meta[translate(@http-equiv, "CONTENT-LANGUAGE", '
                           '"content-language")="content-language"]/@content'
                           '|//meta[@property="og:locale"]/@content')
        declared = found[0] if found else None
    if not declared:
        return None
    primary = re.split(r"[-_,;\s]", str(declared).strip().lower(), maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _meta_tags(tree: _Element) -> dict[str, list[str]]:
    """<meta> contents by lower-cased property, name or itemprop, in page order."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        content = SPACE.sub(" ", meta.get("content") or "").strip()
        if key and content:
            found.setdefault(key.lower(), []).append(content)
    return found


def read_json_ld(tree: _Element) -> list[dict[str, object]]:
    """Every JSON-LD object of the page, @graph members and list items included."""
    objects: list[dict[str, object]] = []
    pending: list[object] = []
    for script in _xpath_strings(tree, '//script[contains(@type, "ld+json")]/text()'):
        try:
            pending.append(json.loads(script))
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common and never fatal
    while pending:
        node = pending.pop(0)
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            objects.append(node)
            pending.extend(value for key, value in node.items() if key == "@graph")
    return objects


def _names(value: object) -> list[str]:
    """Names in a JSON-LD author or publisher value: a string, an object or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")]
    if isinstance(value, list):
        return [part for item in value for part in _strings(item)]
    return []


def _first(*candidates: str | None) -> str | None:
    return next((c.strip() for c in candidates if c and c.strip()), None)


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _article_object(objects: list[dict[str, object]]) -> dict[str, object]:
    """The JSON-LD object describing the article: the first with a headline or a body."""
    return next((o for o in objects if "headline" in o or "articleBody" in o), {})


def _host_name(url: str | None) -> str | None:
    """The site's host name, as trafilatura names a site that declares no name.

    >>> _host_name("https://www.example.com/news/1")
    'example.com'
    >>> _host_name("https://[10]/news") is None  # a page's own url may be anything
    True
    """
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # "[...]" that is no IPv6 address
        return None
    return host.removeprefix("www.") or None


def _byline_authors(tree: _Element) -> list[str]:
    """Author names marked up in the page: schema.org microdata, rel=author, byline classes."""
    for expression in _BYLINE_XPATHS:
        names = []
        for element in _xpath_elements(tree, expression):
            name = _BYLINE_PREFIX.sub("", block_text(element)).strip(" ,|·")
            if name and len(name.split()) <= MAX_AUTHOR_WORDS and not _URL.match(name):
                names.append(name)
        if names:
            return list(dict.fromkeys(names))
    return []


def _page_date(tree: _Element, url: str | None) -> str | None:
    import htmldate

    try:
        # The page's markup only (meta tags, time elements, JSON-LD, the url): the
        # extensive search of the text doubled the time per page.
        date = htmldate.find_date(tree, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError, RecursionError):
        return None
    return str(date) if date else None


def read_article_body(json_ld: list[dict[str, object]]) -> str:
    """The longest JSON-LD articleBody of the page (HTML entities decoded), or ""."""
    bodies = [body for o in json_ld if isinstance(body := o.get("articleBody"), str)]
    return html.unescape(max(bodies, key=len)).strip() if bodies else ""


def read_metadata(tree: _Element, url: str | None,
                  json_ld: list[dict[str, object]]) -> Metadata:
    """Read the metadata a page declares: <meta> tags, JSON-LD, <title>, canonical link.

    ``json_ld`` is the page's :func:`read_json_ld`. trafilatura's metadata extraction
    searches the whole page for bylines and category links as well; that took 7 ms of a
    page's 25 ms, so cleannews reads the declared fields only and leaves bylines to the
    text rules.
    """
    meta = _meta_tags(tree)
    article = _article_object(json_ld)

    def tag(*keys: str) -> str | None:
        return _first(*(meta.get(key, [None])[0] for key in keys))

    headline = article.get("headline")
    title_elements = _xpath_strings(tree, "//head/title//text()")
    authors = [_BYLINE_PREFIX.sub("", n.strip()) for n in _names(article.get("author"))
               if not _URL.match(n.strip())]
    meta_author = tag("author", "article:author", "parsely-author", "sailthru.author")
    if not authors and meta_author and not _URL.match(meta_author):
        authors = [_BYLINE_PREFIX.sub("", meta_author)]
    if not authors:
        authors = _byline_authors(tree)
    publisher = _names(article.get("publisher"))
    canonical = _xpath_strings(tree, '//link[translate(@rel, "CANONICAL", "canonical")='
                                     '"canonical"]/@href')
    page_url = _first(canonical[0] if canonical else None, tag("og:url"))
    return Metadata(
        title=_first(tag("og:title", "twitter:title"),
                     headline if isinstance(headline, str) else None,
                     SPACE.sub(" ", " ".join(title_elements))),
        author="; ".join(dict.fromkeys(authors)) or None,
        date=_page_date(tree, url),
        site_name=_first(tag("og:site_name", "application-name"),
                         publisher[0] if publisher else None, _host_name(url or page_url)),
        url=page_url,
        description=tag("og:description", "description", "twitter:description"),
        categories=_unique(meta.get("article:section", [])
                           + _strings(article.get("articleSection"))),
        tags=_unique(meta.get("article:tag", []) + _strings(article.get("keywords"))
                     + (_strings(meta["keywords"][0]) if "keywords" in meta else [])),
    )
