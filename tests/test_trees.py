"""Forests: the vectorised walk equals walking each tree of each line by hand."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleannews.lines.trees import Forest


@st.composite
def trees(draw: st.DrawFn, columns: int = 3) -> dict[str, Any]:
    """A random binary tree in the model file's form (children -1 at a leaf)."""
    feature: list[int] = []
    threshold: list[float | None] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []

    def grow(depth: int) -> int:
        index = len(feature)
        feature.append(0)
        threshold.append(None)
        left.append(-1)
        right.append(-1)
        value.append(0.0)
        if depth < 4 and draw(st.booleans()):
            feature[index] = draw(st.integers(0, columns - 1))
            threshold[index] = draw(st.floats(-2, 2))
            left[index] = grow(depth + 1)
            right[index] = grow(depth + 1)
        else:
            value[index] = draw(st.floats(-3, 3))
        return index

    grow(0)
    return {"feature": feature, "threshold": threshold, "left": left, "right": right,
            "value": value}


def _walk(tree: dict[str, Any], row: list[float]) -> float:
    node = 0
    while tree["left"][node] >= 0:
        goes_left = row[tree["feature"][node]] <= tree["threshold"][node]
        node = tree["left"][node] if goes_left else tree["right"][node]
    value: float = tree["value"][node]
    return value


@settings(max_examples=200)
@given(st.lists(trees(), min_size=1, max_size=5),
       st.lists(st.lists(st.floats(-3, 3), min_size=3, max_size=3), max_size=8),
       st.floats(-1, 1))
def test_decision_equals_walking_each_tree(
    forest: list[dict[str, Any]], rows: list[list[float]], baseline: float
) -> None:
    model = Forest.from_dict({"baseline": baseline, "trees": forest})
    expected = [baseline + sum(_walk(tree, row) for tree in forest) for row in rows]
    got = model.decision(np.array(rows, dtype=np.float64).reshape(len(rows), 3))
    assert got.tolist() == pytest.approx(expected)


def test_an_empty_forest_gives_its_baseline() -> None:
    forest = Forest.from_dict({"baseline": -0.25, "trees": []})
    assert forest.decision(np.zeros((2, 3))).tolist() == [-0.25, -0.25]
    assert forest.columns() == set()


def test_a_huge_page_is_scored_in_pieces_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cleannews.lines import trees

    forest = Forest.from_dict({"baseline": 0.0, "trees": [
        {"feature": [0, 0, 0], "threshold": [0.5, None, None], "left": [1, -1, -1],
         "right": [2, -1, -1], "value": [0.0, -1.0, 1.0]}]})
    rows = np.linspace(0, 1, 25).reshape(25, 1)
    whole = forest.decision(rows)
    monkeypatch.setattr(trees, "CHUNK_ROWS", 4)
    assert forest.decision(rows).tolist() == whole.tolist()
