"""Questions that ask how to do something, and the headings that answer them.

"How do I take it?", "how should I store my pens?", "how is it given?", "when should I take
it?" ask for instructions, and leaflets and labels put instructions under a heading that names the
act: "How to take Metformin tablets", "How should I store HUMIRA?", "How Xolair is given".
The act is the one verb such a heading is about, and a question asks about it when it asks
how (or when) someone does something (MANNER) and says that verb. Word patterns only, in English;
nothing about any one drug or document.
"""
from __future__ import annotations

import re

from ..language.text import stem

# past participles not made with -ed, each with its verb (a closed class of English): "how should it be kept?"
IRREGULAR = {"given": "give", "taken": "take", "kept": "keep", "made": "make", "done": "do", "held": "hold",
             "put": "put", "left": "leave", "frozen": "freeze", "shown": "show", "drawn": "draw", "eaten": "eat",
             "written": "write", "chosen": "choose", "worn": "wear", "stuck": "stick", "sent": "send",
             "brought": "bring"}
PARTICIPLE = rf"(?:\w+ed|{'|'.join(IRREGULAR)})"
# "how" asking how someone does something, and the act: how to do it, how a person does it, or how it is
# done ("how do I take it", "how to take the tablets", "how is it given", "how should my pens be stored"; not
# "how does it work?", which asks what the drug does, nor "how much", "how long", "how well"); or when in
# the day a person does it, which instructions say too ("when should I take it", "what time of day do I
# inject it", "the best time to take it", "when should it be taken?"; not "when was it approved?", when it was done,
# nor "when should it be used?", which asks what it is for)
PERSON = r"(?:i|you|we|one|he|she|people|patients?|(?:my|your|our|his|her)\s+[\w-]+)"
WHEN_IN_DAY = r"when|(?:(?:at\s+)?what|the\s+(?:best|right)|a\s+good)\s+times?(?:\s+of\s+(?:the\s+)?day)?"
MANNER = re.compile(rf"\b(?:how|{WHEN_IN_DAY})\s+(?:to|(?:do|does|did|should|shall|can|could|would|will|must|am)"
                    rf"\s+{PERSON})(?:\s+\w+ly)?\s+(?:be\s+(?P<made>{PARTICIPLE})|(?P<act>(?!not\b|never\b)[a-z]+))\b|"
                    r"\b(?:how\s+(?:is|are|was|were|should|must|can|will)\s+(?:(?!be\b)[\w-]+\s+){0,3}?(?:be\s+)?|"
                    r"when\s+(?:should|must|can)\s+(?:(?!be\b)[\w-]+\s+){0,3}?be\s+"
                    r"(?!(?:used|indicated|approved|prescribed|expected|recommended)\b))"
                    rf"(?P<done>{PARTICIPLE})\b", re.I)
# a heading over instructions, and its act: "3. How to take Metformin tablets", "How should I store
# HUMIRA?", "How do I use the pen?", "How should it be stored?", "How is Xolair given?", "How Xolair is given"
NUMBER = r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?"
INSTRUCTION_HEADING = re.compile(
    rf"{NUMBER}how\s+(?:(?:to|(?:do|does|should|can|must|will|shall)\s+{PERSON})\s+(?P<act>[a-z]+)\b|"
    rf"(?:(?:should|must|can|will)\s+(?:it|they)\s+be|(?:is|are)\s+[\w®™-]+|[\w®™-]+\s+(?:is|are))"
    rf"\s+(?P<done>{PARTICIPLE})\b)", re.I)
# a label's sections named by the act they give instructions for ("2 DOSAGE AND ADMINISTRATION", "2.4 General
# Administration Instructions", "16 HOW SUPPLIED/STORAGE AND HANDLING"; not "Drug Administration approval",
# "Co-administration with ...", "Glycogen storage disease"), and the verbs that ask for each
ACT_NOUNS = {"administration": ("administer", "give", "take", "use", "inject"), "storage": ("store", "keep")}
ACT_NOUN = re.compile(rf"{NUMBER}(?:how supplied\s*/\s*)?(?:(?:dosage|dosing|method|route|general|important)\s+"
                      r"(?:and\s+|of\s+)?)*(administration|storage)\b(?!-)", re.I)
# a heading that sets a circumstance: "If you forget to take Eliquis", "When you stop", "In case of overdose"
# (not "When to take it", which says when)
CIRCUMSTANCE = re.compile(rf"{NUMBER}(?:if|when|unless|in case)\b(?!\s+to\b)", re.I)


def _verb(m: re.Match) -> str:
    """The stem of a match's act: its verb, or the verb of its participle ("given": give)."""
    done = m.groupdict().get("made") or m.group("done")
    word = (IRREGULAR.get(done.lower(), done) if done else m.group("act")).lower()
    return stem(word)


def asked_acts(question: str) -> frozenset[str]:
    """The stems of the acts a question asks how to do ("how do I take atorvastatin?":
    take; "how is it given?": give); none for any other question."""
    return frozenset(_verb(m) for m in MANNER.finditer(question))


def instruction_acts(heading: str) -> tuple[str, ...]:
    """The stems of the acts a heading gives instructions for: the one a "how" heading
    names ("How to take Metformin tablets": take), or those a label's section is named by
    ("2.4 Administration": how it is given, taken, used, injected); else none."""
    m = INSTRUCTION_HEADING.match(heading)
    if m:
        return (_verb(m),)
    noun = ACT_NOUN.match(heading)
    return tuple(stem(v) for v in ACT_NOUNS[noun.group(1).lower()]) if noun else ()


def circumstance(heading: str) -> bool:
    """Whether a heading narrows what is under it to a circumstance ("If you forget to take it")."""
    return bool(CIRCUMSTANCE.match(heading))
