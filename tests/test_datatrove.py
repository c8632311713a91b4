"""The datatrove step (cleannews.integrations.datatrove): on one document, and in a whole
pipeline, WARC files in and JSON Lines out, the way a crawl would be processed."""

from __future__ import annotations

import gzip
import json
import time
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove", reason="needs the datatrove extra: pip install '.[datatrove]'")
warcio = pytest.importorskip("warcio", reason="needs the datatrove extra")

from datatrove.data import Document as DatatroveDocument  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleannews.integrations.datatrove import METADATA_FIELDS, CleannewsExtractor  # noqa: E402
from cleannews.options import Limits, Options  # noqa: E402
from cleannews.pipeline import Document, clean_document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "fixtures" / "html").glob("*.html"))
EMPTY_PAGE = "<html><head></head><body> </body></html>"


def write_warc(path: Path, pages: dict[str, str]) -> None:
    """A gzipped WARC file with one HTTP response record per (url, html) page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        for url, html in pages.items():
            body = html.encode("utf-8")
            http_headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), length=len(body),  # no temporary file
                http_headers=http_headers,
                warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"})
            writer.write_record(record)


def test_step_cleans_a_document_and_fills_its_metadata() -> None:
    html = PAGES[0].read_text(encoding="utf-8")
    doc = DatatroveDocument(text=html, id="page-1",
                            metadata={"url": "https://example.com/a", "date": "2025-01-01"})
    step = CleannewsExtractor()

    [kept] = step.run(iter([doc]))

    expected = clean_document(Document(html, source="page-1", url="https://example.com/a",
                                       id="page-1")).to_dict()
    assert kept.text == expected["text"]
    assert kept.metadata["url"] == "https://example.com/a"
    assert kept.metadata["status"] == "ok"
    for field in METADATA_FIELDS:
        assert kept.metadata[field] == expected[field]
    json.dumps(kept.metadata)  # JSON-safe, as a writer needs it
    assert step.stats["forwarded"].total == 1


def test_step_keeps_the_readers_values_over_null_ones() -> None:
    doc = DatatroveDocument(text=PAGES[0].read_text(encoding="utf-8"), id="x",
                            metadata={"url": "https://example.com/a", "dateline": "kept"})
    [kept] = CleannewsExtractor(metadata_prefix="cn_").run(iter([doc]))
    assert kept.metadata["url"] == "https://example.com/a"
    assert kept.metadata["dateline"] == "kept"
    assert kept.metadata["cn_status"] == "ok"
    assert "status" not in kept.metadata


def test_step_drops_empty_and_error_records_and_counts_them() -> None:
    docs = [
        DatatroveDocument(text=EMPTY_PAGE, id="empty"),
        DatatroveDocument(text="\x00\x01\x02 binary " * 40, id="binary"),
        DatatroveDocument(text=PAGES[0].read_text(encoding="utf-8"), id="too-large"),
    ]
    step = CleannewsExtractor(Options(limits=Limits(max_input_bytes=1000)), timeout=30)

    assert list(step.run(iter(docs))) == []

    counts = {name: step.stats[name].total for name in
              ("total", "forwarded", "dropped", "empty", "error", "error_binary_input",
               "error_input_too_large")}
    assert counts == {"total": 3, "forwarded": 0, "dropped": 3, "empty": 1, "error": 2,
                      "error_binary_input": 1, "error_input_too_large": 1}


class SlowOnOnePage(CleannewsExtractor):
    def clean_record(self, content: str, doc_id: str, url: str | None) -> dict[str, Any]:
        if doc_id == "slow":
            time.sleep(30)
        return super().clean_record(content, doc_id, url)


def test_a_page_past_the_timeout_is_dropped_and_the_next_one_cleaned() -> None:
    html = PAGES[0].read_text(encoding="utf-8")
    step = SlowOnOnePage(timeout=1)
    docs = [DatatroveDocument(text=html, id="slow"), DatatroveDocument(text=html, id="next")]

    assert [doc.id for doc in step.run(iter(docs))] == ["next"]
    assert step.stats["timeout"].total == 1


def test_extract_gives_the_clean_text() -> None:
    html = PAGES[0].read_text(encoding="utf-8")
    step = CleannewsExtractor()
    assert step.extract(html) == clean_document(Document(html)).to_dict()["text"]
    assert step.extract(EMPTY_PAGE) == ""


def test_warc_pipeline_writes_one_line_per_article(tmp_path: Path) -> None:
    pages = {f"https://example.com/{path.stem}": path.read_text(encoding="utf-8")
             for path in PAGES}
    urls = list(pages)
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    # Two files, so each of the two tasks has one; the empty page is dropped.
    write_warc(crawl / "part-0.warc.gz", {url: pages[url] for url in urls[:2]})
    write_warc(crawl / "part-1.warc.gz",
               {**{url: pages[url] for url in urls[2:]}, "https://example.com/empty": EMPTY_PAGE})

    LocalPipelineExecutor(
        [WarcReader(str(crawl)), CleannewsExtractor(), JsonlWriter(str(tmp_path / "out"))],
        tasks=2, workers=2, logging_dir=str(tmp_path / "logs"),
    ).run()

    outputs = sorted((tmp_path / "out").glob("*.jsonl.gz"))
    assert len(outputs) == 2
    lines = [json.loads(line) for output in outputs
             for line in gzip.decompress(output.read_bytes()).decode("utf-8").splitlines()]
    by_url = {line["metadata"]["url"]: line for line in lines}
    assert sorted(by_url) == sorted(urls)
    for url, line in by_url.items():
        expected = clean_document(
            Document(pages[url], source=line["id"], url=url, id=line["id"])).to_dict()
        assert line["text"] == expected["text"]
        metadata = line["metadata"]
        assert metadata["status"] == "ok"
        assert metadata["title"] == expected["title"] and metadata["title"]
        assert metadata["text_hash"] == expected["text_hash"]
