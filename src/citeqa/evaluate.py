"""Score an Assistant on a question set (JSON lines: id, cat, q, gold, answer; optional
prev, the conversation's earlier questions, and answer_min).

A passage is a hit when it contains one of the gold phrases verbatim and is at most
1,500 characters long. An answer is correct when it was given (found) and contains at
least `answer_min` (default 1) of the expected answer strings (case-insensitive).
Unanswerable questions have no gold: abstaining on them is what counts.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .assistant import Answer, Assistant

MAX_HIT_CHARS = 1500
MARKER = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Result:
    id: str
    cat: str
    question: str
    rank: int | None  # 1-based rank of the first hit among the passages, None if none
    found: bool
    correct: bool
    cited_chars: int
    answer: str
    answerable: bool = True


def load_questions(path: str | Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: not JSON: {exc.msg}") from exc
                missing = {"id", "cat", "q", "gold", "answer"} - set(row)
                if missing:
                    raise ValueError(f"{path}:{n}: missing {', '.join(sorted(missing))}")
                rows.append(row)
    return rows


def cited(answer: Answer) -> list[int]:
    return sorted({int(n) - 1 for n in MARKER.findall(answer.text) if 0 < int(n) <= len(answer.passages)})


def score(row: dict, answer: Answer) -> Result:
    rank = next((i + 1 for i, p in enumerate(answer.passages)
                 if len(p.text) <= MAX_HIT_CHARS and any(g in p.text for g in row["gold"])), None)
    text = answer.text.lower()
    needed = row.get("answer_min", 1)
    correct = answer.found and sum(a.lower() in text for a in row["answer"]) >= needed
    sources = cited(answer) or ([0] if answer.passages else [])
    chars = sum(len(answer.passages[i].text) for i in sources) // max(1, len(sources))
    return Result(row["id"], row["cat"], row["q"], rank, answer.found, correct, chars, answer.text,
                  bool(row["gold"]))


def run(bot: Assistant, rows: list[dict], k: int = 5) -> list[Result]:
    return [score(row, bot.ask(row["q"], k=k, history=row.get("prev", ()))) for row in rows]


def metrics(results: list[Result]) -> dict[str, float]:
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    n = max(1, len(answerable))

    def hit(k):
        return sum(1 for r in answerable if r.rank is not None and r.rank <= k) / n

    return {
        "questions": len(results),
        "hit@1": hit(1), "hit@3": hit(3), "hit@5": hit(5),
        "mrr@5": sum(1 / r.rank for r in answerable if r.rank and r.rank <= 5) / n,
        "answer_accuracy": sum(r.correct for r in answerable) / n,
        "abstention_unanswerable": sum(not r.found for r in unanswerable) / max(1, len(unanswerable)),
        "false_abstention": sum(not r.found for r in answerable) / n,
        "mean_cited_chars": sum(r.cited_chars for r in results) / max(1, len(results)),
    }


def format_report(results: list[Result], verbose: bool = False) -> str:
    m = metrics(results)
    lines = [f"{'questions':<26}{m.pop('questions')}"]
    lines += [f"{name:<26}{value:.3f}" if name != "mean_cited_chars" else f"{name:<26}{value:.0f}"
              for name, value in m.items()]
    by_cat: dict[str, list[Result]] = {}
    for r in results:
        by_cat.setdefault(r.cat, []).append(r)
    lines.append("")
    lines.append(f"{'category':<14}{'n':>4}{'hit@1':>8}{'hit@5':>8}{'acc':>8}{'declined':>10}{'false decl':>12}")
    for cat, rs in sorted(by_cat.items()):
        ans = [r for r in rs if r.answerable]
        una = [r for r in rs if not r.answerable]

        def rate(items, test):
            return f"{sum(1 for r in items if test(r)) / len(items):.2f}" if items else "–"

        lines.append(f"{cat:<14}{len(rs):>4}{rate(ans, lambda r: r.rank == 1):>8}"
                     f"{rate(ans, lambda r: r.rank and r.rank <= 5):>8}{rate(ans, lambda r: r.correct):>8}"
                     f"{rate(una, lambda r: not r.found):>10}{rate(ans, lambda r: not r.found):>12}")
    misses = [r for r in results if r.answerable != r.found or (r.answerable and (r.rank != 1 or not r.correct))]
    if verbose and misses:
        lines.append("\nmisses:")
        for r in misses:
            lines.append(f"  {r.id} rank={r.rank} found={r.found} correct={r.correct}: {r.question}\n      -> {r.answer[:160]}")
    return "\n".join(lines)
