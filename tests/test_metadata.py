"""Metadata from text: dates, news-agency datelines, and what the cleaned lines tell."""

from __future__ import annotations

import pytest

from cleannews.data import Metadata
from cleannews.extract import Extraction
from cleannews.lines import CleanedText, clean_lines
from cleannews.lines.model import RULES_ONLY
from cleannews.metadata import build_metadata, find_dateline, parse_date

# --- parse_date ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-05", "2024-03-05"),
    ("2024/03/05", "2024-03-05"),
    ("2024-03-05 10:15", "2024-03-05T10:15:00"),
    ("Date:2025-04-07 02:51:19", "2025-04-07T02:51:19"),
    ("March 3, 2024", "2024-03-03"),
    ("March 3rd, 2024", "2024-03-03"),
    ("Published on March 3, 2024 at 10:15 PM", "2024-03-03T22:15:00"),
    ("March 3, 2024 at 12:05 AM", "2024-03-03T00:05:00"),
    ("3 March 2024", "2024-03-03"),
    ("Sat, 05 Mar 2024 10:15:00 +0100", "2024-03-05T10:15:00"),
    ("5. März 2024", "2024-03-05"),
    ("Veröffentlicht am 12. Oktober 2023", "2023-10-12"),
    ("5 avril 2024", "2024-04-05"),
    ("2024年2月13日", "2024-02-13"),
    ("2023年12月16日 10:05", "2023-12-16T10:05:00"),
    ("2024.02.13 10:05", "2024-02-13T10:05:00"),
    ("05.03.2024", "2024-03-05"),  # "." dates are day first
    ("5.3.24", "2024-03-05"),  # a two-digit year is this century
    ("03/15/2024", "2024-03-15"),  # "/" dates are month first ...
    ("3/4/2024", "2024-03-04"),
    ("15/03/2024", "2024-03-15"),  # ... unless the first number cannot be a month
    ("3 de marzo de 2024", "2024-03-03"),
    ("Publicado em 3 de março de 2024", "2024-03-03"),
    ("12 марта 2024", "2024-03-12"),
])
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text) == expected


def test_parse_date_french_with_time() -> None:
    assert (parse_date("5 avril 2024 à 08h15") or "").startswith("2024-04-05")


def test_parse_date_french_time_is_kept() -> None:
    assert parse_date("5 avril 2024 à 08h15") == "2024-04-05T08:15:00"


def test_parse_date_iso_with_t_separator() -> None:
    assert parse_date("2024-03-05T10:15:00") == "2024-03-05T10:15:00"


@pytest.mark.parametrize("text", [
    "no date here",
    "",
    "2024-13-01",  # no month 13
    "2024-02-40",
    "1850-01-01",  # out of range
    "Foo 3, 2024",  # not a month name
    "12 martius 2024",  # a month name the lists do not have
    "Chapter 12 2024",
])
def test_parse_date_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["31.02.2024", "2023-02-29", "2024-04-31"])
def test_parse_date_impossible_day(text: str) -> None:
    assert parse_date(text) is None


# --- find_dateline ---------------------------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("TOKYO (AP) — Leaders from Japan met on Sunday.", "TOKYO (AP)"),
    ("WASHINGTON — The Senate voted.", "WASHINGTON"),
    ("LONDON (Reuters) - Shares fell on Monday.", "LONDON (Reuters)"),
    ("ST. LOUIS, Mo. (AP) — A storm hit the city.", "ST. LOUIS, Mo. (AP)"),
    ("NEW YORK -- Stocks rose.", "NEW YORK"),
    ("BERLIN, Germany — The chancellor spoke.", "BERLIN, Germany"),
    ("PARIS (AFP) – La police a arrêté deux hommes.", "PARIS (AFP)"),
])
def test_find_dateline(line: str, expected: str) -> None:
    assert find_dateline(line) == expected


@pytest.mark.parametrize("line", [
    "NASA said on Monday that the launch was delayed.",
    "The Senate voted on Tuesday.",
    "UN — talks resumed in Geneva on Monday.",  # a short acronym, not a place
    "US - China trade talks resumed on Monday.",
    "COVID-19 cases rose sharply - officials said.",
    "Tokyo (AP) — lower case is not a dateline.",
    "WASHINGTON",
    "",
])
def test_find_dateline_none(line: str) -> None:
    assert find_dateline(line) is None


def test_find_dateline_four_letter_acronym() -> None:
    assert find_dateline("NASA — The agency said on Monday that the launch was delayed.") is None


# --- build_metadata --------------------------------------------------------------------

BODY = ("The city council voted on Tuesday to build protected cycling lanes on four of the "
        "busiest streets downtown, officials said.")
PAGE = "\n".join([
    "Cycling lanes approved - City Herald",
    "Home > News",
    "Cycling lanes approved",
    "By Jane Doe and John Roe",
    "Published on March 3, 2024 at 10:15 AM",
    f"WASHINGTON (AP) — {BODY}",
    BODY.replace("Tuesday", "Monday"),
])


@pytest.fixture(scope="module")
def cleaned_page() -> CleanedText:
    return clean_lines(PAGE, RULES_ONLY)


def test_metadata_from_cleaned_text(cleaned_page: CleanedText) -> None:
    metadata = build_metadata(cleaned_page)
    assert metadata.title == "Cycling lanes approved"
    assert metadata.site_name == "City Herald"
    assert metadata.author == "Jane Doe and John Roe"
    assert metadata.date == "2024-03-03T10:15:00"
    assert metadata.dateline == "WASHINGTON (AP)"
    assert metadata.language == "en"
    assert metadata.url is None


def test_caller_url_wins(cleaned_page: CleanedText) -> None:
    page_url = Extraction(text="", metadata=Metadata(url="https://example.com/canonical"))
    assert build_metadata(cleaned_page, page_url).url == "https://example.com/canonical"
    assert build_metadata(cleaned_page, page_url, url="https://example.com/given").url == (
        "https://example.com/given")


def test_extraction_wins_over_text(cleaned_page: CleanedText) -> None:
    extraction = Extraction(text="", metadata=Metadata(
        title="Markup title", author="Markup Author", date="2020-01-01",
        site_name="Markup Site", language="fr"))
    metadata = build_metadata(cleaned_page, extraction)
    assert (metadata.title, metadata.author, metadata.date, metadata.site_name,
            metadata.language) == ("Markup title", "Markup Author", "2020-01-01", "Markup Site",
                                   "fr")
    assert metadata.dateline == "WASHINGTON (AP)"  # only the text has one


@pytest.mark.parametrize(("byline", "author"), [
    ("Von Hans Müller", "Hans Müller"),
    ("Par Jean Dupont", "Jean Dupont"),
    ("Por María García", "María García"),
    ("Автор: Иван Петров", "Иван Петров"),
    ("作者：张三", "张三"),
])
def test_author_in_other_languages(byline: str, author: str) -> None:
    cleaned = clean_lines(f"{byline}\n{BODY}", RULES_ONLY)
    assert build_metadata(cleaned).author == author


def test_single_title_line_with_site_suffix() -> None:
    cleaned = CleanedText(lines=(), title_lines=("Cycling lanes approved | City Herald",))
    metadata = build_metadata(cleaned)
    assert (metadata.title, metadata.site_name) == ("Cycling lanes approved", "City Herald")


def test_language_of_a_german_page() -> None:
    text = ("Der Stadtrat hat am Dienstag beschlossen, auf vier der verkehrsreichsten Straßen "
            "der Innenstadt geschützte Radwege zu bauen.")
    assert build_metadata(clean_lines(text, RULES_ONLY)).language == "de"


def test_too_little_text_gives_no_metadata() -> None:
    metadata = build_metadata(clean_lines("Short.", RULES_ONLY))
    assert (metadata.title, metadata.author, metadata.date, metadata.site_name,
            metadata.language, metadata.dateline) == (None,) * 6


# --- headlines of pages that do not repeat them -------------------------------------------
# The learned picker (cleannews.lines.headline) weighs each line's classifier score, so these
# pages are judged by the shipped classifier, as text input always is.
_ARTICLE = ("The council voted on Tuesday to build twelve kilometres of protected bike lanes "
            "across the city centre by the end of 2026.")


def test_markdown_headline_wins() -> None:
    page = "\n".join(["* Home", "# Council approves new bike lanes", "March 3, 2024", _ARTICLE])
    assert build_metadata(clean_lines(page)).title == "Council approves new bike lanes"


def test_a_markdown_h1_that_names_nothing_of_the_article_is_a_menu() -> None:
    page = "\n".join(["# Back to Menu", "Council approves new bike lanes", "March 3, 2024",
                      _ARTICLE])
    assert build_metadata(clean_lines(page)).title == "Council approves new bike lanes"


def test_headline_skips_dates_and_bylines() -> None:
    page = "\n".join(["Menu", "Council approves new bike lanes", "By Jane Doe",
                      "March 3, 2024", _ARTICLE])
    assert build_metadata(clean_lines(page)).title == "Council approves new bike lanes"


def test_headline_passes_over_buttons_labels_and_header_slogans() -> None:
    page = "\n".join(["Open Menu Close Menu", "Council approves new bike lanes downtown",
                      "Share this story", "Book a demo", _ARTICLE])
    assert build_metadata(clean_lines(page)).title == "Council approves new bike lanes downtown"


def test_repeated_title_wins_without_its_site_name() -> None:
    page = "\n".join(["Council approves new bike lanes - City Post", "Home > News",
                      "Council approves new bike lanes", "By Jane Doe", _ARTICLE])
    metadata = build_metadata(clean_lines(page))
    assert (metadata.title, metadata.site_name) == ("Council approves new bike lanes",
                                                    "City Post")


def test_menu_items_repeated_far_from_the_article_are_not_taken_as_repeated_titles() -> None:
    # The judge's repeated-title rule leaves menu entries repeated in header and footer
    # alone; the picker may still weigh such a line, as it does any line above the article.
    menu = "Subscription Changes and Holiday Schedules"
    footer = [f"Footer link {n}" for n in range(8)]
    page = "\n".join([menu, "Council approves new bike lanes", _ARTICLE, *footer, menu])
    assert clean_lines(page, RULES_ONLY).title_lines == ()


def test_a_dated_byline_gives_author_and_date() -> None:
    page = "\n".join(["Council approves new bike lanes", "By Jane Doe | March 3, 2024 10:15",
                      _ARTICLE])
    metadata = build_metadata(clean_lines(page))
    assert (metadata.author, metadata.date) == ("Jane Doe", "2024-03-03T10:15:00")


@pytest.mark.parametrize("byline", ["By admin", "Von Startseite", "By Home"])
def test_a_byline_naming_a_menu_item_or_a_placeholder_gives_no_author(byline: str) -> None:
    cleaned = clean_lines(f"{byline}\n{BODY}", RULES_ONLY)
    assert build_metadata(cleaned).author is None
