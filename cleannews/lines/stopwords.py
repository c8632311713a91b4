"""The most frequent words of many languages, from jusText's stop-word lists.

jusText (installed with trafilatura) ships one list per language, most frequent word
first. The line classifier only needs to know whether a line reads like running prose, so
it takes the head of each list for the languages below and unions them; it never needs to
know the page's language. The lists are read from jusText's package folder without
importing jusText, which keeps text mode's start-up light.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["STOP_WORDS", "STOP_WORD_LANGUAGES", "WORDS_PER_LANGUAGE"]

# Languages of the pages cleannews is used on most; add one by its jusText file name.
STOP_WORD_LANGUAGES = (
    "English", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch", "Russian",
    "Polish", "Czech", "Swedish", "Danish", "Norwegian_Bokmal", "Finnish", "Turkish",
    "Indonesian", "Ukrainian", "Romanian", "Hungarian", "Greek", "Vietnamese", "Catalan",
    "Croatian", "Slovak", "Bulgarian", "Afrikaans", "Malay", "Tagalog", "Arabic", "Persian",
    "Hebrew", "Hindi", "Korean",
)
# The head of each list: enough to cover function words, few enough that content words of
# one language are not stop words of another.
WORDS_PER_LANGUAGE = 150


def _load() -> frozenset[str]:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    words: set[str] = set()
    for language in STOP_WORD_LANGUAGES:
        path = folder / f"{language}.txt"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            for count, line in enumerate(handle):
                if count >= WORDS_PER_LANGUAGE:
                    break
                if line.strip():
                    words.add(line.strip().lower())
    return frozenset(words)


STOP_WORDS: frozenset[str] = _load()
