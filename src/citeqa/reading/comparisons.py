"""Comparisons: a question weighing one treatment against another, and a sentence that weighs them.

A question comparing a drug the documents are about with one they mention only in passing
("is omalizumab better than dupilumab?") is answered only by a sentence with a clause that
names both (the first by name or as "it") and weighs one against the other ("tirzepatide
produced greater weight loss than semaglutide", "it differs from ampicillin"), or speaks of
moving from one to the other ("Changing from Eliquis to warfarin: ..."). Word patterns
only, in English; nothing about any one drug.
"""
from __future__ import annotations

import re

from .vocabulary import drug_like
from ..language.text import names_pattern

# a question weighing one treatment against another
COMPARES = re.compile(r"\b((better|worse|stronger|weaker|safer|more effective|less effective|superior|inferior|"
                      r"faster|slower) (than|to)|compared? (with|to)|comparison (with|to|of|between)|"
                      r"differences? (between|from)|different from|differs? from|advantages? (over|of)|instead of|"
                      r"compar(e|es|ed|ing|ison)|versus|vs\.?|switch(es|ed|ing)? (from|to))\b", re.I)
# ... and a clause weighing one against another: "greater weight loss than semaglutide", "whereas atezolizumab
# binds PD-L1", "7% on nivolumab against 55% on docetaxel", "it differs from ampicillin", "broadly similar"
WEIGHING = re.compile(r"\b(than|whereas|unlike|against|versus|vs|compar(e|ed|es|ing|able|ison|isons)|"
                      r"differ(s|ed|ent|ence)?|similar(ly)?|same|alike|head-to-head)\b", re.I)
# moving from one to the other: asked about (question) or spoken of (sentence: "Changing from warfarin to Eliquis:")
MOVING = re.compile(r"\b(switch(es|ed|ing)?|chang(e|es|ed|ing)|swapp?(ed|ing)?|mov(e|es|ed|ing)) (from|to|over)\b",
                    re.I)
IT = re.compile(r"\b(it|its)\b", re.I)  # the drug a document is about, as it calls it


def weighs(sentence: str, other: tuple[str, ...], own: tuple[str, ...], question: str = "") -> bool:
    """Whether a clause of the sentence names the drug mentioned in passing (by any of `other`)
    and the drug asked about (by any of `own`, or as "it"), and weighs one against the other
    (or, for a `question` about moving from one to the other, speaks of that move)."""
    others, owns = names_pattern(other), names_pattern(own) if own else IT
    weighing = [WEIGHING] + ([MOVING] if MOVING.search(question) else [])
    return any(any(w.search(clause) for w in weighing) and others.search(clause)
               and (IT.search(clause) or owns.search(clause))
               for clause in re.split(r"[;:]", sentence))


def alternatives(question: str, known) -> set[str]:
    """Names offered as a choice beside one the documents hold (`known(word)`: whether they do): "an IgG1 or
    an IgG4 antibody?" can be answered with the one they hold. Never a drug: "Is dupilumab or tralokinumab
    better?" asks about tralokinumab."""
    out = set()
    for m in re.finditer(r"([\w-]+)\s+or\s+(?:an?\s+|the\s+)?([\w-]+)", question):
        a, b = m.group(1), m.group(2)
        held = [known(a), known(b)]
        for offered, beside in ((b, held[0] and not held[1]), (a, held[1] and not held[0])):
            if beside and not drug_like(offered.lower()):
                out.add(offered.lower())
    return out
