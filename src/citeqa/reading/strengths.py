"""Amounts of a medicine that say which tablets, arm or dose is meant, and ask for none.

"What are the excipients in the 850 mg tablets?", "the rate ratio with 75 mg IV", "weight
loss with semaglutide 2.4 mg in STEP 1" name a strength to say which is meant; "Is 20 mg too
much?", "can I take 3000 mg a day?" and "how many mg should I take?" ask about a dose
(kinds.ANSWER_KINDS). A strength the asker says they take asks for none either ("I'm 12 weeks
pregnant and on zoloft 50mg, is it safe for the baby?"): it sets the scene. Word patterns only, in English.
"""
from __future__ import annotations

import re

from ..language.text import amounts

# what a strength names: "the 850 mg tablets", "500 mg and 850 mg tablets", "the 2.5 mg/0.5 mL pen", "the 10 mg
# film-coated tablets", "75 mg IV", "the 15 mg arm" (not "20 mg of the tablets")
STRENGTH_OF = (r"(\s*(and|or|,)\s*[\d.]+\s*-?(mg|mcg))*(\s*/\s*[\d.]+\s*ml)?"
               r"([\s-]+(?!(of|the|a|an|in|on|per|to|and|or|for)\b)[a-z]+){0,2}?"
               r"[\s-]+(tablets?|capsules?|pens?|syringes?|injections?|vials?|iv|sc|arms?|groups?)\b")
# ... or a strength after what it is of, or whom it was given: "with 75 mg", "on tirzepatide 5 mg", "of the 2.5 mg
# dose" (not "take 3000 mg", "up to 100 mg", "what about 0.5 mg?", "can I stay on 5 mg?", "at 10 mg?")
NAMED_STRENGTH = re.compile(r"\b((with|of|in|versus|vs\.?|and)\s+(the\s+)?([a-z][\w-]*\s+)?|"
                            r"(on|at|for|from)\s+(the\s+)?(?!the\b)[a-z][\w-]*\s+)"
                            r"\d+(\.\d+)?\s*-?(mg|mcg|milligrams?|micrograms?)\b", re.I)

# a clause in which the asker says what is so ("I'm on Eliquis 5mg twice a day", "His GP put him on metformin 500 mg"),
# and one that points back at it, "that" or "this" judged ("is that too much?", "is this ok?"; not "is this medicine
# safe?", "is it true that..."), or asks for a dose ("is that the right dose?")
CLAUSE = re.compile(r"(?:[^,.;!?]|[.,](?=\d))+[,.;!?]*")  # (not "2.5 mg", "1,000 mg")
STATES = re.compile(r"^\W*(?:i|i['’]m|im|i['’]ve|ive|i['’]d|we|we['’]re|he|he['’]s|she|she['’]s|they|"
                    r"they['’]re|my|our|his|her|their)\b", re.I)
POINTS_BACK = re.compile(r"\b(that|this)(\s+(dose|amount|strength))?\s*(\?|$|(is|was|too|ok|okay|enough|right|safe|"
                         r"high|low|normal)\b)", re.I)


def asked_amounts(question: str, asks_dose) -> set[tuple[float, str]]:
    """The amounts of a medicine a question asks about (text.amounts): not those of a clause saying
    what the asker or their family takes, unless a clause that asks points back at it or asks for a
    dose (`asks_dose`: whether a text does)."""
    clauses = [m.group(0) for m in CLAUSE.finditer(question)]
    stated = [c for c in clauses if STATES.match(c) and not c.rstrip().endswith("?")]
    asking = " ".join(c for c in clauses if c not in stated)
    if not stated or not asking.strip() or POINTS_BACK.search(asking) or asks_dose(asking):
        return amounts(question)  # (nothing said apart from what is asked: all of it is asked)
    return amounts(asking)
