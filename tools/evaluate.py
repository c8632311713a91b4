"""Quality report: run cleannews over a benchmark folder and score it against gold text.

    python tools/evaluate.py BENCH_DIR [BENCH_DIR ...] [--inputs html,text-inscriptis]
        [--baseline trafilatura] [--metadata GOLD.jsonl] [--per-doc N] [--save-dir DIR]
        [--jobs N]

A benchmark folder holds ``gold.jsonl`` (``id``, ``text``) and one sub-folder per input
kind (``html/``, ``text-*/``) of ``<id>.<ext>[.gz]`` files. The metric is the ScrapingHub
article-extraction benchmark's: token 4-gram shingles, per-document precision and recall
averaged over documents (an empty output counts against recall only), F1 of the means.
Where the gold has titles, the share of cleannews titles that match them is reported too
(exactly, and ignoring case, curly quotes and dashes).

``--metadata GOLD.jsonl`` (``id``, ``authors`` list, ``date``, ``title``; see
benchmarks/metadata/) adds a second table for HTML inputs, cleannews and each baseline
side by side: on the pages whose gold has the field, the share with the right title
(:func:`same_title`; the bench gold's title where it has one), the right authors
(:func:`same_authors`) and the right day (:func:`same_day`). A baseline's metadata is
its own metadata extraction (``trafilatura.extract_metadata``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from cleannews.batch import read_input
from cleannews.shingles import shingles, word_tokens

__all__ = [
    "DocumentScore",
    "FolderResult",
    "MetadataScore",
    "Prediction",
    "Summary",
    "author_names",
    "read_metadata_gold",
    "run_folder",
    "same_authors",
    "same_day",
    "same_title",
    "score_document",
    "score_folder",
    "score_metadata",
    "summarize",
]


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """Shingle precision and recall of one document (None where undefined)."""

    id: str
    precision: float | None
    recall: float | None
    f1: float


@dataclass(frozen=True, slots=True)
class Summary:
    """Averages over a set of documents."""

    documents: int
    precision: float
    recall: float
    f1: float
    empty: int


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    return Counter(shingles(word_tokens(text)))


def score_document(doc_id: str, gold: str, predicted: str) -> DocumentScore:
    """Score one prediction against its gold text.

    >>> score_document("a", "one two three four five", "one two three four five").f1
    1.0
    >>> score_document("b", "one two three four five", "").recall
    0.0
    """
    gold_shingles, predicted_shingles = _shingles(gold), _shingles(predicted)
    common = sum((gold_shingles & predicted_shingles).values())
    predicted_total, gold_total = sum(predicted_shingles.values()), sum(gold_shingles.values())
    false_positive, false_negative = predicted_total - common, gold_total - common
    if false_positive == 0 and false_negative == 0:
        return DocumentScore(doc_id, 1.0 if predicted_total else None,
                             1.0 if gold_total else None, 1.0)
    precision = common / predicted_total if predicted_total else None
    recall = common / gold_total if gold_total else None
    f1 = 2 * common / (2 * common + false_positive + false_negative)
    return DocumentScore(doc_id, precision, recall, f1)


def summarize(scores: Sequence[DocumentScore]) -> Summary:
    """Mean precision (over non-empty predictions), mean recall, and the F1 of the two."""
    precisions = [s.precision for s in scores if s.precision is not None]
    recalls = [s.recall for s in scores if s.recall is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    empty = sum(1 for s in scores if s.precision is None)
    return Summary(len(scores), precision, recall, f1, empty)


def read_gold(folder: Path) -> dict[str, dict[str, str]]:
    """Gold records of a benchmark folder by id."""
    with (folder / "gold.jsonl").open(encoding="utf-8") as handle:
        rows = (json.loads(line) for line in handle if line.strip())
        return {str(row["id"]): row for row in rows}


def find_input(folder: Path, inputs: str, doc_id: str) -> Path | None:
    """The input file of one document in one input sub-folder, gzipped or not."""
    for path in sorted((folder / inputs).glob(f"{doc_id}.*")):
        return path
    return None


@dataclass(frozen=True, slots=True)
class Prediction:
    """What an extractor found in one document: its text and, where it says, its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None


# (input bytes, input kind, url, whether to read the metadata too) -> prediction
Extractor = Callable[[bytes, str, str | None, bool], Prediction]


def cleannews_text(content: bytes, inputs: str, url: str | None,
                   metadata: bool = False) -> Prediction:
    """Extract with cleannews, forcing the kind the benchmark folder says the input is."""
    del metadata  # cleannews reads it anyway
    from cleannews import Document, Kind, Options, Record, clean_document

    kind = Kind.HTML if inputs.startswith("html") else Kind.TEXT
    record = clean_document(Document(content, url=url), Options(input_kind=kind))
    if not isinstance(record, Record):
        return Prediction("")
    found = record.metadata
    return Prediction(record.text, found.title, found.author, found.date)


def _trafilatura_metadata(content: bytes, url: str | None, text: str) -> Prediction:
    """trafilatura's own metadata extraction, with its defaults, beside a text."""
    from trafilatura import extract_metadata

    found = extract_metadata(content, default_url=url)
    return Prediction(text, found.title, found.author, found.date)


def trafilatura_text(content: bytes, inputs: str, url: str | None,
                     metadata: bool = False) -> Prediction:
    """Plain trafilatura with its defaults (the baseline)."""
    del inputs
    import trafilatura

    text = trafilatura.extract(content, url=url) or ""
    return _trafilatura_metadata(content, url, text) if metadata else Prediction(text)


def trafilatura_fast_text(content: bytes, inputs: str, url: str | None,
                          metadata: bool = False) -> Prediction:
    """Plain trafilatura in fast mode (no fallback extractors)."""
    del inputs
    import trafilatura

    text = trafilatura.extract(content, url=url, fast=True) or ""
    return _trafilatura_metadata(content, url, text) if metadata else Prediction(text)


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def same_title(gold: str, found: str | None) -> tuple[bool, bool]:
    """(exact match, match ignoring case, curly quotes, dashes and surrounding space).

    >>> same_title("It’s here", "It's here")
    (False, True)
    """
    if found is None:
        return False, False
    exact = gold == found
    loose = " ".join(gold.translate(_QUOTES).casefold().split()) == " ".join(
        found.translate(_QUOTES).casefold().split())
    return exact, loose


# Between the names of one author string: "A; B", "A, B", "A and B", "A & B", "A / B" and
# their German, French, Spanish, Italian, Dutch and Scandinavian "and".
_NAME_SEPARATORS = re.compile(
    r"\s*(?:[;,/&|]|\s(?:and|und|et|y|e|en|og|och)\s)\s*", re.IGNORECASE)


def _fold_name(name: str) -> str:
    """A name without accents, case, punctuation and extra spaces ("Zoë O'Neil" → "zoe oneil")."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = "".join(c if c.isalnum() or c.isspace() else "" for c in bare.casefold())
    return " ".join(kept.split())


def author_names(authors: str | Sequence[str] | None) -> frozenset[str]:
    """The folded names in an author string or list (see :func:`same_authors`).

    >>> sorted(author_names("Jane Doe; John Roe"))
    ['jane doe', 'john roe']
    >>> sorted(author_names(["Zoë O'Neil and Max Mustermann"]))
    ['max mustermann', 'zoe oneil']
    """
    if authors is None:
        return frozenset()
    parts = [authors] if isinstance(authors, str) else list(authors)
    names = (_fold_name(name) for part in parts for name in _NAME_SEPARATORS.split(part))
    return frozenset(name for name in names if name)


def same_authors(gold: Sequence[str], found: str | None) -> tuple[bool, bool]:
    """(the same set of names, at least one gold name found).

    Both sides are split into names at ";", ",", "/", "&" and "and" (in several
    languages), and each name is compared without accents, case, punctuation and extra
    spaces. A name's order ("Doe, Jane") and a title ("Dr.") are not forgiven.

    >>> same_authors(["Jane Doe", "John Roe"], "John Roe; Jane Doe")
    (True, True)
    >>> same_authors(["Jane Doe"], "JANE DOE, Staff Writer")
    (False, True)
    >>> same_authors(["Jane Doe"], None)
    (False, False)
    """
    gold_names, found_names = author_names(gold), author_names(found)
    return bool(gold_names) and gold_names == found_names, bool(gold_names & found_names)


def _day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def same_day(gold: str, found: str | None) -> bool:
    """Whether a found date is the gold's calendar day.

    The gold's day is taken as written (the page's local time) and, where the gold gives a
    time and a UTC offset, also in UTC: a page may declare "2025-01-13T16:28:54Z" for an
    article that fundus, in Tokyo time, dates 2025-01-14 01:28:54+09:00. A found date's
    time is ignored (htmldate and trafilatura give days only).

    >>> same_day("2025-01-14 01:28:54+09:00", "2025-01-13")
    True
    >>> same_day("2025-01-14 01:28:54+09:00", "2025-01-14T08:00:00")
    True
    >>> same_day("2025-01-14", "2025-01-15"), same_day("2025-01-14", None)
    (False, False)
    """
    found_day = _day(found) if found else None
    if found_day is None:
        return False
    days = {_day(gold)}
    try:
        moment = datetime.datetime.fromisoformat(gold.strip())
    except ValueError:
        moment = None
    if moment is not None and moment.tzinfo is not None:
        days.add(moment.astimezone(datetime.timezone.utc).date())
    return found_day in days


def read_metadata_gold(paths: Iterable[Path]) -> dict[str, dict[str, object]]:
    """Metadata gold records (``id``, ``authors``, ``date``, ``title``) by id; later files win."""
    gold: dict[str, dict[str, object]] = {}
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    gold[str(row["id"])] = row
    return gold


@dataclass(frozen=True, slots=True)
class MetadataScore:
    """How many pages whose gold has each field got it right."""

    titled: int = 0
    title_exact: int = 0
    title_loose: int = 0
    authored: int = 0
    authors_same: int = 0
    authors_any: int = 0
    dated: int = 0
    date_same: int = 0


def score_metadata(gold: dict[str, dict[str, str]], metadata_gold: dict[str, dict[str, object]],
                   predictions: dict[str, Prediction]) -> MetadataScore:
    """Compare the title, authors and date found on each page with the gold's.

    The title is the bench gold's, else the metadata gold's; authors and date come from
    the metadata gold. A page counts for a field only where its gold has it.
    """
    counts = dict.fromkeys(MetadataScore.__slots__, 0)
    empty = Prediction("")
    for doc_id, row in gold.items():
        extra = metadata_gold.get(doc_id, {})
        found = predictions.get(doc_id, empty)
        title = row.get("title") or extra.get("title")
        if isinstance(title, str) and title:
            exact, loose = same_title(title, found.title)
            counts["titled"] += 1
            counts["title_exact"] += exact
            counts["title_loose"] += loose
        authors = extra.get("authors")
        if isinstance(authors, list) and author_names(authors):
            same, any_name = same_authors(authors, found.author)
            counts["authored"] += 1
            counts["authors_same"] += same
            counts["authors_any"] += any_name
        date = extra.get("date")
        if isinstance(date, str) and _day(date) is not None:
            counts["dated"] += 1
            counts["date_same"] += same_day(date, found.date)
    return MetadataScore(**counts)


EXTRACTORS: dict[str, Extractor] = {
    "cleannews": cleannews_text,
    "trafilatura": trafilatura_text,
    "trafilatura-fast": trafilatura_fast_text,
}


def _run_one(task: tuple[str, str, str, str, str | None, bool]) -> tuple[str, Prediction]:
    extractor, folder, inputs, doc_id, url, metadata = task
    path = find_input(Path(folder), inputs, doc_id)
    if path is None:
        return doc_id, Prediction("")
    try:
        content = read_input(str(path), None, 0)
        return doc_id, EXTRACTORS[extractor](content, inputs, url, metadata)
    except Exception as error:  # a crash scores as an empty output
        print(f"{extractor} failed on {doc_id}: {error}", file=sys.stderr)
        return doc_id, Prediction("")


def predict(extractor: str, folder: Path, inputs: str, gold: dict[str, dict[str, str]],
            jobs: int = 1, metadata: bool = False) -> Iterator[tuple[str, Prediction]]:
    """Yield (id, prediction) for every gold document, in gold order."""
    tasks = [(extractor, str(folder), inputs, doc_id, row.get("url"), metadata)
             for doc_id, row in gold.items()]
    if jobs <= 1:
        yield from map(_run_one, tasks)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_run_one, tasks, chunksize=8)


@dataclass(frozen=True, slots=True)
class FolderResult:
    """Scores of every document of one run, and how often the metadata matched the gold's."""

    scores: list[DocumentScore]
    titled: int  # gold records with a title
    title_exact: int
    title_loose: int
    metadata: MetadataScore = MetadataScore()


def run_folder(extractor: str, folder: Path, inputs: str, jobs: int = 1,
               save_to: Path | None = None,
               metadata_gold: dict[str, dict[str, object]] | None = None) -> FolderResult:
    """Run one extractor on one input kind of a benchmark folder; score text and metadata.

    With ``metadata_gold`` (:func:`read_metadata_gold`), the extractor reads each page's
    metadata too and :func:`score_metadata` scores it.
    """
    gold = read_gold(folder)
    predictions = dict(predict(extractor, folder, inputs, gold, jobs,
                               metadata=metadata_gold is not None))
    if save_to is not None:
        save_to.parent.mkdir(parents=True, exist_ok=True)
        with save_to.open("w", encoding="utf-8") as handle:
            for doc_id, found in predictions.items():
                row = {"id": doc_id, "text": found.text, "title": found.title,
                       "author": found.author, "date": found.date}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    empty = Prediction("")
    scores = [score_document(doc_id, row.get("text") or "", predictions.get(doc_id, empty).text)
              for doc_id, row in gold.items()]
    found_metadata = score_metadata(gold, metadata_gold or {}, predictions)
    return FolderResult(scores, found_metadata.titled, found_metadata.title_exact,
                        found_metadata.title_loose, found_metadata)


def score_folder(extractor: str, folder: Path, inputs: str, jobs: int = 1,
                 save_to: Path | None = None) -> list[DocumentScore]:
    """Run one extractor on one input kind of a benchmark folder and score every document."""
    return run_folder(extractor, folder, inputs, jobs, save_to).scores


def _input_kinds(folder: Path, wanted: Iterable[str] | None) -> list[str]:
    present = sorted(p.name for p in folder.iterdir() if p.is_dir())
    return [k for k in present if wanted is None or k in wanted]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path, help="benchmark folders")
    parser.add_argument("--inputs", help="comma-separated input sub-folders (default: all)")
    parser.add_argument("--baseline", action="append", default=[],
                        choices=[name for name in EXTRACTORS if name != "cleannews"],
                        help="also score this extractor on html inputs, in the same run")
    parser.add_argument("--metadata", action="append", type=Path, metavar="GOLD.jsonl",
                        help="metadata gold (id, authors, date, title): also score the "
                             "title, authors and date found on html inputs")
    parser.add_argument("--per-doc", type=int, default=0, metavar="N",
                        help="list the N worst documents of each run")
    parser.add_argument("--save-dir", type=Path, help="write each run's predictions here")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    args = parser.parse_args(argv)
    wanted = args.inputs.split(",") if args.inputs else None
    metadata_gold = read_metadata_gold(args.metadata) if args.metadata else None
    metadata_rows: list[tuple[str, str, MetadataScore]] = []
    print(f"{'set':<22} {'input':<18} {'extractor':<17} {'n':>4} {'F1':>6} {'P':>6} {'R':>6} "
          f"{'empty':>5}  title exact/loose")
    for folder in args.folders:
        for inputs in _input_kinds(folder, wanted):
            extractors = ["cleannews"]
            if inputs.startswith("html"):
                extractors += args.baseline
            for extractor in extractors:
                save_to = (args.save_dir / f"{folder.name}.{inputs}.{extractor}.jsonl"
                           if args.save_dir else None)
                with_metadata = metadata_gold if inputs.startswith("html") else None
                result = run_folder(extractor, folder, inputs, args.jobs, save_to,
                                    with_metadata)
                if with_metadata is not None:
                    metadata_rows.append((folder.name, extractor, result.metadata))
                scores = result.scores
                summary = summarize(scores)
                titles = (f"  {result.title_exact / result.titled:.3f}/"
                          f"{result.title_loose / result.titled:.3f}"
                          if result.titled and extractor == "cleannews" else "")
                print(f"{folder.name:<22} {inputs:<18} {extractor:<17} {summary.documents:>4} "
                      f"{summary.f1:6.3f} {summary.precision:6.3f} {summary.recall:6.3f} "
                      f"{summary.empty:>5}{titles}", flush=True)
                for score in sorted(scores, key=lambda s: (s.f1, s.id))[:args.per_doc]:
                    print(f"    {score.f1:.3f} P={score.precision} R={score.recall} {score.id}")
    if metadata_rows:
        print_metadata_table(metadata_rows)
    return 0


def _share(right: int, total: int) -> str:
    return f"{right / total:.3f}" if total else "  -  "


def print_metadata_table(rows: Sequence[tuple[str, str, MetadataScore]]) -> None:
    """Print the metadata scores of HTML runs: per field, pages with gold and share right."""
    print()
    print(f"{'metadata (html)':<22} {'extractor':<17} {'n':>4} {'title':>6} {'loose':>6}  "
          f"{'n':>4} {'authors':>7} {'any':>6}  {'n':>4} {'date':>6}")
    for folder, extractor, found in rows:
        print(f"{folder:<22} {extractor:<17} {found.titled:>4} "
              f"{_share(found.title_exact, found.titled):>6} "
              f"{_share(found.title_loose, found.titled):>6}  {found.authored:>4} "
              f"{_share(found.authors_same, found.authored):>7} "
              f"{_share(found.authors_any, found.authored):>6}  {found.dated:>4} "
              f"{_share(found.date_same, found.dated):>6}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
