"""The project file's SQL schema, one script per version."""

from __future__ import annotations

import sqlite3

from annotator.errors import ProjectError

APPLICATION_ID = 0x42524348  # "BRCH": marks a SQLite file as a Barchasb project

MIGRATIONS: tuple[str, ...] = (
    # version 1
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'new',
        n_tokens INTEGER NOT NULL,
        n_chars INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        normalization TEXT NOT NULL,
        source TEXT,
        imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX documents_hash ON documents(content_hash);
    CREATE TABLE texts (
        doc INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
        raw_text TEXT NOT NULL,
        text TEXT NOT NULL,
        raw_offsets BLOB,
        tokens BLOB NOT NULL,
        sentences BLOB NOT NULL
    );
    CREATE TABLE layers (
        id INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new',
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        UNIQUE (doc, annotator)
    );
    CREATE TABLE spans (
        id INTEGER PRIMARY KEY,
        layer INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        role TEXT,
        status TEXT NOT NULL DEFAULT 'accepted',
        source TEXT NOT NULL DEFAULT 'human',
        confidence REAL,
        CHECK (0 <= start AND start < "end")
    );
    CREATE INDEX spans_layer ON spans(layer, start);
    """,
    # version 2: pre-tagging (trained models, the user's lexicon, suggestions a human rejected)
    """
    CREATE TABLE models (
        name TEXT PRIMARY KEY,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        meta TEXT NOT NULL,
        data BLOB NOT NULL
    );
    CREATE TABLE lexicon (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 1,
        UNIQUE (text, label)
    );
    CREATE TABLE rejections (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (doc, annotator, start, "end", label)
    );
    """,
    # version 3: team review (who should annotate what, and the curator's "no entity here" decisions)
    """
    CREATE TABLE assignments (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        assigned_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        PRIMARY KEY (doc, annotator)
    );
    CREATE TABLE decisions (
        doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        decision TEXT NOT NULL,
        PRIMARY KEY (doc, start, "end")
    );
    """,
    # version 4: spans come out of the index in reading order (no sort when a layer or a project is read)
    """
    DROP INDEX spans_layer;
    CREATE INDEX spans_reading_order ON spans(layer, start, "end", id);
    """,
    # version 5: span ids are never reused (an undo addresses a span by id; a reused id is someone else's span)
    """
    CREATE TABLE spans_v5 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        layer INTEGER NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        role TEXT,
        status TEXT NOT NULL DEFAULT 'accepted',
        source TEXT NOT NULL DEFAULT 'human',
        confidence REAL,
        CHECK (0 <= start AND start < "end")
    );
    INSERT INTO spans_v5(id, layer, start, "end", label, role, status, source, confidence)
        SELECT id, layer, start, "end", label, role, status, source, confidence FROM spans;
    DROP TABLE spans;
    ALTER TABLE spans_v5 RENAME TO spans;
    CREATE INDEX spans_reading_order ON spans(layer, start, "end", id);
    """,
    # version 6: a stored model carries the HMAC of this installation's key (annotator/store/signing.py)
    """
    ALTER TABLE models ADD COLUMN signature BLOB;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute one migration's statements inside the caller's transaction (``executescript`` would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def read_version(conn: sqlite3.Connection, path: str, *, new: bool = False) -> int:
    """The file's schema version; refuses a file that is not a Barchasb project or is too new.

    Only a new file (``new``: made by :meth:`Project.create`) may be an empty SQLite database.
    """
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if app_id == 0 and version == 0 and new:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise ProjectError(f"{path}: a SQLite file, but not a Barchasb project")
        return 0
    if app_id != APPLICATION_ID or version <= 0:
        raise ProjectError(f"{path}: a SQLite file, but not a Barchasb project")
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"{path}: made by a newer Barchasb (file version {version}, this one reads up to "
            f"{SCHEMA_VERSION}); update Barchasb to open it"
        )
    return version


def migrate(conn: sqlite3.Connection, path: str, version: int) -> None:
    """Bring the file from ``version`` up to :data:`SCHEMA_VERSION` in one transaction: all steps or none."""
    if version >= SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # another process may have upgraded the file between our read and our lock
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for number in range(version, SCHEMA_VERSION):
            run_script(conn, MIGRATIONS[number])
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise
        if version == 0:
            raise ProjectError(f"{path}: cannot be created ({exc})") from None
        raise ProjectError(
            f"{path}: cannot be upgraded from file version {version} to {SCHEMA_VERSION} ({exc}); "
            "the file was left as it was"
        ) from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
