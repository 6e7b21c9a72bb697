"""The BM25 side of the index as bm25s saves it, read and written without importing bm25s.

bm25s (MIT) computes the scores at build time (build.py). Answering needs only what it
computed: for each term, the passages holding it and their scores (a term-major sparse
matrix), and the vocabulary. bm25s imports scipy, which is a third of a cold `citeqa
ask`; so opening an index reads bm25s's own files with NumPy, and an index written either
way opens with the other. Left out: scoring here (retrieve.py sums the rows it needs).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

FILES = {"data": "data.csc.index.npy", "indices": "indices.csc.index.npy", "indptr": "indptr.csc.index.npy"}
VOCAB = "vocab.index.json"
PARAMS = "params.index.json"
PARAM_NAMES = ("k1", "b", "delta", "method", "idf_method", "dtype", "int_dtype", "backend")


@dataclass
class BM25Arrays:
    # "data", "indices", "indptr": term t's passages are indices[indptr[t]:indptr[t+1]], with
    # their scores in data; "num_docs": how many passages
    scores: dict
    vocab_dict: dict[str, int]  # index term -> row
    params: dict = field(default_factory=dict)  # as bm25s saved them (k1, b, method, version...)

    @classmethod
    def from_bm25s(cls, model) -> BM25Arrays:
        """The arrays of a bm25s.BM25 that has indexed a corpus."""
        import bm25s  # noqa: PLC0415 - only a build has one

        params = {name: getattr(model, name) for name in PARAM_NAMES}
        return cls(dict(model.scores), dict(model.vocab_dict), dict(params, version=bm25s.__version__))

    @classmethod
    def load(cls, folder: str | Path) -> BM25Arrays:
        folder = Path(folder)
        params = json.loads((folder / PARAMS).read_text(encoding="utf-8"))
        scores = {key: np.load(folder / name, allow_pickle=False) for key, name in FILES.items()}
        scores["num_docs"] = params.pop("num_docs")
        vocab = json.loads((folder / VOCAB).read_text(encoding="utf-8"))
        return cls(scores, vocab, params)

    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for key, name in FILES.items():
            np.save(folder / name, np.asarray(self.scores[key]), allow_pickle=False)
        (folder / VOCAB).write_text(json.dumps(self.vocab_dict, ensure_ascii=False), encoding="utf-8")
        params = dict(self.params, num_docs=int(self.scores["num_docs"]))
        (folder / PARAMS).write_text(json.dumps(params, indent=4), encoding="utf-8")
