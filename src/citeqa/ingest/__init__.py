"""Ingest: read the documents in a seeds folder into text with its structure recovered.

One reader per format turns a file's bytes into text and logical lines (plain.py: .txt
and markdown; html.py; pdf.py; word.py: .docx); structure.py then recovers headings,
paragraphs and facts the same way for all of them. Paged formats also give the page
where each part of the text begins, so a passage can cite its page.
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Unreadable  # noqa: F401 (raised by the readers)
from . import html, pdf, plain, word
from .lines import Block, Extracted
from .structure import parse_blocks

# a change to what a reader gives bumps settings.READING_VERSION (an index read otherwise is re-read)
READERS = {
    ".txt": plain.read_text, ".md": plain.read_markdown, ".markdown": plain.read_markdown,
    ".html": html.read, ".htm": html.read, ".pdf": pdf.read, ".docx": word.read,
}
SUFFIXES = set(READERS)
SUPPORTED = ", ".join(sorted(SUFFIXES))


@dataclass(frozen=True)
class Document:
    source: str  # path relative to the seeds folder, with forward slashes
    text: str  # the extracted text: every offset counts in it
    sha256: str
    title: str
    blocks: tuple[Block, ...] = field(default=(), repr=False)
    pages: tuple[tuple[int, int], ...] = field(default=(), repr=False)  # (offset, page) where pages begin

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding this offset; None for formats without pages."""
        if not self.pages:
            return None
        k = bisect.bisect_right([start for start, _ in self.pages], offset) - 1
        return self.pages[max(k, 0)][1]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def list_sources(seeds: Path) -> list[Path]:
    """Documents under seeds, sorted; hidden, temporary and unsupported files skipped."""
    found = []
    for path in sorted(seeds.rglob("*")):
        rel = path.relative_to(seeds)
        if any(part.startswith((".", "#", "~$")) or part.endswith("~") for part in rel.parts):
            continue
        if path.suffix.lower() in SUFFIXES and path.is_file():
            found.append(path)
    return found


def load_document(seeds: Path, path: Path, data: bytes | None = None) -> Document:
    """Read one file; raises Unreadable with the reason when it cannot be indexed."""
    data = path.read_bytes() if data is None else data
    extracted: Extracted = READERS[path.suffix.lower()](data)
    source = path.relative_to(seeds).as_posix()
    title, blocks = parse_blocks(extracted.text, extracted.lines)
    return Document(source=source, text=extracted.text, sha256=sha256_bytes(data), title=title or source,
                    blocks=tuple(blocks), pages=extracted.pages)
