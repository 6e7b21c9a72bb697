"""What a question asks for: the kind of answer wanted, and whether it wants a list.

Each kind is two patterns, one for a question asking for it and one for a sentence holding it (what to do
(actions.py), a date, a dose, an age, an organisation, how soon it works (onset.py), whether for life (course.py), a
time, a number, who must not take it, what it contains, whether it is safe (safety.py), a safety finding, a trial,
what a drug is, its class or target, an efficacy result, a price); boilerplate answers nothing. English word patterns.
"""
from __future__ import annotations

import re

from .actions import ACTION_ASKED, ACTION_HELD, PROFESSIONAL
from .course import COURSE_ASKED, COURSE_HELD
from .onset import FREQUENCY, ONSET_ASKED, ONSET_HELD, OnsetHeld
from .headcount import HEADCOUNT_ASKED, HEADCOUNT_HELD, PEOPLE, RATE_HELD
from .strengths import NAMED_STRENGTH, STRENGTH_OF
from .safety import MEDICINE, NOT, PEOPLE_MUST_NOT, TAKE, VERDICT_ASKED, VERDICT_HELD, WHO_MUST_NOT

ELDERLY = r"\b(elderly|geriatrics?|older[\s-]+(adults?|patients?|people|persons|subjects)|seniors?)\b"  # as labels say
# how often something befalls people ("how often do patients develop a rash?"; not "how often do I take it if ...")
HOW_OFTEN_IT_OCCURS = (r"how often (?:(?!\b(?:if|when|once|who|take|taken|use|used|give|given|inject|injected|apply|"
                       r"receive)\b)[^?.;])*\b(occur|happen|reported|seen|observed|appear|develop|worsen|experienc)\w*")
# an amount of a medicine, written short or in full (a UK leaflet writes "micrograms", lest they be read as mg)
DOSE_UNITS = r"mg|mcg|µg|μg|g|ml|units?|iu|milligrams?|micrograms?|grams?|millilit(re|er)s?|international units"
# what a drug is used for: its uses, indications, what it treats ("What is Ozempic used for?", "what does amoxicillin
# treat"; not "What dose is used for ...?", "Is it used for ear infections?", which ask a narrower thing, nor "Which
# conditions is it approved for?", a list its heading names); nor what a test is used to do (WHAT_TESTS_DO)
USES_ASKED = (r"\bwhat (is|are|'s) (\S+ ){0,3}(used|prescribed|given|approved|indicated|licen[cs]ed) (for|to treat)\b|"
              r"\bwhat (does|do|can|will) (\S+ ){1,3}treat\s*\??\s*$|"
              r"\bwhat (are|were) (the |its )?(\S+ )?(indications|uses)\b|\bwhat('s| is) (\S+ ){1,3}for\s*\??\s*$")
WHAT_TESTS_DO = r"(select|identify|predict|guide|monitor|calculate|determine|screen)\b"  # (a diagnostic agent's is one)
OF_WHOLE = frozenset({"use", "definition", "class", "verdict"})  # kinds asked of the drug as a whole
ANSWER_KINDS: dict[str, tuple[re.Pattern, re.Pattern | OnsetHeld]] = {
    "action": (ACTION_ASKED, ACTION_HELD),  # what to do (actions.py), however it is asked
    # ... held by a sentence saying what it is used or approved for (a label's items by their heading: KIND_HEADINGS)
    "use": (re.compile(USES_ASKED, re.I),
            re.compile(r"\b(is|are|was|were|be) (also |mainly |mostly |usually |commonly |widely |now |first )?"
                       rf"(used|indicated|approved|licen[cs]ed|prescribed) (to(?! {WHAT_TESTS_DO})|for|in|as)\b|"
                       r"(?<!\bnot )\bindicated (for|in|to|as)\b", re.I)),
    "onset": (ONSET_ASKED, ONSET_HELD),  # how soon it works: not a date ("When will it start working?")
    "date": (re.compile(r"^\s*(when\b|(in |by )?(what|which) (year|month|date)\b)|\bsince when\b|"
                        r"\b(what|which) year\b|\bhow long ago\b", re.I),
             re.compile(r"\b(1[89]\d\d|20\d\d)\b|\b(january|february|march|april|may|june|july|august|"
                        r"september|october|november|december)\b", re.I)),
    "dose": (re.compile(rf"\b(dose|doses|dosage|dosing|regimen|how much (do|should|to)|"
                        rf"(?!{HOW_OFTEN_IT_OCCURS})how often|frequency|how many (shots|injections|doses)|"
                        rf"(mg|mcg|milligrams?|micrograms?)(?!{STRENGTH_OF}))\b", re.I),
             re.compile(rf"\b\d+(\.\d+)?\s*({DOSE_UNITS})\b|\bevery (other|\d+|one|two|three|"
                        r"four|six|eight) (days?|weeks?|months?)\b|\b(once|twice|three times) (a|per|every)\b|"
                        r"\b(weekly|daily|monthly|fortnightly|biweekly)\b|"
                        # ... or counts the units it comes in: "one tablet a day", "two puffs"
                        r"\b(one|two|three|four|half an?|\d+) (tablets?|capsules?|injections?(?! site)|puffs?|drops?|"
                        r"sachets?|sprays?|inhalations?|pens?|syringes?|vials?|patch(es)?|spoonfuls?|doses?)\b", re.I)),
    "elderly": (re.compile(ELDERLY, re.I),  # by name, or by an age of 60 on: a child's age is no answer about them
                re.compile(ELDERLY + r"|\b[6-9]\d\s*(years?|and (over|older))\b|[≥>]\s*[6-9]\d", re.I)),
    "age": (re.compile(r"\b(age|ages|aged|old|older|young|younger|youngest|oldest|kids?|child|children|baby|babies|"
                       r"infants?|toddlers?|teens?|teenagers?|adolescents?|pediatric|paediatric)\b", re.I),
            re.compile(r"\b\d+\s*(months?|years?)\b|\baged?\b|[≥≤]\s*\d+", re.I)),
    "organisation": (re.compile(r"\bwho (\w+ly )?(makes|made|developed|develops|manufactures|markets|sells|owns|"
                                r"discovered|invented|sponsored|sponsors|funded|produces)\b|\b(which|what) "
                                r"(company|companies|firm|manufacturer|sponsor|organi[sz]ation)\b|"
                                r"\b(manufacturer|developer|maker|sponsor|company|companies)\b", re.I),
                     re.compile(r"\b(inc|ltd|llc|gmbh|plc|pharmaceuticals?|pharma|therapeutics|biotech|"
                                r"laboratories|university|institute|nih|company|sponsored)\b|\b(developed|"
                                r"manufactured|marketed|discovered) by\b|\bin collaboration with\b", re.I)),
    "time": (re.compile(r"\bhow (fast|quickly|soon|long)\b|\b(onset|start(s)? working|kick in|take effect|"
                        r"until|how many (weeks|days|months))\b", re.I),
             # not an age ("down to 6 months of age", "2 weeks old"); nor years (how long a study followed people)
             re.compile(r"\b(\d+\s*(minutes?|hours?|days?|weeks?|months?)|within|rapid\w*|quickly|hours?|weeks?|"
                        r"months?|early|preceding)\b(?!\s+(of age|old)\b)", re.I)),
    # how many people a study had: a head count, not a share ("enrolling 671 and 708 adults", not "38% of patients")
    "headcount": (re.compile(HEADCOUNT_ASKED, re.I), re.compile(HEADCOUNT_HELD, re.I)),
    "number": (re.compile(r"^\s*(how (many|much|common|often|large|big|frequent)|(what|which) (percentage|"
                          r"proportion|share|fraction|rate|number|accuracy|count)|by how much)\b|"
                          r"\b(how (common|many|likely|frequent)|what (percent|proportion|share|rate)|"
                          rf"{HOW_OFTEN_IT_OCCURS}|"
                          r"(is|are) (it|that|this|they|those|these) (common|rare|frequent|usual)|"
                          r"response rate|chance|odds|percentage)\b", re.I),
               # a count, share or amount: not the digit of a name ("type 2", "IL-4", "SOLO 1"), nor a year
               re.compile(r"\d(\.\d+)?\s*%|(?<![\w.-])(?!(19|20)\d\d\b)\d{2,}|\b\d+([.,]\d+)?\s*(mg|kg|ml|months?|weeks?|"
                          r"years?|days?|hours?|patients|participants|people|adults|children|times|fold|"
                          r"percent|per ?cent)\b|\b\d+-fold\b", re.I)),
    # who must not take it, or when: a label's contraindications, a leaflet's "Do not take X if:"
    "contraindication": (re.compile(rf"{WHO_MUST_NOT}|"
                                    rf"\b(which|what) (patients|people)\s+(should|must|can|could){NOT}\s+{TAKE}\b|"
                                    r"\bwhen\s+(shouldn['’]?t|should not|must not|mustn['’]?t)\b|"
                                    r"(?<!\bnot )\bcontraindicat\w*|\bwhen (should|must) (it|\w+) not be\b|"
                                    r"\b(is|are) (it|\w+) (safe|suitable|ok|okay) for (everyone|everybody|anyone)\b", re.I),
                         # ... for whom or when: "Do not take it if:", "Do not use it during pregnancy", "Do not
                         # get SHINGRIX if you:" (not "Do not take a double dose", "do not use it if it has
                         # been frozen", "... if you notice that the solution is cloudy", "... while driving")
                         re.compile(r"\b(do not|don't|must not|should not|never) (take|use|give|receive|get|have|"
                                    r"be (given|used|taken|administered|vaccinated))\b[^.;:]{0,40}?"
                                    r"(\bif (you|the patient|your child)\b(?! (notice|see|drop|have dropped)\b)|:(\s|$)|"
                                    r"\b(during|while) (pregnan|breast)|"
                                    r"\b(in|to|by) ([\w-]+ ){0,2}(people|patients|anyone|those|children|adults|women|men)\b)|"
                                    rf"(?<!\bnot )(?<!\bnot a )\bcontraindicat\w*|{PEOPLE_MUST_NOT}|"
                                    r"\b(use|it|(?-i:[A-Z][\w®-]+)) (is |are )?not (recommended|suitable) (for|in)\b", re.I)),
    # what it contains: "what is in Eliquis tablets?" (it, a form or a name; not "the side effects section")
    "ingredients": (re.compile(rf"\bwhat(['’]?s| is| are)? (in|inside) (it\b|them\b|(the |this |my |an? )?([\w-]+ )?"
                               rf"({MEDICINE})\b|(?-i:[A-Z])[\w-]+\W*$)|\b(ingredients?|excipients?)\b", re.I),
                    re.compile(r"\bactive (substance|ingredient)s?\b( in [\w -]+)?( is| are|:)|\bexcipients?\b|"
                               r"\b(other|inactive) ingredients\b(?! of this)|\bcontains? (the active|\d)", re.I)),
    "verdict": (VERDICT_ASKED, VERDICT_HELD),  # is it safe, as a whole: not one risk (safety.py)
    "safety": (re.compile(r"\b(side[- ]?(effects?|affects?)|adverse|risks?|risky|safe|safety|danger\w*|warnings?|"
                          r"watch (out|for)|harm\w*|toxic\w*|complications?|reactions?|problems?|"
                          r"(know|told|aware of|tell \w+) before|"
                          r"contraindicat\w*|precautions?|avoid|interact\w*)\b", re.I),
               re.compile(r"(?<!-)\b(adverse|side[- ]effects?|risks?|avoid(ed)?|caution|warnings?|complications?|"
                          r"toxicit\w*|contraindicat\w*|infections?|pharmacovigilance|interactions?|"
                          r"should not|safety)\b", re.I)),
    # whether it cures or is for life (course.py), after safety ("what are the risks, and can he ever come off it?")
    "course": (COURSE_ASKED, COURSE_HELD),
    "trial": (re.compile(r"\b(trials?|stud(y|ies|ied)|tested|investigated|phase|enrolled|participants|patients were)\b", re.I),
              re.compile(r"\b(phase \d|trials?|randomi[sz]ed|placebo|enroll\w*|n\s*[=≈]\s*\d|cohort|"
                         r"stud(y|ies)|(?-i:[A-Z]{4,}\d*))\b", re.I)),  # trial acronyms: SOLO, PRIME2
    "definition": (re.compile(r"(^|[,;:]\s*)(is|are) (?!that\b|there\b)([\w-]+) (really |actually |considered |classed as |"
                              r"classified as |whats? called )?(an? |a type of |a kind of |a form of )([\w-]+ ){0,2}?"
                              r"(steroids?|corticosteroids?|biologics?|antibod(y|ies)|immunosuppressants?|"
                              r"immunosupressants?|vaccines?|inhibitors?|antihistamines?|antibiotics?|hormones?|"
                              r"chemo(therapy)?|painkillers?|drugs?|medicines?|medications?|proteins?|"
                              r"small molecules?)\b|\b(is|are) (it|this|[\w-]+) (a|an) (type|kind|form|class) of\b|"
                              r"\bwhat (type|kind|class|sort) of (drug|medicine|medication|treatment|therapy|product|thing)\b",
                              re.I),
                   # ... or as a leaflet says it: "contains the active substance semaglutide, a GLP-1
                   # receptor agonist", "belongs to a group of medicines called biguanides"
                   re.compile(r"(\b(is|are)|\bcontains? the active (substance|ingredient) [\w -]+,) (an?|the) ([\w()/-]+ ){0,5}(antibod(y|ies)|"
                              r"inhibitors?|antagonists?|agonists?|"
                              r"biologics?|steroids?|corticosteroids?|immunosuppressants?|vaccines?|drugs?|"
                              r"medicines?|medications?|agents?|molecules?|proteins?|hormones?|enzymes?|"
                              r"compounds?|therap(y|ies))\b|^(drug )?(class|type|category)\b|"
                              r"\bbelongs? to (a|the) (group|class|family|type) of (medicines|drugs|medications)\b", re.I)),
    "class": (re.compile(r"\b(what (type|kind|class|sort) of|drug class|is it an?|is \w+ an?|target\w*|"
                         r"binds?|block\w*|mechanism|how (does|do) (it|\w+) (actually |really |even )?work|"
                         r"how (it|\w+) (actually |really )?works|what does (it|\w+) (actually |really |even )?do)\b", re.I),
              re.compile(r"\b(antibod(y|ies)|inhibitors?|antagonists?|agonists?|receptors?|binds?|"
                         r"blocks?|blocking|blockade|targets?|targeting|mechanism)\b", re.I)),
    "efficacy": (re.compile(r"\b(how (well|effective|good)|(?<!how )(does|do|will|would|can|could|did) (it|this|that|"
                            r"\w+) ((really |actually )?(work|help|improve|reduce)|with \w+ (help|work))|effective\w*|"
                            r"live longer|keep (me|you|him|her|them|people|us) out of (the )?(hospital|er|emergency)|"
                            r"efficacy|response rate|benefit\w*|improve\w*|outcomes?|works? for|"
                            r"help (with|for)|results?|evidence|data|show(s|ed|n)?|find(ings)?|found|"
                            r"demonstrat\w*)\b", re.I),  # ... held by a result, not a "clinically significant readout"
                 re.compile(r"\d+(\.\d+)?\s*%|\b(improv\w*|reduc\w*|significantly|versus placebo|"
                            r"achieved|remission|response)\b", re.I)),
}

# Kinds a passage holds by where it stands, whatever its words (retrieve.Retriever.on_topic): safety findings by a
# safety passage (chunk.TOPICS); uses by their heading ("1 INDICATIONS AND USAGE", "Uses"; not "Emerging Indications",
# what it is studied for), and who must not take it by one that says so ("4 CONTRAINDICATIONS", "Do not take Eliquis
# if you:"; not "Contraindications › Egg allergy is not a contraindication"), each with what is under it
KIND_TOPICS = {"safety": "safety"}
KIND_HEADINGS = {"use": re.compile(r"(?<!emerging )(?<!investigational )(?<!experimental )(?<!potential )(?<!possible )"
                                   r"(?<!future )\b(indications( and usage)?|therapeutic indications?|"
                                   r"(medical |approved |clinical )?uses|what .{1,80}? used for)\b", re.I),
                 "contraindication": re.compile(rf"^(?!.*\bnot (an? )?contraindicat).*?"
                                                rf"(?:{ANSWER_KINDS['contraindication'][1].pattern})", re.I)}

# How many or how much of a group (a share, a rate, a head count), and a sentence that says it: "how common is
# it?" is not answered by "aged 12 and older", though that holds a number. Abstention goes by it (judge): as a kind
# of answer, the bonus it earned sentences that say "most frequent" outranked those that say "20%". Asked for a
# figure (a percentage, a proportion, an incidence, by how much, how many took part), only a figure answers ("20%",
# "6.4 kg", "0.8 per 100 patient-years", "7 out of 10", "2 for every 1 million"); asked how common or how likely,
# "rarer", "uncommon", "most frequent", "frequency not known" too.
FIGURE_ASKED = (r"\bwhat (percent\w*|proportion|share|fraction)|\bpercentage|\bincidence|\bby how much|"
                rf"\bhow much (did|does|was|were)\b|\bhow (big|large)\b|\bhow many {PEOPLE}\b|" + HEADCOUNT_ASKED)
FIGURE_HELD = (r"\d(\.\d+)?\s*%|\bper ?cent|\b\d+ (of|in|out of) \d+|\b(one|two|three|four|five|six|seven|eight|nine|ten) "
               r"(in|out of) (\d+|ten|a hundred)\b|\b\d+(\.\d+)?-fold|\bper \d[\d,]* (patient|person)[- ]years?|"
               r"\b(a|one|two)[- ](half|third|quarter|fifth)s?\b|\bhalf (of|the)\b|"
               r"\b\d+(\.\d+)?\s*(kg|lb|pounds?|mmol|mm|cm|points?|beats|bpm|mmhg|percentage points?)\b|"  # not a dose
               rf"(?<![\w.-])(?!(19|20)\d\d\b)\d[\d,]{{2,}}\b(?![\d,])(?![\s-]*({DOSE_UNITS})\b)|"  # a count of hundreds, not a dose
               r"\|\s*\d+(\.\d+)?\s*(?=\|)|"  # a table's cell: "| 3 |"
               + HEADCOUNT_HELD + "|" + RATE_HELD)
QUANTITY = (re.compile(FIGURE_ASKED + rf"|\bhow (common|frequent(ly)?|likely)\b|\b{HOW_OFTEN_IT_OCCURS}", re.I),
            re.compile(FIGURE_HELD + r"|\b(most|least) (common|frequent)|\b(un|in)?(common|frequent)(ly)?\b|"
                       r"\brare(r|st|ly)?\b|\bseldom\b|\boccasional(ly)?\b|"
                       r"\bfrequenc(y|ies)\b[^.;]{0,40}\b(not known|unknown|cannot be estimated)", re.I))
FIGURE = (re.compile(FIGURE_ASKED, re.I), re.compile(FIGURE_HELD, re.I))


def wants_quantity(question: str) -> bool:
    return bool(QUANTITY[0].search(question))


# Asked for a dose itself ("what is the recommended dose for children?", "how much should I take?"), a sentence
# that gives none does not answer: "approved for asthma in patients aged 12 and older" holds no dose; one that says
# how the dose is set does ("No dose adjustment is needed", "the dose depends on body weight"). Not asked how a
# dose changes ("what dose adjustment is needed?"), nor for its forms, nor about the dosing at large ("how is it
# dosed?"), nor a dose's effects ("dose-limiting toxicity"), nor how much it does ("how much weight will I lose?").
_NOT_THE_DOSE = (r"(?![-\w])(?! (adjust|reduc|chang|modif|increas|decreas|escalat|titrat|forms?\b|strengths?\b|"
                 r"respons|reaction|related|dependen)\w*)")
DOSE_ASKED = re.compile(rf"\bwhat(['’]?s| is| are| was| were)? (the |a |an |its |my )?(\w+ ){{0,2}}(doses?|dosage|dosing)"
                        rf"{_NOT_THE_DOSE}|\bwhat (doses?|dosage){_NOT_THE_DOSE}|"
                        r"\bhow much( [\w-]+){0,2} (do|does|should|can|must|will|would) (i|you|we|they|he|she|my [\w-]+|"
                        r"[\w-]+) (take|give|inject|use)\b|\bhow much (to|should i) (take|give|inject|use)\b", re.I)
DOSE_SET = re.compile(r"\b(no|without) (dose|dosage|dosing) (adjustment|change|reduction)s?\b|"
                      r"\b(dose|dosage|dosing) (depends|is based|is calculated|varies|is adjusted)\b", re.I)


def wants_dose(question: str) -> bool:
    return bool(DOSE_ASKED.search(question))


def gives_dose(text: str) -> bool:
    """Whether a text gives a dose, or says how it is set (see DOSE_ASKED)."""
    return holds_kind(text, "dose") or bool(DOSE_SET.search(text))


# Asked what it costs, a quote naming no sum of money, price, or its being cheap, dear or free does not answer
# ("how much does it cost?": "admissions and costs" is a burden, not a price; "lost 10 pounds" is a weight)
PRICE = (re.compile(r"\bhow much\b[^?.;]{0,40}\b(cost|costs|charge|pay)\b(?! attention)|"
                    r"\bhow (expensive|costly|cheap)\b|\bprices?\b|\b(have|need) to pay\b(?! attention)|"
                    r"\bafford (it|this|them|the)\b", re.I),
         re.compile(r"[$£€¥]\s?\d|\d[\d,.]*\s?(dollars?|euros?|yen|usd|eur|gbp)\b|\bpric(e|es|ed|ing)\b|"
                    r"\b(in)?expensive\b|\bcheap|\bcostly\b|\bfree (of charge|on the nhs)\b|"
                    r"\b(no|at no) (charge|cost)\b", re.I))


def holds_quantity(text: str, question: str = "") -> bool:
    """Whether a text says how many or how much: a figure, when the question asks for one."""
    if question and FIGURE[0].search(question):
        return bool(FIGURE[1].search(text))
    return bool(QUANTITY[1].search(text))


# A question that wants a list: "what are the ...s", "which ...s" (a plural among the next few words), "list",
# "summarise", "overview", "watch out for", "step by step", "key facts", "for each", "from discovery through approval".
LIST_NOUNS = (r"side[- ]?(effects|affects)|risks|conditions|diseases|disorders|indications|uses|trials|studies|"
              r"warnings|precautions|problems|reactions|events|signals|biomarkers|markers|benefits|"
              r"interactions|options|kinds|types|cytokines|cells|consequences|changes|steps|symptoms|"
              r"treatments|results|outcomes|findings|mechanisms|pathways|genes|proteins|effects|ways|"
              r"medicines|medications|drugs|forms|strengths|ingredients|concerns|controversies|groups|criteria")
BROAD = re.compile(
    rf"(^|[:;]\s*)(what|which) (are|were)\b(?! (it|they|the (name|dose))\b)|"
    rf"\b(what|which) ([\w'-]+,? ){{0,5}}({LIST_NOUNS})\b|"
    r"\b(list|summari[sz]e|summary|overview|all the|what else|which other|watch out|step by step|key facts|"
    r"rundown|walk me through|for each|each of (its|the)|companies|from \w+( \w+)? through|"
    r"(should|need to|must) (i|we|you|they|someone|a patient|patients|parents?) (know|be told)|"
    r"everything \w+ (should|need to) know|checklist)\b|"
    # who must not take it: every group of people the documents name ("Who should not use X?"); what it is used for
    rf"{WHO_MUST_NOT}|{USES_ASKED}", re.I)


# A sentence about the document itself rather than its subject ("This table shows how...", "Each entry breaks
# down...", "Keep this leaflet.", "This news release contains..."): navigation or boilerplate, not an answer.
ABOUT_THE_DOCUMENT = re.compile(
    r"^\W*(this|these|the following|the table below|below,?|each|every|here,? we) ([\w-]+ ){0,3}(table|page|section|"
    r"chart|figure|graph|list|entry|entries|row|column|article|guide|overview|report|summary|document|tool|leaflet|"
    r"booklet|insert|label|highlight|(news |press )release)s?\b|"
    # what a leaflet tells its reader to do with it: "Keep this leaflet.", "Read all of this leaflet carefully"
    r"^\W*(please )?(keep|read|save) (all of |all |a copy of )?(this|the) (patient )?(leaflet|booklet|"
    r"insert|medication guide|guide|label)\b|"
    r"\b(synthesi[sz]ed|generated|compiled|curated|produced|written) (by|using|with|from) (an? |the )?"
    r"([\w'’-]+ ){0,3}(ai|agent|tool|team|editors?|model|software)\b", re.I)


def about_the_document(sentence: str) -> bool:
    """Whether a sentence speaks of the document (a table, page or entry) or how it was made."""
    return bool(ABOUT_THE_DOCUMENT.search(sentence))


# A leaflet's standing advice, true of any medicine and answering nothing: "Like all medicines, this medicine can
# cause side effects, although not everybody gets them."; "Talk to your doctor, pharmacist or nurse before taking
# Metformin tablets."; "If you get any side effects, talk to your doctor, including side effects not listed here.":
# a referral to a health professional with no circumstance of its own ("... if you have kidney problems" has one)
PROFESSIONALS = rf"{PROFESSIONAL}(?:(?:,| or|, or| and|, and) {PROFESSIONAL})*"
NAME_STOPS = r"(?:if|when|while|because|unless|with|and|or|during|after|before|in|for|to|on|at|over|under)\b"
NAME_WORDS = rf"(?!{NAME_STOPS})[\w®™-]+(?: (?!{NAME_STOPS})[\w®™-]+){{0,3}}"  # a name of one to four words
# where the side effects a referral covers are "not listed" (nothing more: "... or signs of an allergy" is more)
WHERE_LISTED = r"(?: (?:here|above|below|in (?:this|the) (?:leaflet|medication guide|package leaflet)))?"
STANDING_ADVICE = re.compile(
    r"^\W*like all (?:medicines|vaccines|medications)\b[^.]{0,80}\bside effects\b[^.]{0,80}"
    r"\bnot every(?:body|one) (?:gets|will get|get) them\W*$|"
    # ... and the side effects the referral covers ("This includes any possible side effects not listed in this leaflet.")
    rf"^\W*this includes any (?:possible )?side effects not listed{WHERE_LISTED}\W*$|"
    # ... and how to report one ("You can also report side effects directly via the national reporting
    # system", "By reporting side effects you can help provide more information on the safety of this medicine"),
    # and the EU template's opening lines ("This medicine has been prescribed for you only.")
    r"^\W*(?:in [\w ]{3,40}?,? )?(?:you can )?(?:also )?report (?:any )?(?:suspected )?(?:side effects|them)\b"
    r"[^.]{0,80}\b(?:directly|reporting system|yellow card)|^\W*(?:by reporting side effects|reporting helps|you can "
    r"help by reporting)\b|^\W*(?:this medicine has been prescribed for you(?: only| personally)?(?:\W*$|\.\s*do not "
    r"pass it on\b)|do not pass it on to others\b[^.]*\W*$|this medicine is subject to additional monitoring\b)|"
    # ... and a leaflet's opening of how to take it ("Always take this medicine exactly as your doctor has told you.")
    rf"^\W*always (?:take|use|give) (?:this medicine|{NAME_WORDS}) exactly as (?:described in this leaflet or as )?"
    rf"{PROFESSIONALS} (?:has|have) told you\W*$|"
    r"^\W*(?:if you (?:get|have|notice) any (?:side effects|(?:further |more |other )?questions"
    rf"(?: (?:on|about) [\w ]+?)?)(?:,? including (?:any |those |ones |side effects )?not listed{WHERE_LISTED})?,?\s*)?"
    rf"(?:talk|speak|ask|check|tell|consult)(?: to| with)? {PROFESSIONALS}"
    rf"(?: (?:before (?:taking|using|receiving|you (?:take|use|start|are given)) {NAME_WORDS}|"
    r"for (?:more )?(?:advice|information)|if you are (?:not |un)sure))?"
    r"(?:[,.;]? (?:including|this includes) (?:any )?(?:possible )?(?:side effects )?not listed[\w ]*)?"
    r"(?: ?\((?:see )?(?:section|the end of section) \d+\))?\W*$", re.I)  # a cross-reference: "(see section 4)"


def boilerplate(sentence: str, about: bool = True) -> bool:
    """Whether a sentence gives advice a leaflet gives of any medicine or (`about`) speaks of the document."""
    return (about and about_the_document(sentence)) or bool(STANDING_ADVICE.search(sentence))


# "when was it first approved?", "what was its first (FDA) indication?": of the dates in reach, the earliest answers
# ("first biologic approved for X" asks for X's date instead)
EARLIEST_ASKED = re.compile(r"\b(first|initially|originally) (?:(?:be(?:en)? )?(?:approved?|come|came|launched|marketed|"
                            r"available|released|licensed|authori[sz]ed|introduced|sold|used)|"
                            r"(?:(?:FDA|EMA|MHRA|US|EU|UK|European) )?(?:approval|indication)s?)\b", re.I)
# "when was it approved?", "in what year did the FDA approve it?", nothing more: when it was first approved (not
# "... for asthma?", "... in Europe?")
WHEN_APPROVED = re.compile(r"^\W*(?:and\s+|so\s+)?(?:when|(?:in\s+)?(?:what|which)\s+year)\s+(?:was|were|did)\s+"
                           r"(?:[\w-]+(?:'s)?\s+(?:get\s+|become\s+|been\s+)?(?:approved|licensed|launched|"
                           r"authori[sz]ed|marketed|released|come out|available|get approval|come on the market)|"
                           r"(?:the\s+)?[\w.-]+\s+(?:approve|license|licence|authori[sz]e)\s+[\w-]+)\W*$", re.I)


def asks_earliest(question: str) -> bool:
    """Whether a question asks for the earliest date in reach: when something was first
    approved, or when it was approved and nothing more."""
    return bool(EARLIEST_ASKED.search(question) or WHEN_APPROVED.search(question))


MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), 1)}  # a month's first three letters -> its number
DATE = re.compile(r"\b(?:(" + "|".join(MONTHS) + r")[a-z]*\.?(?:\s+\d{1,2})?,?\s+)?(1[89]\d\d|20\d\d)\b", re.I)
REFERENCE_DATE = re.compile(r"\b(first|only)\b[^.;]*\bsince\s+(?:the\s+)?$", re.I)  # "the first ... since 2014"


def earliest_date(text: str) -> tuple[int, int] | None:
    """The earliest date a text names, as (year, month); a year alone is month 0
    ("March 28, 2017" comes before "September 2017", and "2017" before both). A date a
    "first" is counted from ("the first new drug for weight management since 2014") is none
    the text's events happened on; "available since 1958" is one."""
    dates = [(int(m.group(2)), MONTHS.get((m.group(1) or "").lower(), 0)) for m in DATE.finditer(text)
             if not REFERENCE_DATE.search(text[:m.start()])]
    return min(dates) if dates else None


# "what was the primary endpoint (of SOLO 1)?": what is asked to be named, and a sentence that names
# it ("The primary endpoint was an Investigator's Global Assessment...")
WHAT_WAS = re.compile(r"^\W*what\s+(?:is|was|are|were)\s+(?:the|its|their|his|her)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)"
                      r"(?=\s+(?:of|in|for|on|at|with|used|that|when)\b|\s*[?.]|\s*$)", re.I)


def asked_to_name(question: str) -> str | None:
    """The thing a "what was the X?" question asks to be named ("primary endpoint")."""
    return m.group(1).lower() if (m := WHAT_WAS.search(question)) else None


def names_it(sentence: str, thing: str) -> bool:
    """Whether a sentence says what the thing is: "the primary endpoint was ...", "its
    target is ..." (the thing, then a copula)."""
    *head, last = thing.split()
    last = last[:-1] if last.endswith("s") and not last.endswith("ss") else last  # endpoints: endpoint
    words = r"\s+".join(re.escape(w) for w in (*head, last))
    return bool(re.search(rf"\b{words}s?\s+(?:is|was|are|were)\b", sentence, re.I))


# "what is Dupixent?", "whats dupilumab exactly, in simple terms" (the rest up to the first question mark)
WHAT_IS = re.compile(r"^\W*(?:(?:so|and|ok|okay|but|sorry|hi|hey)\W+)*what(?:'s|s|\s+is|\s+exactly\s+is)\s+([\w-]+)([^?]*)",
                     re.I)
QUALIFIERS = re.compile(r"\b(exactly|actually|really|anyway|then|again|even|in (simple|plain|basic|layman'?s?) "
                        r"(terms|words|english|language)|simply put|for (a|an) (patient|layperson|beginner))\b", re.I)


def what_is_asked(question: str) -> str | None:
    """The word a question asks what it is, and nothing more ("what is Dupixent, in simple
    terms?": Dupixent; not "what is its half-life?")."""
    m = WHAT_IS.match(question)
    return m.group(1) if m and not QUALIFIERS.sub(" ", m.group(2)).strip(" ?.!,;:") else None


LEADING_CONJUNCTION = re.compile(r"^\s*((and|but|so|also|then|or|plus|ok(ay)?)\b[\s,]*)+", re.I)
SENTENCES = re.compile(r"(?<=[.?!])\s+(?=[A-Za-z])")  # a question's sentences, each with its end mark
# where a question asks a second thing: "What are the side effects, and how often do they occur?"
CLAUSES = re.compile(r"[,;:]\s+(?:and|but|or|also|plus)\b|[?;]\s+")
# a trial as the setting of what is asked, not what is asked about ("did people in the study end up in
# hospital less often?" asks an outcome, "what was the primary end point of the study?" a trial's design)
TRIAL_SETTING = re.compile(r"\b(in|during|throughout) (the|this|that|these|those|their)( [\w-]+){0,2}? "
                           r"(trials?|stud(y|ies))\b", re.I)
UNSAID = {"trial": TRIAL_SETTING, "dose": NAMED_STRENGTH}  # not asked: a trial as the setting, a strength naming one


def answer_kinds(question: str) -> tuple[str, ...]:
    """The kinds of answer a question asks for: its first clause's first, then the next clause's; within a clause,
    most specific first ("and when was it approved?" asks as "when was it approved?" does)."""
    question = LEADING_CONJUNCTION.sub("", question)
    # a sentence that asks before one that sets the scene ("I've had eczema since I was a kid. Is it safe long-term?")
    sentences = [t for t in SENTENCES.split(question) if t.strip()] or [question]
    sentences = sorted(sentences, key=lambda t: not t.rstrip().endswith("?")) if "?" in question else sentences
    clauses = [c for t in sentences for c in CLAUSES.split(t) if c.strip()] or [question]
    return tuple(dict.fromkeys(kind for clause in clauses for kind, (asks, _) in ANSWER_KINDS.items()
                               if asks.search(UNSAID[kind].sub(" ", clause) if kind in UNSAID else clause)))


def holds_kind(text: str, kind: str) -> bool:
    """Whether a text holds an answer of this kind (a date, a dose, ...)."""
    if kind == "time":
        text = FREQUENCY.sub(" ", text)
    return bool(ANSWER_KINDS[kind][1].search(text))


def is_broad(question: str) -> bool:
    return bool(BROAD.search(question))
