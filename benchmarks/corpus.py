"""The development corpus: documents about many drugs, in the formats users hold.

    python -m benchmarks.corpus          # render tests/data/corpus/sources/*.md into docs/

Each document is written once, in Markdown (`sources/`), and laid out in the format
`corpus.json` gives it: kept as Markdown, or written as plain text, HTML, a PDF
(reportlab: headings in bold type, bulleted lists with hanging indents, ruled tables
whose cells wrap, a running footer) or a Word file (python-docx: heading and list
styles, tables). The rendered files are committed under `docs/`, so the corpus is a
folder of documents like any user's; this command makes them again from the sources.

`corpus.json` also says, per document, its style, the drugs it is about (generic and
brand names: what the brand-name checks swap) and its split: `tuning` documents guide
changes, `heldout` ones never do.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from citeqa.evaluate import corpus_documents

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
# ------------------------------------------------------------------ reading the Markdown


@dataclass(frozen=True)
class Item:
    kind: str  # heading, para, bullet, number, table
    text: str = ""
    level: int = 0  # heading level
    rows: tuple[tuple[str, ...], ...] = ()  # a table's rows, the header first


def parse_markdown(text: str) -> list[Item]:
    """The few Markdown forms the sources use: ATX headings, one-line paragraphs, '- ' and
    '1. ' list items, and pipe tables."""
    items: list[Item] = []
    table: list[tuple[str, ...]] = []
    for line in text.splitlines() + [""]:
        line = line.rstrip()
        if line.startswith("|"):
            cells = tuple(c.strip() for c in line.strip("|").split("|"))
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                table.append(cells)
            continue
        if table:
            items.append(Item("table", rows=tuple(table)))
            table = []
        if not line.strip():
            continue
        if m := re.match(r"(#{1,6})\s+(.*)", line):
            items.append(Item("heading", m.group(2).strip(), len(m.group(1))))
        elif m := re.match(r"[-*]\s+(.*)", line):
            items.append(Item("bullet", m.group(1).strip()))
        elif m := re.match(r"\d+[.)]\s+(.*)", line):
            items.append(Item("number", m.group(1).strip()))
        else:
            items.append(Item("para", line.strip()))
    return items


# ------------------------------------------------------------------ formats


def to_text(items: list[Item]) -> str:
    """Plain text as a text export writes it: headings on their own lines, '•' bullets,
    tables as pipe-separated rows."""
    out: list[str] = []
    number = 0
    for item in items:
        number = number + 1 if item.kind == "number" else 0
        if item.kind == "heading":
            out += ["", item.text, ""]
        elif item.kind == "bullet":
            out.append(f"• {item.text}")
        elif item.kind == "number":
            out.append(f"{number}. {item.text}")
        elif item.kind == "table":
            out += [""] + [" | ".join(row) for row in item.rows] + [""]
        else:
            out += ["", item.text, ""]
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def to_html(items: list[Item], title: str) -> str:
    """A web page: navigation and a footer around the article (which readers drop)."""
    e = html.escape
    body: list[str] = []
    open_list = ""
    for item in items:
        kind = {"bullet": "ul", "number": "ol"}.get(item.kind, "")
        if open_list and kind != open_list:
            body.append(f"</{open_list}>")
            open_list = ""
        if kind and not open_list:
            body.append(f"<{kind}>")
            open_list = kind
        if item.kind == "heading":
            body.append(f"<h{item.level}>{e(item.text)}</h{item.level}>")
        elif kind:
            body.append(f"  <li>{e(item.text)}</li>")
        elif item.kind == "table":
            head, *rows = item.rows
            body.append("<table>")
            body.append("  <tr>" + "".join(f"<th>{e(c)}</th>" for c in head) + "</tr>")
            body += ["  <tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
            body.append("</table>")
        else:
            body.append(f"<p>{e(item.text)}</p>")
    if open_list:
        body.append(f"</{open_list}>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{e(title)}</title>\n<style>body {{ font-family: sans-serif; }}</style>\n</head>\n<body>\n"
            "<nav><a href=\"/\">Main page</a> <a href=\"/random\">Random article</a> <a href=\"/help\">Help</a></nav>\n"
            "<main>\n" + "\n".join(body) + "\n</main>\n"
            "<footer>Text is available under a free licence. Privacy policy. Contact us.</footer>\n"
            "</body>\n</html>\n")


def to_docx(items: list[Item], path: Path) -> None:
    """A Word file with the Title and Heading styles, list styles and ruled tables."""
    import docx  # noqa: PLC0415
    from datetime import datetime, timezone  # noqa: PLC0415

    document = docx.Document()
    for item in items:
        if item.kind == "heading":
            document.add_heading(item.text, level=0 if item.level == 1 else item.level - 1)
        elif item.kind == "bullet":
            document.add_paragraph(item.text, style="List Bullet")
        elif item.kind == "number":
            document.add_paragraph(item.text, style="List Number")
        elif item.kind == "table":
            table = document.add_table(rows=len(item.rows), cols=max(len(r) for r in item.rows))
            table.style = "Table Grid"
            for r, row in enumerate(item.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            document.add_paragraph(item.text)
    stamp = datetime(2026, 1, 1, tzinfo=timezone.utc)
    document.core_properties.created = document.core_properties.modified = stamp
    document.save(str(path))


def to_pdf(items: list[Item], path: Path, title: str) -> None:
    """A printed document: bold headings by level, bullets with a hanging indent, ruled
    tables whose cells wrap, and a running footer with the title and the page number."""
    from reportlab.lib import colors  # noqa: PLC0415
    from reportlab.lib.pagesizes import letter  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.platypus import (ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer,  # noqa: PLC0415
                                    Table, TableStyle)

    from .documents import font  # noqa: PLC0415

    face = font()
    body = ParagraphStyle("body", fontName=face, fontSize=9.5, leading=12.5, spaceAfter=5)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
    head = {1: ParagraphStyle("h1", parent=body, fontName=f"{face}-Bold", fontSize=15, leading=19, spaceAfter=10),
            2: ParagraphStyle("h2", parent=body, fontName=f"{face}-Bold", fontSize=12, leading=15, spaceBefore=8),
            3: ParagraphStyle("h3", parent=body, fontName=f"{face}-Bold", fontSize=10.5, leading=13, spaceBefore=4),
            4: ParagraphStyle("h4", parent=body, fontName=f"{face}-Bold", fontSize=9.5, leading=12.5)}
    flow: list = []
    listed: list = []
    kind = ""

    def close_list() -> None:
        nonlocal listed, kind
        if listed:
            flow.append(ListFlowable(listed, bulletType="bullet" if kind == "bullet" else "1", start="•" if
                                     kind == "bullet" else None, leftIndent=16, bulletFontName=face,
                                     bulletFontSize=9, bulletFormat=None if kind == "bullet" else "%s."))
            flow.append(Spacer(1, 4))
        listed, kind = [], ""

    esc = html.escape
    for item in items:
        if item.kind in ("bullet", "number"):
            if kind and kind != item.kind:
                close_list()
            kind = item.kind
            listed.append(ListItem(Paragraph(esc(item.text), body), leftIndent=16))
            continue
        close_list()
        if item.kind == "heading":
            flow.append(Paragraph(esc(item.text), head[min(item.level, 4)]))
        elif item.kind == "table":
            columns = max(len(r) for r in item.rows)
            width = (letter[0] - 2 * 54) / columns
            rows = [[Paragraph(esc(c), cell) for c in row] + [""] * (columns - len(row)) for row in item.rows]
            table = Table(rows, colWidths=[width] * columns, repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow += [table, Spacer(1, 6)]
        else:
            flow.append(Paragraph(esc(item.text), body))
    close_list()

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(face, 7.5)
        canvas.drawString(54, 36, title[:90])
        canvas.drawRightString(letter[0] - 54, 36, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=letter, leftMargin=54, rightMargin=54, topMargin=60,
                            bottomMargin=60, title=title, invariant=1)
    doc.build(flow, onFirstPage=footer, onLaterPages=footer)


def render(source: Path, target: Path) -> None:
    """Lay a Markdown source out as the format `target`'s suffix names."""
    text = source.read_text(encoding="utf-8")
    items = parse_markdown(text)
    title = next((i.text for i in items if i.kind == "heading"), target.stem)
    suffix = target.suffix.lower()
    if suffix == ".md":
        target.write_text(text, encoding="utf-8")
    elif suffix == ".txt":
        target.write_text(to_text(items), encoding="utf-8")
    elif suffix in (".html", ".htm"):
        target.write_text(to_html(items, title), encoding="utf-8")
    elif suffix == ".docx":
        to_docx(items, target)
    elif suffix == ".pdf":
        to_pdf(items, target, title)
    else:
        raise ValueError(f"no layout for {target.suffix} files")


def main(argv: list[str] | None = None) -> int:
    corpus = Path(argv[0]) if argv else CORPUS
    out = corpus / "docs"
    out.mkdir(exist_ok=True)
    for doc in corpus_documents(corpus):
        render(corpus / "sources" / doc.source, out / doc.file)
        print(f"{doc.file:<28} {doc.split:<8} {doc.style}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
