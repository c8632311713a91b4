"""The line-judging stage: which lines of a page's text are article body.

:func:`clean_lines` takes text (a text dump, or what the HTML extractor kept) and returns a
:class:`CleanedText` with every line's verdict.
"""

from cleannews.lines.judge import CleanedText, DropReason, JudgedLine, LinkFarm, clean_lines

__all__ = ["CleanedText", "DropReason", "JudgedLine", "LinkFarm", "clean_lines"]
