"""The four readings of a list item's marks (cleannews.lines.patterns): where they differ."""

from __future__ import annotations

import pytest

from cleannews.lines import patterns

READINGS = {
    "LIST_ITEM": patterns.LIST_ITEM,
    "BULLET_FEATURE": patterns.BULLET_FEATURE,
    "LEADING_MARKS": patterns.LEADING_MARKS,
    "BLOCK_START": patterns.BLOCK_START,
}


@pytest.mark.parametrize("mark", patterns.BULLET_MARKS)
def test_every_reading_takes_every_bullet_mark(mark: str) -> None:
    for name, pattern in READINGS.items():
        assert pattern.match(f"{mark} item"), name


@pytest.mark.parametrize(("line", "expected"), [
    # A mark glued to a word or a figure: the classifier's bullet feature (as its models
    # were fitted) and a paragraph's break see a mark; a list item and a bare form do not.
    ("-5% on the year", {"BULLET_FEATURE", "BLOCK_START"}),
    ("1.5 million people", {"BULLET_FEATURE"}),
    # Markdown's heading and a dash: marks to strip, lines that start a block.
    ("## Related", {"LEADING_MARKS", "BLOCK_START"}),
    ("– item", {"LEADING_MARKS"}),
    # inscriptis's nested item: "o " with two spaces, or before a capital.
    ("o  item", {"BULLET_FEATURE", "LEADING_MARKS", "BLOCK_START"}),
    ("o Item", {"BULLET_FEATURE", "LEADING_MARKS"}),
    # A markdown dumper's escaped number starts a block only.
    ("1\\. Download", {"BLOCK_START"}),
    ("  * indented", {"LIST_ITEM", "BLOCK_START"}),
])
def test_where_the_readings_differ(line: str, expected: set[str]) -> None:
    assert {name for name, pattern in READINGS.items() if pattern.match(line)} == expected
