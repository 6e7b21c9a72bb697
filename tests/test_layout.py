"""The house follows its pipeline: language -> ingest -> index -> reading -> answering ->
the facade (assistant, cluster) -> the edges (cli, evaluate). A module imports only from
its own stage or an earlier one, nothing imports in a cycle, no module imports another's
private name, and none is over 400 lines. Read from the source with ast: nothing runs."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAGES = {  # first part of the module name under citeqa -> stage
    "language": 0, "errors": 0, "settings": 0,
    "ingest": 1, "index": 2, "reading": 3, "answering": 4,
    "assistant": 5, "cluster": 5, "__init__": 5,
    "cli": 6, "evaluate": 6,
}
MAX_LINES = 400


def modules(package: str) -> dict[str, Path]:
    base = ROOT / "src" if package == "citeqa" else ROOT
    out = {}
    for path in sorted((base / package).rglob("*.py")):
        parts = list(path.relative_to(base).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[tuple[str, str]]:
    """(module imported, name imported) for every import in the file, at any depth."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add((sub, "") if sub in known else (target, alias.name))
        elif isinstance(node, ast.Import):
            found.update((alias.name, "") for alias in node.names)
    return {(t, n) for t, n in found if t in known}


def stage(module: str) -> int:
    parts = module.split(".")
    return STAGES["__init__" if len(parts) == 1 else parts[1]]


def graph(package: str) -> dict[str, set[tuple[str, str]]]:
    known = modules(package)
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_module_has_a_stage():
    assert all(stage(m) >= 0 for m in modules("citeqa"))


def test_data_flows_one_way():
    """No module imports a later stage (the package's __init__ re-exports the facade)."""
    wrong = [f"{m} -> {t}" for m, targets in graph("citeqa").items() for t, _ in targets
             if m != "citeqa" and stage(t) > stage(m)]
    assert not wrong


@pytest.mark.parametrize("package", ["citeqa", "benchmarks"])
def test_no_import_cycle(package):
    edges = {m: {t for t, _ in targets if t != m and not (m == package or t == package)}
             for m, targets in graph(package).items()}
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            raise AssertionError("import cycle: " + " -> ".join(path[path.index(node):] + [node]))
        if node in done:
            return
        for nxt in sorted(edges.get(node, ())):
            visit(nxt, path + [node])
        done.add(node)

    for node in sorted(edges):
        visit(node, [])


def test_no_private_name_imported_from_another_module():
    wrong = [f"{m} imports {t}.{n}" for m, targets in graph("citeqa").items() for t, n in targets
             if n.startswith("_") and not n.startswith("__")]
    assert not wrong


def test_no_module_over_400_lines():
    long = {name: n for name, path in modules("citeqa").items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long


def test_the_check_sees_a_backward_import(tmp_path):
    """The checker itself: an import from a later stage is found."""
    known = {"citeqa.index.build": tmp_path / "build.py", "citeqa.reading.kinds": tmp_path / "kinds.py"}
    (tmp_path / "build.py").write_text("def f():\n    from ..reading.kinds import holds_kind\n")
    found = imports("citeqa.index.build", known["citeqa.index.build"], known)
    assert found == {("citeqa.reading.kinds", "holds_kind")}
    assert stage("citeqa.reading.kinds") > stage("citeqa.index.build")
