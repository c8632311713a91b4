"""Coverage-guided fuzzing of the whole document path with atheris (``pip install -e '.[fuzz]'``).

    python tools/fuzz.py --seconds 600                  # fuzz for ten minutes
    python tools/fuzz.py --seconds 600 --jobs 2         # two fuzzing processes
    python tools/fuzz.py --replay fixtures/fuzz         # run saved inputs once, no fuzzing

Each input goes through every stage (``clean_document``) as bytes, as HTML forced, and as
text forced, then through ``to_json_line``. A crash is any exception other than the
pipeline's own document-level errors (binary or oversized input), a record that is not one
line of JSON, or an input slower than ``--input-timeout-seconds``. libFuzzer writes the
input that crashed to ``runs/fuzz/crash-*`` (or ``timeout-*``): fix the bug, then keep the
input in ``fixtures/fuzz/`` so ``tests/test_hostile.py`` replays it on every test run.

The corpus grows in ``runs/fuzz/corpus`` (not committed), seeded with ``fixtures/``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["cleannews"]):
    from cleannews.detect import Kind
    from cleannews.options import Limits, Options
    from cleannews.pipeline import Document, clean_document
    from cleannews.records import ErrorRecord, to_json_line

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures"
WORK = ROOT / "runs" / "fuzz"

# Three ways through the pipeline: sniffed, forced HTML, forced text. The first byte of
# the input picks one, so the fuzzer learns to reach each.
# No time limit of the pipeline's own: a hang is the fuzzer's to report (its -timeout).
_NO_TIMEOUT = Limits(timeout_seconds=0)
_OPTIONS = (Options(limits=_NO_TIMEOUT), Options(input_kind=Kind.HTML, limits=_NO_TIMEOUT),
            Options(input_kind=Kind.TEXT, limits=_NO_TIMEOUT))
# Document-level errors that the pipeline raises on purpose; they become error records.
_EXPECTED_ERRORS = {"binary_input", "input_too_large", "unsupported_format"}


def check_one_input(data: bytes) -> None:
    """Run one input through every stage; raise if anything but an expected error happens."""
    options = _OPTIONS[data[0] % len(_OPTIONS)] if data else _OPTIONS[0]
    record = clean_document(Document(data[1:]), options)
    if isinstance(record, ErrorRecord):
        if record.error.type not in _EXPECTED_ERRORS:
            error = record.error
            raise AssertionError(f"{error.stage} failed: {error.type}: {error.message}")
        return
    line = to_json_line(record)
    if line.count("\n") != 1 or not line.endswith("\n"):
        raise AssertionError(f"record is not one line: {line[:200]!r}")
    json.loads(line)


def _write_seeds(folder: Path) -> None:
    """Copy the fixtures' pages into ``folder``, each behind a first byte of 0 (sniffed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, path in enumerate(sorted(SEEDS.rglob("*"))):
        if path.is_file() and path.suffix != ".json" and path.stat().st_size < 200_000:
            (folder / f"{number:04d}-{path.name}").write_bytes(b"\0" + path.read_bytes())


def _fuzz(libfuzzer_args: list[str]) -> None:
    """Run libFuzzer in this process until its time is up or an input crashes."""
    atheris.Setup([sys.argv[0], *libfuzzer_args], check_one_input)
    atheris.Fuzz()


def _fuzz_until(seconds: float, libfuzzer_args: list[str], log: Path) -> tuple[int, int]:
    """Fuzz in child processes for ``seconds`` in all, starting a new one after each crash.

    libFuzzer stops at the first crash, and its fork mode cannot start a Python script, so
    this loop restarts it: the corpus it grew stays, and the crashing input is saved.
    Returns (child runs, runs that ended in a crash or hang).
    """
    deadline = time.monotonic() + seconds
    runs = crashes = 0
    with log.open("a", encoding="utf-8") as output:
        while (remaining := int(deadline - time.monotonic())) > 0:
            child = subprocess.run(
                [sys.executable, __file__, "--child", f"-max_total_time={remaining}",
                 *libfuzzer_args], stdout=output, stderr=subprocess.STDOUT, check=False)
            runs += 1
            crashes += child.returncode != 0
    return runs, crashes


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _fuzz(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600, help="how long to fuzz in all")
    parser.add_argument("--jobs", type=int, default=1, help="fuzzing processes at once")
    parser.add_argument("--input-timeout-seconds", type=int, default=30,
                        help="an input slower than this is reported as a hang")
    parser.add_argument("--max-input-bytes", type=int, default=32_768,
                        help="the largest input the fuzzer makes")
    parser.add_argument("--replay", type=Path, default=None,
                        help="run every file of this folder once, instead of fuzzing")
    args = parser.parse_args()
    if args.replay is not None:
        for path in sorted(args.replay.iterdir()):
            check_one_input(path.read_bytes())
            print(f"ok {path}")
        return
    corpus, seeds = WORK / "corpus", WORK / "seeds"
    corpus.mkdir(parents=True, exist_ok=True)
    _write_seeds(seeds)
    libfuzzer_args = [
        f"-timeout={args.input_timeout_seconds}",
        f"-max_len={args.max_input_bytes}",
        f"-artifact_prefix={WORK}/",
        "-rss_limit_mb=4096",
        "-print_final_stats=1",
        # The first folder is the corpus libFuzzer grows; the second is only read.
        str(corpus), str(seeds),
    ]
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(
            lambda job: _fuzz_until(args.seconds, libfuzzer_args, WORK / f"log-{job}.txt"),
            range(args.jobs)))
    runs, crashes = (sum(column) for column in zip(*results, strict=True))
    inputs = sum(1 for _ in corpus.iterdir())
    print(f"fuzzed {args.seconds} s in {args.jobs} process(es): {runs} runs, {crashes} ended "
          f"in a crash or hang (inputs in {WORK}/crash-*, timeout-*), corpus {inputs} inputs; "
          f"logs in {WORK}/log-*.txt")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
