"""Page-wide counts equal what the per-line regular expressions they replace would give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleannews.lines import patterns, rules
from cleannews.lines.counts import count_lines, count_page, count_tokens_in, lines_matching

# Letters of several scripts and cases, digits of several scripts, CJK, emoji, marks, spaces.
_ALPHABET = st.sampled_from(list(
    "aZé ß İΣσς д Ж 7٣ 関連 한국 ー ข่าว ລາວ ြ ា फिरोज தமிழ் שָׁ"
    "_-.,:!?()[]«»|/\t\u00a0\u2028👍🏽𝔘\u0301\x01\ufeff",
)) | st.characters()
LINES = st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=8)
_WORD = re.compile(r"\w+")


def _reference(line: str) -> dict[str, int]:
    tokens = _WORD.findall(line)
    firsts = re.findall(r"\b\w", line)
    return {
        "chars": len(line),
        "tokens": len(tokens),
        "words": rules.word_count(line),
        "unspaced": (len(patterns.CJK.findall(line))
                     + len(patterns.UNSPACED_LETTERS.findall(line))),
        "digits": len(re.findall(r"\d", line)),
        "letters": sum(map(len, tokens)),
        "spaces": line.count(" "),
        "upper_starts": sum(map(str.isupper, firsts)),
        "cased_starts": sum(1 for c in firsts if c.isupper() or c.islower()),
        "commas": sum(line.count(c) for c in ",、，"),
    }


@settings(max_examples=300)
@given(LINES)
def test_counts_equal_the_per_line_patterns(lines: list[str]) -> None:
    counts = count_lines(lines)
    for field in _reference(""):
        assert getattr(counts, field).tolist() == [_reference(x)[field] for x in lines], field


@settings(max_examples=200)
@given(LINES)
def test_token_counts_equal_the_per_line_counts(lines: list[str]) -> None:
    vocabulary = frozenset({"the", "ß", "i̇", "σς", "關連", "_", "7"})
    (found,) = count_tokens_in(count_page(lines), [vocabulary])
    assert found.tolist() == [sum(t in vocabulary for t in _WORD.findall(x.lower()))
                              for x in lines]


@settings(max_examples=200)
@given(LINES)
def test_lines_matching_equals_a_search_per_line(lines: list[str]) -> None:
    for pattern in (re.compile(r"\s[|/]\s"), re.compile(r"\.(?:com|de)\b|@\w"),
                    re.compile(r"[,、]")):
        assert lines_matching(pattern, count_page(lines)).tolist() == [
            pattern.search(x) is not None for x in lines]


def test_no_lines() -> None:
    assert count_lines([]).tokens.tolist() == []
    assert lines_matching(re.compile("a"), count_page([])).tolist() == []


_RULE_LINE = st.one_of(st.sampled_from([
    "By Jane Doe", "Photo: Reuters", "We use cookies to improve your browsing. Accept",
    "joetoronto says:", "The council voted on Tuesday to close the old school, officials said.",
    "* - 12. Related", "Comments (12)", "Date:2025-04-07 02:51:19", "5. März 2024",
    "2 days ago", "Share 4", "Page 12 of 300",
]), st.text(alphabet=_ALPHABET, max_size=40))


@settings(max_examples=300)
@given(st.lists(_RULE_LINE, max_size=6))
def test_rules_given_the_page_counts_agree_with_the_rules_alone(lines: list[str]) -> None:
    """The judge hands the rules word counts made for the whole page: same verdicts."""
    bares = [rules.bare(line) for line in lines]
    words = count_lines(bares).words.tolist()
    assert rules.body_lines(bares, words) == [rules.looks_like_body(x) for x in lines]
    for line, count in zip(lines, words, strict=True):
        assert rules.is_byline(line, count) == rules.is_byline(line)
        assert rules.is_photo_credit(line, count) == rules.is_photo_credit(line)
        assert rules.is_cookie_notice(line, count) == rules.is_cookie_notice(line)
        assert rules.is_comment_header(line, frozenset({"the"}), count) == (
            rules.is_comment_header(line, frozenset({"the"})))
        assert rules.is_date_line(line, count_lines([rules.bare(line)]).digits[0]) == (
            rules.is_date_line(line))
