"""Fit the line classifier and the headline picker from benchmark folders.

    python tools/train.py BENCH_DIR [BENCH_DIR ...] [--output PATH] [--cross]

writes ``lines/line_model.json``; ``lines/flat_model.json`` (``--flat-output``), the
classifier for pages a scraper flattened to one line, fitted on the sentences of each
page's HTML flattened so (:func:`dumps.flat_dump`; pages too short to be taken
for flattened are left out); and, from the pages whose gold has a title,
``lines/headline_model.json`` (``--headline-output``), the picker fitted on the pages as
the new line classifier cleans them. With ``--cross``, all three are also scored on data
left out of their fit: each classifier fitted on every folder but one and scored on the
one left out, with the mean over the left-out sets per kind of dump; the picker by
five-fold cross-validation over pages (all dumps of a page in one fold).

Each benchmark folder holds ``gold.jsonl`` and text dumps of its pages in ``text-*/``
(see ``tools/evaluate.py``). A line's label comes from aligning it with the gold article:
a line of four or more words is body when most of its 4-word shingles occur in the gold
text (and were not already claimed by an earlier line); a shorter line is body when its
words occur in the gold text and a longer line next to it is body. The headline is taken
out of the gold first, since cleannews reports it as ``title`` and keeps it out of ``text``.

Training needs html2text to make dumps (``pip install -e '.[train]'``). The fit is
deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from cleannews.batch import read_input
from cleannews.decode import decode_bytes
from cleannews.lines import headline
from cleannews.lines.features import FEATURE_NAMES, line_features
from cleannews.lines.judge import clean_lines, decision_threshold, judge_rules
from cleannews.lines.model import (
    FINGERPRINT,
    FLAT_MODEL_RESOURCE,
    MODEL_RESOURCE,
    SMOOTHING_NAMES,
    LineModel,
    ruled_lines,
    smoothing_inputs,
    stage_logits,
)
from cleannews.lines.split import is_flat
from cleannews.lines.windows import sigmoid
from cleannews.shingles import SHINGLE_WORDS, shingles, word_tokens

from dumps import flat_dump
from evaluate import Summary, read_gold, score_document, summarize

Array = NDArray[Any]


class _InFolder(Protocol):
    folder: str  # the benchmark folder and dump a page comes from: "scrapinghub/text-..."


_Dump = TypeVar("_Dump", bound=_InFolder)

# A long line is body when at least this share of its shingles is in the gold text.
MIN_SHINGLE_COVERAGE = 0.5
# A short line is body only next to (within this many lines of) a long body line.
SHORT_LINE_REACH = 2
# L2 penalty of both regressions, on standardised features; chosen by cross-validation
# between the two development sets (1.0 to 30 scored within 0.002 F1 of each other).
L2_PENALTY = 3.0
NEWTON_STEPS = 25
# Smoothing stages after the first. One gained 0.01 to 0.02 F1 on every development set
# (cross-validated); a second gained less than 0.002 and doubled training time.
SMOOTHING_STAGES = 1
FOLDS = 5
# The smoothing stage's trees (see fit_forest) and their share of its logit. Cross-validated
# between the development sets, blending trees with the regression gained 0.007 (50 trees of
# depth 4) to 0.012 F1 (300 of depth 6) over the regression alone.
FOREST_TREES = 50
FOREST_DEPTH = 4
FOREST_SHARE = 0.5
FOREST_MIN_LEAF_LINES = 50
# The pseudo-dump of the development pages flattened to one line (see load_flat_pages).
FLAT_DUMP = "flat"
# Where the package keeps the models it ships (the default outputs).
_SHIPPED = Path(__file__).resolve().parent.parent / "cleannews" / "lines"


@dataclass
class Page:
    """One text dump of one page, with per-line features and labels."""

    id: str
    folder: str
    texts: list[str]
    ruled: Array  # which lines a rule dropped (the model never sees them)
    vectors: Array
    labels: list[float]
    gold: str


def gold_without_title(gold: str, title: str | None) -> list[str]:
    """Gold tokens, less a leading headline (cleannews reports it as the title)."""
    tokens = word_tokens(gold)
    if title:
        title_tokens = word_tokens(title)
        if title_tokens and tokens[: len(title_tokens)] == title_tokens:
            return tokens[len(title_tokens):]
    return tokens


def line_labels(texts: Sequence[str], gold_tokens: Sequence[str]) -> list[float]:
    """Label each line 1.0 (body) or 0.0 by aligning it with the gold tokens."""
    # A multiset: a paragraph the page repeats (a teaser, the whole story again in one
    # line) is body once; the repeat is labelled boilerplate, as the metric counts it twice.
    gold_shingles = Counter(shingles(gold_tokens))
    short_grams = {tuple(gold_tokens[i:i + n]) for n in range(1, SHINGLE_WORDS)
                   for i in range(len(gold_tokens) - n + 1)}
    labels: list[float] = []
    is_long: list[bool] = []
    for text in texts:
        tokens = word_tokens(text)
        if len(tokens) >= SHINGLE_WORDS:
            grams = shingles(tokens)
            covered = sum(1 for g in grams if gold_shingles[g] > 0) / len(grams)
            is_body = covered >= MIN_SHINGLE_COVERAGE
            if is_body:
                gold_shingles.subtract(grams)
            labels.append(float(is_body))
            is_long.append(True)
        else:
            labels.append(float(bool(tokens) and tuple(tokens) in short_grams))
            is_long.append(False)
    for index, long_line in enumerate(is_long):
        if long_line or not labels[index]:
            continue
        low, high = max(0, index - SHORT_LINE_REACH), min(len(texts), index + SHORT_LINE_REACH + 1)
        if not any(is_long[i] and labels[i] for i in range(low, high)):
            labels[index] = 0.0
    return labels


def _page(doc_id: str, folder: str, text: str, gold: str, title: str | None) -> Page:
    # What the classifier sees of a page, as clean_lines gives it.
    ruled = judge_rules(text)
    texts = [line.text for line in ruled.lines]
    vectors = line_features(ruled.lines, ruled.verdicts, ruled.counts)
    labels = line_labels(texts, gold_without_title(gold, title))
    return Page(doc_id, folder, texts, ruled_lines(ruled.verdicts), vectors, labels, gold)


def _load_page(task: tuple[str, str, str, str, str | None]) -> Page:
    folder, dump, doc_id, gold, title = task
    path = next(iter(sorted((Path(folder) / dump).glob(f"{doc_id}.*"))))
    text = decode_bytes(read_input(str(path), None, 0)).text
    return _page(doc_id, f"{Path(folder).name}/{dump}", text, gold, title)


def _load_flat_page(task: tuple[str, str, str, str | None]) -> Page | None:
    folder, doc_id, gold, title = task
    path = next(iter(sorted((Path(folder) / "html").glob(f"{doc_id}.*"))))
    text = flat_dump(read_input(str(path), None, 0))
    if not is_flat(text):  # too short to be taken for flattened: the line model judges it
        return None
    return _page(doc_id, f"{Path(folder).name}/{FLAT_DUMP}", text, gold, title)


def load_pages(folders: Sequence[Path], jobs: int = 2) -> list[Page]:
    """Every text dump of every page of the folders, with features and labels."""
    tasks = []
    for folder in folders:
        gold = read_gold(folder)
        for dump in sorted(p.name for p in folder.iterdir() if p.name.startswith("text-")):
            for doc_id, row in gold.items():
                if any((folder / dump).glob(f"{doc_id}.*")):
                    tasks.append((str(folder), dump, doc_id, row.get("text") or "",
                                  row.get("title")))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_load_page, tasks, chunksize=16))


def load_flat_pages(folders: Sequence[Path], jobs: int = 2) -> list[Page]:
    """Every page of the folders that has HTML, as a scraper flattening its text to one
    line stores it (:func:`dumps.flat_dump`), with features and labels."""
    tasks = []
    for folder in folders:
        for doc_id, row in read_gold(folder).items():
            if any((folder / "html").glob(f"{doc_id}.*")):
                tasks.append((str(folder), doc_id, row.get("text") or "", row.get("title")))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [page for page in pool.map(_load_flat_page, tasks, chunksize=16) if page]


def _fit_logistic(x: Array, y: Array, weights: Array, penalty: float) -> Array:
    """Weighted L2-penalised logistic regression by Newton's method; returns raw weights."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    constant = scale == 0
    mean[constant], scale[constant] = 0.0, 1.0
    mean[0], scale[0] = 0.0, 1.0  # column 0 is the bias
    z = (x - mean) / scale
    beta = np.zeros(z.shape[1])
    ridge = np.full(z.shape[1], penalty)
    ridge[0] = 0.0
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (weights * (p - y)) + ridge * beta
        curvature = (z * (weights * p * (1 - p))[:, None]).T @ z + np.diag(ridge + 1e-9)
        step = np.linalg.solve(curvature, gradient)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    raw: Array = beta / scale
    raw[0] = beta[0] - float((beta[1:] * mean[1:] / scale[1:]).sum())
    return raw


def _line_weights(page: Page) -> list[float]:
    """Weight lines by their share of the page's words: the metric counts words, per page."""
    sizes = [max(len(word_tokens(t)), 1) for t in page.texts]
    total = sum(sizes)
    return [len(sizes) * s / total for s in sizes]


def _rows(
    pages: Sequence[Page], inputs: Sequence[Array], indices: Sequence[int]
) -> tuple[Array, Array, Array]:
    """Training rows of the given pages: the lines the rules left to the model."""
    rows, labels, weights = [], [], []
    for index in indices:
        page = pages[index]
        free = ~page.ruled
        rows.append(inputs[index][free])
        labels.append(np.asarray(page.labels)[free])
        weights.append(np.asarray(_line_weights(page))[free])
    return np.vstack(rows), np.concatenate(labels), np.concatenate(weights)


def fit_model(pages: Sequence[Page], penalty: float = L2_PENALTY,
              smoothing_stages: int = SMOOTHING_STAGES,
              forest_trees: int = FOREST_TREES) -> dict[str, Any]:
    """Fit every stage; each smoothing stage learns from out-of-fold scores of the one before.

    Out-of-fold: a page's scores that feed the next stage come from a model fitted without
    that page, so the next stage learns how far to trust scores on unseen pages. Each
    smoothing stage is a logistic regression blended with ``forest_trees`` boosted trees
    (none if 0); a stage that feeds another is scored out of fold by its regression alone.
    """
    everything = list(range(len(pages)))
    folds = [everything[k::FOLDS] for k in range(FOLDS)]
    inputs: list[Array] = [page.vectors for page in pages]
    first: list[float] = []
    stages: list[dict[str, Any]] = []
    for stage in range(smoothing_stages + 1):
        x, y, w = _rows(pages, inputs, everything)
        weights = [float(v) for v in _fit_logistic(x, y, w, penalty)]
        if stage == 0:
            first = weights
        else:
            stages.append(_smoothing_stage(weights, x, y, w, forest_trees))
        if stage == smoothing_stages:
            break
        out_of_fold: list[Array] = [page.vectors[:, 0] for page in pages]
        for fold in folds:
            held_out = set(fold)
            fx, fy, fw = _rows(pages, inputs, [i for i in everything if i not in held_out])
            fold_weights = _fit_logistic(fx, fy, fw, penalty)
            for index in fold:
                out_of_fold[index] = stage_logits(fold_weights, inputs[index],
                                                   pages[index].ruled)
        inputs = [smoothing_inputs(out_of_fold[i], pages[i].vectors) for i in everything]
    return {
        "format": 3,
        "fingerprint": FINGERPRINT,
        "description": "cleannews line classifier: a logistic regression, then a smoothing "
                       "stage blending a logistic regression with boosted trees "
                       "(tools/train.py)",
        "trained_on": sorted({p.folder for p in pages}),
        "lines": sum(int((~p.ruled).sum()) for p in pages),
        "threshold": 0.5,
        "features": {n: round(v, 6) for n, v in zip(FEATURE_NAMES, first, strict=True)},
        "smoothing": stages,
    }


def _smoothing_stage(
    weights: Sequence[float], x: Array, y: Array, w: Array, forest_trees: int
) -> dict[str, Any]:
    stage: dict[str, Any] = {
        "weights": {n: round(v, 6) for n, v in zip(SMOOTHING_NAMES, weights, strict=True)}}
    if forest_trees:
        stage["forest_share"] = FOREST_SHARE
        stage["forest"] = fit_forest(x, y, w, forest_trees)
    return stage


def fit_forest(x: Array, y: Array, w: Array, trees: int = FOREST_TREES) -> dict[str, Any]:
    """Boost ``trees`` small regression trees on rows ``x`` (column 0, the bias, unused).

    Returns the JSON form :meth:`cleannews.lines.trees.Forest.from_dict` reads. Fitted by
    scikit-learn on one thread, without subsampling: the same rows give the same trees.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        model = HistGradientBoostingClassifier(
            max_iter=trees, max_depth=FOREST_DEPTH, learning_rate=0.1, l2_regularization=1.0,
            min_samples_leaf=FOREST_MIN_LEAF_LINES, early_stopping=False, random_state=0,
        ).fit(x[:, 1:], y, sample_weight=w)
    forest = []
    # scikit-learn keeps the fitted trees in _predictors (one list per boosting round).
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        forest.append({
            # Column 0 of the rows is the bias, which the trees were fitted without.
            "feature": np.where(leaf, 0, nodes["feature_idx"].astype(np.int64) + 1).tolist(),
            "threshold": [None if is_leaf else float(t)
                          for t, is_leaf in zip(nodes["num_threshold"], leaf, strict=True)],
            "left": np.where(leaf, -1, nodes["left"].astype(np.int64)).tolist(),
            "right": np.where(leaf, -1, nodes["right"].astype(np.int64)).tolist(),
            "value": [round(float(v), 7) if is_leaf else 0.0
                      for v, is_leaf in zip(nodes["value"], leaf, strict=True)],
        })
    return {"columns": list(SMOOTHING_NAMES),
            "baseline": float(np.ravel(model._baseline_prediction)[0]), "trees": forest}


def predict_text(model: dict[str, Any], page: Page) -> str:
    """The text the model keeps of a page (for scoring without re-reading the files)."""
    line_model = LineModel.from_dict(model)
    _, logits = line_model.logits(page.vectors, page.ruled)
    probabilities = sigmoid(logits).tolist()
    ruled = page.ruled.tolist()
    threshold = decision_threshold(line_model.threshold, ruled, probabilities)
    return "\n".join(text for text, p, dropped in zip(page.texts, probabilities, ruled,
                                                      strict=True)
                     if not dropped and p >= threshold)


def _by_folder(pages: Sequence[_Dump]) -> list[tuple[str, list[_Dump]]]:
    """The pages grouped by their folder/dump, in folder order."""
    groups: dict[str, list[_Dump]] = {}
    for page in pages:
        groups.setdefault(page.folder, []).append(page)
    return sorted(groups.items())


def report(model: dict[str, Any], pages: Sequence[Page], label: str) -> dict[str, Summary]:
    """Print F1 per folder/dump of the pages under the model; return the summaries."""
    summaries = {}
    for folder, group in _by_folder(pages):
        summary = summarize([score_document(p.id, p.gold, predict_text(model, p)) for p in group])
        summaries[folder] = summary
        print(f"{label:<28} {folder:<36} F1 {summary.f1:.3f}  P {summary.precision:.3f}  "
              f"R {summary.recall:.3f}  n={summary.documents}", flush=True)
    return summaries


def mean_by_dump(held_out: dict[str, Summary]) -> dict[str, tuple[float, int]]:
    """The mean F1 over held-out sets, per kind of dump, and how many sets it averages.

    Each set counts once, whatever its size: the mean asks how well a model does on a
    source it has not seen, and each set is one such source.

    >>> runs = {"a/text-x": Summary(10, 0.9, 0.9, 0.9, 0), "b/text-x": Summary(99, .7, .7, .7, 0)}
    >>> mean_by_dump(runs)
    {'text-x': (0.8, 2)}
    """
    by_dump: dict[str, list[float]] = {}
    for folder, summary in sorted(held_out.items()):
        by_dump.setdefault(folder.split("/", 1)[-1], []).append(summary.f1)
    return {dump: (round(sum(f1s) / len(f1s), 6), len(f1s)) for dump, f1s in by_dump.items()}


# --- the headline picker (cleannews.lines.headline) -----------------------------------------

# L2 penalty of the headline regression, on standardised features.
HEADLINE_PENALTY = 1.0


@dataclass
class TitledPage:
    """One text dump of a page whose gold has a title, with its headline candidates."""

    id: str
    folder: str
    candidates: list[headline.Candidate]
    title: str


def normalise(title: str) -> str:
    """A title compared loosely: lower case, any run of non-word characters one space. It
    labels the headline picker's training lines and scores its picks."""
    return re.sub(r"\W+", " ", title).strip().lower()


def load_titled_pages(folders: Sequence[Path], line_model: LineModel) -> list[TitledPage]:
    """Every text dump of every page with a gold title, cleaned by ``line_model``."""
    pages = []
    for folder in folders:
        gold = read_gold(folder)
        for dump in sorted(p.name for p in folder.iterdir() if p.name.startswith("text-")):
            for doc_id, row in gold.items():
                title = row.get("title")
                paths = sorted((folder / dump).glob(f"{doc_id}.*"))
                if not title or not paths:
                    continue
                text = decode_bytes(read_input(str(paths[0]), None, 0)).text
                cleaned = clean_lines(text, line_model)
                pages.append(TitledPage(doc_id, f"{folder.name}/{dump}",
                                        headline.headline_candidates(cleaned), title))
    return pages


def fit_headline_model(pages: Sequence[TitledPage]) -> dict[str, Any]:
    """Fit the headline picker: candidates labelled 1 where they are the page's title."""
    rows = [(c.features, float(normalise(c.text) == normalise(p.title)))
            for p in pages for c in p.candidates]
    x = np.array([features for features, _ in rows]).reshape(-1, len(headline.HEADLINE_FEATURES))
    y = np.array([label for _, label in rows])
    weights = _fit_logistic(x, y, np.ones(len(y)), HEADLINE_PENALTY) if len(y) else (
        np.zeros(len(headline.HEADLINE_FEATURES)))
    return {
        "format": 1,
        "fingerprint": headline.HEADLINE_FINGERPRINT,
        "description": "cleannews headline picker for text pages: a logistic regression over "
                       "the lines above the first paragraph (tools/train.py)",
        "trained_on": sorted({p.folder for p in pages}),
        "pages": len(pages),
        "features": {n: round(float(w), 6)
                     for n, w in zip(headline.HEADLINE_FEATURES, weights, strict=True)},
    }


def report_headlines(model: dict[str, Any], pages: Sequence[TitledPage], label: str) -> None:
    """Print, per folder/dump, the share of pages whose picked headline is the title."""
    picker = headline.HeadlineModel.from_dict(model)
    for folder, group in _by_folder(pages):
        picked = [best.text if (best := picker.best(p.candidates)) else None for p in group]
        share = sum(found is not None and normalise(found) == normalise(p.title)
                    for found, p in zip(picked, group, strict=True)) / len(group)
        print(f"{label:<28} {folder:<36} headline {share:.3f}  n={len(group)}", flush=True)


def cross_validate_headlines(pages: Sequence[TitledPage]) -> None:
    """Fit on four fifths of the pages (all dumps of a page together), report on the rest."""
    ids = sorted({p.id for p in pages})
    for fold in range(FOLDS):
        held_out = set(ids[fold::FOLDS])
        fitted = fit_headline_model([p for p in pages if p.id not in held_out])
        report_headlines(fitted, [p for p in pages if p.id in held_out],
                         f"headline fold {fold + 1}/{FOLDS}")


def _fit_and_write(pages: Sequence[Page], args: argparse.Namespace, output: Path
                   ) -> dict[str, Any]:
    """Fit a line model on the pages (with --cross, also on each set alone, scored on the
    others), report it and write it to ``output``."""
    if args.cross:  # leave one set out: fit on the others, score the one left out
        sets = sorted({p.folder.split("/")[0] for p in pages})
        scores: dict[str, Summary] = {}
        for held_out in sets:
            train = [p for p in pages if not p.folder.startswith(held_out + "/")]
            test = [p for p in pages if p.folder.startswith(held_out + "/")]
            if train and test:
                fitted = fit_model(train, args.penalty, forest_trees=args.forest_trees)
                scores |= report(fitted, test, f"trained without {held_out}")
        for dump, (f1, count) in mean_by_dump(scores).items():
            print(f"{'leave-one-set-out mean':<28} {dump:<36} F1 {f1:.3f}  sets={count}",
                  flush=True)
    model = fit_model(pages, args.penalty, forest_trees=args.forest_trees)
    report(model, pages, "trained on all (in-sample)")
    output.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {output}")
    return model


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--output", type=Path,
                        default=_SHIPPED / MODEL_RESOURCE)
    parser.add_argument("--flat-output", type=Path,
                        default=_SHIPPED / FLAT_MODEL_RESOURCE)
    parser.add_argument("--cross", action="store_true",
                        help="also score leave one set out: fit on every folder but one, "
                             "score the one left out, and print the mean")
    parser.add_argument("--penalty", type=float, default=L2_PENALTY)
    parser.add_argument("--forest-trees", type=int, default=FOREST_TREES,
                        help="trees in the smoothing stage (0: a logistic regression alone)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--headline-output", type=Path,
                        default=_SHIPPED / headline.MODEL_RESOURCE)
    args = parser.parse_args(argv)
    pages = load_pages(args.folders, args.jobs)
    print(f"{len(pages)} page dumps, {sum(len(p.texts) for p in pages)} lines", flush=True)
    model = _fit_and_write(pages, args, args.output)
    flat_pages = load_flat_pages(args.folders, args.jobs)
    print(f"{len(flat_pages)} flattened pages, {sum(len(p.texts) for p in flat_pages)} "
          "sentences", flush=True)
    if flat_pages:
        _fit_and_write(flat_pages, args, args.flat_output)
    # The headline picker learns from pages cleaned by the line model just fitted.
    titled = load_titled_pages(args.folders, LineModel.from_dict(model))
    if not titled:
        print("no gold titles: headline model left as it is")
        return 0
    if args.cross:
        cross_validate_headlines(titled)
    picker = fit_headline_model(titled)
    report_headlines(picker, titled, "headline (in-sample)")
    args.headline_output.write_text(json.dumps(picker, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.headline_output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
