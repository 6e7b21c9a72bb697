"""Bring the index in line with the seeds folder, re-embedding only new text.

A refresh compares each seed's sha256 with the manifest (a file whose size and mtime are
unchanged is not even re-read), re-chunks only added and changed documents, reuses the
stored vector of every unit whose embedded text is unchanged, and rebuilds the cheap
parts (BM25, lexicon) from the chunks. Files that cannot be indexed are skipped and
reported with the reason (and remembered in the manifest, so an unchanged bad file is
neither read again nor shown as pending); the other documents are still indexed.
"""
from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .bm25 import BM25Arrays
from .chunk import Chunk, chunk_document
from .dense import dense_index
from .embed import Embedder
from .entities import Drugs
from ..errors import SeedsError, Unreadable
from ..ingest import SUPPORTED, list_sources, load_document, sha256_bytes
from .lexicon import Lexicon
from ..settings import Settings
from .store import IndexData
from ..language.text import tokenizer

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RefreshReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    embedded: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    rebuilt: str = ""  # why the whole index was rebuilt, if it was

    @property
    def nothing_changed(self) -> bool:
        return not (self.added or self.changed or self.removed or self.rebuilt)

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.changed)} changed",
                 f"{len(self.removed)} removed", f"{self.embedded} texts embedded"]
        text = ", ".join(parts)
        if self.skipped:
            text += "; skipped " + ", ".join(f"{s} ({why})" for s, why in self.skipped)
        return text


def scan_seeds(seeds: Path) -> tuple[dict[str, Path], list[tuple[str, str]]]:
    """Indexable files by source name, and the files skipped with their reasons."""
    if not seeds.is_dir():
        raise SeedsError(f"seeds folder not found: {seeds}")
    root = seeds.resolve()
    found: dict[str, Path] = {}
    skipped: list[tuple[str, str]] = []
    for path in list_sources(seeds):
        source = path.relative_to(seeds).as_posix()
        try:
            real = path.resolve()
            if path.is_symlink() and root not in real.parents:
                skipped.append((source, "symlink pointing outside the seeds folder"))
                continue
            size = path.stat().st_size
        except OSError as exc:
            skipped.append((source, f"unreadable: {exc.strerror or exc}"))
            continue
        if size == 0:
            skipped.append((source, "empty file"))
        elif size > MAX_FILE_BYTES:
            skipped.append((source, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"))
        else:
            found[source] = path
    return found, skipped


def file_stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def unit_texts(chunk: Chunk, headings: bool = True) -> list[tuple[int, int, str]]:
    """What gets embedded for a chunk: the whole passage with its headings, then each
    sentence with its nearest heading; as (start, end, text) with document offsets."""
    return [(chunk.start, chunk.end, chunk.index_text(headings))] + [
        (s, e, chunk.unit_text(k, headings)) for k, (s, e) in enumerate(chunk.units)]


def unit_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()[:32]


def read_documents(seeds: Path, files: list[tuple[Path, bytes]], max_chunk_chars: int,
                   progress: bool = False) -> list:
    """Each file read and cut into passages: its chunks, or the Unreadable reason it cannot
    be indexed (in order), under a progress bar when asked (PDF extraction takes time)."""
    if progress:
        from tqdm.auto import tqdm  # noqa: PLC0415
        files = tqdm(files, desc="Reading documents", unit="file")
    return [read_document(seeds, path, data, max_chunk_chars) for path, data in files]


@dataclass(frozen=True)
class Read:
    """A document read and cut into passages."""
    title: str
    chunks: list[Chunk]


def read_document(seeds: Path, path: Path, data: bytes, max_chunk_chars: int) -> Read | Unreadable:
    """One file's title and passages (ingest, then chunk), or why it cannot be indexed."""
    try:
        document = load_document(seeds, path, data)
        return Read(document.title, chunk_document(document, max_chunk_chars))
    except Unreadable as exc:
        return exc


def refresh(seeds: Path, settings: Settings, embedder: Embedder, current: IndexData | None,
            rebuilt: str = "", progress: bool = False,
            reuse: IndexData | None = None, reader=read_documents) -> tuple[IndexData | None, RefreshReport]:
    """The new index (None when nothing changed) and what was done. `reuse` is an index
    built with other settings: everything is re-chunked, but its vectors are reused.
    `reader` reads and chunks the added and changed files (cluster.read_documents: in Ray
    tasks)."""
    files, skipped = scan_seeds(seeds)
    old_sources: dict = current.manifest["sources"] if current else {}
    old_unreadable: dict = current.manifest.get("unreadable", {}) if current else {}
    new_sources: dict[str, dict] = {}
    unreadable: dict[str, dict] = {}  # remembered, so an unchanged bad file is not read again
    documents: dict[str, list[Chunk]] = {}  # the passages of each added or changed file
    to_read: list[tuple[str, Path, list[int], str, bytes]] = []
    for source, path in sorted(files.items()):
        old = old_sources.get(source)
        try:
            stamp = file_stamp(path)
            if old and old["stamp"] == stamp:
                new_sources[source] = old
                continue
            if old_unreadable.get(source, {}).get("stamp") == stamp:
                unreadable[source] = old_unreadable[source]
                continue
            data = path.read_bytes()
        except OSError as exc:
            skipped.append((source, f"unreadable: {exc.strerror or exc}"))
            continue
        digest = sha256_bytes(data)
        if not old or old["sha256"] != digest:
            to_read.append((source, path, stamp, digest, data))
        else:  # only its mtime moved: what was read from it stands (its title too)
            new_sources[source] = dict(old, sha256=digest, stamp=stamp)
    read = reader(seeds, [(path, data) for _, path, _, _, data in to_read], settings.max_chunk_chars,
                  progress) if to_read else []
    for (source, _, stamp, digest, _), got in zip(to_read, read):
        if isinstance(got, Unreadable):
            unreadable[source] = {"stamp": stamp, "reason": str(got)}
        else:
            documents[source] = got.chunks
            new_sources[source] = {"sha256": digest, "stamp": stamp, "title": got.title}
    skipped.extend((source, bad["reason"]) for source, bad in unreadable.items())
    added = sorted(s for s in new_sources if s not in old_sources)
    changed = sorted(s for s in documents if s in old_sources)
    removed = sorted(s for s in old_sources if s not in new_sources)
    if current is not None and not (added or changed or removed):
        if unreadable != old_unreadable:  # only bad files came or went: a new version says so
            manifest = dict(current.manifest, sources=new_sources, unreadable=unreadable)
            return replace(current, manifest=manifest), RefreshReport(skipped=sorted(skipped))
        if new_sources != old_sources:  # only mtimes moved: remember them, embed nothing
            current.manifest["sources"] = new_sources
        return None, RefreshReport(skipped=sorted(skipped))
    if not new_sources:
        raise SeedsError(f"no documents to index in {seeds} (supported: {SUPPORTED})"
                         + (f"; skipped: {', '.join(s for s, _ in skipped)}" if skipped else ""))
    chunks: list[Chunk] = []
    for source in sorted(new_sources):
        if source in documents:
            chunks.extend(documents[source])
        else:
            chunks.extend(c for c in current.chunks if c.source == source)
    titles = {source: entry.get("title", "") for source, entry in new_sources.items()}
    data, embedded = assemble(chunks, settings, embedder, current or reuse, progress, titles)
    data.manifest.update(sources=new_sources, unreadable=unreadable, built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    return data, RefreshReport(added, changed, removed, embedded, sorted(skipped), rebuilt)


def assemble(chunks: list[Chunk], settings: Settings, embedder: Embedder,
             reuse: IndexData | None, progress: bool = False, titles: dict[str, str] | None = None) -> tuple[IndexData, int]:
    """Index data for these chunks, embedding only unit texts not found in `reuse`; `titles`
    are the documents' titles (drug names are learned from them too)."""
    unit_chunk, unit_span, unit_keys, texts = [], [], [], []
    for n, chunk in enumerate(chunks):
        for start, end, text in unit_texts(chunk, settings.heading_context):
            unit_chunk.append(n)
            unit_span.append((start, end))
            unit_keys.append(unit_key(settings.model, text))
            texts.append(text)
    known = {key: row for row, key in enumerate(reuse.unit_keys)} if reuse is not None else {}
    todo: dict[str, str] = {}
    for key, text in zip(unit_keys, texts):
        if key not in known:
            todo.setdefault(key, text)
    fresh = embedder.encode(list(todo.values()), progress=progress) if todo else None
    fresh_row = {key: i for i, key in enumerate(todo)}
    dim = fresh.shape[1] if fresh is not None else reuse.vectors.shape[1]
    vectors = np.zeros((len(unit_keys), dim), dtype=np.float32)
    for row, key in enumerate(unit_keys):
        vectors[row] = fresh[fresh_row[key]] if key in fresh_row else reuse.vectors[known[key]]
    dense, index_type = dense_index(vectors, settings)
    tokenize = tokenizer(settings)
    lexicon = Lexicon.learn([c.text for c in chunks] if settings.abbreviations else [], tokenize)
    import bm25s  # noqa: PLC0415 - it imports scipy: only a build that changes something pays

    bm25 = bm25s.BM25(k1=settings.bm25_k1, b=settings.bm25_b)
    terms = [lexicon.expand(tokenize(c.index_text(settings.heading_context))) for c in chunks]
    bm25.index(terms, show_progress=False)
    manifest = {
        "model": settings.model, "dimension": int(dim), "settings": settings.stored(),
        "chunks": len(chunks), "units": len(unit_keys), "index_type": index_type,
        # the statistics every BM25 score was computed with (a shard's scores are sliced from them)
        "bm25_stats": {"documents": len(chunks), "average_length": float(np.mean([len(t) for t in terms])) if terms else 0.0,
                       "k1": settings.bm25_k1, "b": settings.bm25_b},
    }
    data = IndexData(manifest, chunks, np.array(unit_chunk, dtype=np.int64),
                     np.array(unit_span, dtype=np.int64).reshape(-1, 2), unit_keys, vectors,
                     dense, BM25Arrays.from_bm25s(bm25), lexicon, scan_passages(chunks, tokenize, lexicon, titles or {}))
    return data, len(todo)


YEAR = re.compile(r"(?<![\d,])(?:19|20)\d\d(?![\d,])")


def scan_passages(chunks: list[Chunk], tokenize, lexicon: Lexicon, titles: dict[str, str]) -> dict:
    """What reading a question needs from every passage, read once per index version and
    saved with it (so the first question after a rebuild does not read the whole corpus):
    each word of the documents as written with its index term (misspellings are matched
    against words), the drugs, their names and what each document and passage is
    about (entities.py), and the years they write."""
    seen: set[str] = set()
    for chunk in chunks:
        seen.update(re.findall(r"[a-z][a-z0-9]{3,}", chunk.text.lower()))
    words = {}
    for word in sorted(seen):
        terms = tokenize(word)
        if len(terms) == 1:
            words[word] = terms[0]
    return {"words": words, "drugs": Drugs.learn(chunks, titles).to_json(), "years": years_written(chunks)}


def years_written(chunks: list[Chunk]) -> list[str]:
    """Every year the passages write, as written: whatever stands beside it ("2020–2021", "FY2023"),
    not a part of a longer number ("NCT03542021", "20,150")."""
    return sorted({m.group(0) for c in chunks for m in YEAR.finditer(c.text)})
