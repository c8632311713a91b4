"""Training the line classifier and the headline picker: labels from gold, deterministic fits."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cleannews.lines.features import FEATURE_NAMES, line_features
from cleannews.lines.headline import HEADLINE_FEATURES, HeadlineModel, headline_candidates
from cleannews.lines.judge import clean_lines, judge_rules
from cleannews.lines.model import FINGERPRINT, SMOOTHING_NAMES, LineModel, ruled_lines
from cleannews.lines.trees import Forest
from cleannews.lines.windows import sigmoid

from train import (
    FOREST_DEPTH,
    FOREST_MIN_LEAF_LINES,
    Page,
    TitledPage,
    fit_forest,
    fit_headline_model,
    fit_model,
    gold_without_title,
    line_labels,
    load_flat_pages,
)

TITLE = "Cycling lanes approved"
FIRST = "The city council voted on Tuesday to build protected cycling lanes downtown."
SECOND = "Construction will begin in the spring and last eighteen months."
GOLD = f"{TITLE}. {FIRST} Key points. {SECOND}"


def test_gold_without_title_drops_a_leading_headline() -> None:
    tokens = gold_without_title(GOLD, TITLE)
    assert tokens[:3] == ["The", "city", "council"]
    assert tokens[-1] == "months"


@pytest.mark.parametrize("title", [None, "", "Something else entirely", "lanes approved"])
def test_gold_without_title_keeps_the_gold_otherwise(title: str | None) -> None:
    assert gold_without_title(GOLD, title)[:3] == ["Cycling", "lanes", "approved"]


def test_line_labels() -> None:
    texts = [
        "Home",
        "Key points",  # short, in the gold, but far from any body line
        "Menu",
        "Subscribe now",
        "Sign in",
        FIRST,
        "Key points",  # short, in the gold, next to a body line
        SECOND,
        FIRST,  # the gold has it once: a repeat is boilerplate
        "Share this",
        "Footer text with a few links",
    ]
    labels = line_labels(texts, gold_without_title(GOLD, TITLE))
    assert labels == [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0]


def test_line_labels_long_line_needs_most_of_its_shingles() -> None:
    gold = gold_without_title(GOLD, TITLE)
    half_covered = "The city council voted on a completely different matter of no importance."
    assert line_labels([half_covered], gold) == [0.0]
    assert line_labels([FIRST.replace("downtown", "uptown")], gold) == [1.0]


def test_line_labels_edge_cases() -> None:
    assert line_labels([], ["a", "b"]) == []
    assert line_labels(["Some words here and more words"], []) == [0.0]
    assert line_labels(["!!!", "---"], ["a", "b", "c", "d"]) == [0.0, 0.0]


def _page(number: int) -> Page:
    """A small synthetic page: menu lines, a few body paragraphs, a related-links block."""
    body = [
        f"The council of town number {number} voted on Tuesday to build new cycling lanes, "
        "officials said.",
        f"Work in town {number} will start in spring and is expected to last many months, "
        "the department said.",
        "Shop owners were worried about losing parking spaces in front of their stores, "
        "residents said.",
    ][: 2 + number % 2]
    texts = [
        "Home", "News", "Sport", "Login",
        *body,
        "Share this", "Privacy Policy", "Contact us",
        "Snow closes schools in the north", "Markets rally as rates hold",
    ]
    gold = " ".join(body)
    ruled = judge_rules("\n".join(texts))
    line_texts = [line.text for line in ruled.lines]
    vectors = line_features(ruled.lines, ruled.verdicts, ruled.counts)
    labels = line_labels(line_texts, gold_without_title(gold, None))
    return Page(f"page-{number}", "toy/text-x", line_texts, ruled_lines(ruled.verdicts), vectors,
                labels, gold)


@pytest.fixture(scope="module")
def pages() -> list[Page]:
    return [_page(number) for number in range(6)]


def test_fit_model_gives_a_loadable_deterministic_model(pages: list[Page]) -> None:
    model = fit_model(pages)
    assert model == fit_model(pages)  # the same data gives the same file
    assert set(model["features"]) == set(FEATURE_NAMES)
    assert [set(stage["weights"]) for stage in model["smoothing"]] == [set(SMOOTHING_NAMES)]
    assert [stage["forest"]["columns"] for stage in model["smoothing"]] == [
        list(SMOOTHING_NAMES)]
    assert model["trained_on"] == ["toy/text-x"]
    assert model["lines"] == sum(int((~p.ruled).sum()) for p in pages)
    assert model["fingerprint"] == FINGERPRINT
    line_model = LineModel.from_dict(model)
    page = pages[0]
    _, logits = line_model.logits(page.vectors, page.ruled)
    kept = (sigmoid(logits) >= line_model.threshold).tolist()
    # On its own training data the toy model separates body from menu lines.
    assert kept == [bool(label) for label in page.labels]


def test_fit_model_without_smoothing(pages: list[Page]) -> None:
    model = fit_model(pages, smoothing_stages=0)
    assert model["smoothing"] == []
    assert LineModel.from_dict(model).smoothing == ()


def test_fit_model_without_trees(pages: list[Page]) -> None:
    model = fit_model(pages, forest_trees=0)
    assert [set(stage) for stage in model["smoothing"]] == [{"weights"}]
    assert LineModel.from_dict(model).smoothing[0].forest is None


def test_exported_forest_scores_like_scikit_learn() -> None:
    """The trees written to the model file give scikit-learn's own decision values."""
    from sklearn import ensemble as sklearn
    rng = np.random.default_rng(0)
    x = np.column_stack((np.ones(600), rng.normal(size=(600, 3))))
    y = ((x[:, 1] > 0.2) ^ (x[:, 2] * x[:, 3] > 0.5)).astype(float)
    weights = rng.uniform(0.5, 2.0, size=600)
    exported = fit_forest(x, y, weights, trees=20)
    assert exported == fit_forest(x, y, weights, trees=20)
    forest = Forest.from_dict(exported)
    reference = sklearn.HistGradientBoostingClassifier(
        max_iter=20, max_depth=FOREST_DEPTH, learning_rate=0.1, l2_regularization=1.0,
        min_samples_leaf=FOREST_MIN_LEAF_LINES, early_stopping=False, random_state=0,
    ).fit(x[:, 1:], y, sample_weight=weights)
    assert forest.depth >= 2  # the trees did split
    assert np.allclose(forest.decision(x), reference.decision_function(x[:, 1:]), atol=1e-5)


# --- the headline picker ------------------------------------------------------------------

def _titled(number: int) -> TitledPage:
    """A toy page whose headline stands above a byline, below a menu entry."""
    headline = f"Town {number} approves new cycling lanes"
    page = "\n".join(["Home", "Sign up for our newsletter today", headline,
                      "By Jane Doe", f"{FIRST} {SECOND}"])
    return TitledPage(f"page-{number}", "toy/text-x",
                      headline_candidates(clean_lines(page)), headline)


def test_fit_headline_model_gives_a_loadable_deterministic_model() -> None:
    pages = [_titled(number) for number in range(8)]
    model = fit_headline_model(pages)
    assert model == fit_headline_model(pages)
    assert set(model["features"]) == set(HEADLINE_FEATURES)
    assert (model["trained_on"], model["pages"]) == (["toy/text-x"], 8)
    picker = HeadlineModel.from_dict(model)
    picked = [best.text if (best := picker.best(p.candidates)) else None for p in pages]
    assert picked == [p.title for p in pages]


def test_fit_headline_model_without_pages_is_neutral() -> None:
    model = fit_headline_model([])
    assert set(model["features"]) == set(HEADLINE_FEATURES)
    assert set(model["features"].values()) == {0.0}


def test_flat_pages_are_made_from_the_html_and_short_pages_left_out(tmp_path: Path) -> None:
    """The flat model learns from each page's HTML flattened to one line; a page too short
    to be taken for flattened is judged by the line model, so it is not learnt from."""
    story = " ".join(f"The council met on day {n} and voted to build more bike lanes."
                     for n in range(30))
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "long.html").write_text(
        f"<nav><a>Home</a> <a>News</a></nav><article><p>{story}</p></article>")
    (tmp_path / "html" / "short.html").write_text("<p>Home</p><p>A short note.</p>")
    (tmp_path / "gold.jsonl").write_text(
        json.dumps({"id": "long", "text": story}) + "\n"
        + json.dumps({"id": "short", "text": "A short note."}) + "\n")
    pages = load_flat_pages([tmp_path], jobs=1)
    assert [(page.id, page.folder) for page in pages] == [("long", f"{tmp_path.name}/flat")]
    texts = pages[0].texts
    # Cut into sentences; the menu stays glued to the first, which is still mostly story.
    assert len(texts) == 30 and texts[0].startswith("Home News The council met on day 0")
    assert pages[0].labels == [1.0] * 30
