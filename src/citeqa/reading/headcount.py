"""How many took part in a study: asked, and said.

A head count is asked of those who took part ("how many people were in the study?", "how
many patients were randomised?", "how many took part in the trial?", "how big was it?"),
not of those something befell: "how many people had nausea?" and "how many patients were
in remission?" ask how common it was (a figure all the same: kinds.FIGURE_ASKED), and
"how many were there?" after "were any fatal?" asks how many died. It is said by a count
of people ("It enrolled 616 patients", "n = 1,874"). The answer is led by the head count in
its best passage (answering/quotes.py). A rate per so many people ("2 for every 1 million
people vaccinated") says how common something is (RATE_HELD).
"""
PEOPLE = r"(patients|people|participants|subjects|adults|children|kids|volunteers|women|men)"
# where they were: "in the trial", "in each arm", "in SOLO 1"; not "in remission", "in hospital", "in Week 16"
IN_TRIAL = (r"in (the |this |that |each |either |both )?([\w-]+ ){0,2}(stud(y|ies)|trials?|arms?|groups?|cohorts?)\b|"
            r"in (?-i:[A-Z][A-Za-z]*[A-Z]\w*)[- ]?\d+\b|in [a-z]+-\d+\b")  # a trial's name: SOLO 1, keynote-189
HEADCOUNT_ASKED = (rf"\bhow many ({PEOPLE} )?((were|was|are|is|have been|had been) (there )?(enrol+ed|included|"
                   rf"studied|randomi[sz]ed|randomly|recruited)\b|(were|was|are|is) (there )?({IN_TRIAL})|"
                   rf"(took|take|taking) part\b|(participated|joined|enrol+ed)\b|did (the|this|that|it|they)\b"
                   rf"[^?.]{{0,40}}\b(enrol+|include|recruit|randomi[sz]e|study|have|involve)\b)|"
                   rf"\bhow many ({PEOPLE} )?({IN_TRIAL})(?=\s*([?.,;:]|$|and\b|or\b))|"  # not "in SOLO 1 had nausea"
                   rf"\bhow many {PEOPLE} (were|was) there\s*([?.]|$)|\bsample size\b|"
                   r"\bhow (big|large) (was|were|is|are) (the |that |those |these |it\b|they\b)")
HEADCOUNT_HELD = rf"\bn\s*[=≈]\s*\d|\benroll\w*\s+(about |around |over |nearly )?\d|\b\d[\d,]*\s+{PEOPLE}\b"
# ... and a rate per so many people, how common something is: "1 or 2 more cases for every 1 million people
# vaccinated", "one in a million doses", "1.5 cases per million" (not "0.1 mL for every 10 kg", "in a hundred mL")
RATE_HELD = (rf"\b(for|in|out of) every (?=[\d,.]|hundred|thousand|million)[\d,.]* ?((hundred|thousand|million) )?"
             rf"([\w-]+ )?({PEOPLE[1:-1]}|persons?|individuals|users|doses|vaccinations|vaccinees|recipients|courses|"
             r"births|(patient|person)[- ]years?)\b|(?<!parts )\b(in|per) (a |one )?(hundred|thousand|million)\b"
             r"(?!\s+(\w*(lit|gram)\w*|m?l|mls|g|mg|kg|years?)\b)")
