"""The question as read: its concepts (Concept), the reading itself (Query), where a
question sets the scene ("I have tried tacrolimus. How does it work?") rather than asks,
whether it asks one thing (SPECIFIC_ASK), and the years it names (NAMED_YEAR).

understand.py makes Queries; retrieval and quoting read them. Left out: parsing beyond
word patterns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from ..language.text import amounts, names_body_weight
from .frequency import asks_commonest
from .instructions import MANNER, asked_acts
from .kinds import DOSE_UNITS, answer_kinds
from .safety import NOT, TAKE

if TYPE_CHECKING:
    from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Concept:
    """One content word of the question and the forms that stand for it in documents."""
    word: str  # as asked
    forms: tuple[tuple[str, ...], ...]  # index-term sequences: its own term, synonyms, bridged phrases
    weight: float  # its IDF: rare words decide what a question is about
    name: bool = False  # looks like a name (drug, gene, trial): never bridged, never guessed

    @property
    def term(self) -> str:
        return self.forms[0][0]

    def held(self, vocab: "Vocabulary") -> bool:
        """Whether the documents hold any of its forms (every term of the form)."""
        return any(all(t in vocab for t in form) for form in self.forms)

    def in_docs(self, vocab: "Vocabulary", docs: set[int]) -> bool:
        """Whether one of `docs` holds one of its forms whole."""
        wanted = np.fromiter(docs, dtype=np.int64)
        for form in self.forms:
            common = wanted
            for t in form:
                common = common[np.isin(common, vocab.docs_with(t))]
                if not common.size:
                    break
            if common.size:
                return True
        return False

    def in_terms(self, terms: set[str]) -> bool:
        return any(all(t in terms for t in form) for form in self.forms)


@dataclass(frozen=True)
class Query:
    question: str  # as the user asked it, misspellings read as the words meant
    text: str  # as read (a follow-up made whole, the common subject as "it"): what is embedded
    weights: dict[str, float]  # BM25 terms and their weights
    concepts: tuple[Concept, ...]
    kinds: tuple[str, ...] = ()
    broad: bool = False
    read_as: str = ""  # how a follow-up was read, for the answer's notes
    unknown_names: tuple[str, ...] = ()  # names the documents never mention
    bridged: tuple[str, ...] = ()  # "lay -> clinical" links used
    passing_names: tuple[str, ...] = ()  # drugs asked about that the documents only mention in passing
    uncovered_topics: tuple[str, ...] = ()  # label topics asked about that no document covers
    listed_unknown: tuple[str, ...] = ()  # unknown names listed beside held ones: answered without
    leans_on: bool = False  # a follow-up read with the earlier question as context (not in its place)
    whole: bool = False  # about the documents' subject as a whole: no concept but the subject ("give me the rundown on it")
    drugs: tuple[int, ...] = ()  # the drugs it asks about (entities.Drugs ids): named, else the conversation's
    absent: tuple[str, ...] = ()  # side effects, symptoms, conditions it names that the documents never mention
    weighed_against: tuple[tuple[str, ...], ...] = ()  # drugs mentioned in passing it weighs theirs against (names)

    @property
    def own_words(self) -> str:
        """What it asks, in its own words: as read, unless it was read with an earlier question
        as context (whose words are not what it asks for)."""
        return self.question if self.leans_on else self.text

    @cached_property
    def own_kinds(self) -> tuple[str, ...]:
        """The kinds of answer it asks for in its own words (a follow-up's kinds hold its earlier question's too;
        "and in the placebo arm?" asks none of its own)."""
        return answer_kinds(self.own_words)

    @cached_property
    def amounts(self) -> set[tuple[float, str]]:
        """The amounts of the medicine it asks about in its own words (not "on zoloft 50mg" in "I'm on
        zoloft 50mg, is it safe in pregnancy?": asked_amounts)."""
        return asked_amounts(self.own_words)

    @property
    def weighs_a_child(self) -> bool:
        """Whether it names a body weight in its own words, of a child ("what's the dose for a 20 kg child?"; "and
        if he weighs 30 kg?" after a child's dose): a child's dose goes by weight, an adult's is often one for all."""
        return names_body_weight(self.own_words) and bool(CHILD.search(self.text))

    @property
    def commonest(self) -> bool:
        """Whether it asks for side effects in general, so the commoner ones first ("what are the side effects of
        lisinopril?"; not "what are the rare side effects?", frequency.py, nor "what signs?" after "does it cause
        liver problems?")."""
        return self.broad and self.kinds[:1] == ("safety",) and not self.leans_on and asks_commonest(self.question)

    @cached_property
    def acts(self) -> frozenset[str]:
        """The acts it asks how to do: "how do I take it?", take (instructions.asked_acts);
        read once, though retrieval, quoting and judging all ask."""
        return asked_acts(self.own_words)

    def held_names(self, vocab: "Vocabulary", min_weight: float) -> list[Concept]:
        """Specific names the question asks about that the documents hold (rare ones:
        the documents' own subject, named everywhere, is not one; nor the drug it asks
        about, whose documents alone answer it; nor the class that drug's, else the subject's,
        name says it is of, by the stem it ends with: "my statin" of atorvastatin, unless it is
        a drug's name itself, "escitalopram" and citalopram)."""
        asked = vocab.drug_terms(self.drugs)
        theirs = asked if self.drugs else vocab.subject_drugs

        def class_of_theirs(term: str) -> bool:
            return names_stem_of(term, theirs) and not vocab.drugs.named([term])
        return [c for c in self.concepts if c.name and c.term in vocab and c.weight >= min_weight
                and not c.in_terms(asked) and not class_of_theirs(c.term)]

    def weight_in(self, terms: frozenset[str]) -> float:
        """How much of the question some words hold: the weight of its concepts among their terms."""
        return sum(c.weight for c in self.concepts if c.in_terms(terms))

    def unmatched(self, vocab: Vocabulary) -> float:
        """IDF share of the question's focus that nothing in the documents stands for."""
        total = sum(c.weight for c in self.concepts)
        missing = sum(c.weight for c in self.concepts if not c.held(vocab))
        return missing / total if total else 0.0


def names_stem_of(term: str, names) -> bool:
    """Whether a word is the stem some of these drug names end with: the class it names ("statin":
    atorvastatin, "gliflozin": dapagliflozin), as international nonproprietary names are made."""
    return len(term) >= 5 and any(len(n) > len(term) and n.endswith(term) for n in names)


def words_and_starts(question: str) -> list[tuple[str, bool]]:
    """The question's words, each with whether it starts a sentence (a capital there is no name)."""
    return [(word, starts) for word, starts, _ in words_at(question)]


# asking who, when, where or which, what not to do, or how to do something, whether one may do it, what follows
# in a circumstance ("can I take it every other day?", "what happens if I take too much?"), what it looks like,
# why, what is in it or how it differs, a question asks one thing (not "tell me about it if you can", "can I get an
# overview of it?", "can you give me a summary of it?": a request to the one answering)
ACT = r"(take|use|inject|stop|skip|double|split|crush|cut|mix|drink|eat|give|receive|be (given|used|taken|treated))"
CONDITION = r"\bif\b(?! (you (can|could|would|don't mind|please)|(it'?s |that'?s )?(possible|ok))\s*([,.?!]|$))"
SPECIFIC_ASK = re.compile(r"^\W*(?:(?:and|so|but|ok|okay|then)\W+)*(who|whom|whose|when|where|which(?! (drug|medicine|"
                          r"medication|kind|type|class|sort)\b))\b|"
                          rf"\b(should|must|can|could|may|do|does){NOT}( \w+)? {TAKE}\b|"
                          rf"\b(can|could|should|may|must) (i|we|he|she|they|it)( \w+)? {ACT}\b|"
                          rf"\b(can|could|should|may|must) you( \w+)? {ACT}\b(?! (me|us)\b)|"
                          rf"{CONDITION}|"
                          rf"\bnever (use|take|be given)\b|\blooks? like\b|{MANNER.pattern}|"
                          r"\bwhy\b|\bwhat(?:['’]s| is| are) in\b|\bdiffer(?:ent|ence|s)?\b", re.I)


# a year a question names as part of what it asks about ("the 2018 meta-analysis", "its sales in 2023"), not as a
# bound ("approved before 2020", "since 2015", "between 2010 and 2020", "as of 2024"), nor a range ("2023–24"), an
# amount ("2000 mg", "a 2000 calorie diet"), one's own history ("born in 1985") or part of a longer number or a code
BOUND = ("before", "after", "since", "until", "till", "by", "from", "prior to", "earlier than", "later than",
         "between", "and", "or", "to", "through", "as of", "post", "pre", "born in", "diagnosed in", "back in")
NAMED_YEAR = re.compile("".join(rf"(?<!\b{b} )" for b in BOUND)
                        + r"(?<![\w.,/–—-])(?:19|20)\d\d(?![\w.,/–—-]?\d)(?!s\b)"
                        rf"(?!\s*(?:%|{DOSE_UNITS}|kg|calories?|kcal|patients|people|participants|adults|"
                        r"children|doses)\b)",
                        re.I)


def named_years(question: str) -> tuple[str, ...]:
    """The years a question names as part of what it asks about (NAMED_YEAR), each once; not in
    the sentences that set its scene ("I was diagnosed in 2019. What is the dose?")."""
    return tuple(dict.fromkeys(m.group(0) for m in NAMED_YEAR.finditer(without_scene(question))))


def words_at(question: str) -> list[tuple[str, bool, int]]:
    """The question's words, whether each starts a sentence, and where it starts."""
    return [(m.group(0), not question[:m.start()].strip() or question[:m.start()].rstrip()[-1] in ".!?", m.start())
            for m in re.finditer(r"[^\s?!,;:()\[\]\"]+", question)]


# the asker, or someone they speak for, saying what is so ("I", "I'm", "she's", without the apostrophe too: "im
# on entresto"; not IM, HES)
SPEAKER = (r"i|we|he|she|they|i['’]m|i['’]ve|he['’]s|she['’]s|they['’]re|"
           r"(?-i:[Ii]m|[Ii]ve|[Hh]es|[Ss]hes|[Tt]heyre)")
# what a person says they take or took, to set the scene: "I'm on lisinopril", "I have tried
# tacrolimus", "my dad used to take warfarin", "she's been prescribed it" (the drug is
# named in the few words after the verb)
BACKGROUND = re.compile(
    rf"\b(?:(?:my|our|his|her) [\w-]+(?: [\w-]+)?|{SPEAKER})"
    r"(?:\s+(?:am|is|are|was|were|have|has|had|been|also|already|currently|still|just|recently|now|used to|"
    r"have been|has been|had been))*\s+"
    r"(?:on|taking|take|takes|took|tried|trying|used|using|use|uses|started|starting|stopped|quit|switched from|"
    r"prescribed|given|injecting|had)\b((?:\s+[^\s.?!;,]+){1,4})", re.I)


# a child, as people and labels call one, or by an age under 18 ("a 7 year old", "aged 12 and older"):
# Query.weighs_a_child
CHILD = re.compile(r"\b(child|children|kids?|toddlers?|bab(y|ies)|infants?|newborns?|sons?|daughters?|boys?|girls?|"
                   r"grand(son|daughter|child)|p(a)?ediatric|adolescents?|teen(ager)?s?)\b|"
                   r"\b([1-9]|1[0-7])[\s-]*(years?|yrs?|months?)[\s-]*(of age\s*)?(old|and (older|over))\b|"
                   r"\baged? ([1-9]|1[0-7])\b", re.I)

# a clause in which the asker says what is so ("I'm on Eliquis 5mg twice a day", "His GP put him on metformin 500 mg"),
# and one that points back at it, "that" or "this" judged ("is that too much?", "is this ok?"; not "is this medicine
# safe?", "is it true that...")
CLAUSE = re.compile(r"(?:[^,.;!?]|[.,](?=\d))+[,.;!?]*")  # (not "2.5 mg", "1,000 mg")
STATES = re.compile(rf"^\W*(?:{SPEAKER}|i['’]d|we['’]re|my|our|his|her|their)\b", re.I)
POINTS_BACK = re.compile(r"\b(that|this)(\s+(dose|amount|strength))?\s*(\?|$|(is|was|too|ok|okay|enough|right|safe|"
                         r"high|low|normal)\b)", re.I)


def asked_amounts(question: str) -> set[tuple[float, str]]:
    """The amounts of a medicine a question asks about (text.amounts): not those of a clause saying
    what the asker or their family takes ("I'm 12 weeks pregnant and on zoloft 50mg, is it safe for
    the baby?": it sets the scene), unless a clause that asks points back at it or asks for a dose."""
    clauses = [m.group(0) for m in CLAUSE.finditer(question)]
    stated = [c for c in clauses if STATES.match(c) and not c.rstrip().endswith("?")]
    asking = " ".join(c for c in clauses if c not in stated)
    if not stated or not asking.strip() or POINTS_BACK.search(asking) or "dose" in answer_kinds(asking):
        return amounts(question)  # (nothing said apart from what is asked: all of it is asked)
    return amounts(asking)


ASKING = re.compile(r"\b(can|could|should|shall|may|might|will|would|do|does|did|must|is|are|am|if|when|while|whether)\s*$",
                    re.I)  # before "I take X", a question about X, or a condition on it


def without_scene(question: str) -> str:
    """The question without the sentences that set its scene ("I take prednisone for my
    rheumatoid arthritis. Will that stop Keytruda from working?" asks about the second)."""
    for start, end, _ in sorted(background_spans(question), reverse=True):
        if question[start:end].rstrip().endswith((".", "!")) or end == len(question.rstrip()):
            question = question[:start] + " " + question[end:]
    return question


# a sentence of a question runs to a stop followed by a capital or the end (the stop in
# "e.g. bullous pemphigoid" or "approx. 2 weeks" ends none)
SENTENCE = re.compile(r".+?(?:[.?!]+(?=\s+[A-Z0-9\"'(])|[.?!]*\s*$)", re.S)
PAST_USE = re.compile(r"\b(tried|trying|used|stopped|quit|switched|had|took)\b", re.I)


def background_spans(question: str) -> list[tuple[int, int, bool]]:
    """Where a question names what someone takes or took, to set the scene (BACKGROUND),
    and whether it is what they no longer take ("I have tried tacrolimus": nothing the
    question asks about; "I'm on lisinopril": what it may be taken with); and every
    sentence but the last that asks, when a question has several."""
    spans = [(*m.span(1), bool(PAST_USE.search(m.group(0)[:m.start(1) - m.start()]))) for m in BACKGROUND.finditer(question)
             if not ASKING.search(question[:m.start()])]  # "can I take Ozempic?" asks about Ozempic
    sentences = [m for m in SENTENCE.finditer(question) if m.group(0).strip()]
    asking = [m for m in sentences if m.group(0).rstrip().endswith("?")] or sentences[-1:]
    if asking:
        spans += [(*m.span(), False) for m in sentences
                  if m.end() <= asking[-1].start() and not m.group(0).rstrip().endswith("?")]
    return spans


CUES = r"such as|e\.g\.?|for example|for instance|including"  # cues of examples that are never a verb
EXAMPLES = rf"(like|{CUES})\s+([^?.;:()]+)"  # the cue, the examples
EXAMPLE_CLAUSE = re.compile(rf"\b{EXAMPLES}", re.I)
NAMED_EXAMPLES = re.compile(rf"\b({CUES})\s+([^?.;:()]+)", re.I)  # ... not "like" ("I'd like to know...")
# a medicine named as what another is taken with ("with concomitant methotrexate", "can I take it with
# omeprazole?", "omeprazole with it"): not what the question asks about, nor weighed against the other
DETERMINER = r"(?:(?:my|the|a|an|some|any|concomitant|other)\s+)?"
TAKEN_WITH = re.compile(rf"\b(?:together with|combined with|alongside|with|plus)\s+{DETERMINER}[\w/-]+", re.I)
WITH_IT = re.compile(rf"\b(?:it|this)\s+(?:together\s+)?(?:with|alongside|plus)\s+{DETERMINER}[\w/-]+|"
                     r"[\w/-]+\s+(?:together\s+)?with\s+(?:it|this)\b", re.I)  # ... the other called "it"
# ... but not what it is compared with or replaced by ("compare it with tirzepatide", "switch it with ...")
WEIGHED_WITH = re.compile(r"\b(?:compar|switch|chang|replac|substitut|swap)\w*(?:\s+[\w/-]+){0,3}?\s+with\b", re.I)


# ... or named as one to take (or be given: "can I take tramadol?", "wants to give me tramadol"); not one asked about
# ("what is tramadol used for?", "does tramadol cause diarrhea?")
TO_TAKE = re.compile(r"\b(?:take|taking|have|use|using|give|giving|gave|given|prescribe|prescribed|add|added|adding|"
                     rf"start|starting|mix|combine)(?:\s+(?:me|him|her|them|us))?\s+{DETERMINER}[\w/-]+", re.I)


def taken_with(question: str, called_it: bool = False, to_take: bool = False) -> str:
    """The words of a question naming what a medicine is taken with; with `called_it`, only where
    that medicine is called "it" or "this" (the drug the documents are about); with `to_take`, a
    medicine named as one to take or be given."""
    question = WEIGHED_WITH.sub(" ", question)
    pattern = TO_TAKE if to_take else WITH_IT if called_it else TAKEN_WITH
    return " ".join(m.group(0) for m in pattern.finditer(question))


CLASS_BY_EXAMPLE = re.compile(rf"((?:[\w-]+\s+){{1,3}}){EXAMPLES}", re.I)  # up to three words naming the class first


def named_by_examples(question: str, holds) -> set[str]:
    """The words (lower case) of a class the question names by examples, when the documents
    hold one (`holds(word)`): "anticonvulsants such as phenytoin", "P-gp inhibitors like
    ritonavir". What the documents say of the examples answers: the class is no unknown name."""
    return {w.lower() for m in CLASS_BY_EXAMPLE.finditer(question)
            if any(holds(w) for w in re.findall(r"[\w-]+", m.group(3)))
            for w in re.findall(r"[\w-]+", m.group(1))}


# someone on a medicine: "I'm on", "she's on", "my mum is on" (not "what is on the label for ...")
ON_IT = (r"(?:\bi['’]?m|\bi am|\b(?:you|we|they|he|she)(?: are| is| was| were|['’]re|['’]s| have been| has been)|"
         r"\b(?:my|his|her|our|their) [\w-]+(?: is| was| has been|['’]s))\s+on")
# what another medicine is taken for: "can I take ibuprofen with metformin for a headache?"
PURPOSE = re.compile(r"(?:\b(?:take|taking|took|gave me|given|prescribed|using|use)|"
                     rf"{ON_IT})\s+(?:an? |some |my |the )?([\w-]+)"
                     r"[^,?.!;]{0,40}?\b(for (?:an? |my |his |her |the |their )?\w[\w' -]{0,30}?)"
                     r"(?=\s*(?:[,?.!;]|$|\bwhile\b|\bwith\b|\bbut\b))", re.I)


def without_purpose(question: str, asked) -> str:
    """The question without what a medicine it is not asked about is taken for (`asked(word)`:
    whether the word names what it asks about, the drug the documents are about or "it"):
    "can I take ibuprofen for a headache while on warfarin?" asks about ibuprofen with
    warfarin, not about headaches; "can I take Dupixent for asthma?" asks about asthma."""
    for m in reversed(list(PURPOSE.finditer(question))):
        if not asked(m.group(1)):
            question = question[:m.start(2)] + " " + question[m.end(2):]
    return question
