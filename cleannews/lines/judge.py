"""Judge every line of a page's text: keep it as article body, or drop it with a reason.

The explicit rules (:mod:`cleannews.lines.rules`) decide the unmistakable lines first:
breadcrumbs, counters, date and byline lines, repeated titles and link farms. The learned
classifier (:mod:`cleannews.lines.model`) scores every other line in its context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from cleannews.lines import patterns, rules
from cleannews.lines.counts import PageCounts, count_page
from cleannews.lines.model import LineModel, load_default_model, load_flat_model
from cleannews.lines.rules import DropReason, Verdict
from cleannews.lines.split import SourceLine, is_flat, split_lines
from cleannews.lines.stopwords import STOP_WORDS
from cleannews.titles import SEPARATOR_MARKS, SITE_SEPARATOR

__all__ = [
    "CleanedText",
    "DropReason",
    "JudgedLine",
    "LinkFarm",
    "RuledPage",
    "Verdict",
    "clean_lines",
    "decision_threshold",
    "first_paragraph",
    "judge_rules",
]

# Repeats of lines with at least this many words are dropped; shorter ones (a "Share"
# button, a subheading) are left to the other rules and the classifier.
MIN_DUPLICATE_WORDS = 8
# A line of this many words ending in a full stop is a sentence, not a headline.
MIN_SENTENCE_WORDS = 8
# When the classifier would keep nothing, lines scoring at least this share of the best
# line's score are kept (see decision_threshold).
FALLBACK_SCORE_FACTOR = 0.5
# A repeated title is a headline-sized line; shorter repeats are menu words.
MIN_TITLE_CHARS = 15
MAX_TITLE_WORDS = 40
MAX_TITLE_CHARS = 400
# How close together the two copies of a repeated title stand, and how far above the
# first paragraph (of at least MIN_FIRST_PARAGRAPH_WORDS words) the title may be.
TITLE_REPEAT_LINES = 6
TITLE_BODY_REACH_LINES = 12
MIN_FIRST_PARAGRAPH_WORDS = 15  # with a site name; a quick bound before counting words
# How far apart (in lines) a glued line and the line it repeats may be.
GLUE_WINDOW_LINES = 3
# A run of fewer items than this after a "Related"-like heading is not a link farm: a
# heading followed by one line is more likely an article's own subheading.
MIN_LINK_FARM_ITEMS = 2
# Unbulleted link-farm items are headlines; a line this long that ends in a full stop is a
# paragraph, and ends the run.
MAX_UNBULLETED_ITEM_WORDS = 15
# A line whose text is this much link text is a menu entry or another page's headline, in
# dumps that show links (markdown, lynx). On the development pages dumped by html2text with
# links shown, 90% of the words of such lines the classifier kept were not the article's.
MIN_LINK_LINE_SHARE = 0.9



@dataclass(frozen=True, slots=True)
class JudgedLine:
    """One logical line of the input and the verdict on it."""

    number: int  # 1-based line number in the input; a split line gives several pieces
    text: str
    reason: DropReason | None = None  # None: kept
    score: float | None = None  # the classifier's probability of body; None if a rule decided
    detail: str = ""  # what decided: a rule's name, or the features that weighed most

    @property
    def kept(self) -> bool:
        return self.reason is None


@dataclass(frozen=True, slots=True)
class LinkFarm:
    """A heading such as "Related" and the number of link lines under it."""

    heading: str
    items: int


@dataclass(frozen=True, slots=True)
class CleanedText:
    """All judged lines, in input order."""

    lines: tuple[JudgedLine, ...]
    link_farms: tuple[LinkFarm, ...] = ()
    title_lines: tuple[str, ...] = field(default=())
    # Index in ``lines`` of the article's first paragraph (see first_paragraph); None if none.
    first_paragraph: int | None = None

    @property
    def kept(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.lines if line.kept)

    @property
    def dropped(self) -> tuple[JudgedLine, ...]:
        return tuple(line for line in self.lines if not line.kept)

    @property
    def text(self) -> str:
        return "\n".join(self.kept)

    def dropped_texts(self, reason: DropReason) -> tuple[str, ...]:
        return tuple(line.text for line in self.lines if line.reason is reason)


def _split_glued(lines: list[SourceLine]) -> list[SourceLine]:
    """Split a line that has a nearby line glued inside it ("Home > NewsHeadline - Site").

    Dumpers join the breadcrumb and the title of some pages into one line; the title is
    then repeated on its own line nearby, which tells where to cut.
    """
    result: list[SourceLine] = []
    for index, line in enumerate(lines):
        text = line.text
        cut = None
        # The part before the glued title is a breadcrumb, which has a separator mark.
        if len(text) <= MIN_TITLE_CHARS or not rules.has_breadcrumb_mark(text):
            result.append(line)
            continue
        low = max(0, index - GLUE_WINDOW_LINES)
        high = min(len(lines), index + GLUE_WINDOW_LINES + 1)
        for other_index in range(low, high):
            other = lines[other_index].text
            if other_index == index or len(other) < MIN_TITLE_CHARS or other == text:
                continue
            position = text.find(other)
            if position > 0 and rules.is_breadcrumb(text[:position]):
                cut = position
                break
        if cut is None:
            result.append(line)
        else:
            result.append(replace(line, text=text[:cut].strip()))
            result.append(replace(line, indent=line.indent + cut, text=text[cut:].strip()))
    return result


@dataclass(frozen=True, slots=True)
class _PageLines:
    """A page's lines with what several rules need of each, counted once."""

    texts: Sequence[str]
    bares: tuple[str, ...]
    counts: PageCounts  # of the bare lines, passed on to the classifier's features
    words: list[int]  # rules.word_count of each bare line
    digits: list[int]  # \d characters of each bare line
    text_words: list[int]  # rules.word_count of each line as it is
    body: list[bool]  # rules.looks_like_body of each line

    @classmethod
    def of(cls, texts: Sequence[str]) -> _PageLines:
        page = count_page([rules.bare(text) for text in texts])
        bares, counts = page.lines, page.counts
        words = counts.words.tolist()
        text_words = [count if text == bare else rules.word_count(text)
                      for text, bare, count in zip(texts, bares, words, strict=True)]
        return cls(texts, bares, page, words, counts.digits.tolist(), text_words,
                   rules.body_lines(bares, words))


def _title_candidates(page: _PageLines) -> set[int]:
    """Indices of lines that repeat the page title (the same headline twice, maybe with a site)."""
    texts = page.texts
    positions: dict[str, list[int]] = {}
    # The headline stands shortly before the article's first paragraph; menu entries that
    # repeat elsewhere on the page are not it.
    first_paragraph = next((i for i, (is_body, words) in enumerate(
        zip(page.body, page.text_words, strict=True))
        if is_body and words >= MIN_FIRST_PARAGRAPH_WORDS), len(texts))
    for index, text in enumerate(texts):
        # A list item is a menu or a link, not the headline.
        if not MIN_TITLE_CHARS <= len(text) <= MAX_TITLE_CHARS or patterns.LIST_ITEM.match(text):
            continue
        # A headline is short and does not end like a sentence; a repeated paragraph is
        # left to the duplicate rule.
        words = page.text_words[index]
        if words <= MAX_TITLE_WORDS and not (words >= MIN_SENTENCE_WORDS and text[-1] in ".。"):
            positions.setdefault(page.bares[index], []).append(index)
    # A title appears twice as itself, close together (the page's <title> and its <h1>), or
    # once more inside "Headline - Site". Menu entries repeat too, but far apart (header and
    # footer): on the development dumps taking those for the title was wrong 9 times in 10.
    # A line repeated more than twice is a widget or a menu.
    variants: dict[str, set[str]] = {
        t: {t} for t, where in positions.items()
        if len(where) == 2 and where[1] - where[0] <= TITLE_REPEAT_LINES
    }
    for text in list(positions):
        for title in _site_split_candidates(text):
            if title in positions and title != text:
                variants.setdefault(title, {title}).add(text)
    if not variants:
        return set()

    def last_position_before(title: str) -> int:
        return max((i for v in variants[title] for i in positions[v] if i < first_paragraph),
                   default=-1)

    # A list in the page's order (not a set, whose order changes from run to run): of equal
    # candidates the first one seen wins, the same in every run.
    near = [t for t in variants
            if 0 <= first_paragraph - last_position_before(t) <= TITLE_BODY_REACH_LINES]
    if not near:
        return set()
    # Of several candidates, the one closest above the first paragraph.
    title = max(near, key=lambda t: (last_position_before(t), len(t)))
    return {index for variant in variants[title] for index in positions[variant]}


# Every separator has one of these; most lines have none, and this is quicker to rule out.
_SEPARATOR_MARK = re.compile(f"[{re.escape(SEPARATOR_MARKS)}]")


def _site_split_candidates(text: str) -> list[str]:
    """The possible titles inside "Title - Site" or "Site | Title"."""
    if not _SEPARATOR_MARK.search(text):
        return []
    parts = SITE_SEPARATOR.split(text)
    if len(parts) < 2:
        return []
    return [parts[0].strip(), parts[-1].strip(), " - ".join(parts[:-1]).strip()]


@lru_cache(maxsize=rules.CACHE_LINES)
def _line_rule(text: str, words: int, digits: int) -> Verdict | None:
    """The verdict of the first of :data:`rules.LINE_RULES` that catches the line (menus
    repeat: it is cached). ``words`` and ``digits`` count the words and figures of the
    line's bare form."""
    chars = len(rules.bare(text))
    for rule in rules.LINE_RULES:
        if rule.fits(chars, words) and (verdict := rule.verdict(text, words, digits)):
            return verdict
    return None


def _judge_rules(page: _PageLines) -> list[Verdict | None]:
    texts = page.texts
    verdicts: list[Verdict | None] = [None] * len(texts)
    for index in _title_candidates(page):
        verdicts[index] = Verdict(DropReason.TITLE, "repeated_title")
    for index, (text, words, digits) in enumerate(zip(texts, page.words, page.digits,
                                                      strict=True)):
        if verdicts[index] is None:
            verdicts[index] = _line_rule(text, words, digits)
    seen: set[str] = set()
    for index, text in enumerate(texts):
        # A paragraph-sized line seen before on the page is a teaser, a meta description
        # or a menu repeated in the footer: the article needs it once.
        if page.text_words[index] >= MIN_DUPLICATE_WORDS:
            if text in seen and verdicts[index] is None:
                verdicts[index] = Verdict(DropReason.DUPLICATE, "is_duplicate")
            seen.add(text)
    stop_words = STOP_WORDS
    for index, text in enumerate(texts):
        if page.body[index]:
            break
        if verdicts[index] is None and rules.is_tagline(text, stop_words):
            verdicts[index] = Verdict(DropReason.TAGLINE, "is_tagline")
    return verdicts


def _find_link_farms(
    texts: Sequence[str], verdicts: list[Verdict | None]
) -> list[LinkFarm]:
    farms: list[LinkFarm] = []
    index = 0
    while index < len(texts):
        if verdicts[index] is not None or not rules.is_link_farm_heading(texts[index]):
            index += 1
            continue
        items = _link_farm_items(texts, verdicts, index + 1)
        if len(items) < MIN_LINK_FARM_ITEMS:
            index += 1
            continue
        verdicts[index] = Verdict(DropReason.LINK_FARM, "is_link_farm_heading")
        for item in items:
            verdicts[item] = Verdict(DropReason.LINK_FARM, "link_farm_item")
        farms.append(LinkFarm(rules.bare(texts[index]), len(items)))
        index = items[-1] + 1
    return farms


# Lines the rules drop that may stand between a link farm's items.
_IN_LINK_FARM = frozenset({DropReason.DATE_LINE, DropReason.REACTION_COUNTER,
                           DropReason.BYLINE, DropReason.PHOTO_CREDIT})


def _link_farm_items(
    texts: Sequence[str], verdicts: list[Verdict | None], start: int
) -> list[int]:
    """Indices of the link lines that follow a link-farm heading at ``start - 1``."""
    items: list[int] = []
    bulleted = start < len(texts) and bool(patterns.LIST_ITEM.match(texts[start]))
    index = start
    while index < len(texts):
        text = texts[index]
        verdict = verdicts[index]
        if verdict is not None:
            # Counters, dates, bylines and picture credits between the links belong to the
            # list (a teaser card); a title repeat ends it.
            if verdict.reason in _IN_LINK_FARM:
                index += 1
                continue
            break
        if rules.is_link_farm_heading(text):
            break
        # A card's headline may follow its bulleted picture without a bullet of its own.
        if not ((bulleted and patterns.LIST_ITEM.match(text)) or _is_unbulleted_item(text)):
            break
        items.append(index)
        index += 1
    return items


def _is_unbulleted_item(text: str) -> bool:
    if not rules.looks_like_headline(text):
        return False
    bare = rules.bare(text)
    return not (rules.word_count(bare) > MAX_UNBULLETED_ITEM_WORDS and bare[-1] in ".。")


def decision_threshold(
    threshold: float, ruled: Sequence[bool], probabilities: Sequence[float]
) -> float:
    """The model's threshold, lowered for a page where it would keep nothing at all.

    A page whose every line the classifier doubts (a single paragraph piped in, a page in
    a script the model has seen little of) is more likely all text than all boilerplate:
    keep its best-scoring lines, those within a factor of the best score. ``ruled`` says
    which lines a rule dropped; the others are the classifier's to judge.

    >>> decision_threshold(0.5, [False, False, True], [0.2, 0.3, 0.9])
    0.15
    """
    candidates = [p for r, p in zip(ruled, probabilities, strict=True) if not r]
    if not candidates or max(candidates) >= threshold:
        return threshold
    return max(candidates) * FALLBACK_SCORE_FACTOR


@dataclass(frozen=True, slots=True)
class RuledPage:
    """A page's lines and the explicit rules' verdicts on them: the line classifier's input,
    in training as in :func:`clean_lines`
    (:meth:`~cleannews.lines.model.LineModel.score_lines`)."""

    lines: list[SourceLine]
    verdicts: list[Verdict | None]  # None: no rule dropped the line
    link_farms: list[LinkFarm]
    counts: PageCounts  # of the lines' bare forms, counted once for the rules and features


def judge_rules(text: str, unflatten: bool = True) -> RuledPage:
    """Split text into lines (see :func:`split_lines` for ``unflatten``) and apply the
    explicit rules.

    >>> page = judge_rules("Home > News\\nShare 4\\nThe council closed the old school.")
    >>> [verdict and verdict.rule for verdict in page.verdicts]
    ['is_breadcrumb', 'is_reaction_counter', None]
    """
    lines = _split_glued(split_lines(text, unflatten))
    page = _PageLines.of([line.text for line in lines])
    verdicts = _judge_rules(page)
    farms = _find_link_farms(page.texts, verdicts)
    return RuledPage(lines, verdicts, farms, page.counts)


def clean_lines(text: str, model: LineModel | None = None, explain: bool = False,
                keep_comments: bool = False, unflatten: bool = True) -> CleanedText:
    """Judge every non-blank line of ``text``; see :class:`CleanedText`.

    ``model`` defaults to the shipped line classifier, or for a page a scraper flattened
    to one line (:func:`~cleannews.lines.split.is_flat`), to the one fitted on such pages'
    sentences; with ``explain``, each line's ``detail`` names the features that weighed
    most in its score. With ``keep_comments`` (readers' comments were asked for), the
    comment rules drop nothing: neither comment headers nor the lines between them. Without
    ``unflatten`` (text an HTML extractor chose, whose long lines are paragraphs), a page
    is never taken for flattened.

    >>> cleaned = clean_lines("Home > News\\nThe council closed the old school on Tuesday.")
    >>> [(line.text[:18] + " ...", line.reason) for line in cleaned.lines]
    [('Home > News ...', <DropReason.NAVIGATION: 'navigation'>), ('The council closed ...', None)]
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_lines takes str, not {type(text).__name__}; decode bytes first")
    # Decided once: split_lines need not look again at a page that is not flat.
    flat = unflatten and is_flat(text)
    page = judge_rules(text, unflatten=flat)
    lines, verdicts = page.lines, page.verdicts
    if model is None:
        model = load_flat_model() if flat else load_default_model()
    scores = model.score_lines(lines, verdicts, page.counts, explain=explain)
    threshold = decision_threshold(model.threshold, [v is not None for v in verdicts],
                                   [s.probability for s in scores])
    thread = range(0) if keep_comments else comment_thread(verdicts)
    judged: list[JudgedLine] = []
    kept_texts: set[str] = set()  # to keep one copy of a paragraph the page repeats
    for index, (line, verdict, scored) in enumerate(zip(lines, verdicts, scores, strict=True)):
        reason: DropReason | None
        score: float | None = scored.probability
        if (verdict is not None and verdict.reason is DropReason.DUPLICATE
                and line.text not in kept_texts and scored.probability >= threshold):
            # The earlier copy was dropped (a teaser's place, a lede the classifier missed):
            # this one, which the classifier takes for the article's, is the copy kept.
            reason, detail = None, "first_kept_copy"
        elif verdict is not None and not (keep_comments and verdict.reason is DropReason.COMMENT):
            # The rule decided; the model's score for such a line is a fixed stand-in.
            reason, detail, score = verdict.reason, verdict.rule, None
        elif index in thread:
            # A reader's comment can outweigh a short article in prose (the classifier's
            # page-wide view), but between two comment headers it is a comment.
            reason, detail = DropReason.COMMENT, "in_comment_thread"
        elif line.link_share >= MIN_LINK_LINE_SHARE:
            # Decided after the classifier, which never saw a dump with links: its features
            # do not count such lines as ruled.
            reason, detail = DropReason.NAVIGATION, "link_line"
        elif rules.is_form_control(line.text):
            # Likewise: the training dumps draw no form controls.
            reason, detail = DropReason.NAVIGATION, "is_form_control"
        elif scored.probability < threshold:
            reason, detail = DropReason.CLASSIFIER, scored.explanation
        else:
            reason, detail = None, scored.explanation
        if reason is None:
            kept_texts.add(line.text)
        judged.append(JudgedLine(line.number, line.text, reason, score, detail))
    _drop_trailing_labels(judged)
    title_lines = tuple(line.text for line in judged if line.reason is DropReason.TITLE)
    return CleanedText(tuple(judged), tuple(page.link_farms), title_lines,
                       first_paragraph(judged))


_LETTER = re.compile(r"[^\W\d_]")


def _drop_trailing_labels(judged: list[JudgedLine]) -> None:
    """Drop what is kept after the article's last paragraph but only labels a missing part:
    a line ending in a colon ("In this article:", "ジャンル ：") or without a letter ("* 0").
    An article never ends so; the list or the tags the label introduced were dropped."""
    for index in range(len(judged) - 1, -1, -1):
        line = judged[index]
        if not line.kept:
            continue
        text = line.text.rstrip()
        if _LETTER.search(text) and not text.endswith((":", "：")):
            return
        judged[index] = JudgedLine(line.number, line.text, DropReason.NAVIGATION, line.score,
                                   "trailing_label")


def comment_thread(verdicts: Sequence[Verdict | None]) -> range:
    """The lines between a page's first and last comment header ("Jane on May 3, 2019
    said:"): readers' comments, whatever their prose (empty if fewer than two headers)."""
    headers = [index for index, verdict in enumerate(verdicts)
               if verdict is not None and verdict.reason is DropReason.COMMENT]
    return range(headers[0] + 1, headers[-1]) if len(headers) >= 2 else range(0)


def first_paragraph(lines: Sequence[JudgedLine]) -> int | None:
    """Index of the article's first paragraph: the first kept, body-like line of at least
    MIN_FIRST_PARAGRAPH_WORDS words (None if there is none). The headline stands above it."""
    return next((i for i, line in enumerate(lines)
                 if line.kept and rules.word_count(line.text) >= MIN_FIRST_PARAGRAPH_WORDS
                 and rules.looks_like_body(line.text)), None)
