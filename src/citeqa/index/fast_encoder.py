"""Query-time embeddings without torch: the model's BERT encoder run in NumPy.

`sentence_transformers` takes 5-15 s to import (torch, transformers, scikit-learn); a
question needs one short text embedded. For BERT-family sentence-transformers models
(all-MiniLM-L6-v2 among them) with mean pooling, this module reads the model's own files
(config.json, tokenizer.json, model.safetensors, modules.json) and runs the same forward
pass in NumPy: WordPiece with `tokenizers` (Rust, imports in ~0.1 s), embeddings, the
self-attention layers, mean pooling, L2 normalisation. Nothing is exported or converted.

It is only used once it has been checked against sentence-transformers on a fixed probe
set (`check`: every probe's cosine at least `MIN_COSINE`); the check is recorded once per
machine and set of model files (`~/.cache/citeqa/`, or `$CITEQA_CACHE`; keyed by the sha256
of the files' contents, whatever the model's name or folder), so a new process knows, without
importing torch, that it is exact enough, and two installs of the same model (two virtual
environments) share one record. A file's sha256 is remembered by its path, size and mtime
(`HASHES`), so a cold start hashes nothing it has hashed before. Left out: models that are
not BERT (RoBERTa, MPNet, T5...), CLS or max pooling, and batches of many texts (building
the index keeps using sentence-transformers).
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import struct
import time
from pathlib import Path

import numpy as np

MIN_COSINE = 0.9999
CACHE_ENV = "CITEQA_CACHE"
MODEL_FILES = ("config.json", "tokenizer.json", "model.safetensors", "modules.json")
HASHES = "model-file-hashes.json"  # in the records' folder: {path: [size, mtime_ns, sha256]}
# Probes: short and long, lay and technical, Greek letters, numbers, a text past 256 tokens.
PROBES = (
    "What does dupilumab bind to?", "side effects", "Is it a pill or a shot?", "and in COPD?",
    "On which tyrosine is STAT6 phosphorylated?", "IL-4Rα blockade inhibits type 2 inflammation.",
    "How many adults were enrolled in SOLO 1 and SOLO 2 (n=1,874; P<0.001)?",
    "can my 4 year old with really bad eczema get it??", "Wat is teh dose for kids",
    "Conjunctivitis affects roughly 20% of patients over 5 years.", "x", "",
    "The FDA approved the drug on March 28, 2017, under the brand name Dupixent.",
    "Ünïcödé — “quotes”, µg/mL, ≥300 cells/µL, 95.7%.",
    " ".join(["Long passages are truncated at the model's maximum sequence length."] * 40),
)


class UnsupportedModel(ValueError):
    """The model is not one this encoder can run (not BERT, not mean pooling, files missing)."""


def _erf(x: np.ndarray) -> np.ndarray:
    """erf within 5e-7 (Abramowitz & Stegun 7.1.26, in float32, in place over one buffer):
    NumPy has no erf, and this is far inside what a cosine of 0.9999 needs."""
    a = np.abs(x)
    t = a * np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(np.float32(1.0), poly, out=poly)
    return np.copysign(poly, x, out=poly)


def gelu_erf(x: np.ndarray) -> np.ndarray:
    """GELU in its exact (erf) form, as BERT computes it."""
    y = _erf(x * np.float32(1 / math.sqrt(2.0)))
    y += np.float32(1.0)
    y *= x
    y *= np.float32(0.5)
    return y


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    """(x - its mean) / its standard deviation, scaled and shifted, over the last axis; in
    place over one new buffer."""
    out = x - x.mean(-1, keepdims=True)
    var = np.einsum("...i,...i->...", out, out)[..., None]
    var /= out.shape[-1]
    var += eps
    np.sqrt(var, out=var)
    out /= var
    out *= weight
    out += bias
    return out


# Up to this many tokens, a linear map is computed as weights @ tokens.T: reading the (outputs,
# inputs) weights along their rows is a third faster there (a question's 17 tokens: 0.36 ->
# 0.23 ms a 1536 x 384 map, measured with the weights out of cache); beyond, tokens @ weights.T.
FEW_TOKENS = 128


def bert_layers(x: np.ndarray, w: dict[str, np.ndarray], layers: int, heads: int, eps: float, gelu) -> np.ndarray:
    """BERT's encoder layers over one text's embedded tokens `x` (tokens, width), weights
    named as Hugging Face names them ("encoder.layer.0....")."""
    t, d = x.shape
    hd = d // heads
    for i in range(layers):
        p = f"encoder.layer.{i}."

        def linear(v, name):
            weight = w[p + name + ".weight"]  # (outputs, inputs)
            if len(v) <= FEW_TOKENS:  # the weights are the larger operand: read in their own order
                return (weight @ v.T).T + w[p + name + ".bias"]
            return v @ weight.T + w[p + name + ".bias"]

        q = linear(x, "attention.self.query").reshape(t, heads, hd).transpose(1, 0, 2)
        k = linear(x, "attention.self.key").reshape(t, heads, hd).transpose(1, 2, 0)
        v = linear(x, "attention.self.value").reshape(t, heads, hd).transpose(1, 0, 2)
        scores = np.matmul(q, k)
        scores *= np.float32(1 / math.sqrt(hd))
        scores -= scores.max(-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(-1, keepdims=True)
        ctx = np.matmul(scores, v).transpose(1, 0, 2).reshape(t, d)
        x = layer_norm(x + linear(ctx, "attention.output.dense"),
                       w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], eps)
        ff = linear(gelu(linear(x, "intermediate.dense")), "output.dense")
        x = layer_norm(x + ff, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], eps)
    return x


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Tensors of a .safetensors file as NumPy arrays over a read-only memory map."""
    dtypes = {"F32": np.float32, "F16": np.float16, "BF16": None, "I64": np.int64}
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        dtype = dtypes.get(meta["dtype"])
        if dtype is None:
            raise UnsupportedModel(f"tensor type {meta['dtype']} is not supported")
        start, end = meta["data_offsets"]
        out[name] = np.frombuffer(data[start:end], dtype=dtype).reshape(meta["shape"])
    return out


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def model_digest(model_dir: str | Path, folder: Path) -> dict[str, str]:
    """The sha256 of each model file: what a recorded check is valid for. Hashes are
    remembered in `folder`/HASHES by the file's resolved path, size and mtime: a cold start
    should not read the ~90 MB of weights just to find its record."""
    known_path = Path(folder) / HASHES
    try:
        known = json.loads(known_path.read_text(encoding="utf-8"))
        if not isinstance(known, dict):
            known = {}
    except (OSError, ValueError):
        known = {}
    digests, fresh = {}, False
    for name in MODEL_FILES:
        path = (Path(model_dir) / name).resolve()
        st = path.stat()
        entry = known.get(str(path))
        if isinstance(entry, list) and len(entry) == 3 and entry[:2] == [st.st_size, st.st_mtime_ns]:
            digests[name] = entry[2]
        else:
            digests[name] = file_sha256(path)
            known[str(path)] = [st.st_size, st.st_mtime_ns, digests[name]]
            fresh = True
    if fresh:
        # files of uninstalled models drop out; a failed write only means hashing again next time
        known = {p: entry for p, entry in known.items() if os.path.exists(p)}
        try:
            _write_atomically(known_path, json.dumps(known, indent=1) + "\n")
        except OSError:
            pass
    return digests


class BertEncoder:
    """A sentence-transformers BERT model with mean pooling, run in NumPy. `tuned`: a
    .safetensors file of tensors that take the place of the model's own (same names
    without "bert.", same shapes): the question encoder tuned on our questions
    (query_tuning.py); the forward pass is the same."""

    def __init__(self, model_dir: str | Path, pooling: str = "mean", tuned: Path | None = None):
        self.model_dir = Path(model_dir)
        self.pooling = pooling  # "mean" (the model's own); anything else only to test the check
        try:
            config = json.loads((self.model_dir / "config.json").read_text(encoding="utf-8"))
            modules = json.loads((self.model_dir / "modules.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UnsupportedModel(f"cannot read the model's configuration: {exc}") from exc
        kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
        if config.get("model_type") != "bert" or kinds[:2] != ["Transformer", "Pooling"]:
            raise UnsupportedModel(f"not a BERT sentence encoder ({config.get('model_type')}, {kinds})")
        pool = json.loads((self.model_dir / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
        if not pool.get("pooling_mode_mean_tokens") or any(
                pool.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens",
                                      "pooling_mode_mean_sqrt_len_tokens")):
            raise UnsupportedModel("only mean pooling is supported")
        self.normalize = "Normalize" in kinds
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        if config.get("hidden_act", "gelu") != "gelu":
            raise UnsupportedModel(f"activation {config.get('hidden_act')} is not supported")
        try:
            st_config = json.loads((self.model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
            self.max_length = int(st_config.get("max_seq_length", 512))
        except (OSError, ValueError):
            self.max_length = int(config.get("max_position_embeddings", 512))
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_length)
        weights = read_safetensors(self.model_dir / "model.safetensors")
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""
        self.w = {name[len(prefix):]: np.asarray(t, dtype=np.float32) for name, t in weights.items()
                  if name.startswith(prefix) and t.dtype != np.int64}
        self.dimension = self.w["embeddings.word_embeddings.weight"].shape[1]
        self.model_id = str(self.model_dir)
        if tuned is not None:
            for name, t in read_safetensors(Path(tuned)).items():
                if getattr(self.w.get(name), "shape", None) != t.shape:
                    raise UnsupportedModel(f"{Path(tuned).name}: {name} {t.shape} is not a tensor of the model")
                self.w[name] = np.asarray(t, dtype=np.float32)
            self.model_id += f" tuned by {Path(tuned).name}"

    def _forward(self, ids: np.ndarray) -> np.ndarray:
        w, eps = self.w, self.eps
        n = len(ids)
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
        return bert_layers(x, w, self.layers, self.heads, eps, gelu_erf)

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = np.asarray(self.tokenizer.encode(text).ids, dtype=np.int64)
            hidden = self._forward(ids)
            vec = hidden.mean(0) if self.pooling == "mean" else hidden[0]
            if self.normalize:
                vec = vec / max(float(np.linalg.norm(vec)), 1e-12)
            out[row] = vec
        return out


def check(fast, reference) -> dict:
    """Compare the fast encoder with the reference (sentence-transformers) on the probes."""
    a = fast.encode(list(PROBES))
    # one at a time: in one batch every probe would be padded to the longest one's length
    b = np.concatenate([np.asarray(reference.encode([p]), dtype=np.float32) for p in PROBES])
    cos = (a * b).sum(1) / np.maximum(np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-12)
    worst = float(cos.min())
    return {"min_cosine": round(worst, 7), "probes": len(PROBES), "ok": worst >= MIN_COSINE}


def cache_dir() -> Path:
    """Where checks are recorded: $CITEQA_CACHE, else $XDG_CACHE_HOME/citeqa, else ~/.cache/citeqa."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citeqa"


def record_path(folder: Path, digests: dict[str, str]) -> Path:
    """Where the check of the model files with these sha256s is recorded (model_digest)."""
    key = hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()[:16]
    return Path(folder) / f"query-encoder-{key}.json"


def write_record(folder: Path, model: str, model_dir: str | Path, result: dict) -> Path:
    """Record a check for these model files (atomically); `model` names them for a reader."""
    digests = model_digest(model_dir, folder)
    record = {"model": model, "files": digests, "checked_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **result}
    path = record_path(folder, digests)
    _write_atomically(path, json.dumps(record, indent=1) + "\n")
    return path


def read_record(folder: Path, model_dir: str | Path) -> dict | None:
    """The recorded check for model files with these exact contents, if any."""
    try:
        digests = model_digest(model_dir, folder)
        record = json.loads(record_path(folder, digests).read_text(encoding="utf-8"))
        if record.get("files") != digests:
            return None
        return record
    except (OSError, ValueError, AttributeError):
        return None


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
