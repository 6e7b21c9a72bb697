"""Drug names, as documents introduce them: learned when the index is built (entities.py
joins them into drugs); no list of drug names ships with the package.

A drug's names are found where documents introduce them (in a sentence or a heading):
- a generic name by its INN ending (-mab, -tinib, -glutide...), by how a sentence
  introduces its brand ("Megestrol acetate (MGA), sold under the brand names Megace..."),
  or by its place in a list beside INNs ("warfarin, rivaroxaban, dabigatran or heparin");
- a brand beside its generic in brackets, either way round ("KEYTRUDA® (pembrolizumab)",
  "tofacitinib (Xeljanz)", a label title "SHINGRIX (Zoster Vaccine Recombinant,
  Adjuvanted)"), after a brand cue ("sold under the brand name(s)", "marketed as",
  "trade name", "the best known being", "sold as generics, including JANTOVEN"; not a former
  name, "formerly known as Churg-Strauss syndrome"), before
  "contains the active substance", or in a "Brand Names" fact beside a "Generic Name";
- a document's own name in a short title ("# Imatinib", "# HPV vaccine").

Left out: names that no sentence introduces (a brand never written beside its generic
or after a brand cue is a word like any other), and drug classes ("JAK inhibitors", "statins").
"""
from __future__ import annotations

import re

from ..language.text import DRUG_STEMS
from ..language.wordlists import english_counts, english_words

NAME_COUNT = 100  # an English word rarer than this (in pyspellchecker's counts) can be a name
FORMS = {"tablet", "tablets", "capsule", "capsules", "injection", "injections", "solution", "suspension",
         "usp", "film-coated", "extended-release", "delayed-release", "oral", "syrup", "cream", "pen", "pens",
         "vial", "vials", "powder", "for", "concentrate", "infusion", "prefilled", "pre-filled", "syringe"}
SALTS = {"sodium", "potassium", "hydrochloride", "acetate", "sulfate", "sulphate", "maleate", "mesylate",
         "citrate", "tartrate", "phosphate", "besylate", "calcium", "magnesium", "hemihydrate", "monohydrate",
         "dihydrate", "succinate", "fumarate", "bromide", "chloride", "hyclate", "disodium", "bisulfate", "bisulphate",
         "hydrogen", "hydrobromide", "dihydrochloride", "nitrate", "lactate", "gluconate", "tosylate", "besilate",
         "mesilate", "malate", "pamoate", "trihydrate", "sesquihydrate", "medoxomil", "cilexetil", "mofetil"}
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


def title_name(title: str) -> str | None:
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
    sentences = _sentences(text)
    for sentence in sentences:
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
    names += [w for s in sentences for w in _listed_with_inns(s) if w.lower() not in classes]
    for generic, brands in groups:
        names += ([generic] if generic else []) + brands
    return groups, names


LIST_OF_WORDS = re.compile(r"\b[A-Za-z][\w-]*(?:,\s+[A-Za-z][\w-]*)+,?\s+(?:and|or)\s+[A-Za-z][\w-]*\b")
LISTED_COUNT = 500  # a word listed beside INNs rarer in English than this can be a drug ("heparin"; not "placebo")


def _listed_with_inns(sentence: str) -> list[str]:
    """The words listed beside two or more INNs that are no common English word: drugs the
    list names without an INN ending ("warfarin, rivaroxaban, dabigatran, enoxaparin or
    heparin"). Not a plural (a class: "sulfonylureas"), nor a last item that qualifies the
    word after it ("grapefruit juice"); a capitalised word only as the sentence's first."""
    out = []
    for m in LIST_OF_WORDS.finditer(sentence):
        items = re.split(r",\s+(?:and\s+|or\s+)?|,?\s+(?:and|or)\s+", m.group(0))
        first = not sentence[:m.start()].strip(" -•*·–\t")
        if sum(is_inn(w) for w in items) >= 2:
            if re.match(r" [a-z]", sentence[m.end():]):  # "or grapefruit juice": the item is "grapefruit juice"
                items = items[:-1]
            out += [w for w in items if not is_inn(w) and len(w) >= 5 and w.isalpha() and not w.endswith("s")
                    and w.lower() not in english_words() and english_counts().get(w.lower(), 0) < LISTED_COUNT
                    and (w.islower() or (first and w == items[0] and w[1:].islower()))]
    return out
