"""A question asking what else a drug is called, and a sentence that says it.

"What is the generic name of Humira?", "what's Ozempic's active ingredient?", "what brand
names is metformin sold under?" ask for the drug's other name. The documents say it where
they name the drug both ways in one sentence ("HUMIRA (adalimumab) injection", "Ozempic
contains the active substance semaglutide", "Sertraline, sold under the brand name
Zoloft"), and which names are the same drug's is learned from the documents
(index/entities.py). The words of such a question ("generic", "brand", "name") are seldom in
the sentence that answers it, so without this a question the documents answer was declined,
or answered with a chemical name. The question must name the drug or call it "it": "what
other names are there for feeling sick?" asks no drug's name. Word patterns only, in English;
nothing about any one drug.
"""
from __future__ import annotations

import re
from functools import lru_cache

# what else a drug is called: its generic, brand or trade name(s), its active ingredient; not a chemical
# name ("what is its chemical name?") nor a trial's ("what was the name of the trial?")
OTHER_NAME_ASKED = re.compile(
    r"\b(generic|brand|trade|proprietary|non-?proprietary|other|alternative|commercial|marketed|official)[- ]"
    r"names?\b|\bactive (ingredient|substance|drug)s?\b|\b(also|otherwise) (known|called|sold|marketed) as\b|"
    r"\bwhat (else )?(is|are) (it|they|this|[\w-]+) (also |otherwise )?(called|sold as|marketed as)\b|"
    r"\b(sold|marketed) under what\b|\bwhat(?:['’]s| is) (it|[\w-]+) sold (as|under)\b|\bthe generic (of|for)\b",
    re.I)
CALLED_IT = re.compile(r"\b(it|its|it's|this|that|they|them|their|these|those)\b", re.I)
# a sentence (or a table's fact) saying what a drug is called: "Generic Name: Dupilumab", "The active substance is
# semaglutide", "also known as Ozempic" (a name after it: not "is called a GLP-1 agonist")
SAYS_NAME = re.compile(r"\bnames?\s*[:\n]|\b(brand|generic|trade|proprietary) names?\b|"
                       r"\bactive (substance|ingredient)\b|"
                       r"\b(known as|called|(sold|marketed) (as|under))\s+(the )?(?-i:[A-Z])", re.I)


def asks_other_name(question: str, names_drug: bool) -> bool:
    """Whether a question asks what else a drug is called (OTHER_NAME_ASKED), naming the drug
    (`names_drug`: the reader found one in it) or calling it "it"."""
    return bool(OTHER_NAME_ASKED.search(question)) and (names_drug or bool(CALLED_IT.search(question)))


@lru_cache(maxsize=1024)
def _name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I)


def says_other_name(text: str, names: list[str]) -> bool:
    """Whether a sentence says what else a drug is called (names: one drug's, as written): it
    names the drug by two of its names, neither a part of the other ("metformin" in "metformin
    hydrochloride" is one name), or by one and says it is a name ("Generic Name: Dupilumab")."""
    found = [n for n in names if _name_pattern(n).search(text)]
    whole = {n.lower() for n in found if not any(n.lower() != m.lower() and n.lower() in m.lower() for m in found)}
    return len(whole) >= 2 or (len(whole) == 1 and bool(SAYS_NAME.search(text)))
