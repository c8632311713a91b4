"""decode_bytes: BOM, strict UTF-8, declared charset, chardet, lossy fallback."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleannews import decode
from cleannews.decode import Decoded, declared_charset, decode_bytes

JAPANESE = "東京都は十五日、新しい防災計画を発表した。住民の備えが大切だと話している。"
FRENCH = "Les élèves ont passé l’été à Montréal. « C’était génial », a dit Zoé — très bien."
LATIN1 = "Les élèves ont passé l'été à Montréal, où ils ont découvert la cuisine québécoise."


def _html(charset: str, body: str) -> str:
    return f'<html><head><meta charset="{charset}"><title>t</title></head><body><p>{body}</p>'


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "café".encode(), "utf-8"),
        ("café".encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + "café".encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF16_LE + "café".encode("utf-16-le"), "utf-16"),
        ("café".encode("utf-32"), "utf-32"),
    ],
    ids=["utf-8-bom", "utf-16-native", "utf-16-be", "utf-16-le", "utf-32"],
)
def test_byte_order_mark_wins(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded == Decoded("café", encoding, 1.0, lossy=False)


def test_bom_is_not_kept_in_text() -> None:
    assert not decode_bytes(codecs.BOM_UTF8 + b"Title\nBody").text.startswith("\ufeff")


def test_strict_utf8() -> None:
    decoded = decode_bytes("Zoë’s café — 東京".encode())
    assert (decoded.text, decoded.encoding, decoded.encoding_confidence) == (
        "Zoë’s café — 東京", "utf-8", 1.0)
    assert not decoded.lossy


def test_utf8_wins_over_a_stale_declared_charset() -> None:
    # Pages re-saved as UTF-8 often keep their old <meta charset>.
    data = _html("windows-1252", "café").encode("utf-8")
    assert decode_bytes(data).encoding == "utf-8"
    assert "café" in decode_bytes(data).text


@pytest.mark.parametrize(
    ("charset", "codec", "text"),
    [
        ("Shift_JIS", "shift_jis", JAPANESE),
        ("EUC-JP", "euc_jp", JAPANESE),
        ("windows-1252", "cp1252", FRENCH),
    ],
)
def test_declared_charset_in_meta_tag(charset: str, codec: str, text: str) -> None:
    decoded = decode_bytes(_html(charset, text).encode(codec))
    assert text in decoded.text
    assert decoded.encoding == codec
    assert decoded.encoding_confidence == 0.9
    assert not decoded.lossy


def test_declared_charset_in_http_equiv_and_xml_declaration() -> None:
    http_equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    assert declared_charset(http_equiv) == "shift_jis"
    assert declared_charset(b"<?xml version='1.0' encoding='EUC-JP'?><rss/>") == "euc_jp"


def test_unknown_or_late_declaration_is_ignored() -> None:
    assert declared_charset(b'<meta charset="no-such-charset">') is None
    late = b" " * decode.DECLARATION_SCAN_BYTES + b'<meta charset="shift_jis">'
    assert declared_charset(late) is None


def test_wrong_declaration_falls_back_to_detection() -> None:
    # Declared ASCII, but the bytes are EUC-JP: the declared codec fails, detection decides.
    data = _html("ascii", JAPANESE).encode("euc_jp")
    decoded = decode_bytes(data)
    assert JAPANESE in decoded.text
    assert not decoded.lossy


def test_undeclared_latin1_is_detected() -> None:
    decoded = decode_bytes(LATIN1.encode("latin-1"))
    assert decoded.text == LATIN1
    assert not decoded.lossy
    assert 0 < decoded.encoding_confidence < 1


def test_undeclared_japanese_is_detected() -> None:
    decoded = decode_bytes((JAPANESE * 3).encode("shift_jis"))
    assert decoded.text == JAPANESE * 3


def test_lossy_fallback_is_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "_guess_with_chardet", lambda data: None)
    decoded = decode_bytes(b"caf\xe9 \xff ok")
    assert decoded == Decoded("caf\ufffd \ufffd ok", "utf-8", 0.0, lossy=True)


def test_a_guess_that_cannot_decode_falls_back_to_lossy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "_guess_with_chardet", lambda data: ("ascii", 0.5))
    decoded = decode_bytes(b"caf\xe9")
    assert decoded.lossy
    assert decoded.text == "caf\ufffd"


def test_empty_input() -> None:
    assert decode_bytes(b"") == Decoded("", "utf-8", 1.0)


def test_bytearray_and_memoryview_are_bytes() -> None:
    assert decode_bytes(bytearray(b"hi")).text == "hi"
    assert decode_bytes(memoryview(b"hi")).text == "hi"


def test_str_is_refused() -> None:
    with pytest.raises(TypeError, match="takes bytes"):
        decode_bytes("already text")  # type: ignore[arg-type]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(codec: str) -> None:
    text = "<html><body><p>Plain English, then café.</p></body></html>"
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.lossy) == (text, codec, False)


def test_utf8_with_stray_latin1_bytes_keeps_the_utf8_part() -> None:
    data = ("Déjà vu à l'hôtel, naïve crème brûlée. " * 3).encode() + "Besançon".encode("latin-1")
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.endswith("crème brûlée. Besançon")
    assert 0.5 <= decoded.encoding_confidence < 1


def test_a_latin1_label_is_read_as_windows_1252_where_it_differs() -> None:
    data = _html("iso-8859-1", "“Curly” quotes and a euro: 5 €").encode("cp1252")
    assert "“Curly” quotes and a euro: 5 €" in decode_bytes(data).text


def test_control_characters_go_and_c1_stays() -> None:
    assert decode.without_control_characters("a\x00b\x1b\x7fc\td\n") == "abc\td\n"
    assert decode.without_control_characters("it\x92s \x80 5\x81") == "it\x92s \x80 5\x81"
    assert decode.without_control_characters("\x0cpage\x0b") == "\x0cpage\x0b"


@given(st.binary(max_size=300) | st.text(max_size=100).map(lambda text: text.encode("utf-8")),
       st.sampled_from([None, "utf-8", "cp1252", "iso-8859-1", "shift_jis", "utf-16",
                        "iso-2022-jp", "utf-7"]))
def test_checking_the_bytes_for_control_characters_changes_nothing(
        data: bytes, declared: str | None) -> None:
    """The byte check (for encodings whose control characters are their control bytes) gives
    what the text scan gives, whatever the bytes and the encoding they are decoded in."""
    decoded = decode_bytes(data, declared)
    assert (decode.without_control_characters(decoded.text, decoded, data)
            == decode.without_control_characters(decoded.text))
