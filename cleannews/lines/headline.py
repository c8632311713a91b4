"""The headline of a text page: which line above the article's first paragraph is it?

A dump rarely marks its headline. It stands somewhere above the first paragraph, among
menu entries, labels, bylines, dates and standfirsts; what tells it apart is its shape
(a few capitalised words, no full stop), where it stands (often right above a byline or a
date), that the page repeats it ("Headline - Site") and that it names what the article is
about: most of its words recur in the article's opening. A logistic regression over those
features scores every line within :data:`REACH_LINES` above the first paragraph and the
best one is the headline. Its weights are fitted by ``python tools/train.py`` on the
development pages whose gold has a title, and shipped as ``headline_model.json``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from cleannews.lines import rules
from cleannews.lines.judge import (
    TITLE_REPEAT_LINES,
    CleanedText,
    DropReason,
    JudgedLine,
)
from cleannews.lines.model import FINGERPRINT, ModelFileError, fingerprint, read_shipped
from cleannews.lines.stopwords import STOP_WORDS
from cleannews.titles import SITE_BAR, SPACED_SEPARATOR

__all__ = [
    "HEADLINE_FEATURES",
    "HEADLINE_FINGERPRINT",
    "Candidate",
    "HeadlineModel",
    "headline_candidates",
    "load_default_headline_model",
    "markdown_headline",
    "page_headline",
    "pick_headline",
    "without_headline",
]

MODEL_RESOURCE = "headline_model.json"
# How far above the first paragraph the headline may stand. Picked by five-fold
# cross-validation on the wcxb pages (inscriptis / html2text dumps): 20 lines 66.0% / 74.3%
# of headlines, 30 lines 67.6% / 77.2%, 40 lines 68.8% / 78.8%, 60 lines 68.5% / 79.2%.
# Each line looked at costs about 3 µs a page; 40 lines about 220 µs.
REACH_LINES = 40
MAX_HEADLINE_WORDS = 40
# A line repeated inside another ("Headline - Site") counts when it is at least this long;
# shorter ones (menu words) occur inside many lines.
MIN_REPEAT_CHARS = 11
# Repeats at most this many lines away count as near (as for the judge's repeated titles).
REPEAT_NEAR_LINES = TITLE_REPEAT_LINES
# Lines a rule recognised as something else are never the headline.
_NOT_HEADLINES = frozenset({
    DropReason.NAVIGATION, DropReason.DATE_LINE, DropReason.BYLINE, DropReason.REACTION_COUNTER,
    DropReason.PHOTO_CREDIT, DropReason.COMMENT, DropReason.LINK_FARM, DropReason.COOKIE_NOTICE,
})
MIN_HEADLINE_WORDS = 2
# The verdicts a candidate may carry.
_REASONS: tuple[DropReason | None, ...] = (
    None, DropReason.CLASSIFIER, DropReason.TITLE, DropReason.TAGLINE, DropReason.DUPLICATE,
)
_META = frozenset({DropReason.DATE_LINE, DropReason.BYLINE})
_MENU = frozenset({DropReason.NAVIGATION, DropReason.LINK_FARM})
# Content words: letter runs of three or more, or single Chinese, Japanese (kanji) or Korean
# syllable characters, which carry meaning one by one.
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}|[\u3400-\u9fff\uac00-\ud7af]")
# How much of the article a headline's words are looked for in (its first paragraphs).
BODY_SAMPLE_CHARS = 1200
HEADLINE_FEATURES: tuple[str, ...] = (
    "bias", "log_distance", "nearest", "log_rank", "log_words", "short", "long",
    "ends_sentence", "ends_clause", "digit_share",
    "markdown_heading", "markdown_h1", "log_repeats_near", "repeated_far", "longest",
    "site_separator",
    "line_score", "position", "body_overlap",
    *(f"is_{reason.value if reason else 'kept'}" for reason in _REASONS),
    "next_is_meta", "previous_is_meta", "meta_follows", "previous_is_menu", "next_is_kept",
)
# What the picker's weights are for: its features, over lines the line rules judged (whose
# vocabulary the line model's fingerprint names). A model file carries it.
HEADLINE_FINGERPRINT = fingerprint({"features": HEADLINE_FEATURES, "lines": FINGERPRINT})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line that may be the headline, with its features (ordered as HEADLINE_FEATURES)."""

    index: int  # in CleanedText.lines
    text: str  # the line's bare form
    features: tuple[float, ...]


def headline_candidates(cleaned: CleanedText) -> list[Candidate]:
    """The lines within REACH_LINES above the first paragraph, nearest first."""
    first = cleaned.first_paragraph
    if first is None:
        return []
    lines = cleaned.lines
    shaped = []  # (index, bare text, words)
    for index in range(max(0, first - REACH_LINES), first):
        if lines[index].reason in _NOT_HEADLINES:
            continue
        text = rules.bare(lines[index].text)
        words = rules.word_count(text) if text else 0
        if MIN_HEADLINE_WORDS <= words <= MAX_HEADLINE_WORDS:
            shaped.append((index, text, words))
    if not shaped:
        return []
    texts = [line.text for line in lines]
    page = "\n".join(texts)
    body = _article_words(lines[first:])
    most_words = max(words for _, _, words in shaped)
    low = shaped[0][0]
    meta = [line.reason in _META for line in lines[low:first + 1]]  # meta[i]: line low + i
    candidates = []
    for rank, (index, text, words) in enumerate(reversed(shaped)):
        line = lines[index]
        # A headline repeats close by (the page's <title> and its <h1>); a menu entry
        # repeats far away (in the header and the footer).
        near = texts[max(0, index - REPEAT_NEAR_LINES):index + REPEAT_NEAR_LINES + 1]
        if len(text) >= MIN_REPEAT_CHARS:
            repeats, near_repeats = page.count(text) - 1, "\n".join(near).count(text) - 1
        else:
            repeats, near_repeats = texts.count(line.text) - 1, near.count(line.text) - 1
        before = lines[index - 1] if index > 0 else None
        after = lines[index + 1]  # the first paragraph at the latest
        marks = line.text.lstrip()
        at = index - low
        features = (
            1.0, math.log1p(first - index), float(rank == 0), math.log1p(rank),
            math.log1p(words), float(words < 3), float(words > 20),
            float(text[-1] in ".!?"), float(text[-1] in ":;,"),
            sum(map(str.isdigit, text)) / len(text), float(marks.startswith("#")),
            float(marks.startswith("# ")), math.log1p(max(near_repeats, 0)),
            float(repeats > near_repeats),
            float(words == most_words), float(bool(SPACED_SEPARATOR.search(text))),
            line.score if line.score is not None else 0.0, index / len(lines),
            _overlap(_content_words(text), body),
            *(float(line.reason == reason) for reason in _REASONS),
            float(meta[at + 1]),
            float(before is not None and before.reason in _META),
            float(any(meta[at + 1:min(first - low, at + 4)])),
            float(before is not None and before.reason in _MENU),
            float(after.kept),
        )
        candidates.append(Candidate(index, text, features))
    return candidates


def _article_words(lines: Sequence[JudgedLine]) -> set[str]:
    """The words of the article's opening: its kept text from the first paragraph (the
    first of ``lines``) on, up to BODY_SAMPLE_CHARS. Stop words stay in: only a line's own
    are left out (:func:`_content_words`)."""
    sample: list[str] = []
    size = 0
    for line in lines:
        if line.kept:
            sample.append(line.text)
            size += len(line.text)
            if size >= BODY_SAMPLE_CHARS:
                break
    return set(_CONTENT_WORD.findall("\n".join(sample)[:BODY_SAMPLE_CHARS].lower()))


def _content_words(text: str) -> set[str]:
    """The lower-cased content words of ``text``, less stop words."""
    return {w for w in _CONTENT_WORD.findall(text.lower()) if w not in STOP_WORDS}


def _overlap(words: set[str], body: set[str]) -> float:
    """Share of a line's content words that the article uses too: a headline names what
    the article is about; a menu entry, a byline or a call to action does not.

    >>> _overlap({"ferry", "service", "resume"}, {"ferry", "harbour", "resume", "island"})
    0.6666666666666666
    """
    return len(words & body) / len(words) if words else 0.0


@dataclass(frozen=True, slots=True)
class HeadlineModel:
    """A logistic regression's weights over HEADLINE_FEATURES."""

    weights: tuple[float, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> HeadlineModel:
        """Read ``{"fingerprint": ..., "features": {name: weight}}``, checking it was fitted
        for this version's features (:data:`HEADLINE_FINGERPRINT`); raises
        :class:`~cleannews.lines.model.ModelFileError` otherwise."""
        features = data.get("features")
        if not isinstance(features, dict) or set(features) != set(HEADLINE_FEATURES):
            raise ModelFileError("headline model file does not match this version's features; "
                                 "retrain it")
        if data.get("fingerprint") != HEADLINE_FINGERPRINT:
            raise ModelFileError(
                f"headline model file was fitted for other features or rules (fingerprint "
                f"{data.get('fingerprint')!r}, this version's {HEADLINE_FINGERPRINT!r}); "
                "retrain it with tools/train.py")
        return cls(tuple(float(features[name]) for name in HEADLINE_FEATURES))

    def scores(self, candidates: Sequence[Candidate]) -> list[float]:
        """Each candidate's logit of being the headline."""
        rows = np.array([c.features for c in candidates], dtype=np.float64)
        logits: list[float] = (rows.reshape(-1, len(self.weights)) @ self.weights).tolist()
        return logits

    def best(self, candidates: Sequence[Candidate]) -> Candidate | None:
        """The best-scoring candidate, the first of equals (None if there are none)."""
        if not candidates:
            return None
        return candidates[int(np.argmax(self.scores(candidates)))]


@lru_cache(maxsize=1)
def load_default_headline_model() -> HeadlineModel:
    """The model shipped with the package (once per process)."""
    return HeadlineModel.from_dict(read_shipped(MODEL_RESOURCE))


def markdown_headline(cleaned: CleanedText) -> str | None:
    """The first markdown H1 (``# Headline``) above the article's first paragraph."""
    for line in cleaned.lines[:cleaned.first_paragraph]:
        if line.text.startswith("# "):
            return rules.bare(line.text) or None
    return None


def page_headline(cleaned: CleanedText, model: HeadlineModel | None = None) -> str | None:
    """The headline of a text page: a dumper's markdown H1 above the article, unless it
    shares no word with the article's opening (a site's name or a menu set as H1: "Blog",
    "Back to Menu"); else the picker's choice (:func:`pick_headline`). Of a line split by
    bars ("Headline | Site", "Section | Headline"), the part with the most words.

    >>> from cleannews.lines import clean_lines
    >>> from cleannews.lines.model import RULES_ONLY
    >>> story = ("The council voted on Tuesday to build twelve kilometres of protected lanes "
    ...          "across the city centre by 2026.")
    >>> page_headline(clean_lines("# Council approves bike lanes\\n" + story, RULES_ONLY))
    'Council approves bike lanes'
    >>> page_headline(clean_lines("# Blog\\nCouncil approves bike lanes\\n" + story, RULES_ONLY))
    'Council approves bike lanes'
    >>> page_headline(clean_lines("# Council approves bike lanes | Opinion\\n" + story, RULES_ONLY))
    'Council approves bike lanes'
    """
    h1 = markdown_headline(cleaned)
    if h1 is not None and cleaned.first_paragraph is not None:
        words = _content_words(h1)
        if words and not words & _article_words(cleaned.lines[cleaned.first_paragraph:]):
            h1 = None
    headline = h1 or pick_headline(cleaned, model)
    return None if headline is None else _without_site(headline)


def _without_site(line: str) -> str:
    """Of a line split by bars, the part with the most words (the first of equals)."""
    if SITE_BAR not in line:
        return line
    return max((part.strip() for part in line.split(SITE_BAR)), key=rules.word_count)


def pick_headline(cleaned: CleanedText, model: HeadlineModel | None = None) -> str | None:
    """The best-scoring candidate (the nearer of equals), or None without candidates.

    >>> from cleannews.lines import clean_lines
    >>> from cleannews.lines.model import RULES_ONLY
    >>> page = "Menu\\nCity council approves new bike lanes\\nBy Jane Doe\\n" + (
    ...     "The council voted on Tuesday to build twelve kilometres of protected lanes "
    ...     "across the city centre by 2026.")
    >>> pick_headline(clean_lines(page, RULES_ONLY))
    'City council approves new bike lanes'
    """
    model = model or load_default_headline_model()
    # Candidates come nearest first, so of equals the nearest wins.
    best = model.best(headline_candidates(cleaned))
    return best.text if best is not None else None


def without_headline(cleaned: CleanedText, headline: str) -> CleanedText:
    """``cleaned`` with the kept lines above its first paragraph that read as ``headline``
    dropped as the title: a record reports the headline as its title, not in its text.

    >>> from cleannews.lines import clean_lines
    >>> cleaned = clean_lines("Storm hits the coast\\n" + "Rain fell all night in the town "
    ...                       "and the river rose over its banks by the early morning hours.")
    >>> [line.reason for line in without_headline(cleaned, "Storm hits the coast").lines]
    [<DropReason.TITLE: 'title'>, None]
    """
    first = cleaned.first_paragraph
    end = len(cleaned.lines) if first is None else first
    lines = list(cleaned.lines)
    dropped = []
    for index in range(end):
        line = lines[index]
        if line.kept and _without_site(rules.bare(line.text)) == headline:
            lines[index] = JudgedLine(line.number, line.text, DropReason.TITLE, line.score,
                                      "picked_headline")
            dropped.append(line.text)
    if not dropped:
        return cleaned
    # The first paragraph stays where it was: the headline stands above it.
    return CleanedText(tuple(lines), cleaned.link_farms, (*cleaned.title_lines, *dropped),
                       cleaned.first_paragraph)
