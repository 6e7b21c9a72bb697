"""Past one machine, on Ray: the same stages, spread over a cluster.

Nothing here is a second pipeline. A build reads and chunks documents in Ray tasks
(build.read_document: ingest then chunk, one task per changed file) and embeds with Ray Data (`map_batches` over a pool of actors,
each loading the model once), then build.refresh assembles the index as always and
store.save writes it split into shards (``Settings.shards``): version folders of the usual
format whose BM25 scores are sliced from the whole index's, so each scores with the whole
corpus's statistics. Serving, one actor per shard (``Settings.replicas`` copies of each)
holds its vectors and BM25 and answers two questions per ask: each question term's best
BM25 score among its passages, then (with the whole index's normalisation) its top
passages by fused score with their BM25 and their units' cosines. ShardedRetriever joins
them into the arrays one index would have computed, on every passage that matters, and
hands them to the existing fusion, answer selection and abstention.

Ray is an optional extra (``pip install -e '.[ray]'``); "local" starts a Ray instance on
this machine, "auto" joins the cluster RAY_ADDRESS names, anything else is an address.
"""
from __future__ import annotations

import itertools
import logging
import os
import time
from pathlib import Path

import numpy as np

from .index import store
from .index.build import read_document
from .errors import CiteqaError
from .answering.retrieve import Retriever, bm25_ideal
from .settings import Settings


RESTART_WAIT = 60.0  # seconds an ask waits for a restarting shard


class ClusterError(CiteqaError):
    """Ray is missing, the cluster cannot be reached, or a shard failed during an ask."""


def _ray():
    try:
        import ray  # noqa: PLC0415 - an optional extra, imported only when a cluster is asked for
    except ImportError as exc:
        raise ClusterError("Ray is not installed: pip install -e '.[ray]'") from exc
    return ray


def connect(address: str) -> None:
    """Join (or start, for "local") the Ray cluster; once per process."""
    ray = _ray()
    if ray.is_initialized():
        return
    options = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    try:
        if address == "local":
            ray.init(num_cpus=os.cpu_count(), **options)
        else:
            ray.init(address=address, **options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Ray cluster at {address!r}: {exc}") from exc


# ---------------------------------------------------------------- build


def read_documents(seeds: Path, files: list[tuple[Path, bytes]], max_chunk_chars: int,
                   progress: bool = False) -> list:
    """Each file read and cut into passages in its own Ray task (build.read_document: the
    file's bytes travel with the task, so no node needs the seeds folder)."""
    ray = _ray()
    task = ray.remote(read_document)
    return ray.get([task.remote(seeds, path, data, max_chunk_chars) for path, data in files])


class _Embed:
    """A Ray Data actor: loads the model once, then embeds the batches it is given."""

    def __init__(self, model: str):
        from .index.embed import get_embedder  # noqa: PLC0415
        self.embedder = get_embedder(model)

    def __call__(self, batch: dict) -> dict:
        return {"row": batch["row"], "vector": self.embedder.encode([str(t) for t in batch["text"]])}


class RayEmbedder:
    """embed.Embedder over Ray Data: batches of texts to a pool of embedding actors."""

    def __init__(self, model: str, batch_size: int = 64, actors: int = 2):
        self.model_id = model
        self.batch_size = batch_size
        self.actors = actors

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        ray = _ray()
        if progress:
            ray.data.DataContext.get_current().enable_progress_bars = True
        else:  # Ray Data logs its progress otherwise
            logging.getLogger("ray.data").setLevel(logging.WARNING)
        rows = ray.data.from_items([{"row": n, "text": t} for n, t in enumerate(texts)])
        out = rows.map_batches(_Embed, fn_constructor_args=(self.model_id,), batch_size=self.batch_size,
                               compute=ray.data.ActorPoolStrategy(size=self.actors), num_cpus=1,
                               batch_format="numpy")
        vectors = np.zeros((len(texts), 0), dtype=np.float32)
        for batch in out.iter_batches(batch_size=None, batch_format="numpy"):
            if not vectors.shape[1]:
                vectors = np.zeros((len(texts), batch["vector"].shape[1]), dtype=np.float32)
            vectors[batch["row"]] = batch["vector"]
        return vectors


# ---------------------------------------------------------------- serving


class Shard:
    """One shard of a live index, held by a Ray actor (restarted from its folder by Ray
    if it dies). It scores its passages with the one Retriever's code."""

    def __init__(self, folder: str, settings: dict):
        self.retriever = Retriever(store.load_version(Path(folder)), Settings(**settings))

    def best(self, weights: dict[str, float]) -> dict[str, float]:
        """Each question term's best BM25 score among this shard's passages."""
        return self.retriever.bm25_parts(weights)[1]

    def candidates(self, weights: dict[str, float], ideal: float, q_vec: np.ndarray, top: int):
        """This shard's `top` passages by fused score, with the whole index's BM25
        normalisation (`ideal`): (their positions here, their normalised BM25, their units'
        cosines, one array per passage)."""
        r = self.retriever
        bm25 = r.bm25_scores(weights, ideal)
        cos = r.unit_cosines(np.asarray(q_vec, dtype=np.float32), bm25)
        fused = r.fuse(bm25, r.dense_scores(cos))
        chosen = np.argsort(-fused, kind="stable")[:top]
        return chosen, bm25[chosen], [cos[r.bounds[c]:r.bounds[c + 1]] for c in chosen]

    def ready(self) -> bool:
        return True


def shard_folders(version: Path) -> list[Path]:
    """The folders holding a live version's shards (the version itself when unsharded)."""
    manifest = store.read_manifest(version)
    return [version / name for name in manifest["shards"]] if manifest.get("shards") else [version]


def start_shards(version: Path, settings: Settings) -> list[list]:
    """Actors for each shard of a version (settings.replicas per shard), loaded."""
    ray = _ray()
    actor = ray.remote(max_restarts=-1, max_task_retries=0, num_cpus=0)(Shard)
    fields = {f: getattr(settings, f) for f in Settings.__dataclass_fields__}
    replicas = [[actor.remote(str(folder), fields) for _ in range(max(1, settings.replicas))]
                for folder in shard_folders(version)]
    ray.get([a.ready.remote() for group in replicas for a in group])
    return replicas


def stop_shards(replicas: list[list]) -> None:
    ray = _ray()
    for group in replicas:
        for a in group:
            ray.kill(a, no_restart=True)


class ShardedRetriever(Retriever):
    """A Retriever whose BM25 and cosines are computed by the shard actors; everything
    else (reading the question, fusion, answers, abstention) is the one process's code,
    over the index's passages and term statistics held here (its vectors are not)."""

    def __init__(self, data: store.IndexData, settings: Settings, replicas: list[list]):
        super().__init__(data, settings)
        self.replicas = replicas
        self._turn = itertools.count()
        self.chunk_bounds = store.shard_bounds(len(data.chunks), len(replicas))  # as store.split cut them

    def _ask_all(self, method: str, *args_per_shard, wait: float = RESTART_WAIT) -> list:
        """Call `method` on one replica of every shard. A shard that is restarting (Ray
        brings a dead actor back from its folder) is waited for, up to `wait` seconds: the
        calls only read, so asking again is safe. A shard that died while answering fails
        the ask with a ClusterError: an error, never a partial answer."""
        ray = _ray()
        turn = next(self._turn)
        deadline = time.monotonic() + wait
        while True:
            calls = [getattr(group[turn % len(group)], method).remote(*args)
                     for group, args in zip(self.replicas, zip(*args_per_shard))]
            try:
                return ray.get(calls)
            except ray.exceptions.ActorUnavailableError as exc:
                if time.monotonic() > deadline:
                    raise ClusterError(f"an index shard has not come back within {wait:.0f} s: ask again later") from exc
                time.sleep(0.2)
            except ray.exceptions.RayActorError as exc:
                raise ClusterError("an index shard died while answering (Ray is restarting it): ask again") from exc

    def score(self, weights: dict[str, float], q_vec: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Two rounds: each shard's best score per term (the whole index's BM25 ideal is
        their sum over terms of the best), then each shard's top `candidates` passages by
        fused score, with their BM25 and their units' cosines. The arrays one index would
        have computed agree on every passage the fusion, the answer and the evidence look at:
        the whole index's top `candidates` are among the shards' (other passages get BM25 0
        and cosine -1, below them all)."""
        best: dict[str, float] = {}
        for shard_best in self._ask_all("best", [weights] * len(self.replicas)):
            for term, value in shard_best.items():
                best[term] = max(best.get(term, value), value)
        ideal = bm25_ideal(weights, best)
        q_vec = np.asarray(q_vec, dtype=np.float32)
        n = len(self.replicas)
        parts = self._ask_all("candidates", [weights] * n, [ideal] * n, [q_vec] * n,
                              [self.settings.candidates] * n)
        bm25 = np.zeros(self.n_docs, dtype=np.float32)
        unit_cos = np.full(len(self.data.unit_keys), -1.0, dtype=np.float32)
        for (lo, _), (chosen, values, cosines) in zip(self.chunk_bounds, parts):
            for chunk, value, cos in zip(chosen, values, cosines):
                bm25[lo + chunk] = value
                unit_cos[self.bounds[lo + chunk]:self.bounds[lo + chunk + 1]] = cos
        return bm25, unit_cos
