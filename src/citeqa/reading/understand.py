"""Understand the question before retrieval: what it says, what it asks for, what it means.

- **Vocabulary.** Lay words are bridged to the clinical words documents use ("side effects" -> adverse events, "shot"
  -> injection, "an 85 year old" -> the elderly) with a general consumer-health vocabulary shipped as a data file
  (lay_words.py); corpus-learned synonyms (lexicon.py) are added too. Misspelt words snap to a close corpus word, but
  a real English word or a drug name is never "corrected" into another one.
- **What is asked for.** The kinds of answer wanted (a date, a number, a dose, an age, an organisation, a safety
  finding, a trial, a drug class or target, an efficacy result, a time to effect) and whether the question wants a
  list (a broad question).
- **Follow-ups.** An elliptical question ("and in COPD?", "how many were in them?") is read against the conversation's
  earlier questions (followups.py); one that stands alone is not.
- **The subject, as "it".** The embedded question says "it" for the drug every document is about: its name tells no
  passage from another, but draws the cosine to the sentences that spell it out.
- **Focus.** Each content word of the question is a concept that the documents either hold (the word or a bridged
  form) or not; names (drugs, genes, trials) the documents never mention are listed, so the answer can decline instead
  of answering about something else.

Nothing here knows about any one drug or document: the word lists (wordlists.py) are general English and general
medicine, the kinds of answer (kinds.py) are word patterns, and what the documents hold is read from the index
(vocabulary.py). Left out: parsing beyond word patterns (no syntax tree), and resolving a follow-up further back
than the conversation's last reading.
"""
from __future__ import annotations

import re

from .lay_words import POSSESSED_KIN, LayBridges, with_age_groups
from .query import (EXAMPLE_CLAUSE, NAMED_EXAMPLES, Concept, Query, background_spans, named_by_examples,
                    words_and_starts, words_at, without_purpose, without_scene, taken_with, SPECIFIC_ASK)
from .comparisons import COMPARES, alternatives
from .kinds import EARLIEST_ASKED, OF_WHOLE, answer_kinds, is_broad, what_is_asked
from .followups import ANAPHORS, REASON, read_follow_up
from .medicines import asked_about, in_place_of, swap_medicine
from ..language.text import DRUG_STEMS, STOPWORDS, names_pattern, number_and_unit, stem, unapostrophed
from .vocabulary import Vocabulary, drug_like
from ..language.wordlists import (FINDINGS, english_counts, english_stems, english_words, generic_words, is_english,
                        label_topics, medical_words, words_of)

EXAMPLE_WEIGHT = 0.5  # a word offered as an example ("like MMR") weighs half, and is never an unknown name
EVERYDAY_WEIGHT = 0.5  # an unknown everyday English word weighs half a medical or unknown one
WHOLE_WEIGHT = 1.0  # a question with no concept this heavy asks about the documents' subject as a whole
EVERYDAY_COUNT = 80_000  # an English word this common is everyday, even a medical one
SUBJECT_WORD = re.compile(r"(?<![\w-])([\w-]+?)(['’]s)?(?![\w-])")  # a word, and its possessive
CONTRACTION = re.compile(r"['’](ve|re|ll|d|m|s|t)$|n['’]t$", re.I)  # "We've", "lebrikizumab's"


class QuestionReader:
    """Reads questions against one index (its vocabulary and learned synonyms)."""

    def __init__(self, vocab: Vocabulary, settings):
        self.vocab = vocab
        self.settings = settings
        self.lexicon = vocab.data.lexicon
        self.tokenize = vocab.tokenize
        self.generic = generic_words()
        self.bridges = LayBridges(vocab, self.generic) if settings.lay_vocabulary else None
        self.medical = medical_words() if settings.lay_vocabulary else frozenset()
        self.topics = label_topics() if settings.topic_check else ()
        self._covered: dict[str, bool] = {}  # topic name -> whether some passage holds its evidence

    # ------------------------------------------------------------ follow-ups

    def read_follow_up(self, question: str, history: tuple[str, ...] | list[str]) -> tuple[str, str, str]:
        """(question as read, the earlier question it leans on, how it was read): followups.py."""
        return read_follow_up(question, history, self._has_subject, self.generic, self._swap_drug)

    # ------------------------------------------------------------ drugs

    def drugs_named(self, question: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(the drugs a question asks about, those it names only to set the scene): "I'm on
        metformin. Can I take Ozempic too?" asks about semaglutide. A drug named only to set
        the scene is asked about when it is the only one named and a document is about it
        ("I've been prescribed Rinvoq. How does it work?")."""
        drugs = self.vocab.drugs
        if not drugs.drugs or not question.strip():  # (nothing to look up: "what it is taken with" is often nothing)
            return (), ()
        spans = background_spans(question)
        asked, scene = [], []
        for word, _, at in words_at(question):
            for d in drugs.named(self.tokenize(word)):
                (scene if any(a <= at < b for a, b, _ in spans) else asked).append(d)
        # names of several words ("Gardasil 9", "megestrol acetate")
        asked += [d for d in drugs.named(self.tokenize(question)) if d not in asked and d not in scene]
        asked, scene = list(dict.fromkeys(asked)), [d for d in dict.fromkeys(scene) if d not in asked]
        if not asked:
            asked = [d for d in scene if d in drugs.subject_drugs]
            scene = [d for d in scene if d not in asked]
        return tuple(asked), tuple(scene)

    def _drug_pattern(self, drugs) -> re.Pattern | None:
        names = {n for d in drugs for n in self.vocab.drugs.drugs[d].names}
        return names_pattern(names) if names else None

    def _swap_drug(self, before: str, rest: str) -> str | None:
        """A follow-up that asks the earlier question of another drug ("and Keytruda?",
        "what about for Xolair?" after "How is Ozempic injected?"): the earlier question
        with the drug's name in place of the earlier drug's (or of "it")."""
        new, _ = self.drugs_named(rest)
        theirs = lambda w: bool(set(self.tokenize(w)) & self.vocab.subject_drugs)  # noqa: E731
        if not new:  # (or an everyday medicine: medicines.py)
            return swap_medicine(before, rest, theirs)
        pattern = self._drug_pattern(new)
        m = pattern.search(rest) if pattern else None
        if m is None:
            return None
        left = rest[:m.start()] + " " + rest[m.end():]
        content = [w for w in re.findall(r"[A-Za-z][\w'-]*", left)
                   if w.lower() not in STOPWORDS and stem(w.lower()) not in self.generic and w.lower() not in ANAPHORS]
        if len(content) > 1:  # more than the drug's name: not the same question asked of it
            return None
        name = m.group(0)
        old = [d for d in self.drugs_named(before)[0] if d not in new]
        subjects = self.vocab.drugs.subject_drugs
        if len(old) > 1:  # the one not theirs ("what about pantoprazole?" after "omeprazole with Plavix?"), if one
            old = [d for d in old if d not in subjects] or old
        if len(old) > 1:  # which one it takes the place of is the slot's to say ("with X" for "with Y")
            return None
        # one not theirs, after theirs (or none) beside an everyday medicine: it takes the medicine's place ("what about
        # clopidogrel?" after "can I take Eliquis with aspirin?"); one of theirs takes their drug's
        if not set(new) & subjects and not set(old) - subjects and (put := in_place_of(before, name, theirs, False)):
            return put
        old_pattern = self._drug_pattern(old)
        if old_pattern and old_pattern.search(before):
            return old_pattern.sub(name, before)
        if re.search(r"\b(it|this|this medicine|this drug)\b", before, re.I):
            return re.sub(r"\b(this medicine|this drug|it|this)\b", name, before, count=1, flags=re.I)
        return None

    def _has_subject(self, question: str) -> bool:
        """Whether a question names what it is about: a drug, gene, trial, or a word paired with a drug's name."""
        for word, starts in words_and_starts(question):
            if self._looks_like_name(word.strip(".'’"), starts):
                return True
            terms = self.tokenize(word)
            if any(DRUG_STEMS.search(t) for t in self.lexicon.expand(terms)):
                return True
        return False

    # ------------------------------------------------------------ terms and concepts

    def read(self, question: str, history=()) -> Query:
        if self.settings.typo_correction:  # misspellings read as the words meant (what it asks, lay phrases, embedding)
            question, history = self.vocab.respelled(question), [self.vocab.respelled(h) for h in history]
        text, before, read_as = self.read_follow_up(question, history)
        stands_alone = not before or read_as == text  # (a substituted follow-up is a whole question)
        own = with_age_groups(text if stands_alone else question)  # "an 85 year old": elderly (lay_words.py)
        # the drugs it asks about: those it names, else the conversation's latest
        named, scene = self.drugs_named(own)
        drugs = named
        for earlier in reversed(history if not drugs else ()):
            if drugs := self.drugs_named(earlier)[0]:
                break
        about = tuple(d for d in drugs if d in self.vocab.drugs.subject_drugs)  # the documents about them answer
        concepts, weights, names, bridges = self._concepts_of(own)
        theirs = self.vocab.drugs.subject_drugs  # (on_theirs: a text names a drug of theirs, or a word calls it "it")
        on_theirs = lambda text: text.lower() in ANAPHORS or bool(set(self.drugs_named(text)[0]) & theirs)  # noqa: E731
        # what the question itself asks of: not an example, a scene-setting sentence, what another drug is for
        own_ask = EXAMPLE_CLAUSE.sub(" ", without_purpose(without_scene(own), on_theirs))
        if self.bridges and self.settings.name_check:  # a disease the documents never mention is one too
            # (not an everyday word, "I catch every cold going"; nor an example, "e.g. bullous pemphigoid")
            diseases = [w for w in self.bridges.unknown_conditions(own_ask)
                        if english_counts().get(w.lower(), 0) < EVERYDAY_COUNT]
            medicines = asked_about(own, question, bool(before) and stands_alone, self.bridges.held_name, on_theirs)
            names = tuple(dict.fromkeys(names + tuple(diseases) + medicines))
        absent = self._absent_findings(own_ask, bridges, self.vocab.passages_about(about))
        names, listed = self._listed_beside_held(own, names, concepts)
        if not stands_alone:  # context: the earlier question's words and concepts, weighted down
            context = self.settings.context_weight
            earlier_concepts, earlier, _, _ = self._concepts_of(before)
            weights.update({t: context for t in earlier if t not in weights})
            asked = {form for c in concepts for form in c.forms}
            concepts += [Concept(c.word, c.forms, c.weight * context, c.name)
                         for c in earlier_concepts if not asked.intersection(c.forms)]
        asked = list(weights)
        for t in self._synonyms(asked):
            if t in self.vocab:
                weights.setdefault(t, self.settings.bridge_weight)
        # the drug every passage that may answer is about reads "it" (one asked about, or the documents')
        subjects = self.vocab.common_subjects | (self.vocab.drug_terms(about) if len(about) == 1 else frozenset())
        aged = own if stands_alone else text.removesuffix(question) + own  # (an age of the earlier question is context)
        embed = self._subject_as_it(aged, subjects) if self.settings.subject_as_it else aged
        if self.settings.embed_bridges and bridges:  # the dense side sees the clinical words too
            embed = f"{embed} ({'; '.join(w for _, w, _ in bridges)})"
        # what is asked for: a follow-up's own words say it first ("is that common?" wants a number), unless they
        # only take the place of words of the earlier question ("and in kids?" after an adult dose asks for a dose)
        asked = answer_kinds(question)  # (with no conversation, the text read is the question)
        kinds = (answer_kinds(text) + asked if stands_alone else asked + answer_kinds(text)) if before else asked
        if self._asks_what_the_drug_is(question, subjects):  # "what is dupixent, in simple terms?"
            kinds = ("definition",) + kinds
        # safe as a whole: asked alone, or "is it safe?" after "what is it for?"; not after "with ibuprofen?"
        whole = stands_alone or "verdict" in asked and {*answer_kinds(history[-1])[:1]} & OF_WHOLE
        kinds = tuple(dict.fromkeys(k for k in kinds if k != "verdict" or whole))
        # about the drug as a whole ("tell me about Keytruda", "what is it?"; not "how is it given?",
        # whose lay word is bridged to what it asks): its summaries answer, as a list
        overall = (not before and not bridges and set(kinds) <= {"definition"}
                   and not REASON.match(own)  # "why not?" asks a reason, never for the drug as a whole
                   and not SPECIFIC_ASK.search(own)  # nor does "who should not use it?"
                   and not set(named) - theirs  # nor one naming another drug ("can they give me omeprazole?")
                   and not any(c.weight >= WHOLE_WEIGHT for c in concepts if not c.in_terms(subjects)))
        # neither an example nor what "it" is taken with ("can I take it with omeprazole?") is what is asked about
        with_it = set(self.drugs_named(taken_with(own, called_it=True))[0]) - theirs
        if set(scene) & theirs:  # ... nor one to take, by someone on theirs ("I'm on Zoloft. Can
            with_it |= set(self.drugs_named(taken_with(own, to_take=True))[0]) - theirs  # I take tramadol?")
        mentioned = named if (plain := NAMED_EXAMPLES.sub(" ", own)) == own else self.drugs_named(plain)[0]
        passing = self._in_passing(tuple(d for d in mentioned if d not in with_it))[0]
        taken = set(self.drugs_named(taken_with(own))[0]) - theirs  # (nor is one taken with it weighed against it)
        weighed = self._in_passing(tuple(d for d in named if d not in taken), bool(COMPARES.search(question)))[1]
        return Query(question, embed, weights, tuple(c for c in concepts if c.weight > 0),
                     kinds, is_broad(question) or overall, read_as, names, tuple(b for b, _, _ in bridges),
                     passing_names=passing, weighed_against=weighed,
                     uncovered_topics=self._uncovered(text), listed_unknown=listed, leans_on=not stands_alone,
                     whole=overall, drugs=tuple(about), absent=absent)

    def _absent_findings(self, asked: str, bridges, within=None) -> tuple[str, ...]:
        """Side effects, symptoms, conditions a question (`asked`: no examples, no scene) names that the documents
        (`within`: about its drug) never mention by a name one passage holds whole, nor a phrase it bridged to such a
        name covers ("does it cause hair loss?" of documents never saying hair loss or alopecia). Not everyday words."""
        if not self.bridges:
            return ()
        used = {w for lay, _, forms in bridges if any(self.bridges.held(f, within) for f in forms)
                for w in lay.split(" → ")[0].split()}
        return tuple(w for w in self.bridges.unknown_conditions(asked, FINDINGS, within, whole=True)
                     if english_counts().get(w.lower(), 0) < EVERYDAY_COUNT and not set(words_of(w)) & used)

    def _asks_what_the_drug_is(self, question: str, subjects: frozenset[str]) -> bool:
        """Whether a question asks what the drug it is about is ("what is Dupixent
        exactly?", "whats dupilumab, in simple terms")."""
        return bool((word := what_is_asked(question)) and set(self.lexicon.expand(self.tokenize(word))) & subjects)

    def _subject_as_it(self, text: str, subjects: frozenset[str]) -> str:
        """The question as embedded: the drug every passage it can be answered from is
        about (that every document is about, or that it names and some documents are
        about), by any of its names, reads "it" ("its" for "Dupixent's"). Its name tells
        no passage from another, but lends its cosine to the few sentences that spell it
        out (the brand name's, most): "does Dupixent weaken your immune system" was
        answered "As of 2024, Dupixent carries indications spanning six disease areas"."""
        if not subjects:
            return text

        def swap(m: re.Match) -> str:
            terms = self.tokenize(m.group(1))  # a name alone, not "dupilumab-associated"
            if len(terms) == 1 and set(self.lexicon.expand(terms)) & subjects:
                return "its" if m.group(2) else "it"
            return m.group(0)
        return SUBJECT_WORD.sub(swap, text)

    def _listed_beside_held(self, question: str, names: tuple[str, ...],
                            concepts: list[Concept]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(unknown names, those of them listed beside a name the documents hold): "How does
        it affect serum IgE, TARC/CCL17 and FeNO?" can be answered for IgE and TARC, saying
        that FeNO is never mentioned. Never a drug, nor in a comparison: "Is it better than
        tralokinumab?" is about tralokinumab as much as about the drug the page is about."""
        held = [c.word for c in concepts if c.name and c.held(self.vocab)
                and not {t for f in c.forms for t in f} & self.vocab.subject_drugs]
        if not names or not held or COMPARES.search(question):
            return names, ()
        listed = []
        for name in names:
            if drug_like(name.lower()):
                continue
            for other in held:
                a, b = re.escape(other), re.escape(name)
                item = r"[^?.;:]{0,40}?(,|\band\b|&)[^?.;:]{0,40}?"  # items of one list
                if re.search(rf"\b{a}{item}{b}\b|\b{b}{item}{a}\b", question):
                    listed.append(name)
                    break
        return tuple(n for n in names if n not in listed), tuple(listed)

    def _uncovered(self, text: str) -> tuple[str, ...]:
        """The label topics (data/label_topics.tsv) the question asks about that no passage
        covers: "Is it safe in pregnancy?" of documents that never say pregnancy, fetal or
        lactation. A follow-up is read whole: "and for kids?" after a missed dose still asks
        about a missed dose."""
        words = words_of(text)
        return tuple(t.name for t in self.topics if t.asked(words) and not self._covers(t))

    def _covers(self, topic) -> bool:
        if topic.name not in self._covered:
            self._covered[topic.name] = any((terms := self.tokenize(phrase)) and all(t in self.vocab for t in terms)
                                            and self.vocab.passages_with(terms).size for phrase in topic.evidence)
        return self._covered[topic.name]

    def _concepts_of(self, question: str) -> tuple[list[Concept], dict[str, float], tuple[str, ...], list[str]]:
        """(concepts, BM25 term weights, names the documents lack, lay bridges used)."""
        examples = {w.lower() for m in EXAMPLE_CLAUSE.finditer(question) for w in re.findall(r"[\w-]+", m.group(2))}
        examples |= alternatives(question, lambda w: bool(terms := self.tokenize(w))  # offered as a choice
                                 and all(t in self.vocab for t in terms))
        explained = named_by_examples(question, lambda w: any(  # what the documents say of the examples answers
            t in self.vocab and t not in self.generic and not t.isdigit() for t in self.tokenize(w)))
        # "first" in "when was it first approved?" says which date is wanted (kinds.py), not
        # what the question is about: no sentence is closer for saying "the first drug approved"
        asking = {m.group(1).lower() for m in EARLIEST_ASKED.finditer(question)}
        concepts: list[Concept] = []
        names: list[str] = []
        scene, kin = background_spans(question), [m.span(1) for m in POSSESSED_KIN.finditer(question)]  # whom it is for
        for word, starts, at in words_at(question):
            word = word.strip(".'’")
            lowered = word.lower()
            terms = self.tokenize(word)
            if not terms or lowered in ANAPHORS:
                continue
            setting = [past for a, b, past in scene if a <= at < b]
            # one taken now ("I'm on lisinopril") may be what it is asked with: no unknown name
            scene_word = bool(setting) and (self._looks_like_name(word, starts) or bool(self.vocab.drugs.named(terms)))
            if scene_word and any(setting):
                continue  # a drug no longer taken ("I have tried tacrolimus") is not what is asked about
            # a name the consumer-health vocabulary knows, for what the documents hold, is no unknown name ("MMR")
            name = self._looks_like_name(word, starts) and not (self.bridges and self.bridges.knows(word))
            generic = (stem(lowered) in self.generic or all(t in self.generic for t in terms)  # "she's": she
                       or stem(re.sub(r"['’]", "", lowered)) in self.generic  # "doesn't": doesnt
                       or lowered in asking or any(a <= at < b for a, b in kin))
            if self.settings.typo_correction:
                terms = [self.vocab.correct(t, lowered if len(terms) == 1 else "") or t for t in terms]
            head, _, tail = word.rpartition("-")  # a name and a word hung on it ("AIDS-associated"; not "C-cell")
            hung = len(head) > 1 and len(tail) > 2 and tail.islower() and stem(tail) in english_stems()
            held = [t in self.vocab or bool(self.vocab.numbered(t)) for t in terms]
            # a code ("LIBERTY-ALOPECIA-7") is held only whole; a name with words hung on it when its identifier is
            code = "-" in word and not any(part.islower() for part in word.split("-"))
            # ... or written apart, as the documents write it ("type-2" for "type 2")
            apart = tuple(t for part in word.split("-") for t in self.tokenize(part)) if "-" in word else ()
            apart_held = bool(apart) and all(t in self.vocab for t in apart) and not held[0]
            if (name and not (apart_held or (held[0] if code else any(held))) and lowered not in examples
                    and lowered not in explained and not scene_word):
                names.append(CONTRACTION.sub("", word))  # "lebrikizumab's": lebrikizumab
            for k, term in enumerate(terms):
                if k == 0 and len(terms) > 1 and not held[0] and any(held[1:]):
                    continue  # "CYP450-mediated" joined is not in the documents; its parts are
                synonyms = self._synonyms([term])
                forms = ((term,),) + tuple((t,) for t in synonyms if t in self.vocab and t != term)
                forms += tuple((t,) for t in self.vocab.numbered(term) if (t,) not in forms)  # "IgG": IgG4
                if k == 0 and apart_held:
                    forms += (apart,)
                # a concept weighs as its most common form: a brand name weighs as its generic
                weight = min(self.vocab.idf(f[0]) for f in forms)
                if term.isdigit():
                    continue  # a number is not what the question is about
                if lowered in examples:  # "like pen or syringe": still what the question is about
                    weight *= EXAMPLE_WEIGHT
                if not (name or term in self.vocab or lowered not in english_words()
                        or (stem(lowered) in self.medical and english_counts().get(lowered, 0) < EVERYDAY_COUNT)):
                    weight *= EVERYDAY_WEIGHT  # an everyday word the documents lack ("nurse", "won")
                # a name with words hung on it ("CYP450-mediated"): the words and whole are no names; its identifier is
                named = name and (len(terms) == 1 or term not in english_stems() and not (k == 0 and hung))
                concepts.append(Concept(word, forms, 0.0 if generic else weight, named))
        weights = {c.term: 1.0 for c in concepts if c.term in self.vocab}
        bridges: list[tuple[str, str, list]] = []  # (lay -> clinical, those as written, the clinical forms)
        for key, clinical, written in self.bridges.phrases(question) if self.bridges else ():
            bridges.append((f"{' '.join(key)} → {'; '.join(map(' '.join, clinical))}", ", ".join(written), clinical))
            for form in clinical:
                for t in form:
                    weights.setdefault(t, self.settings.bridge_weight)
            for k, c in enumerate(concepts):
                if (not c.name or tuple(words_of(c.word)) == key) and set(words_of(c.word)) & set(key):  # a name whole
                    weight = c.weight
                    if c.term not in self.vocab and weight:  # weighs as the rarest clinical form
                        weight = max(min(self.vocab.idf(t) for t in f) for f in clinical)
                    concepts[k] = Concept(c.word, c.forms + tuple(clinical), weight, c.name)
        return concepts, weights, tuple(dict.fromkeys(names)), bridges

    def _in_passing(self, drugs: tuple[int, ...], compares: bool = False) -> tuple[tuple[str, ...], tuple]:
        """The drugs a question asks about that no document is about, though some mention them, when it
        asks about no drug a document is about: "How does benralizumab deplete eosinophils?" of a page on
        dupilumab that lists benralizumab once. One weighing a drug they are about against such a drug
        (`compares`) is answered only by a sentence weighing them (judge): "how does semaglutide compare with
        tirzepatide?" by "tirzepatide produced greater weight loss than semaglutide"; "is omalizumab better
        than dupilumab?" not by "dupilumab + omalizumab + OIT". The passing names, and each weighed one's."""
        others = tuple(self.vocab.drugs.drugs[d] for d in drugs if d not in self.vocab.drugs.subject_drugs)
        if len(others) == len(drugs):
            return tuple(d.names[0] for d in others), ()
        return (), tuple(tuple(d.names) for d in others) if compares else ()

    def _synonyms(self, terms: list[str]) -> list[str]:
        """Other terms for these: corpus-learned ones (abbreviations, brand and generic names)
        and the -age noun of a word, or its word ("dosage", "dose": Vocabulary.derived)."""
        return self.lexicon.expand(terms)[len(terms):] + [d for t in terms for d in self.vocab.derived(t)]

    def _looks_like_name(self, word: str, starts: bool) -> bool:
        """A drug, gene, protein or trial name: an INN ending, letters with digits (not a dose), two
        capitals, a capitalised word inside a sentence that is no English word, or a
        lower-case word of five letters or more that is no English word at all (not in a
        160k-word list, in either spelling), nor a lay health word ("rinvoq", "metformin")."""
        plain = CONTRACTION.sub("", word.strip(".-'"))  # "We've": we
        lowered = plain.lower()
        if drug_like(lowered) and lowered not in english_words():
            return True
        if len(re.findall(r"[A-Za-z]", plain)) >= 2 and re.search(r"\d", plain) and len(plain) >= 3:
            return not number_and_unit(plain)  # a dose ("10mg") is read as "10 mg" is
        if sum(ch.isupper() for ch in plain) >= 2 and len(plain) >= 3 and stem(lowered) not in self.generic:
            return True
        if (not starts and plain[:1].isupper() and plain[1:].islower() and len(plain) >= 4
                and lowered not in english_words() and stem(lowered) not in self.generic):
            return True
        if not (plain.isalpha() and plain.islower() and len(plain) >= 5) or is_english(plain) or unapostrophed(plain):
            return False
        if stem(plain) in self.generic or stem(plain) in self.medical:
            return False
        terms = self.tokenize(plain)  # a misspelt corpus word ("conjuctivitis") is no name
        return not (self.settings.typo_correction and terms and self.vocab.correct(terms[0], plain) is not None)
