"""Opening never creates a project: a missing, empty or foreign file is refused and left exactly as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import ProjectError
from annotator.store import Project
from tests.hostile import files


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_a_zero_byte_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.barchasb"
    path.write_bytes(b"")
    with pytest.raises(ProjectError) as caught:
        Project.open(path)
    assert str(caught.value) == f"{path}: an empty file, not a Barchasb project (create one with `barchasb new`)"
    assert path.stat().st_size == 0 and siblings(path) == ["empty.barchasb"]


def test_the_command_line_never_turns_an_empty_file_into_a_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.barchasb"
    path.write_bytes(b"")
    for command in (["docs", str(path)], ["import", str(path), str(path)], ["pretag", str(path)]):
        assert main(command) == 1
        assert capsys.readouterr().err == f"barchasb: error: {path}: an empty file, not a Barchasb project " + (
            "(create one with `barchasb new`)\n"
        )
    assert path.stat().st_size == 0 and siblings(path) == ["empty.barchasb"]


def test_a_missing_file_or_a_folder_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project file"):
        Project.open(tmp_path / "missing.barchasb")
    with pytest.raises(ProjectError, match="no such project file"):
        Project.open(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content", [b"x", b"SQLite format", b"not sqlite at all\n" * 300, b"\x00" * 4096])
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.barchasb"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match=r"not a Barchasb project \(not a SQLite file\)"):
        Project.open(path)
    assert path.read_bytes() == content and siblings(path) == ["junk.barchasb"]


@pytest.mark.parametrize("wal", [False, True])
def test_an_empty_or_foreign_sqlite_database_is_refused_untouched(tmp_path: Path, wal: bool) -> None:
    empty = tmp_path / "empty.db"
    other = tmp_path / "other.db"
    for path, sql in ((empty, "PRAGMA user_version = 0"), (other, "CREATE TABLE t (x)")):
        conn = sqlite3.connect(path)
        if wal:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(sql)
        conn.commit()
        conn.close()
    for path in (empty, other):
        before = files.state(path)
        with pytest.raises(ProjectError, match="a SQLite file, but not a Barchasb project"):
            Project.open(path)
        assert files.state(path) == before, "the file or its siblings changed"
        assert siblings(path) == [path.name]


def test_a_refused_project_leaves_no_wal_or_shm_behind(tmp_path: Path) -> None:
    path = files.trigger_project(tmp_path / "p.barchasb")
    assert siblings(path) == ["p.barchasb"]
    with pytest.raises(ProjectError, match="refused"):
        Project.open(path)
    assert siblings(path) == ["p.barchasb"]


def test_a_project_from_a_newer_barchasb_is_refused_untouched(tmp_path: Path) -> None:
    path = files.project(tmp_path / "p.barchasb")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = files.state(path)
    with pytest.raises(ProjectError, match=r"made by a newer Barchasb \(file version 99"):
        Project.open(path)
    assert files.state(path) == before
