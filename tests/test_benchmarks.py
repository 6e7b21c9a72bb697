"""The benchmark code measures what it says (run small here; `python -m benchmarks` runs it whole)."""
from citeqa.ingest import load_document

from benchmarks import quality, scale, speed
from tests.conftest import HASH, SEEDS


def test_split_corpus_keeps_every_character_once(tmp_path):
    paths = speed.split_corpus(SEEDS, 4, tmp_path / "parts")
    assert [p.name for p in paths] == ["part-01.txt", "part-02.txt", "part-03.txt", "part-04.txt"]
    assert "".join(p.read_text(encoding="utf-8") for p in paths) == load_document(SEEDS, SEEDS / "dupilumab.txt").text


def test_window_baseline_cuts_exact_1000_character_windows(tmp_path):
    bot = quality.window_assistant(SEEDS, tmp_path, HASH)
    text = bot.document("dupilumab.txt")
    chunks = bot._state[0].chunks
    assert [(c.start, c.end) for c in chunks] == [(s, min(s + 1000, len(text))) for s in range(0, len(text), 1000)]
    assert all(c.text == text[c.start:c.end] and c.section == "" for c in chunks)
    assert bot.ask("What does dupilumab bind to?").passages


def test_scale_workers_report_each_measure():
    flat, ivf, bm25 = (scale.measure(side, 3000, log=lambda _: None) for side in ("dense-flat", "dense-ivf", "bm25"))
    assert flat["disk"] == 3000 * scale.DIM * 4 + 45  # FAISS flat file: the vectors and a small header
    assert ivf["lists"] == 76 and ivf["probes engine"] == 8  # min(4·√3000 = 219, 3000 // 39 = 76); 8 at least
    assert ivf["recall10 1/8"] >= ivf["recall10 1/64"] and ivf["recall10 engine"] >= 0.9
    assert 0 < bm25["search_p50"] < 1 and bm25["vocabulary"] > 1000
    assert "| 3,000 | dense | FAISS flat (exact) |" in scale.markdown({3000: {"dense-flat": flat, "dense-ivf": ivf,
                                                                              "bm25": bm25}})


def test_formats_build_times_a_pdf_corpus_from_nothing(tmp_path):
    from citeqa.index.embed import get_embedder
    r = speed.formats_build(SEEDS, tmp_path, get_embedder("hash"), HASH)
    assert r["pages"] == 5 and r["texts"] == 128  # the seed's 40 passages and 88 sentences
    assert min(r["extract_s"], r["build_s"], r["raw_s"]) > 0


def test_distributed_shard_memory_counts_the_vectors_twice(tmp_path):
    import subprocess
    import sys

    from benchmarks import distributed
    distributed.write_shard_vectors(20_000, tmp_path / "s.faiss")
    out = subprocess.run([sys.executable, "-c", "from benchmarks import distributed; "
                          f"print(distributed.shard_memory({str(tmp_path / 's.faiss')!r}))"],
                         capture_output=True, text=True, check=True)
    assert 1.8 * 20_000 * 384 * 4 < int(out.stdout) < 2.5 * 20_000 * 384 * 4  # FAISS's copy and NumPy's


def test_pdf_baseline_reads_pypdfs_text_and_the_table_shows_each_goal(tmp_path):
    from benchmarks import pdfs
    from benchmarks.documents import pdf_from_paragraphs

    paragraphs = ["Dosing", "The recommended dose is 300 mg every two weeks after a loading dose of 600 mg."]
    pdf_from_paragraphs(paragraphs, tmp_path / "label.pdf", columns=1)
    assert "300 mg every two weeks" in " ".join(pdfs.pypdf_text(tmp_path / "label.pdf").split())
    m = {c: 0.5 for c in pdfs.COLUMNS}
    row = {"doc": "x.pdf", "split": "tuning", "pages": 3, "questions": 10, "as_pdf": dict(m, **{"hit@1": 0.6}),
           "as_txt": m, "windows": dict(m, **{"hit@5": 0.4}), "times": {"reader_s": 0.5, "pdfium_s": 0.01}}
    table = pdfs.markdown({"documents": [row], "long": {"pages": 50, "texts": 900, "build_s": 13.0, "raw_s": 10.0}})
    assert "| x.pdf | +0.100 (goal ≥ −0.03) | +0.000 (goal ≥ −0.03) | +0.100 (goal ≥ 0) |" in table
    assert "**1.30×** (goal ≤ 1.3)" in table
