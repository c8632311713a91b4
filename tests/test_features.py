"""Features of a line in its page: where the comment section starts, and where the article ends."""

from __future__ import annotations

import pytest

from cleannews.lines import rules
from cleannews.lines.features import FEATURE_NAMES, RULE_NAMES, RULE_REASONS, line_features
from cleannews.lines.judge import judge_rules
from cleannews.lines.rules import LINE_RULES, DropReason, LineRule, Size, Verdict
from cleannews.lines.split import SourceLine

AFTER_COMMENTS = FEATURE_NAMES.index("after_comments")
PARAGRAPH = ("The city council voted on Tuesday to build protected cycling lanes on four of "
             "the busiest streets downtown, officials said.")
READER = "Great news, I have waited years for this and will ride to work every day."


def _after_comments(texts: list[str], reasons: list[Verdict | None] | None = None) -> list[float]:
    lines = [SourceLine(number, 0, text) for number, text in enumerate(texts, start=1)]
    vectors = line_features(lines, reasons or [None] * len(texts))
    return [float(v) for v in vectors[:, AFTER_COMMENTS]]


def test_lines_after_a_comments_heading_that_follows_the_text() -> None:
    texts = ["Menu", PARAGRAPH, PARAGRAPH + " More.", "[ 167 comments ]", "jdoe", READER]
    assert _after_comments(texts) == [0, 0, 0, 0, 1, 1]


def test_headings_in_other_languages_with_counts() -> None:
    assert _after_comments([PARAGRAPH, "Kommentare (3)", READER]) == [0, 0, 1]
    assert _after_comments([PARAGRAPH, "## Comentários", READER]) == [0, 0, 1]


def test_a_comments_link_above_the_text_opens_nothing() -> None:
    # A "Comments" link in the page header comes before the article's first paragraph.
    assert _after_comments(["Comments", "Menu", PARAGRAPH, READER]) == [0, 0, 0, 0]


def test_a_comment_header_opens_the_section() -> None:
    texts = [PARAGRAPH, "jdoe says:", READER]
    header = Verdict(DropReason.COMMENT, "is_comment_header")
    assert _after_comments(texts, [None, header, None]) == [0, 0, 1]


def test_a_sentence_about_comments_is_no_heading() -> None:
    texts = [PARAGRAPH, "The comments were made on Tuesday.", READER]
    assert _after_comments(texts) == [0, 0, 0]


IS_END_MARKER = FEATURE_NAMES.index("is_end_marker")


def _end_markers(texts: list[str]) -> list[float]:
    lines = [SourceLine(number, 0, text) for number, text in enumerate(texts, start=1)]
    return [float(v) for v in line_features(lines, [None] * len(texts))[:, IS_END_MARKER]]


def test_a_short_about_heading_ends_the_article_in_any_language() -> None:
    for heading in ("About Jane Doe", "### Über Moritz Bachmann", "#### Sobre Carlos Nadalim",
                    "About Us:", "À propos de Acme", "关于我们"):
        assert _end_markers([PARAGRAPH, heading, READER]) == [0, 1, 0], heading


def test_a_sentence_about_something_is_no_end_marker() -> None:
    sentence = "About two hundred people came to the meeting on Tuesday evening."
    assert _end_markers([PARAGRAPH, sentence, "Aboutique", READER]) == [0, 0, 0, 0]


AFTER_END_MARKER = FEATURE_NAMES.index("after_end_marker")


def test_a_box_of_links_inside_the_article_does_not_end_it() -> None:
    """The article ends at the last "Related" box, the one its paragraphs do not resume
    after; the first box is inside the article."""
    farm = ["Related articles", "* Plague outbreak hits the north", "* Mosquitos head west"]
    texts = [PARAGRAPH, PARAGRAPH + " Again.", PARAGRAPH + " Once more.", *farm,
             PARAGRAPH + " Later.", PARAGRAPH + " At last.", *farm, "Contact us"]
    reasons: list[Verdict | None] = [None] * len(texts)
    for start in (3, 8):
        reasons[start:start + 3] = [Verdict(DropReason.LINK_FARM, "link_farm_item")] * 3
    lines = [SourceLine(number, 0, text) for number, text in enumerate(texts, start=1)]
    after = [float(v) for v in line_features(lines, reasons)[:, AFTER_END_MARKER]]
    assert after == [0] * 9 + [1, 1, 1]


def _after_end_marker(texts: list[str], ruled: range = range(0)) -> list[float]:
    reasons: list[Verdict | None] = [
        Verdict(DropReason.LINK_FARM, "link_farm_item") if index in ruled else None
        for index in range(len(texts))]
    lines = [SourceLine(number, 0, text) for number, text in enumerate(texts, start=1)]
    return [float(v) for v in line_features(lines, reasons)[:, AFTER_END_MARKER]]


def test_the_article_resumes_after_a_box_and_a_subheading() -> None:
    """A box late in the story, its links not recognised as such, then a subheading and
    more paragraphs: the box is inside the article."""
    story = [f"{PARAGRAPH} Part {n}." for n in range(6)]
    texts = [*story[:4], "Further reading", "Winter storms and your home",
             "Why this winter is colder", "What happens next", *story[4:], "Contact us"]
    assert _after_end_marker(texts) == [0.0] * len(texts)


def test_teaser_cards_after_the_article_end_it() -> None:
    """After the end, cards alternate a headline and a one-sentence summary: body-like
    lines, but never two in a row."""
    story = [f"{PARAGRAPH} Part {n}." for n in range(4)]
    cards = ["Winter storms and your home", "Experts explain what to buy before the snow.",
             "Why this winter is colder", "Forecasters say the jet stream moved south."]
    texts = [*story, "Related articles", *cards]
    assert _after_end_marker(texts) == [0.0] * 5 + [1.0] * 4


# --- the vocabulary the rules and the classifier share -------------------------------------


def test_the_features_see_every_rules_verdict_and_only_those() -> None:
    """One ``near_`` feature per reason a rule drops a line for: every reason but the
    classifier's own, and every reason the line rules give."""
    assert set(RULE_REASONS) == set(DropReason) - {DropReason.CLASSIFIER}
    assert len(RULE_REASONS) == len(set(RULE_REASONS))
    assert {rule.reason for rule in LINE_RULES} <= set(RULE_REASONS)
    assert tuple(reason.value for reason in RULE_REASONS) == RULE_NAMES
    assert [name for name in FEATURE_NAMES if name.startswith("near_")] == [
        f"near_{reason.value}" for reason in RULE_REASONS]


def test_a_line_rules_name_is_its_predicate() -> None:
    for rule in LINE_RULES:
        assert getattr(rules, rule.name).__name__ == rule.name


@pytest.mark.parametrize("rule", LINE_RULES, ids=lambda rule: rule.name)
def test_a_line_rule_never_fires_past_its_size(rule: LineRule) -> None:
    """The judge skips a rule for a line past its size: the predicate must agree."""
    word = "x" if rule.size is Size.CHARS else "Word"
    line = "By " + " ".join([word] * (rule.limit + 1)) + " | March 3, 2024 said: cookies"
    bare = rules.bare(line)
    words = rules.word_count(bare)
    assert not rule.fits(len(bare), words)
    assert not rule.test(line, words, sum(map(str.isdigit, bare)))


def test_features_are_the_same_with_the_judges_counts() -> None:
    texts = ["Home > News", PARAGRAPH, "Share 4", READER]
    page = judge_rules("\n".join(texts))
    given = line_features(page.lines, page.verdicts, page.counts)
    assert (given == line_features(page.lines, page.verdicts)).all()
