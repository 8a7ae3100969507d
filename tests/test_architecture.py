"""Dependency direction: the core and the writers never import Qt or the UI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def modules(package: str) -> list[str]:
    return sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / package).rglob("*.py")
    )


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_and_exports_load_without_qt_or_heavy_libraries() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {modules('annotator') + modules('exports')!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'ui', 'datasets', 'pyarrow'})\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]", result.stdout


def test_only_the_cli_reaches_exports_or_ui() -> None:
    for path in (ROOT / "annotator").rglob("*.py"):
        top = {name.split(".")[0] for name in imported_names(path)}
        if path.name == "cli.py" and path.parent.name == "annotator":
            continue
        assert not top & {"PySide6", "ui", "exports"}, path
    for path in (ROOT / "exports").rglob("*.py"):
        top = {name.split(".")[0] for name in imported_names(path)}
        assert not top & {"PySide6", "ui"}, path


def test_nothing_executable_is_stored() -> None:
    for package in ("annotator", "exports", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            names = imported_names(path)
            assert not names & {"pickle", "shelve", "marshal", "dill"}, path
            calls = {
                node.func.id
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            }
            assert not calls & {"eval", "exec"}, path
