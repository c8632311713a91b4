"""The benchmark metric (shingle precision and recall) and the folder runner."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from evaluate import (
    DocumentScore,
    Prediction,
    main,
    same_authors,
    same_day,
    score_document,
    score_folder,
    score_metadata,
    summarize,
)

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


# --- metadata ----------------------------------------------------------------------------


@pytest.mark.parametrize(("gold", "found", "expected"), [
    (["Jane Doe"], "Jane Doe", (True, True)),
    (["Jane Doe"], "jane  DOE", (True, True)),  # case and spacing
    (["Zoë Ångström"], "Zoe Angstrom", (True, True)),  # accents
    (["Jane Doe", "John Roe"], "John Roe; Jane Doe", (True, True)),  # order of names
    (["Jane Doe", "John Roe"], "Jane Doe and John Roe", (True, True)),
    (["Jane Doe", "John Roe"], "Jane Doe", (False, True)),  # one of two
    (["Jane Doe"], "Jane Doe; Home", (False, True)),  # a menu item beside the name
    (["Jane Doe"], "Doe", (False, False)),  # part of a name is not the name
    (["Jane Doe"], None, (False, False)),
    ([], "Jane Doe", (False, False)),
])
def test_same_authors(gold: list[str], found: str | None, expected: tuple[bool, bool]) -> None:
    assert same_authors(gold, found) == expected


@pytest.mark.parametrize(("gold", "found", "expected"), [
    ("2024-05-03T15:47:42+02:00", "2024-05-03", True),
    ("2024-05-03T15:47:42+02:00", "2024-05-03T09:00:00", True),  # the time does not count
    ("2025-01-14T01:28:54+09:00", "2025-01-13", True),  # the same moment's day in UTC
    ("2025-01-14T01:28:54+09:00", "2025-01-15", False),
    ("2024-05-03", "2024-05-02", False),  # no offset: the day as written only
    ("2024-05-03", "03.05.2024", False),  # found dates are ISO 8601, as records give them
    ("2024-05-03", None, False),
])
def test_same_day(gold: str, found: str | None, expected: bool) -> None:
    assert same_day(gold, found) is expected


def test_score_metadata_counts_only_pages_whose_gold_has_the_field() -> None:
    gold = {"a": {"text": "", "title": "Storm hits coast"}, "b": {"text": ""}}
    metadata_gold: dict[str, dict[str, object]] = {
        "a": {"authors": ["Jane Doe"], "date": "2024-05-03T10:00:00+00:00"},
        "b": {"authors": [], "title": "Rain"},
    }
    found = {"a": Prediction("", "Storm Hits Coast", "Jane Doe", "2024-05-04"),
             "b": Prediction("", "Rain", "Home", None)}
    score = score_metadata(gold, metadata_gold, found)
    assert (score.titled, score.title_exact, score.title_loose) == (2, 1, 2)
    assert (score.authored, score.authors_same, score.authors_any) == (1, 1, 1)
    assert (score.dated, score.date_same) == (1, 0)


PAGE = (
    "<html lang='en'><head><title>Cycling lanes approved | City Post</title>"
    "<meta property='og:site_name' content='City Post'>"
    "<meta name='author' content='Jane Doe'>"
    "<meta property='article:published_time' content='2024-05-03T10:00:00+00:00'>"
    "</head><body><article><h1>Cycling lanes approved</h1>"
    + "".join(f"<p>{paragraph}</p>" for paragraph in BODY) + "</article></body></html>"
)


def test_main_metadata_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "newsbench"
    (folder / "html").mkdir(parents=True)
    (folder / "gold.jsonl").write_text(json.dumps(
        {"id": "p1", "text": "\n".join(BODY), "title": "Cycling lanes approved"}) + "\n",
        encoding="utf-8")
    (folder / "html" / "p1.html").write_text(PAGE, encoding="utf-8")
    metadata = tmp_path / "metadata.jsonl"
    metadata.write_text(json.dumps(
        {"id": "p1", "authors": ["Jane Doe"], "date": "2024-05-03T12:00:00+02:00"}) + "\n",
        encoding="utf-8")
    assert main([str(folder), "--metadata", str(metadata)]) == 0
    lines = capsys.readouterr().out.splitlines()
    table = lines[lines.index("") + 1:]
    assert table[0].split()[:2] == ["metadata", "(html)"]
    assert table[1].split() == ["newsbench", "cleannews", "1", "1.000", "1.000",
                                "1", "1.000", "1.000", "1", "1.000"]
