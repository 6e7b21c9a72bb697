"""Drugs as entities: which drugs the documents speak of, by which names, and which drug
each document and each passage is about. Learned from the documents when the index is
built, and saved with it; no list of drug names ships with the package.

Names are found where documents introduce them (drug_names.py). Names joined by any of
those phrasings are one drug. A document is about the drugs its title names
and those it names nearly as often as its most-named one (a trial's comparator, named in
a quarter of its passages, is not its subject); a passage speaks of the drugs it names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..language.text import tokenize
from .drug_names import BRAND_NAME, GENERIC_NAME, brand_like, clean_name, is_inn, learn_pairs, name_forms, title_name

SUBJECT_SHARE = 0.5  # a document is about a drug it names in more than this share of the passages its most-named drug is in


def _uses(passages: list[list[str]], names) -> dict[tuple[str, ...], int]:
    """How many times the passages (their index terms) write each name."""
    starts: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        starts.setdefault(name[0], []).append(name)
    counts: dict[tuple[str, ...], int] = {}
    for terms in passages:
        for i, t in enumerate(terms):
            for name in starts.get(t, ()):
                if tuple(terms[i:i + len(name)]) == name:
                    counts[name] = counts.get(name, 0) + 1
    return counts


@dataclass
class Drug:
    """One drug: its names as written, the generic first when one is known, and their
    index terms."""
    names: list[str]
    terms: list[tuple[str, ...]] = field(default_factory=list)
    generic: bool = False  # names[0] is its generic name

    @property
    def label(self) -> str:
        """How an answer names it: "pembrolizumab (Keytruda)", "Shingrix"."""
        def shown(name: str) -> str:
            return name.title() if name.isupper() and len(name) > 4 else name
        if not self.generic:
            return shown(self.names[0])
        generic = self.names[0]
        generic = generic[0].lower() + generic[1:] if generic[1:].islower() else generic
        brand = next((n for n in self.names[1:] if brand_like(n.split()[0])), "")
        return f"{generic} ({shown(brand)})" if brand else generic


class _Groups:
    """Union-find over names (compared by their index terms)."""

    def __init__(self):
        self.parent: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.written: dict[tuple[str, ...], str] = {}
        self.generic: set[tuple[str, ...]] = set()  # names introduced as a generic (or INN)

    def add(self, name: str) -> tuple[str, ...] | None:
        key = None
        for form in name_forms(name):
            terms = tuple(tokenize(form))
            if not terms or all(t.isdigit() for t in terms):
                continue
            self.written.setdefault(terms, form)
            self.parent.setdefault(terms, terms)
            if key is None:
                key = terms
            else:
                self.union(key, terms)
        return key

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        if a is not None and b is not None:
            self.parent[self.find(a)] = self.find(b)


@dataclass
class Drugs:
    """The drugs of an index: their names, the drugs each document is about and the drugs
    each passage names. Built once per index version and saved with it (to_json)."""
    drugs: list[Drug]
    subjects: dict[str, list[int]]  # source -> the drugs it is about
    mentions: list[list[int]]  # per passage: the drugs it names
    _index: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for d, drug in enumerate(self.drugs):
            for terms in drug.terms:
                self._index.setdefault(terms[0], []).append((terms, d))
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))

    @classmethod
    def learn(cls, chunks, titles: dict[str, str], facts: bool = True) -> "Drugs":
        """From passages (chunk.Chunk) and each document's title."""
        groups = _Groups()
        by_source: dict[str, list] = {}
        for c in chunks:
            by_source.setdefault(c.source, []).append(c)
        own: dict[str, list[tuple[str, ...]]] = {}  # names each document's title gives
        for source, parts in by_source.items():
            # its headings too: a press release's "About KEYTRUDA® (pembrolizumab) injection" pairs the names
            # nowhere else
            headings = dict.fromkeys(h for c in parts for h in c.section.split(" › ") if h)
            text = "\n".join([*headings, *(c.text for c in parts)])
            title = titles.get(source, "")
            pairs, names = learn_pairs(text)
            title_pairs, title_names = learn_pairs(title)
            own_name = next((n for n in title_names if is_inn(n.split()[0])), None) or title_name(title)
            for generic, brands in pairs + title_pairs:
                if generic is None and own_name and brands:  # "The original brand name Glivec was changed..."
                    keys = [groups.add(n) for n in [own_name] + brands]
                    for a, b in zip(keys, keys[1:]):
                        groups.union(a, b)
                    continue
                keys = [groups.add(n) for n in ([generic] if generic else []) + brands]
                for a, b in zip(keys, keys[1:]):
                    groups.union(a, b)
                if generic:
                    groups.generic.add(keys[0])
            for name in names + title_names:
                key = groups.add(name)
                if key and is_inn(name.split()[0]):
                    groups.generic.add(key)
            own[source] = [k for n in title_names if (k := tuple(tokenize(clean_name(n))))]
            if named := title_name(title):  # "# Imatinib", "# HPV vaccine", "Influenza Vaccine: What You Need to Know"
                own[source].append(groups.add(named))
            if facts:  # "Generic Name: Dupilumab" beside "Brand Names: Dupixent"
                generic, brands = [], []
                for c in parts:
                    for label in c.labels:
                        key, _, value = label.partition(":")
                        if GENERIC_NAME.match(key.strip()):
                            generic.append(value.strip())
                        elif BRAND_NAME.match(key.strip()):
                            brands += [b.strip() for b in re.split(r",|\band\b", value) if b.strip()]
                if generic and brands:
                    keys = [groups.add(n) for n in generic[:1] + brands]
                    for a, b in zip(keys, keys[1:]):
                        groups.union(a, b)
                    groups.generic.add(keys[0])
        members: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for key in groups.parent:
            members.setdefault(groups.find(key), []).append(key)
        drugs, of = [], {}
        passages = [tokenize(f"{c.section}\n{c.text}") for c in chunks]  # each passage read once, with its heading
        uses = _uses(passages, groups.parent)
        for root, keys in members.items():
            # the generic first (its shortest form), then the brands; of a drug with no generic known, the
            # name the documents use most (the MMR vaccine, not a brand of it withdrawn in 1992)
            generic = bool(groups.generic.intersection(keys))
            keys.sort(key=lambda k: (k not in groups.generic, 0 if generic else -uses.get(k, 0), len(k), k))
            written = list(dict.fromkeys(groups.written[k] for k in keys))
            for k in keys:
                of[k] = len(drugs)
            drugs.append(Drug(written, keys, generic))
        index = cls(drugs, {}, [])
        index.mentions = [sorted(index.named(terms)) for terms in passages]
        for source, parts in by_source.items():
            counts: dict[int, int] = {}
            for c, named in zip(chunks, index.mentions):
                if c.source == source:
                    for d in named:
                        counts[d] = counts.get(d, 0) + 1
            titled = {of[k] for k in own.get(source, []) if k in of}
            top = max(counts.values(), default=0)
            index.subjects[source] = sorted(titled | {d for d, n in counts.items() if n == top or n > SUBJECT_SHARE * top})
        return index

    def named(self, terms: list[str]) -> dict[int, list[int]]:
        """The drugs a sequence of index terms names: {drug: positions where a name starts}."""
        found: dict[int, list[int]] = {}
        i = 0
        while i < len(terms):
            step = 1
            for name, d in self._index.get(terms[i], ()):
                if tuple(terms[i:i + len(name)]) == name:
                    found.setdefault(d, []).append(i)
                    step = len(name)
                    break
            i += step
        return found

    def about(self, drugs) -> set[str]:
        """The documents about any of these drugs."""
        wanted = set(drugs)
        return {source for source, ds in self.subjects.items() if wanted.intersection(ds)}

    @property
    def subject_drugs(self) -> set[int]:
        return {d for ds in self.subjects.values() for d in ds}

    @property
    def subject_labels(self) -> tuple[str, ...]:
        """The drugs the documents are about, as answers name them (Drug.label): those most documents are about
        first, then alphabetically."""
        count = {d: sum(d in ds for ds in self.subjects.values()) for d in self.subject_drugs}
        return tuple(self.drugs[d].label for d in sorted(count, key=lambda d: (-count[d], self.drugs[d].label.lower())))

    def to_json(self) -> dict:
        return {"drugs": [{"names": d.names, "terms": [list(t) for t in d.terms], "generic": d.generic}
                          for d in self.drugs],
                "subjects": self.subjects, "mentions": self.mentions}

    @classmethod
    def from_json(cls, data: dict) -> "Drugs":
        return cls([Drug(list(d["names"]), [tuple(t) for t in d["terms"]], d.get("generic", False))
                    for d in data["drugs"]],
                   {s: list(v) for s, v in data["subjects"].items()}, [list(m) for m in data["mentions"]])
