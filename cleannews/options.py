"""Every option of a run, as one tree with one set of defaults (the CLI's flags take theirs).

>>> options = Options(html=HtmlOptions(favor_precision=True), output_format="markdown")
>>> options.html.favor_precision, options.limits.timeout_seconds
(True, 60.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from cleannews.detect import Kind
from cleannews.errors import CleannewsError

__all__ = ["HTML_MODES", "OUTPUT_FORMATS", "HtmlMode", "HtmlOptions", "Limits", "Options",
           "OutputFormat"]

# How the text of HTML input is rendered: plain text, or markdown (headings, lists, tables
# and emphasis kept as trafilatura writes them). Text input is never re-rendered.
OutputFormat = Literal["text", "markdown"]
OUTPUT_FORMATS: tuple[str, ...] = get_args(OutputFormat)
# How the article is found in HTML input: trafilatura and cleannews' trimming ("default"),
# or resiliparse's rendering judged by the line classifier ("fast"; cleannews.extract.fast).
HtmlMode = Literal["default", "fast"]
HTML_MODES: tuple[str, ...] = get_args(HtmlMode)


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """How the article is found in HTML input (see ``cleannews --help`` for each flag).

    By default trafilatura runs in recall mode (balanced mode where that loses the article)
    and cleannews trims the edges of what it found, with its explicit line rules only.

    Attributes:
        favor_precision: run trafilatura's precision mode instead: less text, less
            boilerplate.
        favor_recall: keep the blocks that close the text (link lists, calls to action,
            credits); only the headline and inline clutter are removed.
        include_tables: keep the text of tables.
        classify_lines: also judge the extracted text's lines with the learned classifier,
            as text input always is.
        mode: ``"default"``, or ``"fast"``: resiliparse renders the main content and the
            line classifier judges it, with the default mode only for pages where that
            rendering lost the article (about 1.7 times the default's speed; F1 in the
            README). The options above apply to those pages only, but ``include_tables``;
            markdown output always takes the default mode.
    """

    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = True
    classify_lines: bool = False
    mode: HtmlMode = "default"

    def __post_init__(self) -> None:
        if self.favor_precision and self.favor_recall:
            raise CleannewsError("favor_precision and favor_recall exclude each other")
        if self.mode not in HTML_MODES:
            raise CleannewsError(f"mode must be one of {', '.join(HTML_MODES)}, "
                                 f"not {self.mode!r}")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost before it gives an error record instead; 0 for no limit.

    Attributes:
        max_input_bytes: larger inputs (after decompression) give ``input_too_large``.
            Real article pages are far smaller; past this a file is a dump or an archive.
        max_input_lines: a text (a dump, or what the HTML extractor kept) of more lines
            gives ``too_many_lines``. The longest development page has about 5,000.
        timeout_seconds: a document that takes longer gives ``timeout``. Pages take
            milliseconds; one that takes a minute has hit a pathological case in a parser.
            Enforced with a timer signal, so only in the main thread of a process on Unix
            (elsewhere there is no limit): see :func:`cleannews.limits.time_limit`.
    """

    max_input_bytes: int = 16 * 1024 * 1024
    max_input_lines: int = 200_000
    timeout_seconds: float = 60.0


@dataclass(frozen=True, slots=True)
class Options:
    """Every option of a run; frozen and picklable, so worker processes can get a copy.

    Attributes:
        input_kind: force ``Kind.HTML`` or ``Kind.TEXT`` instead of detecting it.
        html: how the article is found in HTML input.
        keep_comments: keep readers' comments (HTML input: the extractor finds them).
        output_format: ``"text"``, or ``"markdown"`` to keep the headings, lists and tables
            of HTML input (text input keeps its dumper's headings and bullets either way).
        limits: what one document may cost.
    """

    input_kind: Kind | None = None
    html: HtmlOptions = field(default_factory=HtmlOptions)
    keep_comments: bool = False
    output_format: OutputFormat = "text"
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        if self.output_format not in OUTPUT_FORMATS:
            raise CleannewsError(f"output_format must be one of {', '.join(OUTPUT_FORMATS)}, "
                                 f"not {self.output_format!r}")

    @property
    def markdown(self) -> bool:
        return self.output_format == "markdown"
