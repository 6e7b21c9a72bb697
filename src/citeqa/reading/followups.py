"""Follow-ups: an elliptical question read against the conversation's earlier questions.

"and in COPD?" after "Which trials showed it works in asthma?" is read as "Which trials
showed it works in COPD?" (the same preposition's phrase swapped; a group of people takes
the place of the group asked about, whatever its preposition); "is that common?" is read
with the earlier question as context. A question that stands on its own is left as asked.
A reason asked with nothing of its own ("why not?") or a question that presupposes the
last ("in men too?", "even in children?", "what happens then?") leans on it too, as do the
symptoms or signs asked of no condition ("what are the symptoms?": of the one just asked about).
Word patterns only: no syntax tree, and nothing about any one drug.
"""
from __future__ import annotations

import re
from typing import Callable

from .kinds import answer_kinds, is_broad
from ..language.text import STOPWORDS, stem

ANAPHORS = {"it", "its", "they", "them", "their", "that", "those", "these", "this", "there", "ones", "such",
            "same", "he", "she", "him", "her"}
FOLLOW_CUE = re.compile(r"^\s*(?:(?:and|but|also|so|then|or|plus)\b[\s,]*(?:(?:what|how) about\b)?|"
                        r"(?:what|how) about\b|what of\b|same (?=for|with|in)|ok(?:ay)?,?\s+(?:and|what about)\b)",
                        re.I)
# groups of people a question is asked for ("in adults", "for kids", "in older children")
PEOPLE = re.compile(r"\b(adults?|children|child|kids?|babies|baby|infants?|toddlers?|teens?|teenagers?|adolescents?|"
                    r"elderly|older (people|patients|adults)|women|men|patients aged|pediatric|paediatric|"
                    r"(\d+|six|twelve)[- ](year|month)s?[- ]olds?)\b", re.I)
PREPOSITIONS = ("in", "for", "with", "on", "during", "among", "after", "before", "at", "of", "to", "about",
                "under", "over", "from", "by", "without", "versus", "vs")
# what a study found, said with "the" ("what did the trials show?"), or an ask for detail;
# not a property of the drug ("what are the side effects?" stands on its own)
POINTS_BACK = re.compile(r"\bthe ([\w-]+ )?(trials?|stud(y|ies)|results?|endpoints?|patients|participants|data|"
                         r"findings|outcomes?|numbers|rates?)\b|\b(exactly|specifically|in particular|precisely)\b",
                         re.I)
# a reason asked with nothing of its own ("why not?", "why 150?"), or a question that
# presupposes the last one ("in men too?", "even in people without diabetes?", "what happens then?")
REASON = re.compile(r"^\s*(why|how come)\b", re.I)
PRESUPPOSES = re.compile(r"^\s*even\b|\b(too|as well)\s*[?.!]*\s*$", re.I)
THEN = re.compile(r"\bthen\s*[?.!]*\s*$", re.I)  # "what happens then?"; not "what do I do with side effects then?"
# what only a condition has, said of none ("what are the symptoms?", "what warning signs?"; not "the signs of an
# infection", "the allergy symptoms", "how do I sign up?"): those of the condition just asked about
OF_A_CONDITION = re.compile(r"\b(the|any|what|which|those|these|such)\s+((warning|early)\s+)?(symptoms?|signs?)\b"
                            r"(?!\s+(of|from|that)\b)", re.I)
TOPIC_PREPOSITIONS = ("in", "for", "with")  # what a condition is asked with: "works in asthma", "help with hives"
# a short question that names nothing leans on the conversation when it asks for one of these
FACT_KINDS = (("date",), ("dose",), ("elderly",), ("age",), ("organisation",), ("onset",), ("time",), ("headcount",),
              ("number",))


def read_follow_up(question: str, history: tuple[str, ...] | list[str],
                   has_subject: Callable[[str], bool], generic: frozenset[str],
                   swap_drug: Callable[[str, str], str | None] = lambda before, rest: None) -> tuple[str, str, str]:
    """(question as read, the earlier question it leans on, how it was read) for an
    elliptical question; (question, "", "") for one that stands on its own. `has_subject`
    says whether a question names what it is about (a drug, gene or trial); `generic` are
    the stemmed words that carry no topic; `swap_drug` asks the earlier question of the
    drug a follow-up names ("and Keytruda?"), or gives None."""
    history = [h for h in (" ".join(str(h).split()) for h in history or ()) if h]
    if not history:
        return question, "", ""
    before = history[-1]
    if len(history) > 1:  # the last question may itself have been a follow-up
        before = read_follow_up(before, history[:-1], has_subject, generic, swap_drug)[0]
    cue = FOLLOW_CUE.match(question)
    lowered = [w.lower() for w in re.findall(r"[A-Za-z0-9][\w'-]*", question)]
    content = [w for w in lowered if w not in STOPWORDS and stem(w) not in generic and w not in ANAPHORS]
    anaphoric = any(w in ANAPHORS for w in lowered)
    # without a cue or a pronoun, a short question leans on the conversation only when it
    # asks for a particular fact and names nothing ("how many patients were enrolled?");
    # "what are the side effects?" stands on its own
    asks_fact = answer_kinds(question)[:1] in FACT_KINDS
    bare = len(content) <= 2 and not is_broad(question) and not has_subject(question) and asks_fact
    # "what did the trials show?", "which patients exactly?": what a study found, said with
    # "the", or an ask for detail points back at what was just asked when the question names
    # nothing itself
    pointing = (len(content) <= 3 and not has_subject(question) and bool(POINTS_BACK.search(question)))
    presumes = not has_subject(question) and (
        (REASON.match(question) and all(w.isdigit() for w in content))  # "why not?", "why 150?"
        or (PRESUPPOSES.search(question) and len(content) <= 3) or (THEN.search(question) and len(content) <= 1)
        or (OF_A_CONDITION.search(question) and len(content) <= 3 and not asks_fact))
    if not (cue or (anaphoric and len(content) <= 3) or bare or pointing or presumes):
        return question, "", ""
    rest = question[cue.end():].strip(" ,?.!") if cue else ""
    if cue and rest:
        swapped = swap_drug(before, rest) or substitute(before, rest)
        if swapped:
            return swapped, before, swapped
    text = f"{before.rstrip('?.! ')}: {question}"
    return text, before, f"{question} (following “{before}”)"


def leaned_on(history: tuple[str, ...] | list[str],
              read: Callable[[str, list[str]], tuple[str, str, str]]) -> tuple[str, ...]:
    """The earlier questions a follow-up asked after `history` is read against, oldest
    first, as the asker would recognise them: the last question, as read when it took an
    earlier one's place ("Which trials showed it works in COPD?" for "and in COPD?"), and
    when it was itself read with the one before as context, that one too. `read` is
    read_follow_up with its word lists given."""
    history = [h for h in (" ".join(str(h).split()) for h in history or ()) if h]
    if not history:
        return ()
    last = history[-1]
    text, before, how = read(last, history[:-1])
    if not before:
        return (last,)
    if how == text:  # it took the earlier question's place: a whole question
        return (text,)
    return leaned_on(history[:-1], read) + (last,)


def follow_up_note(read: str, earlier: tuple[str, ...]) -> str:
    """'Read as: "Which trials showed it works in COPD?" (after "Which trials showed it
    works in asthma?")': a follow-up as read, and the earlier questions it was read against."""
    quoted = [f'"{q}"' for q in earlier]
    after = ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else "".join(quoted)
    return f'Read as: "{read}"' + (f" (after {after})" if after else "")


def substitute(before: str, rest: str) -> str | None:
    """'and in COPD' after 'Which trials showed it works in asthma?' ->
    'Which trials showed it works in COPD?': the same preposition's phrase is replaced;
    a group of people replaces the group of people asked about, whatever its preposition."""
    first = rest.split()[0].lower()
    if first not in PREPOSITIONS or len(rest.split()) < 2 or len(rest.split()) > 8:
        return None
    replacement = rest.split(None, 1)[1]
    people = bool(PEOPLE.search(replacement))
    slot_start = "(" + "|".join(PREPOSITIONS) + ")" if people else first
    if not people and first in TOPIC_PREPOSITIONS and not re.search(rf"\b{first}\b", before, re.I):
        # "and in COPD?" after "does it help with hives?": a condition's preposition varies
        slot_start = "(" + "|".join(TOPIC_PREPOSITIONS) + ")"
    spans = []
    for slot in re.finditer(rf"\b{slot_start}\b\s+(?=[^?.,;!\s])", before, re.I):  # slots may nest
        tail = re.match(r"[^?.,;!]+", before[slot.end():]).group(0)
        # the phrase ends where another preposition or clause starts
        stop = re.search(r"\s\b(" + "|".join(PREPOSITIONS) + r"|and|or|but|that|which|who|when)\b\s", tail, re.I)
        end = slot.end() + (stop.start() if stop else len(tail.rstrip()))
        if bool(PEOPLE.search(before[slot.end():end])) == people:
            spans.append((slot.end(), end))
    if not spans:
        return None
    start, end = spans[-1]
    return f"{before[:start]}{replacement}{before[end:]}".strip()
