"""Fuzzing ``Project.open`` on mutated project files, in a child process (a C-level crash fails this test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.hostile import files

EXAMPLES = 300


def test_mutated_projects_open_or_fail_with_a_typed_error(tmp_path: Path) -> None:
    path = files.with_sql(files.project(tmp_path / "p.barchasb", model=True), "VACUUM")
    before = path.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "tests.hostile.fuzz_open", str(path), str(EXAMPLES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = f"exit status {done.returncode}\n{done.stdout}\n{done.stderr[-6000:]}"
    assert done.returncode == 0, report
    assert done.stdout.split() == ["fuzz_bytes:", "ok", "fuzz_cells:", "ok", "fuzz_schema:", "ok"], report
    assert path.read_bytes() == before  # the fuzzer mutates copies only
