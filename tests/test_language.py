"""Language identification: py3langid's model unpacked once, cached and mapped, with py3langid's
answers."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from cleannews import language

SENTENCES = {
    "en": "The museum reopened on Monday after a two-year renovation of its halls.",
    "de": "Das Museum wurde am Montag nach zweijähriger Renovierung wiedereröffnet.",
    "fr": "Le musée a rouvert lundi après deux ans de travaux de rénovation.",
    "ja": "博物館は二年間の改修工事を経て月曜日に再開した。",
}


def test_the_model_loads_without_a_temporary_file(monkeypatch) -> None:
    """py3langid's own loader unpacks the model into a temporary file; ours never does, so a
    read-only or full /tmp, or a file-size limit, does not stop language identification."""
    pytest.importorskip("py3langid.modelio")  # 0.4's layout; 0.3 pickles its model

    def no_temporary_files(*args: object, **kwargs: object) -> None:
        raise OSError("no temporary files here")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_temporary_files)
    identifier = language._load_in_memory()
    assert identifier.classify(SENTENCES["de"])[0] == "de"


def test_answers_are_py3langids() -> None:
    import py3langid

    for code, sentence in SENTENCES.items():
        assert language.classify(sentence) == code
        assert language.identifier().classify(sentence) == py3langid.classify(sentence)


def test_a_model_in_another_layout_is_loaded_by_py3langid(monkeypatch) -> None:
    def other_layout() -> None:
        raise language.ModelLayoutError("a pickled model")

    monkeypatch.setattr(language, "_load_in_memory", other_layout)
    language.identifier.cache_clear()
    try:
        assert language.classify(SENTENCES["fr"]) == "fr"
    finally:
        language.identifier.cache_clear()


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """An empty cache folder, and an identifier loaded anew from it."""
    pytest.importorskip("py3langid.modelio")  # 0.4's layout; 0.3 pickles its model
    monkeypatch.setenv("CLEANNEWS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLEANNEWS_NO_CACHE", raising=False)
    language.identifier.cache_clear()
    yield tmp_path
    language.identifier.cache_clear()


def _cached_files(root: Path) -> list[Path]:
    return sorted(root.glob("language/*/*.npy"))


def _answers_are_py3langids() -> None:
    import py3langid

    language.identifier.cache_clear()
    for sentence in SENTENCES.values():
        assert language.identifier().classify(sentence) == py3langid.classify(sentence)


def test_the_model_is_unpacked_once_then_mapped(fresh: Path, monkeypatch) -> None:
    _answers_are_py3langids()
    files = _cached_files(fresh)
    assert {path.stem for path in files} == set(language._MEMBERS)

    def no_decompressing(path: Path) -> None:
        raise AssertionError("the model was decompressed again")

    monkeypatch.setattr(language, "_unpack", no_decompressing)
    _answers_are_py3langids()
    mapped = language.identifier().tk_nextmove  # type: ignore[attr-defined]
    assert isinstance(mapped.obj, np.memmap)
