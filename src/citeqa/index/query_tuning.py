"""The question encoder tuned on questions people ask: the packaged all-MiniLM-L6-v2 with
its layers, position and type embeddings fine-tuned (its word embeddings frozen; questions
cut at 128 tokens in training, 256 at run time) so that a question lands nearer the
sentences and passages that answer it. Passages keep the model's own vectors, so an index
needs no rebuild and a folder's documents need not be the ones it was tuned on: only the
question side moves ("how many ppl were in the trial" toward "4,744 patients were
randomly assigned").

Trained by `python -m benchmarks.train_query` on the seed's and the tuning documents'
training questions (each as the pipeline reads it, against the vectors of its own
document's units); it ships in the package (data/query/: the tensors that differ from the
model's, float32 like its own, memory-mapped; and query.json with the data, the commit and
the sha256 of the model file it was tuned from). It is used only over those very model
files (over others, with a warning, the model's own weights are), and only by the NumPy
encoder (fast_encoder.BertEncoder's `tuned`): where that encoder is not used (its check
failed), questions are embedded by the model's own weights.
"""
from __future__ import annotations

import json
from pathlib import Path

TUNED_DIR = Path(__file__).parents[1] / "data" / "query"


def _meta(folder: Path) -> dict:
    try:
        meta = json.loads((Path(folder) / "query.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def tuned_from(folder: Path = TUNED_DIR) -> str:
    """The name of the model the shipped weights were tuned from ("" when none ship)."""
    return str(_meta(folder).get("base_model", ""))


def tuned_weights(files: dict[str, str], folder: Path = TUNED_DIR) -> Path | None:
    """The tuned weights for the model files with these sha256s (fast_encoder.model_digest),
    when they were tuned from those very files; else None."""
    path = Path(folder) / "query.safetensors"
    if not path.is_file() or files.get("model.safetensors") != _meta(folder).get("base_sha256"):
        return None
    return path
