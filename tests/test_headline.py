"""The learned headline picker for text pages (cleannews.lines.headline)."""

from __future__ import annotations

import pytest

from cleannews.lines import DropReason, clean_lines
from cleannews.lines.headline import (
    HEADLINE_FEATURES,
    HeadlineModel,
    headline_candidates,
    load_default_headline_model,
    page_headline,
    pick_headline,
    without_headline,
)

from train import normalise

_ARTICLE = ("The council voted on Tuesday to build twelve kilometres of protected bike lanes "
            "across the city centre by the end of 2026.")
_ARTIKEL = ("Der Stadtrat hat am Dienstag beschlossen, bis Ende 2026 zwölf Kilometer geschützte "
            "Radwege in der Innenstadt zu bauen.")


def test_candidates_stand_above_the_first_paragraph_nearest_first() -> None:
    page = "\n".join(["Home > News", "Council approves new bike lanes", "By Jane Doe",
                      "Read the full plan here", _ARTICLE, "Related stories in the city"])
    cleaned = clean_lines(page)
    first = cleaned.first_paragraph
    assert first is not None and cleaned.lines[first].text == _ARTICLE
    candidates = headline_candidates(cleaned)
    assert [c.text for c in candidates] == ["Read the full plan here",
                                            "Council approves new bike lanes"]
    assert all(len(c.features) == len(HEADLINE_FEATURES) for c in candidates)


def test_lines_the_rules_recognised_are_no_candidates() -> None:
    page = "\n".join(["Current: Home > Politics > City", "March 3, 2024", "By Jane Doe",
                      "Share 12", _ARTICLE])
    cleaned = clean_lines(page)
    assert {line.reason for line in cleaned.lines[:4]} >= {DropReason.NAVIGATION,
                                                           DropReason.DATE_LINE}
    assert headline_candidates(cleaned) == []
    assert pick_headline(cleaned) is None


def test_no_first_paragraph_no_candidates() -> None:
    cleaned = clean_lines("Home\nNews\nContact us\nCouncil approves new bike lanes")
    assert cleaned.first_paragraph is None
    assert headline_candidates(cleaned) == []


@pytest.mark.parametrize(("lines", "headline"), [
    (["Menu", "Council approves new bike lanes", "By Jane Doe", _ARTICLE],
     "Council approves new bike lanes"),
    (["Startseite Politik Wirtschaft", "Stadtrat beschließt neue Radwege", "Von Anna Schmidt",
      "3. März 2024", _ARTIKEL], "Stadtrat beschließt neue Radwege"),
])
def test_picks_the_headline_above_byline_and_date(lines: list[str], headline: str) -> None:
    assert pick_headline(clean_lines("\n".join(lines))) == headline


def test_the_headline_names_what_the_article_is_about() -> None:
    """A call to action right above the first paragraph shares none of the article's words;
    the headline further up shares several."""
    headline = "Council approves new bike lanes downtown"
    page = "\n".join(["Menu", headline, "March 3, 2024",
                      "Get our weekly newsletter in your inbox", _ARTICLE])
    cleaned = clean_lines(page)
    overlap = HEADLINE_FEATURES.index("body_overlap")
    shares = {c.text: c.features[overlap] for c in headline_candidates(cleaned)}
    assert shares["Get our weekly newsletter in your inbox"] == 0.0
    assert shares[headline] >= 0.5
    assert pick_headline(cleaned) == headline


def test_a_headline_loses_the_site_or_section_beside_its_bar() -> None:
    headline = "Council approves new bike lanes downtown"
    page = "\n".join(["Menu", f"{headline} | Opinion", "March 3, 2024", _ARTICLE])
    cleaned = clean_lines(page)
    assert page_headline(cleaned) == headline
    # The line stays out of the text as the title.
    assert without_headline(cleaned, headline).kept == (_ARTICLE,)


def test_shipped_model_names_this_versions_features() -> None:
    model = load_default_headline_model()
    assert model is not None and len(model.weights) == len(HEADLINE_FEATURES)


def test_model_file_for_other_features_is_refused() -> None:
    with pytest.raises(ValueError, match="retrain"):
        HeadlineModel.from_dict({"features": {"bias": 1.0}})


def test_best_of_equals_is_the_nearest() -> None:
    page = "\n".join(["Council approves new bike lanes", "Council approves new bike lanes",
                      _ARTICLE])
    cleaned = clean_lines(page)
    flat = HeadlineModel(tuple(0.0 for _ in HEADLINE_FEATURES))
    best = flat.best(headline_candidates(cleaned))
    assert best is not None and best.index == 1
    assert flat.best([]) is None


def test_normalise_compares_titles_loosely() -> None:
    assert normalise("  Council approves: new  bike-lanes! ") == "council approves new bike lanes"
