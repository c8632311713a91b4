"""Boosted decision trees, evaluated for all lines and all trees at once with numpy.

The classifier's smoothing stage blends its logistic regression with a forest of small
trees fitted by gradient boosting (``python -m cleannews.train``; scikit-learn is needed
there, not here). A forest is stored as flat arrays over all its nodes; a leaf points to
itself and never fails its test, so walking ``depth`` steps from the roots lands every line
on a leaf of every tree, whatever depth the leaf is at.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cleannews.clean.windows import Floats

__all__ = ["Forest"]

Ints = NDArray[np.int64]
# Rows scored at once; a page with more lines is scored in pieces of this size.
CHUNK_ROWS = 16384


@dataclass(frozen=True, eq=False)
class Forest:
    """A sum of regression trees, plus a baseline, over the columns of a feature matrix.

    At a node, a line whose value in column ``feature`` is at most ``threshold`` goes
    ``left``, otherwise ``right``.
    """

    feature: Ints
    threshold: Floats
    left: Ints
    right: Ints
    value: Floats  # a leaf's contribution (0 at inner nodes)
    roots: Ints
    depth: int
    baseline: float

    def decision(self, rows: Floats) -> Floats:
        """The forest's raw score (a logit) for each row of ``rows``.

        >>> stump = Forest.from_dict({"baseline": 0.5, "trees": [
        ...     {"feature": [1, 0, 0], "threshold": [2.0, None, None], "left": [1, -1, -1],
        ...      "right": [2, -1, -1], "value": [0.0, -1.0, 1.0]}]})
        >>> stump.decision(np.array([[1.0, 0.0], [1.0, 3.0]])).tolist()
        [-0.5, 1.5]
        """
        total = len(rows)
        if not total or not len(self.roots):
            return np.full(total, self.baseline)
        if total > CHUNK_ROWS:  # a huge page: bound the (lines x trees) work arrays
            return np.concatenate([self.decision(rows[start:start + CHUNK_ROWS])
                                   for start in range(0, total, CHUNK_ROWS)])
        node = np.broadcast_to(self.roots, (total, len(self.roots)))
        line = np.arange(total)[:, None]
        for _ in range(self.depth):
            goes_left = rows[line, self.feature[node]] <= self.threshold[node]
            node = np.where(goes_left, self.left[node], self.right[node])
        scores: Floats = self.baseline + self.value[node].sum(axis=1)
        return scores

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Forest:
        """Build a forest from its JSON form: a baseline and trees of parallel node lists.

        In a tree's lists, children are indices within the tree, -1 at a leaf, and a
        leaf's threshold is null.
        """
        features: list[int] = []
        thresholds: list[float] = []
        lefts: list[int] = []
        rights: list[int] = []
        values: list[float] = []
        roots: list[int] = []
        depth = 0
        for tree in data["trees"]:
            offset = len(features)
            roots.append(offset)
            size = len(tree["feature"])
            for index in range(size):
                leaf = tree["left"][index] < 0
                features.append(0 if leaf else int(tree["feature"][index]))
                thresholds.append(math.inf if leaf else float(tree["threshold"][index]))
                lefts.append(offset + (index if leaf else int(tree["left"][index])))
                rights.append(offset + (index if leaf else int(tree["right"][index])))
                values.append(float(tree["value"][index]) if leaf else 0.0)
            depth = max(depth, _depth(tree["left"], tree["right"]))
        return cls(
            np.array(features, dtype=np.int64), np.array(thresholds, dtype=np.float64),
            np.array(lefts, dtype=np.int64), np.array(rights, dtype=np.int64),
            np.array(values, dtype=np.float64), np.array(roots, dtype=np.int64), depth,
            float(data["baseline"]),
        )

    def columns(self) -> set[int]:
        """The feature columns the forest tests."""
        inner = self.left != np.arange(len(self.left))
        return set(self.feature[inner].tolist())


def _depth(lefts: Sequence[int], rights: Sequence[int]) -> int:
    """Edges from the root of a tree to its deepest leaf."""
    deepest, stack = 0, [(0, 0)]
    while stack:
        node, level = stack.pop()
        if lefts[node] < 0:
            deepest = max(deepest, level)
        else:
            stack += [(lefts[node], level + 1), (rights[node], level + 1)]
    return deepest
