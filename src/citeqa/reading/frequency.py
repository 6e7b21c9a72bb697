"""How often a passage says the side effects it lists occur, by the frequency bands that
European leaflets and summaries of product characteristics use ("Common (may affect up to
1 in 10 people)", "Rare (may affect up to 1 in 1,000 people)", "Not known (frequency cannot
be estimated from the available data)"); and whether a question asks for a drug's side
effects in general, when the commonest answer first. A leaflet lists its bands in any
order, often the rarest and most serious first: asked "what are the side effects of
lisinopril?", a reader wants what it usually does, not "Very rare: low blood sugar".
"""
from __future__ import annotations

import re

# a band, as a leaflet heads its list with it: its name, then how often in brackets
BAND = re.compile(r"\b(very common|common|uncommon|very rare|rare|not known)(?: side[- ]effects?)?\s*"
                  r"\(\s*(?:may|can|frequency|affects?|more than|up to|fewer than|less than|at least|\d)", re.I)
COMMONER = frozenset({"very common", "common"})
# a question asking for rarer or graver effects (what to watch for, the warnings), or for all of them, wants no
# band first
NOT_THE_COMMONEST = re.compile(r"\b(rare|rarer|rarest|uncommon|unusual|serious|severe|grave|dangerous|worst|fatal|"
                               r"life[- ]threatening|emergency|long[- ]term|watch|warnings?|all|every|full|complete)\b",
                               re.I)


def rarer_band(text: str) -> bool:
    """Whether a passage lists only side effects of a band rarer than common (uncommon,
    rare, very rare or not known): a passage naming no band is none."""
    bands = {m.group(1).lower() for m in BAND.finditer(text)}
    return bool(bands) and not bands & COMMONER


def commoner_band(text: str) -> bool:
    """Whether a passage lists side effects of a common or very common band."""
    return any(m.group(1).lower() in COMMONER for m in BAND.finditer(text))


def asks_commonest(question: str) -> bool:
    """Whether a question asking for side effects wants the commonest first: it names no
    rarer or graver kind of them, nor all of them."""
    return not NOT_THE_COMMONEST.search(question)
