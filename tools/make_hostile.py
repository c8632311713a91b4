"""Write the hostile-input corpus: inputs that must never crash, hang or lose a record.

    python tools/make_hostile.py OUT_DIR        # every case, large ones included
    python tools/make_hostile.py --fixtures     # rewrite the small cases in fixtures/hostile

The small cases are committed in ``fixtures/hostile/`` (byte for byte: ``.gitattributes``
marks fixtures as binary). The large ones (a 100 MB line, three million lines, 200,000
nested elements, a 20 MB attribute, a gzip bomb) and the ones the file system must make (no
read permission, a symbolic-link loop, a directory named like a page, a name that is not
UTF-8, a named pipe, an external entity naming a local file) are written by
:func:`write_generated_cases`. :data:`EXPECTED` says what each case must give;
``tests/test_hostile.py`` runs the CLI over all of them in one batch and checks it.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "hostile"

# The batch runs with this input limit, so that the 20 MB attribute is parsed while the
# 100 MB line and the gzip bomb are refused.
MAX_INPUT_BYTES = 25_000_000

ENGLISH = ("The museum reopened on Monday after a two-year renovation that cost more than "
           "forty million euros, the city said. Café owners nearby welcomed the news.")
RUSSIAN = ("Правительство объявило в пятницу о новых мерах поддержки малого бизнеса в "
           "регионах страны. Министр экономики заявил, что программа начнёт работать уже "
           "в следующем месяце.")
JAPANESE = ("政府は金曜日、地方の中小企業を支援する新たな措置を発表した。経済大臣は、このプログラ"
            "ムが来月から始まると述べた。関係者によると、予算は前年より大幅に増える見込みだという。")
FRENCH = ("Le gouvernement a annoncé vendredi de nouvelles mesures de soutien aux petites "
          "entreprises des régions. Le ministre a déclaré que le programme commencera dès le "
          "mois prochain, à Besançon et à Créteil.")
SECRET = "SECRET-FILE-CONTENT-7f3a"


@dataclass(frozen=True)
class Expected:
    """What one case must give: its status, error type, and snippets in or out of its text."""

    status: str | tuple[str, ...]  # one status, or any of several
    error_type: str | None = None
    must_contain: tuple[str, ...] = ()
    must_not_contain: tuple[str, ...] = ()
    message_contains: str | None = None
    as_root: str | None = None  # the status instead when run as root (who reads anything)
    note: str = field(default="", compare=False)


def _page(body: str, charset: str | None = None, title: str = "News") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>")


def _dump(body: str) -> str:
    return f"Home > News\n{body}\n\n{body}\nShare 4\n"


_FIRST_SENTENCE = {"ru": RUSSIAN.split(".")[0], "ja": JAPANESE.split("。")[0],
                   "fr": FRENCH.split(".")[0]}

_BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n'
              for n in range(1, 10))
    + f"]>\n<html><body><p>&lol9;</p><p>{ENGLISH}</p></body></html>\n")


def _xxe(target: str) -> str:
    return ('<?xml version="1.0"?>\n'
            f'<!DOCTYPE html [ <!ENTITY file SYSTEM "{target}"> ]>\n'
            f"<html><head><title>&file;</title></head><body><article><p>&file; {ENGLISH}</p>"
            "</article></body></html>\n")


# A minimal PDF: it starts with printable bytes, so only its signature tells it apart.
_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n")


def small_cases() -> dict[str, bytes]:
    """The committed cases: name -> bytes."""
    mostly_utf8 = (ENGLISH.encode() + b"\n" + "Déjà vu à l'hôtel, naïve crème brûlée.".encode()
                   + b"\n" + "Une visite à Besançon.".encode("latin-1") + b"\n")
    cases = {
        "random-binary.bin": random.Random(12).randbytes(4096),
        "nul-bytes.txt": (ENGLISH[:40] + "\x00" + ENGLISH[40:] + "\n\x00\x00\n").encode(),
        "empty.txt": b"",
        "whitespace-only.txt": b"  \n\t\r\n   \n",
        "invalid-utf8.txt": ENGLISH.encode() + b"\n\xc3\x28 \xff\xfe broken \xe2\x82 bytes\n",
        "mixed-encodings.txt": mostly_utf8,
        "utf16-le-bom.html": _page(ENGLISH).encode("utf-16"),
        "utf16-be-bom.txt": b"\xfe\xff" + _dump(ENGLISH).encode("utf-16-be"),
        "utf16-le-no-bom.html": _page(ENGLISH).encode("utf-16-le"),
        "utf16-be-no-bom.txt": _dump(ENGLISH).encode("utf-16-be"),
        "unterminated-comment.html": (f"<html><body><p>{ENGLISH}</p><!-- never closed "
                                      "<p>hidden words</p>").encode(),
        "unterminated-script.html": (f"<html><body><p>{ENGLISH}</p><script>var hiddenState = "
                                     "'<p>x</p>';").encode(),
        "billion-laughs.html": _BILLION_LAUGHS.encode(),
        "xxe-etc-passwd.html": _xxe("file:///etc/passwd").encode(),
        "pdf-named.html": _PDF,
        "truncated.html.gz": gzip.compress(_page(ENGLISH).encode() * 20, mtime=0)[:200],
    }
    for language, codec, text in (("ru", "windows-1251", RUSSIAN), ("ja", "shift_jis", JAPANESE),
                                  ("fr", "latin-1", FRENCH)):
        cases[f"{language}-{codec}-declared.html"] = _page(text, codec).encode(codec)
        cases[f"{language}-{codec}-undeclared.html"] = _page(text).encode(codec)
        cases[f"{language}-{codec}.txt"] = _dump(text).encode(codec)
    return cases


def write_small_cases(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in small_cases().items():
        (folder / name).write_bytes(data)


def write_generated_cases(folder: Path, outside: Path) -> None:
    """Write the large and file-system cases into ``folder``.

    ``outside`` is a folder that is not part of the batch: the local file that the
    external-entity case names lives there, so that its text can only reach the output
    through the entity.
    """
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    (folder / "xxe-local-file.html").write_text(_xxe(secret.as_uri()), encoding="utf-8")

    with (folder / "single-line-100mb.txt").open("wb") as handle:
        sentence = (ENGLISH + " ").encode()
        for _ in range(100 * 1024 * 1024 // len(sentence) + 1):
            handle.write(sentence)
    (folder / "three-million-lines.txt").write_bytes(b"a\n" * 3_000_000)
    depth = 200_000
    (folder / "nested-200000.html").write_bytes(
        b"<html><body>" + b"<div>" * depth + f"<p>{ENGLISH}</p>".encode() + b"</div>" * depth
        + b"</body></html>")
    (folder / "attribute-20mb.html").write_bytes(
        b'<html><body><p title="' + b"A" * 20_000_000 + f'">{ENGLISH}</p></body></html>'.encode())
    with (folder / "gzip-bomb.html.gz").open("wb") as handle:  # 1 GiB of zeros in ~1 MB
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header
        zeros = bytes(1 << 20)
        for _ in range(1024):
            handle.write(compressor.compress(zeros))
        handle.write(compressor.flush())

    unreadable = folder / "no-read-permission.txt"
    unreadable.write_text(_dump(ENGLISH), encoding="utf-8")
    unreadable.chmod(0)
    loop = folder / "symlink-loop.html"
    loop.symlink_to(loop.name)  # a link to itself
    named_like_a_file = folder / "directory-named-like-a-page.html"
    named_like_a_file.mkdir()
    (named_like_a_file / "inside.txt").write_text(_dump(ENGLISH), encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "named-pipe.txt")
    with (folder / os.fsdecode(b"non-utf8-name-caf\xe9.txt")).open("wb") as handle:
        handle.write(_dump(ENGLISH).encode())


def _contains_first(language: str) -> tuple[str, ...]:
    return (_FIRST_SENTENCE[language],)


_ENGLISH_START = (ENGLISH[:60],)

EXPECTED: dict[str, Expected] = {
    "random-binary.bin": Expected("error"),
    "nul-bytes.txt": Expected("ok", must_contain=_ENGLISH_START, must_not_contain=("\x00",)),
    "empty.txt": Expected("empty"),
    "whitespace-only.txt": Expected("empty"),
    "invalid-utf8.txt": Expected("ok", must_contain=_ENGLISH_START),
    "mixed-encodings.txt": Expected("ok", must_contain=("Café owners", "Besançon")),
    "utf16-le-bom.html": Expected("ok", must_contain=_ENGLISH_START),
    "utf16-be-bom.txt": Expected("ok", must_contain=_ENGLISH_START),
    "utf16-le-no-bom.html": Expected("ok", must_contain=_ENGLISH_START),
    "utf16-be-no-bom.txt": Expected("ok", must_contain=_ENGLISH_START),
    "unterminated-comment.html": Expected(("ok", "empty"), must_not_contain=("hidden words",)),
    "unterminated-script.html": Expected("ok", must_contain=_ENGLISH_START,
                                         must_not_contain=("hiddenState",)),
    "billion-laughs.html": Expected("ok", must_contain=_ENGLISH_START,
                                    must_not_contain=("lollollol",)),
    "xxe-etc-passwd.html": Expected("ok", must_contain=_ENGLISH_START,
                                    must_not_contain=("root:",)),
    "pdf-named.html": Expected("error", error_type="unsupported_format"),
    "truncated.html.gz": Expected("error", error_type="unreadable"),
    "xxe-local-file.html": Expected("ok", must_contain=_ENGLISH_START,
                                    must_not_contain=(SECRET,)),
    "single-line-100mb.txt": Expected("error", error_type="input_too_large"),
    "three-million-lines.txt": Expected("error", error_type="too_many_lines"),
    # libxml2 stops at 256 levels (its safety limit): the page parses to nothing.
    "nested-200000.html": Expected(("ok", "empty")),
    "attribute-20mb.html": Expected("ok", must_contain=_ENGLISH_START),
    "gzip-bomb.html.gz": Expected("error", error_type="input_too_large",
                                  message_contains="decompresses"),
    "no-read-permission.txt": Expected("error", error_type="unreadable", as_root="ok"),
    "symlink-loop.html": Expected("error", error_type="unreadable"),
    "directory-named-like-a-page.html/inside.txt": Expected("ok", must_contain=_ENGLISH_START),
    "named-pipe.txt": Expected("error", error_type="unreadable",
                               message_contains="not a regular file"),
    "non-utf8-name-caf\ufffd.txt": Expected("ok", must_contain=_ENGLISH_START),
}
for _language, _codec in (("ru", "windows-1251"), ("ja", "shift_jis"), ("fr", "latin-1")):
    for _name in (f"{_language}-{_codec}-declared.html", f"{_language}-{_codec}-undeclared.html",
                  f"{_language}-{_codec}.txt"):
        EXPECTED[_name] = Expected("ok", must_contain=_contains_first(_language))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="write every case here")
    parser.add_argument("--fixtures", action="store_true",
                        help=f"rewrite the small cases in {FIXTURES.relative_to(ROOT)}")
    args = parser.parse_args()
    if args.fixtures:
        write_small_cases(FIXTURES)
        print(f"wrote {len(small_cases())} cases to {FIXTURES}")
    if args.out is not None:
        write_small_cases(args.out / "batch")
        write_generated_cases(args.out / "batch", args.out / "outside")
        print(f"wrote {len(EXPECTED)} cases to {args.out / 'batch'}; "
              f"run: cleannews --max-input-bytes {MAX_INPUT_BYTES} {args.out / 'batch'}")
    if not args.fixtures and args.out is None:
        parser.error("give OUT_DIR, --fixtures, or both")


if __name__ == "__main__":
    main()
