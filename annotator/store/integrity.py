"""What a project file may hold, checked before anything in it is used: a file from a stranger is data, never code.

A SQLite file can carry triggers, views and defaults that run on the reader's connection. Before a
project is migrated or read, its ``sqlite_master`` must list exactly the objects Barchasb's migrations
create for the file's version (computed by running the migrations on an in-memory database, so the
check never drifts from them). The connection itself is also hardened (:func:`harden`): triggers and
views are switched off, schema functions are untrusted and pages are checked as they are read.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path

from annotator.errors import ProjectCorrupt, ProjectError
from annotator.store.migrations import MIGRATIONS, run_script

SQLITE_MAGIC = b"SQLite format 3\x00"

_SPACE = re.compile(r"\s+")
_AROUND = re.compile(r" ?([(),;]) ?")

Objects = dict[tuple[str, str], tuple[str, str | None]]  # (type, name) -> (table, normalized SQL)


def harden(conn: sqlite3.Connection) -> None:
    """Switch off what a crafted file could use to run code or corrupt memory on this connection."""
    conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)  # no writable_schema, no journal_mode=OFF
    conn.setconfig(sqlite3.SQLITE_DBCONFIG_TRUSTED_SCHEMA, False)
    conn.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER, False)  # we make none; a smuggled one never fires
    conn.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_VIEW, False)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")  # damaged b-tree cells are an error, not a wild read


def check_header(path: Path) -> None:
    """Refuse an empty file or one that is not SQLite before SQLite touches it (so nothing is written)."""
    with path.open("rb") as stream:
        head = stream.read(len(SQLITE_MAGIC))
    if not head:
        raise ProjectError(f"{path}: an empty file, not a Barchasb project (create one with `barchasb new`)")
    if head != SQLITE_MAGIC:
        raise ProjectError(f"{path}: not a Barchasb project (not a SQLite file)")


def normalize_sql(sql: str | None) -> str | None:
    """SQL with runs of white space collapsed, so only a real difference counts."""
    if sql is None:
        return None
    return _AROUND.sub(r"\1", _SPACE.sub(" ", sql)).strip()


@cache
def expected_objects(version: int) -> Objects:
    """Every object the first ``version`` migrations create, as ``sqlite_master`` lists it."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for script in MIGRATIONS[:version]:
            run_script(conn, script)
        return _objects(conn)
    finally:
        conn.close()


def check_objects(conn: sqlite3.Connection, version: int, path: Path) -> None:
    """Refuse a file whose schema objects are not exactly those of its version (one query of sqlite_master)."""
    found = _objects(conn)
    expected = expected_objects(version)
    foreign = [
        f"{kind} {name}" + (", changed" if (kind, name) in expected else "")
        for (kind, name), what in sorted(found.items())
        if expected.get((kind, name)) != what
    ]
    if foreign:
        raise ProjectError(
            f"{path}: refused: the file holds objects Barchasb never makes ({'; '.join(foreign)}); "
            "a file like this may have been made to run code on your annotations, so it is not opened"
        )
    missing = sorted(expected.keys() - found.keys())
    if missing:
        raise ProjectCorrupt(
            f"{path}: damaged project: objects are missing ({', '.join(f'{k} {n}' for k, n in missing)})"
        )


def _objects(conn: sqlite3.Connection) -> Objects:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {(str(kind), str(name)): (str(table), normalize_sql(sql)) for kind, name, table, sql in rows}
