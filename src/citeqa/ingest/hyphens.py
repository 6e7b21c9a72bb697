"""Joining a paper's lines back into paragraphs: a word a typesetter broke at a line end
("inflam-" / "matory") is rejoined, a hyphen that belongs to the word ("dupilumab-" /
"treated") is kept. The document's own spelling decides first, then English."""
from __future__ import annotations

import re

# Words that mostly come after a hyphen in compounds ("IL-4-mediated", "steroid-free").
COMPOUND_TAILS = frozenset("""
    associated based blind bound containing controlled dependent derived driven exposed free
    induced independent label like limited line linked mediated naive negative positive
    refractory related resistant responsive sensitive specific sparing term treated type
    week weekly year old month range level risk dose weight onset""".split())
COMPOUND_HEADS = frozenset("anti non self well long short high low cross first second third all".split())


class LineJoiner:
    """Joins lines of one document, judging line-end hyphens by how it spells words elsewhere."""

    def __init__(self, lines: list[str]):
        text = re.sub(r"\S*-\n\S*", " ", "\n".join(lines).lower())  # the line-end hyphens themselves aside
        self.words = set(re.findall(r"(?<![\w-])[^\W\d_]+(?![\w-])", text))  # words it uses on their own
        self.pairs = {m.group(1) for m in re.finditer(r"(?=(?<![^\W\d_])([^\W\d_]+-[^\W\d_]+))", text)}

    def join(self, text: str, line: str) -> tuple[str, int]:
        """Append a line to a paragraph: (new text, offset where the line begins in it)."""
        hyphen = re.search(r"([^\W\d_]+)-$", text)
        if hyphen and line[:1].islower():
            head = hyphen.group(1)
            tail = re.match(r"[^\W\d_]+", line).group(0)
            if not line[len(tail):].startswith("-") and not self.keeps_hyphen(head, tail):
                return text[:-1] + line, len(text) - 1
        if text.endswith(("-", "–", "/")) and not text.endswith((" -", " –")):
            return text + line, len(text)
        return text + " " + line, len(text) + 1

    def keeps_hyphen(self, head: str, tail: str) -> bool:
        """Is 'head-' + 'tail' at a line end one hyphenated word (well-known) or one word
        split? The hyphen stays when the document spells the pair with it, after an acronym
        ("EOS-ceramides"), between two words the document uses on their own
        ("dupilumab-treated"), before a word that forms compounds ("elongase-dependent") or
        after a prefix that keeps its hyphen ("anti-tumor"); it goes when the document or
        English has the whole word."""
        from ..language.wordlists import english_words  # noqa: PLC0415
        if sum(ch.isupper() for ch in head) >= 2:
            return True  # an acronym is never the first half of a split word
        head, tail = head.lower(), tail.lower()
        if f"{head}-{tail}" in self.pairs:
            return True
        if head + tail in self.words or head + tail in english_words():
            return False
        return (tail in COMPOUND_TAILS or head in COMPOUND_HEADS
                or (head in self.words and tail in self.words))
