"""clean_document / clean_documents: the stages in order, and the per-document boundary."""

from __future__ import annotations

import importlib
import importlib.util
import logging
import pkgutil
from functools import reduce

import pytest

import cleannews
from cleannews import (
    CleannewsError,
    Document,
    ErrorRecord,
    HtmlOptions,
    Kind,
    Limits,
    Options,
    Record,
    clean,
    clean_document,
    clean_documents,
    explain_document,
)
from cleannews.pipeline import document_id

BODY = ("The city council voted on Tuesday to build protected cycling lanes on four of the "
        "busiest streets downtown, officials said.")
HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>Cycling lanes approved</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Cycling lanes approved</h1>"
    f"<p>{BODY}</p><p>{BODY.replace('Tuesday', 'Wednesday')}</p></article></body></html>"
)

def test_text_input() -> None:
    record = clean(f"Home > News\n{BODY}")
    assert isinstance(record, Record)
    assert record.input_kind == "text"
    assert BODY in record.text and "Home > News" not in record.text
    assert record.encoding == "unicode"  # str input is not decoded
    assert record.removed.get("navigation") == 1


def test_text_headline_is_the_title_not_text() -> None:
    # A markdown H1 the classifier might keep: reported as the title, kept out of the text.
    record = clean(f"# Cycling lanes approved\n{BODY}")
    assert isinstance(record, Record)
    assert record.metadata.title == "Cycling lanes approved"
    assert record.text == BODY
    assert record.removed.get("title") == 1


def test_bytes_input_is_decoded() -> None:
    record = clean(f"{BODY} Zoë.".encode("utf-16"))
    assert isinstance(record, Record)
    assert record.encoding == "utf-16"
    assert "Zoë" in record.text


def test_html_input() -> None:
    record = clean(HTML_PAGE.encode(), url="https://example.com/a")
    assert isinstance(record, Record)
    assert record.input_kind == "html"
    assert BODY in record.text
    assert "<p>" not in record.text
    assert record.metadata.url == "https://example.com/a"


@pytest.mark.parametrize(("kind", "expected"), [
    (Kind.TEXT, "text"), (Kind.HTML, "html")])
def test_forced_input_kind(kind: Kind, expected: str) -> None:
    content = HTML_PAGE if kind is Kind.TEXT else BODY
    record = clean_document(Document(content), Options(input_kind=kind))
    assert record.to_dict()["input_kind"] == expected


def test_forcing_text_keeps_markup_as_text() -> None:
    record = clean_document(Document(HTML_PAGE), Options(input_kind=Kind.TEXT))
    assert isinstance(record, Record)
    assert "<" in record.text


def test_empty_input_gives_an_empty_record() -> None:
    record = clean_document(Document(b""))
    assert isinstance(record, Record)
    assert record.status == "empty" and record.text == ""


def test_binary_input_gives_an_error_record() -> None:
    record = clean_document(Document(b"\x00\x01\x02\x03" * 100, source="x.bin"))
    assert isinstance(record, ErrorRecord)
    assert (record.error.stage, record.error.type) == ("detect", "binary_input")
    assert record.source == "x.bin"


def test_input_too_large() -> None:
    options = Options(limits=Limits(max_input_bytes=10))
    record = clean_document(Document(BODY.encode()), options)
    assert isinstance(record, ErrorRecord)
    assert (record.error.stage, record.error.type) == ("read", "input_too_large")
    assert "--max-input-bytes" in record.error.message


def test_no_size_limit() -> None:
    record = clean_document(Document(BODY.encode() * 3), Options(limits=Limits(max_input_bytes=0)))
    assert isinstance(record, Record)


def test_failure_in_a_stage_is_named_by_the_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> str:
        raise RuntimeError("language model missing")

    monkeypatch.setattr("cleannews.metadata.detect_language", broken)
    record = clean_document(Document(BODY, source="page.txt"))
    assert isinstance(record, ErrorRecord)
    assert record.error.stage == "metadata"
    # not a type made from the exception's class name: a library could rename that
    assert record.error.type == "internal_error"
    assert record.error.message == "RuntimeError: language model missing"


def test_extractor_crash_is_an_extract_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    record = clean_document(Document(HTML_PAGE))
    assert isinstance(record, ErrorRecord)
    assert (record.error.stage, record.error.type) == ("extract", "internal_error")


def test_failure_is_logged_once(monkeypatch: pytest.MonkeyPatch,
                                caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr("cleannews.metadata.detect_language", lambda text: 1 / 0)
    with caplog.at_level(logging.WARNING, logger="cleannews"):
        clean_document(Document(BODY, source="page.txt"))
    assert [r.getMessage() for r in caplog.records] == [
        "page.txt: metadata failed: ZeroDivisionError: division by zero"]


def test_ids() -> None:
    assert document_id(b"abc") == document_id("abc") == clean(b"abc").id
    assert len(document_id(b"abc")) == 16
    assert clean_document(Document(BODY, id="my-id")).id == "my-id"
    assert clean_document(Document(b"\x00" * 64, id="my-id")).id == "my-id"


def test_clean_documents_streams_in_order_past_failures() -> None:
    documents = [Document(BODY, source="a"), Document(b"\x00" * 64, source="b"),
                 Document(b"", source="c"), Document(BODY, source="d")]
    records = clean_documents(iter(documents))
    assert not isinstance(records, list)  # a generator: constant memory on big batches
    statuses = [(r.source, r.status) for r in records]
    assert statuses == [("a", "ok"), ("b", "error"), ("c", "empty"), ("d", "ok")]


def test_options_are_frozen() -> None:
    options = Options()
    with pytest.raises(AttributeError):
        options.keep_comments = True  # type: ignore[misc]


def test_a_document_over_the_time_limit_gives_a_timeout_record(monkeypatch) -> None:
    import time

    def slow_clean_lines(*args: object, **kwargs: object) -> None:
        time.sleep(5)

    # The pipeline imports each stage when it first runs it, so patch the stage's package.
    monkeypatch.setattr("cleannews.lines.clean_lines", slow_clean_lines)
    started = time.monotonic()
    record = clean_document(Document(b"Some text."), Options(limits=Limits(timeout_seconds=0.2)))
    assert time.monotonic() - started < 2
    assert isinstance(record, ErrorRecord)
    assert (record.error.stage, record.error.type) == ("clean", "timeout")
    # Explaining goes through the same boundary: the same limit, an error record, no lines.
    explanation = explain_document(Document(b"Some text."), Options(limits=Limits(
        timeout_seconds=0.2)))
    assert isinstance(explanation.record, ErrorRecord) and explanation.lines == ()
    assert explanation.record.error.type == "timeout"
    # The next document is not affected: the timer is off again.
    monkeypatch.undo()
    quick = Options(limits=Limits(timeout_seconds=0.2))
    assert clean_document(Document(b"Some text."), quick).status != "error"


def test_error_records_say_what_was_decoded(monkeypatch) -> None:
    def broken_clean_lines(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr("cleannews.lines.clean_lines", broken_clean_lines)
    record = clean_document(Document(b"Some text."))
    assert isinstance(record, ErrorRecord)
    assert (record.error.stage, record.error.type, record.encoding, record.input_kind) == (
        "clean", "internal_error", "utf-8", "text")


# Modules that need an optional extra: module -> the package the extra brings.
OPTIONAL_MODULES = {"cleannews.integrations.datatrove": "datatrove"}


def test_every_module_is_reachable_by_its_dotted_name() -> None:
    """``import cleannews.lines.rules as rules`` looks each name up as an attribute of the one
    before; a package attribute that is something else (a function of the same name as a
    subpackage) breaks that form of import."""
    for module in pkgutil.walk_packages(cleannews.__path__, "cleannews."):
        if module.name in OPTIONAL_MODULES and importlib.util.find_spec(
                OPTIONAL_MODULES[module.name]) is None:
            continue  # an optional extra's module, without its extra
        imported = importlib.import_module(module.name)
        reached = reduce(getattr, module.name.split(".")[1:], cleannews)
        assert reached is imported, module.name


def test_comments_asked_for_are_kept_whole() -> None:
    """With include_comments, neither the comment headers nor the replies between them
    are dropped as comments; without it, the extractor leaves the comments out."""
    paragraphs = "".join(f"<p>{BODY.replace('four', str(n))}</p>" for n in range(5, 11))
    reply = "I think this is a great idea and I will ride to work every day from now on"
    comments = "".join(f"<div class='comment'><p>Jane{n} on May {n}, 2024 at 6:34 am said:</p>"
                       f"<p>{reply}, number {n}.</p></div>" for n in range(1, 4))
    page = (f"<html><head><title>Lanes</title></head><body><article><h1>Lanes</h1>{paragraphs}"
            f"</article><section id='comments' class='comments'>{comments}</section>"
            "</body></html>")
    asked = Options(keep_comments=True)
    text = clean_document(Document(page), asked).text
    for n in range(1, 4):
        assert f"Jane{n} on May {n}, 2024 at 6:34 am said:" in text
        assert f"{reply}, number {n}." in text
    assert reply not in clean_document(Document(page)).text


def test_a_long_extracted_paragraph_stays_one_paragraph() -> None:
    """An HTML page whose article is one long paragraph is not a flattened dump."""
    paragraph = " ".join(BODY.replace("four", str(n)) for n in range(5, 15))
    page = (f"<html><head><title>Lanes</title></head><body><article><h1>Lanes</h1>"
            f"<p>{paragraph}</p></article></body></html>")
    assert clean_document(Document(page)).text == paragraph


def test_too_many_lines_gives_an_error_record_fast() -> None:
    record = clean_document(Document(b"a\n" * 3_000_000))
    assert isinstance(record, ErrorRecord)
    assert (record.error.stage, record.error.type) == ("clean", "too_many_lines")
    unlimited = Options(limits=Limits(max_input_lines=0))
    assert isinstance(clean_document(Document(b"A line.\n" * 50), unlimited), Record)


def test_a_file_of_another_format_gives_an_error_record() -> None:
    record = clean_document(Document(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"))
    assert isinstance(record, ErrorRecord)
    assert (record.error.stage, record.error.type) == ("detect", "unsupported_format")
    assert record.error.message == "input is a PDF document, not HTML or text"


def test_control_characters_never_reach_the_text() -> None:
    record = clean_document(Document(
        b"The minister\x00 resigned on Friday after a week\x1b of protests.\n"))
    assert record.to_dict()["text"] == "The minister resigned on Friday after a week of protests."


def _slow_documents_in_a_worker(count: int) -> list[str]:
    """In a worker process: documents that hang get timeout records, and the next is fine."""
    import time

    from cleannews import lines

    def slow_clean_lines(*args: object, **kwargs: object) -> None:
        time.sleep(5)

    real = lines.clean_lines
    statuses = []
    for number in range(count):
        lines.clean_lines = slow_clean_lines if number % 2 == 0 else real  # type: ignore[assignment]
        record = clean_document(Document(b"The minister resigned on Friday."),
                                Options(limits=Limits(timeout_seconds=0.2)))
        statuses.append(record.error.type if isinstance(record, ErrorRecord) else record.status)
    lines.clean_lines = real
    return statuses


def test_the_time_limit_works_in_a_worker_process() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert pool.submit(_slow_documents_in_a_worker, 4).result(timeout=60) == [
            "timeout", "ok", "timeout", "ok"]


def test_explaining_gives_the_same_record_and_every_line() -> None:
    page = b"Home > News\nThe museum reopened on Monday after a two-year renovation.\nShare 4"
    explanation = explain_document(Document(page, source="p"))
    assert explanation.record == clean_document(Document(page, source="p"))
    assert [(line.number, line.kept) for line in explanation.lines] == [
        (1, False), (2, True), (3, False)]
    assert all(line.detail for line in explanation.lines)


def test_options_have_one_set_of_defaults() -> None:
    from cleannews.cli import main

    defaults = Options()
    flags = {param.name: param.default for param in main.params}
    assert flags["timeout_seconds"] == defaults.limits.timeout_seconds == 60
    assert flags["max_input_bytes"] == defaults.limits.max_input_bytes
    assert flags["max_input_lines"] == defaults.limits.max_input_lines
    assert flags["include_tables"] == defaults.html.include_tables
    assert flags["output_format"] == defaults.output_format
    assert flags["include_comments"] == defaults.keep_comments
    assert flags["classify_html"] == defaults.html.classify_lines
    assert flags["favor_precision"] == defaults.html.favor_precision
    assert flags["favor_recall"] == defaults.html.favor_recall


def test_contradicting_options_are_refused() -> None:
    with pytest.raises(CleannewsError):
        HtmlOptions(favor_precision=True, favor_recall=True)


def test_a_documents_kind_and_charset_from_its_container_are_used():
    page = "<p>Привет, мир. Это статья о погоде в городе.</p>".encode("koi8-r")
    record = clean_document(Document(page, kind=Kind.TEXT, encoding="koi8-r"))
    assert record.input_kind == "text"
    assert record.encoding == "koi8-r"
    forced = clean_document(Document(page, kind=Kind.TEXT), Options(input_kind=Kind.HTML))
    assert forced.input_kind == "html"


def test_every_public_name_imports() -> None:
    """The package imports its public names on first use: each one resolves, and nothing else
    is offered."""
    import cleannews.extract

    for package in (cleannews, cleannews.extract):
        for name in package.__all__:
            assert getattr(package, name) is not None, name
        with pytest.raises(AttributeError):
            package.no_such_name  # noqa: B018
    assert set(cleannews.__all__) <= set(dir(cleannews))
