"""Score an Assistant on a question set (JSON lines: id, cat, q, gold, answer; optional
prev, the conversation's earlier questions, answer_min, and doc, the document the
question was written for).

A passage is a hit when it contains one of the gold phrases verbatim and is at most
1,500 characters long. An answer is correct when it was given (found) and contains at
least `answer_min` (default 1) of the expected answer strings (case-insensitive).
Unanswerable questions have no gold: abstaining on them is what counts.

A corpus (a folder with `corpus.json`, `docs/` and `questions/`: see
tests/data/corpus/README.md) is scored document by document, each alone in its own
index as a user with that one document would have it, and reported by split: the
`tuning` documents, which guide changes, apart from the `heldout` ones, which never do.
"""
from __future__ import annotations

import json
import re
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path

from .assistant import Answer, Assistant
from .language.text import names_pattern

MAX_HIT_CHARS = 1500
MARKER = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Result:
    id: str
    cat: str
    question: str
    rank: int | None  # 1-based rank of the first hit among the passages, None if none
    found: bool
    correct: bool
    cited_chars: int
    answer: str
    answerable: bool = True
    doc: str = ""  # the document the question was written for (a corpus's)
    split: str = ""  # tuning or heldout (a corpus's)
    sources: tuple[str, ...] = ()  # the documents the answer quotes


def load_questions(path: str | Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: not JSON: {exc.msg}") from exc
                missing = {"id", "cat", "q", "gold", "answer"} - set(row)
                if missing:
                    raise ValueError(f"{path}:{n}: missing {', '.join(sorted(missing))}")
                rows.append(row)
    return rows


def cited(answer: Answer) -> list[int]:
    return sorted({int(n) - 1 for n in MARKER.findall(answer.text) if 0 < int(n) <= len(answer.passages)})


def score(row: dict, answer: Answer) -> Result:
    rank = next((i + 1 for i, p in enumerate(answer.passages)
                 if len(p.text) <= MAX_HIT_CHARS and any(g in p.text for g in row["gold"])), None)
    text = answer.text.lower()
    needed = row.get("answer_min", 1)
    correct = answer.found and sum(a.lower() in text for a in row["answer"]) >= needed
    sources = cited(answer) or ([0] if answer.passages else [])
    chars = sum(len(answer.passages[i].text) for i in sources) // max(1, len(sources))
    quoted = tuple(dict.fromkeys(answer.passages[i].source for i in cited(answer))) if answer.found else ()
    return Result(row["id"], row["cat"], row["q"], rank, answer.found, correct, chars, answer.text,
                  bool(row["gold"]), row.get("doc", ""), row.get("split", ""), quoted)


def run(bot: Assistant, rows: list[dict], k: int = 5) -> list[Result]:
    return [score(row, bot.ask(row["q"], k=k, history=row.get("prev", ()))) for row in rows]


def metrics(results: list[Result]) -> dict[str, float]:
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    n = max(1, len(answerable))

    def hit(k):
        return sum(1 for r in answerable if r.rank is not None and r.rank <= k) / n

    return {
        "questions": len(results),
        "hit@1": hit(1), "hit@3": hit(3), "hit@5": hit(5),
        "mrr@5": sum(1 / r.rank for r in answerable if r.rank and r.rank <= 5) / n,
        "answer_accuracy": sum(r.correct for r in answerable) / n,
        "abstention_unanswerable": sum(not r.found for r in unanswerable) / max(1, len(unanswerable)),
        "false_abstention": sum(not r.found for r in answerable) / n,
        "mean_cited_chars": sum(r.cited_chars for r in results) / max(1, len(results)),
    }


def format_report(results: list[Result], verbose: bool = False) -> str:
    if any(r.split for r in results):
        return format_corpus_report(results, verbose)
    m = metrics(results)
    lines = [f"{'questions':<26}{m.pop('questions')}"]
    lines += [f"{name:<26}{value:.3f}" if name != "mean_cited_chars" else f"{name:<26}{value:.0f}"
              for name, value in m.items()]
    by_cat: dict[str, list[Result]] = {}
    for r in results:
        by_cat.setdefault(r.cat, []).append(r)
    lines.append("")
    lines.append(f"{'category':<14}{'n':>4}{'hit@1':>8}{'hit@5':>8}{'acc':>8}{'declined':>10}{'false decl':>12}")
    for cat, rs in sorted(by_cat.items()):
        lines.append(_row(cat, rs, 14))
    if verbose:
        lines += _misses(results)
    return "\n".join(lines)


def _row(name: str, rs: list[Result], width: int) -> str:
    """A table row: hit@1, hit@5 and accuracy of the answerable, declined of the rest."""
    ans = [r for r in rs if r.answerable]
    una = [r for r in rs if not r.answerable]

    def rate(items, test):
        return f"{sum(1 for r in items if test(r)) / len(items):.2f}" if items else "–"

    return (f"{name:<{width}}{len(rs):>4}{rate(ans, lambda r: r.rank == 1):>8}"
            f"{rate(ans, lambda r: r.rank and r.rank <= 5):>8}{rate(ans, lambda r: r.correct):>8}"
            f"{rate(una, lambda r: not r.found):>10}{rate(ans, lambda r: not r.found):>12}")


def _misses(results: list[Result]) -> list[str]:
    misses = [r for r in results if r.answerable != r.found or (r.answerable and (r.rank != 1 or not r.correct))]
    if not misses:
        return []
    lines = ["", "misses:"]
    for r in misses:
        lines.append(f"  {r.id} rank={r.rank} found={r.found} correct={r.correct}: {r.question}\n      -> {r.answer[:160]}")
    return lines


# ------------------------------------------------------------------ a corpus of many documents


@dataclass(frozen=True)
class CorpusDocument:
    file: str  # the document's file name under docs/
    source: str  # its Markdown source under sources/ (for PDF and Word, what it is laid out from)
    style: str  # encyclopedia, label, leaflet, trial report, press release
    split: str  # tuning (guides changes) or heldout (never does)
    generic: str  # the subject drug's generic name
    brands: tuple[str, ...]  # its brand names
    questions: str  # its question file under questions/


SPLITS = ("tuning", "heldout")


def corpus_documents(corpus: str | Path) -> list[CorpusDocument]:
    """The documents a corpus.json lists."""
    path = Path(corpus) / "corpus.json"
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a corpus description ({exc})") from exc
    docs = []
    for row in rows:
        if row.get("split") not in SPLITS:
            raise ValueError(f"{path}: {row.get('file')}: split must be one of {', '.join(SPLITS)}")
        docs.append(CorpusDocument(row["file"], row.get("source", row["file"]), row.get("style", ""), row["split"],
                                   row.get("generic", ""), tuple(row.get("brands", ())), row["questions"]))
    return docs


def corpus_questions(corpus: str | Path, doc: CorpusDocument) -> list[dict]:
    """A document's questions, each marked with its document and split."""
    rows = load_questions(Path(corpus) / "questions" / doc.questions)
    return [dict(row, doc=doc.file, split=doc.split) for row in rows]


def folder_assistant(files: list[Path], work: Path, settings=None) -> Assistant:
    """An Assistant over a seeds folder holding copies of these files (kept between runs
    in `work`, so an unchanged document is not embedded again)."""
    seeds = work / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    wanted = {f.name for f in files}
    for old in seeds.iterdir():
        if old.name not in wanted:
            old.unlink()
    for f in files:
        target = seeds / f.name
        if not target.exists() or target.stat().st_size != f.stat().st_size or target.read_bytes() != f.read_bytes():
            shutil.copy2(f, target)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an index built with other settings is rebuilt: expected here
        return Assistant(seeds, work / "index", settings=settings)


def run_corpus(corpus: str | Path, work: str | Path, settings=None, k: int = 5,
               splits: tuple[str, ...] = SPLITS, log=None) -> list[Result]:
    """Every document's questions, each document alone in its own index."""
    corpus, work = Path(corpus), Path(work)
    results: list[Result] = []
    for doc in corpus_documents(corpus):
        if doc.split not in splits:
            continue
        bot = folder_assistant([corpus / "docs" / doc.file], work / Path(doc.file).stem, settings)
        got = run(bot, corpus_questions(corpus, doc), k=k)
        results += got
        if log:
            m = metrics(got)
            log(f"  {doc.file} ({doc.split}): hit@1 {m['hit@1']:.2f}, accuracy {m['answer_accuracy']:.2f}, "
                f"declined {m['abstention_unanswerable']:.2f}, false abstention {m['false_abstention']:.2f}")
    return results


def format_corpus_report(results: list[Result], verbose: bool = False) -> str:
    """One report per split (tuning, then held-out), each with its documents' rows."""
    parts = []
    for split in [s for s in SPLITS if any(r.split == s for r in results)]:
        mine = [r for r in results if r.split == split]
        m = metrics(mine)
        lines = [f"-- {split} documents: {len({r.doc for r in mine})}, questions {m.pop('questions')}"]
        lines += [f"{name:<26}{value:.3f}" if name != "mean_cited_chars" else f"{name:<26}{value:.0f}"
                  for name, value in m.items()]
        lines.append("")
        lines.append(f"{'document':<26}{'n':>4}{'hit@1':>8}{'hit@5':>8}{'acc':>8}{'declined':>10}{'false decl':>12}")
        for doc in dict.fromkeys(r.doc for r in mine):
            lines.append(_row(doc, [r for r in mine if r.doc == doc], 26))
        lines.append("")
        lines.append(f"{'category':<26}{'n':>4}{'hit@1':>8}{'hit@5':>8}{'acc':>8}{'declined':>10}{'false decl':>12}")
        for cat in sorted({r.cat for r in mine}):
            lines.append(_row(cat, [r for r in mine if r.cat == cat], 26))
        if verbose:
            lines += _misses(mine)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


# ------------------------------------------------------------------ all documents in one folder


@dataclass(frozen=True)
class FolderCheck:
    """A corpus asked as one folder (its documents and any others together)."""
    folder: list[Result]  # the folder questions (questions/folder.jsonl)
    named: list[Result]  # every document's questions that name its drug, asked of the whole folder
    strays: list[Result]  # ... whose answer quotes a document about another drug
    brand: list[Result]  # the questions that name a drug by a brand name
    generic: list[Result]  # ... the same questions with its generic name instead


def drug_names(doc: CorpusDocument) -> list[str]:
    """A document's drug's names as a question may write them, longest first."""
    names = {doc.generic, doc.generic.split(",")[0], *doc.brands}
    head = doc.generic.split()[0]
    if len(head) >= 5 and head.lower() not in {"human", "zoster", "vaccine"}:
        names.add(head)
    return sorted(names, key=len, reverse=True)


def other_documents(corpus: str | Path, paths: list[Path]) -> list[tuple[Path, CorpusDocument]]:
    """Documents outside the corpus (the seeds) to ask with it as one folder, with their
    drug's names where corpus.json's "others" gives them."""
    try:
        names = json.loads((Path(corpus) / "corpus.json").read_text(encoding="utf-8")).get("others", {})
    except (OSError, ValueError):
        names = {}
    return [(path, CorpusDocument(path.name, path.name, "", "other", names.get(path.name, {}).get("generic", path.stem),
                                  tuple(names.get(path.name, {}).get("brands", ())), "")) for path in paths]


def run_folder(corpus: str | Path, work: str | Path, extra: list[tuple[Path, CorpusDocument]] = (),
               settings=None, k: int = 5) -> FolderCheck:
    """Every document of the corpus (and `extra` ones, such as the seed) in one folder: its
    folder questions; each document's questions that name its drug and no other, checked to
    quote only documents about that drug; and those naming a brand, asked again with the
    generic name."""
    corpus = Path(corpus)
    docs = corpus_documents(corpus)
    files = [(corpus / "docs" / d.file, d) for d in docs] + list(extra)
    bot = folder_assistant([f for f, _ in files], Path(work) / "folder", settings)
    drug_of = {f.name: d.generic.lower() for f, d in files}
    folder_rows = load_questions(corpus / "questions" / "folder.jsonl") if (corpus / "questions" / "folder.jsonl").is_file() else []
    folder = run(bot, [dict(r, split="folder") for r in folder_rows], k=k)
    named_rows, brand_rows, generic_rows = [], [], []
    for doc in docs:
        names = drug_names(doc)
        pattern = names_pattern(names)
        others = names_pattern({n for _, d in files if d.generic.lower() != doc.generic.lower() for n in drug_names(d)})
        for row in corpus_questions(corpus, doc):
            if not pattern.search(row["q"]) or any(others.search(t) for t in (row["q"], *row.get("prev", ()))):
                continue  # a question about its document's drug alone
            named_rows.append(row)
            used = pattern.search(row["q"]).group(0)
            if used.lower() in {b.lower() for b in doc.brands}:
                brand_rows.append(row)
                generic_rows.append(dict(row, q=pattern.sub(doc.generic.split(",")[0], row["q"])))
    named = run(bot, named_rows, k=k)
    strays = [r for r in named if any(drug_of.get(s) != drug_of[r.doc] for s in r.sources)]
    return FolderCheck(folder, named, strays, run(bot, brand_rows, k=k), run(bot, generic_rows, k=k))


def format_folder_report(check: FolderCheck) -> str:
    lines = ["-- all documents in one folder"]
    if check.folder:
        m = metrics(check.folder)
        lines.append(f"folder questions          {m['questions']}: hit@1 {m['hit@1']:.3f}, accuracy "
                     f"{m['answer_accuracy']:.3f}, declined {m['abstention_unanswerable']:.3f}, "
                     f"false abstention {m['false_abstention']:.3f}")
    lines.append(f"questions naming a drug   {len(check.named)}: {len(check.strays)} quote a document about "
                 f"another drug")
    for r in check.strays[:20]:
        lines.append(f"  {r.id}: {r.question} -> {', '.join(r.sources)}")
    if check.brand:
        b, g = metrics(check.brand), metrics(check.generic)
        lines.append(f"named by brand            {len(check.brand)}: hit@1 {b['hit@1']:.3f}, accuracy "
                     f"{b['answer_accuracy']:.3f}; the same with the generic name: hit@1 {g['hit@1']:.3f}, "
                     f"accuracy {g['answer_accuracy']:.3f}")
    return "\n".join(lines)
