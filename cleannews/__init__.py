"""cleannews: raw scraped pages (HTML or dumped text) in, clean article text and metadata out.

>>> from cleannews import clean
>>> clean("Home > News\\nThe museum reopened on Monday after a two-year renovation.").text
'The museum reopened on Monday after a two-year renovation.'
"""

__version__ = "0.1.0"

from cleannews.decode import Decoded, decode_bytes
from cleannews.detect import Kind, detect_kind
from cleannews.errors import CleannewsError
from cleannews.extract import Extraction, ExtractOptions, extract_article
from cleannews.lines import CleanedText, DropReason, JudgedLine, LinkFarm, clean_lines
from cleannews.metadata import Metadata, build_metadata
from cleannews.pipeline import Document, Options, clean, clean_document, clean_documents
from cleannews.records import ErrorInfo, ErrorRecord, Record, to_json_line, write_jsonl

__all__ = [
    "CleanedText",
    "CleannewsError",
    "Decoded",
    "Document",
    "DropReason",
    "ErrorInfo",
    "ErrorRecord",
    "ExtractOptions",
    "Extraction",
    "JudgedLine",
    "Kind",
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
    "extract_article",
    "to_json_line",
    "write_jsonl",
]
