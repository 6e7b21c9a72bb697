"""Amounts of a medicine that say which tablets, arm or dose is meant, and ask for none.

"What are the excipients in the 850 mg tablets?", "the rate ratio with 75 mg IV", "weight
loss with semaglutide 2.4 mg in STEP 1" name a strength to say which is meant; "Is 20 mg too
much?", "can I take 3000 mg a day?" and "how many mg should I take?" ask about a dose
(kinds.ANSWER_KINDS). Word patterns only, in English.
"""
from __future__ import annotations

import re

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
