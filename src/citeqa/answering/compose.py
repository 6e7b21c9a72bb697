"""An answer as the user gets it: verbatim sentences, each run from one passage followed by
[n] citing it, or a plain "the documents do not answer this" that says why; and the
passages shown with it, each with where it is.

Left out: paraphrase of any kind (every word of an answer is the documents' own, but
for the "About X:" label that says which drug a quote is about).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.lines import BULLET

NOT_FOUND = "The documents do not answer this question."
# between two sentences of a passage that run on: a space, or a line break and the next item's bullet ("\n• ")
LIST_GAP = re.compile(rf"\s?|\s*\n\s*(?:{BULLET}\s+)?")


@dataclass(frozen=True)
class Passage:
    text: str
    source: str  # path relative to the seeds folder
    section: str  # heading path, " › " between levels
    start: int  # offsets into the document's text
    end: int
    score: float
    topic: str
    id: str = ""
    page: int | None = None  # 1-based page where it starts (PDF); None for formats without pages

    @property
    def citation(self) -> str:
        """Where it is: "label.pdf › 5.1 Hypersensitivity · p. 12"."""
        return f"{self.source} › {self.section}" + (f" · p. {self.page}" if self.page else "")


@dataclass(frozen=True)
class Answer:
    found: bool
    text: str  # verbatim sentence(s), each followed by [n] citing passages[n-1]
    passages: list[Passage]
    notes: tuple[str, ...] = ()  # e.g. the question was shortened, the index is stale


def passage_of(data, hit) -> Passage:
    """The passage a retrieval hit (retrieve.Hit) points to in an index (store.IndexData)."""
    c = data.chunks[hit.chunk]
    return Passage(c.text, c.source, c.section, c.start, c.end, round(hit.score, 4), c.topic, c.id, c.page)


def declined(evidence, query, passages: list[Passage], notes: tuple[str, ...]) -> Answer:
    """Not found, with the first reason that holds: a name the documents never mention, a
    drug they mention only in passing, a topic they never cover, an earlier question they
    do not answer, or a finding they never mention."""
    why = NOT_FOUND
    if evidence.unknown_names:
        why += f" They never mention {', '.join(evidence.unknown_names)}."
    elif evidence.passing_names:
        why += f" They mention {', '.join(evidence.passing_names)} only in passing."
    elif evidence.uncovered_topics:
        why += f" They say nothing of {', or of '.join(evidence.uncovered_topics)}."
    elif evidence.earlier_unanswered:
        why += f" Nor do they answer “{evidence.earlier_unanswered}”, which it follows."
    elif query.absent:
        why += f" They never mention {', or '.join(query.absent)}."
    return Answer(False, why + " The passages below are the closest, and may not answer it.", passages, notes)


def answered(quotes, labels: list[str], passages: list[Passage], notes: tuple[str, ...]) -> Answer:
    """The quotes (quotes.Quote, rank = the passage's place in `passages`) joined: sentences
    that follow one another in a passage (or a list's items) share its citation, joined as the passage joins them
    (so each cited run is one stretch of the passage's text), and a quote whose label (the drug it is about, or "")
    differs from the one before says "About X:"."""
    def runs_on(n: int) -> bool:  # the next quote goes straight on from this one in the same passage (a list's
        after = quotes[n + 1] if n + 1 < len(quotes) else None  # next item too: "\n• " between them)
        return (after is not None and after.rank == quotes[n].rank and after.start >= quotes[n].end
                and bool(LIST_GAP.fullmatch(gap(n))))

    def gap(n: int) -> str:  # what the passage has between a quote and the next, which runs on from it
        p = passages[quotes[n].rank]
        return p.text[quotes[n].end - p.start:quotes[n + 1].start - p.start]
    text = "".join((f"About {label}: " if label and (n == 0 or labels[n - 1] != label) else "") + q.text
                   + (gap(n) if runs_on(n) else f" [{q.rank + 1}]" + (" " if n + 1 < len(quotes) else ""))
                   for n, (q, label) in enumerate(zip(quotes, labels)))
    return Answer(True, text, passages, notes)
