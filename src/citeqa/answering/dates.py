"""When something was first done: the earliest date of that act in reach answers.

Asked "when was it first approved?" or "when did it come out?", a document offers many dated
sentences: the first approval, later ones, a patent, the year the molecule was made. Only those
that say the act asked about (approved, licensed, launched, marketed...) compete, and of those
the one naming the earliest date answers. "It became the first biologic approved for nasal
polyps in June 2019" says an approval, but a later one than "approved on March 28, 2017"; "In
1977 Kenneth Koe asked a chemist to make new derivatives" is earlier, but says no approval.
The reader model reads "first" in either as an answer; the dates tell them apart.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..reading.kinds import asks_earliest, earliest_date

# a sentence saying that a medicine was made available: approved, licensed, launched, marketed...
ACT_HELD = re.compile(r"\b(approv\w*|licen[cs]\w*|launch\w*|authori[sz]\w*|marketed|introduced|released|"
                      r"(?:became|become|made) available|came (?:out|onto|on to)|sold)\b", re.I)


def asks_first_date(question: str, kinds: tuple[str, ...]) -> bool:
    """Whether the question asks when something was first done, first of all (`kinds`: the kinds
    of answer it asks for; "who developed it, and when was it first approved?" is led by who)."""
    return kinds[:1] == ("date",) and asks_earliest(question)


def dated_act(text: str) -> tuple[int, int] | None:
    """The earliest date a sentence names, when it says a medicine was made available."""
    return earliest_date(text) if ACT_HELD.search(text) else None


def earliest_lead(quotes: list, concepts, terms_of) -> object | None:
    """Of these quotes (the best few, best first), the one naming the earliest date of the act,
    among those holding each of the question's `concepts` the best one holds (`terms_of`: a quote's
    index terms): "when was it first approved in Europe?" is not answered by the first American
    approval, where the best quote says Europe."""
    if not quotes:
        return None
    held = [c for c in concepts if c.in_terms(terms_of(quotes[0]))]
    dated = [(d, n) for n, q in enumerate(quotes)
             if (d := dated_act(q.text)) and all(c.in_terms(terms_of(q)) for c in held)]
    return quotes[min(dated)[1]] if dated else None


def earliest_favoured(quotes: list, bonus: float) -> list:
    """The quotes, the one naming the earliest date of the act `bonus` higher: asked by a follow-up's
    earlier question ("when was it first approved?" + "and in Europe?"), the earliest is only favoured,
    for what the follow-up adds may point at a later one."""
    dates = [dated_act(q.text) for q in quotes]
    first = min((d for d in dates if d), default=None)
    return [replace(q, score=q.score + bonus) if first and d == first else q for q, d in zip(quotes, dates)]
