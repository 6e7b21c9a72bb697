import os
import shutil
import tempfile
from pathlib import Path

import pytest

from citeqa import Assistant, Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
HASH = Settings(model="hash")


def pytest_configure(config):
    # checks of the fast query encoder are recorded here, not in the user's own cache
    os.environ["CITEQA_CACHE"] = tempfile.mkdtemp(prefix="citeqa-cache-")


@pytest.fixture(scope="session")
def bot(tmp_path_factory) -> Assistant:
    """The real model over a copy of the repository's seeds, built once per session."""
    base = tmp_path_factory.mktemp("real")
    shutil.copytree(SEEDS, base / "seeds")
    return Assistant(base / "seeds", base / "index")


def one_document(root: Path, name: str, text: str, settings: Settings | None = None) -> Assistant:
    """The real model (or `settings`' model) over a seeds folder of one document written for a test, under root."""
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / name).write_text(text, encoding="utf-8")
    return Assistant(root / "seeds", root / "index", settings=settings)


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Three small documents for refresh tests (used with the hashing embedder)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Alpha Drug\nAlphamab binds the alpha receptor. It blocks signalling in T cells.\n"
        "Safety\nHeadache was the most common adverse event.\n", encoding="utf-8")
    (seeds / "b.md").write_text(
        "# Beta Drug\n\nBetamab lowers serum beta levels by 40%.\n\n## Trials\n\n"
        "The BETA-1 trial enrolled 120 adults.\n", encoding="utf-8")
    (seeds / "c.txt").write_text(
        "Gamma Drug\nGammamab is approved for gout in adults.\n", encoding="utf-8")
    return seeds
