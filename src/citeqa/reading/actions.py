"""What to do: a question asking what someone should do, and a sentence that tells them.

"what should I do if I took too many tablets?", "what do we do if she has a reaction after leaving the clinic?",
"what to do if I miss a dose?" ask for an action. A sentence that tells the reader what to do answers: it opens,
or its clause after an "if ...," opens, with a verb telling them ("Tell your doctor straight away", "If this
happens, stop taking the tablets and ask your doctor"), or says who should do what ("People who are ill should
wait until they recover"). One that says what happens ("Too much raises the risk of bleeding") does not. Both
patterns are a kind of answer (kinds.ANSWER_KINDS, "action"): passages and sentences that tell move up. Word
patterns only, in English.
"""
from __future__ import annotations

import re

PERSON = r"(i|we|you|he|she|they|one|(my|his|her|our|their|your) [\w-]+)"
ACTION_ASKED = re.compile(rf"\bwhat (should|do|does|can|must|shall|would) {PERSON} (\w+ly )?do\b|"
                          r"\bwhat (is|'s|are) (the )?(best |right )?(thing|things|steps?|action) to (do|take)\b|"
                          r"\bwhat to do\b", re.I)
# verbs that tell someone what to do, as a sentence or a clause opens with them: to get help, stop, wait or ask;
# not to take, keep or use it, which a leaflet says in every section (a kind held by every passage tells none apart)
TELLING = (r"tell|contact|call|phone|ring|ask|see|seek|get|go|stop|talk|speak|consult|inform|wait|sit|lie|rinse|wash|"
           r"bring|report")
OPENS = r"(^|[.!?:;•]\s+|\n\s*|^\W*if\b[^,.;]{1,160},\s*|\b(then|and|or)\s+)"
ACTION_HELD = re.compile(rf"{OPENS}(please\s+)?({TELLING})\b|"
                         r"\b(should|must|need to|needs to|have to|has to)\s+(\w+ly\s+)?(contact|call|seek|tell|ask|"
                         r"see|stop|go|get|wait|talk|speak|consult|report|avoid)\b", re.I)
