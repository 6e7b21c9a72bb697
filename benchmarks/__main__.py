"""One command for every benchmark table and plot: ``python -m benchmarks``.

Writes markdown tables, PNG plots and the raw numbers (results-*.json) to docs/benchmarks/,
and puts each table between its <!-- bench:NAME --> markers, in README.md or docs/*.md,
wherever they are. Parts: quality (dev-set ablations and baselines), corpus (the development
corpus's tuning and held-out documents, with and without the reader, against dense windows), pdfs (the
corpus's PDFs against the same text as .txt and against windows of pypdf's text), speed (ratios
measured side by side), scale (10k to 1M synthetic passages), load (50 HTTP clients),
growth (a question's cost on one document against 200), distributed (on a local Ray instance:
build throughput, the cost of the fan-out, shard memory; needs the ray extra).

    python -m benchmarks                       # everything (about 40 minutes on 2 cores)
    python -m benchmarks --only quality,speed  # some parts
    python -m benchmarks --sizes 10000,100000  # a smaller scale run
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from . import distributed, growth, load, pdfs, quality, scale, speed

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"
NATURAL = ROOT / "tests" / "data" / "natural.jsonl"
QUESTION_SETS = {"page-worded": QUESTIONS, "natural": NATURAL}
CORPUS = ROOT / "tests" / "data" / "corpus"  # the development corpus, reported by split
DOCS = ROOT / "docs" / "benchmarks"  # results written here also update the tables in README.md and docs/*.md
PARTS = ("quality", "corpus", "pdfs", "speed", "growth", "scale", "load", "distributed")


def put_in_readme(name: str, table: str, files: list[Path] | None = None) -> list[Path]:
    """Replace the text between <!-- bench:NAME --> and <!-- /bench:NAME --> in each of
    `files` (README.md and docs/*.md) that holds those markers; returns the files changed."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    changed = []
    for path in files if files is not None else [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        if start in text and end in text:
            head, rest = text.split(start, 1)
            path.write_text(f"{head}{start}\n{table}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")
            changed.append(path)
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default=str(ROOT / "seeds"))
    parser.add_argument("--out", default=str(DOCS), help="folder for the results (the tables in README.md and "
                        "docs/*.md are updated only when it is docs/benchmarks)")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts of {', '.join(PARTS)}")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="passages in the scale run")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the dev questions for speed")
    parser.add_argument("--clients", type=int, default=50, help="concurrent HTTP clients in the load run")
    parser.add_argument("--seconds", type=float, default=60, help="length of the load run")
    args = parser.parse_args()
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))} (choose from {', '.join(PARTS)})")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    seeds = Path(args.seeds)

    def save(name: str, results, table: str) -> None:
        (out / f"results-{name}.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
        (out / f"{name}.md").write_text(table + "\n", encoding="utf-8")
        marked = put_in_readme(name, table) if out.resolve() == DOCS.resolve() else []
        print(f"\n{table}\n\nwrote {out / name}.md" + "".join(f", and its table in {p.relative_to(ROOT)}"
                                                            for p in marked))

    for part in parts:
        start = time.perf_counter()
        print(f"== {part}", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            if part == "quality":
                results = quality.run_quality(seeds, QUESTION_SETS, Path(tmp))
                quality.plot(results, out / "quality.png")
                save(part, results, quality.markdown(results))
            elif part == "corpus":
                results = quality.run_corpus_quality(CORPUS, Path(tmp))
                save(part, results, quality.corpus_markdown(results))
            elif part == "pdfs":
                results = pdfs.run_pdfs(CORPUS, Path(tmp))
                save(part, results, pdfs.markdown(results))
            elif part == "speed":
                results = speed.run_speed(seeds, list(QUESTION_SETS.values()), Path(tmp), repeat=args.repeat)
                speed.plot(results, out / "refresh.png")
                save(part, results, speed.markdown(results))
            elif part == "growth":
                results = growth.run_growth(Path(tmp))
                save(part, results, growth.markdown(results))
            elif part == "scale":
                results = scale.run_scale([int(n) for n in args.sizes.split(",")])
                scale.plot(results, out / "scale.png")
                save(part, results, scale.markdown(results))
            elif part == "load":
                results = load.run_load(seeds, Path(tmp), clients=args.clients, seconds=args.seconds)
                save(part, results, load.markdown(results))
            else:
                results = distributed.run_distributed(seeds, list(QUESTION_SETS.values()), Path(tmp))
                save(part, results, distributed.markdown(results))
        print(f"({part}: {time.perf_counter() - start:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
