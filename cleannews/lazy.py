"""Public names imported from their modules on first use (PEP 562), so that importing a
package (``cleannews --version``, text input's use of ``cleannews.extract``) does not load
what only some runs need: the pipeline, numpy, the models, the HTML extractor."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["lazy_getattr"]


def lazy_getattr(package: str, homes: dict[str, str],
                 namespace: dict[str, Any]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: ``homes`` names each public name's module
    (relative to the package); the value is imported once and kept in ``namespace``.

    >>> namespace: dict[str, Any] = {}
    >>> attribute = lazy_getattr("cleannews", {"Kind": "detect"}, namespace)
    >>> attribute("Kind").__name__, "Kind" in namespace
    ('Kind', True)
    """
    def attribute(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        namespace[name] = value
        return value

    return attribute
