"""Two questions of safety: who must not take a medicine, and whether it is safe.

Who must not take it is asked "who should not take it?", "Who can't use Ozempic?", and
answered "Do not take it if:", "contraindicated in", or of people by what they have or
had: "A person who has had a severe allergic reaction to a flu vaccine should not get that
vaccine again", "Babies younger than 6 months are too young to be vaccinated".

"Is amoxicillin safe?" asks for what the documents conclude of its safety as a whole. A
sentence naming one risk ("Hepatitis is rare with amoxicillin") answers part of it; the
one that judges ("Amoxicillin is generally well tolerated", "Side effects are usually
mild", "no new safety findings", "the benefits outweigh the risks") answers it, and the
answer opens with it (quotes.choose_quotes). Asked whether it is safe for someone or in a
situation ("is it safe in pregnancy?", "is that safe?"), the question is another kind.

Each is a kind of answer (kinds.ANSWER_KINDS: "contraindication", "verdict"). Word patterns
only, in English; nothing about any one drug.
"""
from __future__ import annotations

import re

# "who should not take it?", "Who can't use Ozempic?", "and who shouldn't?": who opens a clause (not "How
# should patients who cannot swallow tablets take it?"); asking what not to do ("should not", "can't"), taking it
NOT = r"(\s*not|n?['’]?t)\b"
TAKE = r"(take|use|have|get|receive|be (given|used|taken|treated|vaccinated))"
WHO_MUST_NOT = rf"(^|[,;:?.!]\s*)\W*((and|so|but|then|ok(ay)?),?\s+)?who\s+(should|must|can|could){NOT}"
# ... said of people ("A person who had a severe allergy to it should not get it again", "too young to be vaccinated")
# (not how much: "Patients who miss a dose should not take two")
PEOPLE_MUST_NOT = (r"\b(people|persons?|anyone|someone|those|patients|children|women|men|adults|babies|infants) "
                   rf"(who|with)\b[^.;:]{{0,150}}?\b(should|must|can){NOT}\s+{TAKE}\b"
                   r"(?!\s+(a double|an extra|two|more|another|extra)\b)|"
                   rf"\btoo (young|old) to {TAKE}\b")

# the whole question, whatever opens it ("so is it really safe?", "Are vaccines safe to get?", "how safe is it?",
# "is X dangerous?"); not of what was said before ("is that safe?") nor of anyone or anything in particular
VERDICT_ASKED = re.compile(r"^\W*((and|so|but|ok(ay)?),?\s+)?(is|are)\s+(?!(that|this|those|these)\b)([\w-]+\s+){1,3}"
                           r"(really\s+|actually\s+|generally\s+)?(safe|dangerous)(\s+to\s+(take|use|get|have))?\W*$|"
                           r"^\W*how (safe|dangerous) (is|are)\b(?![^?]*\b(for|in|during|with|while)\b)|"
                           r"\bsafety profile\b", re.I)
# a judgement of its safety as a whole: not "considered safe in pregnancy" (of one group), nor "mild to moderate
# asthma" (of an illness), nor "Infusion-related reactions ... are usually mild" (of one kind of side effect)
VERDICT_HELD = re.compile(r"\bwell[- ]tolerated\b|"
                          r"\b(generally|considered|very|usually) safe\b(?! (in|for|during|with|to)\b)|"
                          r"(^|[^\w\s-]\s*|\b(most|the|all|these|common|its|such|any|overall|other|some|many)\s+)"
                          r"(side[- ]effects|adverse (events|reactions|effects)|reactions)\b[^.;]{0,60}?"
                          r"\b(are|were|usually|generally|mostly|typically|often),? (mild|minor)\b|"
                          r"\bsafety profile\b|\bno new safety (findings|signals|concerns|issues)\b|"
                          r"\bbenefits? (\w+ ){0,3}outweighs?\b", re.I)
