"""Extractive answers: pick the sentence(s) that answer, and decide when nothing does.

A sentence's score adds its own cosine with the question, the IDF-weighted share of the
question's terms it contains, the score of the passage it sits in, and a bonus when it
holds the kind of answer asked for. A narrow question gets its best sentence (and a
runner-up beside it); a broad one ("what are the side effects?") gets up to
`max_quotes` distinct sentences from different passages, best first.

The evidence is judged weak, and the answer withheld, when the question names something
the documents never mention (a drug, gene or trial), when much of what it asks about is
nowhere in the documents even with lay words bridged, when its concepts are mostly
absent from the best passages, or when no sentence is close to it: a single similarity
threshold cannot tell a lay paraphrase from an unanswerable question.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .retrieve import Hit, Retriever
from .settings import Settings
from .understand import Query, holds_kind


@dataclass(frozen=True)
class Quote:
    rank: int  # index into the hits (the passage it cites)
    start: int  # document offsets of the quoted sentence
    end: int
    score: float


@dataclass(frozen=True)
class Evidence:
    coverage: float  # share of the question's concepts found in the top passages
    best_cosine: float  # best sentence cosine among the top passages
    unmatched: float  # share of the question's concepts found nowhere in the documents
    unknown_names: tuple[str, ...]  # names the documents never mention
    found: bool


def score_sentences(retriever: Retriever, hits: list[Hit], query: Query, unit_cos: np.ndarray,
                    type_weight: float, look_at: int = 3, term_weight: float = 0.25,
                    passage_weight: float = 1.0) -> list[Quote]:
    """Every sentence of the first `look_at` passages, scored, best first."""
    data = retriever.data
    weights = {t: w * retriever.vocab.idf(t) for t, w in query.weights.items()}
    total = sum(weights.values()) or 1.0
    kinds = [k for k in query.kinds if retriever.kind_bonus((k,)).any()][:1]
    scored: list[Quote] = []
    for rank, hit in enumerate(hits[:look_at]):
        chunk = data.chunks[hit.chunk]
        for row in retriever.rows(hit.chunk)[1:]:  # row 0 is the whole passage
            s, e = (int(x) for x in data.unit_span[row])
            text = chunk.text[s - chunk.start:e - chunk.start]
            own = set(data.lexicon.expand(retriever.tokenize(text)))
            overlap = sum(w for t, w in weights.items() if t in own) / total
            held = any(holds_kind(text, k) for k in kinds)
            score = (float(unit_cos[row]) + term_weight * overlap + passage_weight * hit.score
                     + type_weight * held)
            scored.append(Quote(rank, s, e, score))
    scored.sort(key=lambda q: -q.score)
    return scored


def choose_quotes(retriever: Retriever, hits: list[Hit], query: Query, unit_cos: np.ndarray,
                  settings: Settings, *, look_at: int = 3, term_weight: float = 0.25,
                  type_weight: float | None = None) -> list[Quote]:
    """The quotes that answer: for a narrow question the best sentence (and a runner-up
    next to it in the same passage when it scores nearly as well); for a broad one the
    best sentence of each of several passages."""
    type_weight = settings.type_weight if type_weight is None else type_weight
    if query.broad and settings.broad_answers and settings.max_quotes > 1:
        return _broad_quotes(retriever, hits, query, unit_cos, settings, type_weight)
    scored = score_sentences(retriever, hits, query, unit_cos, type_weight, look_at, term_weight)
    names = query.held_names(retriever.vocab, settings.name_weight) if settings.name_check else []
    if names:  # a question about a named drug, gene or trial is answered by a sentence naming it
        scored = [q for q in scored if all(_names(retriever, hits, q, c) for c in names)]
    if not scored:
        return []
    best = scored[0]
    quotes = [best]
    for other in scored[1:3]:
        if other.rank == best.rank and other.score >= best.score - 0.05:
            quotes.append(other)
            break
    return sorted(quotes, key=lambda q: (q.rank, q.start))


def _names(retriever: Retriever, hits: list[Hit], quote: Quote, concept) -> bool:
    """Whether the quoted sentence (or its passage's heading) names the concept."""
    chunk = retriever.data.chunks[hits[quote.rank].chunk]
    text = chunk.text[quote.start - chunk.start:quote.end - chunk.start] + "\n" + chunk.section
    own = set(retriever.data.lexicon.expand(retriever.tokenize(text)))
    return concept.in_terms(own)


def _broad_quotes(retriever: Retriever, hits: list[Hit], query: Query, unit_cos: np.ndarray,
                  settings: Settings, type_weight: float) -> list[Quote]:
    """Best sentence of each passage among the top ones, while it scores within
    `broad_margin` of the best; no two with mostly the same words; best first."""
    scored = score_sentences(retriever, hits, query, unit_cos, type_weight, look_at=len(hits))
    if not scored:
        return []
    data = retriever.data
    top = scored[0].score
    chosen: list[Quote] = []
    words: list[set[str]] = []
    for quote in scored:
        if len(chosen) == settings.max_quotes or quote.score < top - settings.broad_margin:
            break
        if any(q.rank == quote.rank for q in chosen):
            continue
        chunk = data.chunks[hits[quote.rank].chunk]
        own = set(retriever.tokenize(chunk.text[quote.start - chunk.start:quote.end - chunk.start]))
        if any(len(own & w) / max(1, len(own | w)) > 0.5 for w in words):
            continue  # says the same thing again
        chosen.append(quote)
        words.append(own)
    return chosen


def judge(retriever: Retriever, hits: list[Hit], query: Query, unit_cos: np.ndarray,
          settings: Settings, look_at: int = 3) -> Evidence:
    names = query.unknown_names if settings.name_check else ()
    unmatched = query.unmatched(retriever.vocab)
    if not hits:
        return Evidence(0.0, 0.0, unmatched, names, False)
    top = [h.chunk for h in hits[:look_at]]
    coverage = retriever.coverage(query, top)
    rows = np.concatenate([retriever.rows(c) for c in top])
    best = float(unit_cos[rows].max()) if rows.size else 0.0
    found = (not names and unmatched <= settings.max_unmatched
             and coverage >= settings.min_coverage and best >= settings.min_cosine)
    return Evidence(coverage, best, unmatched, names, found)
