"""Questions that ask how to do something, and the headings that answer them.

"How do I take it?", "how should I store my pens?", "how is it given?" ask for
instructions, and leaflets and labels put instructions under a heading that names the
act: "How to take Metformin tablets", "How should I store HUMIRA?", "How Xolair is given".
The act is the one word such a heading is about, and a question asks about it when it asks
how someone does something (MANNER) and says that act. Word patterns only, in English; nothing about any one drug or document.
"""
from __future__ import annotations

import re

from ..language.text import stem

# "how" asking how someone does something, and the act: how to do it, how a person does it, or how it is
# done ("how do I take it", "how to take the tablets", "how is it given", "how should my pens be stored"; not
# "how does it work?", which asks what the drug does, nor "how much", "how long", "how well")
PERSON = r"(?:i|you|we|one|he|she|people|patients?|(?:my|your|our|his|her)\s+[\w-]+)"
MANNER = re.compile(rf"\bhow\s+(?:to|(?:do|does|did|should|shall|can|could|would|will|must|am)\s+{PERSON}(?:\s+\w+ly)?(?:\s+be\b)?|"
                    r"(?:is|are|was|were|should|must|can|will)\s+(?:(?!be\b)[\w-]+\s+){0,3}?(?:be\s+)?(?=\w+(?:ed|en|wn)\b))"
                    r"\s*\b(?P<act>[a-z]+)\b", re.I)
# a heading over instructions, and its act: "3. How to take Metformin tablets", "How should I store
# HUMIRA?", "How do I use the pen?", "How is Xolair given?", "How Xolair is given"
INSTRUCTION_HEADING = re.compile(
    rf"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?how\s+(?:to|(?:do|does|should|can|must|will|shall)\s+(?:{PERSON}|it|they)(?:\s+be)?|"
    rf"(?:is|are)\s+[\w®™-]+|[\w®™-]+\s+(?:is|are))\s+(?P<act>[a-z]+)\b", re.I)
# a label's sections named by the act they give instructions for, and the verbs that ask for it
ACT_NOUNS = {"administration": ("administ", "give", "take", "use", "inject"), "storage": ("store", "keep", "kept")}
ACT_NOUN = re.compile(r"\b(administration|storage)\b", re.I)
# a heading that sets a circumstance: "If you forget to take Eliquis", "When you stop", "In case of overdose"
CIRCUMSTANCE = re.compile(r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?(?:if|when|unless|in case)\b", re.I)
PARTICIPLE_ENDS = ("n", "en")  # "given" of give, "taken" of take, "eaten" of eat (the stemmer keeps them)


def asked_acts(question: str) -> frozenset[str]:
    """The stems of the acts a question asks how to do ("how do I take atorvastatin?":
    take; "how is it given?": given); none for any other question."""
    return frozenset(stem(m.group("act").lower()) for m in MANNER.finditer(question))


def instruction_acts(heading: str) -> tuple[str, ...]:
    """The stems of the acts a heading gives instructions for: the one a "how" heading
    names ("How to take Metformin tablets": take), or those a label's section is named by
    ("2.4 Administration": how it is given, taken, used, injected); else none."""
    m = INSTRUCTION_HEADING.match(heading)
    if m:
        return (stem(m.group("act").lower()),)
    return tuple(dict.fromkeys(a for noun in ACT_NOUN.findall(heading) for a in ACT_NOUNS[noun.lower()]))


def circumstance(heading: str) -> bool:
    """Whether a heading narrows what is under it to a circumstance ("If you forget to take it")."""
    return bool(CIRCUMSTANCE.match(heading))


def names_act(acts: frozenset[str], act: str) -> bool:
    """Whether a question's words (asked_acts) say the act, as it is or as its participle
    ("how is it given?" says give; "how do I give it?", given)."""
    return any(w == act or (w.startswith(act) and w[len(act):] in PARTICIPLE_ENDS)
               or (act.startswith(w) and act[len(w):] in PARTICIPLE_ENDS) for w in acts)
