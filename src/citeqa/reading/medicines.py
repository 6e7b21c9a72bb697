"""Everyday medicines people name (the consumer-health vocabulary's section of them:
ibuprofen, Tylenol, Aleve, salbutamol). The vocabulary bridges each to its class, so that
"can I take Advil with Eliquis?" is answered from what a leaflet says of NSAIDs. But a
question about such a medicine itself, of documents that name it by none of its names, asks
about a drug they do not cover: "and for naproxen?" after "is ibuprofen dangerous if I have
asthma?" of an ibuprofen article, or "how is diclofenac different?". Asked about, it is a
name the documents never mention, as an unknown drug's name is (understand.py).
"""
from __future__ import annotations

import re
from typing import Callable

from ..language.text import STOPWORDS
from ..language.wordlists import conditions, consumer_health, words_of

SECTION = ("everyday medicines",)
CALLED_IT = re.compile(r"\b(it|its|this)\b", re.I)  # the drug the documents are about, called so


def named(question: str) -> list[tuple[tuple[str, ...], str]]:
    """The everyday medicines a question names: (stemmed words, as the vocabulary writes it)."""
    words = words_of(question)
    return [(key, written) for key, written in conditions(sections=SECTION).items()
            if any(tuple(words[i:i + len(key)]) == key for i in range(len(words) - len(key) + 1))]


def names_of(key: tuple[str, ...], written: str) -> list[str]:
    """A medicine's names: its own, and those of its row that are everyday medicines too (Tylenol:
    acetaminophen, paracetamol; not its class, NSAIDs)."""
    medicines = conditions(sections=SECTION)
    return [written] + [c for c in consumer_health().get(key, ()) if tuple(words_of(c)) in medicines]


def asked_about(question: str, before: str, held: Callable[[str], bool],
                theirs: Callable[[str], bool]) -> tuple[str, ...]:
    """The everyday medicines a question asks about that the documents name by none of their
    names (`held(name)`: whether they do). Those it names when it names no drug the documents
    are about (`theirs(text)`: whether a text does) and calls none "it"; a follow-up read with
    an earlier question (`before`) asks about one only where that question named no everyday
    medicine other than theirs: "what about naproxen?" after "can I take ibuprofen with
    Eliquis?" asks it in ibuprofen's place, of Eliquis."""
    unheld = [w for k, w in named(question) if not any(held(n) for n in names_of(k, w))]
    if not unheld or theirs(question) or CALLED_IT.search(question):
        return ()
    if before and any(not theirs(w) for _, w in named(before)):
        return ()
    return tuple(unheld)


def swap_medicine(before: str, rest: str, theirs: Callable[[str], bool]) -> str | None:
    """A follow-up that asks the earlier question of an everyday medicine it names alone ("and for
    naproxen?" after "is ibuprofen dangerous if I have asthma?"): the earlier question with its name in
    place of the everyday medicine that question names that is not the documents' (`theirs(name)`:
    whether it names a drug they are about), else of theirs; None where it names none."""
    new = named(rest)
    if len(new) != 1 or any(w not in STOPWORDS and w not in new[0][0] for w in words_of(rest)):
        return None
    old = sorted((w for _, w in named(before) if w != new[0][1]), key=theirs)  # (not theirs first)
    if not old:
        return None
    return re.sub(rf"\b{re.escape(old[0])}\b", new[0][1], before, count=1, flags=re.I)
