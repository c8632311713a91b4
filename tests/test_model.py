"""The line classifier: the shipped model files, their checks, and deterministic inference."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

import numpy as np
import pytest

from cleannews.errors import CleannewsError
from cleannews.lines import headline, model
from cleannews.lines.features import FEATURE_NAMES, line_features
from cleannews.lines.headline import HEADLINE_FINGERPRINT, HeadlineModel
from cleannews.lines.model import (
    FINGERPRINT,
    FLAT_MODEL_RESOURCE,
    MODEL_RESOURCE,
    RULES_ONLY,
    SMOOTHING_NAMES,
    LineModel,
    ModelFileError,
    load_default_model,
    load_flat_model,
    smoothing_inputs,
)
from cleannews.lines.rules import DropReason, Verdict
from cleannews.lines.split import SourceLine

PAGE = [
    "Home > News",
    "Menu",
    "Cycling lanes approved for downtown streets",
    "The city council voted on Tuesday to build protected cycling lanes on four of the "
    "busiest streets downtown, officials said.",
    "Construction is expected to begin in the spring and to last about eighteen months.",
    "Share 4",
    "Privacy Policy",
]
LINES = [SourceLine(number, 0, text) for number, text in enumerate(PAGE, start=1)]
REASONS: list[Verdict | None] = [
    Verdict(DropReason.NAVIGATION, "is_breadcrumb"), None, None, None, None,
    Verdict(DropReason.REACTION_COUNTER, "is_reaction_counter"), None,
]
# One term of an explanation: a feature name (or "context") and its signed contribution.
_TERM = re.compile(r"(\w+?)([+-]\d+\.\d{2})")


def _shipped(name: str = MODEL_RESOURCE) -> dict[str, Any]:
    resource = resources.files("cleannews.lines").joinpath(name)
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", [MODEL_RESOURCE, FLAT_MODEL_RESOURCE])
def test_shipped_model_names_exactly_this_versions_features(name: str) -> None:
    data = _shipped(name)
    assert data["fingerprint"] == FINGERPRINT
    assert set(data["features"]) == set(FEATURE_NAMES)
    assert data["smoothing"], "the shipped model has at least one smoothing stage"
    for stage in data["smoothing"]:
        assert set(stage["weights"]) == set(SMOOTHING_NAMES)
        assert stage["forest"]["columns"] == list(SMOOTHING_NAMES)


@pytest.mark.parametrize("load", [load_default_model, load_flat_model])
def test_shipped_model_loads(load: Callable[[], LineModel]) -> None:
    model = load()
    assert type(model) is LineModel  # not the RULES_ONLY stand-in
    assert len(model.feature_weights) == len(FEATURE_NAMES)
    assert all(len(stage.weights) == len(SMOOTHING_NAMES) for stage in model.smoothing)
    assert all(stage.forest is not None and stage.forest_share > 0 for stage in model.smoothing)
    assert 0.0 < model.threshold < 1.0
    assert load() is model  # loaded once per process


def test_the_flat_model_is_a_model_of_its_own() -> None:
    assert load_flat_model().feature_weights != load_default_model().feature_weights


def test_smoothing_inputs_match_the_names() -> None:
    vectors = line_features(LINES, REASONS)
    assert all(len(v) == len(FEATURE_NAMES) for v in vectors)
    rows = smoothing_inputs([0.0] * len(PAGE), vectors)
    assert all(len(row) == len(SMOOTHING_NAMES) for row in rows)


def test_the_smoothing_stage_sees_each_list_as_a_whole() -> None:
    """Every item of a list gets the list's mean stage-one probability and its length; a
    line outside lists keeps its own probability and counts no items."""
    texts = ["The council met.", "* One", "* Two", "Between them.", "* Three"]
    lines = [SourceLine(number, 0, text) for number, text in enumerate(texts, start=1)]
    logits = [0.0, 2.0, -2.0, 1.0, 3.0]
    rows = smoothing_inputs(logits, line_features(lines, [None] * len(texts)))
    means = rows[:, SMOOTHING_NAMES.index("list_mean_probability")]
    items = rows[:, SMOOTHING_NAMES.index("list_log_items")]
    probabilities = 1 / (1 + np.exp(-np.array(logits)))
    assert means == pytest.approx([0.5, 0.5, 0.5, probabilities[3], probabilities[4]])
    assert items == pytest.approx(np.log1p([0, 2, 2, 0, 1]))


@pytest.mark.parametrize("where", ["features", "smoothing"])
def test_model_with_a_missing_feature_is_refused(where: str) -> None:
    data = _shipped()
    if where == "features":
        del data["features"]["log_words"]
    else:
        del data["smoothing"][0]["weights"]["logit"]
    with pytest.raises(ValueError, match="retrain"):
        LineModel.from_dict(data)


def test_model_whose_trees_read_other_columns_is_refused() -> None:
    data = _shipped()
    data["smoothing"][0]["forest"]["columns"] = data["smoothing"][0]["forest"]["columns"][::-1]
    with pytest.raises(ValueError, match="retrain"):
        LineModel.from_dict(data)


def test_model_with_an_unknown_feature_is_refused() -> None:
    data = _shipped()
    data["features"]["no_such_feature"] = 1.0
    with pytest.raises(ValueError, match="retrain"):
        LineModel.from_dict(data)


def test_model_with_a_malformed_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="must be an object"):
        LineModel.from_dict({"features": [], "smoothing": []})


@pytest.mark.parametrize("fingerprint", [None, "0123456789abcdef"])
def test_model_fitted_for_other_features_or_rules_is_refused(fingerprint: str | None) -> None:
    """Same feature names, but a model file stamped for other features or rules (or not
    stamped at all) fails loudly instead of scoring with weights meant for something else."""
    data = _shipped()
    data["fingerprint"] = fingerprint
    with pytest.raises(ModelFileError, match="fitted for other features or rules"):
        LineModel.from_dict(data)


def test_headline_model_fitted_for_other_features_is_refused() -> None:
    data = _shipped(headline.MODEL_RESOURCE)
    assert data["fingerprint"] == HEADLINE_FINGERPRINT
    HeadlineModel.from_dict(data)
    data["fingerprint"] = "0123456789abcdef"
    with pytest.raises(ModelFileError, match="fitted for other features or rules"):
        HeadlineModel.from_dict(data)


def test_the_fingerprint_follows_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule's size limit is part of what a model was fitted for."""
    assert model.fingerprint(model.line_model_spec()) == FINGERPRINT
    first, *others = model.rules.LINE_RULES
    wider = dataclasses.replace(first, limit=first.limit + 1)
    monkeypatch.setattr(model.rules, "LINE_RULES", (wider, *others))
    assert model.fingerprint(model.line_model_spec()) != FINGERPRINT


@pytest.mark.parametrize("name", [MODEL_RESOURCE, FLAT_MODEL_RESOURCE, headline.MODEL_RESOURCE])
def test_a_missing_shipped_model_is_an_error(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never a silent fall-back to the rules alone: a broken installation says so."""

    class Missing:
        def joinpath(self, _name: str) -> Missing:
            return self

        def is_file(self) -> bool:
            return False

    monkeypatch.setattr(model.resources, "files", lambda _package: Missing())
    with pytest.raises(CleannewsError, match=f"{name} is missing"):
        model.read_shipped(name)


def test_threshold_defaults_to_one_half() -> None:
    data = _shipped()
    data.pop("threshold", None)
    assert LineModel.from_dict(data).threshold == 0.5
    data["threshold"] = "high"
    assert LineModel.from_dict(data).threshold == 0.5


def test_scores_are_probabilities_and_deterministic() -> None:
    model = load_default_model()
    first = model.score_lines(LINES, REASONS)
    second = LineModel.from_dict(_shipped()).score_lines(LINES, REASONS)
    assert first == second
    assert len(first) == len(PAGE)
    assert all(0.0 <= line.probability <= 1.0 for line in first)
    assert all(line.explanation == "" for line in first)
    # A line the rules dropped counts as confident boilerplate.
    assert first[0].probability < model.threshold
    assert first[5].probability < model.threshold


def test_scores_on_an_empty_page() -> None:
    assert load_default_model().score_lines([], []) == []


def test_explanation_names_features_and_context() -> None:
    scored = load_default_model().score_lines(LINES, REASONS, explain=True)
    for line in scored:
        terms = [_TERM.fullmatch(term) for term in line.explanation.split()]
        assert all(terms), line.explanation
        names = [term.group(1) for term in terms if term]
        assert names[-1] == "context"
        assert 1 <= len(names) - 1 <= 3
        assert all(name in FEATURE_NAMES and name != "bias" for name in names[:-1])


def test_rules_only_keeps_everything_the_rules_keep() -> None:
    scored = RULES_ONLY.score_lines(LINES, REASONS, explain=True)
    assert [line.probability for line in scored] == [1.0] * len(PAGE)
    assert all(line.probability >= RULES_ONLY.threshold for line in scored)
