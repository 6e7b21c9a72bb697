"""The issue's quality bar, measured on tests/data/questions.jsonl."""
from pathlib import Path

import pytest

from citeqa.evaluate import load_questions, metrics, run

QUESTIONS = Path(__file__).parent / "data" / "questions.jsonl"
OFF_TOPIC = {"What is the capital of France?", "How do I reset my password?", "Who won the 2018 World Cup?",
             "What are the side effects of metformin?", "What is the weather in Paris today?"}


@pytest.fixture(scope="module")
def results(bot):
    return run(bot, load_questions(QUESTIONS))


def test_dev_set_is_well_formed():
    rows = load_questions(QUESTIONS)
    text = (Path(__file__).parent.parent / "seeds" / "dupilumab.txt").read_text(encoding="utf-8")
    assert len(rows) >= 70 and len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["cat"] in {"mechanism", "trials", "safety", "indications", "history", "paraphrase", "typo", "unanswerable"}
        assert all(g in text for g in r["gold"]), r["id"]
        assert bool(r["gold"]) == (r["cat"] != "unanswerable") == bool(r["answer"])


def test_quality_bar(results):
    m = metrics(results)
    assert m["hit@1"] >= 0.88
    assert m["hit@5"] >= 0.96
    assert m["answer_accuracy"] >= 0.83
    assert m["abstention_unanswerable"] >= 2 / 3
    assert m["false_abstention"] <= 0.03
    assert m["mean_cited_chars"] <= 900


def test_plainly_off_topic_questions_are_all_declined(results):
    off = [r for r in results if r.question in OFF_TOPIC]
    assert len(off) == len(OFF_TOPIC) and not any(r.found for r in off)
