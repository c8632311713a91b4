"""--output-format: HTML rendered as markdown from the same trimmed tree as plain text."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cleannews import CleannewsError, Options, clean
from cleannews.cli import main
from cleannews.extract import extract_article
from cleannews.records import Record

LEDE = ("The council approved the new harbour plan on Tuesday evening after a debate that "
        "lasted more than four hours, the mayor's office said.")
MIDDLE = ("Residents of the old town will see the first changes this summer, when the ferry "
          "timetable is rewritten and the quay is closed to cars.")
CLOSE = ("Opponents said they would appeal the decision, arguing that the plan had been "
         "rushed through without a proper study of its cost.")
ITEMS = [
    "Ferries will run every twenty minutes from the old pier.",
    "The fish market moves to the north quay next spring.",
    "Parking near the beach becomes free after six in the evening.",
]
PAGE = (
    "<html lang='en'><head><title>Harbour plan approved | Coast News</title></head><body>"
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
    "<li><a href='/sport'>Sport</a></li></ul></nav>"
    f"<article><h1>Harbour plan approved</h1><p>{LEDE}</p>"
    f"<h2>What changes for residents</h2><p>{MIDDLE}</p>"
    "<ul>" + "".join(f"<li>{item}</li>" for item in ITEMS) + "</ul>"
    f"<p>{CLOSE}</p><p>Sign up for our newsletter</p></article>"
    "<footer>Copyright 2024 Coast News. All rights reserved.</footer></body></html>"
)
MARKDOWN = Options(output_format="markdown")


def _record(content: str | bytes, options: Options | None = None) -> Record:
    record = clean(content, options=options)
    assert isinstance(record, Record)
    return record


def test_markdown_keeps_headings_and_list_items() -> None:
    record = _record(PAGE, MARKDOWN)
    assert record.text == "\n\n".join([
        LEDE,
        "## What changes for residents",
        MIDDLE,
        "\n".join(f"- {item}" for item in ITEMS),
        CLOSE,
    ])
    assert record.metadata.title == "Harbour plan approved"
    for boilerplate in ["Home", "Sport", "newsletter", "Copyright"]:
        assert boilerplate not in record.text


def test_text_output_is_unchanged() -> None:
    record = _record(PAGE)
    assert record.text == "\n".join(
        [LEDE, "What changes for residents", MIDDLE, *(f"- {item}" for item in ITEMS), CLOSE])
    assert _record(PAGE, Options(output_format="text")) == record


def test_markdown_trims_the_same_blocks_as_text() -> None:
    text = extract_article(PAGE)
    markdown = extract_article(PAGE, markdown=True)
    assert markdown.removed == text.removed
    assert [block.reason for block in markdown.removed] == ["headline", "call_to_action"]
    assert _record(PAGE, MARKDOWN).removed == _record(PAGE).removed


def test_markdown_changes_nothing_for_text_input() -> None:
    dump = f"Home > News\n## Harbour plan approved\n\n{LEDE}\n\n- {ITEMS[0]}\n".encode()
    assert _record(dump, MARKDOWN).text == _record(dump).text


def test_unknown_output_format_is_refused() -> None:
    with pytest.raises(CleannewsError, match="output_format"):
        Options(output_format="html")  # type: ignore[arg-type]


def test_cli_output_format_markdown(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--output-format", "markdown"], input=PAGE.encode())
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["text"] == _record(PAGE, MARKDOWN).text


def test_cli_output_format_default_is_text(runner: CliRunner) -> None:
    result = runner.invoke(main, [], input=PAGE.encode())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == _record(PAGE).text


def test_cli_refuses_an_unknown_output_format(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--output-format", "html"], input=PAGE.encode())
    assert result.exit_code == 2


def test_cli_help_mentions_output_format(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert "--output-format [text|markdown]" in result.output
    assert "markdown" in result.output
