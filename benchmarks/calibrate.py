"""Calibrate abstention: fit the logistic model that decides whether the quotes answer.

    python -m benchmarks.calibrate            # fit on both dev sets, print CV and weights

Every question of both dev sets (tests/data/questions.jsonl, tests/data/natural.jsonl)
is asked once; its evidence features (answer.FEATURES) are the inputs, and whether the
documents answer it is the label. Questions declined for naming something the
documents lack or mention only in passing, or for asking about a label topic none covers, or with no sentence even `min_cosine` close,
are left out: those rules are not learned. The model is an L2-regularised
logistic regression fitted by Newton's method (NumPy only). Five-fold cross-validation
estimates how the weights do on questions they were not fitted on; the threshold is the
one that keeps false abstention at or under `--max-false` in cross-validation, counting the
answerable questions the rules decline (whatever the threshold) against that budget.
Paste the printed weights into Settings.abstain_weights.
"""
from __future__ import annotations

import argparse
import tempfile
import warnings
from pathlib import Path

import numpy as np

from citeqa import Assistant, Settings
from citeqa.answer import FEATURES
from citeqa.evaluate import load_questions

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = [ROOT / "tests" / "data" / "questions.jsonl", ROOT / "tests" / "data" / "natural.jsonl"]


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


def collect(bot: Assistant) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(features, answerable, declined by the topic rule) for every question not declined by
    a name rule, and whether each question declined by a name rule was answerable (those count
    against the false-abstention budget whatever the threshold)."""
    xs, answerable, by_topic, by_rule = [], [], [], []
    for path in DEV_SETS:
        for row in load_questions(path):
            _, evidence = bot.weigh(row["q"], history=row.get("prev", ()))
            if (evidence.unknown_names or evidence.passing_names or evidence.earlier_unanswered
                    or evidence.features["best_cosine"] < bot.settings.min_cosine):
                by_rule.append(bool(row["gold"]))  # declined by rule, not by the model
                continue
            xs.append([evidence.features[f] for f in FEATURES])
            answerable.append(bool(row["gold"]))
            by_topic.append(bool(evidence.uncovered_topics))
    return np.array(xs), np.array(answerable), np.array(by_topic, dtype=bool), np.array(by_rule, dtype=bool)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.calibrate", description=__doc__.split("\n")[0])
    parser.add_argument("--max-false", type=float, default=0.03,
                        help="false abstention allowed in CV, rule declines included (default 0.03: a margin under the 5%% bar)")
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        # every question answered, so that every one has quotes to weigh
        settings = Settings().replace(abstain_threshold=0.0)
        bot = Assistant(ROOT / "seeds", Path(tmp) / "index", settings=settings)
        x, answerable, by_topic, by_rule = collect(bot)
    y = answerable.astype(float)
    rng = np.random.default_rng(0)
    folds = rng.permutation(len(y)) % 5
    held = np.zeros(len(y))
    for k in range(5):
        w = fit_logistic(x[folds != k], y[folds != k], args.l2)
        held[folds == k] = predict(w, x[folds == k])
    print(f"{len(y)} questions ({int(y.sum())} answerable, {int((1 - y).sum())} not) from "
          + ", ".join(p.name for p in DEV_SETS) + f"; {len(by_rule)} more declined by rule "
          f"({int(by_rule.sum())} of them answerable), counted in both columns; {int(by_topic.sum())} of the "
          f"{len(y)} are declined by the topic rule whatever the threshold")
    print(f"{'threshold':>10}{'false abstention':>18}{'declined (unanswerable)':>25}")
    chosen = 0.0
    all_answerable, all_not = answerable.sum() + by_rule.sum(), (~answerable).sum() + (~by_rule).sum()
    for t in np.arange(0.2, 0.725, 0.025):
        declines = (held < t) | by_topic
        false = float(((declines & answerable).sum() + by_rule.sum()) / all_answerable)
        declined = float(((declines & ~answerable).sum() + (~by_rule).sum()) / all_not)
        print(f"{t:>10.3f}{false:>18.3f}{declined:>25.3f}")
        if false <= args.max_false:
            chosen = float(t)
    w = fit_logistic(x, y, args.l2)
    print("\nfeatures:", ", ".join(FEATURES))
    print(f"abstain_weights = ({', '.join(f'{v:.3f}' for v in w)})")
    print(f"abstain_threshold = {chosen:.3f}  (largest with CV false abstention <= {args.max_false})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
