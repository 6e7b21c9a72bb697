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

from ..reading.kinds import DATE, REFERENCE_DATE, asks_earliest, earliest_date

# a sentence saying that a medicine was made available: approved, authorised, licensed (not "licensed it from"
# another company: a deal), launched, marketed, on the market, on sale (not "introduced", "released", "sold":
# a warning is introduced, results released)
ACT_HELD = re.compile(r"\b(approv\w*|authori[sz]\w*|licen[cs]ed(?!(\s+[\w-]+){0,3}\s+from\b)|licensure|launch\w*|"
                      r"marketed|(came|come|went|go|put) (on|onto|on to) (the )?(market|sale)|reached the market|"
                      r"(became|become|made) available)\b", re.I)


def asks_first_date(question: str, kinds: tuple[str, ...]) -> bool:
    """Whether the question asks when something was first done, first of all (`kinds`: the kinds
    of answer it asks for; "who developed it, and when was it first approved?" is led by who)."""
    return kinds[:1] == ("date",) and asks_earliest(question)


def dated_act(text: str) -> tuple[int, int] | None:
    """When a sentence says a medicine was made available: of each act it says, the first date
    after it, else the nearest before ("patented in 1974 and approved in 1988": 1988; "In June
    2019 it became the first biologic approved for..."), the earliest of those; as (year, month)."""
    dates = [(m.start(), d) for m in DATE.finditer(text)
             if not REFERENCE_DATE.search(text[:m.start()]) and (d := earliest_date(m.group(0)))]
    acts = [m.start() for m in ACT_HELD.finditer(text)]
    if not dates or not acts:
        return None
    return min(next((d for at, d in dates if at > act), dates[-1][1]) for act in acts)  # (none after: the last before)


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
