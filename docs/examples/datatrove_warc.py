"""WARC files in, cleannews records out as JSON Lines, with datatrove's local executor.

    pip install 'cleannews[datatrove]'
    python docs/examples/datatrove_warc.py crawl.warc.gz out/          # one WARC file
    python docs/examples/datatrove_warc.py crawl/ out/ --tasks 8       # every WARC in a folder

Writes out/00000.jsonl.gz, one per task: one JSON object per page that has article text
(``text``, ``id`` and ``metadata`` with cleannews' fields), and datatrove's logs and stats
in out/logs/. How to run the same pipeline on Slurm or Ray: docs/datatrove.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter

from cleannews.integrations.datatrove import CleannewsExtractor
from cleannews.options import Limits, Options


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warc", type=Path, help="a WARC file (.warc, .warc.gz) or a folder of them")
    parser.add_argument("output", type=Path, help="folder for the JSON Lines and the logs")
    parser.add_argument("--tasks", type=int, default=1, help="shards of the input (default 1)")
    parser.add_argument("--workers", type=int, default=-1,
                        help="tasks run at once (default: all of them)")
    args = parser.parse_args()

    if args.warc.is_dir():
        reader = WarcReader(str(args.warc), glob_pattern="**/*.warc*")
    else:
        reader = WarcReader(str(args.warc.parent), glob_pattern=args.warc.name)
    options = Options(limits=Limits(timeout_seconds=30))  # cleannews' per-page time limit
    LocalPipelineExecutor(
        pipeline=[
            reader,
            CleannewsExtractor(options),
            JsonlWriter(str(args.output), output_filename="${rank}.jsonl.gz"),
        ],
        tasks=args.tasks,
        workers=args.workers,
        logging_dir=str(args.output / "logs"),
    ).run()


if __name__ == "__main__":  # the executor's worker processes import this file
    main()
