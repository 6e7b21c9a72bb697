"""The index on disk: refresh applies exactly what changed, and damage means a rebuild."""
import json
import os
import subprocess
import sys

import pytest

from citeqa import Assistant
from citeqa.index import store
from citeqa.index.build import unit_texts
from tests.conftest import HASH


def open_bot(corpus, **kw):
    return Assistant(corpus, corpus.parent / "index", settings=HASH, **kw)


def unique_units(bot, source=None):
    data = bot._state[0]
    return {text for c in data.chunks if source in (None, c.source) for _, _, text in unit_texts(c)}


def test_first_build_then_nothing_to_do(corpus):
    bot = open_bot(corpus)
    rep = bot.last_report
    assert (rep.added, rep.changed, rep.removed) == (["a.txt", "b.md", "c.txt"], [], [])
    assert rep.embedded == len(unique_units(bot))
    again = bot.refresh()
    assert again.nothing_changed and again.embedded == 0


def test_added_section_reembeds_only_the_new_text(corpus):
    bot = open_bot(corpus)
    before = unique_units(bot)
    with open(corpus / "a.txt", "a", encoding="utf-8") as f:
        f.write("Trials\nThe ALPHA-2 trial enrolled 30 adults.\n")
    rep = bot.refresh()
    assert (rep.added, rep.changed, rep.removed) == ([], ["a.txt"], [])
    assert rep.embedded == len(unique_units(bot) - before) == 2
    ans = bot.ask("How many adults did the ALPHA-2 trial enroll?")
    assert ans.passages[0].text == "The ALPHA-2 trial enrolled 30 adults."
    assert ans.passages[0].section == "Trials"


def test_added_and_removed_documents(corpus):
    bot = open_bot(corpus)
    (corpus / "c.txt").unlink()
    (corpus / "sub").mkdir()
    (corpus / "sub" / "d.txt").write_text("Delta Drug\nDeltamab treats psoriasis.\n", encoding="utf-8")
    rep = bot.refresh()
    assert (rep.added, rep.changed, rep.removed) == (["sub/d.txt"], [], ["c.txt"])
    sources = {c.source for c in bot._state[0].chunks}
    assert sources == {"a.txt", "b.md", "sub/d.txt"}
    ans = bot.ask("Which drug is approved for gout?", k=10)
    assert "c.txt" not in {p.source for p in ans.passages}


def test_edit_is_noticed_and_a_touch_is_not(corpus):
    bot = open_bot(corpus)
    os.utime(corpus / "c.txt", ns=(1, 1))
    assert bot.refresh().nothing_changed
    (corpus / "b.md").write_text("# Beta Drug\n\nBetamab lowers beta by 50%.\n", encoding="utf-8")
    assert bot.status().pending == {"added": [], "changed": ["b.md"], "removed": []}
    rep = bot.refresh()
    assert rep.changed == ["b.md"] and rep.embedded == 2
    assert bot.status().stale is False


def test_a_touched_document_keeps_its_title(corpus):
    # its drug names may be learned from its title alone, when the index is next rebuilt for another file
    bot = open_bot(corpus)
    title = bot._state[0].manifest["sources"]["b.md"]["title"]
    os.utime(corpus / "b.md", ns=(1, 1))
    (corpus / "c.txt").write_text("Gammamab treats gout.\n", encoding="utf-8")
    assert bot.refresh().changed == ["c.txt"]
    assert title and bot._state[0].manifest["sources"]["b.md"]["title"] == title


def test_a_new_process_finds_the_index_up_to_date(corpus):
    open_bot(corpus)
    code = ("import sys; from citeqa import Assistant, Settings; "
            "b = Assistant(sys.argv[1], sys.argv[2], settings=Settings(model='hash')); "
            "r = b.last_report; print(r.nothing_changed, r.embedded)")
    out = subprocess.run([sys.executable, "-c", code, str(corpus), str(corpus.parent / "index")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "0"]


def live(corpus):
    return store.current_version(corpus.parent / "index")


@pytest.mark.parametrize("damage", ["truncate-chunks", "garbage-faiss", "delete-bm25", "other-model",
                                    "other-format", "delete-current", "garbage-current"])
def test_damaged_index_is_rebuilt_with_a_warning(corpus, damage):
    bot = open_bot(corpus)
    expected = bot.ask("What is gammamab approved for?").passages[0]
    folder = live(corpus)
    if damage == "truncate-chunks":
        path = folder / "chunks.jsonl"
        path.write_bytes(path.read_bytes()[:-30])
    elif damage == "garbage-faiss":
        path = folder / "dense.faiss"
        path.write_bytes(os.urandom(path.stat().st_size))
    elif damage == "delete-bm25":
        (folder / "bm25" / "vocab.index.json").unlink()
    elif damage in ("other-model", "other-format"):
        manifest = json.loads((folder / "manifest.json").read_text())
        if damage == "other-model":
            manifest["settings"]["model"] = "another-model"
        else:
            manifest["format_version"] = 99
        (folder / "manifest.json").write_text(json.dumps(manifest))
    elif damage == "delete-current":
        (corpus.parent / "index" / "CURRENT").unlink()
    else:
        (corpus.parent / "index" / "CURRENT").write_text("../../etc")
    if damage == "delete-current":
        reopened = open_bot(corpus)  # a missing index is simply built
    else:
        with pytest.warns(UserWarning, match="rebuilding the index"):
            reopened = open_bot(corpus)
        assert reopened.last_report.rebuilt
    assert reopened.last_report.embedded == len(unique_units(reopened))
    assert reopened.ask("What is gammamab approved for?").passages[0] == expected
    assert [p.name for p in (corpus.parent / "index").iterdir() if p.name.startswith("v-")] == [live(corpus).name]


def test_crash_while_writing_leaves_the_old_index_live(corpus, monkeypatch):
    bot = open_bot(corpus)
    old = live(corpus)
    (corpus / "c.txt").write_text("Gamma Drug\nGammamab is approved for gout and lupus.\n", encoding="utf-8")

    def crash(*args):
        raise KeyboardInterrupt("killed mid-build")

    monkeypatch.setattr(store.faiss, "write_index", crash)
    with pytest.raises(KeyboardInterrupt):
        bot.refresh()
    monkeypatch.undo()
    assert live(corpus) == old
    reopened = open_bot(corpus, refresh=False)
    assert reopened.status().pending["changed"] == ["c.txt"]
    assert reopened.refresh().changed == ["c.txt"]
    assert not [p for p in (corpus.parent / "index").iterdir() if p.name.startswith(".tmp-")]


def test_index_type_follows_corpus_size_and_a_settings_change_reuses_vectors(corpus):
    small = open_bot(corpus)
    assert small._state[0].manifest["index_type"] == "flat"
    units = small._state[0].dense.ntotal
    with pytest.warns(UserWarning, match=r"other settings \(flat_max_vectors\)"):
        big = Assistant(corpus, corpus.parent / "index", settings=HASH.replace(flat_max_vectors=units - 1))
    data = big._state[0]
    assert (data.manifest["index_type"], type(data.dense).__name__) == ("ivf", "IndexIVFFlat")
    assert big.last_report.embedded == 0 and big.last_report.rebuilt.startswith("the index was built with")
    assert big.ask("How many adults did the BETA-1 trial enroll?").passages[0].text == (
        "The BETA-1 trial enrolled 120 adults.")
    reopened = Assistant(corpus, corpus.parent / "index", settings=HASH.replace(flat_max_vectors=units - 1))
    assert reopened.last_report.nothing_changed and reopened._state[0].manifest["index_type"] == "ivf"


def test_unknown_index_type_is_refused():
    with pytest.raises(ValueError, match="index_type must be one of auto, flat, ivf"):
        HASH.replace(index_type="hnsw")


def test_a_sharded_index_is_served_whole_without_a_cluster(corpus):
    questions = ("What is gammamab approved for?", "How many adults did BETA-1 enroll?")
    want = [open_bot(corpus).ask(q) for q in questions]
    sharded = Assistant(corpus, corpus.parent / "index", settings=HASH.replace(shards=3))
    assert sharded.last_report.embedded == 0 and sharded.status().shards == 3
    assert sorted(p.name for p in store.current_version(corpus.parent / "index").iterdir()) == [
        "document_frequencies.npy", "manifest.json", "scan.json", "shard-00", "shard-01", "shard-02"]
    assert [sharded.ask(q) for q in questions] == want  # its shards joined back into one index


def test_an_index_read_by_an_older_reader_is_reread_with_its_vectors_reused(corpus, monkeypatch):
    open_bot(corpus)
    import citeqa.settings as settings_module
    monkeypatch.setattr(settings_module, "READING_VERSION", settings_module.READING_VERSION + 1)
    with pytest.warns(UserWarning, match=r"other settings \(reading\)"):
        bot = Assistant(corpus, corpus.parent / "index", settings=HASH)
    assert bot.last_report.embedded == 0 and bot._state[0].manifest["settings"]["reading"] == settings_module.READING_VERSION
