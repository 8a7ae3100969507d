"""Errors from below the core (SQLite, the server, the file system) reach the user as one line, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from tests.storage import on_server, query

ROOT = Path(__file__).resolve().parents[2]


def test_a_used_up_id_space_is_one_line_and_nothing_is_imported(
    location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = location
    assert main(["new", project]) == 0
    source = tmp_path / "a.jsonl"
    source.write_text(
        '{"id": "d", "text": "علی به تهران رفت", "spans": [{"start": 0, "end": 3, "label": "PER"}]}\n', encoding="utf-8"
    )
    if on_server(project):
        query(project, "SELECT setval(pg_get_serial_sequence('spans', 'id'), 9223372036854775807)")
        why = 'nextval: reached maximum value of sequence "spans_id_seq" (9223372036854775807)'
    else:
        query(project, "UPDATE sqlite_sequence SET seq = 9223372036854775807 WHERE name = 'spans'")
        why = "database or disk is full"
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "import", project, str(source)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"barchasb: error: {project}: {why}; nothing was changed"), done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    capsys.readouterr()
    assert main(["docs", project, "--json"]) == 0
    assert capsys.readouterr().out == "[]\n"


def test_an_unreadable_input_file_is_one_line(location: str) -> None:
    assert main(["new", location]) == 0
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "import", location, "/proc/self/mem"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1
