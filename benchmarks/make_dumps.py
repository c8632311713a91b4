"""Make more text dumps of a benchmark's HTML pages, in the style of other dumpers.

    python benchmarks/make_dumps.py BENCH_DIR [BENCH_DIR ...] --out OUT_DIR

For each benchmark folder (``gold.jsonl`` + ``html/``) this writes ``OUT_DIR/<name>/``
with a copy of ``gold.jsonl`` and one sub-folder of ``<id>.txt`` dumps per dumper:
``text-html2text-wrapped`` (html2text with its defaults: links as markdown, lines wrapped
at 78 columns), ``text-nodes`` (every text node on its own line, as
``get_text("\\n", strip=True)`` writes it), ``text-flat`` (the page's text on one line,
its whitespace collapsed), ``text-markdownify`` (markdownify's markdown,
links and all) and ``text-html-text`` (the html-text library's plain text), and, where the
programs are installed (Debian packages ``lynx`` and ``w3m``), ``text-lynx`` (``lynx
-dump``: wrapped, numbered link markers, a list of references at the end) and ``text-w3m``
(``w3m -dump``). The shipped line classifier is trained on none of these, so scoring them
(``python tools/evaluate.py OUT_DIR/*``) measures cleannews on dumpers it has never
seen; the flat classifier is trained on the development pages flattened as ``text-flat``
is, so on those pages its figure is in-sample (``tools/train.py --cross`` reports it
cross-validated). html2text, markdownify and html-text come with ``pip install -e '.[train]'``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from dumps import flat_dump, page_tree, text_node_dump  # tools/, beside training

DUMP_FOLDER = "text-html2text-wrapped"
# Command lines of the terminal browsers, by the folder their dumps go to.
BROWSER_DUMPS = {
    "text-lynx": ["lynx", "-dump", "-force_html", "-display_charset=utf-8"],
    "text-w3m": ["w3m", "-dump", "-T", "text/html", "-O", "utf-8"],
}
# A browser that takes longer than this on one page is stopped; its dump is left empty.
BROWSER_TIMEOUT_SECONDS = 30


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


NODE_DUMP_FOLDER = "text-nodes"
FLAT_DUMP_FOLDER = "text-flat"


def markdownify_dump(html_bytes: bytes) -> str:
    """The page as markdownify converts it (its links, images and headings as markdown)."""
    import lxml.html
    import markdownify

    root = page_tree(html_bytes)
    if root is None:
        return ""
    return str(markdownify.markdownify(lxml.html.tostring(root, encoding="unicode")))


def html_text_dump(html_bytes: bytes) -> str:
    """The page as the html-text library extracts it (a line per block)."""
    import html_text

    from cleannews.decode import decode_bytes

    try:
        return str(html_text.extract_text(decode_bytes(html_bytes).text))
    except Exception as error:  # an unparsable page: an empty dump, not a stop
        print(f"html-text failed: {error}", file=sys.stderr)
        return ""


# Python dumpers by the folder their dumps go to, and the module each needs.
LIBRARY_DUMPS = {
    "text-markdownify": ("markdownify", markdownify_dump),
    "text-html-text": ("html_text", html_text_dump),
}


def browser_dump(command: list[str], html_bytes: bytes) -> str:
    """The page as a terminal browser dumps it (empty if the browser fails)."""
    with tempfile.NamedTemporaryFile(suffix=".html") as page:
        page.write(html_bytes)
        page.flush()
        try:
            result = subprocess.run([*command, page.name], capture_output=True, check=False,
                                    timeout=BROWSER_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            return ""
    return result.stdout.decode("utf-8", "replace")


def make_dumps(folder: Path, out: Path) -> int:
    """Write the dumps of one benchmark folder; return how many pages were dumped."""
    target = out / folder.name
    browsers = {name: command for name, command in BROWSER_DUMPS.items()
                if shutil.which(command[0])}
    libraries = {name: dump for name, (module, dump) in LIBRARY_DUMPS.items()
                 if importlib.util.find_spec(module) is not None}
    for name in [DUMP_FOLDER, NODE_DUMP_FOLDER, FLAT_DUMP_FOLDER, *libraries, *browsers]:
        (target / name).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / "gold.jsonl", target / "gold.jsonl")
    count = 0
    for path in sorted((folder / "html").iterdir()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        page_id = path.name.split(".")[0]
        (target / DUMP_FOLDER / f"{page_id}.txt").write_text(dump_page(data), encoding="utf-8")
        (target / NODE_DUMP_FOLDER / f"{page_id}.txt").write_text(text_node_dump(data),
                                                                  encoding="utf-8")
        (target / FLAT_DUMP_FOLDER / f"{page_id}.txt").write_text(flat_dump(data),
                                                                  encoding="utf-8")
        for name, dump in libraries.items():
            (target / name / f"{page_id}.txt").write_text(dump(data), encoding="utf-8")
        for name, command in browsers.items():
            (target / name / f"{page_id}.txt").write_text(browser_dump(command, data),
                                                          encoding="utf-8")
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
