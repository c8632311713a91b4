"""HTML to main text and metadata: every use of trafilatura and lxml is in this package.

trafilatura finds the main content (:mod:`.article`); the page's markup gives the metadata
(:mod:`.markup`). What trafilatura keeps at the edges of the content is then checked block
by block (:mod:`.trim`): the headline (reported as ``title``, never in the text), the kicker
above it, and the link lists, calls to action and separators that close many articles are
removed, each with a reason. trafilatura is imported on first use only, so that text input
never pays its start-up cost. Nothing that leaves this package holds an lxml element.
"""

from cleannews.extract.article import Extraction, extract_article
from cleannews.extract.markup import choose_title, strip_site_name
from cleannews.extract.trim import (
    RemovedBlock,
    clean_body,
    is_share_bar,
    looks_like_call_to_action,
    same_headline,
)

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
