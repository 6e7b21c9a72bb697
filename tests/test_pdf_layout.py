"""Real PDFs (issue 23): a prescribing label laid out as labels are (tests/pdf_label.py), as a
PDF and as a Word file, read back. Every paragraph, list item and table row must come out
whole (a wrapped item is one unit, its bullet off; a wrapped cell one cell), every table row
as a fact naming its row, its columns and each value, under the section path as written
(numbered sections at their level, unnumbered bold sub-headings under the current numbered
section, a list under its lead-in, a table under its caption), on the page where it begins,
with offsets exact; running headers and footers dropped. The shares are measured and the
failures printed."""
from __future__ import annotations

import re

import pytest

from citeqa.ingest import load_document
from tests.pdf_label import FOOTER, HEADER, TITLE, Truth, render_docx, render_pdf


@pytest.fixture(scope="module")
def label(tmp_path_factory):
    folder = tmp_path_factory.mktemp("label")
    truth, pages = render_pdf(folder / "label.pdf")
    render_docx(folder / "label.docx")
    return {"pdf": (load_document(folder, folder / "label.pdf"), truth, pages),
            "docx": (load_document(folder, folder / "label.docx"), truth, 0), "file": folder / "label.pdf"}


def fact(t: Truth) -> str:
    """The fact a table row must give: its label, then each column's name and value."""
    return f"{t.cells[0]}: " + "; ".join(f"{name}: {cell}" for name, cell in zip(t.header[1:], t.cells[1:]))


def locate(doc, t: Truth):
    """(block, unit index) holding this passage whole: a paragraph as its own block, an item
    as one unit of a list block, a row as one unit of a facts block with its fact; None when
    it is split, merged or missing."""
    for block in doc.blocks:
        if t.kind == "para" and block.kind == "para" and doc.text[block.start:block.end] == t.text:
            return block, None
        if t.kind == "item" and block.kind == "list":
            for k, (s, e) in enumerate(block.units):
                if doc.text[s:e] == t.text:
                    return block, k
        if t.kind == "row" and block.kind == "facts":
            for k, (s, e) in enumerate(block.units):
                if doc.text[s:e].split(" | ") == list(t.cells) and block.labels[k] == fact(t):
                    return block, k
    return None


def share(good: int, total: int) -> str:
    return f"{good}/{total} = {100 * good / total:.1f}%"


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_every_paragraph_item_and_cell_whole_under_its_section(label, kind):
    doc, truth, _ = label[kind]
    assert {t.kind for t in truth} == {"para", "item", "row"} and len(truth) >= 90
    found = {id(t): locate(doc, t) for t in truth}
    split = [f"{t.kind}: {t.text[:90]}" for t in truth if found[id(t)] is None]
    assert not split, f"whole {share(len(truth) - len(split), len(truth))}; not whole:\n" + "\n".join(split)
    wrong = [f"{t.text[:50]!r}: {found[id(t)][0].path} != {t.path}" for t in truth if found[id(t)][0].path != t.path]
    right = len(truth) - len(wrong)
    assert right >= 0.95 * len(truth), f"section paths {share(right, len(truth))}; wrong:\n" + "\n".join(wrong)
    # every list item's passage starts with its lead-in, which is its sub-heading
    for t in truth:
        block, _ = found[id(t)]
        if t.kind == "item" and t.lead:
            assert doc.text[block.start:block.end].startswith(t.lead + "\n") and block.path[-1] == t.lead.rstrip(" :")
        if t.kind == "row":
            assert block.path[-1] == t.lead.rstrip(" :.")  # the caption heads the table
    assert doc.title == TITLE


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_offsets_exact_and_furniture_dropped(label, kind):
    doc, truth, _ = label[kind]
    for block in doc.blocks:
        text = doc.text[block.start:block.end]
        assert text and text == text.strip() and block.start >= 0 and block.end <= len(doc.text)
        for s, e in block.units:
            assert block.start <= s < e <= block.end and doc.text[s:e] == doc.text[s:e].strip()
    header = re.escape(FOOTER.split("{")[0].split("·")[0].strip())
    assert HEADER not in doc.text and not re.search(header, doc.text)
    assert not any(re.fullmatch(r"(Page )?\d+", line.strip()) for line in doc.text.splitlines())
    # nothing invented: every line of the text is a heading, a lead-in, a caption or a passage
    written = {t.text for t in truth} | {t.lead for t in truth if t.lead}
    headings = {TITLE} | {part for t in truth for part in t.path}
    for line in doc.text.splitlines():
        bare = re.sub(r"^• ", "", line)
        assert bare in written or line in headings or line.startswith(tuple(t.header[0] for t in truth if t.header)), line


def test_pdf_pages_and_a_table_continued_on_the_next_page(label):
    doc, truth, pages = label["pdf"]
    assert pages >= 8 and [page for _, page in doc.pages] == list(range(1, pages + 1))
    table1 = [t for t in truth if t.kind == "row" and t.lead.startswith("Table 1.")]
    assert len({t.page for t in table1}) == 2  # it runs onto the next page, its header row repeated there
    facts = {locate(doc, t)[0] for t in table1}
    assert len(facts) == 1  # ... and is read as one table, the repeated header no row of facts
    assert len(next(iter(facts)).units) == len(table1)
    wrong = []
    for t in truth:
        block, k = locate(doc, t)
        start = block.start if k is None else block.units[k][0]
        if doc.page_at(start) != t.page:
            wrong.append(f"{t.text[:60]!r}: page {doc.page_at(start)} != {t.page}")
        first = next(u for u in truth if locate(doc, u)[0] is block)
        if t is first:  # the block begins on its first passage's page (a list: its lead-in's)
            want = t.lead_page if t.kind == "item" and t.lead else t.page
            if doc.page_at(block.start) != want:
                wrong.append(f"block at {doc.text[block.start:block.start + 60]!r}: page {doc.page_at(block.start)} != {want}")
    assert not wrong, "\n".join(wrong)


def test_word_file_has_no_pages(label):
    doc, _, _ = label["docx"]
    assert doc.pages == () and doc.page_at(0) is None


def test_a_heading_after_skipped_levels_takes_its_own_place(tmp_path):
    # "###" under "#" leaves level 2 empty; the next "###" replaces the first, not nests under it
    (tmp_path / "d.md").write_text("# Somemab\n\n### Dosing\n\nGive 300 mg every two weeks.\n\n"
                                   "### Storage\n\nKeep it refrigerated at 2°C to 8°C.\n\n## Trials\n\n"
                                   "The trial enrolled 120 adults.\n", encoding="utf-8")
    doc = load_document(tmp_path, tmp_path / "d.md")
    assert [b.path for b in doc.blocks] == [("Somemab", "Dosing"), ("Somemab", "Storage"), ("Somemab", "Trials")]


def test_objects_read_off_pdfminer_match_pdfplumbers_own(label):
    """The reader takes glyphs, rules and filled shapes off pdfminer's objects itself (for
    speed); what it takes must be what pdfplumber's own page objects say, on every page."""
    import pdfplumber

    from citeqa.ingest.pdf import _objects, _words

    with pdfplumber.open(label["file"]) as pdf:
        for page in pdf.pages:
            width, height, chars, shapes, rules, _ = _objects(page)
            assert (width, height) == (page.width, page.height)
            assert _words(chars, []) == page.extract_words(extra_attrs=["size", "fontname"])
            assert sorted(rules) == sorted((e["top"], e["x0"], e["x1"]) for e in page.horizontal_edges
                                           if e["x1"] - e["x0"] >= 10)
            filled = [s for s in page.curves + page.rects if s.get("fill")]
            assert sorted((s["x0"], s["top"]) for s in shapes) == sorted((s["x0"], s["top"]) for s in filled)


def test_paragraphs_part_at_their_gap_in_a_leaflet_of_short_paragraphs(tmp_path):
    # one font throughout, lines 12.5 pt apart inside a paragraph and 17.5 pt between paragraphs; most
    # paragraphs are one line, so the usual gap between lines is the one between paragraphs. A heading
    # after a full line, whose first word would not have fitted on it, still starts its own paragraph
    from reportlab.pdfgen import canvas

    width = 40 * 9.5 * 0.5  # about forty average characters of 9.5 pt Helvetica
    wrap = ("If you are over 50 years of age, your doctor will usually start you on a lower dose and raise it "
            "slowly, because older people are more likely to have heart problems and often need less of the "
            "medicine, and the same applies when the thyroid gland has been underactive for a long time, as the "
            "heart then needs time to adapt to heart problems.")
    rows = [("Warnings", 0)] + [(f"Item {n} has a short line of its own.", 17.5) for n in range(8)]
    words, line = wrap.split(), ""
    first = True
    for word in words:
        if pdf_width(f"{line} {word}".strip()) > width:
            rows.append((line, 17.5 if first else 12.5))
            line, first = word, False
        else:
            line = f"{line} {word}".strip()
    rows += [(line, 12.5), ("Adrenal problems", 17.5), ("Tell your doctor about them.", 17.5)]
    pdf = canvas.Canvas(str(tmp_path / "leaflet.pdf"), pagesize=(width + 120, 800))
    y = 760
    for text, gap in rows:
        y -= gap
        pdf.setFont("Helvetica", 9.5)
        pdf.drawString(60, y, text)
    pdf.save()
    doc = load_document(tmp_path, tmp_path / "leaflet.pdf")
    units = [doc.text[s:e] for b in doc.blocks for s, e in b.units]
    assert any(u.startswith("If you are over 50 years of age") and u.endswith("heart problems.") for u in units)
    assert any(b.path[-1:] == ("Adrenal problems",) for b in doc.blocks)


def pdf_width(text: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    return stringWidth(text, "Helvetica", 9.5)
