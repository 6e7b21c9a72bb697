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
        bm25/            bm25s arrays (npy + json, no pickle)

A version is written beside the live one and becomes live by replacing CURRENT, so a
crash leaves the previous version intact. Anything unreadable, or any file whose size or
sha256 differs from the manifest's, raises IndexCorrupt.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import bm25s
import faiss
import numpy as np

from .chunk import Chunk
from .errors import IndexCorrupt
from .lexicon import Lexicon

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
    bm25: bm25s.BM25
    lexicon: Lexicon


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


def load(index_dir: Path) -> IndexData | None:
    """The live version, checked for damage; None if none. Its settings are the caller's
    to compare (manifest["settings"])."""
    folder = current_version(index_dir)
    if folder is None:
        return None
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format_version") != FORMAT_VERSION:
            raise IndexCorrupt(f"index format {manifest.get('format_version')} is not {FORMAT_VERSION}")
        for name, expected in manifest["files"].items():
            actual = file_digest(folder / name)
            if actual != expected:
                raise IndexCorrupt(f"{folder / name} is not the file that was written "
                                   f"({actual['bytes']} bytes, expected {expected['bytes']}, or other content)")
        chunks = [_chunk(json.loads(line)) for line in _lines(folder / "chunks.jsonl")]
        units = [json.loads(line) for line in _lines(folder / "units.jsonl")]
        dense = faiss.read_index(str(folder / "dense.faiss"))
        bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False, verbosity=0)
        lexicon = Lexicon.from_json(json.loads((folder / "lexicon.json").read_text(encoding="utf-8")))
    except IndexCorrupt:
        raise
    except Exception as exc:  # any parse error means the same thing: rebuild
        raise IndexCorrupt(f"index at {folder} is unreadable: {type(exc).__name__}: {exc}") from exc
    if len(chunks) != manifest["chunks"] or len(units) != dense.ntotal or dense.d != manifest["dimension"]:
        raise IndexCorrupt(f"index at {folder} is incomplete")
    if int(bm25.scores["num_docs"]) != len(chunks):
        raise IndexCorrupt(f"BM25 index at {folder} does not match its chunks")
    vectors = dense.reconstruct_n(0, dense.ntotal) if dense.ntotal else np.zeros((0, dense.d), np.float32)
    return IndexData(
        manifest=manifest,
        chunks=chunks,
        unit_chunk=np.array([u["chunk"] for u in units], dtype=np.int64),
        unit_span=np.array([[u["start"], u["end"]] for u in units], dtype=np.int64).reshape(-1, 2),
        unit_keys=[u["key"] for u in units],
        vectors=np.ascontiguousarray(vectors, dtype=np.float32),
        dense=dense,
        bm25=bm25,
        lexicon=lexicon,
    )


def save(index_dir: Path, data: IndexData) -> Path:
    """Write a new version beside the live one, then make it live; returns its folder."""
    index_dir.mkdir(parents=True, exist_ok=True)
    name = f"v-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    tmp = index_dir / f".tmp-{name}"
    tmp.mkdir()
    try:
        _write_lines(tmp / "chunks.jsonl", (json.dumps(asdict(c), ensure_ascii=False) for c in data.chunks))
        _write_lines(tmp / "units.jsonl", (
            json.dumps({"chunk": int(c), "start": int(s), "end": int(e), "key": k})
            for c, (s, e), k in zip(data.unit_chunk, data.unit_span, data.unit_keys)))
        faiss.write_index(data.dense, str(tmp / "dense.faiss"))
        data.bm25.save(str(tmp / "bm25"), show_progress=False)
        (tmp / "lexicon.json").write_text(json.dumps(data.lexicon.to_json()), encoding="utf-8")
        files = {p.relative_to(tmp).as_posix(): file_digest(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
        manifest = dict(data.manifest, format_version=FORMAT_VERSION, files=files, version=name)
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        _fsync_tree(tmp)
        os.rename(tmp, index_dir / name)
        pointer = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
        pointer.write_text(name + "\n", encoding="utf-8")
        _fsync(pointer)
        os.replace(pointer, index_dir / CURRENT)
        data.manifest = manifest
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    remove_stale(index_dir, keep=name)
    return index_dir / name


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
