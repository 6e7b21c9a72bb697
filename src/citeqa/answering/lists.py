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

import re

from ..reading.query import Query


def asks_for_list(query: Query, lead: frozenset[str], headings: frozenset[str], quoted: frozenset[str]) -> bool:
    """Whether the question asks for the list whose lead-in and headings have these index terms
    (`quoted`: those of the items quoted from it): a broad question ("what are the side effects?"),
    when its lead-in or headings hold any of the question; another, when its lead-in holds more of
    the question than the items quoted."""
    if query.broad:
        return query.weight_in(lead | headings) > 0
    return query.weight_in(lead) > query.weight_in(quoted)


# a use a label limits or denies: "Limitation of use: effectiveness has not been established in ...", "It is not
# indicated for the relief of acute bronchospasm", "not approved for children" (judged as listed, not as asked)
NO_USE = re.compile(r"\blimitations? of use\b|\bnot (been |yet )?(established|indicated|approved|licen[cs]ed|"
                    r"recommended)\b|\bnot (to be )?used (for|in|to)\b", re.I)


def says_no_use(sentence: str) -> bool:
    """Whether a sentence says what a medicine is not for: no item of a list of its uses (quotes._broad_quotes)."""
    return bool(NO_USE.search(sentence))
