"""The stages in order: decode, detect, extract (HTML only), clean, metadata, record.

:func:`clean_document` is the per-document boundary: whatever goes wrong inside it becomes
an :class:`~cleannews.records.ErrorRecord` naming the stage that failed, so one bad page
never stops a batch. :func:`explain_document` goes through the same boundary and returns
the verdict on every line as well. :func:`clean_documents` is the streaming form for many
documents.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from cleannews.data import Metadata
from cleannews.decode import Decoded, decode_bytes, without_control_characters
from cleannews.detect import Kind, detect_kind, looks_like_binary, sniff_file_format
from cleannews.errors import DocumentTimeout, Stage, StageError, error_type
from cleannews.limits import time_limit
from cleannews.options import Limits, Options
from cleannews.records import ErrorInfo, ErrorRecord, Record

if TYPE_CHECKING:  # the stages' modules (numpy, the models) load when a document is cleaned
    from cleannews.extract import Extraction
    from cleannews.extract.article import ContentChoice
    from cleannews.lines import CleanedText, JudgedLine
    from cleannews.lines.model import LineModel
    from cleannews.pagetype import PageType

__all__ = [
    "Document",
    "Explanation",
    "clean",
    "clean_document",
    "clean_documents",
    "document_id",
    "explain_document",
]

logger = logging.getLogger(__name__)

_NEWLINE = re.compile(r"\r\n?|\n")  # the line ends clean_lines splits at


@dataclass(frozen=True, slots=True)
class Document:
    """One input: its content, where it came from, and what its container said of it.

    Attributes:
        content: the page, as bytes in any encoding or as text.
        source: where it came from, for people ("page.html", "crawl.jsonl:12").
        url: its address; wins over the one the page gives.
        id: the record's id; by default a digest of the content.
        kind: what the container says the content is (a JSON Lines record's ``html`` or
            ``text`` field); ``Options.input_kind`` wins over it, and detection runs
            when neither is set.
        encoding: the charset the bytes came with (an HTTP header's), tried before the
            one the page declares.
        meta: the input record's own fields (JSON Lines), or the crawl's (WARC), carried
            into the output record's ``meta`` unchanged.
    """

    content: bytes | str
    source: str = "-"
    url: str | None = None
    id: str | None = None
    kind: Kind | None = None
    encoding: str | None = None
    meta: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Explanation:
    """A document's record and the verdict on each line of its text (``--explain``).

    ``lines`` is empty when the document failed before its lines were judged.
    """

    record: Record | ErrorRecord
    lines: tuple[JudgedLine, ...] = ()


def document_id(content: bytes | str) -> str:
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()[:16]


def _decode(document: Document) -> Decoded:
    if isinstance(document.content, str):
        return Decoded(document.content, "unicode", 1.0)
    return decode_bytes(document.content, document.encoding)


def _boilerplate(cleaned: CleanedText) -> dict[str, Any]:
    from cleannews.lines import DropReason

    return {
        "navigation": list(cleaned.dropped_texts(DropReason.NAVIGATION)),
        "counters": list(cleaned.dropped_texts(DropReason.REACTION_COUNTER)),
        "link_farms": [{"heading": farm.heading, "links": farm.items}
                       for farm in cleaned.link_farms],
    }


def _removed(cleaned: CleanedText, extraction: Extraction | None = None) -> dict[str, int]:
    from cleannews.lines import DropReason

    counts = {reason.value: 0 for reason in DropReason}
    for line in cleaned.dropped:
        if line.reason is not None:
            counts[line.reason.value] += 1
    # blocks the HTML stage removed before the text rules ran ("headline", "link_list", ...)
    for block in extraction.removed if extraction is not None else ():
        counts[block.reason] = counts.get(block.reason, 0) + 1
    return counts  # Record.to_dict() writes every reason, zeros included


def _markdown_text(cleaned: CleanedText, markdown: str) -> str:
    """The kept lines, with a blank line where the markdown had one between them.

    The line rules leave blank lines out, but markdown needs them: without them a renderer
    runs two paragraphs, or a paragraph and the heading under it, into one paragraph.

    >>> from cleannews.lines import clean_lines
    >>> from cleannews.lines.model import RULES_ONLY
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


@contextmanager
def _stage(stage: Stage) -> Iterator[None]:
    """Run a block as ``stage``: any failure in it becomes a :class:`StageError` of that stage."""
    try:
        yield
    except StageError:
        raise
    except (Exception, DocumentTimeout) as error:
        message = str(error) or repr(error)
        code = error_type(error)
        if code == "internal_error":
            message = f"{type(error).__name__}: {message}"
        raise StageError(stage, code, message) from error


def _every_line_kept(cleaned: CleanedText, page_type: PageType) -> CleanedText:
    """The same lines, all kept: on a page whose type's content the line rules would cut
    (a listing's repeated lines, a service page's dates), they only read the metadata.

    >>> from cleannews.lines import clean_lines
    >>> from cleannews.lines.model import RULES_ONLY
    >>> from cleannews.pagetype import PageType
    >>> cleaned = clean_lines("Home > Shop\\nBlue mug, 350 ml", RULES_ONLY)
    >>> _every_line_kept(cleaned, PageType("listing", 0.9)).text
    'Home > Shop\\nBlue mug, 350 ml'
    """
    return replace(cleaned, link_farms=(), lines=tuple(
        replace(line, reason=None, score=None, detail=f"kept on a {page_type.label} page")
        if not line.kept else line for line in cleaned.lines))


def _content_choice(page_type: PageType) -> ContentChoice:
    """What the HTML extractor takes as the main content of a page of this type."""
    from cleannews.extract.article import CONTENT_CHOICES

    return CONTENT_CHOICES[page_type.label]


def _line_model(kind: Kind, options: Options) -> LineModel | None:
    """The learned classifier (None: clean_lines' default) unless HTML is to be judged by
    the explicit rules alone, as it is unless ``options.html.classify_lines``."""
    from cleannews.lines.model import RULES_ONLY

    if kind is Kind.HTML and not options.html.classify_lines:
        return RULES_ONLY
    return None


def _refuse_what_is_no_page(content: bytes | str, limits: Limits) -> None:
    """Raise for an input over the size limit, or of a known binary format."""
    with _stage("read"):
        if limits.max_input_bytes and len(content) > limits.max_input_bytes:
            # Readers may stop one byte past the limit, so the size is a lower bound.
            raise StageError("read", "input_too_large",
                             f"input is over the limit of {limits.max_input_bytes} bytes "
                             "(--max-input-bytes; 0 for no limit)")
    with _stage("detect"):
        file_format = sniff_file_format(content) if isinstance(content, bytes) else None
        if file_format is not None:
            raise StageError("detect", "unsupported_format",
                             f"input is a {file_format}, not HTML or text")


def _judge(document: Document, options: Options, explain: bool) -> tuple[Record, CleanedText]:
    """Run every stage; raise :class:`StageError` naming the stage that failed."""
    # Imported here, not at the top: a run that cleans nothing (--version, --help) loads
    # none of them, and text input never loads the HTML extractor (trafilatura, lxml).
    from cleannews.lines import clean_lines
    from cleannews.lines.headline import without_headline
    from cleannews.metadata import build_metadata
    from cleannews.pagetype import classify_text

    _refuse_what_is_no_page(document.content, options.limits)
    with _stage("decode"):
        decoded = _decode(document)
    with _stage("detect"):
        if looks_like_binary(decoded.text):
            raise StageError("detect", "binary_input",
                             "input looks like a binary file, not HTML or text")
        page = without_control_characters(
            decoded.text, decoded, document.content if isinstance(document.content, bytes) else b"")
        kind = options.input_kind or document.kind or detect_kind(page)
    extraction = None
    if kind is Kind.HTML:
        from cleannews.extract import extract_article

        with _stage("extract"):
            if options.html.mode == "fast" and not options.markdown:
                from cleannews.extract.fast import extract_fast

                extraction = extract_fast(page, document.url, options.html,
                                          comments=options.keep_comments, explain=explain)
            else:
                extraction = extract_article(page, document.url, options.html,
                                             comments=options.keep_comments,
                                             markdown=options.markdown)
    text = extraction.text if extraction is not None else page
    with _stage("clean"):
        max_lines = options.limits.max_input_lines
        if max_lines and text.count("\n") >= max_lines:
            raise StageError("clean", "too_many_lines", f"text has more than {max_lines} lines "
                             "(--max-input-lines; 0 for no limit)")
        # Readers' comments, when asked for, come from the HTML extractor: keep them.
        # An extractor's long lines are paragraphs, not a page its scraper flattened.
        cleaned = (extraction.lines if extraction is not None and extraction.lines is not None
                   else clean_lines(text, _line_model(kind, options), explain=explain,
                                    keep_comments=kind is Kind.HTML and options.keep_comments,
                                    unflatten=kind is Kind.TEXT))
    with _stage("metadata"):
        # HTML: the extractor typed the page from its markup, to choose its main content
        page_type: PageType = ((extraction and extraction.page_type)
                               or classify_text(page, document.url))
        metadata = build_metadata(cleaned, extraction, document.url)
        if extraction is None and metadata.title:
            # A dump's headline, picked among its lines, is the title, not part of the text.
            cleaned = without_headline(cleaned, metadata.title)
        if extraction is not None and not _content_choice(page_type).line_rules:
            cleaned = _every_line_kept(cleaned, page_type)
    with _stage("record"):
        record = Record(
            id=document.id or document_id(document.content),
            source=document.source,
            text=(_markdown_text(cleaned, text) if extraction is not None
                  and options.markdown else cleaned.text),
            input_kind=kind.value,
            encoding=decoded.encoding,
            encoding_confidence=round(decoded.encoding_confidence, 3),
            decode_lossy=decoded.lossy,
            metadata=metadata,
            removed=_removed(cleaned, extraction),
            boilerplate=_boilerplate(cleaned),
            page_type=page_type.label,
            page_type_confidence=page_type.confidence,
            meta=document.meta,
        )
    return record, cleaned


def explain_document(document: Document, options: Options | None = None) -> Explanation:
    """Clean one document and say why each line was kept or dropped; never raises for bad
    input (the explanation then holds an error record and no lines).

    >>> explanation = explain_document(Document("Home > News\\nThe museum reopened on Monday."))
    >>> [(line.kept, line.reason and line.reason.value) for line in explanation.lines]
    [(False, 'navigation'), (True, None)]
    """
    return _process(document, options or Options(), explain=True)


def clean_document(document: Document, options: Options | None = None) -> Record | ErrorRecord:
    """Clean one document; never raises for bad input, returns an error record instead.

    >>> clean_document(Document(b"")).status
    'empty'
    >>> clean_document(Document(b"\\x00" * 64)).error.type
    'binary_input'
    """
    return _process(document, options or Options(), explain=False).record


def _process(document: Document, options: Options, explain: bool) -> Explanation:
    """The per-document boundary: the time limit, and any failure made an error record."""
    try:
        with time_limit(options.limits.timeout_seconds):
            record, cleaned = _judge(document, options, explain)
    except StageError as error:
        failure = ErrorInfo(error.stage, error.type_code, str(error))
    except DocumentTimeout as error:  # the timer fired between two stages
        failure = ErrorInfo("record", "timeout", str(error))
    else:
        return Explanation(record, cleaned.lines if explain else ())
    logger.warning("%s: %s failed: %s", document.source, failure.stage, failure.message)
    return Explanation(_error_record(document, options, failure))


def _error_record(document: Document, options: Options, error: ErrorInfo) -> ErrorRecord:
    """An error record, with the input's encoding and kind where decoding got that far."""
    encoding = kind = None
    if error.stage not in {"read", "decode"}:
        # Decoding never fails and is cheap next to what failed; the kind may be forced.
        decoded = _decode(document)
        encoding = decoded.encoding
        if not looks_like_binary(decoded.text):
            kind = (options.input_kind or document.kind or detect_kind(decoded.text)).value
    return ErrorRecord(
        id=document.id or document_id(document.content),
        source=document.source,
        error=error,
        input_kind=kind,
        encoding=encoding,
        metadata=Metadata(url=document.url),
        meta=document.meta,
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
