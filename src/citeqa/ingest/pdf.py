"""PDF: the text a reader sees, with the page where each part of it begins.

Read with pdfplumber (MIT, over pdfminer.six), imported only when a PDF is read. Per page:
- words on one baseline form a row; a vertical gutter (at least 8 points wide, crossed by
  few rows, with wide runs of text on both sides) makes the page two-column, and each row
  is cut there first; then a row is cut where a gap is far wider than its other spaces
  (a table cell: a justified line stretches all its spaces alike), and a header row of
  one-word cells where the cells below it start;
- the reading order is band by band (a full-width line ends a band), left column first;
- running headers and footers (text repeated in the top or bottom margin of most pages,
  digits aside) and bare page numbers are dropped as furniture.
Lines are joined into paragraphs; one ends at a wider gap, a change of font size or
weight, a list bullet, a first-line indent, or a line that the next line's first word
would have fitted on (a typesetter breaks a line only when the next word does not fit),
which also decides whether a paragraph runs on across a column or page break. A word
hyphenated at a line end is rejoined unless the document spells it with the hyphen, or the
hyphen joins a compound (hyphens.py). Larger type is a heading (levels by size), as is a
bold numbered line ("5.1 Hypersensitivity"). A bullet or number with its text beside it on one
baseline is a list item (a hanging indent, not a table row), and the lines it wraps onto
join it. A table row is given as its cells, which structure recovery reads as facts. Not recovered: text
inside images (a scan needs OCR, which is not done), formulas, figures, table cells that
wrap onto several lines, more than two columns.
"""
from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..errors import Unreadable
from .hyphens import LineJoiner
from .structure import ITEM, Extracted, Para, from_paragraphs

MARGIN = 0.08  # top and bottom share of the page where running headers and footers sit
PAGE_NUMBER = re.compile(r"^(page\s*)?[#ivxlc]+(\s*(of|/)\s*#)?$|^[-–—]\s*#\s*[-–—]$", re.I)
BULLET = re.compile(r"^([•◦▪▫‣○●■□*]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
GLYPH_BULLET = re.compile(r"^[•◦▪▫‣○●■□*]\s")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")
LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": "-"})


@dataclass
class _Seg:
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


def read(data: bytes) -> Extracted:
    if not data.lstrip()[:5] == b"%PDF-":
        raise Unreadable("not a PDF (it does not start with %PDF-)")
    if b"%%EOF" not in data[-4096:]:
        raise Unreadable("damaged or truncated PDF (no end-of-file marker): download or save it again")
    import pdfplumber  # noqa: PLC0415 - only a build that meets a PDF pays for the import
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect  # noqa: PLC0415
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [(page.width, page.height, _words(page)) for page in pdf.pages]
            images = any(page.images for page in pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise Unreadable("encrypted PDF (it needs a password): save an unprotected copy") from exc
    except Exception as exc:  # pdfminer raises many kinds; all mean the same to the user
        cause = exc.__cause__ or exc.__context__ or exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(exc).lower():
            raise Unreadable("encrypted PDF (it needs a password): save an unprotected copy") from exc
        raise Unreadable(f"damaged PDF ({type(cause).__name__}: {str(cause)[:120]})") from exc
    if not any(words for _, _, words in pages):
        raise Unreadable("no text layer (a scanned image?): OCR is not done; run OCR and add the result"
                         if images else "no text in this PDF")
    try:
        return _lay_out(pages)
    except Exception as exc:  # one odd PDF must never stop a build: it is skipped, with the reason
        raise Unreadable(f"could not lay out this PDF's text ({type(exc).__name__}: {str(exc)[:120]})") from exc


def _lay_out(pages: list[tuple[float, float, list[dict]]]) -> Extracted:
    laid_out = [_segments(n, w, h, words) for n, (w, h, words) in enumerate(pages, 1)]
    segments = _drop_furniture([segs for segs, _ in laid_out])
    flows = [flow for segs, (_, gutter) in zip(segments, laid_out) for flow in _reading_order(segs, gutter)]
    for number, flow in enumerate(flows):
        _number_flow(flow, number)
    return from_paragraphs(_paragraphs(flows))


def _words(page) -> list[dict]:
    return page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"])


def _is_bold(fontname: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold|,b\b", fontname, re.I))


def _segments(page: int, width: float, height: float, words: list[dict]) -> tuple[list[_Seg], float | None]:
    """Words -> baselines -> segments, and the page's column gutter if it has one. A
    baseline is cut at the gutter first, then where a gap is much wider than its other
    spaces (a justified line stretches all its spaces alike; a table row leaves one gap
    far wider than the rest)."""
    rows = _baselines(words, lambda w: (w["bottom"], w["x0"], w["size"]))
    gutter = _gutter(rows, width)
    groups: list[list[list[dict]]] = []
    for row in rows:
        sides = [row]
        if gutter is not None and not any(w["x0"] < gutter < w["x1"] for w in row):
            sides = [side for side in ([w for w in row if w["x1"] <= gutter], [w for w in row if w["x0"] >= gutter]) if side]
        groups.append([group for side in sides for group in _split_row(side)])
    for row in groups:  # a header row of one-word cells: split where the cells just below or above start
        y, size = row[0][0]["bottom"], row[0][0]["size"]
        starts = [g[0]["x0"] for other in groups if other is not row
                  and abs(other[0][0]["bottom"] - y) <= 2.5 * size for g in other]
        row[:] = [part for group in row for part in _split_where(group, starts)]
    return [_seg(page, group, height) for row in groups for group in row], gutter


def _split_where(words: list[dict], starts: list[float]) -> list[list[dict]]:
    out = [[words[0]]]
    for prev, word in zip(words, words[1:]):
        if word["x0"] - prev["x1"] > 0.6 * word["size"] and any(abs(word["x0"] - x) <= 2 for x in starts):
            out.append([])
        out[-1].append(word)
    return out


def _gutter(rows: list[list[dict]], width: float) -> float | None:
    """The x of the gap between two columns: crossed by few baselines, at least 8 points
    wide, with at least three baselines holding a wide run of text on each side of it (a
    table's narrow label column does not count; a title or a centred page number may cross
    it). The middle of the widest such gap."""
    if not rows:
        return None
    x0 = np.array([w["x0"] for row in rows for w in row])
    x1 = np.array([w["x1"] for row in rows for w in row])
    starts = np.cumsum([0] + [len(row) for row in rows[:-1]])  # each row's first word
    xs = np.arange(int(0.3 * width), int(0.7 * width) + 1, 2, dtype=float)[:, None]

    def wide(mask: np.ndarray) -> np.ndarray:
        """Per x: how many rows hold words under `mask` spanning a quarter of the page."""
        hi = np.maximum.reduceat(np.where(mask, x1, -np.inf), starts, axis=1)
        lo = np.minimum.reduceat(np.where(mask, x0, np.inf), starts, axis=1)
        return (hi - lo >= 0.25 * width).sum(axis=1)

    crossing = np.maximum.reduceat((x0 < xs) & (xs < x1), starts, axis=1).sum(axis=1)
    left, right = wide(x1 <= xs), wide(x0 >= xs)
    ok = (left >= 3) & (right >= 3) & (crossing <= 0.2 * np.minimum(left, right))
    valid = [int(x) for x in xs[ok, 0]]
    if not valid:
        return None
    runs: list[list[int]] = []  # the widest run of neighbouring x that qualify
    for x in valid:
        if runs and x - runs[-1][-1] == 2:
            runs[-1].append(x)
        else:
            runs.append([x])
    run = max(runs, key=len)
    if run[-1] - run[0] < 8:  # narrower than a gutter: spaces that happen to line up
        return None
    return (run[0] + run[-1]) / 2


def _split_row(words: list[dict]) -> list[list[dict]]:
    """Split a baseline at its widest gap while that gap is over an em and 2.5 times the
    line's other spaces; then each side alike (one side may be justified, the other not)."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(words, words[1:])]
    if not gaps:
        return [words]
    k = max(range(len(gaps)), key=gaps.__getitem__)
    others = gaps[:k] + gaps[k + 1:]
    usual = statistics.median(others) if others else 0.0
    if gaps[k] > max(1.0 * words[k + 1]["size"], 2.5 * usual):
        return _split_row(words[:k + 1]) + _split_row(words[k + 1:])
    return [words]


def _seg(page: int, words: list[dict], height: float) -> _Seg:
    sizes: Counter = Counter()
    for w in words:
        sizes[round(w["size"] * 2) / 2] += len(w["text"])
    top, bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
    return _Seg(page, words[0]["x0"], max(w["x1"] for w in words), top, bottom,
                " ".join(w["text"] for w in words).translate(LIGATURES), sizes.most_common(1)[0][0],
                all(_is_bold(w["fontname"]) for w in words), words[0]["x1"] - words[0]["x0"],
                margin=top < MARGIN * height or bottom > (1 - MARGIN) * height, words=words)


def _furniture_key(seg: _Seg) -> str | None:
    return re.sub(r"\d+", "#", seg.text.lower()).strip() if seg.margin else None


def _drop_furniture(pages: list[list[_Seg]]) -> list[list[_Seg]]:
    """Running headers and footers: margin text on most pages (digits aside), page numbers."""
    seen = Counter(key for page in pages for key in {_furniture_key(s) for s in page} if key)
    repeated = max(2, len(pages) // 2)
    return [[s for s in page if not ((key := _furniture_key(s)) and (seen[key] >= repeated or PAGE_NUMBER.match(key)))]
            for page in pages]


def _reading_order(segs: list[_Seg], gutter: float | None) -> list[list[_Seg]]:
    """The page's segments as flows (a column of one band, or a full-width run), in order."""
    segs = sorted(segs, key=lambda s: (s.top, s.x0))
    if gutter is None:
        return [segs] if segs else []
    flows: list[list[_Seg]] = []
    band: list[_Seg] = []
    full: list[_Seg] = []

    def close_band() -> None:
        if band:
            flows.append([s for s in band if s.x1 <= gutter])
            flows.append([s for s in band if s.x1 > gutter])
            band.clear()

    for seg in segs:
        if seg.x0 < gutter < seg.x1:
            close_band()
            full.append(seg)
        else:
            if full:
                flows.append(full)
                full = []
            band.append(seg)
    close_band()
    if full:
        flows.append(full)
    return [flow for flow in flows if flow]


MARKER_ALONE = re.compile(r"^([-*+•·▪▫◦‣●○■□–—✓✔]|\(?\d{1,2}[.)]|\(?[a-z][.)])$")


def _number_flow(flow: list[_Seg], number: int) -> None:
    """Sort a flow top to bottom and count the cells of each of its baselines. A bullet
    (or item number) alone with text beside it is a list item with a hanging indent: one
    segment, starting where its text does (the lines it wraps onto start there too)."""
    flow.sort(key=lambda s: (s.bottom, s.x0))
    for row in _baselines(flow, lambda s: (s.bottom, s.x0, s.size)):
        if len(row) >= 2 and MARKER_ALONE.match(row[0].text) and row[1].x0 - row[0].x1 < 4 * row[1].size:
            marker, first = row.pop(0), row[0]
            first.text = f"{marker.text} {first.text}"
            first.words = marker.words + first.words
            flow.remove(marker)
        for seg in row:
            seg.flow, seg.cells = number, len(row)


def _baselines(items: list, where) -> list[list]:
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


def _paragraphs(flows: list[list[_Seg]]) -> list[Para]:
    segs = [s for flow in flows for s in flow]
    if not segs:
        return []
    joiner = LineJoiner([s.text for s in segs])
    body = Counter()
    for s in segs:
        body[s.size] += len(s.text)
    body_size = body.most_common(1)[0][0]
    gaps = [b.top - a.bottom for flow in flows for a, b in zip(flow, flow[1:])
            if a.cells == b.cells == 1 and a.size == b.size == body_size and b.top > a.bottom - 1]
    usual_gap = statistics.median(gaps) if gaps else 0.2 * body_size
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
    wraps = {key[a.flow] for flow in flows for a, b in zip(flow, flow[1:])
             if a.cells == b.cells == 1 and not _ends_sentence(a.text) and b.text[:1].islower()}
    measured = {flow: k in wraps for flow, k in key.items()}

    paras: list[tuple[Para, _Seg, _Seg]] = []  # paragraph, its first and last segment
    prev: _Seg | None = None
    row: list[_Seg] = []  # the cells of the last table row, each as far down as it wraps
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
                if row and len(cells) < len(row) and all(_wraps_in(row, c) for c in cells):
                    for c in cells:  # several cells of the last row wrap onto this line
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


def _wraps_in(row: list[_Seg], seg: _Seg) -> bool:
    """Whether a line is a table cell's next line: in the row's flow, starting where one of
    its cells starts, just below that cell's last line (closer than a row's padding)."""
    if seg.flow != row[0].flow:
        return False
    k = min(range(len(row)), key=lambda j: abs(row[j].x0 - seg.x0))
    cell = row[k]
    return (abs(cell.x0 - seg.x0) <= 3 and 0 <= seg.top - cell.bottom <= 0.5 * seg.size
            and abs(cell.size - seg.size) <= 0.5 and seg.page == cell.page)


def _same_row(a: _Seg, b: _Seg) -> bool:
    return a.flow == b.flow and _same_baseline(a.bottom, b.bottom, a.size)


def _runs_on(prev: _Seg, seg: _Seg, usual_gap: float, extent: dict[int, tuple[float, float]],
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


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?:][\"'”’)\]]*$", text))


def _heading_levels(paras: list[tuple[Para, _Seg]], body_size: float) -> list[int]:
    """Larger type is a heading, ranked by size; a bold line of body type that is no
    sentence is a heading under those, a numbered one ("5.1 Hypersensitivity") by its
    depth, an unnumbered one under the numbered ones around it."""
    large = sorted({first.size for p, first in paras if first.size > body_size + 0.4 and len(p.text) <= 200
                    and not p.cells}, reverse=True)
    depth = max((NUMBERED.match(p.text).group(1).count(".") + 1 for p, first in paras
                 if first.bold and NUMBERED.match(p.text) and first.size not in large), default=0)
    levels = []
    for para, first in paras:
        numbered = NUMBERED.match(para.text)
        if para.cells or para.item:
            levels.append(0)
        elif first.size in large and len(para.text) <= 200:
            levels.append(large.index(first.size) + 1)
        elif first.bold and len(para.text) <= 120 and not _ends_sentence(para.text):
            sub = numbered.group(1).count(".") + 1 if numbered else depth + 1
            levels.append(min(len(large) + sub, 6))  # under any larger headings
        else:
            levels.append(0)
    return levels
