"""Hybrid retrieval: BM25 over biomedical index terms + dense cosine, fused by a weighted sum.

The BM25 score is divided by the best BM25 score for the query, so both sides lie in
[0, 1]; the dense score of a passage is the best of its own vector and its sentences'
vectors. Query terms missing from the vocabulary are corrected to the closest corpus
term when one is close enough (typos), and expanded with corpus-learned synonyms.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from functools import cached_property

import faiss
import numpy as np

from .build import ivf_probes
from .settings import Settings
from .store import IndexData
from .text import tokenizer


# What kind of answer a question wants, and how such an answer looks in text.
ANSWER_TYPES = {
    "date": (re.compile(r"^\s*(when\b|(in |by )?(what|which) (year|month|date)\b)", re.I),
             re.compile(r"\b(1[89]\d\d|20\d\d)\b|\b(january|february|march|april|may|june|july|august|"
                        r"september|october|november|december)\b", re.I)),
    "number": (re.compile(r"^\s*(how (many|much|common|often|long|large)|(what|which) (percentage|proportion|"
                          r"share|fraction|rate|number|dose|accuracy|count)|by how much)\b", re.I),
               re.compile(r"\d")),
}


def answer_type(question: str) -> str | None:
    for name, (asks, _) in ANSWER_TYPES.items():
        if asks.search(question):
            return name
    return None


def has_answer_type(text: str, kind: str | None) -> bool:
    return kind is not None and bool(ANSWER_TYPES[kind][1].search(text))


@dataclass(frozen=True)
class Hit:
    chunk: int  # position in IndexData.chunks
    score: float  # fused
    bm25: float  # normalised to the query's best
    dense: float  # cosine


class Retriever:
    def __init__(self, data: IndexData, settings: Settings):
        self.data = data
        self.settings = settings
        self.tokenize = tokenizer(settings)
        vocab = data.bm25.vocab_dict
        self.term_id = {t: i for t, i in vocab.items() if t}
        scores = data.bm25.scores
        self._indptr = np.asarray(scores["indptr"])
        self._indices = np.asarray(scores["indices"])
        self.n_docs = len(data.chunks)
        # a chunk's units are rows bounds[c]:bounds[c + 1]; the first is the whole passage
        self.bounds = np.searchsorted(data.unit_chunk, np.arange(self.n_docs + 1))
        self.exact = data.manifest.get("index_type", "flat") == "flat"
        self._holds: dict[str, np.ndarray] = {}
        if not self.exact:
            ivf = faiss.extract_index_ivf(data.dense)
            ivf.nprobe = ivf_probes(ivf.nlist)

    def holds(self, kind: str) -> np.ndarray:
        """Which passages hold an answer of this kind (a date, a number): computed once per
        index and kind, not per question."""
        if kind not in self._holds:
            self._holds[kind] = np.array([has_answer_type(c.text, kind) for c in self.data.chunks], dtype=bool)
        return self._holds[kind]

    def rows(self, chunk: int) -> np.ndarray:
        return np.arange(self.bounds[chunk], self.bounds[chunk + 1])

    @cached_property
    def _vocab_list(self) -> list[str]:
        return sorted(self.term_id)

    # ------------------------------------------------------------ terms

    def correct(self, term: str) -> str | None:
        """The corpus term this query term was meant to be, or None if none is close."""
        if term in self.term_id:
            return term
        if len(term) < 4 or not term.isalpha():
            return None
        close = difflib.get_close_matches(term, self._vocab_list, n=1, cutoff=0.8)
        return close[0] if close else None

    def query_terms(self, question: str) -> tuple[list[str], list[str]]:
        """(terms as asked, corrected where needed; terms for BM25, synonyms added)."""
        asked = self.tokenize(question)
        if self.settings.typo_correction:
            asked = [self.correct(t) or t for t in asked]
        known = [t for t in asked if t in self.term_id]
        return asked, self.data.lexicon.expand(known)

    def df(self, term: str) -> int:
        j = self.term_id.get(term)
        return 0 if j is None else int(self._indptr[j + 1] - self._indptr[j])

    def idf(self, term: str) -> float:
        df = self.df(term)
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))

    def docs_with(self, term: str) -> np.ndarray:
        j = self.term_id.get(term)
        if j is None:
            return np.zeros(0, dtype=np.int64)
        return self._indices[self._indptr[j]:self._indptr[j + 1]]

    def coverage(self, terms: list[str], docs: list[int]) -> float:
        """IDF-weighted share of the query terms that occur in any of `docs`."""
        terms = list(dict.fromkeys(terms))
        if not terms:
            return 0.0
        weights = [self.idf(t) for t in terms]
        wanted = set(docs)
        covered = sum(w for t, w in zip(terms, weights) if wanted.intersection(self.docs_with(t).tolist()))
        return covered / sum(weights)

    # ------------------------------------------------------------ search

    def bm25_scores(self, terms: list[str]) -> np.ndarray:
        """BM25 of every passage, divided by the best, so it lies in [0, 1]."""
        if not terms or not self.n_docs:
            return np.zeros(self.n_docs, dtype=np.float32)
        scores = np.asarray(self.data.bm25.get_scores(terms), dtype=np.float32)
        top = float(scores.max())
        return scores / top if top > 0 else scores

    def unit_cosines(self, q_vec: np.ndarray, bm25: np.ndarray) -> np.ndarray:
        """Cosine of embedded units with the query. With an exact index, every unit's;
        with an approximate (IVF) one, only the units of the passages that either side puts
        among its top `candidates` (computed exactly), and -1 for the rest."""
        q_vec = np.asarray(q_vec, dtype=np.float32)
        if self.exact:
            return self.data.vectors @ q_vec
        n = self.settings.candidates
        _, found = self.data.dense.search(q_vec.reshape(1, -1), n)
        chunks = set(self.data.unit_chunk[found[0][found[0] >= 0]].tolist())
        if self.n_docs:
            lexical = np.argpartition(-bm25, min(n, self.n_docs) - 1)[:n]
            chunks.update(int(c) for c in lexical if bm25[c] > 0)
        cos = np.full(self.data.dense.ntotal, -1.0, dtype=np.float32)
        if chunks:
            rows = np.concatenate([self.rows(c) for c in sorted(chunks)])
            cos[rows] = self.data.vectors[rows] @ q_vec
        return cos

    def search(self, bm25: np.ndarray, unit_cos: np.ndarray, k: int,
               topic: str | None = None, kind: str | None = None) -> list[Hit]:
        if not self.n_docs:
            return []
        w, tw = self.settings.bm25_weight, self.settings.type_weight
        if self.settings.sentence_vectors:
            dense = np.maximum.reduceat(unit_cos, self.bounds[:-1])
        else:
            dense = unit_cos[self.bounds[:-1]]
        fused = w * bm25 + (1 - w) * dense
        order = np.argsort(-fused, kind="stable")
        if kind and tw:  # passages that hold the kind of answer asked for move up
            top = order[: self.settings.candidates]
            fused[top] += tw * self.holds(kind)[top]
            order = np.concatenate([top[np.argsort(-fused[top], kind="stable")], order[len(top):]])
        hits: list[Hit] = []
        seen: set[str] = set()
        for i in order:
            chunk = self.data.chunks[i]
            if topic and chunk.topic != topic:
                continue
            text = " ".join(chunk.text.split())
            if text in seen:  # the same words from another file or place
                continue
            seen.add(text)
            hits.append(Hit(int(i), float(fused[i]), float(bm25[i]), float(dense[i])))
            if len(hits) == k:
                break
        return hits
