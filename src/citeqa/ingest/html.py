"""HTML: the visible text, one block per paragraph, headings from <h1>–<h6>.

Offsets count in the reduced text (headings written as markdown "# " lines), which is
what Assistant.document returns for an HTML source.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .plain import decode
from .structure import Extracted, text_lines


def read(data: bytes) -> Extracted:
    text = html_to_text(decode(data))
    return Extracted(text, text_lines(text, markdown=True))


class _HtmlText(HTMLParser):
    BLOCK = {"p", "div", "li", "tr", "br", "section", "article", "table", "ul", "ol", "dt", "dd", "blockquote", "pre", "td", "th"}
    SKIP = {"script", "style", "noscript", "template", "head", "nav", "footer"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif re.fullmatch(r"h[1-6]", tag) or tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per paragraph, headings as '# ' lines."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", re.sub(r"\n[ \t]+", "\n", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
