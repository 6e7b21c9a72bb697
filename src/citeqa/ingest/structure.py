"""Recover a document's structure from its logical lines: the one step every reader feeds.

A reader (plain.py, html.py, pdf.py, word.py) turns a file into text and logical lines,
with heading levels where the format gives them (markdown, HTML, a PDF's larger fonts or
numbered sections, Word's heading styles). Where it does not, lines are read as a person
reads a page:
- a short line without closing punctuation, followed by prose, is a heading; two such
  lines in a row are a heading and its sub-heading;
- runs of short lines that alternate label and value are "label: value" facts (readers
  give a two-column table row as such a pair);
- a run of short Title Case lines with no values under them is a table header with no
  rows, and is dropped, like other page furniture ("Powered by …", "Try now", bullets);
- a one-sentence question followed by prose is a heading (FAQ style);
- a lead-in label at the start of a paragraph ("Primary binding event." when sibling
  paragraphs share the pattern, or "CYP450 substrates:") is a sub-heading for it;
- a list (items with a bullet or a number, as written or as the format marks them) is one
  block, each item a quotable unit however many lines it wraps onto, under the line that
  introduces it ("Common (may affect up to 1 in 10 people):") as a sub-heading;
- a table (rows of cells, as the format marks them or written with "|" between cells) is
  one block of facts, a fact per row ("Nausea: Drug 10 mg: 12%; Placebo: 4%", the row's
  label and each cell under its column's name), under its caption ("Table 2. ...").
Nothing here knows about any particular drug or document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import split_sentences, trim_span

FURNITURE = re.compile(
    r"^(powered by\b.*|try (it )?now|try these searches\b.*|sign (up|in)|log ?in|"
    r"subscribe|share( this)?|print|back to top|read more|learn more|skip to content|"
    r"cookie.*|accept( all)?( cookies)?|advertisement|menu|search)$",
    re.I,
)
BARE_ATTRIBUTION = re.compile(r"^(powered|brought to you|sponsored|presented) by$", re.I)
SMALL_WORDS = {"of", "and", "or", "the", "a", "an", "in", "on", "for", "to", "with", "by", "&", "/", "vs", "vs."}


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
# a list item's marker: a bullet, or a number or letter with a stop or bracket ("1.", "a)", "(2)")
ITEM = re.compile(r"^([-*+•·▪▫◦‣●○■□–—✓✔]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(\d{1,2}\)|\((?:i|ii|iii|iv|v|vi)\))\s+(?=\S)")
BULLET_ITEM = re.compile(r"^[-*+•·▪▫◦‣●○■□–—✓✔]\s+(?=\S)")  # an item by its bullet alone, never a heading


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
        if nxt is not None and not _ends_sentence(line.text):
            runs_on += 1
    return runs_on >= 3 and runs_on >= 0.3 * long


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?][\"')\]]*$", text))


def _is_prose(line: Line) -> bool:
    if line.level or line.cells:
        return False
    if _ends_sentence(line.text):
        return True
    return line.text.endswith((":", ";")) and len(line.text.split()) > 8


def _is_furniture(text: str) -> bool:
    return not re.search(r"[^\W_]", text) or bool(FURNITURE.match(text.strip()))


def _is_column_label(text: str) -> bool:
    """A table column header: Title Case, at most three words ("Mechanism of Action")."""
    return _is_title_case(text) and len([w for w in text.split() if w not in {"&", "/"}]) <= 3


def _is_title_case(text: str) -> bool:
    """Short label-like text: every word that is not a small word starts upper-case."""
    words = [w for w in re.split(r"\s+", text) if w.lower() not in SMALL_WORDS]
    return 0 < len(words) <= 3 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


# ---------------------------------------------------------------- structure


def parse_blocks(text: str, lines: list[Line]) -> tuple[str, list[Block]]:
    title = ""
    if lines and len(lines[0].text) <= 200:
        title = lines[0].text.rstrip(".")
    lines = _drop_furniture(lines)
    blocks: list[Block] = []
    path: list[str] = []
    parts = _lists_and_tables(lines)
    for n, (kind, part, head) in enumerate(parts):
        if kind == "list":
            blocks.append(_list_block(text, part, head, path))
        elif kind == "table":
            blocks.extend(_table_blocks(text, part, head, path))
        else:  # short lines just before a list or a table are headings, as before prose
            blocks.extend(_line_blocks(text, part, path, followed=n + 1 < len(parts)))
    return title, blocks


def _lists_and_tables(lines: list[Line]) -> list[tuple[str, list[Line], Line | None]]:
    """The lines cut into runs of ("lines", lines, None), ("list", items, its lead-in) and
    ("table", rows, its caption). Items marked by a bullet are a list however few; items
    marked by a number only two or more in a row, or after a lead-in ending in a colon
    ("1. INDICATIONS AND USAGE" alone is a heading)."""
    out: list[tuple[str, list[Line], Line | None]] = []
    plain: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.cells:
            j = i
            while j < len(lines) and lines[j].cells:
                j += 1
            caption = plain.pop() if plain and _is_caption(plain[-1]) else None
            out += [("lines", plain, None)] if plain else []
            out.append(("table", lines[i:j], caption))
            plain, i = [], j
            continue
        if line.item and not line.level:
            j = i
            while j < len(lines) and lines[j].item and not lines[j].level:
                j += 1
            lead = plain[-1] if plain and _is_lead_in(plain[-1]) else None
            if j - i >= 2 or lead is not None or BULLET_ITEM.match(line.text):
                if lead is not None:
                    plain.pop()
                out += [("lines", plain, None)] if plain else []
                out.append(("list", lines[i:j], lead))
                plain, i = [], j
                continue
            line = Line(line.start, line.end, line.text, line.level)  # a numbered heading, not an item
        plain.append(line)
        i += 1
    if plain:
        out.append(("lines", plain, None))
    return out


def _is_lead_in(line: Line) -> bool:
    """A line that introduces a list: it ends with a colon ("Do not use it if:")."""
    return not line.level and line.text.rstrip().endswith(":") and len(line.text) <= 300


def _is_caption(line: Line) -> bool:
    """A table's caption: a short line just above it that names it ("Table 2. Adverse
    reactions ...") or introduces it ("Recommended dosage:")."""
    return (not line.level and len(line.text) <= 200
            and (bool(re.match(r"(table|tab\.)\s*[\dA-Z]", line.text, re.I)) or line.text.rstrip().endswith(":")))


def _list_block(text: str, items: list[Line], lead: Line | None, path: list[str]) -> Block:
    """One block: the lead-in (a sub-heading of its items, and the passage's first line)
    and each item a unit, its text after its marker."""
    section = tuple(p for p in path if p) + ((lead.text.rstrip(" :"),) if lead is not None else ())
    units = tuple(trim_span(text, line.start + line.item, line.end) for line in items)
    return Block("list", (lead or items[0]).start, items[-1].end, section, units)


def _table_blocks(text: str, rows: list[Line], caption: Line | None, path: list[str]) -> list[Block]:
    """A table's rows as facts: "row label: column: cell; column: cell" under a header row
    of column names (the one the format marks, else the first row of a table of three or
    more columns), "label: cell" in a table of two columns; the caption is the table's own
    heading."""
    section = tuple(p for p in path if p) + ((caption.text.rstrip(" :."),) if caption is not None else ())
    # the row of column names: the one the format marks, else the first of three or more columns
    first = next((k for k, r in enumerate(rows) if r.header), 0 if len(rows[0].cells) > 2 else -1)
    header = rows[first].cells if first >= 0 else ()
    body = [r for k, r in enumerate(rows) if k != first]
    if not body:
        body, header = rows, ()
    labels = []
    for row in body:
        cells = row.cells
        if len(header) > 2 and len(cells) > 2:
            value = "; ".join(f"{name}: {cell}" if name else cell for name, cell in zip(header[1:], cells[1:]) if cell)
        else:
            value = "; ".join(c for c in cells[1:] if c)
        labels.append(f"{cells[0]}: {value}" if cells[0] and value else cells[0] or value)
    start = rows[0].start
    return [Block("facts", start, body[-1].end, section, tuple((r.start, r.end) for r in body), tuple(labels))]


def _line_blocks(text: str, lines: list[Line], path: list[str], followed: bool) -> list[Block]:
    """Headings, paragraphs and label/value facts of lines that are neither lists nor
    tables; `followed`: a list or table comes next."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if _is_prose(lines[i]):
            j = i
            while j < len(lines) and _is_prose(lines[j]):
                j += 1
            blocks.extend(_prose_blocks(text, lines[i:j], path))
            i = j
            continue
        j = i
        while j < len(lines) and not _is_prose(lines[j]):
            j += 1
        run = lines[i:j]
        if any(line.level for line in run):
            blocks.extend(_explicit_headings(text, run, path))
        else:
            blocks.extend(_run_blocks(text, run, followed or j < len(lines), path))
        i = j
    return blocks


def _drop_furniture(lines: list[Line]) -> list[Line]:
    kept, skip_next = [], False
    for line in lines:
        if skip_next:
            skip_next = False
            continue
        if BARE_ATTRIBUTION.match(line.text):
            skip_next = True
            continue
        if not line.level and _is_furniture(line.text):
            continue
        kept.append(line)
    return kept


def _explicit_headings(text: str, run: list[Line], path: list[str]) -> list[Block]:
    """Markdown/HTML: heading levels are given; other short lines are facts or plain."""
    blocks: list[Block] = []
    pending: list[Line] = []
    for line in run:
        if line.level:
            blocks.extend(_facts_or_lines(text, pending, path))
            pending = []
            del path[line.level - 1:]
            path.extend([""] * (line.level - 1 - len(path)))
            path.append(line.text)
        else:
            pending.append(line)
    blocks.extend(_facts_or_lines(text, pending, path))
    path[:] = [p for p in path if p]
    return blocks


def _facts_or_lines(text: str, lines: list[Line], path: list[str]) -> list[Block]:
    lines = _without_empty_header(lines)
    if not lines:
        return []
    facts = _facts(text, lines, [p for p in path if p])
    if facts:
        return [facts]
    section = tuple(p for p in path if p)
    return [_paragraph(text, line, section) for line in lines]


def _run_blocks(text: str, run: list[Line], followed: bool, path: list[str]) -> list[Block]:
    """A run of short lines: header rows, facts, then the heading(s) of what follows."""
    run = _without_empty_header(run)
    if not run:
        return []
    if followed and len(run) % 2 == 1 and len(run[-1].text.split()) > 25 and not run[-1].cells:
        # too long for a heading: a paragraph without closing punctuation
        blocks = _run_blocks(text, run[:-1], True, path) if len(run) > 1 else []
        return blocks + [_paragraph(text, run[-1], tuple(path))]
    headings: list[str] = []
    if followed and not run[-1].text.endswith(":") and not run[-1].cells:
        headings.append(run[-1].text)
        run = run[:-1]
    blocks: list[Block] = []
    facts_path = list(path)
    if len(run) % 2 == 1 and not run[0].text.endswith(":") and not run[0].cells:
        parent = run[0].text
        run = run[1:]
        if run:
            facts_path = [parent]  # a table's own heading
        else:
            headings.insert(0, parent)
    if run:
        facts = _facts(text, run, facts_path)
        if facts:
            blocks.append(facts)
        elif len(run) <= 2:
            headings[:0] = [line.text for line in run]
    if len(headings) > 1:
        path[:] = headings
    elif headings:
        _place_heading(path, headings[0])
    return blocks


def _without_empty_header(run: list[Line]) -> list[Line]:
    """Drop a table header with no rows under it: a run's last 3+ column labels."""
    tail = 0
    while tail < len(run) and _is_column_label(run[len(run) - 1 - tail].text):
        tail += 1
    if tail >= 4 or (tail >= 3 and tail == len(run)):
        return run[: len(run) - tail]
    return run


def _place_heading(path: list[str], heading: str) -> None:
    """A lone heading is a sibling of the current sub-heading when it looks like one."""
    if len(path) >= 2 and _same_shape(path[-1], heading):
        path[-1] = heading
    else:
        path[:] = [heading]


def _same_shape(a: str, b: str) -> bool:
    return abs(len(a.split()) - len(b.split())) <= 1 and _is_title_case(a) == _is_title_case(b)


def _facts(text: str, run: list[Line], path: list[str]) -> Block | None:
    """Alternating label and value lines -> one facts block, or None if they are not."""
    if len(run) < 2 or len(run) % 2:
        return None
    pairs = [(run[k], run[k + 1]) for k in range(0, len(run), 2)]
    labelled = any(label.text.endswith(":") for label, _ in pairs)
    valuelike = sum(not _is_title_case(value.text) for _, value in pairs)
    if not labelled and valuelike * 2 < len(pairs):
        return None
    path = list(path)
    first_label, first_value = pairs[0]
    if len(pairs) >= 3 and not labelled and _is_title_case(first_label.text) and _is_title_case(first_value.text):
        path = [f"{first_label.text} / {first_value.text}"]  # the table's header row
        pairs = pairs[1:]
    units = tuple((label.start, value.end) for label, value in pairs)
    labels = tuple(f"{label.text.rstrip(':')}: {value.text}" for label, value in pairs)
    return Block("facts", units[0][0], units[-1][1], tuple(path), units, labels)


def _prose_blocks(text: str, lines: list[Line], path: list[str]) -> list[Block]:
    base = list(path)
    blocks = []
    leads = [_lead_in(text, line) for line in lines]
    period_leads = sum(1 for lead in leads if lead and lead[1] == ".")
    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if _is_question_heading(text, line) and nxt is not None and not _is_question_heading(text, nxt):
            depth = len(base)
            path[:] = base[:depth] + [line.text]
            continue
        section = list(path)
        lead = leads[k]
        if lead and (lead[1] == ":" or period_leads >= 2):
            section.append(lead[0])
        blocks.append(_paragraph(text, line, tuple(section), lead[2] if lead and lead[1] == "." and period_leads >= 2 else None))
    if len(path) > len(base):
        path[:] = base
    return blocks


def _is_question_heading(text: str, line: Line) -> bool:
    return line.text.endswith("?") and len(line.text) <= 300 and len(split_sentences(line.text)) == 1


def _lead_in(text: str, line: Line) -> tuple[str, str, int] | None:
    """A short label opening a paragraph: (label, '.' or ':', end offset of the label)."""
    first = split_sentences(text, line.start, line.end)[0]
    sentence = text[first[0]:first[1]]
    if first[1] < line.end and sentence.endswith(".") and len(sentence) <= 80 and len(sentence.split()) <= 10 \
            and sentence[:1].isupper():
        return sentence[:-1], ".", first[1]
    colon = re.match(r"([A-Z][^.:?!]{1,80}?):\s+\S", line.text)
    if colon and len(colon.group(1).split()) <= 10:
        return colon.group(1), ":", line.start + colon.end(1) + 1
    return None


def _paragraph(text: str, line: Line, section: tuple[str, ...], label_end: int | None = None) -> Block:
    units = split_sentences(text, line.start, line.end)
    if label_end is not None:
        units = [u for u in units if u[1] > label_end] or units  # the label alone answers nothing
    return Block("para", line.start, line.end, section, tuple(units))
