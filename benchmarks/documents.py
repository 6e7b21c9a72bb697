"""Lay out text as the documents users hold, for the tests and the benchmark: a PDF with
two columns, several pages, a running header, page-numbered footers and words hyphenated
at line ends (reportlab), and a Word file with heading styles (python-docx). Nothing is
committed as a binary: every file is generated from the text it must give back.

``pdf_from_paragraphs`` returns where each page's text begins, as offsets into
``"\\n".join(paragraphs)``: exactly what a reader that recovers the text must report.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

FONT_FILES = [  # a TrueType font with Greek and math signs (α, ≥, µ) that PDFs embed
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
]
PAGE_W, PAGE_H = 612.0, 792.0  # US letter, points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM, GUTTER = 54.0, 72.0, 66.0, 20.0


def font() -> str:
    """Register DejaVu Sans (Debian: fonts-dejavu-core) with reportlab; its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        path = next((p for p in FONT_FILES if p.is_file()), None)
        if path is None:
            raise FileNotFoundError("DejaVuSans.ttf not found: apt-get install fonts-dejavu-core")
        pdfmetrics.registerFont(TTFont("DejaVu", str(path)))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(path.with_name("DejaVuSans-Bold.ttf"))))
    return "DejaVu"


def _wrap(text: str, width: float, face: str, size: float) -> list[tuple[str, int, int]]:
    """Greedy line breaking with hyphenation: (shown text, start, end) in `text` per line.
    A word that does not fit is split after one of its own hyphens, or, if it is a plain
    word of 8+ letters, inside it with a hyphen added; the shown lines rejoin to `text`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    fits = lambda s: stringWidth(s, face, size) <= width  # noqa: E731
    lines: list[tuple[str, int, int]] = []
    start = pos = 0  # current line's start; the next word's start
    shown = ""
    for match in re.finditer(r"\S+", text):
        word, w0 = match.group(0), match.start()
        candidate = (shown + " " + word) if shown else word
        if fits(candidate):
            shown, pos = candidate, match.end()
            continue
        prefix = shown + " " if shown else ""
        split = None
        for k in range(len(word) - 2, 2, -1):  # longest head that fits
            head = word[:k]
            if word[k - 1] == "-" and fits(prefix + head):
                split = (head, k)
                break
            if (re.fullmatch(r"[a-z]{8,}", word.strip(".,;:")) and k <= len(word.strip(".,;:")) - 3
                    and fits(prefix + head + "-")):
                split = (head + "-", k)
                break
        if split:
            lines.append((prefix + split[0], start, w0 + split[1]))
            start, shown, pos = w0 + split[1], word[split[1]:], match.end()
        else:
            lines.append((shown, start, pos))
            start, shown, pos = w0, word, match.end()
    if shown:
        lines.append((shown, start, pos))
    return lines


def pdf_from_paragraphs(paragraphs: list[str], path: Path, *, columns: int = 2, size: float = 9.5,
                        header: str = "Drug monograph — test layout", headings: dict[int, float] | None = None,
                        ) -> list[tuple[int, int]]:
    """Write the paragraphs as a PDF; (offset, page) where each page's text begins.
    `headings` maps a paragraph's index to a larger font size (a heading)."""
    from reportlab.pdfgen import canvas
    face = font()
    headings = headings or {}
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    col_w = (PAGE_W - 2 * MARGIN_X - (columns - 1) * GUTTER) / columns
    page, col, y = 1, 0, PAGE_H - MARGIN_TOP
    starts: list[tuple[int, int]] = []
    offset = 0

    def furniture() -> None:
        pdf.setFont(face, 8)
        pdf.drawString(MARGIN_X, PAGE_H - 40, header)
        pdf.drawCentredString(PAGE_W / 2, 30, f"Page {page}")

    furniture()
    for n, para in enumerate(paragraphs):
        para_size = headings.get(n, size)
        leading = para_size * 1.25
        if n and y < PAGE_H - MARGIN_TOP:
            y -= 6  # space between paragraphs
        for shown, start, _ in _wrap(para, col_w, face, para_size):
            if y - leading < MARGIN_BOTTOM:
                col += 1
                if col == columns:
                    pdf.showPage()
                    page, col = page + 1, 0
                    furniture()
                y = PAGE_H - MARGIN_TOP
            if not starts or starts[-1][1] != page:
                starts.append((offset + start, page))
            y -= leading
            pdf.setFont(face, para_size)
            pdf.drawString(MARGIN_X + col * (col_w + GUTTER), y, shown)
        offset += len(para) + 1
    pdf.showPage()
    pdf.save()
    path.write_bytes(buf.getvalue())
    return starts


def docx_from_lines(lines: list[tuple[str, int]], path: Path) -> None:
    """Write (text, heading level) lines as a Word file: level 0 is a Normal paragraph,
    level N a "Heading N" paragraph."""
    import docx
    document = docx.Document()
    for text, level in lines:
        if level:
            document.add_heading(text, level)
        else:
            document.add_paragraph(text)
    document.save(str(path))


def encrypted_pdf(path: Path, text: str = "A secret paragraph.") -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas
    pdf = canvas.Canvas(str(path), encrypt=StandardEncryption("user-password", "owner-password"))
    pdf.drawString(72, 700, text)
    pdf.save()


def image_only_pdf(path: Path) -> None:
    """A page that holds only a picture, as a scanner makes it."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).rectangle((20, 20, 380, 60), fill="black")
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(image), 72, 500, 400, 200)
    pdf.save()


def truncated_pdf(path: Path, paragraphs: list[str]) -> None:
    """A PDF cut short, as an interrupted download leaves it."""
    whole = path.with_suffix(".whole")
    pdf_from_paragraphs(paragraphs, whole)
    data = whole.read_bytes()
    whole.unlink()
    path.write_bytes(data[: len(data) * 2 // 3])


def article_pdf(title: str, sections: list[tuple[str, list[str]]], table: list[list[str]], path: Path) -> None:
    """An article as a typesetter lays it out (reportlab's Platypus): two columns of
    justified paragraphs with first-line indents and no space between them, headings in
    larger bold type, a ruled table, a running header and bare page numbers."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle
    face = font()
    body = ParagraphStyle("body", fontName=face, fontSize=9, leading=11, alignment=TA_JUSTIFY, firstLineIndent=10)
    h1 = ParagraphStyle("h1", fontName="DejaVu-Bold", fontSize=14, leading=18, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName="DejaVu-Bold", fontSize=11, leading=14, spaceBefore=6, spaceAfter=3)
    story = [Paragraph(escape(title), h1)]
    for k, (heading, paragraphs) in enumerate(sections):
        story.append(Paragraph(escape(heading), h2))
        story += [Paragraph(escape(p), body) for p in paragraphs]
        if k == 0 and table:
            grid = Table(table)
            grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                      ("FONTNAME", (0, 0), (-1, -1), face), ("FONTSIZE", (0, 0), (-1, -1), 9)]))
            story += [Spacer(1, 6), grid, Spacer(1, 6)]
    col_w = (PAGE_W - 2 * MARGIN_X - GUTTER) / 2
    frames = [Frame(MARGIN_X + k * (col_w + GUTTER), MARGIN_BOTTOM, col_w, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM)
              for k in range(2)]

    def furniture(canvas, doc) -> None:
        canvas.setFont(face, 8)
        canvas.drawString(MARGIN_X, PAGE_H - 40, "Journal of Test Layouts · Volume 3")
        canvas.drawRightString(PAGE_W - MARGIN_X, 30, str(doc.page))

    doc = BaseDocTemplate(str(path), pagesize=(PAGE_W, PAGE_H))
    doc.addPageTemplates([PageTemplate(frames=frames, onPage=furniture)])
    doc.build(story)
