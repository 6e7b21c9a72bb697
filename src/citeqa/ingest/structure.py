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
- a lead-in label at the start of a paragraph ("Primary binding event." when at least half
  the paragraphs of the run, three at least, open with such a title: not with a sentence,
  "The trial has limitations."; or "CYP450 substrates:") is a sub-heading for it
  (paragraphs.py);
- a list (items with a bullet or a number, as written or as the format marks them) is one
  block, each item a quotable unit however many lines it wraps onto, under the line that
  introduces it ("Common (may affect up to 1 in 10 people):") as a sub-heading; a list of
  the headings of the sections after it is a table of contents, dropped;
- a table (rows of cells, as the format marks them or written with "|" between cells) is
  one block of facts, a fact per row ("Nausea: Drug 10 mg: 12%; Placebo: 4%", the row's
  label and each cell under its column's name), under its caption ("Table 2. ..."); its
  header row repeated where it continues on the next page is no row of facts;
- a heading's level is kept when levels are skipped ("2", then "2.1" two levels down), so
  a later heading of any level takes its own place in the path; a heading read from the
  layout (a short line before prose) sits under the headings the format gave.
Nothing here knows about any particular drug or document.
"""
from __future__ import annotations

import bisect
import re

from ..language.text import trim_span
from .lines import BULLET_ITEM, ITEM, Block, Line, ends_sentence
from .paragraphs import paragraph, prose_blocks

FURNITURE = re.compile(
    r"^(powered by\b.*|try (it )?now|try these searches\b.*|sign (up|in)|log ?in|"
    r"subscribe|share( this)?|print|back to top|read more|learn more|skip to content|"
    r"cookie.*|accept( all)?( cookies)?|advertisement|menu|search)$",
    re.I,
)
BARE_ATTRIBUTION = re.compile(r"^(powered|brought to you|sponsored|presented) by$", re.I)
SMALL_WORDS = {"of", "and", "or", "the", "a", "an", "in", "on", "for", "to", "with", "by", "&", "/", "vs", "vs."}


def _is_prose(line: Line) -> bool:
    if line.level or line.cells:
        return False
    if ends_sentence(line.text):
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


class HeadingPath(list):
    """The headings above the current line, outermost first; `given`: how many of them the
    format gave (a level in markdown, HTML, Word, a PDF's type or numbering). A heading
    inferred from the layout sits under those, never in their place."""
    given = 0


def parse_blocks(text: str, lines: list[Line]) -> tuple[str, list[Block]]:
    title = ""
    if lines and len(lines[0].text) <= 200:
        title = lines[0].text.rstrip(".")
    lines = _drop_furniture(lines)
    blocks: list[Block] = []
    path = HeadingPath()
    parts = _lists_and_tables(lines)
    for n, (kind, part, head) in enumerate(parts):
        if kind == "list":
            blocks.append(_list_block(text, part, head, path))
        elif kind == "table":
            blocks.extend(_table_blocks(text, part, head, path))
        else:  # short lines just before a list or a table are headings, as before prose
            blocks.extend(_line_blocks(text, part, path, followed=n + 1 < len(parts)))
    return title, _without_contents(text, blocks)


def _without_contents(text: str, blocks: list[Block]) -> list[Block]:
    """The blocks less a table of contents: a list of four or more items that are headings
    of the sections after it, in order ("What is in this leaflet: 1. What it is for ...")."""
    def bare(s: str) -> str:
        return ITEM.sub("", s.strip()).rstrip(" .:").lower()
    where: dict[str, list[int]] = {}  # a heading -> the blocks under it, in order
    for k, b in enumerate(blocks):
        for h in b.path:
            where.setdefault(bare(h), []).append(k)

    def head_what_follows(k: int, units) -> bool:  # each item, in order, heads a block after it
        for s, e in units:
            under = where.get(bare(text[s:e]), [])
            if (n := bisect.bisect_right(under, k)) == len(under):
                return False
            k = under[n]
        return True
    return [b for k, b in enumerate(blocks) if not (b.kind == "list" and len(b.units) >= 4 and head_what_follows(k, b.units))]


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
            # a list's numbers do not go down ("1." after "6." starts afresh), a list of bullets
            # ends at a number, and a numbered line ending no sentence heads the bullets after
            # it ("5. How to store Metformin tablets", then "• Keep it out of reach")
            j, number, bullets = i + 1, _number(line.text), bool(BULLET_ITEM.match(line.text))
            heads = number is not None and not ends_sentence(line.text)
            while j < len(lines) and lines[j].item and not lines[j].level:
                n = _number(lines[j].text)
                if ((n is not None and ((number is not None and n < number) or bullets))
                        or (heads and BULLET_ITEM.match(lines[j].text))):
                    break
                number = number if n is None else n
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


def _number(text: str) -> int | None:
    """A numbered item's number (None for a bullet, a letter or a roman numeral)."""
    m = re.match(r"\(?(\d{1,2})[.)]", text)
    return int(m.group(1)) if m else None


def _is_lead_in(line: Line) -> bool:
    """A line that introduces a list: it ends with a colon ("Do not use it if:")."""
    return not line.level and line.text.rstrip().endswith(":") and len(line.text) <= 300


def _is_caption(line: Line) -> bool:
    """A table's caption: a short line above it naming ("Table 2. ...") or introducing it ("Dosage:")."""
    return (not line.level and len(line.text) <= 200
            and (bool(re.match(r"(table|tab\.)\s*[\dA-Z]", line.text, re.I)) or line.text.rstrip().endswith(":")))


def _list_block(text: str, items: list[Line], lead: Line | None, path: list[str]) -> Block:
    """One block: the lead-in (its items' sub-heading) and each item a unit, after its marker."""
    section = tuple(p for p in path if p) + ((lead.text.rstrip(" :"),) if lead is not None else ())
    units = tuple(trim_span(text, line.start + line.item, line.end) for line in items)
    return Block("list", (lead or items[0]).start, items[-1].end, section, units)


def _table_blocks(text: str, rows: list[Line], caption: Line | None, path: list[str]) -> list[Block]:
    """A table's rows as facts: "row label: column: cell; column: cell" under a header row
    (the one the format marks, else the first of three or more columns), "label: cell" in
    a table of two columns; the caption is the table's own heading."""
    section = tuple(p for p in path if p) + ((caption.text.rstrip(" :."),) if caption is not None else ())
    first = next((k for k, r in enumerate(rows) if r.header), 0 if len(rows[0].cells) > 2 else -1)
    header = rows[first].cells if first >= 0 else ()
    # a table continued on a later page repeats its header row there: not a row of facts
    body = [r for k, r in enumerate(rows) if k != first and not (header and r.cells == header)]
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
    return [Block("facts", rows[0].start, body[-1].end, section, tuple((r.start, r.end) for r in body), tuple(labels))]


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
            blocks.extend(prose_blocks(text, lines[i:j], path))
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
            path.given = len(path)
        else:
            pending.append(line)
    blocks.extend(_facts_or_lines(text, pending, path))
    return blocks  # levels skipped stay "" in path, so a later heading finds its level's place


def _facts_or_lines(text: str, lines: list[Line], path: list[str]) -> list[Block]:
    lines = _without_empty_header(lines)
    if not lines:
        return []
    facts = _facts(text, lines, [p for p in path if p])
    if facts:
        return [facts]
    section = tuple(p for p in path if p)
    return [paragraph(text, line, section) for line in lines]


def _run_blocks(text: str, run: list[Line], followed: bool, path: list[str]) -> list[Block]:
    """A run of short lines: header rows, facts, then the heading(s) of what follows."""
    run = _without_empty_header(run)
    if not run:
        return []
    if followed and len(run) % 2 == 1 and len(run[-1].text.split()) > 25 and not run[-1].cells:
        # too long for a heading: a paragraph without closing punctuation
        blocks = _run_blocks(text, run[:-1], True, path) if len(run) > 1 else []
        return blocks + [paragraph(text, run[-1], tuple(path))]
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
    given = min(getattr(path, "given", 0), len(path))
    if len(headings) > 1:
        path[given:] = headings
    elif headings:
        _place_heading(path, headings[0], given)
    return blocks


def _without_empty_header(run: list[Line]) -> list[Line]:
    """Drop a table header with no rows under it: a run's last 3+ column labels."""
    tail = 0
    while tail < len(run) and _is_column_label(run[len(run) - 1 - tail].text):
        tail += 1
    if tail >= 4 or (tail >= 3 and tail == len(run)):
        return run[: len(run) - tail]
    return run


def _place_heading(path: list[str], heading: str, given: int = 0) -> None:
    """A lone heading is a sibling of the current sub-heading when it looks like one;
    under headings the format gave, it sits just below them."""
    if given:
        path[given:] = [heading]
    elif len(path) >= 2 and _same_shape(path[-1], heading):
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
    return Block("facts", units[0][0], units[-1][1], tuple(p for p in path if p), units, labels)
