"""Extractive answers: pick the sentence(s) that answer.

A sentence's score adds its own cosine with the question, the IDF-weighted share of the question's
terms it contains, the score of the passage it sits in, and a bonus when it holds the kind of answer
asked for. A narrow question gets its best sentence and, where there is one, a second: one nearly as
good holding the part of the question the best one lacks, else the next best that is not standing
advice and sits in the best one's passage or holds something the question asks about (asked "is it
a steroid?", sentences saying what the drug is); the best one's passage first; a broad one ("what
are the side effects?") gets up to `max_quotes` distinct sentences from different passages, best
first; a list asked for, whole. Whether they answer at all is judge.py's to say.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from .dates import asks_first_date, earliest_favoured, earliest_lead
from .lists import asks_for_list, says_no_use
from .retrieve import Hit, Retriever
from ..settings import Settings
from ..reading.kinds import about_the_document, asked_to_name, boilerplate, holds_kind, names_it
from ..reading.instructions import circumstance
from ..reading.other_names import asks_other_name, says_other_name
from ..reading.query import Query
from ..language.text import amounts

SPECIFIC_KINDS = ("date", "dose", "headcount", "number", "elderly", "age", "definition")  # a quote holds or lacks
NAMED_BONUS = 0.5  # a sentence saying what the thing asked about is ("The primary endpoint was ...")
META_PENALTY = 0.5  # a sentence about the document itself (a table, a page, how it was made)
WHOLE_INSTRUCTIONS = 3  # a passage of instructions with fewer sentences than this left unquoted is quoted whole
SPECIFIC_BONUS = 2.0  # a quote asked for a date or a dose that holds none rarely answers: twice the bonus
COMPLEMENT_SHARE = 0.15  # the second sentence of a narrow answer holds this much of the question the first lacks
IDENTIFIER = re.compile(r"([a-z]{3,})\d+$")  # letters, then digits: nct06477653
NAME_WORD = re.compile(r"\b[A-Z][A-Z0-9-]{2,}\b")  # a word of capitals: BOREAS, SINUS-52, NCT06477653
ITEM_NAME_PASSAGES = 3  # a name in at most this many passages names one item of a list
TOPIC_WORDS = (4, 8)  # a sentence of this many words announces what the next says (fewer: a list's item)
# a sentence that opens by pointing back ("These thresholds came from...", "Such reactions...", "They were...")
REFERS_BACK = re.compile(r"^\W*(these|those|such|this|that|they|both|neither)\b(?! who\b)", re.I)  # not "Those who..."
# ... or speaks of the people the one before named ("people in this age group", "these older patients")
NAMES_BACK = re.compile(r"\bthis (age )?(group|population)\b|\bthese ((?!to\b|for\b|in\b|with\b)[a-z-]+ )?"
                        r"(groups|populations|people|patients|adults|children)\b", re.I)
# a sentence that announces what follows ("Other side effects may occur with the following frequencies.",
# "Tell your doctor if any of the following applies to you:")
ANNOUNCES = re.compile(r":\s*$|\bthe following\b(?!\s+(day|week|month|year|morning|night|dose|visit)s?\b)|\bas follows\b|"
                       r"\b(?:listed|given|shown|set out|described) below\b", re.I)  # (not "by the following day")
LIST_SEPARATOR = re.compile(r",\s|;\s|\band\b|\bor\b")  # between the items of a list


@dataclass(frozen=True)
class Quote:
    rank: int  # index into the hits (the passage it cites)
    start: int  # document offsets of the quoted sentence
    end: int
    score: float
    row: int  # its embedded unit (the row of its vector)
    text: str  # the sentence, verbatim
    terms: frozenset[str]  # its index terms and their learned synonyms
    read: float | None = None  # the reader model's logit for it, when it was read
    own: float | None = None  # its score before the reader's (when it was read)
    beside: bool = False  # quoted beside the best only as the next best (not as what the best lacks): judge.py
    listed: bool = False  # quoted only as an item of the list another quote is of (_in_context): shown, not judged


def sentence_terms(retriever: Retriever, text: str) -> frozenset[str]:
    """A sentence's index terms, their learned synonyms, an identifier's letters ("NCT" of NCT06477653)."""
    tokens = retriever.tokenize(text)
    return frozenset(retriever.data.lexicon.expand(tokens)) | {m.group(1) for t in tokens if (m := IDENTIFIER.match(t))}


def score_sentences(retriever: Retriever, hits: list[Hit], query: Query, unit_cos: np.ndarray,
                    type_weight: float, look_at: int = 3, term_weight: float = 0.25,
                    passage_weight: float = 1.0, list_weight: float = 0.0, label_weight: float = 0.0) -> list[Quote]:
    """Every sentence of the first `look_at` passages, scored, best first. A fact whose label the question names
    ("Drug Class" for "what drug class is it?") scores `label_weight` more: the label says what its value is."""
    data = retriever.data
    weights = {t: w * retriever.vocab.idf(t) for t, w in query.weights.items()}
    total = sum(weights.values()) or 1.0
    kind = retriever.asked_kind(query.kinds)
    bonus = type_weight * (SPECIFIC_BONUS if kind in SPECIFIC_KINDS else 1.0)
    asked = set(query.weights)
    # "what was the primary endpoint?": "The primary endpoint was ..." (not in a list, whose
    # passages each give their best sentence: there it would only reorder them)
    thing = None if query.broad else asked_to_name(query.question)
    scored: list[Quote] = []
    for rank, hit in enumerate(hits[:look_at]):
        chunk = data.chunks[hit.chunk]
        opens = False  # a passage that opens by speaking of the document ("This page was generated by...") goes on so
        for k, row in enumerate(retriever.rows(hit.chunk)[1:]):  # row 0 is the whole passage
            s, e = (int(x) for x in data.unit_span[row])
            text = chunk.text[s - chunk.start:e - chunk.start]
            meta = about_the_document(text)
            opens = meta if k == 0 else opens
            meta = meta or opens or boilerplate(text, about=False)
            own = sentence_terms(retriever, text)
            overlap = sum(w for t, w in weights.items() if t in own) / total
            score = (float(unit_cos[row]) + term_weight * overlap + passage_weight * hit.score
                     + bonus * bool(kind and holds_kind(text, kind)))
            if label_weight and chunk.labels:
                label = set(retriever.tokenize(chunk.labels[k].partition(":")[0]))
                score += label_weight * bool(label and label <= asked)
            if thing and names_it(text, thing):
                score += NAMED_BONUS
            if meta:  # "This table shows...": navigation, quoted only when nothing else is near
                score -= META_PENALTY
            if list_weight:  # a question that wants a list is best answered by sentences that list
                score += list_weight * min(1.0, len(LIST_SEPARATOR.findall(text)) / 4)
            scored.append(Quote(rank, s, e, score, int(row), text, own))
    if query.leans_on and asks_first_date(query.text, query.kinds):
        scored = earliest_favoured(scored, bonus)
    scored.sort(key=lambda q: -q.score)
    return scored


def read_sentences(reader, retriever: Retriever, hits: list[Hit], query: Query, scored: list[Quote],
                   settings: Settings, contenders_only: bool = False) -> list[Quote]:
    """The best `reader_candidates` sentences read by the reader model with the question:
    each scores `reader_weight` x the probability it gives that it answers more (boilerplate
    none: it says nothing of the medicine), and carries its logit; best first.
    `contenders_only` (an answer that quotes the first): the best is read alone, then only
    those that could still pass it as read."""
    if reader is None or not scored:
        return scored

    def read(quotes: list[Quote]) -> list[Quote]:
        texts = [_as_read(retriever, hits, q, settings.heading_context) for q in quotes]
        logits = reader.logits(query.text, texts) if quotes else []
        # what says nothing of the medicine (navigation, standing advice) is never lifted by it
        return [replace(q, score=q.score + settings.reader_weight * float(1 / (1 + np.exp(-logit)))
                        * (not boilerplate(q.text)), read=float(logit), own=q.score) for q, logit in zip(quotes, logits)]

    top = scored[:settings.reader_candidates]
    done = read(top[:1] if contenders_only else top)
    if contenders_only:  # one further below than reader_weight stays below however it is read
        done += read([q for q in top[1:] if q.score > done[0].score - settings.reader_weight])
    rows = {q.row for q in done}
    return sorted(done + [q for q in scored if q.row not in rows], key=lambda q: -q.score)


def says_other_name_of(retriever: Retriever, query: Query, text: str) -> bool:
    """Whether a sentence says what else a drug the question asks about (else one the
    documents are about) is called ("Eliquis contains the active substance apixaban")."""
    drugs = retriever.vocab.drugs
    return any(says_other_name(text, drugs.drugs[d].names) for d in query.drugs or sorted(drugs.subject_drugs))


def unread_score(quote: Quote) -> float:
    """A sentence's score before the reader read it."""
    return quote.score if quote.own is None else quote.own


def choose_quotes(retriever: Retriever, hits: list[Hit], query: Query, unit_cos: np.ndarray,
                  settings: Settings, *, look_at: int = 3, term_weight: float = 0.25,
                  type_weight: float | None = None, reader=None) -> list[Quote]:
    """The quotes that answer: for a narrow question the best sentence and a second (what
    the best lacks, else the next best: see _complement); for a broad one the
    best sentence of each of several passages. With a reader model, the best-scoring
    sentences (of `reader_passages` passages) are read with the question and rescored."""
    type_weight = settings.type_weight if type_weight is None else type_weight
    if query.whole and settings.summary_weight:  # "tell me about Keytruda": what its summaries open with
        opening = _summary_quotes(retriever, hits, query, unit_cos, settings, type_weight)
        if opening:
            return opening
    if query.broad and settings.broad_answers and settings.max_quotes > 1:
        broad = _broad_quotes(retriever, hits, query, unit_cos, settings, type_weight, reader)
        return _in_context(retriever, hits, query, broad)
    scored = score_sentences(retriever, hits, query, unit_cos, type_weight,
                             max(look_at, settings.reader_passages) if reader is not None else look_at, term_weight,
                             label_weight=settings.label_weight)
    names = query.held_names(retriever.vocab, settings.name_weight) if settings.name_check else []
    if names:  # a question about named drugs, genes or trials is answered from a passage naming them
        # (all of them, where one does; else as many as any passage names: "IgE and IgG4" may be answered in two places)
        named = [sum(_names(retriever, hits, q, c) for c in names) for q in scored]
        most = max(named, default=0)
        scored = [q for q, n in zip(scored, named) if n == most and n > 0]
    if asks_other_name(query.question, bool(query.drugs)):  # "what is the generic name of Humira?": naming it two ways
        scored = [q for q in scored if says_other_name_of(retriever, query, q.text)] or scored
    if query.kinds[:1] == ("definition",):  # "is it a steroid?" is answered by what it is, if in reach
        scored = [q for q in scored if holds_kind(q.text, "definition")] or scored
    asked = query.amounts
    if asked:  # "and on the 5 mg dose?" by a sentence naming 5 mg, not 15 mg, if in reach (a table row by its columns;
        # one naming none, by its passage's if those are all asked: "randomized to 2.4 mg or placebo. After 68 weeks")
        scored = [q for q in scored if asked & (amounts(_as_read(retriever, hits, q)) or (
            said if (said := amounts(retriever.data.chunks[hits[q.rank].chunk].text)) <= asked else set()))] or scored
    if query.acts:  # "how do I take it?" by the instructions for taking it, if in reach
        instructions = retriever.under_instructions(query.acts)
        scored = [q for q in scored if instructions[hits[q.rank].chunk]] or scored
    scored = read_sentences(reader, retriever, hits, query, scored, settings, contenders_only=True)
    if not scored:
        return []
    # "is it safe?" is led by what the documents judge of it, if in reach; "how many took part?" (so asked in its own
    # words where they ask anything: not "how many countries?" after it) by the head count in the best one's passage
    lead = (next((q for q in scored if holds_kind(q.text, "verdict")), None) if query.kinds[:1] == ("verdict",) else
            next((q for q in scored if q.rank == scored[0].rank and holds_kind(q.text, "headcount")), None)
            if "headcount" in (query.own_kinds or query.kinds)[:2] else None)
    focus = [c for c in query.concepts if c.weight >= 1.0]
    if lead is None and asks_first_date(query.question, query.kinds):  # "when first approved?"
        lead = earliest_lead(scored[:settings.reader_candidates], focus, lambda q: _terms(retriever, hits, q))
    scored = [lead] + [q for q in scored if q is not lead] if lead is not None else scored
    # two sentences: the best, and the one holding the part of the question it lacks, else the next best (which
    # of two sentences scored alike answers, their scores rarely tell; the reader's included), from the best's
    # passage or holding something the question asks about (not "Do not freeze it" after how often it is taken)
    quotes = scored[:1] + ((_complement(retriever, hits, query, scored, settings)
                            or [replace(q, beside=True) for q in scored[1:] if not boilerplate(q.text) and (
                                q.rank == scored[0].rank or not focus
                                or any(c.in_terms(_terms(retriever, hits, q)) for c in focus))][:1])
                           if settings.second_quote else [])
    best = scored[0].rank  # its passage first
    if query.acts and retriever.under_instructions(query.acts)[hits[best].chunk]:  # "how do I take it?": a few
        quoted = {q.row for q in quotes}  # instructions, all of them (not what to do if a dose is forgotten)
        rest = [int(r) for r in retriever.rows(hits[best].chunk)[1:] if int(r) not in quoted]  # (row 0: the whole)
        if len(rest) < WHOLE_INSTRUCTIONS:
            quotes += [replace(q, beside=True) for q in scored if q.row in rest and not boilerplate(q.text)
                       and not about_the_document(q.text) and not circumstance(q.text)]
    return sorted(_in_context(retriever, hits, query, quotes), key=lambda q: (q.rank != best, q.rank, q.start))


def _in_context(retriever: Retriever, hits: list[Hit], query: Query, quotes: list[Quote]) -> list[Quote]:
    """The quotes, each with the words of its passage it leans on: the sentence before one opening by pointing
    back ("These thresholds came from DREAM analyses"); the sentence after a short one opening its passage
    ("The trial has limitations."; not a row nor an item), or speaking of the people it named ("The exception is
    adults 65 years and older." before "people in this age group..."); for an item of a list, its lead-in ("Do
    not use Ozempic:"), and the list's other items where the list is asked for (lists.asks_for_list), shown but
    not judged (`listed`); after one announcing what follows ("... with the following frequencies."), that."""
    out = list(quotes)
    for q in quotes:
        chunk = retriever.data.chunks[hits[q.rank].chunk]
        first = int(retriever.bounds[hits[q.rank].chunk]) + 1  # the passage's first sentence (row 0: the whole)
        end = int(retriever.bounds[hits[q.rank].chunk + 1])  # (past its last)

        def add(s: int, e: int, row: int, listed: bool = False) -> str:  # the words at offsets s:e of q's passage
            text = chunk.text[s - chunk.start:e - chunk.start]
            if all((o.rank, o.start) != (q.rank, s) for o in out):
                out.append(Quote(q.rank, s, e, q.score, row, text, sentence_terms(retriever, text), beside=q.beside,
                                 listed=listed))
            return text
        short = (TOPIC_WORDS[0] <= len(q.text.split()) <= TOPIC_WORDS[1] and q.text[:1].isupper()
                 and q.text.rstrip().endswith(".") and "|" not in q.text)
        after = chunk.unit_text(q.row + 1 - first, headings=False) if q.row + 1 < end else ""  # the next sentence
        step = (-1 if REFERS_BACK.match(q.text) and q.row > first else
                int(short and (q.row == first or bool(NAMES_BACK.search(after)))))
        if step and q.row + step < end:
            add(*(int(x) for x in retriever.data.unit_span[q.row + step]), q.row + step)
        row, text = q.row, q.text
        while ANNOUNCES.search(text) and row + 1 < min(q.row + 3, end):
            row += 1  # what it announces (another announcement: what that one announces)
            text = add(*(int(x) for x in retriever.data.unit_span[row]), row)
        lead = chunk.lead_in()
        if lead:  # a list's lead-in: the passage's words before its first item
            add(chunk.start + len(lead) - len(lead.lstrip()), chunk.start + len(lead), q.row)
            if asks_for_list(query, sentence_terms(retriever, lead), retriever.heading_terms(hits[q.rank].chunk),
                             frozenset().union(*(o.terms for o in quotes if o.rank == q.rank))):
                for row in range(first, end):
                    add(*(int(x) for x in retriever.data.unit_span[row]), row, listed=True)
    return out


def _as_read(retriever: Retriever, hits: list[Hit], quote: Quote, headings: bool = True) -> str:
    """A quoted sentence as it is read: after its heading, a table's row with its columns' names."""
    chunk = hits[quote.rank].chunk
    return retriever.data.chunks[chunk].unit_text(quote.row - int(retriever.bounds[chunk]) - 1, headings)


def _summary_quotes(retriever: Retriever, hits: list[Hit], query: Query, unit_cos: np.ndarray,
                    settings: Settings, type_weight: float, opening: int = 2) -> list[Quote]:
    """For a question about the drug as a whole, the opening sentences (`opening` of each)
    of the summaries among the passages found (a document's summary, or its first
    passage), at most `max_quotes`: each document's (the documents in the order found) in its
    own order, those saying what the drug is ("X is a ... antibody") first."""
    scored = score_sentences(retriever, hits, query, unit_cos, type_weight, look_at=len(hits))
    summaries, chunks = retriever.summaries, retriever.data.chunks
    chosen = [q for q in scored if summaries[hits[q.rank].chunk] and not boilerplate(q.text)
              and q.row - int(retriever.bounds[hits[q.rank].chunk]) - 1 < opening
              and not q.text[:1].islower()]  # not a list's item without the words that lead into it
    found = {}  # each document's place: that of its first summary found
    for q in sorted(chosen, key=lambda q: q.rank):
        found.setdefault(chunks[hits[q.rank].chunk].source, q.rank)
    # a sentence saying what the drug is comes first in its document's ("About tirzepatide: Tirzepatide is a
    # once-weekly GIP and GLP-1 receptor agonist" before a press release's opening news)
    return sorted(chosen, key=lambda q: (found[chunks[hits[q.rank].chunk].source], not holds_kind(q.text, "definition"),
                                         q.start))[:settings.max_quotes]


def _complement(retriever: Retriever, hits: list[Hit], query: Query, scored: list[Quote],
                settings: Settings) -> list[Quote]:
    """The sentence that holds the part of the question the best one lacks: the best
    scoring within `margin` of it, among the passages looked at, that holds at least
    COMPLEMENT_SHARE of the question's concepts (IDF-weighted) which the best does not
    ("How is it absorbed after subcutaneous dosing?": one sentence speaks of subcutaneous
    doses, another of how it is absorbed). Nothing when none does, or the best holds them
    all. (The margin is on the sentences' own scores, before the reader.)"""
    margin = settings.complement_margin
    if margin < 0:
        return []
    focus = [c for c in query.concepts if c.weight >= 1.0]  # the documents' own subject weighs ~0
    total = sum(c.weight for c in query.concepts) or 1.0
    best = scored[0]
    missing = [c for c in focus if not c.in_terms(_terms(retriever, hits, best))]
    if not missing:
        return []
    floor = unread_score(best) - margin
    for other in scored[1:]:
        if unread_score(other) < floor or boilerplate(other.text):
            continue
        own = _terms(retriever, hits, other)
        if sum(c.weight for c in missing if c.in_terms(own)) / total >= COMPLEMENT_SHARE:
            return [other]
    return []


def _terms(retriever: Retriever, hits: list[Hit], quote: Quote) -> frozenset[str]:
    """A quoted sentence's index terms with its headings' (and their learned synonyms)."""
    return quote.terms | retriever.heading_terms(hits[quote.rank].chunk)


def _names(retriever: Retriever, hits: list[Hit], quote: Quote, concept) -> bool:
    """Whether the quoted sentence's passage (or its heading) names the concept; a name of
    letters also counts as the start of an identifier ("NCT" in NCT06477653)."""
    chunk = hits[quote.rank].chunk
    if concept.in_docs(retriever.vocab, {chunk}):
        return True
    term = concept.term
    if not term.isalpha() or len(term) < 3:
        return False
    text = retriever.data.chunks[chunk]
    return any(t.startswith(term) and t[len(term):].isdigit() for t in retriever.tokenize(text.text + " " + text.section))


def _broad_quotes(retriever: Retriever, hits: list[Hit], query: Query, unit_cos: np.ndarray,
                  settings: Settings, type_weight: float, reader=None) -> list[Quote]:
    """Best sentence of each passage among the top ones, while it scores within `broad_margin` of the best that
    says something (not boilerplate, nor an announcement its passage does not go on with) or its passage is an
    item of a list the question names by its heading (sentences that list things score higher) and, when the
    question asks for a kind of answer (safety findings, trials), holds it or sits in a passage on that topic; no
    two with mostly the same terms; those from passages on the topic first ("What are the side effects?" opens
    with the safety passages' findings, not a trial's complication rate), then best first."""
    scored = score_sentences(retriever, hits, query, unit_cos, type_weight, look_at=len(hits),
                             list_weight=settings.list_weight, label_weight=settings.label_weight)
    # which sentences are listed goes by their own scores (the reader's weight is fitted to pick the one sentence
    # that answers, and would fill a list with one kind of sentence); the order they are listed in, by the reader's too
    scored = sorted(read_sentences(reader, retriever, hits, query, scored, settings), key=lambda q: -unread_score(q))
    if not scored:
        return []
    data = retriever.data
    kind = retriever.asked_kind(query.kinds)

    # what says nothing: boilerplate, or announcing what its passage does not go on to say (each judged once); asked
    # what it is used for, what it is not for ("Limitation of use: ...")
    silent = {q.row for q in scored if boilerplate(q.text) or ("use" in query.kinds[:1] and says_no_use(q.text)) or (
        ANNOUNCES.search(q.text) and q.row + 1 >= retriever.bounds[hits[q.rank].chunk + 1])}
    # the margin is the sentences' own (the reader orders them, but its confidence in the
    # best one does not push the rest of a list out), from the best that says something
    top = max((unread_score(q) for q in scored if q.row not in silent), default=unread_score(scored[0]))

    def in_topic(quote: Quote) -> bool:  # its passage is on the topic asked about (the uses: under their heading)
        return bool(kind) and bool(retriever.on_topic(kind)[hits[quote.rank].chunk])

    def on_topic(quote: Quote) -> bool:  # ... or an item of a list whose passage holds it ("Do not take it if:")
        return (not kind or holds_kind(quote.text, kind) or in_topic(quote)
                or ((quote.text[:1].islower() or data.chunks[hits[quote.rank].chunk].leads_into_list())
                    and bool(retriever.holds(kind)[hits[quote.rank].chunk])))

    # the items of a list the question names by its heading ("Approved Indications") are all near
    listed = retriever.under_named_heading(set(query.weights))
    near = [q for q in scored if unread_score(q) >= top - settings.broad_margin or listed[hits[q.rank].chunk]]

    near = [q for q in near if q.row not in silent] or near[:1]
    fitting = [q for q in near if on_topic(q)]
    chosen: list[Quote] = []
    spoken: set[int] = set()  # passages that only name again an item already listed
    listed_names: set[str] = set()
    for quote in fitting or near[:1]:
        if len(chosen) == settings.max_quotes:
            break
        # one sentence a passage, but the items of a list it leads into ("contraindicated in:") are each one
        if quote.rank in spoken or (any(q.rank == quote.rank for q in chosen)
                                    and not data.chunks[hits[quote.rank].chunk].leads_into_list()):
            continue
        # says the same thing again (synonyms count: "IL-4Rα" repeats "IL-4 receptor alpha")
        if any(len(quote.terms & q.terms) / max(1, len(quote.terms | q.terms)) > 0.5 for q in chosen):
            continue
        # names again what a chosen one named (the same trial, said in another passage): the
        # passage speaks of an item already listed
        names = _item_names(retriever, quote.text)
        if names and names <= listed_names:
            spoken.add(quote.rank)
            continue
        listed_names |= names
        chosen.append(quote)
    # those from passages on the topic first; asked about the subject as a whole, its summaries first
    return sorted(sorted(chosen, key=lambda q: -q.score),
                  key=lambda q: (not (query.whole and retriever.summaries[hits[q.rank].chunk]), not in_topic(q)))


def _item_names(retriever: Retriever, text: str) -> set[str]:
    """The rare names a sentence speaks of (a trial's acronym, an identifier: a word of
    capitals named in at most ITEM_NAME_PASSAGES passages; not "FDA" or "COPD")."""
    return {t for w in NAME_WORD.findall(text) for t in retriever.tokenize(w)
            if 0 < retriever.vocab.df(t) <= ITEM_NAME_PASSAGES}
