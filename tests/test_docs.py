"""The documentation says what the code does: every CLI option is documented, and the
README's commands and Python examples run as written (sqlite-utils tests its docs so).

README convention, for the commands: each line of a ```sh (or ```bash) block is one
command, a ``# comment`` after it allowed; in a ```console block, the lines starting with
``$ ``. A command is run when it invokes ``cleannews`` (or ``python -m cleannews``); parts of
a line joined by ``&&`` that do not (``pip install .``, ``python -m pytest``) are left out,
and a line with no such part is not run. A comment saying ``exit N`` expects status N,
else 0. ``cleannews`` runs as ``python -m cleannews`` with this test's Python, from a
scratch folder whose ``fixtures/`` is the repository's: a README command can name only
shipped files, and any file it writes (``-o pages.jsonl``) lands in the scratch folder.
No network, and nothing outside the repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import click
import pytest

from cleannews.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_COMMENT = re.compile(r"(?:^|\s+)#(?:\s.*)?$")  # "  # comment"; a url's "#fragment" stays
_EXPECTED_EXIT = re.compile(r"\bexit (?:status )?(\d+)\b")
_INVOKES_CLEANNEWS = re.compile(r"(?:^|[|;]\s*)(?:cleannews|python3? -m cleannews)(?:\s|$)")
_SHELL_BUILTINS = frozenset({"cd", "echo", "set", "export", "true", "false"})
COMMAND_TIMEOUT_SECONDS = 60


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of each fenced block.

    >>> fenced_blocks("x\\n```sh\\nls\\n```\\n")
    [('sh', 'ls\\n')]
    """
    return [(match[1], match[2]) for match in _FENCE.finditer(text)]


class Command(NamedTuple):
    line: str  # as the README writes it, without its comment
    script: str  # what runs: the parts of the line that invoke cleannews
    expected_exit: int


def shell_command(line: str) -> Command | None:
    """The command a README line runs, or None when it runs no cleannews.

    >>> shell_command("pip install . && cleannews a.txt  # exit 1")
    Command(line='pip install . && cleannews a.txt', script='cleannews a.txt', expected_exit=1)
    >>> shell_command("pip install -e '.[test]' && python -m pytest") is None
    True
    """
    comment = _COMMENT.search(line)
    command = line[: comment.start()].strip() if comment else line.strip()
    expected = _EXPECTED_EXIT.search(comment[0]) if comment else None
    parts = [part.strip() for part in command.split("&&")]
    runs = [part for part in parts if _INVOKES_CLEANNEWS.search(part)]
    if not runs:
        return None
    return Command(command, " && ".join(runs), int(expected[1]) if expected else 0)


def readme_commands() -> list[Command]:
    commands = []
    for language, body in fenced_blocks(README.read_text(encoding="utf-8")):
        if language in {"sh", "bash"}:
            lines = body.splitlines()
        elif language == "console":
            lines = [line[2:] for line in body.splitlines() if line.startswith("$ ")]
        else:
            continue
        commands += [c for c in map(shell_command, lines) if c is not None]
    return commands


def programs(script: str) -> set[str]:
    """The programs a script starts: the first word of each pipeline segment.

    >>> sorted(programs("gzip -c a.txt | cleannews - < b.txt && cat x"))
    ['cat', 'cleannews', 'gzip']
    """
    segments = re.split(r"\|\|?|&&|;", script)
    return {segment.split()[0] for segment in segments if segment.strip()}


def missing_programs(command: Command) -> list[str]:
    return sorted(
        name
        for name in programs(command.script) - {"cleannews", "python", "python3"} - _SHELL_BUILTINS
        if shutil.which(name) is None
    )


COMMANDS = readme_commands()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder to run README commands in: the repository's fixtures, nothing else."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "fixtures").symlink_to(ROOT / "fixtures", target_is_directory=True)
    return folder


def _run(command: Command, folder: Path) -> subprocess.CompletedProcess[str]:
    # The README's `cleannews` and `python` are this test's Python and the repository's code.
    prelude = (
        "set -o pipefail\n"
        'cleannews() { "$CLEANNEWS_TEST_PYTHON" -m cleannews "$@"; }\n'
        'python() { "$CLEANNEWS_TEST_PYTHON" "$@"; }\n'
        'python3() { "$CLEANNEWS_TEST_PYTHON" "$@"; }\n'
    )
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "CLEANNEWS_TEST_PYTHON": sys.executable, "PYTHONPATH": pythonpath}
    return subprocess.run(
        ["bash", "-c", prelude + command.script],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )


@pytest.fixture(scope="module")
def results(scratch: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every runnable README command's outcome; they run side by side, each in its own
    process, since most of their time is start-up."""
    runnable = [c for c in COMMANDS if not missing_programs(c)]
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        outcomes = pool.map(lambda command: _run(command, scratch), runnable)
        return {command.line: outcome for command, outcome in zip(runnable, outcomes, strict=True)}


def test_readme_has_commands_to_run() -> None:
    # Guards the parser: a change of convention must not leave nothing to check.
    assert len(COMMANDS) >= 8, [c.line for c in COMMANDS]
    assert any(c.script == "cleannews fixtures/text/seed-capitatum.txt" for c in COMMANDS)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("command", COMMANDS, ids=[c.line for c in COMMANDS])
def test_readme_command_runs(
    command: Command, results: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    missing = missing_programs(command)
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    outcome = results[command.line]
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.returncode == command.expected_exit, (
        f"{command.line!r} exited {outcome.returncode}, the README says "
        f"{command.expected_exit}\nstdout: {outcome.stdout[-2000:]}\nstderr: {outcome.stderr}"
    )


PYTHON_BLOCKS = [
    body
    for language, body in fenced_blocks(README.read_text(encoding="utf-8"))
    if language in {"python", "py"}
]


def test_readme_has_python_examples() -> None:
    assert PYTHON_BLOCKS


@pytest.mark.parametrize(
    "source", PYTHON_BLOCKS, ids=[f"python-block-{n}" for n in range(1, len(PYTHON_BLOCKS) + 1)]
)
def test_readme_python_runs(
    source: str, scratch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(scratch)
    exec(compile(source, str(README), "exec"), {"__name__": "readme"})  # the README's own example
    assert capsys.readouterr().out.strip()


def _cli_flags() -> list[str]:
    """Every flag of the ``cleannews`` command, ``--no-...`` forms and --help included."""
    context = click.Context(main, **main.context_settings)
    return [
        flag
        for param in main.get_params(context)
        if isinstance(param, click.Option)
        for flag in (*param.opts, *param.secondary_opts)
    ]


def _docs_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in DOCS)


@pytest.mark.parametrize("flag", _cli_flags())
def test_cli_option_is_documented(flag: str) -> None:
    # A whole word: --include-tables must not pass for --no-include-tables, nor -o for -oX.
    assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", _docs_text()), (
        f"{flag} appears in neither README.md nor docs/*.md: add it to docs/cli.md"
    )


def test_every_cli_option_has_help() -> None:
    context = click.Context(main, **main.context_settings)
    undocumented = [
        param.name
        for param in main.get_params(context)
        if isinstance(param, click.Option) and not param.help
    ]
    assert not undocumented


_LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("page", DOCS, ids=[str(p.relative_to(ROOT)) for p in DOCS])
def test_relative_links_resolve(page: Path) -> None:
    targets = [
        link.split("#")[0]
        for link in _LINK.findall(page.read_text(encoding="utf-8"))
        if "://" not in link and not link.startswith("#")
    ]
    broken = [target for target in targets if not (page.parent / target).exists()]
    assert not broken
