"""Upgrading a project file is all or nothing: a step that fails leaves the file at its old version with its data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.errors import ProjectError
from annotator.store import Project
from annotator.store.integrity import expected_objects
from annotator.store.migrations import SCHEMA_VERSION
from tests.hostile import files


def dump(path: Path) -> tuple[int, set[tuple[str, str]], list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The file's version, its schema objects, and its document and span rows."""
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = {(kind, name) for kind, name in conn.execute("SELECT type, name FROM sqlite_master")}
        documents = conn.execute("SELECT * FROM documents ORDER BY rowid").fetchall()
        spans = conn.execute("SELECT * FROM spans ORDER BY id").fetchall()
        return version, objects, documents, spans
    finally:
        conn.close()


def test_a_step_failing_midway_leaves_the_file_at_its_old_version(tmp_path: Path) -> None:
    # a version-2 file whose second span breaks version 5's CHECK (start < end): steps 3 and 4 succeed first
    path = files.old_version(tmp_path / "v2.barchasb", 2, spans=[(0, 3, "PER"), (9, 4, "LOC")])
    before = dump(path)
    file_bytes = files.state(path)
    assert before[0] == 2 and before[1] == set(expected_objects(2)) and len(before[3]) == 2
    with pytest.raises(ProjectError) as caught:
        Project.open(path)
    assert str(caught.value) == (
        f"{path}: cannot be upgraded from file version 2 to {SCHEMA_VERSION} (CHECK constraint failed: "
        '0 <= start AND start < "end"); the file was left as it was'
    )
    assert dump(path) == before  # not version 4: the steps that had succeeded were rolled back too
    assert files.state(path) == file_bytes


def test_after_the_data_is_fixed_the_upgrade_succeeds(tmp_path: Path) -> None:
    path = files.old_version(tmp_path / "v2.barchasb", 2, spans=[(0, 3, "PER"), (9, 4, "LOC")])
    with pytest.raises(ProjectError, match="cannot be upgraded"):
        Project.open(path)
    files.with_sql(path, 'DELETE FROM spans WHERE start >= "end"')
    with Project.open(path) as project:
        assert project._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [(s.start, s.end, s.label) for s in project.layer_spans("d", "ali")] == [(0, 3, "PER")]
    assert dump(path)[1] == set(expected_objects(SCHEMA_VERSION))


def test_an_interrupted_upgrade_is_not_half_done(tmp_path: Path) -> None:
    """A kill inside the upgrade's transaction is rolled back by SQLite: the next open starts from version 4."""
    import subprocess
    import sys
    import textwrap

    from tests.conftest import ROOT

    path = files.old_version(tmp_path / "v4.barchasb", 4)
    before = dump(path)
    # the child runs the upgrade's statements up to the last one, then dies without committing
    script = textwrap.dedent(
        f"""
        import os, sqlite3
        from annotator.store.migrations import MIGRATIONS, run_script
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        run_script(conn, MIGRATIONS[4])
        conn.execute("PRAGMA user_version = 5")
        os._exit(9)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    assert dump(path) == before
    with Project.open(path) as project:
        assert [s.label for s in project.layer_spans("d", "ali")] == ["PER"]
