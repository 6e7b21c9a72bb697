"""The course of treatment: a question asking whether a medicine cures, or is taken for life, and a sentence that says.

"does it cure eczema or do I have to be on it forever?", "will I have to take it for the rest of my life?", "is that
permanent?", "can she ever stop?", "what happens if I stop taking it?" ask how long the treatment, or what it does,
lasts. A sentence that says whether it cures, lasts for life or for good, is taken long-term, or what happens when
it is stopped answers; one saying what it treats ("approved for adults with atopic dermatitis") or a trial's result
does not. How long a course of a set length runs ("how long do I take the antibiotic for?") is a time, another kind.
Both patterns are a kind of answer (kinds.ANSWER_KINDS, "course"), which judge checks a quote holds. Word patterns
only, in English.
"""
from __future__ import annotations

import re

# ... not what it cures ("what (or which) infections does it cure?" asks its uses), nor "life-threatening"; "ever
# stop", "stop ... once" better or clear ("can I stop once my skin is clear?"), and what happens if they stop
COURSE_ASKED = re.compile(r"^(?![^?]*\b(what|which)\b[^?]*\bcure)[^?]*\b(cur(e|es|ed|ing)|forever|rest of (my|his|her|"
                          r"their|your|our) li(fe|ves)|for life(?!-)|life-?long|for good|permanent(ly)?)\b|"
                          r"\b(ever|eventually) (stop|come off|quit)\b|"
                          r"\bstop\b[^?.]{0,30}\bonce\b[^?.]{0,30}\b(better|well|clear\w*|gone|heal\w*|under control|"
                          r"normal|fine|remission)\b|"
                          r"\bwhat (happens|will happen|would happen) (if|when|after|once) (i|you|we|he|she|they) "
                          r"(stop|quit|come off)\b", re.I)
# ... held by a sentence saying it cures, or lasts for life, for good, or long; whether it wears off or goes away; or
# what follows stopping it ("Stopping too early may allow the infection to return", "bleeding follows discontinuation",
# "regained weight"; not "Permanently discontinue X for Grade 4 reactions", "relapse-free survival")
COURSE_HELD = re.compile(r"\b(cur(e|es|ed|ing)|curative|rest of (your|their|his|her|my) li(fe|ves)|for life(?!-)|"
                         r"life-?long|permanent(ly)?(?! (discontinu|stop))|irreversibl[ey]|reversible|indefinitely|"
                         r"for as long as|long[- ]term (treatment|use|therapy|control)|"
                         r"(continue|keep) (taking|treatment)|"
                         r"(if|when|after|once) (you|they|patients|people|treatment is|it is|\w+ is) "
                         r"(stop|stopped|stopping|discontinu\w*)|stopping( \w+)? (too early|early|suddenly|abruptly)|"
                         r"full course|relapse(s|d)?(?!-)|(comes?|came) back|(may|can|could|will) return|"
                         r"go(es)? away|wan(es|ed|ing)|(follows?|after|on|upon) (stopping|discontinu\w*|withdraw\w*|"
                         r"cessation)|regain\w*)\b", re.I)
