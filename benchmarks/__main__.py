"""Speed of the engine as ratios measured side by side in one run (the machine is shared
and noisy, so absolute times mean little):

- warm ``ask`` p50/p95 ÷ one raw query embedding with the same model (goal ≤ 1.5)
- full build ÷ raw embedding of the same texts (goal ≤ 1.2)
- no-op refresh time (goal: well under a second)

Usage: python -m benchmarks [--seeds seeds] [--repeat 50]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from citeqa import Assistant
from citeqa.build import unit_texts
from citeqa.evaluate import load_questions

QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "data" / "questions.jsonl"


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--seeds", default="seeds")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the dev questions")
    args = parser.parse_args()
    questions = [row["q"] for row in load_questions(QUESTIONS)]
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(args.seeds, seeds)
        warm = Assistant(seeds, Path(tmp) / "warmup")  # loads the model once, outside the timings
        embedder = warm.embedder
        embedder.encode(["warm up"])

        start = time.perf_counter()
        bot = Assistant(seeds, Path(tmp) / "index")
        build_s = time.perf_counter() - start
        texts = list(dict.fromkeys(t for c in bot._state[0].chunks for _, _, t in unit_texts(c)))
        start = time.perf_counter()
        embedder.encode(texts)
        raw_build_s = time.perf_counter() - start

        ask_s, embed_s = [], []
        for _ in range(args.repeat):
            for q in questions:
                t0 = time.perf_counter()
                embedder.encode([q])
                t1 = time.perf_counter()
                bot.ask(q)
                t2 = time.perf_counter()
                embed_s.append(t1 - t0)
                ask_s.append(t2 - t1)
        noop = []
        for _ in range(20):
            t0 = time.perf_counter()
            bot.refresh()
            noop.append(time.perf_counter() - t0)

    embed_p50 = statistics.median(embed_s)
    rows = [
        ("warm ask p50 / raw query embedding p50", statistics.median(ask_s) / embed_p50, "≤ 1.5"),
        ("warm ask p95 / raw query embedding p50", percentile(ask_s, 0.95) / embed_p50, ""),
        ("full build / raw embedding of its texts", build_s / raw_build_s, "≤ 1.2"),
    ]
    print(f"{len(texts)} embedded texts, {len(ask_s)} questions asked\n")
    print("| measure | ratio | goal |\n|---|---|---|")
    for name, ratio, goal in rows:
        print(f"| {name} | {ratio:.2f} | {goal} |")
    print(f"\nraw query embedding p50 {embed_p50 * 1000:.1f} ms; warm ask p50 {statistics.median(ask_s) * 1000:.1f} ms, "
          f"p95 {percentile(ask_s, 0.95) * 1000:.1f} ms; build {build_s:.2f} s vs raw {raw_build_s:.2f} s; "
          f"no-op refresh p50 {statistics.median(noop) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
