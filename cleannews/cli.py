"""The ``cleannews`` command: parse flags into Options, open streams, call the library.

Ctrl-C and SIGTERM stop a run with whole records written (exit 130), a reader that goes
away (``cleannews dir/ | head -1``) ends it quietly (141), and an output that cannot be
written is one message (1); :mod:`cleannews.output` sees to the whole records.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
import time
from collections.abc import Generator, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, cast

import click

from cleannews import __version__
from cleannews.batch import INPUT_FORMATS, STDIN, InputFormat, Inputs, ReadStats, read_documents
from cleannews.detect import Kind
from cleannews.errors import CleannewsError
from cleannews.folder import OUTPUT_SUFFIXES, FolderOutput, RunRefusedError, settings_digest
from cleannews.inputs.files import listed_paths
from cleannews.inputs.jsonl import Fields
from cleannews.limits import DEFAULT_MAX_MEMORY_MB, memory_limit
from cleannews.options import OUTPUT_FORMATS, HtmlOptions, Limits, Options, OutputFormat
from cleannews.output import Sink, interrupts, leave_quietly_for_a_closed_pipe, open_output
from cleannews.pipeline import Explanation, explain_document
from cleannews.records import ErrorRecord, Record, to_json_line

if TYPE_CHECKING:  # the record filter counts words with the line splitter: loaded by a run
    from cleannews.filters import RecordFilter

DEFAULTS = Options()  # the flags' defaults are the library's
Pair = tuple[str, Record | ErrorRecord]  # an input file and a record of it

EXIT_INTERRUPTED = 130  # 128 + SIGINT: what a shell reports for a command stopped by Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what it reports for one whose reader went away

EXAMPLES = """
\b
Examples:
  cat page.html | cleannews                 one JSON line for the page
  cleannews page.txt | jq .title            the headline of a text dump
  cleannews saved_pages/ -o pages.jsonl     every file of a folder, in sorted order
  cleannews crawl.warc.gz --output-dir out/ the HTML pages of a crawl, in shards
  cleannews pages.jsonl.gz -o clean.jsonl.gz  a JSON Lines file of pages ("html" field)
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


def _write_explanations(inputs: Inputs, stdin: BinaryIO | None, options: Options,
                        out: Sink, tally: Tally) -> None:
    """Write every line of each input with its verdict, score and the rule that decided."""
    for _, item in read_documents(inputs, options, stdin=stdin, stats=tally.stats):
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
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="Read only the files of a folder that match (repeatable; ** spans "
                   "folders, a pattern without / matches the name, !PATTERN leaves out): "
                   "--glob '*.html'. Files named directly are always read. With no PATH, "
                   "the current folder is walked.")
@click.option("--files-from", default=None, metavar="FILE|-",
              help="Also read the paths listed in FILE, one a line (- for standard input).")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto",
              show_default=True,
              help="auto: a .jsonl/.ndjson name (compressed or not) is JSON Lines, a WARC "
                   "is known by its first bytes, any other file is one page. page, jsonl, "
                   "warc: read every input so.")
@click.option("--html-field", default="html", show_default=True, metavar="NAME",
              help="JSON Lines: the field that holds a record's HTML.")
@click.option("--text-field", default="text", show_default=True, metavar="NAME",
              help="JSON Lines: the field that holds a record's text dump, where it has no "
                   "HTML.")
@click.option("--url-field", default="url", show_default=True, metavar="NAME",
              help="JSON Lines: the field that holds a record's url.")
@click.option("--id-field", default="id", show_default=True, metavar="NAME",
              help="JSON Lines: the field that holds a record's id (kept as the output "
                   "record's id).")
@click.option("-o", "--output", default=STDIN, metavar="FILE",
              help="Write JSON Lines here instead of standard output (compressed when the "
                   "name ends in .gz or .zst). The file appears when the run ends (a "
                   "failed run leaves no file behind).")
@click.option("--output-dir", default=None, metavar="DIR",
              help="Write JSON Lines files into DIR (new or empty): shards of --shard-size "
                   "records, part-00000.jsonl.gz, ..., or with --mirror one file per input "
                   "file. Each file appears when complete; --resume continues a run.")
@click.option("--shard-size", type=click.IntRange(min=1), default=None, metavar="N",
              help="--output-dir: records per shard.  [default: 10000]")
@click.option("--mirror", is_flag=True,
              help="--output-dir: one file per input file, at its path under DIR "
                   "(saved/a.html -> DIR/saved/a.html.jsonl.gz).")
@click.option("--output-compression", type=click.Choice(list(OUTPUT_SUFFIXES)),
              default=None, help="--output-dir: how the files are compressed.  "
                                 "[default: gzip]")
@click.option("--resume", is_flag=True,
              help="--output-dir: continue the interrupted run DIR holds (same inputs and "
                   "settings); the files come out as an uninterrupted run's would.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
              help="Worker processes; 0 (the default) for one per usable core, 1 to clean "
                   "in this process. Records keep the input order.")
@click.option("--progress/--no-progress", default=None,
              help="A progress bar on standard error.  [default: when it is a terminal]")
@click.option("--text", "text_only", is_flag=True,
              help="Print only the clean article text of each input (for reading).")
@click.option("--explain", is_flag=True,
              help="Print every input line with its verdict, score and the rule or features "
                   "that decided it.")
@click.option("--input-kind", type=click.Choice([k.value for k in Kind]), default=None,
              help="Treat input as html or text instead of detecting it.")
@click.option("--url", default=None, help="The page's url; wins over the url found in the page.")
@click.option("--html-mode", type=click.Choice(["default", "fast"]), default=DEFAULTS.html.mode,
              show_default=True,
              help="HTML: 'fast' renders the main content with resiliparse and judges its "
                   "lines with the classifier, about 1.7 times the default's speed at a "
                   "little less F1 (the default mode still takes pages whose rendering "
                   "lost the article, and markdown output).")
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
def main(paths: tuple[str, ...], globs: tuple[str, ...], files_from: str | None,
         input_format: str, html_field: str, text_field: str, url_field: str, id_field: str,
         output: str, output_dir: str | None, shard_size: int | None, mirror: bool,
         output_compression: str | None, resume: bool, jobs: int, progress: bool | None,
         text_only: bool, explain: bool,
         input_kind: str | None, url: str | None, html_mode: str, favor_precision: bool,
         favor_recall: bool,
         include_comments: bool, include_tables: bool, output_format: str, classify_html: bool,
         max_input_bytes: int, timeout_seconds: float, max_input_lines: int, max_memory_mb: int,
         min_words: int, languages: str, dedup: bool, keep_dropped: str | None,
         quiet: bool) -> None:
    """Turn raw scraped pages (HTML or dumped text) into clean article text and metadata.

    Reads each PATH (a directory is walked depth first in sorted order; - is standard
    input, the default when no PATH is given): a page, a JSON Lines file of pages, or a
    WARC. Writes one JSON object per page, on one line, to standard output (or -o FILE,
    or --output-dir DIR). Exit status: 0 when every input gave a record, 1 when some gave
    an error record (or the output could not be written), 2 for usage errors, 130 when
    interrupted, 141 when the reader of the output went away.
    """
    # numpy's BLAS would start a thread per core when it is imported (about 50 ms) for
    # matrix products far too small to use them, and in every worker process at that.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # Our own warnings (one line per failed input) unless --quiet; a library's only when
    # they are errors (trafilatura warns "discarding data" on pages it finds empty).
    logging.basicConfig(level=logging.ERROR, format="cleannews: %(message)s", stream=sys.stderr)
    logging.getLogger("cleannews").setLevel(logging.ERROR if quiet else logging.WARNING)
    if favor_precision and favor_recall:
        raise click.UsageError("--favor-precision and --favor-recall exclude each other")
    if text_only and explain:
        raise click.UsageError("--text and --explain exclude each other")
    from cleannews.filters import RecordFilter

    keep = RecordFilter(min_words=min_words, dedup=dedup, languages=frozenset(
        code.strip().lower() for code in languages.split(",") if code.strip()))
    if explain and keep.active:
        raise click.UsageError("--explain takes no --min-words, --language or --dedup")
    if keep_dropped is not None and not keep.active:
        raise click.UsageError("--keep-dropped needs --min-words, --language or --dedup")
    _check_output_flags(output, output_dir, shard_size, mirror, output_compression, resume,
                        text_only, explain, keep_dropped)
    stdin = _binary_stdin()
    if files_from == STDIN and STDIN in paths:
        raise click.UsageError("standard input cannot be both --files-from - and an input")
    if not paths and files_from is None:
        if globs:
            paths = (".",)
        elif stdin is None or stdin.isatty():
            raise click.UsageError("no input: give a PATH, or pipe a page in")
        else:
            paths = (STDIN,)
    options = Options(
        input_kind=Kind(input_kind) if input_kind else None,
        html=HtmlOptions(favor_precision=favor_precision, favor_recall=favor_recall,
                         include_tables=include_tables, classify_lines=classify_html,
                         mode="fast" if html_mode == "fast" else "default"),
        keep_comments=include_comments,
        output_format=cast(OutputFormat, output_format),  # click checked it
        limits=Limits(max_input_bytes=max_input_bytes, max_input_lines=max_input_lines,
                      timeout_seconds=timeout_seconds),
    )
    fields = Fields(html=html_field, text=text_field, url=url_field, id=id_field)
    from cleannews.parallel import usable_cores  # multiprocessing: loaded by a run only

    tally = Tally(keep=keep, jobs=jobs or usable_cores(),
                  max_memory_bytes=max_memory_mb * 1024 * 1024)
    try:
        with (interrupts.installed(), memory_limit(tally.max_memory_bytes),
              ExitStack() as stack):
            listed = _listed(files_from, stdin, stack)
            inputs = Inputs(paths=chain(paths, listed), globs=globs,
                            input_format=cast(InputFormat, input_format), fields=fields,
                            url=url)
            if output_dir is not None:
                settings = _settings(options, paths, globs, files_from, input_format, fields,
                                     url, keep, shard_size, mirror, output_compression)
                folder = FolderOutput(output_dir, settings, shard_size=shard_size or 10_000,
                                      mirror=mirror, compression=output_compression or "gzip",
                                      resume=resume)
                _write_folder(inputs, stdin, options, folder, tally, progress)
            else:
                sink = stack.enter_context(open_output(output))
                if keep_dropped is not None:
                    tally.dropped_sink = stack.enter_context(open_output(keep_dropped))
                if explain:
                    _write_explanations(inputs, stdin, options, sink, tally)
                else:
                    _write(_records(inputs, stdin, options, tally), sink, text_only, tally,
                           progress)
    except RunRefusedError as error:
        raise click.UsageError(str(error)) from error
    except CleannewsError as error:
        raise click.ClickException(str(error)) from error
    except BrokenPipeError:
        leave_quietly_for_a_closed_pipe()
        sys.exit(EXIT_BROKEN_PIPE)
    except KeyboardInterrupt:
        if output_dir is not None:
            where = f"; {output_dir} holds the complete files, and --resume goes on"
        else:
            where = "" if output == STDIN else f"; {output} holds their records"
        click.echo(f"cleannews: interrupted after {tally.written} inputs{where}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except OSError as error:  # the output: reading errors became error records
        raise click.ClickException(
            f"cannot write {output_dir or output}: {error.strerror or error}") from error
    if not quiet:
        summary = tally.summary()
        if summary:
            click.echo(summary, err=True)
    sys.exit(exit_code(tally.written, tally.errors))


def _check_output_flags(output: str, output_dir: str | None, shard_size: int | None,
                        mirror: bool, compression: str | None, resume: bool, text_only: bool,
                        explain: bool, keep_dropped: str | None) -> None:
    if output_dir is None:
        for name, given in (("--shard-size", shard_size is not None), ("--mirror", mirror),
                            ("--output-compression", compression is not None),
                            ("--resume", resume)):
            if given:
                raise click.UsageError(f"{name} needs --output-dir")
        return
    if output != STDIN:
        raise click.UsageError("-o and --output-dir exclude each other")
    if mirror and shard_size is not None:
        raise click.UsageError("--mirror and --shard-size exclude each other")
    if text_only or explain:
        raise click.UsageError("--output-dir writes records, not --text or --explain")
    if resume and keep_dropped is not None:
        raise click.UsageError("--resume cannot continue a --keep-dropped file; leave it out "
                               "(the summary still counts the dropped records)")


def _listed(files_from: str | None, stdin: BinaryIO | None,
            stack: ExitStack) -> Iterator[str]:
    """The paths --files-from lists (nothing without it)."""
    if files_from is None:
        return iter(())
    if files_from == STDIN:
        if stdin is None:
            raise click.UsageError("--files-from -: standard input is not available")
        return listed_paths(stdin)
    try:
        listing = stack.enter_context(open(files_from, "rb"))  # noqa: PTH123, SIM115
    except OSError as error:
        raise click.UsageError(f"cannot read --files-from {files_from}: "
                               f"{error.strerror or error}") from error
    return listed_paths(listing)


def _settings(options: Options, paths: tuple[str, ...], globs: tuple[str, ...],
              files_from: str | None, input_format: str, fields: Fields, url: str | None,
              keep: RecordFilter, shard_size: int | None, mirror: bool,
              compression: str | None) -> dict[str, Any]:
    """What decides a run's output: a resumed run must have the same."""
    return json_safe({
        "cleannews_version": __version__, "options": dataclasses.asdict(options),
        "inputs": settings_digest(list(paths)), "globs": list(globs), "files_from": files_from,
        "input_format": input_format, "fields": dataclasses.asdict(fields), "url": url,
        "min_words": keep.min_words, "languages": sorted(keep.languages), "dedup": keep.dedup,
        "shard_size": shard_size, "mirror": mirror, "compression": compression,
    })


def json_safe(value: dict[str, Any]) -> dict[str, Any]:
    """``value`` as it reads back from JSON (enums as their values, tuples as lists)."""
    import json

    text = json.dumps(value, default=lambda item: getattr(item, "value", str(item)))
    safe: dict[str, Any] = json.loads(text)
    return safe


def _record_filter() -> RecordFilter:
    """A filter that keeps every record."""
    from cleannews.filters import RecordFilter

    return RecordFilter()


@dataclass
class Tally:
    """What a run has done: records written (error records among them), the filter that
    decides which it keeps (the dropped go to ``dropped_sink`` if any), what reading saw,
    and how the run cleans (worker processes, each one's memory cap)."""

    written: int = 0
    errors: int = 0
    keep: RecordFilter = field(default_factory=_record_filter)
    dropped_sink: Sink | None = None
    stats: ReadStats = field(default_factory=ReadStats)
    jobs: int = 1
    max_memory_bytes: int = 0
    started: float = field(default_factory=time.monotonic)
    skip: int = 0

    def summary(self) -> str:
        """The end-of-run line ("" for a run of one input that nothing dropped)."""
        dropped = self.keep.summary()
        inputs = self.written + sum(self.keep.dropped.values())
        if inputs <= 1 and not dropped and not self.stats.skipped:
            return ""
        parts = [f"{inputs} inputs", f"{self.errors} errors"]
        if dropped:
            parts.append(dropped)
        skipped = self.stats.skipped
        if skipped:
            reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(skipped.items()))
            parts.append(f"{sum(skipped.values())} WARC responses skipped ({reasons})")
        seconds = max(time.monotonic() - self.started, 1e-6)
        parts.append(f"{seconds:.1f} s ({inputs / seconds:.1f} docs/s, "
                     f"{self.stats.bytes_read / seconds / 1e6:.2f} MB/s)")
        return "cleannews: " + ", ".join(parts)


def _records(inputs: Inputs, stdin: BinaryIO | None, options: Options,
             tally: Tally) -> Iterator[tuple[str, Record | ErrorRecord]]:
    """(input file, record) for every page, in input order, cleaned by the run's workers."""
    from cleannews.parallel import clean_in_order

    documents = read_documents(inputs, options, stdin=stdin, stats=tally.stats,
                               skip=tally.skip)
    return clean_in_order(documents, options, jobs=tally.jobs,
                          max_memory_bytes=tally.max_memory_bytes)


class Bar(Protocol):
    """What the run asks of a progress bar (tqdm's)."""

    def update(self, n: int = 1) -> object: ...
    def set_postfix(self, *, errors: int, refresh: bool) -> None: ...
    def close(self) -> None: ...


def _progress_bar(progress: bool | None, tally: Tally) -> Bar | None:
    """A tqdm bar on standard error (when asked for, or when it is a terminal), else None."""
    if progress is None:
        progress = sys.stderr.isatty() and logging.getLogger("cleannews").isEnabledFor(
            logging.WARNING)
    if not progress:
        return None
    from tqdm import tqdm

    bar: Bar = tqdm(file=sys.stderr, unit=" docs", dynamic_ncols=True,
                    initial=tally.written, postfix={"errors": tally.errors})
    return bar


def _write(records: Iterable[tuple[str, Record | ErrorRecord]], output: Sink, text_only: bool,
           tally: Tally, progress: bool | None = False) -> None:
    """Write each record as it comes, counting it in ``tally``."""
    bar = _progress_bar(progress, tally)
    with _logging_beside(bar), _closed_after(records) as ordered:
        for _, record in ordered:
            with interrupts.held():  # the record and its count, or neither
                _count(bar, tally, record)
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
    if bar is not None:
        bar.close()


def _write_folder(inputs: Inputs, stdin: BinaryIO | None, options: Options,
                  folder: FolderOutput, tally: Tally, progress: bool | None) -> None:
    """Write every record into the folder's files, resuming where an earlier run stopped."""
    done = folder.progress
    tally.written, tally.errors, tally.skip = done.written, done.errors, done.inputs_done
    tally.keep.dropped.update(done.dropped)
    if done.complete:
        return
    if tally.keep.dedup:  # the texts an earlier run kept are still "seen"
        for earlier in folder.done_texts():
            tally.keep.remember(earlier.get("text_hash"))
    bar = _progress_bar(progress, tally)
    try:
        records = _records(inputs, stdin, options, tally)
        with _logging_beside(bar), _closed_after(records) as ordered:
            for input_name, record in ordered:
                with interrupts.held():
                    _count(bar, tally, record)
                    reason = tally.keep.drop_reason(record)
                    error = isinstance(record, ErrorRecord)
                    folder.add(input_name, None if reason else to_json_line(record),
                               error=error, dropped=reason)
                    if reason is None:
                        tally.written += 1
                        tally.errors += error
            folder.finish()
    except BaseException:
        folder.abandon()
        raise
    finally:
        if bar is not None:
            bar.close()


@contextmanager
def _closed_after(records: Iterable[Pair]) -> Iterator[Iterator[Pair]]:
    """The records, and their generator closed when the block ends however it ends, so
    that worker processes stop then (not when the garbage collector gets to them)."""
    ordered = iter(records)
    try:
        yield ordered
    finally:
        if isinstance(ordered, Generator):
            ordered.close()


def _count(bar: Bar | None, tally: Tally, record: Record | ErrorRecord) -> None:
    if bar is not None:
        bar.update(1)
        if isinstance(record, ErrorRecord):
            bar.set_postfix(errors=tally.errors + 1, refresh=False)


def _logging_beside(bar: Bar | None) -> AbstractContextManager[object]:
    """Warnings printed above the progress bar, not through it."""
    if bar is None:
        return nullcontext()
    from tqdm.contrib.logging import logging_redirect_tqdm

    redirect: AbstractContextManager[object] = logging_redirect_tqdm(
        [logging.getLogger("cleannews")])
    return redirect
