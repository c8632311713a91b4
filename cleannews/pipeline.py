"""The stages in order: decode, detect, extract (HTML only), clean, metadata, record.

:func:`clean_document` is the per-document boundary: whatever goes wrong inside it becomes
an :class:`~cleannews.records.ErrorRecord`, so one bad page never stops a batch.
:func:`clean_documents` is its streaming form for many documents.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cleannews.decode import Decoded, decode_bytes, without_control_characters
from cleannews.detect import Kind, detect_kind, looks_like_binary, sniff_file_format
from cleannews.extract import Extraction, ExtractOptions, extract_article
from cleannews.limits import DocumentTimeout, time_limit
from cleannews.lines import CleanedText, DropReason, clean_lines
from cleannews.lines.headline import without_headline
from cleannews.lines.model import RULES_ONLY
from cleannews.metadata import build_metadata
from cleannews.records import ErrorInfo, ErrorRecord, Record

__all__ = [
    "Document",
    "DocumentTimeout",
    "Options",
    "clean",
    "clean_document",
    "clean_documents",
    "document_id",
]

logger = logging.getLogger(__name__)

# Real article pages are far smaller; past this a file is a dump or an archive, and
# cleaning it would hold a worker for minutes. 0 turns the limit off.
DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024
# The longest development page has about 5,000 lines. A text of millions of short lines is
# no article, and judging every line would take minutes and gigabytes. 0 turns it off.
DEFAULT_MAX_INPUT_LINES = 200_000

_NEWLINE = re.compile(r"\r\n?|\n")  # the line ends clean_lines splits at


@dataclass(frozen=True, slots=True)
class Options:
    """Every option of a run; frozen and picklable, so worker processes can get a copy.

    Attributes:
        input_kind: force ``Kind.HTML`` or ``Kind.TEXT`` instead of sniffing.
        extract: how trafilatura extracts HTML.
        classify_html: also run the learned line classifier on the text trafilatura
            kept (the explicit rules always run).
        max_input_bytes: inputs larger than this give an error record; 0 for no limit.
        max_input_lines: a text (a dump, or what the HTML extractor kept) of more lines
            than this gives an error record; 0 for no limit.
        timeout_seconds: a document that takes longer gives an error record of type
            ``timeout``; 0 for no limit. Enforced with a timer signal, so only in the
            main thread of a process on Unix (elsewhere there is no limit): see
            :func:`cleannews.limits.time_limit`.
    """

    input_kind: Kind | None = None
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    classify_html: bool = False
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    max_input_lines: int = DEFAULT_MAX_INPUT_LINES
    timeout_seconds: float = 0


@dataclass(frozen=True, slots=True)
class Document:
    """One input: its content, where it came from, and optionally its url and id."""

    content: bytes | str
    source: str = "-"
    url: str | None = None
    id: str | None = None


class StageError(Exception):
    """A document-level failure with a stable type code."""

    def __init__(self, stage: str, type_code: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage
        self.type_code = type_code


def document_id(content: bytes | str) -> str:
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()[:16]


def _decode(content: bytes | str) -> Decoded:
    if isinstance(content, str):
        return Decoded(content, "unicode", 1.0)
    return decode_bytes(content)


def _boilerplate(cleaned: CleanedText) -> dict[str, Any]:
    return {
        "navigation": list(cleaned.dropped_texts(DropReason.NAVIGATION)),
        "counters": list(cleaned.dropped_texts(DropReason.REACTION_COUNTER)),
        "link_farms": {farm.heading: farm.items for farm in cleaned.link_farms},
    }


def _removed(cleaned: CleanedText, extraction: Extraction | None = None) -> dict[str, int]:
    counts = {reason.value: 0 for reason in DropReason}
    for line in cleaned.dropped:
        if line.reason is not None:
            counts[line.reason.value] += 1
    # blocks the HTML stage removed before the text rules ran ("headline", "link_list", ...)
    for block in extraction.removed if extraction is not None else ():
        counts[block.reason] = counts.get(block.reason, 0) + 1
    return {name: count for name, count in counts.items() if count}


def _markdown_text(cleaned: CleanedText, markdown: str) -> str:
    """The kept lines, with a blank line where the markdown had one between them.

    The line rules leave blank lines out, but markdown needs them: without them a renderer
    runs two paragraphs, or a paragraph and the heading under it, into one paragraph.

    >>> from cleannews.lines import clean_lines
    >>> source = "## Storm hits coast\\n\\nRain fell all night in the town.\\n- one\\n- two"
    >>> print(_markdown_text(clean_lines(source, RULES_ONLY), source))
    ## Storm hits coast
    <BLANKLINE>
    Rain fell all night in the town.
    - one
    - two
    """
    blank = {number for number, line in enumerate(_NEWLINE.split(markdown), start=1)
             if not line.strip()}
    parts: list[str] = []
    previous = 0
    for line in cleaned.lines:
        if not line.kept:
            continue
        if parts:
            gap = any(number in blank for number in range(previous + 1, line.number))
            parts.append("\n\n" if gap else "\n")
        parts.append(line.text)
        previous = line.number
    return "".join(parts)


def judge_document(
    document: Document, options: Options, explain: bool = False
) -> tuple[Decoded, Kind, CleanedText, Record]:
    """Run every stage; raise on failure. Returns the intermediate results too (for --explain)."""
    size = len(document.content)
    if options.max_input_bytes and size > options.max_input_bytes:
        # Readers may stop one byte past the limit, so ``size`` is a lower bound.
        raise StageError("read", "input_too_large",
                         f"input is over the limit of {options.max_input_bytes} bytes "
                         "(--max-input-bytes; 0 for no limit)")
    if isinstance(document.content, bytes):
        file_format = sniff_file_format(document.content)
        if file_format is not None:
            raise StageError("detect", "unsupported_format",
                             f"input is a {file_format}, not HTML or text")
    decoded = _decode(document.content)
    if looks_like_binary(decoded.text):
        raise StageError("detect", "binary_input",
                         "input looks like a binary file, not HTML or text")
    page = without_control_characters(decoded.text)
    kind = options.input_kind or detect_kind(page)
    extraction = None
    if kind is Kind.HTML:
        extraction = extract_article(page, document.url, options.extract)
        text = extraction.text
        model = None if options.classify_html else RULES_ONLY
    else:
        text, model = page, None
    if options.max_input_lines and text.count("\n") >= options.max_input_lines:
        raise StageError("clean", "too_many_lines",
                         f"text has more than {options.max_input_lines} lines "
                         "(--max-input-lines; 0 for no limit)")
    # Readers' comments, when asked for, come from the HTML extractor: keep them.
    keep_comments = kind is Kind.HTML and options.extract.include_comments
    # An extractor's long lines are paragraphs, not a page its scraper flattened.
    cleaned = clean_lines(text, model, explain=explain, keep_comments=keep_comments,
                          unflatten=kind is Kind.TEXT)
    metadata = build_metadata(cleaned, extraction, document.url)
    if extraction is None and metadata.title:
        # A dump's headline, picked among its lines, is the title, not part of the text.
        cleaned = without_headline(cleaned, metadata.title)
    record = Record(
        id=document.id or document_id(document.content),
        source=document.source,
        text=(_markdown_text(cleaned, text) if extraction is not None
              and options.extract.markdown else cleaned.text),
        input_kind=kind.value,
        encoding=decoded.encoding,
        encoding_confidence=round(decoded.encoding_confidence, 3),
        decode_lossy=decoded.lossy,
        url=metadata.url,
        title=metadata.title,
        author=metadata.author,
        date=metadata.date,
        site_name=metadata.site_name,
        description=metadata.description,
        categories=metadata.categories,
        tags=metadata.tags,
        language=metadata.language,
        dateline=metadata.dateline,
        removed=_removed(cleaned, extraction),
        boilerplate=_boilerplate(cleaned),
    )
    return decoded, kind, cleaned, record


_STAGE_OF_MODULE = {
    "cleannews.decode": "decode",
    "cleannews.detect": "detect",
    "cleannews.extract": "extract",
    "cleannews.lines": "clean",
    "cleannews.metadata": "metadata",
    "cleannews.records": "records",
}


def _failed_stage(error: BaseException) -> str:
    """The stage whose module raised, from the innermost cleannews frame of the traceback."""
    stage = "pipeline"
    traceback = error.__traceback__
    while traceback is not None:
        module = traceback.tb_frame.f_globals.get("__name__", "")
        for prefix, name in _STAGE_OF_MODULE.items():
            if module.startswith(prefix):
                stage = name
        if module.startswith("trafilatura") or module.startswith("lxml"):
            stage = "extract"
        traceback = traceback.tb_next
    return stage


def _type_code(error: BaseException) -> str:
    if isinstance(error, StageError):
        return error.type_code
    if isinstance(error, MemoryError):
        return "out_of_memory"
    if isinstance(error, RecursionError):
        return "too_deeply_nested"
    name = type(error).__name__
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def clean_document(document: Document, options: Options | None = None) -> Record | ErrorRecord:
    """Clean one document; never raises for bad input, returns an error record instead.

    >>> clean_document(Document(b"")).status
    'empty'
    >>> clean_document(Document(b"\\x00" * 64)).error.type
    'binary_input'
    """
    options = options or Options()
    try:
        with time_limit(options.timeout_seconds):
            return judge_document(document, options)[3]
    except DocumentTimeout as error:
        logger.warning("%s: %s", document.source, error)
        return _error_record(document, options, ErrorInfo(_failed_stage(error), "timeout",
                                                          str(error)))
    except Exception as error:  # the per-document boundary: any failure becomes data
        stage = error.stage if isinstance(error, StageError) else _failed_stage(error)
        logger.warning("%s: %s failed: %s", document.source, stage, error)
        return _error_record(document, options, ErrorInfo(stage, _type_code(error),
                                                          str(error) or repr(error)))


def _error_record(document: Document, options: Options, error: ErrorInfo) -> ErrorRecord:
    """An error record, with the input's encoding and kind where decoding got that far."""
    encoding = kind = None
    if error.stage not in {"read", "decode"}:
        # Decoding never fails and is cheap next to what failed; the kind may be forced.
        decoded = _decode(document.content)
        encoding = decoded.encoding
        if not looks_like_binary(decoded.text):
            kind = (options.input_kind or detect_kind(decoded.text)).value
    return ErrorRecord(
        id=document.id or document_id(document.content),
        source=document.source,
        error=error,
        input_kind=kind,
        encoding=encoding,
        url=document.url,
    )


def clean_documents(
    documents: Iterable[Document], options: Options | None = None
) -> Iterator[Record | ErrorRecord]:
    """Clean documents one by one, yielding one record each, in input order."""
    options = options or Options()
    for document in documents:
        yield clean_document(document, options)


def clean(content: bytes | str, url: str | None = None, *, options: Options | None = None,
          source: str = "-") -> Record | ErrorRecord:
    """Clean one page given as bytes (any encoding) or text; the library's front door.

    >>> record = clean("Home > World\\nThe minister resigned on Friday after a week of protests.")
    >>> record.text
    'The minister resigned on Friday after a week of protests.'
    """
    return clean_document(Document(content, source=source, url=url), options)

