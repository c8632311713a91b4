"""detect_kind and the binary sniffing: cheap decisions on the start of a document."""

from __future__ import annotations

import pytest

from cleannews import Kind, detect_kind
from cleannews.detect import SNIFF_CHARS, looks_like_binary, looks_like_html, sniff_file_format


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><p>x</p></body></html>",
        "<!doctype HTML>\n<title>x</title>",
        "  \n<html lang='en'><p>x</p>",
        "<!-- saved from url=(0042)https://example.com/ -->\n<html><body>x</body></html>",
        "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'></html>",
        "<head><meta charset='utf-8'></head>",
        "<body><p>x</p></body>",
        "<div class='a'><p>One</p><p>Two</p></div>",  # a fragment: three structural tags
    ],
)
def test_html(text: str) -> None:
    assert detect_kind(text) is Kind.HTML


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Just a line of text.",
        "Home > News\nA story about the <div> tag and why browsers forgive it.",
        "Prices rose 5% > expectations <- analysts",
        "x" * SNIFF_CHARS + "<html><body><p>late</p></body></html>",
    ],
    ids=["empty", "plain", "one-quoted-tag", "angle-brackets", "markup-after-sniff-window"],
)
def test_text(text: str) -> None:
    assert detect_kind(text) is Kind.TEXT


def test_kind_values_are_the_record_values() -> None:
    assert [k.value for k in Kind] == ["html", "text"]


def test_looks_like_html_only_sniffs_the_start() -> None:
    assert looks_like_html("<p>a</p><p>b</p><p>c</p>")
    assert not looks_like_html("y" * SNIFF_CHARS + "<p>a</p><p>b</p><p>c</p>")


@pytest.mark.parametrize(
    ("text", "binary"),
    [
        ("", False),
        ("\x00" * 10, True),
        ("PK\x03\x04\x14\x00\x06\x00" + "\x00\x01\x02" * 20, True),
        ("Tabs\tand\nnewlines\r\nand a form feed\f are text.", False),
        ("One stray \x00 in a long line of ordinary text is not enough to be binary.", False),
    ],
)
def test_looks_like_binary(text: str, binary: bool) -> None:
    assert looks_like_binary(text) is binary


@pytest.mark.parametrize(("data", "name"), [
    (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
    (b"\x89PNG\r\n\x1a\n....", "PNG image"),
    (b"PK\x03\x04\x14\x00", "ZIP archive (or a docx, xlsx, odt or epub)"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "RIFF media (WebP, WAV or AVI)"),
    (b"\x00\x00\x00\x18ftypmp42", "MP4 or QuickTime media"),
    (b"BZh91AY&SY", "bzip2 archive"),
    (b"WARC/1.1\r\nWARC-Type: response", "WARC archive"),
])
def test_sniff_file_format(data: bytes, name: str) -> None:
    assert sniff_file_format(data) == name


@pytest.mark.parametrize("data", [b"", b"<html>", b"BZh is a word here", b"Plain text.",
                                  b"Theyftyp", b"Download WEBP images"])
def test_text_and_html_have_no_file_format(data: bytes) -> None:
    assert sniff_file_format(data) is None
