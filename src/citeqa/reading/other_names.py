"""A question asking what else a drug is called, and a sentence that says it.

"What is the generic name of Humira?", "what's Ozempic's active ingredient?", "what brand
names is metformin sold under?" ask for the drug's other name. The documents say it where
they name the drug both ways in one sentence ("HUMIRA (adalimumab) injection", "Ozempic
contains the active substance semaglutide", "Sertraline, sold under the brand name
Zoloft"), and which names are the same drug's is learned from the documents
(index/entities.py). The words of such a question ("generic", "brand", "name") are seldom in
the sentence that answers it, so without this a question the documents answer was declined,
or answered with a chemical name. Word patterns only, in English; nothing about any one drug.
"""
from __future__ import annotations

import re

# what else a drug is called: its generic, brand or trade name(s), its active ingredient; not a chemical
# name ("what is its chemical name?") nor the name of anything else ("what was the trial's name?")
OTHER_NAME_ASKED = re.compile(
    r"\b(generic|brand|trade|proprietary|non-?proprietary|other|alternative|commercial|marketed|official)[- ]"
    r"names?\b|\bactive (ingredient|substance|drug)s?\b|\b(also|otherwise) (known|called|sold|marketed) as\b|"
    r"\bwhat (else )?(is|are) (it|they|this|[\w-]+) (also |otherwise )?(called|sold as|marketed as)\b|"
    r"\b(sold|marketed) under what\b|\bwhat (is|'s) (it|[\w-]+) sold (as|under)\b", re.I)


def asks_other_name(question: str) -> bool:
    """Whether a question asks what else a drug is called (OTHER_NAME_ASKED)."""
    return bool(OTHER_NAME_ASKED.search(question))


# a sentence (or a table's fact) saying what a drug is called: "Generic Name: Dupilumab", "also known as ..."
SAYS_NAME = re.compile(r"\b(names?|called|known as)\b", re.I)


def says_other_name(text: str, names: list[str]) -> bool:
    """Whether a sentence says what else a drug is called (names: one drug's, as written): it
    names the drug by two of its names, neither a part of the other ("metformin" in "metformin
    hydrochloride" is one name), or by one and says it is a name ("Generic Name: Dupilumab")."""
    found = [n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text, re.I)]
    whole = {n.lower() for n in found if not any(n.lower() != m.lower() and n.lower() in m.lower() for m in found)}
    return len(whole) >= 2 or (len(whole) == 1 and bool(SAYS_NAME.search(text)))
