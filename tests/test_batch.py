"""clean_paths / expand_paths: many inputs, sorted walks, and failures isolated per file."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from cleannews.batch import clean_paths, expand_paths
from cleannews.options import Limits, Options
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
    assert [r.metadata.url for r in records] == ["https://x.test/", "https://x.test/"]


def test_clean_paths_is_lazy(tree: Path) -> None:
    records = clean_paths([str(tree / "a.txt"), str(tree / "b.txt")])
    assert next(records).source.endswith("a.txt")


def test_large_file_is_not_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(BODY.encode() * 100)
    (record,) = clean_paths([str(big)], Options(limits=Limits(max_input_bytes=100)))
    assert isinstance(record, ErrorRecord)
    assert record.error.type == "input_too_large"
    (record,) = clean_paths(["-"], Options(limits=Limits(max_input_bytes=100)),
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


def test_a_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    import gzip

    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(bytes(10_000_000)))  # 10 MB of zeros in 10 KB
    (record,) = clean_paths([str(bomb)], Options(limits=Limits(max_input_bytes=1_000_000)))
    assert isinstance(record, ErrorRecord)
    assert (record.error.stage, record.error.type) == ("read", "input_too_large")
    assert "decompresses to more than 1000000 bytes" in record.error.message


def test_every_entry_of_a_walk_gives_a_record(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b-loop.txt").symlink_to("b-loop.txt")
    (tmp_path / "c-broken.txt").symlink_to(tmp_path / "nowhere")
    os.mkfifo(tmp_path / "d-pipe.txt")
    (tmp_path / "e-linked-dir").symlink_to(tmp_path / "f-empty-dir", target_is_directory=True)
    (tmp_path / "f-empty-dir").mkdir()
    records = list(clean_paths([str(tmp_path)]))
    assert [(Path(r.source).name, r.status) for r in records] == [
        ("a.txt", "ok"), ("b-loop.txt", "error"), ("c-broken.txt", "error"),
        ("d-pipe.txt", "error")]  # directories, linked or not, are not inputs
    assert "not a regular file" in records[3].to_dict()["error"]["message"]


def test_a_named_directory_without_files_gives_a_record(tmp_path: Path) -> None:
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    (record,) = clean_paths([str(tmp_path / "empty")])
    assert isinstance(record, ErrorRecord)
    assert (record.error.type, record.source) == ("unreadable", str(tmp_path / "empty"))
    assert "holds no file" in record.error.message


def test_a_named_pipe_given_by_name_is_read(tmp_path: Path) -> None:
    """`cleannews <(zcat page.gz)`: a pipe named on the command line is an input."""
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_text, args=(BODY,), kwargs={"encoding": "utf-8"})
    writer.start()
    (record,) = clean_paths([str(pipe)])
    writer.join()
    assert record.status == "ok"


def test_a_path_no_file_can_have_gives_a_record() -> None:
    (record,) = clean_paths(["page\x00.html"])
    assert isinstance(record, ErrorRecord)
    assert record.error.type == "unreadable"
    assert "embedded null byte" in record.error.message


@pytest.mark.parametrize("path", ["caf\udce9.txt", "lone-\ud800.txt"])
def test_a_path_that_is_not_utf8_gives_a_record(path: str) -> None:
    (record,) = clean_paths([path])
    assert isinstance(record, ErrorRecord)
    assert record.error.type == "unreadable"
    assert len(record.id) == 16


def _compress(name: str, data: bytes) -> bytes:
    import bz2
    import gzip
    import lzma

    import zstandard

    compressors = {"gzip": gzip.compress, "bzip2": bz2.compress, "xz": lzma.compress,
                   "zstd": zstandard.ZstdCompressor().compress}
    return compressors[name](data)


COMPRESSIONS = ["gzip", "bzip2", "xz", "zstd"]


@pytest.mark.parametrize("name", COMPRESSIONS)
def test_compressed_inputs_are_known_by_their_first_bytes(tmp_path: Path, name: str) -> None:
    """Whatever the file is called: crawls name their files in many ways."""
    page = tmp_path / "page.txt"
    page.write_bytes(_compress(name, f"Home > News\n{BODY}\n".encode()))
    broken = tmp_path / "broken.txt"
    broken.write_bytes(_compress(name, BODY.encode() * 50)[:-20])  # truncated
    good, bad = list(clean_paths([str(page), str(broken)]))
    assert good.status == "ok" and good.to_dict()["text"] == BODY.strip()
    assert isinstance(bad, ErrorRecord)
    assert (bad.error.type, bad.error.stage) == ("unreadable", "read")
    assert f"not a readable {name} file" in bad.error.message


@pytest.mark.parametrize("name", COMPRESSIONS)
def test_a_compression_bomb_stops_at_the_limit(tmp_path: Path, name: str) -> None:
    bomb = tmp_path / "bomb.html"
    bomb.write_bytes(_compress(name, bytes(10_000_000)))  # 10 MB of zeros in a few KB
    (record,) = clean_paths([str(bomb)], Options(limits=Limits(max_input_bytes=1_000_000)))
    assert isinstance(record, ErrorRecord)
    assert (record.error.stage, record.error.type) == ("read", "input_too_large")
    assert f"{name} input decompresses to more than 1000000 bytes" in record.error.message


def test_text_starting_like_a_bzip2_header_is_text() -> None:
    (record,) = clean_paths(["-"], stdin=io.BytesIO(f"BZhang Wei reports.\n{BODY}".encode()))
    assert record.status == "ok"
