"""How often a passage says the side effects it lists occur, by the frequency bands that
European leaflets and summaries of product characteristics use ("Common (may affect up to
1 in 10 people)", "Rare (may affect up to 1 in 1,000 people)", "Not known (frequency cannot
be estimated from the available data)"), in a passage or in the heading it stands under;
and whether a question asks for a drug's side effects in general, when the commoner ones
first. A leaflet lists its bands in any order, often the rarest and most serious first:
asked "what are the side effects of lisinopril?", a reader wants what it usually does, not
"Very rare: low blood sugar".
"""
from __future__ import annotations

import re

# a band, as a leaflet heads its list with it: its name, then how often ("Common (may affect up to 1 in 10 people)",
# "Common: may affect...", "Very common (>=1/10)"); not "less common", "the most common (20%)", "not known (1)"
BAND = re.compile(r"(?<!less )(?<!most )(?<!more )\b(very\s+common|common|uncommon|very\s+rare|rare|not\s+known)"
                  r"(?:\s+side[- ]effects?)?\s*[(:,]\s*(?:these\s+)?(?:may|can|frequency|affects?|more than|up to|"
                  r"fewer than|less than|at least|[≥≤<>]|\d+\s*(?:in|/|out of)\s*\d)", re.I)
COMMONER = frozenset({"very common", "common"})
# a question asking for rarer, graver or fewer effects (what to watch for, the warnings), or for all of them, wants
# no band first
NOT_THE_COMMONEST = re.compile(r"\b(rare|rarer|rarest|uncommon|less common|not common|infrequent|occasional|unusual|"
                               r"serious|severe|grave|dangerous|worst|fatal|life[- ]threatening|emergency|long[- ]term|"
                               r"watch|warnings?|all|every|full|complete)\b", re.I)


def _bands(text: str) -> set[str]:
    return {" ".join(m.group(1).lower().split()) for m in BAND.finditer(text)}


def rarer_band(text: str) -> bool:
    """Whether a passage lists only side effects of a band rarer than common (uncommon,
    rare, very rare or not known): a passage naming no band is none."""
    bands = _bands(text)
    return bool(bands) and not bands & COMMONER


def commoner_band(text: str) -> bool:
    """Whether a passage lists side effects of a common or very common band."""
    return bool(_bands(text) & COMMONER)


def asks_commonest(question: str) -> bool:
    """Whether a question asking for side effects (in the asker's words) wants the commonest
    first: it names no rarer, graver or less common kind of them, nor all of them."""
    return not NOT_THE_COMMONEST.search(question)
