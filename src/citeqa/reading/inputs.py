"""What a caller passes, checked and tidied before anything reads it: the question, how
many passages (k), the topic filter and the conversation's earlier questions.

Bad input raises a plain TypeError or ValueError that says what is wrong; nothing is
guessed. Left out: spelling (understand.py reads misspelt words).
"""
from __future__ import annotations

import unicodedata

from ..index.chunk import TOPICS

MAX_HISTORY = 10  # earlier questions a follow-up is read against, at most


def normalise_question(question: str) -> str:
    """Control characters and lone surrogates out, white space folded; empty -> ValueError."""
    question = question.encode("utf-8", "replace").decode("utf-8")
    question = "".join(ch if ch.isspace() or unicodedata.category(ch)[0] != "C" else " " for ch in question)
    question = " ".join(question.split())
    if not question:
        raise ValueError("question is empty: ask something about the documents")
    return question


def check_k(k) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 50:
        raise ValueError(f"k must be a whole number from 1 to 50, not {k!r}")


def clean_question(question: str, k: int, topic: str | None, max_chars: int) -> tuple[str, tuple[str, ...]]:
    """The question tidied and cut to `max_chars`, and a note when it was cut."""
    if not isinstance(question, str):
        raise TypeError(f"question must be a string, not {type(question).__name__}")
    check_k(k)
    if topic is not None and topic not in TOPICS:
        raise ValueError(f"topic must be one of {', '.join(TOPICS)}, not {topic!r}")
    question = normalise_question(question)
    if len(question) > max_chars:
        return question[:max_chars], (f"The question was shortened to its first {max_chars} characters.",)
    return question, ()


def clean_history(history, max_chars: int) -> tuple[str, ...]:
    """The last MAX_HISTORY earlier questions, each tidied and cut to `max_chars`; empty ones dropped."""
    if isinstance(history, str) or not isinstance(history, (list, tuple)):
        raise TypeError(f"history must be a list of earlier questions, not {type(history).__name__}")
    cleaned = []
    for item in history[-MAX_HISTORY:]:
        if not isinstance(item, str):
            raise TypeError(f"history must hold strings, not {type(item).__name__}")
        text = " ".join(item.split())[:max_chars]
        if text:
            cleaned.append(text)
    return tuple(cleaned)
