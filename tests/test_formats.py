"""PDF and Word seeds: the text a reader sees, its structure, its pages, and answers as good
as from the plain text. Every document is generated here from the text it must give back
(benchmarks/documents.py); no binary is committed."""
import bisect
import re
import shutil
from pathlib import Path

import pytest

from benchmarks.documents import (docx_from_lines, encrypted_pdf, image_only_pdf, pdf_from_paragraphs,
                                  truncated_pdf)
from citeqa import Assistant
from citeqa.evaluate import load_questions, metrics, run
from citeqa.ingest import load_document
from citeqa.ingest.lines import text_lines
from tests.conftest import HASH, SEEDS

QUESTIONS = Path(__file__).parent / "data" / "questions.jsonl"
SEED = SEEDS / "dupilumab.txt"


def seed_paragraphs() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def page_at(starts: list[tuple[int, int]], offset: int) -> int:
    return starts[bisect.bisect_right([s for s, _ in starts], offset) - 1][1]


def blocks(doc):
    return [(b.kind, b.path, " ".join(doc.text[b.start:b.end].split())) for b in doc.blocks]


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    """The seed laid out in two columns over several pages: (folder, page starts)."""
    folder = tmp_path_factory.mktemp("pdf") / "seeds"
    folder.mkdir()
    starts = pdf_from_paragraphs(seed_paragraphs(), folder / "dupilumab.pdf", header="Dupixent monograph")
    return folder, starts


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory):
    """The seed as a Word file: its headings (as the plain text reads them) in Heading 1–3."""
    folder = tmp_path_factory.mktemp("docx") / "seeds"
    folder.mkdir()
    txt = load_document(SEEDS, SEED)
    lines = []
    for line in text_lines(txt.text, markdown=False):
        after = next((b for b in txt.blocks if b.start >= line.end), None)
        inside = any(b.start <= line.start < b.end for b in txt.blocks)
        heading = not inside and after is not None and line.text in after.path
        lines.append((line.text, after.path.index(line.text) + 1 if heading else 0))
    assert sum(level > 0 for _, level in lines) >= 15
    docx_from_lines(lines, folder / "dupilumab.docx")
    return folder


def test_pdf_gives_back_the_laid_out_text_and_its_pages(seed_pdf):
    folder, starts = seed_pdf
    doc = load_document(folder, folder / "dupilumab.pdf")
    # two columns read in order, header and "Page N" footers dropped, hyphenated words
    # rejoined (and real hyphens kept), paragraphs joined across columns and pages
    assert doc.text == "\n".join(seed_paragraphs()) + "\n"
    assert len(starts) >= 4 and list(doc.pages) == starts
    assert blocks(doc) == blocks(load_document(SEEDS, SEED))


def answers_like_the_text(bot, folder, tmp_path):
    """An index over `folder`, grown from a copy of the text's index (the refresh re-embeds
    only units whose text differs), and the first dev set run on both."""
    shutil.copytree(bot.index_dir, tmp_path / "index")
    other = Assistant(folder, tmp_path / "index")
    assert other.last_report.removed == ["dupilumab.txt"]
    questions = load_questions(QUESTIONS)
    return other, metrics(run(bot, questions)), metrics(run(other, questions))


def test_pdf_answers_as_well_as_the_text_and_cites_pages(bot, seed_pdf, tmp_path):
    folder, starts = seed_pdf
    pdf_bot, txt, pdf = answers_like_the_text(bot, folder, tmp_path)
    assert pdf["hit@1"] >= txt["hit@1"] - 0.03
    text = pdf_bot.document("dupilumab.pdf")
    chunks = pdf_bot._state[0].chunks
    for chunk in chunks:
        assert text[chunk.start:chunk.end] == chunk.text
        assert chunk.page == page_at(starts, chunk.start)
    golds = [g for q in load_questions(QUESTIONS) for g in q["gold"]]
    for gold in golds:
        holder = next(c for c in chunks if gold in c.text)
        assert holder.page == page_at(starts, text.index(holder.text))
    assert len({c.page for c in chunks}) == len(starts)
    answer = pdf_bot.ask("On which tyrosine is STAT6 phosphorylated?")
    top = answer.passages[0]
    assert answer.found and "tyrosine 641" in answer.text
    assert top.page == page_at(starts, top.start) and top.citation.endswith(f" · p. {top.page}")


def test_word_file_keeps_its_headings_and_answers_as_well(bot, seed_docx, tmp_path):
    doc = load_document(seed_docx, seed_docx / "dupilumab.docx")
    assert blocks(doc) == blocks(load_document(SEEDS, SEED))
    assert doc.pages == () and doc.page_at(0) is None
    docx_bot, txt, docx = answers_like_the_text(bot, seed_docx, tmp_path)
    assert docx["hit@1"] >= txt["hit@1"] - 0.03
    top = docx_bot.ask("On which tyrosine is STAT6 phosphorylated?").passages[0]
    assert top.page is None and top.citation == f"dupilumab.docx › {top.section}"


def test_pdf_headings_from_font_size_and_numbered_bold_lines_and_table_rows(tmp_path):
    from reportlab.pdfgen import canvas
    from benchmarks.documents import font
    face = font()
    pdf = canvas.Canvas(str(tmp_path / "label.pdf"), pagesize=(612, 792))
    y = 720
    for text, name, size in [("Somemab Prescribing Information", face, 16),
                             ("5 WARNINGS AND PRECAUTIONS", "DejaVu-Bold", 10),
                             ("5.1 Hypersensitivity", "DejaVu-Bold", 10),
                             ("Hypersensitivity reactions, including anaphylaxis, were reported.", face, 10),
                             ("5.2 Conjunctivitis", "DejaVu-Bold", 10),
                             ("Conjunctivitis occurred in 10% of patients.", face, 10)]:
        pdf.setFont(name, size)
        pdf.drawString(72, y, text)
        y -= 30
    for label, value in [("Generic name", "somemab"), ("Route", "subcutaneous injection")]:
        pdf.setFont(face, 10)
        pdf.drawString(72, y, label)
        pdf.drawString(250, y, value)
        y -= 14
    pdf.save()
    doc = load_document(tmp_path, tmp_path / "label.pdf")
    assert blocks(doc) == [
        ("para", ("Somemab Prescribing Information", "5 WARNINGS AND PRECAUTIONS", "5.1 Hypersensitivity"),
         "Hypersensitivity reactions, including anaphylaxis, were reported."),
        ("para", ("Somemab Prescribing Information", "5 WARNINGS AND PRECAUTIONS", "5.2 Conjunctivitis"),
         "Conjunctivitis occurred in 10% of patients."),
        ("facts", ("Somemab Prescribing Information", "5 WARNINGS AND PRECAUTIONS", "5.2 Conjunctivitis"),
         "Generic name | somemab Route | subcutaneous injection"),
    ]
    assert doc.blocks[-1].labels == ("Generic name: somemab", "Route: subcutaneous injection")


def test_word_tables_and_lists(tmp_path):
    import docx
    document = docx.Document()
    document.add_heading("Somemab", 1)
    document.add_heading("Dosing", 2)
    document.add_paragraph("Give it every two weeks.", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, (label, value) in zip(table.rows, [("Dose", "300 mg"), ("Route", "subcutaneous")]):
        row.cells[0].text, row.cells[1].text = label, value
    document.save(str(tmp_path / "d.docx"))
    doc = load_document(tmp_path, tmp_path / "d.docx")
    assert blocks(doc) == [("list", ("Somemab", "Dosing"), "• Give it every two weeks."),
                           ("facts", ("Somemab", "Dosing"), "Dose | 300 mg Route | subcutaneous")]
    assert [doc.text[s:e] for s, e in doc.blocks[0].units] == ["Give it every two weeks."]
    assert doc.blocks[1].labels == ("Dose: 300 mg", "Route: subcutaneous")


def test_bad_files_are_skipped_with_their_reasons_and_the_rest_indexed(corpus):
    encrypted_pdf(corpus / "locked.pdf")
    image_only_pdf(corpus / "scan.pdf")
    truncated_pdf(corpus / "cut.pdf", ["A paragraph that was never finished downloading."] * 40)
    (corpus / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (corpus / "garbled.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    bot = Assistant(corpus, corpus.parent / "index", settings=HASH)
    reasons = dict(bot.last_report.skipped)
    assert set(reasons) == {"locked.pdf", "scan.pdf", "cut.pdf", "old.docx", "garbled.pdf"}
    assert reasons["garbled.pdf"].startswith("damaged PDF (")
    assert reasons["locked.pdf"].startswith("encrypted PDF")
    assert reasons["scan.pdf"].startswith("no text layer") and "OCR is not done" in reasons["scan.pdf"]
    assert reasons["cut.pdf"].startswith("damaged or truncated PDF")
    assert reasons["old.docx"].startswith("not a .docx")
    assert bot.last_report.added == ["a.txt", "b.md", "c.txt"]
    status = bot.status()
    assert status.unreadable == reasons and not status.stale  # known bad files are not "pending"
    again = bot.refresh()
    assert again.nothing_changed and dict(again.skipped) == reasons
    assert "locked.pdf (encrypted PDF" in again.summary()
    assert bot.ask("What is gammamab approved for?").passages[0].source == "c.txt"


def test_a_resaved_pdf_reembeds_nothing_and_an_edited_one_only_its_paragraph(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    paragraphs = seed_paragraphs()
    pdf_from_paragraphs(paragraphs, seeds / "d.pdf")
    bot = Assistant(seeds, tmp_path / "index", settings=HASH)
    pdf_from_paragraphs(paragraphs, seeds / "d.pdf", header="Saved again")  # same text, new bytes
    same = bot.refresh()
    assert same.changed == ["d.pdf"] and same.embedded == 0
    k = next(n for n, p in enumerate(paragraphs) if p.startswith("The pivotal approval program"))
    edited = paragraphs[:k] + [paragraphs[k].replace("671 and 708 adults", "672 and 709 adults")] + paragraphs[k + 1:]
    pdf_from_paragraphs(edited, seeds / "d.pdf")
    changed = bot.refresh()
    new = [c for c in bot._state[0].chunks if "672 and 709" in c.text]
    # the edited sentence, and its passage (whole, plus one sentence)
    assert len(new) == 1 and changed.embedded == 2
    assert bot.ask("How many adults were enrolled in SOLO 1 and SOLO 2?").passages[0].id == new[0].id


def test_a_typeset_article_justified_indented_with_a_table(tmp_path):
    from benchmarks.documents import article_pdf
    long = [p for p in seed_paragraphs() if len(p) > 400]
    sections = [("1 Background", long[0:4]), ("2 Mechanism", long[4:8]), ("3 Trials", long[8:12])]
    table = [["Trial", "N", "Result"], ["SOLO 1", "671", "38% vs 10%"], ["SOLO 2", "708", "36% vs 8%"]]
    article_pdf("Dupilumab: a review", sections, table, tmp_path / "a.pdf")
    doc = load_document(tmp_path, tmp_path / "a.pdf")
    assert len(doc.pages) >= 3
    paras = [(b.path, doc.text[b.start:b.end]) for b in doc.blocks if b.kind == "para"]
    want = [(heading, p) for heading, ps in sections for p in ps]
    # every paragraph whole and in order (stretched spaces, indents and column breaks
    # notwithstanding), under its heading; the table as facts, its columns named
    assert [text for _, text in paras] == [p for _, p in want]
    assert all(path[:2] == ("Dupilumab: a review", heading) for (path, _), (heading, _) in zip(paras, want))
    facts = [b for b in doc.blocks if b.kind == "facts"]
    assert [b.labels for b in facts] == [("SOLO 1: N: 671; Result: 38% vs 10%", "SOLO 2: N: 708; Result: 36% vs 8%")]
    assert "Journal of Test Layouts" not in doc.text and not any(line.isdigit() for line in doc.text.splitlines())


def test_one_line_paragraphs_stay_apart_when_no_line_fills_the_column(tmp_path):
    # nothing wraps, so the column's width is unknown: no line may swallow the next
    lines = [f"Study {n} of somemab enrolled {20 + n} adults." for n in range(40)]
    starts = pdf_from_paragraphs(["Somemab Studies"] + lines, tmp_path / "s.pdf", columns=1)
    doc = load_document(tmp_path, tmp_path / "s.pdf")
    assert doc.text.splitlines() == ["Somemab Studies"] + lines and list(doc.pages) == starts


@pytest.mark.parametrize("columns", [2, 3])
def test_a_pdf_printed_by_a_browser(tmp_path, columns):
    """Another producer (Chromium's Skia): CSS columns (two or three), justified text,
    headings in larger type."""
    import html
    import subprocess

    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    long = [p for p in seed_paragraphs() if len(p) > 300][:10]
    sections = [("1 Background", long[:5]), ("2 Mechanism", long[5:])]
    body = "".join(f"<h2>{h}</h2>" + "".join(f"<p>{html.escape(p)}</p>" for p in ps) for h, ps in sections)
    (tmp_path / "a.html").write_text(
        f"<html><head><style>body {{ font-family: 'DejaVu Sans'; font-size: 9pt; columns: {columns}; column-gap: 24pt;"
        " text-align: justify } h1 { column-span: all; font-size: 18pt } h2 { font-size: 12pt }"
        " p { margin: 0 0 5pt 0 } @page { size: letter; margin: 54pt }</style></head>"
        f"<body><h1>Dupilumab: a review</h1>{body}</body></html>", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    subprocess.run([str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={tmp_path / 'seeds' / 'a.pdf'}", (tmp_path / "a.html").as_uri()],
                   capture_output=True, timeout=120, check=True)
    doc = load_document(tmp_path / "seeds", tmp_path / "seeds" / "a.pdf")
    paras = [(b.path, doc.text[b.start:b.end]) for b in doc.blocks if b.kind == "para"]
    # every word in order, each column read whole; a paragraph may run on from the one
    # before it only across a column break where that one's last line fills its column (no
    # layout tells that from a sentence going on), which three narrow columns meet once here
    assert " ".join(text for _, text in paras) == " ".join(long)
    assert sum(p not in [text for _, text in paras] for p in long) <= (0 if columns == 2 else 2)
    assert {path[:2] for path, _ in paras} == {("Dupilumab: a review", h) for h, _ in sections}


def test_three_columns_and_a_last_page_whose_columns_are_not_full(tmp_path):
    """A page with no gutter of its own (its last column empty) takes the gutters of the
    document's other pages: its columns are read one after the other, not as table rows."""
    starts = pdf_from_paragraphs(seed_paragraphs(), tmp_path / "s.pdf", columns=3, header="Dupixent monograph")
    plain = load_document(SEEDS, SEED)
    doc = load_document(tmp_path, tmp_path / "s.pdf")
    squeeze = lambda text: re.sub(r"[\s-]", "", text)  # noqa: E731 - a line-end hyphen may be a word's own
    assert squeeze(doc.text) == squeeze("".join(seed_paragraphs()))
    assert [page for _, page in doc.pages] == [page for _, page in starts] and len(starts) >= 4
    assert all(abs(a - b) <= 4 for (a, _), (b, _) in zip(doc.pages, starts))
    facts = [squeeze(doc.text[b.start:b.end]) for b in doc.blocks if b.kind == "facts"]
    assert facts == [squeeze(plain.text[b.start:b.end]) for b in plain.blocks if b.kind == "facts"]
