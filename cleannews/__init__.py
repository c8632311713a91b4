"""cleannews: raw scraped pages (HTML or dumped text) in, clean article text and metadata out.

>>> from cleannews import clean
>>> clean("Home > News\\nThe museum reopened on Monday after a two-year renovation.").text
'The museum reopened on Monday after a two-year renovation.'
"""

__version__ = "0.1.0"

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
