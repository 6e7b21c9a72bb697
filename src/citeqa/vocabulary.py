"""The words an index holds: each term's passages and weight, a misspelling's corpus word,
the numbered names a class of letters stands for ("IgG" for IgG4), and the drugs each
document is about. Read by question understanding (understand.py); computed from the
stored BM25 postings and passages, once per index and on first use.
"""
from __future__ import annotations

import bisect
import difflib
import math
import re
from functools import cached_property

import numpy as np

from .store import IndexData
from .text import DRUG_STEMS
from .wordlists import english_words, is_english

SURFACE_MAX_PASSAGES = 100_000  # misspellings matched on the documents' words up to this many passages


def _nearest(asked: str, pool: list[str], drug_like_name: bool | None = None) -> str | None:
    """The closest word of the pool to a misspelt one (difflib ratio at least 0.8; a
    drug-like name, at least 0.86 and the same first two letters), or None."""
    drug = bool(DRUG_STEMS.search(asked)) if drug_like_name is None else drug_like_name
    near = difflib.get_close_matches(asked, pool, n=1, cutoff=0.86 if drug else 0.8)
    return near[0] if near and (not drug or near[0][:2] == asked[:2]) else None


LATIN_GREEK = {"a": "alpha", "b": "beta", "g": "gamma", "d": "delta", "k": "kappa"}  # the letters people type for them


def drug_like(term: str) -> bool:
    """A word of six letters or more with an INN drug ending (-mab, -nib, -vir, ...)."""
    return len(term) >= 6 and bool(DRUG_STEMS.search(term))


class Vocabulary:
    """The index's terms with their document frequencies: what the documents hold."""

    def __init__(self, data: IndexData, tokenize):
        self.data = data
        self.tokenize = tokenize
        vocab = data.bm25.vocab_dict
        self.term_id = {t: i for t, i in vocab.items() if t}
        scores = data.bm25.scores
        self.indptr = np.asarray(scores["indptr"])
        self.indices = np.asarray(scores["indices"])
        self.n_docs = len(data.chunks)
        self._corrected: dict[tuple[str, str], str | None] = {}
        self._respelt: dict[str, str | None] = {}  # a misspelt question word -> the documents' word, or None

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self.term_id)

    @cached_property
    def _surface(self) -> dict[str, str]:
        """Every word of the documents as written (lower-cased) -> its index term: a
        misspelling is compared with words, not stems ("exacerbatons" is near
        "exacerbations", but its stem "exacerbaton" is far from "exacerb"). Read once, on
        the first unknown word, from corpora of up to SURFACE_MAX_PASSAGES passages (above,
        misspellings are matched on stems only: reading every passage would stall that ask)."""
        if self.n_docs > SURFACE_MAX_PASSAGES:
            return {}
        seen: set[str] = set()
        for chunk in self.data.chunks:
            seen.update(re.findall(r"[a-z][a-z0-9]{3,}", chunk.text.lower()))
        words: dict[str, str] = {}
        for word in seen:
            terms = self.tokenize(word)
            if len(terms) == 1 and terms[0] in self.term_id:
                words[word] = terms[0]
        return words

    @cached_property
    def _surface_words(self) -> list[str]:
        return list(self._surface)

    @cached_property
    def drug_subjects(self) -> dict[str, frozenset[str]]:
        """Each document's subject drugs: the drug-like terms (an INN ending) in its headings
        or title, in the most of its passages, or in three passages or more."""
        names = list(dict.fromkeys(c.source for c in self.data.chunks))
        code = {name: i for i, name in enumerate(names)}
        source_of = np.array([code[c.source] for c in self.data.chunks], dtype=np.int64)
        counts: dict[str, dict[str, int]] = {}
        for term in self.term_id:
            if drug_like(term):
                where, n = np.unique(source_of[self.docs_with(term)], return_counts=True)
                for s, k in zip(where.tolist(), n.tolist()):
                    counts.setdefault(names[s], {})[term] = k
        headings: dict[str, set[str]] = {}
        for source, section in dict.fromkeys((c.source, c.section) for c in self.data.chunks):
            headings.setdefault(source, set()).update(self.tokenize(section.replace(" › ", "\n")))
        return {source: frozenset(t for t, n in per.items() if n == max(per.values()) or n >= 3
                                  or t in headings.get(source, ()))
                for source, per in counts.items()}

    @cached_property
    def subject_drugs(self) -> frozenset[str]:
        """The drugs some document is about (every document's subjects together)."""
        return frozenset().union(*self.drug_subjects.values())

    @cached_property
    def common_subjects(self) -> frozenset[str]:
        """The drugs every document is about: naming one says nothing of which passage
        answers (none when some document is about another drug, or about none)."""
        sources = set(c.source for c in self.data.chunks)
        subjects = self.drug_subjects
        if not sources or sources - set(subjects):
            return frozenset()
        return frozenset.intersection(*(subjects[s] for s in sources))

    def __contains__(self, term: str) -> bool:
        return term in self.term_id

    def df(self, term: str) -> int:
        j = self.term_id.get(term)
        return 0 if j is None else int(self.indptr[j + 1] - self.indptr[j])

    def idf(self, term: str) -> float:
        df = self.df(term)
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))

    def docs_with(self, term: str) -> np.ndarray:
        j = self.term_id.get(term)
        if j is None:
            return np.zeros(0, dtype=np.int64)
        return self.indices[self.indptr[j]:self.indptr[j + 1]]

    def passages_with(self, terms: list[str] | tuple[str, ...]) -> np.ndarray:
        """The passages holding every one of `terms` (posting lists intersected)."""
        common = None
        for t in terms:
            docs = self.docs_with(t)
            common = docs if common is None else np.intersect1d(common, docs, assume_unique=True)
            if not common.size:
                break
        return common if common is not None else np.zeros(0, dtype=np.int64)

    def numbered(self, term: str) -> tuple[str, ...]:
        """The numbered names the documents hold that a name of letters (not itself in them)
        starts ("igg" -> igg4, "nct" -> nct06477653): a class of them, not a name they lack."""
        if term in self.term_id or not term.isalpha() or len(term) < 3:
            return ()
        start = bisect.bisect_left(self._sorted, term)
        return tuple(t for t in self._sorted[start:start + 50] if t.startswith(term) and t[len(term):].isdigit())

    def correct(self, term: str, word: str = "") -> str | None:
        """The corpus term a misspelt query word was meant to be, or None (remembered: a
        question asks for it more than once)."""
        key = (term, word)
        known = self._corrected.get(key, self)  # (self: not asked yet; None is an answer)
        if known is not self:
            return known
        if len(self._corrected) > 10_000:
            self._corrected = {}
        found = self._corrected[key] = self._correct(term, word)
        return found

    def respelled(self, text: str) -> str:
        """The text with each misspelt word as the documents' word it was meant to be
        ("dupixent side efects": side effects), its capital kept."""
        def fix(m: re.Match) -> str:
            word = m.group(0)
            meant = self.respell(word)
            if not meant:
                return word
            return meant[0].upper() + meant[1:] if word[0].isupper() else meant
        return re.sub(r"(?<![\w'’-])[A-Za-z]{4,}(?![\w-])", fix, text)

    def respell(self, word: str) -> str | None:
        """The documents' word (as written, lower case) a misspelt question word was meant
        to be ("dupixnet": dupixent, "efects": effects), or None: the same test as `correct`,
        on the words of the documents."""
        word = word.lower()
        if word in self._respelt:
            return self._respelt[word]
        found = None
        if len(word) >= 4 and word.isalpha() and word not in self._surface and word not in english_words():
            near = _nearest(word, self._surface_words)
            # the English word list (160k words) is read only when a corpus word is that close
            found = near if near and not is_english(word) else None
        if len(self._respelt) > 10_000:
            self._respelt = {}
        self._respelt[word] = found
        return found

    def _correct(self, term: str, word: str = "") -> str | None:
        """The corpus term a misspelt query word was meant to be, or None. A real English
        word is not a typo, and a drug-like name only matches one a letter or two away
        that starts the same."""
        if term in self.term_id:
            return term
        # a Greek letter typed as its Latin one: "IL-4Ra" for IL-4Rα (il4ralpha), "TNF-b" for TNF-β
        for latin, greek in LATIN_GREEK.items():
            if len(term) > 2 and term.endswith(latin) and term[:-1] + greek in self.term_id:
                return term[:-1] + greek
        word = word or term
        if len(word) < 4 or not word.isalpha() or word in english_words() or is_english(word):
            return None
        # the closest of: a word of the documents to the word as asked, a stem to its stem
        found = [(difflib.SequenceMatcher(None, asked, near).ratio(), near, table.get(near, near))
                 for asked, pool, table in ((word, self._surface_words, self._surface), (term, self._sorted, {}))
                 if (near := _nearest(asked, pool, drug_like_name=bool(DRUG_STEMS.search(word))))]
        return max(found)[2] if found else None
