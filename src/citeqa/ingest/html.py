"""HTML: the visible text, one block per paragraph, headings from <h1>–<h6>.

Offsets count in the reduced text, which is what Assistant.document returns for an HTML
source: headings written as markdown "# " lines, list items as "• " lines (numbered in an
<ol>), and table rows as their cells joined by " | " (a header row of <th> cells followed
by a markdown |---| rule), so that structure recovery reads lists and tables as such.
Left out: scripts, styles, navigation, footers.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .plain import decode
from .lines import Extracted, text_lines


def read(data: bytes) -> Extracted:
    text = html_to_text(decode(data))
    return Extracted(text, text_lines(text, markdown=True))


class _HtmlText(HTMLParser):
    BLOCK = {"p", "div", "br", "section", "article", "ul", "ol", "dt", "dd", "blockquote", "pre", "table",
             "caption", "figcaption", "main", "header", "aside"}
    SKIP = {"script", "style", "noscript", "template", "head", "nav", "footer"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.lists: list[list] = []  # open lists: [tag, items so far]
        self.in_item = 0  # inside an <li>: its paragraphs are one item
        self.row: list[str] | None = None  # the cells of the open table row
        self.cell: list[str] | None = None
        self.header_row = False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif self.skipping:
            return
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
            self.parts.append("\n\n")
        elif tag == "li":
            marker = "•"
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                marker = f"{self.lists[-1][1]}."
            self.in_item += 1
            self.parts.append(f"\n{marker} ")
        elif tag == "tr":
            self.row, self.header_row = [], True
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            self.header_row = self.header_row and tag == "th"
        elif tag in self.BLOCK and not self.in_item and self.row is None:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif self.skipping:
            return
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            cells = [c.replace("|", "/") for c in self.row]
            if any(cells):
                self.parts.append("\n" + " | ".join(cells) + " |" * (len(cells) == 1))
                if self.header_row and len(cells) > 1:
                    self.parts.append("\n" + "|".join(["---"] * len(cells)))
            self.row = None
        elif tag == "li":
            self.in_item = max(0, self.in_item - 1)
            self.parts.append("\n")
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.parts.append("\n\n")
        elif re.fullmatch(r"h[1-6]", tag) or (tag in self.BLOCK and not self.in_item and self.row is None):
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.skipping:
            return
        text = re.sub(r"\s+", " ", data)
        if self.cell is not None:
            self.cell.append(text)
        elif self.row is None:
            self.parts.append(text)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per paragraph, headings as '# ' lines."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", re.sub(r"\n[ \t]+", "\n", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
