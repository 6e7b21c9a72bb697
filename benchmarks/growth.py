"""What a question costs as the folder grows: one document against 200 (`python -m
benchmarks --only growth`).

The 200 documents are the development corpus's documents and the seed, each copied over
again with a section of its own appended, of sentences made of made-up words (about 150 a
document, 30,000 in all), so that the vocabulary grows as a real folder's does while only
the new sections need embedding. Measured in one run, with the real model:
- warm `ask` p50 over one document's questions, on that document alone and in the 200;
- the same questions with a word added that no document holds, or a misspelt word: what
  the near-word search costs over the 200 documents' words;
- the first question after a new index version (a refresh that adds a document): what the
  index's per-version reading costs before it answers.
"""
from __future__ import annotations

import random
import shutil
import statistics
import time
from pathlib import Path

from citeqa import Assistant
from citeqa.evaluate import corpus_documents, corpus_questions

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "ze", "qu", "br", "ph", "xo", "yl", "dr", "ost", "ine",
             "ule", "amb", "orz"]


def made_up_section(n: int, rng: random.Random, words: int = 150) -> str:
    """A section of sentences of made-up words, unique to document n."""
    vocab = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))) for _ in range(words)]
    sentences = [" ".join(vocab[k:k + 15]).capitalize() + "." for k in range(0, words, 15)]
    return f"\n\nAppendix {n}\n\n" + " ".join(sentences) + "\n"


def build_folder(folder: Path, documents: int, seed: int = 0) -> list[Path]:
    """`documents` files: the corpus and the seed, copied over with an appendix each."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [CORPUS / "docs" / d.file for d in corpus_documents(CORPUS)] + [ROOT / "seeds" / "dupilumab.txt"]
    rng = random.Random(seed)
    made = []
    for n in range(documents):
        src = sources[n % len(sources)]
        if n < len(sources):
            target = folder / src.name
            shutil.copy2(src, target)
        elif src.suffix in (".txt", ".md"):
            target = folder / f"{src.stem}-{n:03d}{src.suffix}"
            target.write_text(src.read_text(encoding="utf-8") + made_up_section(n, rng), encoding="utf-8")
        else:  # a laid-out format is copied as it is, and a text of made-up words beside it
            target = folder / f"{src.stem}-{n:03d}{src.suffix}"
            shutil.copy2(src, target)
            (folder / f"appendix-{n:03d}.txt").write_text(made_up_section(n, rng), encoding="utf-8")
        made.append(target)
    return made


def p50_ask(bot: Assistant, questions: list[tuple[str, tuple]], repeat: int = 2) -> float:
    for q, history in questions:  # warm: every lazy part read once
        bot.ask(q, history=history)
    times = []
    for _ in range(repeat):
        for q, history in questions:
            start = time.perf_counter()
            bot.ask(q, history=history)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_growth(work: Path, documents: int = 200, log=print) -> dict:
    doc = corpus_documents(CORPUS)[0]
    questions = [(r["q"], tuple(r.get("prev", ()))) for r in corpus_questions(CORPUS, doc)]
    one_folder = work / "one"
    one_folder.mkdir(parents=True)
    shutil.copy2(CORPUS / "docs" / doc.file, one_folder / doc.file)
    one = Assistant(one_folder, work / "one-index")
    one_p50 = p50_ask(one, questions)
    log(f"  one document ({doc.file}): warm ask p50 {one_p50 * 1000:.1f} ms")
    many_folder = work / "many"
    build_folder(many_folder, documents)
    start = time.perf_counter()
    many = Assistant(many_folder, work / "many-index")
    build_s = time.perf_counter() - start
    words = len(many._state[0].scan.get("words", {}))
    many_p50 = p50_ask(many, questions)
    log(f"  {documents} documents ({many.status().chunks} passages, {words} words; built in {build_s:.0f} s): "
        f"warm ask p50 {many_p50 * 1000:.1f} ms")
    # a word no document holds (far from every word) and a misspelt one (near a word)
    unknown = [(f"{q} What about the vorplexinate?", h) for q, h in questions]
    misspelt = [(q.replace("the ", "teh ", 1) + " Does it cause nausae?", h) for q, h in questions]
    plain_p50 = p50_ask(many, questions, repeat=1)
    unknown_p50 = p50_ask(many, unknown, repeat=1)
    misspelt_p50 = p50_ask(many, misspelt, repeat=1)
    log(f"  with an unknown word {unknown_p50 * 1000:.1f} ms, with a misspelt one {misspelt_p50 * 1000:.1f} ms, "
        f"without {plain_p50 * 1000:.1f} ms")
    # the first question after a new index version
    (many_folder / "added.txt").write_text("Added Drug\nAddedmab is approved for gout in adults.\n", encoding="utf-8")
    many.refresh()
    start = time.perf_counter()
    many.ask(questions[0][0])
    first_s = time.perf_counter() - start
    log(f"  first ask after a new index version {first_s * 1000:.0f} ms")
    return {"documents": documents, "passages": many.status().chunks, "words": words, "build_s": build_s,
            "one_p50": one_p50, "many_p50": many_p50, "plain_p50": plain_p50, "unknown_p50": unknown_p50,
            "misspelt_p50": misspelt_p50, "first_s": first_s, "questions": len(questions), "document": doc.file}


def markdown(r: dict) -> str:
    rows = [
        (f"warm ask p50, {r['documents']} documents ÷ one document", f"{r['many_p50'] / r['one_p50']:.2f}", "≤ 2"),
        ("a question with a word no document holds, minus without",
         f"{(r['unknown_p50'] - r['plain_p50']) * 1000:+.1f} ms", "≤ 50 ms"),
        ("a question with a misspelt word, minus without", f"{(r['misspelt_p50'] - r['plain_p50']) * 1000:+.1f} ms",
         "≤ 50 ms"),
        ("first ask after a new index version", f"{r['first_s']:.2f} s", "≤ 0.5 s"),
    ]
    out = ["| measure | value | goal |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    out += ["", f"{r['questions']} questions about {r['document']}, asked on it alone and in a folder of "
                f"{r['documents']} documents ({r['passages']} passages, {r['words']} distinct words; built in "
                f"{r['build_s']:.0f} s): warm ask p50 {r['one_p50'] * 1000:.1f} ms against "
                f"{r['many_p50'] * 1000:.1f} ms."]
    return "\n".join(out)
