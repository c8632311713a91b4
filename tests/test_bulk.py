"""Bulk runs: folders, --glob, --files-from, JSON Lines inputs, worker processes,
compressed outputs, --output-dir shards and mirrors, and --resume after a kill."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import zstandard
from click.testing import CliRunner

from cleannews.batch import Inputs, read_documents
from cleannews.cli import main
from cleannews.folder import RUN_FILE
from cleannews.inputs.jsonl import Fields
from cleannews.options import Options
from cleannews.parallel import clean_in_order
from cleannews.pipeline import Document, clean_document
from cleannews.records import ErrorRecord, Record

from .conftest import FIXTURES

HTML_FIXTURES = sorted((FIXTURES / "html").glob("*.html"))
TEXT_FIXTURES = sorted((FIXTURES / "text").glob("*.txt"))

ARTICLE = ("The museum reopened on Monday after a two-year renovation that cost more than "
           "forty million euros, the city said.\n")


def _run(*args: str, stdin: bytes = b"") -> Any:
    return CliRunner().invoke(main, list(args), input=stdin)


def _lines(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode().splitlines()]


def _sources(output: str) -> list[str]:
    return [json.loads(line)["source"] for line in output.splitlines()]


# -- finding inputs ------------------------------------------------------------------------

@pytest.fixture
def site(tmp_path: Path) -> Path:
    for name in ["b.html", "a.txt", "news/2024/x.html", "news/y.txt", "news/z.json",
                 ".hidden/h.html"]:
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE, encoding="utf-8")
    return tmp_path / "site"


def test_glob_keeps_the_matching_files_of_a_walk(site: Path) -> None:
    def names(*globs: str) -> list[str]:
        found = read_documents(Inputs(paths=[str(site)], globs=globs))
        return [str(Path(path).relative_to(site)) for path, _ in found]

    assert names() == ["a.txt", "b.html", "news/2024/x.html", "news/y.txt", "news/z.json"]
    assert names("*.html") == ["b.html", "news/2024/x.html"]
    assert names("news/**/*.html") == ["news/2024/x.html"]
    assert names("!*.json") == ["a.txt", "b.html", "news/2024/x.html", "news/y.txt"]
    assert names("*.txt", "*.json") == ["a.txt", "news/y.txt", "news/z.json"]


def test_a_glob_that_matches_nothing_in_a_folder_gives_an_error_record(site: Path) -> None:
    ((_, record),) = read_documents(Inputs(paths=[str(site)], globs=("*.pdf",)))
    assert isinstance(record, ErrorRecord)
    assert "matching --glob" in record.error.message


def test_files_from_lists_paths_one_a_line(site: Path, tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(f"{site / 'b.html'}\n\n{site / 'news'}\n{site / 'missing.txt'}\n")
    result = _run("--files-from", str(listing), "-j", "1")
    assert result.exit_code == 1  # the missing file
    assert [Path(s).name for s in _sources(result.stdout)] == [
        "b.html", "x.html", "y.txt", "z.json", "missing.txt"]
    from_stdin = _run("--files-from", "-", "-j", "1", str(site / "a.txt"),
                      stdin=listing.read_bytes())
    assert [Path(s).name for s in _sources(from_stdin.stdout)][:2] == ["a.txt", "b.html"]


def test_glob_without_a_path_walks_the_current_folder(site: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site)
    result = _run("--glob", "*.html", "-j", "1")
    assert _sources(result.stdout) == ["./b.html", "news/2024/x.html".join(["./", ""])]


# -- JSON Lines inputs ---------------------------------------------------------------------

def _jsonl(*records: dict[str, Any] | str) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                   for r in records).encode()


def test_jsonl_records_become_pages_with_their_fields_carried_through(tmp_path: Path) -> None:
    html = HTML_FIXTURES[0].read_text(encoding="utf-8")
    data = _jsonl(
        {"id": "p1", "url": "https://example.com/a", "html": html, "crawl": "CC-2024",
         "scores": {"q": 0.5}},
        {"id": 2, "text": ARTICLE, "lang": "en", "tags": ["x"]},
        "not json",
        {"id": "p4", "body": "nothing the reader knows"},
        "[1, 2]",
    )
    path = tmp_path / "pages.jsonl.gz"
    path.write_bytes(gzip.compress(data))
    result = _run("-j", "1", str(path))
    records = _lines(result.stdout_bytes)
    assert result.exit_code == 1
    assert [r["source"] for r in records] == [f"{path}:{n}" for n in (1, 2, 3, 4, 5)]
    assert [r["status"] for r in records] == ["ok", "ok", "error", "error", "error"]
    first, second, broken, no_page, array = records
    assert (first["id"], first["url"], first["input_kind"]) == (
        "p1", "https://example.com/a", "html")
    assert json.loads(first["meta"]) == {"id": "p1", "url": "https://example.com/a",
                                         "crawl": "CC-2024", "scores": {"q": 0.5}}
    assert (second["id"], second["input_kind"]) == ("2", "text")
    assert json.loads(second["meta"]) == {"id": 2, "lang": "en", "tags": ["x"]}
    assert f"{path}:3: not JSON" in broken["error"]["message"]
    assert json.loads(no_page["meta"]) == {"id": "p4", "body": "nothing the reader knows"}
    assert "'html' nor 'text'" in no_page["error"]["message"]
    assert "not a JSON object" in array["error"]["message"]


def test_jsonl_fields_can_be_renamed_and_forced(tmp_path: Path) -> None:
    path = tmp_path / "dump.data"
    path.write_bytes(_jsonl({"key": "k9", "address": "https://e.org/x", "body": ARTICLE}))
    result = _run("--input-format", "jsonl", "--text-field", "body", "--id-field", "key",
                  "--url-field", "address", str(path))
    (record,) = _lines(result.stdout_bytes)
    assert (record["id"], record["url"], record["status"]) == ("k9", "https://e.org/x", "ok")


def test_a_jsonl_line_past_the_size_limit_is_an_error_and_the_next_line_is_read() -> None:
    data = _jsonl({"text": "x" * 5000}, {"text": ARTICLE})
    found = read_documents(Inputs(paths=["-"], input_format="jsonl"),
                           Options(limits=Options().limits.__class__(max_input_bytes=1000)),
                           stdin=io.BytesIO(data))
    (_, first), (_, second) = found
    assert isinstance(first, ErrorRecord) and first.error.type == "input_too_large"
    assert isinstance(second, Document) and second.source == "-:2"


def test_a_truncated_gzip_jsonl_keeps_its_whole_lines_and_says_where_it_broke(
        tmp_path: Path) -> None:
    data = gzip.compress(_jsonl(*({"text": f"{ARTICLE} {n}"} for n in range(200))))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = [item for _, item in read_documents([str(path)])]
    assert isinstance(items[-1], ErrorRecord)
    assert "breaks off" in items[-1].error.message or "not JSON" in items[-1].error.message
    assert all(isinstance(item, Document) for item in items[:-2])


def test_fields_default_to_html_text_url_id() -> None:
    assert Fields() == Fields(html="html", text="text", url="url", id="id")


# -- worker processes ----------------------------------------------------------------------

@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder of every kind of input, and of inputs that cannot be read."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    html = HTML_FIXTURES[0].read_bytes()
    text = TEXT_FIXTURES[0].read_bytes()
    (folder / "01-page.html").write_bytes(html)
    (folder / "02-page.txt").write_bytes(text)
    (folder / "03-page.html.gz").write_bytes(gzip.compress(html))
    (folder / "04-page.txt.bz2").write_bytes(bz2.compress(text))
    (folder / "05-page.html.zst").write_bytes(zstandard.ZstdCompressor().compress(html))
    (folder / "06-pages.jsonl").write_bytes(_jsonl({"html": html.decode()}, "oops",
                                                   {"text": text.decode(), "n": 1}))
    (folder / "07-crawl.warc.gz").write_bytes(_warc(html, text))
    (folder / "08-broken.gz").write_bytes(gzip.compress(html)[:40])
    (folder / "09-empty.txt").write_bytes(b"")
    (folder / "10-loop.txt").symlink_to(folder / "10-loop.txt")
    for number, fixture in enumerate(HTML_FIXTURES[1:8], start=11):
        (folder / f"{number}-{fixture.name}").write_bytes(fixture.read_bytes())
    return folder


def _warc(*pages: bytes) -> bytes:
    """A gzipped WARC of one HTTP response per page (each record a gzip member)."""
    out = io.BytesIO()
    for number, page in enumerate(pages):
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: " + str(len(page)).encode() + b"\r\n\r\n" + page)
        head = (f"WARC/1.0\r\nWARC-Type: response\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{number}>\r\n"
                f"WARC-Date: 2024-03-0{number + 1}T10:00:00Z\r\n"
                f"WARC-Target-URI: https://example.com/{number}\r\n"
                f"Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode()
        out.write(gzip.compress(head + http + b"\r\n\r\n"))
    return out.getvalue()


def test_two_jobs_give_the_records_of_one_job_in_the_same_order(mixed: Path) -> None:
    one = _run("-j", "1", str(mixed))
    two = _run("-j", "2", str(mixed))
    assert one.stdout == two.stdout
    records = _lines(one.stdout_bytes)
    # five pages, three JSON Lines records, two WARC responses, three failures, the rest
    assert len(records) == 5 + 3 + 2 + 3 + len(HTML_FIXTURES[1:8])
    statuses = {Path(r["source"].rsplit(":", 1)[0]).name: r["status"] for r in records}
    assert statuses["08-broken.gz"] == statuses["10-loop.txt"] == "error"
    assert statuses["09-empty.txt"] == "empty"
    assert one.exit_code == two.exit_code == 1


def kill_on_purpose(document: Document, options: Options) -> Record | ErrorRecord:
    """A cleaning function for the tests: dies like a crashed parser on one page."""
    if isinstance(document.content, str) and "CRASH" in document.content:
        os.kill(os.getpid(), signal.SIGKILL)
    return clean_document(document, options)


def test_a_worker_that_dies_costs_one_error_record_and_the_run_goes_on() -> None:
    pages = [ARTICLE, "CRASH " + ARTICLE, ARTICLE + " again", "CRASH", ARTICLE + " last"]
    pairs = [(n, Document(page, source=f"p{n}")) for n, page in enumerate(pages)]
    records = list(clean_in_order(pairs, Options(), jobs=2, clean=kill_on_purpose))
    assert [tag for tag, _ in records] == [0, 1, 2, 3, 4]
    assert [r.status for _, r in records] == ["ok", "error", "ok", "error", "ok"]
    died = records[1][1]
    assert isinstance(died, ErrorRecord)
    assert (died.error.type, died.source) == ("worker_died", "p1")
    assert "SIGKILL" in died.error.message


def sleep_on_purpose(document: Document, options: Options) -> Record | ErrorRecord:
    """Cleans a page after a pause that the per-document time limit must cut."""
    from cleannews.pipeline import _process

    if isinstance(document.content, str) and "SLOW" in document.content:
        import cleannews.pipeline as pipeline

        original = pipeline._judge

        def slow(*args: Any, **kwargs: Any) -> Any:
            time.sleep(30)
            return original(*args, **kwargs)

        pipeline._judge = slow  # type: ignore[assignment]
        try:
            return _process(document, options, explain=False).record
        finally:
            pipeline._judge = original  # type: ignore[assignment]
    return clean_document(document, options)


def test_the_time_limit_works_in_every_worker() -> None:
    options = Options(limits=Options().limits.__class__(timeout_seconds=0.5))
    pairs = [(n, Document(page)) for n, page in enumerate([ARTICLE, "SLOW", ARTICLE, "SLOW"])]
    started = time.monotonic()
    records = [r for _, r in clean_in_order(pairs, options, jobs=2, clean=sleep_on_purpose)]
    assert [r.status for r in records] == ["ok", "error", "ok", "error"]
    assert all(r.error.type == "timeout" for r in records if isinstance(r, ErrorRecord))
    assert time.monotonic() - started < 20


# -- outputs -------------------------------------------------------------------------------

@pytest.mark.parametrize(("suffix", "unpack"), [
    (".gz", gzip.decompress),
    (".zst", lambda data: zstandard.ZstdDecompressor().decompressobj().decompress(data)),
])
def test_output_files_are_compressed_by_their_names(tmp_path: Path, suffix: str,
                                                    unpack: Any) -> None:
    target = tmp_path / f"out.jsonl{suffix}"
    result = _run("-j", "1", "-o", str(target), *map(str, TEXT_FIXTURES[:3]))
    assert result.exit_code == 0
    plain = _run("-j", "1", *map(str, TEXT_FIXTURES[:3])).stdout_bytes
    assert unpack(target.read_bytes()) == plain


def _folder_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _unpacked(folder: Path) -> list[dict[str, Any]]:
    return [record for name, data in _folder_files(folder).items() if name != RUN_FILE
            for record in _lines(gzip.decompress(data))]


def test_output_dir_writes_shards_of_n_records(tmp_path: Path) -> None:
    out = tmp_path / "out"
    inputs = [str(p) for p in TEXT_FIXTURES[:7]]
    result = _run("-j", "1", "--output-dir", str(out), "--shard-size", "3", *inputs)
    assert result.exit_code == 0, result.stderr
    names = sorted(_folder_files(out))
    assert names == [RUN_FILE, "part-00000.jsonl.gz", "part-00001.jsonl.gz",
                     "part-00002.jsonl.gz"]
    assert [r["source"] for r in _unpacked(out)] == inputs
    run = json.loads((out / RUN_FILE).read_text())
    assert (run["complete"], run["inputs_done"], run["files_done"]) == (True, 7, 3)


def test_output_dir_must_be_new_or_empty_unless_resumed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = _run("--output-dir", str(out), str(TEXT_FIXTURES[0]))
    assert result.exit_code == 2
    assert "not empty" in result.stderr
    assert (out / "notes.txt").read_text() == "mine"


def test_mirror_writes_one_file_per_input_under_its_path(site: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site.parent)
    (site / "pages.jsonl").write_bytes(_jsonl({"text": ARTICLE}, {"text": ARTICLE + "!"}))
    out = tmp_path / "out"
    result = _run("-j", "1", "--output-dir", str(out), "--mirror", "site")
    assert result.exit_code == 0, result.stderr
    names = sorted(_folder_files(out))
    assert names == [RUN_FILE, "site/a.txt.jsonl.gz", "site/b.html.jsonl.gz",
                     "site/news/2024/x.html.jsonl.gz", "site/news/y.txt.jsonl.gz",
                     "site/news/z.json.jsonl.gz", "site/pages.jsonl.jsonl.gz"]
    assert len(_lines(gzip.decompress((out / "site/pages.jsonl.jsonl.gz").read_bytes()))) == 2


def _cleannews(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleannews", *args]


def test_a_run_killed_midway_and_resumed_writes_what_an_uninterrupted_run_does(
        tmp_path: Path) -> None:
    inputs = [str(p) for p in (HTML_FIXTURES * 3)[:30]]
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    args = ["-q", "-j", "2", "--shard-size", "4", "--dedup", *inputs]
    subprocess.run(_cleannews("--output-dir", str(whole), *args), check=False, timeout=600,
                   stdin=subprocess.DEVNULL)
    run = subprocess.Popen(_cleannews("--output-dir", str(resumed), *args),
                           stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not (resumed / "part-00001.jsonl.gz").exists() and run.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    run.send_signal(signal.SIGKILL)
    run.wait()
    subprocess.run(_cleannews("--output-dir", str(resumed), "--resume", *args), check=False,
                   timeout=600, stdin=subprocess.DEVNULL)
    assert _folder_files(resumed) == _folder_files(whole)
    assert len(_unpacked(whole)) == len(set(map(str, HTML_FIXTURES[:30])))  # dedup


def test_resume_refuses_other_settings_and_a_finished_run_is_left_as_it_is(
        tmp_path: Path) -> None:
    out = tmp_path / "out"
    inputs = [str(p) for p in TEXT_FIXTURES[:3]]
    assert _run("-j", "1", "--output-dir", str(out), *inputs).exit_code == 0
    before = _folder_files(out)
    again = _run("-j", "1", "--output-dir", str(out), "--resume", *inputs)
    assert again.exit_code == 0
    assert _folder_files(out) == before
    other = _run("-j", "1", "--output-dir", str(out), "--resume", "--min-words", "5", *inputs)
    assert other.exit_code == 2
    assert "other settings (min_words)" in other.stderr
    fresh = _run("-j", "1", "--output-dir", str(out), *inputs)
    assert fresh.exit_code == 2 and "--resume" in fresh.stderr


@pytest.mark.parametrize("args", [
    ["--shard-size", "3"], ["--mirror"], ["--resume"], ["--output-compression", "zstd"],
    ["--output-dir", "d", "-o", "f"], ["--output-dir", "d", "--text"],
    ["--output-dir", "d", "--mirror", "--shard-size", "2"],
    ["--output-dir", "d", "--resume", "--dedup", "--keep-dropped", "x"],
])
def test_output_flags_that_do_not_go_together_are_usage_errors(args: list[str]) -> None:
    result = _run(*args, "page.txt")
    assert result.exit_code == 2


def test_workers_read_inputs_only_as_they_need_them() -> None:
    """Memory stays bounded: a stream of pages without end is read a window ahead."""
    taken = 0

    def endless() -> Any:
        nonlocal taken
        while True:
            taken += 1
            yield taken, Document(f"{ARTICLE} {taken}")

    records = clean_in_order(endless(), Options(), jobs=2)
    first = [next(records) for _ in range(20)]
    assert [tag for tag, _ in first] == list(range(1, 21))
    assert taken <= 20 + 2 * 4 + 1
    records.close()


def test_a_progress_bar_and_a_summary_with_speed(tmp_path: Path) -> None:
    result = _run("--progress", "-j", "1", "-o", str(tmp_path / "out.jsonl"),
                  *map(str, TEXT_FIXTURES[:3]))
    assert "errors=0" in result.stderr
    assert "3 inputs, 0 errors" in result.stderr
    assert "docs/s" in result.stderr and "MB/s" in result.stderr
