"""The course of treatment: a question asking whether a medicine cures, or is taken for life, and a sentence that says.

"does it cure eczema or do I have to be on it forever?", "will I have to take it for the rest of my life?", "is that
permanent?", "can she ever stop?" ask how long the treatment, or what it does, lasts. A sentence that says whether
it cures, lasts for life or for good, is taken long-term, or what happens when it is stopped answers; one saying
what it treats ("approved for adults with atopic dermatitis") or a trial's result does not. How long a course of a
set length runs ("how long do I take the antibiotic for?") is a time, another kind. Both patterns are a kind of
answer (kinds.ANSWER_KINDS, "course"), which judge checks a quote holds. Word patterns only, in English.
"""
from __future__ import annotations

import re

# ... not what it cures ("what does amoxicillin cure?" asks its uses); "ever stop" and "stop once" of the medicine
# itself (not "can I stop my inhaler?")
COURSE_ASKED = re.compile(r"^(?![^?]*\bwhat\b[^?]*\bcure)[^?]*\b(cur(e|es|ed|ing)|forever|rest of (my|his|her|their|"
                          r"your|our) li(fe|ves)|for life|life-?long|for good|permanent(ly)?|indefinitely)\b|"
                          r"\b(ever|eventually) (stop|come off|quit)\b|\bstop (taking |using )?(it|them|\w+)? ?once\b",
                          re.I)
# ... held by a sentence saying it cures, or lasts for life, for good, or long; or what follows stopping it
COURSE_HELD = re.compile(r"\b(cur(e|es|ed|ing)|curative|rest of (your|their|his|her|my) li(fe|ves)|for life|"
                         r"life-?long|permanent(ly)?|irreversibl[ey]|indefinitely|for as long as|"
                         r"long[- ]term (treatment|use|therapy|control)|(continue|keep) (taking|using|treatment|on)|"
                         r"(if|when|after|once) (you|they|patients|people|treatment is|it is|\w+ is) "
                         r"(stop|stopped|stopping|discontinu\w*)|relapse\w*|come back|wan(es|ed|ing))\b", re.I)
