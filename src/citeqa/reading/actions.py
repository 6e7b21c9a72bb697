"""What to do: a question asking what someone should do, and a sentence that tells them.

"what should I do if I took too many tablets?", "what do we do if she has a reaction after leaving the clinic?",
"what steps should I take?" ask for an action. A sentence that tells the reader what to do answers: it opens,
or its clause after an "if ...," opens, with a verb telling them ("Tell your doctor straight away", "If this
happens, stop taking the tablets and ask your doctor"), or says who should do what ("People who are ill should
wait until they recover"). One that says what happens ("Too much raises the risk of bleeding") does not. Both
patterns are a kind of answer (kinds.ANSWER_KINDS, "action"): passages and sentences that tell move up. Word
patterns only, in English.
"""
from __future__ import annotations

import re

from .lay_words import ADULT_KIN

# who is asked about: the asker, or one of theirs ("my dad"; not "what does my body do with it?")
KIN = rf"{ADULT_KIN}|partner|son|daughter|child|children|kids?|baby|family|patients?"
PERSON = rf"(i|we|you|he|she|they|one|(my|his|her|our|their|your) ({KIN}))"
# a health professional, as a leaflet names one ("your doctor", "a pharmacist"; kinds.STANDING_ADVICE refers to one)
PROFESSIONAL = (r"(?:your |a |the )?(?:doctor|pharmacist|nurse|physician|prescriber|"
                r"health ?care (?:provider|professional)|health professional)")
ACTION_ASKED = re.compile(rf"\bwhat (else )?(should|do|does|can|must|shall|would) {PERSON} ((\w+ly|need to|have to) )?"
                          r"do\b|\b(anything|something) (else )?(i|we|you|he|she|they) (can|could|should) do\b|"
                          r"\bwhat ((is|'s|are) )?(the )?(best |right )?(thing|things|steps?|actions?) to (do|take)\b|"
                          rf"\bwhat (steps|actions?) (should|do|must|can) {PERSON} take\b|\bwhat to do\b", re.I)
# verbs that tell someone what to do, as a sentence or a clause opens with them: to get help, stop, wait or ask;
# not to take, keep or use it, which a leaflet says in every section (a kind held by every passage tells none apart),
# nor to see a section or get well ("See section 4", "Get the most from your treatment")
HELP = rf"({PROFESSIONAL}|(a |your |the )?(nearest )?(gp|specialist|hospital|emergency|a&e|medical|urgent|immediate))"
TELLING = (r"tell|contact|call|phone|ring|ask|seek|stop|talk|speak|consult|inform|wait|sit|lie|rinse|wash|bring|"
           rf"report|discontinue|withhold|interrupt|advise|instruct|see {HELP}|get {HELP}|go (straight )?to {HELP}")
OPENS = r"(^|[.!?:;•]\s+|\n\s*|^\W*if\b[^,.;]{1,160},\s*|\b(then|and)\s+)"
LEAD = r"((please|also|always|first|immediately|promptly|do not|don't|never)\s+)*"
ACTION_HELD = re.compile(rf"{OPENS}{LEAD}({TELLING})(?![\w-])|"
                         r"\b(should|must|need to|needs to|have to|has to)\s+(\w+ly\s+)?(contact|call|seek|tell|ask|"
                         rf"stop|wait|talk|speak|consult|report|avoid|see {HELP}|get {HELP}|go to {HELP}|"
                         r"be (stopped|discontinued|withheld|interrupted))(?![\w-])", re.I)
