"""The dense side of the index: exact inner-product search while small, IVF above.

Built by build.py and rebuilt by store.py when shards are joined or split; searched by
retrieve.py with ivf_probes lists probed. Left out: quantised vectors (the vectors are
kept whole, so a shard can be rebuilt from them).
"""
from __future__ import annotations

import math

import faiss
import numpy as np

from ..settings import Settings


def ivf_lists(vectors: int) -> int:
    """Inverted lists for an IVF index: about 4·√n, with at least 39 training points each."""
    return max(1, min(round(4 * math.sqrt(vectors)), vectors // 39))


def ivf_probes(lists: int) -> int:
    """Lists searched per query: 1/16 of them (recall@10 0.957 at 1M vectors: README, Scale)."""
    return min(lists, max(8, lists // 16))


def dense_index(vectors: np.ndarray, settings: Settings) -> tuple[faiss.Index, str]:
    """Exact inner-product search while small, IVF above (see Settings.dense_index_type)."""
    kind = settings.dense_index_type(len(vectors))
    dim = vectors.shape[1]
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    else:
        lists = ivf_lists(len(vectors))
        index = faiss.index_factory(dim, f"IVF{lists},Flat", faiss.METRIC_INNER_PRODUCT)
        sample = vectors
        if len(vectors) > 40 * lists:  # k-means needs no more than this
            rows = np.random.default_rng(0).choice(len(vectors), 40 * lists, replace=False)
            sample = vectors[np.sort(rows)]
        index.train(sample)
    index.add(vectors)
    return index, kind


def empty_dense(manifest: dict) -> faiss.Index:
    """An index with no vectors, for a version whose vectors were not loaded."""
    return faiss.IndexFlatIP(int(manifest["dimension"]))
