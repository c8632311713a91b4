"""Page types: the features, the shipped model, what the type changes, and the records."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleannews import Document, ErrorRecord, Record, clean, clean_document
from cleannews.extract import extract_article
from cleannews.extract.article import CONTENT_CHOICES
from cleannews.extract.pagetype import page_features
from cleannews.lines.model import ModelFileError
from cleannews.pagetype import PAGE_TYPES, PageType, classify_html, classify_text, features
from cleannews.pagetype.features import HTML_FEATURES, TEXT_FEATURES, text_features, url_features
from cleannews.pagetype.model import FINGERPRINT, PageTypeModel, load_default_model

POST = ("I swapped the switches on my board last week and two keys stopped registering. "
        "Has anyone seen this with hot-swap sockets before, and is there a fix?")
REPLY = ("Check that the pins are straight before you press the switch in; a bent pin is "
         "the usual cause, and the socket itself is rarely broken.")
FORUM_PAGE = (
    "<html><head><title>Keys not registering after swap - Keyboards forum</title>"
    '<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "DiscussionForumPosting", "headline": "Keys not registering after swap"}'
    "</script></head><body><h1>Keys not registering after swap</h1>"
    + "".join(
        f"<div class='post topic-post' id='post_{n}'><div class='post-author'>user{n} · "
        f"Joined 2021 · {n * 3} posts</div><div class='post-body'><p>{text}</p></div>"
        f"<div class='post-actions'><a href='#'>Reply</a> <a href='#'>Quote</a></div></div>"
        for n, text in enumerate([POST, REPLY, REPLY.replace("pins", "legs"), POST], 1))
    + "</body></html>")
PRODUCT_PAGE = (
    "<html><head><title>Trail pack 60 L</title><meta property='og:type' content='product'>"
    '<script type="application/ld+json">{"@type": "Product", "name": "Trail pack 60 L", '
    '"offers": {"@type": "Offer", "price": "189.00", "priceCurrency": "USD"}}</script>'
    "</head><body><h1>Trail pack 60 L</h1><div class='product-price'>$189.00</div>"
    "<form class='add-to-cart'><select name='size'><option>M</option></select>"
    "<button>Add to cart</button></form><p>In stock. Free shipping over $50.</p>"
    "<p>A light pack for long days on the trail, with a frame that carries heavy loads "
    "comfortably and a lid that comes off.</p></body></html>")
ARTICLE_TEXT = ("The city council voted on Tuesday to build protected cycling lanes on four of "
                "the busiest streets downtown, officials said. ")
ARTICLE_PAGE = (
    "<html><head><title>Cycling lanes approved | City Times</title>"
    "<meta property='og:type' content='article'>"
    '<script type="application/ld+json">{"@type": "NewsArticle", '
    '"headline": "Cycling lanes approved"}</script></head><body><article>'
    "<h1>Cycling lanes approved</h1><time datetime='2024-05-02'>May 2, 2024</time>"
    + f"<p>{ARTICLE_TEXT * 3}</p>" * 6 + "</article></body></html>")


def test_feature_names_are_the_model_inputs() -> None:
    assert set(page_features(ARTICLE_PAGE, None)) == set(HTML_FEATURES)
    assert set(text_features("One line.\nTwo lines.")) == set(TEXT_FEATURES)
    assert len(set(HTML_FEATURES)) == len(HTML_FEATURES)
    assert len(set(TEXT_FEATURES)) == len(TEXT_FEATURES)


def test_url_features_are_zero_without_a_url() -> None:
    assert set(url_features(None).values()) == {0.0}
    assert url_features("https://example.com/2024/05/02/cycling-lanes-approved-downtown")[
        "url_date"] == 1.0


@pytest.mark.parametrize(("page", "url", "expected"), [
    (FORUM_PAGE, "https://forum.example.org/t/keys-not-registering/4121", "forum"),
    (PRODUCT_PAGE, "https://shop.example.com/products/trail-pack-60", "product"),
    (ARTICLE_PAGE, "https://citytimes.example/news/2024/05/02/cycling-lanes-approved", "article"),
])
def test_clear_pages_get_their_type(page: str, url: str, expected: str) -> None:
    found = classify_html(page_features(page, url))
    assert found.label == expected
    assert 0.2 <= found.confidence <= 1.0


def test_the_shipped_model_matches_the_features() -> None:
    model = load_default_model()
    assert model.html.names == HTML_FEATURES and model.text.names == TEXT_FEATURES
    assert model.html.weights.shape == (len(PAGE_TYPES), len(HTML_FEATURES))


def test_a_model_for_other_features_is_refused() -> None:
    with pytest.raises(ModelFileError, match="fingerprint"):
        PageTypeModel.from_dict({"fingerprint": "0" * 16, "html": {}, "text": {}})
    with pytest.raises(ModelFileError, match="other features"):
        PageTypeModel.from_dict({"fingerprint": FINGERPRINT, "html": {"features": ["x"]},
                                 "text": {"features": ["x"]}})


def test_probabilities_sum_to_one_even_for_extreme_pages() -> None:
    model = load_default_model()
    for values in (text_features(""), text_features("word " * 100_000),
                   text_features("Two short lines.\nOnly.")):
        probabilities = model.text.probabilities(values)
        assert np.isfinite(probabilities).all()
        assert probabilities.sum() == pytest.approx(1.0)


def test_every_type_has_a_content_choice() -> None:
    assert set(CONTENT_CHOICES) == set(PAGE_TYPES)
    assert CONTENT_CHOICES["article"].trim and CONTENT_CHOICES["article"].recall


def test_forum_posts_are_the_content() -> None:
    extraction = extract_article(FORUM_PAGE, "https://forum.example.org/t/keys/4121")
    assert extraction.page_type is not None and extraction.page_type.label == "forum"
    assert "two keys stopped registering" in extraction.text
    assert "a bent pin is the usual cause" in extraction.text


def test_records_carry_the_page_type() -> None:
    html = clean_document(Document(ARTICLE_PAGE, url="https://citytimes.example/news/2024/05/"
                                                     "02/cycling-lanes-approved"))
    text = clean(ARTICLE_TEXT * 5)
    for record in (html, text):
        assert isinstance(record, Record)
        values = record.to_dict()
        assert values["page_type"] in PAGE_TYPES
        assert 0.0 <= values["page_type_confidence"] <= 1.0
    assert isinstance(html, Record) and html.page_type == "article"


def test_error_records_have_no_page_type() -> None:
    record = clean_document(Document(b"\x00" * 64))
    assert isinstance(record, ErrorRecord)
    values = record.to_dict()
    assert values["page_type"] is None and values["page_type_confidence"] is None


def test_jq_style_filter_keeps_articles() -> None:
    lines = [json.dumps(record.to_dict()) for record in (
        clean_document(Document(ARTICLE_PAGE, url="https://citytimes.example/news/2024/05/02/"
                                                  "cycling-lanes-approved")),
        clean_document(Document(PRODUCT_PAGE, url="https://shop.example.com/products/pack")))]
    kept = [row for row in map(json.loads, lines) if row["page_type"] == "article"]
    assert len(kept) == 1 and "cycling lanes" in kept[0]["text"]


def test_a_short_text_without_url_is_no_confident_forum() -> None:
    # A text unlike every training page gets no confident answer from one extreme feature.
    found = classify_text(f"Home > News\n{ARTICLE_TEXT}")
    assert found.label == "article" or found.confidence < 0.6
    assert classify_text((ARTICLE_TEXT * 4 + "\n") * 8).label == "article"


def test_page_type_is_a_value() -> None:
    assert PageType("forum", 0.9).is_article is False
    assert PageType("article", 0.9).is_article


@given(st.lists(st.sampled_from(["reply", "replies", "pre", "posted", "posts", " ", ", ",
                                 "add to cart", "buy now", "x", "é", "_", "quantity", "sku",
                                 "members", "ü", "\n", "originally posted", "1"]),
                max_size=30).map("".join))
def test_counting_words_is_findall(text: str) -> None:
    for pattern in (features.SHOP_BUTTON, features.POST_WORDS):
        assert features.count_words(pattern, text) == len(pattern.findall(text))
        assert features.has_words(pattern, text) == (pattern.search(text) is not None)


def test_html_features_count_past_a_second_top_level_element() -> None:
    """libxml2 leaves two top-level elements where a page goes on after its </html>; the
    features count what XPath finds under both (the article may be in the second)."""
    page = ("<html><head><title>T</title></head><body><p>One.</p></body></html>\n"
            "<html><head><meta property='og:type' content='article'></head><body><h1>Late</h1>"
            "<p>Two.</p><p>Three.</p></body></html>")
    import trafilatura

    tree = trafilatura.load_html(page)
    assert len(tree.xpath("/*")) == 2
    values = page_features(page)
    assert values["log_paragraphs"] == pytest.approx(np.log1p(tree.xpath("count(//p)")))
    assert values["has_h1"] == 1.0
    assert values["og_article"] == 1.0


@given(st.lists(st.sampled_from(["12", "$", "€ 5", "USD", "2019", "3:45", "a minute ago",
                                 "2 days AGO", "add to cart", "Reply", "posts", "ago", "x",
                                 "٣", "２０２４", " ", "\n", "- ", "quantity"]),
                max_size=25).map("".join))
def test_text_features_shares_are_per_line_searches(text: str) -> None:
    """The shares text_features computes with its shortcuts (a necessary condition searched
    first; words found by skipping ahead) are the plain per-line searches'."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    count = max(1, len(lines))
    values = text_features(text)
    for name, pattern, lower in (("price_lines", features.PRICE, False),
                                 ("date_lines", features._DATE_LINE, False),
                                 ("shop_lines", features.SHOP_BUTTON, True),
                                 ("post_lines", features.POST_WORDS, True)):
        expected = sum(1 for line in lines
                       if pattern.search(line.lower() if lower else line)) / count
        assert values[name] == expected, name
