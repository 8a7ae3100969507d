"""Plain connections to a project's database, beside Barchasb's own (what another process or tool sees)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annotator.store.db import is_server


def on_server(location: str | Path) -> bool:
    return is_server(location)


@contextmanager
def plain(location: str | Path) -> Iterator[Any]:
    """A driver connection in autocommit mode (psycopg with Barchasb's schema first on the search path)."""
    conn: Any
    if is_server(location):
        import psycopg

        conn = psycopg.connect(str(location), autocommit=True)
        conn.execute("SET search_path TO barchasb")
    else:
        conn = sqlite3.connect(location, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def query(location: str | Path, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows of one statement (``?`` placeholders), through a plain connection."""
    with plain(location) as conn:
        if is_server(location):
            sql = sql.replace("?", "%s")
            return [tuple(row) for row in conn.execute(sql, params or None).fetchall()]  # None: a % is a %
        return [tuple(row) for row in conn.execute(sql, params).fetchall()]


@contextmanager
def writing(location: str | Path) -> Iterator[None]:
    """Another process in the middle of a write that holds every writer back."""
    with plain(location) as conn:
        if is_server(location):
            conn.execute("BEGIN")
            conn.execute("LOCK TABLE spans, layers IN EXCLUSIVE MODE")
        else:
            conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")


def one_document(location: str, folder: Path, text: str) -> str:
    """A new combined-schema project at ``location`` holding ``text`` as document ``d``; returns the location."""
    import json

    from annotator.importers import ImportOptions, import_paths
    from annotator.schema import preset
    from annotator.store import Project

    source = folder / "a.jsonl"
    source.write_text(json.dumps({"id": "d", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    with Project.create(location, preset("combined")) as project:
        import_paths(project, [source], ImportOptions())
    return location


def wait_until_blocked(location: str | Path, backend_pid: int) -> None:
    """Return once the server session ``backend_pid`` waits on a lock (no sleeps in the test itself)."""
    with plain(location) as admin:
        while not admin.execute(
            "SELECT 1 FROM pg_stat_activity WHERE pid = %s AND wait_event_type = 'Lock'", (backend_pid,)
        ).fetchone():
            admin.execute("SELECT pg_sleep(0.01)")


def wait_for_lock_or_end(location: str | Path, thread: threading.Thread) -> None:
    """Until ``thread``'s session waits for a lock on the server, or the thread ends (a file's writer waits in
    its busy loop, where it cannot be seen: half a second then). A thread that ends was never held back."""
    if not on_server(location):
        thread.join(0.5)
        return
    with plain(location) as admin:
        for _ in range(600):
            if (
                not thread.is_alive()
                or admin.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                ).fetchone()
            ):
                return
            thread.join(0.05)
