"""The words an index holds: each term's passages and weight, a misspelling's corpus word,
the numbered names a class of letters stands for ("IgG" for IgG4), a word's noun in -age
("dosage" for dose), and the drugs the documents speak of (entities.py). Read by question
understanding (understand.py); computed from the stored BM25 postings and the index's
saved scan of its passages (build.scan_passages), so nothing here reads the whole corpus
at question time.

Misspellings are found with rapidfuzz (MIT, C++): the closest word by normalised
Levenshtein InDel similarity (what difflib's ratio approximates), searched only among
the words whose length could reach the cutoff, that can be a slip by its
Damerau-Levenshtein distance (`slip`). It is the maintained library for this,
and a search costs about a millisecond per 10,000 candidate words, so an unknown word
stays cheap as the corpus grows (difflib's pure-Python scan took 0.5 s at 100k words).
"""
from __future__ import annotations

import bisect
import math
import re
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from ..index.build import years_written
from ..index.entities import Drugs
from ..index.store import IndexData
from ..language.text import DRUG_STEMS
from ..language.wordlists import english_words, is_english, lay_spellings, misspelt_common, shorthand

NEAR = 0.8  # a misspelt word is this similar to the word meant (a drug-like name: DRUG_NEAR, same first two letters)
DRUG_NEAR = 0.86


class NearWords:
    """Words by length, for finding the closest to a misspelt one: a word of length n can
    only be `cutoff` similar to words of lengths within n·c/(2-c) to n·(2-c)/c."""

    def __init__(self, words):
        self.by_length: dict[int, list[str]] = {}
        for w in words:
            self.by_length.setdefault(len(w), []).append(w)

    def nearest(self, asked: str, drug: bool) -> str | None:
        cutoff = DRUG_NEAR if drug else NEAR
        n = len(asked)
        lo, hi = math.ceil(n * cutoff / (2 - cutoff)), math.floor(n * (2 - cutoff) / cutoff)
        best, best_score = None, (-1.0, 0)
        for length in range(lo, hi + 1):
            pool = self.by_length.get(length)
            if not pool:
                continue
            for word, score, _ in process.extract(asked, pool, scorer=fuzz.ratio, score_cutoff=cutoff * 100, limit=5):
                distance = DamerauLevenshtein.distance(asked, word)
                key = (score, -distance)  # (alike by the ratio: the fewer slips)
                if ((key > best_score or (key == best_score and word < best)) and slip(asked, word, distance)
                        and (not drug or word[:2] == asked[:2])):
                    best, best_score = word, key
        return best


def slip(asked: str, meant: str, distance: int | None = None) -> bool:
    """Whether a word can be a misspelling of another as near by the ratio: a slip of a letter or two (three in a
    word of twelve letters or more, or three letters left out: "hemroids"), or the other with an ending ("forgetful"
    of forget). "sertralin" is neither of "strain", though as similar: three letters put in. (`distance`: their
    Damerau-Levenshtein distance, where the caller has it.)"""
    distance = DamerauLevenshtein.distance(asked, meant) if distance is None else distance
    short, long = sorted((asked, meant), key=len)
    left_out = distance == 3 and len(meant) - len(asked) == 3 and _within(asked, meant)
    return distance <= max(2, len(asked) // 4) or left_out or (len(short) >= 5 and long.startswith(short))


def _within(letters: str, word: str) -> bool:
    """Whether the letters are the word's, in its order, some left out."""
    rest = iter(word)
    return all(ch in rest for ch in letters)


def _ratio(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100


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
        self._about: dict[frozenset[str], np.ndarray] = {}  # documents -> their passages

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self.term_id)

    @cached_property
    def _terms_near(self) -> NearWords:
        return NearWords(self.term_id)

    @cached_property
    def _surface(self) -> dict[str, str]:
        """Every word of the documents as written (lower-cased) -> its index term: a
        misspelling is compared with words, not stems ("exacerbatons" is near
        "exacerbations", but its stem "exacerbaton" is far from "exacerb"). From the scan
        saved with the index."""
        return {w: t for w, t in (self.data.scan.get("words") or {}).items() if t in self.term_id}

    @cached_property
    def _surface_near(self) -> NearWords:
        return NearWords(self._surface)

    @cached_property
    def years(self) -> frozenset[str]:
        """Every year the documents write, however it stands beside other characters ("2020–2021",
        "FY2023"), from the scan saved with the index."""
        scan = self.data.scan
        return frozenset(scan["years"] if "years" in scan else years_written(self.data.chunks))

    @cached_property
    def drugs(self) -> Drugs:
        """The drugs the documents speak of (entities.py), from the scan saved with the index."""
        scan = self.data.scan.get("drugs")
        return Drugs.from_json(scan) if scan else Drugs.learn(self.data.chunks, {})

    def drug_terms(self, drugs) -> frozenset[str]:
        """Every index term of these drugs' names."""
        return frozenset(t for d in drugs for name in self.drugs.drugs[d].terms for t in name)

    @cached_property
    def subject_drugs(self) -> frozenset[str]:
        """The terms of the drugs some document is about (every document's subjects together)."""
        return self.drug_terms(self.drugs.subject_drugs)

    def passages_about(self, drugs) -> np.ndarray | None:
        """The passages of the documents about these drugs (entities.Drugs), in order; None when
        every document is (or no drug is given). Kept per set of documents: a question's cost does
        not grow with the corpus."""
        sources = frozenset(self.drugs.about(drugs)) if drugs else frozenset()
        if not sources or sources >= self._sources:
            return None
        if sources not in self._about:
            if len(self._about) > 64:
                self._about.clear()
            self._about[sources] = np.array([k for k, c in enumerate(self.data.chunks) if c.source in sources])
        return self._about[sources]

    @cached_property
    def _sources(self) -> frozenset[str]:
        return frozenset(c.source for c in self.data.chunks)

    @cached_property
    def common_drugs(self) -> frozenset[int]:
        """The drugs every document is about: naming one says nothing of which passage
        answers (none when some document is about another drug, or about none)."""
        subjects = self.drugs.subjects
        if not self._sources or any(not subjects.get(s) for s in self._sources):
            return frozenset()
        return frozenset.intersection(*(frozenset(subjects[s]) for s in self._sources))

    @cached_property
    def common_subjects(self) -> frozenset[str]:
        """The terms of the drugs every document is about."""
        return self.drug_terms(self.common_drugs)

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
        starts, a number next ("igg" -> igg4, "nct" -> nct06477653, "cyp" -> cyp2d6): a class of
        them, not a name they lack."""
        if term in self.term_id or not term.isalpha() or len(term) < 3:
            return ()
        start = bisect.bisect_left(self._sorted, term)
        return tuple(t for t in self._sorted[start:start + 50]
                     if t.startswith(term) and t[len(term):len(term) + 1].isdigit() and t[len(term):].isalnum())

    @cached_property
    def _age_nouns(self) -> dict[str, str]:
        """Both ways, the terms of each noun in -age the documents write and of the word ending
        in a silent e it is made from, which they write too (dosage and dose, storage and store,
        wastage and waste; not passage and pass, shortage and short, lineage and line)."""
        pairs: dict[str, str] = {}
        for word, term in self._surface.items():
            base = self._surface.get(word[:-3] + "e") if word.endswith("age") and len(word) >= 6 else None
            if base and base != term:
                pairs[term], pairs[base] = base, term
        return pairs

    def derived(self, term: str) -> tuple[str, ...]:
        """The documents' term for the noun in -age made from a word ending in a silent e, or
        for the word it is made from: a label's "recommended dosage" is the dose a patient asks
        about, and the stemmer keeps them apart ("dosag", "dose")."""
        return (self._age_nouns[term],) if term in self._age_nouns else ()

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
        ("dupixent side efects": side effects), its capital kept. A word in lower case that
        is no drug's name and one slip from a common English word is that word, unless a
        word of the documents is as near ("cofee": coffee; "tierd": tired, not third). Chat
        shorthand the documents do not write is the word it stands for ("ppl": people)."""
        def fix(m: re.Match) -> str:
            word = m.group(0)
            meant = self.respell(word)
            contracted = m.string[m.end():m.end() + 1] in ("'", "’")  # "shouldn't" is no slip of "should"
            common = None if contracted or drug_like(word) or word.lower() in self._surface else misspelt_common(word)
            if common and (not meant or DamerauLevenshtein.distance(word.lower(), meant) > 1):
                meant = common
            if not meant:
                return word
            return meant[0].upper() + meant[1:] if word[0].isupper() else meant
        text = re.sub(r"(?<![\w'’-])[A-Za-z]{4,}(?![\w-])", fix, text)
        short, pattern = self._shorthand
        return pattern.sub(lambda m: short[m.group(1)], text) if short else text

    @cached_property
    def _shorthand(self) -> tuple[dict[str, str], re.Pattern]:
        """The chat shorthand a question may use (wordlists.shorthand) that the documents do not write themselves,
        each as the word it stands for, and a pattern finding it: in lower case or capitalised ("Ppl say"; not "BP"),
        and with its possessive ("my dr's advice")."""
        short = {w: full for w, full in shorthand().items() if not all(t in self for t in self.tokenize(w))}
        short |= {w.capitalize(): full.capitalize() for w, full in short.items()}
        return short, re.compile(rf"(?<![\w'’./-])({'|'.join(map(re.escape, short))})(?![\w-])(?!['’](?!s\b))")

    def respell(self, word: str) -> str | None:
        """The documents' word (as written, lower case) a misspelt question word was meant
        to be ("dupixnet": dupixent, "efects": effects), or None: the same test as `correct`,
        on the words of the documents."""
        word = word.lower()
        if word in self._respelt:
            return self._respelt[word]
        found = None
        # (a word of the consumer-health vocabulary is spelled as people write it: "aleve" is no slip of "level")
        if (len(word) >= 4 and word.isalpha() and word not in self._surface and word not in english_words()
                and word not in lay_spellings()):
            near = self._surface_near.nearest(word, bool(DRUG_STEMS.search(word)))
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
        if word.lower() in lay_spellings():  # (as respell: "aleve" is no slip of "level")
            return None
        # a Greek letter typed as its Latin one: "IL-4Ra" for IL-4Rα (il4ralpha), "TNF-b" for TNF-β
        for latin, greek in LATIN_GREEK.items():
            if len(term) > 2 and term.endswith(latin) and term[:-1] + greek in self.term_id:
                return term[:-1] + greek
        word = word or term
        if len(word) < 4 or not word.isalpha() or word in english_words() or is_english(word):
            return None
        # the closest of: a word of the documents to the word as asked, a stem to its stem
        drug = bool(DRUG_STEMS.search(word))
        found = [(_ratio(asked, near), near, table.get(near, near))
                 for asked, pool, table in ((word, self._surface_near, self._surface), (term, self._terms_near, {}))
                 if (near := pool.nearest(asked, drug))]
        return max(found)[2] if found else None
