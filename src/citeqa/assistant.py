"""The one facade users touch: open the seeds and the index, answer, refresh.

    bot = Assistant(seeds="seeds", index="index")
    ans = bot.ask("What does dupilumab bind to?")

Opening refreshes the index when the seeds or settings changed, and rebuilds it (with a
warning) when it is missing or damaged; opened with ``refresh=False, build=False`` it only
reads what is on disk (``status()`` then says what a build would change). Each `ask` works
on one index version: a refresh running at the same time swaps the version in whole, never
part of it.
"""
from __future__ import annotations

import logging
import threading
import time
import warnings
from dataclasses import replace
from pathlib import Path

from filelock import FileLock

from .index import build, store
from .answering.judge import Evidence, judge
from .answering.quotes import choose_quotes, score_sentences
from .index.embed import get_embedder, query_encoder
from .errors import IndexCorrupt, SeedsError
from .reading.followups import follow_up_note, leaned_on
from .reading.inputs import MAX_HISTORY, clean_history, clean_question
from .ingest import load_document
from .answering.compose import Answer, answered, declined, passage_of
from .answering.retrieve import Retriever
from .settings import Settings, default_settings

log = logging.getLogger("citeqa")
STALE_CHECK_SECONDS = 2.0


class Assistant:
    def __init__(self, seeds: str | Path = "seeds", index: str | Path = "index", *,
                 model: str | None = None, settings: Settings | None = None,
                 refresh: bool = True, build: bool = True, progress: bool = False, cluster: str | None = None):
        """`refresh`: apply the seeds' changes on opening. `build`: build the index when there
        is none that can be served (missing, damaged, other settings); without it nothing is
        written, and status() says what is wrong."""
        self.seeds = Path(seeds)
        self.index_dir = Path(index)
        settings = settings or default_settings()
        self.settings = settings.replace(model=model) if model else settings
        self.embedder = get_embedder(self.settings.model)  # builds the index (sentence-transformers)
        # on a Ray cluster ("local", "auto" or an address): Ray workers embed, shard actors serve (cluster.py)
        self.cluster = cluster
        self._shards: list[list] = []
        if cluster:
            from . import cluster as ray_cluster
            ray_cluster.connect(cluster)
        self._encoder = None  # embeds questions: see query_encoder()
        self._reader = None  # reads candidate sentences: see reader_model()
        self._verdicts: dict[tuple, frozenset[int]] = {}  # what earlier questions' answers quoted (see _earlier)
        self._verdicts_lock = threading.Lock()
        self._encoder_lock = threading.Lock()
        self._lock = threading.RLock()
        self._state: tuple[store.IndexData, Retriever] | None = None
        self._reuse: store.IndexData | None = None  # an index built with other settings
        self._seen: str | None | object = object()  # the version folder last read from disk
        self._why = ""  # why the index on disk cannot be served as it is
        self._on_disk: dict | None = None  # the manifest of the live version, servable or not
        self._stale_checked = 0.0
        self._stale_note = ""
        self._texts: dict[tuple, str] = {}  # extracted document texts, by source and file stamp
        self.last_report: build.RefreshReport | None = None
        if not self.seeds.is_dir():
            raise SeedsError(f"seeds folder not found: {self.seeds}")
        if not build and not self.index_dir.is_dir():
            self._why = "no index yet"
            return
        self.index_dir.mkdir(parents=True, exist_ok=True)
        with self._file_lock():
            self._reload(announce=build)
        if refresh or (build and self._state is None):
            self.refresh(progress=progress)

    # ------------------------------------------------------------ index

    def _file_lock(self) -> FileLock:
        return FileLock(str(self.index_dir / ".lock"), timeout=600)

    def _reload(self, announce: bool = True) -> None:
        """Read the live version from disk. When it cannot be served as it is, keep why
        (self._why) and, if it is only built with other settings, its vectors (self._reuse).
        `announce`: warn that it will be rebuilt."""
        try:
            live = store.current_version(self.index_dir)
        except IndexCorrupt:
            live = None
        state, reuse, why = None, None, ""
        try:
            data = store.load(self.index_dir, vectors=not self.cluster)  # a cluster's shards hold the vectors
        except IndexCorrupt as exc:
            data, why = None, str(exc)
        if data is None:
            why = why or "no index yet"
        else:
            built_with, wanted = data.manifest.get("settings") or {}, self.settings.stored()
            differ = sorted(k for k in set(built_with) | set(wanted) if built_with.get(k) != wanted.get(k))
            if differ:
                why = f"the index was built with other settings ({', '.join(differ)})"
                if "model" not in differ and data.manifest.get("model") == self.settings.model:
                    reuse = store.load(self.index_dir) if self.cluster else data  # same model: its vectors can be reused
            else:
                state = (data, self._retriever(data, live))
        if why and why != "no index yet" and announce:
            warnings.warn(f"citeqa: rebuilding the index: {why}", stacklevel=3)
        self._state, self._reuse, self._why, self._seen = state, reuse, why, live.name if live else None
        self._on_disk = data.manifest if data is not None else None

    def refresh(self, progress: bool = False) -> build.RefreshReport:
        """Apply added, changed and removed seeds; embeds only text it has not seen."""
        with self._lock, self._file_lock():
            try:
                live = store.current_version(self.index_dir)
            except IndexCorrupt:
                live = None
            if (live.name if live else None) != self._seen:
                self._reload()  # another process refreshed it, or it is gone
            current = self._state[0] if self._state else None
            embedder, reader = self.embedder, build.read_documents
            if self.cluster:
                from . import cluster as ray_cluster
                embedder = ray_cluster.RayEmbedder(self.settings.model, self.settings.embed_batch,
                                                   self.settings.embed_actors)
                reader = ray_cluster.read_documents
                if current is not None and any(self.pending().values()):
                    current = store.load(self.index_dir)  # with its vectors, to reuse them
            data, report = build.refresh(self.seeds, self.settings, embedder, current,
                                         rebuilt=self._why if self._why != "no index yet" else "",
                                         progress=progress, reuse=self._reuse, reader=reader)
            if data is not None:
                folder = store.save(self.index_dir, data, shards=self.settings.shards)
                if self.cluster:  # the shard actors hold the vectors, not this process
                    data.vectors, data.dense = data.vectors[:0], store.empty_dense(data.manifest)
                self._state, self._reuse, self._why = (data, self._retriever(data, folder)), None, ""
                self._seen = folder.name
            self._stale_note, self._stale_checked = "", time.monotonic()
            self.last_report = report
            if report.embedded and self.settings.fast_query_encoder:  # the model is loaded: check the NumPy one
                self._encoder = query_encoder(self.settings.model, self.embedder, True,
                                              tuned=self.settings.tuned_queries)
            return report

    def _retriever(self, data: store.IndexData, version: Path) -> Retriever:
        """What scores passages: in this process, or (on a cluster) by the version's shard
        actors, started here and the previous version's stopped."""
        if not self.cluster:
            return Retriever(data, self.settings)
        from . import cluster as ray_cluster
        old, self._shards = self._shards, ray_cluster.start_shards(version, self.settings)
        ray_cluster.stop_shards(old)
        return ray_cluster.ShardedRetriever(data, self.settings, self._shards)

    def close(self) -> None:
        """Stop the shard actors (on a cluster); the index on disk stays."""
        if self._shards:
            from . import cluster as ray_cluster
            ray_cluster.stop_shards(self._shards)
            self._shards, self._state = [], None

    def query_encoder(self):
        """What embeds questions: the model run in NumPy, tuned on our questions (query_tuning.py), once
        checked to give its vectors (no torch import, ~0.02 s to load); else sentence-transformers."""
        if self._encoder is None:
            with self._encoder_lock:
                if self._encoder is None:
                    encoder = self.embedder
                    if self.settings.fast_query_encoder:
                        encoder = query_encoder(self.settings.model, encoder, True, tuned=self.settings.tuned_queries)
                    if encoder is self.embedder:  # sentence-transformers loads its model on first use
                        encoder.encode(["warm up"])  # (the NumPy one has mapped its weights already)
                    self._encoder = encoder
        return self._encoder

    def reader_model(self):
        """The reader model that rescores candidate sentences (reader_model.py), or None when the
        settings turn it off or the package lacks it (the logistic model then decides alone)."""
        if not self.settings.reader:
            return None
        if self._reader is not None:
            return self._reader
        from .answering.reader_model import packaged_reader
        return packaged_reader()

    def use_reader(self, reader) -> None:
        """Read candidate sentences with this (`logits(question, sentences)`): calibration, tests."""
        self._reader = reader

    def use_query_encoder(self, encoder) -> None:
        """Embed questions with this (`encode(texts)`): calibration."""
        self._encoder = encoder

    @property
    def ready(self) -> bool:
        """Whether questions can be embedded without loading a model first."""
        return self._encoder is not None

    def status(self) -> store.IndexStatus:
        """What the index on disk holds, and what a refresh (or build) would change; reads only.
        Opened without `build`, an index that cannot be served is described with its
        `problem` (without one on disk: no documents, every seed pending as added)."""
        state = self._state
        manifest = state[0].manifest if state else self._on_disk
        problem = "" if state else self._why or "no index loaded"
        if manifest is None:
            return store.IndexStatus(0, 0, self.settings.model, "", "", self.pending(), problem=problem)
        return store.IndexStatus(len(manifest["sources"]), len(state[0].chunks) if state else int(manifest.get("chunks", 0)),
                           manifest["model"], manifest.get("built_at", ""), manifest.get("version", ""),
                           self.pending(), manifest.get("index_type", "flat"),
                           {s: bad["reason"] for s, bad in manifest.get("unreadable", {}).items()},
                           len(manifest.get("shards") or [None]), problem,
                           state[1].vocab.drugs.subject_labels if state else ())

    def pending(self) -> dict:
        """Seeds added, changed or removed since the live index was built (by size and mtime);
        applies nothing (refresh() does)."""
        state = self._state
        manifest = state[0].manifest if state else self._on_disk or {"sources": {}}
        sources, unreadable = manifest["sources"], manifest.get("unreadable", {})
        try:
            files, _ = build.scan_seeds(self.seeds)
        except SeedsError:
            files = {}
        changed, added = [], []
        for source, path in files.items():
            known = sources.get(source) or unreadable.get(source)
            try:
                stamp = build.file_stamp(path)
            except OSError:
                continue
            if source not in sources and (known is None or stamp != known["stamp"]):
                added.append(source)
            elif source in sources and stamp != known["stamp"]:
                changed.append(source)
        return {"added": sorted(added), "changed": sorted(changed),
                "removed": sorted(set(sources) - set(files))}

    def document(self, source: str) -> str:
        """The text of an indexed document, as its passages' offsets count it."""
        data = self._data()
        if source not in data.manifest["sources"]:
            raise ValueError(f"not an indexed document: {source!r}")
        path = self.seeds / source
        key = (source, tuple(build.file_stamp(path)))
        if key not in self._texts:  # a PDF takes a while to extract: keep the last few
            if len(self._texts) >= 8:
                self._texts.pop(next(iter(self._texts)))
            self._texts[key] = load_document(self.seeds, path).text
        return self._texts[key]

    def _data(self) -> store.IndexData:
        state = self._state
        if state is None:
            raise IndexCorrupt("no index is loaded")
        return state[0]

    # ------------------------------------------------------------ asking

    def ask(self, question: str, k: int = 5, topic: str | None = None,
            history: list[str] | tuple[str, ...] = ()) -> Answer:
        """Answer with verbatim, cited sentences. `history` is the conversation's earlier
        questions, oldest first: an elliptical question ("and in COPD?") is read against it."""
        return self.ask_with_evidence(question, k, topic, history)[0]

    def ask_with_evidence(self, question: str, k: int = 5, topic: str | None = None,
              history: list[str] | tuple[str, ...] = ()) -> tuple[Answer, Evidence]:
        """The answer and the evidence it was judged on (features and calibrated confidence)."""
        return self._answer(question, k, topic, history, check_earlier=True)

    def _answer(self, question: str, k: int, topic: str | None, history, check_earlier: bool) -> tuple[Answer, Evidence]:
        """`check_earlier`: a follow-up read with the earlier question as context is answered only
        where that question is (weighed once, not down the whole conversation)."""
        question, notes = clean_question(question, k, topic, self.settings.question_max_chars)
        history = clean_history(history, self.settings.question_max_chars)
        state = self._state
        if state is None:
            raise IndexCorrupt("no index is loaded: refresh it")
        (data, retriever), seen = state, self._seen
        query = retriever.read(question, history if self.settings.follow_ups else ())
        if query.read_as:  # one that took an earlier question's place, as read; else as asked
            earlier = leaned_on(history, retriever.question_reader.read_follow_up)
            notes += (follow_up_note(question if query.leans_on else query.read_as, earlier),)
        if query.listed_unknown:
            missing = ", ".join(query.listed_unknown)
            notes += (f"The documents never mention {missing}: the answer covers the rest.",)
        q_vec = self.query_encoder().encode([query.text])[0]
        bm25, unit_cos = retriever.score(query.weights, q_vec)
        wants_list = query.broad and self.settings.broad_answers
        pool = max(k, self.settings.broad_pool) if wants_list else k
        hits = retriever.search(bm25, unit_cos, pool, topic, query.kinds, set(query.weights) if wants_list else None,
                                whole=query.whole, only=retriever.only_about(query.drugs), acts=query.acts,
                                commonest=query.commonest)
        if self.settings.answer_selection:
            quotes = choose_quotes(retriever, hits, query, unit_cos, self.settings, reader=self.reader_model())
        else:  # the top passage's sentence closest to the question
            quotes = choose_quotes(retriever, hits, query, unit_cos,
                                   self.settings.replace(broad_answers=False, complement_margin=-1.0,
                                                         second_quote=False),
                                   look_at=1, term_weight=0.0, type_weight=0.0)
        evidence, earlier = judge(retriever, hits, query, unit_cos, self.settings, quotes), None
        if evidence.found and query.read_as and check_earlier:  # (a repeat only ever weighs against)
            # a follow-up asks for more than the answer before it said: quoting that again is weak evidence
            earlier = self._earlier(history[-1], k, topic, history[:-1])
            if evidence.quoted <= earlier:
                evidence = judge(retriever, hits, query, unit_cos, self.settings, quotes, earlier_quoted=earlier)
        # a follow-up read with the earlier question as context ("what trials showed that?" after "does it
        # work for hives?") is not answered where that one is not ("and in COPD?" stands on its own)
        if evidence.found and earlier is not None and query.leans_on and not earlier:
            evidence = replace(evidence, found=False, earlier_unanswered=history[-1], quoted=frozenset())
        self._remember(self._key(seen, question, history, k, topic), evidence.quoted)  # what a later follow-up follows
        # the passages the answer quotes come first (sentence scoring reranks the retrieved
        # ones), then the rest of the first k; a list's items may lie past the first k. A
        # follow-up's sentences are scored against two questions at once: retrieval ranks
        # better there, and so does it for a declined answer
        first = [q.rank for q in quotes] if evidence.found and not query.read_as else []
        shown = list(dict.fromkeys(first + list(range(min(k, len(hits)))) + [q.rank for q in quotes]))
        place = {rank: n for n, rank in enumerate(shown)}
        hits = [hits[n] for n in shown]
        at = {rank: n for n, rank in enumerate(dict.fromkeys(q.rank for q in quotes))}  # the passages as chosen
        quotes = sorted((replace(q, rank=place[q.rank]) for q in quotes), key=lambda q: (at[shown[q.rank]], q.start))
        passages = [passage_of(data, h) for h in hits]
        notes += self._stale_notes()
        if not evidence.found:
            return declined(evidence, query, passages, notes), evidence
        # sentences quoted one after another from the same passage share its citation; asked
        # about no drug, of documents about several, each quote says which drug it is about
        labels = [self._about(retriever, hits[q.rank].chunk) if not query.drugs and retriever.several_drugs else ""
                  for q in quotes]
        return answered(quotes, labels, passages, notes), evidence

    @staticmethod
    def _about(retriever, chunk: int) -> str:
        """The drug(s) a passage's document is about, as an answer names them."""
        return " and ".join(retriever.vocab.drugs.drugs[d].label for d in retriever.drugs_of(chunk))

    def candidates(self, question: str, history: list[str] | tuple[str, ...] = (), passages: int = 5) -> tuple[str, list[dict]]:
        """The question as read (what is embedded) and the sentences of its best `passages`
        passages, each with where it is and its text as read ("heading: sentence"), best
        scoring first: what the answer is chosen from, and what the reader model is
        trained to judge."""
        question, _ = clean_question(question, passages, None, self.settings.question_max_chars)
        state = self._state
        if state is None:
            raise IndexCorrupt("no index is loaded: refresh it")
        data, retriever = state
        query = retriever.read(question, clean_history(history, self.settings.question_max_chars) if self.settings.follow_ups else ())
        bm25, unit_cos = retriever.score(query.weights, self.query_encoder().encode([query.text])[0])
        hits = retriever.search(bm25, unit_cos, passages, None, query.kinds, whole=query.whole,
                                only=retriever.only_about(query.drugs), acts=query.acts, commonest=query.commonest)
        out = []
        for quote in score_sentences(retriever, hits, query, unit_cos, self.settings.type_weight, look_at=passages):
            chunk = data.chunks[hits[quote.rank].chunk]
            k = quote.row - int(retriever.bounds[hits[quote.rank].chunk]) - 1
            out.append({"source": chunk.source, "start": quote.start, "end": quote.end, "text": quote.text,
                        "read": chunk.unit_text(k, self.settings.heading_context), "passage": quote.rank,
                        "score": round(quote.score, 4)})
        return query.text, out

    def sentences(self):
        """Every sentence (or fact) of the index: (source, start, end, text as read)."""
        for chunk in self._data().chunks:
            for k, (s, e) in enumerate(chunk.units):
                yield chunk.source, s, e, chunk.unit_text(k, self.settings.heading_context)

    def _earlier(self, question: str, k: int, topic: str | None, history: tuple[str, ...]) -> frozenset[int]:
        """The sentences (index rows) the answer to an earlier question of the conversation
        quoted, none where the documents did not answer it: as remembered from when it was asked
        (just before, in a conversation: one ask should not cost two), else as asked on its own."""
        quoted = self._verdicts.get(self._key(self._seen, question, history, k, topic))  # (_answer remembers it)
        return quoted if quoted is not None else self._answer(question, k, topic, history, check_earlier=False)[1].quoted

    @staticmethod
    def _key(seen, question: str, history, k: int, topic: str | None) -> tuple:  # the history a follow-up's _earlier sees
        return seen, question, tuple(history[-(MAX_HISTORY - 1):]), k, topic

    def _remember(self, key: tuple, quoted: frozenset[int]) -> None:
        with self._verdicts_lock:  # (not self._lock: a refresh holds that while it builds)
            if len(self._verdicts) >= 256:
                self._verdicts.pop(next(iter(self._verdicts)))
            self._verdicts[key] = quoted

    def _stale_notes(self) -> tuple[str, ...]:
        now = time.monotonic()
        if now - self._stale_checked > STALE_CHECK_SECONDS:
            self._stale_checked = now
            pending = self.pending()
            changes = ", ".join(f"{len(v)} {kind}" for kind, v in pending.items() if v)
            self._stale_note = (f"The index is out of date ({changes} since it was built); "
                                "refresh to include the changes.") if changes else ""
            if changes:
                log.warning(self._stale_note)
        return (self._stale_note,) if self._stale_note else ()

