"""Language identification: py3langid's model read into memory, with py3langid's answers."""

from __future__ import annotations

import tempfile

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
