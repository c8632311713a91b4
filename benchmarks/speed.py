"""Speed of cleannews on HTML and on text, next to plain trafilatura on the same HTML.

    python benchmarks/speed.py [FOLDER] [--limit N] [--runs N] [--json OUT]

FOLDER is ``fixtures/`` (the default) or a benchmark folder with ``html/`` and ``text-*/``
sub-folders of (optionally gzipped) files, such as ``../shared/bench/scrapinghub``. Each mode
runs in its own fresh process pinned to one core, so peak memory (max RSS) is its own;
inputs are read and un-gzipped before the clock starts, and one warm-up document pays the
import costs, which the start-up rows measure separately.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_FOLDER = HERE.parent / "fixtures"
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
MODES = ("cleannews-html", "cleannews-text", "trafilatura-html")
TINY_TEXT = b"Home > News\nThe museum reopened on Monday after a two-year renovation.\n"


def _kind_of(path: Path) -> str | None:
    name = path.name.removesuffix(".gz")
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


NOT_PAGES = frozenset({"hostile", "fuzz"})


def collect_inputs(folder: Path, text_folder: str | None = None) -> dict[str, list[Path]]:
    """HTML and text input files of a folder, in sorted order.

    In a benchmark folder (one with ``html/``), text inputs come from ``text_folder`` or the
    first ``text-*`` sub-folder; elsewhere every ``.html`` / ``.txt`` file below counts,
    but those of ``hostile/`` and ``fuzz/`` (the fixtures' broken inputs, not pages).
    """
    inputs: dict[str, list[Path]] = {"html": [], "text": []}
    if (folder / "html").is_dir() and any(folder.glob("text-*")):
        text_dirs = sorted(p for p in folder.glob("text-*") if p.is_dir())
        chosen = folder / text_folder if text_folder else text_dirs[0]
        inputs["html"] = sorted(p for p in (folder / "html").iterdir() if _kind_of(p) == "html")
        inputs["text"] = sorted(p for p in chosen.iterdir() if _kind_of(p) == "text")
        return inputs
    for path in sorted(folder.rglob("*")):
        kind = _kind_of(path)
        if kind and path.is_file() and not NOT_PAGES & set(path.relative_to(folder).parts):
            inputs[kind].append(path)
    return inputs


def _extractor(mode: str) -> Callable[[bytes], object]:
    if mode == "trafilatura-html":
        import trafilatura

        return lambda content: trafilatura.extract(content)
    from cleannews import Document, Kind, Options, clean_document

    options = Options(input_kind=Kind.HTML if mode == "cleannews-html" else Kind.TEXT)
    return lambda content: clean_document(Document(content), options)


def _pin_to_one_core() -> None:
    if hasattr(os, "sched_getaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run_worker(mode: str, files: Sequence[Path]) -> dict[str, Any]:
    """Time one mode over the files in this process; return the figures."""
    from cleannews.batch import read_input  # gzip by its first bytes, as the CLI reads it

    _pin_to_one_core()
    contents = [read_input(str(path), None, 0) for path in files]
    extract = _extractor(mode)
    if contents:
        extract(contents[0])  # warm-up: imports, lazy models
    if mode.startswith("cleannews"):
        # The language identifier loads its model on first use, which not every warm-up
        # document triggers (most HTML declares its language): load it before the clock.
        from cleannews.metadata import detect_language

        detect_language("A sentence long enough to identify the language it is written in.")
    started = time.perf_counter()
    for content in contents:
        extract(content)
    seconds = time.perf_counter() - started
    total_bytes = sum(len(c) for c in contents)
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    peak_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    return {"mode": mode, "documents": len(contents), "bytes": total_bytes,
            "seconds": seconds, "peak_rss_bytes": peak_bytes}


def _run_mode(mode: str, files: Sequence[Path]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(str(f) for f in files))
        listing = handle.name
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", mode, listing],
            capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL,
        )
    finally:
        Path(listing).unlink()
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def _cleannews_command() -> list[str]:
    script = Path(sys.executable).with_name("cleannews")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cleannews"]


def startup_seconds(argv: Sequence[str], stdin: bytes, runs: int) -> float:
    """The fastest of several runs of a command: its start-up cost without noise."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, input=stdin, capture_output=True, check=False)
        best = min(best, time.perf_counter() - started)
    return best


def _table(results: list[dict[str, Any]], startup: dict[str, float]) -> str:
    header = (f"{'mode':<18} {'docs':>5} {'MB':>7} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} "
              f"{'peak RSS MB':>11}")
    rows = [header, "-" * len(header)]
    for r in results:
        seconds = r["seconds"] or float("nan")
        megabytes = r["bytes"] / 1e6
        rows.append(f"{r['mode']:<18} {r['documents']:>5} {megabytes:>7.2f} {r['seconds']:>8.2f} "
                    f"{r['documents'] / seconds:>8.1f} {megabytes / seconds:>7.2f} "
                    f"{r['peak_rss_bytes'] / 1e6:>11.1f}")
    rows.append("")
    rows.append("start-up (min of runs):")
    rows += [f"  {name:<32} {seconds * 1000:>7.0f} ms" for name, seconds in startup.items()]
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--limit", type=int, default=0, metavar="N",
                        help="use at most N files of each kind (0: all)")
    parser.add_argument("--text-folder", help="text-* sub-folder of a benchmark folder")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated modes")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs; the minimum counts")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="time each mode in N fresh processes; the fastest counts "
                             "(a shared machine's noise only ever slows a run down)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "LISTING"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        mode, listing = args.worker
        files = [Path(line) for line in Path(listing).read_text().splitlines() if line]
        print(json.dumps(run_worker(mode, files)))
        return 0

    inputs = collect_inputs(args.folder, args.text_folder)
    results = []
    for mode in args.modes.split(","):
        files = inputs["html" if mode.endswith("html") else "text"]
        if args.limit:
            files = files[:args.limit]
        if not files:
            print(f"{mode}: no input files in {args.folder}", file=sys.stderr)
            continue
        runs = [_run_mode(mode, files) for _ in range(max(args.repeat, 1))]
        results.append(min(runs, key=lambda run: run["seconds"]))
    command = _cleannews_command()
    startup = {
        "cleannews --version": startup_seconds([*command, "--version"], b"", args.runs),
        "cleannews < tiny text": startup_seconds([*command, "-q"], TINY_TEXT, args.runs),
    }
    # Name the text inputs' folder: a benchmark folder has several dumps of the same pages.
    text_from = inputs["text"][0].parent if inputs["text"] else None
    print(f"folder: {args.folder}, text inputs from {text_from}  (one process per mode, "
          f"one core, fastest of {max(args.repeat, 1)})")
    print(_table(results, startup))
    if args.json:
        args.json.write_text(json.dumps({"folder": str(args.folder),
                                         "text_folder": str(text_from), "results": results,
                                         "startup_seconds": startup}, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
