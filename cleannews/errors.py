"""Exceptions the library raises for programmer and environment errors (not bad documents)."""

from __future__ import annotations

__all__ = ["CleannewsError"]


class CleannewsError(Exception):
    """Base class of cleannews's own exceptions."""

