"""Calibrate abstention: fit the logistic models that decide whether the quotes answer.

    python -m benchmarks.calibrate            # fit both models, print CV and weights

Every question of the seed's two dev sets and of the development corpus's tuning
documents is asked once, with every answer given (thresholds at 0); its evidence features
are the inputs, whether the documents answer it the label, and whether the answer given
would be right is kept too. Two models are fitted: over judge.FEATURES (the fallback,
when no reader model is present) and over judge.READER_FEATURES (with the reader's
probability that a quote answers). For the second, the reader's scores of the tuning
documents are the ones it gave without having seen them (`folds.jsonl`, written by
`python -m benchmarks.train_reader`): a reader scores the documents it was trained on far
more confidently than new ones. So, with `--query-folds`, are a tuning document's questions
embedded by a question encoder tuned without it (`python -m benchmarks.train_query`).

Weights are fitted by leave-one-document-out cross-validation (the seed counts as one
document): each document's questions are judged by weights fitted on the others. The
threshold minimises the cost of the cross-validated decisions, a wrong answer (given to a
question the documents do not answer, or not holding the answer) costing `--wrong` times a
wrong decline (default 3), among the thresholds that keep false abstention at most
`--max-false-abstention` (0.07): unbounded, that cost is least when most questions are
declined, wrong answers to answerable questions included. Questions declined by rule (a name or topic the documents
lack, no close sentence) count whatever the threshold. The model is an L2-regularised
logistic regression fitted by Newton's method (NumPy only). Paste the printed weights into
Settings.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import warnings
from pathlib import Path

import numpy as np

from citeqa import Assistant, Settings
from citeqa.answering.judge import FEATURES, READER_FEATURES
from benchmarks.train_reader import pair_key
from citeqa.evaluate import corpus_documents, corpus_questions, folder_assistant, load_questions, score

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = [ROOT / "tests" / "data" / "questions.jsonl", ROOT / "tests" / "data" / "natural.jsonl"]
CORPUS = ROOT / "tests" / "data" / "corpus"
FOLDS = ROOT / "tests" / "data" / "reader" / "folds.jsonl"


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Weights (intercept first) of an L2-regularised logistic regression."""
    a = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(a.shape[1])
    reg = np.full(a.shape[1], l2)
    reg[0] = 0.0  # the intercept is not shrunk
    for _ in range(steps):
        p = 1 / (1 + np.exp(-a @ w))
        grad = a.T @ (p - y) + reg * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(w[0] + x @ w[1:])))


class UnseenReader:
    """The reader, but for the pairs a fold model scored without having been trained on
    their document, that score (folds.jsonl): what it would say of a new document."""

    def __init__(self, reader, folds: Path = FOLDS):
        self.reader = reader
        self.doc = ""
        self.unseen: dict[tuple[str, str], float] = {}
        if folds.is_file():
            for line in folds.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                self.unseen[(row["doc"], row["pair"])] = row["logit"]

    def logits(self, question: str, sentences: list[str]) -> np.ndarray:
        own = self.reader.logits(question, sentences)
        return np.array([self.unseen.get((self.doc, pair_key(question, s)), float(o)) for s, o in zip(sentences, own)],
                        dtype=np.float32)


def fold_encoders(folder: Path | None) -> dict[str, object]:
    """For each tuning document, the question encoder tuned without it (`folder`/fold*/, written
    by `python -m benchmarks.train_query --folds N --fold-dir folder`); none without a folder."""
    from citeqa.index import fast_encoder
    from citeqa.index.embed import resolve_model

    out: dict[str, object] = {}
    for fold in sorted(folder.glob("fold*")) if folder else ():
        seen = set(json.loads((fold / "query.json").read_text(encoding="utf-8"))["documents"])
        encoder = fast_encoder.BertEncoder(resolve_model(Settings().model), tuned=fold / "query.safetensors")
        for doc in corpus_documents(CORPUS):
            if doc.split == "tuning" and doc.file not in seen:
                out[doc.file] = encoder
    return out


def collect(reader: bool, query_folds: Path | None = None) -> list[dict]:
    """One row per question: its document, features, whether answerable, whether the
    answer given would be right, and whether a rule declines it. With `query_folds`, a
    tuning document's questions are embedded by the encoder tuned without it."""
    unseen_encoders = fold_encoders(query_folds)
    rows_out = []
    warnings.simplefilter("ignore")
    settings = Settings().replace(abstain_threshold=0.0, reader_abstain_threshold=0.0, reader=reader)
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [(Assistant(ROOT / "seeds", Path(tmp) / "seed", settings=settings), "dupilumab.txt",
                 [dict(r, set=path.stem) for path in DEV_SETS for r in load_questions(path)])]
        for doc in corpus_documents(CORPUS):
            if doc.split == "tuning":
                jobs.append((folder_assistant([CORPUS / "docs" / doc.file], Path(tmp) / doc.file, settings),
                             doc.file, corpus_questions(CORPUS, doc)))
        for bot, doc, rows in jobs:
            if doc in unseen_encoders:
                bot.use_query_encoder(unseen_encoders[doc])
            if reader and bot.reader_model() is not None:
                unseen = UnseenReader(bot.reader_model())
                unseen.doc = doc
                bot.use_reader(unseen)
            for row in rows:
                answer, evidence = bot.ask_with_evidence(row["q"], history=row.get("prev", ()))
                names = READER_FEATURES if "reader" in evidence.features else FEATURES
                rule = bool(evidence.unknown_names or evidence.passing_names or evidence.uncovered_topics
                            or evidence.earlier_unanswered or evidence.features["best_cosine"] < settings.min_cosine
                            or not answer.found)
                rows_out.append({"doc": doc, "set": row.get("set", doc), "x": [evidence.features.get(f, 0.0) for f in names],
                                 "answerable": bool(row["gold"]), "right": score(row, answer).correct, "rule": rule})
    return rows_out


def cross_validate(rows: list[dict], l2: float) -> np.ndarray:
    """Each question's confidence from weights fitted on the other documents."""
    docs = np.array([r["doc"] for r in rows])
    x = np.array([r["x"] for r in rows])
    y = np.array([r["answerable"] for r in rows], dtype=float)
    fit = np.array([not r["rule"] for r in rows])
    held = np.zeros(len(rows))
    for doc in sorted(set(docs)):
        train = fit & (docs != doc)
        w = fit_logistic(x[train], y[train], l2)
        held[docs == doc] = predict(w, x[docs == doc])
    return held


def costs(rows: list[dict], confidence: np.ndarray, threshold: float, wrong: float) -> dict:
    answered = np.array([not r["rule"] for r in rows]) & (confidence >= threshold)
    answerable = np.array([r["answerable"] for r in rows])
    right = np.array([r["right"] for r in rows])
    cost = wrong * (answered & ~(answerable & right)).sum() + (~answered & answerable).sum()
    return {"cost": float(cost), "false_abstention": float((~answered & answerable).sum() / max(1, answerable.sum())),
            "declined": float((~answered & ~answerable).sum() / max(1, (~answerable).sum())),
            "accuracy": float((answered & answerable & right).sum() / max(1, answerable.sum()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.calibrate", description=__doc__.split("\n")[0])
    parser.add_argument("--wrong", type=float, default=3.0, help="cost of a wrong answer, a wrong decline costing 1")
    parser.add_argument("--max-false-abstention", type=float, default=0.07,
                        help="the threshold keeps cross-validated false abstention at most this (default 0.07)")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--rows", help="keep the asked questions' features in this JSON file, and reuse them")
    parser.add_argument("--query-folds", type=Path, help="the fold models of python -m benchmarks.train_query "
                        "--fold-dir: each tuning document's questions embedded by the one tuned without it")
    args = parser.parse_args(argv)
    cache = Path(args.rows) if args.rows else None
    kept = json.loads(cache.read_text()) if cache and cache.is_file() else {}
    fallback = None  # (weights, threshold) of the model without the reader
    for reader, names, label in ((False, FEATURES, "abstain"), (True, READER_FEATURES, "reader_abstain")):
        rows = kept.get(label) or collect(reader, args.query_folds)
        kept[label] = rows
        if cache:
            cache.write_text(json.dumps(kept))
        # with the reader, a question whose quotes it did not read (a summary's openings) is
        # judged by the model without it, as at run time
        read = np.array([len(r["x"]) == len(names) for r in rows])
        if reader and not read.any():
            print("\nno reader model in the package: only the fallback model is fitted")
            break
        held = np.zeros(len(rows))
        held[read] = cross_validate([r for r, k in zip(rows, read) if k], args.l2)
        if (~read).any():
            held[~read] = [predict(fallback[0], np.array(r["x"])) >= fallback[1] for r, k in zip(rows, read) if not k]
        print(f"\n{label}: {len(rows)} questions from {len({r['doc'] for r in rows})} documents, "
              f"{sum(r['rule'] for r in rows)} declined by rule, {int((~read).sum())} judged without the reader; "
              f"leave-one-document-out:")
        print(f"{'threshold':>10}{'cost':>8}{'false abstention':>18}{'declined':>10}{'accuracy':>10}")
        best = None
        for t in np.arange(0.05, 0.95, 0.025):
            conf = np.where(read, held, np.where(held > 0, 1.0, 0.0))
            c = costs(rows, conf, t, args.wrong)
            print(f"{t:>10.3f}{c['cost']:>8.0f}{c['false_abstention']:>18.3f}{c['declined']:>10.3f}{c['accuracy']:>10.3f}")
            if c["false_abstention"] <= args.max_false_abstention and (best is None or c["cost"] < best[1]["cost"]):
                best = (float(t), c)
        conf = np.where(read, held, np.where(held > 0, 1.0, 0.0))
        for name in ("natural", "questions"):  # the seed's dev sets, by the same cross-validated decisions
            mine = [n for n, r in enumerate(rows) if r["set"] == name]
            c = costs([rows[n] for n in mine], conf[mine], best[0], args.wrong)
            print(f"  seed {name}.jsonl at {best[0]:.3f}: false abstention {c['false_abstention']:.3f}, "
                  f"declined {c['declined']:.3f}, accuracy {c['accuracy']:.3f}")
        x = np.array([r["x"] for r, k in zip(rows, read) if k])
        y = np.array([r["answerable"] for r, k in zip(rows, read) if k], dtype=float)
        fit = np.array([not r["rule"] for r, k in zip(rows, read) if k])
        w = fit_logistic(x[fit], y[fit], args.l2)
        fallback = fallback or (w, best[0])
        print("features:", ", ".join(names))
        print(f"{label}_weights = ({', '.join(f'{v:.3f}' for v in w)})")
        print(f"{label}_threshold = {best[0]:.3f}  (least cross-validated cost with false abstention at most "
              f"{args.max_false_abstention}: false abstention {best[1]['false_abstention']:.3f}, "
              f"declined {best[1]['declined']:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
