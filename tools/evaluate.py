"""Quality report: run cleannews over a benchmark folder and score it against gold text.

    python tools/evaluate.py BENCH_DIR [BENCH_DIR ...] [--inputs html,text-inscriptis]
        [--baseline trafilatura] [--per-doc N] [--save-dir DIR] [--jobs N]

A benchmark folder holds ``gold.jsonl`` (``id``, ``text``) and one sub-folder per input
kind (``html/``, ``text-*/``) of ``<id>.<ext>[.gz]`` files. The metric is the ScrapingHub
article-extraction benchmark's: token 4-gram shingles, per-document precision and recall
averaged over documents (an empty output counts against recall only), F1 of the means.
Where the gold has titles, the share of cleannews titles that match them is reported too
(exactly, and ignoring case, curly quotes and dashes).
"""

from __future__ import annotations

import argparse
import json
import sys
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
    "Prediction",
    "Summary",
    "run_folder",
    "same_title",
    "score_document",
    "score_folder",
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
    """What an extractor found in one document: its text and, where it says, the title."""

    text: str
    title: str | None = None


Extractor = Callable[[bytes, str, str | None], Prediction]


def cleannews_text(content: bytes, inputs: str, url: str | None) -> Prediction:
    """Extract with cleannews, forcing the kind the benchmark folder says the input is."""
    from cleannews import Document, Kind, Options, Record, clean_document

    kind = Kind.HTML if inputs.startswith("html") else Kind.TEXT
    record = clean_document(Document(content, url=url), Options(input_kind=kind))
    if not isinstance(record, Record):
        return Prediction("")
    return Prediction(record.text, record.metadata.title)


def trafilatura_text(content: bytes, inputs: str, url: str | None) -> Prediction:
    """Plain trafilatura with its defaults (the baseline)."""
    del inputs
    import trafilatura

    return Prediction(trafilatura.extract(content, url=url) or "")


def trafilatura_fast_text(content: bytes, inputs: str, url: str | None) -> Prediction:
    """Plain trafilatura in fast mode (no fallback extractors)."""
    del inputs
    import trafilatura

    return Prediction(trafilatura.extract(content, url=url, fast=True) or "")


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


EXTRACTORS: dict[str, Extractor] = {
    "cleannews": cleannews_text,
    "trafilatura": trafilatura_text,
    "trafilatura-fast": trafilatura_fast_text,
}


def _run_one(task: tuple[str, str, str, str, str | None]) -> tuple[str, Prediction]:
    extractor, folder, inputs, doc_id, url = task
    path = find_input(Path(folder), inputs, doc_id)
    if path is None:
        return doc_id, Prediction("")
    try:
        return doc_id, EXTRACTORS[extractor](read_input(str(path), None, 0), inputs, url)
    except Exception as error:  # a crash scores as an empty output
        print(f"{extractor} failed on {doc_id}: {error}", file=sys.stderr)
        return doc_id, Prediction("")


def predict(extractor: str, folder: Path, inputs: str, gold: dict[str, dict[str, str]],
            jobs: int = 1) -> Iterator[tuple[str, Prediction]]:
    """Yield (id, prediction) for every gold document, in gold order."""
    tasks = [(extractor, str(folder), inputs, doc_id, row.get("url"))
             for doc_id, row in gold.items()]
    if jobs <= 1:
        yield from map(_run_one, tasks)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_run_one, tasks, chunksize=8)


@dataclass(frozen=True, slots=True)
class FolderResult:
    """Scores of every document of one run, and how often the title matched the gold's."""

    scores: list[DocumentScore]
    titled: int  # gold records with a title
    title_exact: int
    title_loose: int


def run_folder(extractor: str, folder: Path, inputs: str, jobs: int = 1,
               save_to: Path | None = None) -> FolderResult:
    """Run one extractor on one input kind of a benchmark folder; score text and titles."""
    gold = read_gold(folder)
    predictions = dict(predict(extractor, folder, inputs, gold, jobs))
    if save_to is not None:
        save_to.parent.mkdir(parents=True, exist_ok=True)
        with save_to.open("w", encoding="utf-8") as handle:
            for doc_id, found in predictions.items():
                row = {"id": doc_id, "text": found.text, "title": found.title}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    empty = Prediction("")
    scores = [score_document(doc_id, row.get("text") or "", predictions.get(doc_id, empty).text)
              for doc_id, row in gold.items()]
    matches = [same_title(row["title"], predictions.get(doc_id, empty).title)
               for doc_id, row in gold.items() if row.get("title")]
    return FolderResult(scores, len(matches), sum(m[0] for m in matches),
                        sum(m[1] for m in matches))


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
    parser.add_argument("--per-doc", type=int, default=0, metavar="N",
                        help="list the N worst documents of each run")
    parser.add_argument("--save-dir", type=Path, help="write each run's predictions here")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    args = parser.parse_args(argv)
    wanted = args.inputs.split(",") if args.inputs else None
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
                result = run_folder(extractor, folder, inputs, args.jobs, save_to)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
