"""Plain-text dumps of an HTML page, as scrapers write them.

Used by training and the benchmarks only, so it is a tool, not part of the package.
Two ways a scraper commonly stores a page's text: every text node on its own line
(``BeautifulSoup(page).get_text("\\n", strip=True)``), or the whole text on one line, its
whitespace collapsed (``" ".join(text.split())``). The classifier for flattened pages
(``lines/flat_model.json``) is trained on the second, made from the development pages'
HTML by ``python tools/train.py``; ``benchmarks/make_dumps.py`` writes both to score
cleannews on them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from cleannews.decode import decode_bytes

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["flat_dump", "page_tree", "text_node_dump"]

logger = logging.getLogger(__name__)


def page_tree(html_bytes: bytes) -> HtmlElement | None:
    """The page parsed by lxml, less its scripts, styles and templates (None if lxml
    cannot parse it): what a dumper shows of it."""
    import lxml.html

    # Parsed from bytes, lxml falls back to Latin-1 for a page that does not declare its
    # charset in a <meta> tag: decode as cleannews does, then hand lxml UTF-8 explicitly.
    text = decode_bytes(html_bytes).text
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = lxml.html.fromstring(text.encode("utf-8", "replace"), parser=parser)
    except Exception as error:  # an empty or unparsable page: an empty dump, not a stop
        logger.warning("lxml failed: %s", error)
        return None
    for element in list(root.iter("script", "style", "noscript", "template")):
        if isinstance(element, lxml.html.HtmlElement):  # always, from lxml.html's parser
            element.drop_tree()
    return root


def text_node_dump(html_bytes: bytes) -> str:
    """Every text node of the page on its own line, scripts and styles left out.

    >>> text_node_dump(b"<p>Home</p><p>The museum <b>reopened</b>.</p>")
    'Home\\nThe museum\\nreopened\\n.'
    """
    root = page_tree(html_bytes)
    if root is None:
        return ""
    return "\n".join(text.strip() for text in root.itertext() if text.strip())


def flat_dump(html_bytes: bytes) -> str:
    """The page's text on one line, its whitespace collapsed.

    >>> flat_dump(b"<p>Home</p><p>The museum\\n  <b>reopened</b>.</p>")
    'Home The museum reopened .'
    """
    return " ".join(text_node_dump(html_bytes).split())
