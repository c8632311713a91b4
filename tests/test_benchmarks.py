"""The speed benchmark finds its inputs and runs (no timings are asserted anywhere)."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from .conftest import FIXTURES

SPEED = FIXTURES.parent / "benchmarks" / "speed.py"


def _speed() -> ModuleType:
    spec = importlib.util.spec_from_file_location("speed", SPEED)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_collects_fixtures() -> None:
    inputs = _speed().collect_inputs(FIXTURES)
    assert FIXTURES / "text" / "seed-capitatum.txt" in inputs["text"]
    assert all(p.suffix in {".html", ".htm"} for p in inputs["html"])


def test_collects_a_benchmark_folder(tmp_path: Path) -> None:
    for name in ["html/b.html.gz", "html/a.html.gz", "text-x/a.txt.gz", "text-y/a.txt.gz",
                 "gold.jsonl"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(b"<p>x</p>"))
    speed = _speed()
    inputs = speed.collect_inputs(tmp_path)
    assert [p.name for p in inputs["html"]] == ["a.html.gz", "b.html.gz"]
    assert [p.parent.name for p in inputs["text"]] == ["text-x"]
    assert speed.collect_inputs(tmp_path, "text-y")["text"][0].parent.name == "text-y"


def test_paired_run_times_every_html_mode(tmp_path: Path) -> None:
    """--paired runs the HTML modes in one process, page by page; the figures are written
    (their values are timings, never asserted)."""
    out = tmp_path / "speed.json"
    subprocess.run([sys.executable, str(SPEED), str(FIXTURES), "--modes",
                    "cleannews-fast-html,trafilatura-html", "--limit", "2", "--repeat", "1",
                    "--runs", "1", "--paired", "2", "--json", str(out)],
                   check=True, capture_output=True, stdin=subprocess.DEVNULL)
    paired = json.loads(out.read_text())["paired"]
    assert paired["documents"] == 4
    assert set(paired["seconds"]) == {"cleannews-fast-html", "trafilatura-html"}
    assert all(seconds > 0 for seconds in paired["seconds"].values())
