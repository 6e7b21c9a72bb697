"""Two questions of safety: who must not take a medicine, and whether it is safe.

Who must not take it is asked "who should not take it?", "Who can't use Ozempic?", and
answered "Do not take it if:", "contraindicated in", or of people by what they have or
had: "A person who has had a severe allergic reaction to a flu vaccine should not get that
vaccine again", "Babies younger than 6 months are too young to be vaccinated".

"Is amoxicillin safe?" asks for what the documents conclude of its safety as a whole. A
sentence naming one risk ("Hepatitis is rare with amoxicillin") answers part of it; the
one that judges ("Amoxicillin is generally well tolerated", "Side effects are usually
mild", "no new safety findings", "the benefits outweigh the risks") answers it, and is
the answer's first choice (quotes.choose_quotes; quotes of one passage still read in the
document's order). Asked whether it is safe for someone or in a situation ("is it safe in
pregnancy?", "is that safe?"), the question is another kind.

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
# ... said of people ("A person who had a severe allergy to it should not get it again", "too young to be vaccinated");
# not what such people take instead ("Patients who cannot take tablets should use the solution"), nor how much
PEOPLE_MUST_NOT = (r"\b(people|persons?|anyone|someone|those|patients|children|women|men|adults|babies|infants) "
                   rf"(who|with)\b[^.;:]{{0,150}}?\b(should|must){NOT}\s+{TAKE}\b"
                   r"(?!\s+(a double|an extra|a higher|a larger|higher|larger|too much|two|more|another|extra|part)\b)|"
                   rf"\btoo (young|old) to {TAKE}\b(?!\s+part\b)")

# a medicine, or the form it comes in ("the flu shot", "Eliquis tablets", "the pen")
MEDICINE = (r"medicines?|medications?|drugs?|treatments?|vaccines?|shots?|jabs?|injections?|tablets?|capsules?|pills?|"
            r"pens?|syringes?|vials?")
# the whole question, whatever opens it ("so is it really safe?", "Is Gardasil 9 safe to get?", "how safe is it?",
# "is the flu shot dangerous?"), of the medicine: not of what was said before ("is that safe?"), nor of a dose, a
# finding or a person ("Is an overdose dangerous?", "Is my baby safe?"), nor for anyone, in anything, or beside another
SUBJECT = rf"(it|they|((the|this) )?([a-z][\w-]* )?({MEDICINE})|(?!(that|this|those|these)\b)[a-z][\w-]*( \d+)?)"
_NOT_OF_ANY = r"(?![^?]*\b(for|in|during|with|while|compared|than|versus|vs|as)\b)"
VERDICT_ASKED = re.compile(rf"^\W*((and|so|but|ok(ay)?),?\s+)?(is|are)\s+{SUBJECT}\s+(really\s+|actually\s+)?"
                           r"(generally\s+)?(safe|dangerous)(\s+and\s+effective)?(\s+to\s+(take|use|get|have))?\W*$|"
                           rf"^\W*how (safe|dangerous) (is|are)\b{_NOT_OF_ANY}|\bsafety profile\b{_NOT_OF_ANY}", re.I)
# a judgement of its safety as a whole: not "considered safe in pregnancy" (of one group), "mild to moderate asthma"
# (of an illness), "Infusion-related reactions ... are usually mild" (of one kind), nor "not well tolerated"
VERDICT_HELD = re.compile(r"(?<!not )(?<!n't )\bwell[- ]tolerated\b|"
                          r"\b(generally|considered|very|usually) safe\b(?! (in|for|during|with|to)\b)|"
                          r"\b(is|are|was|were) (generally |very )?safe( and effective)?(?=\s*[.;]|\s*$)|"
                          r"(^|[^\w\s-]\s*|\b(most|the|all|these|common|its|such|any|overall|other|some|many)\s+)"
                          r"(side[- ]effects|adverse (events|reactions|effects)|reactions)\b[^.;]{0,60}?"
                          r"\b(are|were|usually|generally|mostly|typically|often),? (mild|minor)\b|"
                          r"\bsafety profile\b[^.;]{0,60}?\b(is|was|were|remains|remained) (\w+ )?(similar|consistent|"
                          r"comparable|favou?rable|acceptable|reassuring|manageable|good)\b|"
                          r"\b(favou?rable|acceptable|reassuring|manageable|good) safety profile\b|"
                          r"\bno new safety (findings|signals|concerns|issues)\b|"
                          r"\bbenefits? ((?!(not|never|may|might)\b)\w+ ){0,3}outweighs?\b", re.I)
