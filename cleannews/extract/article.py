"""extract_article and its types: trafilatura run in recall mode with a balanced fallback,
its output trimmed, and the page's JSON-LD articleBody taken where trafilatura lost the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from cleannews.data import Metadata
from cleannews.errors import ExtractionError
from cleannews.extract.elements import SPACE, all_text
from cleannews.extract.markup import (
    choose_title,
    read_article_body,
    read_headings,
    read_json_ld,
    read_language,
    read_metadata,
)
from cleannews.extract.pagetype import html_features
from cleannews.extract.trim import (
    TRIM_STEPS,
    RemovedBlock,
    clean_body,
    render_body,
    same_headline,
)
from cleannews.options import HtmlOptions
from cleannews.pagetype import PageType, classify_html
from cleannews.pagetype.features import HTML_FEATURES, url_features
from cleannews.shingles import shingles, word_tokens

if TYPE_CHECKING:  # lxml and trafilatura are imported at run time only when needed
    from lxml.etree import _Element
    from trafilatura.settings import Document

    from cleannews.lines import CleanedText

__all__ = ["CONTENT_CHOICES", "ContentChoice", "Extraction", "extract_article"]

# Recall mode found less than this share of the text the page holds in <p> elements: it
# may have locked onto one section, so balanced mode runs too. On the dev benchmarks 0.2
# re-ran 15 of 892 pages and 0.5 re-ran 38, both +0.004 F1 on wcxb-dev-articles; 0.5 also
# caught pages whose article sits in lists rather than paragraphs (one page fell from 0.98
# to 0.26 F1 below trafilatura's balanced result at 0.2), for about 3% more time.
MIN_PAGE_TEXT_SHARE = 0.5
# The JSON-LD articleBody replaces what trafilatura found only when it is this much longer
# and holds at least this share of trafilatura's 4-word shingles (the same article, not a
# teaser or another story). 1.5 and 0.5 recovered the one truncated page on the dev
# benchmarks without replacing any good extraction (1.2 replaced one).
MIN_RECOVERY_GROWTH = 1.5
MIN_RECOVERY_SHARED = 0.5


@dataclass(frozen=True, slots=True)
class Extraction:
    """The main text of a page, the metadata found in its markup, the blocks trimmed, and
    what kind of page it is (None only for one that did not parse).

    ``lines`` holds the text's lines already judged, where the extractor judged them (the
    fast mode, :func:`cleannews.extract.fast.extract_fast`); the clean stage then takes
    them as they are. None: the clean stage judges ``text``.
    """

    text: str
    metadata: Metadata = field(default_factory=Metadata)
    removed: tuple[RemovedBlock, ...] = ()
    page_type: PageType | None = None
    lines: CleanedText | None = None


# --- what the main content is, by page type -----------------------------------------------


@dataclass(frozen=True, slots=True)
class ContentChoice:
    """How the main content of a page of one type is found.

    Attributes:
        recall: trafilatura's recall mode, with balanced mode where it lost the text
            (False: balanced mode only).
        trim: trim the blocks that close the text and the clutter inside it (the headline
            and the kicker above it are removed either way: the headline is the ``title``).
        links: ask trafilatura for links (needed only to measure link lists).
        line_rules: the line rules judge the extracted text (False: they still read dates
            and bylines for the metadata, but every line the extractor kept is kept).
    """

    recall: bool = True
    trim: bool = True
    links: bool = True
    line_rules: bool = True


# Chosen on wcxb-dev-other's pages with the page type predicted out of fold (docs/page-types.md):
# F1 against plain trafilatura on the pages of each predicted type. Forums: balanced mode
# keeps the posts where recall mode locks onto one section (0.730 against 0.669 and
# trafilatura's 0.711); readers' comments appended cost 0.004. Products: balanced mode
# (0.611; 0.602; 0.603). Listings and other pages: trimming, links and the line rules cost
# recall (0.505 in balanced mode without them; 0.475 as articles; 0.510 — and 0.784;
# 0.774; 0.777): a listing's repeated lines and an "other" page's dates are its content.
CONTENT_CHOICES: dict[str, ContentChoice] = {
    "article": ContentChoice(),
    "forum": ContentChoice(recall=False),
    "product": ContentChoice(recall=False),
    "listing": ContentChoice(recall=False, trim=False, links=False, line_rules=False),
    "other": ContentChoice(trim=False, links=False, line_rules=False),
}
# Not trimming still takes the headline (it is the title) and the kicker above it.
_UNTRIMMED = frozenset(TRIM_STEPS) - {"headline", "kicker"}


# --- trafilatura ---------------------------------------------------------------------------


# libxml2 refuses an attribute value over 10 MB (without its "huge" option, which would lift
# its other safety limits too) and the page then parses to nothing. No attribute that long
# is text a reader sees (it is an inlined image, base64 without a space), so it is emptied.
# Only a value without white space is taken: a pattern cannot tell a tag's attribute from a
# quoted string in a script ("x='+a+'"), and from there to the next quote may be the
# article itself, which has spaces.
MAX_ATTRIBUTE_CHARS = 65_536
_HUGE_ATTRIBUTE = re.compile(
    rf"""(\s[\w:.-]+\s*=\s*)(?:"[^"\s]{{{MAX_ATTRIBUTE_CHARS},}}"|'[^'\s]{{{MAX_ATTRIBUTE_CHARS},}}')""")


# Such a value holds a whole block of half its length that starts at a multiple of that
# length, and the block has neither white space nor the value's quote in it: where every
# such block of a page has white space or both quotes, the page has no huge value. Looking
# costs a search or two a block; the substitution, a pass over every word of the page
# (6 ms on a typical 100-300 KB page).
_HALF_HUGE = MAX_ATTRIBUTE_CHARS // 2


def _may_hold_huge_value(html_text: str) -> bool:
    """Whether some aligned block of :data:`_HALF_HUGE` characters could lie inside a
    huge attribute value."""
    for start in range(0, len(html_text) - _HALF_HUGE + 1, _HALF_HUGE):
        end = start + _HALF_HUGE
        if SPACE.search(html_text, start, end) is None and (
                html_text.find('"', start, end) < 0 or html_text.find("'", start, end) < 0):
            return True
    return False


def without_huge_attributes(html_text: str) -> str:
    """Empty every attribute value longer than :data:`MAX_ATTRIBUTE_CHARS`.

    >>> without_huge_attributes('<img src="' + "A" * 70_000 + '" alt="x"><p>Hi</p>')
    '<img src="" alt="x"><p>Hi</p>'
    """
    if len(html_text) <= MAX_ATTRIBUTE_CHARS or not _may_hold_huge_value(html_text):
        return html_text
    return _HUGE_ATTRIBUTE.sub(r'\1""', html_text)


def parse_html(html_text: str) -> _Element | None:
    import trafilatura  # imported lazily: only HTML input needs it

    try:
        return trafilatura.load_html(without_huge_attributes(html_text))
    except (ValueError, TypeError, RecursionError) as error:
        raise ExtractionError(f"cannot parse HTML: {error}") from error


def _run_trafilatura(tree: _Element, options: HtmlOptions, *, recall: bool,
                     comments: bool, links: bool = True) -> Document | None:
    import trafilatura
    from trafilatura.settings import Document

    extract: Callable[..., object] = trafilatura.bare_extraction
    try:
        document = extract(
            tree,
            # no url: it only serves to resolve links, and links are stripped after use
            url=None,
            favor_precision=options.favor_precision,
            favor_recall=recall,
            include_comments=comments,
            include_tables=options.include_tables,
            # links are measured to find link lists, then stripped before rendering; where
            # nothing is trimmed they are not asked for (with them trafilatura loses the
            # spaces between some inline elements: "Capacity:68 liters")
            include_links=links,
            with_metadata=False,  # read from the markup by read_metadata, in a third of the time
            # the body tree only: its text is rendered after trimming, by render_body
            output_format="xml",
        )
    except (ValueError, TypeError, AttributeError, RecursionError) as error:
        raise ExtractionError(f"trafilatura failed: {error}") from error
    return document if isinstance(document, Document) else None


def paragraph_chars(tree: _Element) -> int:
    """How much text the page holds in <p> elements: a cheap measure of its size."""
    return sum(len(all_text(paragraph).strip()) for paragraph in tree.iter("p"))


def _extract_document(tree: _Element, options: HtmlOptions, comments: bool,
                      choice: ContentChoice) -> Document | None:
    """Run trafilatura in recall mode, or balanced mode where recall mode lost the article
    (or balanced mode only, where the page type's :class:`ContentChoice` says so).

    cleannews trims what recall mode lets through, and recall mode skips the external
    comparison on long pages: +0.003 F1 on wcxb-dev-articles, -0.0005 on scrapinghub and
    about 25% faster than balanced mode. On a few pages it locks onto one section; there
    the balanced result is taken instead, if longer.
    """
    if options.favor_precision or not choice.recall:
        return _run_trafilatura(tree, options, recall=False, comments=comments,
                                links=choice.links)
    document = _run_trafilatura(tree, options, recall=True, comments=comments,
                                links=choice.links)
    found = len(document.raw_text or "") if document is not None else 0
    if found >= MIN_PAGE_TEXT_SHARE * paragraph_chars(tree):
        return document
    balanced = _run_trafilatura(tree, options, recall=False, comments=comments,
                                links=choice.links)
    if balanced is None or len(balanced.raw_text or "") <= found:
        return document
    return balanced


# --- the JSON-LD articleBody, where trafilatura lost most of the text ----------------------


def _shingles(text: str) -> set[tuple[str, ...]]:
    # A text without words is one empty shingle, which only another such text shares.
    return set(shingles(word_tokens(text.casefold()))) or {()}


def _recover_article_body(article_body: str, found_text: str) -> str | None:
    """The page's JSON-LD articleBody when it holds much more of the same article."""
    if len(article_body) < MIN_RECOVERY_GROWTH * max(1, len(found_text)):
        return None
    found = _shingles(found_text)
    shared = len(found & _shingles(article_body)) / len(found) if found else 1.0
    return article_body if shared >= MIN_RECOVERY_SHARED else None


def _drop_headline_line(text: str, titles: tuple[str | None, ...]) -> str:
    lines = text.split("\n")
    if lines and any(same_headline(lines[0], title) for title in titles):
        return "\n".join(lines[1:]).strip()
    return text


# --- the stage -----------------------------------------------------------------------------


def extract_article(
    html_text: str, url: str | None = None, options: HtmlOptions | None = None, *,
    comments: bool = False, markdown: bool = False,
) -> Extraction:
    """Extract the main text and metadata of an HTML page.

    ``comments`` appends readers' comments to the text; ``markdown`` renders headings,
    lists and tables as markdown. Returns an :class:`Extraction` whose text is empty when
    no main content was found. Raises :class:`~cleannews.errors.ExtractionError` when the
    page cannot be parsed at all.

    >>> page = ("<html lang='en-GB'><head><title>Storm hits coast | Planet</title></head><body>"
    ...         "<article><h1>Storm hits coast</h1><p>" + "Rain fell all night. " * 20 +
    ...         "</p><p>Sign up for our newsletter</p></article></body></html>")
    >>> article = extract_article(page)
    >>> article.metadata.title, article.metadata.language, article.text.startswith("Rain fell")
    ('Storm hits coast', 'en', True)
    >>> [block.reason for block in article.removed]
    ['headline', 'call_to_action']
    """
    if not isinstance(html_text, str):
        raise TypeError(f"extract_article takes str, not {type(html_text).__name__}")
    options = options or HtmlOptions()
    tree = parse_html(html_text)
    if tree is None:
        return Extraction(text="", page_type=classify_html(
            {**dict.fromkeys(HTML_FEATURES, 0.0), **url_features(url)}))
    json_ld = read_json_ld(tree)
    page = read_metadata(tree, url, json_ld)
    title = choose_title(read_headings(tree), page.title, page.site_name)
    page_type = classify_html(html_features(tree, json_ld, url))
    choice = CONTENT_CHOICES[page_type.label]
    document = _extract_document(tree, options, comments, choice)
    text, removed = "", tuple[RemovedBlock, ...]()
    if document is not None:
        text, removed = clean_body(document.body, (title, page.title), page.description,
                                   trim_closing=not options.favor_recall,
                                   markdown=markdown,
                                   keep=frozenset() if choice.trim else _UNTRIMMED)
    recovered = _recover_article_body(read_article_body(json_ld), text)
    if recovered is not None:
        text, removed = _drop_headline_line(recovered, (title, page.title)), ()
    if comments and document is not None and document.commentsbody is not None:
        text = f"{text}\n{render_body(document.commentsbody, markdown)}"
    metadata = replace(page, title=title, language=read_language(tree))
    return Extraction(text=text.strip(), metadata=metadata, removed=removed,
                      page_type=page_type)
