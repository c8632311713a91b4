"""The cache of derived arrays (cleannews.cache): derived once, then read or mapped; a cache
that is damaged, cannot be written, or is turned off never changes a result."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cleannews import cache
from cleannews.lines import counts


class Deriver:
    """Derives two arrays and counts how often it was asked to."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, np.ndarray]:
        self.calls += 1
        return {"small": np.arange(5, dtype=np.uint16), "large": np.ones((300, 7), np.float32)}


def _get(derive: Deriver) -> dict[str, np.ndarray]:
    return cache.cached_arrays("test", "key-1", derive, ["small", "large"], mapped=["large"])


def _same(arrays: dict[str, np.ndarray]) -> bool:
    expected = Deriver()()
    return all(np.array_equal(arrays[name], expected[name]) for name in expected)


@pytest.fixture
def root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CLEANNEWS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLEANNEWS_NO_CACHE", raising=False)
    return tmp_path


def test_derived_once_then_read_and_mapped(root: Path) -> None:
    derive = Deriver()
    assert _same(_get(derive))
    again = _get(derive)
    assert derive.calls == 1
    assert _same(again)
    assert isinstance(again["large"], np.memmap)
    assert not isinstance(again["small"], np.memmap)
    assert sorted(path.name for path in (root / "test").iterdir()) == ["key-1"]


def test_a_damaged_entry_is_derived_again(root: Path) -> None:
    derive = Deriver()
    _get(derive)
    large = root / "test" / "key-1" / "large.npy"
    large.write_bytes(large.read_bytes()[:200])
    assert _same(_get(derive))
    assert derive.calls == 2
    assert _same(_get(derive)) and derive.calls == 2  # and stored whole again
    assert not list((root / "test").glob(".partial-*"))


def test_a_cache_that_cannot_be_written_is_skipped(root: Path, monkeypatch) -> None:
    blocker = root / "blocked"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("CLEANNEWS_CACHE_DIR", str(blocker))
    derive = Deriver()
    assert _same(_get(derive)) and _same(_get(derive))
    assert derive.calls == 2
    assert blocker.read_text().startswith("a file")


def test_turned_off(root: Path, monkeypatch) -> None:
    monkeypatch.setenv("CLEANNEWS_NO_CACHE", "1")
    assert cache.cache_dir() is None
    derive = Deriver()
    assert _same(_get(derive)) and _same(_get(derive))
    assert derive.calls == 2
    assert not list(root.iterdir())
    monkeypatch.setenv("CLEANNEWS_NO_CACHE", "0")
    assert cache.cache_dir() == root


def test_the_default_cache_is_the_users(monkeypatch) -> None:
    import platformdirs

    monkeypatch.delenv("CLEANNEWS_CACHE_DIR", raising=False)
    monkeypatch.delenv("CLEANNEWS_NO_CACHE", raising=False)
    assert cache.cache_dir() == Path(platformdirs.user_cache_dir("cleannews", appauthor=False))


def test_the_character_table_read_back_is_the_one_built(root: Path) -> None:
    built = counts._char_flags("".join(map(chr, range(0x10000))))
    for _ in range(2):  # built and stored, then read
        counts._table.cache_clear()
        assert np.array_equal(counts._table(), built)
    assert len(list(root.glob("characters/*/flags.npy"))) == 1
    counts._table.cache_clear()
