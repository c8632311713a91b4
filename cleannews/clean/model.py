"""The learned line classifier: stacked logistic regressions, pure-Python inference.

Stage one scores each line from its own features and its neighbours'
(:mod:`cleannews.clean.features`). Each later stage smooths: it rescores each line from
its features, its previous score and the scores of the lines around it (and the blocks of
text they form), so a short line between two body paragraphs is kept and a headline-like
line inside a run of headlines is dropped. The weights are fitted by
``python -m cleannews.train`` and shipped as ``line_model.json``.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from cleannews.clean.features import FEATURE_NAMES, distances_to, line_features
from cleannews.clean.lines import SourceLine

__all__ = [
    "RULES_ONLY",
    "SMOOTHING_NAMES",
    "KeepAllModel",
    "LineModel",
    "ScoredLine",
    "later_stage_logits",
    "line_words",
    "load_default_model",
    "smoothing_inputs",
    "stage_one_logits",
]

MODEL_RESOURCE = "line_model.json"
_LOG_WORDS = FEATURE_NAMES.index("log_words")
# Lines each side whose stage-one scores the smoothing stage sees.
SMOOTHING_LINES = 2
SMOOTHING_NAMES: tuple[str, ...] = (
    "bias", "logit", *(f"logit_prev_{k}" for k in range(1, SMOOTHING_LINES + 1)),
    *(f"logit_next_{k}" for k in range(1, SMOOTHING_LINES + 1)),
    "window_mean_probability", "window_max_probability", "window_min_probability",
    "wide_mean_probability", "window_word_probability", "in_block", "block_distance",
    "block_share", "body_words_before", "body_words_after",
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
# Lines the first stage likes, at most this many lines apart, form one block of text.
BLOCK_GAP_LINES = 6


@dataclass(frozen=True, slots=True)
class ScoredLine:
    """The classifier's probability that a line is body text, with its main reasons."""

    probability: float
    explanation: str


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def _prefix_sums(values: Sequence[float]) -> list[float]:
    sums = [0.0]
    for value in values:
        sums.append(sums[-1] + value)
    return sums


def _blocks(liked: Sequence[bool], words: Sequence[float]) -> list[tuple[int, int, float]]:
    """Spans (first, last, words) of liked lines at most BLOCK_GAP_LINES apart."""
    blocks: list[tuple[int, int, float]] = []
    for index, is_liked in enumerate(liked):
        if not is_liked:
            continue
        if blocks and index - blocks[-1][1] <= BLOCK_GAP_LINES:
            first, _, total = blocks[-1]
            blocks[-1] = (first, index, total + words[index])
        else:
            blocks.append((index, index, words[index]))
    return blocks


def smoothing_inputs(
    logits: Sequence[float], vectors: Sequence[Sequence[float]]
) -> list[list[float]]:
    """Stage-two inputs (ordered as :data:`SMOOTHING_NAMES`) from stage-one logits.

    ``vectors`` are the lines' features: blocks of text are weighed by their words, and
    the features themselves are passed on.
    """
    total = len(logits)
    words = line_words(vectors)
    probabilities = [_sigmoid(x) for x in logits]
    prob_sums = _prefix_sums(probabilities)
    weighted_sums = _prefix_sums([p * w for p, w in zip(probabilities, words, strict=True)])
    word_sums = _prefix_sums(words)
    liked = [p >= 0.5 for p in probabilities]
    liked_word_sums = _prefix_sums([w if ok else 0.0 for w, ok in zip(words, liked, strict=True)])
    liked_words = liked_word_sums[-1] or 1.0
    blocks = _blocks(liked, words)
    block_words = sum(b[2] for b in blocks) or 1.0
    block_of = [-1] * total
    for number, (first, last, _) in enumerate(blocks):
        for index in range(first, last + 1):
            block_of[index] = number
    block_distance = distances_to([b >= 0 for b in block_of])
    rows = []
    for index, logit in enumerate(logits):
        row = [1.0, logit]
        row += [logits[index - k] if index - k >= 0 else EDGE_LOGIT
                for k in range(1, SMOOTHING_LINES + 1)]
        row += [logits[index + k] if index + k < total else EDGE_LOGIT
                for k in range(1, SMOOTHING_LINES + 1)]
        low, high = max(0, index - SMOOTHING_WINDOW), min(total, index + SMOOTHING_WINDOW + 1)
        window = probabilities[low:index] + probabilities[index + 1:high] or [0.0]
        wide_low, wide_high = max(0, index - WIDE_WINDOW), min(total, index + WIDE_WINDOW + 1)
        wide = (prob_sums[wide_high] - prob_sums[wide_low] - probabilities[index]) / max(
            wide_high - wide_low - 1, 1)
        window_words = word_sums[high] - word_sums[low]
        window_word_probability = (
            (weighted_sums[high] - weighted_sums[low]) / window_words if window_words else 0.0)
        block = block_of[index]
        share = blocks[block][2] / block_words if block >= 0 else 0.0
        row += [
            sum(window) / len(window), max(window), min(window), wide, window_word_probability,
            float(block >= 0), math.log1p(block_distance[index]), share,
            liked_word_sums[index] / liked_words,
            (liked_words - liked_word_sums[index + 1]) / liked_words,
        ]
        row += vectors[index][1:]
        rows.append(row)
    return rows


def stage_one_logits(
    weights: Sequence[float], vectors: Sequence[Sequence[float]],
    rule_reasons: Sequence[str | None],
) -> list[float]:
    """Stage-one logits; a line the rules dropped counts as confident boilerplate."""
    return [
        EDGE_LOGIT if reason is not None else sum(map(operator.mul, weights, v))
        for v, reason in zip(vectors, rule_reasons, strict=True)
    ]


def line_words(vectors: Sequence[Sequence[float]]) -> list[float]:
    """Each line's word count, recovered from its feature vector."""
    return [math.expm1(v[_LOG_WORDS]) for v in vectors]


def later_stage_logits(
    weights: Sequence[float], logits: Sequence[float], vectors: Sequence[Sequence[float]],
    rule_reasons: Sequence[str | None],
) -> list[float]:
    """Logits of a smoothing stage from the previous stage's logits."""
    rows = smoothing_inputs(logits, vectors)
    return [
        EDGE_LOGIT if reason is not None else sum(map(operator.mul, weights, row))
        for row, reason in zip(rows, rule_reasons, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class LineModel:
    """Weights of every stage and the probability below which a line is dropped."""

    feature_weights: tuple[float, ...]
    smoothing_weights: tuple[tuple[float, ...], ...]
    threshold: float = 0.5

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> LineModel:
        """Build a model from its JSON form, checking it names the features this code has."""
        features = data["features"]
        stages = data["smoothing"]
        if not isinstance(features, dict) or not isinstance(stages, list):
            raise ValueError("model file: 'features' must be an object, 'smoothing' a list")
        if set(features) != set(FEATURE_NAMES) or any(
            not isinstance(stage, dict) or set(stage) != set(SMOOTHING_NAMES) for stage in stages
        ):
            raise ValueError("model file does not match this version's features; retrain it")
        threshold = data.get("threshold", 0.5)
        return cls(
            tuple(float(features[n]) for n in FEATURE_NAMES),
            tuple(tuple(float(stage[n]) for n in SMOOTHING_NAMES) for stage in stages),
            float(threshold) if isinstance(threshold, int | float) else 0.5,
        )

    def logits(
        self, vectors: Sequence[Sequence[float]], rule_reasons: Sequence[str | None]
    ) -> tuple[list[float], list[float]]:
        """The first stage's logits and the last stage's."""
        first = stage_one_logits(self.feature_weights, vectors, rule_reasons)
        logits = first
        for weights in self.smoothing_weights:
            logits = later_stage_logits(weights, logits, vectors, rule_reasons)
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
        return [
            ScoredLine(_sigmoid(final), self._explain(vector, final - own) if explain else "")
            for own, final, vector in zip(first, last, vectors, strict=True)
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


@lru_cache(maxsize=1)
def load_default_model() -> LineModel:
    """Load the model shipped with the package (once per process)."""
    resource = resources.files("cleannews.clean").joinpath(MODEL_RESOURCE)
    if not resource.is_file():
        return KeepAllModel((), (), 0.5)
    return LineModel.from_dict(json.loads(resource.read_text(encoding="utf-8")))


# Used where only the explicit rules should judge (text that an extractor already chose).
RULES_ONLY: LineModel = KeepAllModel((), (), 0.5)
