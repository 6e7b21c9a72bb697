"""Pure text functions: sentence splitting with offsets, and biomedical tokenisation.

Tokenisation folds what differs only in spelling: Greek letters become their names
(IL-4Rα -> il4ralpha), hyphenated identifiers are joined (IL-4 -> il4, SINUS-52 ->
sinus52), thousands separators are dropped (1,874 -> 1874), a number written against its
unit is the number and the unit (10mg -> 10 mg) and words are stemmed. Identifiers and
numbers stay whole tokens. No synonyms here: those are learned from the
corpus (see lexicon.py).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau",
    "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201b\u2032"), "'")
# Words that ask rather than say; dropped from queries along with English stopwords.
QUESTION_WORDS = {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "does", "do",
    "did", "is", "are", "was", "were", "can", "could", "would", "should", "tell", "me",
    "explain", "describe", "much", "many", "kind", "type", "one", "ones",
}
# Lucene's English stop words, the list bm25s uses (spelled out here: importing bm25s pulls
# in scipy, a third of a cold ask; tests/test_text.py checks they are still the same)
ENGLISH_STOPWORDS = frozenset("a an and are as at be but by for if in into is it no not of on or such that the their "
                              "then there these they this to was will with".split())
STOPWORDS = ENGLISH_STOPWORDS | QUESTION_WORDS
# Words after which a period does not end a sentence.
ABBREVIATIONS = {
    "e.g", "i.e", "vs", "etc", "al", "fig", "figs", "approx", "dr", "mr", "mrs", "ms",
    "no", "nos", "cf", "ca", "incl", "resp", "sp", "spp", "st", "jr", "inc", "ltd",
    "co", "u.s", "ref", "refs", "vol", "p", "pp", "min", "max", "est", "dept", "univ",
}

# Endings of international nonproprietary drug names (WHO stems) and brand-like words.
DRUG_STEMS = re.compile(
    r"(mab|nib|cept|kinra|formin|gliptin|gliflozin|pril|sartan|olol|dipine|statin|prazole|azole|cillin|"
    r"mycin|cycline|floxacin|vir|parin|xaban|gatran|triptan|setron|lukast|solone|sone|afil|oxetine|"
    r"zepam|zolam|caine|dronate|tropin|limus|platin|taxel|rubicin|trexate|profen|coxib|tidine|terol|"
    r"tropium|glutide|tide|parib|lisib|ciclib|tinib|rafenib|degib|zomib|imod|umab|ximab|zumab|sporin|"
    r"grel|grelor|abalin|apentin|adol|fenac|semide|triptyline|pramine|apine|vudine|tecan|barbital|"
    r"fenone|xifen)$")

_STEMMER = Stemmer.Stemmer("english")
_WORD = re.compile(r"[a-z0-9]+(?:[-.,/'+][a-z0-9]+)*")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_LIST_MARK = re.compile(r"[/,+]")
_POSSESSIVE = re.compile(r"'s$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_JOINER = re.compile(r"[-.']")
# a number written against a unit of measure ("10mg", "2.5ml", "40mcg", "24h", "12weeks") is the
# number and the unit, as "10 mg" is; not a code that opens with a number ("3TC", "9vHPV",
# "5HT3", "17alpha"), nor an ordinal ("2nd") or a letter ("phase 1b"). Units are a closed class
# (micrograms after normalize: "mug")
_UNITS = ("mg|mcg|mug|ug|ng|g|kg|kgs|lb|lbs|ml|dl|l|iu|units?|mmol|mol|meq|mm|cm|"
          "h|hrs?|hours?|mins?|minutes?|days?|wks?|weeks?|months?|yrs?|years?|tabs?|tablets?|puffs?|doses?|"
          "am|pm")  # ... and a time of day ("9pm")
_GLUED_UNIT = re.compile(rf"(\d+(?:\.\d+)?)({_UNITS})")
_GREEK_NAMES = str.maketrans(GREEK)


def normalize(text: str) -> str:
    """Unicode-fold, lower-case, spell out Greek letters, unify dashes and quotes."""
    text = unicodedata.normalize("NFKC", text).translate(DASHES).translate(QUOTES).lower()
    return text.replace("µ", "μ").translate(_GREEK_NAMES)


TOKENS_VERSION = 4  # 2: an identifier with words hung on it is indexed as itself too ("IL-4-driven": il4);
# 3: a number against its unit is the number and the unit ("10mg": 10, mg); 4: ... and a time of day ("9pm")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    return _STEMMER.stemWord(word)


def number_and_unit(word: str) -> tuple[str, str] | None:
    """("10", "mg") for a number written against its unit ("10mg", "2.5ML"), else None."""
    glued = _GLUED_UNIT.fullmatch(normalize(word))
    return (glued.group(1), glued.group(2)) if glued else None


# a contraction typed without its apostrophe ("theyve", "shouldnt", "youre"): English's closed class of them
_UNAPOSTROPHED = re.compile(r"(?:i|you|we|they|he|she|it|that|there|what|who|where|how)(?:ve|re|ll|d|s|m)|"
                            r"(?:should|could|would|must|might)ve|"
                            r"(?:do|does|did|is|are|was|were|have|has|had|could|should|would|must|might|need|ca|wo|ai)"
                            r"nt")


def unapostrophed(word: str) -> bool:
    """Whether a word is a contraction typed without its apostrophe ("theyve", "doesnt")."""
    return bool(_UNAPOSTROPHED.fullmatch(word.lower()))


@lru_cache(maxsize=65536)
def _pieces(word: str) -> tuple[str, ...]:
    """One normalised word -> its index terms (before stemming)."""
    if glued := _GLUED_UNIT.fullmatch(word):
        return glued.groups()
    if word.isalnum():  # most words: nothing to split or join
        return (word,)
    word = _THOUSANDS.sub("", word)  # 1,874 -> 1874
    out: list[str] = []
    for part in _LIST_MARK.split(word):
        part = part.strip("-.'")
        if not part:
            continue
        part = _POSSESSIVE.sub("", part)
        if glued := _GLUED_UNIT.fullmatch(part):
            out.extend(glued.groups())
            continue
        if _NUMBER.fullmatch(part):
            out.append(part)
            continue
        joined = _JOINER.sub("", part)
        if joined:
            out.append(joined)
        sub = [s for s in _JOINER.split(part) if s]
        if len(sub) > 1:
            # Parts of a hyphenated phrase are words in their own right ("type-2",
            # "moderate-to-severe"); parts of an identifier ("il-4") are kept joined only.
            out.extend(s for s in sub if s.isalpha() and len(s) > 2)
            # an identifier with words hung on it ("IL-4-driven", "CYP450-mediated") is the identifier too
            head = len(sub)
            while head > 1 and sub[head - 1].isalpha() and len(sub[head - 1]) > 3:
                head -= 1
            if head < len(sub) and any(ch.isdigit() for ch in "".join(sub[:head])):
                out.append("".join(sub[:head]))
    return tuple(out)


def tokenize(text: str, *, drop_stopwords: bool = True) -> list[str]:
    """Index terms of a text, in order: normalised, joined, stemmed."""
    terms: list[str] = []
    for word in _WORD.findall(normalize(text)):
        for piece in _pieces(word):
            if drop_stopwords and piece in STOPWORDS:
                continue
            terms.append(stem(piece))
    return terms


_PLAIN_WORD = re.compile(r"\w+")


def plain_tokenize(text: str) -> list[str]:
    """Words as an off-the-shelf tokeniser sees them (lower-cased, split at every non-word
    character, stemmed, stopwords dropped): the baseline the biomedical tokeniser beats."""
    return [stem(w) for w in _PLAIN_WORD.findall(text.lower()) if w not in STOPWORDS]


def tokenizer(settings):
    """The tokeniser these settings ask for."""
    return tokenize if settings.biomedical_tokens else plain_tokenize


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) inside text[start:end], trimmed of white space.

    A sentence ends at . ! or ? followed by white space and a capital, digit or opening
    bracket, unless the word before the period is a known abbreviation or an initial.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.start() + 1
        if text[match.start()] == ".":
            before = re.search(r"([A-Za-z.]+)$", text[cursor:match.start()])
            word = before.group(1).lower().rstrip(".") if before else ""
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        stop = match.end() - len(match.group(0)) + len(match.group(0).rstrip())
        spans.append((cursor, stop))
        cursor = match.end()
    spans.append((cursor, end))
    return [trimmed for s, e in spans if (trimmed := trim_span(text, s, e))[0] < trimmed[1]]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end



_AMOUNT_UNITS = r"(mg|milligrams?|mcg|mug|ug|micrograms?|ng|g|grams?|ml|millilit(?:re|er)s?|iu|units?)\b(?!\s*/|\s+per\b)"
_AMOUNT = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*-?\s*{_AMOUNT_UNITS}")
_AMOUNT_RANGE = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:-|to)\s*\d+(?:\.\d+)?\s*-?\s*{_AMOUNT_UNITS}")
_SAME_UNIT = {"milligram": "mg", "milligrams": "mg", "mug": "mcg", "ug": "mcg", "microgram": "mcg", "micrograms": "mcg",
              "gram": "g", "grams": "g", "units": "unit", "iu": "unit"}


def amounts(text: str) -> set[tuple[float, str]]:
    """The amounts of a medicine a text names, as (number, unit): "5 mg" and "the 5-mg dose"
    are (5.0, "mg"), "250 micrograms" (250.0, "mcg"), "5 to 10 mg" both ends; "15 mg" is
    another amount, and "20 kg" (a body weight), "5 mg/kg" or "3 g/dL" (a rate, a
    concentration) none."""
    plain = _THOUSANDS.sub("", normalize(text))
    found = _AMOUNT.findall(plain) + _AMOUNT_RANGE.findall(plain)
    return {(float(n), _SAME_UNIT.get(u, "ml" if u.startswith("millilit") else u)) for n, u in found}


# a body weight: "20 kg", "a 12kg toddler", "150 lbs", "17 kilos" (not "5 mg/kg", "30 kg/m²": a rate, a BMI; nor a
# change in weight: "lost 5 kg", "a gain of 2 kg"); a dose by body weight: a weight, or a dose per kilogram
_BODY_WEIGHT = re.compile(r"(?<![\d./])\d+(?:\.\d+)?\s*-?\s*(kg|kgs|kilos?|kilograms?|lbs?|pounds)\b(?!\s*/|\s+per\b)",
                          re.I)
_WEIGHT_CHANGE = re.compile(r"\b(gain\w*|lost|los(e|es|ing)|loss|put on|dropp\w*|chang\w*|reduc\w*)\W+(\w+\W+){0,3}$",
                            re.I)
_PER_WEIGHT = re.compile(r"\b(mg|mcg|micrograms?|milligrams?|g|ml|units?|iu)\s*(/|per)\s*(kg|kilos?|kilograms?)\b",
                         re.I)


def names_body_weight(text: str) -> bool:
    """Whether a text names a body weight ("a 20 kg child", "over 44 lb"; not "lost 5 kg")."""
    text = normalize(text)
    return any(not _WEIGHT_CHANGE.search(text[max(0, m.start() - 30):m.start()]) for m in _BODY_WEIGHT.finditer(text))


def by_body_weight(text: str) -> bool:
    """Whether a text says something by body weight: names one, or a dose per kilogram ("25 mg/kg/day")."""
    return names_body_weight(text) or bool(_PER_WEIGHT.search(normalize(text)))


INITIAL_SKIPS = frozenset({"of", "with", "and", "the", "for", "to", "in", "on", "a", "an", "by", "or"})


def names_pattern(names) -> re.Pattern:
    """A pattern finding any of these names as a whole word, in any case, longest first
    ("Fluzone High-Dose" before "Fluzone"; not "IL-4" inside "IL-4R")."""
    ordered = sorted(set(names), key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!)")  # no name: nothing matches
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-])", re.I)


def writes_out_beside(acronym: str, text: str) -> bool:
    """Whether the text writes an initialism out right beside it, one in brackets after the
    other: "heart failure with preserved ejection fraction (HFpEF)", "HFpEF (heart failure
    with preserved ejection fraction)"; not words elsewhere that spell it by chance ("Could
    Heart Failure patients take it for CHF?")."""
    name = re.escape(acronym)
    before = [" ".join(m.group(1).split()[-2 * len(acronym):])
              for m in re.finditer(rf"([^()]*?)\(\s*{name}\s*\)", text)]
    after = [m.group(1) for m in re.finditer(rf"\b{name}\s*\(([^()]*)\)", text)]
    return any(spells_out(acronym, words) for words in before + after)


def spells_out(acronym: str, text: str) -> bool:
    """Whether the text writes out an initialism ("NSCLC": non-small cell lung cancer, "HFrEF":
    heart failure with reduced ejection fraction): consecutive words whose first letters spell
    it, short function words counted or passed over. Three letters spell too much by chance:
    their words must be capitalised ("EMA": the European Medicines Agency, not "every morning
    after"). Never an identifier with digits ("CD4"), whose letters are no initials."""
    letters = "".join(c.lower() for c in acronym if c.isalpha())
    if any(c.isdigit() for c in acronym) or not 3 <= len(letters) <= 7 or sum(c.isupper() for c in acronym) < 2:
        return False
    words = re.findall(r"[A-Za-z]+", text)
    for seq in (words, [w for w in words if w.lower() not in INITIAL_SKIPS]):
        for i in range(len(seq) - len(letters) + 1):
            run = seq[i:i + len(letters)]
            if ("".join(w[0].lower() for w in run) == letters
                    and (len(letters) > 3 or all(w[0].isupper() or w in INITIAL_SKIPS for w in run))):
                return True
    return False
