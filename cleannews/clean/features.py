"""Numeric features of each line in its page, for the learned line classifier.

Every feature is language-independent in shape (lengths, punctuation, digits, case,
indentation, position, neighbours, repetition); the one word-based feature, stop-word
density, uses a union of many languages' stop words so it works without knowing the
page's language. Feature names are stable: the model file refers to them by name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from cleannews.clean import patterns, rules
from cleannews.clean.lines import SourceLine
from cleannews.clean.stopwords import STOP_WORDS

__all__ = ["FEATURE_NAMES", "RULE_NAMES", "distances_to", "line_features"]

# Rule verdicts the classifier sees as features of a line's neighbourhood.
RULE_NAMES = (
    "navigation", "title", "date_line", "byline", "reaction_counter", "tagline", "photo_credit",
    "comment", "cookie_notice", "duplicate", "link_farm",
)

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_WORD_START = re.compile(r"\b\w")
_BULLET = re.compile(r"^(?:[*\-+•·▪►▶◦‣]|\d{1,3}[.)]|o\s)\s*")
_HEADING = re.compile(r"^#{1,6}\s")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b|@\w")
_PIPE_LIKE = re.compile(r"\s[|·•/]\s")
_SENTENCE_END = frozenset(patterns.SENTENCE_END)
# Lines each side for the neighbourhood averages.
CONTEXT_LINES = 3
# A line of at most this many words counts as short (menu items, labels).
SHORT_WORDS = 4
# A page whose long lines have fewer stop words than this is in a language the stop-word
# lists do not cover; its lines' stop-word features are then left neutral.
MIN_PAGE_STOPWORD_SHARE = 0.05
# Lines at least this long tell the page's typical stop-word share.
PROSE_WORDS = 10
# An end marker (share bar, comments heading) ends the article only once at least this
# share of the page's prose came before it; earlier ones are in the page header.
END_MARKER_MIN_PROSE_BEFORE = 0.5
_END_MARKERS = frozenset(patterns.END_MARKERS)
_BOILERPLATE_WORDS = patterns.BOILERPLATE_WORDS
_COUNT = re.compile(r"[\d()\[\]]+")
# Body-like lines at most this many lines apart belong to one block of text.
BLOCK_GAP_LINES = 6

_NOTHING_NEAR = [0.0] * len(RULE_NAMES)
# Share of capitalised words in English prose on the development pages is about this.
CASELESS_UPPER_SHARE = 0.15
# Per-line features, computed from the line alone (plus page-wide counts).
_LINE_NAMES = (
    "bias", "log_chars", "log_words", "short_1", "short_2", "short_3", "short_6", "long_10",
    "long_20", "long_40", "long_80",
    "ends_sentence", "ends_period", "ends_colon", "has_comma", "bullet", "heading", "digits",
    "upper_start_share", "stopword_share", "no_stopwords", "script_mismatch", "punct_share",
    "urlish", "pipes", "repeated", "body_like", "boilerplate_words", "copyright_sign",
)
# Index of each per-line feature in its tuple.
_L = {name: index for index, name in enumerate(_LINE_NAMES)}
_BODY_LIKE, _LOG_WORDS = _L["body_like"], _L["log_words"]
_BULLET_AT, _ENDS_SENTENCE = _L["bullet"], _L["ends_sentence"]
# Features of the line in its page.
_PAGE_NAMES = (
    "rel_length", "position", "before_first_body", "after_last_body", "body_distance",
    "in_main_block", "main_block_distance", "indent_is_body_indent", "indent_deeper",
    "indent_shallower", "short_run", "word_share", "is_end_marker", "after_end_marker",
)
# The lines' link share (SourceLine.link_share) is not a feature yet: the development dumps
# hide links, so a model could only learn its weight from a handful of lines.
_CONTEXT_NAMES = (
    "prev_body_like", "next_body_like", "prev_log_words", "next_log_words",
    "window_body_share", "window_mean_log_words", "prev_bullet", "next_bullet",
    "window_rule_share", "prev_ends_sentence", "next_ends_sentence",
)
FEATURE_NAMES: tuple[str, ...] = (
    _LINE_NAMES + _PAGE_NAMES + _CONTEXT_NAMES + tuple(f"near_{n}" for n in RULE_NAMES)
)


@lru_cache(maxsize=rules.CACHE_LINES)
def _line_features(text: str) -> tuple[float, ...]:
    """Features of a line on its own; ``repeated`` is filled in by the caller."""
    bare = rules.bare(text)
    lowered = bare.lower()
    tokens = _WORD.findall(bare)
    lowered_tokens = _WORD.findall(lowered)
    chars = len(bare) or 1
    cjk = len(rules.CJK.findall(bare))
    words = len(tokens) + cjk  # a CJK run is a token; its characters count as words
    last = bare[-1:] or " "
    firsts = _WORD_START.findall(bare)  # the first character of every token
    upper = sum(map(str.isupper, firsts))
    cased = upper + sum(map(str.islower, firsts))
    stop = sum(map(STOP_WORDS.__contains__, lowered_tokens))
    furniture = sum(map(_BOILERPLATE_WORDS.__contains__, lowered_tokens))
    digits = len(_DIGIT.findall(bare))
    letters = sum(map(len, tokens))
    punct = chars - letters - bare.count(" ")
    n_tokens = len(tokens) or 1
    return (
        1.0,
        math.log1p(len(bare)),
        math.log1p(words),
        float(words <= 1),
        float(words <= 2),
        float(words <= 3),
        float(words <= 6),
        float(words >= 10),
        float(words >= 20),
        float(words >= 40),
        float(words >= 80),
        float(last in _SENTENCE_END),
        float(last in ".。"),
        float(text[-1] in ":："),
        float("," in bare or "、" in bare or "，" in bare),
        float(bool(_BULLET.match(text))),
        float(bool(_HEADING.match(text))),
        digits / chars,
        # Scripts without case (CJK, Arabic, Hebrew, Thai...) get a typical prose value.
        upper / cased if cased else CASELESS_UPPER_SHARE,
        stop / n_tokens,
        float(stop == 0 and cjk == 0),
        cjk / chars,
        max(punct, 0) / chars,
        float(bool(_URLISH.search(bare))),
        float(bool(_PIPE_LIKE.search(bare))),
        0.0,  # repeated
        float(rules.looks_like_body(text)),
        furniture / n_tokens,
        float("©" in bare or "(c)" in lowered),
    )


def distances_to(marks: Sequence[bool]) -> list[int]:
    """For each index, how far the nearest marked index is (len(marks) when none is).

    >>> distances_to([False, True, False, False])
    [1, 0, 1, 2]
    """
    total = len(marks)
    distances = [0 if mark else total for mark in marks]
    for index in range(1, total):
        if distances[index - 1] + 1 < distances[index]:
            distances[index] = distances[index - 1] + 1
    for index in range(total - 2, -1, -1):
        if distances[index + 1] + 1 < distances[index]:
            distances[index] = distances[index + 1] + 1
    return distances


def _main_block(body: Sequence[bool], words: Sequence[float]) -> tuple[int, int]:
    """The span of the block of body-like lines with the most words ((0, -1) if none)."""
    best, best_words = (0, -1), -1.0
    start = last = None
    block_words = 0.0
    for index, is_body in enumerate(body):
        if not is_body:
            continue
        if last is None or index - last > BLOCK_GAP_LINES:
            if start is not None and last is not None and block_words > best_words:
                best, best_words = (start, last), block_words
            start, block_words = index, 0.0
        block_words += words[index]
        last = index
    if start is not None and last is not None and block_words > best_words:
        best = (start, last)
    return best


def _end_of_article(
    end_markers: Sequence[bool], body: Sequence[bool], words: Sequence[float]
) -> int:
    """Index of the first end marker after most of the page's prose (len if none)."""
    prose_total = sum(w for w, is_body in zip(words, body, strict=True) if is_body)
    prose_before = 0.0
    for index, is_marker in enumerate(end_markers):
        if is_marker and prose_total and prose_before / prose_total >= END_MARKER_MIN_PROSE_BEFORE:
            return index
        if body[index]:
            prose_before += words[index]
    return len(end_markers)


def _short_runs(short: Sequence[bool]) -> list[int]:
    """For each line, the length of the run of consecutive short lines it is in (0 if long)."""
    runs = [0] * len(short)
    index = 0
    while index < len(short):
        if not short[index]:
            index += 1
            continue
        end = index
        while end < len(short) and short[end]:
            end += 1
        for position in range(index, end):
            runs[position] = end - index
        index = end
    return runs


def line_features(
    lines: Sequence[SourceLine], rule_reasons: Sequence[str | None]
) -> list[list[float]]:
    """Return one feature vector (ordered as :data:`FEATURE_NAMES`) per line."""
    texts = [line.text for line in lines]
    indents = [line.indent for line in lines]
    total = len(texts)
    if not total:
        return []
    counts = Counter(texts)
    base = [_line_features(t) for t in texts]
    body = [b[_L["body_like"]] > 0 for b in base]
    log_words = [b[_L["log_words"]] for b in base]
    words = [math.expm1(x) for x in log_words]
    total_words = sum(words) or 1.0
    body_positions = [i for i, is_body in enumerate(body) if is_body]
    first_body = body_positions[0] if body_positions else total
    last_body = body_positions[-1] if body_positions else -1
    max_log_words = max(log_words) or 1.0
    nearest_body = distances_to(body)
    main_start, main_end = _main_block(body, words)
    body_indents = Counter(indents[i] for i in body_positions)
    body_indent = body_indents.most_common(1)[0][0] if body_indents else -1
    short_runs = _short_runs([w <= SHORT_WORDS for w in words])
    ruled = [r is not None for r in rule_reasons]
    stop_at, none_at, repeated_at = _L["stopword_share"], _L["no_stopwords"], _L["repeated"]
    cjk_at = _L["script_mismatch"]
    end_markers = [
        _COUNT.sub("", rules.bare(t)).strip().lower() in _END_MARKERS
        or reason == "comment" or rules.is_link_farm_heading(t)
        for t, reason in zip(texts, rule_reasons, strict=True)
    ]
    end_of_article = _end_of_article(end_markers, body, words)
    prose = [b for b, w in zip(base, words, strict=True) if w >= PROSE_WORDS]
    page_stop_share = sum(b[stop_at] for b in prose) / len(prose) if prose else 0.0
    page_cjk_share = sum(b[cjk_at] for b in prose) / len(prose) if prose else 0.0
    vectors: list[list[float]] = []
    for index, raw_line in enumerate(base):
        # Stop-word density relative to the page's own prose, so pages in a language
        # the lists know little of are not taken for boilerplate.
        line = list(raw_line)
        line[repeated_at] = float(counts[texts[index]] > 1)
        # A line in another script than the page's prose is a language menu or a stray
        # widget; the script itself says nothing.
        line[cjk_at] = abs(raw_line[cjk_at] - page_cjk_share)
        if page_stop_share >= MIN_PAGE_STOPWORD_SHARE:
            line[stop_at] = min(raw_line[stop_at] / page_stop_share, 2.0)
        else:
            line[stop_at], line[none_at] = 1.0, 0.0
        indent = indents[index]
        if main_start <= index <= main_end:
            main_distance = 0
        else:
            main_distance = main_start - index if index < main_start else index - main_end
        page = (
            log_words[index] / max_log_words,
            index / total,
            float(index < first_body),
            float(index > last_body),
            math.log1p(nearest_body[index]),
            float(main_start <= index <= main_end),
            math.log1p(max(main_distance, 0)),
            float(indent == body_indent),
            float(body_indent >= 0 and indent > body_indent),
            float(body_indent >= 0 and indent < body_indent),
            math.log1p(short_runs[index]),
            words[index] / total_words,
            float(end_markers[index]),
            float(index > end_of_article),
        )
        previous = base[index - 1] if index > 0 else None
        following = base[index + 1] if index + 1 < total else None
        low, high = max(0, index - CONTEXT_LINES), min(total, index + CONTEXT_LINES + 1)
        size = high - low - 1 or 1
        window_body = sum(body[low:high]) - body[index]
        window_words = sum(log_words[low:high]) - log_words[index]
        window_rules = sum(ruled[low:high]) - ruled[index]
        if window_rules:
            nearby = set(rule_reasons[low:index]) | set(rule_reasons[index + 1:high])
            near = [1.0 if name in nearby else 0.0 for name in RULE_NAMES]
        else:
            near = _NOTHING_NEAR
        context = (
            previous[_BODY_LIKE] if previous else 0.0,
            following[_BODY_LIKE] if following else 0.0,
            previous[_LOG_WORDS] if previous else 0.0,
            following[_LOG_WORDS] if following else 0.0,
            window_body / size,
            window_words / size,
            previous[_BULLET_AT] if previous else 0.0,
            following[_BULLET_AT] if following else 0.0,
            window_rules / size,
            previous[_ENDS_SENTENCE] if previous else 0.0,
            following[_ENDS_SENTENCE] if following else 0.0,
        )
        line.extend(page)
        line.extend(context)
        line.extend(near)
        vectors.append(line)
    return vectors
