"""Extractive answers: pick the sentence(s) that answer, and decide when nothing does.

A sentence's score adds its own cosine with the question, the IDF-weighted share of the
question's terms it contains, and the score of the passage it sits in. The evidence is
judged weak, and the answer withheld, when the question's key terms are mostly absent
from the best passages or the best sentence is not close to the question: a single
similarity threshold cannot tell a lay paraphrase from an unanswerable question.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .retrieve import Hit, Retriever, has_answer_type
from .settings import Settings


@dataclass(frozen=True)
class Quote:
    rank: int  # index into the hits (the passage it cites)
    start: int  # document offsets of the quoted sentence
    end: int
    score: float


@dataclass(frozen=True)
class Evidence:
    coverage: float  # share of the question's key terms found in the top passages
    best_cosine: float  # best sentence cosine among the top passages
    found: bool


def choose_quotes(retriever: Retriever, hits: list[Hit], terms: list[str], unit_cos: np.ndarray,
                  type_weight: float, kind: str | None = None, look_at: int = 3,
                  term_weight: float = 0.25, passage_weight: float = 1.0) -> list[Quote]:
    """The best sentence among the first `look_at` passages (and a runner-up next to it
    in the same passage when it scores nearly as well)."""
    data = retriever.data
    weights = {t: retriever.idf(t) for t in dict.fromkeys(terms)}
    total = sum(weights.values()) or 1.0
    scored: list[Quote] = []
    for rank, hit in enumerate(hits[:look_at]):
        chunk = data.chunks[hit.chunk]
        rows = retriever.rows(hit.chunk)[1:]  # row 0 is the whole passage
        for row in rows:
            s, e = (int(x) for x in data.unit_span[row])
            text = chunk.text[s - chunk.start:e - chunk.start]
            own = set(data.lexicon.expand(retriever.tokenize(text)))
            overlap = sum(w for t, w in weights.items() if t in own) / total
            score = (float(unit_cos[row]) + term_weight * overlap + passage_weight * hit.score
                     + type_weight * has_answer_type(text, kind))
            scored.append(Quote(rank, s, e, score))
    if not scored:
        return []
    scored.sort(key=lambda q: -q.score)
    best = scored[0]
    quotes = [best]
    for other in scored[1:3]:
        if other.rank == best.rank and other.score >= best.score - 0.05:
            quotes.append(other)
            break
    return sorted(quotes, key=lambda q: (q.rank, q.start))


def judge(retriever: Retriever, hits: list[Hit], asked: list[str], unit_cos: np.ndarray,
          settings: Settings, look_at: int = 3) -> Evidence:
    if not hits:
        return Evidence(0.0, 0.0, False)
    top = [h.chunk for h in hits[:look_at]]
    coverage = retriever.coverage(asked, top)
    rows = np.concatenate([retriever.rows(c) for c in top])
    best = float(unit_cos[rows].max()) if rows.size else 0.0
    found = coverage >= settings.min_coverage and best >= settings.min_cosine
    return Evidence(coverage, best, found)
