"""Everyday medicines people name (the consumer-health vocabulary's section of them:
ibuprofen, Tylenol, Aleve, salbutamol). The vocabulary bridges each to its class, so that
"can I take Advil with Eliquis?" or "can I take ibuprofen after the jab?" is answered from
what a leaflet says of NSAIDs. But where such a medicine takes the place of the drug the
documents are about, of documents that name it by none of its names, the question asks
about a drug they do not cover: "and for naproxen?" after "is ibuprofen dangerous if I
have asthma?" of an ibuprofen article, or "how is diclofenac different?". Asked so, it is a
name the documents never mention, as an unknown drug's name is (understand.py).
"""
from __future__ import annotations

import re
from typing import Callable

from .comparisons import IT
from .lay_words import MODIFIED
from ..language.text import STOPWORDS
from ..language.wordlists import conditions, consumer_health, words_of

SECTION = ("everyday medicines",)


def named(question: str) -> list[tuple[str, str]]:
    """The everyday medicines a question names: (as the vocabulary writes it, as the question
    does: "Tylenol", "ibuprofens")."""
    found = []
    for written in conditions(sections=SECTION).values():
        words = r"\s+".join(re.escape(w) for w in written.split())
        if m := re.search(rf"(?<![\w-]){words}(?:e?s)?(?![\w-])", question, re.I):
            found.append((written, m.group(0)))
    return found


def names_of(written: str) -> set[str]:
    """A medicine's names: its own, the everyday medicines its row gives as its names (Tylenol:
    acetaminophen, paracetamol; not its class, NSAIDs), and those whose rows give it (ibuprofen:
    Advil, Motrin, Nurofen)."""
    medicines = conditions(sections=SECTION)
    table = consumer_health()

    def row(name: str) -> set[str]:
        return {c for c in table.get(tuple(words_of(name)), ()) if tuple(words_of(c)) in medicines}
    return {written} | row(written) | {m for m in medicines.values() if written in row(m)}


def asked_about(read: str, asked: str, swapped: bool, held: Callable[[str], bool],
                theirs: Callable[[str], bool]) -> tuple[str, ...]:
    """The everyday medicines a question (as `read`, and as `asked`) asks about in the place of
    the drug the documents are about, that they name by none of their names (`held(name)`:
    whether they do), as the asker wrote them. Not where the question names a drug of theirs
    (`theirs(text)`: whether a text does) or calls one "it", nor, unless it is a follow-up that
    asked the earlier question of the medicine (`swapped`), where it names a kind of thing theirs
    may be ("can I take ibuprofen after the vaccine?", "... with my tablets?": MODIFIED), which the
    documents' words for its class may answer. "what is the maximum dose of Aleve?" of an
    ibuprofen article asks about Aleve."""
    if theirs(read) or IT.search(read) or (not swapped and set(words_of(read)) & MODIFIED):
        return ()
    return tuple(said for written, said in named(asked) if not any(held(n) for n in names_of(written)))


def swap_medicine(before: str, rest: str, theirs: Callable[[str], bool]) -> str | None:
    """A follow-up that asks the earlier question of an everyday medicine it names alone ("and for
    naproxen?" after "is ibuprofen dangerous if I have asthma?"): the earlier question with that
    name in place of the one everyday medicine it names that is not the documents' (`theirs(name)`:
    whether it names a drug they are about), else of theirs; None where it names none, or several
    of either."""
    new = named(rest)
    if len(new) != 1 or any(w not in STOPWORDS and w not in words_of(new[0][0]) for w in words_of(rest)):
        return None
    old = named(before)
    if any(w in names_of(new[0][0]) for w, _ in old):  # "and naproxen?" after "ibuprofen with naproxen?"
        return None
    return in_place_of(before, new[0][1], theirs)


def in_place_of(before: str, name: str, theirs: Callable[[str], bool], mine: bool = True) -> str | None:
    """The earlier question with `name` in place of the one everyday medicine it names that is not the
    documents' (`theirs(name)`), else (with `mine`) of theirs; None where it names none, or several of either."""
    old = named(before)
    others = [said for w, said in old if not theirs(w)] or [said for w, said in old if mine and theirs(w)]
    if len(others) != 1:  # which one it takes the place of is for the slot to say
        return None
    return re.sub(rf"(?<![\w-]){re.escape(others[0])}(?![\w-])", name, before, flags=re.I)
