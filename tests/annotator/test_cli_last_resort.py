"""Errors from below the core (SQLite, the file system) still reach the user as one line, never a traceback."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from annotator.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_a_used_up_id_space_is_one_line_and_nothing_is_imported(tmp_path: Path, capsys: object) -> None:
    project = tmp_path / "p.barchasb"
    assert main(["new", str(project)]) == 0
    source = tmp_path / "a.jsonl"
    source.write_text(
        '{"id": "d", "text": "علی به تهران رفت", "spans": [{"start": 0, "end": 3, "label": "PER"}]}\n', encoding="utf-8"
    )
    conn = sqlite3.connect(project)
    conn.execute("UPDATE sqlite_sequence SET seq = 9223372036854775807 WHERE name = 'spans'")
    conn.commit()
    conn.close()
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "import", str(project), str(source)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"barchasb: error: {project}: database or disk is full; nothing was changed")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert main(["docs", str(project), "--json"]) == 0


def test_an_unreadable_input_file_is_one_line(tmp_path: Path) -> None:
    project = tmp_path / "p.barchasb"
    assert main(["new", str(project)]) == 0
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "import", str(project), "/proc/self/mem"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1
