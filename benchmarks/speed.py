"""Speed and memory of cleannews on HTML and on text, next to plain trafilatura on the same
HTML, in one run: documents/s, MB/s, median and 95th-percentile time per document, peak
memory, memory after many documents, F1 where the folder has gold, start-up times, and
cost against document size.

    python benchmarks/speed.py [FOLDER] [--limit N] [--repeat N] [--memory-documents N]
                               [--scaling] [--json OUT]

FOLDER is ``fixtures/`` (the default) or a benchmark folder with ``html/`` and ``text-*/``
sub-folders of (optionally gzipped) files, such as ``../shared/bench/scrapinghub``. Each mode
runs in its own fresh process pinned to one core, so peak memory (max RSS) is its own;
inputs are read and un-gzipped before the clock starts, and one warm-up document pays the
import costs, which the start-up rows measure separately. ``--memory-documents N`` then
cleans N documents (the inputs again and again) in the same process and reports its
resident memory after each tenth: flat after warm-up, or growing. ``--scaling`` times one
page 1, 10 and 100 times as long, and a 5 MB text dump: the time per MB must stay flat.

Processes run one after another, so on a shared machine whose speed drifts their figures
can disagree by a third from one run to the next. ``--paired`` also runs the HTML modes
taking turns page by page (a process each, all on one core, who goes first rotating), and
gives each mode's speed as a multiple of plain trafilatura's: drift then slows every mode
alike. Ratios to trafilatura are best read from there. (Not in one process: the modes
would share trafilatura's and htmldate's caches of the page they all just read.)
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_FOLDER = HERE.parent / "fixtures"
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
MODES = ("cleannews-html", "cleannews-fast-html", "cleannews-text", "trafilatura-html",
         "trafilatura-fast-html")
SCALES = (1, 10, 100)
SCALING_TEXT_BYTES = 5_000_000  # "test the text path on a 5 MB dump too" (issue #16)
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


def _extractor(mode: str, unlimited: bool = False) -> Callable[[bytes], str]:
    """The mode's function from a page's bytes to its text."""
    if mode.startswith("trafilatura"):
        import trafilatura

        fast = mode == "trafilatura-fast-html"
        return lambda content: trafilatura.extract(content, fast=fast) or ""
    from cleannews import Document, HtmlOptions, Kind, Limits, Options, Record, clean_document

    options = Options(input_kind=Kind.HTML if mode.endswith("html") else Kind.TEXT,
                      html=HtmlOptions(mode="fast") if "fast" in mode else HtmlOptions(),
                      limits=Limits(0, 0, 0) if unlimited else Limits())

    def clean(content: bytes) -> str:
        record = clean_document(Document(content), options)
        return record.text if isinstance(record, Record) else ""

    return clean


def read_page(path: Path) -> bytes:
    """A page's bytes, un-gzipped if gzipped (known by its first bytes). Read here, not by
    cleannews: trafilatura's process imports nothing of cleannews."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _resident_bytes() -> int:
    """This process's resident memory now (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _pin_to_one_core() -> None:
    if hasattr(os, "sched_getaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _warmed_up(mode: str, files: Sequence[Path]) -> tuple[list[bytes], Callable[[bytes], str]]:
    """This process pinned to one core, the files read, and the mode's function warmed up
    (imports, lazy models), before any clock starts."""
    _pin_to_one_core()
    contents = [read_page(path) for path in files]
    extract = _extractor(mode)
    if contents:
        extract(contents[0])
    if mode.startswith("cleannews"):
        # The language identifier loads its model on first use, which not every warm-up
        # document triggers (most HTML declares its language): load it before the clock.
        from cleannews.metadata import detect_language

        detect_language("A sentence long enough to identify the language it is written in.")
    return contents, extract


def run_worker(mode: str, files: Sequence[Path], memory_documents: int = 0) -> dict[str, Any]:
    """Time one mode over the files in this process; return the figures and the texts."""
    contents, extract = _warmed_up(mode, files)
    times, texts = [], []
    for content in contents:
        started = time.perf_counter()
        texts.append(extract(content))
        times.append(time.perf_counter() - started)
    total_bytes = sum(len(c) for c in contents)
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    peak_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    result = {"mode": mode, "documents": len(contents), "bytes": total_bytes,
              "seconds": sum(times), "median_ms": 1000 * statistics.median(times),
              "p95_ms": 1000 * _percentile(times, 0.95), "peak_rss_bytes": peak_bytes,
              "texts": {_page_id(path): text for path, text in zip(files, texts, strict=True)}}
    if memory_documents and contents:
        result["rss_after"] = _memory_run(extract, contents, memory_documents)
    return result


def lockstep_worker(mode: str, files: Sequence[Path]) -> None:
    """Clean the page whose number arrives on standard input, one at a time, and answer
    with the seconds it took: one of the processes :func:`run_paired` drives."""
    contents, extract = _warmed_up(mode, files)
    print("ready", flush=True)
    for line in sys.stdin:
        started = time.perf_counter()
        extract(contents[int(line)])
        print(time.perf_counter() - started, flush=True)


def run_paired(modes: Sequence[str], files: Sequence[Path], rounds: int) -> dict[str, Any]:
    """Time the modes page by page in turns: one process per mode (its own caches, as in a
    real run), all on one core, each cleaning a page while the others wait. Drift of the
    machine's speed then slows every mode alike."""
    with _listing(files) as listing:
        return _drive_in_turns(modes, len(files), rounds, listing)


def _drive_in_turns(modes: Sequence[str], pages: int, rounds: int,
                    listing: str) -> dict[str, Any]:
    workers = {mode: subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--worker", "lockstep", mode, listing],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for mode in modes}
    seconds = dict.fromkeys(modes, 0.0)
    try:
        for worker in workers.values():
            assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
        for round_number in range(rounds):
            for index in range(pages):
                # Who goes first rotates: none always runs just after another.
                shift = (index + round_number) % len(modes)
                for mode in [*modes[shift:], *modes[:shift]]:
                    worker = workers[mode]
                    assert worker.stdin is not None and worker.stdout is not None
                    worker.stdin.write(f"{index}\n")
                    worker.stdin.flush()
                    seconds[mode] += float(worker.stdout.readline())
    finally:
        for worker in workers.values():
            if worker.stdin is not None:
                worker.stdin.close()
            worker.wait()
    return {"documents": pages * rounds, "rounds": rounds, "seconds": seconds}


def _paired_table(paired: dict[str, Any]) -> str:
    seconds = paired["seconds"]
    baseline = seconds.get("trafilatura-html")
    lines = ["", "HTML modes taking turns page by page, a process each on one core (rounds: "
                 f"{paired['rounds']}; drift slows all alike):",
             f"  {'mode':<22} {'docs/s':>7} {'× trafilatura-html':>19}"]
    for mode, spent in seconds.items():
        ratio = f"{baseline / spent:.2f}" if baseline and spent else ""
        lines.append(f"  {mode:<22} {paired['documents'] / spent:>7.1f} {ratio:>19}")
    return "\n".join(lines)


def _memory_run(extract: Callable[[bytes], str], contents: list[bytes],
                documents: int) -> list[tuple[int, int]]:
    """(documents done, resident bytes) after each tenth of ``documents`` pages."""
    marks = {documents * tenth // 10 for tenth in range(1, 11)}
    rss = []
    for done, content in enumerate(itertools.islice(itertools.cycle(contents), documents), 1):
        extract(content)
        if done in marks:
            rss.append((done, _resident_bytes()))
    return rss


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _page_id(path: Path) -> str:
    """A benchmark file's page id: its name without the format and compression suffixes."""
    return path.name.split(".")[0]


def scaling_worker(mode: str, path: Path) -> list[dict[str, Any]]:
    """Seconds per MB for one page at 1, 10 and 100 times its length (text: and at 5 MB)."""
    _pin_to_one_core()
    page = read_page(path)
    extract = _extractor(mode, unlimited=True)
    extract(page)
    sizes: list[tuple[str, bytes]] = [(f"{n}x", _longer(page, n, mode)) for n in SCALES]
    if mode.endswith("text"):
        times = -(-SCALING_TEXT_BYTES // len(page))
        sizes.append(("5 MB", _longer(page, times, mode)))
    rows = []
    for name, content in sizes:
        started = time.perf_counter()
        extract(content)
        seconds = time.perf_counter() - started
        rows.append({"mode": mode, "size": name, "bytes": len(content), "seconds": seconds,
                     "seconds_per_mb": seconds / (len(content) / 1e6)})
    return rows


_BODY = re.compile(rb"(<body[^>]*>)(.*)(</body>)", re.IGNORECASE | re.DOTALL)


def _longer(page: bytes, times: int, mode: str) -> bytes:
    """The page with its text (a dump) or its body (HTML) written ``times`` times."""
    if mode.endswith("text"):
        return b"\n".join([page] * times)
    match = _BODY.search(page)
    if match is None:
        return page * times
    return page[:match.start(2)] + match.group(2) * times + page[match.end(2):]


def _listed(listing: str) -> list[Path]:
    return [Path(line) for line in Path(listing).read_text().splitlines() if line]


@contextmanager
def _listing(files: Sequence[Path]) -> Iterator[str]:
    """A temporary file naming ``files``, a line each, for a worker process to read."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(str(f) for f in files))
    try:
        yield handle.name
    finally:
        Path(handle.name).unlink()


def _run_mode(mode: str, files: Sequence[Path], *extra: str) -> Any:  # noqa: ANN401 (JSON)
    with _listing(files) as listing:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", mode, listing, *extra],
            capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL,
        )
    return json.loads(done.stdout.splitlines()[-1])


def f1_of(folder: Path, texts: dict[str, str]) -> float | None:
    """F1 of the texts against the folder's gold (None without gold), with the project's
    scorer (tools/evaluate.py: the ScrapingHub benchmark's metric)."""
    if not (folder / "gold.jsonl").exists():
        return None
    sys.path.insert(0, str(HERE.parent / "tools"))
    from evaluate import read_gold, score_document, summarize

    gold = read_gold(folder)
    scores = [score_document(page, gold[page]["text"], text)
              for page, text in texts.items() if page in gold]
    return summarize(scores).f1 if scores else None


def _cleannews_command() -> list[str]:
    script = Path(sys.executable).with_name("cleannews")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cleannews"]


def startup_seconds(argv: Sequence[str], stdin: bytes, runs: int) -> float:
    """The median of several runs of a command (the issue's measure of start-up)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, input=stdin, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _table(results: list[dict[str, Any]], startup: dict[str, float]) -> str:
    header = (f"{'mode':<22} {'docs':>5} {'MB':>6} {'docs/s':>7} {'MB/s':>6} {'median':>7} "
              f"{'p95':>7} {'peak RSS':>8} {'RSS after N':>16} {'F1':>6}")
    rows = [header, f"{'':<22} {'':>5} {'':>6} {'':>7} {'':>6} {'ms':>7} {'ms':>7} "
                    f"{'MB':>8} {'first → last MB':>16}", "-" * len(header)]
    for r in results:
        seconds = r["seconds"] or float("nan")
        megabytes = r["bytes"] / 1e6
        after = r.get("rss_after") or []
        growth = (f"{after[0][1] / 1e6:.0f} → {after[-1][1] / 1e6:.0f} ({after[-1][0]})"
                  if after else "")
        f1 = f"{r['f1']:.3f}" if r.get("f1") is not None else ""
        rows.append(f"{r['mode']:<22} {r['documents']:>5} {megabytes:>6.2f} "
                    f"{r['documents'] / seconds:>7.1f} {megabytes / seconds:>6.2f} "
                    f"{r['median_ms']:>7.1f} {r['p95_ms']:>7.1f} "
                    f"{r['peak_rss_bytes'] / 1e6:>8.1f} {growth:>16} {f1:>6}")
    rows.append("")
    rows.append("start-up (median of runs):")
    rows += [f"  {name:<32} {seconds * 1000:>7.0f} ms" for name, seconds in startup.items()]
    return "\n".join(rows)


def _scaling_table(rows: list[dict[str, Any]]) -> str:
    lines = ["", "cost against size (one page made longer; linear when s/MB stays flat):",
             f"  {'mode':<22} {'size':>6} {'MB':>7} {'seconds':>8} {'s/MB':>7}"]
    lines += [f"  {r['mode']:<22} {r['size']:>6} {r['bytes'] / 1e6:>7.2f} {r['seconds']:>8.3f} "
              f"{r['seconds_per_mb']:>7.3f}" for r in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--limit", type=int, default=0, metavar="N",
                        help="use at most N files of each kind (0: all)")
    parser.add_argument("--text-folder", help="text-* sub-folder of a benchmark folder")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated modes")
    parser.add_argument("--runs", type=int, default=7, help="start-up runs; the median counts")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="time each mode in N fresh processes; the fastest counts "
                             "(a shared machine's noise only ever slows a run down)")
    parser.add_argument("--memory-documents", type=int, default=0, metavar="N",
                        help="after timing, clean N documents in the same process and report "
                             "its resident memory after each tenth (0: no)")
    parser.add_argument("--scaling", action="store_true",
                        help="also time one page 1, 10 and 100 times as long (and a 5 MB dump)")
    parser.add_argument("--paired", type=int, default=0, metavar="ROUNDS",
                        help="also time the HTML modes taking turns page by page in one "
                             "process, ROUNDS times over the pages (0: no)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    parser.add_argument("--worker", nargs="+", metavar="MODE LISTING [N]",
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        if args.worker[0] == "lockstep":  # lockstep MODE LISTING
            _, mode, listing = args.worker
            lockstep_worker(mode, _listed(listing))
            return 0
        mode, listing, *rest = args.worker
        files = _listed(listing)
        if rest == ["scaling"]:
            print(json.dumps(scaling_worker(mode, files[0])))
        else:
            print(json.dumps(run_worker(mode, files, int(rest[0]) if rest else 0)))
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
        best = min(runs, key=lambda run: run["seconds"])
        if args.memory_documents:
            best["rss_after"] = _run_mode(mode, files, str(args.memory_documents))["rss_after"]
        best["f1"] = f1_of(args.folder, best.pop("texts"))
        results.append(best)
    scaling: list[dict[str, Any]] = []
    if args.scaling:
        for mode in args.modes.split(","):
            files = inputs["html" if mode.endswith("html") else "text"][:1]
            if files:
                scaling += _run_mode(mode, files, "scaling")
    paired: dict[str, Any] = {}
    html_modes = [mode for mode in args.modes.split(",") if mode.endswith("html")]
    if args.paired and html_modes and inputs["html"]:
        files = inputs["html"][:args.limit] if args.limit else inputs["html"]
        paired = run_paired(html_modes, files, args.paired)
    command = _cleannews_command()
    html_page = inputs["html"][0].read_bytes() if inputs["html"] else b"<p>x</p>"
    if html_page[:2] == b"\x1f\x8b":
        html_page = gzip.decompress(html_page)
    startup = {
        "cleannews --version": startup_seconds([*command, "--version"], b"", args.runs),
        "cleannews < tiny text": startup_seconds([*command, "-q"], TINY_TEXT, args.runs),
        "cleannews < one HTML page": startup_seconds([*command, "-q"], html_page, args.runs),
    }
    # Name the text inputs' folder: a benchmark folder has several dumps of the same pages.
    text_from = inputs["text"][0].parent if inputs["text"] else None
    print(f"folder: {args.folder}, text inputs from {text_from}  (one process per mode, "
          f"one core, fastest of {max(args.repeat, 1)})")
    print(_table(results, startup))
    if paired:
        print(_paired_table(paired))
    if scaling:
        print(_scaling_table(scaling))
    if args.json:
        args.json.write_text(json.dumps({"folder": str(args.folder),
                                         "text_folder": str(text_from), "results": results,
                                         "startup_seconds": startup, "scaling": scaling,
                                         "paired": paired},
                                        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
