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

# ... how soon, how fast, how long before or until, or how long it takes, for the medicine to work, help or be
# felt ("how quickly does it kick in?", "how long until I notice a difference?", "how soon will I know if it's
# working?"); not how long something lasts or is kept ("how long does the pen last?")
ONSET_ASKED = re.compile(r"^(?![^?]*\b(last|lasts|lasted|stay|stays|kept|keep)\b)[^?]*?"
                         r"(\bhow (soon|quickly|fast)\b|\bhow long (does it take|will it take|did it take|do(es)? \w+ "
                         r"take|before|until|till)\b|\bwhen (will|does|do) )"
                         r"[^?]{0,60}?\b(work|works|working|kick in|kicks in|take effect|takes effect|help|helps|"
                         r"helping|improve|improves|better|notice|difference|results|start (to )?(work|help|los\w+)|"
                         r"protect\w*)\b", re.I)
_COUNT = r"(\d+([.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several|a|an|the first( few)?)"
# (not an age: "from 6 months of age", "2 weeks old")
_SPAN = (rf"{_COUNT}(\s*(to|-|–|or|and)\s*{_COUNT})?[\s-]*(minutes?|hours?|days?|weeks?|months?|years?)\b"
         r"(?![\s-]+(of age|old)\b)")
# ... held by a span with a word of reaching it: "within 24 hours", "after about a week", "by week 16", "It takes
# about 2 weeks", "as early as 2 weeks", "within hours"
ONSET_HELD = re.compile(rf"\b(within|after|by|takes?|took|taking|as early as|from|in (as little as|the first)|"
                        rf"begin\w*|began|start\w*|onset( of action)?( is| was)?)\s+"
                        rf"((about|around|approximately|roughly|up to|at least|at most|only|just|usually|typically|"
                        rf"some|over|under|less than|more than|the)\s+)*({_SPAN}|(minutes|hours|days|weeks|months)\b)|"
                        rf"\bby (week|day|month) \d+\b|"
                        # ... or the span before it: "several weeks of treatment before improving"
                        rf"\b{_SPAN}[^.;]{{0,30}}?\bbefore\b|"
                        # ... or by a word of speed: "rapid improvements in itch scores"
                        rf"\b(rapid(ly)?|quick(ly)?|immediate(ly)?|prompt(ly)?)\b(?!-)", re.I)
