"""cleannews as a datatrove extractor step: use it where datatrove's ``Trafilatura`` goes.

Needs the extra: ``pip install 'cleannews[datatrove]'``. A full example (WARC in, JSON Lines
out, locally or on Slurm or Ray): docs/datatrove.md.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleannews.integrations.datatrove import CleannewsExtractor

    LocalPipelineExecutor(
        [WarcReader("crawl/"), CleannewsExtractor(), JsonlWriter("out/")], tasks=4
    ).run()

Each document's ``text`` (the page, as the reader gives it) becomes cleannews' clean text and
the record's other fields go into ``document.metadata``. A document whose record is
``empty`` or ``error`` is dropped and counted, as datatrove's extractors drop a document
left with no text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document as DatatroveDocument
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from cleannews.options import Options
from cleannews.pipeline import Document, clean_document

__all__ = ["METADATA_FIELDS", "CleannewsExtractor"]

# The record's keys that go into document.metadata: all but the text (it is document.text),
# the id and source (both are document.id), and the error (always null in a kept document).
METADATA_FIELDS: tuple[str, ...] = (
    "schema_version", "cleannews_version", "status", "page_type", "page_type_confidence",
    "url", "title", "author", "date", "site_name", "description", "categories", "tags",
    "language", "dateline", "text_hash", "input_kind", "encoding", "encoding_confidence",
    "decode_lossy", "removed", "boilerplate",
)

# Cleaned once before the first document, in the parent process and in each sandbox process,
# so that loading trafilatura and the models is not charged to a real page's time limit.
_WARMUP_PAGE = ("<html><head><title>Warm-up</title></head><body><article><p>The museum "
                "reopened on Monday after a two-year renovation.</p></article></body></html>")
_WARMUP = (_WARMUP_PAGE, "cleannews-warmup", None)

# Past cleannews' own time limit, before datatrove's sandbox gives up on a document.
_TIMEOUT_MARGIN_SECONDS = 5.0


class CleannewsExtractor(BaseExtractor):  # type: ignore[misc]  # datatrove is untyped
    """Clean each document's HTML (or text dump) with cleannews.

    Args:
        options: cleannews' options (``Options()``: the CLI's defaults).
        timeout: seconds one document may take before its sandbox process is killed and
            the document dropped (counted as ``timeout``). Default: cleannews' own limit,
            ``options.limits.timeout_seconds``, plus 5 seconds.
        metadata_prefix: put before each key written into ``document.metadata``, e.g.
            ``"cleannews_"`` to keep a reader's own keys apart.

    Time limits: like every datatrove extractor, the step cleans documents in a child
    process (datatrove's ``ExtractorSandbox``), which is killed and started again when a
    document takes longer than ``timeout`` or the process dies (out of memory, a crash in a
    parser). That holds under every executor (local, Slurm, Ray) and whatever thread runs
    the step. cleannews' own limit (``options.limits.timeout_seconds``, a timer signal)
    applies too, since the child runs documents in its main thread on Unix; it stops a slow
    document sooner and more cheaply, as an ``error`` record of type ``timeout``, without
    restarting the process.

    Metadata: every key of :data:`METADATA_FIELDS` is set (its values are JSON-safe: str,
    numbers, bool, lists and dicts), except that a null never replaces a value the document
    already has: the reader's ``url`` stays when cleannews has none of its own. A non-null
    value does replace it: datatrove's ``WarcReader`` puts the capture time (WARC-Date) in
    ``date``, and cleannews the page's publication date where it finds one; pass
    ``metadata_prefix`` to keep both.

    Dropped documents: an ``empty`` record (no article text) counts as ``empty``, an
    ``error`` record as ``error`` and ``error_<type>`` (e.g. ``error_binary_input``), both
    as ``dropped``, in the step's stats. Only ``ok`` records go on down the pipeline.
    """

    name = "🧹 cleannews"

    def __init__(self, options: Options | None = None, timeout: float | None = None,
                 metadata_prefix: str = "") -> None:
        self.options = options if options is not None else Options()
        if timeout is None:
            timeout = max(self.options.limits.timeout_seconds, 0) + _TIMEOUT_MARGIN_SECONDS
        super().__init__(timeout)
        self.metadata_prefix = metadata_prefix

    def extract(self, text: str) -> str:
        """The clean text of one page ("" for an empty or error record), like other
        extractors' ``extract``."""
        return self.clean_record(text, "-", None).get("text") or ""

    def clean_record(self, content: str, doc_id: str, url: str | None) -> dict[str, Any]:
        """The cleannews record of one page, as :meth:`Record.to_dict` gives it."""
        document = Document(content=content, source=doc_id, url=url, id=doc_id)
        return clean_document(document, self.options).to_dict()

    def run(self, data: Iterator[DatatroveDocument], rank: int = 0,
            world_size: int = 1) -> Iterator[DatatroveDocument]:
        """Clean each document; yield those with article text, their metadata filled in."""
        self.clean_record(*_WARMUP)
        with ExtractorSandbox(timeout=self.timeout, warmup_text=_WARMUP) as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    url = doc.metadata.get("url")
                    try:
                        record = sandbox.process_document(
                            (doc.text, str(doc.id), url if isinstance(url, str) else None),
                            self.clean_record)
                    except TimeoutError:
                        self.stat_update("timeout")
                        logger.warning(f"⏰ {doc.id}: cleannews timed out; document skipped")
                        continue
                    except EOFError:
                        self.stat_update("broken_process")
                        logger.warning(f"{doc.id}: the cleannews process died; document skipped, "
                                       "a new process cleans the next one")
                        continue
                    except Exception as error:  # the sandbox's own failures, e.g. pickling
                        self.stat_update("clean_error")
                        logger.warning(f"{doc.id}: {error!r}; document skipped")
                        continue
                if record["status"] != "ok":
                    self.stat_update(record["status"], StatHints.dropped)
                    if record["status"] == "error":
                        self.stat_update(f"error_{record['error']['type']}")
                    continue
                doc.text = record["text"]
                self.update_metadata(doc, record)
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc

    def update_metadata(self, doc: DatatroveDocument, record: dict[str, Any]) -> None:
        """Write the record's :data:`METADATA_FIELDS` into ``doc.metadata``."""
        for field in METADATA_FIELDS:
            key = self.metadata_prefix + field
            if record[field] is not None or key not in doc.metadata:
                doc.metadata[key] = record[field]
