"""Vectorised neighbourhood arithmetic over a page's lines (numpy arrays, one row per line).

The classifier's context features are sums, extremes and distances over windows of
neighbouring lines. Computed line by line in Python they cost more than the rest of the
classifier together; here each is a handful of whole-page array operations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "Bools",
    "Floats",
    "distances_to",
    "run_lengths",
    "run_sums",
    "set_columns",
    "shifted",
    "sigmoid",
    "text_blocks",
    "window_extremes",
    "window_sizes",
    "window_sums",
]

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Ints = NDArray[np.int64]

# Lines of text at most this many lines apart belong to one block: a block survives a
# picture credit, a subheading or a short box between its paragraphs, and a page's header
# and footer stand apart from it. (Both the features' main block and the smoothing stage's
# blocks use it; the shipped models were fitted with 6.)
BLOCK_GAP_LINES = 6


def set_columns(matrix: Floats, start: int, columns: Sequence[ArrayLike]) -> None:
    """Write ``columns`` (arrays, or scalars for a constant column) into ``matrix`` side by
    side from column ``start`` on: quicker than stacking them into a new matrix.

    >>> matrix = np.zeros((2, 3))
    >>> set_columns(matrix, 1, (1.0, np.array([2.0, 3.0])))
    >>> matrix.tolist()
    [[0.0, 1.0, 2.0], [0.0, 1.0, 3.0]]
    """
    for offset, column in enumerate(columns):
        matrix[:, start + offset] = column


def distances_to(marks: NDArray[Any]) -> NDArray[np.int64]:
    """For each index, how far the nearest marked index is (len(marks) when none is).

    >>> distances_to(np.array([False, True, False, False])).tolist()
    [1, 0, 1, 2]
    >>> distances_to(np.array([False, False])).tolist()
    [2, 2]
    """
    total = len(marks)
    index = np.arange(total)
    marked = np.asarray(marks, dtype=bool)
    if not marked.any():
        return np.full(total, total, dtype=np.int64)
    before = np.maximum.accumulate(np.where(marked, index, -total - 1))
    after = np.minimum.accumulate(np.where(marked, index, 2 * total + 1)[::-1])[::-1]
    nearest = np.minimum(index - before, after - index)
    return np.minimum(nearest, total).astype(np.int64)


def window_sums(values: NDArray[Any], reach: int, include_self: bool = False) -> Floats:
    """Sum of ``values`` over the lines at most ``reach`` away (the line itself optional).

    ``values`` has one row per line: a vector, or a matrix whose columns are summed apart.

    >>> window_sums(np.array([1.0, 2.0, 4.0, 8.0]), 1).tolist()
    [2.0, 5.0, 10.0, 4.0]
    >>> window_sums(np.array([[1.0, 0.0], [2.0, 1.0]]), 1).tolist()
    [[2.0, 1.0], [1.0, 0.0]]
    """
    values = np.asarray(values, dtype=np.float64)
    total = len(values)
    sums = np.zeros((total + 1, *values.shape[1:]))
    np.cumsum(values, axis=0, out=sums[1:])
    index = np.arange(total)
    low = np.maximum(index - reach, 0)
    high = np.minimum(index + reach + 1, total)
    result: Floats = sums[high] - sums[low]
    if not include_self:
        result -= values
    return result


def window_sizes(total: int, reach: int, include_self: bool = False) -> NDArray[np.int64]:
    """How many lines each window of :func:`window_sums` holds.

    >>> window_sizes(4, 1).tolist()
    [1, 2, 2, 1]
    """
    index = np.arange(total)
    sizes = np.minimum(index + reach + 1, total) - np.maximum(index - reach, 0)
    return sizes if include_self else sizes - 1


def window_extremes(values: Floats, reach: int) -> tuple[Floats, Floats]:
    """Maximum and minimum of ``values`` over the other lines at most ``reach`` away.

    A line with no neighbour gets 0.0 for both.

    >>> [x.tolist() for x in window_extremes(np.array([0.1, 0.9, 0.5]), 1)]
    [[0.9, 0.5, 0.9], [0.9, 0.1, 0.9]]
    """
    total = len(values)
    if total < 2:
        zeros = np.zeros(total)
        return zeros, zeros
    # One pass per offset over the page padded with NaN, which fmax and fmin pass over.
    padded = np.concatenate((np.full(reach, np.nan), values, np.full(reach, np.nan)))
    highs, lows = np.full(total, -np.inf), np.full(total, np.inf)
    for offset in (*range(reach), *range(reach + 1, 2 * reach + 1)):
        neighbours = padded[offset:offset + total]
        np.fmax(highs, neighbours, out=highs)
        np.fmin(lows, neighbours, out=lows)
    return highs, lows


def shifted(values: NDArray[Any], by: int, fill: float = 0.0) -> Floats:
    """``values`` moved ``by`` lines down (the previous line's value when ``by`` is 1).

    ``values`` has one row per line: a vector, or a matrix whose rows move together.

    >>> shifted(np.array([1.0, 2.0, 3.0]), 1).tolist(), shifted(np.array([1.0, 2.0]), -1).tolist()
    ([0.0, 1.0, 2.0], [2.0, 0.0])
    """
    total = len(values)
    result = np.full(np.shape(values), fill, dtype=np.float64)
    if by >= 0:
        result[by:] = values[: max(total - by, 0)]
    else:
        result[: max(total + by, 0)] = values[-by:]
    return result


def run_lengths(marks: Bools) -> NDArray[np.int64]:
    """For each line, the length of the run of marked lines it is in (0 if unmarked).

    >>> run_lengths(np.array([True, True, False, True])).tolist()
    [2, 2, 0, 1]
    """
    marked = np.asarray(marks, dtype=bool)
    if not len(marked):
        return np.zeros(0, dtype=np.int64)
    edges = np.flatnonzero(np.diff(np.concatenate(([False], marked, [False])).astype(np.int8)))
    starts, ends = edges[::2], edges[1::2]
    lengths = ends - starts
    # Each run's length at its start, minus the same at its end: a cumulative sum spreads it.
    steps = np.zeros(len(marked) + 1, dtype=np.int64)
    np.add.at(steps, starts, lengths)
    np.add.at(steps, ends, -lengths)
    runs = np.cumsum(steps)[:-1]
    return np.where(marked, runs, 0)


def run_sums(marks: Bools, values: Floats) -> Floats:
    """For each line, the sum of ``values`` over the run of marked lines it is in (0.0 if
    unmarked).

    >>> run_sums(np.array([True, True, False, True]), np.array([0.5, 0.25, 9.0, 1.0])).tolist()
    [0.75, 0.75, 0.0, 1.0]
    """
    marked = np.asarray(marks, dtype=bool)
    result = np.zeros(len(marked))
    if not marked.any():
        return result
    run = np.cumsum(marked & ~np.concatenate(([False], marked[:-1]))) - 1
    sums = np.bincount(run[marked], weights=np.asarray(values)[marked])
    result[marked] = sums[run[marked]]
    return result


def sigmoid(values: Floats) -> Floats:
    """The logistic function, without overflow for large negative inputs.

    >>> sigmoid(np.array([0.0, -1000.0, 1000.0])).tolist()
    [0.5, 0.0, 1.0]
    """
    exp = np.exp(-np.abs(values))
    return np.where(values >= 0, 1.0 / (1.0 + exp), exp / (1.0 + exp))


def text_blocks(marks: Bools, words: Floats) -> tuple[Ints, Ints, Floats]:
    """The blocks the marked lines form (marked lines at most BLOCK_GAP_LINES apart): each
    block's first and last line, and the sum of ``words`` over its marked lines.

    >>> marks = np.array([True, False, True] + [False] * 7 + [True])
    >>> first, last, words = text_blocks(marks, np.arange(11.0))
    >>> first.tolist(), last.tolist(), words.tolist()
    ([0, 10], [2, 10], [2.0, 10.0])
    >>> [array.tolist() for array in text_blocks(np.zeros(3, dtype=bool), np.ones(3))]
    [[], [], []]
    """
    positions = np.flatnonzero(marks)
    if not len(positions):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    # A new block starts where the gap to the previous marked line is too wide.
    starts = np.flatnonzero(np.diff(positions, prepend=-BLOCK_GAP_LINES - 2) > BLOCK_GAP_LINES)
    ends = np.append(starts[1:], len(positions)) - 1
    block_words: Floats = np.add.reduceat(words[positions], starts)
    return positions[starts].astype(np.int64), positions[ends].astype(np.int64), block_words
