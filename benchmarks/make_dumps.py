"""Make more text dumps of a benchmark's HTML pages, in the style of other dumpers.

    python benchmarks/make_dumps.py BENCH_DIR [BENCH_DIR ...] --out OUT_DIR

For each benchmark folder (``gold.jsonl`` + ``html/``) this writes ``OUT_DIR/<name>/``
with a copy of ``gold.jsonl`` and ``text-html2text-wrapped/<id>.txt``: the pages dumped by
html2text with its defaults, which keep links as markdown and wrap lines at 78 columns, as
lynx and w3m dumps are wrapped too. The shipped line classifier is not trained on these,
so scoring them (``python -m cleannews.evaluate OUT_DIR/*``) measures cleannews on a
dumper it has never seen. Needs ``html2text`` (``pip install -e '.[train]'``).
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

DUMP_FOLDER = "text-html2text-wrapped"


def dump_page(html_bytes: bytes) -> str:
    """The page as html2text writes it with its default settings."""
    import html2text

    from cleannews.decode import decode_bytes

    converter = html2text.HTML2Text()
    try:
        return str(converter.handle(decode_bytes(html_bytes).text))
    except Exception as error:  # html2text fails on some pages: an empty dump, not a stop
        print(f"html2text failed: {error}", file=sys.stderr)
        return ""


def make_dumps(folder: Path, out: Path) -> int:
    """Write the dumps of one benchmark folder; return how many pages were dumped."""
    target = out / folder.name
    (target / DUMP_FOLDER).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / "gold.jsonl", target / "gold.jsonl")
    count = 0
    for path in sorted((folder / "html").iterdir()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        page_id = path.name.split(".")[0]
        (target / DUMP_FOLDER / f"{page_id}.txt").write_text(dump_page(data), encoding="utf-8")
        count += 1
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    for folder in args.folders:
        print(f"{folder.name}: {make_dumps(folder, args.out)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
