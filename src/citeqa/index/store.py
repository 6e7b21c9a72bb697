"""The index on disk: a folder of open formats, swapped in atomically.

Layout of ``index/``::

    CURRENT              name of the live version folder (replaced atomically)
    v-<time>-<id>/       one complete version
        manifest.json    format version, model and dimension, settings, sources, and the
                         size and sha256 of every other file (checked on load)
        chunks.jsonl     one passage per line, with offsets and heading path
        units.jsonl      one embedded unit per line (a chunk or one of its sentences)
        dense.faiss      the vectors of the units, in unit order
        lexicon.json     synonyms learned from the corpus
        scan.json        what reading a question needs from every passage: the documents'
                         words, the drugs they speak of and the years they write
                         (build.scan_passages)
        bm25/            bm25s arrays (npy + json, no pickle; bm25.py)

A version is written beside the live one and becomes live by replacing CURRENT, so a
crash leaves the previous version intact. Anything unreadable, or any file whose size or
sha256 differs from the manifest's, raises IndexCorrupt.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import faiss
import numpy as np

from .bm25 import BM25Arrays
from .chunk import Chunk
from .dense import dense_index, empty_dense
from ..errors import IndexCorrupt
from .lexicon import Lexicon
from ..settings import Settings

FORMAT_VERSION = 2  # 2: each file's sha256 in the manifest
CURRENT = "CURRENT"


@dataclass
class IndexData:
    """Everything a query needs, in memory."""
    manifest: dict
    chunks: list[Chunk]
    unit_chunk: np.ndarray  # (n_units,) chunk number of each vector row
    unit_span: np.ndarray  # (n_units, 2) document offsets of each unit
    unit_keys: list[str]  # content hash of each unit's embedded text
    vectors: np.ndarray  # (n_units, dim) float32, L2-normalised
    dense: faiss.Index
    bm25: BM25Arrays
    lexicon: Lexicon
    scan: dict  # words, drugs and years of the whole corpus (build.scan_passages)


@dataclass(frozen=True)
class IndexStatus:
    documents: int
    chunks: int
    model: str
    built_at: str
    version: str
    pending: dict = field(default_factory=dict)  # {"added": [...], "changed": [...], "removed": [...]}
    index_type: str = "flat"  # the dense index: "flat" (exact) or "ivf" (approximate)
    unreadable: dict = field(default_factory=dict)  # {source: why it could not be indexed}
    shards: int = 1  # how many parts the index is split into (on a Ray cluster, one actor set each)
    problem: str = ""  # why the index on disk cannot be served as it is ("no index yet"...): a build fixes it
    subjects: tuple[str, ...] = ()  # the drugs the documents are about, as answers name them ("metformin (Glucophage)")

    @property
    def stale(self) -> bool:
        return any(self.pending.values())


def current_version(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / CURRENT).read_bytes().decode("ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexCorrupt(f"cannot read {index_dir / CURRENT}: {exc}") from exc
    if not name.startswith("v-") or "/" in name or "\\" in name:
        raise IndexCorrupt(f"{index_dir / CURRENT} does not name a version")
    return index_dir / name


def live_shards(index_dir: Path) -> int:
    """How many shards the live version has (1 when unsharded, unreadable or missing)."""
    try:
        folder = current_version(index_dir)
        return len(read_manifest(folder).get("shards") or [None]) if folder else 1
    except IndexCorrupt:
        return 1


def load(index_dir: Path, vectors: bool = True) -> IndexData | None:
    """The live version, checked for damage; None if none. Its settings are the caller's
    to compare (manifest["settings"]). A sharded version is read whole, its shards joined
    in order (without their vectors when `vectors` is False: the cluster's shard actors
    hold those)."""
    folder = current_version(index_dir)
    if folder is None:
        return None
    manifest = read_manifest(folder)
    if manifest.get("shards"):
        return load_sharded(folder, manifest, vectors)
    return load_version(folder, vectors)


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except Exception as exc:
        raise IndexCorrupt(f"index at {folder} is unreadable: {type(exc).__name__}: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        raise IndexCorrupt(f"index format {manifest.get('format_version') if isinstance(manifest, dict) else '?'} "
                           f"is not {FORMAT_VERSION}")
    return manifest


def load_version(folder: Path, vectors: bool = True) -> IndexData:
    """One version folder (or one shard of a sharded version), checked for damage."""
    try:
        manifest = read_manifest(folder)
        for name, expected in manifest["files"].items():
            actual = file_digest(folder / name)
            if actual != expected:
                raise IndexCorrupt(f"{folder / name} is not the file that was written "
                                   f"({actual['bytes']} bytes, expected {expected['bytes']}, or other content)")
        chunks = [_chunk(json.loads(line)) for line in _lines(folder / "chunks.jsonl")]
        units = [json.loads(line) for line in _lines(folder / "units.jsonl")]
        dense = faiss.read_index(str(folder / "dense.faiss")) if vectors else empty_dense(manifest)
        bm25 = BM25Arrays.load(folder / "bm25")
        lexicon = Lexicon.from_json(json.loads((folder / "lexicon.json").read_text(encoding="utf-8")))
        scan = json.loads((folder / "scan.json").read_text(encoding="utf-8")) if (folder / "scan.json").is_file() else {}
    except IndexCorrupt:
        raise
    except Exception as exc:  # any parse error means the same thing: rebuild
        raise IndexCorrupt(f"index at {folder} is unreadable: {type(exc).__name__}: {exc}") from exc
    if len(chunks) != manifest["chunks"] or len(units) != manifest["units"] or dense.d != manifest["dimension"] \
            or (vectors and dense.ntotal != len(units)):
        raise IndexCorrupt(f"index at {folder} is incomplete")
    if int(bm25.scores["num_docs"]) != len(chunks):
        raise IndexCorrupt(f"BM25 index at {folder} does not match its chunks")
    stored = dense.reconstruct_n(0, dense.ntotal) if dense.ntotal else np.zeros((0, dense.d), np.float32)
    return IndexData(
        manifest=manifest,
        chunks=chunks,
        unit_chunk=np.array([u["chunk"] for u in units], dtype=np.int64),
        unit_span=np.array([[u["start"], u["end"]] for u in units], dtype=np.int64).reshape(-1, 2),
        unit_keys=[u["key"] for u in units],
        vectors=np.ascontiguousarray(stored, dtype=np.float32),
        dense=dense,
        bm25=bm25,
        lexicon=lexicon,
        scan=scan,
    )


def save(index_dir: Path, data: IndexData, shards: int = 1) -> Path:
    """Write a new version beside the live one, then make it live; returns its folder.
    With shards > 1 the version holds that many shard folders (no more than there are
    passages), each a version of its own (passages split in order into runs of about equal
    size), under a manifest naming them."""
    index_dir.mkdir(parents=True, exist_ok=True)
    shards = min(shards, max(1, len(data.chunks)))  # never an empty shard
    name = f"v-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    tmp = index_dir / f".tmp-{name}"
    tmp.mkdir()
    try:
        if shards > 1:
            names = [f"shard-{k:02d}" for k in range(shards)]
            for shard_name, part in zip(names, split(data, shards)):
                (tmp / shard_name).mkdir()
                _write_version(tmp / shard_name, part, f"{name}/{shard_name}")
            # the whole corpus's document frequencies, beside bm25_stats (documents, average length)
            np.save(tmp / "document_frequencies.npy", np.diff(np.asarray(data.bm25.scores["indptr"])))
            (tmp / "scan.json").write_text(json.dumps(data.scan, ensure_ascii=False), encoding="utf-8")
            files = {f"{n}/manifest.json": file_digest(tmp / n / "manifest.json") for n in names}
            files["document_frequencies.npy"] = file_digest(tmp / "document_frequencies.npy")
            files["scan.json"] = file_digest(tmp / "scan.json")
            manifest = dict(data.manifest, format_version=FORMAT_VERSION, files=files, version=name, shards=names)
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
            data.manifest = manifest
        else:
            _write_version(tmp, data, name)
        _fsync_tree(tmp)
        os.rename(tmp, index_dir / name)
        pointer = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
        pointer.write_text(name + "\n", encoding="utf-8")
        _fsync(pointer)
        os.replace(pointer, index_dir / CURRENT)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    remove_stale(index_dir, keep=name)
    return index_dir / name


def _write_version(folder: Path, data: IndexData, name: str) -> None:
    _write_lines(folder / "chunks.jsonl", (json.dumps(asdict(c), ensure_ascii=False) for c in data.chunks))
    _write_lines(folder / "units.jsonl", (
        json.dumps({"chunk": int(c), "start": int(s), "end": int(e), "key": k})
        for c, (s, e), k in zip(data.unit_chunk, data.unit_span, data.unit_keys)))
    faiss.write_index(data.dense, str(folder / "dense.faiss"))
    data.bm25.save(folder / "bm25")
    (folder / "lexicon.json").write_text(json.dumps(data.lexicon.to_json()), encoding="utf-8")
    if "shard" not in data.manifest:  # a shard's passages are part of its version's whole scan
        (folder / "scan.json").write_text(json.dumps(data.scan, ensure_ascii=False), encoding="utf-8")
    files = {p.relative_to(folder).as_posix(): file_digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}
    manifest = dict(data.manifest, format_version=FORMAT_VERSION, files=files, version=name,
                    chunks=len(data.chunks), units=len(data.unit_keys))
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    data.manifest = manifest


# ---------------------------------------------------------------- shards


def shard_bounds(chunks: int, shards: int) -> list[tuple[int, int]]:
    """Passages [lo, hi) of each shard: runs in order, of sizes differing by one at most."""
    cuts = [round(k * chunks / shards) for k in range(shards + 1)]
    return list(zip(cuts, cuts[1:]))


def split(data: IndexData, shards: int) -> list[IndexData]:
    """The index as `shards` parts, each a complete index of its passages. BM25 scores are
    sliced from the whole index's, so every shard scores with the whole corpus's
    statistics (document frequencies, average length), exactly as one index does."""
    scores = data.bm25.scores
    indptr, indices, values = (np.asarray(scores[k]) for k in ("indptr", "indices", "data"))
    settings = Settings(**{k: v for k, v in data.manifest.get("settings", {}).items() if k in Settings.__dataclass_fields__})
    parts = []
    for lo, hi in shard_bounds(len(data.chunks), shards):
        rows = slice(*np.searchsorted(data.unit_chunk, [lo, hi]))
        keep = (indices >= lo) & (indices < hi)
        kept = np.concatenate([[0], np.cumsum(keep)])
        bm25 = copy.copy(data.bm25)
        bm25.scores = {"data": values[keep], "indices": (indices[keep] - lo).astype(indices.dtype),
                       "indptr": kept[indptr].astype(indptr.dtype), "num_docs": hi - lo}
        vectors = data.vectors[rows]
        dense, _ = dense_index(vectors, settings.replace(index_type=data.manifest.get("index_type", "flat")))
        manifest = dict(data.manifest, shard=[lo, hi])
        parts.append(IndexData(manifest, data.chunks[lo:hi], data.unit_chunk[rows] - lo, data.unit_span[rows],
                               data.unit_keys[rows], vectors, dense, bm25, data.lexicon, {}))
    return parts


def load_sharded(folder: Path, manifest: dict, vectors: bool = True) -> IndexData:
    """A sharded version as one index: its shards' passages, units and BM25 joined in order."""
    for name, expected in manifest["files"].items():
        if file_digest(folder / name) != expected:
            raise IndexCorrupt(f"{folder / name} is not the file that was written")
    parts = [load_version(folder / name, vectors) for name in manifest["shards"]]
    chunks = [c for part in parts for c in part.chunks]
    offsets = np.cumsum([0] + [len(part.chunks) for part in parts])
    terms, docs, values = [], [], []
    for offset, part in zip(offsets, parts):
        indptr = np.asarray(part.bm25.scores["indptr"])
        terms.append(np.repeat(np.arange(len(indptr) - 1), np.diff(indptr)))
        docs.append(np.asarray(part.bm25.scores["indices"]) + offset)
        values.append(np.asarray(part.bm25.scores["data"]))
    terms, docs, values = np.concatenate(terms), np.concatenate(docs), np.concatenate(values)
    order = np.argsort(terms, kind="stable")  # term by term, shards (and so documents) in order
    first = parts[0].bm25.scores
    bm25 = copy.copy(parts[0].bm25)
    bm25.scores = {"data": values[order].astype(np.asarray(first["data"]).dtype),
                   "indices": docs[order].astype(np.asarray(first["indices"]).dtype),
                   "indptr": np.concatenate([[0], np.cumsum(np.bincount(terms, minlength=len(first["indptr"]) - 1))]
                                            ).astype(np.asarray(first["indptr"]).dtype),
                   "num_docs": len(chunks)}
    all_vectors = np.concatenate([part.vectors for part in parts])
    if vectors:  # one dense index over all of them, of the kind the shards have
        dense, _ = dense_index(all_vectors, Settings(index_type=manifest.get("index_type", "flat")))
    else:
        dense = empty_dense(manifest)
    return IndexData(dict(manifest, chunks=len(chunks), units=sum(len(p.unit_keys) for p in parts)), chunks,
                     np.concatenate([part.unit_chunk + offset for offset, part in zip(offsets, parts)]),
                     np.concatenate([part.unit_span for part in parts]),
                     [k for part in parts for k in part.unit_keys], all_vectors, dense, bm25, parts[0].lexicon,
                     json.loads((folder / "scan.json").read_text(encoding="utf-8")))


def remove_stale(index_dir: Path, keep: str) -> None:
    """Delete versions and leftovers other than `keep` (a crashed build leaves .tmp-*)."""
    for path in index_dir.iterdir():
        if path.name == keep or path.name in {CURRENT, ".lock", ".gitignore", "README.md"}:
            continue
        if path.name.startswith(("v-", ".tmp-", f".{CURRENT}.")):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def file_digest(path: Path) -> dict:
    """Size and sha256 of a file: every index file is checked against the manifest on load."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def _chunk(row: dict) -> Chunk:
    row["units"] = tuple(tuple(u) for u in row["units"])
    row["labels"] = tuple(row.get("labels", ()))
    return Chunk(**row)


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        raise IndexCorrupt(f"{path} is truncated")
    return text.splitlines()


def _write_lines(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(row + "\n")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            _fsync(path)
