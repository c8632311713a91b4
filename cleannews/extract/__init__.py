"""HTML to main text and metadata: every use of trafilatura and lxml is in this package.

trafilatura finds the main content (:mod:`.article`); the page's markup gives the metadata
(:mod:`.markup`). What trafilatura keeps at the edges of the content is then checked block
by block (:mod:`.trim`): the headline (reported as ``title``, never in the text), the kicker
above it, and the link lists, calls to action and separators that close many articles are
removed, each with a reason. trafilatura is imported on first use only, so that text input
never pays its start-up cost. Nothing that leaves this package holds an lxml element.
"""

from typing import TYPE_CHECKING

from cleannews.lazy import lazy_getattr

if TYPE_CHECKING:
    from cleannews.extract.article import Extraction, extract_article
    from cleannews.extract.markup import choose_title, strip_site_name
    from cleannews.extract.trim import (
        RemovedBlock,
        clean_body,
        is_share_bar,
        looks_like_call_to_action,
        same_headline,
    )

# Each public name is imported from its module on first use (PEP 562): text input needs
# only :func:`~cleannews.extract.markup.looks_like_name` (bylines), not the extractor.
_HOMES = {
    "Extraction": "article", "extract_article": "article",
    "choose_title": "markup", "strip_site_name": "markup",
    "RemovedBlock": "trim", "clean_body": "trim", "is_share_bar": "trim",
    "looks_like_call_to_action": "trim", "same_headline": "trim",
}


__getattr__ = lazy_getattr(__name__, _HOMES, globals())

__all__ = [
    "Extraction",
    "RemovedBlock",
    "choose_title",
    "clean_body",
    "extract_article",
    "is_share_bar",
    "looks_like_call_to_action",
    "same_headline",
    "strip_site_name",
]
