"""extract_fast, the fast HTML mode (``--html-mode fast``): resiliparse renders the page's
main content as text, the line classifier judges that text as it judges a text dump, and
the page's markup gives the metadata, read as in the default mode.

resiliparse parses with lexbor, a C parser, and renders a page's main content about ten
times faster than trafilatura extracts it. Its main-content heuristics lose the article of
a few pages (a class name they take for a hidden or paywalled block, a layout they do not
know): where the kept text holds less than :data:`MIN_TEXT_SHARE` of the text the page has
in ``<p>`` elements, or nothing, the page goes through :func:`extract_article` (the default
mode) instead. On the development sets that is 5–8% of the articles and a quarter of the
other pages. benchmarks/README.md has the figures.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from cleannews.errors import ExtractionError
from cleannews.extract.article import (
    Extraction,
    extract_article,
    paragraph_chars,
    without_huge_attributes,
)
from cleannews.extract.markup import (
    choose_title,
    read_headings,
    read_json_ld,
    read_language,
    read_metadata,
)
from cleannews.extract.pagetype import html_features
from cleannews.extract.trim import RemovedBlock, same_headline
from cleannews.lines import CleanedText, clean_lines
from cleannews.options import HtmlOptions
from cleannews.pagetype import classify_html

if TYPE_CHECKING:
    from lxml.etree import ElementNamespaceClassLookup, _Element

__all__ = ["MIN_TEXT_SHARE", "SKIPPED_ELEMENTS", "extract_fast", "render_main_content"]

# Left out of the rendering: captions and figures (the gold texts of every development set
# leave them out), buttons ("X", "Share", "Load more"), asides and menus inside what
# resiliparse takes for the main content. On scrapinghub and fundus this took F1 from
# 0.939 to 0.946 and 0.910 to 0.930; image alt texts left out too, to 0.950 and 0.932.
# More selectors (forms, dialogs, [hidden], related/share/newsletter class names) did not
# help.
SKIPPED_ELEMENTS = ("figure", "figcaption", "button", "aside", "nav")
# The kept text is under this share of the page's <p> text: resiliparse lost the article,
# and the default mode takes the page. Simulated on the development sets (F1 of the fast
# mode; pages sent to the default mode): 0.3 gave 0.950, 0.946, 0.931, 0.682 (2%, 3%, 5%,
# 18%); 0.5 gave 0.953, 0.946, 0.933, 0.681 (6%, 5%, 8%, 23%); 0.7 gave 0.959, 0.946,
# 0.936, 0.685 (17%, 13%, 11%, 32%), for scrapinghub, fundus, wcxb-dev-articles and
# wcxb-dev-other. 0.5 is the share the default mode uses to re-run trafilatura.
MIN_TEXT_SHARE = 0.5
# The headline is looked for among the first lines of the rendering only.
HEADLINE_LINES = 8
# libxml2 refuses a text node or attribute value over this many bytes: only a page this
# long needs its huge attributes emptied before lxml reads its metadata.
LIBXML2_MAX_TEXT = 10_000_000


def render_main_content(html_text: str, *, comments: bool = False,
                        tables: bool = True) -> str:
    """The page's main content as resiliparse renders it: one block a line.

    >>> render_main_content("<html><body><nav><a href='/'>Home</a></nav><article>"
    ...     "<h1>Storm hits coast</h1><p>Rain fell all night.</p>"
    ...     "<figure><figcaption>Waves. Photo: AP</figcaption></figure></article></body></html>")
    'Storm hits coast\\n\\nRain fell all night.'
    """
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    skipped = [*SKIPPED_ELEMENTS, *(() if tables else ("table",))]
    try:
        text = extract_plain_text(HTMLTree.parse(html_text), main_content=True,
                                  comments=comments, alt_texts=False, skip_elements=skipped)
    except (ValueError, TypeError, RecursionError) as error:
        raise ExtractionError(f"resiliparse failed: {error}") from error
    return str(text).strip()


@lru_cache(maxsize=1)
def _element_classes() -> ElementNamespaceClassLookup:
    """lxml.html's classes for a page's nodes, each chosen in C: lxml.html's own lookup is
    a Python method, called for every element a walk or a search hands to Python."""
    from lxml import etree, html

    lookup = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment,
        pi=html.HtmlProcessingInstruction, entity=html.HtmlEntity))
    lookup.get_namespace(None).update({
        "form": html.FormElement, "input": html.InputElement, "label": html.LabelElement,
        "select": html.SelectElement, "textarea": html.TextareaElement})
    return lookup


def _parse_markup(html_text: str) -> _Element | None:
    """The page parsed by lxml, for its metadata (None: nothing to parse)."""
    import lxml.etree
    import lxml.html

    if len(html_text) > LIBXML2_MAX_TEXT:
        html_text = without_huge_attributes(html_text)
    parser = lxml.html.HTMLParser(collect_ids=False, encoding="utf-8", remove_comments=True,
                                  remove_pis=True)
    parser.set_element_class_lookup(_element_classes())
    try:
        return lxml.html.document_fromstring(html_text.encode("utf-8", "surrogatepass"),
                                             parser=parser)
    except (lxml.etree.ParserError, ValueError, TypeError, RecursionError):
        return None


def _without_headline(cleaned: CleanedText, titles: tuple[str | None, ...]
                      ) -> tuple[CleanedText, tuple[RemovedBlock, ...]]:
    """``cleaned`` less its headline, if one of its first kept lines is the headline (the
    record's ``title``, as in the default mode; the line is removed, not dropped, so that
    the pages whose every line is kept do not keep it either).

    >>> from cleannews.lines.model import RULES_ONLY
    >>> cleaned = clean_lines("World\\nStorm hits coast\\nRain fell all night.", RULES_ONLY)
    >>> rest, removed = _without_headline(cleaned, ("Storm hits coast",))
    >>> [line.text[:9] for line in rest.lines], [block.reason for block in removed]
    (['World', 'Rain fell'], ['headline'])
    """
    kept = [index for index, line in enumerate(cleaned.lines) if line.kept][:HEADLINE_LINES]
    for index in kept:
        line = cleaned.lines[index]
        if any(same_headline(line.text, title) for title in titles):
            first = cleaned.first_paragraph
            return replace(
                cleaned, lines=cleaned.lines[:index] + cleaned.lines[index + 1:],
                first_paragraph=first - 1 if first is not None and first > index else first,
            ), (RemovedBlock(line.text, "headline"),)
    return cleaned, ()


def _kept_chars(cleaned: CleanedText) -> int:
    return sum(len(line) for line in cleaned.kept)


def extract_fast(
    html_text: str, url: str | None = None, options: HtmlOptions | None = None, *,
    comments: bool = False, explain: bool = False,
) -> Extraction:
    """Extract the main text and metadata of an HTML page in the fast mode.

    Returns an :class:`Extraction` whose ``text`` is the rendering and whose ``lines`` are
    its lines as the line classifier judged them, the headline left out; or, where the
    rendering lost the article,
    :func:`extract_article`'s extraction (``lines`` None: the clean stage judges its text,
    as in the default mode). ``options`` apply to that fallback; ``include_tables`` to
    both.

    >>> page = ("<html lang='en'><head><title>Storm hits coast | Planet</title></head><body>"
    ...         "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
    ...         "<h1>Storm hits coast</h1><p>" + "Rain fell all night on the town. " * 12 +
    ...         "</p></article></body></html>")
    >>> article = extract_fast(page)
    >>> article.metadata.title, article.lines is not None and article.lines.text[:9]
    ('Storm hits coast', 'Rain fell')
    """
    if not isinstance(html_text, str):
        raise TypeError(f"extract_fast takes str, not {type(html_text).__name__}")
    options = options or HtmlOptions()
    rendered = render_main_content(html_text, comments=comments,
                                   tables=options.include_tables)
    tree = _parse_markup(html_text) if rendered else None
    least = MIN_TEXT_SHARE * paragraph_chars(tree) if tree is not None else 0.0
    # Judged lines are parts of the rendering: where even all of it is too little, the
    # page goes to the default mode unjudged.
    if tree is None or len(rendered) < least:
        return extract_article(html_text, url, options, comments=comments)
    cleaned = clean_lines(rendered, None, explain=explain, keep_comments=comments,
                          unflatten=False)
    kept = _kept_chars(cleaned)
    if not kept or kept < least:
        return extract_article(html_text, url, options, comments=comments)
    # the metadata and page type, read as the default mode reads them
    json_ld = read_json_ld(tree)
    declared = read_metadata(tree, url, json_ld)
    title = choose_title(read_headings(tree), declared.title, declared.site_name)
    page_type = classify_html(html_features(tree, json_ld, url))
    metadata = replace(declared, title=title, language=read_language(tree))
    lines, removed = _without_headline(cleaned, (title, declared.title))
    return Extraction(text=rendered, metadata=metadata, removed=removed, page_type=page_type,
                      lines=lines)
