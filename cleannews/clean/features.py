"""Numeric features of each line in its page, for the learned line classifier.

Every feature is language-independent in shape (lengths, punctuation, digits, case,
position, neighbours, repetition); the one word-based feature, stop-word density, uses a
union of many languages' stop words so it works without knowing the page's language.
Feature names are stable: the model file refers to them by name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from cleannews.clean import patterns, rules

__all__ = ["FEATURE_NAMES", "RULE_NAMES", "line_features"]

# Rule verdicts the classifier sees as features of a line and its neighbours.
RULE_NAMES = ("navigation", "title", "date_line", "byline", "reaction_counter", "link_farm")

_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^\s*(?:[*\-+•·▪►▶◦‣]|\d{1,3}[.)]|o\s)\s*")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b|@\w")
_PIPE_LIKE = re.compile(r"\s[|·•/]\s")
# Window (lines each side) for the neighbourhood averages.
CONTEXT_LINES = 3

_BASE_NAMES = (
    "bias", "log_chars", "log_words", "short_1", "short_3", "short_6", "long_20", "long_40",
    "ends_sentence", "ends_period", "ends_colon", "has_comma", "bullet", "heading", "digits",
    "upper_start_share", "stopword_share", "no_stopwords", "cjk_share", "punct_share",
    "urlish", "pipes", "repeated", "body_like", "rel_length", "position", "before_first_body",
    "after_last_body", "body_distance",
)
_CONTEXT_NAMES = ("prev_body_like", "next_body_like", "prev_log_words", "next_log_words",
                  "window_body_share", "window_mean_log_words", "prev_bullet", "next_bullet",
                  "window_rule_share")
FEATURE_NAMES: tuple[str, ...] = (
    _BASE_NAMES + _CONTEXT_NAMES + tuple(f"rule_{n}" for n in RULE_NAMES)
    + tuple(f"near_{n}" for n in RULE_NAMES)
)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from cleannews.clean.stopwords import STOP_WORDS

    return STOP_WORDS


def _base(text: str, counts: Counter[str]) -> dict[str, float]:
    stop_words = _stop_words()
    bare = rules.bare(text)
    tokens = _WORD.findall(bare.lower())
    words = rules.word_count(bare)
    chars = len(bare)
    cjk = sum(1 for ch in bare if rules._is_cjk(ch))
    last = bare[-1:] if bare else ""
    upper = sum(1 for t in _WORD.findall(bare) if t[:1].isupper())
    stop = sum(1 for t in tokens if t in stop_words)
    punct = sum(1 for ch in bare if not ch.isalnum() and not ch.isspace())
    return {
        "bias": 1.0,
        "log_chars": math.log1p(chars),
        "log_words": math.log1p(words),
        "short_1": float(words <= 1),
        "short_3": float(words <= 3),
        "short_6": float(words <= 6),
        "long_20": float(words >= 20),
        "long_40": float(words >= 40),
        "ends_sentence": float(bool(last) and last in patterns.SENTENCE_END),
        "ends_period": float(last in {".", "。"}),
        "ends_colon": float(text.rstrip()[-1:] in {":", "："}),
        "has_comma": float("," in bare or "、" in bare or "，" in bare),
        "bullet": float(bool(_BULLET.match(text))),
        "heading": float(bool(_HEADING.match(text))),
        "digits": sum(ch.isdigit() for ch in bare) / chars if chars else 0.0,
        "upper_start_share": upper / len(tokens) if tokens else 0.0,
        "stopword_share": stop / len(tokens) if tokens else 0.0,
        "no_stopwords": float(stop == 0 and cjk == 0),
        "cjk_share": cjk / chars if chars else 0.0,
        "punct_share": punct / chars if chars else 0.0,
        "urlish": float(bool(_URLISH.search(bare))),
        "pipes": float(bool(_PIPE_LIKE.search(bare))),
        "repeated": float(counts[bare] > 1),
        "body_like": float(rules.looks_like_body(text)),
    }


def line_features(texts: Sequence[str], rule_reasons: Sequence[str | None]) -> list[list[float]]:
    """Return one feature vector (ordered as :data:`FEATURE_NAMES`) per line."""
    counts = Counter(rules.bare(t) for t in texts)
    base = [_base(t, counts) for t in texts]
    total = len(texts)
    body_positions = [i for i, b in enumerate(base) if b["body_like"]]
    first_body = body_positions[0] if body_positions else total
    last_body = body_positions[-1] if body_positions else -1
    max_log_words = max((b["log_words"] for b in base), default=1.0) or 1.0
    nearest = _distance_to_nearest(body_positions, total)
    vectors: list[list[float]] = []
    for index, features in enumerate(base):
        features["rel_length"] = features["log_words"] / max_log_words
        features["position"] = index / total
        features["before_first_body"] = float(index < first_body)
        features["after_last_body"] = float(index > last_body)
        features["body_distance"] = math.log1p(nearest[index])
        previous = base[index - 1] if index > 0 else None
        following = base[index + 1] if index + 1 < total else None
        features["prev_body_like"] = previous["body_like"] if previous else 0.0
        features["next_body_like"] = following["body_like"] if following else 0.0
        features["prev_log_words"] = previous["log_words"] if previous else 0.0
        features["next_log_words"] = following["log_words"] if following else 0.0
        features["prev_bullet"] = previous["bullet"] if previous else 0.0
        features["next_bullet"] = following["bullet"] if following else 0.0
        low, high = max(0, index - CONTEXT_LINES), min(total, index + CONTEXT_LINES + 1)
        window = [base[i] for i in range(low, high) if i != index]
        size = len(window) or 1
        features["window_body_share"] = sum(b["body_like"] for b in window) / size
        features["window_mean_log_words"] = sum(b["log_words"] for b in window) / size
        window_rules = [rule_reasons[i] for i in range(low, high) if i != index]
        features["window_rule_share"] = sum(r is not None for r in window_rules) / size
        reason = rule_reasons[index]
        for name in RULE_NAMES:
            features[f"rule_{name}"] = float(reason == name)
            features[f"near_{name}"] = float(name in window_rules)
        vectors.append([features[name] for name in FEATURE_NAMES])
    return vectors


def _distance_to_nearest(positions: Sequence[int], total: int) -> list[int]:
    """For each line, how many lines away the nearest body-like line is."""
    distances = [total] * total
    for position in positions:
        distances[position] = 0
    for index in range(1, total):
        distances[index] = min(distances[index], distances[index - 1] + 1)
    for index in range(total - 2, -1, -1):
        distances[index] = min(distances[index], distances[index + 1] + 1)
    return distances
