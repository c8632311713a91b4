"""Importing this module loads everything cleaning needs: the parser, the models, the
language identifier. Worker processes are forked from a process that imported it
(:mod:`cleannews.parallel`), so each starts warm instead of paying the loading with its
first page, which could also run that page past its time limit."""

from __future__ import annotations

from cleannews.detect import Kind
from cleannews.options import HtmlOptions, Options
from cleannews.pipeline import Document, clean_document

_PAGE = ("<html><head><title>Storm hits coast - Planet</title></head><body><nav>Home</nav>"
         "<article><h1>Storm hits coast</h1><p>Rain fell all night in the town, and the "
         "river rose above its banks by morning, the mayor said.</p></article></body></html>")

for _kind in Kind:
    clean_document(Document(_PAGE, kind=_kind), Options(html=HtmlOptions(classify_lines=True)))
