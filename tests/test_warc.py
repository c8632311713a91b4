"""WARC input: small WARC files written byte by byte here (the format is headers, a blank
line, the block and two line ends), plain and gzipped per record."""

from __future__ import annotations

import gzip
import io
import random
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleannews.inputs.warc import NOT_HTML, NOT_OK, Skipped, looks_like_warc, read_warc
from cleannews.pipeline import Document, document_id
from cleannews.records import ErrorRecord

DATE = "2024-05-06T07:08:09Z"


def warc_record(warc_type, block=b"", *, number=0, uri=None, content_type=None, length=None):
    headers = [("WARC-Type", warc_type),
               ("WARC-Record-ID", f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>"),
               ("WARC-Date", DATE)]
    if uri is not None:
        headers.append(("WARC-Target-URI", uri))
    if content_type is not None:
        headers.append(("Content-Type", content_type))
    headers.append(("Content-Length", str(len(block) if length is None else length)))
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return b"WARC/1.0\r\n" + head.encode() + b"\r\n" + block + b"\r\n\r\n"


def response(number, body, content_type="text/html; charset=utf-8", *, status="200 OK",
             headers=(), **kwargs):
    http = f"HTTP/1.1 {status}\r\n"
    if content_type is not None:
        http += f"Content-Type: {content_type}\r\n"
    http += "".join(f"{name}: {value}\r\n" for name, value in headers)
    return warc_record("response", http.encode() + b"\r\n" + body, number=number,
                       uri=f"https://example.com/{number}",
                       content_type="application/http; msgtype=response", **kwargs)


def gzipped(*records):
    """A WARC gzipped per record, as Common Crawl writes them."""
    return b"".join(gzip.compress(record, mtime=0) for record in records)


def warc(records, per_record):
    return gzipped(*records) if per_record else b"".join(records)


def page(words):
    return f"<!DOCTYPE html><html><body><p>{words}</p></body></html>".encode()


WARCINFO = warc_record("warcinfo", b"software: test\r\n", number=90,
                       content_type="application/warc-fields")
REQUEST = warc_record("request", b"GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n", number=91,
                      uri="https://example.com/1", content_type="application/http; msgtype=request")
PAGES = [response(1, page("one")),
         response(2, "<html><p>Привет</p></html>".encode("windows-1251"),
                  "text/html; charset=windows-1251"),
         response(3, page("three"), "application/xhtml+xml")]
IMAGE = response(4, b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
CRAWL = [WARCINFO, REQUEST, PAGES[0], PAGES[1], IMAGE, PAGES[2]]


def read(data, max_bytes=0, name="crawl.warc"):
    return list(read_warc(name, max_bytes=max_bytes, stream=io.BytesIO(data)))


def offsets(records):
    out, position = [], 0
    for record in records:
        out.append(position)
        position += len(record)
    return out


def test_looks_like_warc():
    assert looks_like_warc(b"WARC/1.1\r\nWARC-Type: response\r\n")
    assert looks_like_warc(b"\r\n\r\nWARC/1.0\r\n")
    assert not looks_like_warc(b"WARC/2.0\r\n")
    assert not looks_like_warc(b"\x1f\x8b\x08\x00")


@pytest.mark.parametrize("per_record", [False, True], ids=["plain", "gzip per record"])
def test_html_responses_become_documents_in_order(per_record):
    data = warc(CRAWL, per_record)
    items = read(data)
    assert [type(item) for item in items] == [Document, Document, Skipped, Document]
    one, two, image, three = items
    starts = offsets([warc([record], per_record) for record in CRAWL])
    assert [item.source for item in items] == [f"crawl.warc:{starts[i]}" for i in (2, 3, 4, 5)]
    assert one.url == "https://example.com/1"
    assert one.id == "urn:uuid:00000000-0000-0000-0000-000000000001"
    assert one.meta == {"crawl_date": DATE,
                        "warc_record_id": "<urn:uuid:00000000-0000-0000-0000-000000000001>"}
    assert one.content == page("one") and one.encoding == "utf-8"
    assert two.encoding == "windows-1251"
    assert two.content.decode(two.encoding) == "<html><p>Привет</p></html>"
    assert three.encoding is None and three.content == page("three")
    assert image == Skipped(f"crawl.warc:{starts[4]}", NOT_HTML)


def test_the_http_charset_decodes_a_page_that_declares_none():
    from cleannews.pipeline import clean_document

    document = read(PAGES[1])[0]
    record = clean_document(document)
    assert record.encoding == "cp1251" and "Привет" in record.text
    assert record.meta == document.meta


def test_a_file_gzipped_as_a_whole_is_read_with_uncompressed_offsets():
    items = read(gzip.compress(b"".join(CRAWL)))
    assert [item.source for item in items] == [f"crawl.warc:{offsets(CRAWL)[i]}"
                                               for i in (2, 3, 4, 5)]
    assert items[0].content == page("one")


@pytest.mark.parametrize("cut", [-3, -8, -200, "corrupt"])
def test_a_file_gzipped_as_a_whole_and_cut(cut):
    pages = [response(n, page(random.Random(n).randbytes(500).hex())) for n in range(60)]
    data = gzip.compress(b"".join(pages), mtime=0)
    data = data[:cut] if cut != "corrupt" else data[:-300] + b"xx" + data[-298:]
    items = read(data)
    assert len(items) > 40
    assert all(not isinstance(item, ErrorRecord) for item in items[:-1])
    assert isinstance(items[-1], ErrorRecord), items[-1]
    assert items[-1].error.message.startswith("cannot read crawl.warc at byte ")


def test_a_body_without_a_useful_content_type_is_sniffed():
    items = read(b"".join([
        response(1, b"\xef\xbb\xbf\n  <!doctype HTML><p>x", None),
        response(2, b"<!-- c --><HTML><p>y", "application/octet-stream"),
        response(3, b'{"html": "<p>"}', None),
        response(4, b"<p>z</p>", "text/css"),
    ]))
    assert [type(item) for item in items] == [Document, Document, Skipped, Skipped]
    assert items[0].encoding is None


def test_http_errors_and_redirects_are_skipped():
    items = read(response(1, page("moved"), status="301 Moved Permanently")
                 + response(2, page("gone"), status="404 Not Found"))
    assert [item.reason for item in items] == [NOT_OK, NOT_OK]


def test_chunked_and_compressed_bodies_are_decoded():
    body = page("decoded")
    chunked = (b"7\r\n" + body[:7] + b"\r\n" + b"%x\r\n" % (len(body) - 7) + body[7:]
               + b"\r\n0\r\n\r\n")
    deflated = zlib.compress(body)
    raw_deflate = zlib.compressobj(wbits=-15)
    items = read(b"".join([
        response(1, chunked, headers=[("Transfer-Encoding", "chunked")]),
        response(2, gzip.compress(body), headers=[("Content-Encoding", "gzip")]),
        response(3, deflated, headers=[("Content-Encoding", "deflate")]),
        response(4, raw_deflate.compress(body) + raw_deflate.flush(),
                 headers=[("Content-Encoding", "deflate")]),
        # Common Crawl stores bodies decoded, under a renamed header
        response(5, body, headers=[("X-Crawler-Content-Encoding", "gzip")]),
        response(6, b"not gzip at all", headers=[("Content-Encoding", "gzip")]),
        response(7, body, headers=[("Content-Encoding", "compress")]),
        response(8, page("after")),
    ]))
    assert [item.content for item in items[:5]] == [body] * 5
    for item in items[5:7]:
        assert isinstance(item, ErrorRecord) and item.error.type == "unreadable"
    assert "content encoding" in items[5].error.message
    assert items[7].content == page("after")


def test_a_body_over_the_limit_is_an_error_record_and_reading_goes_on():
    big = response(1, page("x" * 5000))
    bomb = response(2, gzip.compress(b"<html>" + b" " * 100_000),
                    headers=[("Content-Encoding", "gzip")])
    items = read(big + bomb + PAGES[0], max_bytes=1000)
    for item in items[:2]:
        assert isinstance(item, ErrorRecord)
        assert item.error.type == "input_too_large"
        assert item.error.message == ("WARC record body is larger than 1000 bytes "
                                      "(--max-input-bytes; 0 for no limit)")
    assert items[0].metadata.url == "https://example.com/1"
    assert items[0].id == document_id(items[0].source.encode())
    assert items[0].meta["warc_record_id"].endswith("000000000001>")
    assert isinstance(items[2], Document)


@pytest.mark.parametrize("per_record", [False, True], ids=["plain", "gzip per record"])
@pytest.mark.parametrize("where", ["in the body", "in the WARC header", "in the HTTP header",
                                   "just after the WARC header line"])
def test_a_truncated_file_gives_an_error_after_the_records_before(per_record, where):
    cut_in = {"in the body": -30, "in the WARC header": 40, "in the HTTP header": 250,
              "just after the WARC header line": 12}[where]
    last = response(3, page("three " * 20))
    whole = warc([PAGES[0], REQUEST, last], per_record)
    start = len(whole) - len(warc([last], per_record))
    data = whole[:start + cut_in] if cut_in > 0 else whole[:cut_in]
    items = read(data)
    assert items[0].content == page("one")
    assert len(items) == 2
    error = items[1]
    assert isinstance(error, ErrorRecord) and error.error.type == "unreadable"
    assert error.error.message.startswith(f"cannot read crawl.warc at byte {start}")
    assert error.source == f"crawl.warc:{start}"


@pytest.mark.parametrize("per_record", [False, True], ids=["plain", "gzip per record"])
@pytest.mark.parametrize("garbage", [b"GARBAGE\r\n\r\n", b"WARC/1.0 garbage\x1f\x8b\x08",
                                     gzip.compress(b"not a record")])
def test_reading_goes_on_after_garbage_between_records(per_record, garbage):
    first = warc([PAGES[0]], per_record)
    data = first + garbage + warc([PAGES[2], PAGES[1]], per_record)
    items = read(data)
    assert [type(item) for item in items] == [Document, ErrorRecord, Document, Document]
    assert items[1].error.message.startswith(f"cannot read crawl.warc at byte {len(first)}: ")
    assert items[1].source == f"crawl.warc:{len(first)}"
    assert items[2].source == f"crawl.warc:{len(first) + len(garbage)}"
    assert items[2].content == page("three")


@pytest.mark.parametrize("per_record", [False, True], ids=["plain", "gzip per record"])
def test_garbage_after_long_records(per_record):
    pages = [response(n, page(random.Random(n).randbytes(60_000).hex())) for n in (1, 2)]
    first = warc(pages[:1], per_record)
    items = read(first + b"junk" * 10 + warc(pages[1:], per_record))
    assert [type(item) for item in items] == [Document, ErrorRecord, Document]
    assert items[1].source == f"crawl.warc:{len(first)}"


@pytest.mark.parametrize("length", [20, 200])
def test_a_wrong_content_length_gives_an_error_and_the_next_record_is_read(length):
    wrong = response(2, page("two"), length=length)
    items = read(PAGES[0] + wrong + PAGES[2])
    assert [type(item) for item in items] == [Document, ErrorRecord, Document]
    assert items[1].source == f"crawl.warc:{len(PAGES[0])}"
    assert "does not end where its Content-Length says" in items[1].error.message
    assert items[2].content == page("three")
    assert items[2].source == f"crawl.warc:{len(PAGES[0]) + len(wrong)}"


def test_a_wrong_content_length_in_a_gzip_member():
    wrong = response(2, page("two"), length=20)
    items = read(gzipped(PAGES[0], wrong, PAGES[2]))
    # fastwarc reads the record cut short (a page's first bytes, here no page) and stops
    # at the rest of the member
    assert [type(item) for item in items] == [Document, Skipped, ErrorRecord, Document]
    assert items[3].content == page("three")


def test_what_is_no_warc():
    assert read(b"") == []
    assert read(b"\r\n\n") == []
    (error,) = read(b"<html><p>no WARC</p></html>")
    assert error.error.message.startswith("cannot read crawl.warc at byte 0: ")


def test_a_path_and_a_missing_path(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzipped(*CRAWL))
    items = list(read_warc(str(path), max_bytes=0))
    assert [type(item) for item in items] == [Document, Document, Skipped, Document]
    assert items[0].source.startswith(f"{path}:")
    (error,) = read_warc(str(tmp_path / "missing.warc"), max_bytes=0)
    assert error.error.type == "unreadable" and "No such file" in error.error.message


def test_standard_input_from_a_pipe():
    import os

    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "wb") as writer:
        writer.write(gzipped(*PAGES))
    with os.fdopen(read_end, "rb") as reader:
        items = list(read_warc("-", max_bytes=0, stream=reader))
    assert [item.url for item in items] == [f"https://example.com/{n}" for n in (1, 2, 3)]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_cut_of_a_warc_never_raises(data):
    compressed = data.draw(st.booleans())
    whole = gzipped(*CRAWL) if compressed else b"".join(CRAWL)
    start = data.draw(st.integers(0, len(whole)))
    end = data.draw(st.integers(start, len(whole)))
    junk = data.draw(st.binary(max_size=20))
    for cut in (whole[start:end], whole[:start] + junk + whole[end:]):
        items = read(cut, max_bytes=data.draw(st.sampled_from([0, 50])))
        assert all(isinstance(item, Document | ErrorRecord | Skipped) for item in items)
