"""Shared fixtures: a click test runner, the fixture folders, and the ``--update-golden`` flag."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TEXT_FIXTURES = FIXTURES / "text"
NEGATIVE_FIXTURES = FIXTURES / "negative"
HTML_FIXTURES = FIXTURES / "html"


def pytest_sessionstart(session: pytest.Session) -> None:
    """The tests' language-model cache is a folder of their own (inherited by the commands
    they start), never the user's, and it goes when they finish."""
    os.environ["CLEANNEWS_CACHE_DIR"] = tempfile.mkdtemp(prefix="cleannews-tests-cache-")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(os.environ.pop("CLEANNEWS_CACHE_DIR", ""), ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the record fields of existing fixtures/*/*.expected.json from the current "
        "output (never creates a case, never touches known failures). Review the diff.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    """A click runner; ``result.stdout`` and ``result.stderr`` are kept apart."""
    return CliRunner()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
