"""The metadata of a document, one type for every stage that finds some: it depends on nothing.

The HTML extractor reads it from a page's markup, the metadata stage finds it in the
cleaned text, and :func:`merge` combines the two, field by field. A record flattens it
into its keys (:data:`METADATA_FIELDS`, in this order).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

__all__ = ["METADATA_FIELDS", "Metadata", "merge"]


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about a document besides its text; ``None`` or empty when unknown.

    Attributes:
        url: the page's address (the caller's, else its canonical link or og:url).
        title: the headline, without the site name.
        author: the byline's names, "; " between several.
        date: the publication date, ISO 8601 (with the time where the page gives one).
        site_name: the publication or site.
        description: the page's summary (og:description, description).
        categories: the sections the page declares (article:section, articleSection).
        tags: its keywords (article:tag, keywords).
        language: ISO 639-1 code, declared by the page or identified from its text.
        dateline: a news agency's dateline opening the story ("TOKYO (AP)").
    """

    url: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    description: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str | None = None
    dateline: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The fields as JSON values, in :data:`METADATA_FIELDS` order (tuples as lists).

        >>> Metadata(title="Storm", tags=("weather",)).to_dict()["tags"]
        ['weather']
        """
        values = {name: getattr(self, name) for name in METADATA_FIELDS}
        return {name: list(value) if isinstance(value, tuple) else value
                for name, value in values.items()}


METADATA_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(Metadata))


def merge(preferred: Metadata, fallback: Metadata) -> Metadata:
    """Each field from ``preferred`` where it is known (not None or empty), else ``fallback``.

    >>> page = Metadata(title="Storm hits coast", author=None)
    >>> text = Metadata(title="STORM HITS COAST - Planet", author="Jane Doe")
    >>> merged = merge(page, text)
    >>> merged.title, merged.author
    ('Storm hits coast', 'Jane Doe')
    """
    return Metadata(**{name: getattr(preferred, name) or getattr(fallback, name)
                       for name in METADATA_FIELDS})
