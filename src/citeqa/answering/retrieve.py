"""Hybrid retrieval: weighted BM25 over biomedical index terms + dense cosine, fused by a
weighted sum.

The question arrives read (query.Query): its terms carry weights (as asked
1.0, bridged lay words and learned synonyms less, a follow-up's context less again), so
BM25 is summed per term from the index's sparse score matrix and divided by what a
passage holding every term at its best would score, so both sides lie in [0, 1]; the dense score of a
passage is the best of its own vector and its sentences' vectors. Passages that hold the
kind of answer asked for (a date, a dose, a safety finding, ...) move up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import faiss
import numpy as np

from ..index.dense import ivf_probes
from ..settings import Settings
from ..index.store import IndexData
from ..language.text import tokenizer
from ..reading.frequency import commoner_band, rarer_band
from ..reading.instructions import circumstance, instruction_acts
from ..reading.kinds import KIND_HEADINGS, KIND_TOPICS, holds_kind
from ..reading.query import Query
from ..reading.understand import QuestionReader
from ..reading.vocabulary import Vocabulary


# a heading's number ("4.", "5.1", "2 Dosage", "Section 6:", "B)"), no word of what it is about
SECTION_NUMBER = re.compile(r"^\W*(?:(?i:section|part|chapter)\s+)?"
                            r"(?:\d+(?:\.\d+)*(?:[.:)]\s*|\s+)|[A-Z][.:)]\s+)(?=[A-Z])")

# a heading under which a document sums itself up: its summary, or where a leaflet or a label says
# what the medicine is ("1. What Ozempic® is and what it is used for", a label's "1 INDICATIONS AND
# USAGE", "What is RINVOQ?" when RINVOQ is a drug the document is about, not "What is shingles?");
# not a table's or a figure's caption ("Table 2. Tablet strengths at a glance")
SUMMARY_HEADING = re.compile(r"\b(summary|overview|introduction|abstract|at a glance|key (points|facts)|highlights|"
                             r"synopsis|in brief|indications and usage)\b|"
                             r"\bwhat (.{1,80}? (is|are)|(is|are) .{1,80}?) and what (it is|they are|is it|are they) used for\b",
                             re.I)
WHAT_IS = re.compile(r"^\W*what (?:is|are) ([\w-]+)(?: \([\w -]+\))?\W*$", re.I)
# ... or a press release's "About KEYTRUDA® (pembrolizumab) injection, 100 mg", "About tirzepatide"
# (not "About the KEYNOTE-189 trial", "About lung cancer": no drug the document is about)
ABOUT = re.compile(r"^\W*about ([\w-]+)[®™]?(?=[\s(,:]|$)", re.I)
CAPTION = re.compile(r"^\W*(?i:table|figure|fig\.|chart|box)\.?\s+(\d+|[A-Z])\b")


def sums_up(section: str, is_subject=lambda word: False) -> bool:
    """Whether a passage's heading path says it sums its document up (`is_subject`: whether
    a word names a drug the document is about)."""
    return any((SUMMARY_HEADING.search(h) or ((m := WHAT_IS.match(h) or ABOUT.match(h)) and is_subject(m.group(1))))
               and not CAPTION.match(h) for h in section.split(" › "))


def last_heading_and_text(chunk) -> str:
    """A passage's text after the heading it stands right under ("Common (may affect up to 1 in 10
    people)" may head a leaflet's list, or lead into it)."""
    return f"{chunk.section.rsplit(' › ', 1)[-1]}\n{chunk.text}"


def row_dots(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Each row's dot product with the vector, summed the same way whatever the rows around
    it: BLAS blocks a matrix by its shape, so a shard's rows (a slice of the whole) came out
    one float32 ulp apart from the whole index's, and a score rounded for display could
    differ between one process and a sharded index. About 2 ms more per 100,000 rows."""
    return np.einsum("ij,j->i", matrix, vector)


def bm25_ideal(weights: dict[str, float], best: dict[str, float]) -> float:
    """What a passage holding every question term at its best would score: the sum over
    the terms (in the question's order) of weight x the term's best score in the index."""
    ideal = 0.0
    for term, weight in weights.items():
        if term in best:
            ideal += weight * best[term]
    return ideal


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
        self.vocab = Vocabulary(data, self.tokenize)
        self.question_reader = QuestionReader(self.vocab, settings)
        scores = data.bm25.scores
        self._data = np.asarray(scores["data"], dtype=np.float32)
        self.n_docs = len(data.chunks)
        # a chunk's units are rows bounds[c]:bounds[c + 1]; the first is the whole passage
        self.bounds = np.searchsorted(data.unit_chunk, np.arange(self.n_docs + 1))
        self.exact = data.manifest.get("index_type", "flat") == "flat"
        self._holds: dict[str, np.ndarray] = {}
        self._named: tuple[frozenset | None, np.ndarray | None] = (None, None)  # the last under_named_heading
        self._heading_terms: dict[str, frozenset[str]] = {}  # heading path -> its index terms
        self._instructed: tuple[frozenset | None, np.ndarray | None] = (None, None)  # the last under_instructions
        self._only: dict[frozenset, np.ndarray] = {}  # the passages of the documents about some drugs
        if not self.exact and data.dense.ntotal:  # (a cluster's coordinator holds no vectors)
            ivf = faiss.extract_index_ivf(data.dense)
            ivf.nprobe = ivf_probes(ivf.nlist)

    def holds(self, kind: str) -> np.ndarray:
        """Which passages hold an answer of this kind (a date, a dose, a safety finding): say
        it, or are on its topic (on_topic). Computed once per index and kind, not per question."""
        if kind not in self._holds:
            self._holds[kind] = self.on_topic(kind) | np.array([holds_kind(c.text, kind) for c in self.data.chunks],
                                                               dtype=bool)
        return self._holds[kind]

    @cached_property
    def rarer_bands(self) -> np.ndarray:
        """Which passages list only side effects rarer than common (frequency.rarer_band)."""
        return np.array([rarer_band(last_heading_and_text(c)) for c in self.data.chunks], dtype=bool)

    @cached_property
    def commoner_bands(self) -> np.ndarray:
        """Which passages list common or very common side effects (frequency.commoner_band)."""
        return np.array([commoner_band(last_heading_and_text(c)) for c in self.data.chunks], dtype=bool)

    def on_topic(self, kind: str) -> np.ndarray:
        """Which passages hold a kind of answer by where they stand, whatever their words
        (kinds.KIND_TOPICS, KIND_HEADINGS: safety passages, those under a uses heading or a
        contraindications one); for other kinds, none."""
        key = f"topic:{kind}"
        if key not in self._holds:
            topic, heading = KIND_TOPICS.get(kind), KIND_HEADINGS.get(kind)
            self._holds[key] = np.array([(topic is not None and c.topic == topic)
                                         or (heading is not None and bool(heading.search(c.section)))
                                         for c in self.data.chunks], dtype=bool)
        return self._holds[key]

    @cached_property
    def summaries(self) -> np.ndarray:
        """The passages that sum a document up: under a heading that says so ("Quick
        Summary", "Overview", "Abstract", sums_up); in a document with none, its first passage."""
        chunks = self.data.chunks
        subjects = self.vocab.drugs.subjects

        def names_subject(source: str):  # (its drugs' names looked up only for a "What is X?" or "About X" heading)
            return lambda word: bool(set(self.data.lexicon.expand(self.tokenize(word)))
                                     & self.vocab.drug_terms(subjects.get(source, [])))
        said: dict[tuple[str, str], bool] = {}  # each heading path read once per document
        for c in chunks:
            if (c.section, c.source) not in said:
                said[c.section, c.source] = sums_up(c.section, names_subject(c.source))
        marked = np.array([said[c.section, c.source] for c in chunks], dtype=bool)
        first: dict[str, int] = {}  # each document's first passage, in one pass
        for i, c in enumerate(chunks):
            if c.source not in first or c.start < chunks[first[c.source]].start:
                first[c.source] = i
        summed = {c.source for c, m in zip(chunks, marked) if m}
        marked[[i for source, i in first.items() if source not in summed]] = True
        return marked

    @cached_property
    def _headings(self) -> tuple[np.ndarray, list[tuple[frozenset[str], ...]]]:
        """Each passage's heading path (an index into the distinct ones), and each distinct
        path's headings, outermost first, as sets of index terms: without its section number,
        what it says in brackets or its generic words ("Key Drug Interactions (Mechanism-Based)"
        is named by "drug interactions", "4. Possible side effects" by "side effects")."""
        paths = list(dict.fromkeys(c.section for c in self.data.chunks))
        code = {p: i for i, p in enumerate(paths)}
        generic = self.question_reader.generic

        def terms(heading: str) -> frozenset[str]:
            heading = SECTION_NUMBER.sub("", re.sub(r"\([^)]*\)", " ", heading))
            return frozenset(t for t in self.tokenize(heading) if t not in generic)
        return (np.array([code[c.section] for c in self.data.chunks], dtype=np.int64),
                [tuple(terms(h) for h in p.split(" › ")) for p in paths])

    def under_named_heading(self, asked: set[str]) -> np.ndarray:
        """Which passages sit under a heading whose every term the question asks
        ("Approved Indications" for "which indications is it approved for?"): the items
        of the list a broad question wants."""
        key, last = frozenset(asked), self._named  # (one read: another thread may replace it)
        if last[0] == key:  # search and the broad answer ask it of the same question
            return last[1]
        codes, paths = self._headings
        named = np.array([any(h and h <= key for h in path) for path in paths], dtype=bool)
        named = named[codes] if len(codes) else np.zeros(0, dtype=bool)
        self._named = (key, named)
        return named

    @cached_property
    def _instructions(self) -> dict[str, np.ndarray]:
        """Each act some heading gives instructions for ("How to take Metformin tablets":
        take), and the passages under such a heading and under no heading below it that sets
        a circumstance the asker has not stated ("If you forget to take Eliquis");
        reading.instructions."""
        acts: dict[str, tuple[str, ...]] = {}
        for c in self.data.chunks:
            if c.section not in acts:
                path = c.section.split(" › ")
                acts[c.section] = tuple(a for n, h in enumerate(path) if not any(map(circumstance, path[n + 1:]))
                                        for a in instruction_acts(h))
        under: dict[str, list[int]] = {}
        for i, c in enumerate(self.data.chunks):
            for a in acts[c.section]:
                under.setdefault(a, []).append(i)
        return {a: np.array(passages, dtype=np.int64) for a, passages in under.items()}

    def under_instructions(self, asked: frozenset[str]) -> np.ndarray:
        """Which passages sit under instructions for an act a question asks how to do
        ("how do I take it?": those under "How to take Metformin tablets"). Search, the
        quotes and the judge ask it of the same question: the last answer is kept."""
        last = self._instructed  # (one read: another thread may replace it)
        if last[0] == asked:
            return last[1]
        out = np.zeros(self.n_docs, dtype=bool)
        for act in asked & self._instructions.keys():
            out[self._instructions[act]] = True
        self._instructed = (asked, out)
        return out

    def heading_terms(self, chunk: int) -> frozenset[str]:
        """The index terms (with learned synonyms) of a passage's headings: a quoted
        sentence is read with them. Computed once per heading path."""
        section = self.data.chunks[chunk].section
        terms = self._heading_terms.get(section)
        if terms is None:
            terms = self._heading_terms[section] = frozenset(self.data.lexicon.expand(self.tokenize(section)))
        return terms

    def asked_kind(self, kinds: tuple[str, ...]) -> str | None:
        """The first kind asked for that tells passages apart (some hold it, some do not):
        the one both the passage and the quote bonus go by."""
        for kind in kinds:
            held = self.holds(kind)
            if held.any() and not held.all():
                return kind
        return None

    def only_about(self, drugs) -> np.ndarray | None:
        """Which passages may answer a question about these drugs: those of the documents
        about them (entities.Drugs); None when every passage may (no drug, or every
        document is about it)."""
        sources = self.vocab.drugs.about(drugs) if drugs else set()
        if not sources or not ({c.source for c in self.data.chunks} - sources):
            return None
        key = frozenset(sources)
        if key not in self._only:
            if len(self._only) > 64:
                self._only.clear()
            self._only[key] = np.array([c.source in sources for c in self.data.chunks], dtype=bool)
        return self._only[key]

    def drugs_of(self, chunk: int) -> list[int]:
        """The drugs a passage's document is about."""
        return self.vocab.drugs.subjects.get(self.data.chunks[chunk].source, [])

    @cached_property
    def several_drugs(self) -> bool:
        """Whether the documents are about more than one drug (a question naming none may
        then be answered about any of them, and its quotes say which)."""
        return len({tuple(v) for v in self.vocab.drugs.subjects.values() if v}) > 1

    def rows(self, chunk: int) -> np.ndarray:
        return np.arange(self.bounds[chunk], self.bounds[chunk + 1])

    def read(self, question: str, history=()) -> Query:
        return self.question_reader.read(question, history)

    # ------------------------------------------------------------ search

    def bm25_scores(self, weights: dict[str, float], ideal: float | None = None) -> np.ndarray:
        """Weighted BM25 of every passage (the sum over terms of weight x the term's BM25),
        divided by what a passage holding every term at its best would score (bm25_ideal;
        a shard is given the whole index's), so it lies in [0, 1] and a passage matching
        one minor word of the question scores low, however far ahead of the others it is."""
        scores, best = self.bm25_parts(weights)
        ideal = bm25_ideal(weights, best) if ideal is None else ideal
        return scores / ideal if ideal > 0 else scores

    def bm25_parts(self, weights: dict[str, float]) -> tuple[np.ndarray, dict[str, float]]:
        """The weighted sums before normalising, and each term's best score here: what an
        index shard reports, so that the whole index's normalisation can be rebuilt."""
        scores = np.zeros(self.n_docs, dtype=np.float32)
        best: dict[str, float] = {}
        for term, weight in weights.items():
            j = self.vocab.term_id.get(term)
            if j is None:
                continue
            a, b = self.vocab.indptr[j], self.vocab.indptr[j + 1]
            if a == b:
                continue
            part = self._data[a:b]
            scores[self.vocab.indices[a:b]] += weight * part
            best[term] = float(part.max())
        return scores, best

    def score(self, weights: dict[str, float], q_vec: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Both sides for a question: every passage's normalised BM25 and the units' cosines
        (what search, answer selection and abstention are computed from)."""
        bm25 = self.bm25_scores(weights)
        return bm25, self.unit_cosines(q_vec, bm25)

    def dense_scores(self, unit_cos: np.ndarray) -> np.ndarray:
        """A passage's cosine: the best of its own and its sentences' (or its own alone)."""
        if self.settings.sentence_vectors:
            return np.maximum.reduceat(unit_cos, self.bounds[:-1])
        return unit_cos[self.bounds[:-1]]

    def fuse(self, bm25: np.ndarray, dense: np.ndarray) -> np.ndarray:
        w = self.settings.bm25_weight
        return w * bm25 + (1 - w) * dense

    def unit_cosines(self, q_vec: np.ndarray, bm25: np.ndarray) -> np.ndarray:
        """Cosine of embedded units with the query. With an exact index, every unit's;
        with an approximate (IVF) one, only the units of the passages that either side puts
        among its top `candidates` (computed exactly), and -1 for the rest."""
        q_vec = np.asarray(q_vec, dtype=np.float32)
        if self.exact:
            return row_dots(self.data.vectors, q_vec)
        n = self.settings.candidates
        _, found = self.data.dense.search(q_vec.reshape(1, -1), n)
        chunks = set(self.data.unit_chunk[found[0][found[0] >= 0]].tolist())
        if self.n_docs:
            lexical = np.argpartition(-bm25, min(n, self.n_docs) - 1)[:n]
            chunks.update(int(c) for c in lexical if bm25[c] > 0)
        cos = np.full(self.data.dense.ntotal, -1.0, dtype=np.float32)
        if chunks:
            rows = np.concatenate([self.rows(c) for c in sorted(chunks)])
            cos[rows] = row_dots(self.data.vectors[rows], q_vec)
        return cos

    def search(self, bm25: np.ndarray, unit_cos: np.ndarray, k: int,
               topic: str | None = None, kinds: tuple[str, ...] = (), named: set[str] | None = None,
               whole: bool = False, only: np.ndarray | None = None, acts: frozenset[str] = frozenset(),
               commonest: bool = False) -> list[Hit]:
        """The top k passages by fused score, among `only` when given (the passages of the
        documents about the drug asked about). Those holding the kind of answer asked for
        move up by `type_weight`; those under instructions for the act a question asks how
        to do (`acts`: Query.acts) by `instruction_weight`; given the terms of a question that
        wants a list (`named`), those under a heading it names ("Approved Indications") by
        `heading_weight`; for a question about the documents' subject as a whole ("give me
        the rundown on it"), their summaries by `summary_weight`. Asked for side effects in
        general (`commonest`), a passage listing only rarer ones than common holds no answer
        of the kind asked for ("Very rare: low blood sugar" is not what lisinopril usually
        does), and one listing common ones moves up by `type_weight` more."""
        if not self.n_docs:
            return []
        tw = self.settings.type_weight
        dense = self.dense_scores(unit_cos)
        fused = self.fuse(bm25, dense)
        if named and self.settings.heading_weight:
            fused = fused + self.settings.heading_weight * self.under_named_heading(named)
        if whole and self.settings.summary_weight:
            fused = fused + self.settings.summary_weight * self.summaries
        if acts and self.settings.instruction_weight:
            fused = fused + self.settings.instruction_weight * self.under_instructions(acts)
        if only is not None:
            fused = np.where(only, fused, -np.inf)
        order = np.argsort(-fused, kind="stable")
        kind = self.asked_kind(kinds) if tw else None
        if kind:  # passages that hold the kind of answer asked for move up
            top = order[: self.settings.candidates]
            held = self.holds(kind)[top].astype(float)
            if commonest and kind == "safety":
                held = held * ~self.rarer_bands[top] + self.commoner_bands[top]
            fused[top] += tw * held
            order = np.concatenate([top[np.argsort(-fused[top], kind="stable")], order[len(top):]])
        hits: list[Hit] = []
        seen: set[str] = set()
        for i in order:
            chunk = self.data.chunks[i]
            if (topic and chunk.topic != topic) or (only is not None and not only[i]):
                continue
            text = " ".join(chunk.text.split())
            if text in seen:  # the same words from another file or place
                continue
            seen.add(text)
            hits.append(Hit(int(i), float(fused[i]), float(bm25[i]), float(dense[i])))
            if len(hits) == k:
                break
        return hits
