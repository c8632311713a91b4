"""The learned line classifier: stacked logistic regressions, vectorised inference.

Stage one scores each line from its own features and its neighbours'
(:mod:`cleannews.lines.features`). Each later stage smooths: it rescores each line from
its features, its previous score and the scores of the lines around it (and the blocks of
text they form), so a short line between two body paragraphs is kept and a headline-like
line inside a run of headlines is dropped. The weights are fitted by
``python tools/train.py`` and shipped as ``line_model.json``.

Training and inference share one interface: the features
(:func:`~cleannews.lines.features.line_features`, named by :data:`FEATURE_NAMES`), the
smoothing stages' inputs (:func:`smoothing_inputs`, named by :data:`SMOOTHING_NAMES`),
a stage's logits (:func:`stage_logits`) and the :data:`FINGERPRINT` a model file carries.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from numpy.typing import ArrayLike, NDArray

from cleannews.errors import CleannewsError
from cleannews.lines import patterns, rules
from cleannews.lines.counts import PageCounts
from cleannews.lines.features import (
    CONTEXT_LINES,
    FEATURE_NAMES,
    RESUME_LINES,
    RESUME_WINDOW,
    RULE_NAMES,
    line_features,
)
from cleannews.lines.rules import Verdict
from cleannews.lines.split import SourceLine
from cleannews.lines.trees import Forest
from cleannews.lines.windows import (
    BLOCK_GAP_LINES,
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
    "FINGERPRINT",
    "FLAT_MODEL_RESOURCE",
    "MODEL_RESOURCE",
    "RULES_ONLY",
    "SMOOTHING_NAMES",
    "LineModel",
    "ModelFileError",
    "ScoredLine",
    "load_default_model",
    "load_flat_model",
    "ruled_lines",
    "smoothing_inputs",
    "stage_logits",
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


class ModelFileError(CleannewsError, ValueError):
    """A line or headline model file is missing, malformed, or fitted for other features."""


def fingerprint(spec: object) -> str:
    """A short digest of ``spec`` (JSON-serialisable): what a model file was fitted for.

    >>> fingerprint({"features": ["bias"]}) == fingerprint({"features": ["bias"]})
    True
    """
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def line_model_spec() -> dict[str, object]:
    """What the weights of a line model are for: the features and smoothing inputs by name,
    the rules whose verdicts the features see (with their size limits), and the settings
    that shape the features. A model file carries its :func:`fingerprint`
    (:data:`FINGERPRINT`); one fitted for anything else fails to load."""
    return {
        "features": FEATURE_NAMES,
        "smoothing": SMOOTHING_NAMES,
        "near_rules": RULE_NAMES,
        "line_rules": [[rule.reason.value, rule.name, rule.limit, rule.size.value]
                       for rule in rules.LINE_RULES],
        "bullet": patterns.BULLET_FEATURE.pattern,
        "windows": [CONTEXT_LINES, SMOOTHING_LINES, SMOOTHING_WINDOW, WIDE_WINDOW,
                    BLOCK_GAP_LINES],
        # how lines of unspaced scripts count words, and when an article resumes after a box
        "unspaced": [patterns.CJK.pattern, patterns.CJK_CHARS_PER_WORD,
                     patterns.UNSPACED_LETTERS.pattern, patterns.UNSPACED_LETTERS_PER_WORD,
                     patterns.COMBINING_MARKS],
        "resume": [RESUME_LINES, RESUME_WINDOW],
    }


FINGERPRINT = fingerprint(line_model_spec())


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
    words = _line_words(vectors)
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


def stage_logits(weights: ArrayLike, rows: Floats, ruled: Bools) -> Floats:
    """A regression stage's logits; a line the rules dropped counts as confident boilerplate."""
    return np.where(ruled, EDGE_LOGIT, rows @ np.asarray(weights))


def ruled_lines(verdicts: Sequence[Verdict | None]) -> Bools:
    """Which lines a rule dropped."""
    return np.fromiter((v is not None for v in verdicts), dtype=bool, count=len(verdicts))


def _line_words(vectors: Floats) -> Floats:
    """Each line's word count, recovered from its feature vector."""
    words: Floats = np.expm1(vectors[:, _LOG_WORDS])
    return words


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
            raise ModelFileError("model file: a smoothing stage must be an object with 'weights'")
        weights = data["weights"]
        forest = data.get("forest")
        if set(weights) != set(SMOOTHING_NAMES) or (
                forest is not None and forest.get("columns") != list(SMOOTHING_NAMES)):
            raise ModelFileError("model file does not match this version's features; retrain it")
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
        """Build a model from its JSON form, checking it was fitted for this code's features.

        ``fingerprint`` must be :data:`FINGERPRINT`; ``features`` maps each of
        :data:`FEATURE_NAMES` to its stage-one weight; ``smoothing`` lists the later stages,
        each ``{"weights": {name: weight}, "forest": {...}, "forest_share": 0.5}`` (the
        forest optional, see :meth:`Forest.from_dict`; its ``columns`` must be
        :data:`SMOOTHING_NAMES`). Raises :class:`ModelFileError` otherwise.
        """
        features = data.get("features")
        stages = data.get("smoothing")
        if not isinstance(features, dict) or not isinstance(stages, list):
            raise ModelFileError("model file: 'features' must be an object, 'smoothing' a list")
        if set(features) != set(FEATURE_NAMES):
            raise ModelFileError("model file does not match this version's features; retrain it")
        if data.get("fingerprint") != FINGERPRINT:
            raise ModelFileError(
                f"model file was fitted for other features or rules (fingerprint "
                f"{data.get('fingerprint')!r}, this version's {FINGERPRINT!r}); retrain it "
                "with tools/train.py")
        threshold = data.get("threshold", 0.5)
        return cls(
            tuple(float(features[n]) for n in FEATURE_NAMES),
            tuple(SmoothingStage.from_dict(stage) for stage in stages),
            float(threshold) if isinstance(threshold, int | float) else 0.5,
        )

    def logits(self, vectors: Floats, ruled: Bools) -> tuple[Floats, Floats]:
        """The first stage's logits and the last stage's, from the lines' features and
        which lines the rules dropped."""
        first = stage_logits(self.feature_weights, vectors, ruled)
        logits = first
        for stage in self.smoothing:
            logits = stage.logits(smoothing_inputs(logits, vectors), ruled)
        return first, logits

    def score_lines(
        self, lines: Sequence[SourceLine], verdicts: Sequence[Verdict | None],
        counts: PageCounts | None = None, explain: bool = False,
    ) -> list[ScoredLine]:
        """Score every line of a page (see :func:`line_features` for the arguments); with
        ``explain``, name what weighed most."""
        if not lines:
            return []
        vectors = line_features(lines, verdicts, counts)
        first, last = self.logits(vectors, ruled_lines(verdicts))
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


class _KeepAllModel(LineModel):
    """Keeps every line the rules keep: see :data:`RULES_ONLY`."""

    def score_lines(
        self, lines: Sequence[SourceLine], verdicts: Sequence[Verdict | None],
        counts: PageCounts | None = None, explain: bool = False,
    ) -> list[ScoredLine]:
        return [ScoredLine(1.0, "") for _ in lines]


def read_shipped(name: str) -> dict[str, object]:
    """The JSON of a model file shipped with the package; :class:`ModelFileError` if it is
    missing (a broken installation: cleaning without it would silently judge worse)."""
    resource = resources.files("cleannews.lines").joinpath(name)
    if not resource.is_file():
        raise ModelFileError(f"the model file {name} is missing from the installed cleannews "
                             "package; reinstall it")
    data: dict[str, object] = json.loads(resource.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def load_default_model() -> LineModel:
    """Load the model shipped with the package (once per process)."""
    return LineModel.from_dict(read_shipped(MODEL_RESOURCE))


@lru_cache(maxsize=1)
def load_flat_model() -> LineModel:
    """Load the model for pages flattened to one line (:func:`split.is_flat`), fitted on
    their sentences (once per process)."""
    return LineModel.from_dict(read_shipped(FLAT_MODEL_RESOURCE))


# Chosen explicitly where only the explicit rules should judge (text that an extractor
# already chose): it keeps every line the rules keep.
RULES_ONLY: LineModel = _KeepAllModel((), (), 0.5)
