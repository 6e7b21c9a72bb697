"""How cost grows from 10k to 1M passages, for the dense and the BM25 side.

Embedding a million passages on 2 CPU cores would take about half a day, so the corpora
are synthetic:
- dense: clustered unit vectors of the model's dimension (384): one random centre per 50
  passages (a topic), each point its centre plus isotropic Gaussian noise, normalised.
  Real embeddings cluster by topic, but vary along far fewer directions than isotropic
  noise does, so this is a hard case for approximate search. Queries are drawn the same way.
- BM25: passages of 50 index terms, 45 drawn from the seed documents' own terms with
  their frequencies and 5 from a Zipf-distributed tail of rarer terms (names, codes), so
  the vocabulary grows with the corpus as a real one does. Queries are 4 terms of a random
  passage.

Each (side, index, size) runs in its own process; the memory reported is what building
the index added to the process (anonymous resident memory after minus before). The dense
indexes are built by the engine's own code (citeqa.index.dense.dense_index): exact FAISS flat
search against IVF, whose recall@10 is measured against the exact top 10.

    python -m benchmarks.scale worker dense-ivf 100000   # one measurement, as JSON
"""
from __future__ import annotations

import ctypes
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from citeqa.index.dense import dense_index, ivf_probes
from citeqa.settings import Settings

DIM = 384
QUERIES = 100
SEED_TEXT = Path(__file__).resolve().parent.parent / "seeds"
PROBE_SHARES = (64, 32, 16, 8)  # IVF: search 1/64 ... 1/8 of the lists, for k = 10


def rss_anon() -> int:
    """Anonymous resident memory of this process in bytes (RssAnon: heap, not mapped files),
    after handing freed heap back to the system so that it is not counted."""
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) * 1024
    return 0


def clustered(n: int, rng: np.random.Generator, centres: np.ndarray) -> np.ndarray:
    out = np.empty((n, DIM), dtype=np.float32)
    for s in range(0, n, 100_000):
        e = min(n, s + 100_000)
        x = centres[rng.integers(0, len(centres), e - s)]
        x = x + 0.9 * rng.standard_normal((e - s, DIM), dtype=np.float32) / np.sqrt(DIM)
        out[s:e] = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out


def dense_data(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Passages and queries: a random centre per 50 passages (a topic), plus isotropic
    Gaussian noise, normalised. Isotropic noise is harder for approximate search than the
    variation among real embeddings, which spans far fewer directions."""
    rng = np.random.default_rng(7)
    centres = rng.standard_normal((max(10, n // 50), DIM), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    return clustered(n, rng, centres), clustered(QUERIES, rng, centres)


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int = 10) -> np.ndarray:
    scores = np.zeros((len(queries), 0), dtype=np.float32)
    ids = np.zeros((len(queries), 0), dtype=np.int64)
    for s in range(0, len(vectors), 200_000):
        block = queries @ vectors[s:s + 200_000].T
        top = np.argpartition(-block, min(k, block.shape[1] - 1), axis=1)[:, :k]
        scores = np.concatenate([scores, np.take_along_axis(block, top, 1)], 1)
        ids = np.concatenate([ids, top + s], 1)
        keep = np.argsort(-scores, axis=1)[:, :k]
        scores, ids = np.take_along_axis(scores, keep, 1), np.take_along_axis(ids, keep, 1)
    return ids


def search_p50(search, queries) -> float:
    times = []
    for q in queries:
        start = time.perf_counter()
        search(q.reshape(1, -1))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def disk_size(write) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index"
        write(str(path))
        return sum(p.stat().st_size for p in [path, *path.rglob("*")] if p.is_file())


def dense_worker(kind: str, n: int) -> dict:
    """The engine's own index builder (citeqa.index.dense.dense_index), forced to one type."""
    import faiss
    vectors, queries = dense_data(n)
    before = rss_anon()
    start = time.perf_counter()
    index, _ = dense_index(vectors, Settings(index_type=kind))
    build_s = time.perf_counter() - start
    out = {"build_s": build_s, "memory": rss_anon() - before,
           "disk": disk_size(lambda p: faiss.write_index(index, p))}
    if kind == "flat":
        out["search_p50"] = search_p50(lambda q: index.search(q, 10), queries[:30] if n >= 500_000 else queries)
        return out
    truth = exact_top(vectors, queries)
    ivf = faiss.extract_index_ivf(index)
    out["lists"] = ivf.nlist
    engine = Settings()
    runs = [(f"1/{share}", max(1, ivf.nlist // share), 10) for share in PROBE_SHARES]
    runs.append(("engine", ivf_probes(ivf.nlist), engine.candidates))
    for label, probes, k in runs:
        ivf.nprobe = probes
        out[f"probes {label}"] = probes
        out[f"search_p50 {label}"] = search_p50(lambda q: index.search(q, k), queries)
        found = index.search(queries, k)[1]
        out[f"recall10 {label}"] = float(np.mean([len(set(t) & set(f)) / 10 for t, f in zip(truth, found)]))
    return out


def seed_terms() -> tuple[list[str], np.ndarray]:
    from citeqa.language.text import tokenize
    counts = Counter(t for p in sorted(SEED_TEXT.rglob("*.txt")) for t in tokenize(p.read_text(encoding="utf-8")))
    terms = sorted(counts, key=lambda t: -counts[t])
    freq = np.array([counts[t] for t in terms], dtype=np.float64)
    return terms, freq / freq.sum()


def bm25_worker(n: int) -> dict:
    import bm25s
    from bm25s.tokenization import Tokenized
    terms, p = seed_terms()
    rng = np.random.default_rng(11)
    common = rng.choice(len(terms), size=(n, 45), p=p)
    tail = len(terms) + rng.zipf(1.2, size=(n, 5)) % 2_000_000  # rarer terms, ids after the seed's
    ids = np.concatenate([common, tail], axis=1)
    used, ids = np.unique(ids, return_inverse=True)
    ids = ids.reshape(n, 50)
    vocab = {(terms[t] if t < len(terms) else f"x{t}"): i for i, t in enumerate(used.tolist())}
    before = rss_anon()
    start = time.perf_counter()
    bm25 = bm25s.BM25(k1=1.2, b=0.2)
    bm25.index(Tokenized(ids=list(ids), vocab=vocab), show_progress=False)
    build_s = time.perf_counter() - start
    memory = rss_anon() - before
    words = list(vocab)
    queries = [[words[j] for j in ids[i, rng.choice(50, 4, replace=False)]] for i in rng.integers(0, n, QUERIES)]

    def search(q):  # what the engine does: every passage's score, then the top of them
        scores = bm25.get_scores(q)
        return np.argpartition(-scores, 10)[:10]

    times = []
    for q in queries:
        t0 = time.perf_counter()
        search(q)
        times.append(time.perf_counter() - t0)
    return {"build_s": build_s, "disk": disk_size(lambda path: bm25.save(path, show_progress=False)),
            "search_p50": statistics.median(times), "vocabulary": len(vocab), "memory": memory}


def measure(side: str, n: int, log=functools.partial(print, flush=True)) -> dict:
    """Run one worker in a new process and return its measurements."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.scale", "worker", side, str(n)],
                         capture_output=True, text=True, env=dict(os.environ, OMP_NUM_THREADS="2"))
    if out.returncode:
        raise RuntimeError(f"scale worker {side} {n} failed:\n{out.stderr[-2000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    log(f"  {side} {n:,}: " + ", ".join(f"{k} {v:.4g}" for k, v in result.items()))
    return result


def run_scale(sizes: list[int], log=functools.partial(print, flush=True)) -> dict:
    return {n: {side: measure(side, n, log) for side in ("dense-flat", "dense-ivf", "bm25")} for n in sizes}


def markdown(results: dict) -> str:
    mib = 2 ** 20
    out = ["| passages | side | index | build | on disk | memory added | search p50 | ÷ exact | recall@10 |",
           "|---|---|---|---|---|---|---|---|---|"]
    for n, r in results.items():
        flat, ivf, bm25 = r["dense-flat"], r["dense-ivf"], r["bm25"]
        out.append(f"| {n:,} | dense | FAISS flat (exact) | {flat['build_s']:.1f} s | {flat['disk'] / mib:.0f} MiB | "
                   f"{flat['memory'] / mib:.0f} MiB | {flat['search_p50'] * 1000:.2f} ms | 1 | 1 |")
        build = f"{ivf['build_s']:.1f} s | {ivf['disk'] / mib:.0f} MiB | {ivf['memory'] / mib:.0f} MiB"
        for label in [f"1/{share}" for share in PROBE_SHARES] + ["engine"]:
            what = (f"IVF {ivf['lists']} lists, {ivf[f'probes {label}']} searched, k 10" if label != "engine" else
                    f"**IVF as the engine asks: {ivf['probes engine']} lists, k 200**")
            out.append(f"| {n:,} | dense | {what} | {build} | {ivf[f'search_p50 {label}'] * 1000:.2f} ms | "
                       f"{ivf[f'search_p50 {label}'] / flat['search_p50']:.3f} | {ivf[f'recall10 {label}']:.3f} |")
            build = " | | "
        out.append(f"| {n:,} | BM25 | bm25s sparse, {bm25['vocabulary']:,} terms | {bm25['build_s']:.1f} s | "
                   f"{bm25['disk'] / mib:.0f} MiB | {bm25['memory'] / mib:.0f} MiB | {bm25['search_p50'] * 1000:.2f} ms | | |")
    return "\n".join(out)


def plot(results: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = list(results)
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(13, 4))
    series = [("FAISS flat (exact)", "dense-flat", "search_p50"),
              ("IVF, 1/64 of lists, k 10", "dense-ivf", "search_p50 1/64"),
              ("IVF as the engine asks (1/16 of lists, k 200)", "dense-ivf", "search_p50 engine"),
              ("BM25 (bm25s)", "bm25", "search_p50")]
    for label, side, key in series:
        a.plot(sizes, [results[n][side][key] * 1000 for n in sizes], marker="o", label=label)
    a.set(xscale="log", yscale="log", xlabel="passages", ylabel="search p50 (ms)", title="Search time")
    a.legend(fontsize=8)
    for label, side in (("FAISS flat", "dense-flat"), ("IVF", "dense-ivf"), ("BM25", "bm25")):
        b.plot(sizes, [results[n][side]["build_s"] for n in sizes], marker="o", label=label)
        c.plot(sizes, [results[n][side]["memory"] / 2**20 for n in sizes], marker="o", label=label)
    b.set(xscale="log", yscale="log", xlabel="passages", ylabel="seconds", title="Build time")
    c.set(xscale="log", yscale="log", xlabel="passages", ylabel="MiB", title="Memory added by the index")
    b.legend(fontsize=8)
    c.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    side, n = sys.argv[2], int(sys.argv[3])
    result = bm25_worker(n) if side == "bm25" else dense_worker(side.split("-")[1], n)
    print(json.dumps(result))
