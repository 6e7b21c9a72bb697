"""PDFs against the same text: each PDF of the development corpus (a label and a leaflet,
laid out from their Markdown sources by benchmarks/corpus.py) answered as the PDF and as
the same text in a .txt file, and, as the plain baseline, dense search over 1,000-character
windows of the text pypdf extracts from the PDF. One document an index, its own questions.

What the PDF reader must reach (issue 23): hit@1 and answer accuracy within 0.03 of the
same text as .txt, and hit@5 at least the windows'. Also measured: the reader's extraction
time with pdfplumber against pypdfium2's raw text extraction (both libraries are
installed: pypdfium2 comes with pdfplumber).
"""
from __future__ import annotations

import time
import warnings
from pathlib import Path

from citeqa.evaluate import corpus_documents, corpus_questions, folder_assistant, metrics, run
from citeqa.ingest import load_document

from .corpus import render
from .quality import CONFIGS, FULL, window_assistant

WINDOWS = next(s for name, kind, s in CONFIGS if kind == "windows")  # as in the quality benchmark

COLUMNS = ["hit@1", "hit@5", "answer_accuracy", "abstention_unanswerable", "false_abstention"]


def pypdf_text(path: Path) -> str:
    """The text pypdf extracts, page after page: what plain extraction gives, its white space
    folded to single spaces (its line breaks fall inside sentences, and gold phrases are
    matched as written: line breaks are no content)."""
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages).split())


def extraction_times(path: Path, repeat: int = 3) -> dict:
    """Seconds (best of `repeat`) for the reader's extraction (pdfplumber, layout included)
    and for pypdfium2's text of every page."""
    import pypdfium2 as pdfium

    def reader():
        load_document(path.parent, path)

    def pdfium_text():
        pdf = pdfium.PdfDocument(str(path))
        try:
            for page in pdf:
                page.get_textpage().get_text_range()
        finally:
            pdf.close()

    def best(fn):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    return {"reader_s": best(reader), "pdfium_s": best(pdfium_text)}


def long_label_build(corpus: Path, work: Path, settings=FULL) -> dict:
    """Every document of the corpus laid out as one label-style PDF (about 50 pages), built
    from nothing (extraction included) against raw embedding of the texts it embedded."""
    from citeqa import Assistant
    from citeqa.index.build import unit_texts
    from citeqa.index.embed import get_embedder

    source = work / "long.md"
    source.write_text("\n\n".join((corpus / "sources" / d.source).read_text(encoding="utf-8")
                                    for d in corpus_documents(corpus)), encoding="utf-8")
    folder = work / "long" / "seeds"
    folder.mkdir(parents=True)
    render(source, folder / "label.pdf")
    embedder = get_embedder(settings.model)
    embedder.encode(["warm up"])  # the model loads outside the timings
    forget = getattr(embedder, "forget", lambda: None)  # vectors it keeps would make the timings moot
    forget()
    start = time.perf_counter()
    bot = Assistant(folder, work / "long" / "index", settings=settings)
    build_s = time.perf_counter() - start
    texts = list(dict.fromkeys(t for c in bot._state[0].chunks for _, _, t in unit_texts(c)))
    forget()
    start = time.perf_counter()
    embedder.encode(texts)
    raw_s = time.perf_counter() - start
    return {"pages": len(load_document(folder, folder / "label.pdf").pages), "texts": len(texts),
            "build_s": build_s, "raw_s": raw_s}


def run_pdfs(corpus: Path, work: Path, settings=FULL, log=print) -> dict:
    """{"documents": [{doc, split, pages, as_pdf, as_txt, windows: metrics, times}] for each
    PDF of the corpus, "long": long_label_build()}."""
    rows = []
    for doc in corpus_documents(corpus):
        if not doc.file.lower().endswith(".pdf"):
            continue
        pdf = corpus / "docs" / doc.file
        txt = work / "txt" / (Path(doc.file).stem + ".txt")
        txt.parent.mkdir(parents=True, exist_ok=True)
        render(corpus / "sources" / doc.source, txt)
        plain = work / "pypdf" / "seeds" / (Path(doc.file).stem + ".txt")
        plain.parent.mkdir(parents=True, exist_ok=True)
        plain.write_text(pypdf_text(pdf), encoding="utf-8")
        questions = corpus_questions(corpus, doc)
        row = {"doc": doc.file, "split": doc.split, "style": doc.style, "questions": len(questions),
               "pages": len(load_document(pdf.parent, pdf).pages)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bots = {"as_pdf": folder_assistant([pdf], work / "pdf", settings),
                    "as_txt": folder_assistant([txt], work / "txt-index", settings),
                    "windows": window_assistant(plain.parent, work / "pypdf" / "index", WINDOWS)}
        for name, bot in bots.items():
            m = metrics(run(bot, questions))
            row[name] = {c: m[c] for c in COLUMNS}
        row["times"] = extraction_times(pdf)
        rows.append(row)
        log(f"  {doc.file}: " + "; ".join(f"{n} hit@1 {row[n]['hit@1']:.3f} hit@5 {row[n]['hit@5']:.3f} "
                                          f"accuracy {row[n]['answer_accuracy']:.3f}" for n in bots))
    long = long_label_build(corpus, work, settings)
    log(f"  a {long['pages']}-page label: build {long['build_s']:.2f} s, raw embedding {long['raw_s']:.2f} s")
    return {"documents": rows, "long": long}


def markdown(results: dict) -> str:
    rows, long = results["documents"], results["long"]
    short = {"hit@1": "hit@1", "hit@5": "hit@5", "answer_accuracy": "accuracy",
             "abstention_unanswerable": "declined", "false_abstention": "false abst."}
    out = ["| document | read as | " + " | ".join(short[c] for c in COLUMNS) + " |", "|" + "---|" * (len(COLUMNS) + 2)]
    for r in rows:
        for name, label in (("as_pdf", "the PDF"), ("as_txt", "the same text, .txt"),
                            ("windows", "dense 1,000-char windows of pypdf's text")):
            out.append(f"| {r['doc']} ({r['split']}, {r['pages']} pages, {r['questions']} questions) | {label} | "
                       + " | ".join(f"{r[name][c]:.3f}" for c in COLUMNS) + " |")
    out += ["", "| document | PDF − .txt hit@1 | PDF − .txt accuracy | PDF hit@5 − windows' | "
                "extraction: reader (pdfplumber) | pypdfium2 text |", "|---|---|---|---|---|---|"]
    for r in rows:
        pdf, txt, win = r["as_pdf"], r["as_txt"], r["windows"]
        out.append(f"| {r['doc']} | {pdf['hit@1'] - txt['hit@1']:+.3f} (goal ≥ −0.03) | "
                   f"{pdf['answer_accuracy'] - txt['answer_accuracy']:+.3f} (goal ≥ −0.03) | "
                   f"{pdf['hit@5'] - win['hit@5']:+.3f} (goal ≥ 0) | {r['times']['reader_s']:.2f} s | "
                   f"{r['times']['pdfium_s']:.2f} s |")
    out += ["", f"A {long['pages']}-page label (the corpus's documents laid out as one PDF): build from nothing, "
                f"extraction included, {long['build_s']:.2f} s against raw embedding of its {long['texts']} texts "
                f"{long['raw_s']:.2f} s: **{long['build_s'] / long['raw_s']:.2f}×** (goal ≤ 1.3)."]
    return "\n".join(out)
