"""clean_paths / expand_paths: many inputs, sorted walks, and failures isolated per file."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from cleannews.batch import clean_paths, expand_paths
from cleannews.pipeline import Options
from cleannews.records import ErrorRecord

BODY = ("The museum reopened on Monday after a two-year renovation that cost more than "
        "forty million euros, the city said.\n")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in ["b.txt", "a.txt", "sub/z.txt", "sub/c.txt", "A.txt", ".hidden.txt",
                 ".git/config", "sub/.cache/x.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BODY, encoding="utf-8")
    return tmp_path


def test_directory_walk_is_sorted_and_skips_hidden(tree: Path) -> None:
    names = [str(Path(p).relative_to(tree)) for p in expand_paths([str(tree)])]
    assert names == ["A.txt", "a.txt", "b.txt", "sub/c.txt", "sub/z.txt"]


def test_paths_keep_their_order(tree: Path) -> None:
    paths = [str(tree / "b.txt"), "-", str(tree / "a.txt"), str(tree / "missing.txt")]
    assert list(expand_paths(paths)) == paths


def test_one_record_per_file_in_order(tree: Path) -> None:
    records = list(clean_paths([str(tree / "sub"), str(tree / "a.txt")]))
    assert [Path(r.source).name for r in records] == ["c.txt", "z.txt", "a.txt"]
    assert all(r.status == "ok" for r in records)


def test_missing_file_gives_an_error_record_and_the_run_goes_on(tree: Path) -> None:
    paths = [str(tree / "a.txt"), str(tree / "missing.txt"), str(tree / "b.txt")]
    records = list(clean_paths(paths))
    assert [r.status for r in records] == ["ok", "error", "ok"]
    error = records[1]
    assert isinstance(error, ErrorRecord)
    assert (error.error.stage, error.error.type) == ("read", "unreadable")
    assert error.source == paths[1]
    assert "No such file" in error.error.message


def test_dangling_symlink_is_unreadable(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    (record,) = clean_paths([str(link)])
    assert isinstance(record, ErrorRecord)
    assert record.error.type == "unreadable"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read a chmod 000 file")
def test_unreadable_file_in_a_directory(tree: Path) -> None:
    locked = tree / "b.txt"
    locked.chmod(0)
    try:
        records = list(clean_paths([str(tree)]))
    finally:
        locked.chmod(0o644)
    assert [r.status for r in records] == ["ok", "ok", "error", "ok", "ok"]
    assert records[2].source == str(locked)


def test_stdin_is_read_for_dash() -> None:
    (record,) = clean_paths(["-"], stdin=io.BytesIO(BODY.encode()))
    assert record.status == "ok"
    assert record.source == "-"


def test_no_stdin_gives_an_error_record() -> None:
    (record,) = clean_paths(["-"], stdin=None)
    assert isinstance(record, ErrorRecord)
    assert record.error.stage == "read"


def test_url_is_passed_to_every_record(tree: Path) -> None:
    records = list(clean_paths([str(tree / "a.txt"), str(tree / "missing")], url="https://x.test/"))
    assert [r.url for r in records] == ["https://x.test/", "https://x.test/"]


def test_clean_paths_is_lazy(tree: Path) -> None:
    records = clean_paths([str(tree / "a.txt"), str(tree / "b.txt")])
    assert next(records).source.endswith("a.txt")


def test_large_file_is_not_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(BODY.encode() * 100)
    (record,) = clean_paths([str(big)], Options(max_input_bytes=100))
    assert isinstance(record, ErrorRecord)
    assert record.error.type == "input_too_large"
    (record,) = clean_paths(["-"], Options(max_input_bytes=100),
                            stdin=io.BytesIO(BODY.encode() * 100))
    assert isinstance(record, ErrorRecord)
    assert record.error.type == "input_too_large"


def test_gzipped_inputs_are_decompressed(tmp_path: Path) -> None:
    import gzip

    page = tmp_path / "page.txt.gz"
    page.write_bytes(gzip.compress(
        b"Home > News\nThe minister resigned on Friday after a week of protests.\n"))
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"\x1f\x8b" + b"not really gzip")
    good, bad = list(clean_paths([str(page), str(broken)]))
    assert good.status == "ok"
    assert "minister resigned" in good.to_dict()["text"]
    assert bad.status == "error" and bad.to_dict()["error"]["type"] == "unreadable"
