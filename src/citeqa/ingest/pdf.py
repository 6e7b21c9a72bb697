"""PDF: the text a reader sees, with the page where each part of it begins.

Read with pdfplumber (MIT, over pdfminer.six), imported only when a PDF is read: pdfminer
interprets each page, words are grouped by pdfplumber's word extractor, and the few
attributes used (position, size, font, fill) are read off pdfminer's objects. Per page:
- words on one baseline form a row; a vertical gutter (at least 8 points wide, crossed by
  few rows, with wide runs of text on both sides) makes the page two-column, two gutters
  at the thirds of the text's width with three columns of like width three-column, and
  each row is cut there first; then a row is cut where a gap is far wider than its other spaces
  (a table cell: a justified line stretches all its spaces alike), and a header row of
  one-word cells where the cells below it start; each segment notes the horizontal rule
  just above it (a ruled table's borders tell its rows apart); a list bullet drawn as a
  small disc or square (as browsers print them) is read as a "•" before its line;
- the reading order is band by band (a full-width line ends a band), left column first;
- running headers and footers (text repeated in the top or bottom margin of most pages,
  digits aside) and bare page numbers are dropped as furniture.
Lines are then joined into paragraphs (pdf_paragraphs.py). Not recovered: text inside images
(a scan needs OCR, which is not done), formulas, figures, more than three columns.
"""
from __future__ import annotations

import io
import re
import statistics
from collections import Counter

import numpy as np

from ..errors import Unreadable
from .lines import Extracted, from_paragraphs
from .pdf_paragraphs import MARKER_ALONE, Segment, baselines, number_flow, paragraphs

MARGIN = 0.08  # top and bottom share of the page where running headers and footers sit
PAGE_NUMBER = re.compile(r"^(page\s*)?[#ivxlc]+(\s*(of|/)\s*#)?$|^[-–—]\s*#\s*[-–—]$", re.I)
LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": "-"})


def read(data: bytes) -> Extracted:
    if not data.lstrip()[:5] == b"%PDF-":
        raise Unreadable("not a PDF (it does not start with %PDF-)")
    if b"%%EOF" not in data[-4096:]:
        raise Unreadable("damaged or truncated PDF (no end-of-file marker): download or save it again")
    import pdfplumber  # noqa: PLC0415 - only a build that meets a PDF pays for the import
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect  # noqa: PLC0415
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            objects = [_objects(page) for page in pdf.pages]
        pages = [(page_w, page_h, _words(chars, shapes)) for page_w, page_h, chars, shapes, _, _ in objects]
        rules = [ruled for *_, ruled, _ in objects]
        images = any(image for *_, image in objects)
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
        return _lay_out(pages, rules)
    except Exception as exc:  # one odd PDF must never stop a build: it is skipped, with the reason
        raise Unreadable(f"could not lay out this PDF's text ({type(exc).__name__}: {str(exc)[:120]})") from exc


def _lay_out(pages: list[tuple[float, float, list[dict]]], rules: list[list[tuple[float, float, float]]]) -> Extracted:
    rows = [baselines(words, lambda w: (w["bottom"], w["x0"], w["size"])) for _, _, words in pages]
    columns = _columns(rows, [w for w, _, _ in pages])
    segments = _drop_furniture([_segments(n, h, page_rows, gutters, ruled) for n, ((_, h, _), page_rows, gutters, ruled)
                                in enumerate(zip(pages, rows, columns, rules), 1)])
    flows = [flow for segs, gutters in zip(segments, columns) for flow in _reading_order(segs, gutters)]
    for number, flow in enumerate(flows):
        number_flow(flow, number)
    return from_paragraphs(paragraphs(flows))


def _objects(page) -> tuple[float, float, list[dict], list[dict], list[tuple[float, float, float]], bool]:
    """(width, height, chars, filled shapes, horizontal rules, whether it holds an image) of
    a page, in top-down coordinates as pdfplumber gives them. Read from pdfminer's layout
    objects directly: pdfplumber's own object dicts (colours, paths, every attribute) cost
    twice the interpretation of the page, and only these few attributes are used.
    Rules are (top, x0, x1) of horizontal edges at least 10 points long: a line, a
    rectangle's top and bottom, a curve's level segments (a ruled table's row borders)."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect  # noqa: PLC0415

    x_shift, y_shift = page.mediabox[0], page.mediabox[1]
    height, doctop = page.height, page.initial_doctop
    chars, shapes, rules, images = [], [], [], False

    def top_of(y: float) -> float:
        return height - y + y_shift

    def walk(items) -> None:
        nonlocal images
        for obj in items:
            if isinstance(obj, LTChar):
                top = top_of(obj.y1)
                chars.append({"text": obj.get_text(), "x0": obj.x0 + x_shift, "x1": obj.x1 + x_shift,
                              "top": top, "bottom": top_of(obj.y0), "doctop": doctop + top,
                              "upright": obj.upright, "size": obj.size, "fontname": obj.fontname})
            elif isinstance(obj, LTCurve):
                x0, x1, top, bottom = obj.x0 + x_shift, obj.x1 + x_shift, top_of(obj.y1), top_of(obj.y0)
                if isinstance(obj, LTRect):
                    edges = [(top, x0, x1), (bottom, x0, x1)]
                elif isinstance(obj, LTLine):
                    edges = [(top, x0, x1)] if top == bottom else []
                else:
                    points = [(x + x_shift, top_of(y)) for x, y in obj.pts]
                    edges = [(a[1], min(a[0], b[0]), max(a[0], b[0])) for a, b in zip(points, points[1:]) if a[1] == b[1]]
                rules.extend(edge for edge in edges if edge[2] - edge[1] >= 10)
                if obj.fill and not isinstance(obj, LTLine):
                    shapes.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom})
            elif isinstance(obj, LTImage):
                images = True
            if isinstance(obj, LTContainer):
                walk(obj)

    walk(page.layout)
    return page.width, page.height, chars, shapes, rules, images


def _words(chars: list[dict], shapes: list[dict]) -> list[dict]:
    from pdfplumber.utils import extract_words  # noqa: PLC0415

    words = extract_words(chars, keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"])
    return words + _drawn_bullets(shapes, words)


def _drawn_bullets(shapes: list[dict], words: list[dict]) -> list[dict]:
    """List bullets drawn as small filled discs or squares rather than set as text (as a
    browser prints them): each becomes a "•" word on the line it marks, the nearest word
    within three ems to its right, so it reads as a bullet set in type would."""
    out = []
    for shape in shapes:
        w, h = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        if not (1 <= w <= 8 and 1 <= h <= 8 and abs(w - h) <= 1.5):
            continue
        middle = (shape["top"] + shape["bottom"]) / 2
        marked = [word for word in words if word["top"] <= middle <= word["bottom"]
                  and 0 <= word["x0"] - shape["x1"] <= 3 * word["size"]]
        if marked:
            first = min(marked, key=lambda word: word["x0"])
            out.append(dict(first, text="•", x0=shape["x0"], x1=shape["x1"]))
    return out


def _is_bold(fontname: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold|,b\b", fontname, re.I))


def _columns(pages: list[list[list[dict]]], widths: list[float]) -> list[list[float]]:
    """Each page's column gutters (its baselines' words given): its own; a page with none
    of its own (a last page whose columns are not full) takes those most pages have, when
    at least two pages have them, it holds three lines left of them, and at most one of
    its lines (a title) crosses them."""
    own = [_gutters(rows, width) for rows, width in zip(pages, widths)]
    counts = Counter(tuple(round(g / 4) for g in gutters) for gutters in own if gutters)
    if not counts or counts.most_common(1)[0][1] < 2:
        return own
    key = counts.most_common(1)[0][0]
    usual = next(gutters for gutters in own if tuple(round(g / 4) for g in gutters) == key)

    def fits(rows: list[list[dict]]) -> bool:
        crossing = sum(any(w["x0"] < g < w["x1"] for w in row for g in usual) for row in rows)
        left = sum(any(w["x1"] <= usual[0] for w in row) for row in rows)
        return crossing <= 1 and left >= 3

    return [gutters or (usual if fits(rows) else []) for gutters, rows in zip(own, pages)]


def _segments(page: int, height: float, rows: list[list[dict]], gutters: list[float],
              rules: list[tuple[float, float, float]] = ()) -> list[Segment]:
    """Baselines -> segments. A baseline is cut at each column gutter it does not cross
    first, then where a gap is much wider than its other spaces (a justified line stretches
    all its spaces alike; a table row leaves one gap far wider than the rest)."""
    groups: list[list[list[dict]]] = []
    for row in rows:
        sides = [row]
        for gutter in gutters:
            if not any(w["x0"] < gutter < w["x1"] for w in row):
                sides = [part for side in sides for part in
                         ([w for w in side if w["x1"] <= gutter], [w for w in side if w["x0"] >= gutter]) if part]
        groups.append([group for side in sides for group in _split_row(side)])
    for row in groups:  # a header row of one-word cells: split where the cells just below or above start
        y, size = row[0][0]["bottom"], row[0][0]["size"]
        starts = [g[0]["x0"] for other in groups if other is not row
                  and abs(other[0][0]["bottom"] - y) <= 2.5 * size for g in other]
        row[:] = [part for group in row for part in _split_where(group, starts)]
    return [_seg(page, group, height, rules) for row in groups for group in row]


def _split_where(words: list[dict], starts: list[float]) -> list[list[dict]]:
    out = [[words[0]]]
    for prev, word in zip(words, words[1:]):
        if word["x0"] - prev["x1"] > 0.6 * word["size"] and any(abs(word["x0"] - x) <= 2 for x in starts):
            out.append([])
        out[-1].append(word)
    return out


def _gutters(rows: list[list[dict]], width: float) -> list[float]:
    """The x of each gap between columns, left to right. Three columns: a gutter in the
    middle of each half of the text's width, where each side holds runs of text over a
    fifth of that width, and three columns of like width (each within a quarter of their
    mean: a table's columns seldom are). Otherwise two columns, as `_gutter` finds them."""
    if not rows:
        return []
    left = min(w["x0"] for row in rows for w in row)
    right = max(w["x1"] for row in rows for w in row)
    span = right - left
    thirds = [_gutter(rows, left + a * span, left + b * span, 0.2 * span) for a, b in ((0.2, 0.47), (0.53, 0.8))]
    if None not in thirds:
        widths = [thirds[0] - left, thirds[1] - thirds[0], right - thirds[1]]
        if all(abs(w - span / 3) <= 0.25 * span / 3 for w in widths):
            return thirds
    gutter = _gutter(rows, 0.3 * width, 0.7 * width, 0.25 * width)
    return [] if gutter is None else [gutter]


def _gutter(rows: list[list[dict]], lo: float, hi: float, wide_run: float) -> float | None:
    """The x between `lo` and `hi` of a gap between columns: crossed by few baselines, at
    least 8 points wide, with at least three baselines holding a run of text at least
    `wide_run` long on each side of it (a table's narrow label column does not count; a
    title or a centred page number may cross it). The middle of the widest such gap."""
    x0 = np.array([w["x0"] for row in rows for w in row])
    x1 = np.array([w["x1"] for row in rows for w in row])
    starts = np.cumsum([0] + [len(row) for row in rows[:-1]])  # each row's first word
    xs = np.arange(int(lo), int(hi) + 1, 2, dtype=float)[:, None]

    def wide(mask: np.ndarray) -> np.ndarray:
        """Per x: how many rows hold words under `mask` spanning at least `wide_run`."""
        top = np.maximum.reduceat(np.where(mask, x1, -np.inf), starts, axis=1)
        bottom = np.minimum.reduceat(np.where(mask, x0, np.inf), starts, axis=1)
        return (top - bottom >= wide_run).sum(axis=1)

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


def _split_row(words: list[dict], line_usual: float = float("inf")) -> list[list[dict]]:
    """Split a baseline at its widest gap while that gap is over an em and 2.5 times the
    line's other spaces; then each side alike (one side may be justified, the other not),
    a side's spaces measured against the whole line's too (a side of short cells, "0.4
    2.9", has no ordinary space of its own)."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(words, words[1:])]
    if not gaps:
        return [words]
    k = max(range(len(gaps)), key=gaps.__getitem__)
    others = gaps[:k] + gaps[k + 1:]
    usual = min(statistics.median(others) if others else 0.0, line_usual)
    if gaps[k] > max(1.0 * words[k + 1]["size"], 2.5 * usual):
        return _split_row(words[:k + 1], usual) + _split_row(words[k + 1:], usual)
    return [words]


def _seg(page: int, words: list[dict], height: float, rules=()) -> Segment:
    sizes: Counter = Counter()
    for w in words:
        sizes[round(w["size"] * 2) / 2] += len(w["text"])
    top, bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
    return Segment(page, words[0]["x0"], max(w["x1"] for w in words), top, bottom,
                " ".join(w["text"] for w in words).translate(LIGATURES), sizes.most_common(1)[0][0],
                all(_is_bold(w["fontname"]) for w in words), words[0]["x1"] - words[0]["x0"],
                margin=top < MARGIN * height or bottom > (1 - MARGIN) * height, words=words,
                rule=max((y for y, x0, x1 in rules if y <= top + 0.5 and x0 - 1 <= words[0]["x0"] <= x1), default=None))


def _furniture_key(seg: Segment) -> str | None:
    """What a running header or footer repeats; a list marker alone (the bullet of a list
    running onto a new page) is none, however often pages start with one."""
    if not seg.margin or MARKER_ALONE.match(seg.text):
        return None
    return re.sub(r"\d+", "#", seg.text.lower()).strip()


def _drop_furniture(pages: list[list[Segment]]) -> list[list[Segment]]:
    """Running headers and footers: margin text on most pages (digits aside), page numbers."""
    seen = Counter(key for page in pages for key in {_furniture_key(s) for s in page} if key)
    repeated = max(2, len(pages) // 2)
    return [[s for s in page if not ((key := _furniture_key(s)) and (seen[key] >= repeated or PAGE_NUMBER.match(key)))]
            for page in pages]


def _reading_order(segs: list[Segment], gutters: list[float]) -> list[list[Segment]]:
    """The page's segments as flows (a column of one band, or a full-width run), in order:
    a segment that crosses a gutter (a title over the columns) ends the band above it."""
    segs = sorted(segs, key=lambda s: (s.top, s.x0))
    if not gutters:
        return [segs] if segs else []
    flows: list[list[Segment]] = []
    band: list[Segment] = []
    full: list[Segment] = []
    edges = [-np.inf, *gutters, np.inf]

    def close_band() -> None:
        for a, b in zip(edges, edges[1:]):
            flows.append([s for s in band if a < s.x1 <= b])
        band.clear()

    for seg in segs:
        if any(seg.x0 < gutter < seg.x1 for gutter in gutters):
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
