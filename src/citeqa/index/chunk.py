"""Cut documents into passages: sentences grown into chunks inside one paragraph.

A chunk never crosses a paragraph or section boundary, keeps the heading path of its
section (used for retrieval as well as display), and knows its exact character span:
``document.text[chunk.start:chunk.end] == chunk.text``, and, for paged formats, the page
where it starts. Ids are stable: they depend on
the source, section and text, not on the position, so an edit elsewhere keeps them.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

from ..ingest import Block, Document
from ..language.text import tokenize

# a list item's marker, at the end of the words that lead into it
ITEM_MARK = re.compile(r"(\s*([•◦▪‣·*–-]|\(?[0-9a-z]{1,2}[.)]))*\s*$")
TOPICS = ("mechanism", "trials", "safety", "indications", "other")
# Stemmed cue words per topic: general pharmacology vocabulary, not any one drug's.
TOPIC_CUES = {
    "mechanism": set(tokenize(
        "mechanism binds binding receptor receptors signaling signalling pathway pathways "
        "inhibits inhibition blockade blocks kinase kinases phosphorylation transcription "
        "expression cytokine cytokines epitope antagonism molecular gene genes chemokine "
        "chemokines isotype pharmacology absorption distribution affinity agonist downstream "
        "cascade suppression synthesis cells cellular")),
    "trials": set(tokenize(
        "trial trials phase randomized randomised placebo endpoint endpoints enrolled "
        "enrolling cohort study studies efficacy results readout pooled analysis recruiting "
        "double-blind open-label participants primary secondary outcome outcomes")),
    "safety": set(tokenize(
        "safety adverse risk risks interaction interactions vaccines toxicity warning "
        "warnings contraindicated contraindication side effects reactions discontinue "
        "taper tapering complications infection hypersensitivity serious pharmacovigilance "
        "avoid avoided caution monitoring ddi substrates coadministration concomitant "
        "event events immunogenicity")),
    "indications": set(tokenize(
        "indication indications indicated approved approval approvals fda ema label "
        "treats licensed prescribed pediatric adolescents children")),
}


@dataclass(frozen=True)
class Chunk:
    id: str
    source: str
    start: int
    end: int
    text: str
    section: str  # heading path joined with " › "
    topic: str
    units: tuple[tuple[int, int], ...]  # quotable sentence or fact spans, document offsets
    labels: tuple[str, ...] = ()  # facts: "label: value" forms, parallel to units
    page: int | None = None  # 1-based page where it starts (PDF); None for formats without pages

    def index_text(self, headings: bool = True) -> str:
        """What retrieval sees: the heading path, then the passage (facts as label: value)."""
        body = "\n".join(self.labels) if self.labels else self.text
        return f"{self.section}\n{body}" if self.section and headings else body

    def lead_in(self) -> str:
        """The words before its first sentence when they lead into a list (end in a colon:
        "Do not use Ozempic:"), as its text has them up to there; else ""."""
        lead = ITEM_MARK.sub("", self.text[:self.units[0][0] - self.start]) if self.units and not self.labels else ""
        return lead if lead.endswith(":") else ""

    def leads_into_list(self) -> bool:
        """Whether it is a list its words or its heading lead into ("Do not take Eliquis if you:"; not a table)."""
        return bool(self.lead_in()) or (not self.labels and self.section.rsplit(" › ", 1)[-1].endswith(":"))

    def unit_text(self, k: int, headings: bool = True) -> str:
        """What is embedded (and read) for its k-th sentence or fact: the sentence (a fact
        as label: value) after its nearest heading ("Common (may affect up to 1 in 10
        people): hair loss")."""
        s, e = self.units[k]
        sentence = self.labels[k] if self.labels else self.text[s - self.start:e - self.start]
        leaf = self.section.rsplit(" › ", 1)[-1] if headings else ""
        return f"{leaf}: {sentence}" if leaf else sentence


def classify_topic(section: str, text: str) -> str:
    """The topic whose cue words weigh most (headings count three times), else 'other'."""
    head, body = tokenize(section), tokenize(text)
    scores = {
        topic: 3 * sum(t in cues for t in head) + sum(t in cues for t in body)
        for topic, cues in TOPIC_CUES.items()
    }
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 else "other"


def chunk_document(doc: Document, max_chars: int = 900) -> list[Chunk]:
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for block in doc.blocks:
        section = " › ".join(block.path) or doc.title
        for start, end, units, labels in _groups(block, max_chars):
            text = doc.text[start:end]
            key = f"{doc.source}\0{section}\0{text}"
            seen[key] = seen.get(key, 0) + 1
            digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:16]
            chunks.append(Chunk(digest, doc.source, start, end, text, section,
                                classify_topic(section, text), units, labels, doc.page_at(start)))
    return chunks


def _groups(block: Block, max_chars: int):
    """Split one block's units into runs of about equal length, each under max_chars."""
    total = block.end - block.start
    parts = max(1, math.ceil(total / max_chars))
    target = total / parts
    units = list(block.units)
    labels = list(block.labels) or [None] * len(units)
    groups: list[list[int]] = [[]]
    group_start = block.start
    for k, (s, e) in enumerate(units):
        if groups[-1] and (e - group_start > max_chars or (s - group_start >= target and len(groups) < parts)):
            groups.append([])
            group_start = s
        groups[-1].append(k)
    for n, members in enumerate(groups):
        start = block.start if n == 0 else units[members[0]][0]
        end = block.end if n == len(groups) - 1 else units[members[-1]][1]
        yield (start, end, tuple(units[k] for k in members),
               tuple(labels[k] for k in members) if block.labels else ())
