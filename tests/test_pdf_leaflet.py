"""A patient leaflet printed to PDF by Chromium from its web page (what "Save as PDF" in a
browser gives: its own fonts, line breaking and page breaks, a running header and
page-numbered footer), and typeset by reportlab (bold headings, bullets and numbered items
under a hanging indent, a footer), read back: every paragraph and list item whole, each
under the heading it was written under, the header and footer dropped, offsets exact."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.corpus import parse_markdown, to_html, to_pdf
from citeqa.ingest import load_document

CHROMIUM = "/usr/bin/chromium"
SOURCE = Path(__file__).parent / "data" / "corpus" / "sources" / "metformin-leaflet.md"
HEADER = "Metformin tablets: package leaflet"
FOOTER = "Leaflet revised 2024"


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module", params=["chromium", "reportlab"])
def leaflet(request, tmp_path_factory):
    """(the leaflet read back, its written items, the running header and footer's text):
    printed by Chromium from its web page, or typeset by reportlab (bold headings, bullets
    under a hanging indent, a footer with the title and the page number)."""
    items = parse_markdown(SOURCE.read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("leaflet")
    if request.param == "reportlab":
        to_pdf(items, folder / "leaflet.pdf", FOOTER)
        return load_document(folder, folder / "leaflet.pdf"), items, (FOOTER,)
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.set_content(to_html(items, "Metformin leaflet"))
            page.pdf(path=str(folder / "leaflet.pdf"), format="A4", display_header_footer=True,
                     header_template=f'<div style="font-size:8px;width:100%;text-align:center">{HEADER}</div>',
                     footer_template=f'<div style="font-size:8px;width:100%;text-align:center">{FOOTER} · '
                                     'page <span class="pageNumber"></span></div>',
                     margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"})
        finally:
            browser.close()
    return load_document(folder, folder / "leaflet.pdf"), items, (HEADER, FOOTER)


def written(items):
    """(kind, text, the heading it was written under) for each paragraph and list item.
    A paragraph that introduces a list (ends with a colon, a list next) is its lead-in, one
    that names a table ("Table 2. ...") its caption, and a short line without closing
    punctuation a heading, as the readers take them everywhere (structure.py). A list whose
    items are each a heading of the leaflet is its table of contents ("contents", with its
    lead-in): the readers drop it."""
    def bare(text):
        return re.sub(r"^\d+\.\s*", "", text).lower()
    headings = {bare(i.text) for i in items if i.kind == "heading"}
    contents = set()  # the items of lists of headings, and their lead-ins
    for k, item in enumerate(items):
        run = []
        while k + len(run) < len(items) and items[k + len(run)].kind in ("bullet", "number"):
            run.append(items[k + len(run)])
        if len(run) >= 3 and all(bare(i.text) in headings for i in run):
            contents |= {id(i) for i in run} | ({id(items[k - 1])} if k and items[k - 1].text.endswith(":") else set())
    heading = ""
    for item, after in zip(items, items[1:] + [None]):
        if id(item) in contents:
            yield "contents", item.text.rstrip(" :"), heading
        elif item.kind == "heading":
            heading = item.text
        elif item.kind in ("bullet", "number"):
            yield "item", item.text, heading
        elif item.kind == "para":
            nxt = after.kind if after is not None else ""
            if item.text.endswith(":") and nxt in ("bullet", "number"):
                yield "lead-in", item.text.rstrip(" :"), heading
            elif re.match(r"(table|figure)\s+\d+[.:]", item.text, re.I) and nxt == "table":
                yield "caption", item.text.rstrip(" :."), heading
            elif not re.search(r"[.!?:;,]$", item.text) and len(item.text.split()) <= 8 and nxt == "para":
                yield "heading", item.text, heading
            else:
                yield "para", item.text, heading


def holding(doc, kind: str, text: str):
    """The blocks that hold this written text whole, as what it is."""
    if kind == "para":
        return [b for b in doc.blocks if b.kind == "para" and fold(doc.text[b.start:b.end]) == fold(text)]
    if kind == "item":
        return [b for b in doc.blocks if b.kind == "list" and any(fold(doc.text[s:e]) == fold(text) for s, e in b.units)]
    want = {"lead-in": "list", "caption": "facts"}.get(kind)
    found = [b for b in doc.blocks if (want is None or b.kind == want) and text in b.path]
    # a short line may also stand as a paragraph of its own (one of several in a row, as
    # on a title page): whole either way
    return found or (holding(doc, "para", text) if kind == "heading" else [])


def test_the_print_has_several_pages(leaflet):
    doc, *_ = leaflet
    assert len(doc.pages) >= 3


def test_every_paragraph_and_item_comes_out_whole_under_its_heading(leaflet):
    doc, items, _ = leaflet
    whole, placed, failures = 0, 0, []
    rows = [row for row in written(items) if row[0] != "contents"]
    dropped = [text for kind, text, _ in written(items) if kind == "contents"]
    assert len(dropped) >= 4 and not any(fold(text) in fold(doc.text[b.start:b.end]) and b.kind == "list"
                                         for text in dropped for b in doc.blocks)
    for kind, text, heading in rows:
        found = holding(doc, kind, text)
        if not found:
            failures.append(f"not whole ({kind}): {text[:70]}")
            continue
        whole += 1
        if not heading or heading in found[0].path:
            placed += 1
        else:
            failures.append(f"under {found[0].path}, written under {heading!r}: {text[:50]}")
    assert whole == len(rows), "\n".join(failures)
    assert placed >= 0.95 * len(rows), f"{placed}/{len(rows)} under their heading\n" + "\n".join(failures)


def test_the_running_header_and_footer_are_dropped(leaflet):
    doc, _, furniture = leaflet
    assert not any(text in doc.text for text in furniture)


def test_offsets_are_exact(leaflet):
    doc, *_ = leaflet
    for b in doc.blocks:
        assert all(b.start <= s < e <= b.end for s, e in b.units)
        assert doc.text[b.start:b.end].strip() == doc.text[b.start:b.end]
