"""Synonyms learned from the corpus itself: abbreviations and bracketed aliases.

"chronic rhinosinusitis with nasal polyposis (CRSwNP)" teaches crswnp = the long form
(Schwartz & Hearst, 2003); "CCL26 (eotaxin-3)" teaches that an identifier and its
bracketed alias name the same thing. Forms are linked into groups, and a passage that
holds any form of a group is indexed under all of them, so either spelling finds it.
"""
from __future__ import annotations

import re

from ..language.text import DRUG_STEMS, normalize, tokenize

_PAREN = re.compile(r"\(([^()]{1,60})\)")
_INITIALISM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z][A-Za-z0-9-]{1,9}")  # two capitals at least: DVT, eGFR


def long_form(short: str, before: str) -> str | None:
    """The shortest tail of `before` whose letters spell `short` in order (Schwartz-Hearst)."""
    sf = [c for c in short.lower() if c.isalnum()]
    lf = before.lower()
    if len(sf) < 2 or not sf[0].isalpha():
        return None
    s, pos = len(sf) - 1, len(lf) - 1
    while s >= 0:
        c = sf[s]
        while pos >= 0 and (lf[pos] != c or (s == 0 and pos > 0 and lf[pos - 1].isalnum())):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
        s -= 1
    start = max(lf.rfind(" ", 0, pos + 1), lf.rfind("(", 0, pos + 1)) + 1
    result = before[start:].strip()
    n_words = len(result.split())
    if n_words > min(len(sf) + 5, 2 * len(sf)) or normalize(result) == normalize(short):
        return None
    return result


def _looks_like_identifier(word: str) -> bool:
    return bool(re.search(r"\d", word) or len(re.findall(r"[A-Z]", word)) >= 2)


def _generic_and_brand(before: str, inner: str) -> bool:
    """'Dupilumab (Dupixent)', 'Humira (adalimumab)': a drug's generic and brand names."""
    words = (before.lower(), inner.lower())
    return (all(w.isalpha() and len(w) >= 5 for w in words) and inner[:1].isupper()
            and sum(bool(DRUG_STEMS.search(w)) for w in words) == 1)


def find_pairs(text: str) -> list[tuple[str, str]]:
    """(short form, long form or alias) pairs written as 'X (Y)' in the text."""
    pairs = []
    for match in _PAREN.finditer(text):
        parts = [part.strip() for part in re.split(r"[,;]", match.group(1))]
        # "(deep vein thrombosis, DVT)": the long form and its abbreviation side by side in the brackets
        if len(parts) == 2 and _INITIALISM.fullmatch(parts[1]) and (lf := long_form(normalize(parts[1]),
                                                                                    normalize(parts[0]))):
            pairs.append((parts[1], lf))
        inner = parts[0]
        if not (1 <= len(inner.split()) <= 2 and len(inner) <= 25 and re.search(r"[A-Za-z]", inner)):
            continue
        if re.search(r"[=<>≈≥≤%]", inner):
            continue
        before_text = text[max(0, match.start() - 200):match.start()].rstrip()
        before_text = re.split(r"[.;:!?]\s|\n", before_text)[-1]
        short_form = normalize(inner)
        lf = long_form(short_form, normalize(before_text))
        if lf and len(lf.split()) >= 1 and re.search(r"[A-Z]", inner):
            pairs.append((inner, lf))
            continue
        prev = re.search(r"\(?([^\s()]+)\)?$", before_text)
        if prev and _generic_and_brand(prev.group(1), inner):
            pairs.append((prev.group(1), inner))
            continue
        if prev and _looks_like_identifier(prev.group(1)) and (
                re.search(r"[\dA-Z-]", inner) and len(inner.split()) == 1):
            pairs.append((prev.group(1), inner))
    return pairs


class Lexicon:
    """Groups of equivalent term sequences (each a tuple of index terms)."""

    def __init__(self, groups: list[list[tuple[str, ...]]]):
        self.groups = [sorted(set(g)) for g in groups]
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for gid, group in enumerate(self.groups):
            for form in group:
                self._by_first.setdefault(form[0], []).append((form, gid))

    @classmethod
    def learn(cls, texts: list[str], tokenize=tokenize) -> "Lexicon":
        parent: dict[tuple[str, ...], tuple[str, ...]] = {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for text in texts:
            for a, b in find_pairs(text):
                fa, fb = tuple(tokenize(a)), tuple(tokenize(b))
                if fa and fb and fa != fb:
                    parent[find(fa)] = find(fb)
        groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for form in list(parent):
            groups.setdefault(find(form), []).append(form)
        return cls([g for g in groups.values() if len(g) > 1])

    def expand(self, terms: list[str]) -> list[str]:
        """terms plus every other form of each group that one of its forms occurs in."""
        hit: dict[int, set[tuple[str, ...]]] = {}
        for i, term in enumerate(terms):
            for form, gid in self._by_first.get(term, ()):
                if tuple(terms[i:i + len(form)]) == form:
                    hit.setdefault(gid, set()).add(form)
        extra: list[str] = []
        for gid in sorted(hit):
            for form in self.groups[gid]:
                if form not in hit[gid]:
                    extra.extend(form)
        return terms + extra

    def to_json(self) -> list[list[list[str]]]:
        return [[list(form) for form in group] for group in self.groups]

    @classmethod
    def from_json(cls, data: list[list[list[str]]]) -> "Lexicon":
        return cls([[tuple(form) for form in group] for group in data])
