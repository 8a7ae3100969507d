"""A project's change feed: what other clients commit reaches a listener (a window refreshes from it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.importers import ImportOptions, import_paths
from annotator.model import DocStatus, Span
from annotator.schema import preset
from annotator.store import Project
from annotator.store.changes import Change, ChangeFeed, parse_change
from annotator.store.pg_migrations import NOTIFYING, PG_MIGRATIONS, PG_SCHEMA_VERSION
from tests.storage import plain, query

TEXT = "علی به تهران و شیراز رفت"


def where(name: str) -> tuple[int, int]:
    return TEXT.index(name), TEXT.index(name) + len(name)


def make(location: str, tmp_path: Path) -> str:
    source = tmp_path / "a.jsonl"
    source.write_text(f'{{"id": "d", "text": "{TEXT}"}}\n', encoding="utf-8")
    with Project.create(location, preset("combined")) as project:
        import_paths(project, [source], ImportOptions())
    return location


@pytest.fixture
def made(location: str, tmp_path: Path) -> str:
    return make(location, tmp_path)


def until(feed: ChangeFeed, wanted: Callable[[Change], bool]) -> list[Change]:
    """Everything the feed gives until a wanted change arrives (each poll returns at its first message)."""
    seen: list[Change] = []
    for _ in range(20):
        seen += feed.poll(5.0)
        if any(map(wanted, seen)):
            return seen
    raise AssertionError(f"never arrived; got {seen}")


def test_another_clients_commit_reaches_the_feed(made: str) -> None:
    with Project.open(made) as mine, Project.open(made) as theirs, mine.listen() as feed:
        theirs.add_span("d", "sara", Span(*where("تهران"), "LOC"))
        seen = until(feed, lambda c: True)
        if made.startswith("postgresql"):
            assert Change("spans", "d", "sara") in seen
        else:
            assert seen == [Change("project")]  # a file only says that something was committed


def test_the_server_says_what_changed_and_never_what_was_rolled_back(pg_url: str, tmp_path: Path) -> None:
    made = make(pg_url, tmp_path)
    with Project.open(made) as mine, Project.open(made) as theirs, mine.listen() as feed:
        with pytest.raises(RuntimeError), theirs.transaction():
            theirs.add_span("d", "ali", Span(*where("علی"), "PER"))
            raise RuntimeError("changed their mind")
        theirs.set_document_status("d", DocStatus.DONE)
        seen = until(feed, lambda c: c.table == "documents")
        assert seen == [Change("documents", "d")]  # nothing of the rolled-back span
        theirs.set_schema(preset("arman"))
        assert Change("settings", key="schema") in until(feed, lambda c: c.table == "settings")
        theirs.assign(["d"], ["sara"])
        assert Change("assignments", "d") in until(feed, lambda c: c.table == "assignments")
        theirs.resolve_region("d", *where("تهران"), [Span(*where("تهران"), "LOC")])
        assert Change("spans", "d", "gold") in until(feed, lambda c: c.table == "spans" and c.layer == "gold")
        mine.add_span("d", "ali", Span(*where("شیراز"), "LOC"))  # our own edit is marked as ours
        assert Change("spans", "d", "ali", mine=True) in until(feed, lambda c: c.layer == "ali")


def test_a_message_that_is_not_ours_is_ignored() -> None:
    assert parse_change("hello") is None and parse_change('{"table": 3}') is None
    assert parse_change('{"table": "spans", "doc": ["x"]}') is None
    assert parse_change('{"table": "spans", "doc": "d", "layer": "ali"}') == Change("spans", "d", "ali")


def test_a_version_1_server_project_gets_its_announcements(pg_url: str) -> None:
    Project.create(pg_url, preset("arman")).close()
    triggers = "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%\\_notify'"
    assert query(pg_url, triggers) == [(sum(map(len, NOTIFYING.values())),)]
    settings = query(pg_url, "SELECT key, value FROM settings WHERE key <> 'blind'")
    with plain(pg_url) as conn:  # a project as version 1 made it (later versions add roles and policies)
        conn.execute("DROP SCHEMA barchasb CASCADE")
        conn.execute("CREATE SCHEMA barchasb")
        conn.execute("SET search_path TO barchasb")
        for statement in PG_MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("INSERT INTO meta(key, value) VALUES ('application', 'barchasb'), ('version', '1')")
        conn.cursor().executemany("INSERT INTO settings(key, value) VALUES (%s, %s)", settings)
    assert query(pg_url, triggers) == [(0,)]
    with Project.open(pg_url):
        pass
    assert query(pg_url, "SELECT value FROM meta WHERE key = 'version'") == [(str(PG_SCHEMA_VERSION),)]
    assert query(pg_url, triggers) == [(sum(map(len, NOTIFYING.values())),)]
