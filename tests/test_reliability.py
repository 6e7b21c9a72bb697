"""Reliability: bad questions, bad seed files, a damaged index, a build killed mid-way,
and asking while another thread or process refreshes. Never a wrong answer served silently."""
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from citeqa import Assistant
from citeqa.index import store
from citeqa.index.build import MAX_FILE_BYTES
from citeqa.cli import main
from citeqa.reading.inputs import normalise_question
from tests.conftest import HASH, ROOT

ODD = st.sampled_from(["", " ", "\x00", "\x1b[31m", "\ud800", "\udfff", "\u202e", "\u200f", "\ufeff", "💊", "🧬",
                       "<script>alert(1)</script>", "'; DROP TABLE chunks; --", "IL-4Rα", "STAT6", "?", "\n\t",
                       "ＩＬ－４", "e\u0301", "%s%n", "{{7*7}}", "../../etc/passwd"])
QUESTIONS = st.lists(st.one_of(st.text(max_size=40), ODD), max_size=12).map("".join)


def is_blank(question: str) -> bool:
    try:
        normalise_question(question)
    except ValueError:
        return True
    return False


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=st.one_of(QUESTIONS, st.integers(2001, 100_000).map(lambda n: "dupilumab IL-4 " * (n // 15))))
def test_any_question_gets_an_answer_a_clean_not_found_or_a_value_error_if_empty(bot, question):
    if is_blank(question):
        with pytest.raises(ValueError, match="question is empty"):
            bot.ask(question)
        return
    ans = bot.ask(question)
    assert isinstance(ans.found, bool) and ans.text and isinstance(ans.passages, list)
    if not ans.found:
        assert ans.text.startswith("The documents do not answer this question.")
    cleaned = normalise_question(question)
    assert (len(cleaned) > 2000) == ("The question was shortened to its first 2000 characters." in ans.notes)


@hyp_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=st.one_of(QUESTIONS, st.just("x" * 100_000)))
def test_cli_prints_an_answer_or_one_error_line(corpus_index, capsys, question):
    seeds, index = corpus_index
    code = main(["--seeds", str(seeds), "--index", str(index), "--model", "hash", "ask", "--", question])
    out, err = capsys.readouterr()
    if is_blank(question):
        assert (code, err) == (2, "citeqa: error: question is empty: ask something about the documents\n")
    else:
        assert code == 0 and out.strip() and not err.strip()


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    (base / "seeds").mkdir()
    (base / "seeds" / "a.txt").write_text("Alpha Drug\nAlphamab binds the alpha receptor.\n", encoding="utf-8")
    Assistant(base / "seeds", base / "index", settings=HASH)
    return base / "seeds", base / "index"


# ---------------------------------------------------------------- bad seed files


def test_bad_seed_files_are_skipped_with_reasons_and_the_rest_indexed(corpus, tmp_path, monkeypatch):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    (corpus / "latin.txt").write_bytes("Epsilonmab\nEpsilonmab is taken with a café meal.\n".encode("cp1252"))
    with open(corpus / "huge.txt", "w", encoding="utf-8") as f:  # 50 MB of text
        line = "Huge drug text that goes on and on. " * 28 + "\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret Drug\nSecretmab is outside the seeds.\n", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    (corpus / "locked.txt").write_text("Locked Drug\nLockedmab is unreadable.\n", encoding="utf-8")
    (corpus / "locked.txt").chmod(0)
    real_read = type(corpus).read_bytes

    def read_bytes(path):  # root reads any file whatever its mode: refuse as the OS would for others
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(type(corpus), "read_bytes", read_bytes)
    for name in (".#a.txt", "a.txt~", ".DS_Store", ".hidden.txt"):
        (corpus / name).write_text("Ignoredmab is in an editor's temporary file.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in corpus.iterdir() if p.name not in {"locked.txt"}}

    bot = Assistant(corpus, corpus.parent / "index", settings=HASH)
    report = bot.last_report
    assert dict(report.skipped) == {
        "binary.txt": "binary file",
        "empty.txt": "empty file",
        "huge.txt": f"larger than {MAX_FILE_BYTES // 2**20} MiB",
        "link.txt": "symlink pointing outside the seeds folder",
        "locked.txt": "unreadable: Permission denied",
    }
    assert report.added == ["a.txt", "b.md", "c.txt", "latin.txt"]
    assert "skipped binary.txt (binary file)" in report.summary()
    ans = bot.ask("What is epsilonmab taken with?")
    assert ans.passages[0].text == "Epsilonmab is taken with a café meal."  # cp1252, decoded
    for question in ("Where is secretmab?", "What is in the temporary file?"):
        assert all(p.source in {"a.txt", "b.md", "c.txt", "latin.txt"} for p in bot.ask(question).passages)
    assert {p.name: p.read_bytes() for p in corpus.iterdir() if p.name != "locked.txt"} == before


# ---------------------------------------------------------------- damaged index

INDEX_FILES = ["CURRENT", "manifest.json", "chunks.jsonl", "units.jsonl", "dense.faiss", "lexicon.json",
               "bm25/data.csc.index.npy", "bm25/indices.csc.index.npy", "bm25/indptr.csc.index.npy",
               "bm25/params.index.json", "bm25/vocab.index.json"]


def damage_file(path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "delete":
        path.unlink()
    else:  # garbage of the same length: only a checksum tells
        path.write_bytes(bytes(random.Random(len(data)).randrange(256) for _ in range(len(data))))


@pytest.mark.parametrize("how", ["truncate", "delete", "garbage"])
@pytest.mark.parametrize("name", INDEX_FILES)
def test_each_damaged_index_file_is_detected_and_rebuilt(corpus, name, how):
    index = corpus.parent / "index"
    bot = Assistant(corpus, index, settings=HASH)
    expected = bot.ask("What is gammamab approved for?")
    seeds_before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    damage_file(index / name if name == "CURRENT" else store.current_version(index) / name, how)
    if name == "CURRENT" and how == "delete":
        reopened = Assistant(corpus, index, settings=HASH)  # no index: built, as on first use
    else:
        with pytest.warns(UserWarning, match="rebuilding the index"):
            reopened = Assistant(corpus, index, settings=HASH)
        assert reopened.last_report.rebuilt
    assert reopened.ask("What is gammamab approved for?") == expected
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == seeds_before
    versions = [p.name for p in index.iterdir() if p.name.startswith(("v-", ".tmp-"))]
    assert versions == [store.current_version(index).name]


@pytest.mark.parametrize("field, value", [("model", "another-model"), ("format_version", 1),
                                          ("settings", {"max_chunk_chars": 5})])
def test_manifest_from_another_model_or_format_is_rebuilt(corpus, field, value):
    index = corpus.parent / "index"
    expected = Assistant(corpus, index, settings=HASH).ask("What is gammamab approved for?")
    path = store.current_version(index) / "manifest.json"
    manifest = json.loads(path.read_text())
    if field == "model":
        manifest["settings"]["model"] = manifest["model"] = value
    else:
        manifest[field] = value
    path.write_text(json.dumps(manifest))
    with pytest.warns(UserWarning, match="rebuilding the index"):
        reopened = Assistant(corpus, index, settings=HASH)
    assert reopened.last_report.rebuilt
    assert reopened.ask("What is gammamab approved for?") == expected


# ---------------------------------------------------------------- killed mid-build

BUILD = """
import sys
from citeqa import Assistant, Settings
print("building", flush=True)
Assistant(sys.argv[1], sys.argv[2], settings=Settings(model="hash"))
print("built", flush=True)
"""


def write_corpus(seeds, version: int, n: int = 150) -> None:
    seeds.mkdir(exist_ok=True)
    for i in range(n):
        body = " ".join(f"Drug{i} study {j} in edition {version} enrolled {i * j + version} adults."
                        for j in range(12))
        (seeds / f"doc{i:03d}.txt").write_text(f"Drug {i} Overview\n{body}\nSafety\nHeadache in edition {version}.\n",
                                               encoding="utf-8")


def test_build_killed_at_random_points_leaves_old_index_or_none_and_recovers(tmp_path):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    write_corpus(seeds, 1)
    subprocess.run([sys.executable, "-c", BUILD, str(seeds), str(index)], check=True, env=env, capture_output=True)
    write_corpus(seeds, 2)
    proc = subprocess.Popen([sys.executable, "-c", BUILD, str(seeds), str(index)], env=env,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "building"
    start = time.perf_counter()
    assert proc.stdout.readline().strip() == "built"
    build = time.perf_counter() - start  # how long a refresh of every document takes
    proc.wait()
    rng = random.Random(5)
    seen, on_disk = set(), "2"
    for edition in range(3, 13):  # kill points spread from the start to 1.5 times the build's length
        write_corpus(seeds, edition)
        proc = subprocess.Popen([sys.executable, "-c", BUILD, str(seeds), str(index)], env=env,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "building"
        time.sleep((edition - 3 + rng.random()) / 10 * 1.5 * build)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = store.load(index)  # never a mixed index: it loads whole and checks out, or there is none
        if data is None:
            seen.add("none")
            continue
        editions = {c.text.split("edition ")[1].split()[0].rstrip(".") for c in data.chunks if "edition" in c.text}
        assert editions in ({on_disk}, {str(edition)}), (editions, on_disk, edition)
        seen.add("old" if editions == {on_disk} else "new")
        on_disk = editions.pop()
    bot = Assistant(seeds, index, settings=HASH)
    assert bot.ask("How many adults did Drug7 study 3 enroll?").passages[0].source == "doc007.txt"
    assert not [p for p in index.iterdir() if p.name.startswith(".tmp-")]
    assert "old" in seen and "new" in seen, seen  # kills landed both before and after the swap


# ---------------------------------------------------------------- concurrency


def test_asks_from_eight_threads_during_a_refresh_each_see_one_version(corpus):
    # (without the reader model: what is tested is the index versions, and asks must be quick
    # enough for many to overlap the refresh)
    bot = Assistant(corpus, corpus.parent / "index", settings=HASH.replace(reader=False))
    old_ids = {c.id for c in bot._state[0].chunks}
    questions = ["What is gammamab approved for?", "How many adults did BETA-1 enroll?", "What does alphamab bind?"]
    done = threading.Event()
    refreshed_at = []
    results, errors = [], []

    def asker(n):
        i = n
        while not done.is_set():
            started = time.perf_counter()
            try:
                ans = bot.ask(questions[i % 3], k=10)
            except Exception as exc:  # any exception is a failure
                errors.append(exc)
                return
            results.append((started, ans))
            i += 1

    threads = [threading.Thread(target=asker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.2)
    (corpus / "c.txt").unlink()
    (corpus / "a.txt").write_text("Alpha Drug\nAlphamab binds the alpha-2 receptor in gout.\n", encoding="utf-8")
    bot.refresh()
    refreshed_at.append(time.perf_counter())
    time.sleep(0.3)
    done.set()
    for t in threads:
        t.join()
    new_ids = {c.id for c in bot._state[0].chunks}
    assert not errors and len(results) > 50
    after = [ans for started, ans in results if started > refreshed_at[0]]
    assert after and all(p.source != "c.txt" for ans in after for p in ans.passages)
    for _, ans in results:
        ids = {p.id for p in ans.passages}
        assert ids <= old_ids or ids <= new_ids, "an answer mixed two index versions"


REFRESH = """
import sys
from citeqa import Assistant, Settings
r = Assistant(sys.argv[1], sys.argv[2], settings=Settings(model="hash")).last_report
print(len(r.added), len(r.changed), r.embedded)
"""


def test_two_processes_refreshing_at_once_leave_one_good_index(tmp_path):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write_corpus(seeds, 1, n=60)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    procs = [subprocess.Popen([sys.executable, "-c", REFRESH, str(seeds), str(index)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    reports = sorted(out.split() for out, _ in outs)
    assert reports[0] == ["0", "0", "0"] and reports[1][0] == "60"  # one built it, the other found it done
    data = store.load(index)
    assert len(data.manifest["sources"]) == 60
    assert [p.name for p in index.iterdir() if p.name.startswith(("v-", ".tmp-"))] == [data.manifest["version"]]
