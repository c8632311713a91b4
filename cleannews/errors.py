"""What can go wrong, named once: the stages, the error types users match on, the exceptions.

A document that fails gives an error record saying which :data:`Stage` failed and an
error type from :data:`ERROR_TYPES`. The types come from this table, never from an
exception's class name, so a library renaming an exception changes no type.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ERROR_TYPES",
    "STAGES",
    "CleannewsError",
    "DocumentTimeout",
    "ExtractionError",
    "InputTooLargeError",
    "Stage",
    "StageError",
    "error_type",
]

# The stages a document goes through, in order; an error record names the one that failed.
Stage = Literal["read", "decode", "detect", "extract", "clean", "metadata", "record"]
STAGES: tuple[Stage, ...] = get_args(Stage)

# Every error type a record can carry, and what it means.
ERROR_TYPES: dict[str, str] = {
    "unreadable": "the input could not be read: missing, no permission, a broken link or "
                  "compressed file, a directory that holds no file, or not a regular file",
    "input_too_large": "the input (after decompression) is over --max-input-bytes",
    "unsupported_format": "the input is a known binary format (PDF, ZIP, an image, ...)",
    "binary_input": "the input looks like a binary file, not HTML or text",
    "too_many_lines": "the text to judge has more lines than --max-input-lines",
    "extraction_error": "the HTML extractor could not parse the page",
    "timeout": "the document took longer than --timeout-seconds",
    "out_of_memory": "the document needed more memory than --max-memory-mb allows",
    "too_deeply_nested": "the page nests too deeply for the parser",
    "worker_died": "the worker process cleaning the input died (a crash in a parser, or "
                   "the kernel's out-of-memory killer); the run goes on with a new one",
    "internal_error": "a bug in cleannews or a library; the message names the exception",
}


class CleannewsError(Exception):
    """Base class of cleannews's own exceptions for programmer and environment errors."""


class DocumentTimeout(BaseException):
    """The document took longer than the time limit.

    A BaseException, so that a library's ``except Exception`` on the way cannot swallow it.
    """


class ExtractionError(Exception):
    """The HTML extractor failed on this document."""


class InputTooLargeError(Exception):
    """The input decompresses past the limit (--max-input-bytes)."""


class StageError(Exception):
    """A document-level failure: the stage that failed and an error type of the table.

    >>> StageError("detect", "binary_input", "input looks like a binary file").stage
    'detect'
    """

    def __init__(self, stage: Stage, type_code: str, message: str) -> None:
        if stage not in STAGES or type_code not in ERROR_TYPES:
            raise ValueError(f"no such stage or error type: {stage!r}, {type_code!r}")
        super().__init__(message)
        self.stage: Stage = stage
        self.type_code = type_code


# The exceptions that have a type of their own; any other is an internal error.
_TYPE_OF_EXCEPTION: tuple[tuple[type[BaseException], str], ...] = (
    (DocumentTimeout, "timeout"),
    (MemoryError, "out_of_memory"),
    (RecursionError, "too_deeply_nested"),
    (ExtractionError, "extraction_error"),
    (InputTooLargeError, "input_too_large"),
)


def error_type(error: BaseException) -> str:
    """The error type of an exception raised inside a stage.

    >>> error_type(MemoryError()), error_type(KeyError("x"))
    ('out_of_memory', 'internal_error')
    """
    if isinstance(error, StageError):
        return error.type_code
    return next((code for kind, code in _TYPE_OF_EXCEPTION if isinstance(error, kind)),
                "internal_error")
