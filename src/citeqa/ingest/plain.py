"""Plain text and markdown: the file's own text, read line by line."""
from __future__ import annotations

from ..errors import Unreadable
from .lines import Extracted, text_lines


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped); anything else is read as cp1252, then latin-1."""
    if b"\0" in data[:8192]:
        raise Unreadable("binary file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_text(data: bytes) -> Extracted:
    text = decode(data)
    return Extracted(text, text_lines(text, markdown=False))


def read_markdown(data: bytes) -> Extracted:
    """ATX headings ('# ', '## ') give levels; wrapped lines are joined per paragraph."""
    text = decode(data)
    return Extracted(text, text_lines(text, markdown=True))
