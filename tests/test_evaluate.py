"""The benchmark metric (shingle precision and recall) and the folder runner."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from evaluate import DocumentScore, main, score_document, score_folder, summarize

TEXT = "the council voted on tuesday to build new cycling lanes downtown"

# --- score_document --------------------------------------------------------------------


def test_identical_texts() -> None:
    assert score_document("a", TEXT, TEXT) == DocumentScore("a", 1.0, 1.0, 1.0)


def test_punctuation_and_spacing_do_not_count() -> None:
    predicted = "the council voted, on tuesday,\nto build new cycling lanes  downtown!"
    assert score_document("a", TEXT, predicted).f1 == 1.0


def test_tokens_are_case_sensitive() -> None:
    assert score_document("a", TEXT, TEXT.capitalize()).f1 < 1.0


def test_empty_prediction() -> None:
    assert score_document("a", TEXT, "") == DocumentScore("a", None, 0.0, 0.0)


def test_empty_gold() -> None:
    assert score_document("a", "", TEXT) == DocumentScore("a", 0.0, None, 0.0)


def test_both_empty() -> None:
    assert score_document("a", "", "") == DocumentScore("a", None, None, 1.0)
    assert score_document("a", "...", " ") == DocumentScore("a", None, None, 1.0)


def test_partial_prediction() -> None:
    # 11 tokens: 8 gold shingles; the first 6 tokens give 3 of them, all correct.
    score = score_document("a", TEXT, " ".join(TEXT.split()[:6]))
    assert score.precision == 1.0
    assert score.recall == pytest.approx(3 / 8)
    assert score.f1 == pytest.approx(2 * 3 / (2 * 3 + 0 + 5))


def test_repeated_prediction_counts_twice() -> None:
    score = score_document("a", TEXT, f"{TEXT} {TEXT}")
    assert score.recall == 1.0
    assert score.precision is not None and score.precision < 0.5


@pytest.mark.parametrize(("gold", "predicted", "f1"), [
    ("hello", "hello", 1.0),
    ("two words", "two words", 1.0),
    ("one two three", "one two three", 1.0),
    ("one two three four", "one two three four", 1.0),
    ("hello", "goodbye", 0.0),
    # A text of up to four tokens is one shingle: a part of it, or more, is no match.
    ("one two three", "one two", 0.0),
    ("one two three", "one two three four five", 0.0),
])
def test_short_texts(gold: str, predicted: str, f1: float) -> None:
    assert score_document("a", gold, predicted).f1 == f1


# --- summarize -------------------------------------------------------------------------


def test_summarize_leaves_empty_outputs_out_of_precision() -> None:
    scores = [
        DocumentScore("a", 1.0, 1.0, 1.0),
        DocumentScore("b", None, 0.0, 0.0),  # nothing extracted
        DocumentScore("c", 0.5, 0.5, 0.5),
    ]
    summary = summarize(scores)
    assert summary.documents == 3
    assert summary.empty == 1
    assert summary.precision == pytest.approx(0.75)
    assert summary.recall == pytest.approx(0.5)
    assert summary.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_summarize_edge_cases() -> None:
    empty = summarize([])
    assert (empty.documents, empty.precision, empty.recall, empty.f1, empty.empty) == (
        0, 0.0, 0.0, 0.0, 0)
    nothing = summarize([DocumentScore("a", None, 0.0, 0.0)])
    assert (nothing.precision, nothing.recall, nothing.f1, nothing.empty) == (0.0, 0.0, 0.0, 1)
    no_gold = summarize([DocumentScore("a", 1.0, None, 1.0)])
    assert (no_gold.precision, no_gold.recall, no_gold.f1) == (1.0, 0.0, 0.0)


# --- score_folder and main -------------------------------------------------------------

BODY = [
    "The city council voted on Tuesday to build protected cycling lanes on four of the "
    "busiest streets downtown, officials said.",
    "Construction is expected to begin in the spring and to last about eighteen months, "
    "according to the transport department.",
]


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    """A benchmark folder of three documents; the third has no text dump."""
    folder = tmp_path / "toybench"
    dumps = folder / "text-x"
    dumps.mkdir(parents=True)
    gold = [
        {"id": "doc1", "text": "\n".join(BODY), "url": "https://example.com/1"},
        {"id": "doc2", "text": BODY[1]},
        {"id": "doc3", "text": BODY[0]},
    ]
    (folder / "gold.jsonl").write_text(
        "".join(json.dumps(row) + "\n" for row in gold) + "\n", encoding="utf-8")
    (dumps / "doc1.txt.gz").write_bytes(gzip.compress("\n".join(["Home > News", *BODY]).encode()))
    (dumps / "doc2.txt").write_bytes(f"{BODY[1]}\nShare 4\n".encode())
    return folder


def test_score_folder(bench: Path, tmp_path: Path) -> None:
    saved = tmp_path / "out" / "predictions.jsonl"
    scores = score_folder("cleannews", bench, "text-x", save_to=saved)
    assert [s.id for s in scores] == ["doc1", "doc2", "doc3"]
    assert scores[0] == DocumentScore("doc1", 1.0, 1.0, 1.0)
    assert scores[1] == DocumentScore("doc2", 1.0, 1.0, 1.0)
    assert scores[2] == DocumentScore("doc3", None, 0.0, 0.0)  # no input: empty output
    rows = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["doc1", "doc2", "doc3"]
    assert rows[0]["text"] == "\n".join(BODY)
    assert rows[2]["text"] == ""


def test_main_prints_one_row_per_input_kind(bench: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(bench), "--save-dir", str(tmp_path / "saved"), "--per-doc", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["set", "input", "extractor"]
    row = lines[1].split()
    assert row[:4] == ["toybench", "text-x", "cleannews", "3"]
    # F1 of mean precision 1.0 (two non-empty outputs) and mean recall 2/3.
    assert float(row[4]) == pytest.approx(0.8, abs=0.001)
    assert int(row[7]) == 1
    assert "doc3" in lines[2]  # the worst document
    assert (tmp_path / "saved" / "toybench.text-x.cleannews.jsonl").is_file()


def test_main_inputs_filter(bench: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(bench), "--inputs", "html"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1  # the header only
