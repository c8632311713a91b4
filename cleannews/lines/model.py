"""The learned line classifier: stacked logistic regressions, vectorised inference.

Stage one scores each line from its own features and its neighbours'
(:mod:`cleannews.lines.features`). Each later stage smooths: it rescores each line from
its features, its previous score and the scores of the lines around it (and the blocks of
text they form), so a short line between two body paragraphs is kept and a headline-like
line inside a run of headlines is dropped. The weights are fitted by
``python tools/train.py`` and shipped as ``line_model.json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from numpy.typing import ArrayLike, NDArray

from cleannews.lines.features import FEATURE_NAMES, line_features
from cleannews.lines.split import SourceLine
from cleannews.lines.trees import Forest
from cleannews.lines.windows import (
    Bools,
    Floats,
    distances_to,
    run_lengths,
    run_sums,
    set_columns,
    shifted,
    sigmoid,
    text_blocks,
    window_extremes,
    window_sizes,
    window_sums,
)

__all__ = [
    "RULES_ONLY",
    "SMOOTHING_NAMES",
    "KeepAllModel",
    "LineModel",
    "ScoredLine",
    "SmoothingStage",
    "later_stage_logits",
    "line_words",
    "load_default_model",
    "load_flat_model",
    "smoothing_inputs",
    "stage_logits",
    "stage_one_logits",
]

MODEL_RESOURCE = "line_model.json"
FLAT_MODEL_RESOURCE = "flat_model.json"
_LOG_WORDS = FEATURE_NAMES.index("log_words")
_BULLET = FEATURE_NAMES.index("bullet")
# Lines each side whose stage-one scores the smoothing stage sees.
SMOOTHING_LINES = 2
SMOOTHING_NAMES: tuple[str, ...] = (
    "bias", "logit", *(f"logit_prev_{k}" for k in range(1, SMOOTHING_LINES + 1)),
    *(f"logit_next_{k}" for k in range(1, SMOOTHING_LINES + 1)),
    "window_mean_probability", "window_max_probability", "window_min_probability",
    "wide_mean_probability", "window_word_probability", "in_block", "block_distance",
    "block_share", "body_words_before", "body_words_after",
    "list_mean_probability", "list_log_items",
    # The line's own features again, so the second stage can weigh them against the context.
    *(f"line_{name}" for name in FEATURE_NAMES[1:]),
)
# How many of the strongest feature contributions ``--explain`` shows.
EXPLAIN_TOP = 3
# A pad logit for lines beyond the ends of the page: a confident "not body".
EDGE_LOGIT = -4.0
SMOOTHING_WINDOW = 5
# A wider window, for the density of body text around a line.
WIDE_WINDOW = 15


@dataclass(frozen=True, slots=True)
class ScoredLine:
    """The classifier's probability that a line is body text, with its main reasons."""

    probability: float
    explanation: str


def _blocks(liked: Bools, words: Floats) -> tuple[NDArray[np.int64], Floats]:
    """For each line, the number of the block of liked lines it is in (-1 if none), and
    each block's words (see :func:`~cleannews.lines.windows.text_blocks`)."""
    block_of = np.full(len(liked), -1, dtype=np.int64)
    firsts, lasts, block_words = text_blocks(liked, words)
    for number, (first, last) in enumerate(zip(firsts.tolist(), lasts.tolist(), strict=True)):
        block_of[first:last + 1] = number
    return block_of, block_words


def _list_runs(bullets: Bools, probabilities: Floats) -> tuple[Floats, Floats]:
    """For each line of a list (a run of list items), the list's mean probability and its
    number of items; a line outside lists gets its own probability and 0 items. A list of
    headlines is judged as one."""
    items = run_lengths(bullets).astype(np.float64)
    means = np.where(bullets, run_sums(bullets, probabilities) / np.maximum(items, 1),
                     probabilities)
    return means, items


def smoothing_inputs(logits: Floats, vectors: Floats) -> Floats:
    """Stage-two inputs (ordered as :data:`SMOOTHING_NAMES`) from stage-one logits.

    ``vectors`` are the lines' features (a matrix): blocks of text are weighed by their
    words, and the features themselves are passed on.
    """
    logits = np.asarray(logits, dtype=np.float64)
    total = len(logits)
    words = line_words(vectors)
    probabilities = sigmoid(logits)
    # Columns: probability, words, probability-weighted words; summed over one window.
    summed = np.empty((total, 3))
    summed[:, 0], summed[:, 1], summed[:, 2] = probabilities, words, probabilities * words
    sums = window_sums(summed, SMOOTHING_WINDOW, include_self=True)
    window, window_words, weighted = sums[:, 0] - probabilities, sums[:, 1], sums[:, 2]
    sizes = window_sizes(total, SMOOTHING_WINDOW)
    highs, lows = window_extremes(probabilities, SMOOTHING_WINDOW)
    wide = window_sums(probabilities, WIDE_WINDOW) / np.maximum(
        window_sizes(total, WIDE_WINDOW), 1)
    liked = probabilities >= 0.5
    liked_words = np.where(liked, words, 0.0)
    liked_total = float(liked_words.sum()) or 1.0
    liked_before = np.cumsum(liked_words) - liked_words
    liked_after = liked_total - np.cumsum(liked_words)
    block_of, block_words = _blocks(liked, words)
    in_block = block_of >= 0
    share = np.zeros(total)
    share[in_block] = block_words[block_of[in_block]] / (float(block_words.sum()) or 1.0)
    list_mean, list_items = _list_runs(vectors[:, _BULLET] > 0, probabilities)
    columns: tuple[ArrayLike, ...] = (
        1.0, logits,
        *(shifted(logits, k, EDGE_LOGIT) for k in range(1, SMOOTHING_LINES + 1)),
        *(shifted(logits, -k, EDGE_LOGIT) for k in range(1, SMOOTHING_LINES + 1)),
        np.where(sizes > 0, window / np.maximum(sizes, 1), 0.0), highs, lows, wide,
        np.divide(weighted, window_words, out=np.zeros(total), where=window_words != 0),
        in_block, np.log1p(distances_to(in_block)), share,
        liked_before / liked_total, liked_after / liked_total,
        list_mean, np.log1p(list_items),
    )
    rows = np.empty((total, len(SMOOTHING_NAMES)))
    set_columns(rows, 0, columns)
    rows[:, len(columns):] = vectors[:, 1:]
    return rows


def stage_logits(weights: Floats, rows: Floats, ruled: Bools) -> Floats:
    """A stage's logits; a line the rules dropped counts as confident boilerplate."""
    return np.where(ruled, EDGE_LOGIT, rows @ weights)


def stage_one_logits(
    weights: Sequence[float], vectors: Floats, rule_reasons: Sequence[str | None],
) -> Floats:
    """Stage-one logits; a line the rules dropped counts as confident boilerplate."""
    return stage_logits(np.asarray(weights), vectors, _ruled(rule_reasons, len(vectors)))


def _ruled(rule_reasons: Sequence[str | None], total: int) -> Bools:
    return np.fromiter((r is not None for r in rule_reasons), dtype=bool, count=total)


def line_words(vectors: Floats) -> Floats:
    """Each line's word count, recovered from its feature vector."""
    words: Floats = np.expm1(vectors[:, _LOG_WORDS])
    return words


def later_stage_logits(
    stage: SmoothingStage, logits: Floats, vectors: Floats, rule_reasons: Sequence[str | None],
) -> Floats:
    """Logits of a smoothing stage from the previous stage's logits."""
    rows = smoothing_inputs(logits, vectors)
    return stage.logits(rows, _ruled(rule_reasons, len(vectors)))


@dataclass(frozen=True, eq=False)
class SmoothingStage:
    """A smoothing stage: a logistic regression over :data:`SMOOTHING_NAMES`, its logit
    blended with a forest's when the stage has one (``forest_share`` of the forest's)."""

    weights: tuple[float, ...]
    forest: Forest | None = None
    forest_share: float = 0.0

    def logits(self, rows: Floats, ruled: Bools) -> Floats:
        """Each row's logit; a line the rules dropped counts as confident boilerplate."""
        logits = np.full(len(rows), EDGE_LOGIT)
        free = ~ruled
        scored = rows[free]
        linear = scored @ np.asarray(self.weights)
        if self.forest is not None and self.forest_share:
            linear = ((1.0 - self.forest_share) * linear
                      + self.forest_share * self.forest.decision(scored))
        logits[free] = linear
        return logits

    @classmethod
    def from_dict(cls, data: object) -> SmoothingStage:
        """Read a stage from its JSON form (see :meth:`LineModel.from_dict`)."""
        if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
            raise ValueError("model file: a smoothing stage must be an object with 'weights'")
        weights = data["weights"]
        forest = data.get("forest")
        if set(weights) != set(SMOOTHING_NAMES) or (
                forest is not None and forest.get("columns") != list(SMOOTHING_NAMES)):
            raise ValueError("model file does not match this version's features; retrain it")
        return cls(
            tuple(float(weights[n]) for n in SMOOTHING_NAMES),
            Forest.from_dict(forest) if forest is not None else None,
            float(data.get("forest_share", 0.5 if forest is not None else 0.0)),
        )


@dataclass(frozen=True, slots=True)
class LineModel:
    """Weights of every stage and the probability below which a line is dropped."""

    feature_weights: tuple[float, ...]
    smoothing: tuple[SmoothingStage, ...]
    threshold: float = 0.5

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> LineModel:
        """Build a model from its JSON form, checking it names the features this code has.

        ``features`` maps each of :data:`FEATURE_NAMES` to its stage-one weight;
        ``smoothing`` lists the later stages, each ``{"weights": {name: weight},
        "forest": {...}, "forest_share": 0.5}`` (the forest optional, see
        :meth:`Forest.from_dict`; its ``columns`` must be :data:`SMOOTHING_NAMES`).
        """
        features = data["features"]
        stages = data["smoothing"]
        if not isinstance(features, dict) or not isinstance(stages, list):
            raise ValueError("model file: 'features' must be an object, 'smoothing' a list")
        if set(features) != set(FEATURE_NAMES):
            raise ValueError("model file does not match this version's features; retrain it")
        threshold = data.get("threshold", 0.5)
        return cls(
            tuple(float(features[n]) for n in FEATURE_NAMES),
            tuple(SmoothingStage.from_dict(stage) for stage in stages),
            float(threshold) if isinstance(threshold, int | float) else 0.5,
        )

    def logits(
        self, vectors: Floats, rule_reasons: Sequence[str | None]
    ) -> tuple[Floats, Floats]:
        """The first stage's logits and the last stage's."""
        first = stage_one_logits(self.feature_weights, vectors, rule_reasons)
        logits = first
        for stage in self.smoothing:
            logits = later_stage_logits(stage, logits, vectors, rule_reasons)
        return first, logits

    def score_lines(
        self, lines: Sequence[SourceLine], rule_reasons: Sequence[str | None],
        explain: bool = False,
    ) -> list[ScoredLine]:
        """Score every line of a page; with ``explain``, name what weighed most."""
        if not lines:
            return []
        vectors = line_features(lines, rule_reasons)
        first, last = self.logits(vectors, rule_reasons)
        probabilities = sigmoid(last).tolist()
        if not explain:
            return [ScoredLine(p, "") for p in probabilities]
        return [
            ScoredLine(p, self._explain(vector.tolist(), final - own))
            for p, own, final, vector in zip(probabilities, first.tolist(), last.tolist(),
                                             vectors, strict=True)
        ]

    def _explain(self, vector: Sequence[float], context: float) -> str:
        """The line's strongest features, and how much its neighbours moved its score."""
        contributions = sorted(
            ((w * x, name) for w, x, name in zip(self.feature_weights, vector, FEATURE_NAMES,
                                                 strict=True) if name != "bias" and w * x),
            key=lambda pair: -abs(pair[0]),
        )[:EXPLAIN_TOP]
        parts = [f"{name}{value:+.2f}" for value, name in contributions]
        return " ".join([*parts, f"context{context:+.2f}"])


class KeepAllModel(LineModel):
    """Stand-in used when no model file is installed: keeps every line the rules keep."""

    def score_lines(
        self, lines: Sequence[SourceLine], rule_reasons: Sequence[str | None],
        explain: bool = False,
    ) -> list[ScoredLine]:
        return [ScoredLine(1.0, "") for _ in lines]


def _load(name: str) -> LineModel | None:
    resource = resources.files("cleannews.lines").joinpath(name)
    if not resource.is_file():
        return None
    return LineModel.from_dict(json.loads(resource.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def load_default_model() -> LineModel:
    """Load the model shipped with the package (once per process)."""
    return _load(MODEL_RESOURCE) or KeepAllModel((), (), 0.5)


@lru_cache(maxsize=1)
def load_flat_model() -> LineModel:
    """Load the model for pages flattened to one line (:func:`split.is_flat`), fitted on
    their sentences; the default model if none is shipped."""
    return _load(FLAT_MODEL_RESOURCE) or load_default_model()


# Used where only the explicit rules should judge (text that an extractor already chose).
RULES_ONLY: LineModel = KeepAllModel((), (), 0.5)
