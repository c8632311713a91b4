"""Boosted decision trees, evaluated for all lines and all trees at once with numpy.

The classifier's smoothing stage blends its logistic regression with a forest of small
trees fitted by gradient boosting (``python tools/train.py``; scikit-learn is needed
there, not here). A forest is stored as flat arrays over all its nodes; a leaf points to
itself and never fails its test, so walking ``depth`` steps from the roots lands every line
on a leaf of every tree, whatever depth the leaf is at. Each step is a few ``np.take``
gathers over 1-D arrays (quicker than indexing a matrix by rows and columns): the node's
column and threshold, the line's value in that column, and the child, stored in pairs so
that ``children[2 * node + goes_left]`` is the next node.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cleannews.lines.windows import Floats

__all__ = ["Forest"]

Ints = NDArray[np.int64]
# Rows scored at once; a page with more lines is scored in pieces of this size.
CHUNK_ROWS = 16384


@dataclass(frozen=True, eq=False)
class Forest:
    """A sum of regression trees, plus a baseline, over the columns of a feature matrix.

    At a node, a line whose value in column ``feature`` is at most ``threshold`` goes to
    its left child, ``children[2 * node + 1]``, otherwise to its right one,
    ``children[2 * node]``.
    """

    feature: Ints
    threshold: Floats
    children: Ints  # per node: right child, left child
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
        values = np.ascontiguousarray(rows, dtype=np.float64).ravel()
        row_start = (np.arange(total) * rows.shape[1])[:, None]
        node = np.broadcast_to(self.roots, (total, len(self.roots)))
        for _ in range(self.depth):
            column = np.take(self.feature, node)
            goes_left = np.take(values, row_start + column) <= np.take(self.threshold, node)
            node = np.take(self.children, 2 * node + goes_left)
        scores: Floats = self.baseline + np.take(self.value, node).sum(axis=1)
        return scores

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Forest:
        """Build a forest from its JSON form: a baseline and trees of parallel node lists.

        In a tree's lists, children are indices within the tree, -1 at a leaf, and a
        leaf's threshold is null.
        """
        features: list[int] = []
        thresholds: list[float] = []
        children: list[int] = []
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
                children.append(offset + (index if leaf else int(tree["right"][index])))
                children.append(offset + (index if leaf else int(tree["left"][index])))
                values.append(float(tree["value"][index]) if leaf else 0.0)
            depth = max(depth, _depth(tree["left"], tree["right"]))
        return cls(
            np.array(features, dtype=np.int64), np.array(thresholds, dtype=np.float64),
            np.array(children, dtype=np.int64), np.array(values, dtype=np.float64),
            np.array(roots, dtype=np.int64), depth,
            float(data["baseline"]),
        )

    def columns(self) -> set[int]:
        """The feature columns the forest tests."""
        inner = self.children[1::2] != np.arange(len(self.feature))
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
