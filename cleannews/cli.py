"""The ``cleannews`` command: parse flags into Options, open streams, call the library."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import IO, BinaryIO

import click

from cleannews import __version__
from cleannews.batch import STDIN, clean_paths, expand_paths, read_input
from cleannews.detect import Kind
from cleannews.errors import CleannewsError
from cleannews.extract import OUTPUT_FORMATS, ExtractOptions
from cleannews.pipeline import DEFAULT_MAX_INPUT_BYTES, Document, Options, judge_document
from cleannews.records import ErrorRecord, Record, to_json_line

# Pages take milliseconds; one that takes this long has hit a pathological case in a parser.
DEFAULT_TIMEOUT_SECONDS = 60.0

EXAMPLES = """
\b
Examples:
  cat page.html | cleannews                 one JSON line for the page
  cleannews page.txt | jq .title            the headline of a text dump
  cleannews saved_pages/ -o pages.jsonl     every file of a folder, in sorted order
  cleannews --text page.html | less         only the clean article text
  cleannews --explain page.txt              why each line was kept or dropped
"""


def exit_code(records: int, errors: int) -> int:
    """0 when every input gave a record with a result, 1 when any gave an error record."""
    del records
    return 1 if errors else 0


def _binary_stdin() -> BinaryIO | None:
    """Standard input as bytes, or None where the process has none (a closed descriptor 0).

    ``sys.stdin.buffer`` rather than click's stream helpers, which click deprecates; under
    ``CliRunner`` it is the test's input.
    """
    stream = sys.stdin
    return None if stream is None else stream.buffer


def _write_explanation(path: str, stdin: BinaryIO | None, options: Options, url: str | None,
                       out: IO[str]) -> int:
    errors = 0
    for name in expand_paths([path]):
        try:
            content = read_input(name, stdin, options.max_input_bytes)
            decoded, kind, cleaned, record = judge_document(
                Document(content, source=name, url=url), options, explain=True)
        except Exception as error:  # shown to the user, like an error record
            out.write(f"# {name}: error: {error}\n")
            errors += 1
            continue
        out.write(f"# {name}: {kind.value}, {decoded.encoding}, title={record.title!r}, "
                  f"date={record.date!r}, site_name={record.site_name!r}\n")
        for line in cleaned.lines:
            verdict = "KEEP" if line.kept else f"DROP {line.reason.value if line.reason else ''}"
            score = f"{line.score:.2f}" if line.score is not None else "  - "
            out.write(f"{line.number:>5} {verdict:<22} {score}  {line.text}\n")
            if line.detail:
                out.write(f"{'':>5} {'':<22}       ({line.detail})\n")
    return errors


@click.command(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="Write JSON Lines here instead of standard output.")
@click.option("--text", "text_only", is_flag=True,
              help="Print only the clean article text of each input (for reading).")
@click.option("--explain", is_flag=True,
              help="Print every input line with its verdict, score and the rule or features "
                   "that decided it.")
@click.option("--input-kind", type=click.Choice([k.value for k in Kind]), default=None,
              help="Treat input as html or text instead of detecting it.")
@click.option("--url", default=None, help="The page's url; wins over the url found in the page.")
@click.option("--favor-precision", is_flag=True,
              help="HTML: extract less, with less boilerplate (trafilatura's precision mode).")
@click.option("--favor-recall", is_flag=True,
              help="HTML: keep the blocks that close the extracted text (link lists, calls to "
                   "action, credits) instead of trimming them.")
@click.option("--include-comments", is_flag=True, help="HTML: keep readers' comments.")
@click.option("--include-tables/--no-include-tables", default=True, show_default=True,
              help="HTML: keep the text of tables.")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default="text",
              show_default=True,
              help="HTML: render the article as plain text or as markdown, keeping headings "
                   "(## Subheading), list items (- item) and tables, e.g. "
                   "'cleannews --output-format markdown page.html'. Text input keeps the "
                   "dumper's headings and bullets either way; its links and emphasis "
                   "become plain text.")
@click.option("--classify-html", is_flag=True,
              help="HTML: also run the learned line classifier on the extracted text.")
@click.option("--max-input-bytes", type=click.IntRange(min=0), default=DEFAULT_MAX_INPUT_BYTES,
              show_default=True, help="Larger inputs give an error record; 0 for no limit.")
@click.option("--timeout-seconds", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT_SECONDS,
              show_default=True,
              help="A page that takes longer gives an error record of type timeout and the "
                   "run goes on; 0 for no limit.")
@click.option("-q", "--quiet", is_flag=True, help="No warnings or summary on standard error.")
@click.version_option(__version__, "-V", "--version")
def main(paths: tuple[str, ...], output: IO[str], text_only: bool, explain: bool,
         input_kind: str | None, url: str | None, favor_precision: bool, favor_recall: bool,
         include_comments: bool, include_tables: bool, output_format: str, classify_html: bool,
         max_input_bytes: int, timeout_seconds: float, quiet: bool) -> None:
    """Turn raw scraped pages (HTML or dumped text) into clean article text and metadata.

    Reads each PATH (a directory is walked in sorted order; - is standard input, the
    default when no PATH is given) and writes one JSON object per input, on one line, to
    standard output. Exit status: 0 when every input gave a record, 1 when some gave an
    error record, 2 for usage errors.
    """
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING,
                        format="cleannews: %(message)s", stream=sys.stderr)
    if favor_precision and favor_recall:
        raise click.UsageError("--favor-precision and --favor-recall exclude each other")
    if text_only and explain:
        raise click.UsageError("--text and --explain exclude each other")
    stdin = _binary_stdin()
    if not paths:
        if stdin is None or stdin.isatty():
            raise click.UsageError("no input: give a PATH, or pipe a page in")
        paths = (STDIN,)
    options = Options(
        input_kind=Kind(input_kind) if input_kind else None,
        extract=ExtractOptions(favor_precision=favor_precision, favor_recall=favor_recall,
                               include_comments=include_comments, include_tables=include_tables,
                               output_format=output_format),
        classify_html=classify_html,
        max_input_bytes=max_input_bytes,
        timeout_seconds=timeout_seconds,
    )
    try:
        if explain:
            errors = sum(_write_explanation(p, stdin, options, url, output) for p in paths)
            sys.exit(exit_code(len(paths), errors))
        records = clean_paths(paths, options, url=url, stdin=stdin)
        written, errors = _write(records, output, text_only)
    except CleannewsError as error:
        raise click.ClickException(str(error)) from error
    if not quiet and written > 1:
        click.echo(f"cleannews: {written} inputs, {errors} errors", err=True)
    sys.exit(exit_code(written, errors))


def _write(records: Iterable[Record | ErrorRecord], output: IO[str], text_only: bool
           ) -> tuple[int, int]:
    written = errors = 0
    for record in records:
        written += 1
        if isinstance(record, ErrorRecord):
            errors += 1
            if text_only:
                click.echo(f"cleannews: {record.source}: {record.error.message}", err=True)
                continue
        if text_only and isinstance(record, Record):
            output.write(("\n" if written > 1 else "") + record.text + "\n")
        else:
            output.write(to_json_line(record))
        output.flush()
    return written, errors
