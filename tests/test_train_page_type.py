"""tools/train_page_type.py: labels, and the fitted regression as the package reads it."""

from __future__ import annotations

import numpy as np
import train_page_type

from cleannews.pagetype.features import TEXT_FEATURES
from cleannews.pagetype.model import PAGE_TYPES, Regression


def test_labels_map_the_gold_types() -> None:
    assert train_page_type.label_of({"page_type": "service"}) == "other"
    assert train_page_type.label_of({"page_type": "documentation"}) == "other"
    assert train_page_type.label_of({"page_type": "collection"}) == "listing"
    assert train_page_type.label_of({}) == "article"


def test_numpy_inference_agrees_with_the_training_prediction() -> None:
    generator = np.random.default_rng(3)
    labels = np.array([PAGE_TYPES[i % len(PAGE_TYPES)] for i in range(100)])
    x = generator.normal(size=(100, len(TEXT_FEATURES)))
    x[:, 0] += np.array([PAGE_TYPES.index(label) for label in labels]) * 4.0
    fitted = train_page_type.fit(x, labels)
    regression = Regression.from_dict({"features": list(TEXT_FEATURES), **fitted},
                                      TEXT_FEATURES)
    predicted = train_page_type.predict(fitted, x)
    for row, index in zip(x, predicted, strict=True):
        values = dict(zip(TEXT_FEATURES, row, strict=True))
        assert int(regression.probabilities(values).argmax()) == index
    assert np.mean(np.array(PAGE_TYPES)[predicted] == labels) > 0.8
