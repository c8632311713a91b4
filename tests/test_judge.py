"""clean_lines: how the explicit rules work together on a page, and the classifier fallback.

Most tests judge with ``RULES_ONLY`` so that they state what the rules do whatever the
shipped model's weights are; the fallback test builds its own tiny model.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from cleannews.lines import DropReason, LinkFarm, clean_lines
from cleannews.lines.counts import PageCounts
from cleannews.lines.features import FEATURE_NAMES
from cleannews.lines.judge import FALLBACK_SCORE_FACTOR, decision_threshold
from cleannews.lines.model import (
    FINGERPRINT,
    RULES_ONLY,
    LineModel,
    ScoredLine,
    load_default_model,
    load_flat_model,
)
from cleannews.lines.rules import Verdict
from cleannews.lines.split import SourceLine, is_flat

BODY = [
    "The city council voted on Tuesday to build protected cycling lanes on four of the "
    "busiest streets downtown, officials said.",
    "Construction is expected to begin in the spring and to last about eighteen months, "
    "according to the transport department.",
    "Residents who spoke at the meeting were divided, with shop owners worried about losing "
    "parking spaces in front of their stores.",
    "The mayor said the plan would make the streets safer for children who cycle to school "
    "every morning.",
]
# A paragraph longer than any headline (MAX_TITLE_WORDS), so a repeat of it is a duplicate.
LONG_PARAGRAPH = (
    "The city council voted on Tuesday to build protected cycling lanes on four of the "
    "busiest streets downtown, officials said, after a debate that lasted more than six hours "
    "and drew hundreds of residents, shop owners and cycling advocates to the town hall on a "
    "rainy evening in late spring."
)
TITLE = "Cycling lanes approved for downtown streets"


def _reasons(text: str, model: LineModel = RULES_ONLY) -> list[tuple[str, DropReason | None]]:
    return [(line.text, line.reason) for line in clean_lines(text, model).lines]


def test_bulleted_link_farms_are_counted_per_heading() -> None:
    page = "\n".join([
        *BODY[:3],
        "Related",
        "* Snow closes schools and highways in northern China",
        "* Markets rally as central bank holds rates steady",
        "* Local team wins championship after dramatic final",
        "Most read",
        "- Ten things to do in the city this weekend",
        "- New museum opens its doors to the public",
    ])
    cleaned = clean_lines(page, RULES_ONLY)
    assert cleaned.link_farms == (LinkFarm("Related", 3), LinkFarm("Most read", 2))
    assert cleaned.kept == tuple(BODY[:3])
    assert all(line.reason is DropReason.LINK_FARM for line in cleaned.lines[3:])
    assert [line.detail for line in cleaned.lines[3:5]] == ["is_link_farm_heading",
                                                            "link_farm_item"]


def test_unbulleted_link_farm_of_headlines() -> None:
    page = "\n".join([
        *BODY[:3],
        "You may also like:",
        "Snow closes schools and highways in northern China",
        "Markets rally as central bank holds rates steady",
        "Local team wins championship after dramatic final",
    ])
    cleaned = clean_lines(page, RULES_ONLY)
    assert cleaned.link_farms == (LinkFarm("You may also like", 3),)
    assert cleaned.kept == tuple(BODY[:3])


def test_unbulleted_link_farm_ends_at_a_paragraph() -> None:
    page = "\n".join([
        BODY[0],
        "Lesen Sie auch",
        "Schnee legt Schulen und Autobahnen in Nordchina lahm",
        "Börsen legen nach Zinsentscheid der Notenbank zu",
        BODY[1],
    ])
    cleaned = clean_lines(page, RULES_ONLY)
    assert cleaned.link_farms == (LinkFarm("Lesen Sie auch", 2),)
    assert cleaned.kept == (BODY[0], BODY[1])


def test_dates_and_counters_between_links_belong_to_the_farm() -> None:
    page = "\n".join([
        BODY[0],
        "関連記事",
        "- 大雪で学校が休校に",
        "2024年2月13日",
        "- 日銀が金利を据え置き",
        "👍 12",
        "- 地元チームが優勝",
    ])
    cleaned = clean_lines(page, RULES_ONLY)
    assert cleaned.link_farms == (LinkFarm("関連記事", 3),)
    assert cleaned.kept == (BODY[0],)


def test_teaser_cards_belong_to_the_farm() -> None:
    # A card: its picture's caption as a bulleted link, a credit, then the headline on a
    # line of its own without a bullet (as lynx and others dump them).
    page = "\n".join([
        BODY[0],
        "Most read",
        "* Police officers stand outside the court in the city centre",
        "(AP Photo/Jane Doe)",
        "Court hears final arguments in fraud case",
        "* A hunter walks through the woods near the lake",
        "By Jane Doe",
        "Hunter records strange howl in northern woods",
    ])
    cleaned = clean_lines(page, RULES_ONLY)
    assert cleaned.link_farms == (LinkFarm("Most read", 4),)
    assert cleaned.kept == (BODY[0],)


def test_bulleted_farm_ends_at_an_unbulleted_paragraph() -> None:
    page = "\n".join([BODY[0], "Related", "* Snow closes schools and highways in China",
                      "* Markets rally as central bank holds rates", BODY[1]])
    cleaned = clean_lines(page, RULES_ONLY)
    assert cleaned.link_farms == (LinkFarm("Related", 2),)
    assert cleaned.kept == (BODY[0], BODY[1])


def test_related_heading_followed_by_paragraphs_is_not_a_link_farm() -> None:
    page = "\n".join([BODY[0], "Related", *BODY[1:]])
    cleaned = clean_lines(page, RULES_ONLY)
    assert cleaned.link_farms == ()
    assert DropReason.LINK_FARM not in {line.reason for line in cleaned.lines}
    assert cleaned.kept == (BODY[0], "Related", *BODY[1:])


def test_heading_with_a_single_item_is_not_a_link_farm() -> None:
    # One line after a "Related"-like heading is more likely the article's own subheading.
    page = "\n".join([BODY[0], "Recommended", "Snow closes schools and highways", BODY[1]])
    cleaned = clean_lines(page, RULES_ONLY)
    assert cleaned.link_farms == ()
    assert len(cleaned.kept) == 4


def test_repeated_title_with_site_name() -> None:
    page = "\n".join([f"{TITLE} - City Herald", "Home > News", TITLE, *BODY[:3]])
    cleaned = clean_lines(page, RULES_ONLY)
    assert _reasons(page)[:3] == [
        (f"{TITLE} - City Herald", DropReason.TITLE),
        ("Home > News", DropReason.NAVIGATION),
        (TITLE, DropReason.TITLE),
    ]
    assert cleaned.title_lines == (f"{TITLE} - City Herald", TITLE)
    assert cleaned.kept == tuple(BODY[:3])


def test_title_repeated_as_itself() -> None:
    page = "\n".join([TITLE, BODY[0], TITLE, BODY[1]])
    cleaned = clean_lines(page, RULES_ONLY)
    assert cleaned.title_lines == (TITLE, TITLE)
    assert cleaned.kept == (BODY[0], BODY[1])


def test_site_first_title() -> None:
    page = "\n".join([f"City Herald | {TITLE}", TITLE, *BODY[:2]])
    assert clean_lines(page, RULES_ONLY).title_lines == (f"City Herald | {TITLE}", TITLE)


def test_breadcrumb_glued_to_the_title_is_split() -> None:
    glued = f"Home > News{TITLE} - City Herald"
    page = "\n".join([glued, TITLE, *BODY[:3]])
    cleaned = clean_lines(page, RULES_ONLY)
    assert [(line.number, line.text, line.reason) for line in cleaned.lines[:3]] == [
        (1, "Home > News", DropReason.NAVIGATION),
        (1, f"{TITLE} - City Herald", DropReason.TITLE),
        (2, TITLE, DropReason.TITLE),
    ]
    assert cleaned.kept == tuple(BODY[:3])


def test_line_containing_a_nearby_line_after_prose_is_not_split() -> None:
    # Only a breadcrumb before the repeated text marks a glued line.
    line = f"Officials said that {TITLE} was the headline of the day"
    page = "\n".join([line, TITLE, BODY[0]])
    texts = [judged.text for judged in clean_lines(page, RULES_ONLY).lines]
    assert texts == [line, TITLE, BODY[0]]


def test_tagline_only_in_the_header() -> None:
    page = "\n".join([
        "Quantitative Research Center View",
        *BODY[:2],
        "Quarterly Market Outlook Report",  # the same shape, after the first paragraph
        *BODY[2:],
    ])
    reasons = _reasons(page)
    assert reasons[0] == ("Quantitative Research Center View", DropReason.TAGLINE)
    assert ("Quarterly Market Outlook Report", None) in reasons
    assert [r for _, r in reasons].count(DropReason.TAGLINE) == 1


def test_duplicate_long_paragraph_is_dropped_once() -> None:
    page = "\n".join([LONG_PARAGRAPH, BODY[1], BODY[2], LONG_PARAGRAPH, BODY[3], LONG_PARAGRAPH])
    reasons = _reasons(page)
    assert reasons[0] == (LONG_PARAGRAPH, None)
    assert reasons[3] == (LONG_PARAGRAPH, DropReason.DUPLICATE)
    assert reasons[5] == (LONG_PARAGRAPH, DropReason.DUPLICATE)
    assert clean_lines(page, RULES_ONLY).kept == (LONG_PARAGRAPH, *BODY[1:])


def test_duplicate_paragraph_on_a_page_with_a_title() -> None:
    page = "\n".join([f"{TITLE} - City Herald", TITLE, BODY[0], BODY[1], BODY[0]])
    assert [r for _, r in _reasons(page)] == [
        DropReason.TITLE, DropReason.TITLE, None, None, DropReason.DUPLICATE]


def test_short_repeated_lines_are_not_duplicates() -> None:
    page = "\n".join([BODY[0], "Key points", BODY[1], "Key points", BODY[2]])
    assert DropReason.DUPLICATE not in {r for _, r in _reasons(page)}


def test_duplicate_paragraph_on_a_page_without_a_title() -> None:
    page = "\n".join([BODY[0], BODY[1], BODY[2], BODY[0]])
    assert [r for _, r in _reasons(page)] == [None, None, None, DropReason.DUPLICATE]


class _FirstLineLowModel(LineModel):
    """Scores the page's first line 0.1 and every other line 0.9."""

    def score_lines(self, lines: Sequence[SourceLine], verdicts: Sequence[Verdict | None],
                    counts: PageCounts | None = None, explain: bool = False,
                    ) -> list[ScoredLine]:
        return [ScoredLine(0.9 if index else 0.1, "") for index in range(len(lines))]


def test_a_repeated_paragraph_keeps_the_copy_the_classifier_keeps() -> None:
    # A lede printed twice: its first copy sits in the page header, where the classifier
    # drops it; the copy in the article is kept, not dropped as a duplicate of it.
    page = "\n".join([LONG_PARAGRAPH, BODY[1], LONG_PARAGRAPH, BODY[2], LONG_PARAGRAPH])
    cleaned = clean_lines(page, _FirstLineLowModel((), (), 0.5))
    assert [line.reason for line in cleaned.lines] == [
        DropReason.CLASSIFIER, None, None, None, DropReason.DUPLICATE]
    assert cleaned.kept == (BODY[1], LONG_PARAGRAPH, BODY[2])


def _words_model() -> LineModel:
    """A model that likes long lines but is never confident: every score is below 0.5."""
    weights = dict.fromkeys(FEATURE_NAMES, 0.0)
    weights["bias"], weights["log_words"] = -8.0, 1.0
    return LineModel.from_dict({"fingerprint": FINGERPRINT, "features": weights,
                                "smoothing": [], "threshold": 0.5})


def test_fallback_keeps_the_best_lines_when_the_model_would_keep_nothing() -> None:
    model = _words_model()
    short = "Two words"
    page = "\n".join([short, BODY[0], BODY[1], "Home > News"])
    cleaned = clean_lines(page, model)
    scores = [line.score for line in cleaned.lines if line.reason is not DropReason.NAVIGATION]
    assert all(score is not None and score < model.threshold for score in scores)
    assert cleaned.lines[-1].score is None  # a rule decided
    assert cleaned.kept == (BODY[0], BODY[1])
    assert [line.reason for line in cleaned.lines] == [
        DropReason.CLASSIFIER, None, None, DropReason.NAVIGATION]


def test_a_line_that_is_all_link_text_is_navigation() -> None:
    """In a dump that shows links, a line that is one link is a menu entry or another
    page's headline, whatever the classifier thinks; a link inside a sentence is not."""
    page = "\n".join([
        BODY[0],
        "[Council approves the new budget for schools](https://example.com/budget)",
        "* [Weather](https://example.com/weather)",
        "Read [the transport department's plan](https://example.com/plan) for the details "
        "of every street.",
        "[14]Council approves the budget",
    ])
    cleaned = clean_lines(page, RULES_ONLY, explain=True)
    verdicts = [(line.reason, line.detail) for line in cleaned.lines]
    assert verdicts[1] == verdicts[4] == (DropReason.NAVIGATION, "link_line")
    assert cleaned.lines[1].score is not None  # the classifier's score is still reported
    assert verdicts[2][0] is None  # a bullet is not link text: the share is 0.67
    assert [line.reason for line in cleaned.lines[:4:3]] == [None, None]


def test_a_terminal_browsers_form_controls_are_navigation() -> None:
    """lynx draws buttons, frames and input fields; their labels are not the article's."""
    page = "\n".join([
        BODY[0],
        "(BUTTON) Subscribe to our newsletter",
        "IFRAME: https://w.soundcloud.com/player/?url=https://soundcloud.com/a",
        "____________________ ____________",
        "Press the red button (BUTTON) to stop the machine, the manual says.",
    ])
    cleaned = clean_lines(page, RULES_ONLY, explain=True)
    verdicts = [(line.reason, line.detail) for line in cleaned.lines]
    assert verdicts[1:4] == [(DropReason.NAVIGATION, "is_form_control")] * 3
    assert [verdicts[0][0], verdicts[4][0]] == [None, None]


def test_prose_between_comment_headers_is_a_comment() -> None:
    """A long reply can read like the article; between two comment headers it is a comment.
    A header with a one-word name and a date is a comment header, not a date line."""
    page = "\n".join([
        BODY[0],
        "Alex on September 17, 2018 at 6:34 am said:",
        BODY[1],
        BODY[2],
        "Catherine (GiveWell) on September 19, 2018 at 12:48 pm said:",
        BODY[3],
    ])
    cleaned = clean_lines(page, RULES_ONLY, explain=True)
    verdicts = [(line.reason, line.detail) for line in cleaned.lines]
    assert verdicts[0] == (None, "")
    assert verdicts[1] == verdicts[4] == (DropReason.COMMENT, "is_comment_header")
    assert verdicts[2] == verdicts[3] == (DropReason.COMMENT, "in_comment_thread")
    # After the last header the thread's end is unknown: the classifier decides.
    assert verdicts[5][1] != "in_comment_thread"


def test_one_comment_header_makes_no_thread() -> None:
    page = "\n".join([BODY[0], "Gary M on September 17, 2018 at 8:50 pm said:", *BODY[1:]])
    reasons = [reason for _, reason in _reasons(page)]
    assert reasons == [None, DropReason.COMMENT, None, None, None]


def test_decision_threshold() -> None:
    # Confident somewhere: the model's own threshold stands.
    assert decision_threshold(0.5, [False, False], [0.2, 0.7]) == 0.5
    # Nowhere confident: a share of the best score among lines the rules left.
    assert decision_threshold(0.5, [False, False, True], [0.2, 0.3, 0.4]) == pytest.approx(
        0.3 * FALLBACK_SCORE_FACTOR)
    # Nothing left to the model.
    assert decision_threshold(0.5, [True], [0.1]) == 0.5


def test_explain_fills_detail() -> None:
    page = "\n".join([BODY[0], "Share 4", BODY[1]])
    plain = clean_lines(page)
    explained = clean_lines(page, explain=True)
    assert [line.reason for line in plain.lines] == [line.reason for line in explained.lines]
    assert explained.lines[1].detail == "is_reaction_counter"
    for line in (explained.lines[0], explained.lines[2]):
        assert "context" in line.detail
        assert len(line.detail.split()) >= 2  # at least one feature besides the context
    assert plain.lines[0].detail == ""


def test_bytes_are_refused() -> None:
    with pytest.raises(TypeError, match="decode bytes first"):
        clean_lines(b"Home > News")  # type: ignore[arg-type]


def test_empty_and_blank_text() -> None:
    assert clean_lines("").lines == ()
    assert clean_lines(" \n\t\n").kept == ()


def test_title_choice_is_the_same_in_every_run() -> None:
    """Two equally good title candidates: the choice must not depend on string hashing."""
    import os
    import subprocess
    import sys

    program = (
        "from cleannews.lines import clean_lines\n"
        "page = '\\n'.join(['Headline number one', 'Headline number two',\n"
        "    'Headline number one - Headline number two',\n"
        "    'The council voted on Tuesday to build twelve kilometres of protected bike lanes '\n"
        "    'across the city centre by the end of 2026, officials said.'])\n"
        "print(clean_lines(page).title_lines)\n"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                       check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1, outputs


def test_a_flattened_page_is_judged_by_the_flat_model() -> None:
    flat = " ".join(["Home News Sport Weather Contact", *BODY] * 4)
    assert is_flat(flat) and not is_flat("\n".join(BODY * 4))
    scores = [line.score for line in clean_lines(flat).lines]
    assert scores == [line.score for line in clean_lines(flat, load_flat_model()).lines]
    assert scores != [line.score for line in clean_lines(flat, load_default_model()).lines]


def test_labels_after_the_last_paragraph_are_dropped() -> None:
    page = "\n".join([BODY[0], "Key points:", BODY[1], BODY[2], "In this article:", "* 0"])
    cleaned = clean_lines(page, RULES_ONLY)
    assert cleaned.kept == (BODY[0], "Key points:", BODY[1], BODY[2])
    assert [line.detail for line in cleaned.lines[-2:]] == ["trailing_label"] * 2
