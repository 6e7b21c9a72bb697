"""Prose: paragraphs of sentences, the run-in labels that open them, and question headings
(structure.py hands over each run of prose lines).

A paragraph's sentences are its quotable units. A short label that opens a paragraph is a
sub-heading for it: one ending in a colon ("CYP450 substrates: ..."), or one closed by a stop
("Primary binding event. ...") when it is a title, not a sentence (no auxiliary, modal, copula
or negation in it, no determiner or pronoun opening it), and at least half the paragraphs of
the run, three at least, open with one: "The trial has limitations." is a sentence. A
one-sentence question followed by prose is a heading over what follows (FAQ style).
"""
from __future__ import annotations

import re

from ..language.text import split_sentences
from .lines import Block, Line

# what makes a paragraph's short first sentence a sentence, not a run-in label: a verb that only
# sentences hold (a negation too: "Don't shake the pen."), or an opening word that starts a clause
SENTENCE_WORD = re.compile(r"\b(is|are|was|were|be|been|being|has|have|had|do|does|did|can|could|may|might|must|"
                           r"shall|should|will|would|not|\w+n['’]t)\b", re.I)
SENTENCE_OPENING = re.compile(r"^(the|a|an|this|that|these|those|it|its|they|their|you|your|we|our|there|most|some|"
                              r"all|no|each|every|many|few|both|yes)\b", re.I)
LABELLED_RUN = 3  # ... and at least half the paragraphs of a run, at least this many, open with such a label


def prose_blocks(text: str, lines: list[Line], path: list[str]) -> list[Block]:
    """A run of prose lines as paragraphs, under their run-in labels and question headings."""
    base = list(path)
    blocks = []
    leads = [_lead_in(text, line) for line in lines]
    titled = sum(1 for lead in leads if lead and lead[1] == ".")
    labelled = titled >= max(LABELLED_RUN, len(lines) / 2)  # labels closed by a stop, where they are the pattern
    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if _is_question_heading(line) and nxt is not None and not _is_question_heading(nxt):
            depth = len(base)
            path[:] = base[:depth] + [line.text]
            continue
        section = list(path)
        lead = leads[k]
        if lead and (lead[1] == ":" or labelled):
            section.append(lead[0])
        blocks.append(paragraph(text, line, tuple(section), lead[2] if lead and lead[1] == "." and labelled else None))
    if len(path) > len(base):
        path[:] = base
    return blocks


def _is_question_heading(line: Line) -> bool:
    return line.text.endswith("?") and len(line.text) <= 300 and len(split_sentences(line.text)) == 1


def _lead_in(text: str, line: Line) -> tuple[str, str, int] | None:
    """A short label opening a paragraph: (label, '.' or ':', end offset of the label)."""
    first = split_sentences(text, line.start, line.end)[0]
    sentence = text[first[0]:first[1]]
    if first[1] < line.end and sentence.endswith(".") and len(sentence) <= 80 and len(sentence.split()) <= 10 \
            and sentence[:1].isupper() and not SENTENCE_WORD.search(sentence) and not SENTENCE_OPENING.match(sentence):
        return sentence[:-1], ".", first[1]
    colon = re.match(r"([A-Z][^.:?!]{1,80}?):\s+\S", line.text)
    if colon and len(colon.group(1).split()) <= 10:
        return colon.group(1), ":", line.start + colon.end(1) + 1
    return None


def paragraph(text: str, line: Line, section: tuple[str, ...], label_end: int | None = None) -> Block:
    """One line of prose as a paragraph block, its sentences the units (a run-in label's left out)."""
    units = split_sentences(text, line.start, line.end)
    if label_end is not None:
        units = [u for u in units if u[1] > label_end] or units  # the label alone answers nothing
    return Block("para", line.start, line.end, tuple(p for p in section if p), tuple(units))
