"""The metadata a page declares in its markup: <meta> tags, JSON-LD (its articleBody too),
byline markup, <title> and <h1>, the declared language and the publication date.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cleannews.data import Metadata
from cleannews.extract.elements import SPACE, WORD, block_text, collapse_spaces
from cleannews.titles import TITLE_PARTS

if TYPE_CHECKING:  # lxml is imported at run time only when needed
    from lxml.etree import _Element

__all__ = [
    "choose_author",
    "choose_title",
    "clean_name",
    "iso_date",
    "looks_like_name",
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
# How the paths are written, for libxml2's speed (each form finds the same nodes, checked on
# every development page): the descendant axis ("/descendant::a"), not "//a", which builds
# a set of every node on the way; and an attribute tested where it is
# ("/descendant::*/@itemprop[. = 'author']/.."), not in a predicate on every element, which
# looks each attribute up on each element. Together 2 to 5 times as fast.
# Where pages mark up their author, most specific first; the first that names someone wins.
_BYLINE_XPATHS = (
    '/descendant::*/@itemprop[. = "author"]/../descendant::*/@itemprop[. = "name"]/..',
    '/descendant::*/@itemprop[. = "author"]/parent::*[not(descendant::*[@itemprop="name"])]',
    '/descendant::a[@rel="author"]',
    '/descendant::*/@class[contains(concat(" ", normalize-space(.), " "), " author-name ")'
    ' or contains(concat(" ", normalize-space(.), " "), " byline__name ")]/..',
)
# Elements whose class, id, rel or itemprop may mark a byline ("Author", "byline",
# "posted-by"): one plain XPath, sorted and checked in Python (see _markup_author).
_BYLINE_CANDIDATES_XPATH = (
    '/descendant::*/@class[contains(., "uthor") or contains(., "yline")'
    ' or contains(., "osted-by") or contains(., "ubmitted-by") or contains(., "writer")'
    ' or contains(., "screenname")]/..'
    '|/descendant::*/@id[contains(., "uthor")]/..'
    '|/descendant::*/@rel[. = "author"]/..'
    '|/descendant::*/@itemprop[contains(., "author")]/..'
    '|/descendant::*/@data-testid[contains(., "Author")]/..'
    '|/descendant::*/@data-component[contains(., "Byline")]/..'
)
_SPECIFIC_BYLINE = re.compile(r"author-?name|authorname|^author$", re.IGNORECASE)
_BYLINE_CLASS = re.compile(r"author|byline|posted-by|submitted-by", re.IGNORECASE)
_ANY_BYLINE_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
_SPECIFIC_TAGS = frozenset({"a", "address", "div", "p", "span", "strong"})
_BROAD_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_NOT_BYLINE_TAGS = frozenset({"figure", "time"})
# Classes and ids of what trafilatura prunes before its search: comments, side bars,
# hidden, share and print boxes, categories, quotes, titles and dates.
_NOT_BYLINE_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    r"article-(?:share|support)|print|category|meta-date|meta-reviewer|^(?:title|date)$")
_NOT_BYLINE_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_PRUNED_TAGS = frozenset({"a", "div", "section", "span"})
# trafilatura's length limit for a byline found by searching the markup.
MAX_SEARCHED_BYLINE_CHARS = 120
# "By" in the languages whose bylines say it before the name.
_BY = "by|von|par|por|di|door|av|af"
_BYLINE_PREFIX = re.compile(rf"^(?:{_BY})\s+", re.IGNORECASE)
# "Written by", "Recipe by", "Kommentar von": up to two words before the byline's "by".
_LONG_BYLINE_PREFIX = re.compile(rf"^(?:[^\W\d]+\s+){{1,2}}(?:{_BY})\s+(?=\S)", re.IGNORECASE)
# Where a byline found in the markup runs on into its date stamp or the writer's role.
_BYLINE_END = re.compile(
    r"\s*(?:[•|·]|\b(?:published|updated|posted|commented|veröffentlicht|aktualisiert|"
    r"publié|publicado|pubblicato)\b).*$", re.IGNORECASE)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag".split())
# A writer's role, listed beside the name as if it were another author.
_ROLES = frozenset(
    "ceo cto vp founder co-founder editor author writer reporter staff contributor "
    "correspondent columnist redakteur redakteurin korrespondent autor autorin".split())
_URL = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)
# A url slug ("chuck-ross") or a user id ("105092") put where a name belongs.
_SLUG = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)+|[\W\d_]+")
# What a publishing system writes where no author was entered: "admin", "jdadmin",
# "undefined", "Anonymous".
_PLACEHOLDER = re.compile(
    r"\w*admin\w*|undefined|null|none|unknown|anonymous|webmaster|(?:the\s+)?author|user|guest"
    r"|name|written\s+by|by|von|par|por|door|(?:last\s+)?updated|published|posted",
    re.IGNORECASE)
# A label before the name ("Author: Jane Doe", "Autorin Jane Doe").
_AUTHOR_LABEL = re.compile(r"^(?:author|autor|autorin|auteur|autore)\s*:?\s+(?=\S)",
                           re.IGNORECASE)
# Between the names of a list too long to be one ("A, B, C and D").
_NAME_LIST = re.compile(r"\s*(?:[,;]|\s(?:and|und|et|y)\s)\s*", re.IGNORECASE)
# Where a page keeps its menus: a link text in these is a menu item, never an author. A
# <header> or <footer> inside the article holds its byline, so only the page's own count.
_NAVIGATION_LINKS_XPATH = (
    '/descendant::nav/descendant::a'
    '|/descendant::*/@role[. = "navigation" or . = "menubar" or . = "menu"]/../descendant::a'
    '|/descendant::header[not(ancestor::article or ancestor::main)]/descendant::a'
    '|/descendant::footer[not(ancestor::article or ancestor::main)]/descendant::a'
)
# JSON-LD types of an author that is a publication, not a person.
_ORGANIZATION_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation",
                                 "WebSite", "Brand"})


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
        found = _xpath_strings(
            tree, '/descendant::meta[translate(@http-equiv, "CONTENT-LANGUAGE", '
            '"content-language")="content-language"]/@content'
            '|/descendant::meta[@property="og:locale"]/@content')
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
        content = collapse_spaces(meta.get("content") or "")
        if key and content:
            found.setdefault(key.lower(), []).append(content)
    return found


def read_json_ld(tree: _Element) -> list[dict[str, object]]:
    """Every JSON-LD object of the page, @graph members and list items included."""
    objects: list[dict[str, object]] = []
    pending: list[object] = []
    for script in _xpath_strings(tree, '/descendant::script[contains(@type, "ld+json")]/text()'):
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


def _is_organization(value: object) -> bool:
    """Whether a JSON-LD author object declares a publication type (Organization, …)."""
    if not isinstance(value, dict):
        return False
    declared = value.get("@type")
    types = declared if isinstance(declared, list) else [declared]
    return any(isinstance(t, str) and t in _ORGANIZATION_TYPES for t in types)


def _json_ld_authors(value: object) -> tuple[list[str], list[str]]:
    """(people, organizations) named as a JSON-LD article's author.

    >>> _json_ld_authors([{"@type": "Person", "name": "Jane Doe"},
    ...                   {"@type": "Organization", "name": "City Post"}])
    (['Jane Doe'], ['City Post'])
    """
    items = value if isinstance(value, list) else [value]
    people = [n for item in items if not _is_organization(item) for n in _names(item)]
    organizations = [n for item in items if _is_organization(item) for n in _names(item)]
    return people, organizations


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
        names = [_BYLINE_PREFIX.sub("", block_text(element)).strip(" ,|·")
                 for element in _xpath_elements(tree, expression)]
        names = [name for name in names if name]
        if names:
            return list(dict.fromkeys(names))
    return []


def _fold(name: str) -> str:
    """A name reduced to its letters and digits, lower case, for comparing names."""
    return "".join(c for c in name.casefold() if c.isalnum())


def clean_name(name: str) -> str:
    """An author name less the byline words, date stamp or role that surround it.

    >>> clean_name("Written by Ana Ruiz"), clean_name("Haley Hoekstra • March 3")
    ('Ana Ruiz', 'Haley Hoekstra')
    >>> clean_name("Carrie Arnold November"), clean_name("Theresa May")
    ('Carrie Arnold', 'Theresa May')
    >>> clean_name("Sun Dec"), clean_name("CEO"), clean_name("Author: Isaiah Shelton")
    ('', '', 'Isaiah Shelton')
    """
    from cleannews.lines.patterns import MONTHS

    name = _AUTHOR_LABEL.sub("", _BYLINE_PREFIX.sub("", name.strip()))
    name = _LONG_BYLINE_PREFIX.sub("", name)
    name = _BYLINE_END.sub("", name).strip(" ,:;-–—")
    words = name.split()

    def is_date_word(word: str) -> bool:
        return word.casefold().strip(".,") in MONTHS or word.casefold().strip(".,") in _WEEKDAYS

    # A month or weekday after a full name is the date that followed the byline; a
    # two-word name may end in one ("Theresa May").
    while len(words) > 2 and is_date_word(words[-1]):
        words.pop()
    if all(is_date_word(word) for word in words) or (
            len(words) == 1 and words[0].casefold() in _ROLES):
        return ""
    return " ".join(words)


def looks_like_name(text: str) -> bool:
    """Whether a string can be an author's name: not a url, a slug, an id or a sentence.

    >>> looks_like_name("Jane Doe"), looks_like_name("松岡大地"), looks_like_name("dpa")
    (True, True, True)
    >>> looks_like_name("chuck-ross"), looks_like_name("105092"), looks_like_name("https://x.y/jd")
    (False, False, False)
    >>> looks_like_name("Jane Doe is a reporter covering climate policy for the paper")
    False
    >>> looks_like_name("admin"), looks_like_name("Last Updated"), looks_like_name("Adminah Ali")
    (False, False, True)
    """
    stripped = text.strip()
    return (bool(stripped) and len(stripped.split()) <= MAX_AUTHOR_WORDS
            and not _URL.match(stripped) and not _SLUG.fullmatch(stripped)
            and not _PLACEHOLDER.fullmatch(stripped))


def _navigation_texts(tree: _Element) -> frozenset[str]:
    """The folded texts of the links in the page's menus (nav, header, footer, menu lists)."""
    return frozenset(_fold(block_text(link))
                     for link in _xpath_elements(tree, _NAVIGATION_LINKS_XPATH))


def _byline_rank(element: _Element) -> int | None:
    """How surely the element's markup names an author, as trafilatura ranks it: 0 for
    rel=author or an author-name class, 1 for an author or byline class or id on a
    text element, 2 for one on any element; None for markup that marks no byline."""
    tag = element.tag if isinstance(element.tag, str) else ""
    marks = " ".join(element.get(name) or "" for name in ("class", "id"))
    if tag in _SPECIFIC_TAGS and (element.get("rel") == "author" or _SPECIFIC_BYLINE.search(
            marks) or (element.get("data-testid") or "").startswith("Author")):
        return 0
    if tag in _BROAD_TAGS and (_BYLINE_CLASS.search(marks)
                               or "author" in (element.get("itemprop") or "")):
        return 1
    if (_ANY_BYLINE_CLASS.search(element.get("class") or "") or "uthor" in (element.get("id") or "")
            or "author" in (element.get("itemprop") or "")
            or "Byline" in (element.get("data-component") or "")):
        return 2
    return None


def _outside_bylines(element: _Element) -> bool:
    """Whether no element from the element up is one trafilatura prunes before its search."""
    for node in (element, *element.iterancestors()):
        if node.tag in _NOT_BYLINE_TAGS:
            return False
        if node.tag in _PRUNED_TAGS and (_NOT_BYLINE_CLASS.search(node.get("class") or "")
                                         or _NOT_BYLINE_ID.search(node.get("id") or "")):
            return False
    return True


def _text_without_stamps(element: _Element) -> str:
    """The element's text less that of the date stamps and figures inside it."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _NOT_BYLINE_TAGS:
            parts.append(_text_without_stamps(child))
        parts.append(child.tail or "")
    return " ".join(parts)


def _markup_author(tree: _Element) -> str | None:
    """The first byline the page's markup marks by an author or byline class or id.

    The search trafilatura makes (``trafilatura.metadata.extract_author``: markup naming
    an author first, then any author or byline class or id, never inside comments,
    figures or date stamps), with one plain XPath where trafilatura's regular
    expressions and copy of the page cost 10 ms a page or more. It runs only where the
    page declares no author.
    """
    from trafilatura.json_metadata import normalize_authors

    ranked = [(rank, element) for element in _xpath_elements(tree, _BYLINE_CANDIDATES_XPATH)
              if (rank := _byline_rank(element)) is not None]
    for _, element in sorted(ranked, key=lambda pair: pair[0]):  # stable: page order within
        content = collapse_spaces(_text_without_stamps(element))
        if 2 < len(content) < MAX_SEARCHED_BYLINE_CHARS and _outside_bylines(element):
            return normalize_authors(None, content) or None
    return None


def choose_author(tree: _Element, article: dict[str, object], meta_author: str | None,
                  site_names: list[str]) -> str | None:
    """The page's author(s), "; " between several, from what the page declares.

    In order: the people the JSON-LD article names as author, the <meta> author, byline
    markup (microdata, rel=author, byline classes), then trafilatura's wider search of the
    markup. A name is kept only if it :func:`looks_like_name` and is no link of the page's
    menus ("Home", "Politik"); a name that is the publication's own (a JSON-LD
    Organization, the site name, the publisher) is taken only when no person is named.
    """
    people, organizations = _json_ld_authors(article.get("author"))
    meta_names = [meta_author] if meta_author and not _URL.match(meta_author) else []
    publication = {_fold(name) for name in [*site_names, *organizations] if _fold(name)}
    navigation: frozenset[str] | None = None

    def usable(names: list[str], searched: bool) -> list[str]:
        nonlocal navigation
        # A list of names in one string ("A, B, C and D") is too long for one name; a
        # company's ("Verlag und Druck GmbH & Co. KG") has no commas.
        names = [part for name in names for part in (
            _NAME_LIST.split(name) if not looks_like_name(name) and re.search("[,;]", name)
            else [name])]
        names = [clean_name(name) for name in names]
        # A publication may sign with its domain ("sportschau.de"), which looks like a slug.
        names = [name for name in names if looks_like_name(name) or _fold(name) in publication]
        if searched and names:
            # A name found by searching the markup may be a menu's link ("Politik"); a
            # declared one may be linked from the page's header too (an author page).
            navigation = _navigation_texts(tree) if navigation is None else navigation
            names = [name for name in names if _fold(name) not in navigation]
        return list(dict.fromkeys(names))

    sources: tuple[tuple[Callable[[], list[str]], bool], ...] = (
        (lambda: people + organizations, False), (lambda: meta_names, False),
        (lambda: _byline_authors(tree), True),
        (lambda: _split_authors(_markup_author(tree)), True))
    for source, searched in sources:  # the later ones cost more: they run only when needed
        found = usable(source(), searched)
        if found:
            persons = [name for name in found if _fold(name) not in publication]
            return "; ".join(persons or found)
    return None


def _split_authors(authors: str | None) -> list[str]:
    return [name for name in (authors or "").split(";") if name.strip()]


# <meta> keys that hold the article's own publication time, most specific first (an
# itemprop="datePublished" is read as microdata, to pass over a review's).
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "og:published_time",
                   "article.published", "publish-date", "pubdate",
                   "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A page's own publication time in microdata, not a review's or a comment's inside it.
_MICRODATA_PUBLISHED = (
    '/descendant::*/@itemprop[. = "datePublished"]/parent::*'
    '[not(ancestor::*[@itemprop="review" or @itemprop="comment"'
    ' or contains(@itemtype, "Review") or contains(@itemtype, "Comment")])]'
    '/@*[name()="datetime" or name()="content"]'
)
# JSON-LD types whose datePublished is the page's (a Review's or an Offer's is not).
_PAGE_TYPE = re.compile(r"\w*(?:Article|BlogPosting|Posting|WebPage|Report)")
# The web's first news pages are from the 1990s; an earlier "publication" is a birth date.
MIN_PUBLISHED_YEAR = 1990


def iso_date(value: str) -> str | None:
    """The day of a declared ISO 8601 date or date and time, as the page writes it.

    The day is the page's local one: "2025-01-14T01:28:54+09:00" is 14 January, as
    htmldate reads it too.

    >>> iso_date("2024-05-03T15:47:42Z"), iso_date("2025-01-14T01:28:54+09:00")
    ('2024-05-03', '2025-01-14')
    >>> iso_date("03.05.2024"), iso_date("1970-01-01"), iso_date("2024-13-01")
    (None, None, None)
    """
    value = value.strip()
    if not _ISO_DAY.match(value):
        return None
    import datetime

    try:
        day = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day.isoformat() if day.year >= MIN_PUBLISHED_YEAR else None


def _is_page_type(value: dict[str, object]) -> bool:
    declared = value.get("@type")
    types = declared if isinstance(declared, list) else [declared]
    return any(isinstance(t, str) and _PAGE_TYPE.fullmatch(t) for t in types)


def _declared_date(meta: dict[str, list[str]], json_ld: list[dict[str, object]],
                   tree: _Element) -> str | None:
    """The publication time the page declares for itself, or None.

    article:published_time and its kin, the JSON-LD article's datePublished, then an
    element marked itemprop="datePublished". These name the page's own article; a date
    found elsewhere in the page may be another item's ("posted … at 19.03.02" in a
    product box, a related article's date).
    """
    article = _article_object(json_ld)
    dated = [article, *(o for o in json_ld if o is not article and _is_page_type(o))]
    sources: tuple[Callable[[], list[str]], ...] = (
        lambda: [meta[key][0] for key in _PUBLISHED_META if key in meta],
        lambda: [str(o["datePublished"]) for o in dated
                 if isinstance(o.get("datePublished"), str)],
        lambda: _xpath_strings(tree, _MICRODATA_PUBLISHED))
    for source in sources:  # the microdata search runs only where nothing else declares
        found = next((day for day in map(iso_date, source()) if day), None)
        if found:
            return found
    return None


def _page_date(tree: _Element, url: str | None) -> str | None:
    """The publication date htmldate finds in the page's markup, where it declares none."""
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

    ``json_ld`` is the page's :func:`read_json_ld`. The author is :func:`choose_author`'s
    (declared, else byline markup, else a search of the markup, which runs on a few pages
    only); the date is the page's declared publication day, else htmldate's reading of the
    markup. trafilatura's whole metadata extraction (category links, license, an
    extensive date search) took 7 ms of a page's 25 ms and is not run. See
    docs/metadata.md.
    """
    meta = _meta_tags(tree)
    article = _article_object(json_ld)

    def tag(*keys: str) -> str | None:
        return _first(*(meta.get(key, [None])[0] for key in keys))

    headline = article.get("headline")
    title_elements = _xpath_strings(tree, "/descendant::head/title/descendant::text()")
    publisher = _names(article.get("publisher"))
    canonical = _xpath_strings(
        tree, '/descendant::link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    page_url = _first(canonical[0] if canonical else None, tag("og:url"))
    site_names = [name for name in (tag("og:site_name"), tag("application-name"),
                                    *publisher, _host_name(url or page_url)) if name]
    author = choose_author(
        tree, article, tag("author", "article:author", "parsely-author", "sailthru.author"),
        site_names)
    return Metadata(
        title=_first(tag("og:title", "twitter:title"),
                     headline if isinstance(headline, str) else None,
                     SPACE.sub(" ", " ".join(title_elements))),
        author=author,
        date=_declared_date(meta, json_ld, tree) or _page_date(tree, url),
        site_name=_first(tag("og:site_name", "application-name"),
                         publisher[0] if publisher else None, _host_name(url or page_url)),
        url=page_url,
        description=tag("og:description", "description", "twitter:description"),
        categories=_unique(meta.get("article:section", [])
                           + _strings(article.get("articleSection"))),
        tags=_unique(meta.get("article:tag", []) + _strings(article.get("keywords"))
                     + (_strings(meta["keywords"][0]) if "keywords" in meta else [])),
    )
