"""On Ray, measured side by side in one run on a local Ray instance (this machine: 2 cores):

- build throughput: texts embedded per second through Ray Data with 1 and with 2
  embedding actors (actor start and model load included, as a build sees them), and the ratio;
- the cost of the fan-out: sharded ask p50 ÷ single-process ask p50, for 1 to 4 shards,
  on the same index (same vectors) and the same questions;
- memory: what one shard actor holds for the vectors of a quarter of 1M synthetic vectors
  (FAISS flat index + the NumPy copy kept for re-scoring), as its resident size grows.
"""
from __future__ import annotations

import shutil
import statistics
import time
import warnings
from pathlib import Path

import numpy as np

from citeqa import Assistant, Settings
from citeqa.index.build import unit_texts
from citeqa.evaluate import load_questions

DIM = 384


def run_distributed(seeds: Path, questions: list[Path], work: Path, shard_vectors: int = 250_000,
                    texts: int = 512, repeat: int = 2, log=print) -> dict:
    import ray

    from citeqa.cluster import RayEmbedder

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        local = work / "seeds"
        shutil.copytree(seeds, local)
        single = Assistant(local, work / "single")
        corpus = [t for c in single._state[0].chunks for _, _, t in unit_texts(c)]
        sample = [f"{t} ({n})" for n in range(texts // len(corpus) + 1) for t in corpus][:texts]
        build = {}
        for actors in (1, 2):
            seconds, _ = _timed(lambda: RayEmbedder(single.settings.model, batch_size=32, actors=actors).encode(sample))
            build[actors] = len(sample) / seconds
            log(f"  {actors} embedding actor(s): {build[actors]:.1f} texts/s")

        qs = [(row["q"], tuple(row.get("prev", ()))) for path in questions for row in load_questions(path)]
        single_s = [_timed(lambda: single.ask(q, history=h))[0] for _ in range(repeat) for q, h in qs]
        fan_out = {}
        for shards in (1, 2, 3, 4):
            shutil.copytree(work / "single", work / f"shards-{shards}")
            with warnings.catch_warnings():  # "rebuilding the index: … (shards)": re-sharding, as meant
                warnings.simplefilter("ignore")
                bot = Assistant(local, work / f"shards-{shards}", settings=Settings(shards=shards), cluster="local")
            bot.ask("warm up")
            asks = [_timed(lambda: bot.ask(q, history=h))[0] for _ in range(repeat) for q, h in qs]
            fan_out[shards] = statistics.median(asks)
            bot.close()
            log(f"  {shards} shard(s): ask p50 {fan_out[shards] * 1000:.1f} ms")
        write_shard_vectors(shard_vectors, work / "shard.faiss")  # measured in a fresh Ray worker
        memory = ray.get(ray.remote(num_cpus=1, max_calls=1)(shard_memory).remote(str(work / "shard.faiss")))
        log(f"  one shard of {shard_vectors:,} vectors: {memory / 2**20:.0f} MiB")
        return {"texts": len(sample), "build": build, "single_p50": statistics.median(single_s),
                "fan_out": fan_out, "questions": len(single_s), "shard_vectors": shard_vectors,
                "shard_memory": memory}
    finally:
        ray.shutdown()


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def _resident() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def write_shard_vectors(vectors: int, path: Path) -> None:
    """A FAISS flat index of random unit vectors, as one shard's dense.faiss."""
    import faiss

    data = np.random.default_rng(0).standard_normal((vectors, DIM), dtype=np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    index = faiss.IndexFlatIP(DIM)
    index.add(data)
    faiss.write_index(index, str(path))


def shard_memory(path: str) -> int:
    """Resident growth of a (fresh) process loading a shard's vectors as store.load_version
    does: the FAISS flat index, and the NumPy copy of its vectors kept for re-scoring."""
    import faiss

    before = _resident()
    index = faiss.read_index(path)
    held = np.ascontiguousarray(index.reconstruct_n(0, index.ntotal))
    grown = _resident() - before
    del held, index
    return grown


def markdown(r: dict) -> str:
    b1, b2 = r["build"][1], r["build"][2]
    rows = [("build: texts embedded per second, 1 embedding actor", f"{b1:.1f}"),
            ("build: texts embedded per second, 2 embedding actors", f"{b2:.1f}"),
            ("build: 2 actors ÷ 1 actor", f"{b2 / b1:.2f}")]
    rows += [(f"sharded ask p50 ÷ single-process ask p50, {n} shard{'s' if n > 1 else ''}",
              f"{p50 / r['single_p50']:.2f}") for n, p50 in sorted(r["fan_out"].items())]
    rows.append((f"one shard's vectors in memory, 1M synthetic vectors split 4 ways ({r['shard_vectors']:,} each)",
                 f"{r['shard_memory'] / 2**20:.0f} MiB"))
    out = ["| measure | value |", "|---|---|"] + [f"| {name} | {value} |" for name, value in rows]
    out += ["", f"{r['texts']} texts embedded per build run (actor start and model load included); "
                f"{r['questions']} questions asked per setting; single-process ask p50 "
                f"{r['single_p50'] * 1000:.1f} ms. A local Ray instance on this machine's 2 cores."]
    return "\n".join(out)
