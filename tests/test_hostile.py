"""Hostile input: the whole corpus in one batch of the real CLI, the fuzzer's finds, and the
cases that need the operating system's help (no read permission as root, no network).

Every input gives exactly one record, no traceback reaches the user, and the exit code says
that some inputs failed. The corpus and what each case must give are in
``tools/make_hostile.py``; the small cases are committed in ``fixtures/hostile/``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cleannews.detect import Kind
from cleannews.options import Limits, Options
from cleannews.pipeline import Document, clean_document
from cleannews.records import ErrorRecord, to_json_line

from .conftest import FIXTURES

ROOT = FIXTURES.parent
HOSTILE = FIXTURES / "hostile"
FUZZ = FIXTURES / "fuzz"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _load_tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


make_hostile = _load_tool("make_hostile")


def _run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleannews", *args], capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, check=False)


def _records(stdout: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]


def test_committed_cases_are_what_the_script_writes() -> None:
    committed = {path.name: path.read_bytes() for path in HOSTILE.iterdir()}
    assert committed == make_hostile.small_cases()


@pytest.fixture(scope="module")
def hostile_batch() -> Iterator[tuple[Path, subprocess.CompletedProcess[bytes]]]:
    """The CLI's run over every case at once (the large ones written for the run)."""
    work = Path(tempfile.mkdtemp(prefix="cleannews-hostile-"))
    batch = work / "batch"
    try:
        shutil.copytree(HOSTILE, batch)
        make_hostile.write_generated_cases(batch, work / "outside")
        yield batch, _run_cli("--max-input-bytes", str(make_hostile.MAX_INPUT_BYTES), str(batch))
    finally:
        (batch / "no-read-permission.txt").chmod(0o644)
        shutil.rmtree(work)


def test_one_record_per_input_and_no_traceback(
        hostile_batch: tuple[Path, subprocess.CompletedProcess[bytes]]) -> None:
    batch, done = hostile_batch
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert done.returncode == 1, stderr  # some inputs failed, and the run says so
    records = _records(done.stdout)
    names = [record["source"][len(str(batch)) + 1:] for record in records]
    assert sorted(names) == sorted(make_hostile.EXPECTED)  # each input once, none missing
    assert f"{len(make_hostile.EXPECTED)} inputs" in stderr


@pytest.mark.parametrize("name", sorted(make_hostile.EXPECTED))
def test_each_case_gives_what_it_must(
        hostile_batch: tuple[Path, subprocess.CompletedProcess[bytes]], name: str) -> None:
    batch, done = hostile_batch
    expected = make_hostile.EXPECTED[name]
    (record,) = [r for r in _records(done.stdout) if r["source"] == f"{batch}/{name}"]
    status = expected.as_root if IS_ROOT and expected.as_root else expected.status
    assert record["status"] in ((status,) if isinstance(status, str) else status), record
    if record["status"] == "error":
        assert expected.error_type in {None, record["error"]["type"]}, record["error"]
        assert expected.message_contains is None or (
            expected.message_contains in record["error"]["message"])
    text = record["text"] or ""
    for snippet in expected.must_contain:
        assert snippet in text
    for snippet in expected.must_not_contain:
        assert snippet not in text
    assert len(json.dumps(record)) < 100_000  # nothing blew up in the output either


# The fuzzer's finds (tools/fuzz.py): each input once through every stage, as it ran then.
@pytest.mark.parametrize("path", sorted(FUZZ.iterdir()), ids=lambda path: path.name)
def test_fuzzer_finds_stay_fixed(path: Path) -> None:
    data = path.read_bytes()
    # The fuzz target's first byte chose how the rest was read: sniffed, HTML or text.
    limits = Limits(timeout_seconds=0)
    options = (Options(limits=limits), Options(input_kind=Kind.HTML, limits=limits),
               Options(input_kind=Kind.TEXT, limits=limits))
    record = clean_document(Document(data[1:]), options[data[0] % 3])
    if isinstance(record, ErrorRecord):
        assert record.error.type in {"binary_input", "unsupported_format", "input_too_large"}
    assert to_json_line(record).count("\n") == 1


# What needs the operating system's help.

def _unshare_works() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    probe = subprocess.run([unshare, "--user", sys.executable, "-c", "import cleannews"],
                           capture_output=True, check=False, timeout=60)
    return probe.returncode == 0


@pytest.mark.skipif(not IS_ROOT, reason="test_each_case_gives_what_it_must covers it")
def test_file_without_read_permission_as_root(tmp_path: Path) -> None:
    """Root reads any file; in a user namespace without root, the same file is unreadable."""
    if not _unshare_works():
        pytest.skip("no user namespaces here (unshare --user)")
    folder = Path(tempfile.mkdtemp(prefix="cleannews-perm-"))
    try:
        folder.chmod(0o755)
        locked = folder / "locked.txt"
        locked.write_text("The museum reopened on Monday after a long renovation.\n",
                          encoding="utf-8")
        locked.chmod(0)
        done = subprocess.run(["unshare", "--user", sys.executable, "-m", "cleannews",
                               str(locked)], capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=120, check=False)
    finally:
        shutil.rmtree(folder)
    assert done.returncode == 1
    (record,) = _records(done.stdout)
    assert (record["error"]["type"], record["status"]) == ("unreadable", "error")
    assert "Permission denied" in record["error"]["message"]
    assert b"Traceback" not in done.stderr


def test_external_entities_reach_neither_files_nor_the_network(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.setblocking(False)
        port = server.getsockname()[1]
        secret = tmp_path / "outside" / "secret.txt"
        secret.parent.mkdir()
        secret.write_text(make_hostile.SECRET, encoding="utf-8")
        page = tmp_path / "page.html"
        page.write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE html [\n'
            f'<!ENTITY file SYSTEM "{secret.as_uri()}">\n'
            f'<!ENTITY net SYSTEM "http://127.0.0.1:{port}/entity">\n'
            f'<!ENTITY % remote SYSTEM "http://127.0.0.1:{port}/dtd"> %remote;\n]>\n'
            f"<html><body><article><p>&file; &net; {make_hostile.ENGLISH}</p></article>"
            "</body></html>\n", encoding="utf-8")
        done = _run_cli(str(page), timeout=120)
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected
    (record,) = _records(done.stdout)
    assert record["status"] == "ok"
    assert make_hostile.SECRET not in done.stdout.decode()
