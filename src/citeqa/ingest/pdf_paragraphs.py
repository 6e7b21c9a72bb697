"""PDF: a page's rows of text (Segment, from pdf.py) joined into paragraphs, list items and
headings.

Lines are joined into paragraphs; one ends at a gap wider than a paragraph's own line
spacing (measured where sentences wrap onto the next line), a change of font size or
weight, a list bullet, a first-line indent, or a line that the next line's first word
would have fitted on (a typesetter breaks a line only when the next word does not fit),
which also decides whether a paragraph runs on across a column or page break. A word
hyphenated at a line end is rejoined unless the document spells it with the hyphen, or the
hyphen joins a compound (hyphens.py). Larger type is a heading (levels by size), as is a
bold numbered line ("5.1 Hypersensitivity"). A bullet or number with its text beside it on one
baseline is a list item (a hanging indent, not a table row), and the lines it wraps onto
join it. A table row is given as its cells, which structure recovery reads as facts; a
cell's next lines join it (in a ruled table every cell may wrap: a rule, not the spacing,
starts the next row). A caption ("Table 2. ...") is never a heading.
Left out: page layout (pdf.py finds the rows, columns and furniture).
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .hyphens import LineJoiner
from .lines import ITEM, Para

BULLET = re.compile(r"^([•◦▪▫‣○●■□*]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
GLYPH_BULLET = re.compile(r"^[•◦▪▫‣○●■□*]\s")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")
CAPTION = re.compile(r"^(table|figure|fig\.)\s+[\dA-Z]{1,3}[.:]\s", re.I)  # "Table 2. ...": a caption, bold or not
WRAPS_MEASURED = 5  # sentences wrapping onto a next line: enough to measure a paragraph's line spacing by


@dataclass
class Segment:
    """A run of words on one baseline: a line of a column, or one cell of a table row."""
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool
    lead: float = 0.0  # width of its first word: would it have fitted on the line before?
    margin: bool = False  # in the top or bottom margin, where running headers and footers sit
    words: list = field(default_factory=list, repr=False)  # pdfplumber's words, left to right
    cells: int = 1  # segments on its baseline within its column (2 or more: a table row)
    flow: int = 0  # the column (or full-width band) it is read in
    rule: float | None = None  # top of the nearest horizontal rule above its first word (a ruled table's border)


MARKER_ALONE = re.compile(r"^([-*+•·▪▫◦‣●○■□–—✓✔]|\(?\d{1,2}[.)]|\(?[a-z][.)])$")


def number_flow(flow: list[Segment], number: int) -> None:
    """Sort a flow top to bottom and count the cells of each of its baselines. A bullet
    (or item number) alone with text beside it is a list item with a hanging indent: one
    segment, starting where its text does (the lines it wraps onto start there too)."""
    flow.sort(key=lambda s: (s.bottom, s.x0))
    for row in baselines(flow, lambda s: (s.bottom, s.x0, s.size)):
        if len(row) >= 2 and MARKER_ALONE.match(row[0].text) and row[1].x0 - row[0].x1 < 4 * row[1].size:
            marker, first = row.pop(0), row[0]
            first.text = f"{marker.text} {first.text}"
            first.words = marker.words + first.words
            flow.remove(marker)
        for seg in row:
            seg.flow, seg.cells = number, len(row)


def baselines(items: list, where) -> list[list]:
    """Items on one baseline (bottoms within 0.3 of the type size), top to bottom, each
    row left to right; `where(item)` gives (bottom, x0, size)."""
    rows: list[list] = []
    for item in sorted(items, key=lambda i: where(i)[:2]):
        bottom, _, size = where(item)
        if rows and _same_baseline(bottom, where(rows[-1][0])[0], size):
            rows[-1].append(item)
        else:
            rows.append([item])
    for row in rows:
        row.sort(key=lambda i: where(i)[1])
    return rows


def _same_baseline(a: float, b: float, size: float) -> bool:
    return abs(a - b) <= 0.3 * max(size, 1)


# ---------------------------------------------------------------- paragraphs


def paragraphs(flows: list[list[Segment]]) -> list[Para]:
    segs = [s for flow in flows for s in flow]
    if not segs:
        return []
    joiner = LineJoiner([s.text for s in segs])
    body = Counter()
    for s in segs:
        body[s.size] += len(s.text)
    body_size = body.most_common(1)[0][0]
    gaps = [(b.top - a.bottom, _wraps(a, b)) for flow in flows for a, b in zip(flow, flow[1:])
            if a.cells == b.cells == 1 and a.size == b.size == body_size and b.top > a.bottom - 1]
    # the space between a paragraph's lines, measured where a sentence wraps onto the next line (a leaflet
    # of short paragraphs and one-line bullets has more gaps between paragraphs than inside them)
    wrapped = [gap for gap, wraps in gaps if wraps]
    usual_gap = statistics.median(wrapped if len(wrapped) >= WRAPS_MEASURED else [gap for gap, _ in gaps] or
                                  [0.2 * body_size])
    # A column's right edge, from every flow that starts at its left edge: a short flow
    # (the end of a chapter) does not show how wide its column is.
    key = {flow[0].flow: round(min(s.x0 for s in flow) / 4) for flow in flows}
    edges: dict[int, tuple[float, float]] = {}
    for flow in flows:
        lo, hi = edges.get(key[flow[0].flow], (float("inf"), 0.0))
        edges[key[flow[0].flow]] = (min(lo, *(s.x0 for s in flow)), max(hi, *(s.x1 for s in flow)))
    extent = {flow: edges[k] for flow, k in key.items()}
    # Columns with no line broken mid-sentence have no wrapped lines to measure their width
    # by: there a line runs on only when it is broken mid-sentence.
    wraps = {key[a.flow] for flow in flows for a, b in zip(flow, flow[1:]) if a.cells == b.cells == 1 and _wraps(a, b)}
    measured = {flow: k in wraps for flow, k in key.items()}

    paras: list[tuple[Para, Segment, Segment]] = []  # paragraph, its first and last segment
    prev: Segment | None = None
    row: list[Segment] = []  # the cells of the last table row, each as far down as it wraps
    for flow in flows:
        for seg in flow:
            if row and seg.cells == 1 and _wraps_in(row, seg):  # a table cell's next line: the cell goes on
                k = min(range(len(row)), key=lambda j: abs(row[j].x0 - seg.x0))
                para = paras[-1][0]
                cells = list(para.cells)
                cells[k] = f"{cells[k]} {seg.text}".strip()
                para.cells = tuple(cells)
                row[k] = seg
                prev = seg
                continue
            if prev is not None and _runs_on(prev, seg, usual_gap, extent, measured[prev.flow]):
                para, first, _ = paras[-1]
                joined, cut = joiner.join(para.text, seg.text)
                if seg.page != prev.page:
                    para.turns.append((cut, seg.page))
                para.text = joined
                paras[-1] = (para, first, seg)
            elif seg.cells > 1 and prev is not None and prev.cells > 1 and _same_row(prev, seg):
                continue  # read with the row's first cell
            elif seg.cells > 1:
                cells = sorted((s for s in flow if s is seg or (s.cells > 1 and _same_row(seg, s))), key=lambda s: s.x0)
                if row and (len(cells) < len(row) or _ruled(paras[-1][1])) and all(_wraps_in(row, c) for c in cells):
                    for c in cells:  # several (in a ruled table: all) cells of the last row wrap onto this line
                        k = min(range(len(row)), key=lambda j: abs(row[j].x0 - c.x0))
                        para = paras[-1][0]
                        para.cells = tuple(f"{t} {c.text}".strip() if j == k else t for j, t in enumerate(para.cells))
                        row[k] = c
                    prev = seg
                    continue
                paras.append((Para("", page=seg.page, cells=tuple(c.text for c in cells)), cells[0], cells[-1]))
                row = list(cells)
                prev = seg
                continue
            else:
                paras.append((Para(seg.text, page=seg.page, item=bool(GLYPH_BULLET.match(seg.text))), seg, seg))
            row = [] if not (row and prev is not None and _same_row(prev, seg)) else row
            prev = seg
    levels = _heading_levels([(p, first) for p, first, _ in paras], body_size)
    for (para, _, _), level in zip(paras, levels):
        para.level = level
        para.item = para.item or (not level and bool(ITEM.match(para.text)))  # "1. ..." that is no heading
    return [p for p, _, _ in paras]


def _wraps_in(row: list[Segment], seg: Segment) -> bool:
    """Whether a line is a table cell's next line: in the row's flow, starting where one of
    its cells starts, just below that cell's last line (closer than a row's padding)."""
    if seg.flow != row[0].flow:
        return False
    k = min(range(len(row)), key=lambda j: abs(row[j].x0 - seg.x0))
    cell = row[k]
    return (abs(cell.x0 - seg.x0) <= 3 and 0 <= seg.top - cell.bottom <= 0.5 * seg.size
            and abs(cell.size - seg.size) <= 0.5 and seg.page == cell.page
            and not (seg.rule is not None and seg.rule > cell.bottom - 0.5))  # no rule between them


def _ruled(first: Segment) -> bool:
    """Whether a table row (its first cell's first line) has a rule just above it: a ruled
    table, where a rule, not the spacing, tells a new row from the row's cells wrapping."""
    return first.rule is not None and first.top - first.rule <= 1.5 * first.size


def _same_row(a: Segment, b: Segment) -> bool:
    return a.flow == b.flow and _same_baseline(a.bottom, b.bottom, a.size)


def _runs_on(prev: Segment, seg: Segment, usual_gap: float, extent: dict[int, tuple[float, float]],
             measured: bool = True) -> bool:
    """Does `seg` continue the paragraph whose last line is `prev`? Not when a wider gap,
    another font, a table row, a list bullet or a first-line indent comes between them,
    nor when its first word would have fitted at the end of `prev` (a typesetter breaks a
    line only when the next word does not fit): that rule also decides across a column or
    page break. In a column with no line broken mid-sentence (`measured` False: nothing
    shows how wide it is), only a sentence broken mid-way runs on."""
    if prev.cells > 1 or seg.cells > 1 or abs(prev.size - seg.size) > 0.5 or prev.bold != seg.bold:
        return False
    if seg.flow == prev.flow and seg.top - prev.bottom > usual_gap + 0.4 * prev.size:
        return False
    if BULLET.match(seg.text) and (GLYPH_BULLET.match(seg.text) or prev.text.endswith((".", ":", ";", "!", "?"))):
        return False  # a list item (a number opening a line mid-sentence is no list: "IL-" / "13. By")
    if seg.x0 - extent[seg.flow][0] > 0.5 * seg.size and prev.x0 - extent[prev.flow][0] < 0.25 * prev.size:
        return False  # an indented first line
    if not measured:  # the column's width is unknown: only a sentence broken mid-way runs on
        return not _ends_sentence(prev.text) and seg.text[:1].islower()
    space = 0.3 * prev.size
    return prev.x1 + space + seg.lead > extent[prev.flow][1] - 0.5 * prev.size  # measured widths are rough


def _wraps(a: Segment, b: Segment) -> bool:
    """Whether a sentence runs from line `a` on to line `b` (broken mid-way, going on in lower case)."""
    return not _ends_sentence(a.text) and b.text[:1].islower()


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?:][\"'”’)\]]*$", text))


def _heading_levels(paras: list[tuple[Para, Segment]], body_size: float) -> list[int]:
    """Larger type is a heading, ranked by size; a bold line of body type that is no
    sentence is a heading under those, a numbered one ("5.1 Hypersensitivity") by its
    depth, an unnumbered one under the numbered ones around it. A table's or figure's
    caption ("Table 2. ...") is never a heading, however it is set."""
    large = sorted({first.size for p, first in paras if first.size > body_size + 0.4 and len(p.text) <= 200
                    and not p.cells}, reverse=True)
    depth = max((NUMBERED.match(p.text).group(1).count(".") + 1 for p, first in paras
                 if first.bold and NUMBERED.match(p.text) and first.size not in large), default=0)
    levels = []
    for para, first in paras:
        numbered = NUMBERED.match(para.text)
        if para.cells or para.item or CAPTION.match(para.text):
            levels.append(0)
        elif first.size in large and len(para.text) <= 200:
            levels.append(large.index(first.size) + 1)
        elif first.bold and len(para.text) <= 120 and not _ends_sentence(para.text):
            sub = numbered.group(1).count(".") + 1 if numbered else depth + 1
            levels.append(min(len(large) + sub, 6))  # under any larger headings
        else:
            levels.append(0)
    return levels
