"""Quality on both dev sets (questions that echo the page, and questions as people ask
them), side by side in one run: the full pipeline, three baselines,
and the full pipeline with each of its parts switched off in turn.

Every configuration is a `Settings` (the baselines and ablations are switches of the one
engine), except the fixed-window baseline, which replaces the structure-aware chunker with
1,000-character windows cut from the document text. Configurations that store the same
vectors share them, so only the ones that embed other texts pay for embedding.
"""
from __future__ import annotations

import hashlib
import time
import warnings
from pathlib import Path

from citeqa import Assistant, Settings
from citeqa.index import store
from citeqa.index.build import assemble, file_stamp, scan_seeds
from citeqa.index.chunk import Chunk, classify_topic
from citeqa.index.embed import get_embedder
from citeqa.evaluate import load_questions, metrics, run
from citeqa.ingest import load_document, sha256_bytes
from citeqa.language.text import split_sentences

FULL = Settings()
# plain retrieval: no answer selection, no abstention, no question understanding
NO_SELECTION = dict(type_weight=0.0, answer_selection=False, abstain_threshold=0.0, min_cosine=0.0,
                    name_check=False, topic_check=False, lay_vocabulary=False, follow_ups=False,
                    broad_answers=False, embed_bridges=False, subject_as_it=False, tuned_queries=False)
# (name, kind, settings); kind: "full", "baseline" or "ablation"
CONFIGS: list[tuple[str, str, Settings]] = [
    ("full pipeline", "full", FULL),
    ("(a) BM25 alone: plain words, k1 1.5, b 0.75", "baseline", FULL.replace(
        bm25_weight=1.0, bm25_k1=1.5, bm25_b=0.75, biomedical_tokens=False, abbreviations=False,
        heading_context=False, typo_correction=False, **NO_SELECTION)),
    ("(b) dense alone: passage vectors", "baseline", FULL.replace(
        bm25_weight=0.0, heading_context=False, sentence_vectors=False, **NO_SELECTION)),
    ("(c) 1,000-character windows, dense", "windows", FULL.replace(
        bm25_weight=0.0, heading_context=False, sentence_vectors=False, **NO_SELECTION)),
    ("no heading context", "ablation", FULL.replace(heading_context=False)),
    ("no biomedical tokenisation", "ablation", FULL.replace(biomedical_tokens=False)),
    ("no abbreviation expansion", "ablation", FULL.replace(abbreviations=False)),
    ("no typo correction", "ablation", FULL.replace(typo_correction=False)),
    ("no fusion: dense side only", "ablation", FULL.replace(bm25_weight=0.0)),
    ("no fusion: BM25 side only", "ablation", FULL.replace(bm25_weight=1.0)),
    ("no sentence vectors in passage score", "ablation", FULL.replace(sentence_vectors=False)),
    ("no answer-type bonus", "ablation", FULL.replace(type_weight=0.0)),
    ("no heading bonus for list questions", "ablation", FULL.replace(heading_weight=0.0)),
    ("no fact-label bonus (\"Drug Class\" for \"what class is it?\")", "ablation", FULL.replace(label_weight=0.0)),
    ("no answer selection (top passage's closest sentence)", "ablation", FULL.replace(answer_selection=False)),
    ("no lay vocabulary (consumer-health bridges)", "ablation", FULL.replace(lay_vocabulary=False)),
    ("no bridged words in the embedded question", "ablation", FULL.replace(embed_bridges=False)),
    ("the subject drug embedded by name, not as \"it\"", "ablation", FULL.replace(subject_as_it=False)),
    ("no follow-up reading (history ignored)", "ablation", FULL.replace(follow_ups=False)),
    ("questions embedded with the model's own weights (not tuned)", "ablation", FULL.replace(tuned_queries=False)),
    ("no broad answers (one sentence for list questions)", "ablation", FULL.replace(broad_answers=False)),
    ("broad answers drawn from the top k only (not 10)", "ablation", FULL.replace(broad_pool=1)),
    ("no summary bonus for questions about the drug as a whole", "ablation", FULL.replace(summary_weight=0.0)),
    ("no second sentence (narrow questions: what the best one lacks, else the next best)", "ablation",
     FULL.replace(second_quote=False)),
    ("no name check (unknown drugs, genes, trials, diseases)", "ablation", FULL.replace(name_check=False)),
    ("no topic check (pregnancy, storage... none covers)", "ablation", FULL.replace(topic_check=False)),
    ("no abstention", "ablation", FULL.replace(abstain_threshold=0.0, min_cosine=0.0, name_check=False,
                                               topic_check=False)),
]
COLUMNS = ["hit@1", "hit@5", "answer_accuracy", "abstention_unanswerable", "false_abstention"]


def window_assistant(seeds: Path, index_dir: Path, settings: Settings, size: int = 1000) -> Assistant:
    """An Assistant over naive fixed windows of `size` characters (no headings, no structure)."""
    files, _ = scan_seeds(seeds)
    chunks, sources = [], {}
    for source, path in sorted(files.items()):
        data = path.read_bytes()
        doc = load_document(seeds, path, data)
        sources[source] = {"sha256": sha256_bytes(data), "stamp": file_stamp(path)}
        for start in range(0, len(doc.text), size):
            end = min(len(doc.text), start + size)
            text = doc.text[start:end]
            units = tuple(split_sentences(doc.text, start, end))
            if units:
                digest = hashlib.sha256(f"{source}\0{start}".encode()).hexdigest()[:16]
                chunks.append(Chunk(digest, source, start, end, text, "", classify_topic("", text), units))
    data, _ = assemble(chunks, settings, get_embedder(settings.model), None)
    data.manifest.update(sources=sources, built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    store.save(index_dir / "windows", data)
    return Assistant(seeds, index_dir / "windows", settings=settings, refresh=False)


def run_quality(seeds: Path, question_sets: dict[str, Path], work: Path, log=print) -> list[dict]:
    """Each configuration on each question set: {name, kind, sets: {set: metrics}}."""
    sets = {name: load_questions(path) for name, path in question_sets.items()}
    results = []
    for name, kind, settings in CONFIGS:
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "rebuilding the index: other settings" is expected here
            if kind == "windows":
                bot = window_assistant(seeds, work / "windows", settings)
            else:
                # one index per set of embedded texts, re-assembled per configuration with its vectors reused
                bot = Assistant(seeds, work / f"index-headings-{settings.heading_context}", settings=settings)
        row = {"name": name, "kind": kind, "sets": {}}
        for set_name, rows in sets.items():
            m = metrics(run(bot, rows))
            row["sets"][set_name] = {c: m[c] for c in COLUMNS}
        results.append(row)
        log(f"  {name}: " + "; ".join(f"{n} hit@1 {m['hit@1']:.3f}, accuracy {m['answer_accuracy']:.3f}"
                                      for n, m in row["sets"].items())
            + f" ({time.perf_counter() - start:.1f} s)")
    return results


def markdown(results: list[dict]) -> str:
    sets = list(results[0]["sets"])
    short = {"hit@1": "hit@1", "hit@5": "hit@5", "answer_accuracy": "accuracy",
             "abstention_unanswerable": "declines unanswerable", "false_abstention": "false abstention"}
    head = ["configuration"] + [f"{n}: {short[c]}" for n in sets for c in COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    full = results[0]
    for r in results:
        cells = [r["name"] if r["kind"] != "full" else f"**{r['name']}**"]
        for n in sets:
            for c in COLUMNS:
                value = r["sets"][n][c]
                text = f"{value:.3f}"
                if r["kind"] == "ablation":
                    delta = value - full["sets"][n][c]
                    if abs(delta) >= 0.0005:
                        worse = delta > 0 if c == "false_abstention" else delta < 0
                        text += f" ({delta:+.3f}{' ↓' if worse else ' ↑'})"
                cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot(results: list[dict], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sets = list(results[0]["sets"])
    names = [r["name"] for r in results][::-1]
    fig, axes = plt.subplots(1, len(sets), figsize=(6 * len(sets), 0.42 * len(results) + 1.4), sharey=True)
    axes = [axes] if len(sets) == 1 else list(axes)
    y = range(len(results))
    for ax, set_name in zip(axes, sets):
        for offset, (metric, label) in enumerate([("hit@1", "hit@1"), ("answer_accuracy", "answer accuracy"),
                                                   ("abstention_unanswerable", "declines unanswerable")]):
            ax.barh([v + (offset - 1) * 0.27 for v in y], [r["sets"][set_name][metric] for r in results][::-1],
                    height=0.27, label=label)
        ax.set_xlim(0, 1)
        ax.axvline(results[0]["sets"][set_name]["hit@1"], color="grey", lw=0.8, ls="--")
        ax.set_title(f"{set_name} ({len(results)} configurations)", fontsize=9)
    axes[0].set_yticks(list(y), names, fontsize=7)
    axes[0].legend(loc="upper center", bbox_to_anchor=(0.5, -0.05), ncol=3, fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ------------------------------------------------------------------ the development corpus, by split

CORPUS_CONFIGS = ["full pipeline", "(a) BM25 alone: plain words, k1 1.5, b 0.75", "(b) dense alone: passage vectors",
                  "(c) 1,000-character windows, dense", "no reader model (the logistic model alone)",
                  "questions embedded with the model's own weights (not tuned)",
                  "no lay vocabulary (consumer-health bridges)"]
CORPUS_COLUMNS = ["hit@1", "hit@5", "answer_accuracy", "lay_accuracy", "followup_accuracy",
                  "abstention_unanswerable", "false_abstention"]


def run_corpus_quality(corpus: Path, work: Path, log=print) -> list[dict]:
    """The key configurations on the development corpus, each document alone in its own
    index, reported by split: {name, kind, splits: {tuning|heldout: metrics}}."""
    from citeqa.evaluate import corpus_documents, corpus_questions, folder_assistant

    configs = {name: (kind, settings) for name, kind, settings in CONFIGS}
    configs["no reader model (the logistic model alone)"] = ("ablation", FULL.replace(reader=False))
    docs = corpus_documents(corpus)
    results = []
    for name in CORPUS_CONFIGS:
        kind, settings = configs[name]
        start = time.perf_counter()
        by_split: dict[str, list] = {}
        for doc in docs:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                folder = work / f"corpus-{doc.file}"
                if kind == "windows":
                    (folder / "seeds").mkdir(parents=True, exist_ok=True)
                    source = corpus / "docs" / doc.file
                    (folder / "seeds" / doc.file).write_bytes(source.read_bytes())
                    bot = window_assistant(folder / "seeds", folder / "windows", settings)
                else:
                    bot = folder_assistant([corpus / "docs" / doc.file], folder, settings)
            by_split.setdefault(doc.split, []).extend(run(bot, corpus_questions(corpus, doc)))
        row = {"name": name, "kind": kind, "splits": {}}
        for split, rs in by_split.items():
            m = metrics(rs)
            for cat in ("lay", "followup"):
                ans = [r for r in rs if r.cat == cat and r.answerable]
                m[f"{cat}_accuracy"] = sum(r.correct for r in ans) / max(1, len(ans))
            row["splits"][split] = {c: m[c] for c in CORPUS_COLUMNS} | {"questions": len(rs)}
        results.append(row)
        log(f"  {name}: " + "; ".join(f"{s} hit@1 {m['hit@1']:.3f}, accuracy {m['answer_accuracy']:.3f}, declined "
                                      f"{m['abstention_unanswerable']:.3f}" for s, m in row["splits"].items())
            + f" ({time.perf_counter() - start:.1f} s)")
    return results


def corpus_markdown(results: list[dict]) -> str:
    short = {"hit@1": "hit@1", "hit@5": "hit@5", "answer_accuracy": "accuracy", "lay_accuracy": "lay acc.",
             "followup_accuracy": "follow-up acc.", "abstention_unanswerable": "declined",
             "false_abstention": "false abst."}
    out = []
    for split, title in (("heldout", "held-out documents (guided no change)"), ("tuning", "tuning documents")):
        if not any(split in r["splits"] for r in results):
            continue
        n = results[0]["splits"][split]["questions"]
        out += [f"**{title}**, {n} questions", "",
                "| configuration | " + " | ".join(short[c] for c in CORPUS_COLUMNS) + " |",
                "|" + "---|" * (len(CORPUS_COLUMNS) + 1)]
        for r in results:
            m = r["splits"][split]
            name = f"**{r['name']}**" if r["kind"] == "full" else r["name"]
            out.append(f"| {name} | " + " | ".join(f"{m[c]:.3f}" for c in CORPUS_COLUMNS) + " |")
        out.append("")
    return "\n".join(out).rstrip()
