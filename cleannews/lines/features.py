"""Numeric features of each line in its page, for the learned line classifier.

Every feature is language-independent in shape (lengths, punctuation, digits, case,
indentation, position, neighbours, repetition); the one word-based feature, stop-word
density, uses a union of many languages' stop words so it works without knowing the
page's language. Feature names are stable: the model file refers to them by name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from cleannews.lines import patterns, rules
from cleannews.lines.counts import (
    LineCounts,
    PageCounts,
    count_page,
    count_tokens_in,
    lines_matching,
)
from cleannews.lines.rules import DropReason, Verdict
from cleannews.lines.split import SourceLine
from cleannews.lines.stopwords import STOP_WORDS
from cleannews.lines.windows import (
    Bools,
    Floats,
    distances_to,
    run_lengths,
    set_columns,
    shifted,
    text_blocks,
    window_sizes,
    window_sums,
)

__all__ = ["FEATURE_NAMES", "RULE_NAMES", "RULE_REASONS", "line_features"]

# The rules' verdicts the classifier sees near a line: every reason but its own. Listed in
# the order of the shipped models' columns (tests/test_features.py checks they are exactly
# the rules' reasons; the model files' fingerprint, that they are what the models learnt).
RULE_REASONS: tuple[DropReason, ...] = (
    DropReason.NAVIGATION, DropReason.TITLE, DropReason.DATE_LINE, DropReason.BYLINE,
    DropReason.REACTION_COUNTER, DropReason.TAGLINE, DropReason.PHOTO_CREDIT,
    DropReason.COMMENT, DropReason.COOKIE_NOTICE, DropReason.DUPLICATE, DropReason.LINK_FARM,
)
RULE_NAMES: tuple[str, ...] = tuple(reason.value for reason in RULE_REASONS)

_HEADING = re.compile(r"^#{1,6}\s")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b|@\w")
_PIPE_LIKE = re.compile(r"\s[|·•/]\s")
_COPYRIGHT = re.compile(r"©|\([cC]\)")
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
# An end marker followed by this many body-like lines in a row, among the next RESUME_WINDOW
# lines the rules left, is a box inside the article ("Further reading" and its links, then a
# subheading and more of the story), not its end. Teaser cards after an article's end
# alternate a headline and a summary: their body-like lines do not come in a row.
RESUME_LINES = 2
RESUME_WINDOW = 5
_END_MARKERS = frozenset(patterns.END_MARKERS)
_COMMENT_HEADINGS = frozenset(patterns.COMMENT_SECTION_HEADINGS)
_MAX_END_MARKER_CHARS = max(map(len, _END_MARKERS))
_BOILERPLATE_WORDS = patterns.BOILERPLATE_WORDS
_COUNT = re.compile(r"[\d()\[\]]+")
_RULE_INDEX = {reason: index for index, reason in enumerate(RULE_REASONS)}

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
_STOP, _NO_STOP, _CJK, _REPEATED = (
    _L["stopword_share"], _L["no_stopwords"], _L["script_mismatch"], _L["repeated"])
_BULLET_AT, _ENDS_SENTENCE = _L["bullet"], _L["ends_sentence"]
# Features of the line in its page.
_PAGE_NAMES = (
    "rel_length", "position", "before_first_body", "after_last_body", "body_distance",
    "in_main_block", "main_block_distance", "indent_is_body_indent", "indent_deeper",
    "indent_shallower", "short_run", "word_share", "is_end_marker", "after_end_marker",
    "after_comments",
)
# The lines' link share (SourceLine.link_share) is not a feature yet: the development dumps
# hide links, so a model could only learn its weight from a handful of lines. (A line that
# is all link text is dropped after the classifier: judge.MIN_LINK_LINE_SHARE.)
_CONTEXT_NAMES = (
    "prev_body_like", "next_body_like", "prev_log_words", "next_log_words",
    "window_body_share", "window_mean_log_words", "prev_bullet", "next_bullet",
    "window_rule_share", "prev_ends_sentence", "next_ends_sentence",
)
_NEAR_NAMES = tuple(f"near_{name}" for name in RULE_NAMES)
FEATURE_NAMES: tuple[str, ...] = _LINE_NAMES + _PAGE_NAMES + _CONTEXT_NAMES + _NEAR_NAMES
# The column of each feature in a line's vector.
_COLUMN = {name: index for index, name in enumerate(FEATURE_NAMES)}
_PAGE_AT = len(_LINE_NAMES)


def _set_named(matrix: Floats, names: Sequence[str], columns: dict[str, ArrayLike]) -> None:
    """Write each of ``columns`` into the matrix column of its name: ``names`` (a group of
    :data:`FEATURE_NAMES`, all of whose columns must be given)."""
    if set(columns) != set(names):
        raise ValueError(f"feature columns {sorted(set(columns) ^ set(names))} missing or extra")
    for name, column in columns.items():
        matrix[:, _COLUMN[name]] = column


def _own_features(texts: Sequence[str], page: PageCounts) -> tuple[Floats, Bools, Bools]:
    """Features of each line on its own, one row per line (``repeated`` is filled in later),
    which lines are end markers and which open a comment section (see :func:`_end_markers`).

    ``page`` counts the lines' bare forms (:func:`cleannews.lines.counts.count_page`).
    """
    bares, counts = page.lines, page.counts
    stop, furniture = count_tokens_in(page, (STOP_WORDS, _BOILERPLATE_WORDS))
    chars = np.maximum(counts.chars, 1)
    # In scripts that do not space their words, a word per so many characters.
    words = counts.words
    tokens = np.maximum(counts.tokens, 1)
    lasts = [bare[-1:] or " " for bare in bares]
    cased = counts.cased_starts
    columns: dict[str, ArrayLike] = {
        "bias": 1.0,
        "log_chars": np.log1p(counts.chars),
        "log_words": np.log1p(words),
        "short_1": words <= 1,
        "short_2": words <= 2,
        "short_3": words <= 3,
        "short_6": words <= 6,
        "long_10": words >= 10,
        "long_20": words >= 20,
        "long_40": words >= 40,
        "long_80": words >= 80,
        "ends_sentence": rules.sentence_ends(bares, counts.words.tolist()),
        "ends_period": [last in ".。" for last in lasts],
        "ends_colon": [text[-1:] in {":", "："} for text in texts],
        "has_comma": counts.commas > 0,
        "bullet": [patterns.BULLET_FEATURE.match(text) is not None for text in texts],
        "heading": [_HEADING.match(text) is not None for text in texts],
        "digits": counts.digits / chars,
        # Scripts without case (CJK, Arabic, Hebrew, Thai...) get a typical prose value.
        "upper_start_share": np.where(
            cased > 0, counts.upper_starts / np.maximum(cased, 1), CASELESS_UPPER_SHARE),
        "stopword_share": stop / tokens,
        "no_stopwords": (stop == 0) & (counts.unspaced == 0),
        "script_mismatch": counts.unspaced / chars,
        "punct_share": np.maximum(chars - counts.letters - counts.spaces, 0) / chars,
        "urlish": lines_matching(_URLISH, page),
        "pipes": lines_matching(_PIPE_LIKE, page),
        "repeated": 0.0,
        "body_like": rules.body_lines(bares, counts.words.tolist()),
        "boilerplate_words": furniture / tokens,
        "copyright_sign": lines_matching(_COPYRIGHT, page),
    }
    matrix = np.empty((len(texts), len(_LINE_NAMES)))
    _set_named(matrix, _LINE_NAMES, columns)
    return matrix, *_end_markers(texts, bares, counts)


def _end_markers(
    texts: Sequence[str], bares: Sequence[str], counts: LineCounts
) -> tuple[Bools, Bools]:
    """Which lines are a share bar, a comments heading, an "About Jane Doe" heading or a
    link-farm heading: where articles end; and which of them open a comment section. A
    marker is matched less its figures and brackets ("Comments (12)", "[ 167 comments ]")."""
    found = np.zeros(len(texts), dtype=bool)
    comments = np.zeros(len(texts), dtype=bool)
    # Word characters that are not figures survive the stripping, so a line with more of
    # them than the longest marker has is none; the link-farm rule has its own bound.
    short = counts.letters - counts.digits <= _MAX_END_MARKER_CHARS
    digits = counts.digits.tolist()
    few_words = (counts.words <= patterns.ABOUT_HEADING_WORDS).tolist()
    for index in np.flatnonzero(short).tolist():
        bare = bares[index]
        if digits[index] or "(" in bare or "[" in bare or "]" in bare or ")" in bare:
            bare = _COUNT.sub("", bare)
        key = bare.strip().lower()
        found[index] = key in _END_MARKERS or (
            few_words[index] and patterns.ABOUT_HEADING.match(key) is not None)
        comments[index] = key in _COMMENT_HEADINGS
    headings = (counts.letters <= rules.MAX_LINK_FARM_HEADING_CHARS) & ~found
    for index in np.flatnonzero(headings).tolist():
        found[index] = rules.is_link_farm_heading(texts[index])
    return found, comments


def _main_block(body: Bools, words: Floats) -> tuple[int, int]:
    """The span of the block of body-like lines with the most words ((0, -1) if none)."""
    firsts, lasts, block_words = text_blocks(body, words)
    if not len(block_words):
        return 0, -1
    best = int(np.argmax(block_words))  # the first of equals, as a scan would keep
    return int(firsts[best]), int(lasts[best])


def _end_of_article(end_markers: Bools, body: Bools, words: Floats, ruled: Bools) -> int:
    """Index of the first end marker after most of the page's prose (len if none) that the
    article does not resume after: a box of related links inside the article is followed
    by more of its paragraphs (the lines the rules left next are body-like)."""
    prose = np.where(body, words, 0.0)
    prose_total = float(prose.sum())
    if not prose_total:
        return len(end_markers)
    prose_before = np.cumsum(prose) - prose
    late = np.flatnonzero(end_markers & (prose_before / prose_total
                                         >= END_MARKER_MIN_PROSE_BEFORE))
    left = np.flatnonzero(~ruled & ~end_markers)
    for marker in late.tolist():
        following = body[left[np.searchsorted(left, marker + 1):][:RESUME_WINDOW]]
        if int(run_lengths(following).max(initial=0)) < RESUME_LINES:
            return int(marker)
    return len(end_markers)


def _body_indent(indents: NDArray[np.int64], body: Bools) -> int:
    """The commonest indentation of body-like lines (the first seen of equals; -1 if none)."""
    body_indents = Counter(indents[body].tolist())
    return body_indents.most_common(1)[0][0] if body_indents else -1


def line_features(
    lines: Sequence[SourceLine], verdicts: Sequence[Verdict | None],
    counts: PageCounts | None = None,
) -> Floats:
    """Return one feature vector (ordered as :data:`FEATURE_NAMES`) per line, as a matrix.

    ``verdicts`` are the explicit rules' (None where no rule dropped the line); ``counts``
    counts the lines' bare forms, as the judge did (counted here if not given).
    """
    texts = [line.text for line in lines]
    total = len(texts)
    if not total:
        return np.zeros((0, len(FEATURE_NAMES)))
    if counts is None:
        counts = count_page([rules.bare(text) for text in texts])
    base, end_markers, comment_headings = _own_features(texts, counts)
    vectors = np.empty((total, len(FEATURE_NAMES)))
    ruled = np.array([v is not None for v in verdicts], dtype=bool)
    comment_headers = np.array([v is not None and v.reason is DropReason.COMMENT
                                for v in verdicts], dtype=bool)
    _relative_to_page(base, texts)
    vectors[:, :_PAGE_AT] = base
    body = base[:, _BODY_LIKE] > 0
    log_words = base[:, _LOG_WORDS]
    indents = np.array([line.indent for line in lines], dtype=np.int64)
    _set_named(vectors, _PAGE_NAMES, _page_columns(
        body, log_words, indents, ruled, end_markers | comment_headers,
        comment_headings | comment_headers))
    _set_named(vectors, _CONTEXT_NAMES + _NEAR_NAMES, _context_columns(base, ruled, verdicts))
    return vectors


def _relative_to_page(base: Floats, texts: Sequence[str]) -> None:
    """Make the per-line features that depend on the page's other lines relative to it."""
    counts = Counter(texts)
    base[:, _REPEATED] = [float(counts[t] > 1) for t in texts]
    prose = np.expm1(base[:, _LOG_WORDS]) >= PROSE_WORDS
    page_stop_share = float(base[prose, _STOP].mean()) if prose.any() else 0.0
    page_cjk_share = float(base[prose, _CJK].mean()) if prose.any() else 0.0
    # A line in another script than the page's prose is a language menu or a stray widget;
    # the script itself says nothing.
    base[:, _CJK] = np.abs(base[:, _CJK] - page_cjk_share)
    # Stop-word density relative to the page's own prose, so pages in a language the lists
    # know little of are not taken for boilerplate.
    if page_stop_share >= MIN_PAGE_STOPWORD_SHARE:
        base[:, _STOP] = np.minimum(base[:, _STOP] / page_stop_share, 2.0)
    else:
        base[:, _STOP], base[:, _NO_STOP] = 1.0, 0.0


def _page_columns(
    body: Bools, log_words: Floats, indents: NDArray[np.int64], ruled: Bools,
    end_markers: Bools, comment_openers: Bools,
) -> dict[str, ArrayLike]:
    """The features of each line's place in the page (:data:`_PAGE_NAMES`)."""
    total = len(body)
    index = np.arange(total)
    words = np.expm1(log_words)
    total_words = float(words.sum()) or 1.0
    body_positions = np.flatnonzero(body)
    first_body = int(body_positions[0]) if len(body_positions) else total
    last_body = int(body_positions[-1]) if len(body_positions) else -1
    max_log_words = float(log_words.max()) or 1.0
    main_start, main_end = _main_block(body, words)
    main_distance = np.where(index < main_start, main_start - index,
                             np.where(index > main_end, index - main_end, 0))
    body_indent = _body_indent(indents, body)
    end_of_article = _end_of_article(end_markers, body, words, ruled)
    # Readers' comments follow the article: a comment section opens at its heading or its
    # first "Name says:" line, once the page's text has begun.
    comment_starts = np.flatnonzero(comment_openers & (index >= first_body))
    comments_from = int(comment_starts[0]) if len(comment_starts) else total
    return {
        "rel_length": log_words / max_log_words,
        "position": index / total,
        "before_first_body": index < first_body,
        "after_last_body": index > last_body,
        "body_distance": np.log1p(distances_to(body)),
        "in_main_block": (main_start <= index) & (index <= main_end),
        "main_block_distance": np.log1p(np.maximum(main_distance, 0)),
        "indent_is_body_indent": indents == body_indent,
        "indent_deeper": (body_indent >= 0) & (indents > body_indent),
        "indent_shallower": (body_indent >= 0) & (indents < body_indent),
        "short_run": np.log1p(run_lengths(words <= SHORT_WORDS)),
        "word_share": words / total_words,
        "is_end_marker": end_markers,
        "after_end_marker": index > end_of_article,
        "after_comments": index > comments_from,
    }


def _context_columns(
    base: Floats, ruled: Bools, verdicts: Sequence[Verdict | None]
) -> dict[str, ArrayLike]:
    """The features of each line's neighbours (:data:`_CONTEXT_NAMES`) and of the rules'
    verdicts near it (one ``near_`` feature per :data:`RULE_REASONS`)."""
    total = len(base)
    body = base[:, _BODY_LIKE] > 0
    log_words = base[:, _LOG_WORDS]
    # Columns: body-like, log words, bullet, ends a sentence.
    neighbours = np.empty((total, 4))
    set_columns(neighbours, 0, (body, log_words, base[:, _BULLET_AT], base[:, _ENDS_SENTENCE]))
    before, after = shifted(neighbours, 1), shifted(neighbours, -1)
    # Columns: body-like, log words, dropped by a rule, then one per rule: all summed over
    # the same window at once.
    windowed = np.zeros((total, 3 + len(RULE_REASONS)))
    set_columns(windowed, 0, (body, log_words, ruled))
    for row, verdict in enumerate(verdicts):
        if verdict is not None and verdict.reason in _RULE_INDEX:
            windowed[row, 3 + _RULE_INDEX[verdict.reason]] = 1.0
    window = window_sums(windowed, CONTEXT_LINES)
    window[:, :3] /= np.maximum(window_sizes(total, CONTEXT_LINES), 1)[:, None]
    near = window[:, 3:] > 0
    return {
        "prev_body_like": before[:, 0], "next_body_like": after[:, 0],
        "prev_log_words": before[:, 1], "next_log_words": after[:, 1],
        "window_body_share": window[:, 0], "window_mean_log_words": window[:, 1],
        "prev_bullet": before[:, 2], "next_bullet": after[:, 2],
        "window_rule_share": window[:, 2],
        "prev_ends_sentence": before[:, 3], "next_ends_sentence": after[:, 3],
        **{name: near[:, k] for k, name in enumerate(_NEAR_NAMES)},
    }
