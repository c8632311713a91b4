"""The HTML features of a page for the page-type model (:mod:`cleannews.pagetype`), read
from the parsed page before trafilatura runs: what the page declares itself to be (JSON-LD
``@type``, ``og:type``), how its text is laid out (paragraphs, links, forms, repeated
blocks) and what its markup and text name (posts, comments, prices, shop buttons).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleannews.pagetype.features import (
    CURRENCY_SIGNS,
    HTML_FEATURES,
    POST_WORDS,
    SHOP_BUTTON,
    count_words,
    url_features,
)

if TYPE_CHECKING:  # lxml is imported at run time only when needed
    from lxml.etree import _Element

__all__ = ["html_features"]

# JSON-LD types by what they say a page is; a page may declare several.
_LD_TYPES: dict[str, frozenset[str]] = {
    "ld_article": frozenset({
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
        "scholarlyarticle", "socialmediaposting", "techarticle", "report"}),
    "ld_product": frozenset({"product", "offer", "aggregateoffer", "productgroup", "car",
                             "individualproduct", "productmodel"}),
    "ld_forum": frozenset({"discussionforumposting", "qapage", "question", "answer",
                           "comment"}),
    "ld_list": frozenset({"itemlist", "collectionpage", "searchresultspage", "listitem",
                          "offercatalog"}),
    "ld_faq": frozenset({"faqpage"}),
    "ld_howto": frozenset({"howto", "recipe", "course"}),
    "ld_event": frozenset({"event", "place", "localbusiness", "organization", "service",
                           "store", "restaurant", "hotel", "jobposting"}),
    "ld_software": frozenset({"softwareapplication", "webapplication", "mobileapplication",
                              "softwaresourcecode", "apireference"}),
}
_WEBPAGE_TYPES = frozenset({"webpage", "website", "breadcrumblist", "imageobject",
                            "searchaction", "person", "wpheader", "wpfooter",
                            "sitenavigationelement", "readaction", "entrypoint"})
# class and id words (lower-cased) of the blocks a forum thread, a comment section or a
# shop is built of
_POST_MARKUP = re.compile(r"post|thread|topic|message|repl|answer|forum")
_COMMENT_MARKUP = re.compile(r"comment")
_PRODUCT_MARKUP = re.compile(r"product|cart|basket|sku|offer|checkout|add-to")
_PRICE_MARKUP = re.compile(r"price")
# Paths use the descendant axis ("/descendant::p"), not "//p": the same nodes, found 1.5 to 4
# times as fast by libxml2, which builds no set of every node on the way.
_BODY = "/descendant::body/descendant::"
# The text of a very long page is read up to here for prices and words.
MAX_SCANNED_CHARS = 20_000


def _log(count: float) -> float:
    return math.log1p(max(0.0, count))


def _ld_types(objects: list[dict[str, object]]) -> set[str]:
    """Every @type the page's JSON-LD declares, its main entity's included, case-folded."""
    found: set[str] = set()
    pending: list[object] = list(objects)
    seen = 0
    while pending and seen < 500:
        node = pending.pop()
        seen += 1
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            kind = node.get("@type")
            for name in kind if isinstance(kind, list) else [kind]:
                if isinstance(name, str):
                    found.add(name.rsplit("/", 1)[-1].casefold())
            pending.extend(value for value in node.values() if isinstance(value, (dict, list)))
    return found


def _chars(pieces: list[str]) -> int:
    return sum(map(len, map(str.strip, pieces)))


def _strings(tree: _Element, path: str) -> list[str]:
    """The strings (text nodes, attribute values) ``path`` selects, in page order."""
    found = tree.xpath(path, smart_strings=False)
    return list(map(str, found)) if isinstance(found, list) else []


# The elements counted, by feature: one walk of the page counts them all.
_COUNTED: dict[str, tuple[str, ...]] = {
    "log_links": ("a",), "log_forms": ("form",), "log_inputs": ("input", "select", "textarea"),
    "log_buttons": ("button",), "log_paragraphs": ("p",), "log_list_items": ("li",),
    "log_headings": ("h2", "h3", "h4"), "log_tables": ("table",), "log_code": ("pre", "code"),
    "log_article_tags": ("article",), "log_time_tags": ("time",), "log_images": ("img",),
    "log_h1": ("h1",),
}
_COUNTED_TAGS = tuple(tag for tags in _COUNTED.values() for tag in tags)


def _walk(tree: _Element, *tags: str) -> Iterator[_Element]:
    """The page's elements of these tags in page order, by lxml's walk (faster than XPath):
    under every top-level element, as XPath finds them (libxml2 leaves more than one where
    a page goes on after its ``</html>``)."""
    from lxml import etree

    tops = tree.xpath("/*")
    for top in tops if isinstance(tops, list) else ():
        if isinstance(top, etree._Element):
            yield from top.iter(*tags)


def _counts(tree: _Element) -> dict[str, float]:
    """log1p of how many elements of each feature's tags the page has."""
    found = Counter(element.tag for element in _walk(tree, *_COUNTED_TAGS))
    return {name: _log(sum(found[tag] for tag in tags)) for name, tags in _COUNTED.items()}


def html_features(tree: _Element, json_ld: list[dict[str, object]],
                  url: str | None) -> dict[str, float]:
    """The features of :data:`~cleannews.pagetype.features.HTML_FEATURES` for a parsed page.

    Everything is counted by libxml2 (XPath, lxml's walk) or by a regex over one joined
    string: a page's features cost a few milliseconds.

    >>> import trafilatura
    >>> page = trafilatura.load_html("<html><head><meta property='og:type' content='product'>"
    ...     "</head><body><form><button>Add to cart</button></form><p>$19.99</p></body></html>")
    >>> features = html_features(page, [], "https://shop.example/p/12")
    >>> features["og_product"], features["log_prices"] > 0, features["url_product"]
    (1.0, True, 1.0)
    """
    values = dict.fromkeys(HTML_FEATURES, 0.0)
    types = _ld_types(json_ld)
    for name, group in _LD_TYPES.items():
        values[name] = float(bool(types & group))
    values["ld_webpage_only"] = float(bool(types) and types <= _WEBPAGE_TYPES)
    # lxml's walk by tag, and a union of plain paths: each several times faster than XPath
    # predicates over every element, with the same strings.
    og_type = " ".join(
        str(meta.get("content")) for meta in _walk(tree, "meta")
        if "og:type" in (meta.get("property"), meta.get("name"))
        and meta.get("content") is not None).casefold()
    values["og_article"] = float("article" in og_type)
    values["og_product"] = float("product" in og_type)
    values["og_website"] = float("website" in og_type)
    values["og_other"] = float(bool(og_type) and not any(
        word in og_type for word in ("article", "product", "website")))

    texts = _strings(tree, _BODY + "text()")
    hidden = _chars(_strings(tree, " | ".join(
        f"{_BODY}{tag}/descendant::text()" for tag in ("script", "style", "noscript", "template"))))
    total = max(1, _chars(texts) - hidden)
    values["log_text_chars"] = _log(total)
    paragraphs = _chars(_strings(tree, _BODY + "p/descendant::text()"))
    values["paragraph_share"] = min(1.0, paragraphs / total)
    values["link_share"] = min(1.0, _chars(_strings(tree, _BODY + "a/descendant::text()")) / total)
    values.update(_counts(tree))
    values["has_article_tag"] = float(values["log_article_tags"] > 0)
    values["has_h1"] = float(values["log_h1"] > 0)
    # class and id names, one a line: how often they name posts, comments, products, prices
    # (no pattern spans two lines, so the order of the names does not matter, and two
    # paths cost half what their union, sorted into page order, does)
    names = "\n".join([*_strings(tree, "/descendant::*/@class"),
                       *_strings(tree, "/descendant::*/@id")]).lower()
    values["log_post_markup"] = _log(len(_POST_MARKUP.findall(names)))
    values["log_comment_markup"] = _log(len(_COMMENT_MARKUP.findall(names)))
    values["log_product_markup"] = _log(len(_PRODUCT_MARKUP.findall(names)))
    values["log_price_markup"] = _log(len(_PRICE_MARKUP.findall(names)))
    # blocks of one class repeated down the page: the items of a listing, a thread's posts
    blocks = Counter(name for tag in ("div", "li", "article", "section", "tr")
                     for name in _strings(tree, f"/descendant::{tag}/@class"))
    values["repeated_siblings"] = _log(max(blocks.values(), default=0))
    scanned = " ".join(texts)[:MAX_SCANNED_CHARS].lower()
    values["log_prices"] = _log(sum(scanned.count(sign) for sign in CURRENCY_SIGNS))
    values["log_shop_words"] = _log(count_words(SHOP_BUTTON, scanned))
    values["log_post_words"] = _log(count_words(POST_WORDS, scanned))
    values.update(url_features(url))
    return values


def page_features(html_text: str, url: str | None = None) -> dict[str, float]:
    """:func:`html_features` of a page given as HTML text (for training; empty page: zeros)."""
    from cleannews.extract.article import parse_html
    from cleannews.extract.markup import read_json_ld

    tree = parse_html(html_text)
    if tree is None:
        return {**dict.fromkeys(HTML_FEATURES, 0.0), **url_features(url)}
    return html_features(tree, read_json_ld(tree), url)
