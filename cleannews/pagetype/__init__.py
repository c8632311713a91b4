"""What kind of page a document is: article, forum, product, listing or other.

A small learned model (:mod:`.model`) reads cheap features of the page
(:mod:`.features`; for HTML, :mod:`cleannews.extract.pagetype` reads them from the parsed
page) and gives the most probable type with its probability. The HTML extractor uses the
type to choose what the main content is (a forum's posts; no trimming on pages that are
not articles); every record reports it as ``page_type`` and ``page_type_confidence``.
See docs/page-types.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cleannews.pagetype.features import text_features
from cleannews.pagetype.model import PAGE_TYPES, Regression, load_default_model

__all__ = ["PAGE_TYPES", "PageType", "classify_html", "classify_text"]


@dataclass(frozen=True, slots=True)
class PageType:
    """A page's most probable type (one of :data:`PAGE_TYPES`) and its probability."""

    label: str
    confidence: float

    @property
    def is_article(self) -> bool:
        return self.label == "article"


def _classify(regression: Regression, values: Mapping[str, float]) -> PageType:
    probabilities = regression.probabilities(values)
    best = int(probabilities.argmax())
    return PageType(PAGE_TYPES[best], round(float(probabilities[best]), 3))


def classify_html(values: Mapping[str, float]) -> PageType:
    """The type of an HTML page from its features
    (:func:`cleannews.extract.pagetype.html_features`)."""
    return _classify(load_default_model().html, values)


def classify_text(text: str, url: str | None = None) -> PageType:
    """The type of a page given as a text dump, from its lines and its url.

    >>> classify_text("Add to cart\\n$19.99\\nIn stock\\nFree shipping", "https://shop.example/p/7").label
    'product'
    """
    return _classify(load_default_model().text, text_features(text, url))
