"""Whether the quotes answer: decide when nothing does.

The answer is withheld when the question names something the documents never mention
(a drug, gene or trial, or a year it asks about) or a label topic none covers (pregnancy,
storage), asks for an amount, a dose (for a child's weight: by weight) or a price no quote
gives (a next best sentence quoted beside the best one does not count), or how soon it works
(reading/onset.py) or whether it cures or is taken for life (reading/course.py) and no quote
says, when no sentence of
the best passages is even slightly close to it, or when a logistic model over the evidence
(benchmarks/calibrate.py) finds it unlikely that the quotes answer; a summary saying what
the drug is answers a question about the drug as a whole, however vague, the
instructions for an act a question asking how to do it ("how should I take it?"), a
sentence naming the drug by another of its names one asking what else it is called, and one
saying what class the drug is one asking whether it is a kind of thing ("is it a steroid?").
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .quotes import SPECIFIC_KINDS, Quote, says_other_name_of
from .retrieve import Hit, Retriever
from ..settings import Settings
from ..reading.kinds import PRICE, gives_dose, holds_kind, holds_quantity, wants_dose, wants_quantity
from ..reading.comparisons import weighs
from ..reading.other_names import asks_other_name
from ..reading.query import Query, named_years
from ..language.text import by_body_weight, spells_out, writes_out_beside
from ..language.wordlists import words_of

FEATURES = ("unmatched", "coverage", "passage_coverage", "quote_coverage", "quote_cosine", "best_cosine",
            "kind_held", "rarest_quoted", "rarest_in_passage", "broad", "repeats")
READER_FEATURES = FEATURES + ("reader",)  # ... and how likely the reader finds it that a quote answers
QUOTED_KINDS = (("onset",), ("course",))  # asked first, some quote must hold the kind (how soon, whether for life)


@dataclass(frozen=True)
class Evidence:
    """What the evidence for an answer looks like, and whether it is enough."""
    features: dict[str, float]  # FEATURES, each in [0, 1]
    confidence: float  # calibrated probability that the quotes answer the question
    unknown_names: tuple[str, ...]  # names the documents never mention
    found: bool
    passing_names: tuple[str, ...] = ()  # drugs asked about that the documents mention only in passing
    uncovered_topics: tuple[str, ...] = ()  # label topics asked about that no document covers
    earlier_unanswered: str = ""  # the earlier question a follow-up leans on, which the documents do not answer
    quoted: frozenset[int] = frozenset()  # the index rows of the sentences quoted (none when declined)


def judge(retriever: Retriever, hits: list[Hit], query: Query, unit_cos: np.ndarray,
          settings: Settings, quotes: list[Quote], look_at: int = 3,
          earlier_quoted: frozenset[int] = frozenset()) -> Evidence:
    """Weigh the evidence: a question naming something the documents never mention,
    asking about a drug they mention only in passing (or weighing theirs against one, where no
    quote weighs them), or about a label topic no document
    covers (pregnancy, storage), is declined outright; one about a drug it names (or calls
    "it") as a whole is answered by summaries saying what the drug is, one asking how to
    do something by the instructions for it that hold the rest it asks, and one asking whether it is a
    kind of thing by a sentence saying what class it is (_says_what_it_is); otherwise a logistic
    model over the features below (benchmarks/calibrate.py) says how likely the quotes answer.
    `earlier_quoted`: for a follow-up, the sentences the answer to the question it follows quoted."""
    shown = frozenset(q.row for q in quotes)  # what a follow-up would repeat, the rest of a list included
    quotes = [q for q in quotes if not q.listed]  # (which is only shown: the quotes chosen are weighed)
    names = query.unknown_names if settings.name_check else ()
    # ... and a year it names that they never mention is as unknown ("the 2018 meta-analysis", "its sales in 2023")
    if settings.name_check:
        names += tuple(y for y in named_years(query.question) if y not in retriever.vocab.years)
    # an initialism the passages retrieved write out is no unknown name ("NSCLC": non-small cell lung cancer), nor
    # one the question writes out beside it ("heart failure with preserved ejection fraction (HFpEF)": its words ask)
    names = tuple(n for n in names if not writes_out_beside(n, query.question)
                  and not any(spells_out(n, retriever.data.chunks[h.chunk].text) for h in hits))
    # what is asked for must be in a sentence quoted for what it answers (with the words it leans on), the best or
    # the one holding what the best lacks, not one quoted beside the best as the next best
    answering = [q for q in quotes if not q.beside]
    passing = query.passing_names if settings.name_check else ()
    # a drug mentioned in passing that the question weighs theirs against: answered only where a quote weighs them
    if query.weighed_against and settings.name_check:
        own = tuple(n for d in query.drugs for n in retriever.vocab.drugs.drugs[d].names)
        passing += tuple(other[0] for other in query.weighed_against
                         if not any(weighs(q.text, other, own, query.question) for q in answering))
    topics = query.uncovered_topics if settings.topic_check else ()
    # asked how many or how much, an answer that says no amount does not answer ("what percentage had zoster?":
    # "zoster was more frequent with 30 mg")
    amount_held = not wants_quantity(query.question) or any(holds_quantity(q.text, query.question) for q in answering)
    # ... and asked for a dose, one that gives none does not ("what is the recommended dose for children?":
    # "approved for asthma in patients aged 12 and older")
    dosed = wants_dose(query.question)
    dose_held = not dosed or any(gives_dose(q.text) for q in answering)
    # ... and asked for a child's dose by body weight, one that goes by none: a flat dose, or a trial's arm ("what's the
    # dose for a 20 kg child?": "patients receiving 300 mg every other week"; "25 mg/kg a day" goes by weight)
    weighed = query.weighs_a_child and (dosed or "dose" in query.kinds[:1])
    dose_held = dose_held and (not weighed or any(gives_dose(q.text) and by_body_weight(q.text) for q in answering))
    # ... and asked what it costs, one that names no price ("how much does it cost?": "admissions and costs")
    price_held = not PRICE[0].search(query.question) or any(PRICE[1].search(q.text) for q in answering)
    # ... and asked how soon it works, none that gives a time but not the time to an effect ("how long does it take
    # to start working?": "the elimination half-life was about 15.5 days"), or whether it cures or is taken for life,
    # none that says so (reading/course.py: "does it cure eczema?": "approved for adults with atopic dermatitis"); one
    # beside the best counts here (an onset is seldom said by chance, as a number is; required of the best, tuning
    # cost rose by 2)
    kind_said = query.kinds[:1] not in QUOTED_KINDS or any(holds_kind(q.text, query.kinds[0]) for q in quotes)
    features = evidence_features(retriever, hits, query, unit_cos, quotes, amount_held, look_at)
    # a follow-up asks for more than the answer before it gave: quoting only what that quoted
    # again is weak evidence ("how common is that?" after "can it cause pancreatitis?")
    quoted = frozenset(q.row for q in quotes)
    features["repeats"] = float(bool(quoted) and quoted <= earlier_quoted)
    read = [q.read for q in quotes if q.read is not None]
    if read:  # the reader read the quotes: it has its say
        features["reader"] = float(1 / (1 + np.exp(-max(read))))
        names_, weights, threshold = READER_FEATURES, settings.reader_abstain_weights, settings.reader_abstain_threshold
    else:
        names_, weights, threshold = FEATURES, settings.abstain_weights, settings.abstain_threshold
    if len(weights) != len(names_) + 1:
        raise ValueError(f"abstention weights need {len(names_) + 1} numbers (intercept first, then "
                         f"{', '.join(names_)}), not {len(weights)}: refit with python -m benchmarks.calibrate")
    z = weights[0] + sum(w * features[f] for w, f in zip(weights[1:], names_))
    confidence = float(1 / (1 + np.exp(-z)))
    of_theirs = bool(query.drugs or {"it", "its", "this"} & set(words_of(query.question)))  # their drug, or "it"
    summarised = (query.whole and of_theirs and all(retriever.summaries[hits[q.rank].chunk] for q in quotes)
                  and any(holds_kind(q.text, "definition") for q in quotes))  # not "hi, how are you?"
    # asked whether it is a kind of thing ("is it a steroid?"), a sentence saying what it is answers, whether it names
    # that kind or another ("RINVOQ is a Janus kinase (JAK) inhibitor"): of their drug, or "it" where no other is named
    defined = (query.kinds[:1] == ("definition",) and of_theirs
               and (bool(query.drugs) or not any(retriever.question_reader.drugs_named(query.question)))
               and any(_says_what_it_is(retriever, query, q.text) for q in answering))
    # asked how to do something ("how should I take it?"), the instructions for it answer, however few the
    # question's words, when they hold all the rest it asks about
    instructed = (bool(query.acts) and bool(quotes)
                  and all(retriever.under_instructions(query.acts)[hits[q.rank].chunk] for q in quotes)
                  and (features["quote_coverage"] >= 1.0 or not any(c.weight >= 1.0 for c in query.concepts)))
    # asked what else the drug is called, a sentence saying it answers ("Eliquis contains the active substance
    # apixaban")
    renamed = (asks_other_name(query.question, bool(query.drugs))
               and any(says_other_name_of(retriever, query, q.text) for q in answering))
    found = (not names and not passing and not topics and bool(quotes) and not _asks_about_absent(query)
             and amount_held and dose_held and price_held and kind_said
             and (summarised or instructed or renamed or defined
                  or (features["best_cosine"] >= settings.min_cosine and confidence >= threshold)))
    return Evidence(features, confidence, names, found, passing, topics, quoted=shown if found else frozenset())


def _says_what_it_is(retriever: Retriever, query: Query, text: str) -> bool:
    """Whether a sentence says what their drug is by a class of its own: it opens with one of the
    drug's names, or "It", and names its class ("RINVOQ is a Janus kinase (JAK) inhibitor"; not
    "Zetamab is a prescription medicine", nor "Tell your doctor if you are taking other medicines")."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    names = retriever.vocab.drug_terms(query.drugs or tuple(sorted(retriever.vocab.drugs.subject_drugs)))
    return ((first.lower() == "it" or bool(set(retriever.tokenize(first)) & names))
            and holds_kind(text, "definition") and holds_kind(text, "class"))


def _asks_about_absent(query: Query) -> bool:
    """Whether what a question asks about most (its heaviest concept but the names in it: "can Farxiga
    cause hair loss?" asks about hair loss) is a side effect, symptom or condition the documents never
    mention ("does it cause hair loss?")."""
    heaviest = max((c for c in query.concepts if not c.name), key=lambda c: c.weight, default=None)
    if not query.absent or heaviest is None:
        return False
    return bool(set(words_of(heaviest.word)) & {w for phrase in query.absent for w in words_of(phrase)})


def evidence_features(retriever: Retriever, hits: list[Hit], query: Query, unit_cos: np.ndarray,
                      quotes: list[Quote], amount_held: bool, look_at: int = 3) -> dict[str, float]:
    """unmatched: IDF share of the question's focus found nowhere in the documents;
    coverage: share found in the top passages together, passage_coverage: in the best
    single one; quote_coverage: in the quoted sentences together (with their headings);
    quote_cosine and best_cosine: the quote's and the best sentence's cosine with the
    question; kind_held:
    whether a quote holds the kind of answer asked for (a date, dose, number or age), and
    (`amount_held`) a share, rate or head count when asked how common, how many or by how much;
    rarest_quoted and rarest_in_passage: whether the question's most specific concept is
    in a quote (with its headings) or in its passage; broad: whether the question wants a
    list (each of whose quotes holds only part of it). (judge adds repeats: whether a
    follow-up quotes only what the answer before it quoted.)"""
    vocab = retriever.vocab
    focus = query.concepts
    total = sum(c.weight for c in focus) or 1.0
    top = [h.chunk for h in hits[:look_at]]

    def share(test) -> float:
        return sum(c.weight for c in focus if test(c)) / total if focus else 0.0

    rows = np.concatenate([retriever.rows(c) for c in top]) if top else np.zeros(0, dtype=np.int64)
    quote_cos, kind_held = 0.0, not any(k in SPECIFIC_KINDS for k in query.kinds[:1])
    rarest = max(focus, key=lambda c: c.weight, default=None)
    rarest_quoted = rarest_in_passage = 0.0
    quoted: set[str] = set()
    for q in quotes:
        own = q.terms | retriever.heading_terms(hits[q.rank].chunk)
        quoted |= own
        quote_cos = max(quote_cos, float(unit_cos[q.row]))
        kind_held = kind_held or holds_kind(q.text, query.kinds[0])
        if rarest is not None:
            rarest_quoted = max(rarest_quoted, float(rarest.in_terms(own)))
            rarest_in_passage = max(rarest_in_passage, float(rarest.in_docs(vocab, {hits[q.rank].chunk})))
    return {
        "unmatched": query.unmatched(vocab),
        "coverage": share(lambda c: c.in_docs(vocab, set(top))),
        "passage_coverage": max((share(lambda c: c.in_docs(vocab, {t})) for t in top), default=0.0),
        "quote_coverage": share(lambda c: c.in_terms(quoted)),
        "quote_cosine": max(0.0, quote_cos),
        "best_cosine": max(0.0, float(unit_cos[rows].max())) if rows.size else 0.0,
        "kind_held": float(kind_held and amount_held),
        "rarest_quoted": rarest_quoted,
        "rarest_in_passage": rarest_in_passage,
        "broad": float(query.broad),
    }
