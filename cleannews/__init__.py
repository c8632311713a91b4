"""cleannews: raw scraped pages (HTML or dumped text) in, clean article text and metadata out.

>>> from cleannews import clean
>>> clean("Home > News\\nThe museum reopened on Monday after a two-year renovation.").text
'The museum reopened on Monday after a two-year renovation.'
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from cleannews.lazy import lazy_getattr

if TYPE_CHECKING:
    from cleannews.data import Metadata, merge
    from cleannews.decode import Decoded, decode_bytes
    from cleannews.detect import Kind, detect_kind
    from cleannews.errors import ERROR_TYPES, CleannewsError
    from cleannews.extract import Extraction, extract_article
    from cleannews.lines import CleanedText, DropReason, JudgedLine, LinkFarm, clean_lines
    from cleannews.metadata import build_metadata
    from cleannews.options import HtmlOptions, Limits, Options
    from cleannews.pipeline import (
        Document,
        Explanation,
        clean,
        clean_document,
        clean_documents,
        explain_document,
    )
    from cleannews.records import ErrorInfo, ErrorRecord, Record, to_json_line, write_jsonl

# The public names, each from the module that defines it. They are imported on first use
# (PEP 562), so that ``cleannews --version`` and ``import cleannews.records`` do not load
# the pipeline, numpy and the models.
_HOMES = {
    "Metadata": "data", "merge": "data",
    "Decoded": "decode", "decode_bytes": "decode",
    "Kind": "detect", "detect_kind": "detect",
    "ERROR_TYPES": "errors", "CleannewsError": "errors",
    "Extraction": "extract", "extract_article": "extract",
    "CleanedText": "lines", "DropReason": "lines", "JudgedLine": "lines", "LinkFarm": "lines",
    "clean_lines": "lines",
    "build_metadata": "metadata",
    "HtmlOptions": "options", "Limits": "options", "Options": "options",
    "Document": "pipeline", "Explanation": "pipeline", "clean": "pipeline",
    "clean_document": "pipeline", "clean_documents": "pipeline", "explain_document": "pipeline",
    "ErrorInfo": "records", "ErrorRecord": "records", "Record": "records",
    "to_json_line": "records", "write_jsonl": "records",
}


__getattr__ = lazy_getattr(__name__, _HOMES, globals())


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


__all__ = [
    "ERROR_TYPES",
    "CleanedText",
    "CleannewsError",
    "Decoded",
    "Document",
    "DropReason",
    "ErrorInfo",
    "ErrorRecord",
    "Explanation",
    "Extraction",
    "HtmlOptions",
    "JudgedLine",
    "Kind",
    "Limits",
    "LinkFarm",
    "Metadata",
    "Options",
    "Record",
    "__version__",
    "build_metadata",
    "clean",
    "clean_document",
    "clean_documents",
    "clean_lines",
    "decode_bytes",
    "detect_kind",
    "explain_document",
    "extract_article",
    "merge",
    "to_json_line",
    "write_jsonl",
]
