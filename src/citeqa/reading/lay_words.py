"""Lay words bridged to the clinical words the documents use (part of understanding the
question, understand.py).

People ask about "side effects", "a shot", "red eyes"; documents say adverse events,
subcutaneous injection, conjunctivitis. A general consumer-health vocabulary shipped as a
data file (data/consumer_health.tsv, medicine in general, never one drug) says which
clinical words a lay phrase stands for; only those the documents hold are used, and only
where the documents do not speak the lay way themselves. A phrase is found without the
fillers people put inside it ("weaken *your* immune system") and in another order, a word
or two apart ("my eyes are red" says "red eyes").
"""
from __future__ import annotations

import re
from itertools import combinations

import numpy as np

from ..language.text import stem
from .vocabulary import Vocabulary
from ..language.wordlists import conditions, consumer_health, said_words, words_of

LOOSE_GAP = 2  # words that may come between those of a lay phrase said in another order
# a condition named to say which vaccine, medicine or doctor is meant is not what is asked about
# ("the shingles vaccine", "my covid booster", "her asthma doctor"), unless the vocabulary knows the two
# together and the documents hold them by no more than the kind of thing ("flu shot" by "vaccination")
MODIFIED = {stem(w) for w in ("vaccine", "vaccines", "vaccination", "shot", "shots", "jab", "jabs", "booster", "boosters",
                              "medicine", "medicines", "medication", "medications", "drug", "drugs", "pill", "pills",
                              "tablets", "cream", "test", "tests", "doctor", "specialist", "clinic", "nurse")}
FILLERS = {stem(w) for w in ("my", "your", "his", "her", "their", "our", "its", "the", "a", "an", "actually", "really",
                             "just", "even", "still", "ever", "always", "maybe", "possibly", "please", "whole")}

# an age said the lay way: "my 7-year-old", "an 85 yo", "she is 4 months old", "in his 80s". Not "aged 12
# and over", the documents' own way of saying it and what they hold
STATED_AGE = re.compile(r"\b(\d{1,3})[\s-]*(?:(years?|yrs?|y)|(months?|mos?)|weeks?|wks?|days?)[\s-]*olds?\b"
                        r"|\b(\d{1,3})\s*(?:yo|y/o|y\.o\.)(?!\w)|\bin (?:my|his|her|their|our|your) ([1-9])0s\b", re.I)
# the grown-ups a question may be asked for
ADULT_KIN = (r"mum|mom|mummy|mommy|mother|dad|daddy|father|stepmother|stepfather|stepmum|stepmom|stepdad|parents?|"
             r"husband|wife|grandma|grandmother|granny|nan|nana|grandpa|grandad|granddad|grandfather|grandparents?|"
             r"brother|sister|aunt|auntie|uncle|friend|boyfriend|girlfriend")
# "my mum", "her husband's": whom it is asked for, not what is asked about ("what should I do if my mother took too
# many tablets?" asks about an overdose). Not a partner, whom labels speak of ("female partners of male patients"),
# nor a child, whose word may say an age group ("can my baby have it?")
POSSESSED_KIN = re.compile(rf"\b(?:my|his|her|our|their|your) ((?:{ADULT_KIN})(?=(?:['’]s)?\b))", re.I)
# a bare number said of a person ("I'm 75", "my grandma is 85") is an age where the question speaks of age
# ("am I too old?", "safe for someone her age?"); else it sets the scene ("I'm 15 and my face went red")
PERSON_NUMBER = re.compile(r"\b(?:i'm|i’m|i am|im|(?:he|she)(?:'s|’s| is)|(?:my|his|her|our|their|your) "
                           rf"(?:{ADULT_KIN}|partner|son|daughter|child|kid|baby|boy|girl|grandson|granddaughter|"
                           r"patient) (?:is|was)) (\d{1,3})"
                           r"(?=\s*(?:[,.;!?]|and\b|am\b|with\b|now\b|$))", re.I)
SPEAKS_OF_AGE = re.compile(r"\b(old|older|oldest|young|younger|age|ages|elderly)\b", re.I)
# the age groups of medicines' regulators (ICH E11 children, E7 the elderly), by the lay word the
# consumer-health vocabulary bridges to the documents' words, and how a text names the group itself:
# (from this age in years, word, its forms). Adults are no special population: most of what documents
# say is said of them, and "I'm 34 and pregnant" asks about pregnancy
AGE_GROUPS = ((65, "elderly", "elderly"), (18, "", ""), (12, "teenager", "teen|teens|teenagers?"),
              (2, "child", "child|children"), (0, "baby", "baby|babies"))

Form = tuple[str, ...]  # index terms that stand together for one clinical word or phrase


class LayBridges:
    """The consumer-health vocabulary, read against one index's vocabulary."""

    def __init__(self, vocab: Vocabulary, generic: frozenset[str]):
        self.vocab = vocab
        self.tokenize = vocab.tokenize
        self.generic = generic
        self.table = consumer_health()
        # a phrase of several distinct words by its set of words, to find it said in another order
        self.loose = {frozenset(key): key for key in self.table if len(set(key)) == len(key) > 1}

    def clinical(self, key: tuple[str, ...]) -> tuple[list[Form], list[str]]:
        """The clinical forms a lay phrase (stemmed words) stands for that the documents
        hold, and each as written in the vocabulary."""
        forms: list[Form] = []
        written: list[str] = []
        for phrase in self.table.get(key, ()):
            form = tuple(t for t in self.tokenize(phrase) if t not in self.generic and not t.isdigit())
            if form and all(t in self.vocab for t in form) and form not in forms:
                forms.append(form)
                written.append(phrase)
        return forms, written

    def knows(self, word: str) -> bool:
        """Whether the documents lack the word but the vocabulary bridges it to something
        they hold, in one passage ("MMR": live vaccines; not "VTE" of "blood tests" and
        "clotting" apart): a word people use, not an unknown name."""
        return not all(t in self.vocab for t in self.tokenize(word)) and any(
            self.vocab.passages_with(list(form)).size for form in self.clinical(tuple(words_of(word)))[0])

    def unknown_conditions(self, question: str, sections: tuple[str, ...] = ("conditions",),
                           within: np.ndarray | None = None, whole: bool = False) -> list[str]:
        """Diseases the question names (the vocabulary's conditions, or other `sections`)
        that the documents never mention, by the lay name or any clinical one: "What are the
        symptoms of diabetes?" of documents that never say diabetes, diabetes mellitus or
        glycemic. `within`: only these passages count (those about the drug asked about).
        `whole`: a name counts only where one passage holds all its words ("weight gain" is not
        "body" in one paragraph and "weight" in another); without it, with no `within`, a
        clinical name whose words the documents hold anywhere counts (a disease is named many
        ways). A name is found without the fillers people put inside it ("ringing in *the* ears")."""
        words = [w for w in words_of(question) if w not in FILLERS]
        unknown = []

        for key, written in conditions(sections=sections).items():
            said = tuple(w for w in key if w not in FILLERS)  # as matched: fillers aside on both sides
            n = len(said)
            at = [i for i in range(len(words) - n + 1) if n and tuple(words[i:i + n]) == said
                  and (i + n == len(words) or words[i + n] not in MODIFIED or self.unheld(tuple(words[i:i + n + 1])))]
            forms = self.clinical(key)[0] if at else []
            if not at or (forms and within is None and not whole) or any(self.held(f, within) for f in forms):
                continue
            terms = self.tokenize(written)  # (the key is stemmed already, and stemming twice may differ: "overdos")
            if terms and self.held(terms, within):
                continue  # the documents name it the lay way
            unknown.append(written)
        # "type 2 diabetes" names diabetes once
        return [w for w in unknown if not any(w != o and f" {w} " in f" {o} " for o in unknown)]

    def held_name(self, name: str) -> bool:
        """Whether some passage holds a name, as written ("acetylsalicylic acid")."""
        return bool(terms := self.tokenize(name)) and self.held(terms)

    def held(self, terms, within: np.ndarray | None = None) -> bool:
        """Whether some passage (of those `within`) holds all the terms."""
        found = self.vocab.passages_with(list(terms)) if all(t in self.vocab for t in terms) else ()
        return bool(len(found) and (within is None or np.intersect1d(found, within).size))

    def unheld(self, key: tuple[str, ...], forms: list[Form] | None = None) -> bool:
        """Whether the vocabulary knows a phrase (stemmed words; `forms`: the clinical ones the documents
        hold, if known) and the documents hold none of its clinical forms, or, for a phrase saying which
        vaccine or medicine, only those saying what kind of thing it is: "flu shot" (an influenza
        vaccine, an inactivated one) is not held by "vaccination", and of documents that speak only of
        live vaccines, the flu is what it asks about."""
        if key not in self.table:
            return False
        forms = self.clinical(key)[0] if forms is None else forms
        which = not set(key) <= MODIFIED
        return not [f for f in forms if not (which and set(f) <= MODIFIED)]

    def phrases(self, question: str) -> list[tuple[tuple[str, ...], list[Form], list[str]]]:
        """Lay phrases of the question (longest first, not overlapping) that the documents
        do not use themselves, with the clinical forms they stand for and those as written."""
        said = [w for w in said_words(question) if stem(w) not in FILLERS]
        words = [stem(w) for w in said]
        # each phrase as said, longest first; then one of several words said in another
        # order, a word or two between them: "eyes are red and itchy" says "red eyes"
        spans: list[tuple[tuple[str, ...], list[int]]] = []
        for size in (4, 3, 2, 1):
            spans += [(tuple(words[i:i + size]), list(range(i, i + size))) for i in range(len(words) - size + 1)]
            for i in range(len(words) - size + 1 if size > 1 else 0):
                window = words[i:i + size + LOOSE_GAP]
                for rest in combinations(range(1, len(window)), size - 1):
                    key = self.loose.get(frozenset(window[k] for k in (0, *rest)))
                    if key:
                        spans.append((key, [i + k for k in (0, *rest)]))
        used = [False] * len(words)
        found = []
        for key, at in spans:
            if key not in self.table or any(used[k] for k in at):
                continue
            forms, written = self.clinical(key)
            if forms and not self.unheld(key, forms) and not self._used_by_documents(tuple(said[k] for k in at), forms):
                for k in at:
                    used[k] = True
                found.append((key, forms, written))
        return found

    def _used_by_documents(self, words: tuple[str, ...], forms: list[Form]) -> bool:
        """Whether the documents speak that way themselves: some passage holds all the
        content words of the lay phrase, and as many as hold its commonest clinical form.
        Then the phrase needs no bridge ("trial" stays "trial"; "eczema", said once where
        "atopic dermatitis" is said throughout, is bridged). `words`: as said, not stemmed (stemmed
        twice, "breastfeed" would be taken for the "breastfed" the documents say)."""
        terms = [t for w in words for t in self.tokenize(w) if stem(w) not in self.generic]
        if not terms:
            return False
        own = len(self.vocab.passages_with(terms))
        return own > 0 and own >= max(len(self.vocab.passages_with(list(f))) for f in forms)


def with_age_groups(text: str) -> str:
    """The text with each age said the lay way followed by its age group's word, which the
    vocabulary bridges to what the documents say: "is it safe for an 85 year old" asks what
    they say of the elderly, older adults or patients aged 65 years and older; "my 2 month
    old" is a baby, an infant. A group the text names, or has been given, is not added again."""
    if not text:
        return text

    def follow(m: re.Match, years: int) -> str:
        _, word, forms = next(group for group in AGE_GROUPS if years >= group[0])
        if not word or re.search(rf"\b({forms})\b", named[0], re.I):
            return m.group(0)
        named[0] += f" {word}"
        return f"{m.group(0)} ({word})"

    def stated(m: re.Match) -> str:
        if m.group(5):  # "in his 80s": 85
            years = int(m.group(5)) * 10 + 5
        elif m.group(1) and not (m.group(2) or m.group(3)):  # weeks or days old
            years = 0
        else:
            years = int(m.group(1) or m.group(4)) // (12 if m.group(3) else 1)
        return follow(m, years)
    named = [text]  # the text, and the groups given so far
    text = STATED_AGE.sub(stated, text)
    return PERSON_NUMBER.sub(lambda m: follow(m, int(m.group(1))), text) if SPEAKS_OF_AGE.search(text) else text
