"""Word (.docx): paragraphs and tables in document order, headings from paragraph styles.

Read with python-docx (MIT), imported only when a .docx is read. "Title" and "Heading N"
styles (and styles based on them) give heading levels; a paragraph in a list style or
with list numbering is a list item; a table row is given as its cells, which structure
recovery reads as a fact. Not recovered: text boxes, headers and footers
(page furniture), footnotes, comments, images. Word files have no fixed pages, so their
passages carry no page.
"""
from __future__ import annotations

import io
import re
import zipfile

from ..errors import Unreadable
from .lines import Extracted, Para, from_paragraphs


def read(data: bytes) -> Extracted:
    import docx  # noqa: PLC0415 - only a build that meets a .docx pays for the import
    from docx.opc.exceptions import PackageNotFoundError  # noqa: PLC0415
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE: old .doc, or an encrypted .docx
            raise Unreadable("not a .docx (an old Word .doc, or a password-protected file): "
                             "save it as .docx without a password") from exc
        raise Unreadable(f"damaged Word file ({type(exc).__name__})") from exc
    paras: list[Para] = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            paras.extend(_table(item))
        else:
            level = _level(item.style)
            paras.append(Para(item.text, level, item=not level and _listed(item)))
    if not any(p.text.strip() for p in paras):
        raise Unreadable("no text in this Word file")
    return from_paragraphs(paras)


def _level(style) -> int:
    """Heading level of a paragraph style, following the styles it is based on."""
    while style is not None:
        name = (style.name or "").strip()
        if name.lower() == "title":
            return 1
        heading = re.fullmatch(r"heading (\d)", name, re.I)
        if heading:
            return int(heading.group(1))
        style = style.base_style
    return 0


def _listed(paragraph) -> bool:
    """A list item: a list paragraph style ("List Bullet", "List Number 2") or numbering."""
    style = paragraph.style
    while style is not None:
        if (style.name or "").lower().startswith("list"):
            return True
        style = style.base_style
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def _table(table) -> list[Para]:
    out: list[Para] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell is given once per column it spans
                continue
            previous = cell._tc
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        if any(cells):
            out.append(Para("", cells=tuple(cells)))
    return out
