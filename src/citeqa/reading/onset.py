"""Onset: a question asking how soon a medicine's effect begins, and a sentence that says it.

"how long does it take for Fasenra to start working?" asks when an effect begins. A
sentence that gives a time but not the time to an effect does not answer it: "The
elimination half-life was about 15.5 days" is how long the drug stays, "a run-in period
of 1 to 6 weeks" how long a trial waited. One that answers says the span with a word of
reaching it ("It takes about 2 weeks for protection to build", "beginning within the first
days", "several weeks of treatment before improving"), or how fast ("rapid improvements in
itch"). How long something lasts ("how long does the protection last?"), or how long to
wait between two acts ("how long after my tablet can I drink coffee?"), is another
question. Both patterns are a kind of answer (kinds.ANSWER_KINDS, "onset"), which judge
checks a quote holds. Word patterns only, in English; nothing about any one drug.
"""
from __future__ import annotations

import re

# ... how soon, how fast, how long (or how many weeks) before or until, or how long it takes, for the medicine to
# work, help or be felt ("how quickly does it kick in?", "how many weeks until it starts working?", "when will I see
# results?", "how long does the injection usually take to work?", "what is the onset of action?"); not how long
# something lasts ("how long does the pen last?"; "last week" is no lasting), nor when to do something ("how soon
# after surgery can I take it?", "how many days before can I eat?", "when should I take it for it to work best?"),
# nor when it is available, approved or paid for, or wears off ("when will a better version be out?")
EFFECT = (r"work|works|working|kick in|kicks in|take effect|takes effect|help|helps|helping|improve|improves|better|"
          r"notice|difference|(see|notice|get|feel) (any |the |a )?(results?|improvements?|benefits?)|"
          r"start (to )?los\w+|protect\w*")
_NOT_WHEN = (r"(?!(i|you|we|he|she) (take|use|have|give|inject|get)\b)"  # when to take it
             r"(?![^?]*\b(available|approved|licen[cs]ed|released|(be|come) out|patent|expire\w*|wears? off|"
             r"stop (working|helping)|pay\w*|paid)\b)")
ONSET_ASKED = re.compile(r"^(?![^?]*\b(last(?!\s+(week|night|month|year|time|dose|few))|lasts|lasted|stay|stays)\b)"
                         r"(?![^?]*\bhow (soon|long|many \w+) (after|before)\b[^?]*\b(can|should|must|do) "
                         r"(i|you|we|he|she) (take|have|use|start|eat|drink|give|get|inject)\b)"
                         r"[^?]*?(\bhow (soon|quickly|fast)\b|"
                         r"\bhow (long|many (minutes|hours|days|weeks|months)) ((do|does|did|will|would|can|should)"
                         rf"( \w+){{1,3}} take|before|until|till)\b|\bwhen (will|does|do|should|can) {_NOT_WHEN})"
                         rf"[^?]{{0,60}}?\b({EFFECT})\b|"
                         r"\bonset( of (action|effect))?\b", re.I)
_COUNT = (r"(\d+([.,]\d+)?|half an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several|a|an|"
          r"the first( few)?)")
# (not an age: "from 6 months of age", "2 weeks old", "6 years and older"; nor years, how long a study followed people)
_UNIT = r"(minutes?|hours?|days?|weeks?|months?)\b"
_SPAN = (rf"{_COUNT}(\s*(to|-|–|or|and)\s*{_COUNT})?[\s-]*{_UNIT}"
         r"(?![\s-]+(of age|old|and (older|over))\b)")
_IMPROVES = r"(improv|reliev|relief|respon|feel|work|notic|benefit)\w*"
# ... held by a span with a word of reaching it: "within 24 hours", "by week 16", "It takes about 2 weeks", "as early
# as 2 weeks", "within hours", "you should start to feel better in 2 to 3 days", "the effect develops over two to
# six weeks", "from week 2", "2 days after the first dose", "several weeks of treatment before improving"; or by a
# word of speed said of the effect: "rapid improvements in itch scores"
_HELD = re.compile(rf"\b(within|after|by|takes?|took|taking|as (early|soon) as|in (as little as|the first)|"
                   rf"(begin\w*|began|start\w*|develop\w*|{_IMPROVES})( \w+){{0,3}}? (in|over)|"
                   rf"onset( of action)?( is| was)?)\s+"
                   rf"((about|around|approximately|roughly|up to|at least|at most|only|just|usually|typically|"
                   rf"some|over|under|less than|more than|the)\s+)*({_SPAN}|{_UNIT})|"
                   rf"\b(from|by) (week|day|month) \d+\b(?!\s*(to|through|until)\b|\s*[-–])|"
                   rf"\b{_SPAN} after (the first (dose|injection|infusion|vaccination)|starting)\b|"
                   rf"\b{_SPAN}[^.;]{{0,30}}?\bbefore {_IMPROVES}|"
                   rf"\b(rapid(ly)?|quick(ly)?) {_IMPROVES}|\b{_IMPROVES} (rapidly|quickly)\b", re.I)
# ... not in a sentence on how the body handles the drug ("peak concentrations are reached within 2 hours", "After
# 16 weeks, steady state is reached"), nor in an instruction ("use within 14 days of opening", "must be used within 28
# days"), nor in one on when symptoms, side effects or reactions begin, unless they improve ("Withdrawal symptoms
# usually start within a few days"); sought sentence by sentence, so such a sentence holds no other back
_SENTENCES = re.compile(r"[.;:](?=\s|$)\s*|\n\s*")  # (not "15.5 days")
_NOT_ONSET = re.compile(r"\b(concentrations?|half-life|steady[- ]state|plasma|absorption|bioavailab\w*)\b|"
                        r"\b(use|used|discard\w*|stor\w*|throw away)\b(\s+\w+){0,3}?\s+(within|after|by)\b|"
                        rf"^(?![^.]*\b{_IMPROVES})[^.]*\b(symptoms?|side effects?|reactions?|events?|rash\w*)\b"
                        r"(\s+\w+){0,3}?\s+(start|begin|appear|occur|develop)\w*", re.I)


# how often a dose is given, which says nothing of how soon a drug works ("every two weeks")
FREQUENCY = re.compile(r"\bevery (other |\d+ |one |two |three |four |six |eight )?"
                       r"(minutes?|hours?|days?|weeks?|months?)\b", re.I)


class OnsetHeld:
    """ONSET_HELD: searched as a pattern is, sentence by sentence (a match's offsets are its sentence's)."""

    @staticmethod
    def search(text: str) -> re.Match | None:
        return next((m for sentence in _SENTENCES.split(text)
                     if not _NOT_ONSET.search(sentence) and (m := _HELD.search(sentence))), None)


ONSET_HELD = OnsetHeld()
