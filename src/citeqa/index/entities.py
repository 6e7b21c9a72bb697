"""Drugs as entities: which drugs the documents speak of, by which names, and which drug
each document and each passage is about. Learned from the documents when the index is
built, and saved with it; no list of drug names ships with the package.

A drug's names are found where documents introduce them:
- a generic name by its INN ending (-mab, -tinib, -glutide...), or by how a sentence
  introduces its brand ("Megestrol acetate (MGA), sold under the brand names Megace...");
- a brand beside its generic in brackets, either way round ("KEYTRUDA® (pembrolizumab)",
  "tofacitinib (Xeljanz)", a label title "SHINGRIX (Zoster Vaccine Recombinant,
  Adjuvanted)"), after a brand cue ("sold under the brand name(s)", "marketed as",
  "trade name", "the best known being", "sold as generics, including JANTOVEN"; not a former
  name, "formerly known as Churg-Strauss syndrome"), before
  "contains the active substance", or in a "Brand Names" fact beside a "Generic Name";
- a document's own name in a short title ("# Imatinib", "# HPV vaccine").
Names joined by any of these are one drug. A document is about the drugs its title names
and those it names nearly as often as its most-named one (a trial's comparator, named in
a quarter of its passages, is not its subject); a passage speaks of the drugs it names.

Left out: names that no sentence introduces (a brand never written beside its generic
or after a brand cue is a word like any other), and drug classes ("JAK inhibitors", "statins").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..language.text import DRUG_STEMS, tokenize
from ..language.wordlists import english_counts, english_words

NAME_COUNT = 100  # an English word rarer than this (in pyspellchecker's counts) can be a name
SUBJECT_SHARE = 0.5  # a document is about a drug it names in more than this share of the passages its most-named drug is in
FORMS = {"tablet", "tablets", "capsule", "capsules", "injection", "injections", "solution", "suspension",
         "usp", "film-coated", "extended-release", "delayed-release", "oral", "syrup", "cream", "pen", "pens",
         "vial", "vials", "powder", "for", "concentrate", "infusion", "prefilled", "pre-filled", "syringe"}
SALTS = {"sodium", "potassium", "hydrochloride", "acetate", "sulfate", "sulphate", "maleate", "mesylate",
         "citrate", "tartrate", "phosphate", "besylate", "calcium", "magnesium", "hemihydrate", "monohydrate",
         "dihydrate", "succinate", "fumarate", "bromide", "chloride", "hyclate", "disodium"}
# a phrase that introduces brand names; the names follow it in the same sentence
BRAND_CUE = re.compile(
    r"\b(?:(?:brand|trade|proprietary|product)[- ]names?|(?:sold|marketed|available|distributed|"
    r"(?<!formerly )(?<!previously )known|licensed)"
    r"(?:\s+\w+){0,4}?\s+(?:as|under)|(?:best|better)[- ]known (?:being|are|is|as)|products? (?:are|is|include)|"
    r"generics?,? (?:including|such as|like))\b", re.I)
ACTIVE = re.compile(r"\b(?:contains?|containing) (?:the )?active (?:substance|ingredient)s?\s+|"
                    r"\bthe active (?:substance|ingredient) (?:in [\w ]+ )?is\s+", re.I)
BRACKETS = re.compile(r"([A-Za-z][\w-]*(?:[®™])?(?:\s+\d{1,2}\b)?)\s*\(([^()]{2,80})\)")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*[®™]?")
GENERIC_NAME = re.compile(r"^(?:generic|nonproprietary|inn|active)[ -](?:name|substance|ingredient)s?$", re.I)
BRAND_NAME = re.compile(r"^(?:brand|trade|proprietary)[ -]names?$", re.I)


def is_inn(word: str) -> bool:
    """A generic drug name by its INN ending: six letters or more, no everyday English word."""
    w = word.lower()
    return (len(w) >= 6 and w.isalpha() and bool(DRUG_STEMS.search(w)) and w not in english_words()
            and english_counts().get(w, 0) < NAME_COUNT)


def brand_like(word: str) -> bool:
    """A word that can be a brand: capitalised or in capitals, four letters or more, no
    everyday English word ("Keytruda", "RINVOQ", "Gardasil"; not "Europe", "RA-II")."""
    w = word.rstrip("®™")
    return (len(w) >= (5 if w.isupper() else 4) and w[:1].isupper() and w.replace("-", "").isalpha()
            and not re.search(r"-[IVX]+$", w)  # a study's name ("RA-II")
            and english_counts().get(w.lower(), 0) < NAME_COUNT and w.lower() not in english_words())


def generic_like(phrase: str) -> bool:
    """Words that can be a generic name: one to five words, the first no everyday English
    word or an INN ("warfarin sodium", "zoster vaccine recombinant, adjuvanted")."""
    words = WORD.findall(phrase)
    if not 1 <= len(words) <= 5 or re.search(r"[\d=<>%:;/]", phrase):
        return False
    first = words[0].lower()
    return is_inn(first) or (english_counts().get(first, 0) < NAME_COUNT and first not in english_words()
                             and len(first) >= 5 and first.isalpha())


def _acronym(short: str, long: str) -> bool:
    """Whether `short` is the initials of `long` ("TNF" of "tumor necrosis factor")."""
    from .lexicon import long_form  # noqa: PLC0415
    return long_form(short, long) is not None


def _short_name(title: str) -> bool:
    """A title that is a drug's name: one to three words, the first no everyday word."""
    words = WORD.findall(title)
    return (0 < len(words) <= 3 and bool(re.fullmatch(r"[A-Za-z][\w -]*", title.strip()))
            and english_counts().get(words[0].lower(), 0) < NAME_COUNT and words[0].lower() not in english_words())


def _title_name(title: str) -> str | None:
    """The drug a title names: the title when it is a short name ("# Imatinib", "# HPV vaccine"),
    or a vaccine it opens with, named by its disease, an everyday word ("Influenza (Flu) Vaccine,
    Inactivated or Recombinant: What You Need to Know": Influenza Vaccine)."""
    if _short_name(title):
        return title
    head = " ".join(re.sub(r"\([^()]*\)", " ", re.split(r"[:,]", title)[0]).split())
    words = WORD.findall(head)
    vaccine = 2 <= len(words) <= 3 and words[-1].lower() in ("vaccine", "vaccines") and head == " ".join(words)
    return head if vaccine else None


def clean_name(name: str) -> str:
    return " ".join(name.replace("®", "").replace("™", "").split()).strip(" ,")


def name_forms(name: str) -> list[str]:
    """A name and its shorter forms: without a salt ("warfarin sodium": warfarin) or what
    follows a comma ("Zoster Vaccine Recombinant, Adjuvanted")."""
    name = clean_name(name)
    forms = [name]
    head = name.split(",")[0].strip()
    words = head.split()
    while len(words) > 1 and words[-1].lower() in FORMS:
        words = words[:-1]
    plain = list(words)
    while len(plain) > 1 and plain[-1].lower() in SALTS:
        plain = plain[:-1]
    for form in (head, " ".join(words), " ".join(plain)):
        if form and form not in forms:
            forms.append(form)
    return forms


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


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


NAMES_END = re.compile(r"\b(?:is|are|was|were|has|have|had|be|been|being|given|used|approved|made|developed|"
                       r"became|contains?|by|from|among others|and others|for example|which|who|that|because|after|"
                       r"since|with)\b|[;:.!?()]", re.I)


def _brands_after(text: str) -> list[str]:
    """The brand names a brand cue introduces: the brand-like words up to the end of its
    clause ("Ozempic and Rybelsus for type 2 diabetes and Wegovy for obesity", "Gleevec in
    the United States and as Glivec in Europe"; not past a verb: "Keytruda, is a ..."). Words
    written together name one product ("Fluzone High-Dose", "Gardasil 9"), as the first does: a
    word that only qualifies a brand ("Quadrivalent", "High-Dose") is no drug of its own."""
    stop = NAMES_END.search(text)
    window = text[:stop.start()] if stop else text
    names: list[str] = []
    last = None
    for m in re.finditer(r"[A-Za-z][\w-]*[®™]?|\d+", window):
        word = m.group(0)
        if brand_like(word) and last is not None and m.start() - last.end() <= 1:
            names.append(f"{names[-1]} {word}")  # one product's name in several words: "Fluzone High-Dose"
            last = m
        elif brand_like(word):
            names.append(word)
            last = m
        elif last is not None and m.start() - last.end() <= 1 and (word.isdigit() or (word.isupper() and len(word) <= 3)):
            names[-1] += f" {word}"  # "Gardasil 9", "Megace ES"
            last = None
        else:
            last = None
    return names


def _subject_before(sentence: str, at: int) -> str | None:
    """The name a sentence introduces before a brand cue: "Megestrol acetate (MGA), sold
    under...", "Metformin is also sold under...", else its first INN."""
    head = re.sub(r"\([^()]*\)", " ", sentence[:at])
    m = re.match(r"\s*(?:the\s+)?([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)\s*(?:,|\s+(?:is|are|was|were|has|have)\b)",
                 head)
    # (a drug name by its INN ending, even one a dictionary lists: "Amoxicillin is an antibiotic ...")
    if m and (generic_like(m.group(1)) or (" " not in m.group(1) and DRUG_STEMS.search(m.group(1).lower()))):
        return m.group(1)
    inn = next((w for w in WORD.findall(sentence[:at]) if is_inn(w)), None)
    return inn


def learn_pairs(text: str) -> tuple[list[tuple[str | None, list[str]]], list[str]]:
    """From one text: (generic name or None, its brands) for each place that says a drug
    is sold by other names, and every drug name it introduces (INNs among them)."""
    groups: list[tuple[str | None, list[str]]] = []
    names: list[str] = []
    for sentence in _sentences(text):
        for m in BRACKETS.finditer(sentence):
            outer, inner = clean_name(m.group(1)), clean_name(m.group(2).split(";")[0])
            outer_word = outer.split()[0]
            inner_first = WORD.findall(inner)[0] if WORD.findall(inner) else ""
            # "KEYTRUDA® (pembrolizumab)", "Humira (adalimumab)", a label's "COUMADIN (warfarin sodium)"
            if (brand_like(outer_word) and generic_like(inner) and (is_inn(inner_first) or outer_word.isupper())
                    and not _acronym(outer_word, inner)):
                groups.append((inner, [outer]))
            # "tofacitinib (Xeljanz)"
            elif is_inn(outer_word) and len(outer.split()) == 1 and brand_like(inner.split()[0]) and len(inner.split()) <= 2:
                groups.append((outer, [inner]))
        for m in BRAND_CUE.finditer(sentence):
            brands = _brands_after(sentence[m.end():])
            if not brands:
                continue
            groups.append((_subject_before(sentence, m.start()), brands))
        m = ACTIVE.search(sentence)
        if m:
            generic = re.match(r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})", sentence[m.end():])
            brand = next((w for w in WORD.findall(sentence[:m.start()]) if brand_like(w)), None)
            if generic and generic_like(generic.group(1)):
                groups.append((generic.group(1), [brand] if brand else []))
    words = WORD.findall(text)
    classes = {w.lower()[:-1] for w in words if w[-1:] in "sS"}  # a drug is never plural: "statins" name a class
    names += [w for w in words if is_inn(w) and w.lower() not in classes]
    for generic, brands in groups:
        names += ([generic] if generic else []) + brands
    return groups, names


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
            text = "\n".join(c.text for c in parts)
            title = titles.get(source, "")
            pairs, names = learn_pairs(text)
            title_pairs, title_names = learn_pairs(title)
            own_name = next((n for n in title_names if is_inn(n.split()[0])), None) or _title_name(title)
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
            if named := _title_name(title):  # "# Imatinib", "# HPV vaccine", "Influenza Vaccine: What You Need to Know"
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

    def to_json(self) -> dict:
        return {"drugs": [{"names": d.names, "terms": [list(t) for t in d.terms], "generic": d.generic}
                          for d in self.drugs],
                "subjects": self.subjects, "mentions": self.mentions}

    @classmethod
    def from_json(cls, data: dict) -> "Drugs":
        return cls([Drug(list(d["names"]), [tuple(t) for t in d["terms"]], d.get("generic", False))
                    for d in data["drugs"]],
                   {s: list(v) for s, v in data["subjects"].items()}, [list(m) for m in data["mentions"]])
