"""The fast HTML mode (HtmlOptions(mode="fast"), ``--html-mode fast``): resiliparse's
rendering of the main content, judged by the line classifier, and the default mode where
that rendering lost the article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleannews import HtmlOptions, Options, Record, clean
from cleannews.errors import CleannewsError
from cleannews.extract.fast import extract_fast, render_main_content

from .conftest import HTML_FIXTURES
from .test_extract import PARAGRAPHS

FAST = Options(html=HtmlOptions(mode="fast"))


def _page(body: str) -> str:
    return ("<html lang='en'><head><title>Cycling lanes approved | Metro</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/city'>City</a></nav>"
            f"{body}<footer>© Metro News</footer></body></html>")


def _story() -> str:
    return ("<article><h1>Cycling lanes approved</h1>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>")


@pytest.mark.parametrize("path", sorted(HTML_FIXTURES.glob("*.html")), ids=lambda p: p.stem)
def test_fixture_story_kept_headline_out_metadata_read(path: Path) -> None:
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    record = clean(path.read_bytes(), options=FAST)
    assert isinstance(record, Record)
    assert record.status == "ok"
    assert record.input_kind == "html"
    assert record.metadata.title == expected["title"]
    assert expected["title"] not in record.text.split("\n")
    # the story's first and last sentences (lists are rendered with resiliparse's bullets)
    story = [line for line in expected["must_contain"] if not line.startswith("- ")]
    assert story[0] in record.text
    assert story[-1] in record.text
    assert record.page_type == "article"


def test_rendered_lines_are_judged_by_the_extractor() -> None:
    article = extract_fast(_page(_story()))
    assert article.lines is not None
    assert article.lines.text.split("\n") == PARAGRAPHS
    assert "Cycling lanes approved" in article.text  # the rendering, headline included
    assert article.metadata.title == "Cycling lanes approved"
    assert article.metadata.language == "en"
    assert [block.reason for block in article.removed] == ["headline"]


def test_record_has_the_story_only() -> None:
    record = clean(_page(_story()), options=FAST)
    assert isinstance(record, Record)
    assert record.text.split("\n") == PARAGRAPHS
    assert record.removed["headline"] == 1


def test_figures_captions_buttons_and_menus_are_not_rendered() -> None:
    figure = "<figure><img alt='A cyclist'><figcaption>Riders. Photo: AP</figcaption></figure>"
    text = render_main_content(_page(_story().replace("</h1>", "</h1>" + figure)
                                     .replace("</article>", "<button>Share</button></article>")))
    assert "Photo: AP" not in text
    assert "A cyclist" not in text
    assert "Share" not in text
    assert "Home" not in text


def test_article_lost_by_the_rendering_goes_through_the_default_mode() -> None:
    # resiliparse leaves out what a class name marks as hidden
    body = "<div class='hidden'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>"
    article = extract_fast(_page(body))
    assert article.lines is None
    assert PARAGRAPHS[0] in article.text
    record = clean(_page(body), options=FAST)
    assert isinstance(record, Record)
    assert PARAGRAPHS[0] in record.text


def test_markdown_output_takes_the_default_mode() -> None:
    options = Options(html=HtmlOptions(mode="fast"), output_format="markdown")
    fast = clean(_page(_story()), options=options)
    default = clean(_page(_story()), options=Options(output_format="markdown"))
    assert isinstance(fast, Record) and isinstance(default, Record)
    assert fast.text == default.text


def test_page_without_text_is_empty_not_an_error() -> None:
    assert clean("<html><head><title>Metro</title></head><body></body></html>",
                 options=FAST).status == "empty"
    assert clean("<html></html>", options=FAST).status == "empty"
    # a menu and nothing else: rendered as nothing, so the default mode decides
    menu = "<html><body><nav><a href='/'>Home</a></nav></body></html>"
    assert clean(menu, options=FAST).text == clean(menu).text


def test_bytes_and_unknown_modes_are_refused() -> None:
    with pytest.raises(TypeError, match="str"):
        extract_fast(b"<html></html>")  # type: ignore[arg-type]
    with pytest.raises(CleannewsError, match="mode"):
        HtmlOptions(mode="turbo")  # type: ignore[arg-type]


def test_default_mode_is_unchanged_by_the_option() -> None:
    assert HtmlOptions().mode == "default"
    default = clean(_page(_story()))
    assert isinstance(default, Record)
    assert default.text.split("\n") == PARAGRAPHS


def test_parsed_nodes_have_the_classes_lxml_html_gives_them() -> None:
    """The fast mode's parser picks lxml.html's node classes in C (_element_classes): every
    node of a page gets the class lxml.html's own lookup would give it."""
    import lxml.html

    from cleannews.extract.fast import _element_classes

    page = (b"<html><head><title>t</title><!-- note --><?pi x?></head><body><form>"
            b"<input name=a><select><option>1</select><textarea>x</textarea><label>l</label>"
            b"</form><p>Hi &amp; <b>bold</b></p><svg><path/></svg></body></html>")
    theirs = lxml.html.HTMLParser(collect_ids=False, encoding="utf-8")
    ours = lxml.html.HTMLParser(collect_ids=False, encoding="utf-8")
    ours.set_element_class_lookup(_element_classes())
    trees = [lxml.html.document_fromstring(page, parser=parser) for parser in (theirs, ours)]
    expected, found = ([(node.tag, type(node)) for node in tree.iter()] for tree in trees)
    assert found == expected
    assert {kind.__name__ for _, kind in found} >= {
        "HtmlElement", "HtmlComment", "FormElement", "InputElement", "SelectElement",
        "TextareaElement", "LabelElement"}
