"""Splitting a dump into the lines that get judged: unwrapping and link markup."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleannews.lines.split import (
    split_lines,
    split_sentences,
    strip_emphasis,
    strip_link_markup,
    unescape,
)

PARAGRAPH = (
    "The council voted on Tuesday to build twelve kilometres of protected bike lanes "
    "across the city centre by the end of 2026, after two years of consultations with "
    "residents, shop owners and cycling groups who had asked for safer streets."
)


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return lines


@pytest.mark.parametrize("width", [72, 78, 80])
def test_wrapped_dump_is_unwrapped(width: int) -> None:
    page = "\n".join(["* Home", "* News", "", *_wrap(PARAGRAPH, width), "",
                      *_wrap(PARAGRAPH.replace("Tuesday", "Monday"), width), "", "* Contact"])
    texts = [line.text for line in split_lines(page)]
    assert PARAGRAPH in texts
    assert PARAGRAPH.replace("Tuesday", "Monday") in texts
    assert texts[0] == "* Home" and texts[-1] == "* Contact"


JAPANESE = (
    "東京都議会は火曜日、市の中心部に全長十二キロの自転車専用レーンを二〇二六年末までに整備する"
    "計画を承認した。住民や商店主、自転車団体との二年間にわたる協議を経て、より安全な道路を求める"
    "声に応えたもので、工事は来年の春に始まる予定だという。"
)


def _wrap_characters(text: str, width: int, columns: bool) -> list[str]:
    """Break text with no spaces at ``width``, counted in characters or terminal columns
    (where a Japanese character takes two), as html2text and w3m do."""
    lines, current, used = [], "", 0
    for char in text:
        size = 2 if columns and not char.isascii() else 1
        if used + size > width:
            lines.append(current)
            current, used = "", 0
        current, used = current + char, used + size
    lines.append(current)
    return lines


@pytest.mark.parametrize(("width", "columns"), [(80, True), (78, False)])
def test_wrapped_japanese_is_unwrapped_without_spaces(width: int, columns: bool) -> None:
    paragraphs = [JAPANESE, JAPANESE.replace("火曜日", "月曜日"), JAPANESE.replace("春", "秋")]
    page = "\n\n".join("\n".join(_wrap_characters(p, width, columns)) for p in paragraphs)
    assert [line.text for line in split_lines(page)] == paragraphs


def test_a_terminal_dump_is_unwrapped_in_columns() -> None:
    """lynx and w3m wrap at 80 columns, where a Japanese character takes two: a page's
    Japanese lines are half as long as its English ones, and the dump is still wrapped."""
    english = [PARAGRAPH, PARAGRAPH.replace("Tuesday", "Monday")]
    japanese = [JAPANESE, JAPANESE.replace("火曜日", "月曜日"), JAPANESE.replace("春", "秋")]
    blocks = [_wrap_characters(p, 80, columns=True) for p in japanese]
    blocks += [_wrap(p, 80) for p in english]
    page = "\n\n".join("\n".join(block) for block in blocks)
    assert [line.text for line in split_lines(page)] == japanese + english


def test_wrapped_korean_keeps_its_spaces() -> None:
    korean = ("서울시 의회는 화요일 도심에 십이 킬로미터의 자전거 전용 도로를 만드는 계획을 "
              "승인했다. 주민과 상인, 자전거 단체와 이 년 동안 협의한 끝에 더 안전한 길을 "
              "바라는 목소리에 답한 것이다. 공사는 내년 봄에 시작될 예정이다.")
    page = "\n\n".join("\n".join(_wrap(korean, 60)) for _ in range(5))
    assert [line.text for line in split_lines(page)] == [korean] * 5


def test_unwrapped_dump_is_left_alone() -> None:
    page = "\n".join(["Short line", PARAGRAPH, "Another short line", PARAGRAPH])
    assert [line.text for line in split_lines(page)] == page.split("\n")


def test_list_items_are_not_joined_to_a_wrapped_paragraph() -> None:
    page = "\n".join([*_wrap(PARAGRAPH, 78), "* first item of a list", "* second item"])
    texts = [line.text for line in split_lines(page)]
    assert texts[-2:] == ["* first item of a list", "* second item"]


def test_a_line_break_of_the_page_is_kept_where_the_next_word_would_have_fit() -> None:
    """A comment's header ends well before the width, and the reply's first word would
    have fit after it: the page broke the line there, not the dumper."""
    header = "     * Milan Griffes on September 12, 2018 at 4:47 pm said:"
    reply = "       Any update on how the follow-up paper will affect the recommendation?"
    page = "\n".join([*_wrap(PARAGRAPH, 78), "", *_wrap(PARAGRAPH, 78), "", header, reply,
                      "", *_wrap(PARAGRAPH, 78)])
    texts = [line.text for line in split_lines(page)]
    assert texts == [PARAGRAPH, PARAGRAPH, header.strip(), reply.strip(), PARAGRAPH]


def test_a_sentence_broken_at_a_link_is_joined_in_a_wrapped_dump_too() -> None:
    """An HTML page whose source is hard-wrapped looks like a wrapped dump; a line that
    stops mid-sentence ("Photos", a link's text) still goes on in lower case below it."""
    rest = ("which were released online and are making the rounds on social media, show "
            "the actress looking absolutely stunning.")
    page = "\n".join([*_wrap(PARAGRAPH, 72), "", *_wrap(PARAGRAPH, 72), "", "Photos",
                      *_wrap(rest, 72)])
    assert [line.text for line in split_lines(page)][-1] == "Photos " + rest


def test_the_width_is_read_past_urls_and_unwrapped_list_items() -> None:
    """html2text breaks a long url only at its hyphens and leaves list items unwrapped:
    neither is a line the width can be read from, however many of them a page has."""
    url = "(https://example.com/" + "-".join(["a-long-path-of-many-words"] * 4) + ")"
    items = [f"  * Item {n}: " + PARAGRAPH[:90] for n in range(6)]
    fragments = [url[i:i + 84] for i in range(0, len(url), 84)] * 3
    # Its lines start in capitals: only knowing the dump is wrapped joins them.
    names = ", ".join(f"Councillor {name} Berg" for name in
                      ("Anna", "Carl", "Dora", "Emil", "Frida", "Gustav", "Hanna", "Ivar",
                       "Johan", "Karin", "Lars", "Maja")) + "."
    paragraphs = [PARAGRAPH, names]
    page = "\n\n".join(["\n".join(items), "\n".join(fragments),
                        *("\n".join(_wrap(p, 78)) for p in paragraphs)])
    texts = [line.text for line in split_lines(page)]
    assert texts[-2:] == paragraphs


def test_line_numbers_point_at_the_first_line_of_a_paragraph() -> None:
    page = "\n".join(["Menu", "", *_wrap(PARAGRAPH, 78), "", *_wrap(PARAGRAPH, 78)])
    numbers = [line.number for line in split_lines(page)]
    assert numbers == [1, 3, 3 + len(_wrap(PARAGRAPH, 78)) + 1]


@pytest.mark.parametrize(("text", "plain"), [
    ("[Tech](https://example.com/tech/)", "Tech"),
    ("Read [the report](https://example.com/r.pdf \"PDF\") now.", "Read the report now."),
    ("![logo](https://example.com/logo.png) Home", "Home"),
    ("See [the story][3] for more", "See the story for more"),
    ("No links here.", "No links here."),
    ("A [bracketed] aside (and parentheses).", "A [bracketed] aside (and parentheses)."),
    # The rest of a link whose text began on an earlier line, or one opening at the end.
    ("Headline of the story ](https://example.com/story-1/)", "Headline of the story"),
    ("](https://example.com/a \"title\") [", ""),
    ("[![Cleveland", "Cleveland"),
    ("See [note] and [other].", "See [note] and [other]."),
    ("[ not a link", "[ not a link"),
    # An image without alternative text is its file name in brackets (lynx, w3m).
    ("[crowd-2019.JPG?width=640&fit=bounds] The crowd gathered.", "The crowd gathered."),
    ("* [12][logo.svg] Home", "* Home"),
    ("[Group-520.svg]", ""),
    ("[vw-id-space-concept-6-1]", ""),
    # ... but a footnote's mark and a note in brackets are text,
    ("[4]", "[4]"),
    ("[Editor's note: this story was updated.]", "[Editor's note: this story was updated.]"),
    # ... a markdown link whose text is a file name is a link, and prose stays.
    ("[chart.png](https://example.com/chart.png)", "chart.png"),
    ("Save it as [report.pdf] first.", "Save it as [report.pdf] first."),
])
def test_strip_link_markup(text: str, plain: str) -> None:
    assert strip_link_markup(text)[0] == plain


def test_link_share() -> None:
    assert strip_link_markup("[Tech](https://example.com/tech/)")[1] == 1.0
    assert strip_link_markup("No links here.")[1] == 0.0


def test_a_link_around_a_block_leaves_no_markup() -> None:
    """markdownify writes a link around a card's heading as "[" on a line of its own, a
    blank line, then the heading and "](url)": the heading is all link text."""
    page = "[\n\n#### Council approves new bike lanes](https://example.com/lanes \"Lanes\")"
    assert [(line.text, line.link_share) for line in split_lines(page)] == [
        ("#### Council approves new bike lanes", 1.0)]


def test_an_image_line_stands_between_blocks() -> None:
    """An image (here w3m's bracketed file name) between two lines is a break, like a blank
    line: the line after it does not go on from the one before."""
    page = "The last ferry left at noon\n[harbour-2019]\nthe island waited for the next one."
    assert [line.text for line in split_lines(page)] == [
        "The last ferry left at noon", "the island waited for the next one."]


def test_a_list_of_link_targets_is_left_out() -> None:
    """lynx ends its dump with every link's target, numbered; a numbered step is text."""
    page = "\n".join(["The museum reopened on Monday.", "", "References", "",
                      "   1. https://example.com/news/", "  12. file:///local/",
                      "1234. mailto:a@b.c", "   2. Data: the museum's visitor numbers",
                      "3. Book a ticket online."])
    assert [line.text for line in split_lines(page)] == [
        "The museum reopened on Monday.", "References",
        "2. Data: the museum's visitor numbers", "3. Book a ticket online."]


def test_reference_definitions_and_image_lines_are_left_out() -> None:
    page = "Body text [1] here.\n![photo](a.jpg)\n[1]: https://example.com/"
    assert [line.text for line in split_lines(page)] == ["Body text [1] here."]


def test_links_broken_across_wrapped_lines_are_put_back_together() -> None:
    """A dumper that wraps lines breaks long links, at a space in their text or inside the
    url (html2text breaks urls at hyphens); the link is stripped as if on one line."""
    page = "\n".join([
        "* [Home](https://example.com/)",
        "",
        *_wrap(PARAGRAPH, 78),
        "",
        *_wrap(PARAGRAPH, 78),
        "",
        "Read [the full report of the",
        "council](https://example.com/news/2026/council-votes-for-bike-",
        "lanes-downtown/ \"Council votes\") for more.",
        "",
        "[![A cyclist on a new lane](https://example.com/img/cyclist-",
        "lane.jpg)](https://example.com/gallery/)",
    ])
    texts = [line.text for line in split_lines(page)]
    assert texts == ["* Home", PARAGRAPH, PARAGRAPH,
                     "Read the full report of the council for more."]
    numbers = [line.number for line in split_lines(page)]
    assert numbers[-1] == 3 + 2 * (len(_wrap(PARAGRAPH, 78)) + 1)


def test_a_paragraph_split_at_its_links_is_put_back_together() -> None:
    """A dump with every text node on its own line (get_text("\\n")) is one line a sentence."""
    page = "\n".join([
        "Home", "News", "", "The", "city council", "voted on Tuesday to build",
        "protected bike lanes", ", officials said.", "Work starts in spring.", "",
        "* first item", "* second item", "Menu", "o about us",
    ])
    texts = [line.text for line in split_lines(page)]
    assert texts == [
        "Home", "News",
        "The city council voted on Tuesday to build protected bike lanes, officials said.",
        "Work starts in spring.", "* first item", "* second item", "Menu", "o about us",
    ]


def test_a_blank_line_keeps_lower_case_lines_apart() -> None:
    assert [line.text for line in split_lines("Latest news\n\nby Jane Doe")] == [
        "Latest news", "by Jane Doe"]


def test_a_line_stopping_mid_sentence_goes_on_whatever_the_next_line_starts_with() -> None:
    page = "\n".join(["Menu", "Contact us", "Things to look out for", "The council and the",
                      "Mayor of the city met on Tuesday, officials said.", "Follow us on",
                      "Facebook,", "X and", "Instagram."])
    assert [line.text for line in split_lines(page)] == [
        "Menu", "Contact us", "Things to look out for",
        "The council and the Mayor of the city met on Tuesday, officials said.",
        "Follow us on", "Facebook, X and Instagram."]


# --- markdown emphasis ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "plain"), [
    ("The **fourth** _Star Trek_ film", "The fourth Star Trek film"),
    ("***Breaking*** news: **_all_** of it", "Breaking news: all of it"),
    ("**Note:** prices rise", "Note: prices rise"),
    ("say *hi*!", "say hi!"),
    # Not emphasis: bullets, arithmetic, footnote stars, names with underscores.
    ("* a list item", "* a list item"),
    ("5 * 3 * 2 = 30", "5 * 3 * 2 = 30"),
    ("Terms* apply, see *", "Terms* apply, see *"),
    ("call snake_case_name or __init__", "call snake_case_name or __init__"),
    ("***", "***"),
])
def test_strip_emphasis(text: str, plain: str) -> None:
    assert strip_emphasis(text) == plain


def test_strip_emphasis_spans_a_paragraph_and_leaves_unclosed_marks() -> None:
    paragraph = "word " * 400  # 2,000 characters set in italics
    assert strip_emphasis(f"_{paragraph.strip()}_") == paragraph.strip()
    unclosed = "*a " * 5000
    assert strip_emphasis(unclosed) == unclosed


@given(st.text(alphabet=st.sampled_from("ab _*\n.,")))
def test_strip_emphasis_only_ever_removes_marks(text: str) -> None:
    """Only marks go (a strong mark glued between two letters becomes the space it hid)."""
    stripped = strip_emphasis(text)

    def letters(some: str) -> str:
        return some.replace("*", "").replace("_", "").replace(" ", "")

    assert letters(stripped) == letters(text)
    assert strip_emphasis(stripped) == stripped


def test_split_lines_strips_emphasis_of_a_markdown_dump() -> None:
    lines = split_lines("## **Key** points\n* The _new_ lanes open in **May**.")
    assert [line.text for line in lines] == ["## Key points", "* The new lanes open in May."]


# --- escapes and character references -------------------------------------------------------

@pytest.mark.parametrize(("text", "plain"), [
    (r"1\. Download the app", "1. Download the app"),
    (r"\- Any \+ all \* stars", "- Any + all * stars"),
    ("China&#39;s exports &amp; imports &quot;rose&quot; &#x2014; again",
     "China's exports & imports \"rose\" \u2014 again"),
    # Not escapes: a Windows path, an ampersand in prose, a backslash before a space.
    (r"C:\Users\jane", r"C:\Users\jane"),
    ("Tom & Jerry & co", "Tom & Jerry & co"),
    (r"a \ b", r"a \ b"),
])
def test_unescape(text: str, plain: str) -> None:
    assert unescape(text) == plain


def test_escaped_list_numbers_start_their_own_lines_in_a_wrapped_dump() -> None:
    paragraph = textwrap.wrap(" ".join(
        ["the council met on tuesday and agreed on the points of the new cycling plan"] * 8),
        width=78)
    dump = "\n".join([*paragraph, r"1\. Build the lanes first", r"2\. Plant the trees next"])
    texts = [line.text for line in split_lines(dump)]
    assert texts[-2:] == ["1. Build the lanes first", "2. Plant the trees next"]
    assert len(texts) == 3  # the wrapped paragraph was joined back


def test_a_page_flattened_to_one_line_is_judged_by_its_sentences() -> None:
    """A scraper that collapsed the page's whitespace left no lines: its sentences are cut
    apart (after a full stop and a closing quote, before a capital; after a CJK full stop),
    each numbered as the line it came from."""
    menu = "Home News Sport Weather Contact Subscribe"
    quote, cjk = 'She said "it was time." Then she left.', "東京は晴れ。大阪は雨。"
    flat = " ".join([menu, PARAGRAPH, quote, cjk, PARAGRAPH.replace("Tuesday", "Friday")] * 4)
    lines = split_lines(flat)
    assert {line.number for line in lines} == {1}
    texts = [line.text for line in lines]
    assert texts[:6] == [f"{menu} {PARAGRAPH}", 'She said "it was time."', "Then she left.",
                         "東京は晴れ。", "大阪は雨。", PARAGRAPH.replace("Tuesday", "Friday")]


def test_a_page_of_long_paragraphs_keeps_its_lines() -> None:
    # Long lines, but many of them: paragraphs, not a flattened page.
    page = "\n".join([PARAGRAPH + " " + PARAGRAPH] * 3 + ["Share 4"])
    assert [line.text for line in split_lines(page)] == [PARAGRAPH + " " + PARAGRAPH] * 3 + [
        "Share 4"]


def test_unflatten_off_keeps_a_long_line_whole() -> None:
    """Text an extractor chose: its long lines are paragraphs, never cut into sentences."""
    flat = " ".join([PARAGRAPH] * 8)
    assert len(split_lines(flat)) == 8
    assert [line.text for line in split_lines(flat, unflatten=False)] == [flat]


@given(st.text(alphabet=st.sampled_from(list("ab. !?。\"()3Ae")), max_size=80))
def test_split_sentences_loses_and_reorders_nothing(line: str) -> None:
    pieces = split_sentences(line)
    assert "".join("".join(pieces).split()) == "".join(line.split())
    assert all(piece == piece.strip() and piece for piece in pieces)


def test_inlined_files_are_no_text() -> None:
    """A data: URI (an image inlined in the page) is kilobytes of base64 no reader sees."""
    data = "A" * 6000
    text = "\n".join(["The council voted on Tuesday.", f"![](data:image/png;base64,{data})",
                      f"[![logo](data:image/gif;base64,{data})](https://example.com/)",
                      f"See ![map](data:image/png;base64,{data}) below.", "data:,Hello"])
    assert [line.text for line in split_lines(text)] == [
        "The council voted on Tuesday.", "See below."]
