"""Whether a list is what a question asks for, so that all its items are quoted, not only the
one or two that scored best (quotes._in_context).

A list says what it is of in its lead-in ("If you notice some of the following symptoms of
lactic acidosis:", "The other ingredients are:") and its headings ("Possible side effects ›
Uncommon (may affect up to 1 in 100 people):"). Asked "how would I know if I had lactic
acidosis?", the lead-in holds the question and no item does: the items together answer.
Asked "can I take it if I am pregnant?", the item "you are pregnant or breast-feeding" holds
more of the question than "Do not take it if:": that item answers, with its lead-in.
"""
from __future__ import annotations

from ..reading.query import Query


def asks_for_list(query: Query, lead: frozenset[str], headings: frozenset[str], quoted: frozenset[str]) -> bool:
    """Whether the question asks for the list whose lead-in and headings have these index terms
    (`quoted`: those of the items quoted from it): a broad question ("what are the side effects?"),
    when its lead-in or headings hold any of the question; another, when its lead-in holds more of
    the question than the items quoted."""
    if query.broad:
        return query.weight_in(lead | headings) > 0
    return query.weight_in(lead) > query.weight_in(quoted)
