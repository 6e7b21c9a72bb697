"""The BM25 side of an index is read and written without bm25s (index/bm25.py), in bm25s's
own files: an index written either way opens with the other, with the same scores."""
from __future__ import annotations

import bm25s
import numpy as np

from citeqa.index.bm25 import BM25Arrays

CORPUS = [["dupilumab", "block", "il4", "il13"], ["inject", "every", "two", "week"],
          ["conjunctivitis", "common", "adverse", "reaction", "dupilumab"]]


def built() -> bm25s.BM25:
    model = bm25s.BM25(k1=1.2, b=0.2)
    model.index(CORPUS, show_progress=False)
    return model


def same(a: dict, b: dict) -> None:
    for key in ("data", "indices", "indptr"):
        assert np.array_equal(np.asarray(a[key]), np.asarray(b[key]))
    assert int(a["num_docs"]) == int(b["num_docs"]) == len(CORPUS)


def test_written_here_opens_in_bm25s(tmp_path):
    model = built()
    BM25Arrays.from_bm25s(model).save(tmp_path / "bm25")
    again = bm25s.BM25.load(str(tmp_path / "bm25"), show_progress=False, verbosity=0)
    same(again.scores, model.scores)
    assert again.vocab_dict == model.vocab_dict
    assert (again.k1, again.b, again.method) == (model.k1, model.b, model.method)


def test_written_by_bm25s_opens_here(tmp_path):
    model = built()
    model.save(str(tmp_path / "bm25"), show_progress=False)
    arrays = BM25Arrays.load(tmp_path / "bm25")
    same(arrays.scores, model.scores)
    assert arrays.vocab_dict == model.vocab_dict
    assert arrays.params["k1"] == 1.2 and "num_docs" not in arrays.params
