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
from cleannews.extract.elements import all_text
from cleannews.extract.markup import (
    choose_title,
    read_article_body,
    read_headings,
    read_json_ld,
    read_language,
    read_metadata,
)
from cleannews.extract.trim import RemovedBlock, clean_body, render_body, same_headline
from cleannews.options import HtmlOptions
from cleannews.shingles import shingles, word_tokens

if TYPE_CHECKING:  # lxml and trafilatura are imported at run time only when needed
    from lxml.etree import _Element
    from trafilatura.settings import Document

__all__ = ["Extraction", "extract_article"]

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
    """The main text of a page, the metadata found in its markup, and the blocks trimmed."""

    text: str
    metadata: Metadata = field(default_factory=Metadata)
    removed: tuple[RemovedBlock, ...] = ()


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


def without_huge_attributes(html_text: str) -> str:
    """Empty every attribute value longer than :data:`MAX_ATTRIBUTE_CHARS`.

    >>> without_huge_attributes('<img src="' + "A" * 70_000 + '" alt="x"><p>Hi</p>')
    '<img src="" alt="x"><p>Hi</p>'
    """
    if len(html_text) <= MAX_ATTRIBUTE_CHARS:
        return html_text
    return _HUGE_ATTRIBUTE.sub(r'\1""', html_text)


def _parse(html_text: str) -> _Element | None:
    import trafilatura  # imported lazily: only HTML input needs it

    try:
        return trafilatura.load_html(without_huge_attributes(html_text))
    except (ValueError, TypeError, RecursionError) as error:
        raise ExtractionError(f"cannot parse HTML: {error}") from error


def _run_trafilatura(tree: _Element, options: HtmlOptions, *, recall: bool,
                     comments: bool) -> Document | None:
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
            # links are measured to find link lists, then stripped before rendering
            include_links=True,
            with_metadata=False,  # read from the markup by read_metadata, in a third of the time
            # the body tree only: its text is rendered after trimming, by render_body
            output_format="xml",
        )
    except (ValueError, TypeError, AttributeError, RecursionError) as error:
        raise ExtractionError(f"trafilatura failed: {error}") from error
    return document if isinstance(document, Document) else None


def _paragraph_chars(tree: _Element) -> int:
    """How much text the page holds in <p> elements: a cheap measure of its size."""
    return sum(len(all_text(paragraph).strip()) for paragraph in tree.iter("p"))


def _extract_document(tree: _Element, options: HtmlOptions, comments: bool) -> Document | None:
    """Run trafilatura in recall mode, or balanced mode where recall mode lost the article.

    cleannews trims what recall mode lets through, and recall mode skips the external
    comparison on long pages: +0.003 F1 on wcxb-dev-articles, -0.0005 on scrapinghub and
    about 25% faster than balanced mode. On a few pages it locks onto one section; there
    the balanced result is taken instead, if longer.
    """
    if options.favor_precision:
        return _run_trafilatura(tree, options, recall=False, comments=comments)
    document = _run_trafilatura(tree, options, recall=True, comments=comments)
    found = len(document.raw_text or "") if document is not None else 0
    if found >= MIN_PAGE_TEXT_SHARE * _paragraph_chars(tree):
        return document
    balanced = _run_trafilatura(tree, options, recall=False, comments=comments)
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
    tree = _parse(html_text)
    if tree is None:
        return Extraction(text="")
    json_ld = read_json_ld(tree)
    page = read_metadata(tree, url, json_ld)
    title = choose_title(read_headings(tree), page.title, page.site_name)
    document = _extract_document(tree, options, comments)
    text, removed = "", tuple[RemovedBlock, ...]()
    if document is not None:
        text, removed = clean_body(document.body, (title, page.title), page.description,
                                   trim_closing=not options.favor_recall,
                                   markdown=markdown)
    recovered = _recover_article_body(read_article_body(json_ld), text)
    if recovered is not None:
        text, removed = _drop_headline_line(recovered, (title, page.title)), ()
    if comments and document is not None and document.commentsbody is not None:
        text = f"{text}\n{render_body(document.commentsbody, markdown)}"
    metadata = replace(page, title=title, language=read_language(tree))
    return Extraction(text=text.strip(), metadata=metadata, removed=removed)
