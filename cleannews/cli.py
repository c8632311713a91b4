"""The ``cleannews`` command: parse flags into Options, open streams, call the library.

Ctrl-C and SIGTERM stop a run with whole records written (exit 130), a reader that goes
away (``cleannews dir/ | head -1``) ends it quietly (141), and an output that cannot be
written is one message (1); :mod:`cleannews.output` sees to the whole records.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import BinaryIO, cast

import click

from cleannews import __version__
from cleannews.batch import STDIN, clean_paths, read_documents
from cleannews.detect import Kind
from cleannews.errors import CleannewsError
from cleannews.filters import RecordFilter
from cleannews.limits import DEFAULT_MAX_MEMORY_MB, memory_limit
from cleannews.options import OUTPUT_FORMATS, HtmlOptions, Limits, Options, OutputFormat
from cleannews.output import Sink, interrupts, leave_quietly_for_a_closed_pipe, open_output
from cleannews.pipeline import Explanation, explain_document
from cleannews.records import ErrorRecord, Record, to_json_line

DEFAULTS = Options()  # the flags' defaults are the library's

EXIT_INTERRUPTED = 130  # 128 + SIGINT: what a shell reports for a command stopped by Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what it reports for one whose reader went away

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


def _write_explanations(paths: Iterable[str], stdin: BinaryIO | None, options: Options,
                        url: str | None, out: Sink, tally: Tally) -> None:
    """Write every line of each input with its verdict, score and the rule that decided."""
    for item in read_documents(paths, options, url=url, stdin=stdin):
        explanation = (Explanation(item) if isinstance(item, ErrorRecord)
                       else explain_document(item, options))
        with interrupts.held():
            _write_explanation(explanation, out)
            tally.written += 1
            tally.errors += isinstance(explanation.record, ErrorRecord)


def _write_explanation(explanation: Explanation, out: Sink) -> None:
    record = explanation.record
    if isinstance(record, ErrorRecord):
        out.write(f"# {record.source}: error: {record.error.message}\n")
        return
    meta = record.metadata
    out.write(f"# {record.source}: {record.input_kind}, {record.encoding}, title={meta.title!r}, "
              f"date={meta.date!r}, site_name={meta.site_name!r}\n")
    for line in explanation.lines:
        verdict = "KEEP" if line.kept else f"DROP {line.reason.value if line.reason else ''}"
        score = f"{line.score:.2f}" if line.score is not None else "  - "
        out.write(f"{line.number:>5} {verdict:<22} {score}  {line.text}\n")
        if line.detail:
            out.write(f"{'':>5} {'':<22}       ({line.detail})\n")


@click.command(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@click.option("-o", "--output", default=STDIN, metavar="FILE",
              help="Write JSON Lines here instead of standard output. The file appears when "
                   "the run ends (a failed run leaves no file behind).")
@click.option("--text", "text_only", is_flag=True,
              help="Print only the clean article text of each input (for reading).")
@click.option("--explain", is_flag=True,
              help="Print every input line with its verdict, score and the rule or features "
                   "that decided it.")
@click.option("--input-kind", type=click.Choice([k.value for k in Kind]), default=None,
              help="Treat input as html or text instead of detecting it.")
@click.option("--url", default=None, help="The page's url; wins over the url found in the page.")
@click.option("--favor-precision", is_flag=True, default=DEFAULTS.html.favor_precision,
              help="HTML: extract less, with less boilerplate (trafilatura's precision mode).")
@click.option("--favor-recall", is_flag=True, default=DEFAULTS.html.favor_recall,
              help="HTML: keep the blocks that close the extracted text (link lists, calls to "
                   "action, credits) instead of trimming them.")
@click.option("--include-comments", is_flag=True, default=DEFAULTS.keep_comments,
              help="HTML: keep readers' comments.")
@click.option("--include-tables/--no-include-tables", default=DEFAULTS.html.include_tables,
              show_default=True,
              help="HTML: keep the text of tables.")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS),
              default=DEFAULTS.output_format,
              show_default=True,
              help="HTML: render the article as plain text or as markdown, keeping headings "
                   "(## Subheading), list items (- item) and tables, e.g. "
                   "'cleannews --output-format markdown page.html'. Text input keeps the "
                   "dumper's headings and bullets either way; its links and emphasis "
                   "become plain text.")
@click.option("--classify-html", is_flag=True, default=DEFAULTS.html.classify_lines,
              help="HTML: also run the learned line classifier on the extracted text.")
@click.option("--max-input-bytes", type=click.IntRange(min=0),
              default=DEFAULTS.limits.max_input_bytes,
              show_default=True, help="Larger inputs give an error record; 0 for no limit.")
@click.option("--timeout-seconds", type=click.FloatRange(min=0),
              default=DEFAULTS.limits.timeout_seconds,
              show_default=True,
              help="A page that takes longer gives an error record of type timeout and the "
                   "run goes on; 0 for no limit.")
@click.option("--max-input-lines", type=click.IntRange(min=0),
              default=DEFAULTS.limits.max_input_lines,
              show_default=True,
              help="A text of more lines (a dump, or what the HTML extractor kept) gives an "
                   "error record; 0 for no limit.")
@click.option("--max-memory-mb", type=click.IntRange(min=0), default=DEFAULT_MAX_MEMORY_MB,
              show_default=True,
              help="Cap the process's memory (address space, where the platform allows it): "
                   "a page that needs more gives an error record of type out_of_memory and "
                   "the run goes on; 0 for no limit.")
@click.option("--min-words", type=click.IntRange(min=0), default=0, metavar="N",
              help="Drop records of fewer than N words (Chinese, Japanese, Thai... counted "
                   "by characters); the summary counts them.")
@click.option("--language", "languages", default="", metavar="CODE[,CODE]",
              help="Keep only records in these languages (ISO 639-1 codes, e.g. en,de); "
                   "the summary counts the rest.")
@click.option("--dedup", is_flag=True,
              help="Drop a record whose text repeats an earlier one's (equal text_hash: the "
                   "same words, whatever their case and spacing).")
@click.option("--keep-dropped", default=None, metavar="FILE",
              help="Write the records that --min-words, --language or --dedup drop here, as "
                   "JSON Lines.")
@click.option("-q", "--quiet", is_flag=True, help="No warnings or summary on standard error.")
@click.version_option(__version__, "-V", "--version")
def main(paths: tuple[str, ...], output: str, text_only: bool, explain: bool,
         input_kind: str | None, url: str | None, favor_precision: bool, favor_recall: bool,
         include_comments: bool, include_tables: bool, output_format: str, classify_html: bool,
         max_input_bytes: int, timeout_seconds: float, max_input_lines: int, max_memory_mb: int,
         min_words: int, languages: str, dedup: bool, keep_dropped: str | None,
         quiet: bool) -> None:
    """Turn raw scraped pages (HTML or dumped text) into clean article text and metadata.

    Reads each PATH (a directory is walked in sorted order; - is standard input, the
    default when no PATH is given) and writes one JSON object per input, on one line, to
    standard output. Exit status: 0 when every input gave a record, 1 when some gave an
    error record (or the output could not be written), 2 for usage errors, 130 when
    interrupted, 141 when the reader of the output went away.
    """
    # Our own warnings (one line per failed input) unless --quiet; a library's only when
    # they are errors (trafilatura warns "discarding data" on pages it finds empty).
    logging.basicConfig(level=logging.ERROR, format="cleannews: %(message)s", stream=sys.stderr)
    logging.getLogger("cleannews").setLevel(logging.ERROR if quiet else logging.WARNING)
    if favor_precision and favor_recall:
        raise click.UsageError("--favor-precision and --favor-recall exclude each other")
    if text_only and explain:
        raise click.UsageError("--text and --explain exclude each other")
    keep = RecordFilter(min_words=min_words, dedup=dedup, languages=frozenset(
        code.strip().lower() for code in languages.split(",") if code.strip()))
    if explain and keep.active:
        raise click.UsageError("--explain takes no --min-words, --language or --dedup")
    if keep_dropped is not None and not keep.active:
        raise click.UsageError("--keep-dropped needs --min-words, --language or --dedup")
    stdin = _binary_stdin()
    if not paths:
        if stdin is None or stdin.isatty():
            raise click.UsageError("no input: give a PATH, or pipe a page in")
        paths = (STDIN,)
    options = Options(
        input_kind=Kind(input_kind) if input_kind else None,
        html=HtmlOptions(favor_precision=favor_precision, favor_recall=favor_recall,
                         include_tables=include_tables, classify_lines=classify_html),
        keep_comments=include_comments,
        output_format=cast(OutputFormat, output_format),  # click checked it
        limits=Limits(max_input_bytes=max_input_bytes, max_input_lines=max_input_lines,
                      timeout_seconds=timeout_seconds),
    )
    tally = Tally(keep=keep)
    try:
        with (interrupts.installed(), memory_limit(max_memory_mb * 1024 * 1024),
              open_output(output) as sink, ExitStack() as dropped_output):
            if keep_dropped is not None:
                tally.dropped_sink = dropped_output.enter_context(open_output(keep_dropped))
            if explain:
                _write_explanations(paths, stdin, options, url, sink, tally)
            else:
                _write(clean_paths(paths, options, url=url, stdin=stdin), sink, text_only,
                       tally)
    except CleannewsError as error:
        raise click.ClickException(str(error)) from error
    except BrokenPipeError:
        leave_quietly_for_a_closed_pipe()
        sys.exit(EXIT_BROKEN_PIPE)
    except KeyboardInterrupt:
        where = "" if output == STDIN else f"; {output} holds their records"
        click.echo(f"cleannews: interrupted after {tally.written} inputs{where}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except OSError as error:  # the output: reading errors became error records
        raise click.ClickException(
            f"cannot write {output}: {error.strerror or error}") from error
    inputs = tally.written + sum(keep.dropped.values())
    if not quiet and (inputs > 1 or keep.dropped):
        dropped = keep.summary()
        click.echo(f"cleannews: {inputs} inputs, {tally.errors} errors"
                   + (f", {dropped}" if dropped else ""), err=True)
    sys.exit(exit_code(tally.written, tally.errors))


@dataclass
class Tally:
    """How many records a run has written, how many of them are error records, and which
    records it keeps (a dataset's switches; the dropped go to ``dropped_sink`` if any)."""

    written: int = 0
    errors: int = 0
    keep: RecordFilter = field(default_factory=RecordFilter)
    dropped_sink: Sink | None = None


def _write(records: Iterable[Record | ErrorRecord], output: Sink, text_only: bool,
           tally: Tally) -> None:
    """Write each record as it comes, counting it in ``tally``."""
    for record in records:
        with interrupts.held():  # the record and its count, or neither
            if tally.keep.drop_reason(record) is not None:
                if tally.dropped_sink is not None:
                    tally.dropped_sink.write(to_json_line(record))
                continue
            if text_only and isinstance(record, ErrorRecord):
                click.echo(f"cleannews: {record.source}: {record.error.message}", err=True)
            elif text_only and isinstance(record, Record):
                output.write(("\n" if tally.written else "") + record.text + "\n")
            else:
                output.write(to_json_line(record))
            tally.written += 1
            tally.errors += isinstance(record, ErrorRecord)
