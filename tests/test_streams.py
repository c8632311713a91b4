"""Pipes, signals, disks and memory, in real processes: the output holds whole records only.

``cleannews dir | head -1`` ends quietly, Ctrl-C and SIGTERM stop cleanly with whole JSON
lines, an output file appears only complete, and a write error is one clear message.
"""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

import pytest

from cleannews.cli import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED

from .conftest import HTML_FIXTURES

CLEANNEWS = [sys.executable, "-m", "cleannews"]
PAGE = "Home > News\nThe museum reopened on Monday after a two-year renovation, the city said.\n"


@pytest.fixture
def many_pages(tmp_path: Path) -> Path:
    """A folder of 300 HTML pages: a run over it takes seconds, long enough to interrupt."""
    folder = tmp_path / "pages"
    folder.mkdir()
    page = (HTML_FIXTURES / "en-news-related-teasers.html").read_bytes()
    for number in range(300):
        (folder / f"page-{number:03d}.html").write_bytes(page)
    return folder


def _has_records(paths: Iterable[Path]) -> bool:
    for path in paths:
        with suppress(FileNotFoundError):  # renamed meanwhile
            if path.stat().st_size:
                return True
    return False


def _whole_records(data: bytes) -> list[dict[str, object]]:
    assert data.endswith(b"\n")
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def test_a_reader_that_goes_away_ends_the_run_quietly(many_pages: Path) -> None:
    with subprocess.Popen([*CLEANNEWS, str(many_pages)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL) as process:
        assert process.stdout is not None and process.stderr is not None
        json.loads(process.stdout.readline())  # `| head -1`
        process.stdout.close()
        stderr = process.stderr.read()
        assert process.wait(timeout=120) == EXIT_BROKEN_PIPE
    assert b"Traceback" not in stderr
    assert b"BrokenPipe" not in stderr


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM],
                         ids=["ctrl-c", "sigterm"])
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_an_interrupt_leaves_whole_records(many_pages: Path, tmp_path: Path,
                                           signal_number: int, to_file: bool) -> None:
    out = tmp_path / "out.jsonl"
    argv = [*CLEANNEWS, str(many_pages), *(["-o", str(out)] if to_file else [])]
    # Unbuffered: a buffered readline may take the second record into its buffer too, where
    # communicate(), which reads the pipe itself, would never see it.
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, bufsize=0) as process:
        assert process.stderr is not None and process.stdout is not None
        if to_file:  # wait for the first record in the file being written
            while not _has_records(tmp_path.glob(".out.jsonl.*.partial")):
                assert process.poll() is None
                time.sleep(0.01)
        else:
            first = process.stdout.readline()
        process.send_signal(signal_number)
        rest, stderr = process.communicate(timeout=120)
    assert process.returncode == EXIT_INTERRUPTED
    records = _whole_records(out.read_bytes() if to_file else first + rest)
    assert 0 < len(records) < 300
    assert f"interrupted after {len(records)} inputs".encode() in stderr
    assert b"Traceback" not in stderr
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob(".*.partial"))


def test_a_full_device_is_one_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    done = subprocess.run([*CLEANNEWS, str(page), "-o", "/dev/full"], capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)
    assert done.returncode == 1
    assert done.stderr.decode().strip().splitlines()[-1] == (
        "Error: cannot write /dev/full: No space left on device")


def _file_size_limit(max_bytes: int) -> None:
    """In the child: writes past ``max_bytes`` fail (EFBIG), as on a disk that is full."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "existing-file"])
def test_a_failed_write_leaves_no_file_that_looks_complete(tmp_path: Path,
                                                           existing: bool) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for number in range(20):
        (pages / f"{number:02d}.txt").write_text(PAGE * 5, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    if existing:
        out.write_text("what an earlier run wrote\n", encoding="utf-8")
    done = subprocess.run([*CLEANNEWS, str(pages), "-o", str(out)], capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=120, check=False,
                          preexec_fn=lambda: _file_size_limit(4096))
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert f"Error: cannot write {out}: File too large".encode() in done.stderr
    if existing:
        assert out.read_text(encoding="utf-8") == "what an earlier run wrote\n"
    else:
        assert not out.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["pages", *(["out.jsonl"] if existing else [])])


def test_an_output_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = subprocess.run(["sh", "-c", 'umask 022 && exec "$@"', "sh", *CLEANNEWS, str(page),
                           "-o", str(out)], capture_output=True, stdin=subprocess.DEVNULL,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o644


def test_a_page_over_the_memory_limit_gives_an_error_record_and_the_run_goes_on(
        tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    words = "the council voted on tuesday to approve a new budget for schools".split()
    lines = (" ".join(words[(n + k) % len(words)] for k in range(16)).capitalize() + "."
             for n in range(150_000))
    (pages / "a-huge.txt").write_text("\n".join(lines), encoding="utf-8")  # 13 MB
    (pages / "b-small.txt").write_text(PAGE, encoding="utf-8")
    done = subprocess.run([*CLEANNEWS, "--max-memory-mb", "400", str(pages)],
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=300,
                          check=False)
    assert b"Traceback" not in done.stderr
    huge, small = _whole_records(done.stdout)
    assert huge["status"] == "error"
    assert huge["error"] == {"stage": "clean", "type": "out_of_memory",
                             "message": huge["error"]["message"]}  # type: ignore[index]
    assert small["status"] == "ok"
    assert done.returncode == 1
