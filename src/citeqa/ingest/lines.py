"""What a reader hands on: a document's text and its logical lines (Line), and the blocks
(Block) that structure.py makes of them.

A line knows its offsets in the text, its page, and what the format said of it (a
heading's level, a list item, a table row's cells). Readers whose format has paragraphs
(PDF, Word) build lines from them (from_paragraphs); plain text and markdown are split
into lines here (text_lines), with markdown's "|" tables read as rows. Left out: any
judgement of what a line is (structure.py does that for every format alike).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..language.text import trim_span


@dataclass(frozen=True)
class Block:
    """A paragraph or a run of facts, with the heading path it sits under."""
    kind: str  # "para" or "facts"
    start: int
    end: int
    path: tuple[str, ...]
    units: tuple[tuple[int, int], ...]  # sentence (or fact) spans that can be quoted
    labels: tuple[str, ...] = ()  # facts: "label: value" forms, parallel to units


@dataclass
class Line:
    start: int
    end: int
    text: str
    level: int = 0  # heading level the format gives (markdown, HTML, PDF, Word), 0 if none
    cells: tuple[str, ...] = ()  # a table row's cells, as a reader found them (never a heading)
    header: bool = False  # ... the row of column names
    item: int = 0  # a list item: where its text starts after the bullet or number (0: not an item)


@dataclass(frozen=True)
class Extracted:
    """What a reader recovers from a file: the text that offsets count, its logical lines,
    and for paged formats (offset, page) where each page's text begins."""
    text: str
    lines: list[Line]
    pages: tuple[tuple[int, int], ...] = ()


@dataclass
class Para:
    """A paragraph as a paged or styled format gives it (PDF, Word)."""
    text: str
    level: int = 0  # heading level, 0 for body text
    page: int = 0  # 1-based page where it starts; 0 when the format has no pages
    cells: tuple[str, ...] = ()  # a table row's cells (text is then unused)
    header: bool = False  # ... the row of column names
    item: bool = False  # a list item (a bullet is written before it unless it has its own marker)
    turns: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, page) where it runs onto a later page


CELL_SEPARATOR = " | "
BULLET = r"[-*+•·▪▫◦‣●○■□–—✓✔]"
# a list item's marker: a bullet, or a number or letter with a stop or bracket ("1.", "a)", "(2)")
ITEM = re.compile(rf"^({BULLET}|\(?\d{{1,2}}[.)]|\(?[a-z][.)]|\(\d{{1,2}}\)|\((?:i|ii|iii|iv|v|vi)\))\s+(?=\S)")
BULLET_ITEM = re.compile(rf"^{BULLET}\s+(?=\S)")  # an item by its bullet alone, never a heading


def from_paragraphs(paras: list[Para]) -> Extracted:
    """One line per paragraph (a table row's cells joined by " | ", a list item after a
    bullet), the pages where each begins, offsets exact."""
    parts, lines, pages, pos = [], [], [], 0
    for para in paras:
        cells = tuple(" ".join(c.split()) for c in para.cells)
        if sum(bool(c) for c in cells) < 2:  # one cell with text: a line of its own
            cells, para.text = (), " ".join(c for c in cells if c) or para.text
        text = CELL_SEPARATOR.join(cells) if cells else para.text.strip()
        marker = 0
        if para.item and not cells:
            text = text if ITEM.match(text) else f"• {text}"
            marker = ITEM.match(text).end()
        if not text:
            continue
        lines.append(Line(pos, pos + len(text), text, para.level, cells, para.header and bool(cells), marker))
        if para.page:
            pages.append((pos, para.page))
            pages.extend((pos + offset, page) for offset, page in para.turns)
        parts.append(text)
        pos += len(text) + 1
    text = "\n".join(parts) + "\n" if parts else ""
    return Extracted(text, lines, tuple(_first_per_page(pages)))


def _first_per_page(pages: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for offset, page in pages:
        if not out or page > out[-1][1]:
            out.append((offset, page))
    return out


# ---------------------------------------------------------------- lines


PIPE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")  # a markdown table's |---|---| line


def pipe_cells(text: str) -> tuple[str, ...]:
    """The cells of a row written with "|" between them ("| a | b |", "a | b"), or ()."""
    if "|" not in text:
        return ()
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    cells = tuple(c.strip() for c in inner.split("|"))
    return cells if len(cells) >= 2 and sum(bool(c) for c in cells) >= 2 else ()


def text_lines(text: str, markdown: bool) -> list[Line]:
    """Logical lines: one per physical line, or per blank-line paragraph when wrapped. A
    line opening with a bullet or number is a list item (its wrapped lines join it); runs
    of two or more lines with "|" between cells are table rows (a markdown |---| rule marks
    the row above it as the header)."""
    physical = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        start, end = trim_span(text, pos, pos + len(raw))
        physical.append(Line(start, end, text[start:end]) if start < end else None)
        pos += len(raw)
    rows = _pipe_rows(physical)
    wrapped = markdown or _looks_wrapped(physical)
    out: list[Line] = []
    for n, line in enumerate(physical):
        if line is None:
            out.append(None)
            continue
        heading = re.match(r"(#{1,6})\s+(.*?)\s*#*$", line.text) if markdown else None
        marker = ITEM.match(line.text)
        if n in rows:
            if PIPE_RULE.match(line.text):
                if out and out[-1] is not None and out[-1].cells:
                    out[-1].header = True
                continue
            out.append(Line(line.start, line.end, line.text, cells=pipe_cells(line.text)))
        elif heading:
            skip = line.text.index(heading.group(2)) if heading.group(2) else len(line.text)
            out.append(Line(line.start + skip, line.start + skip + len(heading.group(2)), heading.group(2), len(heading.group(1))))
            out.append(None)
        elif marker:
            out.append(Line(line.start, line.end, line.text, item=marker.end()))
        elif wrapped and out and out[-1] is not None and not out[-1].level and not out[-1].cells:
            prev = out[-1]
            out[-1] = Line(prev.start, line.end, text[prev.start:line.end], item=prev.item)
        else:
            out.append(line)
    return [line for line in out if line is not None and line.text.strip()]


def _pipe_rows(lines: list[Line | None]) -> set[int]:
    """Which physical lines are table rows: runs of two or more lines with "|" between
    cells (a markdown |---| rule among them)."""
    rows: set[int] = set()
    run: list[int] = []
    for n, line in enumerate(lines + [None]):
        if line is not None and (pipe_cells(line.text) or (run and PIPE_RULE.match(line.text))):
            run.append(n)
            continue
        if len(run) >= 2:
            rows.update(run)
        run = []
    return rows


def _looks_wrapped(lines: list[Line | None]) -> bool:
    """Hard-wrapped prose: many long lines end mid-sentence and run on to the next."""
    runs_on = long = 0
    for line, nxt in zip(lines, lines[1:]):
        if line is None or len(line.text) < 50:
            continue
        long += 1
        if nxt is not None and not ends_sentence(line.text):
            runs_on += 1
    return runs_on >= 3 and runs_on >= 0.3 * long


def ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?][\"')\]]*$", text))
