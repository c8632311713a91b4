"""The ``cleannews`` command: streams, flags, exit codes, and bad input never tracebacks."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from cleannews import __version__
from cleannews.cli import exit_code, main

from .conftest import HTML_FIXTURES, TEXT_FIXTURES

BODY = ("The museum reopened on Monday after a two-year renovation that cost more than "
        "forty million euros, the city said.")
PAGE = f"Home > Culture\n{BODY}\nLike 3 · Share 4\n".encode()


def _records(result: Result) -> list[dict[str, Any]]:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stdout.splitlines()
    return [json.loads(line) for line in lines]


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, [], input=PAGE)
    assert result.exit_code == 0
    (record,) = _records(result)
    assert record["source"] == "-"
    assert record["text"] == BODY
    assert record["boilerplate"]["navigation"] == ["Home > Culture"]


def test_paths_in_order_with_dash_for_stdin(runner: CliRunner, tmp_path: Path) -> None:
    first, last = tmp_path / "first.txt", tmp_path / "last.txt"
    first.write_bytes(PAGE)
    last.write_bytes(PAGE)
    result = runner.invoke(main, [str(first), "-", str(last)], input=PAGE)
    assert result.exit_code == 0
    assert [r["source"] for r in _records(result)] == [str(first), "-", str(last)]
    assert "3 inputs, 0 errors" in result.stderr


def test_directory(runner: CliRunner, tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt"]:
        (tmp_path / name).write_bytes(PAGE)
    result = runner.invoke(main, [str(tmp_path)])
    assert [Path(r["source"]).name for r in _records(result)] == ["a.txt", "b.txt"]


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["-o", str(out)], input=PAGE)
    assert result.exit_code == 0
    assert result.stdout == ""
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["text"] == BODY


def test_unwritable_output_file_is_an_error_not_a_traceback(runner: CliRunner,
                                                            tmp_path: Path) -> None:
    result = runner.invoke(main, ["-o", str(tmp_path / "no" / "such" / "dir.jsonl")], input=PAGE)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Error" in result.stderr


def test_same_input_same_bytes(runner: CliRunner) -> None:
    first = runner.invoke(main, [str(TEXT_FIXTURES)]).stdout
    assert first and first == runner.invoke(main, [str(TEXT_FIXTURES)]).stdout


def test_text_only(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE)
    result = runner.invoke(main, ["--text", str(page), str(tmp_path / "missing.txt"), str(page)])
    assert result.exit_code == 1
    assert result.stdout == f"{BODY}\n\n{BODY}\n"
    assert "missing.txt" in result.stderr


def test_explain(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--explain"], input=PAGE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# -: text, utf-8")
    verdicts = [line.split()[1] for line in lines[1:] if line.split()[0].isdigit()]
    assert verdicts[:2] == ["DROP", "KEEP"]
    assert "navigation" in lines[1] and "Home > Culture" in lines[1]


def test_explain_error_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--explain"], input=b"\x00" * 100)
    assert result.exit_code == 1
    assert "error" in result.stdout


@pytest.mark.parametrize(("flag", "kind"), [
    ("text", "text"), ("html", "html")])
def test_input_kind(runner: CliRunner, flag: str, kind: str) -> None:
    page = b"<html><body><article><p>" + BODY.encode() * 3 + b"</p></article></body></html>"
    result = runner.invoke(main, ["--input-kind", flag], input=page)
    (record,) = _records(result)
    assert record["input_kind"] == kind


def test_url(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--url", "https://example.com/a"], input=PAGE)
    assert _records(result)[0]["url"] == "https://example.com/a"


def test_max_input_bytes(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--max-input-bytes", "10"], input=PAGE)
    assert result.exit_code == 1
    assert _records(result)[0]["error"]["type"] == "input_too_large"


@pytest.mark.parametrize(
    "args",
    [
        ["--input-kind", "pdf"],
        ["--favor-precision", "--favor-recall"],
        ["--text", "--explain"],
        ["--max-input-bytes", "-1"],
        ["--no-such-flag"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(main, args, input=PAGE)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_exit_codes() -> None:
    assert exit_code(3, 0) == 0
    assert exit_code(3, 1) == 1
    assert exit_code(0, 0) == 0


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_every_command_and_option_has_help_text(runner: CliRunner) -> None:
    commands: list[click.Command] = [main]
    if isinstance(main, click.Group):
        commands += list(main.commands.values())
    for command in commands:
        assert command.help and command.help.strip(), command.name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{command.name} {param.opts} has no help"
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout


# Bad input from the issue tracker: every case gives exactly one record, never a traceback.

def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    cases = {
        "empty": (b"", "empty"),
        "binary-garbage": (random.Random(0).randbytes(5000), ""),
        "nul-filled": (b"\x00" * 5000, "binary_input"),
        "invalid-utf8": (b"caf\xc3 \xff\xfe broken bytes in an otherwise ordinary line of text\n",
                         "ok"),
    }
    paths = {}
    for name, (data, expected) in cases.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        paths[name] = (path, expected)
    return paths


@pytest.mark.parametrize("name", ["empty", "binary-garbage", "nul-filled", "invalid-utf8"])
def test_bad_input_gives_one_record(runner: CliRunner, tmp_path: Path, name: str) -> None:
    path, expected = _bad_inputs(tmp_path)[name]
    result = runner.invoke(main, [str(path)])
    (record,) = _records(result)
    assert record["source"] == str(path)
    if expected in {"ok", "empty"}:
        assert record["status"] == expected
        assert result.exit_code == 0
    elif expected:
        assert record["error"]["type"] == expected
        assert result.exit_code == 1
    assert result.exit_code in {0, 1}


def test_bad_input_through_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, [], input=b"\x00" * 5000)
    (record,) = _records(result)
    assert record["error"]["type"] == "binary_input"
    assert result.exit_code == 1


def test_50_mb_file_is_too_large(runner: CliRunner, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        line = BODY.encode() + b"\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size > 50 * 1024 * 1024
    result = runner.invoke(main, [str(big)])
    assert result.exit_code == 1
    (record,) = _records(result)
    assert record["error"]["stage"] == "read"
    assert record["error"]["type"] == "input_too_large"


def test_missing_and_dangling_paths(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(PAGE)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere")
    result = runner.invoke(main, [str(tmp_path / "missing.txt"), str(dangling), str(good)])
    assert result.exit_code == 1
    records = _records(result)
    assert [r["status"] for r in records] == ["error", "error", "ok"]
    assert {r["error"]["type"] for r in records[:2]} == {"unreadable"}
    assert "3 inputs, 2 errors" in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read a chmod 000 file")
def test_unreadable_file(runner: CliRunner, tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_bytes(PAGE)
    locked.chmod(0)
    try:
        result = runner.invoke(main, [str(locked)])
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 1
    (record,) = _records(result)
    assert record["error"]["type"] == "unreadable"


def test_quiet(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["-q", str(tmp_path / "a"), str(tmp_path / "b")])
    assert result.exit_code == 1
    assert "inputs" not in result.stderr


# The installed entry point and ``python -m``, in a real process.

def _installed_cleannews() -> str:
    script = Path(sys.executable).with_name("cleannews")
    if not script.exists():
        pytest.skip("the cleannews script is not installed next to this Python")
    return str(script)


@pytest.mark.parametrize("command", ["script", "module"])
def test_entry_points(command: str) -> None:
    argv = [_installed_cleannews()] if command == "script" else [sys.executable, "-m", "cleannews"]
    done = subprocess.run([*argv, "-q"], input=PAGE, capture_output=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    (line,) = done.stdout.decode("utf-8").splitlines()
    assert json.loads(line)["text"] == BODY
    version = subprocess.run([*argv, "--version"], capture_output=True, timeout=120,
                             stdin=subprocess.DEVNULL, check=False)
    assert version.returncode == 0
    assert __version__ in version.stdout.decode()


def test_timeout_seconds_flag(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("The minister resigned on Friday after a week of protests.\n", encoding="utf-8")
    result = runner.invoke(main, ["--timeout-seconds", "30", str(page)])
    assert result.exit_code == 0
    assert runner.invoke(main, ["--timeout-seconds", "-1", str(page)]).exit_code == 2


OTHER = ("Le musée a rouvert lundi après deux ans de travaux qui ont coûté plus de quarante "
         "millions d'euros, a indiqué la ville.")


def test_dataset_switches_drop_and_count(runner: CliRunner, tmp_path: Path) -> None:
    pages = {"a.txt": BODY, "b.txt": BODY.upper().replace(".", ". "), "c.txt": OTHER,
             "d.txt": "Too short to keep."}
    for name, text in pages.items():
        (tmp_path / name).write_text(f"Home > Culture\n{text}\n", encoding="utf-8")
    dropped = tmp_path / "dropped.jsonl"
    result = runner.invoke(main, [str(tmp_path), "--min-words", "8", "--language", "en",
                                  "--dedup", "--keep-dropped", str(dropped)])
    assert result.exit_code == 0
    assert [Path(r["source"]).name for r in _records(result)] == ["a.txt"]
    assert [Path(json.loads(line)["source"]).name
            for line in dropped.read_text(encoding="utf-8").splitlines()] == [
        "b.txt", "c.txt", "d.txt"]
    assert ("4 inputs, 0 errors, 3 dropped (too_few_words 1, language 1, duplicate 1)"
            in result.stderr)


def test_error_records_are_never_dropped(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, [str(tmp_path / "missing.txt"), "--min-words", "5"])
    assert result.exit_code == 1
    assert [r["status"] for r in _records(result)] == ["error"]


@pytest.mark.parametrize("args", [["--keep-dropped", "x.jsonl"], ["--explain", "--dedup"]])
def test_dataset_switch_usage_errors(runner: CliRunner, args: list[str]) -> None:
    assert runner.invoke(main, args, input=PAGE).exit_code == 2


def _modules_after(*argv: str, stdin: bytes = b"") -> set[str]:
    """The modules a fresh ``python -m cleannews ARGV`` has imported when it exits."""
    probe = ("import runpy, sys\n"
             "try:\n"
             "    runpy.run_module('cleannews', run_name='__main__', alter_sys=True)\n"
             "except SystemExit:\n"
             "    pass\n"
             "sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", probe, *argv], input=stdin,
                          capture_output=True, timeout=120, check=False)
    listed = done.stderr.decode().rpartition("MODULES ")[2]
    assert listed, done.stderr.decode()
    return set(listed.split())


def test_start_up_loads_only_what_the_run_needs() -> None:
    """--version and --help load none of the pipeline, and a text page never loads the HTML
    extractor (trafilatura, lxml): loading them is most of a short run's time."""
    heavy = {"trafilatura", "lxml", "numpy", "py3langid", "cleannews.metadata",
             "cleannews.lines", "cleannews.extract.article", "multiprocessing"}
    for flag in ("--version", "--help"):
        assert not heavy & _modules_after(flag), flag
    text_run = _modules_after("-q", stdin=b"One sentence of text.\n")
    assert "cleannews.lines" in text_run
    assert not {"trafilatura", "lxml", "cleannews.extract.article", "py3langid"} & text_run
    html_run = _modules_after("-q", stdin=(HTML_FIXTURES / "en-howto-linked-sentences.html")
                              .read_bytes())
    assert {"trafilatura", "lxml"} <= html_run
