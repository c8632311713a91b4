"""HTML to main text and metadata: every use of trafilatura and lxml is in this module.

trafilatura is imported on first use only, so that text input never pays its start-up
cost. Nothing that leaves this module holds an lxml element.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ExtractOptions", "Extraction", "ExtractionError", "extract_article"]


class ExtractionError(Exception):
    """The HTML extractor failed on this document."""


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """How trafilatura extracts; see ``cleannews --help`` for each flag."""

    favor_precision: bool = False
    favor_recall: bool = False
    include_comments: bool = False
    include_tables: bool = True
    fast: bool = False


@dataclass(frozen=True, slots=True)
class Extraction:
    """The main text of a page and the metadata found in its markup."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    url: str | None = None
    description: str | None = None
    categories: tuple[str, ...] = field(default=())
    tags: tuple[str, ...] = field(default=())
    language: str | None = None


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _as_tuple(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(str(v).strip() for v in value if str(v).strip())


def extract_article(
    html_text: str, url: str | None = None, options: ExtractOptions | None = None
) -> Extraction:
    """Extract the main text and metadata of an HTML page with trafilatura.

    Returns an :class:`Extraction` whose text is empty when trafilatura found no main
    content. Raises :class:`ExtractionError` when the page cannot be parsed at all.
    """
    if not isinstance(html_text, str):
        raise TypeError(f"extract_article takes str, not {type(html_text).__name__}")
    options = options or ExtractOptions()
    import trafilatura  # imported lazily: only HTML input needs it

    try:
        document = trafilatura.bare_extraction(
            html_text,
            url=url,
            fast=options.fast,
            favor_precision=options.favor_precision,
            favor_recall=options.favor_recall,
            include_comments=options.include_comments,
            include_tables=options.include_tables,
            with_metadata=True,
            as_dict=True,
        )
    except (ValueError, TypeError, AttributeError, RecursionError) as error:
        raise ExtractionError(f"trafilatura failed: {error}") from error
    if not document:
        return Extraction(text="")
    data: dict[str, Any] = dict(document)
    return Extraction(
        text=_text_or_none(data.get("text")) or "",
        title=_text_or_none(data.get("title")),
        author=_text_or_none(data.get("author")),
        date=_text_or_none(data.get("date")),
        site_name=_text_or_none(data.get("sitename")),
        url=_text_or_none(data.get("url")),
        description=_text_or_none(data.get("description")),
        categories=_as_tuple(data.get("categories")),
        tags=_as_tuple(data.get("tags")),
        language=_text_or_none(data.get("language")),
    )
