"""The vectorised window arithmetic equals the plain loops it replaces."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cleannews.lines.windows import (
    distances_to,
    run_lengths,
    shifted,
    sigmoid,
    window_extremes,
    window_sizes,
    window_sums,
)

VALUES = st.lists(st.floats(-50, 50, allow_nan=False), max_size=30)
MARKS = st.lists(st.booleans(), max_size=30)
REACH = st.integers(0, 6)


@given(MARKS)
def test_distances(marks: list[bool]) -> None:
    total = len(marks)
    expected = [min((abs(i - j) for j, m in enumerate(marks) if m), default=total)
                for i in range(total)]
    assert distances_to(np.array(marks, dtype=bool)).tolist() == expected


@given(VALUES, REACH, st.booleans())
def test_window_sums_and_sizes(values: list[float], reach: int, include_self: bool) -> None:
    array = np.array(values, dtype=np.float64)
    sums = window_sums(array, reach, include_self)
    sizes = window_sizes(len(values), reach, include_self)
    for i in range(len(values)):
        window = [values[j] for j in range(max(0, i - reach), min(len(values), i + reach + 1))
                  if include_self or j != i]
        assert abs(sums[i] - sum(window)) < 1e-9
        assert sizes[i] == len(window)


@given(VALUES, st.integers(1, 6))
def test_window_extremes(values: list[float], reach: int) -> None:
    highs, lows = window_extremes(np.array(values, dtype=np.float64), reach)
    for i in range(len(values)):
        others = [values[j] for j in range(max(0, i - reach), min(len(values), i + reach + 1))
                  if j != i] or [0.0]
        assert (highs[i], lows[i]) == (max(others), min(others))


@given(VALUES, st.integers(-4, 4))
def test_shifted(values: list[float], by: int) -> None:
    moved = shifted(np.array(values, dtype=np.float64), by, fill=-1.0).tolist()
    assert moved == [values[i - by] if 0 <= i - by < len(values) else -1.0
                     for i in range(len(values))]


@given(MARKS)
def test_run_lengths(marks: list[bool]) -> None:
    expected = []
    for i, mark in enumerate(marks):
        if not mark:
            expected.append(0)
            continue
        start, end = i, i
        while start > 0 and marks[start - 1]:
            start -= 1
        while end + 1 < len(marks) and marks[end + 1]:
            end += 1
        expected.append(end - start + 1)
    assert run_lengths(np.array(marks, dtype=bool)).tolist() == expected


@given(VALUES)
def test_sigmoid_is_the_logistic_function(values: list[float]) -> None:
    result = sigmoid(np.array(values, dtype=np.float64))
    assert np.allclose(result, [1 / (1 + np.exp(-v)) for v in values])
