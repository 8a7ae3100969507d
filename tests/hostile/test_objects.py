"""A project file may hold exactly the tables and indexes Barchasb's migrations make; anything else is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.errors import ProjectError
from annotator.model import Span
from annotator.store import Project
from annotator.store.integrity import expected_objects
from annotator.store.migrations import SCHEMA_VERSION
from tests.hostile import files


def test_a_trigger_that_eats_spans_is_refused_and_the_file_is_untouched(tmp_path: Path) -> None:
    path = files.trigger_project(tmp_path / "p.barchasb")
    before = files.state(path)
    with pytest.raises(ProjectError) as caught:
        Project.open(path)
    assert str(caught.value) == (
        f"{path}: refused: the file holds objects Barchasb never makes (trigger eat_spans); a file like this may "
        "have been made to run code on your annotations, so it is not opened"
    )
    assert files.state(path) == before


def test_every_foreign_object_is_named(tmp_path: Path) -> None:
    for name, path in files.extra_object_projects(tmp_path).items():
        with pytest.raises(
            ProjectError, match=rf"objects Barchasb never makes \((trigger|view|table|index) {name}(, changed)?\)"
        ):
            Project.open(path)


def test_all_foreign_objects_are_listed_at_once(tmp_path: Path) -> None:
    path = files.with_sql(
        files.trigger_project(tmp_path / "p.barchasb"),
        "CREATE VIEW v AS SELECT 1",
        "ANALYZE",
    )
    with pytest.raises(ProjectError, match=r"\(table sqlite_stat1; trigger eat_spans; view v\)"):
        Project.open(path)


def test_a_missing_table_is_named(tmp_path: Path) -> None:
    path = files.with_sql(files.project(tmp_path / "p.barchasb"), "DROP TABLE lexicon", "DROP INDEX documents_hash")
    with pytest.raises(
        ProjectError,
        match=r"objects are missing \(index documents_hash, index sqlite_autoindex_lexicon_1, table lexicon\)",
    ):
        Project.open(path)


def test_a_changed_table_is_refused_even_with_our_name(tmp_path: Path) -> None:
    path = files.with_sql(
        files.project(tmp_path / "p.barchasb"),
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = replace(sql, 'DEFAULT ''accepted''', 'DEFAULT ''suggested''') "
        "WHERE name = 'spans'",
    )
    with pytest.raises(ProjectError, match=r"objects Barchasb never makes \(table spans, changed\)"):
        Project.open(path)


def test_whitespace_in_the_stored_sql_does_not_matter(tmp_path: Path) -> None:
    path = files.with_sql(
        files.project(tmp_path / "p.barchasb"),
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = replace(replace(sql, '    ', ' '), char(10), ' ') WHERE name = 'documents'",
    )
    with Project.open(path) as project:
        assert [d.id for d in project.documents()] == ["d", "e"]


def test_no_trigger_or_view_runs_on_our_connection_even_if_one_got_in(tmp_path: Path) -> None:
    """Belt and braces: the file's triggers are switched off on our connection (one added after the check)."""
    path = files.project(tmp_path / "p.barchasb")
    with Project.open(path) as project:
        files.with_sql(path, "CREATE TRIGGER eat AFTER INSERT ON spans BEGIN DELETE FROM spans; END")
        project.add_span("e", "ali", Span(*files.where(project.document("e").text, "شیراز"), "LOC"))
        assert [s.label for s in project.layer_spans("e", "ali")] == ["LOC"]
        assert project._conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0


def test_the_expected_objects_come_from_the_migrations(tmp_path: Path) -> None:
    current = expected_objects(SCHEMA_VERSION)
    assert ("table", "sqlite_sequence") in current  # spans AUTOINCREMENT
    assert ("index", "sqlite_autoindex_documents_1") in current  # documents.id UNIQUE
    assert ("index", "spans_layer") in expected_objects(3) and ("index", "spans_layer") not in current
    assert expected_objects(0) == {}
    path = files.project(tmp_path / "p.barchasb")
    conn = sqlite3.connect(path)
    stored = {(kind, name) for kind, name in conn.execute("SELECT type, name FROM sqlite_master")}
    conn.close()
    assert stored == set(current)


def test_old_versions_open_and_are_migrated(tmp_path: Path) -> None:
    for version in range(1, SCHEMA_VERSION + 1):
        path = files.old_version(tmp_path / f"v{version}.barchasb", version)
        with Project.open(path) as project:
            assert project._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert [s.label for s in project.layer_spans("d", "ali")] == ["PER"]
