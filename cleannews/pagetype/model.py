"""The page-type model: a multinomial logistic regression per kind of input, numpy only.

One regression reads the HTML features of a page, the other the features of a text dump's
lines (:mod:`cleannews.pagetype.features`); both read the url's. The weights are fitted by
``python tools/train_page_type.py`` and shipped as ``page_type_model.json``, which carries
the :data:`FINGERPRINT` of the features it was fitted for.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

from cleannews.lines.model import ModelFileError, fingerprint
from cleannews.pagetype import features

__all__ = [
    "FINGERPRINT",
    "MODEL_RESOURCE",
    "PAGE_TYPES",
    "Regression",
    "load_default_model",
    "model_spec",
    "standardized",
]

MODEL_RESOURCE = "page_type_model.json"
# Standardised features are clipped here: a page unlike every training page (a two-line
# text) must not get a confident answer from one extreme value.
MAX_STANDARD_SCORE = 5.0
# The classes, in the order of the model's rows.
PAGE_TYPES: tuple[str, ...] = ("article", "forum", "product", "listing", "other")


def model_spec() -> dict[str, object]:
    """What a page-type model's weights are for: the classes, the features by name and the
    patterns that count prices, shop buttons and forum words."""
    return {
        "classes": PAGE_TYPES,
        "clip": MAX_STANDARD_SCORE,
        "html": features.HTML_FEATURES,
        "text": features.TEXT_FEATURES,
        "patterns": [features.PRICE.pattern, features.SHOP_BUTTON.pattern,
                     features.POST_WORDS.pattern, features.CURRENCY_SIGNS],
    }


FINGERPRINT = fingerprint(model_spec())

Floats = NDArray[np.float64]


def standardized(rows: Floats, mean: Floats, scale: Floats) -> Floats:
    """Features as standard scores, clipped at :data:`MAX_STANDARD_SCORE` (training and
    inference share this)."""
    result: Floats = np.clip((rows - mean) / scale, -MAX_STANDARD_SCORE, MAX_STANDARD_SCORE)
    return result


@dataclass(frozen=True)
class Regression:
    """Standardised features times weights, then softmax over :data:`PAGE_TYPES`."""

    names: tuple[str, ...]
    mean: Floats
    scale: Floats
    weights: Floats  # classes × features
    intercept: Floats

    @classmethod
    def from_dict(cls, data: Mapping[str, object], names: Sequence[str]) -> Regression:
        if list(data.get("features", ())) != list(names):  # type: ignore[call-overload]
            raise ModelFileError("the page-type model was fitted for other features")
        arrays = [np.asarray(data[key], dtype=np.float64)
                  for key in ("mean", "scale", "weights", "intercept")]
        mean, scale, weights, intercept = arrays
        if (weights.shape != (len(PAGE_TYPES), len(names)) or mean.shape != (len(names),)
                or scale.shape != (len(names),) or intercept.shape != (len(PAGE_TYPES),)):
            raise ModelFileError("the page-type model's arrays do not fit its features")
        return cls(tuple(names), mean, scale, weights, intercept)

    def probabilities(self, values: Mapping[str, float]) -> Floats:
        """The probability of each page type, in :data:`PAGE_TYPES` order."""
        row = np.array([values.get(name, 0.0) for name in self.names], dtype=np.float64)
        logits = self.weights @ standardized(row, self.mean, self.scale) + self.intercept
        exp = np.exp(logits - logits.max())
        probabilities: Floats = exp / exp.sum()
        return probabilities


@dataclass(frozen=True)
class PageTypeModel:
    html: Regression
    text: Regression

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> PageTypeModel:
        if data.get("fingerprint") != FINGERPRINT:
            raise ModelFileError(
                f"the page-type model was fitted for other features (fingerprint "
                f"{data.get('fingerprint')!r}, this version's {FINGERPRINT!r}); retrain it "
                "with tools/train_page_type.py")
        html, text = data.get("html"), data.get("text")
        if not isinstance(html, dict) or not isinstance(text, dict):
            raise ModelFileError("the page-type model lacks its html or text regression")
        return cls(Regression.from_dict(html, features.HTML_FEATURES),
                   Regression.from_dict(text, features.TEXT_FEATURES))


@lru_cache(maxsize=1)
def load_default_model() -> PageTypeModel:
    """The model shipped with the package (read once per process)."""
    resource = resources.files("cleannews.pagetype").joinpath(MODEL_RESOURCE)
    if not resource.is_file():
        raise ModelFileError(f"the model file {MODEL_RESOURCE} is missing from the installed "
                             "cleannews package; reinstall it")
    return PageTypeModel.from_dict(json.loads(resource.read_text(encoding="utf-8")))
