"""extract_article: trafilatura's output, trimmed at its edges, and the page's metadata."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from cleannews import HtmlOptions, clean
from cleannews.errors import ExtractionError
from cleannews.extract import (
    choose_title,
    clean_body,
    extract_article,
    is_share_bar,
    looks_like_call_to_action,
    same_headline,
    strip_site_name,
)
from cleannews.extract.article import _HUGE_ATTRIBUTE, without_huge_attributes
from cleannews.extract.elements import SPACE, collapse_spaces

from .conftest import HTML_FIXTURES

PARAGRAPHS = [
    "The city council voted on Tuesday to build protected cycling lanes on four of the "
    "busiest streets downtown, officials said after the meeting.",
    "Work is due to start in the spring and to finish before the end of the year, the "
    "transport department said in a statement on its website.",
    "Shop owners on the affected streets said they feared losing customers who now park "
    "at the kerb, and asked the council for a delivery zone.",
]


def _page(body: str, head: str = "") -> str:
    return (f"<html lang='en'><head><title>Cycling lanes approved | Metro</title>{head}</head>"
            f"<body><article><h1>Cycling lanes approved</h1>{body}</article></body></html>")


def _paragraphs() -> str:
    return "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def test_story_is_kept_and_headline_reported_as_title() -> None:
    article = extract_article(_page(_paragraphs()))
    assert article.metadata.title == "Cycling lanes approved"
    assert article.text.split("\n") == PARAGRAPHS
    assert [block.reason for block in article.removed] == ["headline"]


def test_closing_boilerplate_is_removed() -> None:
    closing = "<p>Follow us on Twitter for the latest news</p>"
    article = extract_article(_page(_paragraphs() + closing))
    assert article.text.split("\n") == PARAGRAPHS
    assert [block.reason for block in article.removed] == ["headline", "call_to_action"]


def _body(xml: str) -> etree._Element:
    """A tree shaped like trafilatura's output (p, head, list/item, ref for links)."""
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return etree.fromstring(f"<body>{story}{xml}</body>")


@pytest.mark.parametrize(("closing", "reasons"), [
    ("<head>Related</head><list><item><ref target='/a'>Bus fares to rise</ref> Why now</item>"
     "<item><ref target='/b'>Tram line opens</ref> Six stops</item></list>",
     ["link_list", "heading"]),
    ("<p>___</p><p>Reporting by Ana Ruiz; editing by Tom Lee</p>", ["separator", "separator"]),
    ("<p>Comments</p>", ["label"]),
    ("<p>Additional reporting by Ana Ruiz</p><p>ana.ruiz@metro.example.com</p>",
     ["contact", "credit"]),
])
def test_clean_body_trims_the_closing_blocks(closing: str, reasons: list[str]) -> None:
    text, removed = clean_body(_body(closing), ("Cycling lanes approved",))
    assert text.split("\n") == PARAGRAPHS
    assert [block.reason for block in removed] == reasons


@pytest.mark.parametrize("closing", [
    "<p><ref target='/report'>The full council report is available online.</ref></p>",
    "<list><item>Check the tyres before every ride</item><item>Use lights after dark</item></list>",
    "<head>What happens next</head><p>The council meets again in May to approve the budget.</p>",
])
def test_clean_body_keeps_closing_text(closing: str) -> None:
    text, removed = clean_body(_body(closing), (None,))
    assert len(text.split("\n")) > len(PARAGRAPHS)
    assert removed == ()


def test_clean_body_removes_kicker_headline_and_standfirst() -> None:
    body = _body("")
    for position, xml in enumerate(["<p>Transport</p>", "<head>Cycling lanes approved</head>",
                                    "<head>Four streets will get protected lanes.</head>"]):
        body.insert(position, etree.fromstring(xml))
    text, removed = clean_body(body, ("Cycling lanes approved",),
                               "Four streets will get protected lanes.")
    assert text.split("\n") == PARAGRAPHS
    assert [block.reason for block in removed] == ["kicker", "headline", "standfirst"]


@pytest.mark.parametrize("step", ["kicker", "headline", "standfirst", "call_to_action"])
def test_clean_body_keeps_the_blocks_of_a_step_left_out(step: str) -> None:
    body = _body("<p>Sign up for our newsletter</p>")
    for position, xml in enumerate(["<p>Transport</p>", "<head>Cycling lanes approved</head>",
                                    "<head>Four streets will get protected lanes.</head>"]):
        body.insert(position, etree.fromstring(xml))
    _, removed = clean_body(body, ("Cycling lanes approved",),
                            "Four streets will get protected lanes.", keep=frozenset({step}))
    assert step not in [block.reason for block in removed]
    assert removed


def test_favor_recall_keeps_what_closes_the_text() -> None:
    closing = "<p>Follow us on Twitter for the latest news</p>"
    article = extract_article(_page(_paragraphs() + closing), options=HtmlOptions(
        favor_recall=True))
    assert "Follow us on Twitter" in article.text


def test_json_ld_article_body_recovers_a_truncated_story() -> None:
    full_text = " ".join(PARAGRAPHS * 4)
    json_ld = json.dumps({"@type": "NewsArticle", "articleBody": full_text})
    head = f"<script type='application/ld+json'>{json_ld}</script>"
    article = extract_article(_page(f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>", head))
    assert article.text == full_text


def test_metadata_from_markup() -> None:
    head = ("<meta name='author' content='Ana Ruiz'>"
            "<meta property='article:published_time' content='2024-02-01T09:00:00Z'>"
            "<meta property='og:site_name' content='Metro'>"
            "<link rel='canonical' href='https://metro.example.com/cycling'>")
    article = extract_article(_page(_paragraphs(), head))
    assert (article.metadata.author, article.metadata.date, article.metadata.site_name,
            article.metadata.url, article.metadata.language) == (
        "Ana Ruiz", "2024-02-01", "Metro", "https://metro.example.com/cycling", "en")


def test_url_given_by_the_caller_wins() -> None:
    head = "<link rel='canonical' href='https://metro.example.com/cycling'>"
    record = clean(_page(_paragraphs(), head).encode(), url="https://mirror.example.org/x")
    assert record.metadata.url == "https://mirror.example.org/x"


def test_page_without_content_gives_empty_text() -> None:
    assert extract_article("<html><body></body></html>").text == ""


def test_bytes_are_refused() -> None:
    with pytest.raises(TypeError):
        extract_article(b"<html></html>")  # type: ignore[arg-type]


def test_extraction_error_is_an_exception() -> None:
    assert issubclass(ExtractionError, Exception)


@pytest.mark.parametrize(("line", "title", "expected"), [
    ("Cycling lanes approved", "Cycling lanes approved | Metro", True),
    ("CYCLING LANES APPROVED!", "Cycling lanes approved", True),
    ("Cycling lanes approved after a long debate in the council chamber", "Cycling lanes approved",
     False),
    ("Anything", None, False),
])
def test_same_headline(line: str, title: str | None, expected: bool) -> None:
    assert same_headline(line, title) is expected


@pytest.mark.parametrize(("headings", "page_title", "expected"), [
    (["Cycling lanes approved"], "Cycling lanes approved - Metro News", "Cycling lanes approved"),
    (["Contact Us", "Follow Us"], "Cycling lanes approved | Metro", "Cycling lanes approved"),
    ([], "Cycling lanes approved", "Cycling lanes approved"),
    ([], None, None),
])
def test_choose_title(headings: list[str], page_title: str | None, expected: str | None) -> None:
    assert choose_title(headings, page_title, "Metro") == expected


def test_strip_site_name_keeps_a_title_without_one() -> None:
    title = "Pros - and cons - of cycling"
    assert strip_site_name(title, "Metro") == title


@pytest.mark.parametrize("text", [
    "Sign up for our newsletter", "Subscribe to our YouTube channel",
    "© 2024 Metro. All rights reserved.", "Get the best stories delivered to your inbox."])
def test_calls_to_action(text: str) -> None:
    assert looks_like_call_to_action(text)


@pytest.mark.parametrize("text", [
    "The mayor said she would follow the committee's advice.",
    "Subscriptions to the city's bike-share scheme doubled last year, and the operator now "
    "plans to add two hundred bicycles and forty docking stations across the eastern districts "
    "before the end of the summer season.",
])
def test_not_calls_to_action(text: str) -> None:
    assert not looks_like_call_to_action(text)


def test_share_bar() -> None:
    assert is_share_bar("Share: Facebook | WhatsApp | Email")
    assert not is_share_bar("Facebook said on Monday it would appeal.")


def test_fixtures_folder_is_not_empty() -> None:
    assert list(HTML_FIXTURES.glob("*.html"))


def test_author_from_byline_markup_and_site_from_host() -> None:
    byline = "<p class='meta'>By <a rel='author' href='/staff/ana'>Ana Ruiz</a></p>"
    article = extract_article(_page(byline + _paragraphs()).replace(
        "<title>Cycling lanes approved | Metro</title>", "<title>Cycling lanes approved</title>"),
        url="https://www.metro.example.com/cycling")
    assert article.metadata.author == "Ana Ruiz"
    assert article.metadata.site_name == "metro.example.com"


def test_json_ld_authors_are_joined_without_by() -> None:
    json_ld = json.dumps({"@type": "NewsArticle", "headline": "Cycling lanes approved",
                          "author": [{"name": "By Ana Ruiz"}, {"name": "Tom Lee"}],
                          "datePublished": "2024-02-01"})
    article = extract_article(_page(_paragraphs(),
                                    f"<script type='application/ld+json'>{json_ld}</script>"))
    assert (article.metadata.author, article.metadata.date) == ("Ana Ruiz; Tom Lee", "2024-02-01")


# --- the author and the date a page declares ---------------------------------------------


def _json_ld(**fields: object) -> str:
    data = {"@type": "NewsArticle", "headline": "Cycling lanes approved", **fields}
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def _author(body: str, head: str = "", url: str | None = None) -> str | None:
    return extract_article(_page(body + _paragraphs(), head), url=url).metadata.author


def test_json_ld_people_win_over_the_organization_beside_them() -> None:
    head = _json_ld(author=[{"@type": "Person", "name": "Ana Ruiz"},
                            {"@type": "Organization", "name": "Metro"}])
    assert _author("", head) == "Ana Ruiz"


def test_an_organization_is_the_author_only_where_no_person_is_named() -> None:
    assert _author("", _json_ld(author={"@type": "Organization", "name": "dpa"})) == "dpa"


def test_the_site_name_declared_as_author_gives_way_to_a_person_beside_it() -> None:
    head = ("<meta property='og:site_name' content='Metro'>"
            + _json_ld(author=[{"name": "Metro"}, {"name": "Ana Ruiz"}]))
    assert _author("", head) == "Ana Ruiz"


@pytest.mark.parametrize("declared", ["ana-ruiz", "105092", "admin", "https://metro.example/ana"])
def test_slugs_ids_and_placeholders_are_no_author(declared: str) -> None:
    byline = "<p class='meta'>By <a rel='author' href='/staff/ana'>Ana Ruiz</a></p>"
    head = f"<meta name='author' content='{declared}'>"
    assert _author("", head) is None
    assert _author(byline, head) == "Ana Ruiz"  # the next source is asked instead


def test_a_menu_link_marked_as_author_is_no_author() -> None:
    # Some themes mark every link of a menu with rel=author or an author class.
    menu = ("<nav><a rel='author' href='/'>Home</a> <a rel='author' href='/politik'>Politik</a>"
            "</nav>")
    page = _page(_paragraphs()).replace("<body>", f"<body>{menu}")
    assert extract_article(page).metadata.author is None


def test_a_declared_author_linked_from_the_page_header_is_kept() -> None:
    header = "<header><a href='/authors/ana-ruiz'>Ana Ruiz</a></header>"
    page = _page(_paragraphs(), _json_ld(author={"@type": "Person", "name": "Ana Ruiz"}))
    assert extract_article(page.replace("<body>", f"<body>{header}")).metadata.author == (
        "Ana Ruiz")


def test_the_declared_publication_time_wins_over_a_date_elsewhere_in_the_page() -> None:
    # A product box's "posted" date, in a <time> element htmldate would take.
    box = ("<aside class='product'><p>Posted by Tom at <time datetime='2019-03-02'>"
           "19.03.02</time></p></aside>")
    head = "<meta property='article:published_time' content='2024-02-01T23:30:00-05:00'>"
    page = _page(box + _paragraphs(), head)
    assert extract_article(page).metadata.date == "2024-02-01"  # the page's own day


def test_date_from_json_ld_or_microdata_where_no_meta_declares_one() -> None:
    head = _json_ld(datePublished="2024-02-01T09:00:00+01:00")
    assert extract_article(_page(_paragraphs(), head)).metadata.date == "2024-02-01"
    microdata = "<time itemprop='datePublished' datetime='2024-02-03'>3 Feb</time>"
    assert extract_article(_page(microdata + _paragraphs())).metadata.date == "2024-02-03"


def test_a_reviews_publication_date_is_not_the_pages() -> None:
    review = ("<div itemprop='review' itemscope itemtype='https://schema.org/Review'>"
              "<meta itemprop='datePublished' content='2025-09-19'>Perfect fit</div>")
    head = _json_ld(datePublished="2017-11-27T07:21:00+00:00")
    page = _page(review + _paragraphs(), head.replace("NewsArticle", "Product"))
    assert extract_article(page).metadata.date != "2025-09-19"


def test_a_list_of_names_in_one_declared_string_is_split() -> None:
    head = "<meta name='author' content='Ana Ruiz, Tom Lee, Jo Park, Li Wei and Sam Roe'>"
    assert _author("", head) == "Ana Ruiz; Tom Lee; Jo Park; Li Wei; Sam Roe"


def test_a_publication_signing_with_its_domain_is_its_author() -> None:
    head = _json_ld(author={"@type": "Organization", "name": "metro.example.com"})
    assert _author("", head, url="https://metro.example.com/cycling") == "metro.example.com"


# --- huge attribute values ------------------------------------------------------------------

# Pieces of a page: markup and white space, and runs long enough to be (part of) a huge value.
_PAGE_PIECES = st.one_of(
    st.sampled_from([" ", "\n", "\u3000", '"', "'", ' src="', " data-x='", "<img", "/>", "<p>",
                     "word", "=", "'\"", "x-y:z"]),
    st.tuples(st.sampled_from("A+/='\""), st.integers(0, 140_000)).map(lambda p: p[0] * p[1]),
    # an attribute whose value is about as long as a huge one, its quote closed or not
    st.tuples(st.sampled_from(['"', "'"]), st.integers(30_000, 100_000), st.booleans()).map(
        lambda p: f" src={p[0]}{'A' * p[1]}{p[0] if p[2] else ''}"),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PAGE_PIECES, max_size=12))
def test_huge_values_are_emptied_as_by_the_plain_substitution(pieces: list[str]) -> None:
    """Skipping the substitution on a page whose every block has white space or both quotes
    (article._may_hold_huge_value) never changes what it returns."""
    page = "".join(pieces)
    assert without_huge_attributes(page) == _HUGE_ATTRIBUTE.sub(r'\1""', page)


def test_a_page_with_an_inlined_image_keeps_its_article() -> None:
    image = "iVBORw0KGgo" * 7_000  # 77,000 characters of base64, no white space
    page = _page(f'<img src="data:image/png;base64,{image}">' + _paragraphs())
    assert image not in without_huge_attributes(page)
    assert extract_article(page).text.startswith(PARAGRAPHS[0][:40])


_WHITESPACE = [chr(code) for code in range(0x110000) if chr(code).isspace()]


@given(st.text(alphabet=st.one_of(st.sampled_from([*_WHITESPACE, "\u200b", "\ufeff"]),
                                  st.characters())))
def test_collapse_spaces_is_the_substitution(text: str) -> None:
    assert collapse_spaces(text) == SPACE.sub(" ", text).strip()
