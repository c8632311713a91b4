"""Bulk runs of the ``cleannews`` command: documents/s by ``--jobs``, and the memory of the
whole process tree over many documents.

    python benchmarks/bulk.py [FOLDER] [--jobs 1,2] [--documents 10000] [--json OUT]

FOLDER is ``fixtures/`` (the default) or a benchmark folder such as
``../shared/bench/scrapinghub`` (its ``html/`` pages, gzipped or not). Two measurements:

- **speed**: ``cleannews -q -j N FOLDER/html -o /dev/null`` for each N of ``--jobs``,
  wall-clock time of the whole command (start-up and worker start included), as
  documents/s and MB/s of input, and each N's speed-up over the first;
- **memory**: one run over ``--documents`` pages (the folder's pages again and again, as
  one JSON Lines file, ``-j`` the last of ``--jobs``), sampling the resident memory (RSS)
  of the command and every process under it (workers included) twice a second, with the
  number of records written so far: the table shows it after each tenth of the run, and
  whether it stays flat after warm-up.

Linux only (it reads ``/proc``). Compare figures from one machine, idle; tests never assert
on timings.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_FOLDER = HERE.parent / "fixtures"
SAMPLE_SECONDS = 0.5


def pages(folder: Path) -> list[Path]:
    """The HTML pages of a benchmark folder (its ``html/``) or of any folder, sorted."""
    root = folder / "html" if (folder / "html").is_dir() else folder
    return sorted(p for p in root.rglob("*")
                  if p.name.removesuffix(".gz").endswith((".html", ".htm")))


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleannews", "-q", "--no-progress", *args]


def speed(files: list[Path], jobs: list[int]) -> list[dict[str, Any]]:
    """Wall time of the command over the files, for each number of jobs."""
    megabytes = sum(len(_read(p)) for p in files) / 1e6
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        listing = Path(scratch) / "files.txt"
        listing.write_text("".join(f"{p}\n" for p in files))
        for n in jobs:
            started = time.perf_counter()
            subprocess.run(_command("-j", str(n), "--files-from", str(listing),
                                    "-o", os.devnull), check=False, stdin=subprocess.DEVNULL)
            seconds = time.perf_counter() - started
            rows.append({"jobs": n, "documents": len(files), "seconds": round(seconds, 2),
                         "docs_per_s": round(len(files) / seconds, 1),
                         "mb_per_s": round(megabytes / seconds, 2)})
    for row in rows:
        row["speedup"] = round(rows[0]["seconds"] / row["seconds"], 2)
    return rows


def _tree_rss_mb(root: int) -> float:
    """The resident memory of a process and all its descendants, in MB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        children.setdefault(int(fields["PPid"]), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 1024


def memory(files: list[Path], documents: int, jobs: int) -> list[dict[str, Any]]:
    """RSS of the process tree against records written, over ``documents`` pages."""
    samples: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "pages.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for number, path in enumerate(islice(cycle(files), documents)):
                html = _read(path).decode("utf-8", "replace")
                out.write(json.dumps({"id": f"{number}", "html": html}) + "\n")
        result = Path(scratch) / "out.jsonl"
        process = subprocess.Popen(_command("-j", str(jobs), str(source), "-o", str(result)),
                                   stdin=subprocess.DEVNULL)
        while process.poll() is None:
            written = _count_lines(Path(scratch))
            samples.append((written, _tree_rss_mb(process.pid)))
            time.sleep(SAMPLE_SECONDS)
    rows = []
    for tenth in range(1, 11):
        target = documents * tenth // 10
        reached = [rss for written, rss in samples if written <= target]
        if reached:
            rows.append({"documents": target, "peak_rss_mb": round(max(reached), 1)})
    return rows


def _count_lines(scratch: Path) -> int:
    """Records written so far: the lines of the output file, still under its temporary name."""
    partial = sorted(scratch.glob(".out.jsonl.*"))
    target = partial[0] if partial else scratch / "out.jsonl"
    try:
        with target.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--jobs", default="1,2", help="numbers of jobs to compare")
    parser.add_argument("--documents", type=int, default=10_000,
                        help="pages in the memory run (0: no memory run)")
    parser.add_argument("--limit", type=int, default=0, help="pages in the speed run (0: all)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    files = pages(args.folder)
    if args.limit:
        files = files[: args.limit]
    if not files:
        parser.error(f"no HTML pages in {args.folder}")
    jobs = [int(n) for n in args.jobs.split(",")]
    figures: dict[str, Any] = {"speed": speed(files, jobs)}
    print(f"speed: {len(files)} HTML pages of {args.folder}")
    print(f"{'jobs':>5} {'seconds':>8} {'docs/s':>8} {'MB/s':>6} {'speed-up':>9}")
    for row in figures["speed"]:
        print(f"{row['jobs']:>5} {row['seconds']:>8} {row['docs_per_s']:>8} "
              f"{row['mb_per_s']:>6} {row['speedup']:>8}x")
    if args.documents:
        figures["memory"] = memory(files, args.documents, jobs[-1])
        print(f"memory: peak RSS of the process tree, -j {jobs[-1]}, {args.documents} pages")
        print(f"{'documents':>10} {'peak MB':>8}")
        for row in figures["memory"]:
            print(f"{row['documents']:>10} {row['peak_rss_mb']:>8}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
