"""The file backend: a project in one SQLite file (checked before use, then migrated; see integrity.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from annotator.errors import ProjectBusy, ProjectError
from annotator.store.changes import ChangeFeed, FileFeed
from annotator.store.db import Cursor, Db, Dialect
from annotator.store.integrity import check_objects, harden
from annotator.store.migrations import migrate, read_version

SQLITE = Dialect(
    layer_names="""(SELECT group_concat(annotator, char(31)) FROM
                       (SELECT annotator FROM layers WHERE doc = d.rowid ORDER BY annotator))""",
    insert_span=(
        'INSERT INTO spans(id, layer, start, "end", label, role, status, source, confidence) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ),
    span_fields_match=(
        'start = ? AND "end" = ? AND label = ? AND role IS ? AND status = ? AND source = ? AND confidence IS ?'
    ),
    for_update="",  # BEGIN IMMEDIATE already holds the file's only write lock
    hold_span_writers="",
)


class SqliteDb(Db):
    """A project file's connection; behaves exactly as the file backend always has."""

    dialect = SQLITE
    atomic_statements = False  # an edit takes the file's write lock first (BEGIN IMMEDIATE), busy or not
    signed_models = True
    IntegrityError = sqlite3.IntegrityError
    DatabaseError = sqlite3.DatabaseError

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.raw = conn
        # the connection's own methods: no extra Python call on the hot path
        self.execute = conn.execute  # type: ignore[method-assign,assignment]
        self.executemany = conn.executemany  # type: ignore[method-assign,assignment]

    @classmethod
    def connect(cls, path: Path, *, new: bool = False) -> SqliteDb:
        """Check the file before anything in it is used, then migrate it; reads only until the checks pass."""
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30.0, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ProjectError(f"{path}: cannot be opened ({exc})") from None
        try:
            harden(conn)
            version = read_version(conn, str(path), new=new)
            check_objects(conn, version, path)
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, str(path), version)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.OperationalError as exc:
            conn.close()
            raise busy_or(exc, path) from None
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a damaged page, or text that is not UTF-8
            conn.close()
            raise ProjectError(f"{path}: not a Barchasb project, or a damaged one ({exc})") from None
        except BaseException:
            conn.close()
            raise
        return cls(path, conn)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:  # replaced per instance (see __init__)
        return self.raw.execute(sql, params)  # type: ignore[no-any-return]

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        return self.raw.executemany(sql, rows)  # type: ignore[no-any-return]

    def begin(self) -> None:
        try:
            self.raw.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise busy_or(exc, self.path) from None

    def commit(self) -> None:
        try:
            self.raw.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self.raw.in_transaction:
                self.raw.execute("ROLLBACK")
            raise busy_or(exc, self.path) from None

    def rollback(self) -> None:
        if self.raw.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
            self.raw.execute("ROLLBACK")

    def begin_read(self) -> None:
        self.raw.execute("BEGIN")  # deferred: the first read takes the snapshot (WAL lets writers go on)

    def set_busy_timeout(self, seconds: float) -> None:
        self.raw.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")

    def close(self) -> None:
        self.raw.close()

    def listen(self) -> ChangeFeed:
        return FileFeed(self.path)


def busy_or(exc: sqlite3.OperationalError, path: Path) -> ProjectError:
    """The typed error for a failed BEGIN or COMMIT: busy when another process holds the lock."""
    code = getattr(exc, "sqlite_errorcode", None)  # absent when Python raised it (a text that is not UTF-8)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc):
        return ProjectBusy(f"{path}: the project is busy (another process is writing); try again")
    return ProjectError(f"{path}: {exc}")
